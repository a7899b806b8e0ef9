//! Certificates issued per second (one RSA-2048/SHA-256 signature each, against
//! `openssl speed rsa2048` measured in the same run), CRLs, and OCSP answers signed by the
//! delegated ECDSA responder (docs/performance.md).
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
    let spki = mynumber_pki::ProvenKey::from_key_pair(&card);
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

fn ocsp(c: &mut Criterion) {
    use mynumber_pki::{ParsedRequest, Responder, Status};
    let config = PkiConfig::with_url("http://127.0.0.1:8080");
    let now: jiff::Timestamp = "2026-11-25T03:00:00Z".parse().unwrap();
    let key = KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048).unwrap();
    let ca = Authority::create(Hierarchy::Authentication, &config, key, [3; 16], now, 10).unwrap();
    let responder = Responder::new(
        &ca,
        &config,
        KeyPair::generate_for(&mynumber_pki::PKCS_ECDSA_P256_SHA256).unwrap(),
        [4; 16],
        now,
        30,
    )
    .unwrap();
    // A request as `openssl ocsp -issuer ca.pem -serial 0x4142… -reqout` writes it, with the
    // SHA-1 issuer hashes of this authority (computed by the responder itself).
    let request = ocsp_request(ca.certificate());
    let parsed = ParsedRequest::parse(&request).unwrap();
    assert!(responder.answers(&parsed));
    let next = now + jiff::SignedDuration::from_hours(1);
    c.bench_function("parse an OCSP request", |b| {
        b.iter(|| ParsedRequest::parse(&request).unwrap())
    });
    c.bench_function("sign an OCSP answer (ECDSA P-256)", |b| {
        b.iter(|| {
            responder
                .respond(&parsed, |_| Status::Good, now, next)
                .unwrap()
        })
    });
}

/// A DER OCSPRequest for serial 0x41…41 (16 bytes) under the CA `ca_der`, built by hand:
/// SEQUENCE { tbsRequest SEQUENCE { requestList SEQUENCE { Request SEQUENCE { CertID } } } }.
fn ocsp_request(ca_der: &[u8]) -> Vec<u8> {
    use aws_lc_rs::digest::{SHA1_FOR_LEGACY_USE_ONLY as SHA1, digest};
    let (name, key) = name_and_key(ca_der);
    let tlv = |tag: u8, body: &[u8]| {
        let mut out = vec![tag];
        if body.len() < 128 {
            out.push(body.len() as u8);
        } else {
            out.extend([0x81, body.len() as u8]);
        }
        out.extend_from_slice(body);
        out
    };
    let sha1 = tlv(
        0x30,
        &[
            &[0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a][..],
            &[0x05, 0x00],
        ]
        .concat(),
    );
    let cert_id = tlv(
        0x30,
        &[
            sha1,
            tlv(0x04, digest(&SHA1, name).as_ref()),
            tlv(0x04, digest(&SHA1, key).as_ref()),
            tlv(0x02, &[0x41; 16]),
        ]
        .concat(),
    );
    tlv(0x30, &tlv(0x30, &tlv(0x30, &tlv(0x30, &cert_id))))
}

/// The subject name (DER) and the public key bits of a certificate, by walking its DER.
fn name_and_key(der: &[u8]) -> (&[u8], &[u8]) {
    // Returns (header length, content length) of the TLV at the start of `d`.
    fn head(d: &[u8]) -> (usize, usize) {
        match d[1] {
            n if n < 0x80 => (2, n as usize),
            0x81 => (3, d[2] as usize),
            _ => (4, (d[2] as usize) << 8 | d[3] as usize),
        }
    }
    let skip = |d: &[u8]| {
        let (h, l) = head(d);
        h + l
    };
    let (h, _) = head(der);
    let tbs = &der[h..];
    let (h, _) = head(tbs);
    let mut at = &tbs[h..];
    // version [0], serial, signature algorithm, issuer, validity, then subject.
    for _ in 0..5 {
        at = &at[skip(at)..];
    }
    let name = &at[..skip(at)];
    let spki = &at[skip(at)..];
    let (h, _) = head(spki);
    let inner = &spki[h..];
    let bits = &inner[skip(inner)..];
    let (h, l) = head(bits);
    // The BIT STRING's first content byte counts unused bits (0).
    (name, &bits[h + 1..h + l])
}

criterion_group!(benches, bench, ocsp);
criterion_main!(benches);
