//! The My Number Card in the kiosk's reader, through PC/SC: the user-authentication
//! certificate read from the JPKI application, and a signature made by the card after its
//! 4-digit PIN (the commands of interop.md §1.3, as a real card and our virtual one answer
//! them). Three wrong PINs lock it on the card itself: the kiosk only reports the tries left.

use sha2::{Digest, Sha256};

/// The JPKI application's AID.
const JPKI_AID: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
/// The user-authentication certificate's EF, its PIN's and its key's.
const AUTH_CERTIFICATE: [u8; 2] = [0x00, 0x0A];
const AUTH_PIN: [u8; 2] = [0x00, 0x18];
const AUTH_KEY: [u8; 2] = [0x00, 0x17];
/// DER of the DigestInfo prefix for SHA-256 (RFC 8017 §9.2): the card pads and signs it.
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
/// The largest certificate read: 8 KiB (a JPKI certificate is about 1.5 KiB).
const MAX_CERTIFICATE: usize = 8 * 1024;

/// Why the card did not do what was asked.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum CardError {
    /// No reader has a card.
    #[error("no card is in a reader")]
    NoCard,
    /// The PC/SC stack failed.
    #[error("the card reader: {0}")]
    Reader(String),
    /// The PIN was wrong: tries left before the card locks it.
    #[error("wrong PIN: {0} tries left")]
    WrongPin(u8),
    /// The PIN is locked on the card.
    #[error("the PIN is locked")]
    Blocked,
    /// The card answered an unexpected status word.
    #[error("the card answered {0:04X} to {1}")]
    Status(u16, &'static str),
}

/// A way to the card: one command APDU in, its response (data and status word) out.
pub(crate) trait Transport {
    /// Sends one command.
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError>;
}

/// Sends `apdu`; the data when the card answered 9000.
fn send(t: &mut dyn Transport, apdu: &[u8], what: &'static str) -> Result<Vec<u8>, CardError> {
    let mut r = t.transmit(apdu)?;
    let (data_len, sw) = status(&r).ok_or(CardError::Status(0, what))?;
    if sw != 0x9000 {
        return Err(CardError::Status(sw, what));
    }
    r.truncate(data_len);
    Ok(r)
}

/// The data's length and the status word of a response.
fn status(r: &[u8]) -> Option<(usize, u16)> {
    let n = r.len().checked_sub(2)?;
    Some((n, u16::from_be_bytes([r[n], r[n + 1]])))
}

fn select_application(t: &mut dyn Transport) -> Result<(), CardError> {
    let mut apdu = vec![0x00, 0xA4, 0x04, 0x0C, 0x0A];
    apdu.extend_from_slice(&JPKI_AID);
    send(t, &apdu, "selecting the JPKI application").map(|_| ())
}

fn select_file(t: &mut dyn Transport, fid: [u8; 2], what: &'static str) -> Result<(), CardError> {
    send(t, &[0x00, 0xA4, 0x02, 0x0C, 0x02, fid[0], fid[1]], what).map(|_| ())
}

/// The user-authentication certificate (DER), read without a PIN.
pub(crate) fn authentication_certificate(t: &mut dyn Transport) -> Result<Vec<u8>, CardError> {
    select_application(t)?;
    select_file(t, AUTH_CERTIFICATE, "selecting the certificate")?;
    let head = send(
        t,
        &[0x00, 0xB0, 0x00, 0x00, 0x04],
        "reading the certificate",
    )?;
    // A DER SEQUENCE with a two-byte length: the file is exactly the certificate.
    let length = match head.as_slice() {
        [0x30, 0x82, hi, lo] => 4 + usize::from(u16::from_be_bytes([*hi, *lo])),
        _ => return Err(CardError::Status(0x6A80, "the certificate's length")),
    };
    if length > MAX_CERTIFICATE {
        return Err(CardError::Status(0x6A80, "the certificate's length"));
    }
    let mut out = Vec::with_capacity(length);
    while out.len() < length {
        let offset = u16::try_from(out.len()).map_err(|_| CardError::Status(0, "the offset"))?;
        let want = (length - out.len()).min(256);
        let le = u8::try_from(want % 256).unwrap_or(0);
        let [hi, lo] = offset.to_be_bytes();
        let chunk = send(t, &[0x00, 0xB0, hi, lo, le], "reading the certificate")?;
        if chunk.is_empty() {
            return Err(CardError::Status(0x6282, "reading the certificate"));
        }
        out.extend_from_slice(&chunk);
    }
    out.truncate(length);
    Ok(out)
}

/// The tries left on the user-authentication PIN (the status query `00 20 00 80`).
pub(crate) fn pin_tries(t: &mut dyn Transport) -> Result<u8, CardError> {
    select_application(t)?;
    select_file(t, AUTH_PIN, "selecting the PIN")?;
    let r = t.transmit(&[0x00, 0x20, 0x00, 0x80])?;
    match status(&r).map(|(_, sw)| sw) {
        Some(sw) if sw & 0xFFF0 == 0x63C0 => Ok(u8::try_from(sw & 0x0F).unwrap_or(0)),
        Some(0x6983 | 0x6984) => Ok(0),
        Some(sw) => Err(CardError::Status(sw, "asking the PIN's tries")),
        None => Err(CardError::Status(0, "asking the PIN's tries")),
    }
}

/// The card's signature over `message` (RSA PKCS#1 v1.5 over its SHA-256, the card padding
/// the DigestInfo), after `pin` (four digits) is verified.
pub(crate) fn sign(t: &mut dyn Transport, pin: &str, message: &[u8]) -> Result<Vec<u8>, CardError> {
    select_application(t)?;
    select_file(t, AUTH_PIN, "selecting the PIN")?;
    let mut verify = vec![0x00, 0x20, 0x00, 0x80, 0x04];
    verify.extend_from_slice(pin.as_bytes());
    let r = t.transmit(&verify)?;
    match status(&r).map(|(_, sw)| sw) {
        Some(0x9000) => {}
        Some(0x63C0 | 0x6983 | 0x6984) => return Err(CardError::Blocked),
        Some(sw) if sw & 0xFFF0 == 0x63C0 => {
            return Err(CardError::WrongPin(u8::try_from(sw & 0x0F).unwrap_or(0)));
        }
        Some(sw) => return Err(CardError::Status(sw, "verifying the PIN")),
        None => return Err(CardError::Status(0, "verifying the PIN")),
    }
    select_file(t, AUTH_KEY, "selecting the key")?;
    let mut info = SHA256_DIGEST_INFO.to_vec();
    info.extend_from_slice(&Sha256::digest(message));
    let mut apdu = vec![0x80, 0x2A, 0x00, 0x80, 0x33];
    apdu.extend_from_slice(&info);
    apdu.push(0x00);
    send(t, &apdu, "signing")
}

/// The reader through pcsc-lite: the first reader that has a card.
pub(crate) struct Pcsc {
    card: pcsc::Card,
}

impl std::fmt::Debug for Pcsc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pcsc")
    }
}

impl Pcsc {
    /// Connects to the card in the named reader, or in the first reader that has one.
    pub(crate) fn connect(reader: Option<&str>) -> Result<Self, CardError> {
        let fail = |e: pcsc::Error| CardError::Reader(e.to_string());
        let context = pcsc::Context::establish(pcsc::Scope::User).map_err(fail)?;
        let readers = context.list_readers_owned().map_err(|e| match e {
            pcsc::Error::NoReadersAvailable => CardError::NoCard,
            e => fail(e),
        })?;
        for name in readers {
            if reader.is_some_and(|want| !name.to_string_lossy().contains(want)) {
                continue;
            }
            // Exclusive: no other program on the machine sends its own commands between the
            // PIN's verification and the signature.
            match context.connect(&name, pcsc::ShareMode::Exclusive, pcsc::Protocols::ANY) {
                Ok(card) => return Ok(Self { card }),
                Err(pcsc::Error::NoSmartcard | pcsc::Error::RemovedCard) => {}
                Err(e) => tracing::debug!(reader = ?name, error = %e, "no card here"),
            }
        }
        Err(CardError::NoCard)
    }
}

impl Transport for Pcsc {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError> {
        let mut buf = [0u8; pcsc::MAX_BUFFER_SIZE_EXTENDED];
        self.card
            .transmit(apdu, &mut buf)
            .map(<[u8]>::to_vec)
            .map_err(|e| match e {
                pcsc::Error::RemovedCard | pcsc::Error::NoSmartcard => CardError::NoCard,
                e => CardError::Reader(e.to_string()),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card that answers from a script: each command it expects, and its answer.
    struct Scripted(Vec<(Vec<u8>, Vec<u8>)>);

    impl Transport for Scripted {
        fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError> {
            assert!(!self.0.is_empty(), "unexpected {apdu:02X?}");
            let (want, answer) = self.0.remove(0);
            assert_eq!(apdu, want.as_slice(), "the command");
            Ok(answer)
        }
    }

    fn select_ap() -> (Vec<u8>, Vec<u8>) {
        let mut apdu = vec![0x00, 0xA4, 0x04, 0x0C, 0x0A];
        apdu.extend_from_slice(&JPKI_AID);
        (apdu, vec![0x90, 0x00])
    }

    fn select(fid: [u8; 2]) -> (Vec<u8>, Vec<u8>) {
        (
            vec![0x00, 0xA4, 0x02, 0x0C, 0x02, fid[0], fid[1]],
            vec![0x90, 0x00],
        )
    }

    #[test]
    fn the_certificate_is_read_in_chunks_to_its_der_length() {
        // 0x30 0x82 0x01 0x2C: 300 bytes after the 4-byte head, 304 in all.
        let cert: Vec<u8> = [0x30, 0x82, 0x01, 0x2C]
            .into_iter()
            .chain((0..300).map(|i| (i % 251) as u8))
            .collect();
        let ok = |d: &[u8]| [d, &[0x90, 0x00]].concat();
        let mut card = Scripted(vec![
            select_ap(),
            select(AUTH_CERTIFICATE),
            (vec![0x00, 0xB0, 0x00, 0x00, 0x04], ok(&cert[..4])),
            (vec![0x00, 0xB0, 0x00, 0x00, 0x00], ok(&cert[..256])),
            (vec![0x00, 0xB0, 0x01, 0x00, 0x30], ok(&cert[256..])),
        ]);
        assert_eq!(authentication_certificate(&mut card), Ok(cert));
        assert!(card.0.is_empty());
    }

    #[test]
    fn a_wrong_pin_reports_the_tries_left_and_a_locked_one_says_so() {
        let verify = vec![0x00, 0x20, 0x00, 0x80, 0x04, b'9', b'9', b'9', b'9'];
        for (sw, want) in [
            ([0x63, 0xC2], CardError::WrongPin(2)),
            ([0x63, 0xC1], CardError::WrongPin(1)),
            ([0x63, 0xC0], CardError::Blocked),
            ([0x69, 0x84], CardError::Blocked),
        ] {
            let mut card = Scripted(vec![
                select_ap(),
                select(AUTH_PIN),
                (verify.clone(), sw.to_vec()),
            ]);
            assert_eq!(sign(&mut card, "9999", b"m"), Err(want));
        }
    }

    #[test]
    fn the_card_signs_the_sha256_digest_info_of_the_message_after_its_pin() {
        let message = b"mynumber-kiosk-v1\ns\nc\n";
        let mut sign_apdu = vec![0x80, 0x2A, 0x00, 0x80, 0x33];
        sign_apdu.extend_from_slice(&SHA256_DIGEST_INFO);
        sign_apdu.extend_from_slice(&Sha256::digest(message));
        sign_apdu.push(0x00);
        let signature = vec![0x5A; 256];
        let mut card = Scripted(vec![
            select_ap(),
            select(AUTH_PIN),
            (
                vec![0x00, 0x20, 0x00, 0x80, 0x04, b'1', b'2', b'3', b'4'],
                vec![0x90, 0x00],
            ),
            select(AUTH_KEY),
            (sign_apdu, [signature.as_slice(), &[0x90, 0x00]].concat()),
        ]);
        assert_eq!(sign(&mut card, "1234", message), Ok(signature));
        let mut tries = Scripted(vec![
            select_ap(),
            select(AUTH_PIN),
            (vec![0x00, 0x20, 0x00, 0x80], vec![0x63, 0xC3]),
        ]);
        assert_eq!(pin_tries(&mut tries), Ok(3));
    }
}
