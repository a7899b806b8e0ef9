//! Collections handlers (issue 12, docs/design/organisations.md): an organisation, with its
//! access token, records a number it collected for a registered purpose after the identity
//! check, reports the end of the affair, reads what it must delete, and reports a deletion.
//! The number travels only in the request body, and comes back in no response.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::civil::Date;
use mynumber_app::{CollectCommand, CollectionRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::staff::time;
use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};

/// Record a collection.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CollectRequest {
    /// The registered purpose's code.
    #[schema(example = "withholding-slip")]
    pub purpose: String,
    /// The Individual Number as shown (12 digits; spaces and hyphens allowed).
    pub individual_number: String,
    /// The name as the identity document shows it.
    #[schema(example = "山田 太郎")]
    pub name: String,
    /// The date of birth as the identity document shows it.
    #[schema(example = "1980-01-15")]
    pub birth_date: String,
    /// card-chip, card-face or documents.
    #[schema(example = "documents")]
    pub method: String,
    /// With documents: notification-card, notification-letter or resident-record.
    #[serde(default)]
    pub number_document: String,
    /// With documents: driving-licence, passport, residence-card, … or two-without-photo.
    #[serde(default)]
    pub identity_document: String,
}

impl std::fmt::Debug for CollectRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectRequest")
            .field("purpose", &self.purpose)
            .field("method", &self.method)
            .finish_non_exhaustive()
    }
}

/// Report the end of a collection's affair.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EndRequest {
    /// The day the affair ended (退職, the end of a contract).
    #[schema(example = "2026-12-31")]
    pub ended_on: String,
}

/// A collection as the organisation sees it: never the number, nor whose it is.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CollectionBody {
    /// Its id (32 hex digits): the organisation keeps it beside the number.
    pub collection_id: String,
    /// The purpose.
    pub purpose: String,
    /// The identity check, as recorded.
    pub method: String,
    /// When (RFC 3339).
    pub collected_at: String,
    /// When the affair ended, if reported.
    pub ended_on: Option<String>,
    /// The last day the number may be kept, once the affair ended.
    pub keep_until: Option<String>,
    /// When its deletion was reported (RFC 3339).
    pub deleted_at: Option<String>,
}

impl From<&CollectionRow> for CollectionBody {
    fn from(c: &CollectionRow) -> Self {
        Self {
            collection_id: c.id.clone(),
            purpose: c.purpose.clone(),
            method: c.method.code(),
            collected_at: time(c.collected_at_us),
            ended_on: c.ended_on.map(|d: Date| d.to_string()),
            keep_until: c.keep_until.map(|d| d.to_string()),
            deleted_at: c.deleted_at_us.map(time),
        }
    }
}

/// Record that the organisation collected a number for a registered purpose, after the identity
/// check (an organisation's access token).
#[utoipa::path(post, path = "/api/v1/collections", tag = "organisations",
    request_body = CollectRequest,
    responses((status = 201, body = CollectionBody), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn collect(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<CollectRequest>,
) -> Result<(StatusCode, Json<CollectionBody>), ApiError> {
    let row = state
        .app
        .collect_number(
            &principal,
            &CollectCommand {
                purpose: &req.purpose,
                individual_number: &req.individual_number,
                name: &req.name,
                birth_date: &req.birth_date,
                method: &req.method,
                number_document: &req.number_document,
                identity_document: &req.identity_document,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(CollectionBody::from(&row))))
}

/// Report the end of the affair a number was collected for: its keeping period starts.
#[utoipa::path(post, path = "/api/v1/collections/{collection_id}/end", tag = "organisations",
    params(("collection_id" = String, Path, description = "Collection id")),
    request_body = EndRequest,
    responses((status = 200, body = CollectionBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn end(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<EndRequest>,
) -> Result<Json<CollectionBody>, ApiError> {
    let row = state
        .app
        .end_collection(&principal, &id, &req.ended_on)
        .await?;
    Ok(Json(CollectionBody::from(&row)))
}

/// The organisation's numbers whose keeping has ended: delete them, then report it.
#[utoipa::path(get, path = "/api/v1/collections/due", tag = "organisations",
    responses((status = 200, body = [CollectionBody]), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn due(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<Json<Vec<CollectionBody>>, ApiError> {
    let rows = state.app.deletions_due(&principal).await?;
    Ok(Json(rows.iter().map(CollectionBody::from).collect()))
}

/// Report that the organisation deleted a number it collected.
#[utoipa::path(post, path = "/api/v1/collections/{collection_id}/deletion", tag = "organisations",
    params(("collection_id" = String, Path, description = "Collection id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn deletion(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<StatusCode, ApiError> {
    state.app.record_deletion(&principal, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
