//! Number change handlers (番号法第7条第2項): a request recorded by one clerk, decided by another.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mynumber_app::NumberChangeRow;
use mynumber_core::{NumberChangeId, ResidentCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};
use mynumber_core::FieldError;

/// A request to change a resident's Individual Number because it leaked.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NumberChangeRequestBody {
    /// person-request (本人の請求) or ex-officio (職権).
    #[schema(example = "person-request")]
    pub ground: String,
    /// How the number leaked and why misuse is feared.
    #[schema(example = "勤務先から個人番号が漏えいした")]
    pub reason: String,
    /// The material offered to show it; required for a person's request.
    #[schema(example = "勤務先からの漏えい通知")]
    pub evidence: Option<String>,
}

/// A number change request.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NumberChangeBody {
    /// Its id.
    pub id: String,
    /// requested, approved or rejected.
    pub status: String,
    /// The ground.
    pub ground: String,
    /// Who recorded it (staff id).
    pub requested_by: String,
    /// Who decided it (staff id), once decided.
    pub decided_by: Option<String>,
}

impl From<&NumberChangeRow> for NumberChangeBody {
    fn from(r: &NumberChangeRow) -> Self {
        Self {
            id: r.id.to_hex(),
            status: r.status.code().to_owned(),
            ground: r.request.ground().code().to_owned(),
            requested_by: r.requested_by.to_hex(),
            decided_by: r.decided.map(|(by, _)| by.to_hex()),
        }
    }
}

fn request_id(s: &str) -> Result<NumberChangeId, ApiError> {
    NumberChangeId::parse(s).ok_or_else(|| ApiError::field("id", "problem-request-id"))
}

/// Record a request to change a resident's number. Nothing changes until a second staff member
/// approves it.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/number-changes", tag = "numbers",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = NumberChangeRequestBody,
    responses((status = 201, body = NumberChangeBody), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn request(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<NumberChangeRequestBody>,
) -> Result<(StatusCode, Json<NumberChangeBody>), ApiError> {
    let code = ResidentCode::parse(&resident_code)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("resident_code", &e)))?;
    let row = state
        .app
        .request_number_change(
            &principal,
            &code,
            &req.ground,
            &req.reason,
            req.evidence.as_deref(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(NumberChangeBody::from(&row))))
}

/// Approve a request (a staff member other than the one who recorded it): the old number is
/// retired for good and a new one issued.
#[utoipa::path(post, path = "/api/v1/number-changes/{id}/approve", tag = "numbers",
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = NumberChangeBody), (status = 404, body = Problem),
        (status = 409, description = "Already decided, or recorded by the same staff member", body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn approve(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<Json<NumberChangeBody>, ApiError> {
    let row = state
        .app
        .decide_number_change(&principal, request_id(&id)?, true)
        .await?;
    Ok(Json(NumberChangeBody::from(&row)))
}

/// Reject a request (a staff member other than the one who recorded it).
#[utoipa::path(post, path = "/api/v1/number-changes/{id}/reject", tag = "numbers",
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = NumberChangeBody), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn reject(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<Json<NumberChangeBody>, ApiError> {
    let row = state
        .app
        .decide_number_change(&principal, request_id(&id)?, false)
        .await?;
    Ok(Json(NumberChangeBody::from(&row)))
}
