//! Certificate handlers: issuing a card's certificates, revoking them, and the authorities'
//! certificates and CRLs for relying parties (public, DER).

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::CertificateRow;
use mynumber_core::ResidentCode;
use mynumber_pki::{Hierarchy, Reason, from_pem, to_pem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, AppJson, AppPath, AppState, Problem, Staff};

/// A public key to certify.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IssueRequest {
    /// signature (署名用電子証明書) or authentication (利用者証明用電子証明書).
    #[schema(example = "signature")]
    pub kind: String,
    /// The card's RSA-2048 public key, PEM (`-----BEGIN PUBLIC KEY-----`).
    pub public_key: String,
    /// The card's expiry (YYYY-MM-DD); the certificate never outlives it.
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
            status: c.status.clone(),
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
    /// privilegeWithdrawn (the holder's request), keyCompromise or unspecified.
    #[schema(example = "privilegeWithdrawn")]
    pub reason: String,
}

fn code(s: &str) -> Result<ResidentCode, ApiError> {
    ResidentCode::parse(s).map_err(|e| ApiError::field("resident_code", e.to_string()))
}

fn kind(s: &str) -> Result<Hierarchy, ApiError> {
    Hierarchy::parse(s)
        .ok_or_else(|| ApiError::field("kind", "must be signature or authentication"))
}

/// Certify a card's public key for a resident. A new certificate supersedes the previous one of
/// its kind, from three months before that one expires.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/certificates", tag = "certificates",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = IssueRequest,
    responses((status = 201, body = CertificateBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn issue(
    State(state): State<AppState>,
    Staff(actor): Staff,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<IssueRequest>,
) -> Result<(StatusCode, Json<CertificateBody>), ApiError> {
    let der = from_pem("PUBLIC KEY", &req.public_key)
        .ok_or_else(|| ApiError::field("public_key", "is not a PEM PUBLIC KEY block"))?;
    let card_expiry = req
        .card_expiry
        .as_deref()
        .map(|d| {
            d.parse::<jiff::civil::Date>()
                .map_err(|_| ApiError::field("card_expiry", "is not YYYY-MM-DD"))
        })
        .transpose()?;
    let row = state
        .app
        .issue_certificate(
            &actor,
            &code(&resident_code)?,
            kind(&req.kind)?,
            &der,
            card_expiry,
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
    Staff(actor): Staff,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<Vec<CertificateBody>>, ApiError> {
    let rows = state
        .app
        .certificates(&actor, &code(&resident_code)?)
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
    Staff(actor): Staff,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<RevokeRequest>,
) -> Result<Json<CertificateBody>, ApiError> {
    let reason = match Reason::parse(&req.reason) {
        Some(r @ (Reason::PrivilegeWithdrawn | Reason::KeyCompromise | Reason::Unspecified)) => r,
        _ => {
            return Err(ApiError::field(
                "reason",
                "must be privilegeWithdrawn, keyCompromise or unspecified",
            ));
        }
    };
    let row = state
        .app
        .revoke_certificate(&actor, &serial, reason)
        .await?;
    Ok(Json(CertificateBody::from(&row)))
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

/// A hierarchy's current CRL, DER (RFC 5280), signed on request and valid for a day.
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
