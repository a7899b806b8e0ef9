//! Document handlers: issuing a copy of the resident record as a signed PDF, confirming one by
//! its verification code or file (public: holding the paper is the capability), the
//! verification page, and notification-letter outcomes.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use mynumber_app::{DocumentRow, NoticeRow, NumberBasis, RecordRequest};
use mynumber_core::card::IdentityDocument;
use mynumber_core::notice::{NoticeEvent, NoticeStatus};
use mynumber_core::{ApplicationId, MunicipalityCode, ResidentCode};
use mynumber_render::RecordKind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{ApiError, AppJson, AppPath, AppQuery, AppState, Authenticated, Problem};
use mynumber_core::FieldError;

/// Which document, with which items.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResidentRecordRequest {
    /// copy (住民票の写し) or recorded-matters (住民票記載事項証明書); default copy.
    #[schema(example = "copy")]
    pub kind: Option<String>,
    /// Items to add besides name, date of birth, sex and address: household, householder,
    /// previous-address, became-resident, residence-status, resident-code, individual-number
    /// (the last only at the person's own request).
    #[schema(example = json!(["householder", "previous-address"]))]
    #[serde(default)]
    pub items: Vec<String>,
    /// With `individual-number`: the lawful purpose the number is printed for (staff who may
    /// read numbers).
    #[schema(example = "tax")]
    pub purpose: Option<String>,
    /// With `individual-number`: printed at the person's own request at the counter, with the
    /// identity documents they showed (one with a photo, or two without).
    pub own_request: Option<OwnRequestBody>,
}

/// The person's own request for their number on a document.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OwnRequestBody {
    /// The identity documents shown (passport, drivers-licence, residence-card, …).
    #[schema(example = json!(["passport"]))]
    pub identity: Vec<String>,
}

/// What the register knows of an issued document (never its Individual Number).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DocumentBody {
    /// The verification code printed on it.
    pub code: String,
    /// resident-record-copy or recorded-matters.
    pub kind: String,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
    /// The issuing municipality's name.
    pub municipality: String,
    /// The people it shows: name and date of birth.
    pub persons: Vec<DocumentPerson>,
    /// The items added.
    pub items: Vec<String>,
}

/// A person shown on a document.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DocumentPerson {
    /// Name as printed.
    pub name: String,
    /// Date of birth.
    pub birth_date: String,
}

/// The result of checking a document file.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct VerifiedBody {
    /// Always true (a file that is not genuine gets a 422 problem).
    pub genuine: bool,
    /// The register's record of it.
    pub document: DocumentBody,
}

/// Raw bytes (a PDF, a DER structure), as an OpenAPI binary string.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub(crate) struct Binary(#[allow(dead_code, reason = "documents the body's schema")] Vec<u8>);

/// The key that signs documents, for checking them offline.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DocumentKeyBody {
    /// Key id (first 8 bytes of SHA-256 over the key, hex).
    pub key_id: String,
    /// Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

impl From<&DocumentRow> for DocumentBody {
    fn from(row: &DocumentRow) -> Self {
        let mut body = Self {
            code: row.code.to_string(),
            kind: row.kind.clone(),
            issued_at: Timestamp::from_microsecond(row.issued_at_us)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            municipality: String::new(),
            persons: Vec::new(),
            items: Vec::new(),
        };
        for line in row.summary.lines() {
            let mut parts = line.split('\t');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("person"), Some(name), Some(born)) => body.persons.push(DocumentPerson {
                    name: name.to_owned(),
                    birth_date: born.to_owned(),
                }),
                (Some("items"), Some(items), _) => {
                    body.items = items
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                (Some("municipality"), Some(name), _) => body.municipality = name.to_owned(),
                _ => {}
            }
        }
        body
    }
}

/// Issue a copy of the resident record (or a certificate of recorded matters) as a signed PDF.
/// The verification code printed on it is also in the `X-Verification-Code` header.
#[utoipa::path(post, path = "/api/v1/residents/{resident_code}/resident-record", tag = "documents",
    params(("resident_code" = String, Path, description = "住民票コード")),
    request_body = ResidentRecordRequest,
    responses(
        (status = 201, description = "The signed PDF", content_type = "application/pdf",
            headers(("X-Verification-Code" = String, description = "The code printed on it"))),
        (status = 404, body = Problem), (status = 422, body = Problem), (status = 503, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn issue(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(resident_code): AppPath<String>,
    AppJson(req): AppJson<ResidentRecordRequest>,
) -> Result<Response, ApiError> {
    let code = ResidentCode::parse(&resident_code)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("resident_code", &e)))?;
    let kind = match req.kind.as_deref().unwrap_or("copy") {
        "copy" => RecordKind::Copy,
        "recorded-matters" => RecordKind::RecordedMatters,
        other => {
            return Err(ApiError::invalid(
                &FieldError::new("kind", "problem-record-kind").arg("given", format!("{other:?}")),
            ));
        }
    };
    let number_basis = match (req.purpose, req.own_request) {
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                "own_request",
                "problem-purpose-or-own-request",
            ));
        }
        (Some(p), None) => Some(NumberBasis::Purpose(p)),
        (None, Some(own)) => Some(NumberBasis::OwnRequest(
            own.identity
                .iter()
                .map(|d| IdentityDocument::parse_field("own_request.identity", d))
                .collect::<Result<_, _>>()
                .map_err(mynumber_app::AppError::from)?,
        )),
        (None, None) => None,
    };
    let doc = state
        .app
        .issue_resident_record(
            &principal,
            &code,
            &RecordRequest {
                kind,
                items: req.items,
                number_basis,
            },
        )
        .await?;
    let disposition = format!("attachment; filename=\"resident-record-{}.pdf\"", doc.code);
    Ok((
        StatusCode::CREATED,
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::HeaderName::from_static("x-verification-code"),
                doc.code.to_string(),
            ),
        ],
        doc.pdf,
    )
        .into_response())
}

/// Confirm an issued document by the verification code printed on it.
#[utoipa::path(get, path = "/api/v1/documents/{code}", tag = "documents",
    params(("code" = String, Path, description = "Verification code, e.g. K7QM-2XRT-9B4D-HW3P")),
    responses((status = 200, body = DocumentBody), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn by_code(
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
) -> Result<Json<DocumentBody>, ApiError> {
    let row = state.app.document_by_code(&code).await?;
    Ok(Json(DocumentBody::from(&row)))
}

/// Check a document file (the PDF as the body): issued by this system and not altered by a
/// single byte. A file that is not genuine gets 422 `document-not-genuine` saying why.
#[utoipa::path(post, path = "/api/v1/documents/verify", tag = "documents",
    request_body(content = Binary, content_type = "application/octet-stream", description = "The PDF file, byte for byte (sent as application/octet-stream or application/pdf)"),
    responses((status = 200, body = VerifiedBody), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn verify(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<VerifiedBody>, ApiError> {
    let checked = state.app.verify_document(&body).await?;
    Ok(Json(VerifiedBody {
        genuine: true,
        document: DocumentBody::from(&checked.row),
    }))
}

/// One item of a print's front as its back carries it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FrontRowBody {
    /// The item: the label's message key, e.g. field-name.
    #[schema(example = "field-address")]
    pub item: String,
    /// The label in Japanese, as printed.
    pub label: String,
    /// The value exactly as printed (more lines joined by " / "); absent when withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Printed on the front but not carried by the back (the Individual Number, the resident
    /// record code): the inquiry never shows a number.
    pub withheld: bool,
}

/// A print's front as its back carries it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FrontBody {
    /// The document's title in Japanese, as printed.
    #[schema(example = "住民票の写し")]
    pub title: String,
    /// The verification code printed on the front.
    pub code: String,
    /// The issuing municipality, as printed.
    pub municipality: String,
    /// The issue date, as printed.
    #[schema(example = "令和8年12月6日")]
    pub issued: String,
    /// The front's blocks in order (one per person listed), each its items in order.
    pub sections: Vec<Vec<FrontRowBody>>,
}

impl FrontBody {
    /// The front with its item labels in `labels`' language (the title stays Japanese, as
    /// printed).
    pub(crate) fn of(
        front: &mynumber_core::print_back::Front,
        labels: &mynumber_i18n::Catalog,
    ) -> Self {
        let ja = mynumber_i18n::japanese();
        Self {
            title: ja.text(&front.title_key),
            code: front.code.clone(),
            municipality: front.municipality.clone(),
            issued: front.issued.clone(),
            sections: front
                .sections
                .iter()
                .map(|rows| {
                    rows.iter()
                        .map(|r| FrontRowBody {
                            item: r.key.clone(),
                            label: labels.text(&r.key),
                            value: (!r.withheld).then(|| r.value.clone()),
                            withheld: r.withheld,
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

/// What a scan of a print's back says.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BackBody {
    /// Always true: a back that is not genuine gets 422 saying why.
    pub genuine: bool,
    /// The register's record of the document.
    pub document: DocumentBody,
    /// The front as it was issued, to compare with the paper in hand.
    pub front: FrontBody,
}

/// 証明書復号画像表示: read a scan of the back of a print on plain paper (PNG, JPEG, or a
/// scanner's PDF, as the body) and see the front as it was issued. A back that was altered
/// or not made by this system, an unreadable or incomplete scan, or a scan of the front gets
/// 422 saying which, in the reader's language. The reading is recorded on the person.
#[utoipa::path(post, path = "/api/v1/documents/verify-back", tag = "documents",
    request_body(content = Binary, content_type = "application/octet-stream", description = "The scan: PNG, JPEG or PDF, byte for byte"),
    responses((status = 200, body = BackBody), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn verify_back(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<BackBody>, ApiError> {
    let opened = state.app.read_back(body.to_vec()).await?;
    Ok(Json(BackBody {
        genuine: true,
        document: DocumentBody::from(&opened.row),
        front: FrontBody::of(&opened.front, mynumber_i18n::japanese()),
    }))
}

/// The Ed25519 key that signs documents.
#[utoipa::path(get, path = "/api/v1/documents/public-key", tag = "documents",
    responses((status = 200, body = DocumentKeyBody)))]
pub(crate) async fn public_key(State(state): State<AppState>) -> Json<DocumentKeyBody> {
    let key = state.app.document_public_key();
    Json(DocumentKeyBody {
        key_id: key.id(),
        public_key: key.to_hex(),
    })
}

/// A delivery outcome for a notification letter.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutcomeRequest {
    /// delivered, returned (held at the municipality) or handed-over (given in person).
    #[schema(example = "returned")]
    pub outcome: String,
}

/// A notification letter.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NoticeBody {
    /// The 申請書ID printed on its application form (the letter's reference); none before
    /// the letter is printed.
    pub application_id: Option<String>,
    /// The municipality mailing it.
    pub municipality_code: String,
    /// queued, sent, delivered, returned, handed-over, destroyed or superseded.
    pub status: String,
    /// The print batch it went out in.
    pub batch: Option<String>,
}

impl From<&NoticeRow> for NoticeBody {
    fn from(n: &NoticeRow) -> Self {
        Self {
            application_id: n.application_id.map(|a| a.to_string()),
            municipality_code: n.municipality.as_str().to_owned(),
            status: n.status.code().to_owned(),
            batch: n.batch.clone(),
        }
    }
}

/// Record what happened to a mailed notification letter.
#[utoipa::path(post, path = "/api/v1/notices/{application_id}/outcome", tag = "documents",
    params(("application_id" = String, Path, description = "The 23-digit application ID on the letter")),
    request_body = OutcomeRequest,
    responses((status = 200, body = NoticeBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn outcome(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(application_id): AppPath<String>,
    AppJson(req): AppJson<OutcomeRequest>,
) -> Result<Json<NoticeBody>, ApiError> {
    let id = ApplicationId::parse(&application_id)
        .map_err(|e| ApiError::invalid(&FieldError::from_number("application_id", &e)))?;
    let event = NoticeEvent::parse_outcome(&req.outcome)
        .ok_or_else(|| ApiError::field("outcome", "problem-delivery-outcome"))?;
    let notice = state
        .app
        .record_notice_outcome(&principal, &id, event)
        .await?;
    Ok(Json(NoticeBody::from(&notice)))
}

/// Which letters to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct NoticeQuery {
    /// Status (default returned: the letters held at the counter).
    pub status: Option<String>,
}

/// List notification letters in one status, oldest first (at most 1,000).
#[utoipa::path(get, path = "/api/v1/notices", tag = "documents", params(NoticeQuery),
    responses((status = 200, body = Vec<NoticeBody>), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppQuery(q): AppQuery<NoticeQuery>,
) -> Result<Json<Vec<NoticeBody>>, ApiError> {
    let status = q.status.as_deref().unwrap_or("returned");
    let status = NoticeStatus::parse(status)
        .ok_or_else(|| ApiError::field("status", "problem-notice-status"))?;
    let rows = state.app.notices(&principal, status, 1000).await?;
    Ok(Json(rows.iter().map(NoticeBody::from).collect()))
}

/// A municipality's printed name.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MunicipalityNameBody {
    /// The name printed on letters and certificates.
    #[schema(example = "新宿区")]
    pub name: String,
}

/// Set the name a municipality's documents print (an administrator of that municipality).
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality_code}/name", tag = "documents",
    params(("municipality_code" = String, Path, description = "6-digit local-government code")),
    request_body = MunicipalityNameBody,
    responses((status = 200, body = MunicipalityNameBody), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn name_municipality(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(municipality_code): AppPath<String>,
    AppJson(req): AppJson<MunicipalityNameBody>,
) -> Result<Json<MunicipalityNameBody>, ApiError> {
    let code = MunicipalityCode::parse(&municipality_code).map_err(|e| ApiError::invalid(&e))?;
    state
        .app
        .set_municipality_name(&principal, code, &req.name)
        .await?;
    Ok(Json(MunicipalityNameBody {
        name: req.name.trim().to_owned(),
    }))
}
