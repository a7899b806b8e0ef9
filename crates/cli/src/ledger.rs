//! The ledger's witness: signed checkpoints added to a directory that only grows, and read back
//! to hold every chain to all of them.
//!
//! The directory is meant to live where the database's administrators cannot write: another
//! machine's share, a write-once volume, a store an auditor keeps (docs/design/ledger.md). This
//! binary only ever adds a file there, under a name never used before, and never changes or
//! removes one.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mynumber_core::checkpoint::SignedCheckpoint;

/// Adds `checkpoint` to the witness directory `dir` (created if missing); returns its path.
pub(crate) fn witness(dir: &Path, checkpoint: &SignedCheckpoint) -> Result<PathBuf> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(format!(
        "checkpoint-{:020}-{}.txt",
        checkpoint.at_us(),
        checkpoint.key_id()
    ));
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("adding {} (a witness never overwrites)", path.display()))?;
    f.write_all(checkpoint.to_text().as_bytes())
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// The checkpoints in `files` and in every witness directory of `dirs`, oldest first.
pub(crate) fn checkpoints(files: &[PathBuf], dirs: &[PathBuf]) -> Result<Vec<SignedCheckpoint>> {
    let mut paths: Vec<PathBuf> = files.to_vec();
    for dir in dirs {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .with_context(|| format!("reading the witness {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("checkpoint-") && n.ends_with(".txt"))
            })
            .collect();
        if found.is_empty() {
            bail!("the witness {} holds no checkpoint", dir.display());
        }
        found.sort();
        paths.extend(found);
    }
    paths
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            SignedCheckpoint::parse(&text).with_context(|| format!("reading {}", p.display()))
        })
        .collect()
}
