//! Certificates issued per second: one RSA-2048/SHA-256 signature per certificate, against
//! `openssl speed rsa2048` measured in the same run (docs/performance.md).
#![allow(clippy::unwrap_used, missing_docs, reason = "benchmark")]

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use mynumber_core::Sex;
use mynumber_pki::{Authority, BasicFour, Hierarchy, Holder, KeyPair, PkiConfig, Reason, Revoked};

fn bench(c: &mut Criterion) {
    let config = PkiConfig::with_url("http://127.0.0.1:8080");
    let now: jiff::Timestamp = "2026-11-25T03:00:00Z".parse().unwrap();
    let key = KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048).unwrap();
    let ca = Authority::create(Hierarchy::Signature, &config, key, [3; 16], now, 10).unwrap();
    let card =
        KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048).unwrap();
    let spki = rcgen::PublicKeyData::subject_public_key_info(&card);
    let holder = Holder::Signature {
        four: BasicFour {
            name: "山田\u{3000}太郎".into(),
            sex: Sex::Male,
            birth_date: date(1990, 5, 1),
            address: "東京都新宿区西新宿2-8-1".into(),
        },
        locality: "131041".into(),
        common_name: "K7QM2XRT13104261125A".into(),
    };
    let until: jiff::Timestamp = "2030-05-01T14:59:59Z".parse().unwrap();
    let mut serial = 0u64;
    c.bench_function("issue a signature certificate", |b| {
        b.iter(|| {
            serial += 1;
            let mut s = [1u8; 16];
            s[8..].copy_from_slice(&serial.to_be_bytes());
            ca.issue(&config, &holder, &spki, s, now, until).unwrap()
        })
    });
    let revoked: Vec<Revoked> = (0..10_000u64)
        .map(|i| {
            let mut s = [1u8; 16];
            s[8..].copy_from_slice(&i.to_be_bytes());
            Revoked {
                serial: mynumber_pki::serial_bytes(s),
                at: now,
                reason: Reason::AffiliationChanged,
            }
        })
        .collect();
    c.bench_function("CRL with 10,000 entries", |b| {
        b.iter(|| {
            ca.crl(&revoked, 7, now, now + jiff::SignedDuration::from_hours(24))
                .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
