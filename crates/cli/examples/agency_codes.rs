//! 機関別符号 at national scale (issue 14, docs/performance.md): RESIDENTS × UNITS codes derived
//! on every core, and no two alike. Each code's top 61 bits (its first 13 digits) are kept and
//! sorted; no equal neighbours means no equal codes. Beside it, as the baseline of the same run,
//! the Individual Number's own derivation (HMAC-SHA-256 too) over the same residents.
//!
//! `cargo run --release -p mynumber --example agency_codes [RESIDENTS] [UNITS]`
//! (default 1,000,000 × 50).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a measurement program"
)]

use std::time::Instant;

use mynumber_core::agency_code::{AgencyUnit, ExchangeKey};
use mynumber_core::{DerivationInput, DerivationKey, ResidentCode};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn prefix(code: &str) -> u64 {
    code.bytes().take(13).fold(0u64, |acc, b| {
        let digit = ALPHABET
            .iter()
            .position(|a| *a == b)
            .expect("a Crockford digit") as u64;
        (acc << 5) | digit
    })
}

fn main() {
    let mut args = std::env::args().skip(1);
    let residents: u64 = args
        .next()
        .map_or(1_000_000, |a| a.parse().expect("RESIDENTS"));
    let units: usize = args.next().map_or(50, |a| a.parse().expect("UNITS"));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let key = ExchangeKey::from_bytes([0x5A; 32]);
    let unit_names: Vec<AgencyUnit> = (0..units)
        .map(|u| {
            AgencyUnit::parse(&format!("agency-{u:02}/part-{}", u % 3))
                .expect("lowercase letters, digits, - and / make a unit's name")
        })
        .collect();
    let resident = |i: u64| {
        ResidentCode::from_body(1_000_000_000 + i * 7)
            .expect("a 10-digit body below 10^10 for up to 1.2 billion residents")
    };

    // Baseline: the Individual Number's derivation over the same residents.
    let numbers = DerivationKey::from_bytes([0x33; 32]);
    let started = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads as u64 {
            let numbers = &numbers;
            s.spawn(move || {
                for i in (t..residents).step_by(threads) {
                    let input = DerivationInput {
                        resident_code: resident(i),
                        generation: 0,
                        attempt: 0,
                    };
                    std::hint::black_box(numbers.derive(input));
                }
            });
        }
    });
    let baseline = started.elapsed();

    let started = Instant::now();
    let mut parts: Vec<Vec<u64>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| {
                let (key, unit_names) = (&key, &unit_names);
                s.spawn(move || {
                    let mut out = Vec::with_capacity((residents as usize / threads + 1) * units);
                    for i in (t..residents).step_by(threads) {
                        let r = resident(i);
                        for unit in unit_names {
                            out.push(prefix(key.code(&r, unit).expose()));
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a deriving thread does not panic"))
            .collect()
    });
    let derived = started.elapsed();
    let mut all: Vec<u64> = parts.drain(..).flatten().collect();
    let total = all.len();
    all.sort_unstable();
    let equal = all.windows(2).filter(|w| w[0] == w[1]).count();
    println!("machine: {threads} threads; {residents} residents × {units} units = {total} codes");
    println!(
        "baseline, the Individual Number's derivation: {residents} in {:.2} s = {:.0}/s",
        baseline.as_secs_f64(),
        residents as f64 / baseline.as_secs_f64()
    );
    println!(
        "機関別符号: {total} in {:.2} s = {:.0}/s",
        derived.as_secs_f64(),
        total as f64 / derived.as_secs_f64()
    );
    println!("codes whose top 61 bits are equal to another's: {equal}");
    assert_eq!(
        equal, 0,
        "two codes share their top 61 bits: compare them whole"
    );
}
