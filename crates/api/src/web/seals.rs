//! The counter's 印鑑登録 screens (issue 13): a resident's seal as registered, the form that
//! registers one or changes it (改印), and the one that ends it (廃止, 亡失). Each calls the same
//! use case as the JSON API (`App::seal`, `register_seal`, `change_seal`, `end_seal`); who may
//! register which seal is the core's rule, not the screen's.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use mynumber_app::{AppError, SealRegistration, SealRow};
use mynumber_core::seal::SealEnd;
use mynumber_core::{Action, ResidentCode};
use serde::Deserialize;

use super::cards::{Choice, document_choices, documents_of, new_page};
use super::desk::resident_code;
use super::multipart::{Part, file, text};
use super::page::{Page, render};
use super::{DeskContext, Lang, Upload};
use crate::AppState;
use crate::doors::{Access, Doors};

/// Adds the seal screens' doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    let desk = Access::Desk;
    doors
        .door(
            M::GET,
            "/desk/residents/{resident_code}/seal",
            desk(Action::ReadRecord),
            get(seal_page),
        )
        .door(
            M::GET,
            "/desk/residents/{resident_code}/seal/register",
            desk(Action::RegisterSeal),
            get(register_page),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/seal/register",
            desk(Action::RegisterSeal),
            post(register),
        )
        .door(
            M::GET,
            "/desk/residents/{resident_code}/seal/end",
            desk(Action::EndSeal),
            get(end_page),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/seal/end",
            desk(Action::EndSeal),
            post(end),
        )
}

/// A registration as the counter sees it.
struct SealLine {
    card_number: String,
    size: String,
    registered: String,
    /// The impression, inline (`data:`): the server keeps no URL that serves it.
    image: String,
}

#[derive(Template)]
#[template(path = "seal.html")]
struct SealPage {
    page: Page,
    code: String,
    seal: Option<SealLine>,
    may_register: bool,
    may_end: bool,
}

#[derive(Template)]
#[template(path = "seal_register.html")]
struct RegisterPage {
    page: Page,
    code: String,
    lead: String,
    button: String,
    /// `1` for a change (改印).
    change: bool,
    adult_ward: bool,
    documents: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "seal_end.html")]
struct EndPage {
    page: Page,
    code: String,
    lead: String,
    button: String,
    reason: &'static str,
    documents: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "seal_done.html")]
struct DonePage {
    page: Page,
    message: String,
    back: String,
}

/// What a link to a form says: a change, or which end.
#[derive(Deserialize, Default)]
struct FormQuery {
    #[serde(default)]
    change: String,
    #[serde(default)]
    reason: String,
}

fn size_mm(um: u32) -> String {
    format!("{}.{}", um / 1000, (um % 1000) / 100)
}

fn seal_line(page: &Page, row: &SealRow) -> SealLine {
    SealLine {
        card_number: row.card_number.clone(),
        size: page.l.args(
            "desk-seal-size-mm",
            &[
                ("width", &size_mm(row.size.width_um)),
                ("height", &size_mm(row.size.height_um)),
            ],
        ),
        registered: page.l.moment(row.registered_at_us),
        image: format!(
            "data:image/png;base64,{}",
            mynumber_pki::base64_encode(&row.impression)
        ),
    }
}

/// The resident's seal in force (a reading, recorded), with what may be done now.
async fn seal_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let path = format!("/desk/residents/{}/seal", resident.digits());
    let page = new_page(lang, &ctx, "desk-seal-title", &path);
    match state.app.seal(&ctx.principal, &resident).await {
        Ok(row) => render(
            StatusCode::OK,
            &SealPage {
                code: resident.digits().to_owned(),
                seal: row.as_ref().map(|r| seal_line(&page, r)),
                may_register: mynumber_core::permits(&ctx.principal, Action::RegisterSeal).is_ok(),
                may_end: mynumber_core::permits(&ctx.principal, Action::EndSeal).is_ok(),
                page,
            },
        ),
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

fn register_view(
    mut page: Page,
    code: &ResidentCode,
    change: bool,
    parts: Option<&[Part]>,
    status: StatusCode,
) -> Response {
    let which = if change { "change" } else { "register" };
    page.title = page.l.t(&format!("desk-seal-{which}-title"));
    let lead = page.l.t(&format!("desk-seal-{which}-lead"));
    let button = page.l.t(&format!("desk-seal-{which}-button"));
    let documents = document_choices(&page.l, parts);
    let adult_ward = parts.is_some_and(|p| text(p, "adult_ward") == "1");
    render(
        status,
        &RegisterPage {
            page,
            code: code.digits().to_owned(),
            lead,
            button,
            change,
            adult_ward,
            documents,
        },
    )
}

async fn register_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    Query(q): Query<FormQuery>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let page = new_page(lang, &ctx, "desk-seal-title", "/desk");
    register_view(page, &resident, q.change == "1", None, StatusCode::OK)
}

/// Registers or changes a seal: the identity documents seen, the scanned impression uploaded.
async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    upload: Option<Extension<Upload>>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let mut page = new_page(lang, &ctx, "desk-seal-title", "/desk");
    let parts: std::sync::Arc<Vec<Part>> = upload.map(|Extension(Upload(p))| p).unwrap_or_default();
    let change = text(&parts, "change") == "1";
    let documents = documents_of(&mut page, &parts);
    let again = |page: Page| {
        register_view(
            page,
            &resident,
            change,
            Some(&parts),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let Some(impression) = file(&parts, "impression") else {
        page.problem("impression", "desk-seal-error-impression");
        return again(page);
    };
    let registration = SealRegistration {
        documents,
        adult_ward: text(&parts, "adult_ward") == "1",
        impression: impression.to_vec(),
    };
    let done = if change {
        state
            .app
            .change_seal(&ctx.principal, &resident, &registration)
            .await
    } else {
        state
            .app
            .register_seal(&ctx.principal, &resident, &registration)
            .await
    };
    match done {
        Ok(row) => {
            let message = page.l.with(
                if change {
                    "desk-seal-changed"
                } else {
                    "desk-seal-registered"
                },
                "card",
                &row.card_number,
            );
            done_page(page, message, &resident)
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                match e.field {
                    "impression" => page.field_error("impression", e),
                    "seal" => page.field_error("seal", e),
                    _ => page.field_error("documents", e),
                }
            }
            again(page)
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

fn done_page(page: Page, message: String, resident: &ResidentCode) -> Response {
    render(
        StatusCode::OK,
        &DonePage {
            page,
            message,
            back: format!("/desk/residents/{}/seal", resident.digits()),
        },
    )
}

/// The two ends the counter records; a change is a registration, and the end of residence
/// follows the record.
fn end_of(typed: &str) -> Option<SealEnd> {
    SealEnd::parse(typed).filter(|e| matches!(e, SealEnd::Abolished | SealEnd::Lost))
}

fn end_view(
    mut page: Page,
    code: &ResidentCode,
    end: SealEnd,
    parts: Option<&[Part]>,
    status: StatusCode,
) -> Response {
    let reason = end.code();
    page.title = page.l.t(&format!("desk-seal-end-title-{reason}"));
    let lead = page.l.t(&format!("desk-seal-end-lead-{reason}"));
    let button = page.l.t(&format!("desk-seal-end-button-{reason}"));
    let documents = document_choices(&page.l, parts);
    render(
        status,
        &EndPage {
            page,
            code: code.digits().to_owned(),
            lead,
            button,
            reason,
            documents,
        },
    )
}

async fn end_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    Query(q): Query<FormQuery>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let Some(end) = end_of(&q.reason) else {
        return super::page::refusal(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-seal-error-end",
        );
    };
    let page = new_page(lang, &ctx, "desk-seal-title", "/desk");
    end_view(page, &resident, end, None, StatusCode::OK)
}

/// Ends the registration in force, once the clerk confirms it cannot be undone.
async fn end(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    upload: Option<Extension<Upload>>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let parts: std::sync::Arc<Vec<Part>> = upload.map(|Extension(Upload(p))| p).unwrap_or_default();
    let Some(end) = end_of(text(&parts, "reason")) else {
        return super::page::refusal(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-seal-error-end",
        );
    };
    let mut page = new_page(lang, &ctx, "desk-seal-title", "/desk");
    let documents = documents_of(&mut page, &parts);
    if text(&parts, "confirmed") != "1" {
        page.problem("confirmed", "desk-card-end-error-confirm");
        return end_view(
            page,
            &resident,
            end,
            Some(&parts),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    match state
        .app
        .end_seal(&ctx.principal, &resident, end, &documents)
        .await
    {
        Ok(_) => {
            let message = page.l.t(&format!("desk-seal-ended-{}", end.code()));
            done_page(page, message, &resident)
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                match e.field {
                    "seal" => page.field_error("confirmed", e),
                    _ => page.field_error("documents", e),
                }
            }
            end_view(
                page,
                &resident,
                end,
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}
