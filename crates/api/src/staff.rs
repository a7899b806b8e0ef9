//! Staff handlers: adding, listing, disabling and enabling staff, and their tokens (issue,
//! revoke, rotate one's own). A token appears in a response once, when issued, and nowhere else.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use mynumber_app::{CredentialRow, IssuedToken, StaffListing};
use mynumber_core::{CredentialId, StaffId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};

/// Add a staff member.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StaffRequest {
    /// Display name.
    #[schema(example = "新宿 太郎")]
    pub name: String,
    /// administrator, registry-clerk, auditor or call-center-operator.
    #[schema(example = "registry-clerk")]
    pub role: String,
    /// The municipality acted for; omit for national scope.
    #[schema(example = "131041")]
    pub municipality_code: Option<String>,
}

/// A new staff member and their first token, shown only this once.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StaffResponse {
    /// Staff id.
    pub staff_id: String,
    /// Bearer token (`mn_` + 64 hex digits); only its hash is stored.
    pub token: String,
    /// The token's credential id (to list or revoke it).
    pub credential_id: String,
    /// When the token stops working (RFC 3339).
    pub expires_at: String,
    /// Role.
    pub role: String,
    /// Municipality, if any.
    pub municipality_code: Option<String>,
}

/// A token just issued, shown only this once. (`Debug` hides it.)
#[derive(Serialize, ToSchema)]
pub(crate) struct TokenResponse {
    /// Bearer token (`mn_` + 64 hex digits).
    pub token: String,
    /// Its credential id.
    pub credential_id: String,
    /// When it stops working (RFC 3339).
    pub expires_at: String,
}

/// Issue a token.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokenRequest {
    /// What it is for (a device, a script); at most 60 characters.
    #[schema(example = "counter PC 3")]
    #[serde(default)]
    pub label: String,
    /// Days it is valid (1–366; default: the deployment's setting).
    #[schema(example = 90)]
    pub days: Option<u32>,
}

/// A credential, as listed: never the token.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CredentialBody {
    /// Its id.
    pub credential_id: String,
    /// What it is for.
    pub label: String,
    /// When issued (RFC 3339).
    pub issued_at: String,
    /// When it stops working (RFC 3339).
    pub expires_at: String,
    /// When revoked (RFC 3339), if it was.
    pub revoked_at: Option<String>,
    /// The credential that issued it, if any.
    pub issued_by: Option<String>,
}

/// A staff member as listed.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StaffBody {
    /// Staff id.
    pub staff_id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Municipality, if any.
    pub municipality_code: Option<String>,
    /// staff, or operator (the local operator at the command line).
    pub kind: String,
    /// When disabled (RFC 3339), if the member is.
    pub disabled_at: Option<String>,
    /// Their credentials, newest first.
    pub credentials: Vec<CredentialBody>,
}

/// An instant (µs since the epoch) as RFC 3339, as the API writes times.
pub(crate) fn time(us: i64) -> String {
    Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn staff_id(s: &str) -> Result<StaffId, ApiError> {
    StaffId::parse(s.trim()).ok_or_else(|| ApiError::field("staff_id", "problem-hex-id"))
}

fn credential_id(s: &str) -> Result<CredentialId, ApiError> {
    CredentialId::parse(s.trim()).ok_or_else(|| ApiError::field("credential_id", "problem-hex-id"))
}

impl From<&CredentialRow> for CredentialBody {
    fn from(c: &CredentialRow) -> Self {
        Self {
            credential_id: c.id.to_hex(),
            label: c.label.clone(),
            issued_at: time(c.issued_at_us),
            expires_at: time(c.expires_at_us),
            revoked_at: c.revoked_at_us.map(time),
            issued_by: c.issued_by.map(|i| i.to_hex()),
        }
    }
}

impl From<&StaffListing> for StaffBody {
    fn from(l: &StaffListing) -> Self {
        Self {
            staff_id: l.staff.id.to_hex(),
            name: l.staff.name.clone(),
            role: l.staff.role.code().to_owned(),
            municipality_code: l.staff.municipality.map(|m| m.as_str().to_owned()),
            kind: l.staff.kind.code().to_owned(),
            disabled_at: l.staff.disabled_at_us.map(time),
            credentials: l.credentials.iter().map(CredentialBody::from).collect(),
        }
    }
}

impl From<IssuedToken> for TokenResponse {
    fn from(t: IssuedToken) -> Self {
        Self {
            credential_id: t.id.to_hex(),
            expires_at: time(t.expires_at_us),
            token: t.token,
        }
    }
}

/// Add a staff member (administrators only). The token is in the response and nowhere else.
#[utoipa::path(post, path = "/api/v1/staff", tag = "staff",
    request_body = StaffRequest,
    responses((status = 201, body = StaffResponse), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn add(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<StaffRequest>,
) -> Result<(StatusCode, Json<StaffResponse>), ApiError> {
    let s = state
        .app
        .add_staff(
            &principal,
            &req.name,
            &req.role,
            req.municipality_code.as_deref(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(StaffResponse {
            staff_id: s.member.id.to_hex(),
            credential_id: s.token.id.to_hex(),
            expires_at: time(s.token.expires_at_us),
            token: s.token.token,
            role: s.member.role.code().to_owned(),
            municipality_code: s.member.municipality.map(|m| m.as_str().to_owned()),
        }),
    ))
}

/// List staff of the administrator's municipality (everyone, for national administrators),
/// with their credentials (never a token).
#[utoipa::path(get, path = "/api/v1/staff", tag = "staff",
    responses((status = 200, body = [StaffBody]), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<Json<Vec<StaffBody>>, ApiError> {
    let rows = state.app.staff_list(&principal).await?;
    Ok(Json(rows.iter().map(StaffBody::from).collect()))
}

/// One's own account and credentials.
#[utoipa::path(get, path = "/api/v1/staff/me", tag = "staff",
    responses((status = 200, body = StaffBody)),
    security(("bearer" = [])))]
pub(crate) async fn me(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<Json<StaffBody>, ApiError> {
    let me = state.app.own_credentials(&principal).await?;
    Ok(Json(StaffBody::from(&me)))
}

/// Rotate one's own token: a new one is returned and the one presented is revoked.
#[utoipa::path(post, path = "/api/v1/staff/me/rotate", tag = "staff",
    request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn rotate(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenResponse>), ApiError> {
    let token = state.app.rotate_token(&principal, req.days).await?;
    Ok((StatusCode::CREATED, Json(token.into())))
}

/// Issue a new token to a staff member (administrators, within their scope).
#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/tokens", tag = "staff",
    params(("staff_id" = String, Path, description = "Staff id")),
    request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn issue_token(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenResponse>), ApiError> {
    let token = state
        .app
        .issue_token(&principal, staff_id(&id)?, &req.label, req.days)
        .await?;
    Ok((StatusCode::CREATED, Json(token.into())))
}

/// Revoke a staff member's token (administrators within their scope, or anyone their own).
#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/tokens/{credential_id}/revoke", tag = "staff",
    params(("staff_id" = String, Path, description = "Staff id"),
        ("credential_id" = String, Path, description = "The credential's id")),
    responses((status = 200, body = CredentialBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath((id, credential)): AppPath<(String, String)>,
) -> Result<Json<CredentialBody>, ApiError> {
    let row = state
        .app
        .revoke_token(&principal, staff_id(&id)?, credential_id(&credential)?)
        .await?;
    Ok(Json(CredentialBody::from(&row)))
}

/// Disable a staff member: their tokens stop working at once (administrators, within their
/// scope, never themselves).
#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/disable", tag = "staff",
    params(("staff_id" = String, Path, description = "Staff id")),
    responses((status = 200, body = StaffBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn disable(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<Json<StaffBody>, ApiError> {
    set_enabled(state, principal, &id, false).await
}

/// Enable a disabled staff member again.
#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/enable", tag = "staff",
    params(("staff_id" = String, Path, description = "Staff id")),
    responses((status = 200, body = StaffBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn enable(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<Json<StaffBody>, ApiError> {
    set_enabled(state, principal, &id, true).await
}

async fn set_enabled(
    state: AppState,
    principal: mynumber_core::Principal,
    id: &str,
    enabled: bool,
) -> Result<Json<StaffBody>, ApiError> {
    let staff = state
        .app
        .set_staff_enabled(&principal, staff_id(id)?, enabled)
        .await?;
    Ok(Json(StaffBody::from(&StaffListing {
        staff,
        credentials: Vec::new(),
    })))
}

crate::dto::debug_showing!(TokenResponse {
    credential_id,
    expires_at
});
