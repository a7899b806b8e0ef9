//! The chip: a function from (card state, command APDU) to (card state, response APDU). It
//! answers the commands real clients send to a My Number Card (facts §4; interop.md §1.3,
//! §1.8) in its three applications (JPKI-AP, 券面事項入力補助AP, 券面事項確認AP), keeps its
//! security state (the application and file selected, the secrets verified) only until
//! power-off or reset, and its retry counters for good.

use aws_lc_rs::signature::RsaKeyPair;
use mynumber_core::pin::PinKind;

use crate::apdu::{Command, Sw, parse, response};
use crate::file::{CardData, KeySlot};

/// The contact ATR of the My Number Card, which OpenSC's JPKI driver matches (facts §4.1).
pub const ATR: [u8; 9] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];

/// 公的個人認証AP (JPKI-AP), facts §4.2.
pub const JPKI_AID: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
/// 券面事項入力補助AP: the number and the four basic items as text, facts §4.2.
pub const TEXT_AID: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
/// 券面事項確認AP: the card face, facts §4.2.
pub const FACE_AID: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
/// 住基AP: the resident-registry application, whose PIN (EF 001C) the counter asks for when it
/// rewrites the card after a move or a name change (facts §2.3, §4.2, §4.6).
pub const JUKI_AID: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01];

/// The longest response APDU the chip sends, status word included.
pub const MAX_RESPONSE: usize = 0xFFFF;

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
    Face,
    Jpki,
    Juki,
    Text,
}

/// A secret the chip checks: a PIN, or one of the collation secrets of the text and face
/// applications.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Secret {
    /// The birth date in the Japanese era, `YYMMDD` (券面事項確認AP EF 0011).
    BirthDate,
    /// 照合番号A: the Individual Number.
    CollationA,
    /// 照合番号B.
    CollationB,
    /// A PIN.
    Pin(PinKind),
}

/// What lasts until power-off or reset.
#[derive(Clone, Debug, Default)]
struct Session {
    ap: Option<Ap>,
    ef: Option<u16>,
    verified: Vec<Secret>,
    /// The issuer (the municipality's counter terminal) authenticated to the card.
    issuer: bool,
    /// The key pairs generated in this session, waiting for their certificates.
    generated: Vec<Pair>,
}

/// Which of the card's two key pairs (JPKI-AP, facts §4.3).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pair {
    /// 利用者証明用: key EF 0017, PIN EF 0018.
    Authentication,
    /// 署名用: key EF 001A, password EF 001B.
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

/// The readable contents of a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Blob {
    Age,
    Attributes,
    CaCertificate(Pair),
    Certificate(Pair),
    Face,
    FaceInfo,
    Integrity,
    Number,
    Token,
}

/// An elementary file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ef {
    /// Data, readable once one of `opened_by` is verified (none: free).
    Data(Blob, &'static [Secret]),
    /// A private key, used by COMPUTE DIGITAL SIGNATURE.
    Key(Pair),
    /// A key reference, for VERIFY.
    Reference(Secret),
}

const SIGNATURE_PASSWORD: &[Secret] = &[Secret::Pin(PinKind::Signature)];
const TEXT_PIN: Secret = Secret::Pin(PinKind::TextInput);

/// The file table (facts §4.3–4.5).
fn ef(ap: Ap, fid: u16) -> Option<Ef> {
    use Blob as B;
    use Secret as S;
    Some(match (ap, fid) {
        (Ap::Jpki, 0x0001) => Ef::Data(B::Certificate(Pair::Signature), SIGNATURE_PASSWORD),
        (Ap::Jpki, 0x0002) => Ef::Data(B::CaCertificate(Pair::Signature), &[]),
        (Ap::Jpki, 0x0006) => Ef::Data(B::Token, &[]),
        (Ap::Jpki, 0x000A) => Ef::Data(B::Certificate(Pair::Authentication), &[]),
        (Ap::Jpki, 0x000B) => Ef::Data(B::CaCertificate(Pair::Authentication), &[]),
        (Ap::Jpki, 0x0017) => Ef::Key(Pair::Authentication),
        (Ap::Jpki, 0x0018) => Ef::Reference(S::Pin(PinKind::Authentication)),
        (Ap::Jpki, 0x001A) => Ef::Key(Pair::Signature),
        (Ap::Jpki, 0x001B) => Ef::Reference(S::Pin(PinKind::Signature)),
        // The number with the PIN or 照合番号A, the attributes with the PIN or 照合番号B, never
        // the other way round (facts §4.4).
        (Ap::Text, 0x0001) => Ef::Data(B::Number, &[TEXT_PIN, S::CollationA]),
        (Ap::Text, 0x0002) => Ef::Data(B::Attributes, &[TEXT_PIN, S::CollationB]),
        (Ap::Text, 0x0003) => Ef::Data(B::Integrity, &[TEXT_PIN, S::CollationA, S::CollationB]),
        (Ap::Text, 0x0011) => Ef::Reference(TEXT_PIN),
        (Ap::Text, 0x0014) => Ef::Reference(S::CollationA),
        (Ap::Text, 0x0015) => Ef::Reference(S::CollationB),
        // The birth-date key opens only the age record (facts §4.5).
        (Ap::Face, 0x0001) => Ef::Data(B::Age, &[S::BirthDate, S::CollationA, S::CollationB]),
        (Ap::Face, 0x0002) => Ef::Data(B::Face, &[S::CollationA, S::CollationB]),
        (Ap::Face, 0x0003) => Ef::Data(B::FaceInfo, &[]),
        (Ap::Face, 0x0011) => Ef::Reference(S::BirthDate),
        (Ap::Face, 0x0012) => Ef::Reference(S::CollationB),
        (Ap::Face, 0x0013) => Ef::Reference(S::CollationA),
        // The 住基 PIN only: what else the application holds is not public (facts §4.6).
        (Ap::Juki, 0x001C) => Ef::Reference(S::Pin(PinKind::ResidentRegistry)),
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

/// Keeps what the card keeps (its file), before the chip answers; false if it could not.
pub type Keeper = Box<dyn FnMut(&CardData) -> bool + Send>;

/// Where a chip's new key pairs come from: an RSA-2048 key pair (PKCS#8), made with the
/// machine's randomness, or `None` if none could be made. The chip stays a function of its
/// inputs: a real chip draws from its own generator.
pub type KeySource = Box<dyn FnMut() -> Option<Vec<u8>> + Send>;

/// Uses one try of `secret` in `data`, without comparing anything.
fn charge(data: &mut CardData, secret: Secret) {
    match secret {
        Secret::Pin(kind) => {
            if let Some(p) = data.pin_mut(kind) {
                p.charge();
            }
        }
        Secret::CollationA | Secret::CollationB | Secret::BirthDate => {
            let i = match secret {
                Secret::CollationA => 0,
                Secret::CollationB => 1,
                _ => 2,
            };
            if let Some(t) = data.info.as_mut().and_then(|info| info.tries.get_mut(i)) {
                *t = t.saturating_sub(1);
            }
        }
    }
}

/// A virtual My Number Card.
pub struct Chip {
    data: CardData,
    session: Session,
    /// The parsed private keys, on first use.
    keys: [Option<RsaKeyPair>; 2],
    changed: bool,
    /// Where a try is kept before a PIN is compared.
    keeper: Option<Keeper>,
    /// Where an issuer session's new key pairs come from.
    key_source: Option<KeySource>,
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
            keeper: None,
            key_source: None,
        }
    }

    /// Has `keeper` keep every try before a PIN or collation number is compared, as a chip
    /// writes its counter to EEPROM first: a card whose state cannot be kept answers `65 81`
    /// and tells no right entry from a wrong one (issue 9: a read-only card file let 7 wrong
    /// PINs be followed by a right one).
    pub fn keep_with(&mut self, keeper: Keeper) {
        self.keeper = Some(keeper);
    }

    /// Opens an issuer session: the municipality's counter terminal has authenticated to the
    /// card, which may now generate key pairs (GENERATE ASYMMETRIC KEY PAIR) from `keys` and
    /// take their certificates ([`Chip::install_certificate`]). Lasts until power-off or
    /// reset. **Choice** (docs/design/card.md): the real card's issuer authentication (EF
    /// 0016, facts §4.3 [U]) is not public; here only the register's own code, which holds
    /// the card in hand, can open the session, and no command APDU can.
    pub fn open_issuer_session(&mut self, keys: KeySource) {
        self.session.issuer = true;
        self.key_source = Some(keys);
    }

    /// Writes the certificate of a key pair generated in this issuer session, with its
    /// authority's, as the issuer's secure-messaging write does on a real card. Refused
    /// (`69 82`) outside an issuer session or for a pair not generated in it.
    pub fn install_certificate(
        &mut self,
        pair: Pair,
        certificate: Vec<u8>,
        ca_certificate: Vec<u8>,
    ) -> Result<(), Sw> {
        if !self.session.issuer || !self.session.generated.contains(&pair) {
            return Err(Sw::SECURITY_NOT_SATISFIED);
        }
        let slot = match pair {
            Pair::Authentication => self.data.authentication.as_mut(),
            Pair::Signature => self.data.signature.as_mut(),
        };
        let Some(slot) = slot else {
            return Err(Sw::NOT_FOUND);
        };
        slot.certificate = certificate;
        slot.ca_certificate = ca_certificate;
        self.session.generated.retain(|p| *p != pair);
        self.changed = true;
        Ok(())
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
        self.key_source = None;
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
            (0x00, 0x47) => self.generate_key_pair(&cmd),
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

    /// Whether a file exists on this card: a key pair's files when the card carries the pair,
    /// a PIN's once it is set, the text and face applications' files with the card's info.
    fn exists(&self, file: Ef) -> bool {
        let info = self.data.info.is_some();
        match file {
            Ef::Data(Blob::Token, _) => true,
            Ef::Data(Blob::CaCertificate(pair) | Blob::Certificate(pair), _) => {
                self.slot(pair).is_some()
            }
            // In an issuer session a key pair the card lacks can be generated.
            Ef::Key(pair) => self.slot(pair).is_some() || self.session.issuer,
            Ef::Reference(Secret::Pin(kind @ (PinKind::Authentication | PinKind::Signature))) => {
                let pair = if kind == PinKind::Signature {
                    Pair::Signature
                } else {
                    Pair::Authentication
                };
                (self.slot(pair).is_some() || self.session.issuer) && self.data.pin(kind).is_some()
            }
            Ef::Reference(Secret::Pin(kind)) => info && self.data.pin(kind).is_some(),
            Ef::Reference(_) | Ef::Data(_, _) => info,
        }
    }

    fn ap_of(aid: &[u8]) -> Option<Ap> {
        match aid {
            a if a == JPKI_AID => Some(Ap::Jpki),
            a if a == TEXT_AID => Some(Ap::Text),
            a if a == FACE_AID => Some(Ap::Face),
            a if a == JUKI_AID => Some(Ap::Juki),
            _ => None,
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
            0x04 => match Self::ap_of(cmd.data) {
                // The text and face applications exist on a card with its info only.
                Some(ap) if ap == Ap::Jpki || self.data.info.is_some() => {
                    self.session.ap = Some(ap);
                    self.session.ef = None;
                    response(&[], Sw::OK)
                }
                _ => response(&[], Sw::NOT_FOUND),
            },
            0x02 => {
                let [hi, lo] = cmd.data else {
                    return response(&[], Sw::WRONG_LENGTH);
                };
                let fid = u16::from_be_bytes([*hi, *lo]);
                match self.session.ap.and_then(|ap| ef(ap, fid)) {
                    Some(f) if self.exists(f) => {
                        self.session.ef = Some(fid);
                        response(&[], Sw::OK)
                    }
                    _ => response(&[], Sw::NOT_FOUND),
                }
            }
            _ => response(&[], Sw::WRONG_P1P2),
        }
    }

    /// The selected file.
    fn current(&self) -> Option<Ef> {
        let ap = self.session.ap?;
        ef(ap, self.session.ef?)
    }

    /// The bytes of a readable file, or the status that refuses the read: a file opened by
    /// secrets needs one of them verified in this session (the signature certificate, which
    /// carries the holder's four items, only after the signature password, facts §3.1).
    fn contents(&self, file: Ef) -> Result<Vec<u8>, Sw> {
        let Ef::Data(blob, opened_by) = file else {
            return Err(Sw::INCOMPATIBLE_FILE);
        };
        if !opened_by.is_empty() && !opened_by.iter().any(|s| self.session.verified.contains(s)) {
            return Err(Sw::SECURITY_NOT_SATISFIED);
        }
        let info = self.data.info.as_ref().ok_or(Sw::NOT_FOUND);
        let slot = |pair| self.slot(pair).ok_or(Sw::NOT_FOUND);
        Ok(match blob {
            Blob::Certificate(pair) => slot(pair)?.certificate.clone(),
            Blob::CaCertificate(pair) => slot(pair)?.ca_certificate.clone(),
            Blob::Token => self.token_info(),
            Blob::Number => info?.number_file.clone(),
            Blob::Attributes => info?.attributes_file.clone(),
            Blob::Integrity => info?.integrity_file.clone(),
            Blob::Age => info?.age_file.clone(),
            Blob::Face => info?.face_file.clone(),
            Blob::FaceInfo => info?.face_info_file.clone(),
        })
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
            match self.session.ap.and_then(|ap| ef(ap, fid)) {
                Some(f) if self.exists(f) => {
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
        // An extended Le of 0 asks for 65,536 bytes; with the status word that would not fit
        // a 65,535-byte response (vpcd's frame, and most readers' buffers): a longer file is
        // read in more than one command (issue 9: such a read ended `card attach`).
        let ne = cmd.ne.unwrap_or(256).min(MAX_RESPONSE - 2);
        let end = bytes.len().min(offset + ne);
        response(&bytes[offset..end], Sw::OK)
    }

    /// The secret of the selected key reference (VERIFY and CHANGE REFERENCE DATA work on the
    /// key reference selected, P2 `80`).
    fn selected_secret(&self, cmd: &Command<'_>) -> Result<Secret, Sw> {
        if cmd.p2 != 0x80 {
            return Err(Sw::WRONG_P1P2);
        }
        match self.current() {
            Some(Ef::Reference(secret)) => Ok(secret),
            _ => Err(Sw::NOT_ALLOWED),
        }
    }

    /// Tries left for a secret, or `None` if the card lacks it.
    fn tries_left(&self, secret: Secret) -> Option<u8> {
        match secret {
            Secret::Pin(kind) => self.data.pin(kind).map(|p| p.tries_left()),
            Secret::CollationA => self.data.info.as_ref().map(|i| i.tries[0]),
            Secret::CollationB => self.data.info.as_ref().map(|i| i.tries[1]),
            Secret::BirthDate => self.data.info.as_ref().map(|i| i.tries[2]),
        }
    }

    /// Checks an entry against a secret, counting it; `None` if the card lacks the secret.
    fn attempt(&mut self, secret: Secret, entry: &[u8]) -> Option<bool> {
        let collation = |expected: &str, tries: &mut u8| {
            if *tries == 0 {
                return false;
            }
            let right =
                aws_lc_rs::constant_time::verify_slices_are_equal(expected.as_bytes(), entry)
                    .is_ok();
            *tries = if right {
                crate::info::COLLATION_TRIES
            } else {
                *tries - 1
            };
            right
        };
        match secret {
            Secret::Pin(kind) => self.data.pin_mut(kind).map(|p| p.attempt(entry)),
            Secret::CollationA => {
                let info = self.data.info.as_mut()?;
                let expected = info.collation_a.clone();
                Some(collation(&expected, &mut info.tries[0]))
            }
            Secret::CollationB => {
                let info = self.data.info.as_mut()?;
                let expected = info.collation_b.clone();
                Some(collation(&expected, &mut info.tries[1]))
            }
            Secret::BirthDate => {
                let info = self.data.info.as_mut()?;
                let expected = info.birth_key.clone();
                Some(collation(&expected, &mut info.tries[2]))
            }
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
        let secret = match self.selected_secret(cmd) {
            Ok(s) => s,
            Err(sw) => return response(&[], sw),
        };
        let Some(before) = self.tries_left(secret) else {
            return response(&[], Sw::NOT_FOUND);
        };
        if cmd.data.is_empty() {
            return response(&[], Sw::tries_left(before));
        }
        if before == 0 {
            return response(&[], Sw::BLOCKED);
        }
        // The try is kept, used, before the entry is compared; a right entry restores it after.
        let kept = match self.keeper.as_mut() {
            Some(keeper) => {
                let mut charged = self.data.clone();
                charge(&mut charged, secret);
                if !keeper(&charged) {
                    return response(&[], Sw::MEMORY_FAILURE);
                }
                Some(before.saturating_sub(1))
            }
            None => None,
        };
        let right = self.attempt(secret, cmd.data).unwrap_or(false);
        let after = self.tries_left(secret).unwrap_or(0);
        // Kept with a try used, the card must be written again unless it still is so (a wrong
        // entry): a right one restored the try even when nothing else changed.
        self.changed |= match kept {
            Some(kept) => after != kept,
            None => before != after,
        };
        self.session.verified.retain(|s| *s != secret);
        if right {
            self.session.verified.push(secret);
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
        let kind = match self.selected_secret(cmd) {
            Ok(Secret::Pin(k)) => k,
            // The collation secrets are printed on the card: they are not changed.
            Ok(_) => return response(&[], Sw::NOT_ALLOWED),
            Err(sw) => return response(&[], sw),
        };
        if !self.session.verified.contains(&Secret::Pin(kind)) {
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
        let Some(Ef::Key(pair)) = self.current() else {
            return response(&[], Sw::NOT_ALLOWED);
        };
        if !self.session.verified.contains(&Secret::Pin(pair.pin())) {
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

    /// GENERATE ASYMMETRIC KEY PAIR (`00 47 80 00`, ISO/IEC 7816-8 §5.1) for the selected key
    /// EF, in an issuer session and with the pair's PIN verified (issue 10: the key is made in
    /// the chip, with the holder's PIN, at the counter). The pair replaces the old one, whose
    /// certificate goes with it until [`Chip::install_certificate`] writes the new one. The
    /// answer is the public key template `7F 49 { 81 modulus, 82 exponent }` (ISO/IEC 7816-8
    /// §5.1, table 3), which needs an extended Le; a short one is `67 00`.
    fn generate_key_pair(&mut self, cmd: &Command<'_>) -> Vec<u8> {
        if cmd.p1 != 0x80 || cmd.p2 != 0x00 {
            return response(&[], Sw::WRONG_P1P2);
        }
        if !cmd.data.is_empty() {
            return response(&[], Sw::WRONG_DATA);
        }
        let Some(Ef::Key(pair)) = self.current() else {
            return response(&[], Sw::NOT_ALLOWED);
        };
        if !self.session.issuer || !self.session.verified.contains(&Secret::Pin(pair.pin())) {
            return response(&[], Sw::SECURITY_NOT_SATISFIED);
        }
        // An RSA-2048 template is 270 bytes: a short Le (at most 256) cannot hold it, and is
        // refused before a key is drawn.
        if cmd.ne.unwrap_or(0) <= 256 {
            return response(&[], Sw::WRONG_LENGTH);
        }
        let Some(pkcs8) = self.key_source.as_mut().and_then(|source| source()) else {
            return response(&[], Sw::MEMORY_FAILURE);
        };
        let Ok(key) = RsaKeyPair::from_pkcs8(&pkcs8) else {
            return response(&[], Sw::MEMORY_FAILURE);
        };
        let public = aws_lc_rs::signature::KeyPair::public_key(&key);
        let template = crate::apdu::public_key_template(
            public.modulus().big_endian_without_leading_zero(),
            public.exponent().big_endian_without_leading_zero(),
        );
        if cmd.ne.unwrap_or(0) < template.len() {
            return response(&[], Sw::WRONG_LENGTH);
        }
        let slot = KeySlot {
            private_key: pkcs8,
            certificate: Vec::new(),
            ca_certificate: Vec::new(),
        };
        let index = match pair {
            Pair::Authentication => {
                self.data.authentication = Some(slot);
                0
            }
            Pair::Signature => {
                self.data.signature = Some(slot);
                1
            }
        };
        self.keys[index] = Some(key);
        self.session.generated.retain(|p| *p != pair);
        self.session.generated.push(pair);
        self.changed = true;
        response(&template, Sw::OK)
    }
}
