//! `mynumber cert`: issue a card's certificates for its public keys, revoke, suspend and resume
//! them, and publish the authorities' certificates and CRLs.

use std::path::Path;

use anyhow::{Context, Result, bail};
use mynumber_app::{App, CertificateRow};
use mynumber_core::ResidentCode;
use mynumber_pki::{Hierarchy, Reason, from_pem, to_pem};

fn hierarchy(kind: &str) -> Result<Hierarchy> {
    Hierarchy::parse(kind)
        .with_context(|| format!("--kind must be signature or authentication, not {kind:?}"))
}

fn write(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Certifies the public key in `public_key` (PEM `PUBLIC KEY` or DER) for a resident.
pub(crate) async fn issue(
    app: &App,
    code: &str,
    kind: &str,
    public_key: &Path,
    card_expiry: Option<&str>,
    out: Option<&Path>,
) -> Result<()> {
    let code = resident_code(code)?;
    let bytes =
        std::fs::read(public_key).with_context(|| format!("reading {}", public_key.display()))?;
    let der = match std::str::from_utf8(&bytes)
        .ok()
        .and_then(|t| from_pem("PUBLIC KEY", t))
    {
        Some(der) => der,
        None if bytes.first() == Some(&0x30) => bytes,
        None => bail!(
            "{} holds neither a PEM PUBLIC KEY nor a DER SubjectPublicKeyInfo",
            public_key.display()
        ),
    };
    let card_expiry = card_expiry
        .map(|d| {
            d.parse::<jiff::civil::Date>()
                .with_context(|| format!("--card-expiry {d:?} is not YYYY-MM-DD"))
        })
        .transpose()?;
    let row = app
        .issue_certificate(&App::operator(), &code, hierarchy(kind)?, &der, card_expiry)
        .await?;
    eprintln!("issued {} certificate {}", row.hierarchy, row.serial);
    write(out, &to_pem("CERTIFICATE", &row.der))
}

/// Revokes a certificate.
pub(crate) async fn revoke(app: &App, serial: &str, reason: &str) -> Result<()> {
    let Some(reason) = Reason::parse(reason) else {
        bail!(
            "--reason must be privilegeWithdrawn (the holder's request), keyCompromise or unspecified, not {reason:?}"
        );
    };
    let row = app
        .revoke_certificate(&App::operator(), serial, reason)
        .await?;
    println!(
        "revoked {} certificate {} ({})",
        row.hierarchy,
        row.serial,
        reason.code()
    );
    Ok(())
}

/// Lists a resident's certificates.
pub(crate) async fn list(app: &App, code: &str) -> Result<()> {
    for c in app
        .certificates(&App::operator(), &resident_code(code)?)
        .await?
    {
        print_row(&c);
    }
    Ok(())
}

/// Suspends (or resumes) a resident's certificates and lists the ones changed.
pub(crate) async fn suspend(app: &App, code: &str, suspend: bool) -> Result<()> {
    let code = resident_code(code)?;
    let rows = if suspend {
        app.suspend_certificates(&App::operator(), &code).await?
    } else {
        app.resume_certificates(&App::operator(), &code).await?
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
