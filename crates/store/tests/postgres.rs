//! The conformance suite on PostgreSQL (a throwaway server; see mynumber-test-support).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod suite;

async fn url(name: &str) -> Option<String> {
    mynumber_test_support::postgres_database(name)
}

all_cases!(url);
