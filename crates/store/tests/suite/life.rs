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
        assert!(e.0[0].problem.starts_with("line 6: "), "{e:?}");
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
/// 転出証明書; a birth or a first registration cannot carry any.
pub(crate) async fn issue_10_a_move_in_from_outside_keeps_code_and_number(env: Env) {
    let id = carried("60000000001", 20_000_000_001);
    let moved = env
        .app
        .register(
            &env.clerk,
            RegisterCommand {
                carried: Some(id),
                ..register(japanese("高橋", "健", "1975-06-06"))
            },
        )
        .await
        .unwrap();
    assert_eq!(moved.resident_code, id.resident_code);
    let found = env
        .app
        .lookup_by_number(&env.clerk, &id.number, "tax")
        .await
        .unwrap();
    assert_eq!(found.person.id, moved.person);
    assert_eq!(count(&env, "notices").await, 0);
    let ledger = actions(&env, "131041").await;
    assert!(ledger.contains(&("move-in".into(), "version=1 identity=carried".into())));

    // The same code or number again is refused, and so is a newborn with either.
    let again = env
        .app
        .register(
            &env.clerk,
            RegisterCommand {
                carried: Some(id),
                ..register(japanese("高橋", "健二", "1976-06-06"))
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
    assert_eq!(count(&env, "persons").await, 1);
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
        flags.push(mynumber_app::overdue_flags(before, last));
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
}
