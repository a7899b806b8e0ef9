//! The sealed card file (version 2) and the card's secure element: the per-card key, held
//! apart from the card file, that keeps the card's secrets and counters out of the hands of
//! whoever can read or copy the file (issue 9, hole 6; docs/design/card.md, threat model).
//!
//! A real chip keeps its keys and PIN counters in its own memory. A card file on a disk does
//! not, so the file's contents are sealed (authenticated encryption) under a key only the
//! secure element holds, and the element remembers the newest generation of each card's file
//! it has seen: an older copy put back in place is refused.
//!
//! Layout: `MNCARD`, version `02`, the serial's length (1 byte) and the serial (ASCII), the
//! generation (8 bytes, big-endian), then what the element sealed. The header is the sealing's
//! associated data, so it cannot be changed either. Inside is the card's unsealed form
//! ([`CardData::to_unsealed`]).

use crate::file::{CardData, CardFileError, MAGIC};

/// Why the secure element failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ElementError {
    /// The element holds no key for this card: the file was sealed by another element.
    #[error("this machine's card key store holds no key for card {0}")]
    NoKey(String),
    /// The sealed bytes did not open: altered, cut short, or sealed under another key.
    #[error("the sealed contents do not open")]
    Unsealable,
    /// Another program is using the card (an attached card, a signature in progress).
    #[error("card {0} is in use by another program (is it attached to a reader?)")]
    InUse(String),
    /// The element itself failed (its key store cannot be read or written).
    #[error("the card key store failed: {0}")]
    Failed(String),
}

/// The card's secure element: seals and opens a card's contents under that card's own key, and
/// keeps the newest generation of its file. Implemented by the shell: by default an owner-only
/// key store directory (`mynumber_app::system::CardKeyStore`); a PKCS#11 token can implement it
/// with keys that never leave the token.
pub trait SecureElement: Send + Sync + std::fmt::Debug {
    /// Seals `plaintext` for card `serial`, binding `context` (authenticated, not secret). The
    /// card's key is made on its first sealing.
    fn seal(&self, serial: &str, context: &[u8], plaintext: &[u8])
    -> Result<Vec<u8>, ElementError>;
    /// Opens what [`SecureElement::seal`] returned for the same serial and context.
    fn open(&self, serial: &str, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, ElementError>;
    /// The newest generation of the card's file seen so far; 0 for a card never sealed here.
    fn generation(&self, serial: &str) -> Result<u64, ElementError>;
    /// Records `generation` as the newest (a lower one than recorded is ignored).
    fn advance(&self, serial: &str, generation: u64) -> Result<(), ElementError>;
    /// Holds the card for one program until the returned guard is dropped, so that two
    /// programs never both count tries on the same card and one of them overwrite the other.
    fn hold(&self, serial: &str) -> Result<Box<dyn Send>, ElementError>;
}

/// A sealed card file, and the generation it carries: once the file is kept (written, or
/// handed to its holder), tell the element with [`SecureElement::advance`].
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The file.
    pub bytes: Vec<u8>,
    /// Its generation.
    pub generation: u64,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealed")
            .field("len", &self.bytes.len())
            .field("generation", &self.generation)
            .finish()
    }
}

const VERSION: u8 = 2;

/// The longest serial a sealed file may name (a real card's is 15 digits). Whatever reads a
/// header is held to it, so a secure element never sees a name it would refuse as a path.
const MAX_SERIAL: usize = 64;

fn serial_ok(serial: &str) -> bool {
    (1..=MAX_SERIAL).contains(&serial.len()) && serial.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn header(serial: &str, generation: u64) -> Result<Vec<u8>, CardFileError> {
    let len = u8::try_from(serial.len())
        .ok()
        .filter(|_| serial_ok(serial))
        .ok_or(CardFileError::Malformed(
            "the serial is not 1–64 ASCII letters and digits",
        ))?;
    let mut out = Vec::with_capacity(16 + serial.len());
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(len);
    out.extend_from_slice(serial.as_bytes());
    out.extend_from_slice(&generation.to_be_bytes());
    Ok(out)
}

/// The serial and generation a card file names, and where its sealed part starts; `None` for a
/// version 1 (unsealed) file.
fn parse_header(bytes: &[u8]) -> Result<Option<(&str, u64, usize)>, CardFileError> {
    let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(CardFileError::NotACardFile);
    };
    match body {
        [1, ..] => Ok(None),
        [VERSION, len, rest @ ..] => {
            let len = usize::from(*len);
            let (Some(serial), Some(generation)) = (rest.get(..len), rest.get(len..len + 8)) else {
                return Err(CardFileError::Damaged);
            };
            let serial = std::str::from_utf8(serial)
                .ok()
                .filter(|s| serial_ok(s))
                .ok_or(CardFileError::Damaged)?;
            let mut g = [0u8; 8];
            g.copy_from_slice(generation);
            Ok(Some((
                serial,
                u64::from_be_bytes(g),
                MAGIC.len() + 2 + len + 8,
            )))
        }
        [v, ..] => Err(CardFileError::Version(*v)),
        [] => Err(CardFileError::Damaged),
    }
}

impl CardData {
    /// The card file, sealed by `element` one generation past the newest it has seen. Keep the
    /// bytes, then call `element.advance(serial, generation)`: until then the previous file
    /// still opens, so a write that fails loses nothing.
    pub fn seal(&self, element: &dyn SecureElement) -> Result<Sealed, CardFileError> {
        let generation = element
            .generation(&self.serial)?
            .checked_add(1)
            .ok_or(CardFileError::Malformed("the generation is exhausted"))?;
        let mut bytes = header(&self.serial, generation)?;
        let sealed = element.seal(&self.serial, &bytes, &self.to_unsealed())?;
        bytes.extend_from_slice(&sealed);
        Ok(Sealed { bytes, generation })
    }

    /// Reads a card file through its secure element. Refused: a file that does not open under
    /// the card's key (damaged, altered, or another card's), and a file older than the newest
    /// the element has seen (copied back). A file newer than that (its write was kept but the
    /// element not yet told) is accepted, and the element advanced. A version 1 file, from
    /// before sealing, is read only for a card the element has never sealed.
    pub fn open(bytes: &[u8], element: &dyn SecureElement) -> Result<Self, CardFileError> {
        let Some((serial, generation, at)) = parse_header(bytes)? else {
            let card = Self::from_unsealed(bytes)?;
            let newest = element.generation(&card.serial)?;
            if newest > 0 {
                return Err(CardFileError::RolledBack {
                    generation: 0,
                    newest,
                });
            }
            return Ok(card);
        };
        let (context, sealed) = bytes.split_at(at);
        // Opened before anything is believed: a forged generation must not move the element.
        let inner = match element.open(serial, context, sealed) {
            Ok(inner) => inner,
            Err(ElementError::Unsealable) => return Err(CardFileError::Damaged),
            Err(e) => return Err(e.into()),
        };
        let card = Self::from_unsealed(&inner)?;
        if card.serial != serial {
            return Err(CardFileError::Damaged);
        }
        let newest = element.generation(serial)?;
        if generation < newest {
            return Err(CardFileError::RolledBack { generation, newest });
        }
        if generation > newest {
            element.advance(serial, generation)?;
        }
        Ok(card)
    }

    /// The serial a card file names, read without opening it (to hold the card first).
    pub fn serial_of(bytes: &[u8]) -> Result<String, CardFileError> {
        match parse_header(bytes)? {
            Some((serial, _, _)) => Ok(serial.to_owned()),
            None => Ok(Self::from_unsealed(bytes)?.serial),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// An element in memory: a "key" per card and XOR with a keystream derived from it, plus a
    /// SHA-256 tag. Enough to test the file's logic; never a real seal.
    #[derive(Debug, Default)]
    struct Memory {
        keys: Mutex<HashMap<String, u8>>,
        generations: Mutex<HashMap<String, u64>>,
    }

    fn tag(key: u8, context: &[u8], body: &[u8]) -> Vec<u8> {
        let mut m = vec![key];
        m.extend_from_slice(context);
        m.extend_from_slice(body);
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &m)
            .as_ref()
            .to_vec()
    }

    impl SecureElement for Memory {
        fn seal(
            &self,
            serial: &str,
            context: &[u8],
            plain: &[u8],
        ) -> Result<Vec<u8>, ElementError> {
            let mut keys = self.keys.lock().unwrap();
            let n = u8::try_from(keys.len()).unwrap() + 1;
            let key = *keys.entry(serial.to_owned()).or_insert(n);
            let mut body: Vec<u8> = plain.iter().map(|b| b ^ key).collect();
            let t = tag(key, context, &body);
            body.extend_from_slice(&t);
            Ok(body)
        }
        fn open(
            &self,
            serial: &str,
            context: &[u8],
            sealed: &[u8],
        ) -> Result<Vec<u8>, ElementError> {
            let key = *self
                .keys
                .lock()
                .unwrap()
                .get(serial)
                .ok_or_else(|| ElementError::NoKey(serial.to_owned()))?;
            let (body, t) = sealed
                .split_at_checked(
                    sealed
                        .len()
                        .checked_sub(32)
                        .ok_or(ElementError::Unsealable)?,
                )
                .ok_or(ElementError::Unsealable)?;
            if tag(key, context, body) != t {
                return Err(ElementError::Unsealable);
            }
            Ok(body.iter().map(|b| b ^ key).collect())
        }
        fn generation(&self, serial: &str) -> Result<u64, ElementError> {
            Ok(*self.generations.lock().unwrap().get(serial).unwrap_or(&0))
        }
        fn advance(&self, serial: &str, generation: u64) -> Result<(), ElementError> {
            let mut g = self.generations.lock().unwrap();
            let e = g.entry(serial.to_owned()).or_insert(0);
            *e = (*e).max(generation);
            Ok(())
        }
        fn hold(&self, _: &str) -> Result<Box<dyn Send>, ElementError> {
            Ok(Box::new(()))
        }
    }

    fn card(serial: &str) -> CardData {
        CardData {
            serial: serial.into(),
            signature: None,
            authentication: None,
            pins: vec![(
                mynumber_core::pin::PinKind::Authentication,
                crate::PinState::new("1234", [3; 16], 3),
            )],
            info: None,
        }
    }

    fn kept(element: &Memory, card: &CardData) -> Vec<u8> {
        let s = card.seal(element).unwrap();
        element.advance(&card.serial, s.generation).unwrap();
        s.bytes
    }

    #[test]
    fn a_sealed_file_opens_only_through_its_element_and_hides_its_secrets() {
        let element = Memory::default();
        let c = card("123456789012345");
        let bytes = kept(&element, &c);
        assert_eq!(CardData::open(&bytes, &element), Ok(c.clone()));
        assert_eq!(
            CardData::serial_of(&bytes).as_deref(),
            Ok("123456789012345")
        );
        // The PIN's verifier is not in the file in the clear.
        let verifier = c.pins[0].1.verifier;
        assert!(c.to_unsealed().windows(32).any(|w| w == verifier));
        assert!(!bytes.windows(32).any(|w| w == verifier));
        // Another element has no key for it.
        assert_eq!(
            CardData::open(&bytes, &Memory::default()),
            Err(CardFileError::Element(ElementError::NoKey(
                "123456789012345".into()
            )))
        );
        // Any byte changed, header or body, is damage; so is a file cut short.
        for i in [7, 9, 23, bytes.len() / 2, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 1;
            assert!(CardData::open(&bad, &element).is_err(), "{i}");
        }
        assert_eq!(
            CardData::open(&bytes[..bytes.len() - 1], &element),
            Err(CardFileError::Damaged)
        );
    }

    #[test]
    fn a_header_naming_no_usable_serial_is_damage_before_the_element_sees_it() {
        let element = Memory::default();
        for serial in ["", "../../etc", &"9".repeat(65)] {
            let mut bytes = b"MNCARD\x02".to_vec();
            bytes.push(u8::try_from(serial.len()).unwrap());
            bytes.extend_from_slice(serial.as_bytes());
            bytes.extend_from_slice(&[0; 8 + 40]);
            assert_eq!(
                CardData::open(&bytes, &element),
                Err(CardFileError::Damaged),
                "{serial:?}"
            );
        }
        assert!(card(&"9".repeat(65)).seal(&element).is_err());
    }

    #[test]
    fn an_older_copy_is_refused_and_a_forged_generation_moves_nothing() {
        let element = Memory::default();
        let mut c = card("123456789012345");
        let first = kept(&element, &c);
        c.pin_mut(mynumber_core::pin::PinKind::Authentication)
            .unwrap()
            .charge();
        let second = kept(&element, &c);
        assert_eq!(CardData::open(&second, &element), Ok(c.clone()));
        assert_eq!(
            CardData::open(&first, &element),
            Err(CardFileError::RolledBack {
                generation: 1,
                newest: 2
            })
        );
        // The unsealed form of a card the element has sealed is an older copy too.
        assert_eq!(
            CardData::open(&c.to_unsealed(), &element),
            Err(CardFileError::RolledBack {
                generation: 0,
                newest: 2
            })
        );
        // A header claiming a later generation does not open, and leaves the element as it was.
        let mut forged = second.clone();
        let at = 6 + 2 + 15;
        forged[at..at + 8].copy_from_slice(&u64::MAX.to_be_bytes());
        assert_eq!(
            CardData::open(&forged, &element),
            Err(CardFileError::Damaged)
        );
        assert_eq!(element.generation("123456789012345"), Ok(2));
        // A file kept but not yet recorded (a crash in between) opens and advances the element.
        let third = c.seal(&element).unwrap();
        assert_eq!(CardData::open(&third.bytes, &element), Ok(c.clone()));
        assert_eq!(element.generation("123456789012345"), Ok(3));
        // A card never sealed here still opens from its unsealed form (version 1).
        let old = card("999999999999999");
        assert_eq!(CardData::open(&old.to_unsealed(), &element), Ok(old));
    }
}
