//! Issue 14 on both engines: the portal's own choices and the 自己情報取得API
//! (docs/design/portal.md). The language of the letters chosen by the resident; an app granted
//! some of the agencies' data sets at a log-in with the card, reading them, refreshing its
//! access once per token, and refused after the resident withdraws the grant.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_app::{AppError, CodeRequest, CopyInput, IdTokenClaims, TokenRefusal};
use mynumber_core::exchange::DataItem;
use mynumber_core::oidc::AuthorizationParams;
use mynumber_core::{Denied, Principal};
use mynumber_pki::Hierarchy;
use mynumber_pki::jose::pkce_s256;

use super::{
    Env, agency, card_in_hand, client_assertion, install_authorities, japanese, raw, register,
};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "https://kakeibo.example/callback";

fn encode(kid: &str, _: &IdTokenClaims) -> (Vec<u8>, Vec<u8>) {
    (
        format!(r#"{{"alg":"ES256","kid":"{kid}"}}"#).into_bytes(),
        b"{}".to_vec(),
    )
}

/// The resident chooses the language of their letters in the portal: a new version of their
/// record, recorded on them; the same language again writes nothing; a language the system has
/// no catalog for is refused by name; nobody else can choose it for them.
pub(crate) async fn issue_14_a_resident_chooses_the_language_of_their_letters(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("言語", "花子", "1991-09-09")))
        .await
        .unwrap();
    let me = Principal::Resident(r.person);
    assert!(env.app.choose_letter_language(&me, "vi").await.unwrap());
    let view = env
        .app
        .resident(&env.clerk, &r.resident_code)
        .await
        .unwrap();
    let last = view.versions.last().unwrap();
    assert_eq!(last.version, 2);
    assert_eq!(last.procedure, "language-change");
    assert_eq!(last.resident.record.language().tag(), "vi");
    assert_eq!(last.actor, me.ledger_name());
    // Name and address are untouched.
    assert_eq!(
        last.resident.record.name_on_card(),
        view.versions[0].resident.record.name_on_card()
    );
    // The same language again: nothing written.
    assert!(!env.app.choose_letter_language(&me, "VI").await.unwrap());
    let view = env
        .app
        .resident(&env.clerk, &r.resident_code)
        .await
        .unwrap();
    assert_eq!(view.versions.len(), 2);
    // A tag without a catalog: refused, naming the field and the tags there are.
    let AppError::Invalid(i) = env
        .app
        .choose_letter_language(&me, "xx-Klingon")
        .await
        .unwrap_err()
    else {
        panic!("not refused as invalid")
    };
    assert_eq!(i.0[0].field, "preferred_language");
    assert_eq!(i.0[0].key, "problem-language-unknown");
    // Staff use the procedure, not the resident's door; another resident is refused.
    assert!(matches!(
        env.app.choose_letter_language(&env.clerk, "en").await,
        Err(AppError::Denied(_))
    ));
    let history = env.app.my_access_history(&me).await.unwrap();
    let entry = history
        .iter()
        .find(|e| e.content.action == "language-change")
        .unwrap();
    assert_eq!(entry.content.detail, "version=2 language=vi");
    // The counter's procedure does the same for a resident who asks there.
    let version = env
        .app
        .change(
            &env.clerk,
            &r.resident_code,
            mynumber_app::ChangeCommand::LanguageChange("pt".into()),
            None,
        )
        .await
        .unwrap();
    assert_eq!(version.resident.record.language().tag(), "pt-BR");
}

/// 自己情報取得API on both engines: an app asks for two data sets, the resident leaves one
/// ticked; the app reads that one as the municipality holds it (the fetch leaves three
/// exchange records), not the other; its refresh token works once and a copy used after it
/// ends the grant's refresh tokens; the resident sees the grant in the portal, withdraws it,
/// and the app is refused at once.
pub(crate) async fn issue_14_an_app_reads_what_the_resident_granted_it(env: Env) {
    install_authorities(&env).await;
    let r = env
        .app
        .register(&env.clerk, register(japanese("家計", "一郎", "1984-04-04")))
        .await
        .unwrap();
    let handed = card_in_hand(&env, &r.resident_code, true).await;
    let me = Principal::Resident(r.person);
    // The municipality holds the resident's local tax and child allowance copies.
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
    let code = env
        .app
        .obtain_agency_codes(
            &city.principal(),
            "131041/mayor",
            &[CodeRequest {
                acquisition: "a-1",
                individual_number: &number,
            }],
        )
        .await
        .unwrap()[0]
        .code
        .clone()
        .unwrap();
    for (item, fields) in [
        (
            "local-tax",
            vec![
                ("fiscal-year", "2026"),
                ("total-income", "4200000"),
                ("taxable-income", "2800000"),
                ("income-levy", "168000"),
                ("per-capita-levy", "5000"),
                ("dependants", "2"),
                ("non-taxable", "no"),
            ],
        ),
        (
            "child-allowance",
            vec![
                ("status", "paying"),
                ("children", "2"),
                ("monthly-amount", "15000"),
                ("since", "2024-10-01"),
            ],
        ),
    ] {
        env.app
            .put_copies(
                &city.principal(),
                "131041/mayor",
                item,
                &[CopyInput {
                    code: code.expose().to_owned(),
                    non_disclosure: false,
                    fields: fields
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect(),
                }],
            )
            .await
            .unwrap();
    }
    // The app: a relying party with its key and redirection URI.
    let org = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "家計簿アプリ株式会社",
            &["authentication-verifier"],
        )
        .await
        .unwrap();
    let client = org.id.to_hex();
    let pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
            .unwrap();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    env.app
        .register_organisation_key(&env.admin, org.id, "rp1", key.public_key().as_ref())
        .await
        .unwrap();
    env.app
        .register_oidc_client(&env.admin, org.id, vec![REDIRECT.into()], vec![])
        .await
        .unwrap();
    let assertion = |jti: &str| client_assertion(&env, &key, &client, jti);
    // A log-in asking for two data sets, the resident leaving `kept` ticked; the tokens.
    let consent = |state: &'static str, kept: &'static [DataItem]| {
        let env = &env;
        let client = client.clone();
        let card_file = handed.card_file.clone();
        let assertion = &assertion;
        async move {
            let begun = env
                .app
                .begin_login(&AuthorizationParams {
                    response_type: Some("code".into()),
                    client_id: Some(client.clone()),
                    redirect_uri: Some(REDIRECT.into()),
                    scope: Some("openid self:local-tax self:child-allowance".into()),
                    state: Some(state.into()),
                    nonce: Some("n1".into()),
                    code_challenge: Some(pkce_s256(VERIFIER)),
                    code_challenge_method: Some("S256".into()),
                    ..Default::default()
                })
                .await
                .unwrap()
                .unwrap();
            let challenge = env.app.login_challenge(&begun.login).await.unwrap();
            let (signature, certificate) = super::sign_message_with_card(
                &card_file,
                Hierarchy::Authentication,
                "1234",
                &challenge.message,
            );
            env.app
                .answer_login_challenge(&begun.login, &certificate, &signature, None)
                .await
                .unwrap();
            let target = env
                .app
                .decide_login(&begun.login, &begun.browser, true, Some(kept))
                .await
                .unwrap();
            let code = target
                .split(['?', '&'])
                .find_map(|p| p.strip_prefix("code="))
                .unwrap()
                .to_owned();
            let (jws, a) = assertion(&format!("{state}-code"));
            env.app
                .redeem_code(&client, &jws, &a, &code, REDIRECT, VERIFIER, &encode)
                .await
                .unwrap()
        }
    };
    let grant = consent("s1", &[DataItem::LocalTax]).await;
    assert_eq!(grant.scope, "openid self:local-tax");
    let first_refresh = grant.refresh_token.clone().unwrap();
    assert!(first_refresh.starts_with(mynumber_app::REFRESH_TOKEN_PREFIX));
    let app = env.app.authenticate(&grant.access_token).await.unwrap();
    assert_eq!(app, Principal::LoginGrant(org.id));
    let read = |token: String, item: DataItem| {
        let env = &env;
        let app = app.clone();
        async move { env.app.self_information(&app, &token, item).await }
    };
    let tax = read(grant.access_token.clone(), DataItem::LocalTax)
        .await
        .unwrap();
    assert_eq!(tax.sets.len(), 1);
    assert_eq!(tax.sets[0].provider.as_str(), "131041/mayor");
    assert_eq!(tax.sets[0].copy.get("taxable-income"), Some("2800000"));
    // The fetch went through the network: three agreeing records, in the resident's history.
    let exchanges = env.app.my_exchange_history(&me).await.unwrap();
    assert!(
        exchanges
            .shown
            .iter()
            .any(|x| x.item == DataItem::LocalTax && x.requester.as_str() == "portal"),
        "{exchanges:?}"
    );
    // Not granted: refused as such, and no exchange made for it.
    let e = read(grant.access_token.clone(), DataItem::ChildAllowance)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Denied(Denied::NotGranted { .. })),
        "{e:?}"
    );
    // The refresh token, once: a new access token and a new refresh token.
    let (jws, a) = assertion("j2");
    let refreshed = env
        .app
        .refresh_access(&client, &jws, &a, &first_refresh)
        .await
        .unwrap();
    assert_eq!(refreshed.scope, "self:local-tax");
    assert!(refreshed.id_token.is_none());
    let second_refresh = refreshed.refresh_token.clone().unwrap();
    assert_ne!(second_refresh, first_refresh);
    assert!(
        read(refreshed.access_token.clone(), DataItem::LocalTax)
            .await
            .is_ok()
    );
    // The first token again is a copy: refused, and the grant's refresh tokens end with it,
    // the new one included.
    let (jws, a) = assertion("j3");
    assert!(matches!(
        env.app
            .refresh_access(&client, &jws, &a, &first_refresh)
            .await,
        Err(TokenRefusal::Grant(_))
    ));
    let (jws, a) = assertion("j4");
    assert!(matches!(
        env.app
            .refresh_access(&client, &jws, &a, &second_refresh)
            .await,
        Err(TokenRefusal::Grant(_))
    ));
    // …and so do the access tokens it gave.
    assert!(matches!(
        read(refreshed.access_token.clone(), DataItem::LocalTax).await,
        Err(AppError::Unauthenticated)
    ));
    // Logged in again: the resident sees the grant in the portal, and withdraws it: refused
    // at once.
    let refreshed = consent("s1b", &[DataItem::LocalTax]).await;
    let grants = env.app.my_app_grants(&me).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].name, "家計簿アプリ株式会社");
    assert_eq!(grants[0].items, [DataItem::LocalTax]);
    // Nobody else withdraws it.
    let other = env
        .app
        .register(&env.clerk, register(japanese("家計", "二郎", "1986-06-06")))
        .await
        .unwrap();
    assert!(matches!(
        env.app
            .withdraw_app_grant(&Principal::Resident(other.person), &grants[0].id)
            .await,
        Err(AppError::NotFound(_))
    ));
    env.app
        .withdraw_app_grant(&me, &grants[0].id)
        .await
        .unwrap();
    assert!(env.app.my_app_grants(&me).await.unwrap().is_empty());
    let e = read(refreshed.access_token.clone(), DataItem::LocalTax)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Denied(Denied::NotGranted { .. })),
        "{e:?}"
    );
    // Granted again, then a consent with every box unticked: the standing grant ends too.
    consent("s2", &[DataItem::LocalTax]).await;
    assert_eq!(env.app.my_app_grants(&me).await.unwrap().len(), 1);
    let none = consent("s3", &[]).await;
    assert_eq!(none.scope, "openid");
    assert!(none.refresh_token.is_none());
    assert!(env.app.my_app_grants(&me).await.unwrap().is_empty());
    // Granted again, and the card suspended (lost): the grant ends with it, whoever gave it.
    let again = consent("s4", &[DataItem::ChildAllowance]).await;
    assert!(
        read(again.access_token.clone(), DataItem::ChildAllowance)
            .await
            .is_ok()
    );
    env.app
        .suspend_card(&me, &handed.card.serial)
        .await
        .unwrap();
    assert!(env.app.my_app_grants(&me).await.unwrap().is_empty());
    assert!(matches!(
        read(again.access_token.clone(), DataItem::ChildAllowance).await,
        Err(AppError::Unauthenticated | AppError::Denied(Denied::NotGranted { .. }))
    ));
    // The resident's access history tells the whole story.
    let history = env.app.my_access_history(&me).await.unwrap();
    for action in [
        "app-granted",
        "self-information-read",
        "app-grant-withdrawn",
        "app-grants-ended",
    ] {
        assert!(
            history.iter().any(|e| e.content.action == action),
            "{action}"
        );
    }
    // Neither token is stored, only hashes; and no refresh token outlives the withdrawal.
    let pool = raw(&env).await;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM app_refresh_tokens")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let reused: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries WHERE action = 'app-refresh-reused'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(reused, 1);
}
