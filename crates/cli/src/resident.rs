//! `mynumber resident import|export|sample`: the register as CSV.
//!
//! The columns are documented in the README. Import streams the file in batches, each one
//! transaction; a bad row stops the import with its line number and reason, and nothing of its
//! batch is written (earlier batches stay). An import is a recorded job bound to the file's
//! digest: run again, it resumes after the batches written, and nobody is registered twice.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use mynumber_app::demo::{SampleConfig, sample_rows};
use mynumber_app::import_file::{self, FileEncoding, RecordLimit};
use mynumber_app::{App, Clock, ImportError, ImportFile, ImportJob, ImportRow, ImportStart};
use mynumber_core::Principal;
use sha2::{Digest, Sha256};

use crate::files;

/// How an import reads its file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ImportOptions {
    /// Rows per transaction.
    pub batch: usize,
    /// Start although another import stopped unfinished.
    pub new_import: bool,
    /// New codes and numbers, or those the residents hold.
    pub layout: import_file::Layout,
    /// The file's encoding; `None`: told from its bytes.
    pub encoding: Option<FileEncoding>,
}

/// The file's text as UTF-8, whatever its encoding.
fn text_reader<R: io::Read + 'static>(f: R, encoding: FileEncoding) -> Box<dyn io::Read> {
    match encoding {
        FileEncoding::Utf8 => Box::new(f),
        FileEncoding::Cp932 => Box::new(import_file::Cp932Reader::new(f)),
    }
}

/// Registers every row of `path`, `batch` rows per transaction, as a recorded import job: run
/// again after a crash or a bad row, it resumes after the batches already written.
pub(crate) async fn import(
    app: &App,
    who: &Principal,
    path: &Path,
    options: ImportOptions,
) -> Result<u64> {
    let ImportOptions {
        batch,
        new_import,
        layout,
        encoding,
    } = options;
    // One handle for the digest and the import: the job is bound to the bytes it reads.
    let mut f = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let (digest, sniffed) =
        file_digest(&mut f).with_context(|| format!("reading {}", path.display()))?;
    let Some(encoding) = encoding.or(sniffed) else {
        bail!(
            "{} is neither UTF-8 nor CP932 (Shift_JIS) text; save it as \"CSV UTF-8\", or name its \
             encoding with --encoding",
            path.display()
        );
    };
    io::Seek::seek(&mut f, io::SeekFrom::Start(0))
        .with_context(|| format!("reading {}", path.display()))?;
    let total = f.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template(
            "{spinner} importing [{bar:40}] {percent:>3}% {msg} ({elapsed}, {eta} left)",
        )?
        .progress_chars("=> "),
    );
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(RecordLimit::new(
            text_reader(bar.wrap_read(f), encoding),
            import_file::MAX_RECORD_BYTES,
        ));
    // The header is checked before a job is recorded: a file refused outright starts nothing.
    let header = reader.headers().context("reading the header row")?.clone();
    let index = import_file::column_index(&header, layout).map_err(anyhow::Error::msg)?;
    let file = ImportFile {
        name: std::fs::canonicalize(path)
            .with_context(|| format!("opening {}", path.display()))?
            .to_string_lossy()
            .into_owned(),
        digest,
        new_import,
    };
    let job = app.start_import(who, &file).await?;
    match job.start {
        ImportStart::Fresh => {}
        ImportStart::Resumed => eprintln!(
            "resuming import {}: {} residents were imported from this file before; their lines are skipped",
            job.number,
            job.rows_done()
        ),
        ImportStart::Edited => {
            unchanged_lines(path, &job, encoding)?;
            app.adopt_import(who, &job, &file).await?;
            eprintln!(
                "resuming import {} with the edited file: the lines of its {} residents imported before read as they did and are skipped",
                job.number,
                job.rows_done()
            );
        }
    }
    let actor = who.clone();
    let mut session = app.import_session(&job);
    let mut rows: Vec<ImportRow> = Vec::with_capacity(batch);
    let mut digest = Sha256::new();
    let mut record = csv::StringRecord::new();
    // Batches are written while the next is read and validated. PostgreSQL takes two writing
    // transactions at once (each backend keeps a core busy); SQLite has one writer.
    let mut writers = Writers {
        queue: VecDeque::new(),
        depth: if app.backend() == "postgres" { 2 } else { 1 },
        imported: 0,
        failure: None,
        job: job.number,
    };
    loop {
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                writers.drain(&bar).await;
                return Err(read_error(e, path, &writers));
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        // A line an earlier run wrote is skipped, and ends the batch being gathered: a batch
        // covers consecutive lines, so an edited file can be checked batch by batch.
        let next = (more && !job.is_done(line))
            .then(|| import_file::to_row(|i| record.get(i), &index, line));
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
            let batch_digest: [u8; 32] = std::mem::take(&mut digest).finalize().into();
            match app.prepare_import_batch(&actor, &mut session, std::mem::take(&mut rows)) {
                Ok(prepared) => {
                    writers.wait_for(prepared.depends_on(), &bar).await;
                    if let Some(e) = writers.failure.take() {
                        writers.drain(&bar).await;
                        return Err(e);
                    }
                    let (app, actor, job) = (app.clone(), actor.clone(), job.number);
                    writers.queue.push_back(InFlight {
                        number: prepared.number(),
                        lines,
                        task: tokio::spawn(async move {
                            app.write_job_batch(&actor, job, prepared, batch_digest)
                                .await
                        }),
                    });
                }
                Err(ImportError::Rows(bad)) => {
                    writers.drain(&bar).await;
                    app.record_import_refusals(&actor, &mut session).await;
                    bar.abandon();
                    for (line, e) in &bad {
                        eprintln!("line {line}: {e}");
                    }
                    bail!(
                        "{} bad row(s); lines {}-{} were not written. {}",
                        bad.len(),
                        lines.0,
                        lines.1,
                        writers.resume_hint()
                    );
                }
                Err(ImportError::App(e)) => {
                    writers.drain(&bar).await;
                    return Err(e.into());
                }
            }
        }
        if !more {
            break;
        }
        if let Some(row) = next {
            hash_record(&mut digest, line, &record);
            rows.push(row);
        }
    }
    writers.drain(&bar).await;
    if let Some(e) = writers.failure.take() {
        return Err(e);
    }
    let imported = writers.imported;
    app.finish_import(who, &job, imported + job.rows_done().unsigned_abs())
        .await?;
    bar.finish_with_message(format!("{imported} residents"));
    Ok(imported)
}

/// SHA-256 of the file's bytes (read to the end): the import job is bound to it. On the same
/// pass, the encoding its bytes show (`None`: neither UTF-8 nor CP932).
fn file_digest(f: &mut File) -> io::Result<([u8; 32], Option<FileEncoding>)> {
    let mut hasher = Sha256::new();
    let mut sniffer = import_file::EncodingSniffer::default();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match io::Read::read(f, &mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let bytes = buf.get(..n).unwrap_or_default();
                hasher.update(bytes);
                sniffer.update(bytes);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((hasher.finalize().into(), sniffer.finish()))
}

/// Adds one record, with its line, to a batch's digest (each field length-prefixed, so that no
/// two different records hash alike).
fn hash_record(hasher: &mut Sha256, line: u64, record: &csv::StringRecord) {
    hasher.update(line.to_le_bytes());
    hasher.update((record.len() as u64).to_le_bytes());
    for field in record {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
}

/// Checks that an edited file still holds, line for line, every record the stopped import
/// wrote: only then may it continue with this file.
fn unchanged_lines(path: &Path, job: &ImportJob, encoding: FileEncoding) -> Result<()> {
    let f = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(RecordLimit::new(
            text_reader(f, encoding),
            import_file::MAX_RECORD_BYTES,
        ));
    let mut hashers: Vec<Sha256> = job.done.iter().map(|_| Sha256::new()).collect();
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .with_context(|| format!("reading {}", path.display()))?
    {
        let line = record.position().map_or(0, |p| p.line());
        let line = i64::try_from(line).unwrap_or(i64::MAX);
        let at = job.done.partition_point(|b| b.first_line <= line);
        if let Some(i) = at.checked_sub(1)
            && job.done[i].last_line >= line
            && let Some(h) = hashers.get_mut(i)
        {
            hash_record(h, line.unsigned_abs(), &record);
        }
    }
    for (batch, hasher) in job.done.iter().zip(hashers) {
        let digest: [u8; 32] = hasher.finalize().into();
        if digest != batch.digest {
            bail!(
                "this file changed since import {} stopped, and lines {}-{}, which it imported, \
                 no longer read as they did; put those lines back as they were (only the lines \
                 not yet imported may change) and run the import again",
                job.number,
                batch.first_line,
                batch.last_line
            );
        }
    }
    Ok(())
}

/// Explains a CSV read failure; a file read as UTF-8 that is not (`--encoding utf-8` on a
/// Shift_JIS file) gets told what to do.
fn read_error(e: csv::Error, path: &Path, writers: &Writers) -> anyhow::Error {
    let line = e.position().map_or(0, |p| p.line());
    let hint = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => format!(
            "line {line} is not UTF-8 text; if the file is Shift_JIS (Excel's default CSV in Japan), pass --encoding cp932"
        ),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => format!("line {line}: {e}"),
    };
    anyhow::anyhow!("{hint}. {}", writers.resume_hint())
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
    /// The import job.
    job: i64,
}

impl Writers {
    /// What to do after a stop: the job resumes.
    fn resume_hint(&self) -> String {
        format!(
            "{} residents were imported by this run (import {}) and are kept; correct the file \
             and run the same command again: it resumes after them and registers nobody twice",
            self.imported, self.job
        )
    }

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
            let hint = self.resume_hint();
            self.failure = Some(outcome.context(format!(
                "lines {first}-{last} were not written; the other batches were. {hint}"
            )));
        }
    }
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
    let mut header: Vec<&str> = import_file::COLUMNS.to_vec();
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
            let mut row: Vec<String> =
                import_file::fields(&input, &rec.household().to_hex()).to_vec();
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
    w.write_record(import_file::COLUMNS)?;
    let config = SampleConfig::shinjuku(count, seed, mynumber_app::system::SystemClock.today());
    let mut err = None;
    sample_rows(&config, |row| {
        if err.is_none()
            && let Err(e) = w.write_record(import_file::fields(&row.input, &row.household))
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
