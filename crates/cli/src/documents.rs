//! `mynumber municipality|notices|document` and the card notices: municipality names, the
//! notification letter print run and delivery outcomes, a card's pick-up notice and the expiry
//! notice print run, and issuing and verifying resident-record documents.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use mynumber_app::{App, AppError, NumberBasis, RecordRequest};
use mynumber_core::Principal;
use mynumber_core::notice::{NoticeEvent, NoticeStatus};
use mynumber_core::{ApplicationId, MunicipalityCode, ResidentCode};
use mynumber_render::RecordKind;

use crate::files;

fn municipality(code: &str) -> Result<MunicipalityCode> {
    MunicipalityCode::parse(code).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Sets a municipality's printed name.
pub(crate) async fn name_municipality(
    app: &App,
    who: &Principal,
    code: &str,
    name: &str,
) -> Result<()> {
    let code = municipality(code)?;
    app.set_municipality_name(who, code, name).await?;
    println!(
        "municipality {} is printed as {}",
        code.as_str(),
        name.trim()
    );
    Ok(())
}

/// Renders the queued letters of a municipality (up to `limit`) into print batches in `out`,
/// marking each batch sent only once its PDF is on disk. Memory stays that of one batch; the
/// progress bar draws on standard error only when it is a terminal.
pub(crate) async fn print(
    app: &App,
    who: &Principal,
    code: &str,
    out: &Path,
    batch_size: usize,
    limit: Option<usize>,
) -> Result<(usize, usize)> {
    let code = municipality(code)?;
    let actor = who.clone();
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let queued = usize::try_from(app.queued_notice_count(&actor, code).await?).unwrap_or(0);
    let limit = limit.unwrap_or(usize::MAX);
    let bar = ProgressBar::new(queued.min(limit) as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} letters, {per_sec}, eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (mut letters, mut batches) = (0usize, 0usize);
    let mut conflicts = 0u32;
    while letters < limit {
        let size = batch_size.min(limit - letters);
        let Some(batch) = app.prepare_notice_batch(&actor, code, size).await? else {
            break;
        };
        let name = format!("notices-{}.pdf", batch.id);
        let marked = app.mark_notice_batch_sent(&actor, &batch);
        if !write_then_mark(out, &name, &batch.pdf, marked, &mut conflicts).await? {
            // A letter left the queue while the batch rendered (its number changed): this
            // PDF must not be mailed; render the batch again.
            continue;
        }
        letters += batch.letters.len();
        batches += 1;
        bar.inc(batch.letters.len() as u64);
    }
    bar.finish_and_clear();
    Ok((letters, batches))
}

/// Prints a produced card's pick-up notice (交付通知書) to `out`.
pub(crate) async fn card_issue_notice(
    app: &App,
    who: &Principal,
    serial: &str,
    out: &Path,
) -> Result<()> {
    let pdf = app.card_issue_notice(who, serial).await?;
    files::write_private(out, &pdf)?;
    println!(
        "pick-up notice for card {} written to {}",
        serial.trim(),
        out.display()
    );
    Ok(())
}

/// Renders the due expiry notices (有効期限通知書) of a municipality into batches in `out`,
/// each marked printed only once its PDF is on disk. Returns the notices and batches written.
pub(crate) async fn renewal_notices(
    app: &App,
    who: &Principal,
    code: &str,
    out: &Path,
    batch_size: usize,
) -> Result<(usize, usize)> {
    let code = municipality(code)?;
    let actor = who.clone();
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let (mut notices, mut batches, mut conflicts) = (0usize, 0usize, 0u32);
    while let Some(batch) = app.prepare_renewal_batch(&actor, code, batch_size).await? {
        let name = format!("{}.pdf", batch.id);
        let marked = app.mark_renewal_batch_sent(&actor, &batch);
        if !write_then_mark(out, &name, &batch.pdf, marked, &mut conflicts).await? {
            // Another run printed one of these cards' notices meanwhile: render again.
            continue;
        }
        notices += batch.notices.len();
        batches += 1;
    }
    Ok((notices, batches))
}

/// `card certificate-notices`: every due certificate expiry notice of a municipality, in
/// batches, each batch PDF written before it is marked printed (as `renewal_notices`).
pub(crate) async fn certificate_notices(
    app: &App,
    who: &Principal,
    code: &str,
    out: &Path,
    batch_size: usize,
) -> Result<(usize, usize)> {
    let code = municipality(code)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let (mut notices, mut batches, mut conflicts) = (0usize, 0usize, 0u32);
    while let Some(batch) = app
        .prepare_certificate_renewal_batch(who, code, batch_size)
        .await?
    {
        let name = format!("{}.pdf", batch.id);
        let marked = app.mark_certificate_renewal_batch_sent(who, &batch);
        if !write_then_mark(out, &name, &batch.pdf, marked, &mut conflicts).await? {
            continue;
        }
        notices += batch.notices.len();
        batches += 1;
    }
    Ok((notices, batches))
}

/// Writes a batch PDF to `dir/name` as a `.partial` file, marks the batch with `mark`, and
/// only then renames it into place, so a PDF on disk is always a batch the register knows was
/// printed. Returns false, with the file removed, when marking met a conflict (at most 10
/// times, counted in `conflicts`): the batch must be rendered again.
async fn write_then_mark(
    dir: &Path,
    name: &str,
    pdf: &[u8],
    mark: impl std::future::Future<Output = Result<(), AppError>>,
    conflicts: &mut u32,
) -> Result<bool> {
    let final_path = dir.join(name);
    let partial = dir.join(format!("{name}.partial"));
    write_synced(&partial, pdf)?;
    match mark.await {
        Ok(()) => {}
        Err(AppError::Conflict) if *conflicts < 10 => {
            *conflicts += 1;
            std::fs::remove_file(&partial).ok();
            return Ok(false);
        }
        Err(e) => {
            std::fs::remove_file(&partial).ok();
            return Err(e.into());
        }
    }
    std::fs::rename(&partial, &final_path)
        .with_context(|| format!("renaming {}", partial.display()))?;
    Ok(true)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = files::create_private(path)?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// Records a delivery outcome for the letter with this application id.
pub(crate) async fn outcome(
    app: &App,
    who: &Principal,
    application_id: &str,
    outcome: &str,
) -> Result<()> {
    let id =
        ApplicationId::parse(application_id).map_err(|e| anyhow::anyhow!("application id: {e}"))?;
    let Some(event) = NoticeEvent::parse_outcome(outcome) else {
        bail!("outcome must be delivered, returned or handed-over, not {outcome:?}");
    };
    let notice = app.record_notice_outcome(who, &id, event).await?;
    println!("letter {} is now {}", id.grouped(), notice.status.code());
    Ok(())
}

/// Lists letters in one status.
pub(crate) async fn list(app: &App, who: &Principal, status: &str) -> Result<()> {
    let Some(status) = NoticeStatus::parse(status) else {
        bail!(
            "status must be one of queued, sent, delivered, returned, handed-over, destroyed, superseded"
        );
    };
    for n in app.notices(who, status, 10_000).await? {
        println!(
            "{}\t{}\t{}\t{}",
            n.application_id
                .map_or_else(|| "(not printed yet)".to_owned(), |a| a.grouped()),
            n.municipality.as_str(),
            n.status.code(),
            n.batch.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

/// Issues a resident-record document into `out`.
pub(crate) async fn resident_record(
    app: &App,
    who: &Principal,
    code: &str,
    out: &Path,
    matters: bool,
    items: Vec<String>,
    number_basis: Option<NumberBasis>,
) -> Result<()> {
    let code =
        ResidentCode::parse(code).map_err(|e| anyhow::anyhow!("resident record code: {e}"))?;
    let request = RecordRequest {
        kind: if matters {
            RecordKind::RecordedMatters
        } else {
            RecordKind::Copy
        },
        items,
        number_basis,
    };
    let doc = app.issue_resident_record(who, &code, &request).await?;
    write_synced(out, &doc.pdf)?;
    eprintln!("issued {} (verification code {})", out.display(), doc.code);
    Ok(())
}

/// Verifies a document file, or a scan of a print's back; `Ok(false)` when it is not genuine.
/// A PNG or JPEG, and a PDF without the document signature (a scanner's), are read as a scan
/// of the back (issue 13): the front it carries is printed, to compare with the paper.
pub(crate) async fn verify(app: &App, file: &Path) -> Result<bool> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let signed_pdf = bytes.starts_with(b"%PDF-")
        && !matches!(
            app.document_public_key().verify(&bytes),
            Err(mynumber_core::document::DocumentError::Unsigned)
        );
    if !signed_pdf {
        return verify_back(app, file, bytes).await;
    }
    match app.verify_document(&bytes).await {
        Ok(checked) => {
            let row = checked.row;
            println!(
                "genuine: {} issued by this system, unaltered",
                file.display()
            );
            println!("verification code: {}", row.code);
            println!("kind: {}", row.kind);
            for line in row.summary.lines() {
                let mut parts = line.split('\t');
                if parts.next() == Some("person") {
                    let name = parts.next().unwrap_or_default();
                    let born = parts.next().unwrap_or_default();
                    println!("person: {name} (born {born})");
                }
            }
            Ok(true)
        }
        Err(e @ (AppError::Document(_) | AppError::NotFound(_))) => {
            println!("NOT GENUINE: {}: {e}", file.display());
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Reads a scan of a print's back and prints the front it carries; `Ok(false)` when the back
/// is not genuine or cannot be read.
async fn verify_back(app: &App, file: &Path, bytes: Vec<u8>) -> Result<bool> {
    match app.read_back(bytes).await {
        Ok(opened) => {
            let front = &opened.front;
            let ja = mynumber_i18n::japanese();
            println!(
                "genuine: {} is the back of a print issued by this system",
                file.display()
            );
            println!("verification code: {}", front.code);
            println!("kind: {}", opened.row.kind);
            println!("title: {}", ja.text(&front.title_key));
            println!("issuer: {}", front.municipality);
            println!("issued: {}", front.issued);
            for (i, rows) in front.sections.iter().enumerate() {
                println!("person {}:", i + 1);
                for row in rows {
                    let value = if row.withheld {
                        "(printed; not carried by the back)"
                    } else {
                        row.value.as_str()
                    };
                    println!("  {}: {value}", ja.text(&row.key));
                }
            }
            Ok(true)
        }
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                println!("NOT GENUINE: {}: {}", file.display(), e.problem());
            }
            Ok(false)
        }
        Err(e @ AppError::NotFound(_)) => {
            println!("NOT GENUINE: {}: {e}", file.display());
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}
