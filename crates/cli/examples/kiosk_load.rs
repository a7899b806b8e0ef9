//! Load run of コンビニ交付 (issue 13; docs/performance.md, `scripts/bench-kiosk`): concurrent
//! kiosk loops against a running server on loopback. Each session is the whole flow, every
//! request a JWS signed by the terminal's key: the session's start, the card's answer (its
//! signature through the chip's own commands, a demo card, PIN 1234), the order, the payment
//! that issues the signed PDF, and the print's report. The server's time is the sum of the five
//! requests' times; the terminal's and the card's signing are the client's and are not counted.
//! In the same run, the baseline: the counter's issuance of a copy of the resident record (one
//! request, a staff token), as many loops for as long.
//!
//! `kiosk_load --make-key FILE` writes a P-256 key (PKCS#8) and prints its JWK `x` and `y`.
//! `kiosk_load URL DATA_DIR CARD TERMINAL SHOP KEY STAFF_TOKEN RESIDENT CONNECTIONS SECONDS`
//! runs.
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a load driver run by hand: a failure stops the run with its cause"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_card::{CardData, Chip, Power};
use mynumber_pki::jose::{base64url_decode, base64url_encode};

mod common;
use common::{call, card_sign, json, percentile, report};

/// What every loop shares.
struct Run {
    base: String,
    terminal: String,
    shop: String,
    key: EcdsaKeyPair,
    card: CardData,
}

impl Run {
    /// A request signed by the terminal for `path`, carrying `request`.
    fn signed(&self, path: &str, request: serde_json::Value) -> Vec<u8> {
        let header = serde_json::json!({"alg": "ES256", "typ": "kiosk+jwt", "kid": self.terminal});
        let payload = serde_json::json!({"terminal": self.terminal, "shop": self.shop,
            "htm": "POST", "htu": path, "iat": jiff::Timestamp::now().as_second(),
            "request": request});
        let input = format!(
            "{}.{}",
            base64url_encode(header.to_string().as_bytes()),
            base64url_encode(payload.to_string().as_bytes())
        );
        let signature = self
            .key
            .sign(&SystemRandom::new(), input.as_bytes())
            .expect("ECDSA signing with a valid key");
        format!("{input}.{}", base64url_encode(signature.as_ref())).into_bytes()
    }

    /// POSTs a signed request; the answer's JSON and the server's time.
    async fn post(&self, path: &str, request: serde_json::Value) -> (serde_json::Value, Duration) {
        let body = self.signed(path, request);
        let (r, t) = call(
            "POST",
            &format!("{}{path}", self.base),
            &[("Content-Type", "application/jose")],
            &body,
        )
        .await;
        assert!(
            (200..300).contains(&r.status),
            "{path}: {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        );
        (json(&r.body), t)
    }
}

/// The server's times of one session, by step.
#[derive(Default, Clone, Copy)]
struct Steps {
    start: Duration,
    card: Duration,
    order: Duration,
    payment: Duration,
    printed: Duration,
}

impl Steps {
    fn total(&self) -> Duration {
        self.start + self.card + self.order + self.payment + self.printed
    }
}

/// One whole session: the card inserted, the PIN, a copy of the resident record with the
/// householder and the number, paid, printed.
async fn session(run: &Run, chip: &mut Chip, certificate: &str) -> (Steps, usize) {
    let mut steps = Steps::default();
    let (s, t) = run
        .post("/api/kiosk/v1/sessions", serde_json::json!({}))
        .await;
    steps.start = t;
    let id = s["session"].as_str().expect("a session id").to_owned();
    let challenge =
        base64url_decode(s["challenge"].as_str().expect("a challenge")).expect("base64url");
    let message = mynumber_core::terminal::challenge_message(&id, &hex::encode(&challenge));
    let signature = card_sign(chip, &message);
    let at = |step: &str| format!("/api/kiosk/v1/sessions/{id}/{step}");
    let (_, t) = run
        .post(
            &at("card"),
            serde_json::json!({"step": 1, "certificate": certificate,
                "signature": mynumber_pki::base64_encode(&signature)}),
        )
        .await;
    steps.card = t;
    let (o, t) = run
        .post(
            &at("order"),
            serde_json::json!({"step": 2, "document": "resident-record-copy",
                "options": ["householder", "number"], "copies": 1}),
        )
        .await;
    steps.order = t;
    let total = o["order"]["total_yen"].as_i64().expect("a quote");
    let (p, t) = run
        .post(
            &at("payment"),
            serde_json::json!({"step": 3, "paid_yen": total}),
        )
        .await;
    steps.payment = t;
    let pdf = p["printout"]["pdf"].as_str().expect("a printout").len() * 3 / 4;
    let (_, t) = run
        .post(
            &at("printed"),
            serde_json::json!({"step": 4, "printed": true}),
        )
        .await;
    steps.printed = t;
    (steps, pdf)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--make-key") {
        let pkcs8 =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
                .expect("generating a P-256 key");
        std::fs::write(&args[1], pkcs8.as_ref()).expect("writing the key file");
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
            .expect("the key just generated");
        let (x, y) = mynumber_pki::jose::jwk_coordinates(key.public_key().as_ref())
            .expect("a P-256 public key is an uncompressed point");
        println!("{x} {y}");
        return;
    }
    let [
        base,
        data_dir,
        card,
        terminal,
        shop,
        key,
        staff,
        resident,
        connections,
        seconds,
    ] = &args[..]
    else {
        panic!(
            "usage: kiosk_load URL DATA_DIR CARD TERMINAL SHOP KEY STAFF_TOKEN RESIDENT CONNECTIONS SECONDS"
        );
    };
    let store = mynumber_app::system::CardKeyStore::open(format!("{data_dir}/card-keys"))
        .expect("the server's card key store");
    let card = CardData::open(&std::fs::read(card).expect("reading the card file"), &store)
        .expect("the card file opens with the server's key store");
    let certificate = mynumber_pki::base64_encode(
        &card
            .authentication
            .as_ref()
            .expect("a demo card has a user-authentication certificate")
            .certificate,
    );
    let run = Arc::new(Run {
        base: base.clone(),
        terminal: terminal.clone(),
        shop: shop.clone(),
        key: EcdsaKeyPair::from_pkcs8(
            &ECDSA_P256_SHA256_FIXED_SIGNING,
            &std::fs::read(key).expect("reading the terminal's key"),
        )
        .expect("the key file is PKCS#8 P-256"),
        card,
    });
    let connections: usize = connections.parse().expect("CONNECTIONS is a number");
    let seconds: u64 = seconds.parse().expect("SECONDS is a number");

    // Phase 1: whole kiosk sessions, each loop one resident's at a time.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut loops = Vec::new();
    for _ in 0..connections {
        let run = run.clone();
        let certificate = certificate.clone();
        loops.push(tokio::spawn(async move {
            let mut chip = Chip::new(run.card.clone());
            chip.power(Power::On);
            let mut done = Vec::new();
            while Instant::now() < deadline {
                done.push(session(&run, &mut chip, &certificate).await);
            }
            done
        }));
    }
    let mut all = Vec::new();
    for l in loops {
        all.extend(l.await.expect("a kiosk loop panicked"));
    }
    let elapsed = started.elapsed();
    println!(
        "{connections} loops, {seconds} s; server time = the five requests' own times, the terminal's and the card's signing left out"
    );
    report(
        "whole kiosk sessions (PDF included)",
        all.iter().map(|(s, _)| s.total()).collect(),
        elapsed,
    );
    let mut sizes: Vec<usize> = all.iter().map(|(_, n)| *n).collect();
    sizes.sort_unstable();
    if let Some(median) = sizes.get(sizes.len() / 2) {
        println!("  the PDF: {median} bytes (median)");
    }
    for (name, pick) in [
        ("  start", (|s: &Steps| s.start) as fn(&Steps) -> Duration),
        ("  the card's answer", |s| s.card),
        ("  order", |s| s.order),
        ("  payment (the PDF issued)", |s| s.payment),
        ("  printed", |s| s.printed),
    ] {
        let mut t: Vec<Duration> = all.iter().map(|(s, _)| pick(s)).collect();
        t.sort();
        println!(
            "{name}: p50 {:.2} ms, p99 {:.2} ms",
            percentile(&t, 0.5),
            percentile(&t, 0.99)
        );
    }

    // Phase 2, the baseline: the counter's copy of the resident record, one request each.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let path = format!("{base}/api/v1/residents/{resident}/resident-record");
    let auth = format!("Bearer {staff}");
    let mut loops = Vec::new();
    for _ in 0..connections {
        let path = path.clone();
        let auth = auth.clone();
        loops.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while Instant::now() < deadline {
                let (r, t) = call(
                    "POST",
                    &path,
                    &[
                        ("Authorization", &auth),
                        ("Content-Type", "application/json"),
                    ],
                    br#"{"kind":"copy","items":["householder"]}"#,
                )
                .await;
                assert!(
                    (200..300).contains(&r.status),
                    "{} {}",
                    r.status,
                    String::from_utf8_lossy(&r.body)
                );
                times.push(t);
            }
            times
        }));
    }
    let mut times = Vec::new();
    for l in loops {
        times.extend(l.await.expect("a counter loop panicked"));
    }
    report(
        "the counter's copy of the resident record (baseline)",
        times,
        started.elapsed(),
    );
}
