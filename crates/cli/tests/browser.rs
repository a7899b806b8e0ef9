//! The staff screens and the log-in with the card in a real browser: runs `tests/browser/`
//! (node's test runner, with playwright-core driving Debian's Chromium, axe-core auditing every
//! page, and openid-client as a relying party) against this build's binary. Each flow is done with the keyboard alone; screenshots land in
//! `target/screenshots/` (docs/design/web.md).
//!
//! Skipped with a note when node, the npm packages or Chromium are missing (`scripts/test`
//! installs them), unless `MYNUMBER_REQUIRE_ORACLES=1` (CI), where it fails.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

use std::path::Path;
use std::process::Command;

#[test]
fn the_staff_screens_work_by_keyboard_and_pass_axe_in_chromium() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    let chromium =
        std::env::var("MYNUMBER_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let node = Command::new("node").arg("--version").output();
    let missing = if node.is_err() {
        Some("node")
    } else if !dir.join("node_modules/playwright-core").is_dir()
        || !dir.join("node_modules/axe-core").is_dir()
        || !dir.join("node_modules/openid-client").is_dir()
    {
        Some("tests/browser/node_modules (npm ci)")
    } else if !Path::new(&chromium).exists() {
        Some("chromium")
    } else {
        None
    };
    if let Some(what) = missing {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "{what} is required for the browser tests (MYNUMBER_REQUIRE_ORACLES=1); scripts/test installs it"
        );
        eprintln!("skipped: {what} is missing (scripts/test installs it)");
        return;
    }
    let out = Command::new("node")
        .arg("--test")
        .arg("--test-reporter=tap")
        .current_dir(&dir)
        .env("MYNUMBER_BIN", env!("CARGO_BIN_EXE_mynumber"))
        .env("MYNUMBER_CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "the browser tests failed (report above)"
    );
    assert!(
        report.contains("# fail 0") && !report.contains("# pass 0"),
        "the browser tests ran nothing"
    );
}
