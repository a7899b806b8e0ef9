//! `mynumber number check|format|mask`: number tools for files and terminals.
//!
//! Output never repeats the input: a result line's position says which input it belongs to.

use std::io::{self, BufRead, Write};

use anyhow::Result;
use mynumber_core::{CorporateNumber, IndividualNumber, NumberError};

/// What to do with each number.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Action {
    /// Print `valid`, or `invalid: <reason>`.
    Check,
    /// Print the printed form (`1234 5678 9018`; corporate `5-8356-7825-6246`).
    Format,
    /// Print the masked form (`**** **** 9018`).
    Mask,
}

/// Runs `action` over `args`, or over the non-blank lines of standard input when there are none.
/// Returns whether every number was valid.
pub(crate) fn run(action: Action, corporate: bool, args: &[String]) -> Result<bool> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut all_valid = true;
    let mut one = |input: &str, out: &mut dyn Write| -> Result<()> {
        let line = match line_for(action, corporate, input) {
            Ok(s) => s,
            Err(e) => {
                all_valid = false;
                format!("invalid: {e}")
            }
        };
        writeln!(out, "{line}")?;
        Ok(())
    };
    if args.is_empty() {
        for line in io::stdin().lock().lines() {
            let line = line?;
            if !line.trim().is_empty() {
                one(&line, &mut out)?;
            }
        }
    } else {
        for a in args {
            one(a, &mut out)?;
        }
    }
    out.flush()?;
    Ok(all_valid)
}

fn line_for(action: Action, corporate: bool, input: &str) -> Result<String, NumberError> {
    let input = input.trim();
    if corporate {
        let n = CorporateNumber::parse(input)?;
        return Ok(match action {
            Action::Check => "valid".to_owned(),
            // Corporate numbers are public: nothing to mask.
            Action::Format | Action::Mask => n.formatted(),
        });
    }
    let n = IndividualNumber::parse(input)?;
    Ok(match action {
        Action::Check => "valid".to_owned(),
        Action::Format => n.expose_formatted(),
        Action::Mask => n.masked(),
    })
}
