//! Load run of log-in with the card (issue 12; docs/performance.md, `scripts/bench-login`):
//! concurrent relying-party-and-resident loops against a running server on loopback. Each
//! log-in is the whole flow: the authorization request, the app's challenge, the card's
//! signature through the chip's own commands (a demo card, PIN 1234), the answer, the consent,
//! the code for tokens with a fresh `private_key_jwt` assertion, and userinfo. The server's
//! time is the sum of the six requests' times; the card's and the relying party's signing are
//! the client's and are not counted. A second phase collects codes (log-ins up to the consent)
//! and then trades them as fast as it can: the token endpoint alone.
//!
//! `login_load --make-key FILE` writes a P-256 key (PKCS#8) and prints its JWK `x` and `y`.
//! `login_load URL DATA_DIR CARD CLIENT KEY REDIRECT CONNECTIONS SECONDS` runs.
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a load driver run by hand: a failure stops the run with its cause"
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_card::{CardData, Chip, Power};
use mynumber_pki::jose::{base64url_decode, base64url_encode, pkce_s256};

mod common;
use common::{call, card_sign, json, percentile, report};

/// What every loop shares.
struct Run {
    base: String,
    issuer: String,
    client: String,
    redirect: String,
    key: EcdsaKeyPair,
    card: CardData,
    jti: AtomicU64,
}

/// The server's times of one log-in, by step.
#[derive(Default, Clone, Copy)]
struct Steps {
    auth: Duration,
    challenge: Duration,
    answer: Duration,
    consent: Duration,
    token: Duration,
    userinfo: Duration,
}

impl Steps {
    fn total(&self) -> Duration {
        self.auth + self.challenge + self.answer + self.consent + self.token + self.userinfo
    }
}

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// A log-in up to its code: the request, the card, the consent.
async fn up_to_code(run: &Run, chip: &mut Chip, certificate: &str, steps: &mut Steps) -> String {
    let url = format!(
        "{}/protocol/openid-connect/auth?response_type=code&client_id={}&redirect_uri={}&scope=openid%20name%20birthdate&state=s&nonce=n&code_challenge={}&code_challenge_method=S256",
        run.issuer,
        run.client,
        mynumber_core::oidc::percent_encode(&run.redirect),
        pkce_s256(VERIFIER)
    );
    let (r, t) = call("GET", &url, &[], b"").await;
    assert_eq!(r.status, 303, "{}", String::from_utf8_lossy(&r.body));
    steps.auth = t;
    let login = format!("{}{}", run.base, r.header("location"));
    let cookie = r
        .header("set-cookie")
        .split(';')
        .next()
        .expect("split yields at least one part")
        .to_owned();
    let (r, t) = call("GET", &format!("{login}/card"), &[], b"").await;
    assert_eq!(r.status, 200);
    steps.challenge = t;
    let message = base64url_decode(
        json(&r.body)["message"]
            .as_str()
            .expect("the challenge has a message"),
    )
    .expect("the challenge's message is base64url");
    let signature = card_sign(chip, &message);
    let answer = serde_json::json!({
        "certificate": certificate,
        "signature": base64url_encode(&signature),
    })
    .to_string();
    let (r, t) = call(
        "POST",
        &format!("{login}/card"),
        &[("Content-Type", "application/json")],
        answer.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 204, "{}", String::from_utf8_lossy(&r.body));
    steps.answer = t;
    let (r, t) = call(
        "POST",
        &login,
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"decision=agree",
    )
    .await;
    assert_eq!(r.status, 303);
    steps.consent = t;
    r.header("location")
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code="))
        .expect("consent redirects with a code")
        .to_owned()
}

/// The code for tokens with a fresh assertion; the access token.
async fn trade(run: &Run, code: &str, steps: &mut Steps) -> String {
    let now = jiff::Timestamp::now().as_second();
    let jti = run.jti.fetch_add(1, Ordering::Relaxed);
    let input = format!(
        "{}.{}",
        base64url_encode(br#"{"alg":"ES256","kid":"load"}"#),
        base64url_encode(
            serde_json::json!({"iss": run.client, "sub": run.client, "aud": run.issuer,
                "jti": format!("load-{}-{jti}", std::process::id()), "iat": now, "exp": now + 120})
            .to_string()
            .as_bytes()
        )
    );
    let sig = run
        .key
        .sign(&SystemRandom::new(), input.as_bytes())
        .expect("ECDSA signing with a valid key");
    let form = format!(
        "grant_type=authorization_code&code={code}&redirect_uri={}&code_verifier={VERIFIER}&client_id={}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={input}.{}",
        mynumber_core::oidc::percent_encode(&run.redirect),
        run.client,
        base64url_encode(sig.as_ref())
    );
    let (r, t) = call(
        "POST",
        &format!("{}/protocol/openid-connect/token", run.issuer),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    steps.token = t;
    json(&r.body)["access_token"]
        .as_str()
        .expect("the token answer has an access_token")
        .to_owned()
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
        client,
        key,
        redirect,
        connections,
        seconds,
    ] = &args[..]
    else {
        panic!("usage: login_load URL DATA_DIR CARD CLIENT KEY REDIRECT CONNECTIONS SECONDS");
    };
    let store = mynumber_app::system::CardKeyStore::open(format!("{data_dir}/card-keys"))
        .expect("the server's card key store");
    let card = CardData::open(&std::fs::read(card).expect("reading the card file"), &store)
        .expect("the card file opens with the server's key store");
    let certificate = base64url_encode(
        &card
            .authentication
            .as_ref()
            .expect("a demo card has a user-authentication certificate")
            .certificate,
    );
    let run = Arc::new(Run {
        base: base.clone(),
        issuer: format!("{base}/api/realms/main"),
        client: client.clone(),
        redirect: redirect.clone(),
        key: EcdsaKeyPair::from_pkcs8(
            &ECDSA_P256_SHA256_FIXED_SIGNING,
            &std::fs::read(key).expect("reading the relying party's key"),
        )
        .expect("the key file is PKCS#8 P-256"),
        card,
        jti: AtomicU64::new(0),
    });
    let connections: usize = connections.parse().expect("CONNECTIONS is a number");
    let seconds: u64 = seconds.parse().expect("SECONDS is a number");

    // Phase 1: whole log-ins, each loop one resident's at a time.
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
                let mut steps = Steps::default();
                let code = up_to_code(&run, &mut chip, &certificate, &mut steps).await;
                let token = trade(&run, &code, &mut steps).await;
                let (r, t) = call(
                    "GET",
                    &format!("{}/protocol/openid-connect/userinfo", run.issuer),
                    &[("Authorization", &format!("Bearer {token}"))],
                    b"",
                )
                .await;
                assert_eq!(r.status, 200);
                steps.userinfo = t;
                done.push(steps);
            }
            done
        }));
    }
    let mut all = Vec::new();
    for l in loops {
        all.extend(l.await.expect("a log-in loop panicked"));
    }
    let elapsed = started.elapsed();
    println!(
        "{connections} loops, {seconds} s; server time = the six requests' own times, the card's and the relying party's signing left out"
    );
    report(
        "whole log-ins",
        all.iter().map(Steps::total).collect(),
        elapsed,
    );
    for (name, pick) in [
        (
            "  authorization request",
            (|s: &Steps| s.auth) as fn(&Steps) -> Duration,
        ),
        ("  the app's challenge", |s| s.challenge),
        ("  the card's answer", |s| s.answer),
        ("  consent", |s| s.consent),
        ("  token", |s| s.token),
        ("  userinfo", |s| s.userinfo),
    ] {
        let mut t: Vec<Duration> = all.iter().map(pick).collect();
        t.sort();
        println!(
            "{name}: p50 {:.2} ms, p99 {:.2} ms",
            percentile(&t, 0.5),
            percentile(&t, 0.99)
        );
    }

    // Phase 2: codes gathered for a while (each lives a minute), then traded all at once.
    let gather = Duration::from_secs(seconds.min(20));
    let deadline = Instant::now() + gather;
    let mut loops = Vec::new();
    for _ in 0..connections {
        let run = run.clone();
        let certificate = certificate.clone();
        loops.push(tokio::spawn(async move {
            let mut chip = Chip::new(run.card.clone());
            chip.power(Power::On);
            let mut codes = Vec::new();
            while Instant::now() < deadline {
                let mut steps = Steps::default();
                codes.push(up_to_code(&run, &mut chip, &certificate, &mut steps).await);
            }
            codes
        }));
    }
    let mut codes = Vec::new();
    for l in loops {
        codes.extend(l.await.expect("a code loop panicked"));
    }
    let codes = Arc::new(std::sync::Mutex::new(codes));
    let started = Instant::now();
    let mut loops = Vec::new();
    for _ in 0..connections {
        let run = run.clone();
        let codes = codes.clone();
        loops.push(tokio::spawn(async move {
            let mut times = Vec::new();
            loop {
                let Some(code) = codes
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .pop()
                else {
                    break;
                };
                let mut steps = Steps::default();
                trade(&run, &code, &mut steps).await;
                times.push(steps.token);
            }
            times
        }));
    }
    let mut times = Vec::new();
    for l in loops {
        times.extend(l.await.expect("a token loop panicked"));
    }
    report(
        "token endpoint alone (codes for tokens)",
        times,
        started.elapsed(),
    );
}
