//! Issue 11, the call-center desk: a lost card found from what the caller states and suspended
//! on the same call, each call recorded; on both databases.

use mynumber_app::AppError;
use mynumber_core::call::{Claim, Outcome};
use mynumber_core::card::CardStatus;
use mynumber_core::certificate::CertificateStatus;
use sqlx::Row;

use super::{Env, japanese, raw, register};

/// 一時停止 by phone (facts §7): a national operator of the lost-card line finds the caller by
/// the name's reading, the birth date and the address, without a serial, and suspends the card
/// on the call; the signature certificate is revoked and the authentication one held. The call
/// is recorded with its language, caller and police report; the ledger has the reading of the
/// card's state and the call, never what the caller said nor a number. Nothing is found on a
/// near miss, and nothing is read then; two records that both answer identify nobody; a call is
/// another operator's to nobody else, closed once, and open for a bounded time.
pub(crate) async fn issue_11_a_lost_card_is_suspended_on_a_call(env: Env) {
    super::install_authorities(&env).await;
    let operator = {
        let added = env
            .app
            .add_staff(&env.admin, "受付 一郎", "call-center-operator", None)
            .await
            .unwrap();
        env.app.authenticate(&added.token.token).await.unwrap()
    };
    let second = {
        let added = env
            .app
            .add_staff(&env.admin, "受付 二郎", "call-center-operator", None)
            .await
            .unwrap();
        env.app.authenticate(&added.token.token).await.unwrap()
    };
    let mut input = japanese("山田", "太郎", "1980-01-15");
    input.address = "西新宿2丁目8番1号 都庁ハイツ101".into();
    let holder = env
        .app
        .register(&env.clerk, register(input))
        .await
        .unwrap()
        .resident_code;
    let card = super::card_in_hand(&env, &holder, true).await.card;
    assert_eq!(card.status, CardStatus::Active);
    let claim =
        |name: &str, address: &str| Claim::new(name, "1980-01-15", "東京都", address).unwrap();
    let pool = raw(&env).await;
    let entries = || {
        let pool = pool.clone();
        async move {
            sqlx::query("SELECT action, detail FROM ledger_entries ORDER BY partition_key, seq")
                .fetch_all(&pool)
                .await
                .unwrap()
                .iter()
                .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
                .collect::<Vec<_>>()
        }
    };
    let reads_before = entries().await.len();

    // A near miss (another block number) finds nobody, shows nothing and reads nothing.
    let miss = env
        .app
        .open_call(
            &operator,
            "es",
            "holder",
            &claim("ヤマダ タロウ", "新宿区西新宿2-8-3"),
        )
        .await
        .unwrap();
    assert_eq!((miss.outcome, miss.cards.len()), (Outcome::NotFound, 0));
    let after_miss = entries().await;
    assert_eq!(after_miss.len(), reads_before + 1);
    let (action, detail) = after_miss.iter().find(|(a, _)| a == "card-call").unwrap();
    assert_eq!(action, "card-call");
    assert!(
        detail.contains("outcome=not-found language=es caller=holder"),
        "{detail}"
    );

    // The reading, the birth date and the address as said on the phone: one record, its card.
    let call = env
        .app
        .open_call(
            &operator,
            "en",
            "family",
            &claim("やまだ たろう", "新宿区西新宿二丁目8-1"),
        )
        .await
        .unwrap();
    assert_eq!(call.outcome, Outcome::Identified);
    assert_eq!(call.language, "en");
    assert_eq!(
        call.cards.iter().map(|c| c.status).collect::<Vec<_>>(),
        [CardStatus::Active]
    );
    let read = entries().await;
    assert!(
        read.iter().any(|(a, d)| a == "record-read"
            && d == &format!("what=card-status via=call call={}", call.id)),
        "the card's state was read on the call, and recorded"
    );

    // Bad input: the police report's form; and the call is this operator's alone.
    let err = env
        .app
        .suspend_on_call(&operator, &call.id, "第1234号")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Invalid(ref i) if i.0[0].field == "police_report"),
        "{err}"
    );
    let err = env
        .app
        .suspend_on_call(&second, &call.id, "")
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::NotFound("call")), "{err}");
    assert!(matches!(
        env.app.call(&second, &call.id).await.unwrap_err(),
        AppError::NotFound("call")
    ));
    // A call that found nobody suspends nothing.
    let err = env
        .app
        .suspend_on_call(&operator, &miss.id, "")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Invalid(ref i) if i.0[0].field == "call"),
        "{err}"
    );

    // Suspended on the call: the card, then its certificates (signature revoked, the
    // authentication one on hold); the call closed with its police report.
    let done = env
        .app
        .suspend_on_call(&operator, &call.id, "１２３４-５６")
        .await
        .unwrap();
    assert_eq!(done.outcome, Outcome::Suspended);
    assert_eq!(
        done.cards.iter().map(|c| c.status).collect::<Vec<_>>(),
        [CardStatus::Suspended]
    );
    let (cards, _) = env.app.cards(&env.clerk, &holder).await.unwrap();
    assert_eq!(cards[0].status, CardStatus::Suspended);
    for (serial, status) in [
        (
            card.signature_certificate.clone().unwrap(),
            CertificateStatus::Revoked,
        ),
        (
            card.authentication_certificate.clone().unwrap(),
            CertificateStatus::Hold,
        ),
    ] {
        let row = sqlx::query("SELECT status FROM certificates WHERE serial = $1")
            .bind(serial)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(row.get::<String, _>(0), status.code());
    }
    let row = sqlx::query(
        "SELECT outcome, police_report, card_serial, language, caller, closed_at_us \
         FROM call_records WHERE id = $1",
    )
    .bind(&call.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row.get::<String, _>(0), "suspended");
    assert_eq!(row.get::<String, _>(1), "1234-56");
    assert_eq!(row.get::<String, _>(2), card.serial);
    assert_eq!(
        (row.get::<String, _>(3), row.get::<String, _>(4)),
        ("en".into(), "family".into())
    );
    assert!(row.get::<Option<i64>, _>(5).is_some());
    // Closed once: a second click changes nothing.
    assert!(matches!(
        env.app
            .suspend_on_call(&operator, &call.id, "")
            .await
            .unwrap_err(),
        AppError::Conflict
    ));
    // The ledger has the suspension and the call, never the police report's number nor what
    // the caller said; and it still verifies.
    let all = entries().await;
    assert!(
        all.iter()
            .any(|(a, d)| a == "card-suspended" && d.contains(&card.serial)),
        "{all:?}"
    );
    assert!(all.iter().any(|(a, d)| a == "card-call"
        && d == &format!("call={} outcome=suspended police_report=given", call.id)));
    for (_, d) in &all {
        for said in ["1234-56", "ヤマダ", "やまだ", "西新宿"] {
            assert!(!d.contains(said), "{d}");
        }
    }
    assert!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault
            .is_none()
    );
    // The next steps' call: what it ended in, and the language of the call.
    let sheet = env.app.call(&operator, &call.id).await.unwrap();
    assert_eq!((sheet.outcome, sheet.language), (Outcome::Suspended, "en"));
    // A second call for the same card finds it suspended: nothing to suspend again.
    let again = env
        .app
        .open_call(
            &operator,
            "ja",
            "holder",
            &claim("ヤマダタロウ", "西新宿2-8-1"),
        )
        .await
        .unwrap();
    assert_eq!(again.cards[0].status, CardStatus::Suspended);
    let err = env
        .app
        .suspend_on_call(&operator, &again.id, "")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Invalid(ref i) if i.0[0].field == "card"),
        "{err}"
    );

    // A call left open too long is not a warrant: look the caller up again.
    let stale = env
        .app
        .open_call(
            &operator,
            "ja",
            "holder",
            &claim("ヤマダタロウ", "西新宿2-8-1"),
        )
        .await
        .unwrap();
    env.clock
        .advance((mynumber_app::CALL_OPEN_MINUTES * 60 + 1) * 1_000_000);
    let err = env
        .app
        .suspend_on_call(&operator, &stale.id, "")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Invalid(ref i) if i.0[0].field == "call"),
        "{err}"
    );

    // Two records that both answer identify nobody.
    let mut twin = japanese("山田", "太郎", "1980-01-15");
    twin.address = "西新宿2丁目8番1号".into();
    env.app.register(&env.clerk, register(twin)).await.unwrap();
    let both = env
        .app
        .open_call(
            &operator,
            "ja",
            "holder",
            &claim("ヤマダタロウ", "西新宿2-8-1"),
        )
        .await
        .unwrap();
    assert_eq!((both.outcome, both.cards.len()), (Outcome::Ambiguous, 0));
    // Neither is shown, but both were matched, and their ledgers say so.
    let matched = entries()
        .await
        .iter()
        .filter(|(a, d)| {
            a == "record-read" && d == &format!("what=identity-match via=call call={}", both.id)
        })
        .count();
    assert_eq!(matched, 2);

    // Probing: twenty checks in an hour that match nobody, then the operator is stopped, and
    // the ledger says so.
    for _ in 0..mynumber_app::UNMATCHED_CALLS_PER_HOUR {
        let miss = env
            .app
            .open_call(
                &second,
                "ja",
                "holder",
                &claim("ヤマダタロウ", "西新宿9-9-9"),
            )
            .await
            .unwrap();
        assert_eq!(miss.outcome, Outcome::NotFound);
    }
    let err = env
        .app
        .open_call(
            &second,
            "ja",
            "holder",
            &claim("ヤマダタロウ", "西新宿2-8-1"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Invalid(ref i) if i.0[0].field == "call"),
        "{err}"
    );
    assert!(
        entries()
            .await
            .iter()
            .any(|(a, d)| a == "card-call-limited" && d == "unmatched-last-hour=20")
    );
    // An hour later, the count starts again.
    env.clock.advance(3_600 * 1_000_000);
    let again = env
        .app
        .open_call(
            &second,
            "ja",
            "holder",
            &claim("ヤマダタロウ", "西新宿9-9-9"),
        )
        .await
        .unwrap();
    assert_eq!(again.outcome, Outcome::NotFound);

    // Scope: an operator of the line may do nothing else; a clerk of another municipality
    // finds nobody here.
    assert!(matches!(
        env.app.resident(&operator, &holder).await.unwrap_err(),
        AppError::Denied(_)
    ));
    let osaka = env
        .app
        .open_call(
            &env.osaka_clerk,
            "ja",
            "holder",
            &claim("ヤマダタロウ", "西新宿2-8-1"),
        )
        .await
        .unwrap();
    assert_eq!(osaka.outcome, Outcome::NotFound);
    // And the auditor, who may not suspend, may not look a caller up either.
    assert!(matches!(
        env.app
            .open_call(
                &env.auditor,
                "ja",
                "holder",
                &claim("ヤマダタロウ", "西新宿2-8-1")
            )
            .await
            .unwrap_err(),
        AppError::Denied(_)
    ));
    let err = env
        .app
        .open_call(
            &operator,
            "fr",
            "neighbour",
            &claim("ヤマダタロウ", "西新宿2-8-1"),
        )
        .await
        .unwrap_err();
    let AppError::Invalid(invalid) = err else {
        panic!("expected invalid input");
    };
    let fields: Vec<&str> = invalid.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["language", "caller"]);
}
