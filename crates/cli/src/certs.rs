//! `mynumber cert`: issue a card's certificates for its public keys, revoke, suspend and resume
//! them, check a certificate or a signature made with one, and publish the authorities'
//! certificates and CRLs.

use std::path::Path;

use anyhow::{Context, Result, bail};
use mynumber_app::CertificateException;
use mynumber_app::{App, CertificateCheck, CertificateRow, Verdict};
use mynumber_core::Principal;
use mynumber_core::ResidentCode;
use mynumber_pki::{Hierarchy, Reason, from_pem, to_pem};

use crate::files;

fn hierarchy(kind: &str) -> Result<Hierarchy> {
    Hierarchy::parse(kind)
        .with_context(|| format!("--kind must be signature or authentication, not {kind:?}"))
}

fn write(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        Some(path) => files::write_private(path, text.as_bytes()),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Certifies the key of the certification request in `request` (PEM `CERTIFICATE REQUEST` or
/// DER) for a resident: an administrator's audited exception, with its reason.
pub(crate) async fn issue(
    app: &App,
    who: &Principal,
    code: &str,
    options: IssueOptions,
) -> Result<()> {
    let code = resident_code(code)?;
    let bytes = std::fs::read(&options.request)
        .with_context(|| format!("reading {}", options.request.display()))?;
    let der = match std::str::from_utf8(&bytes)
        .ok()
        .and_then(|t| from_pem("CERTIFICATE REQUEST", t))
    {
        Some(der) => der,
        None if bytes.first() == Some(&0x30) => bytes,
        None => bail!(
            "{} holds neither a PEM CERTIFICATE REQUEST nor a DER PKCS#10 request",
            options.request.display()
        ),
    };
    let card_expiry = options
        .card_expiry
        .as_deref()
        .map(|d| {
            d.parse::<jiff::civil::Date>()
                .with_context(|| format!("--card-expiry {d:?} is not YYYY-MM-DD"))
        })
        .transpose()?;
    let row = app
        .issue_certificate(
            who,
            &code,
            &CertificateException {
                hierarchy: hierarchy(&options.kind)?,
                request: der,
                reason: options.reason,
                card_serial: options.card,
                card_expiry,
            },
        )
        .await?;
    eprintln!("issued {} certificate {}", row.hierarchy, row.serial);
    write(options.out.as_deref(), &to_pem("CERTIFICATE", &row.der))
}

/// What `cert issue` is given.
#[derive(Debug)]
pub(crate) struct IssueOptions {
    pub(crate) kind: String,
    pub(crate) request: std::path::PathBuf,
    pub(crate) reason: String,
    pub(crate) card: Option<String>,
    pub(crate) card_expiry: Option<String>,
    pub(crate) out: Option<std::path::PathBuf>,
}

/// Revokes a certificate.
pub(crate) async fn revoke(app: &App, who: &Principal, serial: &str, reason: &str) -> Result<()> {
    let Some(reason) = Reason::parse(reason) else {
        bail!(
            "--reason must be privilegeWithdrawn (the holder's request), keyCompromise or unspecified, not {reason:?}"
        );
    };
    let row = app.revoke_certificate(who, serial, reason).await?;
    println!(
        "revoked {} certificate {} ({})",
        row.hierarchy,
        row.serial,
        reason.code()
    );
    Ok(())
}

/// Lists a resident's certificates.
pub(crate) async fn list(app: &App, who: &Principal, code: &str) -> Result<()> {
    for c in app.certificates(who, &resident_code(code)?).await? {
        print_row(&c);
    }
    Ok(())
}

/// Revokes every certificate of a resident and lists them.
pub(crate) async fn revoke_all(app: &App, who: &Principal, code: &str, reason: &str) -> Result<()> {
    let Some(reason) = Reason::parse(reason) else {
        bail!(
            "--reason must be cessationOfOperation, privilegeWithdrawn, keyCompromise or unspecified, not {reason:?}"
        );
    };
    for c in &app
        .revoke_holder_certificates(who, &resident_code(code)?, reason)
        .await?
    {
        print_row(c);
    }
    Ok(())
}

/// Suspends (or resumes) a resident's certificates and lists the ones changed.
pub(crate) async fn suspend(app: &App, who: &Principal, code: &str, suspend: bool) -> Result<()> {
    let code = resident_code(code)?;
    let rows = if suspend {
        app.suspend_certificates(who, &code).await?
    } else {
        app.resume_certificates(who, &code).await?
    };
    for c in &rows {
        print_row(c);
    }
    Ok(())
}

fn resident_code(code: &str) -> Result<ResidentCode> {
    ResidentCode::parse(code).map_err(|e| anyhow::anyhow!("resident record code: {e}"))
}

/// One certificate per line: serial, kind, status, reason, last moment.
fn print_row(c: &CertificateRow) {
    let until = jiff::Timestamp::from_microsecond(c.not_after_us)
        .map(|t| t.to_string())
        .unwrap_or_default();
    println!(
        "{}\t{}\t{}\t{}\tuntil {until}",
        c.serial,
        c.hierarchy,
        c.status.code(),
        c.reason.as_deref().unwrap_or("-")
    );
}

/// Writes an authority's certificate (PEM).
pub(crate) async fn ca(app: &App, kind: &str, out: Option<&Path>) -> Result<()> {
    let der = app.authority_certificate(hierarchy(kind)?).await?;
    write(out, &to_pem("CERTIFICATE", &der))
}

/// Writes a hierarchy's current CRL (PEM).
pub(crate) async fn crl(app: &App, kind: &str, out: Option<&Path>) -> Result<()> {
    let der = app.crl(hierarchy(kind)?).await?;
    write(out, &to_pem("X509 CRL", &der))
}

/// What the file handed to `cert verify` holds.
enum Presented {
    Certificate(Vec<u8>),
    Signature(Vec<u8>),
}

fn presented(path: &Path) -> Result<Presented> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if let Ok(text) = std::str::from_utf8(&bytes) {
        if let Some(der) = from_pem("CERTIFICATE", text) {
            return Ok(Presented::Certificate(der));
        }
        if let Some(der) = from_pem("CMS", text).or_else(|| from_pem("PKCS7", text)) {
            return Ok(Presented::Signature(der));
        }
        if text.contains("-----BEGIN") {
            bail!(
                "{} holds PEM, but neither a CERTIFICATE nor a CMS/PKCS7 block",
                path.display()
            );
        }
    }
    if mynumber_pki::inspect(&bytes).is_ok() {
        Ok(Presented::Certificate(bytes))
    } else {
        Ok(Presented::Signature(bytes))
    }
}

/// `--at`: an RFC 3339 time, or a date meaning the end of that day in Japan.
fn at_time(at: Option<&str>) -> Result<jiff::Timestamp> {
    let Some(at) = at else {
        return Ok(jiff::Timestamp::now());
    };
    if let Ok(t) = at.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    let day: jiff::civil::Date = at
        .parse()
        .with_context(|| format!("--at {at:?} is neither an RFC 3339 time nor YYYY-MM-DD"))?;
    Ok(mynumber_pki::end_of_day_jst(day))
}

/// Checks a certificate or a CMS signature and prints what was found; returns whether it is
/// valid.
pub(crate) async fn verify(
    app: &App,
    file: &Path,
    content: Option<&Path>,
    at: Option<&str>,
) -> Result<bool> {
    let at = at_time(at)?;
    let check = match presented(file)? {
        Presented::Certificate(der) => app.check_certificate(&der, at).await?,
        Presented::Signature(der) => {
            let detached = content
                .map(|p| std::fs::read(p).with_context(|| format!("reading {}", p.display())))
                .transpose()?;
            match app.check_signature(&der, detached.as_deref(), at).await {
                Ok((signed, check)) => {
                    println!(
                        "signature: intact, over {} bytes of content{}",
                        signed.content.len(),
                        signed
                            .signing_time
                            .map(|t| format!(", signed at {t}"))
                            .unwrap_or_default()
                    );
                    check
                }
                Err(mynumber_app::AppError::NotVerified(why)) => {
                    println!("signature: not valid: {why}");
                    return Ok(false);
                }
                Err(other) => return Err(other.into()),
            }
        }
    };
    print_check(&check);
    Ok(check.verdict == Verdict::Valid)
}

fn print_check(check: &CertificateCheck) {
    let c = &check.certificate;
    let serial = hex::encode(&c.serial);
    println!("certificate: {serial}");
    println!("subject: {}", c.subject);
    println!("issuer: {}", c.issuer);
    if let Some(h) = check.hierarchy {
        println!("authority: {} (this system)", h.code());
    }
    println!("valid from {} to {}", c.not_before, c.not_after);
    if let Some(four) = &c.four {
        println!("name: {}", four.name);
        let word = match four.sex {
            mynumber_core::Sex::Male => "male",
            mynumber_core::Sex::Female => "female",
        };
        println!("sex: {} ({word})", four.sex.code());
        println!("date of birth: {}", four.birth_date);
        println!("address: {}", four.address);
    }
    // Shown to the second; the check itself used the exact time, so a revocation a moment
    // ago counts.
    println!("at {:.0}: {}", check.at, check.verdict);
}
