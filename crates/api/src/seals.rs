//! 印鑑登録 handlers (issue 13): a resident's seal registered, changed, ended and read at the
//! counter over the API.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::{AppError, SealRegistration, SealRow};
use mynumber_core::seal::SealEnd;
use mynumber_pki::base64_decode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::cards::{code, documents};
use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};

/// A body carrying an impression may be this large: a 2 MiB PNG in base64, and the rest.
pub(crate) const SEAL_LIMIT: usize = 3 * 1024 * 1024;

/// A seal to register, or the new seal of a change (改印).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SealRequest {
    /// The identity documents shown: one with a photo (drivers-licence, passport,
    /// residence-card, …) or two without.
    #[schema(example = json!(["drivers-licence"]))]
    pub identity_documents: Vec<String>,
    /// Whether the clerk found the applicant to be an adult ward (成年被後見人): refused.
    #[serde(default)]
    pub adult_ward: bool,
    /// The impression as scanned and cropped: a PNG with its resolution (`pHYs`), base64. It
    /// must not fit inside an 8 mm square and must fit inside a 25 mm one.
    pub impression: String,
}

/// The end of a registration at the counter.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SealEndRequest {
    /// abolished (廃止) or lost (亡失).
    #[schema(example = "abolished")]
    pub reason: String,
    /// The identity documents shown.
    pub identity_documents: Vec<String>,
}

/// A seal registration.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SealBody {
    /// Its id.
    pub id: String,
    /// The number on the seal registration card (印鑑登録証): ten digits, the last a check
    /// digit.
    pub card_number: String,
    /// registered, or how it ended: abolished, lost, changed, no-longer-resident.
    pub status: String,
    /// The municipality that keeps it.
    pub municipality_code: String,
    /// The impression's width, in micrometres.
    pub width_um: u32,
    /// The impression's height, in micrometres.
    pub height_um: u32,
    /// When it was registered.
    pub registered_at: String,
    /// When it ended, if it has.
    pub ended_at: Option<String>,
}

impl From<&SealRow> for SealBody {
    fn from(r: &SealRow) -> Self {
        Self {
            id: r.id.clone(),
            card_number: r.card_number.clone(),
            status: r.status.code().to_owned(),
            municipality_code: r.municipality.as_str().to_owned(),
            width_um: r.size.width_um,
            height_um: r.size.height_um,
            registered_at: crate::staff::time(r.registered_at_us),
            ended_at: r.ended_at_us.map(crate::staff::time),
        }
    }
}

/// A resident's seal, if one is registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SealInForceBody {
    /// The registration in force, or null.
    pub in_force: Option<SealBody>,
}

fn registration(req: SealRequest) -> Result<SealRegistration, ApiError> {
    Ok(SealRegistration {
        documents: documents(&req.identity_documents)?,
        adult_ward: req.adult_ward,
        impression: base64_decode(&req.impression)
            .ok_or_else(|| ApiError::field("impression", "problem-base64"))?,
    })
}

/// Register a seal (印鑑登録) with identity checked: one per resident, aged 15 or over, not an
/// adult ward, its impression 8–25 mm. The registration card's number is drawn.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/seal", tag = "seals",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = SealRequest,
    responses((status = 201, body = SealBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn register(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<SealRequest>,
) -> Result<(StatusCode, Json<SealBody>), ApiError> {
    let code = code(&resident_code)?;
    let row = state
        .app
        .register_seal(&principal, &code, &registration(req)?)
        .await?;
    Ok((StatusCode::CREATED, Json(SealBody::from(&row))))
}

/// Change a seal (改印): the registration in force ends as changed, and the new impression is
/// registered with a new card number, at once.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/seal/change", tag = "seals",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = SealRequest,
    responses((status = 201, body = SealBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn change(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<SealRequest>,
) -> Result<(StatusCode, Json<SealBody>), ApiError> {
    let code = code(&resident_code)?;
    let row = state
        .app
        .change_seal(&principal, &code, &registration(req)?)
        .await?;
    Ok((StatusCode::CREATED, Json(SealBody::from(&row))))
}

/// End the registration in force: abolished (廃止) or lost (亡失). It is never reopened.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/seal/end", tag = "seals",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = SealEndRequest,
    responses((status = 200, body = SealBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn end(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<SealEndRequest>,
) -> Result<Json<SealBody>, ApiError> {
    let code = code(&resident_code)?;
    let end = SealEnd::parse(&req.reason)
        .filter(|e| matches!(e, SealEnd::Abolished | SealEnd::Lost))
        .ok_or_else(|| ApiError::field("reason", "problem-seal-end-reason"))?;
    let row = state
        .app
        .end_seal(&principal, &code, end, &documents(&req.identity_documents)?)
        .await?;
    Ok(Json(SealBody::from(&row)))
}

/// The resident's seal in force, if any (a reading, recorded).
#[utoipa::path(get, path = "/api/v1/residents/{resident_code}/seal", tag = "seals",
    params(("resident_code" = String, Path, description = "住民票コード")),
    responses((status = 200, body = SealInForceBody), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<SealInForceBody>, ApiError> {
    let row = state.app.seal(&principal, &code(&resident_code)?).await?;
    Ok(Json(SealInForceBody {
        in_force: row.as_ref().map(SealBody::from),
    }))
}

/// The impression of the resident's seal in force, as registered (a reading, recorded).
#[utoipa::path(get, path = "/api/v1/residents/{resident_code}/seal/impression", tag = "seals",
    params(("resident_code" = String, Path, description = "住民票コード")),
    responses((status = 200, description = "The impression", content_type = "image/png"),
        (status = 404, description = "No such resident, or no seal in force", body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn impression(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Response, ApiError> {
    let row = state
        .app
        .seal(&principal, &code(&resident_code)?)
        .await?
        .ok_or(AppError::NotFound("seal"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        row.impression,
    )
        .into_response())
}
