//! Resident handlers: registration, procedures, look-ups and number access.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use mynumber_app::{AppError, ChangeCommand, HouseholdChoice, RegisterCommand};
use mynumber_core::{
    CarriedIdentity, HouseholdId, IndividualNumber, NameInput, Registration, ResidentCode,
    parse_date,
};

use crate::dto::{
    NumberLookupRequest, NumberResponse, ProcedureRequest, PurposeRequest, RegisterRequest,
    RegisteredResponse, ResidentResponse, ResidentSummary, SearchRequest, SearchResponse,
};
use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};
use mynumber_core::FieldError;

fn code(path: &str) -> Result<ResidentCode, ApiError> {
    ResidentCode::parse(path)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("resident_code", &e)))
}

fn household(id: Option<String>) -> Result<HouseholdChoice, ApiError> {
    match id.as_deref().map(str::trim) {
        None | Some("") => Ok(HouseholdChoice::New),
        Some(s) => HouseholdId::parse(s)
            .map(HouseholdChoice::Existing)
            .ok_or_else(|| ApiError::field("household_id", "problem-household-id")),
    }
}

fn date(field: &'static str, s: Option<String>) -> Result<Option<jiff::civil::Date>, ApiError> {
    s.filter(|s| !s.trim().is_empty())
        .map(|s| parse_date(field, &s))
        .transpose()
        .map_err(|e| ApiError::invalid(&e))
}

fn view(v: &mynumber_app::ResidentView) -> Result<Json<ResidentResponse>, ApiError> {
    ResidentResponse::from_view(v)
        .map(Json)
        .ok_or_else(|| AppError::NotFound("resident").into())
}

/// Register a resident (birth, move-in from abroad, move-in with another municipality's
/// 転出証明書, a foreign resident's first registration).
#[utoipa::path(post, path = "/api/v1/residents", tag = "residents",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered; a resident record code and an Individual Number were issued", body = RegisteredResponse),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn register(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<RegisterRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let kind = match Registration::parse(&req.procedure) {
        Some(Registration::Import | Registration::Migration) | None => {
            return Err(ApiError::field(
                "procedure",
                "problem-registration-procedure",
            ));
        }
        Some(k) => k,
    };
    let cmd = RegisterCommand {
        kind,
        household: household(req.household_id)?,
        effective_on: date("effective_date", req.effective_date)?,
        input: req.resident.into_input(),
        carried: req
            .carried
            .map(|c| CarriedIdentity::parse(&c.resident_code, &c.individual_number))
            .transpose()
            .map_err(AppError::Invalid)?,
    };
    let r = state.app.register(&principal, cmd).await?;
    let location = format!("/api/v1/residents/{}", r.resident_code);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(RegisteredResponse {
            resident_code: r.resident_code.digits().to_owned(),
            household_id: r.household.to_hex(),
        }),
    ))
}

/// A resident record with its whole history.
#[utoipa::path(get, path = "/api/v1/residents/{resident_code}", tag = "residents",
    params(("resident_code" = String, Path, description = "住民票コード (11 digits)")),
    responses((status = 200, body = ResidentResponse), (status = 404, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<ResidentResponse>, ApiError> {
    let v = state
        .app
        .resident(&principal, &code(&resident_code)?)
        .await?;
    view(&v)
}

/// Record a procedure (address change, transfer-in, name change, period of stay, move-out,
/// move abroad, death). Appends a version; nothing is overwritten.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/procedures", tag = "residents",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = ProcedureRequest,
    responses((status = 201, description = "The new version", body = ResidentResponse),
        (status = 409, description = "Refused in the record's state, or a concurrent update", body = Problem),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn procedure(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<ProcedureRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let rc = code(&resident_code)?;
    let (cmd, on) = match req {
        ProcedureRequest::AddressChange {
            effective_date,
            prefecture,
            municipality_code,
            address,
            household_id,
            relationship,
        } => (
            ChangeCommand::AddressChange {
                prefecture,
                municipality_code,
                address,
                household: household(household_id)?,
                relationship,
            },
            effective_date,
        ),
        ProcedureRequest::TransferIn {
            effective_date,
            prefecture,
            municipality_code,
            address,
            household_id,
            relationship,
            card_serial,
        } => (
            ChangeCommand::TransferIn {
                prefecture,
                municipality_code,
                address,
                household: household(household_id)?,
                relationship,
                card_serial,
            },
            effective_date,
        ),
        ProcedureRequest::Death { effective_date } => (ChangeCommand::Death, effective_date),
        ProcedureRequest::StayExtensionApplied { effective_date } => {
            (ChangeCommand::StayExtensionApplied, effective_date)
        }
        ProcedureRequest::MoveAbroad {
            effective_date,
            with_card,
        } => (
            ChangeCommand::MoveOut {
                abroad: true,
                destination: None,
                with_card: with_card.unwrap_or(false),
            },
            effective_date,
        ),
        ProcedureRequest::MoveOut {
            effective_date,
            destination_municipality_code,
            with_card,
        } => (
            ChangeCommand::MoveOut {
                abroad: false,
                destination: destination_municipality_code,
                with_card: with_card.unwrap_or(false),
            },
            effective_date,
        ),
        ProcedureRequest::NameChange {
            effective_date,
            family_name,
            given_name,
            family_name_kana,
            given_name_kana,
            latin_name,
            alias,
        } => (
            ChangeCommand::NameChange(NameInput {
                family: family_name,
                given: given_name,
                family_kana: family_name_kana,
                given_kana: given_name_kana,
                latin: latin_name,
                alias,
            }),
            effective_date,
        ),
        ProcedureRequest::LanguageChange {
            effective_date,
            preferred_language,
        } => (
            ChangeCommand::LanguageChange(preferred_language),
            effective_date,
        ),
        ProcedureRequest::PeriodOfStayChange {
            effective_date,
            foreign,
        } => (
            ChangeCommand::PeriodOfStayChange(foreign.into_input()),
            effective_date,
        ),
    };
    state
        .app
        .change(&principal, &rc, cmd, date("effective_date", on)?)
        .await?;
    // The response is the whole history, read after the change committed; a clerk who recorded
    // a move-out may still read it (the 除票 stays theirs).
    let v = state.app.resident(&principal, &rc).await?;
    Ok((StatusCode::CREATED, view(&v)?))
}

/// Search current records by name prefix and date of birth, within the clerk's municipality.
#[utoipa::path(post, path = "/api/v1/residents/search", tag = "residents",
    request_body = SearchRequest,
    responses((status = 200, body = SearchResponse), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn search(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<SearchRequest>,
) -> Result<Json<SearchResponse>, ApiError> {
    let birth = date("birth_date", req.birth_date)?;
    let limit = req.limit.unwrap_or(mynumber_app::SEARCH_LIMIT);
    let found = state
        .app
        .search(&principal, &req.name, birth, limit)
        .await?;
    Ok(Json(SearchResponse {
        results: found.rows.iter().map(ResidentSummary::from).collect(),
        more: found.more,
    }))
}

/// Read a resident's Individual Number for a lawful purpose (recorded in the ledger first).
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/individual-number", tag = "numbers",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = PurposeRequest,
    responses((status = 200, body = NumberResponse), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn read_number(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<PurposeRequest>,
) -> Result<Json<NumberResponse>, ApiError> {
    let n = state
        .app
        .read_number(&principal, &code(&resident_code)?, &req.purpose)
        .await?;
    Ok(Json(NumberResponse {
        individual_number: n.expose_digits().to_owned(),
        formatted: n.expose_formatted(),
        purpose: req.purpose.trim().to_owned(),
    }))
}

/// Find whose an Individual Number is, for a lawful purpose (the number travels in the body,
/// never in the URL). A changed number answers 410 and reveals nothing else.
#[utoipa::path(post, path = "/api/v1/individual-numbers/lookup", tag = "numbers",
    request_body = NumberLookupRequest,
    responses((status = 200, body = ResidentResponse), (status = 404, body = Problem),
        (status = 410, description = "The number was changed and is no longer valid", body = Problem),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn lookup(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<NumberLookupRequest>,
) -> Result<Json<ResidentResponse>, ApiError> {
    let n = IndividualNumber::parse(&req.individual_number)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("individual_number", &e)))?;
    let v = state
        .app
        .lookup_by_number(&principal, &n, &req.purpose)
        .await?;
    view(&v)
}
