//! Signed checkpoints at the desk (for national auditors and administrators): the newest
//! checkpoint, with every partition's head it holds, its text to keep elsewhere (a witness's
//! copy proves later that nothing before it was rewritten), and signing a new one. The screens
//! call `App::latest_checkpoint` and `App::create_checkpoint`; the policy keeps both national.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use mynumber_core::Action;
use mynumber_core::checkpoint::SignedCheckpoint;

use super::page::{Page, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

/// Adds the checkpoints' doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    doors
        .door(
            M::GET,
            "/desk/checkpoints",
            Access::Desk(Action::ReadCheckpoint),
            get(checkpoints),
        )
        .door(
            M::POST,
            "/desk/checkpoints",
            Access::Desk(Action::SignCheckpoint),
            post(sign),
        )
}

/// A partition's head as the page lists it.
struct HeadView {
    partition: String,
    seq: i64,
    hash: String,
}

/// A checkpoint as the page shows it.
struct CheckpointView {
    at: String,
    key: String,
    heads: Vec<HeadView>,
    text: String,
}

#[derive(Template)]
#[template(path = "checkpoints.html")]
struct CheckpointsPage {
    page: Page,
    newest: Option<CheckpointView>,
    may_sign: bool,
}

fn view(page: &Page, c: &SignedCheckpoint) -> CheckpointView {
    CheckpointView {
        at: page.l.moment(c.at_us()),
        key: c.key_id().to_owned(),
        heads: c
            .heads()
            .iter()
            .map(|h| HeadView {
                partition: h.partition.clone(),
                seq: h.seq,
                hash: hex::encode(h.hash),
            })
            .collect(),
        text: c.to_text(),
    }
}

async fn show(state: &AppState, mut page: Page, ctx: &DeskContext) -> Response {
    page.section = "checkpoints";
    match state.app.latest_checkpoint(&ctx.principal).await {
        Ok(newest) => {
            let newest = newest.as_ref().map(|c| view(&page, c));
            render(
                StatusCode::OK,
                &CheckpointsPage {
                    newest,
                    may_sign: mynumber_core::permits(&ctx.principal, Action::SignCheckpoint)
                        .is_ok(),
                    page,
                },
            )
        }
        Err(e) => super::page::app_error(Lang(page.lang), Some(ctx), &e),
    }
}

async fn checkpoints(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    let lang = Lang::of(&headers);
    let page = Page::new(
        lang,
        "desk-checkpoints-title",
        "/desk/checkpoints",
        Some(&ctx),
    );
    show(&state, page, &ctx).await
}

/// Signs a checkpoint of every partition's head now.
async fn sign(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(
        lang,
        "desk-checkpoints-title",
        "/desk/checkpoints",
        Some(&ctx),
    );
    match state.app.create_checkpoint(&ctx.principal).await {
        Ok(c) => {
            page.notice = Some(page.l.with(
                "desk-checkpoint-signed",
                "partitions",
                &c.heads().len().to_string(),
            ));
            show(&state, page, &ctx).await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}
