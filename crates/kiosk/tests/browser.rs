//! A whole kiosk session in a real browser (tests/browser/kiosk.session.mjs): this build's
//! kiosk program with a demo card in a private pcscd's virtual reader, the centre
//! (`mynumber serve --demo`, the workspace's binary built beside this one), Debian's Chromium
//! with axe-core on every screen, pdftoppm scanning the print's back.
//!
//! Skipped with a note when node, the npm packages, Chromium, pcscd or the centre's binary are
//! missing (`scripts/test` installs them and builds the workspace), unless
//! `MYNUMBER_REQUIRE_ORACLES=1` (CI), where it fails.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

use std::path::Path;
use std::process::Command;

#[test]
fn a_whole_kiosk_session_in_chromium_with_the_card_through_pcsc() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    let kiosk = Path::new(env!("CARGO_BIN_EXE_mynumber-kiosk"));
    // The centre's binary: built by the same `cargo test --workspace`, beside this one.
    let centre = kiosk.with_file_name("mynumber");
    let chromium =
        std::env::var("MYNUMBER_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let missing = if Command::new("node").arg("--version").output().is_err() {
        Some("node")
    } else if !dir.join("node_modules/playwright-core").is_dir()
        || !dir.join("node_modules/axe-core").is_dir()
    {
        Some("tests/browser/node_modules (npm ci)")
    } else if !Path::new(&chromium).exists() {
        Some("chromium")
    } else if Command::new("pcscd").arg("--version").output().is_err()
        || !Path::new("/usr/lib/pcsc/drivers/serial/libifdvpcd.so").exists()
    {
        Some("pcscd and vsmartcard-vpcd")
    } else if Command::new("pdftoppm").arg("-v").output().is_err() {
        Some("pdftoppm (poppler-utils)")
    } else if !centre.exists() {
        Some("the centre's binary (cargo build -p mynumber)")
    } else {
        None
    };
    if let Some(what) = missing {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "{what} is required for the kiosk's browser test (MYNUMBER_REQUIRE_ORACLES=1)"
        );
        eprintln!("skipped: {what} is missing (scripts/test installs it)");
        return;
    }
    let out = Command::new("node")
        .arg("--test")
        .arg("--test-reporter=tap")
        .arg("kiosk.session.mjs")
        .current_dir(&dir)
        .env("MYNUMBER_BIN", &centre)
        .env("MYNUMBER_KIOSK_BIN", kiosk)
        .env("MYNUMBER_CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "the kiosk's browser test failed (report above)"
    );
    assert!(
        report.contains("# fail 0") && !report.contains("# pass 0"),
        "the kiosk's browser test ran nothing"
    );
}
