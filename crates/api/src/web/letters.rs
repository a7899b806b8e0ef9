//! Notification letters at the desk (個人番号通知書, facts §5): the letters of the municipality by
//! status (the queue for the print shop, those sent, returned and held at the counter, …),
//! recording a delivery outcome by the 23-digit application ID printed on the letter, and
//! destroying returned letters past their retention. The screens call `App::notices`,
//! `App::queued_notice_count`, `App::record_notice_outcome` and `App::destroy_expired_notices`.
//!
//! Print runs stay at the command line (`mynumber notices print`): a batch's PDF must be safely
//! on disk before its letters are marked sent, and a browser's download gives no such promise.

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use mynumber_app::{AppError, NoticeRow};
use mynumber_core::notice::{NoticeEvent, NoticeStatus};
use mynumber_core::{Action, ApplicationId};
use serde::Deserialize;

use super::page::{Labels, Page, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

/// The most letters one list shows.
const LIST_LIMIT: i64 = 200;

/// The statuses a clerk looks letters up by, in the order of a letter's life.
const STATUSES: [NoticeStatus; 6] = [
    NoticeStatus::Queued,
    NoticeStatus::Sent,
    NoticeStatus::Returned,
    NoticeStatus::Delivered,
    NoticeStatus::HandedOver,
    NoticeStatus::Destroyed,
];

/// Adds the letters' doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    doors
        .door(
            M::GET,
            "/desk/letters",
            Access::Desk(Action::ReadNotices),
            get(letters),
        )
        .door(
            M::POST,
            "/desk/letters/outcome",
            Access::Desk(Action::PrintNotices),
            post(outcome),
        )
        .door(
            M::POST,
            "/desk/letters/destroy",
            Access::Desk(Action::DestroyNotices),
            post(destroy),
        )
}

/// A status as a link of the filter.
struct StatusLink {
    code: &'static str,
    label: String,
    current: bool,
}

/// One letter in a list: what is printed on it and its dates, nothing of its addressee.
struct Letter {
    application_id: String,
    status: String,
    queued: String,
    sent: String,
    outcome: String,
}

#[derive(Template)]
#[template(path = "letters.html")]
struct LettersPage {
    page: Page,
    statuses: Vec<StatusLink>,
    status: String,
    letters: Vec<Letter>,
    count: String,
    queued: Option<String>,
    may_record: bool,
    may_destroy: bool,
    application_id: String,
    outcomes: Vec<(&'static str, String)>,
}

#[derive(Deserialize, Default)]
pub(super) struct StatusQuery {
    #[serde(default)]
    status: String,
}

fn status_label(l: &Labels, status: NoticeStatus) -> String {
    l.t(&format!("desk-letter-status-{}", status.code()))
}

fn letter(l: &Labels, n: &NoticeRow) -> Letter {
    let at = |us: Option<i64>| us.map(|us| l.moment(us)).unwrap_or_default();
    Letter {
        application_id: n.application_id.map(|a| a.grouped()).unwrap_or_default(),
        status: status_label(l, n.status),
        queued: l.moment(n.queued_at_us),
        sent: at(n.sent_at_us),
        outcome: at(n.outcome_at_us),
    }
}

/// The page: the filter, the list, and the forms the policy allows.
async fn letters_view(
    state: &AppState,
    mut page: Page,
    ctx: &DeskContext,
    status: NoticeStatus,
    application_id: String,
    code: StatusCode,
) -> Response {
    let lang = Lang(page.lang);
    let rows = match state.app.notices(&ctx.principal, status, LIST_LIMIT).await {
        Ok(rows) => rows,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let queued = match ctx.principal.municipality() {
        Some(m) => match state.app.queued_notice_count(&ctx.principal, m).await {
            Ok(n) => Some(page.l.count("desk-letters-queued", n)),
            Err(e) => return super::page::app_error(lang, Some(ctx), &e),
        },
        None => None,
    };
    let l = page.l;
    page.section = "letters";
    let letters: Vec<Letter> = rows.iter().map(|n| letter(&l, n)).collect();
    render(
        code,
        &LettersPage {
            statuses: STATUSES
                .iter()
                .map(|s| StatusLink {
                    code: s.code(),
                    label: status_label(&l, *s),
                    current: *s == status,
                })
                .collect(),
            status: status_label(&l, status),
            count: l.count("desk-letters-count", letters.len() as i64),
            letters,
            queued,
            may_record: mynumber_core::permits(&ctx.principal, Action::PrintNotices).is_ok(),
            may_destroy: mynumber_core::permits(&ctx.principal, Action::DestroyNotices).is_ok(),
            application_id,
            outcomes: ["delivered", "returned", "handed-over"]
                .into_iter()
                .map(|o| (o, l.t(&format!("desk-letter-outcome-{o}"))))
                .collect(),
            page,
        },
    )
}

/// The letters in one status (returned ones by default: those held at the counter).
async fn letters(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Query(q): Query<StatusQuery>,
) -> Response {
    let lang = Lang::of(&headers);
    let status = NoticeStatus::parse(&q.status).unwrap_or(NoticeStatus::Returned);
    let page = Page::new(lang, "desk-letters-title", "/desk/letters", Some(&ctx));
    letters_view(&state, page, &ctx, status, String::new(), StatusCode::OK).await
}

#[derive(Deserialize, Default)]
pub(super) struct OutcomeForm {
    #[serde(default)]
    application_id: String,
    #[serde(default)]
    outcome: String,
}

/// Records what became of a letter, by the application ID printed on it.
async fn outcome(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<OutcomeForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-letters-title", "/desk/letters", Some(&ctx));
    let id = ApplicationId::parse(&form.application_id);
    let event = NoticeEvent::parse_outcome(&form.outcome);
    if id.is_err() {
        page.problem("application_id", "desk-letter-error-id");
    }
    if event.is_none() {
        page.problem("outcome", "desk-letter-error-outcome");
    }
    let shown = NoticeStatus::Returned;
    let (Ok(id), Some(event)) = (id, event) else {
        return letters_view(
            &state,
            page,
            &ctx,
            shown,
            form.application_id,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match state
        .app
        .record_notice_outcome(&ctx.principal, &id, event)
        .await
    {
        Ok(row) => {
            page.notice = Some(page.l.args(
                "desk-letter-recorded",
                &[
                    ("id", &id.grouped()),
                    ("status", &status_label(&page.l, row.status)),
                ],
            ));
            letters_view(
                &state,
                page,
                &ctx,
                row.status,
                String::new(),
                StatusCode::OK,
            )
            .await
        }
        Err(AppError::NotFound(_)) => {
            page.problem("application_id", "desk-letter-error-unknown");
            letters_view(
                &state,
                page,
                &ctx,
                shown,
                form.application_id,
                StatusCode::NOT_FOUND,
            )
            .await
        }
        Err(AppError::Refused(_) | AppError::Conflict) => {
            page.problem("outcome", "desk-letter-error-state");
            letters_view(
                &state,
                page,
                &ctx,
                shown,
                form.application_id,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// Destroys the returned letters held past their retention.
async fn destroy(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-letters-title", "/desk/letters", Some(&ctx));
    match state.app.destroy_expired_notices(&ctx.principal).await {
        Ok(n) => {
            page.notice = Some(page.l.count("desk-letters-destroyed", n as i64));
            letters_view(
                &state,
                page,
                &ctx,
                NoticeStatus::Destroyed,
                String::new(),
                StatusCode::OK,
            )
            .await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// The forms' decoding, for the fuzzer.
pub(super) fn decode_forms(bytes: &[u8]) {
    if let Ok(f) = serde_urlencoded::from_bytes::<OutcomeForm>(bytes) {
        let _ = ApplicationId::parse(&f.application_id);
        let _ = NoticeEvent::parse_outcome(&f.outcome);
    }
    if let Ok(q) = serde_urlencoded::from_bytes::<StatusQuery>(bytes) {
        let _ = NoticeStatus::parse(&q.status);
    }
}
