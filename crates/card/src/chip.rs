//! The chip: a function from (card state, command APDU) to (card state, response APDU). It
//! answers the commands real clients send to a My Number Card (facts §4; interop.md §1.3,
//! §1.8), keeps its security state (the application and file selected, the PINs verified) only
//! until power-off or reset, and its retry counters for good.

use aws_lc_rs::signature::RsaKeyPair;
use mynumber_core::pin::PinKind;

use crate::apdu::{Command, Sw, parse, response};
use crate::file::{CardData, KeySlot};

/// The contact ATR of the My Number Card, which OpenSC's JPKI driver matches (facts §4.1).
pub const ATR: [u8; 9] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];

/// 公的個人認証AP (JPKI-AP), facts §4.2.
pub const JPKI_AID: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];

/// The token label of a My Number Card in JPKI-AP EF 0006 (facts §4.3).
const TOKEN_LABEL: &str = "JPKIAPICCTOKEN2";

/// A power event from the reader.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Power {
    /// Power removed.
    Off,
    /// Power applied.
    On,
    /// Warm reset.
    Reset,
}

/// An application on the chip.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ap {
    Jpki,
}

/// What lasts until power-off or reset.
#[derive(Clone, Debug, Default)]
struct Session {
    ap: Option<Ap>,
    ef: Option<u16>,
    verified: Vec<PinKind>,
}

/// Which of the two key pairs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pair {
    Authentication,
    Signature,
}

impl Pair {
    fn pin(self) -> PinKind {
        match self {
            Self::Authentication => PinKind::Authentication,
            Self::Signature => PinKind::Signature,
        }
    }
}

/// A file of JPKI-AP (facts §4.3).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum JpkiFile {
    CaCertificate(Pair),
    Certificate(Pair),
    Key(Pair),
    Pin(Pair),
    Token,
}

fn jpki_file(fid: u16) -> Option<JpkiFile> {
    use JpkiFile as F;
    Some(match fid {
        0x0001 => F::Certificate(Pair::Signature),
        0x0002 => F::CaCertificate(Pair::Signature),
        0x0006 => F::Token,
        0x000A => F::Certificate(Pair::Authentication),
        0x000B => F::CaCertificate(Pair::Authentication),
        0x0017 => F::Key(Pair::Authentication),
        0x0018 => F::Pin(Pair::Authentication),
        0x001A => F::Key(Pair::Signature),
        0x001B => F::Pin(Pair::Signature),
        _ => return None,
    })
}

/// DigestInfo prefixes (RFC 8017 §9.2 note 1) of the hashes the card signs, with aws-lc's
/// encoding for each. SHA-1 is not among them: aws-lc has no PKCS#1 SHA-1 signing encoding, and
/// SHA-1 signatures are not accepted by this system's verifier either.
const DIGEST_INFOS: [(
    &[u8],
    &aws_lc_rs::digest::Algorithm,
    &aws_lc_rs::signature::RsaSignatureEncoding,
); 3] = [
    (
        &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        &aws_lc_rs::digest::SHA256,
        &aws_lc_rs::signature::RSA_PKCS1_SHA256,
    ),
    (
        &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        &aws_lc_rs::digest::SHA384,
        &aws_lc_rs::signature::RSA_PKCS1_SHA384,
    ),
    (
        &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
        &aws_lc_rs::digest::SHA512,
        &aws_lc_rs::signature::RSA_PKCS1_SHA512,
    ),
];

/// A virtual My Number Card.
pub struct Chip {
    data: CardData,
    session: Session,
    /// The parsed private keys, on first use.
    keys: [Option<RsaKeyPair>; 2],
    changed: bool,
}

impl std::fmt::Debug for Chip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chip")
            .field("serial", &self.data.serial)
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl Chip {
    /// A chip holding `data`, powered off.
    pub fn new(data: CardData) -> Self {
        Self {
            data,
            session: Session::default(),
            keys: [None, None],
            changed: false,
        }
    }

    /// What the card keeps (to write back to its file).
    pub fn data(&self) -> &CardData {
        &self.data
    }

    /// Whether what the card keeps changed (a retry counter or a PIN) since the last call: the
    /// shell then writes the card file.
    pub fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }

    /// A power event: every one ends the session, so no PIN stays verified (interop.md §1.3).
    pub fn power(&mut self, _event: Power) {
        self.session = Session::default();
    }

    /// Answers one command APDU with its response APDU.
    pub fn transmit(&mut self, apdu: &[u8]) -> Vec<u8> {
        let Some(cmd) = parse(apdu) else {
            return response(&[], Sw::WRONG_LENGTH);
        };
        match (cmd.cla, cmd.ins) {
            (0x00, 0xA4) => self.select(&cmd),
            (0x00, 0xB0) => self.read_binary(&cmd),
            (0x00, 0x20) => self.verify(&cmd),
            (0x00, 0x24) => self.change_reference_data(&cmd),
            (0x80, 0x2A) => self.compute_signature(&cmd),
            (0x00 | 0x80, _) => response(&[], Sw::UNKNOWN_INS),
            _ => response(&[], Sw::UNKNOWN_CLA),
        }
    }

    fn slot(&self, pair: Pair) -> Option<&KeySlot> {
        match pair {
            Pair::Authentication => self.data.authentication.as_ref(),
            Pair::Signature => self.data.signature.as_ref(),
        }
    }

    /// Whether a JPKI-AP file exists on this card: a key pair's files exist when the card
    /// carries that pair, and its PIN file once the PIN is set.
    fn exists(&self, file: JpkiFile) -> bool {
        match file {
            JpkiFile::Token => true,
            JpkiFile::Pin(pair) => self.slot(pair).is_some() && self.data.pin(pair.pin()).is_some(),
            JpkiFile::CaCertificate(pair) | JpkiFile::Certificate(pair) | JpkiFile::Key(pair) => {
                self.slot(pair).is_some()
            }
        }
    }

    /// SELECT (`00 A4`): an application by AID (P1 `04`), or a file of the selected one by its
    /// 2-byte ID (P1 `02`). An unknown AID is `6A 82`, so that OpenSC's probes for other
    /// applications fail and its JPKI driver binds (interop.md §1.2).
    fn select(&mut self, cmd: &Command<'_>) -> Vec<u8> {
        if !matches!(cmd.p2, 0x0C | 0x00) {
            return response(&[], Sw::WRONG_P1P2);
        }
        match cmd.p1 {
            0x04 => {
                if cmd.data == JPKI_AID {
                    self.session.ap = Some(Ap::Jpki);
                    self.session.ef = None;
                    response(&[], Sw::OK)
                } else {
                    response(&[], Sw::NOT_FOUND)
                }
            }
            0x02 => {
                let [hi, lo] = cmd.data else {
                    return response(&[], Sw::WRONG_LENGTH);
                };
                let fid = u16::from_be_bytes([*hi, *lo]);
                match self.session.ap {
                    Some(Ap::Jpki) if jpki_file(fid).is_some_and(|f| self.exists(f)) => {
                        self.session.ef = Some(fid);
                        response(&[], Sw::OK)
                    }
                    _ => response(&[], Sw::NOT_FOUND),
                }
            }
            _ => response(&[], Sw::WRONG_P1P2),
        }
    }

    /// The selected JPKI-AP file.
    fn current(&self) -> Option<JpkiFile> {
        match self.session.ap {
            Some(Ap::Jpki) => self.session.ef.and_then(jpki_file),
            None => None,
        }
    }

    /// The bytes of a readable file, or the status that refuses the read.
    fn contents(&self, file: JpkiFile) -> Result<Vec<u8>, Sw> {
        let slot = |pair| self.slot(pair).ok_or(Sw::NOT_FOUND);
        match file {
            JpkiFile::Certificate(Pair::Signature)
                if !self.session.verified.contains(&PinKind::Signature) =>
            {
                // The signature certificate carries the holder's four items: readable only
                // after the signature password (facts §3.1).
                Err(Sw::SECURITY_NOT_SATISFIED)
            }
            JpkiFile::Certificate(pair) => Ok(slot(pair)?.certificate.clone()),
            JpkiFile::CaCertificate(pair) => Ok(slot(pair)?.ca_certificate.clone()),
            JpkiFile::Token => Ok(self.token_info()),
            JpkiFile::Key(_) | JpkiFile::Pin(_) => Err(Sw::INCOMPATIBLE_FILE),
        }
    }

    /// EF 0006: a 160-byte PKCS#11 CK_TOKEN_INFO whose label is the card's token name, then the
    /// manufacturer, model and serial number, space padded, and the rest zero (facts §4.3).
    fn token_info(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(160);
        for (text, width) in [
            (TOKEN_LABEL, 32),
            ("mynumber", 32),
            ("virtual card", 16),
            (self.data.serial.as_str(), 16),
        ] {
            let mut field: Vec<u8> = text.bytes().take(width).collect();
            field.resize(width, b' ');
            out.extend_from_slice(&field);
        }
        out.resize(160, 0);
        out
    }

    /// READ BINARY (`00 B0`): from the offset in P1-P2 (P1 bit 8 clear) of the selected file,
    /// or of the file whose short ID is in P1 (bit 8 set, offset in P2). At most Ne bytes; a
    /// read that reaches the end returns what there is.
    fn read_binary(&mut self, cmd: &Command<'_>) -> Vec<u8> {
        let (file, offset) = if cmd.p1 & 0x80 != 0 {
            let fid = u16::from(cmd.p1 & 0x1F);
            match (self.session.ap, jpki_file(fid)) {
                (Some(Ap::Jpki), Some(f)) if self.exists(f) => {
                    self.session.ef = Some(fid);
                    (f, usize::from(cmd.p2))
                }
                _ => return response(&[], Sw::NOT_FOUND),
            }
        } else {
            match self.current() {
                Some(f) => (f, usize::from(cmd.p1) << 8 | usize::from(cmd.p2)),
                None => return response(&[], Sw::NOT_ALLOWED),
            }
        };
        let bytes = match self.contents(file) {
            Ok(b) => b,
            Err(sw) => return response(&[], sw),
        };
        if offset > bytes.len() {
            return response(&[], Sw::WRONG_OFFSET);
        }
        let end = bytes.len().min(offset + cmd.ne.unwrap_or(256));
        response(&bytes[offset..end], Sw::OK)
    }

    /// The PIN of the selected PIN file (VERIFY and CHANGE REFERENCE DATA work on the key
    /// reference selected, P2 `80`).
    fn selected_pin(&self, cmd: &Command<'_>) -> Result<PinKind, Sw> {
        if cmd.p2 != 0x80 {
            return Err(Sw::WRONG_P1P2);
        }
        match self.current() {
            Some(JpkiFile::Pin(pair)) => Ok(pair.pin()),
            _ => Err(Sw::NOT_ALLOWED),
        }
    }

    /// VERIFY (`00 20 00 80`). Without data it tells the tries left as `63 Cx` and counts
    /// nothing, also when the PIN is verified already (clients treat any other answer as an
    /// error, interop.md §1.3). With data it checks the PIN: `90 00`, or `63 Cx` with one try
    /// fewer, or `69 84` once blocked.
    fn verify(&mut self, cmd: &Command<'_>) -> Vec<u8> {
        if cmd.p1 != 0x00 {
            return response(&[], Sw::WRONG_P1P2);
        }
        let kind = match self.selected_pin(cmd) {
            Ok(k) => k,
            Err(sw) => return response(&[], sw),
        };
        let Some(pin) = self.data.pin_mut(kind) else {
            return response(&[], Sw::NOT_FOUND);
        };
        if cmd.data.is_empty() {
            return response(&[], Sw::tries_left(pin.tries_left()));
        }
        if pin.blocked() {
            return response(&[], Sw::BLOCKED);
        }
        let before = pin.tries_left();
        let right = pin.attempt(cmd.data);
        let after = pin.tries_left();
        self.changed |= before != after;
        self.session.verified.retain(|k| *k != kind);
        if right {
            self.session.verified.push(kind);
            response(&[], Sw::OK)
        } else {
            response(&[], Sw::tries_left(after))
        }
    }

    /// CHANGE REFERENCE DATA (`00 24 01 80`): a new value for the selected PIN, once the current
    /// one is verified in this session. A new PIN of the wrong form is `6A 80`.
    fn change_reference_data(&mut self, cmd: &Command<'_>) -> Vec<u8> {
        if cmd.p1 != 0x01 {
            return response(&[], Sw::WRONG_P1P2);
        }
        let kind = match self.selected_pin(cmd) {
            Ok(k) => k,
            Err(sw) => return response(&[], sw),
        };
        if !self.session.verified.contains(&kind) {
            return response(&[], Sw::SECURITY_NOT_SATISFIED);
        }
        let Ok(text) = std::str::from_utf8(cmd.data) else {
            return response(&[], Sw::WRONG_DATA);
        };
        // The card takes the bytes it is sent: only a PIN already in its stored form fits.
        match kind.check(text) {
            Ok(stored) if stored == text => {}
            _ => return response(&[], Sw::WRONG_DATA),
        }
        let Some(pin) = self.data.pin_mut(kind) else {
            return response(&[], Sw::NOT_FOUND);
        };
        *pin = pin.changed(cmd.data);
        self.changed = true;
        response(&[], Sw::OK)
    }

    /// COMPUTE DIGITAL SIGNATURE (`80 2A 00 80`) with the selected key, once its PIN is
    /// verified: PKCS#1 v1.5 over the DigestInfo sent (facts §4.1, scheme P1 `00`). A SHA-256,
    /// SHA-384 or SHA-512 DigestInfo is signed; anything else is `6A 80`.
    fn compute_signature(&mut self, cmd: &Command<'_>) -> Vec<u8> {
        if cmd.p1 != 0x00 || cmd.p2 != 0x80 {
            return response(&[], Sw::WRONG_P1P2);
        }
        let Some(JpkiFile::Key(pair)) = self.current() else {
            return response(&[], Sw::NOT_ALLOWED);
        };
        if !self.session.verified.contains(&pair.pin()) {
            return response(&[], Sw::SECURITY_NOT_SATISFIED);
        }
        let Some((digest, algorithm, encoding)) = DIGEST_INFOS.iter().find_map(|(prefix, a, e)| {
            cmd.data
                .strip_prefix(*prefix)
                .filter(|d| d.len() == a.output_len())
                .map(|d| (d, *a, *e))
        }) else {
            return response(&[], Sw::WRONG_DATA);
        };
        let index = match pair {
            Pair::Authentication => 0,
            Pair::Signature => 1,
        };
        if self.keys[index].is_none() {
            let Some(slot) = self.slot(pair) else {
                return response(&[], Sw::NOT_FOUND);
            };
            match RsaKeyPair::from_pkcs8(&slot.private_key) {
                Ok(k) => self.keys[index] = Some(k),
                Err(_) => return response(&[], Sw::WRONG_DATA),
            }
        }
        let Some(key) = &self.keys[index] else {
            return response(&[], Sw::NOT_FOUND);
        };
        let Ok(digest) = aws_lc_rs::digest::Digest::import_less_safe(digest, algorithm) else {
            return response(&[], Sw::WRONG_DATA);
        };
        let mut signature = vec![0u8; key.public_modulus_len()];
        match key.sign_digest(encoding, &digest, &mut signature) {
            Ok(()) => response(&signature, Sw::OK),
            Err(_) => response(&[], Sw::WRONG_DATA),
        }
    }
}
