//! Certificate handlers: issuing a card's certificates, revoking them, suspending and resuming
//! a holder's, and for relying parties (public, DER) the authorities' certificates, the CRLs
//! and the OCSP responder.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::CertificateException;
use mynumber_app::CertificateRow;
use mynumber_core::ResidentCode;
use mynumber_pki::{Hierarchy, Reason, base64_decode, from_pem, to_pem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};
use mynumber_core::FieldError;

/// A key to certify outside card production: an administrator's audited exception.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IssueRequest {
    /// signature (署名用電子証明書) or authentication (利用者証明用電子証明書).
    #[schema(example = "signature")]
    pub kind: String,
    /// A PKCS#10 certification request for the card's RSA-2048 key, signed with it (proof of
    /// possession), PEM (`-----BEGIN CERTIFICATE REQUEST-----`).
    pub request: String,
    /// Why the exception (recorded in the ledger; one line, no numbers).
    #[schema(example = "the card's certificate was lost in a production fault")]
    pub reason: String,
    /// The resident's card, not yet ended, whose expiry the certificate never outlives.
    pub card_serial: Option<String>,
    /// Without a card: the date the certificate must not outlive (YYYY-MM-DD).
    #[schema(example = "2036-11-25")]
    pub card_expiry: Option<String>,
}

/// A certificate as the register holds it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CertificateBody {
    /// Serial number (hex).
    pub serial: String,
    /// signature or authentication.
    pub kind: String,
    /// good, revoked or hold.
    pub status: String,
    /// The RFC 5280 reason, once revoked or held.
    pub reason: Option<String>,
    /// notAfter (RFC 3339).
    pub not_after: String,
    /// The certificate, PEM.
    pub certificate: String,
}

impl From<&CertificateRow> for CertificateBody {
    fn from(c: &CertificateRow) -> Self {
        Self {
            serial: c.serial.clone(),
            kind: c.hierarchy.clone(),
            status: c.status.code().to_owned(),
            reason: c.reason.clone(),
            not_after: jiff::Timestamp::from_microsecond(c.not_after_us)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            certificate: to_pem("CERTIFICATE", &c.der),
        }
    }
}

/// Why a certificate is revoked.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevokeRequest {
    /// privilegeWithdrawn (the holder's request), keyCompromise or unspecified; for all of a
    /// holder's certificates also cessationOfOperation (the card voided, returned or expired).
    #[schema(example = "privilegeWithdrawn")]
    pub reason: String,
}

fn code(s: &str) -> Result<ResidentCode, ApiError> {
    ResidentCode::parse(s)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("resident_code", &e)))
}

fn kind(s: &str) -> Result<Hierarchy, ApiError> {
    Hierarchy::parse(s).ok_or_else(|| ApiError::field("kind", "problem-certificate-kind"))
}

/// Certify a key for a resident outside card production: national administrators only, as an
/// audited exception, with a certification request that proves possession of the key. A new
/// certificate supersedes the previous one of its kind, from three months before that one
/// expires.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/certificates", tag = "certificates",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = IssueRequest,
    responses((status = 201, body = CertificateBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn issue(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<IssueRequest>,
) -> Result<(StatusCode, Json<CertificateBody>), ApiError> {
    let request = from_pem("CERTIFICATE REQUEST", &req.request)
        .ok_or_else(|| ApiError::field("request", "problem-pem-csr"))?;
    let card_expiry = req
        .card_expiry
        .as_deref()
        .map(|d| {
            d.parse::<jiff::civil::Date>().map_err(|_| {
                ApiError::invalid(
                    &FieldError::new("card_expiry", "problem-date-form")
                        .arg("given", format!("{d:?}")),
                )
            })
        })
        .transpose()?;
    let row = state
        .app
        .issue_certificate(
            &principal,
            &code(&resident_code)?,
            &CertificateException {
                hierarchy: kind(&req.kind)?,
                request,
                reason: req.reason,
                card_serial: req.card_serial,
                card_expiry,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(CertificateBody::from(&row))))
}

/// A resident's certificates, newest first.
#[utoipa::path(get, path = "/api/v1/residents/{resident_code}/certificates", tag = "certificates",
    params(("resident_code" = String, Path, description = "住民票コード")),
    responses((status = 200, body = Vec<CertificateBody>), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<Vec<CertificateBody>>, ApiError> {
    let rows = state
        .app
        .certificates(&principal, &code(&resident_code)?)
        .await?;
    Ok(Json(rows.iter().map(CertificateBody::from).collect()))
}

/// Revoke a certificate (the holder's request, or key compromise).
#[utoipa::path(post, path = "/api/v1/certificates/{serial}/revoke", tag = "certificates",
    params(("serial" = String, Path, description = "Serial number, hex")),
    request_body = RevokeRequest,
    responses((status = 200, body = CertificateBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn revoke(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<RevokeRequest>,
) -> Result<Json<CertificateBody>, ApiError> {
    let reason = Reason::parse(&req.reason)
        .ok_or_else(|| ApiError::field("reason", "problem-privilegewithdrawn-holder-s-request"))?;
    let row = state
        .app
        .revoke_certificate(&principal, &serial, reason)
        .await?;
    Ok(Json(CertificateBody::from(&row)))
}

/// Suspend a holder's certificates, as a card suspension does: the user-authentication
/// certificate goes on hold (certificateHold) and the signature certificate is revoked.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/certificates/suspend", tag = "certificates",
    params(("resident_code" = String, Path, description = "住民票コード")),
    responses((status = 200, body = Vec<CertificateBody>, description = "The certificates changed"),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn suspend(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<Vec<CertificateBody>>, ApiError> {
    let rows = state
        .app
        .suspend_certificates(&principal, &code(&resident_code)?)
        .await?;
    Ok(Json(rows.iter().map(CertificateBody::from).collect()))
}

/// Resume a holder's certificates, as a card's resumption does: the hold is lifted.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/certificates/resume", tag = "certificates",
    params(("resident_code" = String, Path, description = "住民票コード")),
    responses((status = 200, body = Vec<CertificateBody>, description = "The certificates released"),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn resume(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<Vec<CertificateBody>>, ApiError> {
    let rows = state
        .app
        .resume_certificates(&principal, &code(&resident_code)?)
        .await?;
    Ok(Json(rows.iter().map(CertificateBody::from).collect()))
}

/// Revoke every certificate of a holder, as the end of a card does (voided, returned or
/// expired: cessationOfOperation), or for another reason a clerk may give.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/certificates/revoke", tag = "certificates",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = RevokeRequest,
    responses((status = 200, body = Vec<CertificateBody>, description = "The certificates revoked"),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn revoke_all(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<RevokeRequest>,
) -> Result<Json<Vec<CertificateBody>>, ApiError> {
    let reason = Reason::parse(&req.reason).ok_or_else(|| {
        ApiError::field(
            "reason",
            "problem-cessationofoperation-card-voided-returned",
        )
    })?;
    let rows = state
        .app
        .revoke_holder_certificates(&principal, &code(&resident_code)?, reason)
        .await?;
    Ok(Json(rows.iter().map(CertificateBody::from).collect()))
}

/// An authority's certificate (the trust anchor), DER.
#[utoipa::path(get, path = "/pki/{kind}/ca", tag = "certificates",
    params(("kind" = String, Path, description = "signature or authentication")),
    responses((status = 200, description = "The CA certificate", content_type = "application/pkix-cert"),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn ca(
    State(state): State<AppState>,
    AppPath(k): AppPath<String>,
) -> Result<Response, ApiError> {
    let der = state.app.authority_certificate(kind(&k)?).await?;
    Ok(([(header::CONTENT_TYPE, "application/pkix-cert")], der).into_response())
}

/// A hierarchy's current CRL, DER (RFC 5280): valid for a day, replaced when a certificate's
/// status changes and at least hourly.
#[utoipa::path(get, path = "/pki/{kind}/crl", tag = "certificates",
    params(("kind" = String, Path, description = "signature or authentication")),
    responses((status = 200, description = "The CRL", content_type = "application/pkix-crl"),
        (status = 404, body = Problem), (status = 422, body = Problem), (status = 503, body = Problem)))]
pub(crate) async fn crl(
    State(state): State<AppState>,
    AppPath(k): AppPath<String>,
) -> Result<Response, ApiError> {
    let der = state.app.crl(kind(&k)?).await?;
    Ok(([(header::CONTENT_TYPE, "application/pkix-crl")], der).into_response())
}

/// Answer an OCSP request (RFC 6960), POSTed as `application/ocsp-request`. A body that is not
/// a request gets the OCSP answer malformedRequest; an empty body is refused with 422.
#[utoipa::path(post, path = "/pki/ocsp", tag = "certificates",
    request_body(content = crate::documents::Binary, content_type = "application/octet-stream",
        description = "A DER OCSPRequest (sent as application/ocsp-request, RFC 6960 appendix A.1, or application/octet-stream)"),
    responses((status = 200, description = "A DER OCSPResponse (malformedRequest for bytes that are not a request)",
        content_type = "application/ocsp-response"), (status = 422, body = Problem), (status = 503, body = Problem)))]
pub(crate) async fn ocsp_post(
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    if body.is_empty() {
        return Err(ApiError::field("body", "problem-ocsp-request-body"));
    }
    ocsp_answer(&state, &body).await
}

/// Answer an OCSP request given in the URL (RFC 6960 appendix A.1: the DER request in base64,
/// URL-encoded).
#[utoipa::path(get, path = "/pki/ocsp/{request}", tag = "certificates",
    params(("request" = String, Path, description = "base64 of the DER OCSPRequest")),
    responses((status = 200, description = "A DER OCSPResponse (malformedRequest for a path that is not one)",
        content_type = "application/ocsp-response"), (status = 503, body = Problem)))]
pub(crate) async fn ocsp_get(
    State(state): State<AppState>,
    axum::extract::Path(request): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    // Bytes that are not base64 are not a request either; the app answers malformedRequest.
    let der = base64_decode(&request).unwrap_or_default();
    ocsp_answer(&state, &der).await
}

async fn ocsp_answer(state: &AppState, der: &[u8]) -> Result<Response, ApiError> {
    let der = state.app.ocsp(der).await?;
    // Intermediaries must not serve a stored answer past a revocation.
    Ok((
        [
            (header::CONTENT_TYPE, "application/ocsp-response"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        der,
    )
        .into_response())
}
