//! Benchmarks of the pure number functions: validation throughput and derivation.
//!
//! Run: `cargo bench -p mynumber-core --bench numbers`. Figures go to docs/performance.md.

#![allow(clippy::unwrap_used, reason = "benchmark setup")]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mynumber_core::{
    CorporateNumber, DerivationInput, DerivationKey, IndividualNumber, ResidentCode,
};

fn inputs(n: usize) -> Vec<String> {
    // Valid and invalid numbers, mixed, as a file of typed-in numbers would be.
    (0..n as u64)
        .map(|i| {
            let base = i.wrapping_mul(7_919_117) % 100_000_000_000;
            let s = IndividualNumber::from_base(base)
                .map(|n| n.expose_digits().to_owned())
                .unwrap_or_default();
            if i % 10 == 0 {
                format!("{}{}", &s[..11], (s.as_bytes()[11] - b'0' + 1) % 10)
            } else {
                s
            }
        })
        .collect()
}

fn validation(c: &mut Criterion) {
    let numbers = inputs(1024);
    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(numbers.len() as u64));
    g.bench_function("individual_number_parse_12_ascii", |b| {
        b.iter(|| {
            let mut ok = 0u32;
            for n in &numbers {
                ok += u32::from(IndividualNumber::parse(black_box(n)).is_ok());
            }
            ok
        })
    });
    let spaced: Vec<String> = numbers
        .iter()
        .map(|s| format!("{} {} {}", &s[..4], &s[4..8], &s[8..]))
        .collect();
    g.bench_function("individual_number_parse_4_4_4", |b| {
        b.iter(|| {
            spaced
                .iter()
                .filter(|n| IndividualNumber::parse(black_box(n)).is_ok())
                .count()
        })
    });
    let corporate: Vec<String> = numbers.iter().map(|s| format!("5{s}")).collect();
    g.bench_function("corporate_number_parse", |b| {
        b.iter(|| {
            corporate
                .iter()
                .filter(|n| CorporateNumber::parse(black_box(n)).is_ok())
                .count()
        })
    });
    g.finish();
}

fn derivation(c: &mut Criterion) {
    let key = DerivationKey::from_bytes([7; 32]);
    let mut body = 0u64;
    c.bench_function("derive_individual_number", |b| {
        b.iter(|| {
            body = (body + 1) % 10_000_000_000;
            let input = DerivationInput {
                resident_code: ResidentCode::from_body(body).unwrap_or_else(|| unreachable!()),
                generation: 0,
                attempt: 0,
            };
            key.derive(black_box(input))
        })
    });
}

criterion_group!(benches, validation, derivation);
criterion_main!(benches);
