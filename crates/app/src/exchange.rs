//! The exchange network (情報提供ネットワークシステム, 番号法第19条第8号, 第21条の2, 第23条;
//! docs/design/exchange.md) and the agencies' intermediate servers (中間サーバー) it reaches:
//! the units agencies act through, the codes issued through the register with a throwaway
//! 取得番号, the copies (副本) each unit provides, and the exchange itself: a request signed by
//! the requester, checked against the permission table, its code translated, answered by the
//! provider's intermediate server with the copy encrypted to the requester and the answer
//! signed over the request's hash, and recorded by all three.
//!
//! The network's part never holds a copy in the clear: the provider's part encrypts it to the
//! requester's key before the network's part sees the answer ([`App::exchange`]). Both parts
//! run in this process, as the municipalities' intermediate servers run on one shared platform
//! (outside-world §3.1, reported [U]); each unit's signing key is derived for it from the
//! platform's secret (a **choice**, docs/design/exchange.md).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair};
use mynumber_core::agency_code::{AgencyCode, AgencyUnit, ExchangeKey};
use mynumber_core::exchange::{
    CopyValues, DataItem, ExchangeAnswer, ExchangeRecord, ExchangeRequest, Keeper, Outcome,
    PermissionTable, UnitKind, request_hash,
};
use mynumber_core::organisation::{OrgRole, OrgStatus};
use mynumber_core::{
    Action, FieldError, IndividualNumber, Invalid, OrganisationId, Principal, RecordStatus, Subject,
};
use mynumber_pki::jose::{self, CompactJws};

use crate::access::authorize;
use crate::collections::organisation_of;
use crate::ledger::{Record, append};
use crate::ports::{CopyRow, RecordsOf, UnitRow};
use crate::{App, AppError, StoreError};

/// The most persons one request for codes names.
pub const MAX_CODE_REQUESTS: usize = 500;

/// The most copies one registration carries.
pub const MAX_COPIES: usize = 2_000;

/// The most records one listing returns.
pub const RECORDS_LISTED: i64 = 500;

/// The `typ` of a request's JWS, and of an answer's.
pub const REQUEST_TYP: &str = "mynumber-exchange-request+jwt";
/// See [`REQUEST_TYP`].
pub const ANSWER_TYP: &str = "mynumber-exchange-answer+jwt";

/// What the exchange writes as JSON, which only the API knows: the JOSE headers.
pub trait JoseHeaders: Send + Sync {
    /// A JWS's protected header: `alg` ES256, this `kid` and `typ`.
    fn jws(&self, kid: &str, typ: &str) -> Vec<u8>;
    /// A JWE's protected header: `alg` ECDH-ES, `enc` A256GCM, the ephemeral key's `x` and
    /// `y`, and the recipient's `kid`.
    fn jwe(&self, x: &str, y: &str, kid: &str) -> Vec<u8>;
}

/// The network's secrets and its table, as the shell loads them.
#[derive(Clone)]
pub struct ExchangeSettings {
    /// The network's key for the agency codes.
    pub key: ExchangeKey,
    /// The intermediate-server platform's secret, from which each unit's signing key is
    /// derived.
    pub platform_secret: [u8; 32],
    /// The permission table.
    pub table: PermissionTable,
}

impl ExchangeSettings {
    /// The settings with the table this system ships.
    pub fn new(key: [u8; 32], platform_secret: [u8; 32]) -> Self {
        Self {
            key: ExchangeKey::from_bytes(key),
            platform_secret,
            table: PermissionTable::standard(),
        }
    }
}

impl std::fmt::Debug for ExchangeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExchangeSettings")
            .field("rows", &self.table.rows().len())
            .finish_non_exhaustive()
    }
}

/// The network at run time: its settings and the units' signing keys, derived once each.
pub(crate) struct Network {
    pub(crate) settings: ExchangeSettings,
    server_keys: Mutex<HashMap<String, Arc<EcdsaKeyPair>>>,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.settings.fmt(f)
    }
}

/// Domain separation of the units' signing keys from every other use of the secret.
const SERVER_KEY_LABEL: &[u8] = b"mynumber/intermediate-server/v1\0";

impl Network {
    pub(crate) fn new(settings: ExchangeSettings) -> Self {
        Self {
            settings,
            server_keys: Mutex::default(),
        }
    }

    /// The signing key of `unit`'s intermediate server: the P-256 scalar
    /// HMAC-SHA-256(secret, label ‖ unit ‖ 0 ‖ counter), for the first counter that gives a
    /// scalar below the group order (all but one in 2³² do at the first).
    fn server_key(&self, unit: &AgencyUnit) -> Result<Arc<EcdsaKeyPair>, AppError> {
        let cached = self
            .server_keys
            .lock()
            .map_err(|_| AppError::Unavailable("the key cache is poisoned".into()))?
            .get(unit.as_str())
            .cloned();
        if let Some(key) = cached {
            return Ok(key);
        }
        let mac =
            aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &self.settings.platform_secret);
        let key = (0u8..=255)
            .find_map(|counter| {
                let mut input = SERVER_KEY_LABEL.to_vec();
                input.extend_from_slice(unit.as_str().as_bytes());
                input.extend_from_slice(&[0, counter]);
                let tag = aws_lc_rs::hmac::sign(&mac, &input);
                let scalar: [u8; 32] = tag.as_ref().try_into().ok()?;
                jose::es256_key_from_scalar(&scalar).ok()
            })
            .ok_or_else(|| AppError::Unavailable("no signing key for the unit".into()))?;
        let key = Arc::new(key);
        self.server_keys
            .lock()
            .map_err(|_| AppError::Unavailable("the key cache is poisoned".into()))?
            .insert(unit.as_str().to_owned(), key.clone());
        Ok(key)
    }
}

/// What an administrator registers for a unit.
#[derive(Clone, Debug)]
pub struct UnitInput<'a> {
    /// Its name on the network (`131041/mayor`).
    pub name: &'a str,
    /// Its kind (`municipality-mayor`, …).
    pub kind: &'a str,
    /// Its name for people.
    pub display_name: &'a str,
    /// The JWK `x` and `y` of the P-256 key answers are encrypted to.
    pub encryption_x: &'a str,
    /// See `encryption_x`.
    pub encryption_y: &'a str,
}

/// A unit as anyone may read it: what a requester needs to check an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedUnit {
    /// The unit.
    pub unit: UnitRow,
    /// Its intermediate server's signing key (`04 ‖ X ‖ Y`).
    pub signing_key: Vec<u8>,
}

/// One person asked for in a request for codes (第21条の2).
#[derive(Clone)]
pub struct CodeRequest<'a> {
    /// 取得番号: the requester's throwaway number for this person in this request. Returned
    /// with the code and then forgotten: never stored, never logged.
    pub acquisition: &'a str,
    /// The Individual Number, as the agency holds it.
    pub individual_number: &'a str,
}

/// Neither the number nor the acquisition number.
impl std::fmt::Debug for CodeRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeRequest").finish_non_exhaustive()
    }
}

/// The answer for one person: the 取得番号 as given, and the code or why there is none.
#[derive(Clone, PartialEq, Eq)]
pub struct CodeAnswer {
    /// The 取得番号, as given.
    pub acquisition: String,
    /// The unit's code for the person, or the problem.
    pub code: Result<AgencyCode, FieldError>,
}

/// Neither the 取得番号 nor the code.
impl std::fmt::Debug for CodeAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeAnswer")
            .field("issued", &self.code.is_ok())
            .finish_non_exhaustive()
    }
}

/// One copy as an agency registers it.
#[derive(Clone)]
pub struct CopyInput {
    /// The unit's code for the person.
    pub code: String,
    /// 不開示.
    pub non_disclosure: bool,
    /// The item's fields, by key.
    pub fields: Vec<(String, String)>,
}

/// Neither the code nor the values: a copy is personal data.
impl std::fmt::Debug for CopyInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CopyInput")
            .field("non_disclosure", &self.non_disclosure)
            .field("fields", &self.fields.len())
            .finish_non_exhaustive()
    }
}

/// A 取得番号: 1–64 ASCII letters, digits, `-` and `_`.
fn is_acquisition(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn invalid(e: FieldError) -> AppError {
    AppError::Invalid(Invalid(vec![e]))
}

fn unit_field(field: &'static str, name: &str) -> Result<AgencyUnit, AppError> {
    AgencyUnit::parse(name.trim())
        .ok_or_else(|| invalid(FieldError::new(field, "problem-exchange-unit-form")))
}

impl App {
    /// Registers an agency unit: an administrator's act, for an agency in force
    /// (`number-using`). The unit's name is final; its key is the one answers to it are
    /// encrypted to.
    pub async fn register_agency_unit(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
        input: &UnitInput<'_>,
    ) -> Result<PublishedUnit, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let mut problems = Vec::new();
        let name = AgencyUnit::parse(input.name.trim());
        if name.is_none() {
            problems.push(FieldError::new("name", "problem-exchange-unit-form"));
        }
        let kind = UnitKind::parse_field("kind", input.kind)
            .map_err(|e| problems.push(e))
            .ok();
        let display_name = match mynumber_core::clean_text("display_name", input.display_name, 100)
        {
            Ok(name) if !name.is_empty() => Some(name),
            Ok(_) => {
                problems.push(FieldError::new("display_name", "problem-required"));
                None
            }
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let key = jose::p256_point(input.encryption_x, input.encryption_y)
            .map_err(|_| problems.push(FieldError::new("encryption_key", "problem-exchange-key")))
            .ok();
        // The portal's unit is the system's own (docs/design/portal.md): no agency registers
        // one, or it could ask for anyone's data under the portal's rows of the table.
        if kind == Some(UnitKind::Portal) {
            problems.push(FieldError::new("kind", "problem-exchange-portal-kind"));
        }
        let (Some(name), Some(kind), Some(display_name), Some(key), true) =
            (name, kind, display_name, key, problems.is_empty())
        else {
            return Err(AppError::Invalid(Invalid(problems)));
        };
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let org = tx
            .organisation(organisation)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        if org.status != OrgStatus::Active || !org.roles.contains(&OrgRole::NumberUsing) {
            return Err(invalid(FieldError::new(
                "organisation",
                "problem-exchange-not-agency",
            )));
        }
        let now = self.clock.now_us();
        let row = UnitRow {
            name,
            organisation,
            kind,
            display_name,
            encryption_key: key,
            registered_at_us: now,
        };
        if !tx.insert_agency_unit(&row).await? {
            return Err(invalid(
                FieldError::new("name", "problem-exchange-unit-taken")
                    .arg("given", row.name.as_str().to_owned()),
            ));
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "agency-unit-registered",
                format!(
                    "organisation={organisation} unit={} kind={}",
                    row.name.as_str(),
                    row.kind.code()
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        self.publish_unit(row)
    }

    fn publish_unit(&self, unit: UnitRow) -> Result<PublishedUnit, AppError> {
        let signing_key = self
            .network
            .server_key(&unit.name)?
            .public_key()
            .as_ref()
            .to_vec();
        Ok(PublishedUnit { unit, signing_key })
    }

    /// The units registered, with their keys: public, as a requester needs them to check an
    /// answer and to know whom it may ask.
    pub async fn agency_units(&self) -> Result<Vec<PublishedUnit>, AppError> {
        let mut tx = self.store.begin_read().await?;
        let units = tx.agency_units(None).await?;
        drop(tx);
        units.into_iter().map(|u| self.publish_unit(u)).collect()
    }

    /// One unit, with its keys: public.
    pub async fn agency_unit(&self, name: &str) -> Result<PublishedUnit, AppError> {
        let name = unit_field("unit", name)?;
        let mut tx = self.store.begin_lookup().await?;
        let unit = tx
            .agency_unit(&name)
            .await?
            .ok_or(AppError::NotFound("unit"))?;
        drop(tx);
        self.publish_unit(unit)
    }

    /// The permission table the network applies: public, as the law's table is.
    pub fn permission_table(&self) -> &PermissionTable {
        &self.network.settings.table
    }

    /// A write transaction and the unit named `name`, which the policy lets the principal act
    /// on with `action` only if it is the agency's own: another agency's unit is refused, and
    /// recorded.
    pub(crate) async fn own_unit(
        &self,
        principal: &Principal,
        action: Action,
        name: &str,
    ) -> Result<(Box<dyn crate::Tx>, UnitRow), AppError> {
        let name = unit_field("unit", name)?;
        let mut tx = self.store.begin().await?;
        let unit = tx
            .agency_unit(&name)
            .await?
            .ok_or(AppError::NotFound("unit"))?;
        authorize!(
            self,
            tx,
            principal,
            action,
            &Subject::Organisation(unit.organisation),
            "unit"
        );
        Ok((tx, unit))
    }

    /// 符号の取得 (番号法第21条の2): the codes of the persons an agency names by their
    /// Individual Numbers, for one of its own units. Each number goes with a throwaway
    /// 取得番号; the register finds whose the number is, the network derives the unit's code
    /// from that person's 住民票コード, keeps whose code it is, and answers each code with its
    /// 取得番号. The 取得番号 is never stored or logged, and the number never leaves this call.
    /// Each person's code is recorded on their record as issued to the unit (never the code).
    pub async fn obtain_agency_codes(
        &self,
        principal: &Principal,
        unit: &str,
        requests: &[CodeRequest<'_>],
    ) -> Result<Vec<CodeAnswer>, AppError> {
        self.permit(principal, Action::ObtainAgencyCodes).await?;
        organisation_of(principal, Action::ObtainAgencyCodes)?;
        if requests.is_empty() || requests.len() > MAX_CODE_REQUESTS {
            return Err(invalid(
                FieldError::new("requests", "problem-exchange-batch")
                    .arg("max", MAX_CODE_REQUESTS as i64),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, r) in requests.iter().enumerate() {
            if !is_acquisition(r.acquisition) || !seen.insert(r.acquisition) {
                return Err(invalid(
                    FieldError::new("acquisition", "problem-exchange-acquisition")
                        .arg("row", i as i64 + 1),
                ));
            }
        }
        let (mut tx, unit) = self
            .own_unit(principal, Action::ObtainAgencyCodes, unit)
            .await?;
        let now = self.clock.now_us();
        let mut answers = Vec::with_capacity(requests.len());
        let mut issued = Vec::new();
        let mut records = Vec::new();
        for r in requests {
            let code = match IndividualNumber::parse(r.individual_number) {
                Err(e) => Err(FieldError::from_number("individual_number", &e)),
                Ok(number) => match tx.person_by_number(&number).await? {
                    Some((person, true)) => {
                        let p = tx
                            .person_by_id(person)
                            .await?
                            .ok_or(AppError::NotFound("resident"))?;
                        let v = crate::load::current_version(tx.as_mut(), person).await?;
                        if matches!(v.resident.status, RecordStatus::Active) {
                            let code = self.network.settings.key.code(&p.resident_code, &unit.name);
                            issued.push((unit.name.clone(), code.clone(), person));
                            records.push(Record {
                                partition: v.resident.record.municipality().as_str().to_owned(),
                                action: "agency-code-issued",
                                person: Some(person),
                                purpose: None,
                                detail: format!("unit={}", unit.name.as_str()),
                            });
                            Ok(code)
                        } else {
                            Err(FieldError::new(
                                "individual_number",
                                "problem-exchange-number-unknown",
                            ))
                        }
                    }
                    _ => Err(FieldError::new(
                        "individual_number",
                        "problem-exchange-number-unknown",
                    )),
                },
            };
            answers.push(CodeAnswer {
                acquisition: r.acquisition.to_owned(),
                code,
            });
        }
        tx.insert_agency_codes(&issued, now).await?;
        let unmatched = answers.iter().filter(|a| a.code.is_err()).count();
        records.push(Record::national(
            "agency-codes-issued",
            format!(
                "unit={} issued={} unmatched={unmatched}",
                unit.name.as_str(),
                issued.len()
            ),
        ));
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(answers)
    }

    /// 副本登録: registers copies of `item` on the intermediate server of one of the agency's
    /// own units, replacing those of the same persons. Every copy is checked against the
    /// item's layout and every code must be one the network issued to the unit; any problem
    /// refuses the whole registration, each named with its row.
    pub async fn put_copies(
        &self,
        principal: &Principal,
        unit: &str,
        item: &str,
        copies: &[CopyInput],
    ) -> Result<usize, AppError> {
        self.permit(principal, Action::ManageCopies).await?;
        let item = DataItem::parse_field("item", item).map_err(invalid)?;
        if copies.is_empty() || copies.len() > MAX_COPIES {
            return Err(invalid(
                FieldError::new("rows", "problem-exchange-batch").arg("max", MAX_COPIES as i64),
            ));
        }
        let mut problems = Vec::new();
        let mut parsed = Vec::with_capacity(copies.len());
        for (i, c) in copies.iter().enumerate() {
            let row = i as i64 + 1;
            let code = AgencyCode::parse(c.code.trim());
            if code.is_none() {
                problems
                    .push(FieldError::new("code", "problem-exchange-code-form").arg("row", row));
            }
            let pairs: Vec<(&str, &str)> = c
                .fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let values = CopyValues::new(item, &pairs)
                .map_err(|e| problems.extend(e.into_iter().map(|p| p.arg("row", row))))
                .ok();
            if let (Some(code), Some(values)) = (code, values) {
                parsed.push((code, values, c.non_disclosure));
            }
            if problems.len() >= 50 {
                break;
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(Invalid(problems)));
        }
        let (mut tx, unit) = self.own_unit(principal, Action::ManageCopies, unit).await?;
        let now = self.clock.now_us();
        let mut rows = Vec::with_capacity(parsed.len());
        for (i, (code, copy, non_disclosure)) in parsed.into_iter().enumerate() {
            if tx.person_by_agency_code(&unit.name, &code).await?.is_none() {
                problems.push(
                    FieldError::new("code", "problem-exchange-code-unknown")
                        .arg("row", i as i64 + 1),
                );
                if problems.len() >= 50 {
                    break;
                }
                continue;
            }
            rows.push(CopyRow {
                unit: unit.name.clone(),
                code,
                copy,
                non_disclosure,
                updated_at_us: now,
            });
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(Invalid(problems)));
        }
        tx.put_copies(&rows).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "exchange-copies-registered",
                format!(
                    "unit={} item={} copies={}",
                    unit.name.as_str(),
                    item.code(),
                    rows.len()
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(rows.len())
    }

    /// 副本登録 from CSV: a header row of `code`, `non-disclosure` (`yes`/`no`) and the item's
    /// fields by key (in any order), then one row per person. UTF-8.
    pub async fn put_copies_csv(
        &self,
        principal: &Principal,
        unit: &str,
        item: &str,
        csv: &[u8],
    ) -> Result<usize, AppError> {
        self.permit(principal, Action::ManageCopies).await?;
        let layout = DataItem::parse_field("item", item)
            .map_err(invalid)?
            .layout();
        let copies = read_copies_csv(csv, layout.len() + 2)?;
        self.put_copies(principal, unit, item, &copies).await
    }

    /// 情報照会: one exchange through the network. `raw` is the compact JWS the requester sent
    /// (split as `jws`, its header naming `kid`, one of the agency's registered keys).
    ///
    /// 1. The request's text is read; the requesting unit must be the principal's own, its
    ///    key must have signed it, and it must be fresh.
    /// 2. The policy decides with the permission table's answer; a request outside the table
    ///    is refused and recorded.
    /// 3. The network finds whose the requester's code is and derives the provider's code.
    /// 4. The provider's intermediate server finds its copy, encrypts it to the requester's
    ///    key and signs the answer with the request's hash.
    /// 5. The requester's, the provider's and the network's records are written together, once
    ///    per request id (a replay is refused), and the signed answer returned.
    pub async fn exchange(
        &self,
        principal: &Principal,
        raw: &str,
        jws: &CompactJws,
        kid: &str,
        headers: &dyn JoseHeaders,
    ) -> Result<String, AppError> {
        self.permit(principal, Action::RequestExchange).await?;
        let me = organisation_of(principal, Action::RequestExchange)?;
        let request = std::str::from_utf8(&jws.payload)
            .ok()
            .and_then(ExchangeRequest::parse)
            .ok_or_else(|| invalid(FieldError::new("request", "problem-exchange-malformed")))?;
        let arrived = self.clock.now_us();
        // Everything is read, checked and signed before the writer's turn, which is what bounds
        // the network on SQLite (docs/performance.md); the write is the three records, which
        // fail together on a replayed id.
        let mut read = self.store.begin_lookup().await?;
        // The signature first, with the caller's own keys (which says nothing of any unit),
        // and the time: nothing unsigned or stale is looked into further, or recorded.
        let signed_by_us = read
            .organisation_keys(me)
            .await?
            .into_iter()
            .find(|k| k.kid == kid && k.revoked_at_us.is_none())
            .is_some_and(|k| jose::verify_es256(jws, &k.public_key).is_ok());
        if !signed_by_us {
            return Err(invalid(FieldError::new(
                "request",
                "problem-exchange-signature",
            )));
        }
        if !request.is_fresh(arrived.div_euclid(1_000_000)) {
            return Err(invalid(FieldError::new(
                "request",
                "problem-exchange-stale",
            )));
        }
        let requester = read
            .agency_unit(&request.requester)
            .await?
            .ok_or(AppError::NotFound("unit"))?;
        let provider = read.agency_unit(&request.provider).await?;
        let permitted = provider.as_ref().is_some_and(|p| {
            self.network.settings.table.permits(
                &request.procedure,
                requester.kind,
                p.kind,
                request.item,
            )
        });
        if let Err(refusal) = self.decide(
            principal,
            Action::RequestExchange,
            &Subject::Exchange {
                organisation: requester.organisation,
                permitted,
            },
            "unit",
        ) {
            drop(read);
            // Both records of the refusal in one transaction: the refusal as every refusal is
            // recorded, and what was asked.
            let reason = refusal.denied.code();
            let mut tx = self.store.begin().await?;
            append(
                tx.as_mut(),
                &principal.ledger_name(),
                arrived,
                vec![
                    Record::national(
                        "access-denied",
                        format!("action={} reason={reason}", Action::RequestExchange.code()),
                    ),
                    Record::national(
                        "exchange-refused",
                        format!(
                            "requester={} provider={} procedure={} item={} reason={reason}",
                            request.requester.as_str(),
                            request.provider.as_str(),
                            request.procedure,
                            request.item.code(),
                        ),
                    ),
                ],
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Denied(refusal.denied));
        }
        let provider = provider.ok_or(AppError::NotFound("unit"))?;
        // A provider whose agency is suspended or revoked answers nothing.
        if read
            .organisation(provider.organisation)
            .await?
            .is_none_or(|o| o.status != OrgStatus::Active)
        {
            return Err(invalid(FieldError::new(
                "provider",
                "problem-exchange-provider-out",
            )));
        }
        // The network: whose the requester's code is, and the provider's code for them.
        let person = read
            .person_by_agency_code(&request.requester, &request.code)
            .await?
            .ok_or_else(|| invalid(FieldError::new("code", "problem-exchange-code-unknown")))?;
        let resident = read
            .person_by_id(person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let provider_code = self
            .network
            .settings
            .key
            .code(&resident.resident_code, &provider.name);
        // The provider's intermediate server: its copy, sealed to the requester.
        let copy = read
            .exchange_copy(&provider.name, request.item, &provider_code)
            .await?;
        drop(read);
        let answered = self.clock.now_us();
        let payload = match &copy {
            Some(c) => Some(self.seal_copy(&c.copy, &requester, headers)?),
            None => None,
        };
        let answer = ExchangeAnswer {
            id: request.id.clone(),
            requester: request.requester.clone(),
            provider: request.provider.clone(),
            procedure: request.procedure.clone(),
            item: request.item,
            request_hash: request_hash(raw),
            requested_at_s: request.requested_at_s,
            answered_at_s: answered.div_euclid(1_000_000),
            outcome: if copy.is_some() {
                Outcome::Provided
            } else {
                Outcome::NotFound
            },
            non_disclosure: copy.as_ref().is_some_and(|c| c.non_disclosure),
            payload,
        };
        let signed = jose::sign_es256_with(
            self.network.server_key(&provider.name)?.as_ref(),
            &headers.jws(provider.name.as_str(), ANSWER_TYP),
            answer.to_text().as_bytes(),
        )
        .map_err(|e| AppError::Unavailable(format!("signing the answer: {e}")))?;
        let record = |keeper: Keeper, subject: String| ExchangeRecord {
            keeper,
            request_id: request.id.clone(),
            requester: request.requester.clone(),
            provider: request.provider.clone(),
            procedure: request.procedure.clone(),
            item: request.item,
            subject,
            requested_at_us: arrived,
            answered_at_us: answered,
            outcome: answer.outcome,
            non_disclosure: answer.non_disclosure,
            request_hash: answer.request_hash.clone(),
        };
        let records = [
            record(Keeper::Requester, request.code.expose().to_owned()),
            record(Keeper::Provider, provider_code.expose().to_owned()),
            record(Keeper::Network, person.to_hex()),
        ];
        let mut tx = self.store.begin().await?;
        match tx.insert_exchange_records(&records).await {
            Err(StoreError::Conflict(_)) => {
                return Err(invalid(FieldError::new(
                    "request",
                    "problem-exchange-replay",
                )));
            }
            other => other?,
        }
        tx.commit().await?;
        Ok(signed)
    }

    /// The copy's text as a compact JWE to the requesting unit's key (ECDH-ES, A256GCM).
    fn seal_copy(
        &self,
        copy: &CopyValues,
        requester: &UnitRow,
        headers: &dyn JoseHeaders,
    ) -> Result<String, AppError> {
        let ephemeral: [u8; 32] = self.random_bytes();
        let iv: [u8; 12] = self.random_bytes();
        let kid = requester.name.as_str();
        jose::encrypt_ecdh_es_a256gcm(
            &requester.encryption_key,
            &ephemeral,
            &iv,
            &|x, y| headers.jwe(x, y, kid),
            copy.to_text().as_bytes(),
        )
        .map_err(|e| AppError::Unavailable(format!("sealing the copy: {e}")))
    }

    /// The 第23条 records `keeper` kept in which the unit `unit` asked or answered: the
    /// agency's own units, or any for an auditor of national scope.
    pub async fn exchange_records(
        &self,
        principal: &Principal,
        unit: &str,
        keeper: Keeper,
    ) -> Result<Vec<ExchangeRecord>, AppError> {
        self.permit(principal, Action::ReadExchangeRecords).await?;
        let name = unit_field("unit", unit)?;
        let mut read = self.store.begin_read().await?;
        let owner = read
            .agency_unit(&name)
            .await?
            .ok_or(AppError::NotFound("unit"))?
            .organisation;
        authorize!(
            self,
            read,
            principal,
            Action::ReadExchangeRecords,
            &Subject::ExchangeRecords {
                organisation: owner,
                network: keeper == Keeper::Network,
            },
            "unit"
        );
        let records = read
            .exchange_records(&RecordsOf::Unit(keeper, name.clone()), RECORDS_LISTED)
            .await?;
        drop(read);
        // The records name persons by codes (and at the network by id): reading them is
        // recorded, as every read of personal data is.
        self.record(
            principal,
            vec![Record::national(
                "exchange-records-read",
                format!(
                    "unit={} keeper={} records={}",
                    name.as_str(),
                    keeper.code(),
                    records.len()
                ),
            )],
        )
        .await?;
        Ok(records)
    }
}

/// Reads copies from CSV (`put_copies_csv`): every problem named with its line.
fn read_copies_csv(csv: &[u8], max_columns: usize) -> Result<Vec<CopyInput>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(csv);
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| invalid(FieldError::new("csv", "problem-exchange-csv")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    if header.len() > max_columns {
        return Err(invalid(
            FieldError::new("csv", "problem-copy-fields-too-many")
                .arg("max", max_columns.saturating_sub(2) as i64),
        ));
    }
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(code), Some(non_disclosure)) = (column("code"), column("non-disclosure")) else {
        return Err(invalid(FieldError::new(
            "csv",
            "problem-exchange-csv-header",
        )));
    };
    let mut copies = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as i64 + 2;
        let record = record.map_err(|_| {
            invalid(FieldError::new("csv", "problem-exchange-csv").arg("line", line))
        })?;
        let flag = match record.get(non_disclosure).map(str::trim) {
            Some("yes") => true,
            Some("no") => false,
            _ => {
                return Err(invalid(
                    FieldError::new("non-disclosure", "problem-copy-code").arg("row", line - 1),
                ));
            }
        };
        copies.push(CopyInput {
            code: record.get(code).unwrap_or_default().trim().to_owned(),
            non_disclosure: flag,
            fields: header
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != code && *j != non_disclosure)
                .map(|(j, h)| (h.clone(), record.get(j).unwrap_or_default().to_owned()))
                .collect(),
        });
        if copies.len() > MAX_COPIES {
            return Err(invalid(
                FieldError::new("rows", "problem-exchange-batch").arg("max", MAX_COPIES as i64),
            ));
        }
    }
    Ok(copies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_read_from_csv_by_their_header() {
        let csv = "\u{feff}code,non-disclosure,fiscal-year,total-income\nABC,no,2026,100\nDEF,yes,2025,0\n";
        let copies = read_copies_csv(csv.as_bytes(), 9).unwrap();
        assert_eq!(copies.len(), 2);
        assert_eq!(copies[1].code, "DEF");
        assert!(copies[1].non_disclosure);
        assert_eq!(
            copies[0].fields,
            [
                ("fiscal-year".to_owned(), "2026".to_owned()),
                ("total-income".to_owned(), "100".to_owned())
            ]
        );
        assert!(read_copies_csv(b"code,fiscal-year\nA,1\n", 9).is_err());
        assert!(read_copies_csv(b"code,non-disclosure\nA,perhaps\n", 9).is_err());
        assert!(read_copies_csv(b"code,non-disclosure\nA,no,extra\n", 9).is_err());
        assert!(read_copies_csv(b"code,non-disclosure,a,b\nA,no,1,2\n", 3).is_err());
    }

    #[test]
    fn acquisition_numbers_are_short_plain_tokens() {
        assert!(is_acquisition("req-0001_a"));
        assert!(!is_acquisition(""));
        assert!(!is_acquisition(&"a".repeat(65)));
        assert!(!is_acquisition("a b"));
    }
}
