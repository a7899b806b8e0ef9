//! Bulk import and export of the register, in batches: each batch is one transaction.

use std::collections::HashMap;

use mynumber_core::{Action, Decision, Principal, Subject};
use mynumber_core::{
    FieldError, HouseholdId, IndividualNumber, Invalid, MunicipalityCode, PersonId, Registration,
    Relationship, ResidentInput, ResidentRecord,
};

use crate::access::{authorize, read};
use crate::ledger::{Record, append};
use crate::registry::Prepared;
use crate::{App, AppError, CurrentRow};

/// One row to import: its line in the file, its fields and its household label.
#[derive(Clone, Debug)]
pub struct ImportRow {
    /// The line number in the source file (for error messages).
    pub line: u64,
    /// The fields.
    pub input: ResidentInput,
    /// The household label: rows with the same label in one import form one household.
    pub household: String,
}

/// State carried from batch to batch: the households created so far, by label.
#[derive(Debug, Default)]
pub struct ImportSession {
    households: HashMap<String, ImportedHousehold>,
    batches: u64,
}

#[derive(Debug, Clone, Copy)]
struct ImportedHousehold {
    id: HouseholdId,
    municipality: MunicipalityCode,
    has_head: bool,
    /// The batch that creates the household.
    batch: u64,
}

/// A validated batch, ready to write.
#[derive(Debug)]
pub struct PreparedBatch {
    rows: Vec<Prepared>,
    number: u64,
    depends_on: Option<u64>,
}

impl PreparedBatch {
    /// How many residents it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Its number in the session: 1, 2, …
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The newest earlier batch that creates a household this batch joins: that batch must be
    /// committed before this one is written (the household must exist). Batches without such a
    /// dependency may be written concurrently.
    pub fn depends_on(&self) -> Option<u64> {
        self.depends_on
    }
}

/// A batch that was not written, with every bad row.
#[derive(Debug)]
pub enum ImportError {
    /// Some rows are invalid; nothing of the batch was written.
    Rows(Vec<(u64, Invalid)>),
    /// The batch failed for another reason; nothing of it was written.
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

/// One exported record, with the number when a lawful purpose was given.
#[derive(Clone, Debug)]
pub struct ExportRow {
    /// The current record.
    pub row: CurrentRow,
    /// The number, only with a purpose.
    pub number: Option<IndividualNumber>,
}

impl App {
    /// Validates and writes one batch of rows in one transaction. If any row is invalid, every
    /// bad row is reported and nothing of the batch is written (the session is unchanged too).
    pub async fn import_batch(
        &self,
        principal: &Principal,
        session: &mut ImportSession,
        rows: Vec<ImportRow>,
    ) -> Result<usize, ImportError> {
        let batch = self.prepare_import_batch(principal, session, rows)?;
        Ok(self.write_import_batch(principal, batch).await?)
    }

    /// Validates one batch without touching the database, so a caller can validate the next
    /// batch while the previous one is being written. On success the session already counts
    /// the batch's households; on failure it is unchanged.
    pub fn prepare_import_batch(
        &self,
        principal: &Principal,
        session: &mut ImportSession,
        rows: Vec<ImportRow>,
    ) -> Result<PreparedBatch, ImportError> {
        // Pure, so that the next batch is validated while the last is written: the refusal is
        // recorded when a batch is written (`write_import_batch` asks again).
        mynumber_core::permits(principal, Action::ImportRecords).map_err(AppError::Denied)?;
        let today = self.clock.today();
        // Only the households this batch touches are staged; they join the session if the
        // whole batch is valid.
        let mut staged = HashMap::new();
        let number = session.batches + 1;
        let mut prepared = Vec::with_capacity(rows.len());
        let mut bad = Vec::new();
        let mut depends_on = None;
        for row in rows {
            match self.prepare_import(
                principal,
                &session.households,
                &mut staged,
                &row,
                today,
                number,
            ) {
                Ok((p, dependency)) => {
                    prepared.push(p);
                    depends_on = depends_on.max(dependency);
                }
                Err(e) => bad.push((row.line, e)),
            }
        }
        if !bad.is_empty() {
            return Err(ImportError::Rows(bad));
        }
        session.households.extend(staged);
        session.batches = number;
        Ok(PreparedBatch {
            rows: prepared,
            number,
            depends_on,
        })
    }

    /// Writes a validated batch in one transaction; returns how many residents it registered.
    pub async fn write_import_batch(
        &self,
        principal: &Principal,
        batch: PreparedBatch,
    ) -> Result<usize, AppError> {
        self.permit(principal, Action::ImportRecords).await?;
        let n = batch.rows.len();
        let mut tx = self.store.begin().await?;
        self.write_registrations(tx.as_mut(), principal, batch.rows)
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    fn prepare_import(
        &self,
        principal: &Principal,
        committed: &HashMap<String, ImportedHousehold>,
        households: &mut HashMap<String, ImportedHousehold>,
        row: &ImportRow,
        today: jiff::civil::Date,
        batch: u64,
    ) -> Result<(Prepared, Option<u64>), Invalid> {
        let label = row.household.trim();
        if label.is_empty() {
            return Err(Invalid(vec![FieldError::new(
                "household",
                "is required (a label shared by the household's rows)",
            )]));
        }
        let existing = households
            .get(label)
            .or_else(|| committed.get(label))
            .copied();
        let id = existing
            .map(|h| h.id)
            .unwrap_or_else(|| self.new_household_id());
        let record = ResidentRecord::validate(&row.input, id, today)?;
        let mut errors = Vec::new();
        if let Decision::Deny(denied) = mynumber_core::decide(
            principal,
            Action::ImportRecords,
            &Subject::Municipality(record.municipality()),
        ) {
            errors.push(FieldError::new("municipality_code", denied.to_string()));
        }
        let is_head = record.relationship() == Relationship::Head;
        match existing {
            Some(h) if h.municipality != record.municipality() => errors.push(FieldError::new(
                "household",
                format!(
                    "household {label:?} is in municipality {}, this row in {}",
                    h.municipality,
                    record.municipality()
                ),
            )),
            Some(h) if h.has_head && is_head => errors.push(FieldError::new(
                "relationship",
                format!("household {label:?} already has a head"),
            )),
            _ => {}
        }
        if !errors.is_empty() {
            return Err(Invalid(errors));
        }
        // A household committed by an earlier batch enters the overlay as it was (with its head).
        let entry = households
            .entry(label.to_owned())
            .or_insert(existing.unwrap_or(ImportedHousehold {
                id,
                municipality: record.municipality(),
                has_head: false,
                batch,
            }));
        entry.has_head |= is_head;
        let prepared = Prepared {
            kind: Registration::Import,
            record,
            effective_on: today,
            new_household: existing.is_none(),
        };
        // Joining a household an earlier batch creates makes this batch depend on that one.
        Ok((prepared, existing.map(|h| h.batch).filter(|b| *b < batch)))
    }

    /// A page of current records after `after` (in internal-id order), of the principal's
    /// municipality (every municipality for national staff). Every record exported is read, and
    /// recorded as such before the page is returned; with a lawful purpose the numbers are
    /// included, each a reading of the number.
    pub async fn export_page(
        &self,
        principal: &Principal,
        after: Option<PersonId>,
        purpose: Option<&str>,
        limit: i64,
    ) -> Result<Vec<ExportRow>, AppError> {
        self.permit(principal, Action::ExportRecords).await?;
        let purpose = match purpose {
            Some(p) => {
                self.permit(principal, Action::ReadNumber).await?;
                Some(self.purposes.parse(p)?)
            }
            None => None,
        };
        let municipality = principal.municipality();
        let scope = municipality.map_or(Subject::Everything, Subject::Municipality);
        authorize!(
            self,
            (),
            principal,
            Action::ExportRecords,
            &scope,
            "municipality"
        );
        let mut tx = self.store.begin().await?;
        let page = tx.current_page(after, municipality, limit).await?;
        let mut numbers: HashMap<PersonId, IndividualNumber> = HashMap::new();
        let mut records: Vec<Record> = page
            .iter()
            .map(|r| {
                read(
                    r.person.id,
                    r.version.resident.record.municipality(),
                    "record",
                    "via=export",
                )
            })
            .collect();
        if let Some(purpose) = purpose {
            let ids: Vec<PersonId> = page.iter().map(|r| r.person.id).collect();
            numbers = tx.current_numbers(&ids).await?.into_iter().collect();
            records.extend(page.iter().map(|r| Record {
                partition: r.version.resident.record.municipality().as_str().to_owned(),
                action: "number-read",
                person: Some(r.person.id),
                purpose: Some(purpose.as_str().to_owned()),
                detail: "export".to_owned(),
            }));
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            records,
        )
        .await?;
        tx.commit().await?;
        Ok(page
            .into_iter()
            .map(|row| {
                let number = numbers.get(&row.person.id).copied();
                ExportRow { row, number }
            })
            .collect())
    }
}
