//! An import killed at random moments and run again on the same file registers everyone once,
//! with one number each, on SQLite and on PostgreSQL (issue 9: a crashed import must not
//! register anyone twice).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{bin, sample, text, tmp};

/// Rows in the file: 150 batches of 200, several seconds of a debug build's import, so that
/// the kills (within 420 ms of each start) land between and inside batches, never all after.
const ROWS: usize = 30_000;

/// Runs the import again and again, killing it after a random delay, until a run finishes;
/// returns how many runs were killed and how many said they resumed.
fn import_until_done(mynumber: &dyn Fn() -> Command, file: &Path, seed: u64) -> (u32, u32) {
    // A small deterministic generator: the delays are reproducible from the seed printed.
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut killed, mut resumed) = (0, 0);
    for attempt in 0..80 {
        let mut child = mynumber()
            .args([
                "resident",
                "import",
                file.to_str().unwrap(),
                "--batch-size",
                "200",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The first runs are cut early and late; after 60 tries the import runs to its end.
        let delay = if attempt < 60 {
            50 + next() % 1200
        } else {
            600_000
        };
        let deadline = std::time::Instant::now() + Duration::from_millis(delay);
        let mut finished = None;
        while std::time::Instant::now() < deadline {
            if let Some(status) = child.try_wait().unwrap() {
                finished = Some(status);
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if finished.is_none() {
            child.kill().unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let err = text(&out.stderr);
        resumed += u32::from(err.contains("resuming import"));
        if out.status.success() || err.contains("imported completely") {
            eprintln!("seed {seed}: {killed} runs killed, {resumed} resumed");
            return (killed, resumed);
        }
        // A run that stopped on its own must have failed for a reason it states.
        assert!(finished.is_none(), "seed {seed}: the import failed: {err}");
        killed += 1;
    }
    panic!("seed {seed}: the import never finished");
}

/// Everyone in the file is registered once, with one number, and the ledger holds.
fn assert_registered_once(mynumber: &dyn Fn() -> Command, file: &Path) {
    let out = mynumber()
        .args(["resident", "export", "--purpose", "tax"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported: Vec<csv::StringRecord> = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    let source: Vec<csv::StringRecord> = csv::Reader::from_path(file)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect();
    // Each row of the file is registered exactly once: the same people, as many times.
    let person = |r: &csv::StringRecord| -> Vec<String> {
        [0, 1, 6, 7, 14, 16]
            .iter()
            .map(|i| r[*i].to_owned())
            .collect()
    };
    let mut want: Vec<Vec<String>> = source.iter().map(person).collect();
    let mut got: Vec<Vec<String>> = exported.iter().map(person).collect();
    want.sort();
    got.sort();
    assert_eq!(
        got.len(),
        ROWS,
        "someone was registered twice or not at all"
    );
    assert!(got == want, "the register differs from the file");
    let numbers: HashSet<&str> = exported.iter().map(|r| &r[19]).collect();
    assert_eq!(numbers.len(), ROWS, "a person got a second number");
    let out = mynumber().args(["ledger", "verify"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Run once more, the finished file is refused and nothing is written.
    let out = mynumber()
        .args(["resident", "import"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        text(&out.stderr).contains("imported completely"),
        "{}",
        text(&out.stderr)
    );
}

fn seed() -> u64 {
    std::env::var("MYNUMBER_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        })
}

/// Sets up a data directory (the kills are aimed at the import), then imports a sample file
/// with kills until a run finishes, and checks the register.
fn killed_import(name: &str, file_seed: u64, database_url: Option<&str>) {
    let dir = tmp(name);
    let file = sample(&dir, ROWS, file_seed);
    let data = dir.join("data");
    let mynumber = || {
        let mut c = bin();
        c.args(["--data-dir", data.to_str().unwrap()]);
        if let Some(url) = database_url {
            c.args(["--database-url", url]);
        }
        c
    };
    assert!(
        mynumber()
            .args(["ledger", "verify"])
            .status()
            .unwrap()
            .success()
    );
    let (killed, resumed) = import_until_done(&mynumber, &file, seed());
    assert!(killed > 0 && resumed > 0, "no run was cut short");
    assert_registered_once(&mynumber, &file);
}

#[test]
fn an_import_killed_at_random_resumes_and_registers_everyone_once_on_sqlite() {
    killed_import("import-killed", 21, None);
}

#[test]
fn an_import_killed_at_random_resumes_and_registers_everyone_once_on_postgres() {
    if let Some(url) = mynumber_test_support::postgres_database("killed") {
        killed_import("import-killed-pg", 22, Some(&url));
    }
}
