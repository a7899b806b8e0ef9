//! `mynumber resident import|export|sample`: the register as CSV.
//!
//! The columns are documented in the README. Import streams the file in batches, each one
//! transaction; a bad row stops the import with its line number and reason, and nothing of its
//! batch is written (earlier batches stay).

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use mynumber_app::demo::{SampleConfig, sample_rows};
use mynumber_app::{App, Clock, ImportError, ImportRow, ImportSession};
use mynumber_core::Principal;
use mynumber_core::{ForeignInput, NameInput, ResidentInput};

use crate::files;

/// The import columns, in export order.
pub(crate) const COLUMNS: [&str; 18] = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "latin_name",
    "alias",
    "birth_date",
    "sex",
    "nationality",
    "residence_card_number",
    "status_of_residence",
    "period_of_stay_until",
    "prefecture",
    "municipality_code",
    "address",
    "household",
    "relationship",
    "preferred_language",
];

/// Columns that may be left out of the header (their values are then empty).
const OPTIONAL: [&str; 8] = [
    "family_name_kana",
    "given_name_kana",
    "latin_name",
    "alias",
    "nationality",
    "residence_card_number",
    "status_of_residence",
    "period_of_stay_until",
];

/// Reads `path` and registers every row, `batch` rows per transaction.
pub(crate) async fn import(app: &App, who: &Principal, path: &Path, batch: usize) -> Result<u64> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template(
            "{spinner} importing [{bar:40}] {percent:>3}% {msg} ({elapsed}, {eta} left)",
        )?
        .progress_chars("=> "),
    );
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(bar.wrap_read(file));
    let header = reader.headers().context("reading the header row")?.clone();
    let index = column_index(&header)?;
    let actor = who.clone();
    let mut session = ImportSession::default();
    let mut rows: Vec<ImportRow> = Vec::with_capacity(batch);
    let mut record = csv::StringRecord::new();
    // Batches are written while the next is read and validated. PostgreSQL takes two writing
    // transactions at once (each backend keeps a core busy); SQLite has one writer.
    let mut writers = Writers {
        queue: VecDeque::new(),
        depth: if app.backend() == "postgres" { 2 } else { 1 },
        imported: 0,
        failure: None,
    };
    loop {
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                writers.drain(&bar).await;
                return Err(read_error(e, path, writers.imported));
            }
        };
        let next = more.then(|| {
            let line = record.position().map_or(0, |p| p.line());
            to_row(&record, &index, line)
        });
        // Cut a full batch only between households, so a household written in one file
        // stretch never makes the next batch wait for the one creating it.
        let full = rows.len() >= batch
            && next
                .as_ref()
                .is_none_or(|n| rows.last().is_none_or(|l| l.household != n.household));
        if (full || next.is_none()) && !rows.is_empty() {
            let lines = (
                rows.first().map_or(0, |r| r.line),
                rows.last().map_or(0, |r| r.line),
            );
            match app.prepare_import_batch(&actor, &mut session, std::mem::take(&mut rows)) {
                Ok(prepared) => {
                    writers.wait_for(prepared.depends_on(), &bar).await;
                    if let Some(e) = writers.failure.take() {
                        writers.drain(&bar).await;
                        return Err(e);
                    }
                    let (app, actor) = (app.clone(), actor.clone());
                    writers.queue.push_back(InFlight {
                        number: prepared.number(),
                        lines,
                        task: tokio::spawn(async move {
                            app.write_import_batch(&actor, prepared).await
                        }),
                    });
                }
                Err(ImportError::Rows(bad)) => {
                    writers.drain(&bar).await;
                    bar.abandon();
                    for (line, e) in &bad {
                        eprintln!("line {line}: {e}");
                    }
                    let imported = writers.imported;
                    bail!(
                        "{} bad row(s); lines {}-{} were not written ({imported} residents imported before them)",
                        bad.len(),
                        lines.0,
                        lines.1
                    );
                }
                Err(ImportError::App(e)) => {
                    writers.drain(&bar).await;
                    return Err(e.into());
                }
            }
        }
        match next {
            Some(row) => rows.push(row),
            None => break,
        }
    }
    writers.drain(&bar).await;
    if let Some(e) = writers.failure.take() {
        return Err(e);
    }
    let imported = writers.imported;
    bar.finish_with_message(format!("{imported} residents"));
    Ok(imported)
}

/// Explains a CSV read failure; a file that is not UTF-8 (Excel's default Shift_JIS export) gets
/// told how to save it.
fn read_error(e: csv::Error, path: &Path, imported: u64) -> anyhow::Error {
    let line = e.position().map_or(0, |p| p.line());
    let hint = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => format!(
            "line {line} is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\"), Shift_JIS is not read"
        ),
        _ => format!("line {line}: {e}"),
    };
    anyhow::anyhow!("{hint} ({imported} residents imported before it)")
        .context(format!("reading {}", path.display()))
}

/// A batch being written, with its number and the file lines it came from.
struct InFlight {
    number: u64,
    lines: (u64, u64),
    task: tokio::task::JoinHandle<Result<usize, mynumber_app::AppError>>,
}

/// The batches being written, oldest first, and what they came to.
struct Writers {
    queue: VecDeque<InFlight>,
    depth: usize,
    imported: u64,
    /// The first batch that failed; later ones still finish, so the count is exact.
    failure: Option<anyhow::Error>,
}

impl Writers {
    /// Waits until batch `dependency` (and those before it) is committed and a writer is free.
    async fn wait_for(&mut self, dependency: Option<u64>, bar: &ProgressBar) {
        while self
            .queue
            .front()
            .is_some_and(|f| Some(f.number) <= dependency)
            || self.queue.len() >= self.depth
        {
            self.finish_front(bar).await;
        }
    }

    async fn drain(&mut self, bar: &ProgressBar) {
        while !self.queue.is_empty() {
            self.finish_front(bar).await;
        }
    }

    async fn finish_front(&mut self, bar: &ProgressBar) {
        let Some(f) = self.queue.pop_front() else {
            return;
        };
        let (first, last) = f.lines;
        let outcome = match f.task.await {
            Ok(Ok(n)) => {
                self.imported += n as u64;
                bar.set_message(format!("{} residents", self.imported));
                return;
            }
            Ok(Err(e)) => anyhow::Error::new(e),
            Err(e) => anyhow::Error::new(e).context("the writing task failed"),
        };
        bar.abandon();
        if self.failure.is_none() {
            self.failure = Some(outcome.context(format!(
                "lines {first}-{last} were not written; the other batches were"
            )));
        }
    }
}

fn column_index(header: &csv::StringRecord) -> Result<Vec<Option<usize>>> {
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    if names.contains(&"individual_number") {
        bail!(
            "the file has an individual_number column: numbers are issued by this system on \
             registration and cannot be imported; remove the column"
        );
    }
    // An export's resident_code column is accepted and ignored: codes are assigned here.
    if let Some(unknown) = names
        .iter()
        .find(|n| !COLUMNS.contains(n) && **n != "resident_code")
    {
        bail!(
            "unknown column {unknown:?}; the columns are: {}",
            COLUMNS.join(", ")
        );
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| !OPTIONAL.contains(c) && !names.contains(c))
        .copied()
        .collect();
    if !missing.is_empty() {
        bail!(
            "the header lacks required column(s): {}",
            missing.join(", ")
        );
    }
    Ok(COLUMNS
        .iter()
        .map(|c| names.iter().position(|n| n == c))
        .collect())
}

fn to_row(record: &csv::StringRecord, index: &[Option<usize>], line: u64) -> ImportRow {
    let get = |col: usize| -> String {
        index[col]
            .and_then(|i| record.get(i))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let opt = |col: usize| Some(get(col)).filter(|s| !s.is_empty());
    let nationality = get(8);
    let foreign = (!nationality.is_empty() && !nationality.eq_ignore_ascii_case("JP")).then(|| {
        ForeignInput {
            nationality,
            residence_card_number: opt(9),
            status_of_residence: get(10),
            period_of_stay_until: opt(11),
        }
    });
    ImportRow {
        line,
        household: get(15),
        input: ResidentInput {
            name: NameInput {
                family: get(0),
                given: get(1),
                family_kana: opt(2),
                given_kana: opt(3),
                latin: opt(4),
                alias: opt(5),
            },
            birth_date: get(6),
            sex: get(7),
            prefecture: get(12),
            municipality_code: get(13),
            address: get(14),
            relationship: get(16),
            preferred_language: get(17),
            foreign,
        },
    }
}

fn fields(input: &ResidentInput, household: &str) -> [String; 18] {
    let n = &input.name;
    let f = input.foreign.as_ref();
    let o = |s: Option<&String>| s.cloned().unwrap_or_default();
    [
        n.family.clone(),
        n.given.clone(),
        o(n.family_kana.as_ref()),
        o(n.given_kana.as_ref()),
        o(n.latin.as_ref()),
        o(n.alias.as_ref()),
        input.birth_date.clone(),
        input.sex.clone(),
        f.map(|f| f.nationality.clone()).unwrap_or_default(),
        o(f.and_then(|f| f.residence_card_number.as_ref())),
        f.map(|f| f.status_of_residence.clone()).unwrap_or_default(),
        o(f.and_then(|f| f.period_of_stay_until.as_ref())),
        input.prefecture.clone(),
        input.municipality_code.clone(),
        input.address.clone(),
        household.to_owned(),
        input.relationship.clone(),
        input.preferred_language.clone(),
    ]
}

/// Writes the current register as CSV; with a purpose, with numbers (each reading recorded).
pub(crate) async fn export(
    app: &App,
    who: &Principal,
    purpose: Option<&str>,
    out: Option<&PathBuf>,
) -> Result<u64> {
    let sink: Box<dyn Write> = match out {
        Some(p) => Box::new(files::create_private(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut w = csv::Writer::from_writer(io::BufWriter::new(sink));
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push("resident_code");
    if purpose.is_some() {
        header.push("individual_number");
    }
    w.write_record(&header)?;
    let actor = who.clone();
    let mut after = None;
    let mut written = 0u64;
    loop {
        let page = app.export_page(&actor, after, purpose, 1000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.row.person.id);
        for r in &page {
            let rec = &r.row.version.resident.record;
            let input = rec.to_input();
            let mut row: Vec<String> = fields(&input, &rec.household().to_hex()).to_vec();
            row.push(r.row.person.resident_code.digits().to_owned());
            if purpose.is_some() {
                row.push(
                    r.number
                        .map(|n| n.expose_digits().to_owned())
                        .unwrap_or_default(),
                );
            }
            w.write_record(&row)?;
            written += 1;
        }
    }
    w.flush()?;
    Ok(written)
}

/// Writes `count` synthetic residents of 新宿区 as import CSV.
pub(crate) fn sample(count: usize, seed: u64, out: Option<&PathBuf>) -> Result<()> {
    let sink: Box<dyn Write> = match out {
        Some(p) => Box::new(files::create_private(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut w = csv::Writer::from_writer(io::BufWriter::new(sink));
    w.write_record(COLUMNS)?;
    let config = SampleConfig::shinjuku(count, seed, mynumber_app::system::SystemClock.today());
    let mut err = None;
    sample_rows(&config, |row| {
        if err.is_none()
            && let Err(e) = w.write_record(fields(&row.input, &row.household))
        {
            err = Some(e);
        }
    });
    if let Some(e) = err {
        return Err(e.into());
    }
    w.flush()?;
    Ok(())
}
