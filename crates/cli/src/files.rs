//! Files the binary writes: owner-only whatever the umask and whether they existed before, and
//! written through a temporary file with an unpredictable name, created exclusively (so never
//! through a symbolic link someone planted) and renamed into place once complete.
//!
//! Exports, letter batches, resident-record PDFs and card files hold numbers and personal data:
//! another user of the machine must not read them (issue 9, hole 7).

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Owner read and write only.
pub(crate) const PRIVATE: u32 = 0o600;

/// Makes every file this process creates owner-only from the moment it exists: the database
/// and its write-ahead log, exports, PDFs, keys.
pub(crate) fn private_umask() {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
}

/// Writes `bytes` to `path` atomically and owner-only.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let (tmp, mut f) = temporary_beside(path)?;
    let written = f
        .write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", tmp.display()));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// A new temporary file beside `path`, owner-only, under a name nobody can guess, created
/// exclusively: a file or link already there makes it fail rather than follow it.
pub(crate) fn temporary_beside(path: &Path) -> Result<(PathBuf, File)> {
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).context("drawing a temporary file name")?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", hex::encode(nonce)));
    let f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(PRIVATE)
        .open(&tmp)
        .with_context(|| format!("creating {}", tmp.display()))?;
    Ok((tmp, f))
}

/// Opens `path` for writing a stream (an export), owner-only even if it existed with wider
/// permissions, and never through a symbolic link.
pub(crate) fn create_private(path: &Path) -> Result<File> {
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(PRIVATE)
        .custom_flags(nix::fcntl::OFlag::O_NOFOLLOW.bits())
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.set_permissions(Permissions::from_mode(PRIVATE))
        .with_context(|| format!("restricting {}", path.display()))?;
    Ok(f)
}

/// Narrows an existing file or directory to owner-only (`mode`): a data directory made by an
/// earlier version, or under a wider umask, is brought in line at every start.
pub(crate) fn restrict(path: &Path, mode: u32) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Ok(()),
        Ok(meta) if meta.permissions().mode() & 0o777 & !mode != 0 => {
            fs::set_permissions(path, Permissions::from_mode(mode))
                .with_context(|| format!("restricting {}", path.display()))
        }
        _ => Ok(()),
    }
}
