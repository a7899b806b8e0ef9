//! Issue 12 on both engines: signing with the card for a 署名検証者 (docs/design/signing.md),
//! from the sign-transaction to the encrypted result, and the verification service.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use mynumber_app::{AppError, Clock, SignResultEncoder, ToSign, ToVerify};
use mynumber_core::Principal;
use mynumber_core::oidc::{AuthorizationParams, RequestError, SignFormat};
use mynumber_pki::jose::{base64url_decode, pkce_s256};
use mynumber_pki::{DigestInfo, Hierarchy};

use super::{
    Env, card_in_hand, install_authorities, japanese, register, sign_digest_info_with_card,
    sign_message_with_card,
};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "https://rp.example/callback";

/// The card's answer to a log-in with `signed` (certificate, signature) over its document,
/// refused: the refusal.
async fn refused_signature(
    env: &Env,
    login: &str,
    auth: (&[u8], &[u8]),
    signed: (&[u8], &[u8]),
) -> AppError {
    env.app
        .answer_login_challenge(
            login,
            auth.0,
            auth.1,
            Some(mynumber_app::SignAnswer {
                certificate: signed.0,
                signature: signed.1,
            }),
        )
        .await
        .unwrap_err()
}

/// A 署名検証者 starts sign-transactions (an organisation without the role is refused); the
/// resident signs at a log-in with the signature key, which must be theirs and a signature
/// certificate; the result comes back as a JWE to the organisation's key, for the log-in's
/// own token only; the verification service reports the status at signing and now, and the
/// suspension that followed.
pub(crate) async fn issue_12_a_resident_signs_a_document_for_a_signature_verifier(env: Env) {
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
            "株式会社サンプル署名",
            &["signature-verifier", "authentication-verifier"],
        )
        .await
        .unwrap();
    let other = env
        .app
        .register_organisation(
            &env.admin,
            "2120901007402",
            "認証だけ 株式会社",
            &["authentication-verifier"],
        )
        .await
        .unwrap();
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
    let rp = Principal::RelyingParty(org.id);
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, b"contract");

    // Only a 署名検証者 asks, and only with a digest it can sign.
    let refused = env
        .app
        .start_sign_transaction(
            &Principal::RelyingParty(other.id),
            ToSign::Digest(digest.as_ref().to_vec()),
            SignFormat::Raw,
        )
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Denied(_)), "{refused:?}");
    for (bad, format) in [
        (ToSign::Digest(vec![1; 31]), SignFormat::Raw),
        (ToSign::DigestInfo(vec![0x30, 0x00]), SignFormat::Raw),
        (
            ToSign::DigestInfo(
                DigestInfo {
                    algorithm: mynumber_pki::DigestAlgorithm::Sha384,
                    digest: vec![1; 48],
                }
                .to_der(),
            ),
            SignFormat::Cms,
        ),
    ] {
        let e = env
            .app
            .start_sign_transaction(&rp, bad, format)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)), "{e:?}");
    }

    let params = |state: &str, tx: &str| AuthorizationParams {
        response_type: Some("code".into()),
        client_id: Some(org.id.to_hex()),
        redirect_uri: Some(REDIRECT.into()),
        scope: Some("openid sign".into()),
        state: Some(state.into()),
        nonce: Some("n-1".into()),
        code_challenge: Some(pkce_s256(VERIFIER)),
        code_challenge_method: Some("S256".into()),
        sign_transaction_id: Some(tx.into()),
        ..Default::default()
    };
    // A transaction that does not exist cannot be named.
    assert!(matches!(
        env.app
            .begin_login(&params("s0", "00000000-0000-4000-8000-000000000000"))
            .await
            .unwrap(),
        Err(RequestError::Redirect {
            error: "invalid_request",
            ..
        })
    ));

    let started = env
        .app
        .start_sign_transaction(
            &rp,
            ToSign::Digest(digest.as_ref().to_vec()),
            SignFormat::Raw,
        )
        .await
        .unwrap();
    let begun = env
        .app
        .begin_login(&params("s1", &started.id))
        .await
        .unwrap()
        .unwrap();
    assert!(
        env.app
            .login_view(&begun.login, Some(&begun.browser))
            .await
            .unwrap()
            .signs
    );
    let challenge = env.app.login_challenge(&begun.login).await.unwrap();
    let sign = challenge.sign.clone().unwrap();
    assert_eq!(sign.format, SignFormat::Raw);
    // Raw: the card signs the relying party's own digest.
    assert_eq!(
        sign.digest_info,
        DigestInfo::sha256(digest.as_ref()).unwrap().to_der()
    );
    let (auth_signature, auth_certificate) = sign_message_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &challenge.message,
    );
    // Without the document's signature, or with the user-authentication key: refused.
    let e = env
        .app
        .answer_login_challenge(&begun.login, &auth_certificate, &auth_signature, None)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("signature is missing"), "{e}");
    let (wrong, wrong_cert) = sign_digest_info_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &sign.digest_info,
    );
    let e = refused_signature(
        &env,
        &begun.login,
        (&auth_certificate, &auth_signature),
        (&wrong_cert, &wrong),
    )
    .await;
    assert!(e.to_string().contains("not a signature certificate"), "{e}");
    // Another resident's signature certificate, with this resident's log-in: the signature
    // is good, but not the holder's. Refused, recorded on both, and the log-in still waits.
    let neighbour = env
        .app
        .register(&env.clerk, register(japanese("中村", "花", "1992-08-03")))
        .await
        .unwrap();
    let neighbours = card_in_hand(&env, &neighbour.resident_code, true).await;
    let (theirs, their_cert) = sign_digest_info_with_card(
        &neighbours.card_file,
        Hierarchy::Signature,
        "ABC123",
        &sign.digest_info,
    );
    let e = refused_signature(
        &env,
        &begun.login,
        (&auth_certificate, &auth_signature),
        (&their_cert, &theirs),
    )
    .await;
    assert!(e.to_string().contains("not the card holder's"), "{e}");
    // The neighbour's card suspended (lost, say) and used anyway: refused as revoked, and the
    // neighbour learns of it too.
    env.app
        .suspend_card(&env.clerk, &neighbours.card.serial)
        .await
        .unwrap();
    let e = refused_signature(
        &env,
        &begun.login,
        (&auth_certificate, &auth_signature),
        (&their_cert, &theirs),
    )
    .await;
    assert!(e.to_string().contains("revoked"), "{e}");
    let (signature, certificate) = sign_digest_info_with_card(
        &handed.card_file,
        Hierarchy::Signature,
        "ABC123",
        &sign.digest_info,
    );
    env.app
        .answer_login_challenge(
            &begun.login,
            &auth_certificate,
            &auth_signature,
            Some(mynumber_app::SignAnswer {
                certificate: &certificate,
                signature: &signature,
            }),
        )
        .await
        .unwrap();
    // Signed once: a second log-in cannot name it again.
    assert!(matches!(
        env.app
            .begin_login(&params("s2", &started.id))
            .await
            .unwrap(),
        Err(RequestError::Redirect { .. })
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
    let (jws, assertion) = super::client_assertion(&env, &key, &org.id.to_hex(), "sign-1");
    let encode = |kid: &str, _: &mynumber_app::IdTokenClaims| {
        (
            format!(r#"{{"alg":"ES256","kid":"{kid}"}}"#).into_bytes(),
            b"{}".to_vec(),
        )
    };
    let grant = env
        .app
        .redeem_code(
            &org.id.to_hex(),
            &jws,
            &assertion,
            &code,
            REDIRECT,
            VERIFIER,
            &encode,
        )
        .await
        .unwrap();
    let token_principal = env.app.authenticate(&grant.access_token).await.unwrap();
    let header = |kid: &str, x: &str, y: &str| {
        format!(
            r#"{{"alg":"ECDH-ES","enc":"A256GCM","kid":"{kid}","epk":{{"x":"{x}","y":"{y}"}}}}"#
        )
        .into_bytes()
    };
    let payload = |r: &mynumber_app::SignResult| {
        assert_eq!(r.signature, signature);
        assert_eq!(r.certificate, certificate);
        assert!(r.cms.is_none());
        b"result".to_vec()
    };
    let jwe = env
        .app
        .sign_result(
            &token_principal,
            &grant.access_token,
            &started.id,
            SignResultEncoder {
                header: &header,
                payload: &payload,
            },
        )
        .await
        .unwrap();
    let parts: Vec<&str> = jwe.split('.').collect();
    assert_eq!(parts.len(), 5);
    let protected = String::from_utf8(base64url_decode(parts[0]).unwrap()).unwrap();
    assert!(protected.contains(r#""kid":"rp1""#), "{protected}");
    // Not another transaction's result through this token, and not without a token.
    let e = env
        .app
        .sign_result(
            &token_principal,
            &grant.access_token,
            "00000000-0000-4000-8000-000000000000",
            SignResultEncoder {
                header: &header,
                payload: &payload,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
    assert!(matches!(
        env.app
            .sign_result(
                &rp,
                &grant.access_token,
                &started.id,
                SignResultEncoder {
                    header: &header,
                    payload: &payload,
                },
            )
            .await,
        Err(AppError::Denied(_))
    ));

    // The verification service: only for a 署名検証者; valid then and now, with the items.
    let info = DigestInfo::sha256(digest.as_ref()).unwrap().to_der();
    let raw = || ToVerify::Raw {
        certificate: certificate.clone(),
        digest_info: info.clone(),
        signature: signature.clone(),
    };
    let signed_at = jiff::Timestamp::from_microsecond(env.clock.now_us()).unwrap();
    assert!(matches!(
        env.app
            .verify_signature_for(&Principal::RelyingParty(other.id), raw(), None, None)
            .await,
        Err(AppError::Denied(_))
    ));
    let report = env
        .app
        .verify_signature_for(&rp, raw(), Some(signed_at), None)
        .await
        .unwrap();
    assert!(report.signature_certificate);
    assert_eq!(report.at_signing, Some(mynumber_app::Verdict::Valid));
    assert_eq!(report.now.verdict, mynumber_app::Verdict::Valid);
    // A raw signature says nothing of its time: the relying party's word, and said so.
    assert_eq!(
        report.signed_at,
        Some((signed_at, mynumber_app::SigningTimeSource::RelyingParty))
    );
    let four = report.certificate.four.clone().unwrap();
    assert_eq!(four.birth_date, jiff::civil::date(1990, 2, 17));
    // A プラットフォーム事業者 verifies for a サービスプロバイダ registered through it, and
    // only for it; no chains of platforms, and only administrators register the relation.
    assert!(matches!(
        env.app
            .verify_signature_for(&rp, raw(), Some(signed_at), Some(other.id))
            .await,
        Err(AppError::Denied(_))
    ));
    assert!(matches!(
        env.app
            .set_organisation_platform(&env.clerk, other.id, Some(org.id))
            .await,
        Err(AppError::Denied(_))
    ));
    env.app
        .set_organisation_platform(&env.admin, other.id, Some(org.id))
        .await
        .unwrap();
    assert!(matches!(
        env.app
            .set_organisation_platform(&env.admin, org.id, Some(other.id))
            .await,
        Err(AppError::Invalid(_))
    ));
    let for_client = env
        .app
        .verify_signature_for(&rp, raw(), Some(signed_at), Some(other.id))
        .await
        .unwrap();
    assert_eq!(for_client.now.verdict, mynumber_app::Verdict::Valid);
    assert!(matches!(
        env.app
            .verify_signature_for(
                &Principal::RelyingParty(other.id),
                raw(),
                None,
                Some(org.id)
            )
            .await,
        Err(AppError::Denied(_))
    ));
    // A signature over another digest does not verify.
    let forged = ToVerify::Raw {
        certificate: certificate.clone(),
        digest_info: DigestInfo::sha256(&[0; 32]).unwrap().to_der(),
        signature: signature.clone(),
    };
    assert!(matches!(
        env.app.verify_signature_for(&rp, forged, None, None).await,
        Err(AppError::NotVerified(_))
    ));
    // 最新基本4情報提供: only with the holder's consent, given at a log-in with `latest_four`.
    let refused = env
        .app
        .latest_four_for(&rp, &certificate)
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Refused(_)), "{refused:?}");
    // Not for an organisation that is no 署名検証者: not even asked for at a log-in.
    env.app
        .register_oidc_client(&env.admin, other.id, vec![REDIRECT.into()], vec![])
        .await
        .unwrap();
    let ask_four = |client: mynumber_core::OrganisationId, state: &str| AuthorizationParams {
        response_type: Some("code".into()),
        client_id: Some(client.to_hex()),
        redirect_uri: Some(REDIRECT.into()),
        scope: Some("openid latest_four".into()),
        state: Some(state.into()),
        nonce: Some("n-4".into()),
        code_challenge: Some(pkce_s256(VERIFIER)),
        code_challenge_method: Some("S256".into()),
        ..Default::default()
    };
    assert!(matches!(
        env.app
            .begin_login(&ask_four(other.id, "f0"))
            .await
            .unwrap(),
        Err(RequestError::Redirect {
            error: "invalid_scope",
            ..
        })
    ));
    assert!(matches!(
        env.app
            .latest_four_for(&Principal::RelyingParty(other.id), &certificate)
            .await,
        Err(AppError::Denied(_))
    ));
    let consent_at = env
        .app
        .begin_login(&ask_four(org.id, "f1"))
        .await
        .unwrap()
        .unwrap();
    let challenge = env.app.login_challenge(&consent_at.login).await.unwrap();
    let (auth_signature, auth_certificate) = sign_message_with_card(
        &handed.card_file,
        Hierarchy::Authentication,
        "1234",
        &challenge.message,
    );
    env.app
        .answer_login_challenge(&consent_at.login, &auth_certificate, &auth_signature, None)
        .await
        .unwrap();
    env.app
        .decide_login(&consent_at.login, &consent_at.browser, true, None)
        .await
        .unwrap();
    let latest = env.app.latest_four_for(&rp, &certificate).await.unwrap();
    assert_eq!(
        (
            latest.birthdate.as_str(),
            latest.changed,
            latest.certificate_now
        ),
        ("1990-02-17", false, mynumber_app::Verdict::Valid)
    );
    assert_eq!(latest.name, four.name);
    // Not a user-authentication certificate.
    let e = env
        .app
        .latest_four_for(&rp, &auth_certificate)
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Invalid(_)), "{e:?}");

    // The card suspended afterwards: valid when signed, revoked now.
    env.app
        .suspend_card(&env.clerk, &handed.card.serial)
        .await
        .unwrap();
    let report = env
        .app
        .verify_signature_for(&rp, raw(), Some(signed_at), None)
        .await
        .unwrap();
    assert_eq!(report.at_signing, Some(mynumber_app::Verdict::Valid));
    assert!(matches!(
        report.now.verdict,
        mynumber_app::Verdict::Revoked { .. }
    ));
    // A 転居 afterwards: the latest four items are the new address's, and say they changed.
    env.app
        .change(
            &env.clerk,
            &resident.resident_code,
            super::life::to_takadanobaba(),
            None,
        )
        .await
        .unwrap();
    let moved = env.app.latest_four_for(&rp, &certificate).await.unwrap();
    assert!(moved.changed);
    assert!(
        moved.address.contains("高田馬場１丁目１番１号"),
        "{moved:?}"
    );
    assert!(matches!(
        moved.certificate_now,
        mynumber_app::Verdict::Revoked { .. }
    ));
    // Each provision and the refusal on the resident, with the consent.
    let pool = super::raw(&env).await;
    let fours: Vec<String> = sqlx::query(
        "SELECT action || ' ' || detail FROM ledger_entries WHERE action LIKE 'latest-four%' \
         ORDER BY seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| sqlx::Row::get::<String, _>(r, 0))
    .collect();
    let actions: Vec<&str> = fours.iter().filter_map(|f| f.split(' ').next()).collect();
    assert_eq!(
        actions,
        [
            "latest-four-refused",
            "latest-four-consented",
            "latest-four-provided",
            "latest-four-provided",
        ],
        "{fours:?}"
    );
    assert!(fours[3].ends_with("changed=true"), "{fours:?}");
    // In the portal the resident sees the consent, and withdraws it: the business receives
    // the items no more, and the withdrawal is on the resident's record.
    let me = Principal::Resident(resident.person);
    let consents = env.app.my_consents(&me).await.unwrap();
    assert_eq!(consents.len(), 1);
    assert!(!consents[0].name.is_empty());
    env.app
        .withdraw_consent(&me, &consents[0].organisation.to_hex())
        .await
        .unwrap();
    assert!(env.app.my_consents(&me).await.unwrap().is_empty());
    assert!(env.app.latest_four_for(&rp, &certificate).await.is_err());
    assert!(matches!(
        env.app
            .withdraw_consent(&me, &consents[0].organisation.to_hex())
            .await,
        Err(AppError::NotFound(_))
    ));

    // The ledger: the resident's acts and reads on their municipality; never the number.
    let actions: Vec<String> = sqlx::query(
        "SELECT partition_key || ' ' || action FROM ledger_entries \
         WHERE action LIKE 'sign%' OR action LIKE 'document-%' OR action = 'access-denied' \
         ORDER BY partition_key, seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| sqlx::Row::get::<String, _>(r, 0))
    .collect();
    assert_eq!(
        actions,
        [
            // The user-authentication key as the signature key; the neighbour's signature
            // certificate, recorded on the log-in's holder and on the neighbour, in force and
            // then revoked.
            "131041 document-sign-refused",
            "131041 document-sign-refused",
            "131041 document-sign-refused",
            "131041 document-sign-refused",
            "131041 document-sign-refused",
            "131041 document-signed",
            "131041 signature-collected",
            "131041 signature-verified",
            // The clerk, who may not register a platform.
            "131041 access-denied",
            // For the サービスプロバイダ, then after the suspension.
            "131041 signature-verified",
            "131041 signature-verified",
            // The organisation without the role, twice; the relying party's own token used
            // where only a log-in's may be; the platform before the relation, and the
            // organisation that is no platform; the organisation without the role asking
            // for the latest four items.
            "national access-denied",
            "national sign-transaction-started",
            "national access-denied",
            "national access-denied",
            "national access-denied",
            "national access-denied",
            "national access-denied",
        ],
        "{actions:?}"
    );
    // Each refusal names its reason; the neighbour's is on the neighbour.
    let refusals: Vec<(String, String)> = sqlx::query(
        "SELECT person_id, detail FROM ledger_entries WHERE action = 'document-sign-refused' \
         ORDER BY seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (sqlx::Row::get(r, 0), sqlx::Row::get(r, 1)))
    .collect();
    let reasons: Vec<(bool, &str)> = refusals
        .iter()
        .map(|(person, detail)| {
            (
                *person == neighbour.person.to_string(),
                detail.rsplit("reason=").next().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (false, "not-signature-certificate"),
            (false, "not-the-holders"),
            (true, "not-the-holders"),
            (false, "revoked"),
            (true, "revoked"),
        ],
        "{refusals:?}"
    );
}
