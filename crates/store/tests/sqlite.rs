//! The conformance suite on embedded SQLite.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod suite;

async fn url(name: &str) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("mynumber-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&path);
    Some(format!("sqlite://{}?mode=rwc", path.display()))
}

all_cases!(url);
