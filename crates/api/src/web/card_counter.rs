//! The card's later steps at the counter, on a card in use: a PIN reset (暗証番号の再設定), the
//! amendment of the card to its record after a move or a name change (券面事項変更, and after a
//! transfer-in the continuation, 継続利用), the extension of a foreign resident's card
//! (有効期限の延長), and new certificates on the card (電子証明書の発行・更新). Each screen calls
//! the same use case as the JSON API (`App::reset_card_pin`, `amend_card`, `extend_card`,
//! `certify_card`); which card may take which step is the core's and the app's rule, not the
//! screen's.
//!
//! As at the hand-over, the card file comes in as an upload and goes back as a download. A form
//! that comes back with a problem keeps the card file in itself (a hidden field) for the next
//! submission, as a card stays in the counter's reader between tries: after a PIN the card
//! refused, that is the new file with the try counted, since the copy handed in no longer opens
//! and a clerk who chose it again would lose the card's count (and the card).

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use mynumber_app::{AppError, CardAmendment, CardCertification, CardWithFile};
use mynumber_core::Action;
use mynumber_core::pin::PinKind;
use mynumber_pki::Hierarchy;

use super::cards::{
    Choice, HandOverQuery, back_link, card_file_href, card_file_page, checked_resident,
    document_choices, documents_of, is_serial, new_page,
};
use super::multipart::{Part, file, text, texts};
use super::page::{Page, render};
use super::{DeskContext, Lang, Upload};
use crate::AppState;
use crate::doors::{Access, Doors};

/// A step on a card in use.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    /// 暗証番号の再設定: one PIN set anew, its counter cleared (a locked PIN too).
    PinReset,
    /// 券面事項変更 / 継続利用: the card's text follows the record, with the 住基 PIN.
    Amendment,
    /// 有効期限の延長: a foreign resident's card follows the new period of stay.
    Extension,
    /// 電子証明書の発行・更新: new key pairs made by the chip, certified.
    Certificates,
}

impl Step {
    const ALL: [Self; 4] = [
        Self::PinReset,
        Self::Amendment,
        Self::Extension,
        Self::Certificates,
    ];

    /// The step's door.
    fn path(self) -> &'static str {
        match self {
            Self::PinReset => "/desk/cards/{serial}/pin-reset",
            Self::Amendment => "/desk/cards/{serial}/amendment",
            Self::Extension => "/desk/cards/{serial}/extension",
            Self::Certificates => "/desk/cards/{serial}/certificates",
        }
    }

    /// What the step's use case asks the policy for.
    fn action(self) -> Action {
        match self {
            Self::PinReset => Action::ResetCardPin,
            Self::Amendment => Action::AmendCard,
            Self::Extension => Action::ExtendCard,
            Self::Certificates => Action::CertifyCard,
        }
    }

    /// The step's path segment, and its catalog keys' part.
    fn code(self) -> &'static str {
        match self {
            Self::PinReset => "pin-reset",
            Self::Amendment => "amendment",
            Self::Extension => "extension",
            Self::Certificates => "certificates",
        }
    }
}

/// Adds the steps' doors, each under the action its use case asks the policy for.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    Step::ALL.into_iter().fold(doors, |doors, step| {
        let access = Access::Desk(step.action());
        doors
            .door(
                M::GET,
                step.path(),
                access,
                get(
                    move |headers: HeaderMap,
                          Extension(ctx): Extension<DeskContext>,
                          Path(serial): Path<String>,
                          Query(q): Query<HandOverQuery>| async move {
                        step_page(&headers, &ctx, step, &serial, &q)
                    },
                ),
            )
            .door(
                M::POST,
                step.path(),
                access,
                post(
                    move |State(state): State<AppState>,
                          headers: HeaderMap,
                          Extension(ctx): Extension<DeskContext>,
                          upload: Option<Extension<Upload>>,
                          Path(serial): Path<String>| async move {
                        take_step(&state, &headers, &ctx, upload, &serial, step).await
                    },
                ),
            )
    })
}

/// One PIN field of the PIN pad.
struct PinField {
    /// The form's name for it.
    name: String,
    label: String,
    hint: String,
    /// A 4-digit PIN.
    numeric: bool,
}

#[derive(Template)]
#[template(path = "card_step.html")]
struct StepPage {
    page: Page,
    step: &'static str,
    serial: String,
    resident: String,
    lead: String,
    documents: Vec<Choice>,
    /// For a PIN reset: which PIN.
    pin_kinds: Vec<Choice>,
    /// For new certificates: which ones.
    hierarchies: Vec<Choice>,
    pins: Vec<PinField>,
    /// A card file the server wrote (a wrong PIN's try counted) that the form carries: a
    /// download link for a holder who leaves, and what it says about it.
    retry_file: String,
    retry_notice: String,
    /// The card file the form carries to its next submission (base64), or empty.
    kept_file: String,
}

/// The card file a form coming back carries on: the card stays in the reader.
#[derive(Clone, Copy)]
enum Kept<'a> {
    /// None: the form asks for one (none was sent, or the one sent was the problem).
    Nothing,
    /// The file chosen with the form, which nothing wrote to.
    File(&'a [u8]),
    /// The file the form carried already (written by the server after a wrong PIN): it stays,
    /// whatever was chosen beside it, until the server writes another.
    Carried(&'a [u8]),
    /// The file with a wrong PIN's try counted, which replaces the one handed in.
    AfterWrongPin(&'a [u8]),
}

impl<'a> Kept<'a> {
    /// What a form coming back keeps when nothing new was written to the card: the file it
    /// carried (a file chosen beside it was only tried), else the file chosen; nothing when
    /// the file used is the problem (`refused`).
    fn unchanged(carried: Option<&'a [u8]>, chosen: Option<&'a [u8]>, refused: bool) -> Self {
        match (carried, chosen) {
            (Some(carried), Some(_)) => Self::Carried(carried),
            (Some(_), None) | (None, Some(_)) if refused => Self::Nothing,
            (Some(carried), None) => Self::Carried(carried),
            (None, Some(chosen)) => Self::File(chosen),
            (None, None) => Self::Nothing,
        }
    }
}

/// The form's field that carries a kept card file.
const KEPT: &str = "card_file_kept";

fn step_view(
    page: Page,
    step: Step,
    serial: &str,
    resident: &str,
    parts: Option<&[Part]>,
    status: StatusCode,
    kept: Kept<'_>,
) -> Response {
    let l = page.l;
    let (retry_file, retry_notice, kept_file) = match kept {
        Kept::Nothing => (String::new(), String::new(), String::new()),
        Kept::File(file) => (
            String::new(),
            String::new(),
            mynumber_pki::base64_encode(file),
        ),
        Kept::Carried(file) => (
            card_file_href(file),
            l.t("desk-card-kept-file"),
            mynumber_pki::base64_encode(file),
        ),
        Kept::AfterWrongPin(file) => (
            card_file_href(file),
            l.t("desk-card-retry-file"),
            mynumber_pki::base64_encode(file),
        ),
    };
    let sent = |name: &str| parts.map(|p| text(p, name)).unwrap_or_default().to_owned();
    let ticked = parts.map(|p| texts(p, "certificate")).unwrap_or_default();
    let pin_kinds = match step {
        Step::PinReset => {
            let chosen = sent("pin_kind");
            PinKind::ALL
                .iter()
                .map(|k| Choice {
                    code: k.code(),
                    label: l.t(&format!("desk-pin-{}", k.code())),
                    checked: k.code() == chosen,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let hierarchies = match step {
        Step::Certificates => [Hierarchy::Signature, Hierarchy::Authentication]
            .iter()
            .map(|h| Choice {
                code: h.code(),
                label: l.t(&format!("desk-card-certificate-{}", h.code())),
                checked: ticked.contains(&h.code()),
            })
            .collect(),
        _ => Vec::new(),
    };
    let pin = |kind: PinKind, name: &str| PinField {
        name: name.to_owned(),
        label: l.t(&format!("desk-pin-{}", kind.code())),
        hint: l.t(&format!("desk-pin-{}-hint", kind.code())),
        numeric: kind != PinKind::Signature,
    };
    let pins = match step {
        Step::PinReset => vec![PinField {
            name: "pin".to_owned(),
            label: l.t("desk-card-new-pin"),
            hint: l.t("desk-card-new-pin-hint"),
            numeric: false,
        }],
        Step::Amendment | Step::Extension => vec![pin(PinKind::ResidentRegistry, "pin")],
        Step::Certificates => vec![
            pin(PinKind::Signature, "pin-signature"),
            pin(PinKind::Authentication, "pin-authentication"),
        ],
    };
    render(
        status,
        &StepPage {
            lead: l.t(&format!("desk-card-{}-lead", step.code())),
            step: step.code(),
            serial: serial.to_owned(),
            resident: resident.to_owned(),
            documents: document_choices(&l, parts),
            pin_kinds,
            hierarchies,
            pins,
            retry_file,
            retry_notice,
            kept_file,
            page,
        },
    )
}

fn title(step: Step) -> String {
    format!("desk-card-{}-title", step.code())
}

/// A step's form, empty.
fn step_page(
    headers: &HeaderMap,
    ctx: &DeskContext,
    step: Step,
    serial: &str,
    q: &HandOverQuery,
) -> Response {
    let lang = Lang::of(headers);
    // The serial goes into the form's action: only a card serial's form may.
    if !is_serial(serial) {
        return super::page::app_error(lang, Some(ctx), &AppError::NotFound("card"));
    }
    let page = new_page(lang, ctx, &title(step), "/desk");
    step_view(
        page,
        step,
        serial.trim(),
        &checked_resident(&q.resident),
        None,
        StatusCode::OK,
        Kept::Nothing,
    )
}

/// A PIN typed at the pad, `None` when left empty.
fn typed(parts: &[Part], name: &str) -> Option<String> {
    let pin = text(parts, name);
    (!pin.is_empty()).then(|| pin.to_owned())
}

/// Takes a step: what the form sent checked for shape here, the rest by the use case; the new
/// card file goes back to the holder.
async fn take_step(
    state: &AppState,
    headers: &HeaderMap,
    ctx: &DeskContext,
    upload: Option<Extension<Upload>>,
    serial: &str,
    step: Step,
) -> Response {
    let lang = Lang::of(headers);
    if !is_serial(serial) {
        return super::page::app_error(lang, Some(ctx), &AppError::NotFound("card"));
    }
    let serial = serial.trim();
    let mut page = new_page(lang, ctx, &title(step), "/desk");
    let parts: std::sync::Arc<Vec<Part>> = upload.map(|Extension(Upload(p))| p).unwrap_or_default();
    let resident = checked_resident(text(&parts, "resident"));
    let documents = documents_of(&mut page, &parts);
    // A file chosen is used in place of the one the form carries.
    let chosen = file(&parts, "card_file");
    let carried = mynumber_pki::base64_decode(text(&parts, KEPT)).filter(|f| !f.is_empty());
    let card_file = chosen.or(carried.as_deref()).map(<[u8]>::to_vec);
    if card_file.is_none() {
        page.problem("card_file", "desk-card-error-card-file");
    }
    let pin_kind = match step {
        Step::PinReset => {
            let kind = PinKind::parse(text(&parts, "pin_kind"));
            if kind.is_none() {
                page.problem("pin_kind", "desk-card-error-pin-kind");
            }
            kind
        }
        _ => None,
    };
    let mut hierarchies: Vec<Hierarchy> = Vec::new();
    if step == Step::Certificates {
        let chosen = texts(&parts, "certificate");
        hierarchies = chosen.iter().filter_map(|c| Hierarchy::parse(c)).collect();
        // One problem, however many values were wrong.
        if hierarchies.is_empty() || hierarchies.len() != chosen.len() {
            page.problem("certificates", "desk-card-error-certificates");
        }
    }
    // The form again with its problems, keeping the card file (not yet opened).
    let Some(card_file) = card_file.filter(|_| page.errors.is_empty()) else {
        return step_view(
            page,
            step,
            serial,
            &resident,
            Some(&parts),
            StatusCode::UNPROCESSABLE_ENTITY,
            Kept::unchanged(carried.as_deref(), chosen, false),
        );
    };
    let principal = &ctx.principal;
    let done = match (step, pin_kind) {
        (Step::PinReset, Some(kind)) => {
            let pin = typed(&parts, "pin").unwrap_or_default();
            state
                .app
                .reset_card_pin(principal, serial, &documents, kind, &pin, &card_file)
                .await
        }
        (Step::Amendment | Step::Extension, _) => {
            let amendment = CardAmendment {
                documents,
                pin: typed(&parts, "pin"),
                card_file,
            };
            if step == Step::Amendment {
                state.app.amend_card(principal, serial, amendment).await
            } else {
                state.app.extend_card(principal, serial, amendment).await
            }
        }
        _ => {
            let pins = [PinKind::Signature, PinKind::Authentication]
                .into_iter()
                .filter_map(|k| typed(&parts, &format!("pin-{}", k.code())).map(|p| (k, p)))
                .collect();
            state
                .app
                .certify_card(
                    principal,
                    serial,
                    CardCertification {
                        documents,
                        hierarchies,
                        pins,
                        card_file,
                    },
                )
                .await
        }
    };
    let files = (carried.as_deref(), chosen);
    step_done(page, step, serial, &resident, &parts, files, done, ctx)
}

/// The step's outcome as a page: the new card file to save, the form again with each problem
/// beside its field (keeping the card file that opens now), or the page of a refusal.
#[allow(clippy::too_many_arguments)]
fn step_done(
    mut page: Page,
    step: Step,
    serial: &str,
    resident: &str,
    parts: &[Part],
    (carried, chosen): (Option<&[u8]>, Option<&[u8]>),
    done: Result<CardWithFile, AppError>,
    ctx: &DeskContext,
) -> Response {
    let again_with = |page: Page, status: StatusCode, kept: Kept<'_>| {
        step_view(page, step, serial, resident, Some(parts), status, kept)
    };
    let again =
        |page: Page, kept: Kept<'_>| again_with(page, StatusCode::UNPROCESSABLE_ENTITY, kept);
    // Nothing was written to the card: the file that opened before still does.
    let unchanged = |refused: bool| Kept::unchanged(carried, chosen, refused);
    match done {
        Ok(card) => {
            let message = page.l.t(&format!("desk-card-{}-done", step.code()));
            card_file_page(page, message, &card, back_link(resident))
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                let field = match e.field {
                    "identity_documents" | "documents" => "documents",
                    "card_file" | "card" | "resident" => "card_file",
                    "kind" => "pin_kind",
                    "certificates" if step == Step::Certificates => "certificates",
                    _ => "pins",
                };
                page.field_error(field, e);
            }
            // The file itself refused (an older copy, damaged, another card's) is not kept.
            let refused = invalid.0.iter().any(|e| e.field == "card_file");
            again(page, unchanged(refused))
        }
        Err(AppError::Refused(_)) => {
            page.problem("card_file", "desk-card-error-refused");
            again(page, unchanged(false))
        }
        // Another request or program holds the card: nothing was tried.
        Err(AppError::Conflict) => {
            page.problem("card_file", "desk-card-error-busy");
            again_with(page, StatusCode::CONFLICT, unchanged(false))
        }
        Err(AppError::WrongPin(wrong)) => {
            let key = match wrong.tries_left {
                0 => "desk-card-pin-locked",
                1 => "desk-card-wrong-pin-last",
                _ => "desk-card-wrong-pin",
            };
            let message = page.l.args(
                key,
                &[
                    ("pin", &page.l.t(&format!("desk-pin-{}", wrong.kind.code()))),
                    ("tries", &wrong.tries_left.to_string()),
                ],
            );
            page.problem_text("pins", message);
            // The same form, carrying the file that now holds the count.
            again(page, Kept::AfterWrongPin(&wrong.card_file))
        }
        // Not the clerk's to see or do: nothing of the card is shown again.
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_) | AppError::Unauthenticated)) => {
            super::page::app_error(Lang(page.lang), Some(ctx), &e)
        }
        // The server failed (the card key store, the database): the transaction was rolled
        // back, and the file that opened before still does.
        Err(e) => {
            tracing::error!(error = %e, "a card step failed");
            page.problem("card_file", "desk-error-internal");
            again_with(page, StatusCode::INTERNAL_SERVER_ERROR, unchanged(false))
        }
    }
}
