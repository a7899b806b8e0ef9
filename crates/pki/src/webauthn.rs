//! Passkeys (WebAuthn Level 2, W3C Recommendation 2021-04-08): the relying party's checks of a
//! new credential (§7.1, attestation `none`) and of an assertion (§7.2), for ES256 (ECDSA P-256
//! with SHA-256, COSE algorithm -7), the one algorithm we ask for. The authenticator's data and
//! the attestation object are read here with a small CBOR reader (RFC 8949, definite lengths
//! only, as CTAP2's canonical encoding has them); the client data's JSON is read by the caller
//! (only the API knows JSON), which hands over its fields and its exact bytes.
//!
//! Pure: the challenge, the origin and the relying party's id are arguments.

use aws_lc_rs::digest::{SHA256, digest};
use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1, UnparsedPublicKey};

/// Why a passkey's answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebAuthnError {
    /// The bytes are not what WebAuthn sends (CBOR, lengths, structure).
    #[error("malformed {0}")]
    Malformed(&'static str),
    /// A check of §7.1 or §7.2 failed: the named value is not the one expected.
    #[error("the {0} is not the expected one")]
    Mismatch(&'static str),
    /// The authenticator did not verify the user (no PIN or biometric), or no user was present.
    #[error("the authenticator did not verify the user")]
    UserNotVerified,
    /// A key or algorithm other than ES256 on P-256.
    #[error("the credential's key is not ES256 on P-256")]
    Algorithm,
    /// The signature does not verify with the credential's key.
    #[error("the signature does not verify")]
    Signature,
}

/// The client data as the browser sent it (`CollectedClientData`, §5.8.1): its fields, read by
/// the caller, and its exact bytes, which the signature covers through their hash.
#[derive(Debug, Clone, Copy)]
pub struct ClientData<'a> {
    /// `type`: `webauthn.create` or `webauthn.get`.
    pub kind: &'a str,
    /// `challenge`, decoded from base64url.
    pub challenge: &'a [u8],
    /// `origin`: the page's origin, e.g. `https://desk.example.jp`.
    pub origin: &'a str,
    /// `crossOrigin`: whether it was asked from a frame of another origin.
    pub cross_origin: bool,
    /// The JSON's bytes.
    pub json: &'a [u8],
}

/// What the relying party expects: the challenge it issued, its origin and its id.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The challenge issued for this ceremony.
    pub challenge: &'a [u8],
    /// The origin the page was served from (scheme, host and port).
    pub origin: &'a str,
    /// The relying party's id: the origin's host.
    pub rp_id: &'a str,
}

/// A credential registered: its id, its public key (SEC1 uncompressed P-256 point) and the
/// authenticator's signature counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCredential {
    /// The credential id the authenticator chose.
    pub id: Vec<u8>,
    /// `04 || x || y`.
    pub public_key: Vec<u8>,
    /// The signature counter at registration (0 for authenticators that keep none).
    pub sign_count: u32,
}

/// The COSE key parameters of ES256 on P-256 (RFC 9053 §2.1, §7.1).
const COSE_KTY_EC2: i64 = 2;
const COSE_ALG_ES256: i64 = -7;
const COSE_CRV_P256: i64 = 1;

/// The authenticator data's flags (§6.1).
const FLAG_UP: u8 = 0x01;
const FLAG_UV: u8 = 0x04;
const FLAG_AT: u8 = 0x40;
const FLAG_ED: u8 = 0x80;

/// Checks a new credential (§7.1): the client data, then the attestation object's
/// authenticator data (the relying party's id, user present and verified, the credential and its
/// ES256 key). Attestation statements are not checked: we ask for `none` and accept only it, so
/// the key is trusted as the signed-in staff member's because they registered it signed in.
pub fn verify_registration(
    client: &ClientData<'_>,
    attestation_object: &[u8],
    expected: &Expected<'_>,
) -> Result<NewCredential, WebAuthnError> {
    check_client(client, "webauthn.create", expected)?;
    let (object, used) = Cbor::decode(attestation_object, 0)?;
    if used != attestation_object.len() {
        return Err(WebAuthnError::Malformed("attestation object"));
    }
    let fmt = object
        .get_text("fmt")
        .ok_or(WebAuthnError::Malformed("attestation format"))?;
    if fmt != "none" {
        return Err(WebAuthnError::Mismatch("attestation format"));
    }
    let auth_data = match object.get_text_key("authData") {
        Some(Cbor::Bytes(b)) => b,
        _ => return Err(WebAuthnError::Malformed("authenticator data")),
    };
    let data = AuthenticatorData::parse(auth_data)?;
    data.check(expected)?;
    let Some((id, public_key)) = data.credential else {
        return Err(WebAuthnError::Malformed("attested credential data"));
    };
    Ok(NewCredential {
        id,
        public_key,
        sign_count: data.sign_count,
    })
}

/// Checks an assertion (§7.2) with the credential's stored key: the client data, the
/// authenticator data (the relying party's id, user present and verified) and the signature
/// over the authenticator data and the client data's hash. Returns the signature counter, for
/// the caller to compare with the one stored.
pub fn verify_assertion(
    client: &ClientData<'_>,
    authenticator_data: &[u8],
    signature: &[u8],
    public_key: &[u8],
    expected: &Expected<'_>,
) -> Result<u32, WebAuthnError> {
    check_client(client, "webauthn.get", expected)?;
    let data = AuthenticatorData::parse(authenticator_data)?;
    data.check(expected)?;
    let mut signed = authenticator_data.to_vec();
    signed.extend_from_slice(digest(&SHA256, client.json).as_ref());
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, public_key)
        .verify(&signed, signature)
        .map_err(|_| WebAuthnError::Signature)?;
    Ok(data.sign_count)
}

/// §7.1 steps 7–10 and §7.2 steps 11–14: the ceremony, the challenge, the origin, and no frame
/// of another origin.
fn check_client(
    client: &ClientData<'_>,
    kind: &str,
    expected: &Expected<'_>,
) -> Result<(), WebAuthnError> {
    if client.kind != kind {
        return Err(WebAuthnError::Mismatch("client data type"));
    }
    if client.challenge != expected.challenge {
        return Err(WebAuthnError::Mismatch("challenge"));
    }
    if client.origin != expected.origin {
        return Err(WebAuthnError::Mismatch("origin"));
    }
    if client.cross_origin {
        return Err(WebAuthnError::Mismatch("cross-origin flag"));
    }
    Ok(())
}

/// The authenticator data (§6.1).
#[derive(Debug)]
struct AuthenticatorData {
    rp_id_hash: [u8; 32],
    flags: u8,
    sign_count: u32,
    /// The attested credential's id and SEC1 key, when the AT flag is set.
    credential: Option<(Vec<u8>, Vec<u8>)>,
}

impl AuthenticatorData {
    fn parse(bytes: &[u8]) -> Result<Self, WebAuthnError> {
        let malformed = || WebAuthnError::Malformed("authenticator data");
        if bytes.len() < 37 {
            return Err(malformed());
        }
        let mut rp_id_hash = [0u8; 32];
        rp_id_hash.copy_from_slice(&bytes[..32]);
        let flags = bytes[32];
        let sign_count = u32::from_be_bytes([bytes[33], bytes[34], bytes[35], bytes[36]]);
        let mut rest = &bytes[37..];
        let credential = if flags & FLAG_AT != 0 {
            // AAGUID (16), the id's length (2), the id, the COSE key.
            if rest.len() < 18 {
                return Err(malformed());
            }
            let len = usize::from(u16::from_be_bytes([rest[16], rest[17]]));
            let after = &rest[18..];
            if after.len() < len || len == 0 || len > 1023 {
                return Err(malformed());
            }
            let id = after[..len].to_vec();
            let (key, used) = Cbor::decode(&after[len..], 0)?;
            rest = &after[len + used..];
            Some((id, cose_es256(&key)?))
        } else {
            None
        };
        if flags & FLAG_ED != 0 {
            let (_, used) = Cbor::decode(rest, 0)?;
            rest = &rest[used..];
        }
        if !rest.is_empty() {
            return Err(malformed());
        }
        Ok(Self {
            rp_id_hash,
            flags,
            sign_count,
            credential,
        })
    }

    /// §7.1 steps 13–15, §7.2 steps 15–17: this relying party, a user present and verified.
    fn check(&self, expected: &Expected<'_>) -> Result<(), WebAuthnError> {
        if self.rp_id_hash.as_slice() != digest(&SHA256, expected.rp_id.as_bytes()).as_ref() {
            return Err(WebAuthnError::Mismatch("relying party id"));
        }
        if self.flags & FLAG_UP == 0 || self.flags & FLAG_UV == 0 {
            return Err(WebAuthnError::UserNotVerified);
        }
        Ok(())
    }
}

/// An ES256 COSE key (RFC 9053) as a SEC1 uncompressed point.
fn cose_es256(key: &Cbor) -> Result<Vec<u8>, WebAuthnError> {
    let int = |label: i64| key.get_int_key(label).and_then(Cbor::as_int);
    if int(1) != Some(COSE_KTY_EC2)
        || int(3) != Some(COSE_ALG_ES256)
        || int(-1) != Some(COSE_CRV_P256)
    {
        return Err(WebAuthnError::Algorithm);
    }
    match (key.get_int_key(-2), key.get_int_key(-3)) {
        (Some(Cbor::Bytes(x)), Some(Cbor::Bytes(y))) if x.len() == 32 && y.len() == 32 => {
            let point = [&[0x04], x.as_slice(), y.as_slice()].concat();
            // A point on the curve, or no key at all (stored, it would never verify).
            aws_lc_rs::signature::ParsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, &point)
                .map_err(|_| WebAuthnError::Algorithm)?;
            Ok(point)
        }
        _ => Err(WebAuthnError::Algorithm),
    }
}

/// A CBOR data item (RFC 8949), the kinds WebAuthn uses.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cbor {
    Int(i64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Cbor>),
    Map(Vec<(Cbor, Cbor)>),
    Simple(u8),
}

/// How deep items may nest: WebAuthn's go three deep; this bounds the recursion on hostile
/// input.
const MAX_DEPTH: usize = 8;

impl Cbor {
    /// Decodes one item from the start of `bytes`; returns it and the bytes it took.
    fn decode(bytes: &[u8], depth: usize) -> Result<(Self, usize), WebAuthnError> {
        let malformed = || WebAuthnError::Malformed("CBOR");
        if depth > MAX_DEPTH {
            return Err(malformed());
        }
        let first = *bytes.first().ok_or_else(malformed)?;
        let (major, info) = (first >> 5, first & 0x1f);
        let (arg, mut at) = match info {
            0..=23 => (u64::from(info), 1),
            24..=27 => {
                let n = 1usize << (info - 24);
                let field = bytes.get(1..1 + n).ok_or_else(malformed)?;
                (
                    field.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b)),
                    1 + n,
                )
            }
            // Reserved, and the indefinite lengths CTAP2's canonical form never uses.
            _ => return Err(malformed()),
        };
        let len = |arg: u64| usize::try_from(arg).map_err(|_| malformed());
        let item = match major {
            0 => Cbor::Int(i64::try_from(arg).map_err(|_| malformed())?),
            1 => Cbor::Int(-1 - i64::try_from(arg).map_err(|_| malformed())?),
            2 | 3 => {
                let n = len(arg)?;
                let end = at.checked_add(n).ok_or_else(malformed)?;
                let body = bytes.get(at..end).ok_or_else(malformed)?;
                at = end;
                if major == 2 {
                    Cbor::Bytes(body.to_vec())
                } else {
                    Cbor::Text(String::from_utf8(body.to_vec()).map_err(|_| malformed())?)
                }
            }
            4 | 5 => {
                let n = len(arg)?;
                // Each item takes at least a byte: a count beyond what is left is a lie.
                if n > bytes.len() - at {
                    return Err(malformed());
                }
                let mut next = || -> Result<Cbor, WebAuthnError> {
                    let (item, used) = Cbor::decode(&bytes[at..], depth + 1)?;
                    at += used;
                    Ok(item)
                };
                if major == 4 {
                    Cbor::Array((0..n).map(|_| next()).collect::<Result<_, _>>()?)
                } else {
                    let mut pairs: Vec<(Cbor, Cbor)> = Vec::with_capacity(n);
                    for _ in 0..n {
                        let key = next()?;
                        let value = next()?;
                        // A key twice would let two readers see two values: refused.
                        if pairs.iter().any(|(k, _)| *k == key) {
                            return Err(malformed());
                        }
                        pairs.push((key, value));
                    }
                    Cbor::Map(pairs)
                }
            }
            // Tags are not used in WebAuthn's structures.
            6 => return Err(malformed()),
            _ => match info {
                0..=23 => Cbor::Simple(info),
                // Floats and one-byte simple values are not used either.
                _ => return Err(malformed()),
            },
        };
        Ok((item, at))
    }

    fn get_text_key(&self, key: &str) -> Option<&Cbor> {
        match self {
            Cbor::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| matches!(k, Cbor::Text(t) if t == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    fn get_text(&self, key: &str) -> Option<&str> {
        match self.get_text_key(key) {
            Some(Cbor::Text(t)) => Some(t),
            _ => None,
        }
    }

    fn get_int_key(&self, key: i64) -> Option<&Cbor> {
        match self {
            Cbor::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| *k == Cbor::Int(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_int(&self) -> Option<i64> {
        match self {
            Cbor::Int(i) => Some(*i),
            _ => None,
        }
    }
}

/// Reads authenticator data and an attestation object as a relying party would, for the
/// fuzzer: whatever the bytes, an error and never a panic.
pub fn parse_for_fuzzing(bytes: &[u8]) {
    let _ = AuthenticatorData::parse(bytes);
    let client = ClientData {
        kind: "webauthn.create",
        challenge: b"",
        origin: "",
        cross_origin: false,
        json: b"",
    };
    let expected = Expected {
        challenge: b"",
        origin: "",
        rp_id: "",
    };
    let _ = verify_registration(&client, bytes, &expected);
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};

    /// A CBOR head: major type and argument (RFC 8949 §3), written apart from the reader.
    fn head(major: u8, n: u64) -> Vec<u8> {
        let m = major << 5;
        match n {
            0..=23 => vec![m | n as u8],
            24..=0xff => vec![m | 24, n as u8],
            _ => [vec![m | 25], (n as u16).to_be_bytes().to_vec()].concat(),
        }
    }

    fn int(i: i64) -> Vec<u8> {
        if i >= 0 {
            head(0, i as u64)
        } else {
            head(1, (-1 - i) as u64)
        }
    }

    fn bytes(b: &[u8]) -> Vec<u8> {
        [head(2, b.len() as u64), b.to_vec()].concat()
    }

    fn text(t: &str) -> Vec<u8> {
        [head(3, t.len() as u64), t.as_bytes().to_vec()].concat()
    }

    /// A software authenticator: a P-256 key and a credential id.
    struct Authenticator {
        key: EcdsaKeyPair,
        id: Vec<u8>,
    }

    impl Authenticator {
        fn new() -> Self {
            let rng = SystemRandom::new();
            let pkcs8 =
                EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
            let key =
                EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref()).unwrap();
            Self {
                key,
                id: b"credential-1".to_vec(),
            }
        }

        fn public_key(&self) -> Vec<u8> {
            self.key.public_key().as_ref().to_vec()
        }

        fn cose_key(&self) -> Vec<u8> {
            let point = self.public_key();
            [
                head(5, 5),
                int(1),
                int(2),
                int(3),
                int(-7),
                int(-1),
                int(1),
                int(-2),
                bytes(&point[1..33]),
                int(-3),
                bytes(&point[33..65]),
            ]
            .concat()
        }

        fn auth_data(&self, rp_id: &str, flags: u8, count: u32, attested: bool) -> Vec<u8> {
            let mut out = digest(&SHA256, rp_id.as_bytes()).as_ref().to_vec();
            out.push(flags | if attested { FLAG_AT } else { 0 });
            out.extend_from_slice(&count.to_be_bytes());
            if attested {
                out.extend_from_slice(&[0; 16]);
                out.extend_from_slice(&(self.id.len() as u16).to_be_bytes());
                out.extend_from_slice(&self.id);
                out.extend_from_slice(&self.cose_key());
            }
            out
        }

        fn attestation(&self, auth_data: &[u8]) -> Vec<u8> {
            [
                head(5, 3),
                text("fmt"),
                text("none"),
                text("attStmt"),
                head(5, 0),
                text("authData"),
                bytes(auth_data),
            ]
            .concat()
        }

        fn sign(&self, auth_data: &[u8], client_json: &[u8]) -> Vec<u8> {
            let mut signed = auth_data.to_vec();
            signed.extend_from_slice(digest(&SHA256, client_json).as_ref());
            self.key
                .sign(&SystemRandom::new(), &signed)
                .unwrap()
                .as_ref()
                .to_vec()
        }
    }

    const ORIGIN: &str = "https://desk.example.jp";
    const RP: &str = "desk.example.jp";

    fn expected(challenge: &[u8]) -> Expected<'_> {
        Expected {
            challenge,
            origin: ORIGIN,
            rp_id: RP,
        }
    }

    fn client<'a>(kind: &'a str, challenge: &'a [u8], json: &'a [u8]) -> ClientData<'a> {
        ClientData {
            kind,
            challenge,
            origin: ORIGIN,
            cross_origin: false,
            json,
        }
    }

    #[test]
    fn a_credential_is_registered_then_signs_in() {
        let a = Authenticator::new();
        let data = a.auth_data(RP, FLAG_UP | FLAG_UV, 0, true);
        let created = verify_registration(
            &client("webauthn.create", b"c1", b"{}"),
            &a.attestation(&data),
            &expected(b"c1"),
        )
        .unwrap();
        assert_eq!(created.id, a.id);
        assert_eq!(created.public_key, a.public_key());
        let data = a.auth_data(RP, FLAG_UP | FLAG_UV, 7, false);
        let json =
            br#"{"type":"webauthn.get","challenge":"YzI","origin":"https://desk.example.jp"}"#;
        let signature = a.sign(&data, json);
        let count = verify_assertion(
            &client("webauthn.get", b"c2", json),
            &data,
            &signature,
            &created.public_key,
            &expected(b"c2"),
        )
        .unwrap();
        assert_eq!(count, 7);
    }

    /// Each check of §7.1 and §7.2 refuses what it should.
    #[test]
    fn every_check_refuses_its_mismatch() {
        let a = Authenticator::new();
        let good = a.auth_data(RP, FLAG_UP | FLAG_UV, 1, false);
        let json: &[u8] = b"{\"type\":\"webauthn.get\"}";
        let signature = a.sign(&good, json);
        let key = a.public_key();
        let check = |c: ClientData<'_>, data: &[u8], sig: &[u8]| {
            verify_assertion(&c, data, sig, &key, &expected(b"c"))
        };
        assert!(check(client("webauthn.get", b"c", json), &good, &signature).is_ok());
        assert_eq!(
            check(client("webauthn.create", b"c", json), &good, &signature),
            Err(WebAuthnError::Mismatch("client data type"))
        );
        assert_eq!(
            check(client("webauthn.get", b"other", json), &good, &signature),
            Err(WebAuthnError::Mismatch("challenge"))
        );
        let mut phished = client("webauthn.get", b"c", json);
        phished.origin = "https://desk.example.jp.evil.test";
        assert_eq!(
            check(phished, &good, &signature),
            Err(WebAuthnError::Mismatch("origin"))
        );
        let mut framed = client("webauthn.get", b"c", json);
        framed.cross_origin = true;
        assert!(check(framed, &good, &signature).is_err());
        let elsewhere = a.auth_data("evil.test", FLAG_UP | FLAG_UV, 1, false);
        assert_eq!(
            check(
                client("webauthn.get", b"c", json),
                &elsewhere,
                &a.sign(&elsewhere, json)
            ),
            Err(WebAuthnError::Mismatch("relying party id"))
        );
        let unverified = a.auth_data(RP, FLAG_UP, 1, false);
        assert_eq!(
            check(
                client("webauthn.get", b"c", json),
                &unverified,
                &a.sign(&unverified, json)
            ),
            Err(WebAuthnError::UserNotVerified)
        );
        // The client data's bytes are signed: other bytes with the same fields do not verify.
        assert_eq!(
            check(client("webauthn.get", b"c", b"{ }"), &good, &signature),
            Err(WebAuthnError::Signature)
        );
        let other = Authenticator::new();
        assert_eq!(
            verify_assertion(
                &client("webauthn.get", b"c", json),
                &good,
                &signature,
                &other.public_key(),
                &expected(b"c")
            ),
            Err(WebAuthnError::Signature)
        );
    }

    #[test]
    fn registration_refuses_attestation_other_keys_and_trailing_bytes() {
        let a = Authenticator::new();
        let data = a.auth_data(RP, FLAG_UP | FLAG_UV, 0, true);
        let c = client("webauthn.create", b"c", b"{}");
        let packed = [
            head(5, 3),
            text("fmt"),
            text("packed"),
            text("attStmt"),
            head(5, 0),
            text("authData"),
            bytes(&data),
        ]
        .concat();
        assert_eq!(
            verify_registration(&c, &packed, &expected(b"c")),
            Err(WebAuthnError::Mismatch("attestation format"))
        );
        let mut trailing = a.attestation(&data);
        trailing.push(0);
        assert!(verify_registration(&c, &trailing, &expected(b"c")).is_err());
        // An RS256 key (alg -257) is not taken.
        let rsa = [
            &data[..data.len() - a.cose_key().len()],
            &[head(5, 2), int(1), int(3), int(3), int(-257)].concat(),
        ]
        .concat();
        assert_eq!(
            verify_registration(&c, &a.attestation(&rsa), &expected(b"c")),
            Err(WebAuthnError::Algorithm)
        );
        // Coordinates of the right length that are no point of P-256.
        let mut off_curve = data.clone();
        let y_last = off_curve.len() - 1;
        off_curve[y_last] ^= 1;
        assert_eq!(
            verify_registration(&c, &a.attestation(&off_curve), &expected(b"c")),
            Err(WebAuthnError::Algorithm)
        );
        let none = a.auth_data(RP, FLAG_UP | FLAG_UV, 0, false);
        assert!(verify_registration(&c, &a.attestation(&none), &expected(b"c")).is_err());
    }

    #[test]
    fn cbor_reading_is_bounded() {
        // Nested arrays past the depth limit, a length past the input, an indefinite length.
        let deep = vec![0x81; 64];
        assert!(Cbor::decode(&deep, 0).is_err());
        assert!(Cbor::decode(&[0x5a, 0xff, 0xff, 0xff, 0xff], 0).is_err());
        assert!(Cbor::decode(&[0x9f, 0xff], 0).is_err());
        assert!(Cbor::decode(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0).is_err());
        assert_eq!(Cbor::decode(&int(-7), 0).unwrap(), (Cbor::Int(-7), 1));
        assert_eq!(Cbor::decode(&int(500), 0).unwrap(), (Cbor::Int(500), 3));
    }
}
