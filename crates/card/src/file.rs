//! What the card keeps between sessions, and the card file that carries it (docs/design/card.md):
//! the card's key pairs and certificates, its PINs as salted hashes with their retry counters.
//! The file is the card: whoever holds it holds the keys, so it is written owner-only.

use mynumber_core::pin::PinKind;

use crate::info::CardInfo;

/// A key pair of the card and the certificates that go with it.
#[derive(Clone, PartialEq, Eq)]
pub struct KeySlot {
    /// The private key (PKCS#8 DER), generated for this card and kept nowhere else.
    pub private_key: Vec<u8>,
    /// Its certificate (DER).
    pub certificate: Vec<u8>,
    /// The issuing authority's certificate (DER).
    pub ca_certificate: Vec<u8>,
}

impl std::fmt::Debug for KeySlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySlot")
            .field("certificate_len", &self.certificate.len())
            .finish_non_exhaustive()
    }
}

/// A PIN as the card keeps it: a salted hash (HMAC-SHA-256 keyed by the salt), the tries left
/// and the limit. The counter falls with each wrong entry and is restored only by a right one
/// (facts §2.3).
#[derive(Clone, PartialEq, Eq)]
pub struct PinState {
    salt: [u8; 16],
    pub(crate) verifier: [u8; 32],
    tries_left: u8,
    max_tries: u8,
}

impl std::fmt::Debug for PinState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PinState")
            .field("tries_left", &self.tries_left)
            .field("max_tries", &self.max_tries)
            .finish_non_exhaustive()
    }
}

fn verifier(salt: &[u8; 16], pin: &[u8]) -> [u8; 32] {
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, salt);
    let tag = aws_lc_rs::hmac::sign(&key, pin);
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

impl PinState {
    /// A PIN set to `pin` (already checked for its form), with every try available; `salt` is
    /// the caller's randomness.
    pub fn new(pin: &str, salt: [u8; 16], max_tries: u8) -> Self {
        Self {
            verifier: verifier(&salt, pin.as_bytes()),
            salt,
            tries_left: max_tries,
            max_tries,
        }
    }

    /// Tries left before the PIN locks.
    pub fn tries_left(&self) -> u8 {
        self.tries_left
    }

    /// The limit.
    pub fn max_tries(&self) -> u8 {
        self.max_tries
    }

    /// Whether every try is used.
    pub fn blocked(&self) -> bool {
        self.tries_left == 0
    }

    /// Checks an entry, counting it: a right one restores every try, a wrong one uses one.
    /// Returns whether it was right; a blocked PIN is never right.
    pub(crate) fn attempt(&mut self, entry: &[u8]) -> bool {
        if self.blocked() {
            return false;
        }
        let right = aws_lc_rs::constant_time::verify_slices_are_equal(
            &verifier(&self.salt, entry),
            &self.verifier,
        )
        .is_ok();
        self.tries_left = if right {
            self.max_tries
        } else {
            self.tries_left - 1
        };
        right
    }

    /// Uses one try without looking at an entry: what the card keeps before it compares one.
    pub(crate) fn charge(&mut self) {
        self.tries_left = self.tries_left.saturating_sub(1);
    }

    /// The PIN after a change to `pin`, with every try available. The salt stays: it is
    /// random per card and PIN already, and the chip draws no randomness.
    pub(crate) fn changed(&self, pin: &[u8]) -> Self {
        Self {
            verifier: verifier(&self.salt, pin),
            salt: self.salt,
            tries_left: self.max_tries,
            max_tries: self.max_tries,
        }
    }
}

/// Everything the card keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardData {
    /// The card's serial number.
    pub serial: String,
    /// 署名用: the signature key pair and certificate (absent on a child's card, facts §3.1, and
    /// on a face-recognition card).
    pub signature: Option<KeySlot>,
    /// 利用者証明用: the user-authentication key pair and certificate.
    pub authentication: Option<KeySlot>,
    /// The PINs that are set (none before pick-up, none on a face-recognition card).
    pub pins: Vec<(PinKind, PinState)>,
    /// The text and card-face applications' data (absent on a card made before them).
    pub info: Option<CardInfo>,
}

impl CardData {
    /// The state of one PIN, if it is set.
    pub fn pin(&self, kind: PinKind) -> Option<&PinState> {
        self.pins.iter().find(|(k, _)| *k == kind).map(|(_, p)| p)
    }

    pub(crate) fn pin_mut(&mut self, kind: PinKind) -> Option<&mut PinState> {
        self.pins
            .iter_mut()
            .find(|(k, _)| *k == kind)
            .map(|(_, p)| p)
    }

    /// Sets (or replaces) a PIN: at pick-up, and at a reset at the counter.
    pub fn set_pin(&mut self, kind: PinKind, state: PinState) {
        match self.pin_mut(kind) {
            Some(p) => *p = state,
            None => self.pins.push((kind, state)),
        }
    }
}

/// Why a card file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CardFileError {
    /// The bytes do not start as a card file does.
    #[error("not a My Number card file")]
    NotACardFile,
    /// A format version this program does not know.
    #[error("card file version {0} is not supported (this program reads versions 1 and 2)")]
    Version(u8),
    /// The checksum does not match: the file was cut short or altered.
    #[error("the card file is damaged: its checksum does not match")]
    Damaged,
    /// A record is malformed.
    #[error("the card file is malformed: {0}")]
    Malformed(&'static str),
    /// An older copy of the card's file than the newest its secure element has seen: a file
    /// copied back, for example to undo a lockout.
    #[error(
        "this is an older copy of the card file (generation {generation}; the card is at {newest}): a card file copied back is refused; use the newest copy"
    )]
    RolledBack {
        /// The file's generation (0: an unsealed file).
        generation: u64,
        /// The newest the element has seen.
        newest: u64,
    },
    /// The secure element failed or holds no key for the card.
    #[error(transparent)]
    Element(#[from] crate::sealed::ElementError),
}

pub(crate) const MAGIC: &[u8; 6] = b"MNCARD";
const VERSION: u8 = 1;

/// Record tags of version 1. The last byte of a PIN record's tag is its kind's index.
mod tag {
    pub(super) const SERIAL: u8 = 0x01;
    pub(super) const SIGNATURE_KEY: u8 = 0x10;
    pub(super) const SIGNATURE_CERT: u8 = 0x11;
    pub(super) const SIGNATURE_CA: u8 = 0x12;
    pub(super) const AUTHENTICATION_KEY: u8 = 0x20;
    pub(super) const AUTHENTICATION_CERT: u8 = 0x21;
    pub(super) const AUTHENTICATION_CA: u8 = 0x22;
    pub(super) const PIN: u8 = 0x30;
    /// The card info, in `CardInfo`'s field order; all or none.
    pub(super) const INFO: u8 = 0x40;
    pub(super) const INFO_FIELDS: u8 = 10;
}

fn pin_tag(kind: PinKind) -> u8 {
    let index = PinKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    tag::PIN + u8::try_from(index).unwrap_or(0)
}

fn record(out: &mut Vec<u8>, tag: u8, value: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&u32::try_from(value.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(value);
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

impl CardData {
    /// The card's unsealed form (card file version 1): `MNCARD`, a version byte, tagged
    /// records (tag, 4-byte length, value), and the SHA-256 of everything before it. Its
    /// secrets are in the clear: it is what [`CardData::seal`] seals, and never a file a holder
    /// keeps.
    pub fn to_unsealed(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 * 1024);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        record(&mut out, tag::SERIAL, self.serial.as_bytes());
        for (slot, key, cert, ca) in [
            (
                &self.signature,
                tag::SIGNATURE_KEY,
                tag::SIGNATURE_CERT,
                tag::SIGNATURE_CA,
            ),
            (
                &self.authentication,
                tag::AUTHENTICATION_KEY,
                tag::AUTHENTICATION_CERT,
                tag::AUTHENTICATION_CA,
            ),
        ] {
            if let Some(s) = slot {
                record(&mut out, key, &s.private_key);
                record(&mut out, cert, &s.certificate);
                record(&mut out, ca, &s.ca_certificate);
            }
        }
        for (kind, p) in &self.pins {
            let mut v = Vec::with_capacity(50);
            v.extend_from_slice(&p.salt);
            v.extend_from_slice(&p.verifier);
            v.push(p.tries_left);
            v.push(p.max_tries);
            record(&mut out, pin_tag(*kind), &v);
        }
        if let Some(i) = &self.info {
            for (n, value) in [
                &i.number_file,
                &i.attributes_file,
                &i.integrity_file,
                &i.age_file,
                &i.face_file,
                &i.face_info_file,
                &i.collation_a.as_bytes().to_vec(),
                &i.collation_b.as_bytes().to_vec(),
                &i.birth_key.as_bytes().to_vec(),
                &i.tries.to_vec(),
            ]
            .into_iter()
            .enumerate()
            {
                record(&mut out, tag::INFO + n as u8, value);
            }
        }
        let sum = digest(&out);
        out.extend_from_slice(&sum);
        out
    }

    /// Reads the unsealed form (card file version 1).
    pub fn from_unsealed(bytes: &[u8]) -> Result<Self, CardFileError> {
        let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else {
            return Err(CardFileError::NotACardFile);
        };
        match body.first() {
            Some(&VERSION) => {}
            Some(&v) => return Err(CardFileError::Version(v)),
            None => return Err(CardFileError::Damaged),
        }
        if bytes.len() < MAGIC.len() + 1 + 32 {
            return Err(CardFileError::Damaged);
        }
        let (content, sum) = bytes.split_at(bytes.len() - 32);
        if digest(content) != sum {
            return Err(CardFileError::Damaged);
        }
        let mut at = &content[MAGIC.len() + 1..];
        let mut serial = None;
        let mut parts: [Option<Vec<u8>>; 6] = Default::default();
        let mut pins = Vec::new();
        let mut info: [Option<Vec<u8>>; 10] = Default::default();
        while !at.is_empty() {
            let [t, l0, l1, l2, l3, rest @ ..] = at else {
                return Err(CardFileError::Malformed("a record header is cut short"));
            };
            let len = u32::from_be_bytes([*l0, *l1, *l2, *l3]) as usize;
            if rest.len() < len {
                return Err(CardFileError::Malformed("a record is cut short"));
            }
            let (value, next) = rest.split_at(len);
            at = next;
            let slot = match *t {
                tag::SERIAL => {
                    serial = Some(
                        String::from_utf8(value.to_vec())
                            .map_err(|_| CardFileError::Malformed("the serial is not UTF-8"))?,
                    );
                    continue;
                }
                tag::SIGNATURE_KEY => 0,
                tag::SIGNATURE_CERT => 1,
                tag::SIGNATURE_CA => 2,
                tag::AUTHENTICATION_KEY => 3,
                tag::AUTHENTICATION_CERT => 4,
                tag::AUTHENTICATION_CA => 5,
                t if (tag::PIN..tag::PIN + 4).contains(&t) => {
                    let kind = PinKind::ALL[usize::from(t - tag::PIN)];
                    let [s @ .., tries, max] = value else {
                        return Err(CardFileError::Malformed("a PIN record is cut short"));
                    };
                    if s.len() != 48 || tries > max {
                        return Err(CardFileError::Malformed("a PIN record is malformed"));
                    }
                    let mut salt = [0u8; 16];
                    salt.copy_from_slice(&s[..16]);
                    let mut verifier = [0u8; 32];
                    verifier.copy_from_slice(&s[16..]);
                    if pins.iter().any(|(k, _)| *k == kind) {
                        return Err(CardFileError::Malformed("a PIN is recorded twice"));
                    }
                    pins.push((
                        kind,
                        PinState {
                            salt,
                            verifier,
                            tries_left: *tries,
                            max_tries: *max,
                        },
                    ));
                    continue;
                }
                t if (tag::INFO..tag::INFO + tag::INFO_FIELDS).contains(&t) => {
                    if info[usize::from(t - tag::INFO)]
                        .replace(value.to_vec())
                        .is_some()
                    {
                        return Err(CardFileError::Malformed("a record appears twice"));
                    }
                    continue;
                }
                _ => return Err(CardFileError::Malformed("an unknown record")),
            };
            if parts[slot].replace(value.to_vec()).is_some() {
                return Err(CardFileError::Malformed("a record appears twice"));
            }
        }
        let slot = |parts: &mut [Option<Vec<u8>>; 6], first: usize| match (
            parts[first].take(),
            parts[first + 1].take(),
            parts[first + 2].take(),
        ) {
            (Some(private_key), Some(certificate), Some(ca_certificate)) => Ok(Some(KeySlot {
                private_key,
                certificate,
                ca_certificate,
            })),
            (None, None, None) => Ok(None),
            _ => Err(CardFileError::Malformed(
                "a key pair lacks its key, certificate or CA certificate",
            )),
        };
        let info = match info {
            [None, None, None, None, None, None, None, None, None, None] => None,
            [
                Some(number_file),
                Some(attributes_file),
                Some(integrity_file),
                Some(age_file),
                Some(face_file),
                Some(face_info_file),
                Some(a),
                Some(b),
                Some(birth),
                Some(tries),
            ] => {
                let text = |v: Vec<u8>| {
                    String::from_utf8(v)
                        .map_err(|_| CardFileError::Malformed("a collation secret is not text"))
                };
                let tries: [u8; 3] = tries
                    .try_into()
                    .map_err(|_| CardFileError::Malformed("the collation tries are malformed"))?;
                Some(CardInfo {
                    number_file,
                    attributes_file,
                    integrity_file,
                    age_file,
                    face_file,
                    face_info_file,
                    collation_a: text(a)?,
                    collation_b: text(b)?,
                    birth_key: text(birth)?,
                    tries,
                })
            }
            _ => return Err(CardFileError::Malformed("the card info is incomplete")),
        };
        Ok(Self {
            serial: serial.ok_or(CardFileError::Malformed("the serial is missing"))?,
            signature: slot(&mut parts, 0)?,
            authentication: slot(&mut parts, 3)?,
            pins,
            info,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CardData {
        let slot = |n: u8| KeySlot {
            private_key: vec![n; 5],
            certificate: vec![n + 1; 300],
            ca_certificate: vec![n + 2; 7],
        };
        CardData {
            serial: "123456789012345".into(),
            signature: Some(slot(1)),
            authentication: Some(slot(10)),
            pins: vec![
                (PinKind::Signature, PinState::new("ABC123", [1; 16], 5)),
                (PinKind::Authentication, PinState::new("1234", [2; 16], 3)),
            ],
            info: Some(crate::info::CardInfo::build(
                &crate::info::Holder {
                    number: "123456789018".into(),
                    name: "山田\u{3000}太郎".into(),
                    address: "東京都新宿区".into(),
                    birth: "19800217".into(),
                    birth_era: "550217".into(),
                    sex: '1',
                    expiry: "20350217".into(),
                    security_code: "2285".into(),
                    municipality: "13104".into(),
                    photo: Some(vec![0xFF, 0xD8, 0xFF, 0xD9]),
                },
                &|_| vec![1; 64],
            )),
        }
    }

    #[test]
    fn round_trips_and_refuses_damage() {
        let card = sample();
        let bytes = card.to_unsealed();
        assert_eq!(CardData::from_unsealed(&bytes), Ok(card.clone()));
        let child = CardData {
            signature: None,
            info: None,
            ..card.clone()
        };
        assert_eq!(CardData::from_unsealed(&child.to_unsealed()), Ok(child));
        // Any byte changed, or the file cut short, is damage.
        for i in [7, 20, bytes.len() / 2, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 1;
            assert_eq!(
                CardData::from_unsealed(&bad),
                Err(CardFileError::Damaged),
                "{i}"
            );
        }
        assert_eq!(
            CardData::from_unsealed(&bytes[..bytes.len() - 1]),
            Err(CardFileError::Damaged)
        );
        assert_eq!(
            CardData::from_unsealed(b"%PDF-1.7"),
            Err(CardFileError::NotACardFile)
        );
        let mut v2 = bytes.clone();
        v2[6] = 2;
        assert_eq!(CardData::from_unsealed(&v2), Err(CardFileError::Version(2)));
    }

    #[test]
    fn pins_count_wrong_entries_and_a_right_one_restores_them() {
        let mut pin = PinState::new("1234", [9; 16], 3);
        assert!(!pin.attempt(b"0000"));
        assert!(!pin.attempt(b"1111"));
        assert_eq!(pin.tries_left(), 1);
        assert!(pin.attempt(b"1234"));
        assert_eq!(pin.tries_left(), 3);
        for _ in 0..3 {
            assert!(!pin.attempt(b"9999"));
        }
        assert!(pin.blocked());
        // Once blocked, even the right PIN fails.
        assert!(!pin.attempt(b"1234"));
        assert_eq!(pin.tries_left(), 0);
        // The hash is salted: the same PIN under another salt differs.
        assert_ne!(
            PinState::new("1234", [1; 16], 3),
            PinState::new("1234", [2; 16], 3)
        );
        assert!(!format!("{:?}", PinState::new("1234", [1; 16], 3)).contains("1234"));
    }
}
