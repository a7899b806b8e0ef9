//! Issue 10, "A card and its certificates through a whole life, and a register that can move in
//! from the old system": each case on both databases.

use mynumber_app::{AppError, ImportError, ImportRow, ImportSession, RegisterCommand};
use mynumber_core::{CarriedIdentity, IndividualNumber, Registration, ResidentCode};
use sqlx::Row;

use super::{Env, count, foreign, japanese, raw, register};

/// A synthetic Individual Number: `base` as the first eleven digits, then its check digit.
fn number(base: u64) -> IndividualNumber {
    let digits = format!("{base:011}");
    let eleven: [u8; 11] = digits.as_bytes().try_into().unwrap();
    let check = mynumber_core::check_digits::individual(&eleven);
    IndividualNumber::parse(&format!("{digits}{check}")).unwrap()
}

/// A code as the previous system issued it: any eleven digits (its check digit is not ours).
fn code(digits: &str) -> ResidentCode {
    ResidentCode::parse(digits).unwrap()
}

fn carried(c: &str, n: u64) -> CarriedIdentity {
    CarriedIdentity {
        resident_code: code(c),
        number: number(n),
    }
}

fn row(
    line: u64,
    input: mynumber_core::ResidentInput,
    household: &str,
    id: CarriedIdentity,
) -> ImportRow {
    ImportRow {
        line,
        input,
        household: household.into(),
        carried: Some(Ok(id)),
    }
}

/// A 転居 within Shinjuku, to a household of one's own.
pub(crate) fn to_takadanobaba() -> mynumber_app::ChangeCommand {
    mynumber_app::ChangeCommand::AddressChange {
        prefecture: "東京都".into(),
        municipality_code: "131041".into(),
        address: "高田馬場1丁目1番1号".into(),
        household: mynumber_app::HouseholdChoice::New,
        relationship: "head".into(),
    }
}

/// The ledger's (action, detail) of one partition, oldest first.
async fn actions(env: &Env, partition: &str) -> Vec<(String, String)> {
    let pool = raw(env).await;
    sqlx::query("SELECT action, detail FROM ledger_entries WHERE partition_key = $1 ORDER BY seq")
        .bind(partition)
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// 移行: a municipality's register moves in with the codes and numbers its residents hold. Each
/// is kept as given and enters the registry of every number ever issued; no 通知書 is queued; the
/// ledger holds one `migration` entry per person and never the number. A code or number already
/// in the register stops the batch, named by its line, and nothing of the batch is written.
pub(crate) async fn issue_10_a_migrated_register_keeps_its_codes_and_numbers(env: Env) {
    let op = env.admin.clone();
    let mut session = ImportSession::default();
    let mut child = japanese("山田", "花子", "2015-05-05");
    child.relationship = "child".into();
    // The first code does not end in this project's check digit: it is kept all the same.
    let ids = [
        carried("50000000001", 10_000_000_001),
        carried("50000000002", 10_000_000_002),
        carried("50000000003", 10_000_000_003),
    ];
    assert!(!ids[0].resident_code.has_our_check_digit());
    let written = env
        .app
        .import_batch(
            &op,
            &mut session,
            vec![
                row(2, japanese("山田", "太郎", "1980-01-01"), "h1", ids[0]),
                row(3, child.clone(), "h1", ids[1]),
                row(4, foreign(), "h2", ids[2]),
            ],
        )
        .await
        .unwrap();
    assert_eq!(written, 3);
    for id in &ids {
        let by_code = env
            .app
            .resident(&env.clerk, &id.resident_code)
            .await
            .unwrap();
        assert_eq!(by_code.versions[0].procedure, "migration");
        let by_number = env
            .app
            .lookup_by_number(&env.clerk, &id.number, "tax")
            .await
            .unwrap();
        assert_eq!(by_number.person.resident_code, id.resident_code);
    }
    assert_eq!(
        count(&env, "notices").await,
        0,
        "a carried number was notified long ago"
    );
    let ledger = actions(&env, "131041").await;
    let migrated: Vec<_> = ledger.iter().filter(|(a, _)| a == "migration").collect();
    assert_eq!(migrated.len(), 3);
    assert!(
        migrated
            .iter()
            .all(|(_, d)| d == "version=1 identity=carried")
    );
    for id in &ids {
        let digits = id.number.expose_digits();
        assert!(ledger.iter().all(|(_, d)| !d.contains(digits)));
    }

    // A code held already, then a number held already: each stops its batch, named by line.
    for (attempt, bad, field) in [
        (1, carried("50000000001", 10_000_000_009), "resident_code"),
        (
            2,
            carried("50000000009", 10_000_000_002),
            "individual_number",
        ),
    ] {
        let err = env
            .app
            .import_batch(
                &op,
                &mut session,
                vec![
                    row(
                        5,
                        japanese("鈴木", "一郎", "1970-02-02"),
                        &format!("h5-{attempt}"),
                        carried("50000000005", 10_000_000_005),
                    ),
                    row(
                        6,
                        japanese("鈴木", "二郎", "1971-02-02"),
                        &format!("h6-{attempt}"),
                        bad,
                    ),
                ],
            )
            .await
            .unwrap_err();
        let ImportError::App(AppError::Invalid(e)) = err else {
            panic!("{err:?}")
        };
        assert_eq!(e.0.len(), 1, "{e:?}");
        assert_eq!(e.0[0].field, field);
        assert!(e.0[0].problem().starts_with("line 6: "), "{e:?}");
        assert!(!e.0[0].to_string().contains(bad.number.expose_digits()));
        assert_eq!(
            count(&env, "persons").await,
            3,
            "nothing of the batch is written"
        );
        assert_eq!(count(&env, "individual_numbers").await, 3);
    }

    // A number whose check digit fails is the row's error, and never echoed.
    let mut bad = row(7, japanese("鈴木", "三郎", "1972-02-02"), "h7", ids[0]);
    let good = number(10_000_000_007).expose_digits().to_owned();
    let last = good.as_bytes()[11] - b'0';
    let typo = format!("{}{}", &good[..11], (last + 1) % 10);
    bad.carried = Some(CarriedIdentity::parse("50000000007", &typo));
    let err = env
        .app
        .import_batch(&op, &mut session, vec![bad])
        .await
        .unwrap_err();
    let ImportError::Rows(rows) = err else {
        panic!("{err:?}")
    };
    assert_eq!(rows[0].0, 7);
    assert!(rows[0].1.to_string().contains("individual_number"));
    assert!(!rows[0].1.to_string().contains(&typo));

    // People registered here afterwards get derived numbers and letters, as always.
    env.app
        .register(&env.clerk, register(japanese("佐藤", "花", "1990-03-03")))
        .await
        .unwrap();
    assert_eq!(count(&env, "notices").await, 1);
    assert_eq!(count(&env, "individual_numbers").await, 4);
}

/// A move-in from a municipality outside this deployment carries the code and number of its
/// 転出証明書; a birth or a first registration cannot carry any. It is a move within Japan: no
/// express issuance as for a new resident, which a move-in from abroad gets (facts §2.7).
pub(crate) async fn issue_10_a_move_in_from_outside_keeps_code_and_number(env: Env) {
    use mynumber_app::CardApplication;
    use mynumber_core::card::{CardKind, Channel, Reason};
    let id = carried("60000000001", 20_000_000_001);
    let with_certificate = |input| RegisterCommand {
        kind: Registration::MoveInWithCertificate,
        ..register(input)
    };
    // The certificate shows the code and number: a move-in with one carries them.
    let bare = env
        .app
        .register(
            &env.clerk,
            with_certificate(japanese("高橋", "健", "1975-06-06")),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&bare, AppError::Invalid(e) if e.0[0].field == "individual_number"),
        "{bare:?}"
    );
    let moved = env
        .app
        .register(
            &env.clerk,
            RegisterCommand {
                carried: Some(id),
                ..with_certificate(japanese("高橋", "健", "1975-06-06"))
            },
        )
        .await
        .unwrap();
    assert_eq!(
        count(&env, "notices").await,
        0,
        "no 通知書 for a carried number"
    );
    let express = CardApplication {
        channel: Channel::Counter,
        reason: Reason::First,
        application_id: None,
        photo: Some(mynumber_app::demo::portrait(2)),
        kind: CardKind::Standard,
        with_certificates: true,
        express: true,
    };
    let err = env
        .app
        .apply_for_card(&env.clerk, &moved.resident_code, express.clone())
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("within 30 days of becoming a resident"),
        "{err}"
    );
    let from_abroad = env
        .app
        .register(&env.clerk, register(japanese("高橋", "舞", "1978-03-03")))
        .await
        .unwrap();
    let applied = env
        .app
        .apply_for_card(&env.clerk, &from_abroad.resident_code, express)
        .await
        .unwrap();
    assert!(applied.express);
    assert_eq!(moved.resident_code, id.resident_code);
    let found = env
        .app
        .lookup_by_number(&env.clerk, &id.number, "tax")
        .await
        .unwrap();
    assert_eq!(found.person.id, moved.person);
    let ledger = actions(&env, "131041").await;
    assert!(ledger.contains(&(
        "move-in-with-certificate".into(),
        "version=1 identity=carried".into()
    )));

    // The same code or number again is refused, and so is a newborn with either.
    let again = env
        .app
        .register(
            &env.clerk,
            RegisterCommand {
                carried: Some(id),
                ..with_certificate(japanese("高橋", "健二", "1976-06-06"))
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&again, AppError::Invalid(e) if e.0[0].field == "resident_code"),
        "{again:?}"
    );
    let birth = env
        .app
        .register(
            &env.clerk,
            RegisterCommand {
                kind: Registration::Birth,
                carried: Some(carried("60000000002", 20_000_000_002)),
                ..register(japanese("高橋", "陽", "2020-11-30"))
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&birth, AppError::Invalid(e) if e.0.iter().any(|f| f.field == "individual_number")),
        "{birth:?}"
    );
    assert_eq!(count(&env, "persons").await, 2);
}

/// A move within Japan revokes the signature certificate when the move-out is filed (転出届),
/// not at the transfer-in: relying parties must not get `good` for a removed record. The
/// authentication certificate stays with the card; the transfer-in revokes nothing twice.
pub(crate) async fn issue_10_a_move_out_revokes_the_signature_certificate_when_filed(env: Env) {
    use mynumber_app::{ChangeCommand, HouseholdChoice};
    use mynumber_core::certificate::CertificateStatus;
    use mynumber_pki::Hierarchy;
    super::install_authorities(&env).await;
    let adult = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let code = adult.resident_code;
    let card = rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
        .unwrap();
    let mut serials = Vec::new();
    for h in [Hierarchy::Signature, Hierarchy::Authentication] {
        let issued = env
            .app
            .issue_certificate(&env.admin, &code, &super::exception(h, &card))
            .await
            .unwrap();
        serials.push(issued.serial);
    }
    let statuses =
        |rows: Vec<mynumber_app::CertificateRow>| -> Vec<(CertificateStatus, Option<String>)> {
            serials
                .iter()
                .map(|s| {
                    let c = rows.iter().find(|c| &c.serial == s).unwrap();
                    (c.status, c.reason.clone())
                })
                .collect()
        };
    env.app
        .change(
            &env.clerk,
            &code,
            ChangeCommand::MoveOut {
                abroad: false,
                destination: Some("271004".into()),
                with_card: false,
            },
            None,
        )
        .await
        .unwrap();
    let after_move_out = statuses(env.app.certificates(&env.clerk, &code).await.unwrap());
    assert_eq!(
        after_move_out,
        [
            (
                CertificateStatus::Revoked,
                Some("affiliationChanged".into())
            ),
            (CertificateStatus::Good, None),
        ]
    );
    let revoked = |ledger: &[(String, String)]| {
        ledger
            .iter()
            .filter(|(a, _)| a == "certificate-revoked")
            .count()
    };
    assert_eq!(revoked(&actions(&env, "131041").await), 1);

    env.app
        .change(
            &env.osaka_clerk,
            &code,
            ChangeCommand::TransferIn {
                prefecture: "大阪府".into(),
                municipality_code: "271004".into(),
                address: "北区梅田1丁目1番1号".into(),
                household: HouseholdChoice::New,
                relationship: "head".into(),
                card_serial: None,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        statuses(env.app.certificates(&env.osaka_clerk, &code).await.unwrap()),
        after_move_out
    );
    assert_eq!(
        revoked(&actions(&env, "271004").await),
        0,
        "nothing is revoked twice"
    );
}

/// A re-issue names its cause and the fee follows from it (facts §2.4): a loss costs 1,000 yen,
/// a full 追記欄 nothing. A full 追記欄 is re-issued while the card works on, until the new one
/// is collected; a lost card must be reported first; express issuance of a re-issue runs 30
/// days from the day the card ended (facts §2.7).
pub(crate) async fn issue_10_a_reissue_s_fee_and_rules_follow_from_its_cause(env: Env) {
    use mynumber_app::{CardApplication, HandOver};
    use mynumber_core::card::{CardKind, CardStatus, Channel, EndReason, IdentityDocument, Reason};
    use mynumber_core::pin::PinKind;
    super::install_authorities(&env).await;
    let adult = env
        .app
        .register(&env.clerk, register(japanese("高橋", "一郎", "1990-02-17")))
        .await
        .unwrap()
        .resident_code;
    let counter = |reason, express| CardApplication {
        channel: Channel::Counter,
        reason,
        application_id: None,
        photo: Some(mynumber_app::demo::portrait(1)),
        kind: CardKind::Standard,
        with_certificates: true,
        express,
    };
    let collect = |id: String| {
        let app = env.app.clone();
        let clerk = env.clerk.clone();
        async move {
            let made = app.produce_card(&clerk, &id).await.unwrap();
            app.hand_over_card(
                &clerk,
                &made.card.serial,
                HandOver {
                    documents: vec![IdentityDocument::Passport],
                    pins: vec![
                        (PinKind::Signature, "abc123".to_owned()),
                        (PinKind::Authentication, "1234".to_owned()),
                        (PinKind::ResidentRegistry, "1234".to_owned()),
                        (PinKind::TextInput, "1234".to_owned()),
                    ],
                    card_file: made.card_file,
                },
            )
            .await
            .unwrap();
            made.card.serial
        }
    };
    let first = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::First, false))
        .await
        .unwrap();
    let first = collect(first.id).await;

    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::Lost, false))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("report it lost first"), "{err}");
    // A free re-issue for a full 追記欄 only once its lines are used up.
    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::AdditionsFull, false))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("0 of its 4 lines used"), "{err}");
    sqlx::query("UPDATE cards SET additions = 4 WHERE serial = $1")
        .bind(&first)
        .execute(&raw(&env).await)
        .await
        .unwrap();
    let full = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::AdditionsFull, false))
        .await
        .unwrap();
    assert_eq!(full.fee_yen, 0);
    let second = collect(full.id).await;
    let (cards, _) = env.app.cards(&env.clerk, &adult).await.unwrap();
    let status = |serial: &str| cards.iter().find(|c| c.serial == serial).unwrap().status;
    assert_eq!(status(&first), CardStatus::Ended(EndReason::Replaced));

    env.app
        .end_card(&env.clerk, &second, EndReason::Abolished)
        .await
        .unwrap();
    env.clock.advance_days(31);
    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::Lost, true))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("30 days after the event"), "{err}");
    let lost = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::Lost, false))
        .await
        .unwrap();
    assert_eq!(lost.fee_yen, 1_000);
    let (_, applications) = env.app.cards(&env.clerk, &adult).await.unwrap();
    let reason_of = |apps: &[mynumber_app::CardApplicationRow], id: &str| {
        apps.iter().find(|a| a.id == id).unwrap().reason
    };
    assert_eq!(reason_of(&applications, &lost.id), Reason::Lost);
    // The fee class stays in `reason`, so a row from before causes were recorded (no cause)
    // still reads, as the re-issue with a fee it was.
    let pool = raw(&env).await;
    let class: String = sqlx::query("SELECT reason FROM card_applications WHERE id = $1")
        .bind(&lost.id)
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(class, "reissue");
    sqlx::query("UPDATE card_applications SET cause = NULL WHERE id = $1")
        .bind(&lost.id)
        .execute(&pool)
        .await
        .unwrap();
    let (_, applications) = env.app.cards(&env.clerk, &adult).await.unwrap();
    assert_eq!(reason_of(&applications, &lost.id), Reason::Reissue);
}

/// A transfer-in filed late is recorded, never refused, and flagged against the deadlines of
/// facts §2.8 (14 days from moving in, 30 from the move-out), in its ledger entry and its view.
pub(crate) async fn issue_10_a_late_transfer_in_is_recorded_and_flagged(env: Env) {
    use mynumber_app::{ChangeCommand, HouseholdChoice};
    let today = mynumber_app::Clock::today(env.clock.as_ref());
    let ago = |days: i64| today.checked_sub(jiff::Span::new().days(days)).unwrap();
    let mut flags = Vec::new();
    for (moved_out, moved_in) in [(ago(60), ago(30)), (ago(3), ago(1))] {
        let code = env
            .app
            .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
            .await
            .unwrap()
            .resident_code;
        env.app
            .change(
                &env.clerk,
                &code,
                ChangeCommand::MoveOut {
                    abroad: false,
                    destination: Some("271004".into()),
                    with_card: false,
                },
                Some(moved_out),
            )
            .await
            .unwrap();
        env.app
            .change(
                &env.osaka_clerk,
                &code,
                ChangeCommand::TransferIn {
                    prefecture: "大阪府".into(),
                    municipality_code: "271004".into(),
                    address: "北区梅田1丁目1番1号".into(),
                    household: HouseholdChoice::New,
                    relationship: "head".into(),
                    card_serial: None,
                },
                Some(moved_in),
            )
            .await
            .unwrap();
        let view = env.app.resident(&env.osaka_clerk, &code).await.unwrap();
        let [.., before, last] = view.versions.as_slice() else {
            panic!("{view:?}")
        };
        flags.push(mynumber_app::overdue_flags(Some(before), last));
    }
    assert_eq!(
        flags,
        [
            vec!["filed-after-14-days", "filed-after-30-days-from-move-out"],
            vec![],
        ]
    );
    let details: Vec<String> = actions(&env, "271004")
        .await
        .into_iter()
        .filter(|(a, _)| a == "transfer-in")
        .map(|(_, d)| d)
        .collect();
    assert_eq!(
        details,
        [
            "version=3 overdue=filed-after-14-days,filed-after-30-days-from-move-out",
            "version=3",
        ]
    );

    // A move-in that registers the person (from abroad, or with another municipality's
    // 転出証明書) is judged against the 14 days only: 15 days late is flagged, 14 is not. (Days
    // are counted to the day it is filed, in Japan, by the clock's instant.)
    let filed =
        mynumber_core::dates::japan_date_of(mynumber_app::Clock::now_us(env.clock.as_ref()))
            .unwrap();
    let ago = |days: i64| filed.checked_sub(jiff::Span::new().days(days)).unwrap();
    let mut flags = Vec::new();
    for (i, (kind, days)) in [
        (Registration::MoveIn, 15),
        (Registration::MoveInWithCertificate, 15),
        (Registration::MoveInWithCertificate, 14),
    ]
    .into_iter()
    .enumerate()
    {
        let code = env
            .app
            .register(
                &env.clerk,
                RegisterCommand {
                    kind,
                    effective_on: Some(ago(days)),
                    carried: (kind == Registration::MoveInWithCertificate)
                        .then(|| carried(&format!("6000000010{i}"), 20_000_000_101 + i as u64)),
                    ..register(japanese("高橋", "健", "1975-06-06"))
                },
            )
            .await
            .unwrap()
            .resident_code;
        let view = env.app.resident(&env.clerk, &code).await.unwrap();
        flags.push(mynumber_app::overdue_flags(None, &view.versions[0]));
    }
    assert_eq!(
        flags,
        [
            vec!["filed-after-14-days"],
            vec!["filed-after-14-days"],
            vec![]
        ]
    );
    let details: Vec<String> = actions(&env, "131041")
        .await
        .into_iter()
        .filter(|(a, _)| a.starts_with("move-in"))
        .map(|(_, d)| d)
        .collect();
    let [.., from_abroad, late, on_time] = details.as_slice() else {
        panic!("{details:?}")
    };
    assert!(
        from_abroad.ends_with(" overdue=filed-after-14-days"),
        "{details:?}"
    );
    assert_eq!(
        [late, on_time],
        [
            "version=1 identity=carried overdue=filed-after-14-days",
            "version=1 identity=carried",
        ]
    );
}

/// A card applied for, produced and handed over (PINs 1234 and ABC123); `with_certificates`
/// false for one declined at application.
pub(crate) async fn card_in_hand(
    env: &Env,
    code: &ResidentCode,
    with_certificates: bool,
) -> mynumber_app::CardWithFile {
    use mynumber_app::{CardApplication, HandOver};
    use mynumber_core::card::{CardKind, Channel, IdentityDocument, Reason};
    use mynumber_core::pin::PinKind;
    let application = env
        .app
        .apply_for_card(
            &env.clerk,
            code,
            CardApplication {
                channel: Channel::Counter,
                reason: Reason::First,
                application_id: None,
                photo: Some(mynumber_app::demo::portrait(4)),
                kind: CardKind::Standard,
                with_certificates,
                express: false,
            },
        )
        .await
        .unwrap();
    let produced = env
        .app
        .produce_card(&env.clerk, &application.id)
        .await
        .unwrap();
    let has_signature = produced.card.signature_certificate.is_some();
    env.app
        .hand_over_card(
            &env.clerk,
            &produced.card.serial,
            HandOver {
                documents: vec![IdentityDocument::Passport],
                pins: PinKind::ALL
                    .into_iter()
                    .filter(|k| *k != PinKind::Signature || has_signature)
                    .map(|k| {
                        let pin = if k == PinKind::Signature {
                            "ABC123"
                        } else {
                            "1234"
                        };
                        (k, pin.to_owned())
                    })
                    .collect(),
                card_file: produced.card_file,
            },
        )
        .await
        .unwrap()
}

/// Signs "issue 10" with the card's key of `hierarchy` through its chip, the PIN verified, and
/// checks the signature with the certificate on the card; returns that certificate.
fn sign_with_card(file: &[u8], hierarchy: mynumber_pki::Hierarchy, pin: &str) -> Vec<u8> {
    sign_message_with_card(file, hierarchy, pin, b"issue 10").1
}

/// Signs `message` (its SHA-256 as DigestInfo) with the card's key of `hierarchy` through its
/// chip, the PIN verified, and checks the signature with the certificate on the card; returns
/// the signature and that certificate.
pub(crate) fn sign_message_with_card(
    file: &[u8],
    hierarchy: mynumber_pki::Hierarchy,
    pin: &str,
    message: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    let info = mynumber_pki::DigestInfo::sha256_of(message).to_der();
    let (signature, certificate) = sign_digest_info_with_card(file, hierarchy, pin, &info);
    let cert = x509_parser::parse_x509_certificate(&certificate).unwrap().1;
    aws_lc_rs::signature::UnparsedPublicKey::new(
        &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        cert.public_key().subject_public_key.data.as_ref(),
    )
    .verify(message, &signature)
    .unwrap();
    (signature, certificate)
}

/// Signs a DigestInfo (DER) handed over whole with the card's key of `hierarchy` through its
/// chip, the PIN verified; returns the signature and the key's certificate.
pub(crate) fn sign_digest_info_with_card(
    file: &[u8],
    hierarchy: mynumber_pki::Hierarchy,
    pin: &str,
    info: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    use mynumber_card::{CardData, Chip, Power};
    let data = CardData::open(file, super::card_keys().as_ref()).unwrap();
    let (key, pin_file, slot) = match hierarchy {
        mynumber_pki::Hierarchy::Signature => (0x1A, 0x1B, data.signature.clone()),
        mynumber_pki::Hierarchy::Authentication => (0x17, 0x18, data.authentication.clone()),
    };
    let mut chip = Chip::new(data);
    chip.power(Power::On);
    let mut send = |apdu: Vec<u8>| {
        let r = chip.transmit(&apdu);
        assert_eq!(r[r.len() - 2..], [0x90, 0x00], "{apdu:02X?}");
        r[..r.len() - 2].to_vec()
    };
    send(
        [
            &[0x00, 0xA4, 0x04, 0x0C, 0x0A][..],
            &mynumber_card::JPKI_AID,
        ]
        .concat(),
    );
    send(vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, pin_file]);
    send(
        [
            &[0x00, 0x20, 0x00, 0x80, pin.len() as u8][..],
            pin.as_bytes(),
        ]
        .concat(),
    );
    send(vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, key]);
    let mut apdu = vec![0x80, 0x2A, 0x00, 0x80, info.len() as u8];
    apdu.extend_from_slice(info);
    apdu.push(0x00);
    let signature = send(apdu);
    (signature, slot.unwrap().certificate)
}

/// Certificates on a card in use (issue 10), made at the counter: the chip makes each key pair
/// with the holder's PIN and signs a request for it; the register certifies it, writes it to
/// the card and revokes the one it replaces as superseded. Refused while the one in force is
/// outside its renewal window; after a 転居 (which revoked the signature certificate) the new
/// one carries the new address; a wrong PIN is counted on the card and the copy handed in stops
/// opening; renewed early, a certificate runs to the 6th birthday counted from the renewal; a
/// child gets the signature certificate from 15; certificates declined at application are
/// added later.
pub(crate) async fn issue_10_certificates_are_made_in_the_card_at_the_counter(env: Env) {
    use mynumber_app::CardCertification;
    use mynumber_core::card::IdentityDocument;
    use mynumber_core::certificate::CertificateStatus;
    use mynumber_core::pin::PinKind;
    use mynumber_pki::Hierarchy;
    super::install_authorities(&env).await;
    let ask =
        |hierarchies: &[Hierarchy], pins: &[(PinKind, &str)], file: &[u8]| CardCertification {
            documents: vec![IdentityDocument::Passport],
            hierarchies: hierarchies.to_vec(),
            pins: pins.iter().map(|(k, p)| (*k, (*p).to_owned())).collect(),
            card_file: file.to_vec(),
        };
    let invalid = |e: AppError| match e {
        AppError::Invalid(i) => i.to_string(),
        other => panic!("expected invalid input, got {other}"),
    };
    let adult = env
        .app
        .register(&env.clerk, register(japanese("中村", "健", "1990-02-17")))
        .await
        .unwrap();
    let code = adult.resident_code;
    let handed = card_in_hand(&env, &code, true).await;
    let serial = handed.card.serial.clone();
    let first_signature = handed.card.signature_certificate.clone().unwrap();

    // In force and outside its window: refused, saying when renewal opens; nothing written.
    let err = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Signature],
                &[(PinKind::Signature, "ABC123")],
                &handed.card_file,
            ),
        )
        .await
        .unwrap_err();
    assert!(
        invalid(err).contains(
            "signature: the certificate in force is valid until 2031-02-17; it can be renewed from 2030-11-18"
        )
    );
    // Another municipality's clerk finds no such card.
    assert!(matches!(
        env.app
            .certify_card(
                &env.osaka_clerk,
                &serial,
                ask(
                    &[Hierarchy::Signature],
                    &[(PinKind::Signature, "ABC123")],
                    &handed.card_file
                ),
            )
            .await,
        Err(AppError::NotFound(_))
    ));

    // A 転居 revokes the signature certificate (facts §2.8).
    env.app
        .change(&env.clerk, &code, to_takadanobaba(), None)
        .await
        .unwrap();
    // A wrong password: the card counts it, and the file that carries the count comes back.
    let Err(AppError::WrongPin(wrong)) = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Signature],
                &[(PinKind::Signature, "XYZ999")],
                &handed.card_file,
            ),
        )
        .await
    else {
        panic!("a wrong password was not refused as such")
    };
    assert_eq!((wrong.kind, wrong.tries_left), (PinKind::Signature, 4));
    assert_eq!(
        wrong.to_string(),
        "the signature PIN entered is wrong; 4 tries left before it locks"
    );
    // The copy handed in no longer opens: the try cannot be undone by handing it in again.
    let err = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Signature],
                &[(PinKind::Signature, "ABC123")],
                &handed.card_file,
            ),
        )
        .await
        .unwrap_err();
    assert!(invalid(err).starts_with("card_file:"));
    // The right one, in lower case as typed: a new key pair in the chip, certified.
    let renewed = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Signature],
                &[(PinKind::Signature, "abc123")],
                &wrong.card_file,
            ),
        )
        .await
        .unwrap();
    let new_signature = renewed.card.signature_certificate.clone().unwrap();
    assert_ne!(new_signature, first_signature);
    assert_eq!(
        renewed.card.authentication_certificate,
        handed.card.authentication_certificate
    );
    let cert = sign_with_card(&renewed.card_file, Hierarchy::Signature, "ABC123");
    let seen = mynumber_pki::inspect(&cert).unwrap();
    assert_eq!(hex::encode(&seen.serial), new_signature);
    let four = seen.four.unwrap();
    assert!(
        four.address.ends_with("高田馬場１丁目１番１号"),
        "{}",
        four.address
    );
    // Its last day: the 5th birthday after today.
    assert_eq!(
        mynumber_core::dates::japan_date_of(seen.not_after.as_microsecond()),
        Some(jiff::civil::date(2031, 2, 17))
    );
    // The card's try counter was restored by the right entry.
    let data =
        mynumber_card::CardData::open(&renewed.card_file, super::card_keys().as_ref()).unwrap();
    assert_eq!(data.pin(PinKind::Signature).unwrap().tries_left(), 5);
    let rows = env.app.certificates(&env.clerk, &code).await.unwrap();
    let status = |serial: &str| {
        rows.iter()
            .find(|c| c.serial == serial)
            .map(|c| (c.status, c.reason.clone()))
            .unwrap()
    };
    // Revoked by the move already, and not again.
    assert_eq!(
        status(&first_signature),
        (
            CertificateStatus::Revoked,
            Some("affiliationChanged".into())
        )
    );
    assert_eq!(status(&new_signature), (CertificateStatus::Good, None));
    let ledger = actions(&env, "131041").await;
    let certified: Vec<_> = ledger
        .iter()
        .filter(|(a, _)| a == "card-certified")
        .map(|(_, d)| d.as_str())
        .collect();
    assert_eq!(
        certified,
        [format!("card={serial} identity=passport certificates=signature:issue").as_str()]
    );

    // Renewed early, in the window before the 5th birthday (2031-02-17) on a card that runs to
    // the 10th: both certificates, to the 6th birthday counted from the renewal.
    env.clock.advance_days(1467); // 2030-12-01
    // One right PIN and one wrong: nothing is made, and the card file that comes back holds
    // only the counted try (a pair made for the right one would leave it without its
    // certificate).
    let Err(AppError::WrongPin(wrong)) = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Signature, Hierarchy::Authentication],
                &[
                    (PinKind::Signature, "ABC123"),
                    (PinKind::Authentication, "9999"),
                ],
                &renewed.card_file,
            ),
        )
        .await
    else {
        panic!("a wrong user-authentication PIN was not refused as such")
    };
    assert_eq!((wrong.kind, wrong.tries_left), (PinKind::Authentication, 2));
    sign_with_card(&wrong.card_file, Hierarchy::Signature, "ABC123");
    let both = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Signature, Hierarchy::Authentication],
                &[
                    (PinKind::Signature, "ABC123"),
                    (PinKind::Authentication, "1234"),
                ],
                &wrong.card_file,
            ),
        )
        .await
        .unwrap();
    for (hierarchy, pin, old) in [
        (Hierarchy::Signature, "ABC123", new_signature.clone()),
        (
            Hierarchy::Authentication,
            "1234",
            handed.card.authentication_certificate.clone().unwrap(),
        ),
    ] {
        let cert = mynumber_pki::inspect(&sign_with_card(&both.card_file, hierarchy, pin)).unwrap();
        assert_eq!(
            mynumber_core::dates::japan_date_of(cert.not_after.as_microsecond()),
            Some(jiff::civil::date(2036, 2, 17)),
            "{hierarchy:?}"
        );
        let rows = env.app.certificates(&env.clerk, &code).await.unwrap();
        let old_row = rows.iter().find(|c| c.serial == old).unwrap();
        assert_eq!(
            (old_row.status, old_row.reason.as_deref()),
            (CertificateStatus::Revoked, Some("superseded"))
        );
    }
    // A suspended card gets nothing until it is resumed.
    env.app.suspend_card(&env.clerk, &serial).await.unwrap();
    let err = env
        .app
        .certify_card(
            &env.clerk,
            &serial,
            ask(
                &[Hierarchy::Authentication],
                &[(PinKind::Authentication, "1234")],
                &both.card_file,
            ),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Refused(_)), "{err}");
}

/// A child's card carries no signature certificate until 15 (facts §3.1), and a card whose
/// certificates were declined at application takes them later, with PINs chosen then.
pub(crate) async fn issue_10_a_card_takes_certificates_at_15_and_after_declining_them(env: Env) {
    use mynumber_app::CardCertification;
    use mynumber_core::card::IdentityDocument;
    use mynumber_core::pin::PinKind;
    use mynumber_pki::Hierarchy;
    super::install_authorities(&env).await;
    // Turns 15 on 2026-12-09, the day before the birthday (民法第143条); today is 2026-11-25.
    let child = env
        .app
        .register(&env.clerk, register(japanese("中村", "花", "2011-12-10")))
        .await
        .unwrap()
        .resident_code;
    let card = card_in_hand(&env, &child, true).await;
    assert!(card.card.signature_certificate.is_none());
    let ask =
        |pins: &[(PinKind, &str)], hierarchies: &[Hierarchy], file: &[u8]| CardCertification {
            documents: vec![IdentityDocument::Passport],
            hierarchies: hierarchies.to_vec(),
            pins: pins.iter().map(|(k, p)| (*k, (*p).to_owned())).collect(),
            card_file: file.to_vec(),
        };
    let err = env
        .app
        .certify_card(
            &env.clerk,
            &card.card.serial,
            ask(
                &[(PinKind::Signature, "NEW456")],
                &[Hierarchy::Signature],
                &card.card_file,
            ),
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a signature certificate is issued only from age 15; the holder reaches it on 2026-12-09"),
        "{err}"
    );
    // Two weeks later: the password is chosen now, and the chip makes the pair.
    env.clock.advance_days(14);
    let signed = env
        .app
        .certify_card(
            &env.clerk,
            &card.card.serial,
            ask(
                &[(PinKind::Signature, "new456")],
                &[Hierarchy::Signature],
                &card.card_file,
            ),
        )
        .await
        .unwrap();
    assert!(signed.card.signature_certificate.is_some());
    sign_with_card(&signed.card_file, Hierarchy::Signature, "NEW456");
    // A password of the wrong form is refused before anything is written.
    let adult = env
        .app
        .register(&env.clerk, register(japanese("中村", "誠", "1985-06-01")))
        .await
        .unwrap()
        .resident_code;
    let declined = card_in_hand(&env, &adult, false).await;
    assert_eq!(
        (
            declined.card.signature_certificate.as_deref(),
            declined.card.authentication_certificate.as_deref()
        ),
        (None, None)
    );
    let err = env
        .app
        .certify_card(
            &env.clerk,
            &declined.card.serial,
            ask(
                &[
                    (PinKind::Signature, "short"),
                    (PinKind::Authentication, "1234"),
                ],
                &[Hierarchy::Signature, Hierarchy::Authentication],
                &declined.card_file,
            ),
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("signature_password: must be 6 to 16 characters"),
        "{err}"
    );
    let added = env
        .app
        .certify_card(
            &env.clerk,
            &declined.card.serial,
            ask(
                &[
                    (PinKind::Signature, "PASS2026"),
                    (PinKind::Authentication, "1234"),
                ],
                &[Hierarchy::Signature, Hierarchy::Authentication],
                &declined.card_file,
            ),
        )
        .await
        .unwrap();
    sign_with_card(&added.card_file, Hierarchy::Signature, "PASS2026");
    // The user-authentication PIN was set at pick-up, and is the one the card checked.
    sign_with_card(&added.card_file, Hierarchy::Authentication, "1234");
}

/// 継続利用 (issue 10; facts §2.8): a transfer-in gives each card of the holder 90 days to be
/// brought to the new municipality, where the 住基 PIN is checked by the card, the chip is
/// rewritten to the new address, the 追記欄 gets a line and the card passes to the new
/// municipality; a card not brought in time is void, with its certificates; a transfer-in
/// filed late voids the card at once. A move within the municipality is written to the card
/// the same way, and a card that already shows the record is not rewritten.
pub(crate) async fn issue_10_a_card_follows_its_holder_or_is_void(env: Env) {
    use mynumber_app::{CardAmendment, ChangeCommand, HouseholdChoice};
    use mynumber_core::card::{CardStatus, EndReason, IdentityDocument};
    use mynumber_core::certificate::CertificateStatus;
    use mynumber_core::pin::PinKind;
    super::install_authorities(&env).await;
    env.app
        .set_municipality_name(
            &env.admin,
            mynumber_core::MunicipalityCode::parse("271004").unwrap(),
            "大阪市",
        )
        .await
        .unwrap();
    let amend = |pin: &str, file: &[u8]| CardAmendment {
        documents: vec![IdentityDocument::Passport],
        pin: Some(pin.to_owned()),
        card_file: file.to_vec(),
    };
    let move_out = ChangeCommand::MoveOut {
        abroad: false,
        destination: Some("271004".into()),
        with_card: false,
    };
    let transfer_in = || ChangeCommand::TransferIn {
        prefecture: "大阪府".into(),
        municipality_code: "271004".into(),
        address: "北区梅田1丁目1番1号".into(),
        household: HouseholdChoice::New,
        relationship: "head".into(),
        card_serial: None,
    };
    let shown = |file: &[u8]| {
        mynumber_card::CardData::open(file, super::card_keys().as_ref())
            .unwrap()
            .info
            .unwrap()
            .name_and_address()
            .unwrap()
            .1
    };
    let mut holders = Vec::new();
    for given in ["一", "二", "三"] {
        let code = env
            .app
            .register(&env.clerk, register(japanese("松本", given, "1985-04-01")))
            .await
            .unwrap()
            .resident_code;
        let card = card_in_hand(&env, &code, true).await;
        holders.push((code, card));
    }

    // The first two move to Osaka and file on time.
    for (code, _) in &holders[..2] {
        env.app
            .change(&env.clerk, code, move_out.clone(), None)
            .await
            .unwrap();
        env.app
            .change(&env.osaka_clerk, code, transfer_in(), None)
            .await
            .unwrap();
    }
    let (code, card) = &holders[0];
    let (listed, _) = env.app.cards(&env.osaka_clerk, code).await.unwrap();
    let due = listed[0].continue_by.unwrap();
    assert_eq!(
        due,
        jiff::civil::date(2027, 2, 23),
        "90 days after the filing"
    );
    // Certificates wait for the continuation; the former municipality finds no card.
    let certify = |file: &[u8]| mynumber_app::CardCertification {
        documents: vec![IdentityDocument::Passport],
        hierarchies: vec![mynumber_pki::Hierarchy::Signature],
        pins: vec![(PinKind::Signature, "ABC123".into())],
        card_file: file.to_vec(),
    };
    assert!(matches!(
        env.app
            .certify_card(&env.clerk, &card.card.serial, certify(&card.card_file))
            .await,
        Err(AppError::NotFound(_))
    ));
    let err = env
        .app
        .certify_card(
            &env.osaka_clerk,
            &card.card.serial,
            certify(&card.card_file),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not continued yet"), "{err}");
    // Nor does any other step at the counter: the card is the new municipality's now.
    assert!(matches!(
        env.app
            .extend_card(
                &env.clerk,
                &card.card.serial,
                amend("1234", &card.card_file)
            )
            .await,
        Err(AppError::NotFound(_))
    ));
    // The old municipality no longer holds the card; the new one does, with the 住基 PIN.
    assert!(matches!(
        env.app
            .amend_card(
                &env.clerk,
                &card.card.serial,
                amend("1234", &card.card_file)
            )
            .await,
        Err(AppError::NotFound(_))
    ));
    let Err(AppError::WrongPin(wrong)) = env
        .app
        .amend_card(
            &env.osaka_clerk,
            &card.card.serial,
            amend("9999", &card.card_file),
        )
        .await
    else {
        panic!("a wrong 住基 PIN was not refused as such")
    };
    assert_eq!(
        (wrong.kind, wrong.tries_left),
        (PinKind::ResidentRegistry, 2)
    );
    env.clock.advance_days(30);
    let continued = env
        .app
        .amend_card(
            &env.osaka_clerk,
            &card.card.serial,
            amend("1234", &wrong.card_file),
        )
        .await
        .unwrap();
    assert_eq!(continued.card.municipality.as_str(), "271004");
    assert_eq!(continued.card.continue_by, None);
    assert_eq!(continued.card.additions, 1);
    assert!(
        shown(&continued.card_file).ends_with("北区梅田１丁目１番１号"),
        "{}",
        shown(&continued.card_file)
    );
    let ledger = actions(&env, "271004").await;
    assert!(
        ledger.iter().any(|(a, d)| a == "card-amended"
            && d == &format!(
                "card={} identity=passport additions=1/4 continued-from=131041",
                card.card.serial
            )),
        "{ledger:?}"
    );
    // Shown as it is, it is not rewritten again.
    let err = env
        .app
        .amend_card(
            &env.osaka_clerk,
            &card.card.serial,
            amend("1234", &continued.card_file),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already shows"), "{err}");

    // The second is not brought in: void after its 90 days, with its certificates.
    let (code2, card2) = &holders[1];
    env.clock.advance_days(60); // 2027-02-23, its last day
    assert_eq!(
        env.app.void_cards_not_continued(&env.admin).await.unwrap(),
        0
    );
    env.clock.advance_days(1);
    let err = env
        .app
        .amend_card(
            &env.osaka_clerk,
            &card2.card.serial,
            amend("1234", &card2.card_file),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Refused(_)), "{err}");
    assert_eq!(
        env.app.void_cards_not_continued(&env.admin).await.unwrap(),
        1
    );
    let (listed, _) = env.app.cards(&env.osaka_clerk, code2).await.unwrap();
    assert_eq!(listed[0].status, CardStatus::Ended(EndReason::Voided));
    let rows = env.app.certificates(&env.osaka_clerk, code2).await.unwrap();
    let auth = rows
        .iter()
        .find(|c| Some(&c.serial) == card2.card.authentication_certificate.as_ref())
        .unwrap();
    assert_eq!(
        (auth.status, auth.reason.as_deref()),
        (CertificateStatus::Revoked, Some("cessationOfOperation"))
    );
    // The continued card is untouched.
    let (listed, _) = env.app.cards(&env.osaka_clerk, code).await.unwrap();
    assert_eq!(listed[0].status, CardStatus::Active);

    // The third files the transfer-in 40 days after moving out: the card is void at once.
    let (code3, card3) = &holders[2];
    env.app
        .change(&env.clerk, code3, move_out.clone(), None)
        .await
        .unwrap();
    env.clock.advance_days(40);
    env.app
        .change(&env.osaka_clerk, code3, transfer_in(), None)
        .await
        .unwrap();
    let (listed, _) = env.app.cards(&env.osaka_clerk, code3).await.unwrap();
    assert_eq!(listed[0].status, CardStatus::Ended(EndReason::Voided));
    assert!(
        actions(&env, "131041")
            .await
            .iter()
            .any(|(a, d)| a == "card-voided"
                && d == &format!("card={} transfer-in=late", card3.card.serial)),
        "the card's municipality records it"
    );

    // A move within Osaka: written to the card the same way, a second line.
    env.app
        .change(
            &env.osaka_clerk,
            code,
            ChangeCommand::AddressChange {
                prefecture: "大阪府".into(),
                municipality_code: "271004".into(),
                address: "中央区大手前2丁目1番22号".into(),
                household: HouseholdChoice::New,
                relationship: "head".into(),
            },
            None,
        )
        .await
        .unwrap();
    let moved = env
        .app
        .amend_card(
            &env.osaka_clerk,
            &card.card.serial,
            amend("1234", &continued.card_file),
        )
        .await
        .unwrap();
    assert_eq!(moved.card.additions, 2);
    assert!(shown(&moved.card_file).ends_with("中央区大手前２丁目１番２２号"));
}

/// The certificate expiry notice (電子証明書有効期限通知書, issue 10; facts §2.8): printed in
/// batches for certificates whose renewal window opens within two weeks and that end before
/// their card, once each, in one notice per card. A card whose certificates end with it (a
/// foreign resident's card ending with the stay) gets the card's notice instead.
pub(crate) async fn issue_10_certificate_expiry_notices_are_printed_once(env: Env) {
    let shinjuku = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    super::install_authorities(&env).await;
    let adult = env
        .app
        .register(&env.clerk, register(japanese("石川", "一", "1990-02-17")))
        .await
        .unwrap()
        .resident_code;
    let card = card_in_hand(&env, &adult, true).await;
    let mut student = foreign();
    student.foreign.as_mut().unwrap().period_of_stay_until = Some("2031-01-31".into());
    let student = env
        .app
        .register(&env.clerk, register(student))
        .await
        .unwrap()
        .resident_code;
    let student_card = card_in_hand(&env, &student, true).await;
    assert_eq!(student_card.card.expiry, jiff::civil::date(2031, 1, 31));
    // The adult's certificates end on 2031-02-17, the card on 2036-02-17; the window opens on
    // 2030-11-18, and the notice goes out two weeks before: from 2030-11-04.
    env.clock.advance_days(1439); // 2030-11-03
    assert!(
        env.app
            .prepare_certificate_renewal_batch(&env.clerk, shinjuku, 10)
            .await
            .unwrap()
            .is_none()
    );
    env.clock.advance_days(1);
    // Only the municipality's own staff print its notices.
    assert!(matches!(
        env.app
            .prepare_certificate_renewal_batch(&env.osaka_clerk, shinjuku, 10)
            .await,
        Err(AppError::Denied(_))
    ));
    let batch = env
        .app
        .prepare_certificate_renewal_batch(&env.clerk, shinjuku, 10)
        .await
        .unwrap()
        .unwrap();
    assert!(batch.pdf.starts_with(b"%PDF-"));
    assert_eq!(batch.notices.len(), 1, "one notice per card");
    let (serial, _, certificates) = &batch.notices[0];
    assert_eq!(serial, &card.card.serial);
    let mut want = vec![
        card.card.signature_certificate.clone().unwrap(),
        card.card.authentication_certificate.clone().unwrap(),
    ];
    want.sort();
    let mut got = certificates.clone();
    got.sort();
    assert_eq!(got, want);
    env.app
        .mark_certificate_renewal_batch_sent(&env.clerk, &batch)
        .await
        .unwrap();
    assert!(matches!(
        env.app
            .mark_certificate_renewal_batch_sent(&env.clerk, &batch)
            .await,
        Err(AppError::Conflict)
    ));
    assert!(
        env.app
            .prepare_certificate_renewal_batch(&env.clerk, shinjuku, 10)
            .await
            .unwrap()
            .is_none(),
        "printed once"
    );
    let printed: Vec<_> = actions(&env, "131041")
        .await
        .into_iter()
        .filter(|(a, _)| a == "certificate-renewal-notice-printed")
        .collect();
    assert_eq!(printed.len(), 1);
    assert!(
        printed[0]
            .1
            .starts_with(&format!("card={serial} certificates="))
    );
}

/// 国外転出 (facts §10): a Japanese national's card is void on leaving Japan unless the
/// procedure to keep it (国外転出者向け) was done with the card before the day of departure; a
/// foreign national's is returned, and cannot be kept.
pub(crate) async fn issue_10_a_card_is_kept_abroad_only_by_the_procedure_before_departure(
    env: Env,
) {
    use mynumber_app::ChangeCommand;
    use mynumber_core::card::{CardStatus, EndReason};
    use mynumber_core::certificate::CertificateStatus;
    super::install_authorities(&env).await;
    let abroad = |with_card| ChangeCommand::MoveOut {
        abroad: true,
        destination: None,
        with_card,
    };
    let mut people = Vec::new();
    for given in ["一", "二"] {
        let code = env
            .app
            .register(&env.clerk, register(japanese("岡田", given, "1980-07-07")))
            .await
            .unwrap()
            .resident_code;
        let card = card_in_hand(&env, &code, true).await;
        people.push((code, card));
    }
    let today = mynumber_app::Clock::today(&*env.clock);
    let in_a_week = today.checked_add(jiff::Span::new().days(7)).unwrap();
    // Without the procedure: void, with its certificates.
    let (code, _) = &people[0];
    env.app
        .change(&env.clerk, code, abroad(false), None)
        .await
        .unwrap();
    let (cards, _) = env.app.cards(&env.clerk, code).await.unwrap();
    assert_eq!(cards[0].status, CardStatus::Ended(EndReason::Voided));
    let rows = env.app.certificates(&env.clerk, code).await.unwrap();
    assert!(rows.iter().all(|c| c.status == CertificateStatus::Revoked));
    // The procedure on the day of departure is too late; the day before is not.
    let (code, card2) = &people[1];
    let err = env
        .app
        .change(&env.clerk, code, abroad(true), Some(today))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("before the day of departure"),
        "{err}"
    );
    env.app
        .change(&env.clerk, code, abroad(true), Some(in_a_week))
        .await
        .unwrap();
    let (cards, _) = env.app.cards(&env.clerk, code).await.unwrap();
    assert_eq!(cards[0].status, CardStatus::Active, "kept abroad");
    // The user-authentication certificate stays good; the signature certificate, which
    // carries the address, is revoked.
    let rows = env.app.certificates(&env.clerk, code).await.unwrap();
    let status = |serial: &Option<String>| {
        rows.iter()
            .find(|c| Some(&c.serial) == serial.as_ref())
            .map(|c| c.status)
    };
    assert_eq!(
        status(&card2.card.authentication_certificate),
        Some(CertificateStatus::Good)
    );
    assert_eq!(
        status(&card2.card.signature_certificate),
        Some(CertificateStatus::Revoked)
    );
    // A foreign national cannot keep it.
    let student = env
        .app
        .register(&env.clerk, register(foreign()))
        .await
        .unwrap()
        .resident_code;
    card_in_hand(&env, &student, true).await;
    let err = env
        .app
        .change(&env.clerk, &student, abroad(true), Some(in_a_week))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("only a Japanese national keeps the card abroad"),
        "{err}"
    );
}

/// 職権消除 (issue 10; facts §10): a foreign resident whose period of stay ends with no
/// extension is removed ex officio the day after, the card void and the certificates revoked;
/// one who applied for an extension within the period stays through the 特例期間, two months
/// more; one whose new period is recorded stays.
pub(crate) async fn issue_10_a_lapsed_stay_removes_the_record_and_voids_the_card(env: Env) {
    use mynumber_app::ChangeCommand;
    use mynumber_core::card::{CardStatus, EndReason};
    use mynumber_core::certificate::CertificateStatus;
    use mynumber_core::{RecordStatus, RemovalReason};
    super::install_authorities(&env).await;
    let mut people = Vec::new();
    for given in ["AN", "BINH", "CHI"] {
        let mut input = foreign();
        input.name.given = given.into();
        input.name.latin = Some(format!("Nguyen {given}"));
        input.name.alias = None;
        // Until 2027-01-31.
        input.foreign.as_mut().unwrap().period_of_stay_until = Some("2027-01-31".into());
        let code = env
            .app
            .register(&env.clerk, register(input))
            .await
            .unwrap()
            .resident_code;
        let card = card_in_hand(&env, &code, true).await;
        people.push((code, card));
    }
    // The second applies within the period; the third's new period is recorded.
    env.app
        .change(
            &env.clerk,
            &people[1].0,
            ChangeCommand::StayExtensionApplied,
            None,
        )
        .await
        .unwrap();
    // Its card runs through the special period (特例期間延長).
    let extended = env
        .app
        .extend_card(
            &env.clerk,
            &people[1].1.card.serial,
            mynumber_app::CardAmendment {
                documents: vec![mynumber_core::card::IdentityDocument::ResidenceCard],
                pin: Some("1234".into()),
                card_file: people[1].1.card_file.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(extended.card.expiry, jiff::civil::date(2027, 3, 31));
    let mut renewed = foreign().foreign.unwrap();
    renewed.period_of_stay_until = Some("2029-01-31".into());
    env.app
        .change(
            &env.clerk,
            &people[2].0,
            ChangeCommand::PeriodOfStayChange(renewed),
            None,
        )
        .await
        .unwrap();
    let status = |env: &Env, code: &ResidentCode| {
        let code = *code;
        let app = env.app.clone();
        let clerk = env.clerk.clone();
        async move {
            let view = app.resident(&clerk, &code).await.unwrap();
            view.versions.last().unwrap().resident.status
        }
    };
    // 2027-01-31: the last day of the stay; nothing is removed.
    env.clock.advance_days(67);
    assert_eq!(env.app.remove_lapsed_stays(&env.admin).await.unwrap(), 0);
    env.clock.advance_days(1);
    assert_eq!(env.app.remove_lapsed_stays(&env.admin).await.unwrap(), 1);
    assert_eq!(
        status(&env, &people[0].0).await,
        RecordStatus::Removed {
            reason: RemovalReason::StayEnded,
            on: jiff::civil::date(2027, 2, 1),
            moved_to: None,
        }
    );
    let (cards, _) = env.app.cards(&env.clerk, &people[0].0).await.unwrap();
    assert_eq!(cards[0].status, CardStatus::Ended(EndReason::Voided));
    let rows = env
        .app
        .certificates(&env.clerk, &people[0].0)
        .await
        .unwrap();
    assert!(rows.iter().all(|c| c.status == CertificateStatus::Revoked));
    assert_eq!(status(&env, &people[1].0).await, RecordStatus::Active);
    assert_eq!(status(&env, &people[2].0).await, RecordStatus::Active);
    // The special period ends on 2027-03-31; the day after, the applicant's record goes too.
    env.clock.advance_days(58); // 2027-03-31
    assert_eq!(env.app.remove_lapsed_stays(&env.admin).await.unwrap(), 0);
    env.clock.advance_days(1);
    assert_eq!(env.app.remove_lapsed_stays(&env.admin).await.unwrap(), 1);
    assert!(matches!(
        status(&env, &people[1].0).await,
        RecordStatus::Removed {
            reason: RemovalReason::StayEnded,
            ..
        }
    ));
    let (cards, _) = env.app.cards(&env.clerk, &people[1].0).await.unwrap();
    assert_eq!(cards[0].status, CardStatus::Ended(EndReason::Voided));
    assert_eq!(status(&env, &people[2].0).await, RecordStatus::Active);
    assert!(
        actions(&env, "131041")
            .await
            .iter()
            .any(|(a, d)| a == "stay-ended" && d.ends_with("stay-until=2027-01-31"))
    );
    // Only the server and national administrators run it.
    assert!(matches!(
        env.app.remove_lapsed_stays(&env.clerk).await,
        Err(AppError::Denied(_))
    ));
}

/// A foreign resident's chip and signature certificate carry the Latin name beside a kanji name,
/// and the registered alias (facts §10; how one string holds them is a choice,
/// docs/design/card.md). A new alias is a name change: the signature certificate is revoked,
/// the chip is rewritten with the 住基 PIN, and the new certificate carries the new alias.
pub(crate) async fn issue_10_a_foreign_resident_s_names_go_on_the_chip_and_certificate(env: Env) {
    use mynumber_app::{CardAmendment, CardCertification, ChangeCommand};
    use mynumber_core::card::IdentityDocument;
    use mynumber_core::certificate::CertificateStatus;
    use mynumber_core::pin::PinKind;
    use mynumber_pki::Hierarchy;
    super::install_authorities(&env).await;
    let mut input = foreign();
    input.name.family = "王".into();
    input.name.given = "芳".into();
    input.name.latin = Some("WANG FANG".into());
    input.name.alias = Some("山田 芳子".into());
    if let Some(f) = input.foreign.as_mut() {
        f.nationality = "CN".into();
    }
    let code = env
        .app
        .register(&env.clerk, register(input.clone()))
        .await
        .unwrap()
        .resident_code;
    let card = card_in_hand(&env, &code, true).await;
    let on_chip = |file: &[u8]| {
        mynumber_card::CardData::open(file, super::card_keys().as_ref())
            .unwrap()
            .info
            .unwrap()
            .name_and_address()
            .unwrap()
            .0
    };
    let in_certificate = |file: &[u8]| {
        let cert = sign_with_card(file, Hierarchy::Signature, "ABC123");
        mynumber_pki::inspect(&cert).unwrap().four.unwrap().name
    };
    let first = "王\u{3000}芳\u{3000}WANG FANG（山田\u{3000}芳子）";
    assert_eq!(on_chip(&card.card_file), first);
    assert_eq!(in_certificate(&card.card_file), first);

    let mut name = input.name.clone();
    name.alias = Some("山田 花".into());
    env.app
        .change(&env.clerk, &code, ChangeCommand::NameChange(name), None)
        .await
        .unwrap();
    let old = card.card.signature_certificate.clone().unwrap();
    let rows = env.app.certificates(&env.clerk, &code).await.unwrap();
    let status = rows.iter().find(|c| c.serial == old).unwrap().status;
    assert_eq!(status, CertificateStatus::Revoked);
    let amended = env
        .app
        .amend_card(
            &env.clerk,
            &card.card.serial,
            CardAmendment {
                documents: vec![IdentityDocument::ResidenceCard],
                pin: Some("1234".into()),
                card_file: card.card_file.clone(),
            },
        )
        .await
        .unwrap();
    let second = "王\u{3000}芳\u{3000}WANG FANG（山田\u{3000}花）";
    assert_eq!(on_chip(&amended.card_file), second);
    let certified = env
        .app
        .certify_card(
            &env.clerk,
            &card.card.serial,
            CardCertification {
                documents: vec![IdentityDocument::ResidenceCard],
                hierarchies: vec![Hierarchy::Signature],
                pins: vec![(PinKind::Signature, "ABC123".into())],
                card_file: amended.card_file,
            },
        )
        .await
        .unwrap();
    assert_eq!(in_certificate(&certified.card_file), second);
}

/// A CSV held in memory, as an upload is.
pub(crate) struct Upload(pub(crate) Vec<u8>);

impl mynumber_app::ImportSource for Upload {
    fn name(&self) -> &str {
        "upload.csv"
    }
    fn open(&self, _: mynumber_app::Pass) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        Ok(Box::new(std::io::Cursor::new(self.0.clone())))
    }
}

/// A job stopped by a build that counted lines as the csv reader did resumes only once the lines
/// it wrote are found where it counted them; otherwise its rows would be registered again under
/// other lines. A job of this build resumes without the check.
pub(crate) async fn issue_10_a_job_counted_the_old_way_resumes_only_where_its_lines_hold(env: Env) {
    use mynumber_app::import_file::Layout;
    use mynumber_app::{ImportFailure, ImportOptions, Quiet};
    let mut text = String::from(
        "family_name,given_name,family_name_kana,given_name_kana,birth_date,sex,prefecture,\
         municipality_code,address,household,relationship,preferred_language\n\n",
    );
    for (i, birth) in ["1980-01-01", "1981-01-01", "1982-01-01", "1983-13-01"]
        .iter()
        .enumerate()
    {
        text.push_str(&format!(
            "山田,太郎,ヤマダ,タロウ,{birth},1,東京都,131041,西新宿2丁目8番{i}号,h{i},head,ja\n"
        ));
    }
    let upload = Upload(text.into_bytes());
    let options = ImportOptions {
        batch: 2,
        new_import: false,
        layout: Layout::New,
        encoding: None,
    };
    let run = || env.app.import_csv(&env.clerk, &upload, options, &Quiet);
    // Lines 3-4 are written; line 6's month is wrong.
    let stopped = run().await.unwrap_err();
    assert!(
        matches!(&stopped, ImportFailure::Rows { bad, .. } if bad[0].0 == 6),
        "{stopped}"
    );
    let pool = raw(&env).await;
    let set = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query(sql).execute(&pool).await.unwrap() }
    };
    // Counted the old way, its lines where it counted them: checked, and it goes on (to the
    // same bad row).
    set("UPDATE import_jobs SET line_count = 1").await;
    let again = run().await.unwrap_err();
    assert!(matches!(&again, ImportFailure::Rows { .. }), "{again}");
    // Its lines elsewhere (a batch that no longer reads as written): refused, and told why.
    set("UPDATE import_batches SET digest = '0000000000000000000000000000000000000000000000000000000000000000'").await;
    let refused = run().await.unwrap_err();
    assert!(
        matches!(
            &refused,
            ImportFailure::Changed {
                counted_before: true,
                first_line: 3,
                last_line: 4,
                ..
            }
        ),
        "{refused}"
    );
    assert!(refused.to_string().contains("earlier build"), "{refused}");
    // A job of this build is not checked when the same file comes again.
    set("UPDATE import_jobs SET line_count = 2").await;
    let resumed = run().await.unwrap_err();
    assert!(matches!(&resumed, ImportFailure::Rows { .. }), "{resumed}");
}

/// A card's PIN tries cannot be multiplied by sending copies of one card file at once (the
/// chip counts each try; a copy that went in beside another must not test a PIN on the same
/// count). While a request holds the card, another with a copy of its file is refused as a
/// conflict and tests nothing; of requests sent together with wrong PINs, one counts its try
/// and the others are refused, so the count goes down by one per try the card saw.
pub(crate) async fn issue_11_copies_of_a_card_file_sent_at_once_count_every_try(env: Env) {
    use mynumber_app::CardAmendment;
    use mynumber_card::SecureElement;
    use mynumber_core::card::IdentityDocument;
    use mynumber_core::pin::PinKind;
    super::install_authorities(&env).await;
    let amend = |pin: &str, file: &[u8]| CardAmendment {
        documents: vec![IdentityDocument::Passport],
        pin: Some(pin.to_owned()),
        card_file: file.to_vec(),
    };
    let code = env
        .app
        .register(&env.clerk, register(japanese("松本", "四郎", "1985-04-01")))
        .await
        .unwrap()
        .resident_code;
    let card = card_in_hand(&env, &code, false).await;
    let serial = card.card.serial.clone();
    // A 転居: the card is to be amended, with its 住基 PIN.
    env.app
        .change(&env.clerk, &code, to_takadanobaba(), None)
        .await
        .unwrap();

    // Held by another request: refused, and nothing counted (the same file still opens).
    let other = super::card_keys().hold(&serial).unwrap();
    let held = env
        .app
        .amend_card(&env.clerk, &serial, amend("9999", &card.card_file))
        .await;
    assert!(matches!(held, Err(AppError::Conflict)), "{held:?}");
    let reset = env
        .app
        .reset_card_pin(
            &env.clerk,
            &serial,
            &[IdentityDocument::Passport],
            PinKind::ResidentRegistry,
            "1234",
            &card.card_file,
        )
        .await;
    assert!(matches!(reset, Err(AppError::Conflict)), "{reset:?}");
    drop(other);

    // Four copies at once, each with a wrong PIN: one try is counted, the rest refused.
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let (app, clerk, serial) = (env.app.clone(), env.clerk.clone(), serial.clone());
        let file = amend("9999", &card.card_file);
        tasks.push(tokio::spawn(async move {
            app.amend_card(&clerk, &serial, file).await
        }));
    }
    let mut counted = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Err(AppError::WrongPin(wrong)) => counted.push(wrong),
            Err(AppError::Conflict) => {}
            // Sent after the first had handed out its file: the copy no longer opens.
            Err(AppError::Invalid(invalid))
                if invalid.0.iter().all(|e| e.key == "problem-card-file-stale") => {}
            other => panic!("a copy sent at once was {other:?}"),
        }
    }
    assert_eq!(counted.len(), 1, "each copy tested a PIN on the same count");
    assert_eq!(counted[0].tries_left, 2);
    // The next try goes on from the count: 1 left, then locked.
    let Err(AppError::WrongPin(second)) = env
        .app
        .amend_card(&env.clerk, &serial, amend("9998", &counted[0].card_file))
        .await
    else {
        panic!("the second wrong PIN was not counted")
    };
    assert_eq!(second.tries_left, 1);
}
