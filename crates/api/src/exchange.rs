//! The exchange network's doors (issue 14, docs/design/exchange.md): an administrator registers
//! an agency's units; anyone reads the permission table, the items' layouts and the units'
//! keys; an agency, with its access token, obtains its units' codes through the register,
//! registers copies (JSON or CSV), asks another agency through the network (a compact JWS in,
//! the provider's signed answer out, both `application/jose`), and reads its records. An
//! Individual Number travels only in the body of a request for codes, and in no response.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use mynumber_app::{CodeRequest, CopyInput, JoseHeaders, PublishedUnit, REQUEST_TYP, UnitInput};
use mynumber_core::exchange::{DataItem, ExchangeRecord, FieldKind, Keeper};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::FieldProblem;
use crate::organisations::{EcJwk, organisation_id};
use crate::staff::time;
use crate::{ApiError, AppJson, AppPath, AppQuery, AppState, Authenticated, Problem};

/// The most bytes of a request's JWS.
pub(crate) const REQUEST_LIMIT: usize = 8 * 1024;

/// The most bytes of copies registered at once (CSV or JSON).
pub(crate) const COPIES_LIMIT: usize = 8 * 1024 * 1024;

/// The JOSE headers the network writes, in JSON.
pub(crate) struct Headers;

impl JoseHeaders for Headers {
    fn jws(&self, kid: &str, typ: &str) -> Vec<u8> {
        serde_json::json!({"alg": "ES256", "kid": kid, "typ": typ})
            .to_string()
            .into_bytes()
    }

    fn jwe(&self, x: &str, y: &str, kid: &str) -> Vec<u8> {
        serde_json::json!({
            "alg": "ECDH-ES",
            "enc": "A256GCM",
            "kid": kid,
            "epk": {"kty": "EC", "crv": "P-256", "x": x, "y": y},
        })
        .to_string()
        .into_bytes()
    }
}

/// Register an agency's unit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitRequest {
    /// Its name on the network: lowercase letters, digits, `-`, `.`, `/`.
    #[schema(example = "131041/mayor")]
    pub unit: String,
    /// municipality-mayor, board-of-education, pension-service or portal.
    #[schema(example = "municipality-mayor")]
    pub kind: String,
    /// Its name for people.
    #[schema(example = "新宿区長")]
    pub display_name: String,
    /// The public P-256 key answers to it are encrypted to (ECDH-ES).
    pub encryption_key: EcJwk,
}

/// A public P-256 key as a JWK.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PublicJwk {
    /// EC.
    pub kty: &'static str,
    /// P-256.
    pub crv: &'static str,
    /// x, base64url.
    pub x: String,
    /// y, base64url.
    pub y: String,
    /// The unit's name.
    pub kid: String,
    /// sig or enc.
    #[serde(rename = "use")]
    pub use_: &'static str,
    /// ES256 or ECDH-ES.
    pub alg: &'static str,
}

fn jwk(point: &[u8], kid: &str, use_: &'static str, alg: &'static str) -> PublicJwk {
    let (x, y) = mynumber_pki::jose::jwk_coordinates(point).unwrap_or_default();
    PublicJwk {
        kty: "EC",
        crv: "P-256",
        x,
        y,
        kid: kid.to_owned(),
        use_,
        alg,
    }
}

/// A unit as anyone may read it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct UnitBody {
    /// Its name on the network.
    pub unit: String,
    /// Its kind.
    pub kind: String,
    /// Its name for people.
    pub display_name: String,
    /// The agency it belongs to.
    pub organisation_id: String,
    /// The key its intermediate server signs answers with (ES256).
    pub signing_key: PublicJwk,
    /// The key answers to it are encrypted to (ECDH-ES).
    pub encryption_key: PublicJwk,
    /// When registered (RFC 3339).
    pub registered_at: String,
}

impl From<&PublishedUnit> for UnitBody {
    fn from(p: &PublishedUnit) -> Self {
        let name = p.unit.name.as_str();
        Self {
            unit: name.to_owned(),
            kind: p.unit.kind.code().to_owned(),
            display_name: p.unit.display_name.clone(),
            organisation_id: p.unit.organisation.to_hex(),
            signing_key: jwk(&p.signing_key, name, "sig", "ES256"),
            encryption_key: jwk(&p.unit.encryption_key, name, "enc", "ECDH-ES"),
            registered_at: time(p.unit.registered_at_us),
        }
    }
}

/// Register a unit of an agency (`number-using`) on the exchange network: an administrator's
/// act. The name is final.
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/units", tag = "exchange",
    params(("organisation_id" = String, Path, description = "The agency's id")),
    request_body = UnitRequest,
    responses((status = 201, body = UnitBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn register_unit(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<UnitRequest>,
) -> Result<(StatusCode, Json<UnitBody>), ApiError> {
    let id = organisation_id(&id)?;
    if req.encryption_key.d.is_some() {
        return Err(ApiError::field("encryption_key", "problem-key-private"));
    }
    let unit = state
        .app
        .register_agency_unit(
            &principal,
            id,
            &UnitInput {
                name: &req.unit,
                kind: &req.kind,
                display_name: &req.display_name,
                encryption_x: &req.encryption_key.x,
                encryption_y: &req.encryption_key.y,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(UnitBody::from(&unit))))
}

/// The units on the exchange network, with the keys a requester needs: public.
#[utoipa::path(get, path = "/api/v1/exchange/units", tag = "exchange",
    responses((status = 200, body = Vec<UnitBody>)))]
pub(crate) async fn units(State(state): State<AppState>) -> Result<Json<Vec<UnitBody>>, ApiError> {
    let units = state.app.agency_units().await?;
    Ok(Json(units.iter().map(UnitBody::from).collect()))
}

/// A row of the permission table.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PermissionBody {
    /// The procedure's code.
    pub procedure: String,
    /// The affair, as the law words it.
    pub affair: String,
    /// The kind of unit that may ask.
    pub requester: String,
    /// The kind of unit asked.
    pub provider: String,
    /// The data item.
    pub item: String,
}

/// The permission table the network applies: every (procedure, requester, provider, item) it
/// lets through, and nothing else. Public, as the law's table is.
#[utoipa::path(get, path = "/api/v1/exchange/permissions", tag = "exchange",
    responses((status = 200, body = Vec<PermissionBody>)))]
pub(crate) async fn permissions(State(state): State<AppState>) -> Json<Vec<PermissionBody>> {
    Json(
        state
            .app
            .permission_table()
            .rows()
            .iter()
            .map(|r| PermissionBody {
                procedure: r.procedure.clone(),
                affair: r.affair.clone(),
                requester: r.requester.code().to_owned(),
                provider: r.provider.code().to_owned(),
                item: r.item.code().to_owned(),
            })
            .collect(),
    )
}

/// One field of an item's layout.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FieldBody {
    /// Its key, in copies and CSV headers.
    pub key: &'static str,
    /// Its name in Japanese.
    pub label: &'static str,
    /// text, count, yen, year, date, yes-no or one-of.
    pub kind: &'static str,
    /// For text: the most characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// For one-of: the codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codes: Option<Vec<&'static str>>,
}

/// A data item and its layout.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ItemBody {
    /// Its code.
    pub item: &'static str,
    /// Its name in Japanese.
    pub label: &'static str,
    /// Its fields, in order.
    pub fields: Vec<FieldBody>,
}

/// The data items the network carries and the layout of their copies: public.
#[utoipa::path(get, path = "/api/v1/exchange/items", tag = "exchange",
    responses((status = 200, body = Vec<ItemBody>)))]
pub(crate) async fn items() -> Json<Vec<ItemBody>> {
    Json(
        DataItem::ALL
            .iter()
            .map(|i| ItemBody {
                item: i.code(),
                label: i.label(),
                fields: i
                    .layout()
                    .iter()
                    .map(|f| {
                        let (kind, max_length, codes) = match f.kind {
                            FieldKind::Text(n) => ("text", Some(n), None),
                            FieldKind::Count => ("count", None, None),
                            FieldKind::Yen => ("yen", None, None),
                            FieldKind::Year => ("year", None, None),
                            FieldKind::Date => ("date", None, None),
                            FieldKind::YesNo => ("yes-no", None, None),
                            FieldKind::OneOf(c) => ("one-of", None, Some(c.to_vec())),
                        };
                        FieldBody {
                            key: f.key,
                            label: f.label,
                            kind,
                            max_length,
                            codes,
                        }
                    })
                    .collect(),
            })
            .collect(),
    )
}

/// Obtain codes (符号の取得, 番号法第21条の2).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CodesRequest {
    /// One of the agency's units.
    #[schema(example = "131041/mayor")]
    pub unit: String,
    /// The persons, each by number with a throwaway acquisition number.
    pub persons: Vec<CodePerson>,
}

/// One person in a request for codes.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CodePerson {
    /// 取得番号: 1–64 letters, digits, `-`, `_`; returned with the code, never kept.
    #[schema(example = "req-0001")]
    pub acquisition: String,
    /// The Individual Number (12 digits; spaces and hyphens allowed).
    pub individual_number: String,
}

/// Never a number.
impl std::fmt::Debug for CodesRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodesRequest")
            .field("unit", &self.unit)
            .field("persons", &self.persons.len())
            .finish()
    }
}

/// One code, by its acquisition number.
#[derive(Serialize, ToSchema)]
pub(crate) struct CodeBody {
    /// The 取得番号, as given.
    pub acquisition: String,
    /// The unit's code for the person (52 characters), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Why there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<FieldProblem>,
}

/// Obtain the unit's codes for persons named by their Individual Numbers, each with a
/// throwaway 取得番号 (an agency's access token). Each answer carries its 取得番号; nothing of
/// the 取得番号 or the number is kept.
#[utoipa::path(post, path = "/api/v1/exchange/codes", tag = "exchange",
    request_body = CodesRequest,
    responses((status = 200, body = Vec<CodeBody>), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn codes(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<CodesRequest>,
) -> Result<Json<Vec<CodeBody>>, ApiError> {
    let persons: Vec<CodeRequest<'_>> = req
        .persons
        .iter()
        .map(|p| CodeRequest {
            acquisition: &p.acquisition,
            individual_number: &p.individual_number,
        })
        .collect();
    let answers = state
        .app
        .obtain_agency_codes(&principal, &req.unit, &persons)
        .await?;
    Ok(Json(
        answers
            .into_iter()
            .map(|a| match a.code {
                Ok(code) => CodeBody {
                    acquisition: a.acquisition,
                    code: Some(code.expose().to_owned()),
                    problem: None,
                },
                Err(e) => CodeBody {
                    acquisition: a.acquisition,
                    code: None,
                    problem: Some(FieldProblem::of(&e, None)),
                },
            })
            .collect(),
    ))
}

/// Neither the 取得番号 nor the code.
impl std::fmt::Debug for CodeBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeBody")
            .field("issued", &self.code.is_some())
            .finish_non_exhaustive()
    }
}

/// Register copies (副本登録) as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CopiesRequest {
    /// One of the agency's units.
    #[schema(example = "131041/mayor")]
    pub unit: String,
    /// The item.
    #[schema(example = "local-tax")]
    pub item: String,
    /// The copies.
    pub copies: Vec<CopyBody>,
}

/// One copy.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CopyBody {
    /// The unit's code for the person.
    pub code: String,
    /// 不開示: not to be shown to the person in their history.
    #[serde(default)]
    pub non_disclosure: bool,
    /// The item's fields by key, every one of its layout (`GET /api/v1/exchange/items`).
    #[schema(value_type = Object)]
    pub fields: serde_json::Map<String, Value>,
}

/// Neither the code nor the values.
impl std::fmt::Debug for CopyBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CopyBody")
            .field("non_disclosure", &self.non_disclosure)
            .field("fields", &self.fields.len())
            .finish_non_exhaustive()
    }
}

/// How many copies were registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CopiesBody {
    /// The copies registered or replaced.
    pub registered: usize,
}

/// Register or replace copies of an item on one of the agency's units' intermediate server
/// (an agency's access token). All or nothing: every problem is named with its row.
#[utoipa::path(put, path = "/api/v1/exchange/copies", tag = "exchange",
    request_body = CopiesRequest,
    responses((status = 200, body = CopiesBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn put_copies(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<CopiesRequest>,
) -> Result<Json<CopiesBody>, ApiError> {
    let copies: Vec<CopyInput> = req
        .copies
        .into_iter()
        .map(|c| CopyInput {
            code: c.code,
            non_disclosure: c.non_disclosure,
            fields: c
                .fields
                .into_iter()
                .map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, text)
                })
                .collect(),
        })
        .collect();
    let registered = state
        .app
        .put_copies(&principal, &req.unit, &req.item, &copies)
        .await?;
    Ok(Json(CopiesBody { registered }))
}

/// Which unit and item a CSV of copies is for.
#[derive(Debug, Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct CopiesQuery {
    /// One of the agency's units.
    pub unit: String,
    /// The item.
    pub item: String,
}

/// Register or replace copies from CSV (UTF-8; a header of `code`, `non-disclosure` and the
/// item's fields by key): an agency's access token. All or nothing.
#[utoipa::path(put, path = "/api/v1/exchange/copies.csv", tag = "exchange",
    params(CopiesQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = CopiesBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn put_copies_csv(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppQuery(q): AppQuery<CopiesQuery>,
    body: Bytes,
) -> Result<Json<CopiesBody>, ApiError> {
    let registered = state
        .app
        .put_copies_csv(&principal, &q.unit, &q.item, &body)
        .await?;
    Ok(Json(CopiesBody { registered }))
}

/// The signed request's `kid`, from its protected header: ES256, this system's request type,
/// and nothing it does not understand.
pub(crate) fn request_kid(header: &[u8]) -> Option<String> {
    let h: Value = serde_json::from_slice(header).ok()?;
    let ok = h.get("alg").and_then(Value::as_str) == Some("ES256")
        && h.get("typ").and_then(Value::as_str) == Some(REQUEST_TYP)
        && h.get("crit").is_none();
    ok.then(|| h.get("kid").and_then(Value::as_str).map(str::to_owned))
        .flatten()
}

/// 情報照会: ask another agency through the network (an agency's access token). The body is
/// the request's text (docs/design/exchange.md) as a compact JWS signed with one of the
/// agency's registered keys, `typ` `mynumber-exchange-request+jwt`. The answer is the
/// provider's compact JWS: its text carries the request's hash, and the copy encrypted to the
/// requesting unit's key.
#[utoipa::path(post, path = "/api/v1/exchange/requests", tag = "exchange",
    request_body(content = String, content_type = "application/jose", description = "The signed request (compact JWS)"),
    responses((status = 200, description = "The provider's signed answer (compact JWS)", content_type = "application/jose", body = String),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn request(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let jose = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/jose"));
    let raw = std::str::from_utf8(&body).map(str::trim).unwrap_or("");
    let split = mynumber_pki::jose::split(raw).ok();
    let kid = split.as_ref().and_then(|j| request_kid(&j.header));
    let (true, Some(jws), Some(kid)) = (jose, split, kid) else {
        return Err(ApiError::field("request", "problem-exchange-malformed"));
    };
    let answer = state
        .app
        .exchange(&principal, raw, &jws, &kid, &Headers)
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/jose")], answer))
}

/// Which records.
#[derive(Debug, Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordsQuery {
    /// The unit that asked or answered.
    pub unit: String,
    /// requester, provider or network (default: requester).
    #[serde(default)]
    pub keeper: Option<String>,
}

/// A 第23条 record.
#[derive(Serialize, ToSchema)]
pub(crate) struct RecordBody {
    /// requester, provider or network.
    pub keeper: String,
    /// The request's id.
    pub request_id: String,
    /// 情報照会者.
    pub requester: String,
    /// 情報提供者.
    pub provider: String,
    /// The procedure.
    pub procedure: String,
    /// The item.
    pub item: String,
    /// Whom, as the keeper knows them (the unit's code; at the network, an internal id).
    pub subject: String,
    /// 照会の日時 (RFC 3339).
    pub requested_at: String,
    /// 提供の日時 (RFC 3339).
    pub answered_at: String,
    /// provided or not-found.
    pub outcome: String,
    /// 不開示.
    pub non_disclosure: bool,
    /// SHA-256 of the request as sent, hex.
    pub request_hash: String,
}

/// Not whom it is about.
impl std::fmt::Debug for RecordBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordBody")
            .field("keeper", &self.keeper)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl From<&ExchangeRecord> for RecordBody {
    fn from(r: &ExchangeRecord) -> Self {
        Self {
            keeper: r.keeper.code().to_owned(),
            request_id: r.request_id.as_str().to_owned(),
            requester: r.requester.as_str().to_owned(),
            provider: r.provider.as_str().to_owned(),
            procedure: r.procedure.clone(),
            item: r.item.code().to_owned(),
            subject: r.subject.clone(),
            requested_at: time(r.requested_at_us),
            answered_at: time(r.answered_at_us),
            outcome: r.outcome.code().to_owned(),
            non_disclosure: r.non_disclosure,
            request_hash: r.request_hash.clone(),
        }
    }
}

/// 情報提供等の記録 (番号法第23条): the records a keeper kept of exchanges in which the unit
/// asked or answered, newest first: an agency its own units', an auditor of national scope
/// any.
#[utoipa::path(get, path = "/api/v1/exchange/records", tag = "exchange",
    params(RecordsQuery),
    responses((status = 200, body = Vec<RecordBody>), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn records(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppQuery(q): AppQuery<RecordsQuery>,
) -> Result<Json<Vec<RecordBody>>, ApiError> {
    let keeper = match q.keeper.as_deref() {
        None => Keeper::Requester,
        Some(k) => Keeper::parse_field("keeper", k).map_err(|e| ApiError::invalid(&e))?,
    };
    let records = state
        .app
        .exchange_records(&principal, &q.unit, keeper)
        .await?;
    Ok(Json(records.iter().map(RecordBody::from).collect()))
}

/// What a receipt's check found.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReceiptCheckBody {
    /// Always true in a 200 answer: signed with this system's ledger key, and read exactly.
    pub signed: bool,
    /// When the receipt was made (RFC 3339).
    pub issued_at: String,
    /// How many entries it names.
    pub entries: usize,
    /// The places it names that the ledger no longer holds as they were; empty when the
    /// history it states is all still there, unchanged.
    pub altered: Vec<AlteredBody>,
}

/// A place in the ledger that no longer holds what a receipt says.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AlteredBody {
    /// The partition.
    pub partition: String,
    /// The place in its chain.
    pub seq: i64,
}

/// The most bytes of a receipt sent for checking.
pub(crate) const RECEIPT_LIMIT: usize = 1024 * 1024;

/// Check an access history's receipt kept from before (public): its signature is this
/// system's ledger key's, and each entry and head it names is still in the ledger unchanged
/// (docs/design/portal.md).
#[utoipa::path(post, path = "/api/v1/history-receipts/check", tag = "ledger",
    request_body(content = String, content_type = "text/plain", description = "The receipt, exactly as issued"),
    responses((status = 200, body = ReceiptCheckBody), (status = 422, body = Problem)))]
pub(crate) async fn check_receipt(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<ReceiptCheckBody>, ApiError> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::field("receipt", "problem-receipt-malformed"))?;
    let check = state.app.check_history_receipt(text).await?;
    Ok(Json(ReceiptCheckBody {
        signed: true,
        issued_at: time(check.receipt.at_us),
        entries: check.receipt.entries.len(),
        altered: check
            .altered
            .into_iter()
            .map(|(partition, seq)| AlteredBody { partition, seq })
            .collect(),
    }))
}

/// Send a notice (お知らせ) to a person's portal.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoticeRequest {
    /// One of the agency's units.
    #[schema(example = "131041/mayor")]
    pub unit: String,
    /// The unit's code for the person.
    pub code: String,
    /// One line, at most 100 characters.
    #[schema(example = "児童手当の現況届について")]
    pub title: String,
    /// At most 2,000 characters, in lines.
    pub body: String,
}

/// Neither the code nor the text.
impl std::fmt::Debug for NoticeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoticeRequest")
            .field("unit", &self.unit)
            .finish_non_exhaustive()
    }
}

/// The notice sent.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NoticeBody {
    /// Its id.
    pub notice_id: String,
}

/// お知らせ: send a notice to the portal of the person the agency's unit knows by its code (an
/// agency's access token). The person sees which agency wrote, and when they read it.
#[utoipa::path(post, path = "/api/v1/exchange/notices", tag = "exchange",
    request_body = NoticeRequest,
    responses((status = 201, body = NoticeBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn send_notice(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<NoticeRequest>,
) -> Result<(StatusCode, Json<NoticeBody>), ApiError> {
    let notice_id = state
        .app
        .send_notice(&principal, &req.unit, &req.code, &req.title, &req.body)
        .await?;
    Ok((StatusCode::CREATED, Json(NoticeBody { notice_id })))
}
