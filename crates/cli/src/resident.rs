//! `mynumber resident import|export|sample`: the register as CSV.
//!
//! The columns are documented in the README. Import streams the file in batches, each one
//! transaction; a bad row stops the import with its line number and reason, and nothing of its
//! batch is written (earlier batches stay). An import is a recorded job bound to the file's
//! digest: run again, it resumes after the batches written, and nobody is registered twice.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use mynumber_app::demo::{SampleConfig, sample_rows};
use mynumber_app::import_file;
use mynumber_app::{
    App, Clock, ImportFailure, ImportJob, ImportOptions, ImportProgress, ImportSource, ImportStart,
    Pass,
};
use mynumber_core::Principal;

use crate::files;

/// A file as an import's source: one handle, opened once, so that every pass reads the same
/// bytes the job is bound to even if the path is replaced meanwhile; each pass reads it from
/// the start at its own offset. The import's own pass moves the progress bar.
struct FileSource {
    file: Arc<File>,
    name: String,
    bar: ProgressBar,
}

impl ImportSource for FileSource {
    fn name(&self) -> &str {
        &self.name
    }
    fn open(&self, pass: Pass) -> io::Result<Box<dyn io::Read + Send>> {
        let f = ReadAt {
            file: Arc::clone(&self.file),
            at: 0,
        };
        Ok(match pass {
            Pass::Import => Box::new(self.bar.wrap_read(f)),
            Pass::Digest | Pass::Check => Box::new(f),
        })
    }
}

/// Reads a shared file from its own offset (`pread`), so that passes do not move each other.
struct ReadAt {
    file: Arc<File>,
    at: u64,
}

impl io::Read for ReadAt {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = std::os::unix::fs::FileExt::read_at(&*self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

/// The progress bar, and what a resumed import says.
struct Bar(ProgressBar);

impl ImportProgress for Bar {
    fn started(&self, job: &ImportJob) {
        match job.start {
            ImportStart::Fresh => {}
            ImportStart::Resumed => eprintln!(
                "resuming import {}: {} residents were imported from this file before; their lines are skipped",
                job.number,
                job.rows_done()
            ),
            ImportStart::Edited => eprintln!(
                "resuming import {} with the edited file: the lines of its {} residents imported before read as they did and are skipped",
                job.number,
                job.rows_done()
            ),
        }
    }
    fn written(&self, imported: u64) {
        self.0.set_message(format!("{imported} residents"));
    }
    fn stopped(&self) {
        self.0.abandon();
    }
}

/// Registers every row of `path` as a recorded import job (`App::import_csv`): run again after
/// a crash or a bad row, it resumes after the batches already written.
pub(crate) async fn import(
    app: &App,
    who: &Principal,
    path: &Path,
    options: ImportOptions,
) -> Result<u64> {
    let name = std::fs::canonicalize(path)
        .with_context(|| format!("opening {}", path.display()))?
        .to_string_lossy()
        .into_owned();
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template(
            "{spinner} importing [{bar:40}] {percent:>3}% {msg} ({elapsed}, {eta} left)",
        )?
        .progress_chars("=> "),
    );
    let source = FileSource {
        file: Arc::new(File::open(path).with_context(|| format!("opening {}", path.display()))?),
        name,
        bar: bar.clone(),
    };
    let reading = || format!("reading {}", path.display());
    match app
        .import_csv(who, &source, options, &Bar(bar.clone()))
        .await
    {
        Ok(done) => {
            bar.finish_with_message(format!("{} residents", done.imported));
            Ok(done.imported)
        }
        Err(ImportFailure::NotText) => bail!(
            "{} is neither UTF-8 nor CP932 (Shift_JIS) text; save it as \"CSV UTF-8\", or name its \
             encoding with --encoding",
            path.display()
        ),
        Err(ImportFailure::Unreadable {
            line,
            not_utf8: true,
            stopped,
            ..
        }) => Err(anyhow::anyhow!(
            "line {line} is not UTF-8 text; if the file is Shift_JIS (Excel's default CSV in \
             Japan), pass --encoding cp932. {stopped}"
        )
        .context(reading())),
        Err(ImportFailure::Rows {
            bad,
            lines,
            stopped,
        }) => {
            for (line, e) in &bad {
                eprintln!("line {line}: {e}");
            }
            Err(ImportFailure::Rows {
                bad,
                lines,
                stopped,
            }
            .into())
        }
        Err(e @ (ImportFailure::Unreadable { .. } | ImportFailure::Io(_))) => {
            Err(anyhow::Error::new(e).context(reading()))
        }
        Err(e) => Err(e.into()),
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
