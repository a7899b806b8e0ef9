//! Converting between domain types and flat rows: bind values out, decode rows in.
//!
//! Rows are validated again on the way in, so a manual edit that breaks an invariant surfaces as
//! `StoreError::Corrupt` instead of a wrong answer.

use crate::sql::Row;
use hex::FromHex;
use jiff::civil::Date;
use mynumber_app::{
    CallRow, CardApplicationRow, CardRow, CertificateRow, CrlRow, CurrentRow, DocumentRow,
    ImportBatchRow, ImportHouseholdRow, ImportJobRow, NoticeRow, PersonRow, StoreError, VersionRow,
};
use mynumber_core::call::{Caller, Outcome};
use mynumber_core::card::{CardKind, CardStatus, Channel, Reason};
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::document::VerificationCode;
use mynumber_core::ledger::{EntryContent, StoredEntry};
use mynumber_core::notice::NoticeStatus;
use mynumber_core::{
    Address, ApplicationId, HouseholdId, Language, MovedTo, MunicipalityCode, NameInput,
    Nationality, NoticeId, PersonId, Prefecture, RecordStatus, Relationship, RemovalReason,
    ResidenceCardNumber, Resident, ResidentCode, ResidentRecord, Sex, StaffId, StatusOfResidence,
};

/// A value to bind.
#[derive(Debug, Clone)]
pub(crate) enum Val {
    Int(i64),
    /// A NULL in a text column.
    Null,
    /// A NULL in an integer column (PostgreSQL types the parameter).
    NullInt,
    Text(String),
    /// Bytes (`BYTEA`, `BLOB`).
    Bytes(Vec<u8>),
    /// A NULL in a bytes column.
    NullBytes,
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}
impl From<String> for Val {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        v.map_or(Self::Null, Val::from)
    }
}
impl From<&String> for Val {
    fn from(s: &String) -> Self {
        Self::Text(s.clone())
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Self::NullInt, Self::Int)
    }
}
impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Self::Bytes(v)
    }
}
impl From<Option<Vec<u8>>> for Val {
    fn from(v: Option<Vec<u8>>) -> Self {
        v.map_or(Self::NullBytes, Self::Bytes)
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        v.map_or(Self::Null, Val::Text)
    }
}

/// The columns of `resident_versions`, in the order [`version_values`] produces them.
pub(crate) const VERSION_COLUMNS: &str = "person_id, version, procedure, effective_on, recorded_at_us, actor, status, removal_reason, removed_on, municipality_code, prefecture, address, family_name, given_name, family_name_kana, given_name_kana, latin_name, alias, birth_date, sex, household_id, relationship, preferred_language, nationality, residence_card_number, status_of_residence, period_of_stay_until, moved_to, moved_with_card, stay_extension_applied_on";

/// The same columns qualified with the alias `v`, for joins.
pub(crate) fn version_columns_qualified() -> String {
    VERSION_COLUMNS
        .split(", ")
        .map(|c| format!("v.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) const VERSION_COLUMN_COUNT: usize = 30;

/// The search keys of a version, written beside its columns and never read back: only searched.
pub(crate) const SEARCH_KEY_COLUMNS: &str = "name_key, kana_key, latin_key, alias_key";

/// The values of [`SEARCH_KEY_COLUMNS`] for a record.
pub(crate) fn search_key_values(record: &mynumber_core::ResidentRecord) -> [Val; 4] {
    let keys = mynumber_core::search::SearchKeys::of(record);
    [
        keys.name.into(),
        keys.kana.into(),
        keys.latin.map_or(Val::Null, Val::Text),
        keys.alias.map_or(Val::Null, Val::Text),
    ]
}

/// The rows of `search_terms` for a version: each distinct non-empty key, with the version.
pub(crate) fn search_term_values(v: &VersionRow) -> Vec<Vec<Val>> {
    let keys = mynumber_core::search::SearchKeys::of(&v.resident.record);
    let mut terms: Vec<String> = [Some(keys.name), Some(keys.kana), keys.latin, keys.alias]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort_unstable();
    terms.dedup();
    terms
        .into_iter()
        .map(|t| vec![t.into(), v.person.to_hex().into(), v.version.into()])
        .collect()
}

pub(crate) fn version_values(v: &VersionRow) -> Vec<Val> {
    let r = &v.resident.record;
    let (status, reason, on, moved_to) = match v.resident.status {
        RecordStatus::Active => ("active", None, None, None),
        RecordStatus::Removed {
            reason,
            on,
            moved_to,
        } => (
            "removed",
            Some(reason.code()),
            Some(on.to_string()),
            moved_to,
        ),
    };
    let f = r.foreign();
    vec![
        v.person.to_hex().into(),
        v.version.into(),
        v.procedure.as_str().into(),
        v.effective_on.to_string().into(),
        v.recorded_at_us.into(),
        v.actor.as_str().into(),
        status.into(),
        reason.into(),
        on.into(),
        r.municipality().as_str().into(),
        i64::from(r.address().prefecture().code()).into(),
        r.address().rest().into(),
        r.name().family().into(),
        r.name().given().into(),
        r.name().family_kana().into(),
        r.name().given_kana().into(),
        r.name().latin().into(),
        r.name().alias().into(),
        r.birth_date().to_string().into(),
        i64::from(r.sex().code()).into(),
        r.household().to_hex().into(),
        r.relationship().code().into(),
        r.language().tag().into(),
        f.map(|f| f.nationality().code().to_owned()).into(),
        f.and_then(|f| f.residence_card_number())
            .map(|c| c.as_str())
            .into(),
        f.map(|f| f.status().code()).into(),
        f.and_then(|f| f.period_of_stay_until())
            .map(|d| d.to_string())
            .into(),
        moved_to.map(|m| m.municipality.as_str().to_owned()).into(),
        i64::from(moved_to.is_some_and(|m| m.with_card)).into(),
        f.and_then(|f| f.extension_applied_on())
            .map(|d| d.to_string())
            .into(),
    ]
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

pub(crate) fn text(row: &Row, col: &str) -> Result<String, StoreError> {
    row.try_get::<String, _>(col)
        .map_err(|e| corrupt(format!("{col}: {e}")))
}

pub(crate) fn opt_text(row: &Row, col: &str) -> Result<Option<String>, StoreError> {
    row.try_get::<Option<String>, _>(col)
        .map_err(|e| corrupt(format!("{col}: {e}")))
}

pub(crate) fn int(row: &Row, col: &str) -> Result<i64, StoreError> {
    row.try_get::<i64, _>(col)
        .map_err(|e| corrupt(format!("{col}: {e}")))
}

fn date(row: &Row, col: &str) -> Result<Date, StoreError> {
    text(row, col)?
        .parse()
        .map_err(|_| corrupt(format!("{col} is not a date")))
}

pub(crate) fn person_id(s: &str) -> Result<PersonId, StoreError> {
    PersonId::parse(s).ok_or_else(|| corrupt("person id"))
}

pub(crate) fn decode_person(row: &Row) -> Result<PersonRow, StoreError> {
    Ok(PersonRow {
        id: person_id(&text(row, "id")?)?,
        resident_code: ResidentCode::parse(&text(row, "resident_code")?)
            .map_err(|_| corrupt("resident_code"))?,
        current_version: int(row, "current_version")?,
    })
}

pub(crate) fn decode_version(row: &Row) -> Result<VersionRow, StoreError> {
    let status = match text(row, "status")?.as_str() {
        "active" => RecordStatus::Active,
        "removed" => RecordStatus::Removed {
            reason: RemovalReason::parse(&opt_text(row, "removal_reason")?.unwrap_or_default())
                .ok_or_else(|| corrupt("removal_reason"))?,
            on: opt_text(row, "removed_on")?
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| corrupt("removed_on"))?,
            moved_to: opt_text(row, "moved_to")?
                .map(|m| {
                    Ok::<_, StoreError>(MovedTo {
                        municipality: MunicipalityCode::parse(&m)
                            .map_err(|_| corrupt("moved_to"))?,
                        with_card: int(row, "moved_with_card")? != 0,
                    })
                })
                .transpose()?,
        },
        other => return Err(corrupt(format!("status {other:?}"))),
    };
    let prefecture = u8::try_from(int(row, "prefecture")?)
        .ok()
        .and_then(Prefecture::from_code)
        .ok_or_else(|| corrupt("prefecture"))?;
    let municipality =
        MunicipalityCode::parse(&text(row, "municipality_code")?).map_err(corrupt)?;
    let address =
        Address::new(prefecture, municipality, &text(row, "address")?).map_err(corrupt)?;
    let sex = Sex::parse(&int(row, "sex")?.to_string()).map_err(corrupt)?;
    let household =
        HouseholdId::parse(&text(row, "household_id")?).ok_or_else(|| corrupt("household_id"))?;
    let relationship =
        Relationship::parse(&text(row, "relationship")?).ok_or_else(|| corrupt("relationship"))?;
    let language = Language::parse(&text(row, "preferred_language")?).map_err(corrupt)?;
    let foreign = match opt_text(row, "nationality")? {
        None => None,
        Some(n) => Some((
            Nationality::parse(&n).map_err(corrupt)?,
            opt_text(row, "residence_card_number")?
                .map(|c| ResidenceCardNumber::parse(&c))
                .transpose()
                .map_err(corrupt)?,
            StatusOfResidence::parse(&opt_text(row, "status_of_residence")?.unwrap_or_default())
                .map_err(corrupt)?,
            opt_text(row, "period_of_stay_until")?
                .map(|s| s.parse::<Date>())
                .transpose()
                .map_err(|_| corrupt("period_of_stay_until"))?,
            opt_text(row, "stay_extension_applied_on")?
                .map(|s| s.parse::<Date>())
                .transpose()
                .map_err(|_| corrupt("stay_extension_applied_on"))?,
        )),
    };
    let name = NameInput {
        family: text(row, "family_name")?,
        given: text(row, "given_name")?,
        family_kana: opt_text(row, "family_name_kana")?,
        given_kana: opt_text(row, "given_name_kana")?,
        latin: opt_text(row, "latin_name")?,
        alias: opt_text(row, "alias")?,
    };
    let record = ResidentRecord::from_stored(
        name,
        date(row, "birth_date")?,
        sex,
        address,
        household,
        relationship,
        language,
        foreign,
    );
    Ok(VersionRow {
        person: person_id(&text(row, "person_id")?)?,
        version: int(row, "version")?,
        procedure: text(row, "procedure")?,
        effective_on: date(row, "effective_on")?,
        recorded_at_us: int(row, "recorded_at_us")?,
        actor: text(row, "actor")?,
        resident: Resident { record, status },
    })
}

pub(crate) fn decode_current(row: &Row) -> Result<CurrentRow, StoreError> {
    Ok(CurrentRow {
        person: decode_person(row)?,
        version: decode_version(row)?,
    })
}

pub(crate) const LEDGER_COLUMNS: &str =
    "partition_key, seq, at_us, actor, action, person_id, purpose, detail, prev_hash, hash";

pub(crate) fn ledger_values(e: &StoredEntry) -> Vec<Val> {
    let c = &e.content;
    vec![
        c.partition.as_str().into(),
        c.seq.into(),
        c.at_us.into(),
        c.actor.as_str().into(),
        c.action.as_str().into(),
        c.person.map(|p| p.to_hex()).into(),
        c.purpose.as_deref().into(),
        c.detail.as_str().into(),
        hex::encode(e.prev_hash).into(),
        hex::encode(e.hash).into(),
    ]
}

/// Decodes an entry as stored, without checking it: verification is the chain's job, and must
/// see exactly what is in the database.
pub(crate) fn decode_ledger(row: &Row) -> Result<StoredEntry, StoreError> {
    let hash = |col: &str| -> Result<[u8; 32], StoreError> {
        <[u8; 32]>::from_hex(text(row, col)?)
            .ok()
            .ok_or_else(|| corrupt(format!("{col} is not a hash")))
    };
    Ok(StoredEntry {
        content: EntryContent {
            partition: text(row, "partition_key")?,
            seq: int(row, "seq")?,
            at_us: int(row, "at_us")?,
            actor: text(row, "actor")?,
            action: text(row, "action")?,
            person: opt_text(row, "person_id")?
                .map(|s| person_id(&s))
                .transpose()?,
            purpose: opt_text(row, "purpose")?,
            detail: text(row, "detail")?,
        },
        prev_hash: hash("prev_hash")?,
        hash: hash("hash")?,
    })
}

pub(crate) const NOTICE_COLUMNS: &str = "id, person_id, municipality_code, generation, \
     application_id, status, queued_at_us, batch, sent_at_us, outcome_at_us";

pub(crate) fn opt_int(row: &Row, col: &str) -> Result<Option<i64>, StoreError> {
    row.try_get::<Option<i64>, _>(col)
        .map_err(|e| corrupt(format!("{col}: {e}")))
}

fn municipality(row: &Row) -> Result<MunicipalityCode, StoreError> {
    MunicipalityCode::parse(&text(row, "municipality_code")?)
        .map_err(|_| corrupt("municipality_code"))
}

pub(crate) fn decode_notice(row: &Row) -> Result<NoticeRow, StoreError> {
    Ok(NoticeRow {
        id: NoticeId::parse(&text(row, "id")?).ok_or_else(|| corrupt("notice id"))?,
        person: person_id(&text(row, "person_id")?)?,
        municipality: municipality(row)?,
        generation: u32::try_from(int(row, "generation")?)
            .map_err(|_| corrupt("notice generation"))?,
        application_id: opt_text(row, "application_id")?
            .map(|s| ApplicationId::parse(&s).map_err(|_| corrupt("application_id")))
            .transpose()?,
        status: NoticeStatus::parse(&text(row, "status")?)
            .ok_or_else(|| corrupt("notice status"))?,
        queued_at_us: int(row, "queued_at_us")?,
        batch: opt_text(row, "batch")?,
        sent_at_us: opt_int(row, "sent_at_us")?,
        outcome_at_us: opt_int(row, "outcome_at_us")?,
    })
}

pub(crate) fn decode_document(row: &Row) -> Result<DocumentRow, StoreError> {
    Ok(DocumentRow {
        code: VerificationCode::parse(&text(row, "code")?)
            .ok_or_else(|| corrupt("verification code"))?,
        kind: text(row, "kind")?,
        person: person_id(&text(row, "person_id")?)?,
        municipality: municipality(row)?,
        issued_at_us: int(row, "issued_at_us")?,
        issued_by: text(row, "issued_by")?,
        digest: <[u8; 32]>::from_hex(text(row, "digest")?)
            .ok()
            .ok_or_else(|| corrupt("document digest"))?,
        summary: text(row, "summary")?,
    })
}

pub(crate) const CERTIFICATE_COLUMNS: &str = "serial, hierarchy, person_id, status, reason, \
     revoked_at_us, not_after_us, issued_at_us, certificate";

/// Bytes stored as hex text.
pub(crate) fn unhex(s: &str) -> Result<Vec<u8>, StoreError> {
    hex::decode(s).map_err(|_| corrupt("hex field"))
}

pub(crate) fn decode_certificate(row: &Row) -> Result<CertificateRow, StoreError> {
    Ok(CertificateRow {
        serial: text(row, "serial")?,
        hierarchy: text(row, "hierarchy")?,
        person: person_id(&text(row, "person_id")?)?,
        status: CertificateStatus::parse(&text(row, "status")?)
            .ok_or_else(|| corrupt("certificate status"))?,
        reason: opt_text(row, "reason")?,
        revoked_at_us: opt_int(row, "revoked_at_us")?,
        not_after_us: int(row, "not_after_us")?,
        issued_at_us: int(row, "issued_at_us")?,
        der: unhex(&text(row, "certificate")?)?,
    })
}

pub(crate) const CARD_APPLICATION_COLUMNS: &str = "id, person_id, municipality_code, channel, \
     reason, cause, application_id, kind, with_certificates, express, fee_yen, applied_on, \
     received_at_us, card_serial";

/// The `reason` column of a card application: its code, or for a re-issue its fee class
/// (migration 0013; the cause goes in `cause`).
pub(crate) fn reason_class(reason: Reason) -> &'static str {
    match reason {
        r if !r.is_reissue() => r.code(),
        r if r.holder_pays() => Reason::Reissue.code(),
        _ => Reason::ReissueFree.code(),
    }
}

/// A card application; `with_photo` when the query selected the photo column too.
pub(crate) fn decode_card_application(
    row: &Row,
    with_photo: bool,
) -> Result<CardApplicationRow, StoreError> {
    Ok(CardApplicationRow {
        id: text(row, "id")?,
        person: person_id(&text(row, "person_id")?)?,
        municipality: municipality(row)?,
        channel: Channel::parse(&text(row, "channel")?).ok_or_else(|| corrupt("channel"))?,
        // A re-issue's cause where recorded (migration 0013), else the reason as it was.
        reason: Reason::parse(&opt_text(row, "cause")?.unwrap_or(text(row, "reason")?))
            .ok_or_else(|| corrupt("reason"))?,
        application_id: opt_text(row, "application_id")?
            .map(|s| ApplicationId::parse(&s).map_err(|_| corrupt("application_id")))
            .transpose()?,
        kind: CardKind::parse(&text(row, "kind")?).ok_or_else(|| corrupt("card kind"))?,
        with_certificates: int(row, "with_certificates")? != 0,
        express: int(row, "express")? != 0,
        fee_yen: int(row, "fee_yen")?,
        photo: if with_photo {
            row.try_get::<Option<Vec<u8>>, _>("photo")
                .map_err(|e| corrupt(format!("photo: {e}")))?
        } else {
            None
        },
        applied_on: date(row, "applied_on")?,
        received_at_us: int(row, "received_at_us")?,
        card_serial: opt_text(row, "card_serial")?,
    })
}

pub(crate) const CALL_COLUMNS: &str = "id, operator_id, language, caller, person_id, outcome, \
     police_report, card_serial, opened_at_us, closed_at_us";

pub(crate) fn decode_call(row: &Row) -> Result<CallRow, StoreError> {
    Ok(CallRow {
        id: text(row, "id")?,
        operator: StaffId::parse(&text(row, "operator_id")?).ok_or_else(|| corrupt("operator"))?,
        language: text(row, "language")?,
        caller: Caller::parse(&text(row, "caller")?).ok_or_else(|| corrupt("caller"))?,
        person: opt_text(row, "person_id")?
            .map(|p| person_id(&p))
            .transpose()?,
        outcome: Outcome::parse(&text(row, "outcome")?).ok_or_else(|| corrupt("outcome"))?,
        police_report: opt_text(row, "police_report")?,
        card_serial: opt_text(row, "card_serial")?,
        opened_at_us: int(row, "opened_at_us")?,
        closed_at_us: opt_int(row, "closed_at_us")?,
    })
}

pub(crate) const CARD_COLUMNS: &str = "serial, person_id, application, municipality_code, kind, \
     status, end_reason, expiry, birthday_limit, produced_at_us, changed_at_us, \
     signature_certificate, authentication_certificate, continue_by, additions";

pub(crate) fn decode_card(row: &Row) -> Result<CardRow, StoreError> {
    let status = text(row, "status")?;
    let reason = opt_text(row, "end_reason")?;
    Ok(CardRow {
        serial: text(row, "serial")?,
        person: person_id(&text(row, "person_id")?)?,
        application: text(row, "application")?,
        municipality: municipality(row)?,
        kind: CardKind::parse(&text(row, "kind")?).ok_or_else(|| corrupt("card kind"))?,
        status: CardStatus::parse(&status, reason.as_deref())
            .ok_or_else(|| corrupt("card status"))?,
        expiry: date(row, "expiry")?,
        birthday_limit: date(row, "birthday_limit")?,
        produced_at_us: int(row, "produced_at_us")?,
        changed_at_us: int(row, "changed_at_us")?,
        signature_certificate: opt_text(row, "signature_certificate")?,
        authentication_certificate: opt_text(row, "authentication_certificate")?,
        continue_by: opt_text(row, "continue_by")?
            .map(|d| d.parse().map_err(|_| corrupt("continue_by is not a date")))
            .transpose()?,
        additions: u8::try_from(int(row, "additions")?).map_err(|_| corrupt("additions"))?,
    })
}

pub(crate) fn decode_crl(row: &Row) -> Result<CrlRow, StoreError> {
    Ok(CrlRow {
        hierarchy: text(row, "hierarchy")?,
        number: int(row, "number")?,
        revision: int(row, "revision")?,
        this_update_us: int(row, "this_update_us")?,
        next_update_us: int(row, "next_update_us")?,
        der: unhex(&text(row, "crl")?)?,
    })
}

pub(crate) const IMPORT_JOB_COLUMNS: &str =
    "number, digest, file_name, started_at_us, started_by, scope, line_count, finished_at_us";

fn digest32(row: &Row, col: &str) -> Result<[u8; 32], StoreError> {
    unhex(&text(row, col)?)?
        .try_into()
        .map_err(|_| corrupt(col))
}

pub(crate) fn decode_import_job(row: &Row) -> Result<ImportJobRow, StoreError> {
    Ok(ImportJobRow {
        number: int(row, "number")?,
        digest: digest32(row, "digest")?,
        file_name: text(row, "file_name")?,
        started_at_us: int(row, "started_at_us")?,
        started_by: text(row, "started_by")?,
        scope: text(row, "scope")?,
        line_count: int(row, "line_count")?,
        finished_at_us: opt_int(row, "finished_at_us")?,
    })
}

pub(crate) fn decode_import_batch(row: &Row) -> Result<ImportBatchRow, StoreError> {
    Ok(ImportBatchRow {
        job: int(row, "job")?,
        first_line: int(row, "first_line")?,
        last_line: int(row, "last_line")?,
        rows: int(row, "rows_written")?,
        digest: digest32(row, "digest")?,
    })
}

pub(crate) fn decode_import_household(row: &Row) -> Result<ImportHouseholdRow, StoreError> {
    Ok(ImportHouseholdRow {
        label: text(row, "label")?,
        household: HouseholdId::parse(&text(row, "household_id")?)
            .ok_or_else(|| corrupt("household_id"))?,
        municipality: municipality(row)?,
        has_head: int(row, "has_head")? != 0,
    })
}
