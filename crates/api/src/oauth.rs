//! The token endpoint (`POST /api/v1/oauth/token`) for organisations: the client-credentials
//! grant (RFC 6749 §4.4) with a signed JWT assertion as the client's authentication (RFC 7523
//! §2.2, RFC 7521 §4.2). The JOSE header and claims are read here (only the API knows JSON);
//! the rules and the signature are the app's (docs/design/organisations.md). Errors are RFC
//! 6749 §5.2's, not problems: that is what an OAuth client reads.

use axum::Form;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::AppError;
use mynumber_core::client_assertion::Assertion;
use mynumber_pki::jose::CompactJws;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;

/// RFC 7521 §4.2's value of `client_assertion_type` for a JWT.
pub(crate) const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The token request's form (RFC 6749 §4.4.2 with RFC 7521 §4.2's parameters).
#[derive(Default, Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    client_assertion_type: String,
    #[serde(default)]
    client_assertion: String,
}

/// Never the assertion, the code or the verifier.
impl std::fmt::Debug for TokenForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenForm")
            .field("grant_type", &self.grant_type)
            .finish_non_exhaustive()
    }
}

pub(crate) fn error(status: StatusCode, code: &str, description: &str) -> Response {
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        Json(json!({"error": code, "error_description": description})),
    )
        .into_response()
}

pub(crate) fn invalid_client() -> Response {
    let mut r = error(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "the client assertion was not accepted",
    );
    // RFC 6749 §5.2: a 401 names the scheme the client may use.
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        header::HeaderValue::from_static("Bearer"),
    );
    r
}

/// The header and claims of a client assertion, read from the JWS's JSON. `aud` may be one
/// string or an array (RFC 7519 §4.1.3); numbers must be integers.
pub(crate) fn read_assertion(header_json: &[u8], claims_json: &[u8]) -> Option<Assertion> {
    let header: Value = serde_json::from_slice(header_json).ok()?;
    let claims: Value = serde_json::from_slice(claims_json).ok()?;
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    // RFC 7515 §4.1.11: a header naming extensions the recipient must understand is refused;
    // this server understands none.
    if header.get("crit").is_some() {
        return None;
    }
    // A time claim present is an integer (RFC 7519 §2 NumericDate), or the assertion is refused,
    // not read as if it were absent.
    let time = |k: &str| match claims.get(k) {
        None => Some(None),
        Some(v) => v.as_i64().map(Some),
    };
    let (iat, nbf) = (time("iat")?, time("nbf")?);
    let aud = match claims.get("aud")? {
        Value::String(a) => vec![a.clone()],
        Value::Array(a) => a
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    Some(Assertion {
        alg: text(&header, "alg")?,
        kid: text(&header, "kid"),
        iss: text(&claims, "iss")?,
        sub: text(&claims, "sub")?,
        aud,
        exp: claims.get("exp")?.as_i64()?,
        iat,
        nbf,
        jti: text(&claims, "jti").unwrap_or_default(),
    })
}

/// The client's assertion of a token request (RFC 7521 §4.2): its type must be the JWT bearer
/// one; the JWS and the claims read from it; a `client_id` given must be its subject. The
/// response that refuses it otherwise.
pub(crate) fn client_assertion(
    assertion_type: &str,
    assertion: &str,
    client_id: Option<&str>,
) -> Result<(CompactJws, Assertion), Box<Response>> {
    if assertion_type != JWT_BEARER || assertion.is_empty() {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "clients authenticate with a signed assertion: client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer, with a client_assertion",
        )));
    }
    let refused = || Box::new(invalid_client());
    let jws = mynumber_pki::jose::split(assertion).map_err(|_| refused())?;
    let claims = read_assertion(&jws.header, &jws.payload).ok_or_else(refused)?;
    if client_id.is_some_and(|c| c != claims.sub) {
        return Err(refused());
    }
    Ok((jws, claims))
}

/// Trade a signed assertion for a five-minute access token.
pub(crate) async fn token(
    State(state): State<AppState>,
    form: Result<Form<TokenForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    // A body that is no form is the client's mistake, told in OAuth's words.
    let Ok(Form(form)) = form else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the request must be application/x-www-form-urlencoded",
        );
    };
    if form.grant_type != "client_credentials" {
        return error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only client_credentials is granted here",
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
    let audience = state.app.token_endpoint();
    match state
        .app
        .issue_organisation_token(&assertion.sub, &jws, &assertion, &audience)
        .await
    {
        Ok(t) => (
            StatusCode::OK,
            [
                (header::CACHE_CONTROL, "no-store"),
                (header::PRAGMA, "no-cache"),
            ],
            Json(json!({"access_token": t.token, "token_type": "Bearer", "expires_in": t.expires_in})),
        )
            .into_response(),
        Err(AppError::Unauthenticated) => invalid_client(),
        Err(e) => {
            tracing::error!(error = %e, "token endpoint failed");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "the token could not be issued; try again",
            )
        }
    }
}

/// The fuzz target's entry: a form body as the token endpoint reads it, and its assertion's
/// JSON.
pub(crate) fn fuzz_token(bytes: &[u8]) {
    if let Ok(form) = serde_urlencoded::from_bytes::<TokenForm>(bytes)
        && let Ok(jws) = mynumber_pki::jose::split(&form.client_assertion)
    {
        let _ = read_assertion(&jws.header, &jws.payload);
    }
    let _ = read_assertion(bytes, bytes);
}

#[cfg(test)]
mod tests {
    use super::read_assertion;

    #[test]
    fn assertions_with_crit_or_malformed_times_are_refused() {
        let claims = br#"{"iss":"a","sub":"a","aud":"x","exp":10,"jti":"j"}"#;
        let good = read_assertion(br#"{"alg":"ES256","kid":"k"}"#, claims).expect("good");
        assert_eq!((good.iat, good.nbf), (None, None));
        assert!(read_assertion(br#"{"alg":"ES256","crit":["exp"]}"#, claims).is_none());
        for bad in [
            &br#"{"iss":"a","sub":"a","aud":"x","exp":10,"iat":"now"}"#[..],
            br#"{"iss":"a","sub":"a","aud":"x","exp":10,"nbf":1.5}"#,
            br#"{"iss":"a","sub":"a","aud":"x","exp":"10"}"#,
        ] {
            assert!(read_assertion(br#"{"alg":"ES256"}"#, bad).is_none());
        }
        let timed = read_assertion(
            br#"{"alg":"ES256"}"#,
            br#"{"iss":"a","sub":"a","aud":["x","y"],"exp":10,"iat":5,"nbf":6}"#,
        )
        .expect("timed");
        assert_eq!((timed.iat, timed.nbf), (Some(5), Some(6)));
        assert_eq!(timed.aud, ["x", "y"]);
    }
}
