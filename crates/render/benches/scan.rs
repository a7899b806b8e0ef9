//! Reading a print's back from a scan (証明書復号画像表示, issue 13): a household's copy of the
//! resident record with its back, the back rendered by pdftoppm at 300 dpi in gray as PNG and
//! as JPEG (a scanner's output), then `scan::read_symbols` on each; and, as the baseline in the
//! same run, zbarimg (an independent C reader) on the same PNG. Also the kiosk's PDF with its
//! back rendered. Needs the Debian fonts, poppler-utils and zbar-tools.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "benchmark"
)]

mod common;

use std::process::Command;
use std::time::Instant;

use common::fonts;
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use mynumber_core::Sex;
use mynumber_render::{
    PrintedPerson, RecordDocument, RecordEntry, RecordKind, render_record_with_back,
};

fn person(name: &str) -> PrintedPerson {
    PrintedPerson {
        name: name.into(),
        name_kana: Some("ヤマダ タロウ".into()),
        latin_name: None,
        alias: None,
        birth_date: date(1980, 4, 1),
        sex: Sex::Male,
        address: "東京都新宿区西新宿二丁目8番1号".into(),
    }
}

fn document() -> RecordDocument {
    let entry = |name: &str| RecordEntry {
        person: person(name),
        relationship: Some(mynumber_core::Relationship::Head),
        householder: Some("山田 太郎".into()),
        number: None,
        resident_code: None,
        previous_address: None,
        became_resident: Some(date(2020, 4, 1)),
        foreign: None,
    };
    RecordDocument {
        kind: RecordKind::Copy,
        language: "en".into(),
        entries: vec![entry("山田 太郎"), entry("山田 花子"), entry("山田 一郎")],
        removed: false,
        municipality: "新宿区".into(),
        issue_date: date(2026, 12, 6),
        verification_code: "K7QM-2XRT-9B4D-HW3P".into(),
        verify_url: "http://localhost:8080/verify".into(),
        copy_mark: true,
    }
}

fn bench(c: &mut Criterion) {
    let Some(fonts) = fonts() else { return };
    let tool = |name: &str| Command::new(name).arg("--version").output().is_ok();
    if !tool("pdftoppm") || !tool("zbarimg") {
        eprintln!("SKIPPED: pdftoppm or zbarimg is not installed (poppler-utils, zbar-tools)");
        return;
    }
    // Sealed bytes of the size a household of three seals to (three symbols' worth).
    let sealed: Vec<u8> = (0..1_500u32).map(|i| (i * 131 % 251) as u8).collect();
    let seal = |_: &mynumber_core::print_back::Front| {
        Ok(mynumber_core::print_back::split(&sealed, *b"benchbak").unwrap())
    };
    let doc = document();
    c.bench_function("render/record-with-back", |b| {
        b.iter(|| render_record_with_back(&fonts, &doc, Some(&seal)).unwrap())
    });
    let pdf = render_record_with_back(&fonts, &doc, Some(&seal)).unwrap();
    let dir = std::env::temp_dir().join(format!("mynumber-scan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("print.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let scan = |args: &[&str], ext: &str| {
        let status = Command::new("pdftoppm")
            .args(["-r", "300", "-gray", "-singlefile", "-f", "2", "-l", "2"])
            .args(args)
            .arg(&file)
            .arg(dir.join("back"))
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(dir.join(format!("back.{ext}"))).unwrap()
    };
    let png = scan(&["-png"], "png");
    let jpeg = scan(&["-jpeg", "-jpegopt", "quality=85"], "jpg");
    let read = mynumber_render::scan::read_symbols;
    assert_eq!(read(&png).unwrap().len(), 3);
    assert_eq!(read(&jpeg).unwrap().len(), 3);
    c.bench_function("scan/png-300dpi", |b| b.iter(|| read(&png).unwrap()));
    c.bench_function("scan/jpeg-300dpi", |b| b.iter(|| read(&jpeg).unwrap()));

    // The baseline: zbarimg on the same PNG, a process per read, five reads.
    let started = Instant::now();
    for _ in 0..5 {
        let out = Command::new("zbarimg")
            .args(["-q", "--raw", "--set", "binary=1"])
            .arg(dir.join("back.png"))
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    println!(
        "baseline zbarimg (process, PNG 300 dpi): {:.1} ms a read",
        started.elapsed().as_secs_f64() * 1000.0 / 5.0
    );
    if std::env::var_os("KEEP_SCANS").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
