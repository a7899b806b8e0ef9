//! The resident registry's use cases: registration, procedures, look-ups, number access.
//!
//! Each is one transaction that writes its state change and its ledger entry together.

use std::collections::HashSet;

use jiff::civil::Date;
use mynumber_core::{Action, Decision, Principal, Subject};
use mynumber_core::{
    CarriedIdentity, Change, DerivationInput, Destination, FieldError, ForeignInput, HouseholdId,
    IndividualNumber, Invalid, MunicipalityCode, NameInput, PersonId, RecordStatus, Registration,
    Relationship, Resident, ResidentCode, ResidentInput, ResidentRecord, validate_address,
};

use crate::access::{authorize, current_scope, found, read, record_scope, visible};
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CurrentRow, NumberRow, PersonRow, SearchQuery, Tx, VersionRow};

/// Which household a person joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HouseholdChoice {
    /// An existing household (the person is not its head).
    Existing(HouseholdId),
    /// A new household with the person as its head.
    New,
}

/// A registration as a clerk submits it.
#[derive(Clone, Debug)]
pub struct RegisterCommand {
    /// Birth, move-in, first registration of a foreign resident, or import.
    pub kind: Registration,
    /// The record's fields as typed.
    pub input: ResidentInput,
    /// The household.
    pub household: HouseholdChoice,
    /// 異動日; defaults to the birth date for a birth and to today otherwise.
    pub effective_on: Option<Date>,
    /// The code and number the person holds (a move-in from outside this deployment, with its
    /// 転出証明書): kept, not issued anew.
    pub carried: Option<CarriedIdentity>,
}

/// Records a search shows unless asked for more: a page of a clerk's desk. Each one shown is
/// recorded as read, so a search asks for what a person can look through.
pub const SEARCH_LIMIT: usize = 20;

/// The most records one search shows.
pub const SEARCH_LIMIT_MAX: usize = 100;

/// What a search found.
#[derive(Clone, Debug)]
pub struct SearchResults {
    /// The records shown, by reading.
    pub rows: Vec<CurrentRow>,
    /// More records match than were shown: narrow the search (a date of birth, more of the
    /// name).
    pub more: bool,
}

/// What a registration produced. The Individual Number is not returned: it reaches the person
/// by the notification, and staff read it only with a lawful purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registered {
    /// Internal id.
    pub person: PersonId,
    /// 住民票コード.
    pub resident_code: ResidentCode,
    /// 世帯.
    pub household: HouseholdId,
}

/// A procedure on an existing record as a clerk submits it.
#[derive(Clone, Debug)]
pub enum ChangeCommand {
    /// 転居 within the municipality.
    AddressChange {
        /// 都道府県.
        prefecture: String,
        /// Local-government code.
        municipality_code: String,
        /// The rest.
        address: String,
        /// Household joined.
        household: HouseholdChoice,
        /// 続柄 there.
        relationship: String,
    },
    /// 死亡.
    Death,
    /// 転出 (domestic, with the destination municipality if stated) or 国外転出.
    MoveOut {
        /// Abroad?
        abroad: bool,
        /// The destination municipality's code (required for a move within Japan: the 転出届
        /// states it, 住民基本台帳法第24条).
        destination: Option<String>,
        /// Filed with the person's My Number Card, which must be in use. Within Japan, 特例転出
        /// (住民基本台帳法第24条の2): the transfer-in then needs the card. Abroad, the procedure
        /// for a Japanese national to keep the card (国外転出者向け, facts §10), done before
        /// the day of departure; without it the card is void.
        with_card: bool,
    },
    /// New name.
    NameChange(NameInput),
    /// The language the person wants their letters in (a BCP 47 tag of a catalog).
    LanguageChange(String),
    /// New status of residence and period of stay.
    PeriodOfStayChange(ForeignInput),
    /// 在留期間更新等の申請: an application to extend the stay was filed within the period;
    /// the 特例期間 follows while it awaits a decision.
    StayExtensionApplied,
    /// 転入 of a registered person from another municipality or from abroad.
    TransferIn {
        /// 都道府県.
        prefecture: String,
        /// Local-government code.
        municipality_code: String,
        /// The rest.
        address: String,
        /// Household joined.
        household: HouseholdChoice,
        /// 続柄 there.
        relationship: String,
        /// The serial of the My Number Card the person presented, if they did (needed after
        /// the special move-out, 特例転入).
        card_serial: Option<String>,
    },
}

/// A record with its whole history, for clerks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResidentView {
    /// Person row.
    pub person: PersonRow,
    /// Every version, oldest first; the last is current.
    pub versions: Vec<VersionRow>,
}

/// A registration validated and ready to write (also the unit of bulk import).
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub kind: Registration,
    pub record: ResidentRecord,
    pub effective_on: Date,
    pub new_household: bool,
    /// The import and line it comes from (`job << 32 | line`), so that no import row is ever
    /// registered twice.
    pub import_ref: Option<i64>,
    /// The code and number the person keeps, when not issued here.
    pub carried: Option<CarriedIdentity>,
    /// The line of the import file it comes from, to name in errors.
    pub line: Option<u64>,
}

/// The deadlines `version` was filed after, if it moved the person in, given the version before
/// it (facts §2.8): flags for the municipality, as codes. A transfer-in is judged against its
/// move-out's date too; a first registration by a move-in (from abroad, or with another
/// municipality's 転出証明書) only against the 14 days, since the register holds no move-out
/// date of another register (docs/design/registry.md).
pub fn overdue_flags(before: Option<&VersionRow>, version: &VersionRow) -> Vec<&'static str> {
    let moved_out_on = match (version.procedure.as_str(), before) {
        ("transfer-in", Some(before)) => match before.resident.status {
            RecordStatus::Removed { on, .. } => Some(on),
            RecordStatus::Active => None,
        },
        ("move-in" | "move-in-with-certificate", None) => None,
        _ => return Vec::new(),
    };
    let Some(filed_on) = mynumber_core::dates::japan_date_of(version.recorded_at_us) else {
        return Vec::new();
    };
    mynumber_core::transfer_in_overdue(moved_out_on, version.effective_on, filed_on)
        .into_iter()
        .map(|o| o.code())
        .collect()
}

/// Inserts the next version of a record; a concurrent one with the same number is a
/// [`AppError::Conflict`] to retry.
pub(crate) async fn insert_version(tx: &mut dyn Tx, version: &VersionRow) -> Result<(), AppError> {
    tx.insert_versions(std::slice::from_ref(version))
        .await
        .map_err(|e| match e {
            crate::StoreError::Conflict(_) => AppError::Conflict,
            other => AppError::Store(other),
        })?;
    tx.index_versions(std::slice::from_ref(version)).await?;
    Ok(())
}

/// The `key_id` of a number carried in from elsewhere: not derived here, by any key.
pub(crate) const CARRIED_KEY_ID: &str = "carried";

/// The refusal of a batch whose carried codes or numbers (`rows`, indexes into `prepared`) are
/// taken: named by the import line where there is one, never by the value.
fn carried_taken(
    prepared: &[Prepared],
    rows: &[usize],
    field: &'static str,
    key: &'static str,
) -> AppError {
    AppError::Invalid(Invalid(
        rows.iter()
            .map(|i| {
                // Line 0: not from a file (the message then names no line).
                let line = prepared.get(*i).and_then(|p| p.line).unwrap_or(0);
                FieldError::new(field, key).arg("line", line)
            })
            .collect(),
    ))
}

impl App {
    /// Registers a new resident: a resident record code and an Individual Number are issued in
    /// the same transaction as the first version and its ledger entry.
    pub async fn register(
        &self,
        principal: &Principal,
        cmd: RegisterCommand,
    ) -> Result<Registered, AppError> {
        self.permit(principal, Action::RegisterResident).await?;
        let today = self.clock.today();
        let mut tx = self.store.begin().await?;
        let (household, new_household) = self
            .resolve_household(tx.as_mut(), cmd.household, &cmd.input.relationship)
            .await?;
        let record = ResidentRecord::validate(&cmd.input, household, today)?;
        authorize!(
            self,
            tx,
            principal,
            Action::RegisterResident,
            &Subject::Municipality(record.municipality()),
            "household"
        );
        check_household(tx.as_mut(), cmd.household, &record).await?;
        let effective_on = cmd.effective_on.unwrap_or(match cmd.kind {
            Registration::Birth => record.birth_date(),
            _ => today,
        });
        cmd.kind
            .check(&record, effective_on, cmd.carried.as_ref())?;
        let prepared = Prepared {
            kind: cmd.kind,
            record,
            effective_on,
            new_household,
            import_ref: None,
            carried: cmd.carried,
            line: None,
        };
        let mut out = self
            .write_registrations(tx.as_mut(), principal, vec![prepared])
            .await?;
        tx.commit().await?;
        out.pop().ok_or(AppError::NotFound("registration"))
    }

    /// Writes validated registrations: households, persons (drawing codes again on collision),
    /// numbers (deriving again with `attempt + 1` on collision), first versions, ledger entries.
    pub(crate) async fn write_registrations(
        &self,
        tx: &mut dyn Tx,
        principal: &Principal,
        prepared: Vec<Prepared>,
    ) -> Result<Vec<Registered>, AppError> {
        let now = self.clock.now_us();
        let households: Vec<_> = prepared
            .iter()
            .filter(|p| p.new_household)
            .map(|p| (p.record.household(), p.record.municipality()))
            .collect();
        tx.insert_households(&households, now).await?;

        // Persons, with fresh codes for any that collide (住民票コード are unique). Codes are
        // also kept distinct within the batch: the store reports collisions by the codes it
        // did not insert, which cannot tell two rows of one statement with the same code apart.
        let mut drawn = HashSet::with_capacity(prepared.len());
        let mut draw = |app: &Self| loop {
            let code = app.new_resident_code();
            if drawn.insert(code) {
                break code;
            }
        };
        let mut persons: Vec<PersonRow> = prepared
            .iter()
            .map(|p| PersonRow {
                id: self.new_person_id(),
                resident_code: match &p.carried {
                    Some(c) => c.resident_code,
                    None => draw(self),
                },
                current_version: 1,
            })
            .collect();
        let mut pending: Vec<usize> = (0..persons.len()).collect();
        for _ in 0..16 {
            let rows: Vec<PersonRow> = pending.iter().map(|i| persons[*i].clone()).collect();
            let refs: Option<Vec<i64>> = pending.iter().map(|i| prepared[*i].import_ref).collect();
            let taken = tx
                .insert_persons(&rows, refs.as_deref(), now)
                .await
                .map_err(|e| match e {
                    // A row an import registered already (another process, or a run before
                    // a crash that this one did not know of): nothing of the batch is kept.
                    crate::StoreError::Conflict(_) if refs.is_some() => AppError::ImportedBefore(
                        "rows of this batch were registered by this import already (by another \
                         process, or a run that stopped); run the import again to resume after \
                         them"
                            .to_owned(),
                    ),
                    other => AppError::Store(other),
                })?;
            pending = taken.into_iter().map(|j| pending[j]).collect();
            if pending.is_empty() {
                break;
            }
            // A carried code is the person's: it is never drawn again, and a taken one means
            // the person, or their code, is in the register already.
            let carried: Vec<usize> = pending
                .iter()
                .copied()
                .filter(|i| prepared[*i].carried.is_some())
                .collect();
            if !carried.is_empty() {
                return Err(carried_taken(
                    &prepared,
                    &carried,
                    "resident_code",
                    "problem-resident-code-taken",
                ));
            }
            for i in &pending {
                persons[*i].resident_code = draw(self);
            }
        }
        if !pending.is_empty() {
            return Err(AppError::Conflict);
        }

        // Numbers: carried ones recorded as given (in the registry of every number ever
        // issued, so never issued again), the others derived here.
        let carried: Vec<(usize, NumberRow)> = prepared
            .iter()
            .zip(&persons)
            .enumerate()
            .filter_map(|(i, (p, person))| {
                p.carried.map(|c| {
                    (
                        i,
                        NumberRow {
                            number: c.number,
                            person: person.id,
                            generation: 0,
                            attempt: 0,
                            key_id: CARRIED_KEY_ID.to_owned(),
                            issued_at_us: now,
                        },
                    )
                })
            })
            .collect();
        if !carried.is_empty() {
            let rows: Vec<NumberRow> = carried.iter().map(|(_, r)| r.clone()).collect();
            let taken = tx.insert_numbers(&rows).await?;
            if !taken.is_empty() {
                let rows: Vec<usize> = taken
                    .iter()
                    .filter_map(|j| carried.get(*j))
                    .map(|(i, _)| *i)
                    .collect();
                return Err(carried_taken(
                    &prepared,
                    &rows,
                    "individual_number",
                    "problem-number-taken",
                ));
            }
        }
        let targets: Vec<_> = prepared
            .iter()
            .zip(&persons)
            .filter(|(p, _)| p.carried.is_none())
            .map(|(_, person)| (person.id, person.resident_code, 0))
            .collect();
        self.issue_numbers(tx, &targets, now).await?;
        // Issuing a number queues its notification letter (facts §5); a carried number was
        // notified when it was issued, so none is queued.
        let letters: Vec<_> = prepared
            .iter()
            .zip(&persons)
            .filter(|(p, _)| p.carried.is_none())
            .map(|(p, person)| (person.id, p.record.municipality(), 0))
            .collect();
        let mut notices = self.queue_notices(tx, &letters, now).await?.into_iter();

        let versions: Vec<VersionRow> = prepared
            .iter()
            .zip(&persons)
            .map(|(p, person)| VersionRow {
                person: person.id,
                version: 1,
                procedure: p.kind.code().to_owned(),
                effective_on: p.effective_on,
                recorded_at_us: now,
                actor: principal.ledger_name(),
                resident: Resident {
                    record: p.record.clone(),
                    status: RecordStatus::Active,
                },
            })
            .collect();
        tx.insert_versions(&versions).await?;
        // A registration at the desk is found by name at once; an import's rows are indexed
        // together when its job finishes (`index_import`), in key order, which costs a
        // migration far less than an index insert per row (docs/design/registry.md).
        let now_found: Vec<VersionRow> = prepared
            .iter()
            .zip(&versions)
            .filter(|(p, _)| p.import_ref.is_none())
            .map(|(_, v)| v.clone())
            .collect();
        tx.index_versions(&now_found).await?;
        let records = prepared
            .iter()
            .zip(&persons)
            .zip(&versions)
            .map(|((p, person), version)| {
                let mut detail = match p.carried {
                    Some(_) => "version=1 identity=carried".to_owned(),
                    None => format!(
                        "version=1 number-generation=0 notice={}",
                        notices.next().map(|n| n.to_string()).unwrap_or_default()
                    ),
                };
                // A late move-in is recorded, and flagged in its entry (facts §2.8).
                let overdue = overdue_flags(None, version);
                if !overdue.is_empty() {
                    detail.push_str(" overdue=");
                    detail.push_str(&overdue.join(","));
                }
                Record {
                    partition: p.record.municipality().as_str().to_owned(),
                    action: p.kind.code(),
                    person: Some(person.id),
                    purpose: None,
                    detail,
                }
            })
            .collect();
        append(tx, &principal.ledger_name(), now, records).await?;
        Ok(prepared
            .iter()
            .zip(persons)
            .map(|(p, person)| Registered {
                person: person.id,
                resident_code: person.resident_code,
                household: p.record.household(),
            })
            .collect())
    }

    /// Derives and registers a number for each `(person, code, generation)`: HMAC derivation,
    /// insert into the registry of every number ever issued, `attempt + 1` on a collision with
    /// a number already there or another of the same batch (architecture.md).
    pub(crate) async fn issue_numbers(
        &self,
        tx: &mut dyn Tx,
        targets: &[(PersonId, ResidentCode, u32)],
        now: i64,
    ) -> Result<(), AppError> {
        let key_id = self.key.id();
        let mut attempts = vec![0u32; targets.len()];
        let mut pending: Vec<usize> = (0..targets.len()).collect();
        while !pending.is_empty() {
            let mut rows = Vec::with_capacity(pending.len());
            let mut owners = Vec::with_capacity(pending.len());
            for &i in &pending {
                let (person, resident_code, generation) = targets[i];
                let number = loop {
                    let input = DerivationInput {
                        resident_code,
                        generation,
                        attempt: attempts[i],
                    };
                    match self.key.derive(input) {
                        Some(n) => break n,
                        None => attempts[i] += 1,
                    }
                };
                rows.push(NumberRow {
                    number,
                    person,
                    generation,
                    attempt: attempts[i],
                    key_id: key_id.as_str().to_owned(),
                    issued_at_us: now,
                });
                owners.push(i);
            }
            // Two people in one batch may derive the same number; keep the first in the batch.
            let mut seen = HashSet::with_capacity(rows.len());
            let (unique, dup): (Vec<_>, Vec<_>) = rows
                .into_iter()
                .zip(owners)
                .partition(|(row, _)| seen.insert(row.number));
            let (rows, owners): (Vec<NumberRow>, Vec<usize>) = unique.into_iter().unzip();
            let taken = tx.insert_numbers(&rows).await?;
            pending = taken
                .into_iter()
                .map(|j| owners[j])
                .chain(dup.into_iter().map(|(_, i)| i))
                .collect();
            for i in &pending {
                attempts[*i] += 1;
                if attempts[*i] > 64 {
                    return Err(AppError::Conflict);
                }
            }
        }
        Ok(())
    }

    /// Records a procedure on an existing record and returns the new version.
    pub async fn change(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        cmd: ChangeCommand,
        effective_on: Option<Date>,
    ) -> Result<VersionRow, AppError> {
        self.permit(principal, Action::RecordProcedure).await?;
        let today = self.clock.today();
        let on = effective_on.unwrap_or(today);
        let mut tx = self.store.begin().await?;
        let load::Current {
            person,
            version: current,
        } = found!(
            self,
            tx,
            principal,
            Action::RecordProcedure,
            load::current(tx.as_mut(), code)
        );
        let own = current.resident.record.municipality();
        // The receiving municipality records a transfer-in of a record that awaits one there;
        // every other procedure, and a transfer-in of a record that awaits none there, is the
        // record's own municipality's: another one is answered as if the record did not exist.
        // Decided before the command is read against the register, so that no validation
        // error (an address, a household, a card serial) tells a municipality out of scope
        // anything about the person.
        let acting = match &cmd {
            ChangeCommand::TransferIn {
                municipality_code, ..
            } => MunicipalityCode::parse(municipality_code).ok(),
            _ => Some(own),
        };
        let subject = match acting {
            Some(acting) if acting != own && current.resident.awaits_transfer_in(acting) => {
                Subject::Municipality(acting)
            }
            _ => current_scope(person.id, own),
        };
        if let Err(refusal) = self.decide(principal, Action::RecordProcedure, &subject, "resident")
        {
            // A transfer-in awaited by a municipality not the principal's answers as a missing
            // record too (404, not 403): a refusal must not tell where the person went.
            return Err(self.refuse(tx, refusal.answered_as_missing()).await);
        }
        let keeps_card_abroad = matches!(
            cmd,
            ChangeCommand::MoveOut {
                abroad: true,
                with_card: true,
                ..
            }
        );
        if keeps_card_abroad {
            self.check_card_kept_abroad(tx.as_mut(), person.id, &current, on, today)
                .await?;
        }
        let change = self.build_change(tx.as_mut(), person.id, cmd).await?;
        let acting = change.acting_municipality(&current.resident);
        let new_household = matches!(
            &change,
            Change::AddressChange { household, .. } | Change::TransferIn { household, .. }
                if tx.household(*household).await?.is_none()
        );
        let procedure = change.code();
        let next = current.resident.apply(change, on, today)?;
        let now = self.clock.now_us();
        if new_household {
            tx.insert_households(
                &[(next.record.household(), next.record.municipality())],
                now,
            )
            .await?;
        }
        let version = VersionRow {
            person: person.id,
            version: current.version + 1,
            procedure: procedure.to_owned(),
            effective_on: on,
            recorded_at_us: now,
            actor: principal.ledger_name(),
            resident: next,
        };
        insert_version(tx.as_mut(), &version).await?;
        // A late transfer-in is recorded, and flagged in its entry (facts §2.8).
        let overdue = overdue_flags(Some(&current), &version);
        let record = Record {
            partition: acting.as_str().to_owned(),
            action: procedure,
            person: Some(person.id),
            purpose: None,
            detail: if overdue.is_empty() {
                format!("version={}", version.version)
            } else {
                format!("version={} overdue={}", version.version, overdue.join(","))
            },
        };
        // Certificates the change invalidates are revoked in the same transaction (facts §3.3).
        let mut records = vec![record];
        // Both registers record the hand-over: the receiving one its transfer-in, the former
        // one the notice of it (転入通知, 住民基本台帳法第9条第1項).
        let former = current.resident.record.municipality();
        if procedure == "transfer-in" && former != acting {
            records.push(Record {
                partition: former.as_str().to_owned(),
                action: "transfer-in-notified",
                person: Some(person.id),
                purpose: None,
                detail: format!("to={acting} version={}", version.version),
            });
        }
        records.extend(
            self.revoke_on_change(
                tx.as_mut(),
                person.id,
                &current.resident,
                &version.resident,
                now,
            )
            .await?,
        );
        // And the cards it ends: death, and a foreign national's move abroad (facts §10).
        records.extend(
            self.end_cards_on_change(
                tx.as_mut(),
                person.id,
                &version.resident,
                keeps_card_abroad,
                now,
            )
            .await?,
        );
        // And the seal registered there, when the person is no longer its resident.
        records.extend(
            self.end_seals_with_residence(tx.as_mut(), person.id, &version.resident, now)
                .await?,
        );
        // A transfer-in starts each card's 90 days to be continued, or voids it if filed late.
        if procedure == "transfer-in" {
            records.extend(
                self.cards_on_transfer_in(tx.as_mut(), person.id, !overdue.is_empty(), now)
                    .await?,
            );
        }
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// A record with its history, and the reading in the ledger. The municipality keeping the
    /// record sees all of it; a municipality that kept it before sees only the versions it
    /// recorded itself, its 除票, and nothing of where the person went.
    pub async fn resident(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<ResidentView, AppError> {
        self.permit(principal, Action::ReadRecord).await?;
        let mut tx = self.store.begin().await?;
        let history = found!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            load::history(tx.as_mut(), code)
        );
        let extent = authorize!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            &record_scope(&history),
            "resident"
        );
        let load::History {
            mut person,
            versions,
        } = history;
        let versions = visible(versions, extent);
        let Some(last) = versions.last() else {
            return Err(AppError::NotFound("resident"));
        };
        person.current_version = last.version;
        let owner = last.resident.record.municipality();
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![read(person.id, owner, "record", "")],
        )
        .await?;
        tx.commit().await?;
        Ok(ResidentView { person, versions })
    }

    /// A resident's household (世帯): the current records of everyone in it, each recorded as
    /// read. Only the municipality keeping an active record sees its household; a removed record
    /// (除票) has none, and a municipality that kept it before learns nothing of where the
    /// person lives now.
    pub async fn household(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<Vec<CurrentRow>, AppError> {
        self.permit(principal, Action::ReadRecord).await?;
        let mut tx = self.store.begin().await?;
        let history = found!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            load::history(tx.as_mut(), code)
        );
        authorize!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            &record_scope(&history),
            "resident"
        );
        let current = history.current().clone();
        let record = &current.resident.record;
        if !matches!(current.resident.status, RecordStatus::Active)
            || principal
                .municipality()
                .is_some_and(|m| m != record.municipality())
        {
            return Err(AppError::NotFound("household"));
        }
        let members = tx.household_members(record.household()).await?;
        let reads = members
            .iter()
            .map(|m| {
                read(
                    m.person.id,
                    m.version.resident.record.municipality(),
                    "record",
                    "via=household",
                )
            })
            .collect();
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            reads,
        )
        .await?;
        tx.commit().await?;
        Ok(members)
    }

    /// Clerk search by name and date of birth over the current records of the actor's
    /// municipality: a prefix of the name, its reading, the Latin name or the alias, folded as a
    /// clerk expects (`mynumber_core::search`). At most `limit` records (1 to
    /// [`SEARCH_LIMIT_MAX`]), each recorded as read; `more` says that others match too.
    pub async fn search(
        &self,
        principal: &Principal,
        name: &str,
        birth_date: Option<Date>,
        limit: usize,
    ) -> Result<SearchResults, AppError> {
        if !(1..=SEARCH_LIMIT_MAX).contains(&limit) {
            return Err(FieldError::new("limit", "problem-search-limit")
                .arg("max", SEARCH_LIMIT_MAX)
                .into());
        }
        self.permit(principal, Action::SearchRecords).await?;
        let name = name.trim();
        if name.is_empty() && birth_date.is_none() {
            return Err(FieldError::new("name", "problem-give-name-date-birth").into());
        }
        // The search reads in a read-only transaction, which waits for no writer (SQLite's WAL,
        // PostgreSQL's snapshots), and its readings are recorded afterwards in a short write
        // transaction of their own: nothing is returned until they are committed, so no record
        // is shown unrecorded, and the search writes nothing else that could be half-written.
        // Inside one write transaction the whole search queued behind every other writer
        // (docs/performance.md, "Name search at 1,000,000 residents").
        let mut tx = self.store.begin_read().await?;
        let municipality = principal.municipality();
        let subject = municipality.map_or(Subject::Everything, Subject::Municipality);
        authorize!(
            self,
            tx,
            principal,
            Action::SearchRecords,
            &subject,
            "resident"
        );
        let query = SearchQuery {
            name: name.to_owned(),
            birth_date,
            municipality,
            // One more than shown tells whether there are more.
            limit: i64::try_from(limit + 1).unwrap_or(i64::MAX),
        };
        let mut found = tx.search(&query).await?;
        drop(tx);
        let more = found.len() > limit;
        found.truncate(limit);
        // Every record a search shows is read, and recorded as such.
        let reads = found
            .iter()
            .map(|r| {
                read(
                    r.person.id,
                    r.version.resident.record.municipality(),
                    "record",
                    "via=search",
                )
            })
            .collect();
        self.record(principal, reads).await?;
        Ok(SearchResults { rows: found, more })
    }

    /// Reveals a resident's current Individual Number for a lawful purpose; the reading is in
    /// the ledger before the number is returned.
    pub async fn read_number(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        purpose: &str,
    ) -> Result<IndividualNumber, AppError> {
        self.permit(principal, Action::ReadNumber).await?;
        let purpose = self.purposes.parse(purpose)?;
        let mut tx = self.store.begin().await?;
        let load::Current {
            person,
            version: current,
        } = found!(
            self,
            tx,
            principal,
            Action::ReadNumber,
            load::current(tx.as_mut(), code)
        );
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::ReadNumber,
            &current_scope(person.id, municipality),
            "resident"
        );
        let number = tx
            .current_number(person.id)
            .await?
            .ok_or(AppError::NotFound("Individual Number"))?;
        let record = Record {
            partition: municipality.as_str().to_owned(),
            action: "number-read",
            person: Some(person.id),
            purpose: Some(purpose.as_str().to_owned()),
            detail: String::new(),
        };
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![record],
        )
        .await?;
        tx.commit().await?;
        Ok(number)
    }

    /// Finds the resident an Individual Number belongs to, for a lawful purpose, and records the
    /// look-up. Out of the principal's scope, a number of another municipality, a retired one
    /// and one never issued all answer "not found" alike and leave the same entry in the
    /// principal's partition, so that neither the answer nor the ledger tells them apart; the
    /// holder's municipality records the attempt on the holder. In scope, a retired number
    /// answers [`AppError::NumberNotCurrent`] and nothing else.
    pub async fn lookup_by_number(
        &self,
        principal: &Principal,
        number: &IndividualNumber,
        purpose: &str,
    ) -> Result<ResidentView, AppError> {
        self.permit(principal, Action::LookupNumber).await?;
        let purpose = self.purposes.parse(purpose)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let refused = |person: Option<(mynumber_core::PersonId, MunicipalityCode)>| {
            let mut records = vec![Record {
                partition: principal.partition(),
                action: "number-lookup-refused",
                person: None,
                purpose: Some(purpose.as_str().to_owned()),
                detail: String::new(),
            }];
            if let Some((person, municipality)) = person {
                records.push(Record {
                    partition: municipality.as_str().to_owned(),
                    action: "access-refused",
                    person: Some(person),
                    purpose: Some(purpose.as_str().to_owned()),
                    detail: format!("action={}", Action::LookupNumber.code()),
                });
            }
            records
        };
        let Some((person_id, current)) = tx.person_by_number(number).await? else {
            append(tx.as_mut(), &principal.ledger_name(), now, refused(None)).await?;
            tx.commit().await?;
            return Err(AppError::NotFound("resident"));
        };
        let person = tx
            .person_by_id(person_id)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let versions = tx.versions(person_id).await?;
        let history = load::History { person, versions };
        if history.versions.is_empty() {
            return Err(AppError::NotFound("resident"));
        }
        let municipality = history.current().resident.record.municipality();
        let subject = current_scope(person_id, municipality);
        if let Decision::Deny(_) = mynumber_core::decide(principal, Action::LookupNumber, &subject)
        {
            append(
                tx.as_mut(),
                &principal.ledger_name(),
                now,
                refused(Some((person_id, municipality))),
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::NotFound("resident"));
        }
        let record = Record {
            partition: municipality.as_str().to_owned(),
            action: "number-lookup",
            person: Some(person_id),
            purpose: Some(purpose.as_str().to_owned()),
            detail: if current {
                String::new()
            } else {
                "outcome=retired".to_owned()
            },
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        if !current {
            return Err(AppError::NumberNotCurrent);
        }
        let load::History { person, versions } = history;
        Ok(ResidentView { person, versions })
    }

    async fn resolve_household(
        &self,
        tx: &mut dyn Tx,
        choice: HouseholdChoice,
        relationship: &str,
    ) -> Result<(HouseholdId, bool), AppError> {
        let relationship = Relationship::parse_field("relationship", relationship)?;
        match choice {
            HouseholdChoice::New => {
                if relationship != Relationship::Head {
                    return Err(FieldError::new(
                        "relationship",
                        "problem-head-new-household-headed",
                    )
                    .into());
                }
                Ok((self.new_household_id(), true))
            }
            HouseholdChoice::Existing(id) => {
                if relationship == Relationship::Head {
                    return Err(FieldError::new(
                        "relationship",
                        "problem-cannot-head-when-joining",
                    )
                    .into());
                }
                tx.household(id)
                    .await?
                    .ok_or(AppError::NotFound("household"))?;
                Ok((id, false))
            }
        }
    }

    /// The procedure for a Japanese national to keep the card abroad (国外転出者向け, facts
    /// §10): filed with the card in use, and before the day of departure, so the move-out is
    /// dated after today (filed ahead, with its planned date). A foreign national's card is
    /// returned on emigration whatever is filed.
    async fn check_card_kept_abroad(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        current: &VersionRow,
        on: jiff::civil::Date,
        today: jiff::civil::Date,
    ) -> Result<(), AppError> {
        let mut problems = Vec::new();
        if current.resident.record.foreign().is_some() {
            problems.push(FieldError::new(
                "with_card",
                "problem-japanese-national-keeps-card",
            ));
        } else if !tx.cards_of(person).await?.iter().any(|c| c.status.in_use()) {
            problems.push(FieldError::new(
                "with_card",
                "problem-procedure-keep-card-abroad",
            ));
        }
        if on <= today {
            problems.push(FieldError::new(
                "effective_date",
                "problem-procedure-keep-card-abroad-2",
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Invalid(problems).into())
        }
    }

    /// 職権消除 (issue 10; facts §10): removes ex officio the records of foreign residents
    /// whose period of stay ended with no extension, the 特例期間 of a pending application
    /// included (`mynumber_core::stay_lapsed`), as of the day after it; their cards are void
    /// and their certificates revoked, in the same transaction as each page's removals. The
    /// server runs this on its hourly tick; returns how many were removed.
    pub async fn remove_lapsed_stays(&self, principal: &Principal) -> Result<usize, AppError> {
        self.permit(principal, Action::RemoveLapsedStays).await?;
        let today = self.clock.today();
        let mut total = 0;
        let mut after = (jiff::civil::Date::MIN, PersonId::from_random([0; 16]));
        loop {
            let now = self.clock.now_us();
            let mut tx = self.store.begin().await?;
            let page = tx.stays_ended_before(today, after, 200).await?;
            let Some(last) = page.last() else {
                return Ok(total);
            };
            after = (last.1, last.0);
            let mut records = Vec::new();
            for (person, _) in page {
                let current = load::current_version(tx.as_mut(), person).await?;
                let Some(removed_on) = current
                    .resident
                    .record
                    .foreign()
                    .and_then(|f| mynumber_core::stay_lapsed(f, today))
                else {
                    continue;
                };
                let next = current
                    .resident
                    .apply(Change::StayEnded, removed_on, today)?;
                let version = VersionRow {
                    person,
                    version: current.version + 1,
                    procedure: Change::StayEnded.code().to_owned(),
                    effective_on: removed_on,
                    recorded_at_us: now,
                    actor: principal.ledger_name(),
                    resident: next,
                };
                insert_version(tx.as_mut(), &version).await?;
                let until = current
                    .resident
                    .record
                    .foreign()
                    .and_then(|f| f.period_of_stay_until())
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                records.push(Record {
                    partition: current.resident.record.municipality().as_str().to_owned(),
                    action: "stay-ended",
                    person: Some(person),
                    purpose: None,
                    detail: format!("version={} stay-until={until}", version.version),
                });
                records.extend(
                    self.revoke_on_change(
                        tx.as_mut(),
                        person,
                        &current.resident,
                        &version.resident,
                        now,
                    )
                    .await?,
                );
                records.extend(
                    self.end_cards_on_change(tx.as_mut(), person, &version.resident, false, now)
                        .await?,
                );
                records.extend(
                    self.end_seals_with_residence(tx.as_mut(), person, &version.resident, now)
                        .await?,
                );
                total += 1;
            }
            append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
            tx.commit().await?;
        }
    }

    async fn build_change(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        cmd: ChangeCommand,
    ) -> Result<Change, AppError> {
        Ok(match cmd {
            ChangeCommand::AddressChange {
                prefecture,
                municipality_code,
                address,
                household,
                relationship,
            } => {
                let (address, household, relationship) = self
                    .resolve_move(
                        tx,
                        &prefecture,
                        &municipality_code,
                        &address,
                        household,
                        &relationship,
                    )
                    .await?;
                Change::AddressChange {
                    address,
                    household,
                    relationship,
                }
            }
            ChangeCommand::TransferIn {
                prefecture,
                municipality_code,
                address,
                household,
                relationship,
                card_serial,
            } => {
                let card_presented = match card_serial.as_deref().map(str::trim) {
                    None | Some("") => false,
                    Some(serial) => {
                        if !card_in_use(tx, person, serial).await? {
                            return Err(
                                FieldError::new("card_serial", "problem-card-person-use").into()
                            );
                        }
                        true
                    }
                };
                let (address, household, relationship) = self
                    .resolve_move(
                        tx,
                        &prefecture,
                        &municipality_code,
                        &address,
                        household,
                        &relationship,
                    )
                    .await?;
                Change::TransferIn {
                    address,
                    household,
                    relationship,
                    card_presented,
                }
            }
            ChangeCommand::Death => Change::Death,
            ChangeCommand::MoveOut { abroad: true, .. } => Change::MoveOut(Destination::Abroad),
            ChangeCommand::MoveOut {
                abroad: false,
                destination,
                with_card,
            } => {
                let to = match destination.as_deref().map(str::trim) {
                    None | Some("") => {
                        return Err(FieldError::new(
                            "destination_municipality_code",
                            "problem-required-move-out-states",
                        )
                        .into());
                    }
                    Some(s) => MunicipalityCode::parse(s)?,
                };
                if with_card && !tx.cards_of(person).await?.iter().any(|c| c.status.in_use()) {
                    return Err(
                        FieldError::new("with_card", "problem-special-move-out-filed").into(),
                    );
                }
                Change::MoveOut(Destination::Domestic { to, with_card })
            }
            ChangeCommand::NameChange(name) => Change::NameChange(name),
            ChangeCommand::LanguageChange(tag) => {
                Change::LanguageChange(mynumber_core::Language::parse(&tag)?)
            }
            ChangeCommand::PeriodOfStayChange(f) => Change::PeriodOfStayChange(f),
            ChangeCommand::StayExtensionApplied => Change::StayExtensionApplied,
        })
    }
}

impl App {
    /// Validates a new address and the household joined there.
    async fn resolve_move(
        &self,
        tx: &mut dyn Tx,
        prefecture: &str,
        municipality_code: &str,
        address: &str,
        household: HouseholdChoice,
        relationship: &str,
    ) -> Result<(mynumber_core::Address, HouseholdId, Relationship), AppError> {
        let address = validate_address(prefecture, municipality_code, address).map_err(Invalid)?;
        let (household, _) = self.resolve_household(tx, household, relationship).await?;
        if let Some(m) = tx.household(household).await?
            && m != address.municipality()
        {
            return Err(
                FieldError::new("household", "problem-belongs-another-municipality").into(),
            );
        }
        Ok((
            address,
            household,
            Relationship::parse_field("relationship", relationship)?,
        ))
    }
}

async fn check_household(
    tx: &mut dyn Tx,
    choice: HouseholdChoice,
    record: &ResidentRecord,
) -> Result<(), AppError> {
    if let HouseholdChoice::Existing(id) = choice
        && tx.household(id).await? != Some(record.municipality())
    {
        return Err(FieldError::new("household", "problem-belongs-another-municipality").into());
    }
    Ok(())
}

/// Whether `serial` is a card of `person` in use.
async fn card_in_use(tx: &mut dyn Tx, person: PersonId, serial: &str) -> Result<bool, AppError> {
    Ok(tx
        .card(serial)
        .await?
        .is_some_and(|c| c.person == person && c.status.in_use()))
}
