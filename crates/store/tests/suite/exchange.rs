//! Issue 14 on both engines: the exchange network (docs/design/exchange.md). Agencies register
//! units, obtain their codes through the register with throwaway 取得番号, register copies, and
//! ask each other through the network. The permission table drives the test: every
//! combination it allows succeeds end to end (the answer verifies with the provider's published
//! key, answers the very request, and opens with the requester's key only), every combination
//! outside it is refused and recorded, and every exchange leaves three agreeing records.

use std::collections::HashMap;

use aws_lc_rs::agreement;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_app::{
    AppError, Clock, CodeRequest, CopyInput, JoseHeaders, PublishedUnit, REQUEST_TYP, UnitInput,
};
use mynumber_core::agency_code::{AgencyCode, AgencyUnit, ExchangeKey};
use mynumber_core::exchange::{
    DataItem, ExchangeAnswer, ExchangeRecord, ExchangeRequest, Keeper, Outcome, PermissionTable,
    RequestId, agree,
};
use mynumber_core::{Denied, OrganisationId, Principal};
use mynumber_pki::jose::{
    decrypt_ecdh_es_a256gcm, jwk_coordinates, p256_point, sign_es256, split, verify_es256,
};

use super::{Env, japanese, raw, register};

/// The JOSE headers as the API writes them (JSON), for the use cases.
pub(crate) struct Headers;

impl JoseHeaders for Headers {
    fn jws(&self, kid: &str, typ: &str) -> Vec<u8> {
        format!(r#"{{"alg":"ES256","kid":"{kid}","typ":"{typ}"}}"#).into_bytes()
    }
    fn jwe(&self, x: &str, y: &str, kid: &str) -> Vec<u8> {
        format!(
            r#"{{"alg":"ECDH-ES","enc":"A256GCM","kid":"{kid}","epk":{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}}}"#
        )
        .into_bytes()
    }
}

/// A JSON string member's value, for the few headers read here.
fn member<'a>(json: &'a str, name: &str) -> Option<&'a str> {
    json.split(&format!("\"{name}\":\""))
        .nth(1)?
        .split('"')
        .next()
}

/// The ephemeral key of a JWE's header.
fn epk(header: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(header).ok()?;
    p256_point(member(text, "x")?, member(text, "y")?).ok()
}

/// A corporate number with its check digit, from a 12-digit base.
fn corporate(base: &str) -> String {
    let digits: [u8; 12] = base.as_bytes().try_into().unwrap();
    format!("{}{base}", mynumber_core::check_digits::corporate(&digits))
}

/// An agency as the test drives it: its id, its signing key (PKCS#8) registered as `k1`, and
/// each of its units' decryption scalars.
pub(crate) struct Agency {
    pub(crate) id: OrganisationId,
    pub(crate) pkcs8: Vec<u8>,
    pub(crate) scalars: HashMap<String, [u8; 32]>,
}

impl Agency {
    pub(crate) fn principal(&self) -> Principal {
        Principal::Agency(self.id)
    }

    /// A request for `code`, signed `k1`: the compact JWS as sent.
    pub(crate) fn sign(&self, request: &ExchangeRequest) -> String {
        sign_es256(
            &self.pkcs8,
            Headers.jws("k1", REQUEST_TYP).as_slice(),
            request.to_text().as_bytes(),
        )
        .unwrap()
    }
}

/// Registers an agency (`number-using`) with its key and its units (name, kind).
pub(crate) async fn agency(env: &Env, base: &str, name: &str, units: &[(&str, &str)]) -> Agency {
    let org = env
        .app
        .register_organisation(&env.admin, &corporate(base), name, &["number-using"])
        .await
        .unwrap();
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
        .unwrap()
        .as_ref()
        .to_vec();
    let public = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &pkcs8)
        .unwrap()
        .public_key()
        .as_ref()
        .to_vec();
    env.app
        .register_organisation_key(&env.admin, org.id, "k1", &public)
        .await
        .unwrap();
    let mut scalars = HashMap::new();
    for (i, (unit, kind)) in units.iter().enumerate() {
        let mut scalar = [0x21u8; 32];
        scalar[0] = 0x10 + i as u8;
        scalar[1] = base.as_bytes()[11];
        let point = agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, &scalar)
            .unwrap()
            .compute_public_key()
            .unwrap();
        let (x, y) = jwk_coordinates(point.as_ref()).unwrap();
        env.app
            .register_agency_unit(
                &env.admin,
                org.id,
                &UnitInput {
                    name: unit,
                    kind,
                    display_name: &format!("{name} {kind}"),
                    encryption_x: &x,
                    encryption_y: &y,
                },
            )
            .await
            .unwrap();
        scalars.insert((*unit).to_owned(), scalar);
    }
    Agency {
        id: org.id,
        pkcs8,
        scalars,
    }
}

/// A copy of each item, its values told apart by the unit that holds it.
fn copy_fields(item: DataItem, salt: usize) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = match item {
        DataItem::ResidentHousehold => vec![
            ("relationship", "子".into()),
            ("head-name", "山田 太郎".into()),
            ("household-size", format!("{}", 2 + salt % 5)),
            ("resident-since", "2019-04-01".into()),
        ],
        DataItem::LocalTax => vec![
            ("fiscal-year", "2026".into()),
            ("total-income", format!("{}", 4_200_000 + salt)),
            ("taxable-income", "2800000".into()),
            ("income-levy", "168000".into()),
            ("per-capita-levy", "5000".into()),
            ("dependants", "2".into()),
            ("non-taxable", "no".into()),
        ],
        DataItem::ChildAllowance => vec![
            ("status", "paying".into()),
            ("children", format!("{}", 1 + salt % 3)),
            ("monthly-amount", "15000".into()),
            ("since", "2024-10-01".into()),
        ],
    };
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// What the requester checks of an answer: the provider's published key signed it, it answers
/// this very request, and its payload opens with the requester's key. The copy's text.
pub(crate) fn check_answer(
    answer_jws: &str,
    provider: &PublishedUnit,
    request: &ExchangeRequest,
    request_jws: &str,
    scalar: &[u8; 32],
) -> (ExchangeAnswer, Option<String>) {
    let jws = split(answer_jws).unwrap();
    verify_es256(&jws, &provider.signing_key).expect("signed by the provider's server");
    let header = String::from_utf8(jws.header.clone()).unwrap();
    assert_eq!(member(&header, "kid"), Some(provider.unit.name.as_str()));
    let answer = ExchangeAnswer::parse(std::str::from_utf8(&jws.payload).unwrap()).unwrap();
    assert!(
        answer.answers(request, request_jws),
        "the answer to this request"
    );
    let copy = answer.payload.as_ref().map(|jwe| {
        String::from_utf8(decrypt_ecdh_es_a256gcm(scalar, jwe, &epk).expect("opens")).unwrap()
    });
    (answer, copy)
}

pub(crate) async fn issue_14_the_network_answers_what_the_table_allows(env: Env) {
    let table = PermissionTable::standard();
    let r1 = env
        .app
        .register(&env.clerk, register(japanese("山田", "一郎", "1980-01-15")))
        .await
        .unwrap();
    let r2 = env
        .app
        .register(&env.clerk, register(japanese("山田", "二郎", "1982-03-03")))
        .await
        .unwrap();
    let n1 = env
        .app
        .read_number(&env.admin, &r1.resident_code, "tax")
        .await
        .unwrap();
    let n2 = env
        .app
        .read_number(&env.admin, &r2.resident_code, "tax")
        .await
        .unwrap();
    let shinjuku = agency(
        &env,
        "000020131041",
        "新宿区",
        &[
            ("131041/mayor", "municipality-mayor"),
            ("131041/board-of-education", "board-of-education"),
        ],
    )
    .await;
    let chiyoda = agency(
        &env,
        "000020131016",
        "千代田区",
        &[("131016/mayor", "municipality-mayor")],
    )
    .await;
    let pension = agency(
        &env,
        "600010000001",
        "日本年金機構",
        &[("nenkin/pension", "pension-service")],
    )
    .await;
    let agencies = [&shinjuku, &chiyoda, &pension];
    // The portal's unit is the system's own: no agency registers one (it could ask for anyone's
    // data under the portal's rows of the table).
    let portal = env
        .app
        .register_agency_unit(
            &env.admin,
            pension.id,
            &UnitInput {
                name: "nenkin/portal",
                kind: "portal",
                display_name: "ポータル",
                encryption_x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                encryption_y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
            },
        )
        .await
        .unwrap_err();
    let AppError::Invalid(i) = &portal else {
        panic!("{portal:?}")
    };
    assert_eq!(i.0[0].key, "problem-exchange-portal-kind");
    // A unit is registered once, for an agency only, with a key on the curve.
    let again = env
        .app
        .register_agency_unit(
            &env.admin,
            shinjuku.id,
            &UnitInput {
                name: "131041/mayor",
                kind: "municipality-mayor",
                display_name: "新宿区長",
                encryption_x: "AAAA",
                encryption_y: "AAAA",
            },
        )
        .await
        .unwrap_err();
    let AppError::Invalid(i) = &again else {
        panic!("{again:?}")
    };
    assert_eq!(i.0[0].key, "problem-exchange-key");
    let units = env.app.agency_units().await.unwrap();
    assert_eq!(units.len(), 4);
    let unit = |name: &str| units.iter().find(|u| u.unit.name.as_str() == name).unwrap();
    let owner = |name: &str| {
        agencies
            .iter()
            .find(|a| a.scalars.contains_key(name))
            .copied()
            .unwrap()
    };

    // 符号の取得: each unit names the two by their numbers, each with a throwaway 取得番号; a
    // number that is no one's is answered on its row. The codes are the published derivation's.
    let key = ExchangeKey::from_bytes([8; 32]);
    let mut codes: HashMap<(String, u8), AgencyCode> = HashMap::new();
    let d1 = n1.expose_formatted();
    let d2 = n2.expose_formatted();
    for u in &units {
        let name = u.unit.name.as_str();
        let acquisition = [
            format!("acq-{}-1", name.replace('/', "-")),
            format!("acq-{}-2", name.replace('/', "-")),
        ];
        let answers = env
            .app
            .obtain_agency_codes(
                &owner(name).principal(),
                name,
                &[
                    CodeRequest {
                        acquisition: &acquisition[0],
                        individual_number: &d1,
                    },
                    CodeRequest {
                        acquisition: &acquisition[1],
                        individual_number: &d2,
                    },
                    CodeRequest {
                        acquisition: "acq-nobody",
                        individual_number: "123456789018",
                    },
                ],
            )
            .await
            .unwrap();
        assert_eq!(answers[0].acquisition, acquisition[0]);
        let c1 = answers[0].code.clone().unwrap();
        let c2 = answers[1].code.clone().unwrap();
        assert_eq!(c1, key.code(&r1.resident_code, &u.unit.name));
        assert_eq!(c2, key.code(&r2.resident_code, &u.unit.name));
        assert_eq!(
            answers[2].code.as_ref().unwrap_err().key,
            "problem-exchange-number-unknown"
        );
        codes.insert((name.to_owned(), 1), c1);
        codes.insert((name.to_owned(), 2), c2);
    }
    // Two units' codes for one person differ; another agency's unit is refused by the policy.
    assert_ne!(
        codes[&("131041/mayor".into(), 1)],
        codes[&("131041/board-of-education".into(), 1)]
    );
    let theirs = env
        .app
        .obtain_agency_codes(
            &chiyoda.principal(),
            "131041/mayor",
            &[CodeRequest {
                acquisition: "acq-x",
                individual_number: &d1,
            }],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(theirs, AppError::Denied(Denied::Principal { .. })),
        "{theirs:?}"
    );

    // The 取得番号 and the number are nowhere: no column for them, no trace in the ledger.
    let pool = raw(&env).await;
    let details: Vec<String> = sqlx::query_scalar("SELECT detail FROM ledger_entries")
        .fetch_all(&pool)
        .await
        .unwrap();
    for d in &details {
        assert!(!d.contains("acq-"), "a 取得番号 in the ledger: {d}");
        assert!(!d.contains(n1.expose_digits()) && !d.contains(n2.expose_digits()));
    }
    let stored: Vec<String> = sqlx::query_scalar("SELECT code FROM agency_codes")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 8);
    assert!(stored.iter().all(|c| AgencyCode::parse(c).is_some()));

    // 副本登録: every unit registers a copy of every item for the first person (one of them
    // not to be disclosed); from CSV too. A bad copy is refused whole, named by row.
    for (salt, u) in units.iter().enumerate() {
        let name = u.unit.name.as_str();
        for item in DataItem::ALL {
            let copy = CopyInput {
                code: codes[&(name.to_owned(), 1)].expose().to_owned(),
                non_disclosure: name == "131016/mayor" && item == DataItem::LocalTax,
                fields: copy_fields(item, salt),
            };
            assert_eq!(
                env.app
                    .put_copies(&owner(name).principal(), name, item.code(), &[copy])
                    .await
                    .unwrap(),
                1
            );
        }
    }
    let mayor = "131041/mayor";
    let csv = format!(
        "code,non-disclosure,fiscal-year,total-income,taxable-income,income-levy,per-capita-levy,dependants,non-taxable\n\
         {},no,2026,3100000,1900000,114000,5000,0,no\n",
        codes[&(mayor.to_owned(), 1)].expose()
    );
    assert_eq!(
        env.app
            .put_copies_csv(&shinjuku.principal(), mayor, "local-tax", csv.as_bytes())
            .await
            .unwrap(),
        1
    );
    let bad = env
        .app
        .put_copies(
            &shinjuku.principal(),
            mayor,
            "local-tax",
            &[
                CopyInput {
                    code: codes[&(mayor.to_owned(), 2)].expose().to_owned(),
                    non_disclosure: false,
                    fields: copy_fields(DataItem::LocalTax, 0),
                },
                CopyInput {
                    code: codes[&(mayor.to_owned(), 2)].expose().to_owned(),
                    non_disclosure: false,
                    fields: vec![("fiscal-year".into(), "twenty".into())],
                },
            ],
        )
        .await
        .unwrap_err();
    let AppError::Invalid(i) = &bad else {
        panic!("{bad:?}")
    };
    assert_eq!(i.0[0].field, "fiscal-year");
    assert!(i.0.iter().all(|p| p.args.iter().any(|(k, _)| *k == "row")));
    // A code the network did not issue to the unit (another unit's) is no copy's.
    let foreign = env
        .app
        .put_copies(
            &shinjuku.principal(),
            mayor,
            "local-tax",
            &[CopyInput {
                code: codes[&("131016/mayor".to_owned(), 1)].expose().to_owned(),
                non_disclosure: false,
                fields: copy_fields(DataItem::LocalTax, 0),
            }],
        )
        .await
        .unwrap_err();
    let AppError::Invalid(i) = &foreign else {
        panic!("{foreign:?}")
    };
    assert_eq!(i.0[0].key, "problem-exchange-code-unknown");

    // The table and its complement: every procedure it names and one it does not, every
    // requester, every provider, every item.
    let now_s = || env.clock.now_us().div_euclid(1_000_000);
    let mut procedures: Vec<&str> = table.procedures();
    procedures.push("fishing-licence");
    let (mut allowed, mut refused) = (0, 0);
    let mut ids = Vec::new();
    for procedure in &procedures {
        for requester in &units {
            for provider in &units {
                for item in DataItem::ALL {
                    let rname = requester.unit.name.as_str();
                    let request = ExchangeRequest {
                        id: {
                            let mut b = [0u8; 16];
                            b[..8].copy_from_slice(&(allowed + refused + 1u64).to_be_bytes());
                            RequestId::from_random(b)
                        },
                        requester: requester.unit.name.clone(),
                        provider: provider.unit.name.clone(),
                        procedure: (*procedure).to_owned(),
                        item,
                        code: codes[&(rname.to_owned(), 1)].clone(),
                        requested_at_s: now_s(),
                    };
                    let asker = owner(rname);
                    let sent = asker.sign(&request);
                    let got = send(&env, &asker.principal(), &sent).await;
                    let permitted =
                        table.permits(procedure, requester.unit.kind, provider.unit.kind, item);
                    if permitted {
                        allowed += 1;
                        let answer = got.unwrap_or_else(|e| {
                            panic!(
                                "{procedure} {rname} → {} {item:?}: {e:?}",
                                provider.unit.name.as_str()
                            )
                        });
                        let (answer, copy) =
                            check_answer(&answer, provider, &request, &sent, &asker.scalars[rname]);
                        assert_eq!(answer.outcome, Outcome::Provided);
                        let copy = copy.unwrap();
                        // The provider's own copy of the item, by the provider's code.
                        let salt = units
                            .iter()
                            .position(|u| u.unit.name == provider.unit.name)
                            .unwrap();
                        let expected =
                            if provider.unit.name.as_str() == mayor && item == DataItem::LocalTax {
                                "3100000".to_owned()
                            } else {
                                copy_fields(item, salt)[1].1.clone()
                            };
                        assert!(copy.contains(&expected), "{copy}");
                        assert_eq!(
                            answer.non_disclosure,
                            provider.unit.name.as_str() == "131016/mayor"
                                && item == DataItem::LocalTax
                        );
                        ids.push((request.requester.clone(), request.id.clone()));
                    } else {
                        refused += 1;
                        let e = got.unwrap_err();
                        assert!(
                            matches!(e, AppError::Denied(Denied::NotPermitted { .. })),
                            "{procedure} {rname} → {}: {e:?}",
                            provider.unit.name.as_str()
                        );
                    }
                }
            }
        }
    }
    // As many as the table's rows meet among these units (two mayors, one board, one pension
    // service: 26); all else refused, the portal's rows too, with no portal's unit here.
    let mut expected_allowed = 0;
    for p in &procedures {
        for r in &units {
            for v in &units {
                for i in DataItem::ALL {
                    expected_allowed += usize::from(table_permits(p, r, v, i));
                }
            }
        }
    }
    assert_eq!(allowed as usize, expected_allowed);
    assert_eq!(allowed, 26);
    assert!(allowed > 0 && refused > allowed);
    assert_eq!(allowed + refused, (procedures.len() * 4 * 4 * 3) as u64);

    // Every allowed exchange left three records that agree; the refused ones left none.
    let mut tx_records = 0;
    for (requester, id) in &ids {
        let records = records_of(&env, requester, id).await;
        assert_eq!(agree(&records), Ok(()), "{records:?}");
        let network = records
            .iter()
            .find(|r| r.keeper == Keeper::Network)
            .unwrap();
        assert!(
            network.subject == r1.person.to_hex(),
            "the network knows the person"
        );
        let at_requester = records
            .iter()
            .find(|r| r.keeper == Keeper::Requester)
            .unwrap();
        assert_eq!(
            at_requester.subject,
            codes[&(requester.as_str().to_owned(), 1)].expose()
        );
        tx_records += records.len();
    }
    assert_eq!(tx_records, 3 * ids.len());
    let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM exchange_records")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(all as usize, 3 * ids.len());
    let refusals: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE action = 'exchange-refused'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(refusals as u64, refused);

    // The second person has no copies: answered "not found", and recorded all the same.
    let board = "131041/board-of-education";
    let ask = |code: AgencyCode, id: RequestId, at: i64| ExchangeRequest {
        id,
        requester: AgencyUnit::parse(board).unwrap(),
        provider: AgencyUnit::parse(mayor).unwrap(),
        procedure: "school-expense-aid".into(),
        item: DataItem::ResidentHousehold,
        code,
        requested_at_s: at,
    };
    let request = ask(
        codes[&(board.to_owned(), 2)].clone(),
        RequestId::from_random([0xB2; 16]),
        now_s(),
    );
    let sent = shinjuku.sign(&request);
    let answer = send(&env, &shinjuku.principal(), &sent).await.unwrap();
    let (answer, copy) = check_answer(
        &answer,
        unit(mayor),
        &request,
        &sent,
        &shinjuku.scalars[board],
    );
    assert_eq!((answer.outcome, copy), (Outcome::NotFound, None));
    assert_eq!(
        agree(&records_of(&env, &request.requester, &request.id).await),
        Ok(())
    );
    // The same request again: a replay, refused; nothing more recorded.
    let replay = send(&env, &shinjuku.principal(), &sent).await.unwrap_err();
    assert_eq!(problem(&replay), "problem-exchange-replay");
    assert_eq!(
        records_of(&env, &request.requester, &request.id)
            .await
            .len(),
        3
    );
    // Stale, signed by a stranger's key, a code the network never issued, another's unit.
    let stale = ask(
        codes[&(board.to_owned(), 1)].clone(),
        RequestId::from_random([0xB3; 16]),
        now_s() - 301,
    );
    let sent = shinjuku.sign(&stale);
    let e = send(&env, &shinjuku.principal(), &sent).await.unwrap_err();
    assert_eq!(problem(&e), "problem-exchange-stale");
    let fresh = ask(
        codes[&(board.to_owned(), 1)].clone(),
        RequestId::from_random([0xB4; 16]),
        now_s(),
    );
    let forged = chiyoda.sign(&fresh);
    let e = send(&env, &shinjuku.principal(), &forged)
        .await
        .unwrap_err();
    assert_eq!(problem(&e), "problem-exchange-signature");
    let unknown = ask(
        key.code(
            &r1.resident_code,
            &AgencyUnit::parse("nowhere/else").unwrap(),
        ),
        RequestId::from_random([0xB5; 16]),
        now_s(),
    );
    let sent = shinjuku.sign(&unknown);
    let e = send(&env, &shinjuku.principal(), &sent).await.unwrap_err();
    assert_eq!(problem(&e), "problem-exchange-code-unknown");
    let sent = chiyoda.sign(&fresh);
    let e = send(&env, &chiyoda.principal(), &sent).await.unwrap_err();
    assert!(
        matches!(e, AppError::Denied(Denied::Principal { .. })),
        "{e:?}"
    );
    // A relying party that is no agency takes no part.
    let e = send(&env, &Principal::RelyingParty(shinjuku.id), &sent)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Denied(Denied::Principal { .. })),
        "{e:?}"
    );

    // Each agency reads its own units' records; an auditor of national scope reads any.
    let own = env
        .app
        .exchange_records(&shinjuku.principal(), board, Keeper::Requester)
        .await
        .unwrap();
    assert!(
        own.iter()
            .all(|r| r.requester.as_str() == board || r.provider.as_str() == board)
    );
    assert!(!own.is_empty());
    assert!(
        env.app
            .exchange_records(&chiyoda.principal(), board, Keeper::Requester)
            .await
            .is_err()
    );
    let audited = env
        .app
        .exchange_records(&env.auditor, board, Keeper::Network)
        .await
        .unwrap();
    assert_eq!(audited.len(), own.len());
    // As a requester keeps them, only those it asked in: never the provider's code for the
    // person (the provider's records), nor the network's id for them.
    assert!(own.iter().all(|r| r.requester.as_str() == board));
    let theirs = env
        .app
        .exchange_records(&shinjuku.principal(), board, Keeper::Provider)
        .await
        .unwrap();
    assert!(theirs.is_empty(), "the board answered nothing");
    let network = env
        .app
        .exchange_records(&shinjuku.principal(), board, Keeper::Network)
        .await
        .unwrap_err();
    assert!(
        matches!(network, AppError::Denied(Denied::Principal { .. })),
        "{network:?}"
    );

    // The resident's own view: the exchanges about them at once, the 不開示 ones counted and
    // not shown, and another resident sees none of them.
    let me = Principal::Resident(r1.person);
    let history = env.app.my_exchange_history(&me).await.unwrap();
    assert!(history.hidden > 0, "some copies were marked 不開示");
    assert!(history.shown.iter().all(|r| !r.non_disclosure));
    assert_eq!(history.shown.len() + history.hidden, ids.len());
    assert!(
        history
            .shown
            .iter()
            .any(|r| r.procedure == "school-expense-aid" && r.requester.as_str() == board)
    );
    let other = env
        .app
        .my_exchange_history(&Principal::Resident(r2.person))
        .await
        .unwrap();
    assert_eq!(
        (other.shown.len(), other.hidden),
        (1, 0),
        "r2's one not-found"
    );
    // 自己情報 through the network under the portal's own code: each mayor's copies of the
    // three items (the one not to be disclosed left out), each fetch an exchange in the history.
    let held = env.app.my_held_data(&me).await.unwrap();
    assert_eq!(held.len(), 5, "{held:?}");
    assert!(
        !held
            .iter()
            .any(|h| h.provider.as_str() == "131016/mayor" && h.copy.item() == DataItem::LocalTax)
    );
    let after = env.app.my_exchange_history(&me).await.unwrap();
    assert_eq!(after.shown.len() + after.hidden, ids.len() + 6);
    assert_eq!(after.hidden, history.hidden + 1);
    assert!(
        after
            .shown
            .iter()
            .any(|r| r.requester.as_str() == mynumber_app::PORTAL_UNIT
                && r.procedure == "self-disclosure")
    );
    // Staff read no one's history through this door.
    assert!(env.app.my_exchange_history(&env.admin).await.is_err());

    // Who read my record: the ledger's entries about me, the number read and the codes
    // issued among them, and a receipt signed with the ledger's key that still checks.
    let access = env.app.my_access_history(&me).await.unwrap();
    assert!(access.iter().any(|e| e.content.action == "number-read"));
    assert!(
        access
            .iter()
            .any(|e| e.content.action == "agency-code-issued")
    );
    let receipt = env.app.history_receipt(&me).await.unwrap();
    assert!(receipt.entries.len() >= access.len());
    assert!(receipt.entries.iter().all(|e| e.partition == "131041"));
    assert!(receipt.complete);
    let text = receipt.to_text();
    let check = env.app.check_history_receipt(&text).await.unwrap();
    assert!(check.altered.is_empty(), "{:?}", check.altered);
    // Altered by one byte: the signature fails; not a receipt at all: named so.
    let bad = env
        .app
        .check_history_receipt(&text.replace("number-read", "number-reaD"))
        .await
        .unwrap_err();
    assert_eq!(problem(&bad), "problem-receipt-signature");
    let bad = env.app.check_history_receipt("hello").await.unwrap_err();
    assert_eq!(problem(&bad), "problem-receipt-malformed");
    // Someone with the database edits an entry the receipt names: the check says which.
    let named = &receipt.entries[0];
    sqlx::query(
        "UPDATE ledger_entries SET detail = 'rewritten' WHERE partition_key = $1 AND seq = $2",
    )
    .bind(&named.partition)
    .bind(named.seq)
    .execute(&pool)
    .await
    .unwrap();
    let check = env.app.check_history_receipt(&text).await.unwrap();
    assert_eq!(check.altered, [(named.partition.clone(), named.seq)]);
}

fn table_permits(procedure: &str, r: &PublishedUnit, v: &PublishedUnit, item: DataItem) -> bool {
    PermissionTable::standard().permits(procedure, r.unit.kind, v.unit.kind, item)
}

/// Sends a signed request through the network as `by`, its key's id `k1`.
async fn send(env: &Env, by: &Principal, sent: &str) -> Result<String, AppError> {
    env.app
        .exchange(by, sent, &split(sent).unwrap(), "k1", &Headers)
        .await
}

fn problem(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid(i) => i.0[0].key,
        other => panic!("{other:?}"),
    }
}

/// Every keeper's record of one request, read as an auditor would.
async fn records_of(env: &Env, requester: &AgencyUnit, id: &RequestId) -> Vec<ExchangeRecord> {
    let pool = raw(env).await;
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM exchange_records WHERE requester = $1 AND request_id = $2",
    )
    .bind(requester.as_str())
    .bind(id.as_str())
    .fetch_one(&pool)
    .await
    .unwrap();
    let mut out: Vec<ExchangeRecord> = Vec::new();
    for keeper in [Keeper::Network, Keeper::Requester, Keeper::Provider] {
        // The provider keeps its records under its own name: the network's says which.
        let unit = match (keeper, out.first()) {
            (Keeper::Provider, Some(network)) => network.provider.clone(),
            _ => requester.clone(),
        };
        out.extend(
            env.app
                .exchange_records(&env.auditor, unit.as_str(), keeper)
                .await
                .unwrap()
                .into_iter()
                .filter(|r| &r.request_id == id && &r.requester == requester),
        );
    }
    assert_eq!(out.len() as i64, n);
    out
}

/// The portal's log-in with the card on both engines: the card's answer makes the log-in the
/// holder's, only the browser that began it finishes it, once; the session stands for the
/// resident until logged out; a held certificate is refused and recorded on its holder; a
/// relying party's signature does not log in to the portal.
pub(crate) async fn issue_14_a_resident_logs_in_to_the_portal_with_the_card(env: Env) {
    use mynumber_pki::Hierarchy;
    super::install_authorities(&env).await;
    let r = env
        .app
        .register(&env.clerk, register(japanese("門田", "太郎", "1985-05-05")))
        .await
        .unwrap();
    let handed = super::card_in_hand(&env, &r.resident_code, true).await;
    let begun = env.app.begin_portal_login().await.unwrap();
    let view = env
        .app
        .portal_login_view(&begun.login, Some(&begun.browser))
        .await
        .unwrap();
    assert!(view.own_browser && !view.authenticated && !view.over);
    let challenge = env.app.portal_login_challenge(&begun.login).await.unwrap();
    assert_eq!(challenge.confirmation, view.confirmation);
    assert!(challenge.message.starts_with(b"mynumber-portal-login-v1\n"));
    // A signature over another message (a relying party's log-in's first line) is no answer.
    let wrong = challenge
        .message
        .splitn(2, |b| *b == b'\n')
        .nth(1)
        .map(|rest| [b"mynumber-login-v1\n".as_slice(), rest].concat())
        .unwrap();
    let (signature, certificate) =
        super::sign_message_with_card(&handed.card_file, Hierarchy::Authentication, "1234", &wrong);
    assert!(
        env.app
            .answer_portal_challenge(&begun.login, &certificate, &signature)
            .await
            .is_err()
    );
    let (signature, certificate) = super::sign_message_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &challenge.message,
    );
    // Not yet answered: nothing to finish.
    assert!(
        env.app
            .finish_portal_login(&begun.login, &begun.browser)
            .await
            .is_err()
    );
    env.app
        .answer_portal_challenge(&begun.login, &certificate, &signature)
        .await
        .unwrap();
    // Another browser cannot finish it; the one that began it can, once.
    assert!(matches!(
        env.app
            .finish_portal_login(&begun.login, &"00".repeat(32))
            .await,
        Err(AppError::Unauthenticated)
    ));
    let token = env
        .app
        .finish_portal_login(&begun.login, &begun.browser)
        .await
        .unwrap();
    assert!(
        env.app
            .finish_portal_login(&begun.login, &begun.browser)
            .await
            .is_err()
    );
    let me = env.app.portal_principal(&token).await.unwrap();
    assert_eq!(me, Principal::Resident(r.person));
    let info = env.app.my_information(&me).await.unwrap();
    assert_eq!(info.cards.len(), 1);
    assert_eq!(info.certificates.len(), 2);
    assert_eq!(info.municipality_name.as_deref(), Some("新宿区"));
    let access = env.app.my_access_history(&me).await.unwrap();
    for action in [
        "portal-card-authenticated",
        "portal-signed-in",
        "own-record-read",
    ] {
        assert!(
            access.iter().any(|e| e.content.action == action),
            "{action}"
        );
    }
    // Idle past its limit: the session stands for no one.
    env.clock.advance(mynumber_app::PORTAL_IDLE_S * 1_000_000);
    assert!(env.app.portal_principal(&token).await.is_err());
    // The card answering a new log-in's challenge.
    let answered = || async {
        let begun = env.app.begin_portal_login().await.unwrap();
        let challenge = env.app.portal_login_challenge(&begun.login).await.unwrap();
        let (signature, certificate) = super::sign_message_with_card(
            &handed.card_file,
            Hierarchy::Authentication,
            "1234",
            &challenge.message,
        );
        let answer = env
            .app
            .answer_portal_challenge(&begun.login, &certificate, &signature)
            .await;
        (begun, answer)
    };
    // Logged out: likewise.
    let (begun, answer) = answered().await;
    answer.unwrap();
    let token = env
        .app
        .finish_portal_login(&begun.login, &begun.browser)
        .await
        .unwrap();
    env.app.end_portal_session(&token).await.unwrap();
    assert!(env.app.portal_principal(&token).await.is_err());
    // The resident suspends their own card from the portal (at any hour); nobody else's.
    let other = env
        .app
        .register(&env.clerk, register(japanese("門田", "花子", "1987-07-07")))
        .await
        .unwrap();
    let theirs = env
        .app
        .suspend_card(&Principal::Resident(other.person), &handed.card.serial)
        .await
        .unwrap_err();
    assert!(
        matches!(theirs, AppError::Denied(_) | AppError::NotFound(_)),
        "{theirs:?}"
    );
    let (begun, answer) = answered().await;
    answer.unwrap();
    let session = env
        .app
        .finish_portal_login(&begun.login, &begun.browser)
        .await
        .unwrap();
    assert!(env.app.portal_principal(&session).await.is_ok());
    let suspended = env
        .app
        .suspend_card(&me, &handed.card.serial)
        .await
        .unwrap();
    assert_eq!(suspended.status, mynumber_core::card::CardStatus::Suspended);
    // The suspension logs out whoever logged in with the card.
    assert!(env.app.portal_principal(&session).await.is_err());
    // A suspended card's certificate is on hold: refused, and recorded on the holder.
    let held = answered().await.1.unwrap_err();
    assert!(held.to_string().contains("on hold"), "{held}");
    let pool = raw(&env).await;
    let refusals: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries WHERE action = 'card-login-refused' AND person_id = $1",
    )
    .bind(r.person.to_hex())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(refusals, 1);
    // No token stored, only its hash.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM portal_sessions WHERE hash = $1")
        .bind(&token)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

/// お知らせ on both engines: an agency's notice reaches the person its unit knows by a code,
/// read when opened; the portal's own notices appear once each when a certificate's renewal
/// window opens; another agency's unit, a code not the unit's, or an empty text are refused.
pub(crate) async fn issue_14_notices_reach_the_resident_s_portal(env: Env) {
    super::install_authorities(&env).await;
    let r = env
        .app
        .register(&env.clerk, register(japanese("通知", "太郎", "1990-02-02")))
        .await
        .unwrap();
    let _handed = super::card_in_hand(&env, &r.resident_code, true).await;
    let number = env
        .app
        .read_number(&env.admin, &r.resident_code, "tax")
        .await
        .unwrap()
        .expose_formatted();
    let city = agency(
        &env,
        "000020131041",
        "新宿区",
        &[("131041/mayor", "municipality-mayor")],
    )
    .await;
    let other = agency(
        &env,
        "000020131016",
        "千代田区",
        &[("131016/mayor", "municipality-mayor")],
    )
    .await;
    let code = env
        .app
        .obtain_agency_codes(
            &city.principal(),
            "131041/mayor",
            &[CodeRequest {
                acquisition: "n-1",
                individual_number: &number,
            }],
        )
        .await
        .unwrap()[0]
        .code
        .clone()
        .unwrap();
    let me = Principal::Resident(r.person);
    assert!(env.app.my_notices(&me).await.unwrap().is_empty());
    // Refused: another agency's unit; an empty text; a code never issued to the unit.
    let send = |by: &Agency, unit: &'static str, code: String, body: &'static str| {
        let p = by.principal();
        let app = env.app.clone();
        async move {
            app.send_notice(&p, unit, &code, "児童手当の現況届について", body)
                .await
        }
    };
    assert!(matches!(
        send(&other, "131041/mayor", code.expose().to_owned(), "本文").await,
        Err(AppError::Denied(_))
    ));
    let AppError::Invalid(i) = send(&city, "131041/mayor", code.expose().to_owned(), "")
        .await
        .unwrap_err()
    else {
        panic!("empty text")
    };
    assert_eq!(i.0[0].field, "body");
    let AppError::Invalid(i) = send(&city, "131041/mayor", "0".repeat(52), "本文")
        .await
        .unwrap_err()
    else {
        panic!("unknown code")
    };
    assert_eq!(i.0[0].key, "problem-exchange-code-unknown");
    let id = send(
        &city,
        "131041/mayor",
        code.expose().to_owned(),
        "6月30日までに提出してください。\n詳しくは同封の案内をご覧ください。",
    )
    .await
    .unwrap();
    let notices = env.app.my_notices(&me).await.unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].sender, "131041/mayor");
    assert!(notices[0].read_at_us.is_none());
    assert!(notices[0].body.contains('\n'));
    let opened = env.app.read_notice(&me, &id).await.unwrap();
    assert!(opened.read_at_us.is_some());
    // Nobody else opens it.
    let stranger = env
        .app
        .register(&env.clerk, register(japanese("他人", "次郎", "1991-03-03")))
        .await
        .unwrap();
    assert!(
        env.app
            .read_notice(&Principal::Resident(stranger.person), &id)
            .await
            .is_err()
    );
    // Four years and ten months on, the certificates' renewal window has opened: a notice for
    // each, once however often the list is read; the card's (ten years) not yet.
    env.clock.advance_days(365 * 4 + 300);
    let notices = env.app.my_notices(&me).await.unwrap();
    let kinds: Vec<&str> = notices.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "certificate-expiry").count(),
        2,
        "{kinds:?}"
    );
    assert!(!kinds.contains(&"card-expiry"));
    assert_eq!(env.app.my_notices(&me).await.unwrap().len(), notices.len());
    // The sending is on the person's record.
    let access = env.app.my_access_history(&me).await.unwrap();
    assert!(
        access
            .iter()
            .any(|e| e.content.action == "agency-notice-sent")
    );
}
