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
/// The process's own streams and the null device ([`is_stream`]) are written into, never
/// replaced: renaming over `/dev/null` once turned it into a root-only file and broke every
/// other user's shell on the machine. Anything else is replaced, a planted pipe included.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if is_stream(path) {
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

/// Whether `path` names the null device or one of this process's own streams (`/dev/stdout`,
/// `/dev/fd/N`): the only places other than a regular file that output goes to. A device or
/// pipe found anywhere else may have been planted by someone else (a review found that
/// following them let a link to a disk or another user's pipe receive an export).
fn is_stream(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let p = path.as_os_str().as_bytes();
    matches!(p, b"/dev/null" | b"/dev/stdout" | b"/dev/stderr")
        || p.starts_with(b"/dev/fd/")
        || p.starts_with(b"/proc/self/fd/")
}

/// Opens `path` for writing a stream (an export), owner-only even if it existed with wider
/// permissions, and never through a symbolic link. The null device and the process's own
/// streams are written into as they are; any other thing not a regular file is refused.
pub(crate) fn create_private(path: &Path) -> Result<File> {
    if is_stream(path) {
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
        // Never through a link; and a pipe planted at the path does not hold the open until
        // someone reads it.
        .custom_flags((nix::fcntl::OFlag::O_NOFOLLOW | nix::fcntl::OFlag::O_NONBLOCK).bits())
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    if !f
        .metadata()
        .with_context(|| format!("creating {}", path.display()))?
        .is_file()
    {
        anyhow::bail!(
            "{} is not a regular file; give a new path (or /dev/stdout)",
            path.display()
        );
    }
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

    /// The process's own pipe, named by its descriptor, is written into (as `/dev/stdout`
    /// is); a pipe planted at an output path is replaced or refused, never written into.
    #[test]
    fn only_the_process_s_own_streams_are_written_into() {
        use std::io::Read;
        use std::os::fd::AsRawFd;
        let (mut reader, writer) = std::io::pipe().unwrap();
        let own = PathBuf::from(format!("/proc/self/fd/{}", writer.as_raw_fd()));
        write_private(&own, b"hello").unwrap();
        drop(writer);
        let mut got = String::new();
        reader.read_to_string(&mut got).unwrap();
        assert_eq!(got, "hello");

        let dir = scratch("pipe");
        let fifo = dir.join("out");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o666)).unwrap();
        // Nobody reads it: a write into it would block, a refusal or replacement does not.
        let e = create_private(&fifo).unwrap_err();
        assert!(format!("{e:#}").contains("creating"), "{e:#}");
        write_private(&fifo, b"numbers").unwrap();
        let meta = fs::symlink_metadata(&fifo).unwrap();
        assert!(meta.is_file(), "the planted pipe was replaced by the file");
        assert_eq!(meta.permissions().mode() & 0o777, PRIVATE);
        assert_eq!(fs::read(&fifo).unwrap(), b"numbers");
        // A link to a device is not followed.
        let link = dir.join("link");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        assert!(create_private(&link).is_err());
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
