//! Card handlers (個人番号カード): applications, production, pick-up and the steps of a card's
//! life. Card files travel base64 in JSON: production returns one, and the steps at the counter
//! take it and return it changed. The server keeps none.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::{
    CardAmendment, CardApplication, CardApplicationRow, CardCertification, CardRow, CardWithFile,
    HandOver,
};
use mynumber_core::ResidentCode;
use mynumber_core::card::{CardKind, Channel, EndReason, IdentityDocument, Reason};
use mynumber_core::pin::PinKind;
use mynumber_pki::{Hierarchy, base64_decode, base64_encode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};
use mynumber_core::FieldError;

/// A card application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApplicationRequest {
    /// counter, mail, online or photo-booth.
    #[schema(example = "counter")]
    pub channel: String,
    /// first, renewal, or a re-issue's cause: lost or damaged (the holder pays), stolen,
    /// disaster, additions-full, number-changed, resident-code-changed or issuer-error (free).
    #[schema(example = "first")]
    pub reason: String,
    /// The form's 23-digit application ID (every channel but the counter).
    pub application_id: Option<String>,
    /// The face photo, JPEG, base64 (none for a child under 1).
    pub photo: Option<String>,
    /// standard (default) or face-recognition.
    pub kind: Option<String>,
    /// Whether to issue the certificates (default true; never on a face-recognition card).
    pub with_certificates: Option<bool>,
    /// Express issuance (特急発行).
    pub express: Option<bool>,
}

/// A card application as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ApplicationBody {
    /// Its id (to produce the card).
    pub id: String,
    /// How it arrived.
    pub channel: String,
    /// Why.
    pub reason: String,
    /// standard or face-recognition.
    pub kind: String,
    /// Whether certificates are issued.
    pub with_certificates: bool,
    /// Express issuance.
    pub express: bool,
    /// The fee charged, yen.
    pub fee_yen: i64,
    /// The day it was made.
    pub applied_on: String,
    /// The card produced from it, once produced.
    pub card_serial: Option<String>,
}

impl From<&CardApplicationRow> for ApplicationBody {
    fn from(a: &CardApplicationRow) -> Self {
        Self {
            id: a.id.clone(),
            channel: a.channel.code().to_owned(),
            reason: a.reason.code().to_owned(),
            kind: a.kind.code().to_owned(),
            with_certificates: a.with_certificates,
            express: a.express,
            fee_yen: a.fee_yen,
            applied_on: a.applied_on.to_string(),
            card_serial: a.card_serial.clone(),
        }
    }
}

/// A card as the register holds it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CardBody {
    /// The card's serial number.
    pub serial: String,
    /// standard or face-recognition.
    pub kind: String,
    /// produced, active, suspended or ended.
    pub status: String,
    /// For an ended card: abolished, expired, replaced, returned or voided.
    pub end_reason: Option<String>,
    /// Its expiry (YYYY-MM-DD).
    pub expiry: String,
    /// The issuing municipality, or the one it was continued to after a move.
    pub municipality_code: String,
    /// 継続利用: the last day it may be brought to the municipality its holder moved to, when a
    /// continuation is pending (YYYY-MM-DD); after it, the card is void.
    pub continue_by: Option<String>,
    /// Lines of the 追記欄 (additions field) used, out of 4.
    pub additions: u8,
    /// The signature certificate on it (serial).
    pub signature_certificate: Option<String>,
    /// The user-authentication certificate on it (serial).
    pub authentication_certificate: Option<String>,
}

impl From<&CardRow> for CardBody {
    fn from(c: &CardRow) -> Self {
        Self {
            serial: c.serial.clone(),
            kind: c.kind.code().to_owned(),
            status: c.status.code().to_owned(),
            end_reason: c.status.end_reason().map(|r| r.code().to_owned()),
            expiry: c.expiry.to_string(),
            municipality_code: c.municipality.as_str().to_owned(),
            continue_by: c.continue_by.map(|d| d.to_string()),
            additions: c.additions,
            signature_certificate: c.signature_certificate.clone(),
            authentication_certificate: c.authentication_certificate.clone(),
        }
    }
}

/// A card and its card file.
#[derive(Serialize, ToSchema)]
pub(crate) struct CardFileBody {
    /// The card.
    pub card: CardBody,
    /// The card file, base64: hand it to the holder; the server keeps no copy.
    pub card_file: String,
}

impl From<CardWithFile> for CardFileBody {
    fn from(c: CardWithFile) -> Self {
        Self {
            card: CardBody::from(&c.card),
            card_file: base64_encode(&c.card_file),
        }
    }
}

/// A resident's cards and applications.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CardsBody {
    /// Newest first.
    pub cards: Vec<CardBody>,
    /// Newest first.
    pub applications: Vec<ApplicationBody>,
}

/// The PINs chosen at pick-up.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pins {
    /// 署名用電子証明書の暗証番号: 6–16 of A–Z and 0–9 with a letter and a digit (a card with the
    /// signature certificate only).
    pub signature: Option<String>,
    /// 利用者証明用: 4 digits.
    pub authentication: Option<String>,
    /// 住民基本台帳用: 4 digits.
    pub resident_registry: Option<String>,
    /// 券面事項入力補助用: 4 digits.
    pub text_input: Option<String>,
}

/// What the holder brings to pick up the card.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct HandOverRequest {
    /// The identity documents shown: one with a photo (drivers-licence, passport, residence-card,
    /// …) or two without (health-insurance, pension-book, student-card, employee-card).
    pub identity_documents: Vec<String>,
    /// The PINs (none for a face-recognition card).
    pub pins: Option<Pins>,
    /// The card file from production, base64.
    pub card_file: String,
}

/// Certificates issued on a card in use, at the counter.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CertifyRequest {
    /// The identity documents shown.
    pub identity_documents: Vec<String>,
    /// The certificates wanted: signature, authentication, or both.
    #[schema(example = json!(["signature"]))]
    pub certificates: Vec<String>,
    /// The PIN of each certificate wanted: the one the card holds, or, for a certificate the
    /// card never had, the one the holder chooses now.
    pub pins: CertificatePins,
    /// The card file, base64.
    pub card_file: String,
}

/// The card brought to the counter to follow its holder's record.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AmendRequest {
    /// The identity documents shown.
    pub identity_documents: Vec<String>,
    /// The 住基 PIN (住民基本台帳用暗証番号, 4 digits), which the card checks; none for a
    /// face-recognition card.
    pub resident_registry_pin: Option<String>,
    /// The card file, base64.
    pub card_file: String,
}

/// The PINs of the certificates.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CertificatePins {
    /// 署名用電子証明書の暗証番号: 6–16 of A–Z and 0–9 with a letter and a digit.
    pub signature: Option<String>,
    /// 利用者証明用: 4 digits.
    pub authentication: Option<String>,
}

/// Identity shown, with the card file.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResumeRequest {
    /// The identity documents shown.
    pub identity_documents: Vec<String>,
    /// The card file, base64.
    pub card_file: String,
}

/// A PIN reset at the counter.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PinResetRequest {
    /// The identity documents shown.
    pub identity_documents: Vec<String>,
    /// signature, authentication, resident-registry or text-input.
    #[schema(example = "authentication")]
    pub kind: String,
    /// The new PIN.
    pub pin: String,
    /// The card file, base64.
    pub card_file: String,
}

/// How a card ends at the counter.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EndRequest {
    /// abolished (reported lost) or returned.
    #[schema(example = "abolished")]
    pub reason: String,
}

pub(crate) fn code(s: &str) -> Result<ResidentCode, ApiError> {
    ResidentCode::parse(s)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("resident_code", &e)))
}

fn card_file(b64: &str) -> Result<Vec<u8>, ApiError> {
    base64_decode(b64).ok_or_else(|| ApiError::field("card_file", "problem-base64"))
}

pub(crate) fn documents(codes: &[String]) -> Result<Vec<IdentityDocument>, ApiError> {
    codes
        .iter()
        .map(|c| {
            IdentityDocument::parse(c).ok_or_else(|| {
                ApiError::invalid(
                    &FieldError::new("identity_documents", "problem-identity-document")
                        .arg("given", format!("{c:?}")),
                )
            })
        })
        .collect()
}

/// Apply for a card: the photo is checked (JPEG, RGB, 20 KB–7 MB, 480–6,000 px), and an
/// application ID must be this resident's current form.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/card-applications", tag = "cards",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = ApplicationRequest,
    responses((status = 201, body = ApplicationBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn apply(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<ApplicationRequest>,
) -> Result<(StatusCode, Json<ApplicationBody>), ApiError> {
    let channel = Channel::parse(&req.channel)
        .ok_or_else(|| ApiError::field("channel", "problem-card-channel"))?;
    let reason = Reason::parse_input(&req.reason).map_err(|e| ApiError::invalid(&e))?;
    let kind = match req.kind.as_deref() {
        None => CardKind::Standard,
        Some(k) => {
            CardKind::parse(k).ok_or_else(|| ApiError::field("kind", "problem-card-kind"))?
        }
    };
    let photo = req
        .photo
        .as_deref()
        .map(|p| base64_decode(p).ok_or_else(|| ApiError::field("photo", "problem-base64")))
        .transpose()?;
    let row = state
        .app
        .apply_for_card(
            &principal,
            &code(&resident_code)?,
            CardApplication {
                channel,
                reason,
                application_id: req.application_id,
                photo,
                kind,
                with_certificates: req.with_certificates.unwrap_or(kind == CardKind::Standard),
                express: req.express.unwrap_or(false),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(ApplicationBody::from(&row))))
}

/// A resident's cards and card applications, newest first.
#[utoipa::path(get, path = "/api/v1/residents/{resident_code}/cards", tag = "cards",
    params(("resident_code" = String, Path, description = "住民票コード")),
    responses((status = 200, body = CardsBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
) -> Result<Json<CardsBody>, ApiError> {
    let (cards, applications) = state.app.cards(&principal, &code(&resident_code)?).await?;
    Ok(Json(CardsBody {
        cards: cards.iter().map(CardBody::from).collect(),
        applications: applications.iter().map(ApplicationBody::from).collect(),
    }))
}

/// Produce the card for an application: its key pairs are made and certified, and returned
/// only inside the card file.
#[utoipa::path(post, path = "/api/v1/card-applications/{id}/production", tag = "cards",
    params(("id" = String, Path, description = "The application's id")),
    responses((status = 201, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn produce(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<(StatusCode, Json<CardFileBody>), ApiError> {
    let produced = state.app.produce_card(&principal, &id).await?;
    Ok((StatusCode::CREATED, Json(CardFileBody::from(produced))))
}

/// Hand a produced card over: identity checked, PINs written to the card file.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/hand-over", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = HandOverRequest,
    responses((status = 200, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn hand_over(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<HandOverRequest>,
) -> Result<Json<CardFileBody>, ApiError> {
    let pins = req
        .pins
        .map(|p| {
            [
                (PinKind::Signature, p.signature),
                (PinKind::Authentication, p.authentication),
                (PinKind::ResidentRegistry, p.resident_registry),
                (PinKind::TextInput, p.text_input),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect()
        })
        .unwrap_or_default();
    let done = state
        .app
        .hand_over_card(
            &principal,
            &serial,
            HandOver {
                documents: documents(&req.identity_documents)?,
                pins,
                card_file: card_file(&req.card_file)?,
            },
        )
        .await?;
    Ok(Json(CardFileBody::from(done)))
}

/// Suspend a card, at any hour (call-center operators and clerks): its user-authentication
/// certificate goes on hold and its signature certificate is revoked.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/suspend", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    responses((status = 200, body = CardBody), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn suspend(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
) -> Result<Json<CardBody>, ApiError> {
    let card = state.app.suspend_card(&principal, &serial).await?;
    Ok(Json(CardBody::from(&card)))
}

/// Resume a suspended card in person: the hold is lifted and a new signature certificate is
/// written to the card file.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/resume", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = ResumeRequest,
    responses((status = 200, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn resume(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<ResumeRequest>,
) -> Result<Json<CardFileBody>, ApiError> {
    let done = state
        .app
        .resume_card(
            &principal,
            &serial,
            &documents(&req.identity_documents)?,
            &card_file(&req.card_file)?,
        )
        .await?;
    Ok(Json(CardFileBody::from(done)))
}

/// Issue, renew or re-issue certificates on a card in use, at the counter (after a move or a
/// name change, at renewal, from 15, when declined at application, or after an extension):
/// the chip makes each key pair with the holder's PIN, and the certificate goes back into the
/// card file; the one it replaces is revoked as superseded. A PIN the card refuses is a 422
/// `wrong-pin` whose body carries `tries_left` and the card file with the try counted.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/certificates", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = CertifyRequest,
    responses((status = 200, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn certify(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<CertifyRequest>,
) -> Result<Json<CardFileBody>, ApiError> {
    let hierarchies = req
        .certificates
        .iter()
        .map(|c| {
            Hierarchy::parse(c).ok_or_else(|| {
                ApiError::invalid(
                    &FieldError::new("certificates", "problem-certificate-named")
                        .arg("given", format!("{c:?}")),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let pins = [
        (PinKind::Signature, req.pins.signature),
        (PinKind::Authentication, req.pins.authentication),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let done = state
        .app
        .certify_card(
            &principal,
            &serial,
            CardCertification {
                documents: documents(&req.identity_documents)?,
                hierarchies,
                pins,
                card_file: card_file(&req.card_file)?,
            },
        )
        .await?;
    Ok(Json(CardFileBody::from(done)))
}

/// Rewrite the card to its holder's record (name and address) after a move or a name change,
/// with the 住基 PIN: a line is added to the 追記欄, and after a transfer-in this is the
/// continuation (継続利用), due within 90 days, that moves the card to the new municipality.
/// A PIN the card refuses is a 422 `wrong-pin` carrying the card file with the try counted.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/amendment", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = AmendRequest,
    responses((status = 200, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn amend(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<AmendRequest>,
) -> Result<Json<CardFileBody>, ApiError> {
    let done = state
        .app
        .amend_card(&principal, &serial, amendment(req)?)
        .await?;
    Ok(Json(CardFileBody::from(done)))
}

/// What the holder brings to the counter for an amendment or an extension.
fn amendment(req: AmendRequest) -> Result<CardAmendment, ApiError> {
    Ok(CardAmendment {
        documents: documents(&req.identity_documents)?,
        pin: req.resident_registry_pin,
        card_file: card_file(&req.card_file)?,
    })
}

/// Reset a PIN at the counter, identity checked; the new PIN is written to the card file.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/pin-reset", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = PinResetRequest,
    responses((status = 200, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn reset_pin(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<PinResetRequest>,
) -> Result<Json<CardFileBody>, ApiError> {
    let kind =
        PinKind::parse(&req.kind).ok_or_else(|| ApiError::field("kind", "problem-pin-kind"))?;
    let done = state
        .app
        .reset_card_pin(
            &principal,
            &serial,
            &documents(&req.identity_documents)?,
            kind,
            &req.pin,
            &card_file(&req.card_file)?,
        )
        .await?;
    Ok(Json(CardFileBody::from(done)))
}

/// End a card at the counter: reported lost (abolished) or returned; its certificates are
/// revoked.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/end", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = EndRequest,
    responses((status = 200, body = CardBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn end(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<EndRequest>,
) -> Result<Json<CardBody>, ApiError> {
    let reason = EndReason::parse(&req.reason)
        .ok_or_else(|| ApiError::field("reason", "problem-card-end-reason"))?;
    let card = state.app.end_card(&principal, &serial, reason).await?;
    Ok(Json(CardBody::from(&card)))
}

/// Extend a foreign resident's card to a new period of stay, or through the 2-month 特例期間
/// while an extension is applied for (never past the birthday rule): the holder shows an
/// identity document and enters the 住基 PIN, the chip gets the new expiry and the 追記欄 a
/// line. A PIN the card refuses is a 422 `wrong-pin` carrying the card file with the try
/// counted.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/extension", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    request_body = AmendRequest,
    responses((status = 200, body = CardFileBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn extend(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
    AppJson(req): AppJson<AmendRequest>,
) -> Result<Json<CardFileBody>, ApiError> {
    let done = state
        .app
        .extend_card(&principal, &serial, amendment(req)?)
        .await?;
    Ok(Json(CardFileBody::from(done)))
}

/// Print a produced card's pick-up notice (交付通知書): a PDF in Japanese and the holder's
/// language, recorded in the ledger.
#[utoipa::path(post, path = "/api/v1/cards/{serial}/issue-notice", tag = "cards",
    params(("serial" = String, Path, description = "The card's serial number")),
    responses(
        (status = 201, description = "The notice", content_type = "application/pdf"),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 503, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn issue_notice(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(serial): AppPath<String>,
) -> Result<Response, ApiError> {
    let pdf = state.app.card_issue_notice(&principal, &serial).await?;
    Ok((
        StatusCode::CREATED,
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"card-issue-notice.pdf\"",
            ),
        ],
        pdf,
    )
        .into_response())
}

crate::dto::debug_showing!(CardFileBody { card });
crate::dto::debug_showing!(Pins {});
crate::dto::debug_showing!(HandOverRequest { identity_documents });
crate::dto::debug_showing!(ResumeRequest { identity_documents });
crate::dto::debug_showing!(CertifyRequest {
    identity_documents,
    certificates
});
crate::dto::debug_showing!(CertificatePins {});
crate::dto::debug_showing!(AmendRequest { identity_documents });
crate::dto::debug_showing!(PinResetRequest {
    identity_documents,
    kind
});
