//! Notification letters at the desk (個人番号通知書, facts §5): the letters of the municipality by
//! status (the queue for the print shop, those sent, returned and held at the counter, …), print
//! runs and their batches, recording a delivery outcome by the 23-digit application ID printed on
//! the letter, and destroying returned letters past their retention. The screens call
//! `App::notices`, `App::queued_notice_count`, `App::print_notice_batch`, `App::notice_batches`,
//! `App::reprint_notice_batch`, `App::record_notice_outcome` and `App::destroy_expired_notices`.
//!
//! A print run's PDF is the answer to the POST that marks its letters sent. Should it be lost on
//! its way, the batch is printed again from the list of batches, that day only: each letter still
//! out at most once, on the application id first printed, each reprint in the ledger
//! (docs/design/documents.md "Mail").

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

use super::page::{Labels, Page, pdf_attachment, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

/// The most letters one list shows.
const LIST_LIMIT: i64 = 200;

/// The most batches the page lists, newest first.
const BATCH_LIMIT: i64 = 20;

/// The most letters one print run from the desk takes (about 3 MB of PDF): larger runs are the
/// command line's (`mynumber notices print`), which writes batch after batch to disk.
const PRINT_MAX: usize = 500;

/// The print run the form proposes.
const PRINT_DEFAULT: &str = "100";

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
            "/desk/letters/print",
            Access::Desk(Action::PrintNotices),
            post(print),
        )
        .door(
            M::POST,
            "/desk/letters/reprint",
            Access::Desk(Action::PrintNotices),
            post(reprint),
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

/// One print batch in the list.
struct Batch {
    name: String,
    printed: String,
    letters: i64,
    out: i64,
    /// Letters it may still print again (today only, once each).
    reprintable: i64,
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
    /// The municipality's batches, when the reader has one.
    batches: Option<Vec<Batch>>,
    may_record: bool,
    may_destroy: bool,
    application_id: String,
    print_size: String,
    outcomes: Vec<(&'static str, String)>,
}

/// What the forms carry back when they come back with a problem.
#[derive(Default)]
struct Kept {
    application_id: String,
    print_size: String,
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
    kept: Kept,
    code: StatusCode,
) -> Response {
    let lang = Lang(page.lang);
    let rows = match state.app.notices(&ctx.principal, status, LIST_LIMIT).await {
        Ok(rows) => rows,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let (queued, batches) = match ctx.principal.municipality() {
        Some(m) => {
            let queued = match state.app.queued_notice_count(&ctx.principal, m).await {
                Ok(n) => page.l.count("desk-letters-queued", n),
                Err(e) => return super::page::app_error(lang, Some(ctx), &e),
            };
            let batches = match state
                .app
                .notice_batches(&ctx.principal, m, BATCH_LIMIT)
                .await
            {
                Ok(rows) => rows
                    .into_iter()
                    .map(|b| Batch {
                        printed: page.l.moment(b.sent_at_us),
                        name: b.batch,
                        letters: b.letters,
                        out: b.out,
                        reprintable: b.reprintable,
                    })
                    .collect(),
                Err(e) => return super::page::app_error(lang, Some(ctx), &e),
            };
            (Some(queued), Some(batches))
        }
        None => (None, None),
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
            batches,
            may_record: mynumber_core::permits(&ctx.principal, Action::PrintNotices).is_ok(),
            may_destroy: mynumber_core::permits(&ctx.principal, Action::DestroyNotices).is_ok(),
            application_id: kept.application_id,
            print_size: if kept.print_size.is_empty() {
                PRINT_DEFAULT.to_owned()
            } else {
                kept.print_size
            },
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
    letters_view(&state, page, &ctx, status, Kept::default(), StatusCode::OK).await
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
            Kept {
                application_id: form.application_id,
                ..Kept::default()
            },
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
                Kept::default(),
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
                Kept {
                    application_id: form.application_id,
                    ..Kept::default()
                },
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
                Kept {
                    application_id: form.application_id,
                    ..Kept::default()
                },
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct PrintForm {
    #[serde(default)]
    size: String,
}

/// The size of a print run as typed: 1 to [`PRINT_MAX`] letters.
fn print_size(typed: &str) -> Option<usize> {
    typed
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=PRINT_MAX).contains(n))
}

/// Prints the next batch of queued letters and hands its PDF to the browser; the letters are
/// marked sent in the same step (a lost download is printed again from the batches' list).
async fn print(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<PrintForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-letters-title", "/desk/letters", Some(&ctx));
    let kept = Kept {
        print_size: form.size.clone(),
        ..Kept::default()
    };
    let Some(municipality) = ctx.principal.municipality() else {
        return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("municipality"));
    };
    let Some(size) = print_size(&form.size) else {
        page.problem("size", "desk-letters-error-size");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return letters_view(&state, page, &ctx, NoticeStatus::Queued, kept, status).await;
    };
    match state
        .app
        .print_notice_batch(&ctx.principal, municipality, size)
        .await
    {
        Ok(Some(batch)) => pdf_attachment(&format!("notices-{}.pdf", batch.id), batch.pdf),
        Ok(None) => {
            page.notice = Some(page.l.t("desk-letters-nothing-to-print"));
            let status = NoticeStatus::Queued;
            letters_view(&state, page, &ctx, status, kept, StatusCode::OK).await
        }
        Err(AppError::Invalid(invalid)) => {
            // The one thing a print run asks of what is stored: a municipality name to print,
            // which is the administrator's to set. It is the print run's problem, not the
            // size's: it is shown at the top of the print section.
            for e in &invalid.0 {
                page.field_error("print", e);
            }
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            letters_view(&state, page, &ctx, NoticeStatus::Queued, kept, status).await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct ReprintForm {
    #[serde(default)]
    batch: String,
}

/// Prints a batch again: its letters still out, as first printed.
async fn reprint(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<ReprintForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-letters-title", "/desk/letters", Some(&ctx));
    let Some(municipality) = ctx.principal.municipality() else {
        return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("municipality"));
    };
    let status = match state
        .app
        .reprint_notice_batch(&ctx.principal, municipality, form.batch.trim())
        .await
    {
        Ok(batch) => return pdf_attachment(&format!("notices-{}.pdf", batch.id), batch.pdf),
        Err(AppError::NotFound(_)) => {
            page.problem("batches", "desk-letters-error-batch-unknown");
            StatusCode::NOT_FOUND
        }
        Err(AppError::Refused(_)) => {
            page.problem("batches", "desk-letters-error-batch-none-out");
            StatusCode::CONFLICT
        }
        // A letter changed while the batch rendered: nothing was marked; the list is fresh.
        Err(AppError::Conflict) => {
            page.problem("batches", "desk-error-conflict");
            StatusCode::CONFLICT
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                page.field_error("batches", e);
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    let shown = NoticeStatus::Sent;
    letters_view(&state, page, &ctx, shown, Kept::default(), status).await
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
                Kept::default(),
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
    if let Ok(f) = serde_urlencoded::from_bytes::<PrintForm>(bytes) {
        let _ = print_size(&f.size);
    }
    let _ = serde_urlencoded::from_bytes::<ReprintForm>(bytes);
    if let Ok(q) = serde_urlencoded::from_bytes::<StatusQuery>(bytes) {
        let _ = NoticeStatus::parse(&q.status);
    }
}
