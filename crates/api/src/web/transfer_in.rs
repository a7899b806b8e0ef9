//! The transfer-in (転入, 住民基本台帳法第22条) at the desk: the clerk of the municipality a
//! person moved to takes in the record another municipality removed by their move-out, found by
//! the resident record code on the 転出証明書 (or read from the card at a special move-out). The
//! screen calls `App::change` with `ChangeCommand::TransferIn`, as
//! `POST /api/v1/residents/{code}/procedures` does; which records await a transfer-in by whom is
//! the core's rule (`Resident::awaits_transfer_in`), not the screen's.

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use mynumber_app::{AppError, ChangeCommand};
use mynumber_core::{Action, ResidentCode};
use serde::Deserialize;

use super::desk::{
    Choice, household_choice, non_empty, optional_date, relationship_choices, use_case_problems,
};
use super::page::{Page, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

/// The page's path.
const PATH: &str = "/desk/transfer-in";

/// Adds the transfer-in's doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    let record = Access::Desk(Action::RecordProcedure);
    doors
        .door(M::GET, PATH, record, get(form_page))
        .door(M::POST, PATH, record, post(transfer_in))
}

/// The form as typed (and typed back after a problem).
#[derive(Deserialize, Default)]
pub(super) struct TransferInForm {
    #[serde(default)]
    resident_code: String,
    #[serde(default)]
    effective_date: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    municipality_code: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    household_member: String,
    #[serde(default)]
    relationship: String,
    #[serde(default)]
    card_serial: String,
}

#[derive(Template)]
#[template(path = "transfer_in.html")]
struct TransferInPage {
    page: Page,
    form: TransferInForm,
    relationships: Vec<Choice>,
}

/// The empty form, with the clerk's own municipality filled in: a transfer-in is recorded by
/// the municipality moved to.
async fn form_page(headers: HeaderMap, Extension(ctx): Extension<DeskContext>) -> Response {
    let page = Page::new(
        Lang::of(&headers),
        "desk-transfer-in-title",
        PATH,
        Some(&ctx),
    );
    let form = TransferInForm {
        municipality_code: ctx
            .principal
            .municipality()
            .map(|m| m.as_str().to_owned())
            .unwrap_or_default(),
        relationship: "head".to_owned(),
        ..TransferInForm::default()
    };
    view(page, form, StatusCode::OK)
}

fn view(mut page: Page, form: TransferInForm, status: StatusCode) -> Response {
    page.section = "register";
    let relationships = relationship_choices(&page.l, &form.relationship);
    render(
        status,
        &TransferInPage {
            page,
            form,
            relationships,
        },
    )
}

/// Records the transfer-in through the same use case as the API, then shows the record taken
/// in. A code that names no record awaiting this municipality is answered as one that names no
/// record at all (the core's rule: a refused transfer-in tells nothing about the person).
async fn transfer_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<TransferInForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-transfer-in-title", PATH, Some(&ctx));
    let code = ResidentCode::parse(form.resident_code.trim()).ok();
    if code.is_none() {
        page.problem("resident_code", "field-transfer-in-code");
    }
    let effective_on = optional_date(&mut page, "effective_date", &form.effective_date);
    let household = match household_choice(&state, &ctx, &form.household_member).await {
        Ok(h) => h,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    if household.is_none() {
        page.field_problem("household_member");
    }
    let (Some(code), Some(household)) = (code, household) else {
        return view(page, form, StatusCode::UNPROCESSABLE_ENTITY);
    };
    if !page.errors.is_empty() {
        return view(page, form, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let command = ChangeCommand::TransferIn {
        prefecture: form.prefecture.clone(),
        municipality_code: form.municipality_code.clone(),
        address: form.address.clone(),
        household,
        relationship: form.relationship.clone(),
        card_serial: non_empty(&form.card_serial),
    };
    match state
        .app
        .change(&ctx.principal, &code, command, effective_on)
        .await
    {
        Ok(_) => {
            Redirect::to(&format!("/desk/residents/{}?recorded=1", code.digits())).into_response()
        }
        Err(AppError::Invalid(invalid)) => {
            use_case_problems(&mut page, &invalid);
            view(page, form, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(AppError::NotFound(_) | AppError::Denied(_)) => {
            page.problem("resident_code", "field-transfer-in-none");
            view(page, form, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(AppError::Refused(_)) => {
            // The core refuses a record still registered, and a special move-out (特例転出)
            // taken in without the card (住民基本台帳法第24条の2).
            page.problem("resident_code", "field-transfer-in-refused");
            view(page, form, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// The form's decoding, for the fuzzer.
pub(super) fn decode_forms(bytes: &[u8]) {
    if let Ok(f) = serde_urlencoded::from_bytes::<TransferInForm>(bytes) {
        let _ = ResidentCode::parse(f.resident_code.trim());
    }
}
