//! Issued documents: the verification code printed on each one, and the signature that lets
//! anyone holding the file check that the system issued it and that not one byte has changed.
//!
//! The signature is Ed25519 over the SHA-256 of the PDF exactly as rendered, bound to the
//! document's verification code. It travels inside the file as a PDF comment line after the
//! rendered PDF's `%%EOF`, followed by a second `%%EOF`: readers ignore comments, so the file
//! still opens everywhere, and everything before the comment is covered (docs/design/documents.md).

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

/// What the signature covers, so that a signature made for anything else never verifies here.
const DOMAIN: &[u8] = b"mynumber/document/v1\0";
/// Card data signed with the same key is prefixed apart, so that neither signature can stand in
/// for the other.
const CARD_DOMAIN: &[u8] = b"mynumber/card-data/v1\0";
/// A print's back (print_back.rs) is signed apart from documents and card data.
const BACK_DOMAIN: &[u8] = b"mynumber/print-back/v1\0";
/// What the back's encryption key is derived for.
const BACK_KEY_LABEL: &[u8] = b"mynumber/print-back-key/v1";
/// The comment line that carries the signature.
const MARKER: &[u8] = b"%mynumber-signature v1 ";

/// Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed is unambiguous.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// 検証コード (verification code): 80 random bits as 16 Crockford base-32 characters in groups of
/// four, e.g. `K7QM-2XRT-9B4D-HW3P`. Unguessable, so holding the paper is what lets one look it up.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct VerificationCode(String);

impl VerificationCode {
    /// The code for 10 random bytes.
    pub fn from_random(bytes: [u8; 10]) -> Self {
        let mut bits = 0u128;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let mut out = String::with_capacity(19);
        for i in 0..16 {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            let index = ((bits >> (75 - 5 * i)) & 31) as usize;
            out.push(char::from(ALPHABET[index]));
        }
        Self(out)
    }

    /// Parses a typed code: case-insensitive, with or without hyphens and spaces; `O` reads as
    /// `0` and `I`/`L` as `1`, as Crockford's rules say.
    pub fn parse(input: &str) -> Option<Self> {
        let mut chars = Vec::with_capacity(16);
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return None;
            }
            chars.push(c);
        }
        if chars.len() != 16 {
            return None;
        }
        let mut out = String::with_capacity(19);
        for (i, c) in chars.into_iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        Some(Self(out))
    }

    /// The grouped form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VerificationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The key that signs issued documents (kept apart from the ledger key: each key has one use).
pub struct DocumentSigningKey(SigningKey);

/// Its public half, published for anyone who wants to check a document offline.
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentPublicKey(VerifyingKey);

/// Why a file is not a genuine, unaltered document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The file carries no signature: not issued by this system, or saved again by some program.
    #[error(
        "the file carries no document signature (it was not issued by this system, or it was saved again by another program)"
    )]
    Unsigned,
    /// The signature line is damaged.
    #[error("the document signature is damaged")]
    Malformed,
    /// Signed by a key other than this deployment's.
    #[error("the document was signed by key {found}, not by this system's key {expected}")]
    OtherKey {
        /// The key id in the file.
        found: String,
        /// This deployment's key id.
        expected: String,
    },
    /// The content changed after signing, or the signature was forged.
    #[error(
        "the document was altered after it was issued (its signature does not match its content)"
    )]
    Altered,
}

/// A verified document's identity.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VerifiedDocument {
    /// The verification code printed on it.
    pub code: VerificationCode,
    /// SHA-256 of everything before the signature line (what the register stores).
    pub digest: [u8; 32],
}

/// SHA-256 of a rendered PDF.
pub fn digest(pdf: &[u8]) -> [u8; 32] {
    Sha256::digest(pdf).into()
}

fn message(code: &VerificationCode, digest: &[u8; 32]) -> Vec<u8> {
    let mut m = Vec::with_capacity(DOMAIN.len() + 20 + 32);
    m.extend_from_slice(DOMAIN);
    m.extend_from_slice(code.as_str().as_bytes());
    m.push(0);
    m.extend_from_slice(digest);
    m
}

impl DocumentSigningKey {
    /// Wraps 32 secret bytes (drawn by the shell from the OS CSPRNG).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(SigningKey::from_bytes(&bytes))
    }

    /// The public key.
    pub fn public(&self) -> DocumentPublicKey {
        DocumentPublicKey(self.0.verifying_key())
    }

    /// Appends the signature line to a rendered PDF. Returns the signed file and the digest the
    /// signature covers (the PDF, plus a line break if it lacked a final one), which is what the
    /// register keeps.
    pub fn sign(&self, code: &VerificationCode, pdf: &[u8]) -> (Vec<u8>, [u8; 32]) {
        let mut out = Vec::with_capacity(pdf.len() + 200);
        out.extend_from_slice(pdf);
        if !pdf.ends_with(b"\n") {
            out.push(b'\n');
        }
        let covered = digest(&out);
        let signature = self.0.sign(&message(code, &covered)).to_bytes();
        out.extend_from_slice(MARKER);
        out.extend_from_slice(
            format!(
                "{} {} {}\n%%EOF\n",
                code,
                self.public().id(),
                hex::encode(signature)
            )
            .as_bytes(),
        );
        (out, covered)
    }
}

impl DocumentSigningKey {
    /// Signs data written to a card (the integrity record of its text and the card face, facts
    /// §4.4–4.5): Ed25519 over the card-data domain and the bytes.
    pub fn sign_card_data(&self, data: &[u8]) -> [u8; 64] {
        let mut m = CARD_DOMAIN.to_vec();
        m.extend_from_slice(data);
        self.0.sign(&m).to_bytes()
    }
}

impl DocumentSigningKey {
    /// Signs the front's text carried by a print's back (print_back.rs).
    pub fn sign_back(&self, front: &[u8]) -> [u8; 64] {
        let mut m = BACK_DOMAIN.to_vec();
        m.extend_from_slice(front);
        self.0.sign(&m).to_bytes()
    }

    /// The AES-256 key that encrypts prints' backs: HMAC-SHA256 keyed with this key's secret
    /// over a label of its own (a KDF: the one secret the deployment keeps for documents
    /// yields a second key for a second use, and neither reveals the other). Only the system
    /// can open a back; anyone can check what it shows against the paper in hand.
    pub fn back_key(&self) -> [u8; 32] {
        use hmac::{Hmac, KeyInit, Mac};
        // HMAC pads a key shorter than SHA-256's 64-byte block with zeros (RFC 2104 §2): the
        // padded array is the same key, in the fixed size that cannot be refused.
        let mut key = [0u8; 64];
        key[..32].copy_from_slice(self.0.as_bytes());
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&key.into());
        mac.update(BACK_KEY_LABEL);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for DocumentSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentSigningKey")
            .field("id", &self.public().id())
            .finish_non_exhaustive()
    }
}

impl DocumentPublicKey {
    /// Parses 64 hex digits.
    pub fn from_hex(s: &str) -> Option<Self> {
        crate::checkpoint::parse_public_key(s).map(Self)
    }

    /// 64 hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.to_bytes())
    }

    /// The key id: the first 8 bytes of SHA-256 over the public key, in hex.
    pub fn id(&self) -> String {
        crate::checkpoint::key_id(&self.0)
    }

    /// Whether `signature` is this key's over card data (see `sign_card_data`).
    pub fn verify_card_data(&self, data: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        let mut m = CARD_DOMAIN.to_vec();
        m.extend_from_slice(data);
        self.0.verify(&m, &Signature::from_bytes(&sig)).is_ok()
    }

    /// Whether `signature` is this key's over a print's back (see `sign_back`).
    pub fn verify_back(&self, front: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        let mut m = BACK_DOMAIN.to_vec();
        m.extend_from_slice(front);
        self.0.verify(&m, &Signature::from_bytes(&sig)).is_ok()
    }

    /// Checks a signed file: the signature line must be the file's last line but `%%EOF`, made
    /// by this key, over exactly the bytes before it.
    pub fn verify(&self, file: &[u8]) -> Result<VerifiedDocument, DocumentError> {
        let start = file
            .windows(MARKER.len())
            .rposition(|w| w == MARKER)
            .ok_or(DocumentError::Unsigned)?;
        if start == 0 || file[start - 1] != b'\n' {
            return Err(DocumentError::Malformed);
        }
        let body = &file[..start];
        let trailer = std::str::from_utf8(&file[start + MARKER.len()..])
            .map_err(|_| DocumentError::Malformed)?;
        let rest = trailer
            .strip_suffix("\n%%EOF\n")
            .ok_or(DocumentError::Malformed)?;
        let mut parts = rest.split(' ');
        let (Some(code), Some(key_id), Some(sig), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DocumentError::Malformed);
        };
        let code = VerificationCode::parse(code).ok_or(DocumentError::Malformed)?;
        if key_id != self.id() {
            return Err(DocumentError::OtherKey {
                found: key_id.to_owned(),
                expected: self.id(),
            });
        }
        let sig = parse_signature(sig).ok_or(DocumentError::Malformed)?;
        let digest = digest(body);
        self.0
            .verify(&message(&code, &digest), &sig)
            .map_err(|_| DocumentError::Altered)?;
        Ok(VerifiedDocument { code, digest })
    }
}

fn parse_signature(s: &str) -> Option<Signature> {
    <[u8; 64] as hex::FromHex>::from_hex(s)
        .ok()
        .map(|bytes| Signature::from_bytes(&bytes))
}

impl fmt::Debug for DocumentPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentPublicKey({})", self.to_hex())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

    fn key() -> DocumentSigningKey {
        DocumentSigningKey::from_bytes([9; 32])
    }

    fn code() -> VerificationCode {
        VerificationCode::from_random([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    }

    #[test]
    fn card_data_signatures_are_their_own() {
        let key = DocumentSigningKey::from_bytes([9; 32]);
        let sig = key.sign_card_data(b"integrity record");
        assert!(key.public().verify_card_data(b"integrity record", &sig));
        assert!(!key.public().verify_card_data(b"integrity recorD", &sig));
        assert!(
            !key.public()
                .verify_card_data(b"integrity record", &sig[..63])
        );
        let other = DocumentSigningKey::from_bytes([8; 32]);
        assert!(!other.public().verify_card_data(b"integrity record", &sig));
        // A document signature over the same bytes is not a card-data signature.
        let plain = key.0.sign(b"integrity record").to_bytes();
        assert!(!key.public().verify_card_data(b"integrity record", &plain));
    }

    #[test]
    fn codes_are_grouped_crockford_and_parse_back_leniently() {
        let c = code();
        // Python: base64.b32encode(bytes(range(1, 11))) translated to Crockford's alphabet.
        assert_eq!(c.as_str(), "0410-6105-0R3G-G28A");
        assert_eq!(VerificationCode::parse("04io 6io5 oR3g g28a"), Some(c));
        assert_eq!(VerificationCode::parse("0410-6104-1C30-W28"), None);
        assert_eq!(VerificationCode::parse("0410-6104-1C30-W28U"), None);
    }

    #[test]
    fn a_signed_document_verifies_and_names_its_code() {
        let (signed, covered) = key().sign(&code(), PDF);
        assert!(signed.starts_with(PDF));
        assert!(signed.ends_with(b"\n%%EOF\n"));
        let v = key().public().verify(&signed).unwrap();
        assert_eq!(v.code, code());
        assert_eq!(v.digest, digest(PDF));
        assert_eq!(covered, digest(PDF));
        // A PDF without a final line break (krilla's ends in `%%EOF`) gets one first.
        let bare = PDF.strip_suffix(b"\n").unwrap();
        let (signed, covered) = key().sign(&code(), bare);
        assert_eq!(key().public().verify(&signed).unwrap().digest, covered);
    }

    #[test]
    fn anything_else_is_refused_with_the_reason() {
        let public = key().public();
        assert_eq!(public.verify(PDF), Err(DocumentError::Unsigned));
        let (signed, _) = key().sign(&code(), PDF);
        // The same signature under another code.
        let text = String::from_utf8(signed.clone()).unwrap();
        let swapped = text.replace(code().as_str(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        assert_eq!(
            public.verify(swapped.as_bytes()),
            Err(DocumentError::Altered)
        );
        // Signed by another deployment.
        let (other, _) = DocumentSigningKey::from_bytes([8; 32]).sign(&code(), PDF);
        assert!(matches!(
            public.verify(&other),
            Err(DocumentError::OtherKey { .. })
        ));
        // Bytes appended after the signature.
        let mut tail = signed.clone();
        tail.extend_from_slice(b"% more\n");
        assert_eq!(public.verify(&tail), Err(DocumentError::Malformed));
    }

    proptest! {
        #[test]
        fn changing_any_byte_of_the_body_is_detected(pos in 0usize..PDF.len(), flip in 1u8..=255) {
            let (mut signed, _) = key().sign(&code(), PDF);
            signed[pos] ^= flip;
            prop_assert!(key().public().verify(&signed).is_err());
        }
    }
}
