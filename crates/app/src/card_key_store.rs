//! The default secure element of virtual cards: an owner-only directory that holds each card's
//! key and the newest generation of its file, apart from the card file (issue 9, hole 6;
//! docs/design/card.md, threat model).
//!
//! Per card `S` (its serial, letters and digits only): `S.key`, 32 random bytes, made once with
//! an exclusive create and never rewritten; `S.generation`, the newest generation as decimal
//! text, replaced through a rename; `S.lock`, locked (`flock`) while a program holds the card,
//! and the serial kept in this process's own set of held cards meanwhile (on a network file
//! system, Linux may emulate `flock` with per-process locks, which two requests of one server
//! would both get; the key store belongs on a local disk all the same). Sealing is
//! AES-256-GCM with a random 96-bit nonce, stored before the ciphertext: a card is sealed a few
//! times a day at most, far from the 2^32 seals per key that random nonces allow (NIST SP
//! 800-38D §8.3).

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::sync::{Arc, Mutex};

use std::path::{Path, PathBuf};

use aws_lc_rs::aead::{AES_256_GCM, Aad, NONCE_LEN, Nonce, RandomizedNonceKey};
use mynumber_card::{ElementError, SecureElement};

/// Card keys in an owner-only directory (mode 700, files 600).
#[derive(Debug, Clone)]
pub struct CardKeyStore {
    dir: PathBuf,
    /// The cards this process holds, shared by the store's clones.
    held: Arc<Mutex<HashSet<String>>>,
}

/// A card held: its lock file locked, and its serial claimed in the process, until dropped.
struct Hold {
    _file: File,
    _claim: Claim,
}

/// A serial in the process's set of held cards, taken out of it when dropped.
struct Claim {
    serial: String,
    held: Arc<Mutex<HashSet<String>>>,
}

impl Drop for Claim {
    fn drop(&mut self) {
        held_cards(&self.held).remove(&self.serial);
    }
}

/// The set of held cards. A panic while it was locked leaves nothing half-done in a set, so a
/// poisoned lock is taken as it is.
fn held_cards(held: &Mutex<HashSet<String>>) -> std::sync::MutexGuard<'_, HashSet<String>> {
    held.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn failed(what: &str, path: &Path, e: impl std::fmt::Display) -> ElementError {
    ElementError::Failed(format!("{what} {}: {e}", path.display()))
}

impl CardKeyStore {
    /// The store in `dir`, created if missing; the directory is made owner-only whether or not
    /// it existed.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, ElementError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|e| failed("creating", &dir, e))?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| failed("restricting", &dir, e))?;
        Ok(Self {
            dir,
            held: Arc::default(),
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, serial: &str, suffix: &str) -> Result<PathBuf, ElementError> {
        // The serial names files: nothing but letters and digits may reach a path.
        if serial.is_empty()
            || serial.len() > 64
            || !serial.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(ElementError::Failed(
                "a card serial must be 1–64 letters and digits".to_owned(),
            ));
        }
        Ok(self.dir.join(format!("{serial}.{suffix}")))
    }

    fn read_key(&self, serial: &str) -> Result<Option<RandomizedNonceKey>, ElementError> {
        let path = self.path(serial, "key")?;
        let mut bytes = Vec::with_capacity(32);
        match File::open(&path) {
            Ok(mut f) => f
                .read_to_end(&mut bytes)
                .map_err(|e| failed("reading", &path, e))?,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(failed("reading", &path, e)),
        };
        if bytes.len() != 32 {
            return Err(failed("reading", &path, "not a 32-byte key"));
        }
        RandomizedNonceKey::new(&AES_256_GCM, &bytes)
            .map(Some)
            .map_err(|_| failed("reading", &path, "not an AES-256 key"))
    }

    /// The card's key, made on first use. Two programs making it at once agree: the exclusive
    /// create lets one write it, and the other reads that one.
    fn key(&self, serial: &str) -> Result<RandomizedNonceKey, ElementError> {
        if let Some(k) = self.read_key(serial)? {
            return Ok(k);
        }
        let path = self.path(serial, "key")?;
        let mut key = [0u8; 32];
        aws_lc_rs::rand::fill(&mut key).map_err(|_| failed("making", &path, "no randomness"))?;
        let temporary = self.path(serial, &format!("key.{}", hex::encode(random::<8>()?)))?;
        let written = (|| {
            let mut f = private_file(&temporary)?;
            f.write_all(&key)?;
            f.sync_all()?;
            // A hard link fails when the key exists: the first key made wins.
            std::fs::hard_link(&temporary, &path)
        })();
        let _ = std::fs::remove_file(&temporary);
        match written {
            Ok(()) => sync_dir(&self.dir),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(failed("writing", &path, e)),
        }
        self.read_key(serial)?
            .ok_or_else(|| failed("reading", &path, "the key vanished"))
    }
}

fn random<const N: usize>() -> Result<[u8; N], ElementError> {
    let mut b = [0u8; N];
    aws_lc_rs::rand::fill(&mut b).map_err(|_| ElementError::Failed("no randomness".to_owned()))?;
    Ok(b)
}

/// A new file, owner-only; an exclusive create never follows a link planted at `path`.
fn private_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// Makes a rename or link in `dir` durable; a failure only costs durability, not correctness.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

impl SecureElement for CardKeyStore {
    fn seal(
        &self,
        serial: &str,
        context: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, ElementError> {
        let key = self.key(serial)?;
        let mut body = plaintext.to_vec();
        let nonce = key
            .seal_in_place_append_tag(Aad::from(context), &mut body)
            .map_err(|_| ElementError::Failed("sealing failed".to_owned()))?;
        let mut out = Vec::with_capacity(NONCE_LEN + body.len());
        out.extend_from_slice(nonce.as_ref());
        out.extend_from_slice(&body);
        Ok(out)
    }

    fn open(&self, serial: &str, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, ElementError> {
        let key = self
            .read_key(serial)?
            .ok_or_else(|| ElementError::NoKey(serial.to_owned()))?;
        let (nonce, body) = sealed
            .split_at_checked(NONCE_LEN)
            .ok_or(ElementError::Unsealable)?;
        let nonce =
            Nonce::try_assume_unique_for_key(nonce).map_err(|_| ElementError::Unsealable)?;
        let mut body = body.to_vec();
        let plain = key
            .open_in_place(nonce, Aad::from(context), &mut body)
            .map_err(|_| ElementError::Unsealable)?;
        Ok(plain.to_vec())
    }

    fn generation(&self, serial: &str) -> Result<u64, ElementError> {
        let path = self.path(serial, "generation")?;
        match std::fs::read_to_string(&path) {
            Ok(text) => text.trim().parse().map_err(|e| failed("reading", &path, e)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(0),
            Err(e) => Err(failed("reading", &path, e)),
        }
    }

    fn advance(&self, serial: &str, generation: u64) -> Result<(), ElementError> {
        // Read, compare and replace under a lock of their own, so that two writers never put a
        // lower generation over a higher one. (Not `hold`'s lock: the program advancing may be
        // the one holding the card.)
        let lock_path = self.path(serial, "generation-lock")?;
        let lock = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&lock_path)
            .map_err(|e| failed("opening", &lock_path, e))?;
        lock.lock().map_err(|e| failed("locking", &lock_path, e))?;
        if generation <= self.generation(serial)? {
            return Ok(());
        }
        let path = self.path(serial, "generation")?;
        let temporary = self.path(
            serial,
            &format!("generation.{}", hex::encode(random::<8>()?)),
        )?;
        let written = (|| {
            let mut f = private_file(&temporary)?;
            f.write_all(generation.to_string().as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&temporary, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written.map_err(|e| failed("writing", &path, e))?;
        sync_dir(&self.dir);
        Ok(())
    }

    fn hold(&self, serial: &str) -> Result<Box<dyn Send>, ElementError> {
        let path = self.path(serial, "lock")?;
        if !held_cards(&self.held).insert(serial.to_owned()) {
            return Err(ElementError::InUse(serial.to_owned()));
        }
        // From here the claim's drop lets the serial go, on every path.
        let claim = Claim {
            serial: serial.to_owned(),
            held: self.held.clone(),
        };
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|e| failed("opening", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Box::new(Hold {
                _file: file,
                _claim: claim,
            })),
            Err(std::fs::TryLockError::WouldBlock) => Err(ElementError::InUse(serial.to_owned())),
            Err(std::fs::TryLockError::Error(e)) => Err(failed("locking", &path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store in a fresh directory, removed when the guard drops.
    struct Dir(PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn store() -> (Dir, CardKeyStore) {
        let dir = std::env::temp_dir().join(format!(
            "mynumber-card-keys-{}",
            hex::encode(random::<8>().unwrap())
        ));
        let store = CardKeyStore::open(dir.join("card-keys")).unwrap();
        (Dir(dir), store)
    }

    #[test]
    fn seals_per_card_and_keeps_files_owner_only() {
        let (_dir, s) = store();
        let sealed = s.seal("123", b"ctx", b"secret").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert_eq!(s.open("123", b"ctx", &sealed).unwrap(), b"secret");
        // The context is bound, and another card's key does not open it.
        assert_eq!(
            s.open("123", b"ctX", &sealed),
            Err(ElementError::Unsealable)
        );
        s.seal("456", b"ctx", b"x").unwrap();
        assert_eq!(
            s.open("456", b"ctx", &sealed),
            Err(ElementError::Unsealable)
        );
        assert_eq!(
            s.open("789", b"ctx", &sealed),
            Err(ElementError::NoKey("789".into()))
        );
        // Two seals of the same text differ (random nonces).
        assert_ne!(s.seal("123", b"ctx", b"secret").unwrap(), sealed);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(s.dir()), 0o700);
        assert_eq!(mode(&s.dir().join("123.key")), 0o600);
        // Nothing but letters and digits reaches a path.
        assert!(matches!(
            s.seal("../x", b"", b""),
            Err(ElementError::Failed(_))
        ));
    }

    #[test]
    fn generations_only_advance_and_a_held_card_is_refused_to_another_holder() {
        let (_dir, s) = store();
        assert_eq!(s.generation("1"), Ok(0));
        s.advance("1", 5).unwrap();
        s.advance("1", 3).unwrap();
        assert_eq!(s.generation("1"), Ok(5));
        let held = s.hold("1").unwrap();
        assert_eq!(s.hold("1").err(), Some(ElementError::InUse("1".into())));
        assert!(s.hold("2").is_ok());
        drop(held);
        assert!(s.hold("1").is_ok());
        // Another store on the same directory (another program) is refused by the file lock;
        // a clone of this one by the process's own claim.
        let held = s.hold("1").unwrap();
        let other = CardKeyStore::open(s.dir()).unwrap();
        assert_eq!(other.hold("1").err(), Some(ElementError::InUse("1".into())));
        assert_eq!(
            s.clone().hold("1").err(),
            Some(ElementError::InUse("1".into()))
        );
        drop(held);
        // A hold that fails lets its claim go: a lock file that cannot be opened (here a
        // directory in its place) fails the hold, and once it can, the card is held.
        std::fs::create_dir(s.dir().join("3.lock")).unwrap();
        assert!(matches!(s.hold("3"), Err(ElementError::Failed(_))));
        std::fs::remove_dir(s.dir().join("3.lock")).unwrap();
        assert!(s.hold("3").is_ok());
    }
}
