//! The OpenID Connect provider's machine doors (issue 12, docs/design/oidc.md), on the Digital
//! Agency's Keycloak-style paths under the issuer `/api/realms/main`: discovery, the JWKS, the
//! token endpoint (authorization code with PKCE, `private_key_jwt`), userinfo, and the two doors
//! the authentication app uses (the challenge to sign, the card's answer). The browser's pages
//! are `web/login.rs`. Errors of the token endpoint are RFC 6749 §5.2's; userinfo's are RFC
//! 6750 §3's; the app's are problems.

use axum::Json;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::{IdTokenClaims, TokenRefusal};
use mynumber_core::oidc::Scope;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::oauth::{client_assertion, error, invalid_client};
use crate::{ApiError, AppJson, AppState, Authenticated};

/// The realm's path, as the Agency's provider names it.
pub(crate) const REALM: &str = "/api/realms/main";

/// The discovery document (OpenID Connect Discovery 1.0 §3).
pub(crate) async fn discovery(State(state): State<AppState>) -> Response {
    let iss = state.app.issuer();
    let endpoint = |name: &str| format!("{iss}/protocol/openid-connect/{name}");
    let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.code()).collect();
    let body = json!({
        "issuer": iss,
        "authorization_endpoint": endpoint("auth"),
        "token_endpoint": endpoint("token"),
        "userinfo_endpoint": endpoint("userinfo"),
        "jwks_uri": endpoint("certs"),
        "end_session_endpoint": endpoint("logout"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["ES256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": scopes,
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr",
            "amr", "at_hash", "name", "address", "birthdate", "gender"],
        "acr_values_supported": [mynumber_core::oidc::ACR],
        "ui_locales_supported": mynumber_i18n::LANGUAGES,
        "claims_locales_supported": ["ja"],
        "claims_parameter_supported": false,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "authorization_response_iss_parameter_supported": true,
    });
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(body)).into_response()
}

/// The JWKS (RFC 7517): the ID token keys in force, and those retired less than a day ago.
pub(crate) async fn certs(State(state): State<AppState>) -> Result<Response, ApiError> {
    let keys: Vec<Value> = state
        .app
        .published_keys()
        .await?
        .into_iter()
        .map(|k| {
            json!({"kty": "EC", "crv": "P-256", "x": k.x, "y": k.y, "kid": k.kid,
                "use": "sig", "alg": "ES256"})
        })
        .collect();
    // A relying party refetches after a rotation when it meets an unknown kid; five minutes
    // of caching keeps that cheap without hiding a new key for long.
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=300")],
        Json(json!({ "keys": keys })),
    )
        .into_response())
}

/// The token request of the authorization-code grant (RFC 6749 §4.1.3, RFC 7636 §4.5, RFC 7523
/// §2.2).
#[derive(Default, Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    code_verifier: String,
    #[serde(default)]
    refresh_token: String,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    client_assertion_type: String,
    #[serde(default)]
    client_assertion: String,
}

/// Never the assertion, the code, the verifier or the refresh token.
impl std::fmt::Debug for CodeForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeForm")
            .field("grant_type", &self.grant_type)
            .finish_non_exhaustive()
    }
}

/// The ID token's JOSE header and claims as JSON.
fn encode_id_token(kid: &str, c: &IdTokenClaims) -> (Vec<u8>, Vec<u8>) {
    let header = json!({"alg": "ES256", "typ": "JWT", "kid": kid});
    let claims = json!({
        "iss": c.iss, "sub": c.sub, "aud": c.aud, "exp": c.exp, "iat": c.iat,
        "auth_time": c.auth_time, "nonce": c.nonce, "acr": c.acr, "amr": c.amr,
        "at_hash": c.at_hash, "azp": c.aud,
    });
    (
        header.to_string().into_bytes(),
        claims.to_string().into_bytes(),
    )
}

/// The token endpoint: a code for an ID token and an access token.
pub(crate) async fn token(
    State(state): State<AppState>,
    form: Result<Form<CodeForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the request must be application/x-www-form-urlencoded",
        );
    };
    let refresh = match form.grant_type.as_str() {
        "authorization_code" => false,
        "refresh_token" => true,
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only authorization_code and refresh_token are granted here",
            );
        }
    };
    if refresh && form.refresh_token.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "refresh_token is required",
        );
    }
    if !refresh
        && (form.code.is_empty() || form.redirect_uri.is_empty() || form.code_verifier.is_empty())
    {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "code, redirect_uri and code_verifier are required",
        );
    }
    let (jws, assertion) = match client_assertion(
        &form.client_assertion_type,
        &form.client_assertion,
        form.client_id.as_deref(),
    ) {
        Ok(a) => a,
        Err(refused) => return *refused,
    };
    let granted = if refresh {
        state
            .app
            .refresh_access(&assertion.sub, &jws, &assertion, &form.refresh_token)
            .await
    } else {
        state
            .app
            .redeem_code(
                &assertion.sub,
                &jws,
                &assertion,
                &form.code,
                &form.redirect_uri,
                &form.code_verifier,
                &encode_id_token,
            )
            .await
    };
    match granted {
        Ok(t) => {
            let mut body = json!({
                "access_token": t.access_token,
                "token_type": "Bearer",
                "expires_in": t.expires_in,
                "scope": t.scope,
            });
            if let Some(id_token) = t.id_token {
                body["id_token"] = json!(id_token);
            }
            if let Some(refresh_token) = t.refresh_token {
                body["refresh_token"] = json!(refresh_token);
            }
            (
                StatusCode::OK,
                [
                    (header::CACHE_CONTROL, "no-store"),
                    (header::PRAGMA, "no-cache"),
                ],
                Json(body),
            )
                .into_response()
        }
        Err(TokenRefusal::Client) => invalid_client(),
        Err(TokenRefusal::Grant(why)) => error(StatusCode::BAD_REQUEST, "invalid_grant", why),
        Err(TokenRefusal::Failed(e)) => {
            tracing::error!(error = %e, "token endpoint failed");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "the token could not be issued; try again",
            )
        }
    }
}

/// The bearer token of a request (RFC 6750 §2.1), empty when none came.
pub(crate) fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
}

/// userinfo (OIDC Core §5.3): the consented items of the log-in the access token came from.
pub(crate) async fn userinfo(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let items = state
        .app
        .consented_items(&principal, bearer(&headers))
        .await?;
    let mut body = json!({ "sub": items.sub });
    if let Some(name) = items.name {
        body["name"] = json!(name);
    }
    if let Some(address) = items.address {
        // OIDC Core §5.1.1: the address claim is an object; the card carries one line.
        body["address"] = json!({ "formatted": address });
    }
    if let Some(birthdate) = items.birthdate {
        body["birthdate"] = json!(birthdate);
    }
    if let Some(gender) = items.gender {
        body["gender"] = json!(gender);
    }
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_LANGUAGE, "ja"),
        ],
        Json(body),
    )
        .into_response())
}

/// 自己情報取得API: one data set of the resident the access token stands for, from each agency
/// holding it, while the resident's grant names it. A data set not granted answers 403 with
/// RFC 6750 §3.1's `insufficient_scope` and the scope it needs.
pub(crate) async fn self_information(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    Path(item): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    use mynumber_core::exchange::DataItem;
    let Some(item) = DataItem::parse(&item) else {
        return Err(mynumber_app::AppError::NotFound("item").into());
    };
    let info = match state
        .app
        .self_information(&principal, bearer(&headers), item)
        .await
    {
        Ok(info) => info,
        Err(mynumber_app::AppError::Denied(mynumber_core::Denied::NotGranted { .. })) => {
            let scope = Scope::SelfInformation(item).code();
            let mut r = error(
                StatusCode::FORBIDDEN,
                "insufficient_scope",
                "the resident has not granted this app this item, or withdrew it",
            );
            if let Ok(v) = header::HeaderValue::from_str(&format!(
                "Bearer error=\"insufficient_scope\", scope=\"{scope}\""
            )) {
                r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
            }
            return Ok(r);
        }
        Err(e) => return Err(e.into()),
    };
    let sets: Vec<Value> = info
        .sets
        .iter()
        .map(|h| {
            let values: serde_json::Map<String, Value> = h
                .copy
                .fields()
                .map(|(field, value)| (field.key.to_owned(), json!(value)))
                .collect();
            json!({
                "provider": h.provider.as_str(),
                "provider_name": h.provider_name,
                "values": values,
            })
        })
        .collect();
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "item": info.item.code(), "sets": sets })),
    )
        .into_response())
}

/// What the authentication app signs for a log-in (the app's door; public: the log-in's id is
/// unguessable, and the answer carries nothing personal).
pub(crate) async fn card_challenge(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let c = state.app.login_challenge(&id).await?;
    let scopes: Vec<&str> = c.scopes.iter().map(Scope::code).collect();
    let mut body = json!({
        "message": mynumber_pki::jose::base64url_encode(&c.message),
        "client_name": c.client_name,
        "scopes": scopes,
        "confirmation": c.confirmation,
        "expires_at": crate::staff::time(c.expires_at_us),
    });
    if let Some(sign) = &c.sign {
        body["sign"] = json!({
            "digest_info": mynumber_pki::jose::base64url_encode(&sign.digest_info),
            "format": sign.format.code(),
        });
        if let Some(attrs) = &sign.signed_attrs {
            body["sign"]["signed_attrs"] = json!(mynumber_pki::jose::base64url_encode(attrs));
        }
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// The card's answer: its user-authentication certificate and its signature, base64url; for a
/// log-in that carries a document, the signature certificate and its signature over it too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardAnswer {
    certificate: String,
    signature: String,
    #[serde(default)]
    sign_certificate: Option<String>,
    #[serde(default)]
    sign_signature: Option<String>,
}

/// The card's answer to a log-in's challenge.
pub(crate) async fn card_answer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(answer): AppJson<CardAnswer>,
) -> Result<StatusCode, ApiError> {
    let bad = |field: &'static str| {
        ApiError::from(mynumber_app::AppError::Invalid(mynumber_core::Invalid(
            vec![mynumber_core::FieldError::new(field, "problem-base64url")],
        )))
    };
    let certificate = mynumber_pki::jose::base64url_decode(&answer.certificate)
        .ok_or_else(|| bad("certificate"))?;
    let signature =
        mynumber_pki::jose::base64url_decode(&answer.signature).ok_or_else(|| bad("signature"))?;
    let decode = |field: &'static str, v: &Option<String>| {
        v.as_deref()
            .map(|v| mynumber_pki::jose::base64url_decode(v).ok_or_else(|| bad(field)))
            .transpose()
    };
    let sign_certificate = decode("sign_certificate", &answer.sign_certificate)?;
    let sign_signature = decode("sign_signature", &answer.sign_signature)?;
    let signed = match (&sign_certificate, &sign_signature) {
        (Some(certificate), Some(signature)) => Some(mynumber_app::SignAnswer {
            certificate,
            signature,
        }),
        (None, None) => None,
        (None, Some(_)) => return Err(bad("sign_certificate")),
        (Some(_), None) => return Err(bad("sign_signature")),
    };
    state
        .app
        .answer_login_challenge(&id, &certificate, &signature, signed)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A log-in's challenge as the authentication app reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppChallenge {
    /// The bytes to sign.
    pub message: Vec<u8>,
    /// Who asks.
    pub client_name: String,
    /// For which scopes.
    pub scopes: Vec<String>,
    /// The number the browser shows.
    pub confirmation: String,
    /// The DigestInfo to sign with the signature key, when the log-in carries a document.
    pub sign_digest_info: Option<Vec<u8>>,
    /// For a CMS signature, the signed attributes the DigestInfo's digest is of.
    pub sign_signed_attrs: Option<Vec<u8>>,
    /// `raw` or `cms`, when the log-in carries a document.
    pub sign_format: Option<String>,
}

/// Reads the challenge the card-challenge door answers (for the authentication app).
pub fn read_app_challenge(json: &[u8]) -> Option<AppChallenge> {
    let v: Value = serde_json::from_slice(json).ok()?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    Some(AppChallenge {
        message: mynumber_pki::jose::base64url_decode(&text("message")?)?,
        client_name: text("client_name")?,
        scopes: v
            .get("scopes")?
            .as_array()?
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect(),
        confirmation: text("confirmation")?,
        sign_digest_info: match v.get("sign") {
            None => None,
            Some(sign) => Some(mynumber_pki::jose::base64url_decode(
                sign.get("digest_info")?.as_str()?,
            )?),
        },
        sign_format: match v.get("sign") {
            None => None,
            Some(sign) => Some(sign.get("format")?.as_str()?.to_owned()),
        },
        sign_signed_attrs: match v.get("sign").and_then(|s| s.get("signed_attrs")) {
            None => None,
            Some(attrs) => Some(mynumber_pki::jose::base64url_decode(attrs.as_str()?)?),
        },
    })
}

/// The body the authentication app posts: the certificate and the signature, base64url, and
/// for a document, the signature certificate and the signature over it.
pub fn app_answer(certificate: &[u8], signature: &[u8], signed: Option<(&[u8], &[u8])>) -> Vec<u8> {
    let b64 = mynumber_pki::jose::base64url_encode;
    let mut body = json!({
        "certificate": b64(certificate),
        "signature": b64(signature),
    });
    if let Some((certificate, signature)) = signed {
        body["sign_certificate"] = json!(b64(certificate));
        body["sign_signature"] = json!(b64(signature));
    }
    body.to_string().into_bytes()
}

/// What a problem says, for a person at the command line: its title and each field's message.
pub fn problem_text(json: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(json).ok()?;
    let mut out = v.get("title").and_then(Value::as_str)?.to_owned();
    if let Some(detail) = v.get("detail").and_then(Value::as_str) {
        out.push_str(": ");
        out.push_str(detail);
    }
    Some(out)
}

/// The fuzz target's entry: bytes as an authorization request's parameters (checked by the
/// core's rules), a token request's form, the app's challenge and a problem.
pub(crate) fn fuzz_oidc(bytes: &[u8]) {
    if let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        && let Ok(p) = crate::web::login::params(&pairs)
    {
        let _ = mynumber_core::oidc::check_request(
            &p,
            Some(mynumber_core::OrganisationId::from_random([1; 16])),
            &["https://rp.example/cb".to_owned()],
        );
    }
    let _ = serde_urlencoded::from_bytes::<CodeForm>(bytes);
    let _ = read_app_challenge(bytes);
    let _ = problem_text(bytes);
}
