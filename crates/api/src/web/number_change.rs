//! The four-eyes number change (番号法第7条第2項) at the desk: one staff member records the
//! request from a resident's record, a second one finds it among the requests awaiting a
//! decision and approves or rejects it. The screens call `App::request_number_change`,
//! `App::pending_number_changes`, `App::number_change_request` and `App::decide_number_change`;
//! the four-eyes rule is the core's, not the screen's.

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use mynumber_app::{AppError, PendingNumberChange};
use mynumber_core::number_change::{ChangeGround, ChangeStatus};
use mynumber_core::{Action, NumberChangeId};
use serde::Deserialize;

use super::desk::{full_name, resident_code};
use super::page::{Labels, Page, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

/// Adds the number change's doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    let request = Access::Desk(Action::RequestNumberChange);
    let decide = Access::Desk(Action::DecideNumberChange);
    doors
        .door(
            M::GET,
            "/desk/residents/{resident_code}/number-change",
            request,
            get(request_page),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/number-change",
            request,
            post(request_change),
        )
        .door(M::GET, "/desk/number-changes", decide, get(pending))
        .door(
            M::GET,
            "/desk/number-changes/{id}",
            decide,
            get(decision_page),
        )
        .door(
            M::POST,
            "/desk/number-changes/{id}/decision",
            decide,
            post(decide_change),
        )
}

/// A ground of the law, as a radio button.
struct Choice {
    code: &'static str,
    label: String,
    checked: bool,
}

/// The request's form as typed (and typed back after a problem).
#[derive(Deserialize, Default)]
pub(super) struct RequestForm {
    #[serde(default)]
    ground: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    evidence: String,
}

#[derive(Template)]
#[template(path = "number_change_request.html")]
struct RequestPage {
    page: Page,
    code: String,
    form: RequestForm,
    grounds: Vec<Choice>,
    /// Set once the request is recorded: its id, for the second person.
    recorded: Option<String>,
}

fn grounds(l: &Labels, chosen: &str) -> Vec<Choice> {
    ChangeGround::ALL
        .iter()
        .map(|g| Choice {
            code: g.code(),
            label: l.t(&format!("desk-ground-{}", g.code())),
            checked: g.code() == chosen,
        })
        .collect()
}

fn request_view(
    page: Page,
    code: String,
    form: RequestForm,
    recorded: Option<String>,
    status: StatusCode,
) -> Response {
    let grounds = grounds(&page.l, &form.ground);
    render(
        status,
        &RequestPage {
            page,
            code,
            form,
            grounds,
            recorded,
        },
    )
}

fn new_page(lang: Lang, ctx: &DeskContext, title: &str, path: &str) -> Page {
    let mut page = Page::new(lang, title, path, Some(ctx));
    page.section = "number-changes";
    page
}

async fn request_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let path = format!("/desk/residents/{}/number-change", resident.digits());
    let page = new_page(lang, &ctx, "desk-number-change-title", &path);
    request_view(
        page,
        resident.digits().to_owned(),
        RequestForm::default(),
        None,
        StatusCode::OK,
    )
}

/// Records the request: nothing changes until a second staff member approves it.
async fn request_change(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    Form(form): Form<RequestForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let path = format!("/desk/residents/{}/number-change", resident.digits());
    let mut page = new_page(lang, &ctx, "desk-number-change-title", &path);
    let evidence = Some(form.evidence.trim()).filter(|e| !e.is_empty());
    match state
        .app
        .request_number_change(
            &ctx.principal,
            &resident,
            &form.ground,
            &form.reason,
            evidence,
        )
        .await
    {
        Ok(row) => {
            page.notice = Some(page.l.t("desk-number-change-recorded"));
            request_view(
                page,
                resident.digits().to_owned(),
                form,
                Some(row.id.to_hex()),
                StatusCode::OK,
            )
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                page.field_error(e.field, e);
            }
            request_view(
                page,
                resident.digits().to_owned(),
                form,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(AppError::Refused(_)) => {
            page.problem("ground", "desk-number-change-refused");
            request_view(
                page,
                resident.digits().to_owned(),
                form,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// A request as the second person reads it.
struct RequestView {
    id: String,
    code: String,
    name: String,
    ground: String,
    reason: String,
    evidence: String,
    requested: String,
    status: String,
    mine: bool,
    open: bool,
}

fn request_row(l: &Labels, ctx: &DeskContext, p: &PendingNumberChange) -> RequestView {
    let name = p.current.resident.record.name();
    let me = ctx.principal.staff().map(|s| s.id);
    RequestView {
        id: p.request.id.to_hex(),
        code: p.resident_code.digits().to_owned(),
        name: full_name(name.family(), name.given()),
        ground: l.t(&format!(
            "desk-ground-{}",
            p.request.request.ground().code()
        )),
        reason: p.request.request.reason().to_owned(),
        evidence: p.request.request.evidence().unwrap_or_default().to_owned(),
        requested: l.moment(p.request.requested_at_us),
        status: l.t(&format!("desk-change-status-{}", p.request.status.code())),
        mine: me == Some(p.request.requested_by),
        open: p.request.status == ChangeStatus::Requested,
    }
}

#[derive(Template)]
#[template(path = "number_changes.html")]
struct PendingPage {
    page: Page,
    requests: Vec<RequestView>,
    count: String,
}

/// The requests awaiting a decision in the staff member's municipality; each record shown is
/// a reading, recorded.
async fn pending(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    let lang = Lang::of(&headers);
    let page = new_page(
        lang,
        &ctx,
        "desk-number-changes-title",
        "/desk/number-changes",
    );
    match state.app.pending_number_changes(&ctx.principal).await {
        Ok(list) => {
            let requests: Vec<RequestView> =
                list.iter().map(|p| request_row(&page.l, &ctx, p)).collect();
            let count = page
                .l
                .count("desk-number-changes-count", requests.len() as i64);
            render(
                StatusCode::OK,
                &PendingPage {
                    page,
                    requests,
                    count,
                },
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Template)]
#[template(path = "number_change.html")]
struct DecisionPage {
    page: Page,
    r: RequestView,
    /// What the decision did, once made.
    outcome: Option<String>,
}

fn change_id(lang: Lang, ctx: &DeskContext, id: &str) -> Result<NumberChangeId, Box<Response>> {
    NumberChangeId::parse(id.trim()).ok_or_else(|| {
        Box::new(super::page::app_error(
            lang,
            Some(ctx),
            &AppError::NotFound("number change request"),
        ))
    })
}

async fn decision_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(id): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let id = match change_id(lang, &ctx, &id) {
        Ok(id) => id,
        Err(page) => return *page,
    };
    let path = format!("/desk/number-changes/{}", id.to_hex());
    let page = new_page(lang, &ctx, "desk-number-change-decide-title", &path);
    match state.app.number_change_request(&ctx.principal, id).await {
        Ok(p) => {
            let r = request_row(&page.l, &ctx, &p);
            render(
                StatusCode::OK,
                &DecisionPage {
                    page,
                    r,
                    outcome: None,
                },
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Deserialize)]
pub(super) struct DecisionForm {
    #[serde(default)]
    decision: String,
}

/// Approves or rejects. The core refuses the requester (and anyone acting with a token that
/// passed through their hands): the page then says a second person must decide.
async fn decide_change(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let id = match change_id(lang, &ctx, &id) {
        Ok(id) => id,
        Err(page) => return *page,
    };
    let path = format!("/desk/number-changes/{}", id.to_hex());
    let mut page = new_page(lang, &ctx, "desk-number-change-decide-title", &path);
    let approve = match form.decision.as_str() {
        "approve" => Some(true),
        "reject" => Some(false),
        _ => None,
    };
    let outcome = match approve {
        Some(approve) => Some(
            state
                .app
                .decide_number_change(&ctx.principal, id, approve)
                .await,
        ),
        None => None,
    };
    let (status, outcome) = match outcome {
        Some(Ok(row)) => {
            let key = if row.status == ChangeStatus::Approved {
                "desk-number-change-approved"
            } else {
                "desk-number-change-rejected"
            };
            (StatusCode::OK, Some(page.l.t(key)))
        }
        // The core refuses a request decided already (another clerk was quicker), and the
        // requester (or a token that passed through their hands): each told apart.
        Some(Err(AppError::Refused(refused))) if !refused.state.starts_with("requested") => {
            page.problem("decision", "desk-number-change-decided");
            (StatusCode::CONFLICT, None)
        }
        Some(Err(AppError::Refused(_))) => {
            page.problem("decision", "desk-number-change-second-person");
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Some(Err(AppError::Conflict)) => {
            page.problem("decision", "desk-number-change-decided");
            (StatusCode::CONFLICT, None)
        }
        Some(Err(e)) => return super::page::app_error(lang, Some(&ctx), &e),
        None => {
            page.problem("decision", "desk-number-change-choose");
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
    };
    // The request as it stands now (its reading recorded again, as any page that shows it).
    match state.app.number_change_request(&ctx.principal, id).await {
        Ok(p) => {
            let r = request_row(&page.l, &ctx, &p);
            render(status, &DecisionPage { page, r, outcome })
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// The forms' decoding, for the fuzzer.
pub(super) fn decode_forms(bytes: &[u8]) {
    if let Ok(f) = serde_urlencoded::from_bytes::<RequestForm>(bytes) {
        let _ = mynumber_core::number_change::ChangeRequest::validate(
            &f.ground,
            &f.reason,
            Some(f.evidence.as_str()),
        );
    }
    if let Ok(f) = serde_urlencoded::from_bytes::<DecisionForm>(bytes) {
        let _ = NumberChangeId::parse(&f.decision);
    }
}
