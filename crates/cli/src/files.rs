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
///
/// A path that names something other than a regular file (`/dev/stdout`, `/dev/null`, a pipe)
/// is written into, never replaced: renaming over `/dev/null` once turned it into a root-only
/// file and broke every other user's shell on the machine.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if is_special(path) {
        return OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .with_context(|| format!("writing {}", path.display()));
    }
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

/// Whether `path` exists and is not a regular file or directory: a device, a pipe or a socket,
/// followed through links (`/dev/stdout`). Those are written into as they are.
fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Opens `path` for writing a stream (an export), owner-only even if it existed with wider
/// permissions, and never through a symbolic link. A device or pipe is written into as it is.
pub(crate) fn create_private(path: &Path) -> Result<File> {
    if is_special(path) {
        return OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("opening {}", path.display()));
    }
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
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Ok(()),
        Ok(meta) if meta.permissions().mode() & 0o777 & !mode != 0 => {
            fs::set_permissions(path, Permissions::from_mode(mode))
                .with_context(|| format!("restricting {}", path.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("mynumber-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A pipe named as the output is written into and stays a pipe, as `/dev/null` and
    /// `/dev/stdout` must.
    #[test]
    fn a_pipe_is_written_into_not_replaced() {
        let dir = scratch("pipe");
        let fifo = dir.join("out");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_private(&fifo, b"hello").unwrap();
        assert_eq!(reader.join().unwrap(), b"hello");
        let meta = fs::symlink_metadata(&fifo).unwrap();
        assert!(!meta.is_file(), "the pipe was replaced by a file");
        assert_eq!(
            meta.permissions().mode() & 0o777,
            0o644,
            "the pipe was narrowed"
        );
        restrict(&fifo, PRIVATE).unwrap();
        assert_eq!(
            fs::symlink_metadata(&fifo).unwrap().permissions().mode() & 0o777,
            0o644
        );

        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        create_private(&fifo).unwrap().write_all(b"again").unwrap();
        assert_eq!(reader.join().unwrap(), b"again");
        assert!(!fs::symlink_metadata(&fifo).unwrap().is_file());
    }

    /// A regular file that existed with wider permissions is replaced owner-only.
    #[test]
    fn a_regular_file_becomes_owner_only() {
        let dir = scratch("regular");
        let path = dir.join("export.csv");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o644)).unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            PRIVATE
        );
    }
}
