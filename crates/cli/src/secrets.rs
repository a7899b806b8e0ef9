//! PINs and passwords at the command line: never as arguments, which every user of the machine
//! can read in the process list, but from the environment or from standard input (asked on
//! the terminal without echo).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result};

/// The secret in `env`, or else one line of standard input (prompted with `prompt` when it is
/// a terminal, and not echoed). `None` when standard input gives an empty line.
pub(crate) fn read(env: &str, prompt: &str) -> Result<Option<String>> {
    if let Ok(v) = std::env::var(env) {
        return Ok(Some(v.trim().to_owned()).filter(|v| !v.is_empty()));
    }
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    if terminal {
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
    }
    let echo = if terminal { no_echo(&stdin) } else { None };
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if let Some(saved) = echo {
        let _ = nix::sys::termios::tcsetattr(&stdin, nix::sys::termios::SetArg::TCSANOW, &saved);
        eprintln!();
    }
    read.with_context(|| format!("reading {env} from standard input"))?;
    Ok(Some(line.trim().to_owned()).filter(|v| !v.is_empty()))
}

/// Like [`read`], but the secret is required.
pub(crate) fn required(env: &str, prompt: &str) -> Result<String> {
    read(env, prompt)?.with_context(|| {
        format!("give it in the environment as {env}, or on standard input (never as an argument)")
    })
}

/// Turns the terminal's echo off; returns the settings to restore.
fn no_echo(stdin: &std::io::Stdin) -> Option<nix::sys::termios::Termios> {
    use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
    let saved = tcgetattr(stdin).ok()?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(stdin, SetArg::TCSANOW, &quiet).ok()?;
    Some(saved)
}
