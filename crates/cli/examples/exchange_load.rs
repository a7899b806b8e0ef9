//! Load run of the exchange network (issue 14; docs/performance.md, `scripts/bench-exchange`):
//! against a running server on loopback, with an administrator's token, it sets up two
//! agencies (a board of education that asks, the mayor's offices that provide), their keys
//! and units, their tokens (RFC 7523 assertions), residents with their numbers, the codes of
//! both units, and the provider's copies; then concurrent loops each sign a fresh request
//! (the client's time, not counted) and send it to `POST /api/v1/exchange/requests`. Each
//! exchange is the whole network's work: the token, the request's signature checked, the
//! policy with the permission table, the code translated, the copy sealed to the requester,
//! the answer signed, the three 第23条 records written. After the run a sample of answers is
//! checked as a requester would: the provider's published key, the request hash, the copy
//! decrypted.
//!
//! `exchange_load URL ADMIN_TOKEN PERSONS CONNECTIONS SECONDS`
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a load driver run by hand: a failure stops the run with its cause"
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aws_lc_rs::agreement;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_core::agency_code::{AgencyCode, AgencyUnit};
use mynumber_core::exchange::{DataItem, ExchangeAnswer, ExchangeRequest, Outcome, RequestId};
use mynumber_pki::jose::{
    decrypt_ecdh_es_a256gcm, jwk_coordinates, p256_point, sign_es256_with, split, verify_es256,
};
use serde_json::{Value, json};

mod common;
use common::{call, json, report};

const BOARD: &str = "131041/board-of-education";
const MAYOR: &str = "131041/mayor";

struct Agency {
    key: EcdsaKeyPair,
    scalar: [u8; 32],
    token: String,
}

async fn api(base: &str, token: &str, method: &str, path: &str, body: &Value) -> Value {
    let bytes = body.to_string().into_bytes();
    let (r, _) = call(
        method,
        &format!("{base}{path}"),
        &[
            ("Authorization", &format!("Bearer {token}")),
            ("Content-Type", "application/json"),
        ],
        &bytes,
    )
    .await;
    assert!(
        (200..300).contains(&r.status),
        "{method} {path}: {} {}",
        r.status,
        String::from_utf8_lossy(&r.body)
    );
    json(&r.body)
}

/// Registers an agency with its signing key `k1` and its unit, and trades an assertion for
/// its token.
async fn agency(base: &str, admin: &str, corporate: &str, unit: &str, kind: &str) -> Agency {
    let rng = SystemRandom::new();
    let pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).expect("a P-256 key");
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
        .expect("the key just made");
    let org = api(
        base,
        admin,
        "POST",
        "/api/v1/organisations",
        &json!({"corporate_number": corporate, "name": unit, "roles": ["number-using"]}),
    )
    .await["organisation_id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let (x, y) = jwk_coordinates(key.public_key().as_ref()).expect("a point");
    api(
        base,
        admin,
        "POST",
        &format!("/api/v1/organisations/{org}/keys"),
        &json!({"kid": "k1", "jwk": {"kty": "EC", "crv": "P-256", "x": x, "y": y}}),
    )
    .await;
    let mut scalar = [0u8; 32];
    aws_lc_rs::rand::SecureRandom::fill(&rng, &mut scalar[1..]).expect("random");
    scalar[0] = 0x01;
    let point = agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, &scalar)
        .expect("a scalar below the order")
        .compute_public_key()
        .expect("its point");
    let (ex, ey) = jwk_coordinates(point.as_ref()).expect("a point");
    api(
        base,
        admin,
        "POST",
        &format!("/api/v1/organisations/{org}/units"),
        &json!({"unit": unit, "kind": kind, "display_name": unit,
            "encryption_key": {"kty": "EC", "crv": "P-256", "x": ex, "y": ey}}),
    )
    .await;
    let now = jiff::Timestamp::now().as_second();
    let claims = json!({"iss": org, "sub": org, "aud": format!("{base}/api/v1/oauth/token"),
        "iat": now, "exp": now + 120, "jti": format!("load-{org}")});
    let assertion = sign_es256_with(
        &key,
        br#"{"alg":"ES256","kid":"k1"}"#,
        claims.to_string().as_bytes(),
    )
    .expect("signed");
    let form = format!(
        "grant_type=client_credentials&client_id={org}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={assertion}"
    );
    let (r, _) = call(
        "POST",
        &format!("{base}/api/v1/oauth/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let token = json(&r.body)["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    Agency { key, scalar, token }
}

fn epk(header: &[u8]) -> Option<Vec<u8>> {
    let h: Value = serde_json::from_slice(header).ok()?;
    p256_point(h["epk"]["x"].as_str()?, h["epk"]["y"].as_str()?).ok()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, admin, persons, connections, seconds] = &args[..] else {
        panic!("usage: exchange_load URL ADMIN_TOKEN PERSONS CONNECTIONS SECONDS");
    };
    let persons: usize = persons.parse().expect("PERSONS is a number");
    let connections: usize = connections.parse().expect("CONNECTIONS is a number");
    let seconds: u64 = seconds.parse().expect("SECONDS is a number");

    // Setting up, not timed.
    let mayor = agency(base, admin, "7000020131041", MAYOR, "municipality-mayor").await;
    let board = agency(base, admin, "5000030131041", BOARD, "board-of-education").await;
    let mut numbers = Vec::with_capacity(persons);
    for i in 0..persons {
        let r = api(
            base,
            admin,
            "POST",
            "/api/v1/residents",
            &json!({"procedure": "move-in", "resident": {
                "family_name": "交換", "given_name": format!("太郎{i}"),
                "family_name_kana": "コウカン", "given_name_kana": "タロウ",
                "birth_date": "1990-01-15", "sex": "1", "prefecture": "東京都",
                "municipality_code": "131041", "address": "西新宿2丁目8番1号",
                "relationship": "head", "preferred_language": "ja"}}),
        )
        .await;
        let code = r["resident_code"].as_str().expect("a code").to_owned();
        let n = api(
            base,
            admin,
            "POST",
            &format!("/api/v1/residents/{code}/individual-number"),
            &json!({"purpose": "tax"}),
        )
        .await;
        numbers.push(
            n["individual_number"]
                .as_str()
                .expect("a number")
                .to_owned(),
        );
    }
    let codes = |a: &Agency, unit: &'static str| {
        let body = json!({"unit": unit, "persons": numbers.iter().enumerate()
            .map(|(i, n)| json!({"acquisition": format!("p{i}"), "individual_number": n}))
            .collect::<Vec<_>>()});
        let token = a.token.clone();
        async move {
            api(base, &token, "POST", "/api/v1/exchange/codes", &body)
                .await
                .as_array()
                .expect("codes")
                .iter()
                .map(|c| c["code"].as_str().expect("a code").to_owned())
                .collect::<Vec<String>>()
        }
    };
    let board_codes = codes(&board, BOARD).await;
    let mayor_codes = codes(&mayor, MAYOR).await;
    for item in ["local-tax", "resident-household"] {
        let copies: Vec<Value> = mayor_codes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let fields = if item == "local-tax" {
                    json!({"fiscal-year": "2026", "total-income": format!("{}", 3_000_000 + i),
                        "taxable-income": "2000000", "income-levy": "120000",
                        "per-capita-levy": "5000", "dependants": "1", "non-taxable": "no"})
                } else {
                    json!({"relationship": "世帯主", "head-name": "交換 太郎",
                        "household-size": "1", "resident-since": "2020-04-01"})
                };
                json!({"code": c, "fields": fields})
            })
            .collect();
        api(
            base,
            &mayor.token,
            "PUT",
            "/api/v1/exchange/copies",
            &json!({"unit": MAYOR, "item": item, "copies": copies}),
        )
        .await;
    }
    let units = api(base, admin, "GET", "/api/v1/exchange/units", &json!({})).await;
    let provider_key = units
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["unit"] == MAYOR)
        .map(|u| {
            p256_point(
                u["signing_key"]["x"].as_str().expect("x"),
                u["signing_key"]["y"].as_str().expect("y"),
            )
            .expect("a point")
        })
        .expect("the mayor's unit");

    // The run: each loop signs a fresh request (not counted) and sends it.
    let board = Arc::new(board);
    let board_codes = Arc::new(board_codes);
    let counter = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut loops = Vec::new();
    for _ in 0..connections {
        let (board, board_codes, counter, base) = (
            board.clone(),
            board_codes.clone(),
            counter.clone(),
            base.clone(),
        );
        loops.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut samples = Vec::new();
            let auth = format!("Bearer {}", board.token);
            while Instant::now() < deadline {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                let mut id = [0u8; 16];
                id[..8].copy_from_slice(&n.to_be_bytes());
                id[8] = 0x5A;
                let request = ExchangeRequest {
                    id: RequestId::from_random(id),
                    requester: AgencyUnit::parse(BOARD).expect("a unit"),
                    provider: AgencyUnit::parse(MAYOR).expect("a unit"),
                    procedure: "school-expense-aid".into(),
                    item: if n % 2 == 0 {
                        DataItem::LocalTax
                    } else {
                        DataItem::ResidentHousehold
                    },
                    code: AgencyCode::parse(&board_codes[n as usize % board_codes.len()])
                        .expect("a code"),
                    requested_at_s: jiff::Timestamp::now().as_second(),
                };
                let sent = sign_es256_with(
                    &board.key,
                    br#"{"alg":"ES256","kid":"k1","typ":"mynumber-exchange-request+jwt"}"#,
                    request.to_text().as_bytes(),
                )
                .expect("signed");
                let (r, t) = call(
                    "POST",
                    &format!("{base}/api/v1/exchange/requests"),
                    &[
                        ("Authorization", &auth),
                        ("Content-Type", "application/jose"),
                    ],
                    sent.as_bytes(),
                )
                .await;
                assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
                times.push(t);
                if n % 997 == 0 {
                    samples.push((request, sent, String::from_utf8(r.body).expect("ASCII")));
                }
            }
            (times, samples)
        }));
    }
    let mut all = Vec::new();
    let mut samples = Vec::new();
    for l in loops {
        let (t, s) = l.await.expect("a loop panicked");
        all.extend(t);
        samples.extend(s);
    }
    let elapsed = started.elapsed();
    println!(
        "{connections} loops, {seconds} s, {persons} persons; server time = the request's own, the requester's signing left out"
    );
    report(
        "exchanges (signed, checked, sealed, signed, recorded thrice)",
        all,
        elapsed,
    );

    // Every sampled answer, checked as the requester checks it.
    for (request, sent, answer) in &samples {
        let jws = split(answer).expect("a compact JWS");
        verify_es256(&jws, &provider_key).expect("signed by the provider's server");
        let a = ExchangeAnswer::parse(std::str::from_utf8(&jws.payload).expect("text"))
            .expect("an answer");
        assert!(a.answers(request, sent));
        assert_eq!(a.outcome, Outcome::Provided);
        let copy = decrypt_ecdh_es_a256gcm(
            &board.scalar,
            a.payload.as_deref().expect("a payload"),
            &epk,
        )
        .expect("opens with the board's key");
        assert!(copy.starts_with(b"mynumber-copy-v1\n"));
    }
    println!(
        "{} sampled answers checked: the provider's signature, the request hash, the copy opened",
        samples.len()
    );
}
