//! Issue 12 on both engines: log-in with the card through the OpenID provider's use cases,
//! from the relying party's request to userinfo (docs/design/oidc.md).

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_app::{AppError, Clock, IdTokenClaims, TokenRefusal};
use mynumber_core::Principal;
use mynumber_core::client_assertion::Assertion;
use mynumber_core::oidc::{AuthorizationParams, RequestError};
use mynumber_pki::Hierarchy;
use mynumber_pki::jose::{CompactJws, base64url_encode, pkce_s256, split};

use super::{Env, card_in_hand, install_authorities, japanese, register, sign_message_with_card};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "https://rp.example/callback";

/// A relying party's `private_key_jwt` assertion (kid `rp1`) for the token endpoint, signed
/// with `key`, its audience the issuer, good for a minute.
pub(crate) fn client_assertion(
    env: &Env,
    key: &EcdsaKeyPair,
    client: &str,
    jti: &str,
) -> (CompactJws, Assertion) {
    let now = env.clock.now_us() / 1_000_000;
    let input = format!(
        "{}.{}",
        base64url_encode(br#"{"alg":"ES256","kid":"rp1"}"#),
        base64url_encode(b"{}")
    );
    let sig = key.sign(&SystemRandom::new(), input.as_bytes()).unwrap();
    let jws = split(&format!("{input}.{}", base64url_encode(sig.as_ref()))).unwrap();
    (
        jws,
        Assertion {
            alg: "ES256".into(),
            kid: Some("rp1".into()),
            iss: client.to_owned(),
            sub: client.to_owned(),
            aud: vec![env.app.issuer()],
            exp: now + 60,
            iat: Some(now),
            nbf: None,
            jti: jti.into(),
        },
    )
}

fn encode(kid: &str, c: &IdTokenClaims) -> (Vec<u8>, Vec<u8>) {
    (
        format!(r#"{{"alg":"ES256","kid":"{kid}"}}"#).into_bytes(),
        format!(
            r#"{{"iss":"{}","sub":"{}","aud":"{}","nonce":"{}","exp":{}}}"#,
            c.iss, c.sub, c.aud, c.nonce, c.exp
        )
        .into_bytes(),
    )
}

/// A relying party registered with a key and a redirection URI; the log-in's code comes back
/// only after the card's signature and the consent; the code is traded once, with its PKCE
/// verifier and the client's assertion; userinfo gives the consented items and records the
/// read; a second log-in has the same pairwise subject; a suspended card is refused; the
/// signing key rotates with the old one still published.
pub(crate) async fn issue_12_a_resident_logs_in_with_the_card(env: Env) {
    install_authorities(&env).await;
    let resident = env
        .app
        .register(&env.clerk, register(japanese("中村", "健", "1990-02-17")))
        .await
        .unwrap();
    let handed = card_in_hand(&env, &resident.resident_code, true).await;
    let org = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプル認証",
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
    // Only https or the loopback, and never before the client is registered.
    let params = |state: &str| AuthorizationParams {
        response_type: Some("code".into()),
        client_id: Some(client.clone()),
        redirect_uri: Some(REDIRECT.into()),
        scope: Some("openid name birthdate".into()),
        state: Some(state.into()),
        nonce: Some("n-1".into()),
        code_challenge: Some(pkce_s256(VERIFIER)),
        code_challenge_method: Some("S256".into()),
        ..Default::default()
    };
    assert!(matches!(
        env.app.begin_login(&params("s0")).await.unwrap(),
        Err(RequestError::UnknownClient)
    ));
    let refused = env
        .app
        .register_oidc_client(
            &env.admin,
            org.id,
            vec!["http://rp.example/cb".into()],
            vec![],
        )
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Invalid(_)), "{refused:?}");
    assert!(matches!(
        env.app
            .register_oidc_client(&env.clerk, org.id, vec![REDIRECT.into()], vec![])
            .await,
        Err(AppError::Denied(_))
    ));
    env.app
        .register_oidc_client(&env.admin, org.id, vec![REDIRECT.into()], vec![])
        .await
        .unwrap();

    let log_in = |state: &'static str| {
        let env = &env;
        let params = params(state);
        let card_file = handed.card_file.clone();
        async move {
            let begun = env.app.begin_login(&params).await.unwrap().unwrap();
            let view = env
                .app
                .login_view(&begun.login, Some(&begun.browser))
                .await
                .unwrap();
            assert!(view.own_browser);
            assert_eq!(view.client_name, "株式会社サンプル認証");
            let challenge = env.app.login_challenge(&begun.login).await.unwrap();
            assert_eq!(challenge.confirmation, view.confirmation);
            let (signature, certificate) = sign_message_with_card(
                &card_file,
                Hierarchy::Authentication,
                "1234",
                &challenge.message,
            );
            env.app
                .answer_login_challenge(&begun.login, &certificate, &signature, None)
                .await
                .unwrap();
            // Another browser cannot consent.
            assert!(matches!(
                env.app
                    .decide_login(&begun.login, "other", true, None)
                    .await,
                Err(AppError::Unauthenticated)
            ));
            let target = env
                .app
                .decide_login(&begun.login, &begun.browser, true, None)
                .await
                .unwrap();
            let code = target
                .split(['?', '&'])
                .find_map(|p| p.strip_prefix("code="))
                .unwrap()
                .to_owned();
            assert!(target.starts_with(&format!("{REDIRECT}?code=")), "{target}");
            assert!(target.contains(&format!("&state={state}&")), "{target}");
            code
        }
    };
    let assertion = |jti: &str| client_assertion(&env, &key, &client, jti);

    let code = log_in("s1").await;
    // A wrong verifier, or another redirection URI: refused, and the code still stands.
    let (jws, a) = assertion("j1");
    let wrong = env
        .app
        .redeem_code(&client, &jws, &a, &code, REDIRECT, &"x".repeat(43), &encode)
        .await
        .unwrap_err();
    assert!(matches!(wrong, TokenRefusal::Grant(_)), "{wrong:?}");
    let (jws, a) = assertion("j2");
    let grant = env
        .app
        .redeem_code(&client, &jws, &a, &code, REDIRECT, VERIFIER, &encode)
        .await
        .unwrap();
    assert_eq!(grant.scope, "openid name birthdate");
    let id_token = split(grant.id_token.as_deref().unwrap()).unwrap();
    let published = env.app.published_keys().await.unwrap();
    assert_eq!(published.len(), 1);
    let point = mynumber_pki::jose::p256_point(&published[0].x, &published[0].y).unwrap();
    mynumber_pki::jose::verify_es256(&id_token, &point).unwrap();
    let claims = String::from_utf8(id_token.payload.clone()).unwrap();
    assert!(claims.contains(r#""nonce":"n-1""#), "{claims}");
    let principal = env.app.authenticate(&grant.access_token).await.unwrap();
    // The log-in's token reads userinfo, and is no organisation token.
    assert_eq!(principal, Principal::LoginGrant(org.id));
    assert!(matches!(
        env.app
            .permit(&principal, mynumber_core::Action::CollectNumber)
            .await,
        Err(AppError::Denied(_))
    ));
    let items = env
        .app
        .consented_items(&principal, &grant.access_token)
        .await
        .unwrap();
    assert_eq!(items.name.as_deref(), Some("中村　健"));
    assert_eq!(items.birthdate.as_deref(), Some("1990-02-17"));
    assert_eq!((items.address, items.gender), (None, None));
    assert!(claims.contains(&format!(r#""sub":"{}""#, items.sub)));
    // The same code again: refused, and the access token of its first use ends.
    let (jws, a) = assertion("j3");
    assert!(matches!(
        env.app
            .redeem_code(&client, &jws, &a, &code, REDIRECT, VERIFIER, &encode)
            .await,
        Err(TokenRefusal::Grant(_))
    ));
    assert!(env.app.authenticate(&grant.access_token).await.is_err());
    // The assertion's jti is taken once.
    let second = log_in("s2").await;
    assert!(matches!(
        env.app
            .redeem_code(&client, &jws, &a, &second, REDIRECT, VERIFIER, &encode)
            .await,
        Err(TokenRefusal::Client)
    ));
    let (jws, a) = assertion("j4");
    let again = env
        .app
        .redeem_code(&client, &jws, &a, &second, REDIRECT, VERIFIER, &encode)
        .await
        .unwrap();
    let principal = env.app.authenticate(&again.access_token).await.unwrap();
    let items2 = env
        .app
        .consented_items(&principal, &again.access_token)
        .await
        .unwrap();
    assert_eq!(items2.sub, items.sub, "the pairwise subject is stable");
    // Revoking the key the relying party authenticated with ends the log-in's token too.
    env.app
        .revoke_organisation_key(&env.admin, org.id, "rp1")
        .await
        .unwrap();
    assert!(env.app.authenticate(&again.access_token).await.is_err());

    // The ledger has the log-ins and the reads on the resident, never the number.
    let pool = super::raw(&env).await;
    let actions: Vec<String> = sqlx::query(
        "SELECT partition_key || ' ' || action FROM ledger_entries \
         WHERE action LIKE 'card-login-%' OR action LIKE 'consented-%' OR action LIKE 'oidc-%' \
         ORDER BY partition_key, seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| sqlx::Row::get::<String, _>(r, 0))
    .collect();
    // On the resident's municipality's partition: what concerns them; nationally, the
    // relying party's acts.
    assert_eq!(
        actions,
        [
            "131041 card-login-authenticated",
            "131041 card-login-consented",
            "131041 consented-items-read",
            "131041 card-login-authenticated",
            "131041 card-login-consented",
            "131041 consented-items-read",
            "national oidc-client-registered",
            "national oidc-code-redeemed",
            "national oidc-code-reused",
            "national oidc-token-refused",
            "national oidc-code-redeemed",
        ]
    );

    // Suspended: the certificate is on hold, and the card's answer is refused.
    env.app
        .suspend_card(&env.clerk, &handed.card.serial)
        .await
        .unwrap();
    let begun = env.app.begin_login(&params("s3")).await.unwrap().unwrap();
    let challenge = env.app.login_challenge(&begun.login).await.unwrap();
    let (signature, certificate) = sign_message_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &challenge.message,
    );
    let held = env
        .app
        .answer_login_challenge(&begun.login, &certificate, &signature, None)
        .await
        .unwrap_err();
    assert!(held.to_string().contains("on hold"), "{held}");
    // A signature over another challenge does not verify.
    let other = env.app.begin_login(&params("s4")).await.unwrap().unwrap();
    assert!(matches!(
        env.app
            .answer_login_challenge(&other.login, &certificate, &signature, None)
            .await,
        Err(AppError::NotVerified(_))
    ));

    // Rotation: a new key signs; the old one is still published.
    let kid = env.app.rotate_provider_key(&env.admin).await.unwrap();
    let published = env.app.published_keys().await.unwrap();
    assert_eq!(published.len(), 2);
    assert_eq!(published[1].kid, kid);
}
