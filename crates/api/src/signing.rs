//! Signing with the card (issue 12; docs/design/signing.md), on the Digital Agency's paths: a
//! 署名検証者 starts a sign-transaction with its organisation token (`POST
//! /api/sign-transactions`), sends the resident to log in with `scope=openid sign` and the
//! transaction's id, and collects the result with the log-in's access token (`GET
//! /api/sign-transactions/{id}/result`) as a compact JWE to its own key. The verification
//! service (`POST /api/v1/signatures/verify`) checks a CMS or raw signature and its
//! certificate at signing time and now.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::{AppError, SignResult, SignResultEncoder, ToSign, ToVerify, verdict_code};
use mynumber_core::oidc::SignFormat;
use mynumber_core::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};

/// Bytes given as base64 (RFC 4648 §4, as the Agency's interface writes them) or base64url
/// (§5).
fn bytes(field: &'static str, given: &str) -> Result<Vec<u8>, ApiError> {
    let given = given.trim();
    mynumber_pki::base64_decode(given)
        .or_else(|| mynumber_pki::jose::base64url_decode(given))
        .ok_or_else(|| invalid(field, "problem-base64"))
}

fn invalid(field: &'static str, key: &'static str) -> ApiError {
    ApiError::from(AppError::Invalid(Invalid(vec![FieldError::new(
        field, key,
    )])))
}

/// Start a sign-transaction: one of `digest` and `digest_info`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignTransactionRequest {
    /// The document's SHA-256 (32 bytes), base64.
    #[serde(default)]
    pub digest: Option<String>,
    /// A DER DigestInfo (SHA-256, SHA-384 or SHA-512), base64: for signatures handed to
    /// J-LIS or XML signatures, as the Agency's interface has it.
    #[serde(default)]
    pub digest_info: Option<String>,
    /// `raw` (the default): the card signs the digest itself. `cms`: the card signs CMS
    /// signed attributes carrying the SHA-256 digest, and the result holds a detached CMS
    /// SignedData.
    #[serde(default)]
    #[schema(example = "cms")]
    pub format: Option<String>,
}

/// A sign-transaction started.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SignTransactionBody {
    /// Its id: the authorization request's `sign_transaction_id`.
    pub sign_transaction_id: String,
    /// Seconds it waits for the resident's signature.
    pub expires_in: i64,
}

/// Start a sign-transaction (a 署名検証者's organisation token).
#[utoipa::path(post, path = "/api/sign-transactions", tag = "signing",
    request_body = SignTransactionRequest,
    responses((status = 201, body = SignTransactionBody), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn start(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<SignTransactionRequest>,
) -> Result<(StatusCode, Json<SignTransactionBody>), ApiError> {
    let to_sign = match (&req.digest, &req.digest_info) {
        (Some(d), None) => ToSign::Digest(bytes("digest", d)?),
        (None, Some(i)) => ToSign::DigestInfo(bytes("digest_info", i)?),
        _ => return Err(invalid("digest", "problem-digest-one")),
    };
    let format = match req.format.as_deref() {
        None => SignFormat::Raw,
        Some(f) => SignFormat::parse_field("format", f).map_err(|e| ApiError::invalid(&e))?,
    };
    let started = state
        .app
        .start_sign_transaction(&principal, to_sign, format)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(SignTransactionBody {
            sign_transaction_id: started.id,
            expires_in: started.expires_in,
        }),
    ))
}

/// The result's JSON, inside the JWE.
fn result_json(r: &SignResult) -> Vec<u8> {
    let b64 = mynumber_pki::base64_encode;
    let mut body = json!({
        "sign_transaction_id": r.id,
        "format": r.format.code(),
        "signature": b64(&r.signature),
        "certificate": b64(&r.certificate),
        "signed_at": crate::staff::time(r.signed_at_us),
    });
    if let Some(cms) = &r.cms {
        body["cms"] = json!(b64(cms));
    }
    body.to_string().into_bytes()
}

/// The JWE's protected header (RFC 7516 §4, RFC 7518 §4.6.1).
fn jwe_header(kid: &str, x: &str, y: &str) -> Vec<u8> {
    json!({
        "alg": "ECDH-ES",
        "enc": "A256GCM",
        "kid": kid,
        "cty": "json",
        "epk": {"kty": "EC", "crv": "P-256", "x": x, "y": y},
    })
    .to_string()
    .into_bytes()
}

/// Collect a sign-transaction's result: the signature and the signature certificate (and a
/// detached CMS SignedData for `cms`), as a compact JWE (ECDH-ES, A256GCM) to the
/// organisation's newest key. With the access token of the log-in that signed it.
#[utoipa::path(get, path = "/api/sign-transactions/{sign_transaction_id}/result", tag = "signing",
    params(("sign_transaction_id" = String, Path, description = "The sign-transaction's id")),
    responses((status = 200, description = "A compact JWE (application/jose)", content_type = "application/jose"), (status = 401, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 503, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn result(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let jwe = state
        .app
        .sign_result(
            &principal,
            crate::oidc::bearer(&headers),
            &id.to_ascii_lowercase(),
            SignResultEncoder {
                header: &jwe_header,
                payload: &result_json,
            },
        )
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/jose"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        jwe,
    )
        .into_response())
}

/// The signatures being checked (at most [`crate::VERIFY_AT_ONCE`]).
static VERIFYING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(crate::VERIFY_AT_ONCE);

/// A signature to verify: `cms` (with `content` when detached), or `signature`,
/// `certificate` and `digest_info`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyRequest {
    /// A CMS SignedData (DER), base64.
    #[serde(default)]
    pub cms: Option<String>,
    /// The signed content of a detached CMS signature, base64.
    #[serde(default)]
    pub content: Option<String>,
    /// A raw PKCS#1 v1.5 signature, base64.
    #[serde(default)]
    pub signature: Option<String>,
    /// The signature certificate (DER), base64.
    #[serde(default)]
    pub certificate: Option<String>,
    /// The DigestInfo (DER) the raw signature is over, base64.
    #[serde(default)]
    pub digest_info: Option<String>,
    /// When it was signed (RFC 3339), if the signature does not say (a raw one).
    #[serde(default)]
    pub signed_at: Option<String>,
    /// A プラットフォーム事業者's client: the organisation registered through it that it
    /// verifies for.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
}

/// Never the bytes: a signature certificate carries the four items.
impl std::fmt::Debug for VerifyRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyRequest").finish_non_exhaustive()
    }
}

/// The four items a signature certificate carries.
#[derive(Serialize, ToSchema)]
pub(crate) struct FourItems {
    /// 氏名.
    pub name: String,
    /// 住所.
    pub address: String,
    /// 生年月日 (YYYY-MM-DD).
    pub birthdate: String,
    /// 性別: male or female.
    pub gender: String,
}

/// Never the items.
impl std::fmt::Debug for FourItems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FourItems").finish_non_exhaustive()
    }
}

/// What the verification service found.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct VerifyBody {
    /// The signature verifies with the certificate's key over its content.
    pub intact: bool,
    /// Whether the certificate is a signature certificate of this system.
    pub signature_certificate: bool,
    /// Its serial, hex.
    pub serial: String,
    /// Its issuer.
    pub issuer: String,
    /// Valid from (RFC 3339).
    pub not_before: String,
    /// Valid until (RFC 3339).
    pub not_after: String,
    /// When it was signed (RFC 3339), if known. Not a trusted timestamp: a claim, whose
    /// `signed_at_source` says.
    pub signed_at: Option<String>,
    /// Who says when it was signed: `signature` (the CMS signingTime, covered by the
    /// signature) or `relying-party` (the request's `signed_at`).
    pub signed_at_source: Option<String>,
    /// The certificate's status then: valid, on-hold, revoked, expired, not-yet-valid,
    /// not-in-register or not-issued-here.
    pub status_at_signing: Option<String>,
    /// Its status now.
    pub status_now: String,
    /// Why it is not valid now, in English.
    pub status_now_detail: String,
    /// The four items, when the certificate carries them.
    pub four: Option<FourItems>,
}

/// Verify a signature made with a card's signature certificate (a 署名検証者's organisation
/// token). A signature that does not verify is a problem, not a report.
#[utoipa::path(post, path = "/api/v1/signatures/verify", tag = "signing",
    request_body = VerifyRequest,
    responses((status = 200, body = VerifyBody), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem), (status = 503, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn verify(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<VerifyRequest>,
) -> Result<Json<VerifyBody>, ApiError> {
    let Ok(_turn) = VERIFYING.try_acquire() else {
        return Err(AppError::Unavailable(
            "the verification service is busy: try again in a moment".into(),
        )
        .into());
    };
    let given = match (&req.cms, &req.signature, &req.certificate, &req.digest_info) {
        (Some(cms), None, None, None) => ToVerify::Cms {
            der: bytes("cms", cms)?,
            content: req
                .content
                .as_deref()
                .map(|c| bytes("content", c))
                .transpose()?,
        },
        (None, Some(s), Some(c), Some(d)) if req.content.is_none() => ToVerify::Raw {
            certificate: bytes("certificate", c)?,
            digest_info: bytes("digest_info", d)?,
            signature: bytes("signature", s)?,
        },
        _ => return Err(invalid("cms", "problem-signature-one")),
    };
    let signed_at = req
        .signed_at
        .as_deref()
        .map(|t| {
            t.trim()
                .parse::<jiff::Timestamp>()
                .map_err(|_| invalid("signed_at", "problem-time"))
        })
        .transpose()?;
    let on_behalf_of = req
        .on_behalf_of
        .as_deref()
        .map(|id| {
            mynumber_core::OrganisationId::parse(id.trim())
                .ok_or_else(|| invalid("on_behalf_of", "problem-hex-id"))
        })
        .transpose()?;
    let r = state
        .app
        .verify_signature_for(&principal, given, signed_at, on_behalf_of)
        .await?;
    let c = &r.certificate;
    Ok(Json(VerifyBody {
        intact: true,
        signature_certificate: r.signature_certificate,
        serial: hex::encode(&c.serial),
        issuer: c.issuer.clone(),
        not_before: c.not_before.to_string(),
        not_after: c.not_after.to_string(),
        signed_at: r.signed_at.map(|(t, _)| t.to_string()),
        signed_at_source: r.signed_at.map(|(_, source)| source.code().to_owned()),
        status_at_signing: r.at_signing.as_ref().map(|v| verdict_code(v).to_owned()),
        status_now: verdict_code(&r.now.verdict).to_owned(),
        status_now_detail: r.now.verdict.to_string(),
        four: c.four.as_ref().map(|f| FourItems {
            name: f.name.clone(),
            address: f.address.clone(),
            birthdate: f.birth_date.to_string(),
            gender: match f.sex {
                mynumber_core::Sex::Male => "male",
                mynumber_core::Sex::Female => "female",
            }
            .to_owned(),
        }),
    }))
}

/// 最新基本4情報提供: a signature certificate whose holder's latest four items are asked for.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LatestFourRequest {
    /// The holder's signature certificate (DER), base64: one this system issued, current or
    /// revoked by the change.
    pub certificate: String,
}

/// Never the certificate.
impl std::fmt::Debug for LatestFourRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LatestFourRequest").finish_non_exhaustive()
    }
}

/// The holder's four items as the register holds them now.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LatestFourBody {
    /// The four items.
    pub four: FourItems,
    /// Whether any differs from what the certificate carries.
    pub changed: bool,
    /// The certificate's status now: valid, on-hold, revoked, expired, … (a change of the four
    /// revokes it).
    pub certificate_status: String,
}

/// The latest four items of a signature certificate's holder (最新基本4情報提供; a 署名検証者's
/// organisation token). Only with the holder's consent, given at a log-in with the
/// `latest_four` scope and running a year; without it, 409 `procedure-refused`, recorded on the
/// holder as each provision is.
#[utoipa::path(post, path = "/api/v1/latest-four", tag = "signing",
    request_body = LatestFourRequest,
    responses((status = 200, body = LatestFourBody), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn latest_four(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<LatestFourRequest>,
) -> Result<Json<LatestFourBody>, ApiError> {
    let certificate = bytes("certificate", &req.certificate)?;
    let l = state.app.latest_four_for(&principal, &certificate).await?;
    Ok(Json(LatestFourBody {
        four: FourItems {
            name: l.name,
            address: l.address,
            birthdate: l.birthdate,
            gender: l.gender.to_owned(),
        },
        changed: l.changed,
        certificate_status: verdict_code(&l.certificate_now).to_owned(),
    }))
}
