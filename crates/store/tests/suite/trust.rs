//! Issue 9, "Trust": each hole found by the review of milestones 1–4, as a regression test that
//! failed on the code before the fix, on both databases.

use mynumber_app::{AppError, NumberBasis, RecordRequest};
use mynumber_core::card::IdentityDocument;
use mynumber_core::{IndividualNumber, MunicipalityCode, ResidentCode};
use sqlx::Row;

use super::{Env, japanese, raw, register};

/// The ledger entries of one partition: (action, person, purpose, detail), oldest first.
async fn entries(env: &Env, partition: &str) -> Vec<(String, String, String, String)> {
    let pool = raw(env).await;
    sqlx::query(
        "SELECT action, COALESCE(person_id, ''), COALESCE(purpose, ''), detail \
         FROM ledger_entries WHERE partition_key = $1 ORDER BY seq",
    )
    .bind(partition)
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect()
}

async fn name_shinjuku(env: &Env) {
    env.app
        .set_municipality_name(
            &env.admin,
            MunicipalityCode::parse("131041").unwrap(),
            "新宿区",
        )
        .await
        .unwrap();
}

/// Hole 1: an auditor printed every household member's number on a 住民票の写し, with no lawful
/// purpose and one ledger entry for all. Now printing a number is reading it.
pub(crate) async fn issue_9_a_number_is_printed_only_with_a_basis_and_each_reading_recorded(
    env: Env,
) {
    name_shinjuku(&env).await;
    let head = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let mut members = Vec::new();
    for (given, birth) in [("花子", "1982-03-03"), ("一郎", "2010-05-05")] {
        let mut input = japanese("山田", given, birth);
        input.relationship = "child".into();
        let r = env
            .app
            .register(
                &env.clerk,
                mynumber_app::RegisterCommand {
                    household: mynumber_app::HouseholdChoice::Existing(head.household),
                    ..register(input)
                },
            )
            .await
            .unwrap();
        members.push(r);
    }
    let request = |basis: Option<NumberBasis>| RecordRequest {
        kind: mynumber_render::RecordKind::Copy,
        items: vec!["household".into(), "individual-number".into()],
        number_basis: basis,
    };
    // The auditor of the review: refused outright, whatever basis is given.
    for basis in [None, Some(NumberBasis::Purpose("tax".into()))] {
        assert!(matches!(
            env.app
                .issue_resident_record(&env.auditor, &head.resident_code, &request(basis))
                .await,
            Err(AppError::Denied(_))
        ));
    }
    // A clerk needs a basis.
    let err = env
        .app
        .issue_resident_record(&env.clerk, &head.resident_code, &request(None))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("lawful purpose or at the person's own request"),
        "{err}"
    );
    // The person's own request needs their identity checked.
    assert!(matches!(
        env.app
            .issue_resident_record(
                &env.clerk,
                &head.resident_code,
                &request(Some(NumberBasis::OwnRequest(vec![]))),
            )
            .await,
        Err(AppError::Invalid(_))
    ));
    let before = entries(&env, "131041").await.len();
    let doc = env
        .app
        .issue_resident_record(
            &env.clerk,
            &head.resident_code,
            &request(Some(NumberBasis::Purpose("tax".into()))),
        )
        .await
        .unwrap();
    let new: Vec<_> = entries(&env, "131041").await.split_off(before);
    let reads: Vec<_> = new.iter().filter(|e| e.0 == "number-read").collect();
    assert_eq!(reads.len(), 3, "one reading per person printed: {new:?}");
    let people: std::collections::HashSet<&str> = reads.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(people.len(), 3);
    for e in &reads {
        assert_eq!(e.2, "tax");
        assert!(e.3.contains(&format!("document={}", doc.code)), "{e:?}");
        assert!(e.3.contains("basis=purpose"), "{e:?}");
    }
    // The two other members' records were read too.
    assert_eq!(new.iter().filter(|e| e.0 == "record-read").count(), 2);

    // At the person's own request: recorded as such, with the identity shown.
    let before = entries(&env, "131041").await.len();
    env.app
        .issue_resident_record(
            &env.clerk,
            &members[0].resident_code,
            &RecordRequest {
                kind: mynumber_render::RecordKind::Copy,
                items: vec!["individual-number".into()],
                number_basis: Some(NumberBasis::OwnRequest(vec![IdentityDocument::Passport])),
            },
        )
        .await
        .unwrap();
    let new: Vec<_> = entries(&env, "131041").await.split_off(before);
    let reads: Vec<_> = new.iter().filter(|e| e.0 == "number-read").collect();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].2, "own-request");
    assert!(reads[0].3.contains("identity=passport"), "{:?}", reads[0]);
}

/// Hole 3: a resident's certificates and cards were readable from any municipality, and the
/// reads were not recorded.
pub(crate) async fn issue_9_certificates_and_cards_are_read_in_scope_and_recorded(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let code = r.resident_code;
    assert!(matches!(
        env.app.certificates(&env.osaka_clerk, &code).await,
        Err(AppError::NotFound("resident"))
    ));
    assert!(matches!(
        env.app.cards(&env.osaka_clerk, &code).await,
        Err(AppError::NotFound("resident"))
    ));
    // The attempts: in Osaka's partition without the person, in Shinjuku's on the person.
    let osaka = entries(&env, "271004").await;
    let denied: Vec<_> = osaka.iter().filter(|e| e.0 == "access-denied").collect();
    assert_eq!(denied.len(), 2, "{osaka:?}");
    assert!(denied.iter().all(|e| e.1.is_empty()));
    let shinjuku = entries(&env, "131041").await;
    let refused: Vec<_> = shinjuku
        .iter()
        .filter(|e| e.0 == "access-refused")
        .collect();
    assert_eq!(refused.len(), 2);
    assert!(refused.iter().all(|e| e.1 == r.person.to_hex()));

    env.app.certificates(&env.clerk, &code).await.unwrap();
    env.app.cards(&env.clerk, &code).await.unwrap();
    let reads: Vec<String> = entries(&env, "131041")
        .await
        .into_iter()
        .filter(|e| e.0 == "record-read" && e.1 == r.person.to_hex())
        .map(|e| e.3)
        .collect();
    assert_eq!(reads, ["what=certificates", "what=cards"]);
}

/// Review of issue 9: a code out of scope left an `access-denied` entry in the asker's own
/// partition, a code never issued none, so the asker's auditor could tell which codes exist.
/// Now both answer not found and leave the same entry; a national principal asking for a
/// missing code just gets not found.
pub(crate) async fn issue_9_a_missing_record_and_one_out_of_scope_leave_the_same_entry(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let held_elsewhere = r.resident_code;
    let never = (1..)
        .filter_map(ResidentCode::from_body)
        .find(|c| *c != held_elsewhere)
        .unwrap();
    let osaka = &env.osaka_clerk;
    let mut details = Vec::new();
    for code in [&held_elsewhere, &never] {
        let before = entries(&env, "271004").await.len();
        for answer in [
            env.app.resident(osaka, code).await.map(|_| ()),
            env.app.certificates(osaka, code).await.map(|_| ()),
            env.app.cards(osaka, code).await.map(|_| ()),
            env.app.read_number(osaka, code, "tax").await.map(|_| ()),
        ] {
            assert!(
                matches!(answer, Err(AppError::NotFound("resident"))),
                "{answer:?}"
            );
        }
        let new: Vec<_> = entries(&env, "271004").await.split_off(before);
        assert!(new.iter().all(|e| e.0 == "access-denied" && e.1.is_empty()));
        details.push(new.into_iter().map(|e| e.3).collect::<Vec<_>>());
    }
    assert_eq!(details[0].len(), 4, "{details:?}");
    assert_eq!(details[0], details[1], "the asker's ledger tells nothing");
    // A card serial never made answers as another municipality's card does.
    assert!(matches!(
        env.app.suspend_card(osaka, "999999999999999").await,
        Err(AppError::NotFound("card"))
    ));
    let last = entries(&env, "271004").await.pop().unwrap();
    assert_eq!(
        (last.0.as_str(), last.3.as_str()),
        ("access-denied", "action=suspend-card reason=out-of-scope")
    );
    // National staff: a missing record is simply not found, and no refusal is recorded.
    let national = entries(&env, "national").await.len();
    assert!(matches!(
        env.app.resident(&env.admin, &never).await,
        Err(AppError::NotFound("resident"))
    ));
    assert_eq!(entries(&env, "national").await.len(), national);
}

/// Review of issue 9: a fresh data directory pointed at a shared database made itself a new
/// local operator, a national administrator no one created. There is one per database.
pub(crate) async fn issue_9_one_local_operator_per_database(env: Env) {
    let first = env.app.create_operator("新宿 運用者").await.unwrap();
    assert!(first.is_some());
    assert!(
        env.app
            .create_operator("someone else")
            .await
            .unwrap()
            .is_none()
    );
    let operators = env
        .app
        .staff_list(&env.admin)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.staff.kind == mynumber_app::StaffKind::Operator)
        .count();
    assert_eq!(operators, 1);
}

/// Review of issue 9: rows of another municipality in a municipal clerk's import were field
/// errors only, where every other refusal by the policy is recorded. Now they are both.
pub(crate) async fn issue_9_import_rows_out_of_scope_are_refused_and_recorded(env: Env) {
    let mut session = mynumber_app::ImportSession::default();
    let row = |line: u64| mynumber_app::ImportRow {
        line,
        input: japanese("山田", "太郎", "1980-01-15"),
        household: format!("h{line}"),
        carried: None,
    };
    let err = env
        .app
        .import_batch(&env.osaka_clerk, &mut session, vec![row(2), row(3)])
        .await
        .unwrap_err();
    let mynumber_app::ImportError::Rows(bad) = err else {
        panic!("{err:?}")
    };
    assert_eq!(bad.len(), 2);
    assert!(
        bad.iter()
            .all(|(_, e)| e.to_string().contains("municipality_code"))
    );
    let denied: Vec<_> = entries(&env, "271004")
        .await
        .into_iter()
        .filter(|e| e.0 == "access-denied")
        .map(|e| e.3)
        .collect();
    assert_eq!(denied, ["action=import-records reason=out-of-scope"]);
}

/// Hole 8: a retired number answered 410 before any scope check, another municipality's
/// number 403 naming the holder's municipality, a never-issued one 404; and nothing was
/// recorded. Out of scope, all three now answer alike and leave the same entry.
pub(crate) async fn issue_9_number_look_ups_out_of_scope_answer_alike(env: Env) {
    let a = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let b = env
        .app
        .register(&env.clerk, register(japanese("佐藤", "花子", "1985-02-02")))
        .await
        .unwrap();
    let retired = env
        .app
        .read_number(&env.clerk, &a.resident_code, "tax")
        .await
        .unwrap();
    let request = env
        .app
        .request_number_change(
            &env.clerk,
            &a.resident_code,
            "ex-officio",
            "誤送付による漏えい",
            None,
        )
        .await
        .unwrap();
    env.app
        .decide_number_change(&env.clerk2, request.id, true)
        .await
        .unwrap();
    let elsewhere = env
        .app
        .read_number(&env.clerk, &b.resident_code, "tax")
        .await
        .unwrap();
    let never = IndividualNumber::parse("123456789018").unwrap();

    let before = entries(&env, "271004").await.len();
    let mut answers = Vec::new();
    for n in [&retired, &elsewhere, &never] {
        let e = env
            .app
            .lookup_by_number(&env.osaka_clerk, n, "tax")
            .await
            .unwrap_err();
        answers.push((format!("{e:?}"), e.to_string()));
    }
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(answers[0].1, "resident not found");
    let osaka: Vec<_> = entries(&env, "271004").await.split_off(before);
    assert_eq!(osaka.len(), 3);
    assert!(osaka.iter().all(|e| e == &osaka[0]), "{osaka:?}");
    assert_eq!(osaka[0].0, "number-lookup-refused");
    assert!(osaka[0].1.is_empty());
    // The holders' municipality sees the attempts on the holders.
    let refused = entries(&env, "131041")
        .await
        .into_iter()
        .filter(|e| e.0 == "access-refused")
        .count();
    assert_eq!(refused, 2);
    // In scope, a retired number still says so.
    assert!(matches!(
        env.app.lookup_by_number(&env.clerk, &retired, "tax").await,
        Err(AppError::NumberNotCurrent)
    ));
}

/// Hole 5: tokens never expired and could not be revoked, rotated or listed; staff could not be
/// disabled. Each now can, and the administrator's acts are in the ledger of both sides.
pub(crate) async fn issue_9_tokens_expire_rotate_revoke_and_staff_can_be_disabled(env: Env) {
    let shinjuku_admin = env
        .app
        .add_staff(&env.admin, "新宿 管理者", "administrator", Some("131041"))
        .await
        .unwrap();
    let admin131 = env
        .app
        .authenticate(&shinjuku_admin.token.token)
        .await
        .unwrap();
    let clerk = env
        .app
        .add_staff(&admin131, "新宿 三郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let id = clerk.member.id;
    let first = clerk.token.token.clone();
    assert!(env.app.authenticate(&first).await.is_ok());

    // Listing shows accounts and credentials, never a token; a municipal administrator sees
    // their own municipality's staff only.
    let listed = env.app.staff_list(&admin131).await.unwrap();
    assert!(
        listed
            .iter()
            .all(|l| { l.staff.municipality == Some(MunicipalityCode::parse("131041").unwrap()) })
    );
    let me = listed.iter().find(|l| l.staff.id == id).unwrap();
    assert_eq!(me.credentials.len(), 1);
    assert!(format!("{listed:?}").find(&first[3..]).is_none());
    assert!(matches!(
        env.app.staff_list(&env.clerk).await,
        Err(AppError::Denied(_))
    ));

    // Rotation: a new token works, the old one no longer does.
    let who = env.app.authenticate(&first).await.unwrap();
    let second = env.app.rotate_token(&who, None).await.unwrap();
    assert!(matches!(
        env.app.authenticate(&first).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(env.app.authenticate(&second.token).await.is_ok());

    // An administrator issues another, then revokes it.
    let third = env
        .app
        .issue_token(&admin131, id, "counter PC", Some(30))
        .await
        .unwrap();
    assert!(env.app.authenticate(&third.token).await.is_ok());
    env.app.revoke_token(&admin131, id, third.id).await.unwrap();
    assert!(env.app.authenticate(&third.token).await.is_err());
    // Osaka's clerk cannot touch Shinjuku's staff.
    assert!(
        env.app
            .issue_token(&env.osaka_clerk, id, "", None)
            .await
            .is_err()
    );

    // Disabled: every token stops at once; enabled again, the unexpired one works.
    env.app
        .set_staff_enabled(&admin131, id, false)
        .await
        .unwrap();
    assert!(matches!(
        env.app.authenticate(&second.token).await,
        Err(AppError::Unauthenticated)
    ));
    // No administrator disables themselves.
    let self_id = admin131.staff().unwrap().id;
    assert!(matches!(
        env.app.set_staff_enabled(&admin131, self_id, false).await,
        Err(AppError::Invalid(_))
    ));
    env.app
        .set_staff_enabled(&admin131, id, true)
        .await
        .unwrap();
    assert!(env.app.authenticate(&second.token).await.is_ok());

    // Tokens expire: 90 days by default.
    env.clock.advance_days(91);
    assert!(matches!(
        env.app.authenticate(&second.token).await,
        Err(AppError::Unauthenticated)
    ));

    // The municipal administrator's acts are in Shinjuku's partition; the national
    // administrator's creation of them in both.
    let actions: Vec<String> = entries(&env, "131041")
        .await
        .into_iter()
        .map(|e| e.0)
        .collect();
    for a in [
        "staff-created",
        "credential-rotated",
        "credential-issued",
        "credential-revoked",
        "staff-disabled",
        "staff-enabled",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} missing: {actions:?}");
    }
    assert!(
        entries(&env, "national")
            .await
            .iter()
            .any(|e| e.0 == "staff-created" && e.3.contains(&self_id.to_hex()))
    );
}

/// Hole 11: one administrator completed a four-eyes number change by creating a second account
/// and approving with it.
pub(crate) async fn issue_9_four_eyes_need_two_people(env: Env) {
    let admin = env
        .app
        .add_staff(&env.admin, "新宿 管理者", "administrator", Some("131041"))
        .await
        .unwrap();
    let requester = env.app.authenticate(&admin.token.token).await.unwrap();
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let request = env
        .app
        .request_number_change(
            &requester,
            &r.resident_code,
            "ex-officio",
            "誤送付による漏えい",
            None,
        )
        .await
        .unwrap();
    // The second account the review made: created by the requester, after the request.
    let puppet = env
        .app
        .add_staff(&requester, "新宿 影武者", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let puppet_id = puppet.member.id;
    let as_puppet = env.app.authenticate(&puppet.token.token).await.unwrap();
    let err = env
        .app
        .decide_number_change(&as_puppet, request.id, true)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("created by the requester"),
        "{err}"
    );
    // A fresh token from another administrator does not make it a second person.
    let fresh = env
        .app
        .issue_token(&env.admin, puppet_id, "", None)
        .await
        .unwrap();
    let as_puppet = env.app.authenticate(&fresh.token).await.unwrap();
    assert!(
        env.app
            .decide_number_change(&as_puppet, request.id, true)
            .await
            .is_err()
    );
    // A colleague acting with a token the requester issued: the requester may hold it.
    let env_clerk = env.clerk.staff().unwrap().id;
    let handed = env
        .app
        .issue_token(&requester, env_clerk, "from the requester", None)
        .await
        .unwrap();
    let through_requester = env.app.authenticate(&handed.token).await.unwrap();
    let err = env
        .app
        .decide_number_change(&through_requester, request.id, true)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("issued through the requester"),
        "{err}"
    );
    // Rotated past any bound, the token still descends from the requester's (a review found
    // that 64 rotations hid it).
    let mut rotated = through_requester;
    for _ in 0..70 {
        let t = env.app.rotate_token(&rotated, None).await.unwrap();
        rotated = env.app.authenticate(&t.token).await.unwrap();
    }
    let err = env
        .app
        .decide_number_change(&rotated, request.id, true)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("issued through the requester"),
        "{err}"
    );
    // The clerk with the token the national administrator issued: a second person.
    env.app
        .decide_number_change(&env.clerk2, request.id, true)
        .await
        .unwrap();
}

/// Hole 2: a clerk of 271004 recorded a transfer-in of an active resident of 131041, with no
/// move-out, and then read the number. A transfer-in now follows the person's move-out to the
/// municipality recording it, and both registers record the hand-over.
pub(crate) async fn issue_9_a_transfer_in_follows_a_move_out_to_that_municipality(env: Env) {
    use mynumber_app::{ChangeCommand, HouseholdChoice};
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let code = r.resident_code;
    let transfer = |m: &str, prefecture: &str| ChangeCommand::TransferIn {
        prefecture: prefecture.into(),
        municipality_code: m.into(),
        address: "一丁目1番1号".into(),
        household: HouseholdChoice::New,
        relationship: "head".into(),
        card_serial: None,
    };
    // The takeover of the review: refused as if the code did not exist (a refusal naming the
    // record's state would tell another municipality who died or moved where), and the number
    // stays out of reach.
    let err = env
        .app
        .change(&env.osaka_clerk, &code, transfer("271004", "大阪府"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::NotFound(_)), "{err}");
    let unknown = ResidentCode::parse(&issued_never(&code)).unwrap();
    let err_unknown = env
        .app
        .change(
            &env.osaka_clerk,
            &unknown,
            transfer("271004", "大阪府"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), err_unknown.to_string());
    // Nor does a command that would fail validation against the register (a card serial that
    // is not the person's) tell it anything.
    let mut with_card = transfer("271004", "大阪府");
    if let ChangeCommand::TransferIn { card_serial, .. } = &mut with_card {
        *card_serial = Some("000000000000001".into());
    }
    let err = env
        .app
        .change(&env.osaka_clerk, &code, with_card, None)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), err_unknown.to_string());
    // The record's own municipality is told why.
    let err = env
        .app
        .change(&env.admin, &code, transfer("271004", "大阪府"), None)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("follows the person's move-out"),
        "{err}"
    );
    assert!(matches!(
        env.app.read_number(&env.osaka_clerk, &code, "tax").await,
        Err(AppError::NotFound(_))
    ));
    // A move-out states where to; the special one needs a card in use.
    let err = env
        .app
        .change(
            &env.clerk,
            &code,
            ChangeCommand::MoveOut {
                abroad: false,
                destination: None,
                with_card: false,
            },
            None,
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("destination_municipality_code"),
        "{err}"
    );
    let err = env
        .app
        .change(
            &env.clerk,
            &code,
            ChangeCommand::MoveOut {
                abroad: false,
                destination: Some("271004".into()),
                with_card: true,
            },
            None,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("with_card"), "{err}");
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
    // Only the municipality moved to records the transfer-in.
    let err = env
        .app
        .change(&env.admin, &code, transfer("141003", "神奈川県"), None)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("was to municipality 271004"),
        "{err}"
    );
    env.app
        .change(&env.osaka_clerk, &code, transfer("271004", "大阪府"), None)
        .await
        .unwrap();
    // Both registers record the hand-over.
    let person = r.person.to_hex();
    assert!(
        entries(&env, "271004")
            .await
            .iter()
            .any(|e| e.0 == "transfer-in" && e.1 == person)
    );
    assert!(
        entries(&env, "131041")
            .await
            .iter()
            .any(|e| e.0 == "transfer-in-notified"
                && e.1 == person
                && e.3.starts_with("to=271004"))
    );
}

/// Hole 13: invisible and direction-changing characters are refused wherever a person reads
/// the text: names and addresses, and also a municipality's printed name and staff names.
pub(crate) async fn issue_9_invisible_characters_are_refused_in_every_printed_name(env: Env) {
    let shinjuku = MunicipalityCode::parse("131041").unwrap();
    let err = env
        .app
        .set_municipality_name(&env.admin, shinjuku, "新宿\u{202E}区")
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("U+202E"), "{err}");
    let err = env
        .app
        .add_staff(
            &env.admin,
            "山田\u{200B}花子",
            "registry-clerk",
            Some("131041"),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("U+200B"), "{err}");
    let err = env
        .app
        .register(
            &env.clerk,
            register(japanese("山\u{2066}田", "太郎", "1980-01-15")),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("U+2066"), "{err}");
    env.app
        .set_municipality_name(&env.admin, shinjuku, "新宿区")
        .await
        .unwrap();
}

/// Hole 4: deleting a partition's head hid the whole partition from verification; deleting the
/// newest entries and copying the new last hash into the head passed. Partitions now come from
/// the entries and every checkpoint, and the chains are held to every checkpoint kept.
pub(crate) async fn issue_9_a_cut_ledger_is_caught(env: Env) {
    for i in 0..4 {
        env.app
            .register(
                &env.clerk,
                register(japanese("山田", "太郎", &format!("198{i}-01-01"))),
            )
            .await
            .unwrap();
    }
    let checkpoint = env.app.create_checkpoint(&env.auditor).await.unwrap();
    let pool = raw(&env).await;
    let exec = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
    };
    // The head row removed: the partition is still verified, and the missing head named.
    exec("DELETE FROM ledger_heads WHERE partition_key = '131041'").await;
    let fault = env
        .app
        .verify_ledger(&env.auditor, &[])
        .await
        .unwrap()
        .fault
        .unwrap();
    assert!(fault.to_string().contains("no head"), "{fault}");
    // The newest entries removed, and the head set to the new last entry: the chain alone
    // is consistent, but the checkpoint the database keeps saw more.
    let last =
        sqlx::query("SELECT hash FROM ledger_entries WHERE partition_key = '131041' AND seq = 2")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get::<String, _>(0);
    exec("DELETE FROM ledger_entries WHERE partition_key = '131041' AND seq > 2").await;
    sqlx::query("INSERT INTO ledger_heads (partition_key, seq, hash) VALUES ('131041', 2, $1)")
        .bind(last)
        .execute(&pool)
        .await
        .unwrap();
    let fault = env
        .app
        .verify_ledger(&env.auditor, &[])
        .await
        .unwrap()
        .fault
        .unwrap();
    assert!(
        fault
            .to_string()
            .contains("differs from the signed checkpoint")
            || fault.to_string().contains("shortened"),
        "{fault}"
    );
    // The stored checkpoints deleted too: only a copy kept outside (the witness) still sees
    // the cut.
    exec("DELETE FROM ledger_checkpoints").await;
    assert_eq!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault,
        None
    );
    let fault = env
        .app
        .verify_ledger(&env.auditor, std::slice::from_ref(&checkpoint))
        .await
        .unwrap()
        .fault
        .unwrap();
    assert!(fault.to_string().contains("131041"), "{fault}");
    // A whole partition removed is caught by a checkpoint that saw it.
    exec("DELETE FROM ledger_entries WHERE partition_key = '131041'").await;
    exec("DELETE FROM ledger_heads WHERE partition_key = '131041'").await;
    let fault = env
        .app
        .verify_ledger(&env.auditor, std::slice::from_ref(&checkpoint))
        .await
        .unwrap()
        .fault
        .unwrap();
    assert!(fault.to_string().starts_with("partition 131041"), "{fault}");
}

/// A valid resident record code other than `code` (its last base digit moved on, the check
/// digit recomputed) that no test registers.
fn issued_never(code: &ResidentCode) -> String {
    let mut base: [u8; 10] = code.digits().as_bytes()[..10].try_into().unwrap();
    base[9] = b'0' + (base[9] - b'0' + 1) % 10;
    let check = mynumber_core::check_digits::resident_code(&base);
    let mut out = String::from_utf8(base.to_vec()).unwrap();
    out.push(char::from(b'0' + check));
    out
}

/// Issue 11, the name search at scale: a search reads outside the writer and records what it
/// found in a write shared with the searches of the same moment (`ledger::Recorder`). Many at
/// once: each search's every record is in the ledger, once, and the chain still verifies.
pub(crate) async fn issue_11_searches_at_once_each_record_what_they_found(env: Env) {
    for given in ["太郎", "花子", "次郎"] {
        env.app
            .register(&env.clerk, register(japanese("山田", given, "1980-01-15")))
            .await
            .unwrap();
    }
    let before = entries(&env, "131041").await.len();
    let mut searches = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let app = env.app.clone();
        let clerk = env.clerk.clone();
        searches.spawn(async move {
            app.search(&clerk, "やまだ", None, mynumber_app::SEARCH_LIMIT)
                .await
                .unwrap()
                .rows
                .len()
        });
    }
    let mut shown = 0;
    while let Some(found) = searches.join_next().await {
        shown += found.unwrap();
    }
    assert_eq!(shown, 36, "each search found the three");
    let after = entries(&env, "131041").await;
    let reads = after[before..]
        .iter()
        .filter(|e| e.0 == "record-read" && e.3 == "what=record via=search")
        .count();
    assert_eq!(reads, shown, "every record shown is recorded, once");
    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
}
