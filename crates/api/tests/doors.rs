//! Every door of the router, for every role, in its own municipality and another, and with no
//! token at all (issue 9, "the design that prevents the next ones"). The doors come from the
//! router itself (`mynumber_api::build`), so a route added without a policy, or without an
//! example here, fails this test; each answer is checked against what the policy decides.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::collections::HashMap;

use axum::http::{Method, StatusCode};
use common::{Reply, Server, server};
use mynumber_api::{Access, AppState, Door};
use mynumber_app::{App, CardApplication, HouseholdChoice, RegisterCommand};
use mynumber_core::card::{CardKind, Channel, Reason};
use mynumber_core::{
    Action, MunicipalityCode, Principal, Registration, ResidentCode, ResidentInput, permits,
};
use serde_json::{Value, json};

/// What the own-municipality and the other-municipality calls of a door are made about.
#[derive(Clone, Debug)]
struct Fixture {
    municipality: &'static str,
    resident: ResidentCode,
    number: String,
    card: String,
    application: String,
    certificate: String,
    number_change: String,
    notice: String,
    staff: String,
    credential: String,
    organisation: String,
    terminal: String,
}

/// The principals, each with their token.
struct Who {
    name: &'static str,
    token: String,
    principal: Principal,
}

fn input(municipality: &str, family: &str) -> ResidentInput {
    ResidentInput {
        name: mynumber_core::NameInput {
            family: family.into(),
            given: "太郎".into(),
            family_kana: Some("ヤマダ".into()),
            given_kana: Some("タロウ".into()),
            ..Default::default()
        },
        birth_date: "1980-01-15".into(),
        sex: "1".into(),
        prefecture: if municipality == "131041" {
            "東京都"
        } else {
            "大阪府"
        }
        .into(),
        municipality_code: municipality.into(),
        address: "一丁目1番1号".into(),
        relationship: "head".into(),
        preferred_language: "ja".into(),
        foreign: None,
    }
}

async fn fixture(app: &App, admin: &Principal, m: &'static str) -> Fixture {
    let code = MunicipalityCode::parse(m).unwrap();
    let name = if m == "131041" {
        "新宿区"
    } else {
        "大阪市北区"
    };
    app.set_municipality_name(admin, code, name).await.unwrap();
    let r = app
        .register(
            admin,
            RegisterCommand {
                kind: Registration::MoveIn,
                input: input(m, "山田"),
                household: HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    let number = app
        .read_number(admin, &r.resident_code, "tax")
        .await
        .unwrap()
        .expose_digits()
        .to_owned();
    let application = app
        .apply_for_card(
            admin,
            &r.resident_code,
            CardApplication {
                channel: Channel::Counter,
                reason: Reason::First,
                application_id: None,
                photo: Some(mynumber_app::demo::portrait(1)),
                kind: CardKind::Standard,
                with_certificates: true,
                express: false,
            },
        )
        .await
        .unwrap();
    let card = app.produce_card(admin, &application.id).await.unwrap().card;
    let change = app
        .request_number_change(admin, &r.resident_code, "ex-officio", "誤送付", None)
        .await
        .unwrap();
    let batch = app
        .prepare_notice_batch(admin, code, 1)
        .await
        .unwrap()
        .unwrap();
    app.mark_notice_batch_sent(admin, &batch).await.unwrap();
    let staff = app
        .add_staff(admin, "対象 職員", "registry-clerk", Some(m))
        .await
        .unwrap();
    // An employer with one purpose (organisations are national; one for each fixture).
    let corporate = if m == "131041" {
        "5835678256246"
    } else {
        "4011001098993"
    };
    let organisation = app
        .register_organisation(
            admin,
            corporate,
            "株式会社サンプル",
            &["number-related", "kiosk-operator"],
        )
        .await
        .unwrap();
    let purpose = mynumber_app::PurposeInput {
        code: "withholding-slip",
        affair: "源泉徴収票作成事務",
        basis: "所得税法第226条",
        items: vec!["name"],
        retention_years: "7",
    };
    app.register_purpose(admin, organisation.id, &purpose)
        .await
        .unwrap();
    // RFC 7515 A.3's public key, under the key id the doors name.
    let point = mynumber_pki::jose::p256_point(
        "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    )
    .unwrap();
    app.register_organisation_key(admin, organisation.id, "k1", &point)
        .await
        .unwrap();
    let terminal = app
        .register_terminal(admin, organisation.id, "0001", "本店", &point)
        .await
        .unwrap();
    // An agency (the municipality itself) with a unit on the exchange network, so that its
    // records have a unit to be read by.
    let agency = app
        .register_organisation(
            admin,
            if m == "131041" {
                "7000020131041"
            } else {
                "6000020271004"
            },
            name,
            &["number-using"],
        )
        .await
        .unwrap();
    app.register_agency_unit(
        admin,
        agency.id,
        &mynumber_app::UnitInput {
            name: &format!("{m}/mayor"),
            kind: "municipality-mayor",
            display_name: name,
            encryption_x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            encryption_y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        },
    )
    .await
    .unwrap();
    // A seal in force, so that its reading and impression have one to show.
    app.register_seal(
        admin,
        &r.resident_code,
        &mynumber_app::SealRegistration {
            documents: vec![mynumber_core::card::IdentityDocument::Passport],
            adult_ward: false,
            impression: mynumber_app::demo::seal_impression(1, 15),
        },
    )
    .await
    .unwrap();
    Fixture {
        municipality: m,
        resident: r.resident_code,
        number,
        certificate: card.authentication_certificate.clone().unwrap(),
        card: card.serial,
        application: application.id,
        number_change: change.id.to_hex(),
        notice: batch.letters[0].2.to_string(),
        staff: staff.member.id.to_hex(),
        credential: staff.token.id.to_hex(),
        organisation: organisation.id.to_hex(),
        terminal: terminal.id.to_hex(),
    }
}

/// The path with its parameters taken from `f`.
fn path(door: &Door, f: &Fixture) -> String {
    let mut p = door.path.to_owned();
    let serial = if p.starts_with("/api/v1/certificates/") {
        &f.certificate
    } else {
        &f.card
    };
    let id = if p.contains("/number-changes/") {
        &f.number_change
    } else {
        &f.application
    };
    for (name, value) in [
        ("{resident_code}", f.resident.to_string()),
        ("{serial}", serial.clone()),
        ("{id}", id.clone()),
        ("{partition}", f.municipality.to_owned()),
        ("{municipality_code}", f.municipality.to_owned()),
        ("{staff_id}", f.staff.clone()),
        ("{credential_id}", f.credential.clone()),
        ("{application_id}", f.notice.clone()),
        ("{code}", "AAAA-AAAA-AAAA-AAAA".to_owned()),
        ("{kind}", "signature".to_owned()),
        ("{*request}", "MAA=".to_owned()),
        ("{*rest}", "index.html".to_owned()),
        ("{name}", "desk.css".to_owned()),
        ("{call}", "00".repeat(16)),
        ("{organisation_id}", f.organisation.clone()),
        ("{purpose}", "withholding-slip".to_owned()),
        ("{kid}", "k1".to_owned()),
        ("{collection_id}", "00".repeat(16)),
        ("{login_id}", "00".repeat(16)),
        ("{notice_id}", "00".repeat(16)),
        ("{session_id}", "00".repeat(16)),
        ("{date}", "2026-11-18".to_owned()),
        ("{item}", "local-tax".to_owned()),
        ("{terminal_id}", f.terminal.clone()),
        (
            "{sign_transaction_id}",
            "00000000-0000-4000-8000-000000000000".to_owned(),
        ),
    ] {
        p = p.replace(name, &value);
    }
    assert!(
        !p.contains('{'),
        "no fixture for a parameter of {}",
        door.path
    );
    // Doors that name their subject in the query.
    match door.path {
        "/api/v1/exchange/records" => format!("{p}?unit={}/mayor", f.municipality),
        "/api/v1/exchange/copies.csv" => {
            format!("{p}?unit={}/mayor&item=local-tax", f.municipality)
        }
        _ => p,
    }
}

/// An example body for each door that takes one: valid enough to reach the policy, about `f`.
fn body(door: &Door, f: &Fixture, public_key: &str) -> Option<Value> {
    let prefecture = if f.municipality == "131041" {
        "東京都"
    } else {
        "大阪府"
    };
    let b = match (door.method, door.path) {
        ("POST", "/api/v1/residents") => json!({"procedure": "move-in", "resident": {
            "family_name": "佐藤", "given_name": "花子", "family_name_kana": "サトウ",
            "given_name_kana": "ハナコ", "birth_date": "1990-01-15", "sex": "2",
            "prefecture": prefecture, "municipality_code": f.municipality,
            "address": "二丁目2番2号", "relationship": "head", "preferred_language": "ja"}}),
        ("POST", "/api/v1/residents/search") => json!({"name": "山"}),
        ("POST", "/api/v1/residents/{resident_code}/procedures") => json!({
            "procedure": "name-change", "family_name": "佐藤", "given_name": "太郎",
            "family_name_kana": "サトウ", "given_name_kana": "タロウ"}),
        ("POST", "/api/v1/residents/{resident_code}/individual-number") => {
            json!({"purpose": "tax"})
        }
        ("POST", "/api/v1/individual-numbers/lookup") => {
            json!({"individual_number": f.number, "purpose": "tax"})
        }
        ("POST", "/api/v1/residents/{resident_code}/number-changes") => {
            json!({"ground": "ex-officio", "reason": "誤送付"})
        }
        ("POST", "/api/v1/staff") => json!({"name": "新人", "role": "registry-clerk",
            "municipality_code": f.municipality}),
        ("POST", "/api/v1/staff/me/rotate") | ("POST", "/api/v1/staff/{staff_id}/tokens") => {
            json!({})
        }
        ("POST", "/api/v1/residents/{resident_code}/resident-record") => {
            json!({"kind": "copy", "items": []})
        }
        ("POST", "/api/v1/notices/{application_id}/outcome") => json!({"outcome": "delivered"}),
        ("POST", "/api/v1/organisations") => json!({"corporate_number": "2120901007402",
            "name": "検証 株式会社", "roles": ["authentication-verifier"]}),
        ("POST", "/api/v1/organisations/{organisation_id}/events") => json!({"event": "suspend"}),
        ("POST", "/api/v1/terminals/{terminal_id}/events") => json!({"event": "suspend"}),
        ("POST", "/api/v1/organisations/{organisation_id}/terminals") => json!({
            "shop_code": "0002", "shop_name": "支店",
            "jwk": {"kty": "EC", "crv": "P-256",
                "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}),
        ("POST", "/api/v1/organisations/{organisation_id}/keys") => json!({"kid": "k2",
            "jwk": {"kty": "EC", "crv": "P-256",
                "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}),
        ("PUT", "/api/v1/organisations/{organisation_id}/client") => {
            json!({"redirect_uris": ["https://rp.example/callback"]})
        }
        ("PUT", "/api/v1/organisations/{organisation_id}/platform") => {
            json!({"platform_id": null})
        }
        ("POST", "/api/v1/collections") => json!({"purpose": "withholding-slip",
            "individual_number": f.number, "name": "山田太郎", "birth_date": "1980-01-15",
            "method": "card-chip"}),
        ("POST", "/api/v1/collections/{collection_id}/end") => json!({"ended_on": "2026-12-01"}),
        ("POST", "/api/sign-transactions") => {
            json!({"digest": mynumber_pki::base64_encode(&[7; 32]), "format": "cms"})
        }
        ("POST", "/api/v1/signatures/verify") => json!({"cms": "MAA="}),
        ("POST", "/api/v1/latest-four") => json!({"certificate": "MAA="}),
        ("POST", "/api/v1/organisations/{organisation_id}/purposes") => json!({
            "code": "salary-payment-report", "affair": "給与支払報告書作成事務",
            "basis": "地方税法第317条の6", "items": ["name", "address"], "retention_years": 7}),
        ("PUT", "/api/v1/municipalities/{municipality_code}/name") => json!({"name": "名前"}),
        ("POST", "/api/v1/organisations/{organisation_id}/units") => json!({
            "unit": "walk/unit", "kind": "municipality-mayor", "display_name": "区長",
            "encryption_key": {"kty": "EC", "crv": "P-256",
                "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}),
        ("POST", "/api/v1/exchange/codes") => json!({"unit": format!("{}/mayor", f.municipality),
            "persons": [{"acquisition": "a1", "individual_number": f.number}]}),
        ("POST", "/api/v1/exchange/notices") => json!({"unit": format!("{}/mayor", f.municipality),
            "code": "0".repeat(52), "title": "お知らせ", "body": "本文"}),
        ("PUT", "/api/v1/exchange/copies") => json!({"unit": format!("{}/mayor", f.municipality),
            "item": "local-tax", "copies": [{"code": "0".repeat(52), "fields": {}}]}),
        ("PUT", "/api/v1/municipalities/{municipality_code}/kiosk-rules") => json!({
            "opens": "06:30", "closes": "23:00", "closed_days": ["12-29"], "max_copies": 10,
            "documents": [{"document": "resident-record-copy", "who": "household", "fee_yen": 200}]}),
        ("POST", "/api/v1/residents/{resident_code}/certificates") => {
            json!({"kind": "authentication", "request": public_key, "reason": "the walk"})
        }
        ("POST", "/api/v1/certificates/{serial}/revoke")
        | ("POST", "/api/v1/residents/{resident_code}/certificates/revoke") => {
            json!({"reason": "privilegeWithdrawn"})
        }
        ("POST", "/api/v1/residents/{resident_code}/card-applications") => {
            json!({"channel": "counter", "reason": "lost",
                "photo": mynumber_pki::base64_encode(&mynumber_app::demo::portrait(2))})
        }
        ("POST", "/api/v1/cards/{serial}/hand-over") => json!({
            "identity_documents": ["passport"], "card_file": "AAAA"}),
        ("POST", "/api/v1/cards/{serial}/resume") => json!({
            "identity_documents": ["passport"], "card_file": "AAAA"}),
        ("POST", "/api/v1/cards/{serial}/amendment")
        | ("POST", "/api/v1/cards/{serial}/extension") => json!({
            "identity_documents": ["passport"], "resident_registry_pin": "1234",
            "card_file": "AAAA"}),
        ("POST", "/api/v1/cards/{serial}/certificates") => json!({
            "identity_documents": ["passport"], "certificates": ["authentication"],
            "pins": {"authentication": "1234"}, "card_file": "AAAA"}),
        ("POST", "/api/v1/cards/{serial}/pin-reset") => json!({
            "identity_documents": ["passport"], "kind": "authentication", "pin": "1234",
            "card_file": "AAAA"}),
        ("POST", "/api/v1/cards/{serial}/end") => json!({"reason": "returned"}),
        ("POST", "/api/v1/residents/{resident_code}/seal")
        | ("POST", "/api/v1/residents/{resident_code}/seal/change") => json!({
            "identity_documents": ["passport"],
            "impression": mynumber_pki::base64_encode(&mynumber_app::demo::seal_impression(2, 15))}),
        ("POST", "/api/v1/residents/{resident_code}/seal/end") => json!({
            "reason": "abolished", "identity_documents": ["passport"]}),
        ("POST", "/api/v1/documents/verify") | ("POST", "/pki/ocsp") => return None,
        (_, _) => return None,
    };
    Some(b)
}

/// The action the use case behind a door asks about, where it is not the door's own: a door
/// open to every staff member for their own credentials lets the use case decide about anyone
/// else's.
fn use_case_action(door: &Door, action: Action) -> Action {
    match door.path {
        "/api/v1/staff/{staff_id}/tokens/{credential_id}/revoke" => Action::RevokeToken,
        _ => action,
    }
}

async fn call(s: &Server, door: &Door, token: Option<&str>, f: &Fixture, key: &str) -> Reply {
    let method = Method::from_bytes(door.method.as_bytes()).unwrap();
    s.call(method, &path(door, f), token, body(door, f, key))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_door_for_every_principal_own_and_other_municipality_and_none() {
    let s = server("doors").await;
    let (_, doors) = mynumber_api::build(AppState::new(s.app.clone()));
    let app = &s.app;
    let admin = app.authenticate(&s.admin).await.unwrap();
    let own = fixture(app, &admin, "131041").await;
    let other = fixture(app, &admin, "271004").await;
    let card_key =
        rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
            .unwrap();
    let key = rcgen::CertificateParams::new(Vec::<String>::new())
        .unwrap()
        .serialize_request(&card_key)
        .unwrap()
        .pem()
        .unwrap();
    let mut who = vec![Who {
        name: "admin/national",
        token: s.admin.clone(),
        principal: admin.clone(),
    }];
    for (name, role, m) in [
        ("admin/131041", "administrator", Some("131041")),
        ("clerk/131041", "registry-clerk", Some("131041")),
        ("auditor/131041", "auditor", Some("131041")),
        ("auditor/national", "auditor", None),
        ("call-center/national", "call-center-operator", None),
    ] {
        let made = app.add_staff(&admin, name, role, m).await.unwrap();
        let principal = app.authenticate(&made.token.token).await.unwrap();
        who.push(Who {
            name,
            token: made.token.token,
            principal,
        });
    }

    // Every door is listed once, and none is left without an access.
    let mut seen = HashMap::new();
    for d in &doors {
        assert!(
            seen.insert((d.method, d.path), d.access).is_none(),
            "{} {} listed twice",
            d.method,
            d.path
        );
    }
    let policed = doors
        .iter()
        .filter(|d| matches!(d.access, Access::Policy(_)))
        .count();
    assert!(policed >= 40, "only {policed} doors ask the policy");

    let mut failures = Vec::new();
    let mut bad_tokens = 0;
    let mut other_checks = 0;
    for door in &doors {
        // The API reference is another router's; its own tests load it.
        if door.path == "/api/docs/{*rest}" {
            continue;
        }
        let action = match door.access {
            // A public form of the staff screens (sign-in, enrolment) refuses a post without
            // the token of the page it came from (double-submit CSRF).
            Access::Public if door.method == "POST" && door.path.starts_with("/desk/") => {
                let r = call(&s, door, None, &own, &key).await;
                if r.status != StatusCode::FORBIDDEN {
                    failures.push(format!(
                        "{} {}: a post without its form's token answered {}",
                        door.method, door.path, r.status
                    ));
                }
                continue;
            }
            // A staff screen without a browser session sends the browser to sign in, and a
            // bearer token is no session (tests/desk.rs signs in and walks them per role).
            Access::Desk(_) => {
                for token in [None, Some(s.admin.as_str())] {
                    let r = call(&s, door, token, &own, &key).await;
                    let to = r.headers.get("location").and_then(|v| v.to_str().ok());
                    if r.status != StatusCode::SEE_OTHER || to != Some("/desk/sign-in") {
                        failures.push(format!(
                            "{} {} without a session: {} to {to:?}",
                            door.method, door.path, r.status
                        ));
                    }
                }
                continue;
            }
            // A page of the resident's portal without its session sends the browser to the
            // portal's first page, and a bearer token is no session (tests/browser/portal.test.mjs
            // logs in with the card and walks them).
            Access::Portal(_) => {
                for token in [None, Some(s.admin.as_str())] {
                    let r = call(&s, door, token, &own, &key).await;
                    let to = r.headers.get("location").and_then(|v| v.to_str().ok());
                    let refused = door.method == "POST" && r.status == StatusCode::FORBIDDEN;
                    if !refused && (r.status != StatusCode::SEE_OTHER || to != Some("/portal")) {
                        failures.push(format!(
                            "{} {} without a session: {} to {to:?}",
                            door.method, door.path, r.status
                        ));
                    }
                }
                continue;
            }
            // A terminal's door takes only a body signed by a registered terminal: a bearer
            // token, or nothing, is refused before anything is read (tests/kiosk.rs signs).
            Access::Kiosk(_) => {
                for token in [None, Some(s.admin.as_str())] {
                    let r = call(&s, door, token, &own, &key).await;
                    if r.status != StatusCode::UNAUTHORIZED {
                        failures.push(format!(
                            "{} {} unsigned: {}",
                            door.method, door.path, r.status
                        ));
                    }
                }
                continue;
            }
            Access::Public => {
                let r = call(&s, door, None, &own, &key).await;
                if matches!(r.status.as_u16(), 401 | 403) {
                    failures.push(format!(
                        "{} {}: public door answered {}",
                        door.method, door.path, r.status
                    ));
                }
                continue;
            }
            Access::Policy(action) => action,
        };
        // None: no token; and on the first few doors a token nobody holds (more would trip
        // the throttle, which then refuses this client's good tokens too).
        bad_tokens += 1;
        let tokens: &[Option<&str>] = if bad_tokens <= 5 {
            &[
                None,
                Some("mn_0000000000000000000000000000000000000000000000000000000000000000"),
            ]
        } else {
            &[None]
        };
        for &token in tokens {
            let r = call(&s, door, token, &own, &key).await;
            if r.status != StatusCode::UNAUTHORIZED {
                failures.push(format!(
                    "{} {} without a valid token: {}",
                    door.method, door.path, r.status
                ));
            }
        }
        for w in who.iter_mut() {
            let at_door = permits(&w.principal, action).is_ok();
            let in_case = permits(&w.principal, use_case_action(door, action)).is_ok();
            let own_reply = call(&s, door, Some(&w.token), &own, &key).await;
            if door.path == "/api/v1/staff/me/rotate" && own_reply.status == StatusCode::CREATED {
                // The token presented was just revoked: carry on with the new one.
                w.token = own_reply.body["token"].as_str().unwrap().to_owned();
            }
            let status = own_reply.status.as_u16();
            let scoped = w.principal.municipality().is_some();
            let expect_refused = !at_door || !in_case;
            let refused = status == 403;
            if expect_refused != refused {
                failures.push(format!(
                    "{} {} as {} (own): {status} {}, the policy says {}",
                    door.method,
                    door.path,
                    w.name,
                    own_reply.body["code"],
                    if expect_refused { "refuse" } else { "allow" }
                ));
            }
            if !expect_refused && matches!(status, 401 | 404) {
                failures.push(format!(
                    "{} {} as {} (own): {status} {}",
                    door.method, door.path, w.name, own_reply.body["detail"]
                ));
            }
            // Another municipality's subject: staff bound to a municipality are answered 403
            // (a municipality, a staff member, a partition) or exactly as if it did not exist
            // (a record and what hangs on it).
            let about_self = door.path.starts_with("/api/v1/staff/me");
            if !expect_refused
                && scoped
                && !about_self
                && (door.path.contains('{') || body(door, &other, &key).is_some())
            {
                let r = call(&s, door, Some(&w.token), &other, &key).await;
                other_checks += 1;
                let ok = match r.status.as_u16() {
                    403 => true,
                    404 => r.body["code"] == "not-found",
                    _ => false,
                };
                // Listing and searching are scoped by the principal, not the fixture.
                let unscoped = matches!(
                    door.path,
                    "/api/v1/residents/search"
                        | "/api/v1/notices"
                        | "/api/v1/staff"
                        | "/api/v1/ledger/verify"
                        | "/api/v1/ledger/checkpoints"
                        | "/api/v1/ledger/checkpoints/latest"
                );
                if !ok && !unscoped {
                    failures.push(format!(
                        "{} {} as {} (other municipality): {} {}",
                        door.method, door.path, w.name, r.status, r.body["detail"]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} doors answered against the policy:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The walk cannot pass by checking nothing: every scoped principal tried another
    // municipality's subject at every door it may pass.
    assert!(
        other_checks >= 60,
        "only {other_checks} calls about another municipality"
    );
}
