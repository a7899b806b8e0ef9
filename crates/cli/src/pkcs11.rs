//! The authentication app's card in a PC/SC reader (issue 12; docs/design/oidc.md): signing a
//! log-in's challenge with the user-authentication key, and a relying party's document with the
//! signature key (docs/design/signing.md), through a PKCS#11 module, OpenSC's
//! `opensc-pkcs11.so` whose `jpki` driver speaks the chip's commands (interop.md §1.4). The
//! module is loaded at run time, only when asked for.

use std::path::Path;

use anyhow::{Context, Result};
use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::UserType;
use cryptoki::types::AuthPin;

/// The token of the user-authentication key, as OpenSC's `jpki` driver labels it.
const AUTHENTICATION_TOKEN: &str = "JPKI (User Authentication PIN)";

/// The token of the signature key, behind the signature password.
const SIGNATURE_TOKEN: &str = "JPKI (Digital Signature PIN)";

/// Signs `message` (SHA-256, PKCS#1 v1.5: the mechanism hashes it, the card pads the
/// DigestInfo) with the user-authentication key of the card in a reader, after its PIN; returns
/// the signature and the key's certificate (DER).
pub(crate) fn sign_authentication(
    module: &Path,
    pin: &str,
    message: &[u8],
) -> Result<(Vec<u8>, Vec<u8>)> {
    with_key(module, AUTHENTICATION_TOKEN, pin, |session, key, _| {
        Ok(session.sign(&Mechanism::Sha256RsaPkcs, key, message)?)
    })
}

/// Signs a DigestInfo (DER) as given, PKCS#1 v1.5 (`CKM_RSA_PKCS`: the card pads it), with
/// the signature key of the card in a reader, after the signature password; returns the
/// signature and the signature certificate (DER), which the token shows only after the
/// password. OpenSC marks the signature key `CKA_ALWAYS_AUTHENTICATE`: the password is given
/// again between `C_SignInit` and the signature (a context-specific log-in, PKCS#11 v2.40
/// §5.6 `C_Login`), as the card asks for it before each signature.
pub(crate) fn sign_digest_info(
    module: &Path,
    password: &str,
    digest_info: &[u8],
) -> Result<(Vec<u8>, Vec<u8>)> {
    with_key(module, SIGNATURE_TOKEN, password, |session, key, pin| {
        let always = session
            .get_attributes(key, &[AttributeType::AlwaysAuthenticate])?
            .into_iter()
            .any(|a| matches!(a, Attribute::AlwaysAuthenticate(true)));
        // CKM_RSA_PKCS is single-part in PKCS#11 (v2.40 §2.1.6), and cryptoki's one-call
        // sign leaves no room for the log-in; OpenSC buffers C_SignUpdate for it, so this
        // needs OpenSC's module (the one the jpki driver is in).
        session.sign_init(&Mechanism::RsaPkcs, key)?;
        if always {
            session
                .login(UserType::ContextSpecific, Some(pin))
                .map_err(|e| anyhow::anyhow!("the card refused the signature password: {e}"))?;
        }
        session.sign_update(digest_info)?;
        Ok(session.sign_final()?)
    })
}

/// Opens the token labelled `token`, logs in with `pin`, and signs with its private key
/// through `sign`; returns the signature and the key's certificate (DER).
fn with_key(
    module: &Path,
    token: &str,
    pin: &str,
    sign: impl FnOnce(&cryptoki::session::Session, ObjectHandle, &AuthPin) -> Result<Vec<u8>>,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let pkcs11 = Pkcs11::new(module)
        .with_context(|| format!("loading the PKCS#11 module {}", module.display()))?;
    pkcs11
        .initialize(CInitializeArgs::OsThreads)
        .context("initialising the PKCS#11 module")?;
    let slot = pkcs11
        .get_slots_with_token()
        .context("listing the readers")?
        .into_iter()
        .find(|s| {
            pkcs11
                .get_token_info(*s)
                .is_ok_and(|t| t.label().trim() == token)
        })
        .with_context(|| format!("no My Number Card in any reader (no {token:?} token)"))?;
    let session = pkcs11
        .open_ro_session(slot)
        .context("opening a session with the card")?;
    let pin = AuthPin::new(pin.into());
    session
        .login(UserType::User, Some(&pin))
        .map_err(|e| anyhow::anyhow!("the card refused the PIN: {e}"))?;
    let key = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])?
        .into_iter()
        .next()
        .context("the card's key is not there")?;
    let id = session
        .get_attributes(key, &[AttributeType::Id])?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Id(id) => Some(id),
            _ => None,
        })
        .context("the key has no id")?;
    let signature = sign(&session, key, &pin).context("the card did not sign")?;
    let certificate = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::Id(id),
        ])?
        .into_iter()
        .next()
        .context("the key's certificate is not on the card")?;
    let der = session
        .get_attributes(certificate, &[AttributeType::Value])?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Value(v) => Some(v),
            _ => None,
        })
        .context("the certificate has no value")?;
    Ok((signature, der))
}
