//! Notification letters rendered per second: one letter (two pages with its application form),
//! and a print batch of 100 letters in the ten languages. Needs the Debian font packages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "benchmark"
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::date;
use mynumber_core::{ApplicationId, IndividualNumber, MunicipalityCode, Sex};
mod common;

use common::fonts;
use mynumber_render::{NoticeLetter, PrintedPerson, render_notices};

fn letter(i: u64) -> NoticeLetter {
    let languages = mynumber_i18n::LANGUAGES;
    let base = 12_345_678_901 + i * 7;
    NoticeLetter {
        language: languages[(i as usize) % languages.len()].to_owned(),
        person: PrintedPerson {
            name: format!("山田 太郎{}", i % 10),
            name_kana: Some("ヤマダ タロウ".into()),
            latin_name: None,
            alias: None,
            birth_date: date(1990, 5, 1),
            sex: Sex::Male,
            address: "東京都新宿区西新宿2丁目8番1号".into(),
        },
        number: IndividualNumber::from_base(base % 100_000_000_000).unwrap(),
        municipality: "新宿区".into(),
        issue_date: date(2026, 11, 25),
        application_id: ApplicationId::from_random(
            MunicipalityCode::parse("131041").unwrap(),
            i.to_be_bytes(),
        )
        .unwrap(),
    }
}

fn bench(c: &mut Criterion) {
    let Some(fonts) = fonts() else { return };
    let one = [letter(2)];
    let batch: Vec<NoticeLetter> = (0..100).map(letter).collect();
    let mut g = c.benchmark_group("notification letters");
    g.sample_size(20);
    g.throughput(Throughput::Elements(1));
    g.bench_function("one letter (English)", |b| {
        b.iter(|| render_notices(&fonts, &one).unwrap())
    });
    g.throughput(Throughput::Elements(100));
    g.bench_function("batch of 100, ten languages", |b| {
        b.iter(|| render_notices(&fonts, &batch).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
