//! The authentication app's card in a PC/SC reader (issue 12; docs/design/oidc.md): signing a
//! log-in's challenge with the user-authentication key through a PKCS#11 module, OpenSC's
//! `opensc-pkcs11.so` whose `jpki` driver speaks the chip's commands (interop.md §1.4). The
//! module is loaded at run time, only when asked for.

use std::path::Path;

use anyhow::{Context, Result};
use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass};
use cryptoki::session::UserType;
use cryptoki::types::AuthPin;

/// The token of the user-authentication key, as OpenSC's `jpki` driver labels it.
const AUTHENTICATION_TOKEN: &str = "JPKI (User Authentication PIN)";

/// Signs `message` (SHA-256, PKCS#1 v1.5: the mechanism hashes it, the card pads the
/// DigestInfo) with the user-authentication key of the card in a reader, after its PIN; returns
/// the signature and the key's certificate (DER).
pub(crate) fn sign_authentication(
    module: &Path,
    pin: &str,
    message: &[u8],
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
                .is_ok_and(|t| t.label().trim() == AUTHENTICATION_TOKEN)
        })
        .context("no My Number Card in any reader (no \"JPKI (User Authentication PIN)\" token)")?;
    let session = pkcs11
        .open_ro_session(slot)
        .context("opening a session with the card")?;
    session
        .login(UserType::User, Some(&AuthPin::new(pin.into())))
        .map_err(|e| anyhow::anyhow!("the card refused the PIN: {e}"))?;
    let key = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])?
        .into_iter()
        .next()
        .context("the card's user-authentication key is not there")?;
    let id = session
        .get_attributes(key, &[AttributeType::Id])?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Id(id) => Some(id),
            _ => None,
        })
        .context("the key has no id")?;
    let signature = session
        .sign(&Mechanism::Sha256RsaPkcs, key, message)
        .context("the card did not sign")?;
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
