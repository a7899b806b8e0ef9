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
    /// The code and number the person keeps, checked (a migration's rows); `None` when new
    /// ones are issued.
    pub carried: Option<Result<mynumber_core::CarriedIdentity, Invalid>>,
}

/// State carried from batch to batch: the households created so far, by label.
#[derive(Debug, Default)]
pub struct ImportSession {
    households: HashMap<String, ImportedHousehold>,
    batches: u64,
    /// The municipalities of rows the policy refused in the last batch prepared, until
    /// [`App::record_import_refusals`] records them.
    refused: Vec<MunicipalityCode>,
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
    /// Each row's line, in file order.
    lines: Vec<u64>,
    /// The households it creates or completes, by label.
    households: Vec<(String, ImportedHousehold)>,
}

/// Records an import job's `action` in the principal's partition and commits `tx` with it.
async fn commit_job_event(
    mut tx: Box<dyn crate::Tx>,
    principal: &Principal,
    action: &'static str,
    detail: String,
    now: i64,
) -> Result<(), AppError> {
    let record = Record {
        partition: principal.partition(),
        action,
        person: None,
        purpose: None,
        detail,
    };
    append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
    tx.commit().await?;
    Ok(())
}

/// The mark of the row on `line` of import `job`: unique among persons, so that no row of an
/// import is registered twice. Jobs are numbered below 2³¹ and lines below 2³².
fn import_ref(job: i64, line: u64) -> Result<i64, AppError> {
    let line = u32::try_from(line).map_err(|_| {
        AppError::Invalid(Invalid(vec![FieldError::new(
            "line",
            "problem-import-file-most-4",
        )]))
    })?;
    Ok((job << 32) | i64::from(line))
}

/// A file to import: its name and the SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFile {
    /// The name as given (the job is found again by it after an edit).
    pub name: String,
    /// SHA-256 of the file.
    pub digest: [u8; 32],
    /// Start a new import even though another one stopped before it finished (the file holds
    /// other people, not a corrected copy of the stopped one's).
    pub new_import: bool,
}

/// An import as a recorded job: a crashed one is resumed by running it again, and no row is
/// registered twice (each registered row is marked with the job and its line, uniquely).
#[derive(Clone, Debug)]
pub struct ImportJob {
    /// The job's number.
    pub number: i64,
    /// How it began this time.
    pub start: ImportStart,
    /// The batches written before, in line order: their rows are skipped.
    pub done: Vec<crate::ImportBatchRow>,
    households: Vec<crate::ImportHouseholdRow>,
    /// It counted its file's lines as the csv reader did (recorded before 2026-12-04): the
    /// lines it wrote are checked to be where it counted them before it resumes.
    pub counted_before: bool,
}

/// How import jobs count their file's lines now: from the text (`import_run::Lines`).
pub const LINE_COUNT: i64 = 2;

/// How an import began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStart {
    /// A file never imported before.
    Fresh,
    /// The same file, after an import of it stopped: the rest is imported.
    Resumed,
    /// A file of the same name whose bytes changed since an import of it stopped: the caller
    /// must check that every line already imported reads as it did
    /// ([`crate::ImportBatchRow::digest`]), then [`App::adopt_import`] it.
    Edited,
}

impl ImportJob {
    /// Whether `line` was imported by an earlier run.
    pub fn is_done(&self, line: u64) -> bool {
        let line = i64::try_from(line).unwrap_or(i64::MAX);
        // Asked for every line of the file: a binary search over the batches (kept in line
        // order, and not overlapping), not a scan.
        let at = self.done.partition_point(|b| b.first_line <= line);
        at.checked_sub(1)
            .and_then(|i| self.done.get(i))
            .is_some_and(|b| line <= b.last_line)
    }

    /// Rows imported by earlier runs.
    pub fn rows_done(&self) -> i64 {
        self.done.iter().map(|b| b.rows).sum()
    }
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
        let batch = match self.prepare_import_batch(principal, session, rows) {
            Ok(batch) => batch,
            Err(e) => {
                self.record_import_refusals(principal, session).await;
                return Err(e);
            }
        };
        Ok(self.write_import_batch(principal, batch).await?)
    }

    /// Records the rows of the last batch prepared that the policy refused (another
    /// municipality's, for a municipal principal): one `access-denied` entry per municipality
    /// asked for, as any other refusal (docs/design/trust.md). Call it when
    /// [`App::prepare_import_batch`] fails; it is pure and cannot record them itself.
    pub async fn record_import_refusals(&self, principal: &Principal, session: &mut ImportSession) {
        for municipality in std::mem::take(&mut session.refused) {
            if let Err(refusal) = self.decide(
                principal,
                Action::ImportRecords,
                &Subject::Municipality(municipality),
                "municipality",
            ) {
                // The refusal is the rows' field errors already; this only records it.
                let _ = self.refuse((), refusal).await;
            }
        }
    }

    /// Validates one batch without touching the database, so a caller can validate the next
    /// batch while the previous one is being written. On success the session already counts
    /// the batch's households; on failure it is unchanged but for the refusals it holds for
    /// [`App::record_import_refusals`].
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
        let mut refused = Vec::new();
        let mut depends_on = None;
        let rows_lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
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
                Err((e, out_of_scope)) => {
                    bad.push((row.line, e));
                    refused.extend(out_of_scope);
                }
            }
        }
        if !bad.is_empty() {
            refused.sort_unstable();
            refused.dedup();
            session.refused = refused;
            return Err(ImportError::Rows(bad));
        }
        let households: Vec<(String, ImportedHousehold)> = staged
            .iter()
            .map(|(label, h)| (label.clone(), *h))
            .collect();
        session.households.extend(staged);
        session.batches = number;
        Ok(PreparedBatch {
            lines: rows_lines,
            rows: prepared,
            number,
            depends_on,
            households,
        })
    }

    /// Begins an import of `file`: a new job, or the stopped one of the same file (resumed), or
    /// of a file of the same name since edited (the caller checks the lines already imported,
    /// then adopts it). A file imported completely is refused: importing it again would
    /// register everyone twice.
    pub async fn start_import(
        &self,
        principal: &Principal,
        file: &ImportFile,
    ) -> Result<ImportJob, AppError> {
        self.permit(principal, Action::ImportRecords).await?;
        let now = self.clock.now_us();
        // Jobs belong to the office that started them: another municipality's jobs are neither
        // resumed, nor named, nor in the way here.
        let scope = principal.partition();
        for _ in 0..16 {
            let mut tx = self.store.begin().await?;
            let (row, start) = match tx.import_job_by_digest(&file.digest).await? {
                // The same bytes, imported by another office: the digest stays unique across
                // offices (a file is never imported twice), but nothing of that job is told.
                Some(job) if job.scope != scope => {
                    return Err(AppError::ImportedBefore(
                        "this very file was imported by another office; it is not imported \
                         again here"
                            .to_owned(),
                    ));
                }
                Some(job) if job.finished_at_us.is_some() => {
                    return Err(AppError::ImportedBefore(format!(
                        "this file was imported completely as import {} (started {}); importing it \
                         again would register everyone in it twice",
                        job.number,
                        jiff::Timestamp::from_microsecond(job.started_at_us)
                            .map(|t| format!("{t:.0}"))
                            .unwrap_or_default()
                    )));
                }
                Some(job) => (job, ImportStart::Resumed),
                None => {
                    let unfinished = tx.unfinished_imports(&scope).await?;
                    match unfinished.iter().find(|j| j.file_name == file.name) {
                        Some(job) => (job.clone(), ImportStart::Edited),
                        // A stopped import of another file: this one may be its corrected copy,
                        // whose rows would all be registered a second time under a new job (a
                        // review found it). Only the caller's word makes it a new import.
                        None if !file.new_import && !unfinished.is_empty() => {
                            let list = unfinished
                                .iter()
                                .map(|j| format!("import {} of {}", j.number, j.file_name))
                                .collect::<Vec<_>>()
                                .join(", ");
                            return Err(AppError::ImportedBefore(format!(
                                "an import stopped before it finished ({list}); if this file is a \
                                 corrected copy, put it in that file's place and run the import \
                                 of that file again: it resumes after the rows written. If this \
                                 file holds other people, start it as a new import (--new-import, or new_import=true \
                                 over the API)"
                            )));
                        }
                        None if !file.new_import
                            && let Some(before) =
                                tx.finished_import_by_name(&scope, &file.name).await? =>
                        {
                            // The same file, changed since it was imported completely: its
                            // rows imported then would be registered again.
                            return Err(AppError::ImportedBefore(format!(
                                "this file was imported completely as import {} and has changed \
                                 since; importing it again would register again everyone it held \
                                 then. Put only the new people in a file of their own, or start it \
                                 as a new import (--new-import, or new_import=true over the API) if \
                                 it holds only other people",
                                before.number
                            )));
                        }
                        None => {
                            let job = crate::ImportJobRow {
                                number: i64::from(u32::from_be_bytes(self.random_bytes()) >> 1),
                                digest: file.digest,
                                file_name: file.name.clone(),
                                started_at_us: now,
                                started_by: principal.ledger_name(),
                                scope: scope.clone(),
                                line_count: LINE_COUNT,
                                finished_at_us: None,
                            };
                            if !tx.insert_import_job(&job).await? {
                                continue;
                            }
                            let detail =
                                format!("import={} file={}", job.number, hex::encode(job.digest));
                            commit_job_event(tx, principal, "import-started", detail, now).await?;
                            return Ok(ImportJob {
                                number: job.number,
                                start: ImportStart::Fresh,
                                done: Vec::new(),
                                households: Vec::new(),
                                counted_before: false,
                            });
                        }
                    }
                }
            };
            let done = tx.import_batches(row.number).await?;
            let households = tx.import_households(row.number).await?;
            return Ok(ImportJob {
                number: row.number,
                start,
                done,
                households,
                counted_before: row.line_count != LINE_COUNT,
            });
        }
        Err(AppError::Conflict)
    }

    /// Adopts an edited file for a stopped import, once the caller checked that every line the
    /// import already wrote reads as it did.
    pub async fn adopt_import(
        &self,
        principal: &Principal,
        job: &ImportJob,
        file: &ImportFile,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::ImportRecords).await?;
        let mut tx = self.store.begin().await?;
        tx.set_import_digest(job.number, &file.digest).await?;
        let detail = format!("import={} file={}", job.number, hex::encode(file.digest));
        commit_job_event(tx, principal, "import-adopted", detail, self.clock.now_us()).await
    }

    /// The session an import continues with: the households its earlier runs created.
    pub fn import_session(&self, job: &ImportJob) -> ImportSession {
        ImportSession {
            refused: Vec::new(),
            households: job
                .households
                .iter()
                .map(|h| {
                    (
                        h.label.clone(),
                        ImportedHousehold {
                            id: h.household,
                            municipality: h.municipality,
                            has_head: h.has_head,
                            batch: 0,
                        },
                    )
                })
                .collect(),
            batches: 0,
        }
    }

    /// Writes a validated batch of an import job in one transaction, with its record: its
    /// lines, `digest` of its records as read, and the households it made, so that a run after
    /// a crash skips it and finds its households.
    pub async fn write_job_batch(
        &self,
        principal: &Principal,
        job: i64,
        mut batch: PreparedBatch,
        digest: [u8; 32],
    ) -> Result<usize, AppError> {
        self.permit(principal, Action::ImportRecords).await?;
        let n = batch.rows.len();
        for (p, line) in batch.rows.iter_mut().zip(batch.lines.iter()) {
            p.import_ref = Some(import_ref(job, *line)?);
        }
        let mut tx = self.store.begin().await?;
        let first = batch.lines.first().copied().unwrap_or(0);
        let last = batch.lines.last().copied().unwrap_or(0);
        let households: Vec<crate::ImportHouseholdRow> = batch
            .households
            .iter()
            .map(|(label, h)| crate::ImportHouseholdRow {
                label: label.clone(),
                household: h.id,
                municipality: h.municipality,
                has_head: h.has_head,
            })
            .collect();
        self.write_registrations(tx.as_mut(), principal, batch.rows)
            .await?;
        tx.record_import_batch(
            &crate::ImportBatchRow {
                job,
                first_line: i64::try_from(first).unwrap_or(i64::MAX),
                last_line: i64::try_from(last).unwrap_or(i64::MAX),
                rows: i64::try_from(n).unwrap_or(i64::MAX),
                digest,
            },
            &households,
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Marks an import finished: the same file is then refused.
    pub async fn finish_import(
        &self,
        principal: &Principal,
        job: &ImportJob,
        rows: u64,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::ImportRecords).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        tx.finish_import_job(job.number, now).await?;
        // Its residents become findable by name with the job's end (docs/design/registry.md).
        let terms = tx.index_import(job.number).await?;
        let detail = format!("import={} rows={rows} search-terms={terms}", job.number);
        commit_job_event(tx, principal, "import-finished", detail, now).await
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
    ) -> Result<(Prepared, Option<u64>), (Invalid, Option<MunicipalityCode>)> {
        let label = row.household.trim();
        if label.is_empty() {
            return Err((
                Invalid(vec![FieldError::new(
                    "household",
                    "problem-required-label-shared-household",
                )]),
                None,
            ));
        }
        let existing = households
            .get(label)
            .or_else(|| committed.get(label))
            .copied();
        let id = existing
            .map(|h| h.id)
            .unwrap_or_else(|| self.new_household_id());
        // Every problem of the row at once: the carried code and number's, then the record's.
        let (kind, carried) = match &row.carried {
            None => (Registration::Import, Ok(None)),
            Some(c) => (Registration::Migration, c.clone().map(Some)),
        };
        let record = match (carried, ResidentRecord::validate(&row.input, id, today)) {
            (Ok(carried), Ok(record)) => {
                kind.check(&record, today, carried.as_ref())
                    .map_err(|e| (e, None))?;
                (record, carried)
            }
            (Err(Invalid(mut a)), Err(Invalid(b))) => {
                a.extend(b);
                return Err((Invalid(a), None));
            }
            (Err(e), _) | (_, Err(e)) => return Err((e, None)),
        };
        let (record, carried) = record;
        let mut errors = Vec::new();
        let mut refused = None;
        if let Decision::Deny(denied) = mynumber_core::decide(
            principal,
            Action::ImportRecords,
            &Subject::Municipality(record.municipality()),
        ) {
            errors.push(
                FieldError::new("municipality_code", "problem-import-denied")
                    .arg("detail", denied.to_string()),
            );
            refused = Some(record.municipality());
        }
        let is_head = record.relationship() == Relationship::Head;
        match existing {
            Some(h) if h.municipality != record.municipality() => errors.push(
                FieldError::new("household", "problem-import-household-elsewhere")
                    .arg("label", format!("{label:?}"))
                    .arg("household_municipality", h.municipality.to_string())
                    .arg("row_municipality", record.municipality().to_string()),
            ),
            Some(h) if h.has_head && is_head => errors.push(
                FieldError::new("relationship", "problem-import-second-head")
                    .arg("label", format!("{label:?}")),
            ),
            _ => {}
        }
        if !errors.is_empty() {
            return Err((Invalid(errors), refused));
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
            kind,
            record,
            effective_on: today,
            new_household: existing.is_none(),
            import_ref: None,
            carried,
            line: Some(row.line),
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
