//! The card at the counter (個人番号カード): a resident's cards and applications, an application
//! with its photo (checked by the core), production, the pick-up notice, the hand-over with the
//! identity documents and the PIN pad, suspension and the card's end. Each screen calls the
//! same use case as the JSON API and the CLI (`App::apply_for_card`, `produce_card`,
//! `card_issue_notice`, `hand_over_card`, `suspend_card`, `end_card`).
//!
//! A card file (the virtual card: its keys, sealed) is never kept by the server: production
//! and hand-over give it back to the browser as a download link in the page, and the hand-over
//! takes it again as an upload (`multipart/form-data`, `super::multipart`).

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use mynumber_app::{AppError, CardApplication, CardRow, CardWithFile, HandOver};
use mynumber_core::card::{CardKind, CardStatus, Channel, EndReason, IdentityDocument, Reason};
use mynumber_core::pin::PinKind;
use mynumber_core::{Action, ResidentCode};
use serde::Deserialize;

use super::desk::resident_code;
use super::multipart::{file, text, texts};
use super::page::{Labels, Page, render};
use super::{DeskContext, Lang, Upload};
use crate::AppState;
use crate::doors::{Access, Doors};

/// Adds the card screens' doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    let desk = Access::Desk;
    doors
        .door(
            M::GET,
            "/desk/residents/{resident_code}/cards",
            desk(Action::ReadRecord),
            get(cards_page),
        )
        .door(
            M::GET,
            "/desk/residents/{resident_code}/cards/apply",
            desk(Action::ApplyCard),
            get(apply_page),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/cards/apply",
            desk(Action::ApplyCard),
            post(apply),
        )
        .door(
            M::POST,
            "/desk/card-applications/{id}/production",
            desk(Action::ProduceCard),
            post(produce),
        )
        .door(
            M::POST,
            "/desk/cards/{serial}/notice",
            desk(Action::PrintCardNotices),
            post(notice),
        )
        .door(
            M::GET,
            "/desk/cards/{serial}/hand-over",
            desk(Action::HandOverCard),
            get(hand_over_page),
        )
        .door(
            M::POST,
            "/desk/cards/{serial}/hand-over",
            desk(Action::HandOverCard),
            post(hand_over),
        )
        .door(
            M::GET,
            "/desk/cards/{serial}/resume",
            desk(Action::ResumeCard),
            get(resume_page),
        )
        .door(
            M::POST,
            "/desk/cards/{serial}/resume",
            desk(Action::ResumeCard),
            post(resume),
        )
        .door(
            M::POST,
            "/desk/cards/{serial}/suspend",
            desk(Action::SuspendCard),
            post(suspend),
        )
        .door(
            M::GET,
            "/desk/cards/{serial}/end",
            desk(Action::EndCard),
            get(end_page),
        )
        .door(
            M::POST,
            "/desk/cards/{serial}/end",
            desk(Action::EndCard),
            post(end),
        )
}

/// A choice of a list, a radio group or a check box.
pub(super) struct Choice {
    pub(super) code: &'static str,
    pub(super) label: String,
    pub(super) checked: bool,
}

pub(super) fn new_page(lang: Lang, ctx: &DeskContext, title: &str, path: &str) -> Page {
    let mut page = Page::new(lang, title, path, Some(ctx));
    page.section = "search";
    page
}

/// One card, as the counter sees it, with what may be done to it now.
struct CardLine {
    serial: String,
    status: String,
    kind: String,
    expiry: String,
    produced: bool,
    active: bool,
    suspended: bool,
}

/// One application.
struct ApplicationLine {
    id: String,
    received: String,
    reason: String,
    kind: String,
    fee: String,
    card: String,
}

#[derive(Template)]
#[template(path = "cards.html")]
struct CardsPage {
    page: Page,
    code: String,
    cards: Vec<CardLine>,
    applications: Vec<ApplicationLine>,
    may_apply: bool,
}

fn status_label(l: &Labels, status: CardStatus) -> String {
    l.t(match status {
        CardStatus::Active => "desk-card-active",
        CardStatus::Produced => "desk-card-produced",
        CardStatus::Suspended => "desk-card-suspended",
        CardStatus::Ended(EndReason::Expired) => "desk-card-expired",
        CardStatus::Ended(_) => "desk-card-ended",
    })
}

fn kind_label(l: &Labels, kind: CardKind) -> String {
    l.t(&format!("desk-card-kind-{}", kind.code()))
}

fn card_line(l: &Labels, c: &CardRow) -> CardLine {
    CardLine {
        serial: c.serial.clone(),
        status: status_label(l, c.status),
        kind: kind_label(l, c.kind),
        expiry: l.date(c.expiry),
        produced: c.status == CardStatus::Produced,
        active: c.status == CardStatus::Active,
        suspended: c.status == CardStatus::Suspended,
    }
}

/// A resident's cards and applications (a reading, recorded), with the steps each allows.
async fn cards_page(
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
    let path = format!("/desk/residents/{}/cards", resident.digits());
    let page = new_page(lang, &ctx, "desk-cards-title", &path);
    cards_view(&state, page, &ctx, &resident, StatusCode::OK).await
}

async fn cards_view(
    state: &AppState,
    page: Page,
    ctx: &DeskContext,
    resident: &ResidentCode,
    status: StatusCode,
) -> Response {
    match state.app.cards(&ctx.principal, resident).await {
        Ok((cards, applications)) => {
            let l = page.l;
            render(
                status,
                &CardsPage {
                    code: resident.digits().to_owned(),
                    cards: cards.iter().map(|c| card_line(&l, c)).collect(),
                    applications: applications
                        .iter()
                        .map(|a| ApplicationLine {
                            id: a.id.clone(),
                            received: l.moment(a.received_at_us),
                            reason: l.t(&format!("desk-card-reason-{}", a.reason.code())),
                            kind: kind_label(&l, a.kind),
                            fee: l.with("desk-yen", "yen", &super::page::format_yen(a.fee_yen)),
                            card: a.card_serial.clone().unwrap_or_default(),
                        })
                        .collect(),
                    may_apply: mynumber_core::permits(&ctx.principal, Action::ApplyCard).is_ok(),
                    page,
                },
            )
        }
        Err(e) => super::page::app_error(page_lang(&page), Some(ctx), &e),
    }
}

fn page_lang(page: &Page) -> Lang {
    Lang(page.lang)
}

/// The reasons an application may give (not the two kept for old rows).
const REASONS: [Reason; 10] = [
    Reason::First,
    Reason::Renewal,
    Reason::Lost,
    Reason::Damaged,
    Reason::Stolen,
    Reason::Disaster,
    Reason::AdditionsFull,
    Reason::NumberChanged,
    Reason::ResidentCodeChanged,
    Reason::IssuerError,
];

#[derive(Template)]
#[template(path = "card_apply.html")]
struct ApplyPage {
    page: Page,
    code: String,
    reasons: Vec<Choice>,
    kinds: Vec<Choice>,
    with_certificates: bool,
    express: bool,
}

fn apply_view(
    page: Page,
    code: &str,
    parts: Option<&[super::multipart::Part]>,
    status: StatusCode,
) -> Response {
    let chosen = |name: &str, default: &str| {
        parts
            .map(|p| text(p, name).to_owned())
            .unwrap_or_else(|| default.to_owned())
    };
    let reason = chosen("reason", "first");
    let kind = chosen("kind", "standard");
    let reasons = REASONS
        .iter()
        .map(|r| Choice {
            code: r.code(),
            label: page.l.t(&format!("desk-card-reason-{}", r.code())),
            checked: r.code() == reason,
        })
        .collect();
    let kinds = CardKind::ALL
        .iter()
        .map(|k| Choice {
            code: k.code(),
            label: kind_label(&page.l, *k),
            checked: k.code() == kind,
        })
        .collect();
    render(
        status,
        &ApplyPage {
            code: code.to_owned(),
            reasons,
            kinds,
            with_certificates: parts.is_none_or(|p| text(p, "with_certificates") == "1"),
            express: parts.is_some_and(|p| text(p, "express") == "1"),
            page,
        },
    )
}

async fn apply_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident = match resident_code(lang, &ctx, &code) {
        Ok(c) => c,
        Err(page) => return *page,
    };
    let path = format!("/desk/residents/{}/cards/apply", resident.digits());
    let page = new_page(lang, &ctx, "desk-card-apply-title", &path);
    apply_view(page, resident.digits(), None, StatusCode::OK)
}

/// Receives an application at the counter, with the photo uploaded; the core checks the
/// photo, the reason and the rest, and each problem is shown beside its field.
async fn apply(
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
    let path = format!("/desk/residents/{}/cards/apply", resident.digits());
    let mut page = new_page(lang, &ctx, "desk-card-apply-title", &path);
    let parts: std::sync::Arc<Vec<super::multipart::Part>> =
        upload.map(|Extension(Upload(p))| p).unwrap_or_default();
    let reason = Reason::parse_input(text(&parts, "reason"));
    let kind = CardKind::parse(text(&parts, "kind"));
    if reason.is_err() {
        page.problem("reason", "desk-card-error-reason");
    }
    if kind.is_none() {
        page.problem("kind", "desk-card-error-kind");
    }
    let (Ok(reason), Some(kind)) = (reason, kind) else {
        return apply_view(
            page,
            resident.digits(),
            Some(&parts),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let application = CardApplication {
        channel: Channel::Counter,
        reason,
        application_id: None,
        photo: file(&parts, "photo").map(<[u8]>::to_vec),
        kind,
        with_certificates: text(&parts, "with_certificates") == "1",
        express: text(&parts, "express") == "1",
    };
    match state
        .app
        .apply_for_card(&ctx.principal, &resident, application)
        .await
    {
        Ok(row) => {
            let mut page = new_page(
                lang,
                &ctx,
                "desk-cards-title",
                &format!("/desk/residents/{}/cards", resident.digits()),
            );
            page.notice = Some(page.l.with(
                "desk-card-applied",
                "yen",
                &super::page::format_yen(row.fee_yen),
            ));
            cards_view(&state, page, &ctx, &resident, StatusCode::OK).await
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                page.field_error(e.field, e);
            }
            apply_view(
                page,
                resident.digits(),
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(AppError::Refused(_)) => {
            page.problem("reason", "desk-card-error-refused");
            apply_view(
                page,
                resident.digits(),
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Template)]
#[template(path = "card_file.html")]
struct CardFilePage {
    page: Page,
    message: String,
    serial: String,
    href: String,
    back: String,
}

/// A card file as a download link's target: the file itself (the server keeps no copy).
pub(super) fn card_file_href(card_file: &[u8]) -> String {
    format!(
        "data:application/octet-stream;base64,{}",
        mynumber_pki::base64_encode(card_file)
    )
}

/// The page that hands the card file over: a download link carrying the file itself (the
/// server keeps no copy to serve later).
pub(super) fn card_file_page(
    page: Page,
    message: String,
    card: &CardWithFile,
    back: String,
) -> Response {
    let href = card_file_href(&card.card_file);
    render(
        StatusCode::OK,
        &CardFilePage {
            page,
            message,
            serial: card.card.serial.clone(),
            href,
            back,
        },
    )
}

#[derive(Deserialize, Default)]
pub(super) struct BackForm {
    /// The resident's code, for the link back to their cards (checked, never trusted for more).
    #[serde(default)]
    resident: String,
    #[serde(default)]
    reason: String,
    /// For an ending: `1` once the clerk ticked that the holder was told it cannot be undone.
    #[serde(default)]
    confirmed: String,
}

/// The identity documents as check boxes, ticked as a form sent back had them.
pub(super) fn document_choices(
    l: &Labels,
    parts: Option<&[super::multipart::Part]>,
) -> Vec<Choice> {
    let shown = parts.map(|p| texts(p, "document")).unwrap_or_default();
    IdentityDocument::ALL
        .iter()
        .map(|d| Choice {
            code: d.code(),
            label: l.t(&format!("desk-id-document-{}", d.code())),
            checked: shown.contains(&d.code()),
        })
        .collect()
}

/// The identity documents ticked; one the form does not offer is a problem beside them.
pub(super) fn documents_of(
    page: &mut Page,
    parts: &[super::multipart::Part],
) -> Vec<IdentityDocument> {
    let mut documents = Vec::new();
    for d in texts(parts, "document") {
        match IdentityDocument::parse(d) {
            Some(d) => documents.push(d),
            None => page.problem("documents", "desk-card-error-documents"),
        }
    }
    documents
}

/// Whether `serial` has a card serial's form: digits only.
pub(super) fn is_serial(serial: &str) -> bool {
    let serial = serial.trim();
    !serial.is_empty() && serial.len() <= 32 && serial.bytes().all(|b| b.is_ascii_digit())
}

/// A resident code given only to link back to the cards: kept when it is one, else dropped.
pub(super) fn checked_resident(resident: &str) -> String {
    ResidentCode::parse(resident.trim())
        .map(|c| c.digits().to_owned())
        .unwrap_or_default()
}

pub(super) fn back_link(resident: &str) -> String {
    ResidentCode::parse(resident.trim())
        .map(|c| format!("/desk/residents/{}/cards", c.digits()))
        .unwrap_or_else(|_| "/desk/residents".to_owned())
}

/// Produces the card of an application; the card file is handed over as a download.
async fn produce(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(id): Path<String>,
    Form(form): Form<BackForm>,
) -> Response {
    let lang = Lang::of(&headers);
    match state.app.produce_card(&ctx.principal, id.trim()).await {
        Ok(card) => {
            let page = new_page(lang, &ctx, "desk-card-produced-title", "/desk");
            let message = page.l.t("desk-card-produced-message");
            card_file_page(page, message, &card, back_link(&form.resident))
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// The pick-up notice (交付通知書), a PDF to print and mail.
async fn notice(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(serial): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    match state
        .app
        .card_issue_notice(&ctx.principal, serial.trim())
        .await
    {
        Ok(pdf) => super::page::pdf_attachment("card-issue-notice.pdf", pdf),
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Template)]
#[template(path = "card_hand_over.html")]
struct HandOverPage {
    page: Page,
    serial: String,
    resident: String,
    documents: Vec<Choice>,
    pins: Vec<PinField>,
}

/// One PIN of the PIN pad.
struct PinField {
    code: &'static str,
    label: String,
    hint: String,
    /// A 4-digit PIN (every one but the signature password).
    numeric: bool,
}

fn hand_over_view(
    page: Page,
    serial: &str,
    resident: &str,
    parts: Option<&[super::multipart::Part]>,
    status: StatusCode,
) -> Response {
    let documents = document_choices(&page.l, parts);
    let pins = PinKind::ALL
        .iter()
        .map(|k| PinField {
            code: k.code(),
            label: page.l.t(&format!("desk-pin-{}", k.code())),
            hint: page.l.t(&format!("desk-pin-{}-hint", k.code())),
            numeric: *k != PinKind::Signature,
        })
        .collect();
    render(
        status,
        &HandOverPage {
            serial: serial.to_owned(),
            resident: resident.to_owned(),
            documents,
            pins,
            page,
        },
    )
}

#[derive(Deserialize, Default)]
pub(super) struct HandOverQuery {
    #[serde(default)]
    pub(super) resident: String,
}

async fn hand_over_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(serial): Path<String>,
    axum::extract::Query(q): axum::extract::Query<HandOverQuery>,
) -> Response {
    card_step_form(
        &headers,
        &ctx,
        &serial,
        &q.resident,
        "desk-card-hand-over-title",
        hand_over_view,
    )
}

/// The form of a step on the card a path names (hand-over, resumption), empty.
fn card_step_form(
    headers: &HeaderMap,
    ctx: &DeskContext,
    serial: &str,
    resident: &str,
    title: &str,
    view: fn(Page, &str, &str, Option<&[super::multipart::Part]>, StatusCode) -> Response,
) -> Response {
    let lang = Lang::of(headers);
    // The serial goes into the form's action: only a card serial's form may (a `%2F` in the
    // path would send the form elsewhere).
    if !is_serial(serial) {
        return super::page::app_error(lang, Some(ctx), &AppError::NotFound("card"));
    }
    let page = new_page(lang, ctx, title, "/desk");
    view(
        page,
        serial.trim(),
        &checked_resident(resident),
        None,
        StatusCode::OK,
    )
}

/// The hand-over: the identity documents seen, the card file brought back, the PINs the holder
/// typed at the PIN pad; the new card file goes back to the holder.
async fn hand_over(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    upload: Option<Extension<Upload>>,
    Path(serial): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = new_page(lang, &ctx, "desk-card-hand-over-title", "/desk");
    let parts: std::sync::Arc<Vec<super::multipart::Part>> =
        upload.map(|Extension(Upload(p))| p).unwrap_or_default();
    let resident = checked_resident(text(&parts, "resident"));
    let documents = documents_of(&mut page, &parts);
    let card_file = file(&parts, "card_file").map(<[u8]>::to_vec);
    if card_file.is_none() {
        page.problem("card_file", "desk-card-error-card-file");
    }
    let pins = PinKind::ALL
        .iter()
        .filter_map(|k| {
            let pin = text(&parts, &format!("pin-{}", k.code()));
            (!pin.is_empty()).then(|| (*k, pin.to_owned()))
        })
        .collect();
    let Some(card_file) = card_file.filter(|_| page.errors.is_empty()) else {
        return hand_over_view(
            page,
            serial.trim(),
            &resident,
            Some(&parts),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    match state
        .app
        .hand_over_card(
            &ctx.principal,
            serial.trim(),
            HandOver {
                documents,
                pins,
                card_file,
            },
        )
        .await
    {
        Ok(card) => {
            let message = page.l.t("desk-card-handed-over");
            card_file_page(page, message, &card, back_link(&resident))
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                match e.field {
                    "identity_documents" | "documents" => {
                        page.field_error("documents", e);
                    }
                    "card_file" => page.field_error("card_file", e),
                    _ => page.field_error("pins", e),
                }
            }
            hand_over_view(
                page,
                serial.trim(),
                &resident,
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(AppError::Refused(_)) => {
            page.problem("documents", "desk-card-error-refused");
            hand_over_view(
                page,
                serial.trim(),
                &resident,
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Template)]
#[template(path = "card_resume.html")]
struct ResumePage {
    page: Page,
    serial: String,
    resident: String,
    documents: Vec<Choice>,
}

fn resume_view(
    page: Page,
    serial: &str,
    resident: &str,
    parts: Option<&[super::multipart::Part]>,
    status: StatusCode,
) -> Response {
    let documents = document_choices(&page.l, parts);
    render(
        status,
        &ResumePage {
            serial: serial.to_owned(),
            resident: resident.to_owned(),
            documents,
            page,
        },
    )
}

async fn resume_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(serial): Path<String>,
    axum::extract::Query(q): axum::extract::Query<HandOverQuery>,
) -> Response {
    card_step_form(
        &headers,
        &ctx,
        &serial,
        &q.resident,
        "desk-card-resume-title",
        resume_view,
    )
}

/// Lifts a suspension in person (facts §7: never by phone): the identity documents seen and the
/// found card's file brought back; the signature certificate revoked at the suspension is issued
/// anew on the card, and the card file goes back to the holder.
async fn resume(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    upload: Option<Extension<Upload>>,
    Path(serial): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = new_page(lang, &ctx, "desk-card-resume-title", "/desk");
    let parts: std::sync::Arc<Vec<super::multipart::Part>> =
        upload.map(|Extension(Upload(p))| p).unwrap_or_default();
    let resident = checked_resident(text(&parts, "resident"));
    let documents = documents_of(&mut page, &parts);
    let Some(card_file) = file(&parts, "card_file") else {
        page.problem("card_file", "desk-card-error-card-file");
        return resume_view(
            page,
            serial.trim(),
            &resident,
            Some(&parts),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    match state
        .app
        .resume_card(&ctx.principal, serial.trim(), &documents, card_file)
        .await
    {
        Ok(card) => {
            let message = page.l.t("desk-card-resumed");
            card_file_page(page, message, &card, back_link(&resident))
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                match e.field {
                    "card_file" => page.field_error("card_file", e),
                    _ => page.field_error("documents", e),
                }
            }
            resume_view(
                page,
                serial.trim(),
                &resident,
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(AppError::Refused(_)) => {
            page.problem("documents", "desk-card-error-refused");
            resume_view(
                page,
                serial.trim(),
                &resident,
                Some(&parts),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Template)]
#[template(path = "card_done.html")]
struct DonePage {
    page: Page,
    message: String,
    back: String,
}

/// Suspends a card at the counter (the holder reports it lost in person).
async fn suspend(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(serial): Path<String>,
    Form(form): Form<BackForm>,
) -> Response {
    let lang = Lang::of(&headers);
    match state.app.suspend_card(&ctx.principal, serial.trim()).await {
        Ok(_) => {
            let page = new_page(lang, &ctx, "desk-cards-title", "/desk");
            let message = page.l.t("desk-card-suspended-message");
            render(
                StatusCode::OK,
                &DonePage {
                    page,
                    message,
                    back: back_link(&form.resident),
                },
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

#[derive(Template)]
#[template(path = "card_end.html")]
struct EndPage {
    page: Page,
    serial: String,
    resident: String,
    reason: &'static str,
    lead: String,
    button: String,
}

/// The ending a form names: reported lost (廃止) or returned (返納).
fn end_reason(typed: &str) -> Option<EndReason> {
    match typed {
        "abolished" => Some(EndReason::Abolished),
        "returned" => Some(EndReason::Returned),
        _ => None,
    }
}

/// The confirmation before a card is ended: an ending cannot be undone (its certificates are
/// revoked), so it is never one click on the list of cards.
fn end_view(
    mut page: Page,
    serial: &str,
    resident: &str,
    reason: EndReason,
    code: StatusCode,
) -> Response {
    let reason = reason.code();
    page.title = page.l.t(&format!("desk-card-end-title-{reason}"));
    let lead = page.l.t(&format!("desk-card-end-lead-{reason}"));
    let button = page.l.t(&format!("desk-card-end-button-{reason}"));
    render(
        code,
        &EndPage {
            lead,
            button,
            page,
            serial: serial.to_owned(),
            resident: ResidentCode::parse(resident.trim())
                .map(|c| c.digits().to_owned())
                .unwrap_or_default(),
            reason,
        },
    )
}

/// The form that ends a card, after the clerk confirms it.
async fn end_page(
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(serial): Path<String>,
    axum::extract::Query(q): axum::extract::Query<BackForm>,
) -> Response {
    let lang = Lang::of(&headers);
    // The serial goes into the form's action (see `card_step_form`).
    if !is_serial(&serial) {
        return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("card"));
    }
    let Some(reason) = end_reason(&q.reason) else {
        return super::page::refusal(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-card-error-end",
        );
    };
    let page = new_page(lang, &ctx, "desk-cards-title", "/desk");
    end_view(page, &serial, &q.resident, reason, StatusCode::OK)
}

/// Ends a card: reported lost (廃止, never reactivated) or returned (返納), once confirmed.
async fn end(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Path(serial): Path<String>,
    Form(form): Form<BackForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let Some(reason) = end_reason(&form.reason) else {
        return super::page::refusal(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-card-error-end",
        );
    };
    if form.confirmed != "1" {
        if !is_serial(&serial) {
            return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("card"));
        }
        let mut page = new_page(lang, &ctx, "desk-cards-title", "/desk");
        page.problem("confirmed", "desk-card-end-error-confirm");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return end_view(page, &serial, &form.resident, reason, status);
    }
    match state
        .app
        .end_card(&ctx.principal, serial.trim(), reason)
        .await
    {
        Ok(_) => {
            let page = new_page(lang, &ctx, "desk-cards-title", "/desk");
            let message = page.l.t(&format!("desk-card-ended-{}", reason.code()));
            render(
                StatusCode::OK,
                &DonePage {
                    page,
                    message,
                    back: back_link(&form.resident),
                },
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// The forms' decoding, for the fuzzer.
pub(super) fn decode_forms(bytes: &[u8]) {
    if let Ok(f) = serde_urlencoded::from_bytes::<BackForm>(bytes) {
        let _ = back_link(&f.resident);
        let _ = end_reason(&f.reason);
    }
    let _ = serde_urlencoded::from_bytes::<HandOverQuery>(bytes);
}
