//! Helpers shared by the binary's end-to-end tests: running `mynumber`, scratch directories,
//! sample files, exports, and skipping (or, in CI, failing) when an oracle tool is missing.
#![allow(dead_code, reason = "each test file uses some of the helpers")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mynumber"));
    c.env("RUST_LOG", "error");
    c
}

pub(crate) fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mynumber-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub(crate) fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub(crate) fn sample(dir: &Path, count: usize, seed: u64) -> PathBuf {
    let path = dir.join(format!("sample-{seed}.csv"));
    let out = run(
        &[
            "resident",
            "sample",
            "--count",
            &count.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

pub(crate) fn export(data: &[&str], purpose: Option<&str>) -> Vec<Vec<String>> {
    let mut args = data.to_vec();
    args.extend(["resident", "export"]);
    if let Some(p) = purpose {
        args.extend(["--purpose", p]);
    }
    let out = run(&args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Whether an external tool is installed; without it the check skips loudly, unless CI
/// requires the oracles.
pub(crate) fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "{tool} is required (apt-get install poppler-utils zbar-tools)"
        );
        eprintln!("SKIPPED: {tool} is not installed");
    }
    found
}
