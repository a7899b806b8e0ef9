//! The call-center desk (コールセンター): the lost-card line's operator finds the caller's card
//! from what the caller states, suspends it on the same call, and gives the caller their next
//! steps in the language of the call. The screens call the same use cases as the rest
//! (`App::open_call`, `App::suspend_on_call`, `App::call`); each door asks the same policy.

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use mynumber_app::{AppError, CALL_OPEN_MINUTES, Call};
use mynumber_core::call::{CALL_LANGUAGES, Caller, Claim, Outcome};
use mynumber_core::card::{CardStatus, EndReason, Reason, fee_yen};
use mynumber_core::{Action, Prefecture};
use mynumber_i18n::{Arg, call_catalog};
use serde::Deserialize;

use super::page::{Labels, Page, format_yen, moment_in, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

/// Adds the call-center desk's doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    doors
        .door(
            M::GET,
            "/desk/calls",
            Access::Desk(Action::IdentifyCaller),
            get(call_page),
        )
        .door(
            M::POST,
            "/desk/calls",
            Access::Desk(Action::IdentifyCaller),
            post(open_call),
        )
        .door(
            M::GET,
            "/desk/calls/{call}",
            Access::Desk(Action::IdentifyCaller),
            get(show_call),
        )
        .door(
            M::POST,
            "/desk/calls/{call}/suspend",
            Access::Desk(Action::SuspendCard),
            post(suspend),
        )
        .door(
            M::GET,
            "/desk/calls/{call}/next-steps",
            Access::Desk(Action::IdentifyCaller),
            get(next_steps),
        )
}

/// A choice of a list.
struct Choice {
    code: String,
    label: String,
    checked: bool,
}

/// The operator's script, in the language of the call.
struct Script {
    lang: &'static str,
    title: String,
    lines: Vec<String>,
    abroad_title: String,
    abroad: String,
}

impl Script {
    /// The script's lines for where the call stands.
    fn at(language: &'static str, stage: Stage) -> Self {
        let c = call_catalog(language);
        let keys: &[&str] = match stage {
            Stage::Asking => &[
                "call-script-open",
                "call-script-ask-caller",
                "call-script-ask-name",
                "call-script-ask-birth",
                "call-script-ask-address",
            ],
            Stage::Found => &["call-script-found", "call-script-ask-police"],
            Stage::NoCard => &["call-script-no-card"],
            Stage::Outcome(Outcome::NotFound) => &["call-script-not-found"],
            Stage::Outcome(Outcome::Ambiguous) => &["call-script-ambiguous"],
            Stage::Outcome(_) => &["call-script-suspended"],
        };
        Self {
            lang: c.tag(),
            title: c.text("call-script-title"),
            lines: keys.iter().map(|k| c.text(k)).collect(),
            abroad_title: c.text("call-script-abroad-title"),
            abroad: c.text("call-script-abroad"),
        }
    }
}

/// Where a call stands, for its script.
#[derive(Clone, Copy)]
enum Stage {
    Asking,
    Found,
    NoCard,
    Outcome(Outcome),
}

/// The call's form as typed (and typed back after a problem). What the caller states goes in
/// a POST body only: never a URL, an access log or the browser's history.
#[derive(Deserialize, Default)]
pub(super) struct CallForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    caller: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    birth: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    address: String,
}

/// One card of the caller, as the operator sees it.
struct CardLine {
    status: String,
    expiry: String,
    suspendable: bool,
}

/// What a call found (or did), shown under its form.
struct Found {
    id: String,
    reference: String,
    message: String,
    cards: Vec<CardLine>,
    suspendable: bool,
    suspended: bool,
    /// No record, or several, answered: the form is shown again to check what was typed.
    retry: bool,
}

#[derive(Template)]
#[template(path = "call.html")]
struct CallPage {
    page: Page,
    form: CallForm,
    languages: Vec<Choice>,
    callers: Vec<Choice>,
    prefectures: Vec<Choice>,
    script: Script,
    found: Option<Found>,
    show_form: bool,
    police: String,
    minutes: i64,
}

#[derive(Deserialize)]
pub(super) struct ScriptQuery {
    #[serde(default)]
    language: String,
}

/// The language of the call: one of the line's, else Japanese.
fn call_language(tag: &str) -> &'static str {
    CALL_LANGUAGES
        .iter()
        .copied()
        .find(|l| l.eq_ignore_ascii_case(tag.trim()))
        .unwrap_or("ja")
}

fn call_view(
    page: Page,
    form: CallForm,
    script: Script,
    found: Option<Found>,
    police: String,
    status: StatusCode,
) -> Response {
    let language = call_language(&form.language);
    let languages = CALL_LANGUAGES
        .iter()
        .map(|tag| Choice {
            code: (*tag).to_owned(),
            label: call_catalog(tag).name(),
            checked: *tag == language,
        })
        .collect();
    let callers = Caller::ALL
        .iter()
        .map(|c| Choice {
            code: c.code().to_owned(),
            label: page.l.t(&format!("desk-caller-{}", c.code())),
            checked: form.caller == c.code(),
        })
        .collect();
    let prefectures = (1..=47)
        .filter_map(Prefecture::from_code)
        .map(|p| Choice {
            code: p.name().to_owned(),
            label: p.name().to_owned(),
            checked: form.prefecture == p.name(),
        })
        .collect();
    render(
        status,
        &CallPage {
            page,
            form,
            languages,
            callers,
            prefectures,
            script,
            show_form: found.as_ref().is_none_or(|f| f.retry),
            found,
            police,
            minutes: CALL_OPEN_MINUTES,
        },
    )
}

fn new_page(lang: Lang, ctx: &DeskContext) -> Page {
    let mut page = Page::new(lang, "desk-call-title", "/desk/calls", Some(ctx));
    page.section = "calls";
    page
}

/// A new call: the form, and the script's questions in the language chosen (a GET, so that
/// switching the script's language works without JavaScript).
async fn call_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Query(q): Query<ScriptQuery>,
) -> Response {
    let lang = Lang::of(&headers);
    let language = call_language(&q.language);
    let form = CallForm {
        language: language.to_owned(),
        caller: Caller::Holder.code().to_owned(),
        ..CallForm::default()
    };
    call_view(
        new_page(lang, &ctx),
        form,
        Script::at(language, Stage::Asking),
        None,
        String::new(),
        StatusCode::OK,
    )
}

/// The call's short reference, for the caller to quote at the counter: the id's first eight
/// hex digits in two groups.
fn reference(id: &str) -> String {
    let head: String = id.chars().take(8).collect::<String>().to_uppercase();
    match head.split_at_checked(4) {
        Some((a, b)) => format!("{a}-{b}"),
        None => head,
    }
}

/// A card as the operator sees it: its state and expiry. Not whether it is a face-recognition
/// card: that hints at the holder's health, and suspension does not depend on it.
fn card_line(l: &Labels, status: CardStatus, expiry: jiff::civil::Date) -> CardLine {
    let status_key = match status {
        CardStatus::Active => "desk-card-active",
        CardStatus::Produced => "desk-card-produced",
        CardStatus::Suspended => "desk-card-suspended",
        CardStatus::Ended(EndReason::Expired) => "desk-card-expired",
        CardStatus::Ended(_) => "desk-card-ended",
    };
    CardLine {
        status: l.t(status_key),
        expiry: l.date(expiry),
        suspendable: status == CardStatus::Active,
    }
}

fn found_view(l: &Labels, call: &Call) -> Found {
    let cards: Vec<CardLine> = call
        .cards
        .iter()
        .map(|c| card_line(l, c.status, c.expiry))
        .collect();
    let suspendable = call.outcome == Outcome::Identified && cards.iter().any(|c| c.suspendable);
    let message = match call.outcome {
        Outcome::NotFound => l.t("desk-call-not-found"),
        Outcome::Ambiguous => l.t("desk-call-ambiguous"),
        Outcome::Identified if suspendable => l.t("desk-call-found"),
        Outcome::Identified => l.t("desk-call-found-no-card"),
        Outcome::Suspended => l.with(
            "desk-call-suspended",
            "time",
            &l.moment(call.closed_at_us.unwrap_or(call.opened_at_us)),
        ),
    };
    Found {
        id: call.id.clone(),
        reference: reference(&call.id),
        message,
        cards,
        suspendable,
        suspended: call.outcome == Outcome::Suspended,
        retry: matches!(call.outcome, Outcome::NotFound | Outcome::Ambiguous),
    }
}

fn stage_of(call: &Call, found: &Found) -> Stage {
    match call.outcome {
        Outcome::Identified if found.suspendable => Stage::Found,
        Outcome::Identified => Stage::NoCard,
        other => Stage::Outcome(other),
    }
}

/// Looks the caller up: one record must answer to the name, the date of birth and the address
/// they state. The page then shows only whether one did and the state of its cards.
async fn open_call(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(mut form): Form<CallForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = new_page(lang, &ctx);
    let language = call_language(&form.language);
    // Only a language of the line goes back into the page.
    form.language = language.to_owned();
    let claim = match Claim::new(&form.name, &form.birth, &form.prefecture, &form.address) {
        Ok(claim) => Some(claim),
        Err(invalid) => {
            for e in &invalid.0 {
                let (id, key) = match e.field {
                    "name" => ("name", "desk-call-error-name"),
                    "birth_date" => ("birth", "field-birth"),
                    "prefecture" => ("prefecture", "desk-call-error-prefecture"),
                    _ => ("address", "desk-call-error-address"),
                };
                page.problem(id, key);
            }
            None
        }
    };
    if Caller::parse(&form.caller).is_none() {
        page.problem("caller", "desk-call-error-caller");
    }
    let Some(claim) = claim.filter(|_| page.errors.is_empty()) else {
        return call_view(
            page,
            form,
            Script::at(language, Stage::Asking),
            None,
            String::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    match state
        .app
        .open_call(&ctx.principal, language, &form.caller, &claim)
        .await
    {
        Ok(call) => {
            let found = found_view(&page.l, &call);
            let script = Script::at(language, stage_of(&call, &found));
            call_view(
                page,
                form,
                script,
                Some(found),
                String::new(),
                StatusCode::OK,
            )
        }
        Err(AppError::Invalid(invalid)) if invalid.0.iter().any(|e| e.field == "call") => {
            page.problem("name", "desk-call-error-limit");
            call_view(
                page,
                form,
                Script::at(language, Stage::Asking),
                None,
                String::new(),
                StatusCode::TOO_MANY_REQUESTS,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Deserialize)]
pub(super) struct SuspendForm {
    #[serde(default)]
    police_report: String,
    #[serde(default)]
    confirmed: String,
    #[serde(default)]
    language: String,
}

/// Suspends the caller's card on the call, after the operator confirms that the caller agreed.
async fn suspend(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(call_id): Path<String>,
    Form(form): Form<SuspendForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = new_page(lang, &ctx);
    let language = call_language(&form.language);
    let call_form = CallForm {
        language: language.to_owned(),
        ..CallForm::default()
    };
    if form.confirmed != "1" {
        page.problem("confirmed", "desk-call-error-confirm");
    }
    if mynumber_core::call::police_report(&form.police_report).is_err() {
        page.problem("police_report", "desk-call-error-police");
    }
    let outcome = if page.errors.is_empty() {
        Some(
            state
                .app
                .suspend_on_call(&ctx.principal, &call_id, &form.police_report)
                .await,
        )
    } else {
        None
    };
    match outcome {
        // Post, then redirect: the outcome is the call's own page, which a reload or a switch
        // of the desk's language shows again without suspending twice.
        Some(Ok(call)) => Redirect::to(&format!("/desk/calls/{}", call.id)).into_response(),
        Some(Err(AppError::Invalid(invalid))) => {
            // The call is too old, or its card is no longer in use: say which, and start over.
            for e in &invalid.0 {
                let key = match e.field {
                    "call" => "desk-call-error-expired",
                    "card" => "desk-call-error-no-card",
                    _ => "desk-call-error-police",
                };
                let field = if e.field == "police_report" {
                    "police_report"
                } else {
                    "name"
                };
                page.problem(field, key);
            }
            call_view(
                page,
                call_form,
                Script::at(language, Stage::Asking),
                None,
                String::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Some(Err(e)) => super::page::app_error(lang, Some(&ctx), &e),
        None => {
            // Shown again with the call as it stands (its cards are not read again), so that
            // the operator can tick the confirmation and send it once more.
            match state.app.call(&ctx.principal, &call_id).await {
                Ok(call) => {
                    let found = Found {
                        suspendable: call.outcome == Outcome::Identified,
                        ..found_view(&page.l, &call)
                    };
                    let script = Script::at(call.language, Stage::Found);
                    call_view(
                        page,
                        call_form,
                        script,
                        Some(found),
                        form.police_report,
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                }
                Err(e) => super::page::app_error(lang, Some(&ctx), &e),
            }
        }
    }
}

/// A call as it stands: whether a record answered, its cards, what the call ended in, and the
/// script at that stage. Only its operator's (as the next steps are, `App::call`).
async fn show_call(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(call_id): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let page = new_page(lang, &ctx);
    let call = match state.app.call(&ctx.principal, &call_id).await {
        Ok(call) => call,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    let found = found_view(&page.l, &call);
    let script = Script::at(call.language, stage_of(&call, &found));
    let form = CallForm {
        language: call.language.to_owned(),
        ..CallForm::default()
    };
    call_view(
        page,
        form,
        script,
        Some(found),
        String::new(),
        StatusCode::OK,
    )
}

/// The caller's next steps, in the language of the call, to read out or print and send.
#[derive(Template)]
#[template(path = "call_sheet.html")]
struct SheetPage {
    page: Page,
    sheet_lang: &'static str,
    title: String,
    reference: String,
    when: String,
    effect: String,
    suspended: bool,
    not_suspended: String,
    sections: Vec<(String, String)>,
    keep: String,
}

async fn next_steps(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(call_id): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let call = match state.app.call(&ctx.principal, &call_id).await {
        Ok(call) => call,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    let mut page = Page::new(lang, "desk-call-sheet-title", "/desk/calls", Some(&ctx));
    page.section = "calls";
    let c = call_catalog(call.language);
    // The fee of a re-issue after a loss, with its certificates (facts §7), as the counter
    // charges it: one rule, in the core.
    let fee = fee_yen(Reason::Lost, false, true);
    let fee = format_yen(fee);
    let suspended = call.outcome == Outcome::Suspended;
    render(
        StatusCode::OK,
        &SheetPage {
            sheet_lang: c.tag(),
            title: c.text("call-next-title"),
            reference: c.format(
                "call-next-reference",
                &[("call", Arg::Text(&reference(&call.id)))],
            ),
            when: c.format(
                "call-next-suspended-at",
                &[(
                    "time",
                    Arg::Text(&moment_in(
                        c,
                        call.closed_at_us.unwrap_or(call.opened_at_us),
                    )),
                )],
            ),
            effect: c.text("call-next-effect"),
            suspended,
            not_suspended: c.text("call-next-not-suspended"),
            sections: vec![
                (c.text("call-next-found-title"), c.text("call-next-found")),
                (
                    c.text("call-next-lost-title"),
                    c.format("call-next-lost", &[("fee", Arg::Text(&fee))]),
                ),
            ],
            keep: c.text("call-next-keep"),
            page,
        },
    )
}

/// The call desk's forms and the core's checks of what they carry, for the fuzzer.
pub(super) fn decode_forms(bytes: &[u8]) {
    if let Ok(f) = serde_urlencoded::from_bytes::<CallForm>(bytes) {
        let _ = Claim::new(&f.name, &f.birth, &f.prefecture, &f.address);
        let _ = mynumber_core::call::address_key(&f.address);
        let _ = call_language(&f.language);
    }
    if let Ok(f) = serde_urlencoded::from_bytes::<SuspendForm>(bytes) {
        let _ = mynumber_core::call::police_report(&f.police_report);
    }
    let _ = serde_urlencoded::from_bytes::<ScriptQuery>(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_line_has_its_catalog() {
        for tag in CALL_LANGUAGES {
            assert_eq!(call_catalog(tag).tag(), tag);
        }
    }

    #[test]
    fn a_reference_reads_as_people_write_it() {
        assert_eq!(reference("4f2a91c0deadbeef"), "4F2A-91C0");
    }
}
