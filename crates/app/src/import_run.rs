//! An import job run from its first line to its last over a CSV source, for whoever calls it:
//! the CLI's file (`mynumber resident import`) and the API's upload
//! (`POST /api/v1/residents/import`). Each batch is one transaction; the next batch is read and
//! validated while the last is written. The job is bound to the source's digest: run again
//! after a crash or a bad row, it resumes after the batches written, and nobody is registered
//! twice.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::sync::{Arc, Mutex};

use mynumber_core::{Invalid, Principal};
use sha2::{Digest, Sha256};

use crate::import_file::{self, FileEncoding, Layout, RecordLimit};
use crate::{App, AppError, ImportError, ImportFile, ImportJob, ImportRow, ImportStart};

/// Which pass over the source a reader is opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// The digest the job is bound to, and the encoding the bytes show.
    Digest,
    /// The import itself.
    Import,
    /// For a stopped import's edited file: the lines it wrote, read again to check them.
    Check,
}

/// Where an import's bytes come from. It is read more than once, so it opens a reader from the
/// first byte for each [`Pass`].
pub trait ImportSource: Sync {
    /// The name a stopped job is found by again once its file is edited, and a finished one
    /// once its file is changed (a file's canonical path; the name an upload gives).
    fn name(&self) -> &str;
    /// A reader from the first byte.
    fn open(&self, pass: Pass) -> io::Result<Box<dyn io::Read + Send>>;
}

/// Rows per transaction unless told otherwise.
pub const IMPORT_BATCH: usize = 50_000;

/// How an import reads its source.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions {
    /// Rows per transaction.
    pub batch: usize,
    /// Start although another import stopped unfinished (the source holds other people).
    pub new_import: bool,
    /// New codes and numbers, or those the residents hold (移行).
    pub layout: Layout,
    /// The source's encoding; `None`: told from its bytes.
    pub encoding: Option<FileEncoding>,
}

/// What a run reports as it goes (a progress bar); every method does nothing by default.
pub trait ImportProgress: Sync {
    /// The job is recorded (or found again): its lines already written are skipped.
    fn started(&self, _job: &ImportJob) {}
    /// `imported` residents are written by this run so far.
    fn written(&self, _imported: u64) {}
    /// The run stopped.
    fn stopped(&self) {}
}

/// A run that reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl ImportProgress for Quiet {}

/// A run that went to the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The job.
    pub job: i64,
    /// Fresh, resumed, or resumed with an edited source.
    pub start: ImportStart,
    /// Residents its earlier runs imported (their lines skipped).
    pub before: u64,
    /// Residents this run imported.
    pub imported: u64,
}

/// What a stopped run had done. Its batches are kept, and the same source run again resumes
/// after them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped {
    /// The job.
    pub job: i64,
    /// Residents this run imported before it stopped.
    pub imported: u64,
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} residents were imported by this run (import {}) and are kept; correct the file \
             and import it again (the same command, or the same upload): it resumes after them \
             and registers nobody twice",
            self.imported, self.job
        )
    }
}

/// Why a run stopped.
#[derive(Debug)]
pub enum ImportFailure {
    /// The bytes are neither UTF-8 nor CP932 text.
    NotText,
    /// The source could not be read.
    Io(io::Error),
    /// The header row is refused; nothing was started.
    Header(mynumber_core::FieldError),
    /// A stopped import's edited source no longer holds, as they were, the lines it imported.
    Changed {
        /// The stopped job.
        job: i64,
        /// It counted the lines as the csv reader did, and they now fall elsewhere.
        counted_before: bool,
        /// The first line of the batch that changed.
        first_line: i64,
        /// Its last line.
        last_line: i64,
    },
    /// A line is not CSV text in the encoding read.
    Unreadable {
        /// The line.
        line: u64,
        /// The bytes are not UTF-8 (read as UTF-8).
        not_utf8: bool,
        /// What the reader said.
        problem: String,
        /// What the run had done.
        stopped: Stopped,
    },
    /// Rows are invalid; their batch was not written.
    Rows {
        /// Each bad row's line and problems.
        bad: Vec<(u64, Invalid)>,
        /// The batch's first and last line.
        lines: (u64, u64),
        /// What the run had done.
        stopped: Stopped,
    },
    /// A batch could not be written; the others were.
    Write {
        /// Its first and last line.
        lines: (u64, u64),
        /// Why.
        error: AppError,
        /// What the run had done.
        stopped: Stopped,
    },
    /// The register refused the run (the policy, a source imported before).
    App(AppError),
}

impl From<AppError> for ImportFailure {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotText => f.write_str(
                "the file is neither UTF-8 nor CP932 (Shift_JIS) text; save it as \"CSV UTF-8\", \
                 or name its encoding",
            ),
            Self::Io(e) => write!(f, "{e}"),
            Self::Header(why) => f.write_str(&why.problem()),
            Self::Changed {
                job,
                counted_before: true,
                first_line,
                last_line,
            } => write!(
                f,
                "import {job} was started by an earlier build, which counted this file's lines \
                 differently (after blank lines, or where line ends are mixed): lines \
                 {first_line}-{last_line}, which it imported, are not where it counted them. \
                 Finish it with the build that started it, or put the rows it has not imported \
                 in a file of their own and import that as a new import"
            ),
            Self::Changed {
                job,
                counted_before: false,
                first_line,
                last_line,
            } => write!(
                f,
                "this file changed since import {job} stopped, and lines \
                 {first_line}-{last_line}, which it imported, no longer read as they did; put \
                 those lines back as they were (only the lines not yet imported may change) and \
                 run the import again"
            ),
            Self::Unreadable {
                line,
                not_utf8: true,
                stopped,
                ..
            } => write!(
                f,
                "line {line} is not UTF-8 text; if the file is Shift_JIS (Excel's default CSV in \
                 Japan), name its encoding as cp932. {stopped}"
            ),
            Self::Unreadable {
                problem, stopped, ..
            } => write!(f, "{problem}. {stopped}"),
            Self::Rows {
                bad,
                lines,
                stopped,
            } => write!(
                f,
                "{} bad row(s); lines {}-{} were not written. {stopped}",
                bad.len(),
                lines.0,
                lines.1
            ),
            Self::Write {
                lines,
                error,
                stopped,
            } => write!(
                f,
                "{error}: lines {}-{} were not written; the other batches were. {stopped}",
                lines.0, lines.1
            ),
            Self::App(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportFailure {}

/// The source's text as UTF-8, whatever its encoding, with its line ends noted in `lines`.
fn text_reader(
    f: Box<dyn io::Read + Send>,
    encoding: FileEncoding,
    lines: &Lines,
) -> RecordLimit<Box<dyn io::Read + Send>> {
    let text: Box<dyn io::Read + Send> = match encoding {
        FileEncoding::Utf8 => f,
        FileEncoding::Cp932 => Box::new(import_file::Cp932Reader::new(f)),
    };
    let noted = Box::new(NoteLineEnds {
        inner: text,
        lines: lines.clone(),
        offset: 0,
        run: None,
        after_cr: false,
    });
    RecordLimit::new(noted, import_file::MAX_RECORD_BYTES)
}

/// The csv reader over a source's text.
type CsvReader = csv::Reader<RecordLimit<Box<dyn io::Read + Send>>>;

/// A CSV reader over the source's text, and what tells the line a record starts on.
fn csv_reader(
    source: &dyn ImportSource,
    pass: Pass,
    encoding: FileEncoding,
) -> io::Result<(CsvReader, Lines)> {
    let lines = Lines::default();
    let reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text_reader(source.open(pass)?, encoding, &lines));
    Ok((reader, lines))
}

/// The line a record (or a read error) starts on. The csv reader's own count is off: it ends a
/// record at the CR of a CR LF and starts the next at the LF, not counted yet (a review found
/// errors naming the line above the bad row); and it starts a record where the last one ended,
/// before any blank lines it then skips. So the line is counted here, from the text: one plus
/// the line ends before the record's first byte that is not a line end. A line ends in LF, CR
/// LF or a lone CR (old Mac files; the csv reader takes all three), and a file whose lines end
/// in more than one way (rows pasted from two editors) is counted right too.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<LineEnds>>);

/// The line ends a reader has passed and [`Lines::of`] has not.
#[derive(Default)]
struct LineEnds {
    /// Where each line ends: a CR, or an LF that no CR comes just before.
    offsets: VecDeque<u64>,
    /// Each run of CR and LF bytes: from, to (exclusive).
    runs: VecDeque<(u64, u64)>,
    /// LFs already counted.
    counted: u64,
}

impl Lines {
    /// The line of a record at `position`. Records are asked for in order: what lies before one
    /// is counted, then forgotten.
    fn of(&self, position: Option<&csv::Position>) -> u64 {
        let Some(p) = position else { return 0 };
        let mut ends = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let at = p.byte();
        while ends.runs.front().is_some_and(|(_, to)| *to <= at) {
            ends.runs.pop_front();
        }
        let first = match ends.runs.front() {
            Some((from, to)) if *from <= at => *to,
            _ => at,
        };
        while ends.offsets.front().is_some_and(|end| *end < first) {
            ends.offsets.pop_front();
            ends.counted += 1;
        }
        ends.counted + 1
    }
}

/// Notes the line ends that pass through, for [`Lines`]. Only the csv reader's look-ahead is
/// held: [`Lines::of`] forgets those behind the records read.
struct NoteLineEnds {
    inner: Box<dyn io::Read + Send>,
    lines: Lines,
    /// The offset of the next byte.
    offset: u64,
    /// Where the run of line ends the last byte is in began.
    run: Option<u64>,
    /// The last byte was a CR (an LF next ends no line of its own).
    after_cr: bool,
}

impl io::Read for NoteLineEnds {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let bytes = buf.get(..n).unwrap_or_default();
        let mut ends = self
            .lines
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (at, b) in (self.offset..).zip(bytes) {
            match (*b, self.run) {
                (b'\r' | b'\n', run) => {
                    self.run = run.or(Some(at));
                    if *b == b'\r' || !self.after_cr {
                        ends.offsets.push_back(at);
                    }
                }
                (_, Some(from)) => {
                    ends.runs.push_back((from, at));
                    self.run = None;
                }
                (_, None) => {}
            }
            self.after_cr = *b == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl App {
    /// Registers every row of `source`, `options.batch` rows per transaction, as a recorded
    /// import job: run again after a crash or a bad row, it resumes after the batches already
    /// written.
    pub async fn import_csv(
        &self,
        principal: &Principal,
        source: &dyn ImportSource,
        options: ImportOptions,
        progress: &dyn ImportProgress,
    ) -> Result<ImportOutcome, ImportFailure> {
        let ImportOptions {
            batch,
            new_import,
            layout,
            encoding,
        } = options;
        let batch = batch.max(1);
        let Scanned {
            digest,
            encoding: sniffed,
        } = blocking(|| source_digest(source)).map_err(ImportFailure::Io)?;
        let encoding = encoding.or(sniffed).ok_or(ImportFailure::NotText)?;
        let (mut reader, lines) =
            csv_reader(source, Pass::Import, encoding).map_err(ImportFailure::Io)?;
        // The header is checked before a job is recorded: a source refused outright starts
        // nothing.
        let header = reader
            .headers()
            .map_err(|e| {
                ImportFailure::Header(
                    mynumber_core::FieldError::new("header", "problem-import-header-unreadable")
                        .arg("detail", e.to_string()),
                )
            })?
            .clone();
        let index = import_file::column_index(&header, layout).map_err(ImportFailure::Header)?;
        let file = ImportFile {
            name: source.name().to_owned(),
            digest,
            new_import,
        };
        let job = self.start_import(principal, &file).await?;
        // An edited file is checked; so is the same file of a job that counted its lines the
        // old way, whose lines may now fall elsewhere (after blank lines, or where line ends are
        // mixed), which would register those rows again under other lines.
        if job.start == ImportStart::Edited || job.counted_before {
            blocking(|| unchanged_lines(source, &job, encoding))?;
        }
        if job.start == ImportStart::Edited {
            self.adopt_import(principal, &job, &file).await?;
        }
        progress.started(&job);
        let mut session = self.import_session(&job);
        let mut gather = Gather {
            reader,
            lines,
            index,
            batch,
            record: csv::StringRecord::new(),
            rows: Vec::with_capacity(batch),
            digest: Sha256::new(),
            ended: false,
        };
        // PostgreSQL takes two writing transactions at once (each backend keeps a core busy);
        // SQLite has one writer.
        let mut writers = Writers {
            queue: VecDeque::new(),
            depth: if self.backend() == "postgres" { 2 } else { 1 },
            imported: 0,
            failure: None,
            job: job.number,
        };
        let stopped = |writers: &Writers| Stopped {
            job: writers.job,
            imported: writers.imported,
        };
        loop {
            // Reading and checking a batch is the CPU's work of a second or more: it runs off
            // the async workers, so that the server goes on answering meanwhile.
            let step = blocking(|| gather.next(self, principal, &job, &mut session));
            match step {
                Step::End => break,
                Step::Unreadable {
                    line,
                    not_utf8,
                    problem,
                } => {
                    writers.drain(progress).await;
                    progress.stopped();
                    return Err(ImportFailure::Unreadable {
                        line,
                        not_utf8,
                        problem,
                        stopped: stopped(&writers),
                    });
                }
                Step::Batch {
                    prepared,
                    lines,
                    digest,
                } => match prepared {
                    Ok(prepared) => {
                        writers.wait_for(prepared.depends_on(), progress).await;
                        if let Some(e) = writers.failure.take() {
                            writers.drain(progress).await;
                            progress.stopped();
                            return Err(e.into_failure(stopped(&writers)));
                        }
                        let (app, actor, job) = (self.clone(), principal.clone(), job.number);
                        writers.queue.push_back(InFlight {
                            number: prepared.number(),
                            lines,
                            task: tokio::spawn(async move {
                                app.write_job_batch(&actor, job, prepared, digest).await
                            }),
                        });
                    }
                    Err(ImportError::Rows(bad)) => {
                        writers.drain(progress).await;
                        self.record_import_refusals(principal, &mut session).await;
                        progress.stopped();
                        return Err(ImportFailure::Rows {
                            bad,
                            lines,
                            stopped: stopped(&writers),
                        });
                    }
                    Err(ImportError::App(e)) => {
                        writers.drain(progress).await;
                        progress.stopped();
                        return Err(ImportFailure::App(e));
                    }
                },
            }
        }
        writers.drain(progress).await;
        if let Some(e) = writers.failure.take() {
            progress.stopped();
            return Err(e.into_failure(stopped(&writers)));
        }
        let before = job.rows_done().unsigned_abs();
        // Statistics first: the job's end reads back every row it wrote to index the names, and
        // planned on the statistics of an empty register it would join them row by row
        // (docs/performance.md). Old statistics only slow queries, so a failure here is logged.
        if let Err(e) = self.store.refresh_statistics().await {
            tracing::warn!(error = %e, "refreshing the planner's statistics after an import failed");
        }
        self.finish_import(principal, &job, writers.imported + before)
            .await?;
        Ok(ImportOutcome {
            job: job.number,
            start: job.start,
            before,
            imported: writers.imported,
        })
    }
}

/// Runs blocking or CPU-bound work (reading and checking the source) without holding up the
/// async tasks that share this worker thread: on a multi-threaded runtime the worker hands its
/// other tasks on first (`block_in_place`); on a single-threaded one (tests) it runs in place.
fn blocking<T>(work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}

/// The reading side of a run: gathers the source's records into batches and checks them.
struct Gather {
    reader: CsvReader,
    lines: Lines,
    index: import_file::Columns,
    /// Rows per batch.
    batch: usize,
    record: csv::StringRecord,
    /// The batch being gathered, and the digest of its records.
    rows: Vec<ImportRow>,
    digest: Sha256,
    /// The source's end was read.
    ended: bool,
}

/// What [`Gather::next`] found.
enum Step {
    /// A batch, checked (or its bad rows), with its first and last line and its digest.
    Batch {
        prepared: Result<crate::bulk::PreparedBatch, ImportError>,
        lines: (u64, u64),
        digest: [u8; 32],
    },
    /// A line could not be read.
    Unreadable {
        line: u64,
        not_utf8: bool,
        problem: String,
    },
    /// Nothing more.
    End,
}

impl Gather {
    /// Reads up to the next batch and checks it.
    fn next(
        &mut self,
        app: &App,
        principal: &Principal,
        job: &ImportJob,
        session: &mut crate::ImportSession,
    ) -> Step {
        while !self.ended {
            let more = match self.reader.read_record(&mut self.record) {
                Ok(more) => more,
                Err(e) => {
                    let line = self.lines.of(e.position());
                    let (not_utf8, problem) = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => (true, String::new()),
                        csv::ErrorKind::Io(io) => (false, io.to_string()),
                        _ => (false, format!("line {line}: {e}")),
                    };
                    return Step::Unreadable {
                        line,
                        not_utf8,
                        problem,
                    };
                }
            };
            self.ended = !more;
            let line = self.lines.of(self.record.position());
            // A line an earlier run wrote is skipped, and ends the batch being gathered: a batch
            // covers consecutive lines, so an edited source can be checked batch by batch.
            let record = &self.record;
            let next = (more && !job.is_done(line))
                .then(|| import_file::to_row(|i| record.get(i), &self.index, line));
            // Cut a full batch only between households, so a household written in one stretch
            // never makes the next batch wait for the one creating it.
            let full = self.rows.len() >= self.batch
                && next
                    .as_ref()
                    .is_none_or(|n| self.rows.last().is_none_or(|l| l.household != n.household));
            let cut = ((full || next.is_none()) && !self.rows.is_empty()).then(|| {
                let lines = (
                    self.rows.first().map_or(0, |r| r.line),
                    self.rows.last().map_or(0, |r| r.line),
                );
                let digest: [u8; 32] = std::mem::take(&mut self.digest).finalize().into();
                (std::mem::take(&mut self.rows), lines, digest)
            });
            if let Some(row) = next {
                hash_record(&mut self.digest, line, &self.record);
                self.rows.push(row);
            }
            if let Some((rows, lines, digest)) = cut {
                return Step::Batch {
                    prepared: app.prepare_import_batch(principal, session, rows),
                    lines,
                    digest,
                };
            }
        }
        Step::End
    }
}

/// What the digest pass finds in the source's bytes.
struct Scanned {
    /// SHA-256: the import job is bound to it.
    digest: [u8; 32],
    /// The encoding the bytes show (`None`: neither UTF-8 nor CP932).
    encoding: Option<FileEncoding>,
}

/// Reads the source to the end once: its digest and its encoding.
fn source_digest(source: &dyn ImportSource) -> io::Result<Scanned> {
    let mut f = source.open(Pass::Digest)?;
    let mut hasher = Sha256::new();
    let mut sniffer = import_file::EncodingSniffer::default();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match f.read(&mut buf) {
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
    Ok(Scanned {
        digest: hasher.finalize().into(),
        encoding: sniffer.finish(),
    })
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

/// Checks that an edited source still holds, line for line, every record the stopped import
/// wrote: only then may it continue with this source.
fn unchanged_lines(
    source: &dyn ImportSource,
    job: &ImportJob,
    encoding: FileEncoding,
) -> Result<(), ImportFailure> {
    let (mut reader, lines) =
        csv_reader(source, Pass::Check, encoding).map_err(ImportFailure::Io)?;
    let mut hashers: Vec<Sha256> = job.done.iter().map(|_| Sha256::new()).collect();
    let mut record = csv::StringRecord::new();
    // Only the lines the stopped import wrote are compared; the rest are read by the import.
    let last = job.done.iter().map(|b| b.last_line).max().unwrap_or(0);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = lines.of(e.position());
                return Err(ImportFailure::Unreadable {
                    line,
                    not_utf8: matches!(e.kind(), csv::ErrorKind::Utf8 { .. }),
                    problem: format!("line {line}: {e}"),
                    stopped: Stopped {
                        job: job.number,
                        imported: 0,
                    },
                });
            }
        }
        let line = i64::try_from(lines.of(record.position())).unwrap_or(i64::MAX);
        if line > last {
            break;
        }
        let at = job.done.partition_point(|b| b.first_line <= line);
        if let Some(i) = at.checked_sub(1)
            && job.done.get(i).is_some_and(|b| b.last_line >= line)
            && let Some(h) = hashers.get_mut(i)
        {
            hash_record(h, line.unsigned_abs(), &record);
        }
    }
    for (batch, hasher) in job.done.iter().zip(hashers) {
        let digest: [u8; 32] = hasher.finalize().into();
        if digest != batch.digest {
            return Err(ImportFailure::Changed {
                job: job.number,
                counted_before: job.counted_before && job.start != ImportStart::Edited,
                first_line: batch.first_line,
                last_line: batch.last_line,
            });
        }
    }
    Ok(())
}

/// A batch being written, with its number and the lines it came from.
struct InFlight {
    number: u64,
    lines: (u64, u64),
    task: tokio::task::JoinHandle<Result<usize, AppError>>,
}

/// The first batch that failed to write.
struct WriteFailure {
    lines: (u64, u64),
    error: AppError,
}

impl WriteFailure {
    fn into_failure(self, stopped: Stopped) -> ImportFailure {
        ImportFailure::Write {
            lines: self.lines,
            error: self.error,
            stopped,
        }
    }
}

/// The batches being written, oldest first, and what they came to.
struct Writers {
    queue: VecDeque<InFlight>,
    depth: usize,
    imported: u64,
    /// The first batch that failed; later ones still finish, so the count is exact.
    failure: Option<WriteFailure>,
    job: i64,
}

impl Writers {
    /// Waits until batch `dependency` (and those before it) is committed and a writer is free.
    async fn wait_for(&mut self, dependency: Option<u64>, progress: &dyn ImportProgress) {
        while self
            .queue
            .front()
            .is_some_and(|f| Some(f.number) <= dependency)
            || self.queue.len() >= self.depth
        {
            self.finish_front(progress).await;
        }
    }

    async fn drain(&mut self, progress: &dyn ImportProgress) {
        while !self.queue.is_empty() {
            self.finish_front(progress).await;
        }
    }

    async fn finish_front(&mut self, progress: &dyn ImportProgress) {
        let Some(f) = self.queue.pop_front() else {
            return;
        };
        let error = match f.task.await {
            Ok(Ok(n)) => {
                self.imported += n as u64;
                progress.written(self.imported);
                return;
            }
            Ok(Err(e)) => e,
            // A panic's text is the server's to log, not the caller's to read.
            Err(e) => {
                tracing::error!(error = %e, "an import's writing task failed");
                AppError::Unavailable("an import's writing task failed; the error is logged".into())
            }
        };
        if self.failure.is_none() {
            self.failure = Some(WriteFailure {
                lines: f.lines,
                error,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use super::*;

    struct Bytes(&'static [u8]);

    impl ImportSource for Bytes {
        fn name(&self) -> &str {
            "test.csv"
        }
        fn open(&self, _: Pass) -> io::Result<Box<dyn io::Read + Send>> {
            Ok(Box::new(self.0))
        }
    }

    /// The line each record starts on, as the import names it.
    fn lines_of(text: &'static [u8], encoding: FileEncoding) -> Vec<(u64, String)> {
        let (mut reader, lines) = csv_reader(&Bytes(text), Pass::Import, encoding).unwrap();
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            out.push((lines.of(record.position()), record[0].to_owned()));
        }
        out
    }

    /// Every record is named by the line it is on, whatever its lines end in: LF, CR LF, a lone
    /// CR, several in one file (rows pasted from two editors), a quoted field across lines, a
    /// blank line.
    #[test]
    fn records_are_named_by_their_line_however_lines_end() {
        let want = |rows: &[(u64, &str)]| {
            rows.iter()
                .map(|(l, s)| (*l, (*s).to_owned()))
                .collect::<Vec<_>>()
        };
        for (text, rows) in [
            (&b"h,x\na,1\nb,2\n"[..], &[(2, "a"), (3, "b")][..]),
            (b"h,x\r\na,1\r\nb,2\r\n", &[(2, "a"), (3, "b")]),
            (
                b"h,x\r\na,1\nb,2\r\nc,3\nd,4\n",
                &[(2, "a"), (3, "b"), (4, "c"), (5, "d")],
            ),
            (b"h,x\na,1\r\nb,2\nc,3\r\n", &[(2, "a"), (3, "b"), (4, "c")]),
            (b"h,x\r\n\"a\r\nb\",1\r\nc,2\n", &[(2, "a\r\nb"), (4, "c")]),
            (b"h,x\r\na,1\r\n\r\nb,2\r\n", &[(2, "a"), (4, "b")]),
            (b"h,x\na,1\n\n\nb,2\n", &[(2, "a"), (5, "b")]),
            (b"\nh,x\na,1", &[(3, "a")]),
            (b"h,x\ra,1\rb,2\r", &[(2, "a"), (3, "b")]),
            (b"h,x\r\na,1\rb,2\n\r\nc,3", &[(2, "a"), (3, "b"), (5, "c")]),
        ] {
            assert_eq!(
                lines_of(text, FileEncoding::Utf8),
                want(rows),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
        // CP932 text is counted after decoding: its CR and LF are the same bytes.
        assert_eq!(
            lines_of(b"h,x\r\n\x83\x41,1\nb,2\r\n", FileEncoding::Cp932),
            want(&[(2, "ア"), (3, "b")])
        );
    }
}
