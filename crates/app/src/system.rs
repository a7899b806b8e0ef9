//! The real clock, randomness, document fonts, OCSP responder keys and the cards' key store, for
//! the binary; tests supply their own clock and randomness.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{TimeZone, offset};

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use mynumber_render::{DEBIAN_FONT_FILES, FontFile, FontFiles, Fonts};

use crate::{Clock, KeyMaker, Random};

pub use crate::card_key_store::CardKeyStore;

/// The system clock, in Japan Standard Time (UTC+9; Japan has no daylight saving time).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_us(&self) -> i64 {
        Timestamp::now().as_microsecond()
    }

    fn today(&self) -> Date {
        Timestamp::now()
            .to_zoned_datetime(TimeZone::fixed(offset(9)))
            .date()
    }
}

/// Generates OCSP responder keys (ECDSA P-256, PKCS#8 DER) from the operating system's
/// randomness, through aws-lc-rs.
pub fn responder_keys() -> KeyMaker {
    Arc::new(|| {
        mynumber_pki::KeyPair::generate_for(&mynumber_pki::PKCS_ECDSA_P256_SHA256)
            .map(|k| k.serialize_der())
            .map_err(|e| format!("generating the OCSP responder key: {e}"))
    })
}

/// Generates card key pairs (RSA-2048, PKCS#8 DER) from the operating system's randomness, as
/// production puts them on a card.
pub fn card_keys() -> KeyMaker {
    Arc::new(|| {
        let key = mynumber_pki::KeyPair::generate_rsa_for(
            &mynumber_pki::PKCS_RSA_SHA256,
            mynumber_pki::RsaKeySize::_2048,
        )
        .map_err(|e| format!("generating a card key pair: {e}"))?;
        Ok(key.serialize_der())
    })
}

/// The operating system's CSPRNG.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        // getrandom fails only when the OS has no entropy source at all, which would make every
        // key and token this system issues guessable: refusing to go on is the only safe choice.
        #[allow(
            clippy::expect_used,
            reason = "no safe fallback exists for a missing CSPRNG"
        )]
        getrandom::fill(buf).expect("the operating system's random number generator failed");
    }
}

/// Reads the six font files from Debian's paths, or from one directory if given.
#[derive(Debug, Default)]
pub struct SystemFonts {
    dir: Option<PathBuf>,
    loaded: OnceLock<Result<Arc<Fonts>, String>>,
}

impl SystemFonts {
    /// Fonts from `dir`, or from Debian's paths when `None`.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            loaded: OnceLock::new(),
        }
    }

    fn load(&self) -> Result<Arc<Fonts>, String> {
        let mut files = Vec::with_capacity(DEBIAN_FONT_FILES.len());
        for (default, package) in DEBIAN_FONT_FILES {
            let path = match &self.dir {
                Some(dir) => dir.join(default.rsplit('/').next().unwrap_or(default)),
                None => PathBuf::from(default),
            };
            let bytes = std::fs::read(&path).map_err(|e| {
                format!(
                    "the document font {} cannot be read ({e}); install it with `apt-get install {package}`, or give --fonts-dir a directory that holds it",
                    path.display()
                )
            })?;
            files.push(FontFile::new(bytes, path.display().to_string()));
        }
        let files: [FontFile; 6] = files
            .try_into()
            .map_err(|_| "the font list has the wrong length".to_owned())?;
        Fonts::new(&FontFiles::from_ordered(files))
            .map(Arc::new)
            .map_err(|e| e.to_string())
    }
}

impl crate::FontSource for SystemFonts {
    fn fonts(&self) -> Result<Arc<Fonts>, String> {
        self.loaded.get_or_init(|| self.load()).clone()
    }
}
