//! Issue 13 on both engines: kiosk terminals as principals, their signed requests, and a kiosk
//! session begun with the card's answer (docs/design/kiosk.md).

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_app::{AppError, Clock, KioskSessionStatus, TerminalRow};
use mynumber_core::kiosk::Order;
use mynumber_core::terminal::{Envelope, REQUEST_TYPE, TerminalStatus, challenge_message};
use mynumber_pki::Hierarchy;
use mynumber_pki::jose::{sign_es256, split};

use mynumber_test_support::prints::{reprinted, scan_page};

use super::{Env, card_in_hand, install_authorities, japanese, register, sign_message_with_card};

const START: &str = "/api/kiosk/v1/sessions";

/// A terminal's signed request as a kiosk makes it: the JWS and the envelope the API reads
/// from it.
fn signed(
    pkcs8: &[u8],
    terminal: &TerminalRow,
    path: &str,
    iat: i64,
) -> (mynumber_pki::jose::CompactJws, Envelope) {
    let id = terminal.id.to_hex();
    let header = format!(r#"{{"alg":"ES256","typ":"{REQUEST_TYPE}","kid":"{id}"}}"#);
    let payload = format!(
        r#"{{"terminal":"{id}","shop":"{}","htm":"POST","htu":"{path}","iat":{iat},"request":{{}}}}"#,
        terminal.shop.code
    );
    let jws = split(&sign_es256(pkcs8, header.as_bytes(), payload.as_bytes()).unwrap()).unwrap();
    let envelope = Envelope {
        alg: "ES256".into(),
        typ: REQUEST_TYPE.into(),
        kid: id.clone(),
        terminal: id,
        shop: terminal.shop.code.clone(),
        method: "POST".into(),
        path: path.into(),
        iat,
    };
    (jws, envelope)
}

async fn refusals(env: &Env) -> Vec<String> {
    env.app
        .ledger_entries(&env.admin, "national", 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.content.action == "kiosk-request-refused")
        .map(|e| e.content.detail)
        .collect()
}

/// A resident of 131041 (小林 `given`) with a card in hand (its PINs 1234), and a chain with
/// the kiosk-operator role.
async fn holder_and_chain(
    env: &Env,
    given: &str,
    born: &str,
) -> (
    mynumber_app::Registered,
    mynumber_app::CardWithFile,
    mynumber_app::OrganisationRow,
) {
    let resident = env
        .app
        .register(&env.clerk, register(japanese("小林", given, born)))
        .await
        .unwrap();
    let handed = card_in_hand(env, &resident.resident_code, true).await;
    let chain = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプルストア",
            &["kiosk-operator"],
        )
        .await
        .unwrap();
    (resident, handed, chain)
}

/// A session begun at `terminal` and answered by the card (its PIN 1234): at step 2.
async fn answered_session(
    env: &Env,
    terminal: &TerminalRow,
    card_file: &[u8],
) -> mynumber_app::KioskSessionRow {
    let session = env.app.start_kiosk_session(terminal).await.unwrap();
    let message = challenge_message(&session.id, &hex::encode(&session.challenge));
    let (signature, certificate) =
        sign_message_with_card(card_file, Hierarchy::Authentication, "1234", &message);
    env.app
        .answer_kiosk_challenge(terminal, &session.id, 1, &certificate, &signature)
        .await
        .unwrap()
}

/// A chain's terminal registered with its key signs its requests: one signed for another door,
/// out of its time, by another key, or from a suspended terminal or a suspended chain is
/// refused and recorded. A session begins with a challenge; the card's answer makes the
/// resident known once; a replayed step, another terminal and a card suspended since are
/// refused, the last recorded on its holder.
pub(crate) async fn issue_13_a_kiosk_terminal_signs_and_the_card_answers(env: Env) {
    install_authorities(&env).await;
    let (resident, handed, chain) = holder_and_chain(&env, "花子", "1988-07-01").await;
    let employer = env
        .app
        .register_organisation(&env.admin, "4011001098993", "雇用主", &["number-related"])
        .await
        .unwrap();
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    let point = key.public_key().as_ref().to_vec();
    // Only a chain with the kiosk-operator role takes terminals; only administrators add them.
    let refused = env
        .app
        .register_terminal(&env.admin, employer.id, "0001", "本店", &point)
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Invalid(_)), "{refused:?}");
    assert!(matches!(
        env.app
            .register_terminal(&env.clerk, chain.id, "0001", "本店", &point)
            .await,
        Err(AppError::Denied(_))
    ));
    let terminal = env
        .app
        .register_terminal(&env.admin, chain.id, " 0001 ", "新宿西口店", &point)
        .await
        .unwrap();
    assert_eq!(terminal.shop.code, "0001");
    let other_key = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let other_point =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, other_key.as_ref())
            .unwrap()
            .public_key()
            .as_ref()
            .to_vec();
    let other = env
        .app
        .register_terminal(&env.admin, chain.id, "0002", "高田馬場店", &other_point)
        .await
        .unwrap();
    let listed = env.app.terminals(&env.admin, chain.id).await.unwrap();
    assert_eq!(listed, vec![terminal.clone(), other.clone()]);

    let now = env.clock.now_us() / 1_000_000;
    let (jws, envelope) = signed(pkcs8.as_ref(), &terminal, START, now);
    assert_eq!(
        env.app
            .authenticate_terminal(&jws, &envelope, "POST", START)
            .await
            .unwrap(),
        terminal
    );
    // Each refusal, recorded with its reason.
    let at = |path: &'static str| env.app.authenticate_terminal(&jws, &envelope, "POST", path);
    assert!(matches!(
        at("/api/kiosk/v1/sessions/x/card").await,
        Err(AppError::Unauthenticated)
    ));
    let (late_jws, late) = signed(pkcs8.as_ref(), &terminal, START, now - 61);
    assert!(matches!(
        env.app
            .authenticate_terminal(&late_jws, &late, "POST", START)
            .await,
        Err(AppError::Unauthenticated)
    ));
    let (forged, forged_envelope) = signed(other_key.as_ref(), &terminal, START, now);
    assert!(matches!(
        env.app
            .authenticate_terminal(&forged, &forged_envelope, "POST", START)
            .await,
        Err(AppError::Unauthenticated)
    ));
    env.app
        .change_terminal(&env.admin, terminal.id, "suspend")
        .await
        .unwrap();
    assert!(matches!(at(START).await, Err(AppError::Unauthenticated)));
    assert!(matches!(
        env.app
            .change_terminal(&env.admin, terminal.id, "suspend")
            .await,
        Err(AppError::Invalid(_))
    ));
    env.app
        .change_terminal(&env.admin, terminal.id, "resume")
        .await
        .unwrap();
    env.app
        .change_organisation(&env.admin, chain.id, "suspend")
        .await
        .unwrap();
    assert!(matches!(at(START).await, Err(AppError::Unauthenticated)));
    env.app
        .change_organisation(&env.admin, chain.id, "resume")
        .await
        .unwrap();
    let reasons: Vec<String> = refusals(&env)
        .await
        .iter()
        .map(|d| d.split(' ').nth(1).unwrap().to_owned())
        .collect();
    assert_eq!(
        reasons,
        [
            "reason=target",
            "reason=time",
            "reason=signature",
            "reason=suspended",
            "reason=chain-not-in-force"
        ]
    );

    // A session: the challenge, the card's answer after its PIN, the resident known.
    let terminal = at(START).await.unwrap();
    assert_eq!(terminal.status, TerminalStatus::Active);
    let session = env.app.start_kiosk_session(&terminal).await.unwrap();
    assert_eq!(session.status, KioskSessionStatus::Challenged);
    assert_eq!(session.step, 1);
    let message = challenge_message(&session.id, &hex::encode(&session.challenge));
    let (signature, certificate) = sign_message_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &message,
    );
    // Another terminal does not find it.
    assert!(matches!(
        env.app
            .answer_kiosk_challenge(&other, &session.id, 1, &certificate, &signature)
            .await,
        Err(AppError::NotFound(_))
    ));
    // A signature over another challenge is not the card's answer.
    let (stale, _) =
        sign_message_with_card(&handed.card_file, Hierarchy::Authentication, "1234", b"x");
    assert!(matches!(
        env.app
            .answer_kiosk_challenge(&terminal, &session.id, 1, &certificate, &stale)
            .await,
        Err(AppError::NotVerified(_))
    ));
    let answered = env
        .app
        .answer_kiosk_challenge(&terminal, &session.id, 1, &certificate, &signature)
        .await
        .unwrap();
    assert_eq!(answered.status, KioskSessionStatus::Authenticated);
    assert_eq!(answered.step, 2);
    assert!(answered.person.is_some());
    // The same answer again (a replay) finds the session moved on.
    assert!(matches!(
        env.app
            .answer_kiosk_challenge(&terminal, &session.id, 1, &certificate, &signature)
            .await,
        Err(AppError::Refused(_))
    ));

    // The order, priced by the rule table: a 住民票 of the household with the number, two
    // copies; then the seal's certificate, refused until a seal is registered; too many copies.
    let order = |document: &str, options: &[&str], copies: i64| {
        Order::new(document, options, copies).unwrap()
    };
    let problem = |e: AppError| match e {
        AppError::Invalid(i) => i.0[0].key,
        other => panic!("{other:?}"),
    };
    let ordered = env
        .app
        .order_at_kiosk(
            &terminal,
            &session.id,
            2,
            &order("resident-record-copy", &["household", "number"], 2),
        )
        .await
        .unwrap();
    assert_eq!(ordered.status, KioskSessionStatus::Ordered);
    assert_eq!(ordered.step, 3);
    let (_, quote) = ordered.order.clone().unwrap();
    assert_eq!((quote.fee_yen_each, quote.total_yen), (200, 400));
    let stored = env
        .app
        .order_at_kiosk(
            &terminal,
            &session.id,
            3,
            &order("seal-certificate", &[], 1),
        )
        .await
        .unwrap_err();
    assert_eq!(problem(stored), "problem-kiosk-no-seal");
    env.app
        .register_seal(
            &env.clerk,
            &resident.resident_code,
            &mynumber_app::SealRegistration {
                documents: vec![mynumber_core::card::IdentityDocument::Passport],
                adult_ward: false,
                impression: mynumber_app::demo::seal_impression(9, 15),
            },
        )
        .await
        .unwrap();
    let read_back = env
        .app
        .order_at_kiosk(
            &terminal,
            &session.id,
            3,
            &order("resident-record-copy", &[], 11),
        )
        .await
        .unwrap_err();
    assert_eq!(problem(read_back), "problem-kiosk-copies");

    // Payment: the quote's total only; then the document, issued and signed, with the number
    // printed at the resident's own request (a reading of it, recorded).
    let ordered = env
        .app
        .order_at_kiosk(
            &terminal,
            &session.id,
            3,
            &order("resident-record-copy", &["household", "number"], 2),
        )
        .await
        .unwrap();
    assert_eq!(ordered.step, 4);
    let short = env
        .app
        .pay_at_kiosk(&terminal, &session.id, 4, 300)
        .await
        .unwrap_err();
    assert_eq!(problem(short), "problem-kiosk-paid");
    let paid = env
        .app
        .pay_at_kiosk(&terminal, &session.id, 4, 400)
        .await
        .unwrap();
    assert_eq!(paid.status, KioskSessionStatus::Paid);
    let issue = paid.issued.clone().unwrap();
    let checked = env.app.verify_document(&issue.pdf).await.unwrap();
    assert_eq!(checked.row.code.as_str(), issue.document_code);
    assert_eq!(checked.row.issued_by, format!("kiosk:{}", terminal.id));
    // Its back, scanned, shows the front as issued, the number withheld; a scan of the front,
    // a reprinted back with one byte changed, and one missing a symbol are each refused.
    if let Some(back) = scan_page(&issue.pdf, 2) {
        let opened = env.app.read_back(back.clone()).await.unwrap();
        assert_eq!(opened.front.title_key, "record-title-copy");
        assert_eq!(opened.front.code, issue.document_code);
        assert_eq!(opened.row.kind, "resident-record-copy");
        let rows = &opened.front.sections[0];
        assert_eq!(rows[0].key, "field-name");
        assert!(rows[0].value.starts_with("小林 花子 / "), "{:?}", rows[0]);
        let number = rows
            .iter()
            .find(|r| r.key == "field-individual-number")
            .unwrap();
        assert!(number.withheld && number.value.is_empty());
        let front = scan_page(&issue.pdf, 1).unwrap();
        assert_eq!(
            problem(env.app.read_back(front).await.unwrap_err()),
            "problem-back-front-side"
        );
        let symbols = mynumber_render::scan::read_symbols(&back).unwrap();
        assert_eq!(
            env.app.read_back(reprinted(&symbols)).await.unwrap().front,
            opened.front,
            "reprinted as it was, the back still opens"
        );
        // One byte changed anywhere in a symbol's data (its header aside): refused. Eight
        // places over the sealed bytes: the version, the nonce, the ciphertext and its tag.
        let last = symbols.len() - 1;
        let end = symbols[last].len();
        let places = [
            (0, 14),
            (0, 15),
            (0, 20),
            (0, 27),
            (0, symbols[0].len() / 2),
            (last, end - 40),
            (last, end - 17),
            (last, end - 1),
        ];
        for (symbol, at) in places {
            let mut changed = symbols.clone();
            changed[symbol][at] ^= 0x01;
            assert_eq!(
                problem(env.app.read_back(reprinted(&changed)).await.unwrap_err()),
                "problem-back-tampered",
                "byte {at} of symbol {symbol}"
            );
        }
        if symbols.len() > 1 {
            assert_eq!(
                problem(
                    env.app
                        .read_back(reprinted(&symbols[1..]))
                        .await
                        .unwrap_err()
                ),
                "problem-back-incomplete"
            );
        }
        assert_eq!(
            problem(env.app.read_back(b"GIF89a".to_vec()).await.unwrap_err()),
            "problem-back-format"
        );
        let reads = env
            .app
            .ledger_entries(&env.admin, "131041", 0, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| {
                e.content.action == "print-back-read"
                    && e.content.detail.contains(&issue.document_code)
            })
            .count();
        assert_eq!(reads, 2, "each front shown is a reading, recorded");
    }
    // A failed print: not charged, and the same document is sent again.
    let failed = env
        .app
        .kiosk_printed(&terminal, &session.id, 5, false)
        .await
        .unwrap();
    assert_eq!(
        (failed.status, failed.print_failures),
        (KioskSessionStatus::Paid, 1)
    );
    let again = env
        .app
        .kiosk_document(&terminal, &session.id, 6)
        .await
        .unwrap();
    assert_eq!(again.step, 7);
    assert_eq!(again.issued.unwrap().pdf, issue.pdf, "the same signed PDF");
    let done = env
        .app
        .kiosk_printed(&terminal, &session.id, 7, true)
        .await
        .unwrap();
    assert_eq!(done.status, KioskSessionStatus::Printed);
    assert!(
        done.issued.as_ref().unwrap().pdf.is_empty(),
        "not kept once printed"
    );
    assert!(matches!(
        env.app.kiosk_document(&terminal, &session.id, 8).await,
        Err(AppError::Refused(_))
    ));
    assert!(matches!(
        env.app.pay_at_kiosk(&terminal, &session.id, 8, 400).await,
        Err(AppError::Refused(_))
    ));
    // The day's settlement adds up to the prints in the ledger.
    let day = mynumber_core::dates::japan_date_of(env.clock.now_us()).unwrap();
    let settlement = env.app.kiosk_settlement(&env.admin, day).await.unwrap();
    assert_eq!(settlement.len(), 1);
    let line = &settlement[0];
    assert_eq!(
        (
            line.municipality.as_str(),
            line.organisation,
            line.sessions,
            line.copies,
            line.yen
        ),
        ("131041", chain.id, 1, 2, 400)
    );
    let entries = env
        .app
        .ledger_entries(&env.admin, "131041", 0, 1000)
        .await
        .unwrap();
    let ledger_yen: i64 = entries
        .iter()
        .filter(|e| e.content.action == "kiosk-printed")
        .map(|e| {
            e.content
                .detail
                .split(' ')
                .find_map(|kv| kv.strip_prefix("yen="))
                .unwrap()
                .parse::<i64>()
                .unwrap()
        })
        .sum();
    assert_eq!(ledger_yen, line.yen);
    let number_reads = entries
        .iter()
        .filter(|e| {
            e.content.action == "number-read"
                && e.content.detail.contains(&issue.document_code)
                && e.content.detail.contains("basis=own-request")
        })
        .count();
    assert_eq!(
        number_reads, 1,
        "the holder's number, printed at their request"
    );
    assert!(matches!(
        env.app.kiosk_settlement(&env.clerk, day).await,
        Err(AppError::Denied(_))
    ));
    // The seal's certificate, in a session of its own: the impression on the front, the
    // holder's items on the back.
    let sealed = answered_session(&env, &terminal, &handed.card_file).await;
    let ordered = env
        .app
        .order_at_kiosk(&terminal, &sealed.id, 2, &order("seal-certificate", &[], 1))
        .await
        .unwrap();
    let (_, quote) = ordered.order.clone().unwrap();
    let paid = env
        .app
        .pay_at_kiosk(&terminal, &sealed.id, 3, i64::from(quote.total_yen))
        .await
        .unwrap();
    let certificate_pdf = paid.issued.unwrap();
    let checked = env.app.verify_document(&certificate_pdf.pdf).await.unwrap();
    assert_eq!(checked.row.kind, "seal-certificate");
    if let Some(back) = scan_page(&certificate_pdf.pdf, 2) {
        let opened = env.app.read_back(back).await.unwrap();
        assert_eq!(opened.front.title_key, "seal-certificate-title");
        let keys: Vec<(&str, bool)> = opened.front.sections[0]
            .iter()
            .map(|r| (r.key.as_str(), r.withheld))
            .collect();
        assert_eq!(
            keys,
            [
                ("field-seal-impression", true),
                ("field-name", false),
                ("field-birth-date", false),
                ("field-sex", false),
                ("field-address", false),
            ]
        );
    }

    // At 23:01 JST a new session's card still answers, but nothing is ordered: closed.
    let japan = mynumber_core::dates::japan_time_of(env.clock.now_us()).unwrap();
    let to_2301 = ((23 - i64::from(japan.hour())) * 60 + 1 - i64::from(japan.minute()))
        * 60_000_000
        - i64::from(japan.second()) * 1_000_000;
    env.clock.advance(to_2301);
    let late = answered_session(&env, &terminal, &handed.card_file).await;
    let closed = env
        .app
        .order_at_kiosk(
            &terminal,
            &late.id,
            2,
            &order("resident-record-copy", &[], 1),
        )
        .await
        .unwrap_err();
    assert_eq!(problem(closed), "problem-kiosk-outside-hours");
    // The first session is over.
    let idle = env
        .app
        .order_at_kiosk(
            &terminal,
            &session.id,
            8,
            &order("resident-record-copy", &[], 1),
        )
        .await
        .unwrap_err();
    assert!(matches!(idle, AppError::Refused(_)), "{idle:?}");
    env.clock.advance(-to_2301);

    // A member of the household with a move-out filed for next week: no 住民票 at a kiosk for
    // anyone of the household, while the seal's certificate is still issued.
    let mut child = japanese("小林", "次郎", "2015-05-05");
    child.relationship = "child".into();
    let child = env
        .app
        .register(
            &env.clerk,
            mynumber_app::RegisterCommand {
                household: mynumber_app::HouseholdChoice::Existing(resident.household),
                ..register(child)
            },
        )
        .await
        .unwrap();
    let week = env
        .clock
        .today()
        .checked_add(jiff::Span::new().days(7))
        .unwrap();
    env.app
        .change(
            &env.clerk,
            &child.resident_code,
            mynumber_app::ChangeCommand::MoveOut {
                abroad: false,
                destination: Some("271004".into()),
                with_card: false,
            },
            Some(week),
        )
        .await
        .unwrap();
    let moving = answered_session(&env, &terminal, &handed.card_file).await;
    let pending = env
        .app
        .order_at_kiosk(
            &terminal,
            &moving.id,
            2,
            &order("resident-record-items", &[], 1),
        )
        .await
        .unwrap_err();
    assert_eq!(problem(pending), "problem-kiosk-move-out-pending");
    let seal_ordered = env
        .app
        .order_at_kiosk(&terminal, &moving.id, 2, &order("seal-certificate", &[], 1))
        .await
        .unwrap();
    assert_eq!(seal_ordered.status, KioskSessionStatus::Ordered);

    // A card suspended since (the call center, a minute ago) is refused at the next session,
    // and the refusal is recorded on its holder.
    env.app
        .suspend_card(&env.clerk, &handed.card.serial)
        .await
        .unwrap();
    let session = env.app.start_kiosk_session(&terminal).await.unwrap();
    let message = challenge_message(&session.id, &hex::encode(&session.challenge));
    let (signature, certificate) = sign_message_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &message,
    );
    let refused = env
        .app
        .answer_kiosk_challenge(&terminal, &session.id, 1, &certificate, &signature)
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Refused(_)), "{refused:?}");
    let entries = env
        .app
        .ledger_entries(&env.admin, "131041", 0, 1000)
        .await
        .unwrap();
    let kiosk: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| e.content.action.starts_with("kiosk-card-"))
        .map(|e| (e.content.action.as_str(), e.content.actor.as_str()))
        .collect();
    let actor = format!("kiosk:{}", terminal.id);
    assert_eq!(
        kiosk,
        [
            ("kiosk-card-accepted", actor.as_str()),
            ("kiosk-card-accepted", actor.as_str()),
            ("kiosk-card-accepted", actor.as_str()),
            ("kiosk-card-accepted", actor.as_str()),
            ("kiosk-card-refused", actor.as_str())
        ]
    );

    // Another resident: a paid session whose print is never reported, and one ordered before
    // the card is suspended, paid after: the certificate is checked again at payment.
    let other_resident = env
        .app
        .register(&env.clerk, register(japanese("加藤", "一郎", "1975-03-03")))
        .await
        .unwrap();
    let other_card = card_in_hand(&env, &other_resident.resident_code, true).await;
    let answered = |id: String, challenge: Vec<u8>| {
        let env = &env;
        let terminal = &terminal;
        let file = other_card.card_file.clone();
        async move {
            let message = challenge_message(&id, &hex::encode(&challenge));
            let (signature, certificate) =
                sign_message_with_card(&file, Hierarchy::Authentication, "1234", &message);
            env.app
                .answer_kiosk_challenge(terminal, &id, 1, &certificate, &signature)
                .await
                .unwrap();
            env.app
                .order_at_kiosk(terminal, &id, 2, &order("resident-record-copy", &[], 1))
                .await
                .unwrap()
        }
    };
    let abandoned = env.app.start_kiosk_session(&terminal).await.unwrap();
    answered(abandoned.id.clone(), abandoned.challenge.clone()).await;
    let unprinted = env
        .app
        .pay_at_kiosk(&terminal, &abandoned.id, 3, 200)
        .await
        .unwrap();
    let unprinted_code = unprinted.issued.unwrap().document_code;
    let suspended = env.app.start_kiosk_session(&terminal).await.unwrap();
    answered(suspended.id.clone(), suspended.challenge.clone()).await;
    env.app
        .suspend_card(&env.clerk, &other_card.card.serial)
        .await
        .unwrap();
    let refused = env
        .app
        .pay_at_kiosk(&terminal, &suspended.id, 3, 200)
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Refused(_)), "{refused:?}");

    // An hour later the sweep ends every session left open; the paid one is recorded as never
    // settled, and its document is no longer sent.
    env.clock.advance(3_600_000_000);
    let ended = env
        .app
        .end_idle_kiosk_sessions(&mynumber_core::Principal::System)
        .await
        .unwrap();
    assert!(ended >= 3, "{ended}");
    assert_eq!(
        env.app
            .end_idle_kiosk_sessions(&mynumber_core::Principal::System)
            .await
            .unwrap(),
        0
    );
    assert!(matches!(
        env.app.end_idle_kiosk_sessions(&env.clerk).await,
        Err(AppError::Denied(_))
    ));
    assert!(matches!(
        env.app.kiosk_document(&terminal, &abandoned.id, 4).await,
        Err(AppError::Refused(_))
    ));
    let entries = env
        .app
        .ledger_entries(&env.admin, "131041", 0, 1000)
        .await
        .unwrap();
    let theirs = |action: &str| {
        entries
            .iter()
            .filter(|e| {
                e.content.action == action && e.content.person == Some(other_resident.person)
            })
            .map(|e| e.content.detail.clone())
            .collect::<Vec<_>>()
    };
    let unsettled = theirs("kiosk-unprinted");
    assert_eq!(unsettled.len(), 1, "{unsettled:?}");
    assert!(unsettled[0].contains(&unprinted_code), "{unsettled:?}");
    let card_refused = theirs("kiosk-card-refused");
    assert_eq!(card_refused.len(), 1, "{card_refused:?}");
    assert!(card_refused[0].ends_with("at=payment"), "{card_refused:?}");
    assert_eq!(theirs("kiosk-ordered").len(), 2);
    assert!(theirs("kiosk-printed").is_empty());
    // The day's settlement still counts only the one print of that day.
    let day = mynumber_core::dates::japan_date_of(env.clock.now_us() - 3_600_000_000).unwrap();
    let yen: i64 = env
        .app
        .kiosk_settlement(&env.admin, day)
        .await
        .unwrap()
        .iter()
        .map(|l| l.yen)
        .sum();
    assert_eq!(yen, 400);
    // Every order the register refused is recorded on the holder, with the rule broken.
    let reasons: Vec<String> = entries
        .iter()
        .filter(|e| {
            e.content.action == "kiosk-order-refused" && e.content.person == Some(resident.person)
        })
        .map(|e| e.content.detail.rsplit(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        reasons,
        [
            "reason=no-seal",
            "reason=copies",
            "reason=outside-hours",
            "reason=move-out-pending"
        ]
    );
}

/// A municipality's own rule table (issue 13): the standard one until it sets its own; a table
/// with every rule broken is refused on each field; set by an administrator, read by anyone,
/// recorded in the ledger; and the next order is priced and bounded by it, a document it does
/// not offer refused.
pub(crate) async fn issue_13_a_municipality_sets_its_kiosk_rules(env: Env) {
    use mynumber_core::kiosk::{DAY_END, KioskDocument, RuleTable};
    install_authorities(&env).await;
    let code = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    let anyone = mynumber_core::Principal::Anonymous;
    let standard = RuleTable::standard(code);
    assert_eq!(env.app.kiosk_rules(&anyone, code).await.unwrap(), standard);

    let mut broken = standard.clone();
    broken.opens = broken.closes;
    broken.max_copies = 0;
    let refused = env
        .app
        .set_kiosk_rules(&env.admin, &broken)
        .await
        .unwrap_err();
    let AppError::Invalid(problems) = refused else {
        panic!("{refused:?}");
    };
    let fields: Vec<&str> = problems.0.iter().map(|p| p.field).collect();
    assert_eq!(fields, ["hours", "max_copies"]);
    assert!(matches!(
        env.app.set_kiosk_rules(&env.clerk, &standard).await,
        Err(AppError::Denied(_))
    ));

    // Open day and night every day, three copies at most, a 住民票 at 350 yen, no seal's
    // certificate.
    let mut own = standard.clone();
    own.opens = 0;
    own.closes = DAY_END;
    own.closed_days.clear();
    own.max_copies = 3;
    own.documents
        .retain(|d| d.document != KioskDocument::SealCertificate);
    own.documents[0].fee_yen = 350;
    env.app.set_kiosk_rules(&env.admin, &own).await.unwrap();
    assert_eq!(env.app.kiosk_rules(&anyone, code).await.unwrap(), own);
    let set: Vec<String> = env
        .app
        .ledger_entries(&env.admin, "131041", 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.content.action == "kiosk-rules-set")
        .map(|e| e.content.detail)
        .collect();
    assert_eq!(set.len(), 1);
    assert!(
        set[0].starts_with("hours\t00:00\t24:00 | closed\t | max-copies\t3"),
        "{set:?}"
    );

    // A session priced and bounded by it.
    let (_, handed, chain) = holder_and_chain(&env, "三郎", "1970-01-01").await;
    let pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
            .unwrap();
    let point = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
        .unwrap()
        .public_key()
        .as_ref()
        .to_vec();
    let terminal = env
        .app
        .register_terminal(&env.admin, chain.id, "0001", "本店", &point)
        .await
        .unwrap();
    let session = answered_session(&env, &terminal, &handed.card_file).await;
    let order = |document: &str, copies: i64| Order::new(document, &[], copies).unwrap();
    let problem = |e: AppError| match e {
        AppError::Invalid(i) => i.0[0].key,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problem(
            env.app
                .order_at_kiosk(&terminal, &session.id, 2, &order("seal-certificate", 1))
                .await
                .unwrap_err()
        ),
        "problem-kiosk-not-offered"
    );
    assert_eq!(
        problem(
            env.app
                .order_at_kiosk(&terminal, &session.id, 2, &order("resident-record-copy", 4))
                .await
                .unwrap_err()
        ),
        "problem-kiosk-copies"
    );
    let ordered = env
        .app
        .order_at_kiosk(&terminal, &session.id, 2, &order("resident-record-copy", 2))
        .await
        .unwrap();
    let (_, quote) = ordered.order.unwrap();
    assert_eq!((quote.fee_yen_each, quote.total_yen), (350, 700));
}
