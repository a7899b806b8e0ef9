//! `mynumber staff`: adding, listing, disabling and enabling staff, and their tokens.

use std::path::Path;

use anyhow::{Context, Result};
use jiff::Timestamp;
use mynumber_app::{App, IssuedToken, StaffListing};
use mynumber_core::{CredentialId, Principal, StaffId};

use crate::StaffCommand;
use crate::files;
use crate::setup::Deployment;

/// Runs one staff command as `who`.
pub(crate) async fn run(
    app: &App,
    who: &Principal,
    deployment: &Deployment,
    command: StaffCommand,
) -> Result<()> {
    match command {
        StaffCommand::Add {
            name,
            role,
            municipality,
            out,
        } => {
            let s = app
                .add_staff(who, &name, &role, municipality.as_deref())
                .await?;
            eprintln!("staff {} ({}) created", s.member.id, s.member.role.code());
            hand_over(&s.token, out.as_deref())?;
        }
        StaffCommand::List => {
            for l in app.staff_list(who).await? {
                print_staff(&l);
            }
        }
        StaffCommand::Me => print_staff(&app.own_credentials(who).await?),
        StaffCommand::Token {
            staff_id,
            label,
            days,
            out,
        } => {
            let token = app
                .issue_token(who, staff(&staff_id)?, &label, days)
                .await?;
            hand_over(&token, out.as_deref())?;
        }
        StaffCommand::RevokeToken {
            staff_id,
            credential_id,
        } => {
            let id = CredentialId::parse(credential_id.trim())
                .context("a credential id is 32 hex digits")?;
            let row = app.revoke_token(who, staff(&staff_id)?, id).await?;
            println!("revoked credential {}", row.id);
        }
        StaffCommand::Rotate { days, out } => {
            let token = app.rotate_token(who, days).await?;
            match (out, who) {
                (Some(path), _) => hand_over(&token, Some(&path))?,
                // The local operator's own file is rewritten in place.
                (None, Principal::Operator(_)) => {
                    let path = deployment.data_dir.join("keys/operator.token");
                    files::write_private(&path, format!("{}\n", token.token).as_bytes())?;
                    eprintln!("rotated; the new token is in {}", path.display());
                }
                (None, _) => hand_over(&token, None)?,
            }
        }
        StaffCommand::Disable { staff_id } => {
            app.set_staff_enabled(who, staff(&staff_id)?, false).await?;
            println!("disabled {staff_id}");
        }
        StaffCommand::Enable { staff_id } => {
            app.set_staff_enabled(who, staff(&staff_id)?, true).await?;
            println!("enabled {staff_id}");
        }
    }
    Ok(())
}

fn staff(id: &str) -> Result<StaffId> {
    StaffId::parse(id.trim()).context("a staff id is 32 hex digits")
}

/// Hands a new token over: into an owner-only file, or on standard output (shown once).
fn hand_over(token: &IssuedToken, out: Option<&Path>) -> Result<()> {
    let until = time(token.expires_at_us);
    match out {
        Some(path) => {
            files::write_private(path, format!("{}\n", token.token).as_bytes())?;
            eprintln!(
                "token {} (valid until {until}) written to {}",
                token.id,
                path.display()
            );
        }
        None => {
            eprintln!(
                "token {} (valid until {until}; shown once, keep it safe):",
                token.id
            );
            println!("{}", token.token);
        }
    }
    Ok(())
}

fn print_staff(l: &StaffListing) {
    let s = &l.staff;
    let state = s.disabled_at_us.map_or_else(
        || "active".to_owned(),
        |at| format!("disabled {}", time(at)),
    );
    println!(
        "{}\t{}\t{}\t{}\t{}\t{state}",
        s.id,
        s.name,
        s.role.code(),
        s.municipality.as_ref().map_or("national", |m| m.as_str()),
        s.kind.code()
    );
    for c in &l.credentials {
        let state = match c.revoked_at_us {
            Some(at) => format!("revoked {}", time(at)),
            None => format!("valid until {}", time(c.expires_at_us)),
        };
        println!("  credential {}\t{}\t{state}", c.id, c.label);
    }
}

fn time(us: i64) -> String {
    Timestamp::from_microsecond(us)
        .map(|t| format!("{t:.0}"))
        .unwrap_or_default()
}
