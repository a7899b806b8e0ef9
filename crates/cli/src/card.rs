//! `mynumber card`: a card's life in the register (apply, produce, hand over, suspend, resume,
//! end, reset a PIN, extend, list), and a card file as a card: show what it holds, read its
//! certificates and sign with it through the chip's own commands, and attach it to the
//! machine's PC/SC stack as a vpcd virtual card (interop.md §1.1–1.2) so that OpenSC and other
//! smart-card tools use it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use mynumber_app::{
    App, AppError, CardAmendment, CardApplication, CardCertification, CardRow, HandOver,
};
use mynumber_card::{
    ATR, CardData, CardFileError, Chip, ElementError, JPKI_AID, Power, SecureElement,
};
use mynumber_core::Principal;
use mynumber_core::ResidentCode;
use mynumber_core::card::{CardKind, Channel, EndReason, IdentityDocument, Reason};
use mynumber_core::pin::PinKind;
use mynumber_pki::{Hierarchy, to_pem};

use crate::{files, secrets};

/// The cards' secure element, shared with the chip's keeper.
pub(crate) type Element = Arc<dyn SecureElement>;

/// A card held for this program until dropped (`SecureElement::hold`).
pub(crate) type Hold = Box<dyn Send>;

/// Reads a card file's bytes and holds its card, so that no other program counts tries on it
/// meanwhile. The file is read again once held: what another program wrote before letting go
/// is what this one sees.
fn read_held(path: &Path, element: &dyn SecureElement) -> Result<(Vec<u8>, Hold)> {
    let read = || std::fs::read(path).with_context(|| format!("reading {}", path.display()));
    let serial =
        CardData::serial_of(&read()?).with_context(|| format!("reading {}", path.display()))?;
    let hold = element.hold(&serial)?;
    let bytes = read()?;
    // Another file put in its place meanwhile would be opened without its card held.
    if CardData::serial_of(&bytes).ok().as_deref() != Some(serial.as_str()) {
        bail!(
            "{} was replaced by another card's file while it was being opened",
            path.display()
        );
    }
    Ok((bytes, hold))
}

/// A card file's bytes, for a step of the register, which holds the card itself.
fn read_card_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Opens a card file through the secure element, and holds its card.
pub(crate) fn load(path: &Path, element: &dyn SecureElement) -> Result<(CardData, Hold)> {
    let (bytes, hold) = read_held(path, element)?;
    let card = CardData::open(&bytes, element).map_err(|e| match e {
        CardFileError::Element(ElementError::NoKey(_)) => anyhow::anyhow!(
            "reading {}: {e}; a card file opens only with the card key store it was made with (give that data directory, or --card-key-store)",
            path.display()
        ),
        e => anyhow::Error::new(e).context(format!("reading {}", path.display())),
    })?;
    Ok((card, hold))
}

/// Seals a card file and writes it owner-only, through a temporary file of an unguessable name
/// created exclusively (never through a planted link) and a rename, so that a reader never sees
/// half a card. Only then is the element told the new generation: a failed write leaves the
/// previous file good.
pub(crate) fn save(path: &Path, card: &CardData, element: &dyn SecureElement) -> Result<()> {
    let sealed = card.seal(element)?;
    files::write_private(path, &sealed.bytes)?;
    element.advance(&card.serial, sealed.generation)?;
    Ok(())
}

/// The card in `path`, held, keeping every PIN try in its file before the chip compares the
/// PIN.
fn open_chip(path: &Path, element: &Element) -> Result<(Chip, Hold)> {
    let (card, hold) = load(path, element.as_ref())?;
    let mut chip = Chip::new(card);
    let file = path.to_owned();
    let keeper = Arc::clone(element);
    chip.keep_with(Box::new(move |data| match save(&file, data, keeper.as_ref()) {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "the card file cannot be written; no PIN is checked");
            false
        }
    }));
    Ok((chip, hold))
}

/// One command to the chip; the response's data, or the status word that refused it.
fn send(chip: &mut Chip, apdu: &[u8]) -> Result<Vec<u8>, [u8; 2]> {
    let mut r = chip.transmit(apdu);
    let sw = r.split_off(r.len().saturating_sub(2));
    match sw.as_slice() {
        [0x90, 0x00] => Ok(r),
        [a, b] => Err([*a, *b]),
        _ => Err([0x6F, 0x00]),
    }
}

/// What a refusing status word means, for a person.
fn refused(sw: [u8; 2]) -> String {
    match sw {
        [0x63, x] if x & 0xF0 == 0xC0 => {
            format!("wrong PIN: {} tries left", x & 0x0F)
        }
        [0x69, 0x84] => "the PIN is locked: reset it at the municipal counter".to_owned(),
        [0x65, 0x81] => {
            "the card file cannot be written, so no PIN was checked (is it read-only?)".to_owned()
        }
        [0x69, 0x82] => "the PIN that opens this is not verified".to_owned(),
        [0x6A, 0x82] => "the card has no such file (no such certificate on this card)".to_owned(),
        [a, b] => format!("the card answered {a:02X} {b:02X}"),
    }
}

fn select(chip: &mut Chip, fid: u16) -> Result<()> {
    let [hi, lo] = fid.to_be_bytes();
    send(chip, &[0x00, 0xA4, 0x02, 0x0C, 0x02, hi, lo])
        .map_err(|sw| anyhow::anyhow!(refused(sw)))?;
    Ok(())
}

fn select_jpki(chip: &mut Chip) -> Result<()> {
    let mut apdu = vec![0x00, 0xA4, 0x04, 0x0C, 0x0A];
    apdu.extend_from_slice(&JPKI_AID);
    send(chip, &apdu).map_err(|sw| anyhow::anyhow!(refused(sw)))?;
    Ok(())
}

/// Verifies a PIN (its file is selected first), as the client software does: a signature
/// password is upper-cased.
fn verify(chip: &mut Chip, pin_fid: u16, kind: PinKind, pin: &str) -> Result<()> {
    select(chip, pin_fid)?;
    let pin = if kind == PinKind::Signature {
        pin.to_ascii_uppercase()
    } else {
        pin.to_owned()
    };
    let mut apdu = vec![0x00, 0x20, 0x00, 0x80, u8::try_from(pin.len()).unwrap_or(0)];
    apdu.extend_from_slice(pin.as_bytes());
    send(chip, &apdu).map_err(|sw| anyhow::anyhow!(refused(sw)))?;
    Ok(())
}

/// Reads the selected file whole: its DER length from the first 4 bytes, then 256-byte chunks.
fn read_selected(chip: &mut Chip) -> Result<Vec<u8>> {
    let head =
        send(chip, &[0x00, 0xB0, 0x00, 0x00, 0x04]).map_err(|sw| anyhow::anyhow!(refused(sw)))?;
    let size = match head.as_slice() {
        [0x30, 0x82, hi, lo] => (usize::from(*hi) << 8 | usize::from(*lo)) + 4,
        _ => bail!("the file is not a DER certificate"),
    };
    let mut out = Vec::with_capacity(size);
    while out.len() < size {
        let [hi, lo] = u16::try_from(out.len()).unwrap_or(u16::MAX).to_be_bytes();
        let le = u8::try_from(size - out.len()).unwrap_or(0);
        let part =
            send(chip, &[0x00, 0xB0, hi, lo, le]).map_err(|sw| anyhow::anyhow!(refused(sw)))?;
        if part.is_empty() {
            bail!("the card returned less than the certificate's length");
        }
        out.extend_from_slice(&part);
    }
    Ok(out)
}

/// The file IDs of a key pair: (certificate, CA certificate, key, PIN) (facts §4.3).
fn files(kind: Hierarchy) -> (u16, u16, u16, u16, PinKind) {
    match kind {
        Hierarchy::Signature => (0x0001, 0x0002, 0x001A, 0x001B, PinKind::Signature),
        Hierarchy::Authentication => (0x000A, 0x000B, 0x0017, 0x0018, PinKind::Authentication),
    }
}

fn kind(k: &str) -> Result<Hierarchy> {
    Hierarchy::parse(k)
        .with_context(|| format!("--kind must be signature or authentication, not {k:?}"))
}

/// Writes the file back when the chip counted a PIN try.
fn keep(chip: &mut Chip, path: &Path, element: &dyn SecureElement) -> Result<()> {
    if chip.take_changed() {
        save(path, chip.data(), element)?;
    }
    Ok(())
}

/// `card show`: the serial, the certificates and the PINs' tries; nothing secret.
pub(crate) fn show(path: &Path, element: &dyn SecureElement) -> Result<()> {
    let (card, _hold) = load(path, element)?;
    println!("card {}", card.serial);
    for (name, slot) in [
        ("signature", &card.signature),
        ("authentication", &card.authentication),
    ] {
        match slot {
            None => println!("{name}: no certificate"),
            Some(s) => {
                let c = mynumber_pki::inspect(&s.certificate)
                    .with_context(|| format!("the card's {name} certificate"))?;
                let serial = hex::encode(&c.serial);
                println!(
                    "{name}: certificate {serial}, {}, valid {:.0} to {:.0}",
                    c.subject, c.not_before, c.not_after
                );
            }
        }
    }
    if let Some(info) = &card.info {
        // Printed on the card itself: the number (shown masked here) and, under the photo, the
        // security code that 照合番号B ends with (facts §2.1, §2.3).
        let number = mynumber_core::IndividualNumber::parse(&info.collation_a)
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "(unreadable)".to_owned());
        let code = info.collation_b.get(10..).unwrap_or("");
        println!("Individual Number: {number}; security code: {code}");
        println!(
            "collation tries left: A {}, B {}, birth date {}",
            info.tries[0], info.tries[1], info.tries[2]
        );
    }
    if card.pins.is_empty() {
        println!("PINs: not set (the card has not been handed over)");
    }
    for kind in PinKind::ALL {
        if let Some(p) = card.pin(kind) {
            let state = if p.blocked() { " (locked)" } else { "" };
            println!(
                "PIN {}: {} of {} tries left{state}",
                kind.code(),
                p.tries_left(),
                p.max_tries()
            );
        }
    }
    Ok(())
}

/// `card cert`: a certificate read through the chip (the signature certificate needs its
/// password), as PEM.
pub(crate) fn cert(
    path: &Path,
    element: &Element,
    k: &str,
    ca: bool,
    out: Option<&Path>,
) -> Result<()> {
    let kind = kind(k)?;
    // The signature certificate is read only after the signature password (facts §4.3).
    let pin = if kind == Hierarchy::Signature && !ca {
        Some(secrets::required(
            "MYNUMBER_CARD_PIN",
            "the signature password: ",
        )?)
    } else {
        None
    };
    let pin = pin.as_deref();
    let (cert_fid, ca_fid, _, pin_fid, pin_kind) = files(kind);
    let (mut chip, _hold) = open_chip(path, element)?;
    chip.power(Power::On);
    select_jpki(&mut chip)?;
    let result = (|| {
        if kind == Hierarchy::Signature && !ca {
            let pin = pin.context("the signature certificate is read only with its password")?;
            verify(&mut chip, pin_fid, pin_kind, pin)?;
        }
        select(&mut chip, if ca { ca_fid } else { cert_fid })?;
        read_selected(&mut chip)
    })();
    keep(&mut chip, path, element.as_ref())?;
    let der = result?;
    let pem = to_pem("CERTIFICATE", &der);
    match out {
        Some(p) => files::write_private(p, pem.as_bytes()),
        None => {
            print!("{pem}");
            Ok(())
        }
    }
}

/// DigestInfo for SHA-256 (RFC 8017 §9.2 note 1) over `message`: what the card's key signs.
fn digest_info(message: &[u8]) -> Vec<u8> {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, message);
    let mut info = vec![
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    info.extend_from_slice(digest.as_ref());
    info
}

/// Signs `message` (its SHA-256 as DigestInfo) with one of the card's keys after its PIN, and
/// reads the key's certificate: the chip's own commands, as a reader sends them.
fn sign_on_chip(
    path: &Path,
    element: &Element,
    kind: Hierarchy,
    pin: &str,
    message: &[u8],
) -> Result<(Vec<u8>, Vec<u8>)> {
    sign_digest_info_on_chip(path, element, kind, pin, &digest_info(message))
}

/// Signs a DigestInfo (DER) handed over whole, as for a relying party's document: the card
/// pads it (PKCS#1 v1.5) and signs it with one of its keys after its PIN.
fn sign_digest_info_on_chip(
    path: &Path,
    element: &Element,
    kind: Hierarchy,
    pin: &str,
    info: &[u8],
) -> Result<(Vec<u8>, Vec<u8>)> {
    let (cert_fid, _, key_fid, pin_fid, pin_kind) = files(kind);
    let (mut chip, _hold) = open_chip(path, element)?;
    chip.power(Power::On);
    let result = (|| {
        select_jpki(&mut chip)?;
        verify(&mut chip, pin_fid, pin_kind, pin)?;
        select(&mut chip, key_fid)?;
        let mut apdu = vec![
            0x80,
            0x2A,
            0x00,
            0x80,
            u8::try_from(info.len()).unwrap_or(0),
        ];
        apdu.extend_from_slice(info);
        apdu.push(0x00);
        let signature = send(&mut chip, &apdu).map_err(|sw| anyhow::anyhow!(refused(sw)))?;
        select(&mut chip, cert_fid)?;
        Ok((signature, read_selected(&mut chip)?))
    })();
    keep(&mut chip, path, element.as_ref())?;
    result
}

/// `card sign`: a PKCS#1 v1.5 signature by the card over the SHA-256 of a file, the card's
/// file or a card in a reader.
pub(crate) fn sign(card: &Holder, k: &str, input: &Path, out: &Path) -> Result<()> {
    let kind = kind(k)?;
    let pin = secrets::required("MYNUMBER_CARD_PIN", "the key's PIN: ")?;
    let message = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let (signature, _) = match (card, kind) {
        (Holder::File(path, element), _) => sign_on_chip(path, element, kind, &pin, &message)?,
        (Holder::Reader(module), Hierarchy::Signature) => {
            crate::pkcs11::sign_digest_info(module, &pin, &digest_info(&message))?
        }
        (Holder::Reader(module), _) => crate::pkcs11::sign_authentication(module, &pin, &message)?,
    };
    files::write_private(out, &signature)
}

/// The card a command names: its file, or a card in a reader through a PKCS#11 module.
pub(crate) fn holder(
    d: &crate::setup::Deployment,
    file: Option<std::path::PathBuf>,
    pkcs11: Option<std::path::PathBuf>,
) -> Result<Holder> {
    Ok(match (file, pkcs11) {
        (Some(file), _) => Holder::File(file, d.card_element()?),
        (None, Some(module)) => Holder::Reader(module),
        (None, None) => bail!("give the card file, or --pkcs11 MODULE"),
    })
}

/// `card login`: the authentication app. Fetches a log-in's challenge from the provider's page
/// URL, shows who asks for what and the confirmation number the browser shows, signs the
/// challenge with the user-authentication key after its 4-digit PIN, and sends the signature
/// and the certificate back (docs/design/oidc.md).
/// What the holder is shown before the signature password: the document's digest. For a CMS
/// signature the card signs the digest of the signed attributes, so the app checks that they
/// are what the DigestInfo covers and shows the document's digest and the signing time in
/// them, never the attributes' own digest (docs/design/signing.md).
fn document_to_sign(
    info: &[u8],
    format: Option<&str>,
    signed_attrs: Option<&[u8]>,
) -> Result<String> {
    let digest = mynumber_pki::DigestInfo::parse(info)
        .context("the provider's document to sign is not a DigestInfo")?;
    let attrs = match (format, signed_attrs) {
        (Some("raw"), None) => {
            return Ok(format!(
                "It asks you to sign a document: {} {}.",
                digest.algorithm.name(),
                hex::encode(&digest.digest)
            ));
        }
        (Some("cms"), Some(attrs)) => attrs,
        // Signed attributes come with a CMS signature and only then: otherwise the digest
        // shown would not be the document's.
        _ => bail!("the provider's document to sign is neither raw nor CMS with its attributes"),
    };
    if mynumber_pki::DigestInfo::sha256_of(attrs) != digest {
        bail!("the provider's signed attributes are not what it asks the card to sign");
    }
    let read = mynumber_pki::read_signed_attributes(attrs)
        .context("the provider's signed attributes could not be read")?;
    let at = read
        .signing_time
        .map(|t| format!(", signing time {t}"))
        .unwrap_or_default();
    Ok(format!(
        "It asks you to sign a document: SHA-256 {}{at} (as CMS).",
        hex::encode(&read.content_digest)
    ))
}

/// Where the authentication app finds the card.
pub(crate) enum Holder {
    /// A virtual card's file, and its secure element.
    File(std::path::PathBuf, Element),
    /// A card in a PC/SC reader, through this PKCS#11 module.
    Reader(std::path::PathBuf),
}

/// What the card is about to sign must be for the page the resident was sent to: its first
/// line a log-in's (a relying party's or the portal's), its second the site of the page's URL
/// (the provider's issuer, or the portal), its third the log-in's id in the URL. A page that
/// relays another site's challenge (a phishing page passing on a genuine log-in it began) is
/// refused before the PIN is asked (found in review). The site, to show the resident.
fn signed_for(url: &str, message: &[u8]) -> Result<String> {
    let text = std::str::from_utf8(message).context("the challenge is not text")?;
    let mut lines = text.split('\n');
    let (Some(kind), Some(site), Some(id)) = (lines.next(), lines.next(), lines.next()) else {
        bail!("the challenge is not a log-in's");
    };
    let (expected_site, expected_id) = match kind {
        "mynumber-login-v1" => url
            .split_once("/protocol/openid-connect/login/")
            .map(|(issuer, id)| (issuer.to_owned(), id)),
        "mynumber-portal-login-v1" => url
            .split_once("/portal/login/")
            .map(|(base, id)| (format!("{base}/portal"), id)),
        _ => None,
    }
    .context("the challenge is not for the kind of page given")?;
    if site != expected_site || id != expected_id {
        bail!(
            "the challenge is for {site} (log-in {id}), not for the page given ({url}): it is not signed"
        );
    }
    Ok(site.to_owned())
}

pub(crate) async fn login(card: &Holder, url: &str, ca_file: Option<&Path>) -> Result<()> {
    let url = url.trim().trim_end_matches('/');
    // A relying party's log-in, or the resident's portal's (docs/design/portal.md): both
    // answer the same challenge-and-signature exchange at `…/card`.
    if !url.contains("/protocol/openid-connect/login/") && !url.contains("/portal/login/") {
        bail!(
            "{url:?} is not a log-in page's URL (…/protocol/openid-connect/login/ID or …/portal/login/ID)"
        );
    }
    let card_url = format!("{url}/card");
    let (status, body) = crate::http_client::request("GET", &card_url, None, ca_file).await?;
    if status != 200 {
        bail!("the provider refused: {}", explain(status, &body));
    }
    let challenge = mynumber_api::read_app_challenge(&body)
        .context("the provider's challenge could not be read")?;
    let origin = signed_for(url, &challenge.message)?;
    println!("Logging in at {origin}.");
    println!("{} asks to confirm that it is you.", challenge.client_name);
    let items: Vec<&str> = challenge
        .scopes
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "openid")
        .collect();
    if !items.is_empty() {
        println!("It asks for: {}", items.join(", "));
    }
    println!(
        "Check that your browser shows the confirmation number {}.",
        challenge.confirmation
    );
    if let Some(info) = &challenge.sign_digest_info {
        println!(
            "{}",
            document_to_sign(
                info,
                challenge.sign_format.as_deref(),
                challenge.sign_signed_attrs.as_deref()
            )?
        );
    }
    let pin = secrets::required(
        "MYNUMBER_CARD_PIN",
        "the 4-digit PIN of the user-authentication certificate: ",
    )?;
    let (signature, certificate) = match card {
        Holder::File(path, element) => sign_on_chip(
            path,
            element,
            Hierarchy::Authentication,
            &pin,
            &challenge.message,
        )?,
        Holder::Reader(module) => {
            crate::pkcs11::sign_authentication(module, &pin, &challenge.message)?
        }
    };
    let signed = match &challenge.sign_digest_info {
        Some(info) => {
            let password = secrets::required(
                "MYNUMBER_SIGNATURE_PASSWORD",
                "the signature password (6 to 16 letters and digits): ",
            )?;
            Some(match card {
                Holder::File(path, element) => {
                    sign_digest_info_on_chip(path, element, Hierarchy::Signature, &password, info)?
                }
                Holder::Reader(module) => crate::pkcs11::sign_digest_info(module, &password, info)?,
            })
        }
        None => None,
    };
    let answer = mynumber_api::app_answer(
        &certificate,
        &signature,
        signed.as_ref().map(|(s, c)| (c.as_slice(), s.as_slice())),
    );
    let (status, body) = crate::http_client::request(
        "POST",
        &card_url,
        Some(("application/json", &answer)),
        ca_file,
    )
    .await?;
    if status != 204 {
        bail!("the provider refused: {}", explain(status, &body));
    }
    println!("Done: continue in your browser.");
    Ok(())
}

/// A refusal's words: the problem's, else the status.
fn explain(status: u16, body: &[u8]) -> String {
    mynumber_api::problem_text(body).unwrap_or_else(|| format!("HTTP {status}"))
}

/// `card attach`: plays the card to vpcd (the pcscd driver of vsmartcard) until the reader
/// goes away. vpcd listens; the card connects, and is retried while pcscd is not up yet.
/// Frames are a 2-byte big-endian length and the payload in both directions: one byte is a
/// control (0 power off, 1 power on, 2 reset, 4 ATR, which alone is answered), anything longer
/// a command APDU (interop.md §1.2). Counters are written back to the file as they change.
pub(crate) fn attach(path: &Path, element: &Element, reader: &str, wait: Duration) -> Result<()> {
    let (mut chip, _hold) = open_chip(path, element)?;
    let started = std::time::Instant::now();
    let mut stream = loop {
        match TcpStream::connect(reader) {
            Ok(s) => break s,
            Err(e) if started.elapsed() < wait => {
                tracing::debug!(error = %e, "vpcd is not listening yet");
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => bail!(
                "cannot reach the virtual reader at {reader}: {e} (is pcscd running with vsmartcard-vpcd? see docs/design/card.md)"
            ),
        }
    };
    stream
        .set_nodelay(true)
        .context("configuring the connection")?;
    eprintln!(
        "card {} attached to the virtual reader at {reader}",
        chip.data().serial
    );
    loop {
        let mut len = [0u8; 2];
        match stream.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => {
                eprintln!("the reader closed the connection");
                return Ok(());
            }
            Err(e) => return Err(e).context("reading from the virtual reader"),
        }
        let mut frame = vec![0u8; usize::from(u16::from_be_bytes(len))];
        stream
            .read_exact(&mut frame)
            .context("reading from the virtual reader")?;
        let reply = match frame.as_slice() {
            [0x00] => {
                chip.power(Power::Off);
                None
            }
            [0x01] => {
                chip.power(Power::On);
                None
            }
            [0x02] => {
                chip.power(Power::Reset);
                None
            }
            [0x04] => Some(ATR.to_vec()),
            [_] => None,
            apdu => Some(chip.transmit(apdu)),
        };
        // What changed is kept before the answer leaves: a right PIN's restored counter, a
        // new PIN.
        keep(&mut chip, path, element.as_ref())?;
        if let Some(mut reply) = reply {
            // A response that cannot be framed is refused, not fatal: the session goes on.
            if reply.len() > usize::from(u16::MAX) {
                reply = mynumber_card::response(&[], mynumber_card::Sw::WRONG_LENGTH);
            }
            let n = u16::try_from(reply.len()).context("a response longer than a frame")?;
            let mut out = Vec::with_capacity(reply.len() + 2);
            out.extend_from_slice(&n.to_be_bytes());
            out.extend_from_slice(&reply);
            stream
                .write_all(&out)
                .context("writing to the virtual reader")?;
        }
    }
}

/// The default reader: vpcd's first slot (interop.md §1.1).
pub(crate) const DEFAULT_READER: &str = "127.0.0.1:35963";

fn resident_code(code: &str) -> Result<ResidentCode> {
    ResidentCode::parse(code).map_err(|e| anyhow::anyhow!("resident record code: {e}"))
}

/// The identity documents named by `--identity`.
pub(crate) fn identity_documents(codes: &[String]) -> Result<Vec<IdentityDocument>> {
    codes
        .iter()
        .map(|c| {
            IdentityDocument::parse(c).with_context(|| {
                format!(
                    "--identity {c:?} is not a known document (drivers-licence, passport, residence-card, special-permanent-resident-certificate, disability-certificate, my-number-card; or two of health-insurance, pension-book, student-card, employee-card)"
                )
            })
        })
        .collect()
}

fn print_card(c: &CardRow) {
    let status = match c.status.end_reason() {
        Some(r) => format!("ended ({})", r.code()),
        None => c.status.code().to_owned(),
    };
    println!(
        "card {}\t{}\t{status}\tuntil {}",
        c.serial,
        c.kind.code(),
        c.expiry
    );
}

/// What `card apply` is given.
#[derive(Debug)]
pub(crate) struct ApplyOptions {
    pub(crate) channel: String,
    pub(crate) reason: String,
    pub(crate) application_id: Option<String>,
    pub(crate) photo: Option<std::path::PathBuf>,
    pub(crate) face_recognition: bool,
    pub(crate) no_certificates: bool,
    pub(crate) express: bool,
}

/// `card apply`.
pub(crate) async fn apply(app: &App, who: &Principal, code: &str, o: ApplyOptions) -> Result<()> {
    let channel = Channel::parse(&o.channel).with_context(|| {
        format!(
            "--channel must be counter, mail, online or photo-booth, not {:?}",
            o.channel
        )
    })?;
    let reason = Reason::parse_input(&o.reason).map_err(|e| anyhow::anyhow!("--{e}"))?;
    let photo = o
        .photo
        .as_deref()
        .map(|p| std::fs::read(p).with_context(|| format!("reading {}", p.display())))
        .transpose()?;
    let kind = if o.face_recognition {
        CardKind::FaceRecognition
    } else {
        CardKind::Standard
    };
    let row = app
        .apply_for_card(
            who,
            &resident_code(code)?,
            CardApplication {
                channel,
                reason,
                application_id: o.application_id,
                photo,
                kind,
                with_certificates: !o.no_certificates && kind == CardKind::Standard,
                express: o.express,
            },
        )
        .await?;
    println!(
        "application {} received ({} {}, fee {} yen)",
        row.id,
        row.reason.code(),
        row.kind.code(),
        row.fee_yen
    );
    Ok(())
}

/// `card produce`.
pub(crate) async fn produce(
    app: &App,
    who: &Principal,
    application: &str,
    out: &Path,
) -> Result<()> {
    let produced = app.produce_card(who, application).await?;
    files::write_private(out, &produced.card_file)?;
    print_card(&produced.card);
    eprintln!("card file written to {}", out.display());
    Ok(())
}

/// `card hand-over`: the card file is rewritten with its PINs.
pub(crate) async fn hand_over(
    app: &App,
    who: &Principal,
    serial: &str,
    card: &Path,
    element: &dyn SecureElement,
    identity: &[String],
) -> Result<()> {
    // The register holds the card while it rewrites it (`App::card_file_of`): an attached
    // session holding it meanwhile has the step refused, and a copy it changed is refused as
    // older.
    let file = read_card_file(card)?;
    // The PINs the holder chose: from the environment or standard input, never the command
    // line. A face-recognition card takes none (an empty answer).
    let pin = secrets::read(
        "MYNUMBER_PIN",
        "the 4-digit PIN (empty for a face-recognition card): ",
    )?;
    let registry = std::env::var("MYNUMBER_REGISTRY_PIN").ok();
    let text = std::env::var("MYNUMBER_TEXT_PIN").ok();
    let has_signature = CardData::open(&file, element).is_ok_and(|d| d.signature.is_some());
    let password = if has_signature {
        secrets::read("MYNUMBER_SIGNATURE_PASSWORD", "the signature password: ")?
    } else {
        None
    };
    let pins = [
        (PinKind::Authentication, pin.clone()),
        (PinKind::ResidentRegistry, registry.or(pin.clone())),
        (PinKind::TextInput, text.or(pin)),
        (PinKind::Signature, password),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let done = app
        .hand_over_card(
            who,
            serial,
            HandOver {
                documents: identity_documents(identity)?,
                pins,
                card_file: file,
            },
        )
        .await?;
    files::write_private(card, &done.card_file)?;
    print_card(&done.card);
    Ok(())
}

/// `card suspend`.
pub(crate) async fn suspend(app: &App, who: &Principal, serial: &str) -> Result<()> {
    print_card(&app.suspend_card(who, serial).await?);
    Ok(())
}

/// `card resume`: the card file gets its new signature certificate.
pub(crate) async fn resume(
    app: &App,
    who: &Principal,
    serial: &str,
    card: &Path,
    identity: &[String],
) -> Result<()> {
    // The register holds the card while it rewrites it (`App::card_file_of`): an attached
    // session holding it meanwhile has the step refused, and a copy it changed is refused as
    // older.
    let file = read_card_file(card)?;
    let done = app
        .resume_card(who, serial, &identity_documents(identity)?, &file)
        .await?;
    files::write_private(card, &done.card_file)?;
    print_card(&done.card);
    Ok(())
}

/// Which step at the counter rewrites the chip: `card amend` or `card extend`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rewrite {
    /// After a move or a name change; the continuation after a transfer-in.
    Amend,
    /// A foreign resident's card to the new end of the stay.
    Extend,
}

/// `card amend` and `card extend`: the 住基 PIN from the environment or standard input (empty for a
/// face-recognition card). A PIN the card refuses still rewrites the card file, since the card
/// counted the try.
pub(crate) async fn amend(
    app: &App,
    who: &Principal,
    serial: &str,
    card: &Path,
    identity: &[String],
    rewrite: Rewrite,
) -> Result<()> {
    let pin = match std::env::var("MYNUMBER_REGISTRY_PIN") {
        Ok(pin) => Some(pin),
        Err(_) => secrets::read(
            "MYNUMBER_PIN",
            "the resident-registry PIN (empty for a face-recognition card): ",
        )?,
    };
    // The register holds the card while it rewrites it (`App::card_file_of`): an attached
    // session holding it meanwhile has the step refused, and a copy it changed is refused as
    // older.
    let file = read_card_file(card)?;
    let amendment = CardAmendment {
        documents: identity_documents(identity)?,
        pin,
        card_file: file,
    };
    let done = match rewrite {
        Rewrite::Amend => app.amend_card(who, serial, amendment).await,
        Rewrite::Extend => app.extend_card(who, serial, amendment).await,
    };
    let additions = done.as_ref().map(|d| d.card.additions).ok();
    finish(card, done)?;
    if let Some(n) = additions {
        println!(
            "additions field (追記欄): {n} of {} lines used{}",
            mynumber_core::card::ADDITIONS_LINES,
            if n >= mynumber_core::card::ADDITIONS_LINES {
                "; full: a free re-issue (reason additions-full) can be applied for"
            } else {
                ""
            }
        );
    }
    Ok(())
}

/// Writes the card file a step at the counter returned, or the one a refused PIN left (the
/// card counted the try), and prints the card.
fn finish(card: &Path, done: Result<mynumber_app::CardWithFile, AppError>) -> Result<()> {
    match done {
        Ok(done) => {
            files::write_private(card, &done.card_file)?;
            print_card(&done.card);
            Ok(())
        }
        Err(AppError::WrongPin(wrong)) => {
            files::write_private(card, &wrong.card_file)?;
            Err(AppError::WrongPin(wrong).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// `card certify`: the card makes the key pairs with the holder's PINs (from the environment
/// or standard input, never the command line) and the card file gets the certificates. A PIN
/// the card refuses still rewrites the card file, since the card counted the try.
pub(crate) async fn certify(
    app: &App,
    who: &Principal,
    serial: &str,
    card: &Path,
    identity: &[String],
    certificates: &[String],
) -> Result<()> {
    let hierarchies = certificates
        .iter()
        .map(|c| {
            Hierarchy::parse(c).with_context(|| {
                format!("--certificate must be signature or authentication, not {c:?}")
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut pins = Vec::new();
    if hierarchies.contains(&Hierarchy::Authentication) {
        let pin = secrets::required("MYNUMBER_PIN", "the user-authentication PIN: ")?;
        pins.push((PinKind::Authentication, pin));
    }
    if hierarchies.contains(&Hierarchy::Signature) {
        let pin = secrets::required("MYNUMBER_SIGNATURE_PASSWORD", "the signature password: ")?;
        pins.push((PinKind::Signature, pin));
    }
    // The register holds the card while it rewrites it (`App::card_file_of`): an attached
    // session holding it meanwhile has the step refused, and a copy it changed is refused as
    // older.
    let file = read_card_file(card)?;
    let done = app
        .certify_card(
            who,
            serial,
            CardCertification {
                documents: identity_documents(identity)?,
                hierarchies,
                pins,
                card_file: file,
            },
        )
        .await;
    finish(card, done)
}

/// `card end`.
pub(crate) async fn end(app: &App, who: &Principal, serial: &str, reason: &str) -> Result<()> {
    let reason = EndReason::parse(reason)
        .with_context(|| format!("--reason must be abolished or returned, not {reason:?}"))?;
    print_card(&app.end_card(who, serial, reason).await?);
    Ok(())
}

/// `card reset-pin`: the new PIN from MYNUMBER_NEW_PIN or standard input, never the command
/// line.
pub(crate) async fn reset_pin(
    app: &App,
    who: &Principal,
    serial: &str,
    card: &Path,
    identity: &[String],
    kind: &str,
) -> Result<()> {
    let kind = PinKind::parse(kind).with_context(|| {
        format!("--kind must be signature, authentication, resident-registry or text-input, not {kind:?}")
    })?;
    let pin = secrets::required("MYNUMBER_NEW_PIN", "the new PIN: ")?;
    // The register holds the card while it rewrites it (`App::card_file_of`): an attached
    // session holding it meanwhile has the step refused, and a copy it changed is refused as
    // older.
    let file = read_card_file(card)?;
    let done = app
        .reset_card_pin(
            who,
            serial,
            &identity_documents(identity)?,
            kind,
            &pin,
            &file,
        )
        .await?;
    files::write_private(card, &done.card_file)?;
    println!("{} PIN reset; every try available", kind.code());
    Ok(())
}

/// `card list`.
pub(crate) async fn list(app: &App, who: &Principal, code: &str) -> Result<()> {
    let (cards, applications) = app.cards(who, &resident_code(code)?).await?;
    for c in &cards {
        print_card(c);
    }
    for a in &applications {
        println!(
            "application {}\t{}\t{}\tfee {} yen\t{}",
            a.id,
            a.reason.code(),
            a.applied_on,
            a.fee_yen,
            a.card_serial
                .as_deref()
                .map_or_else(|| "waiting".to_owned(), |s| format!("card {s}"))
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_sees_the_documents_digest_not_the_attributes() {
        let at = jiff::Timestamp::from_second(1_780_000_000).expect("time");
        let document = [7u8; 32];
        let attrs = mynumber_pki::signed_attributes(&document, at).expect("attributes");
        let info = mynumber_pki::DigestInfo::sha256_of(&attrs).to_der();
        let shown = document_to_sign(&info, Some("cms"), Some(&attrs)).expect("shown");
        assert!(shown.contains(&hex::encode(document)), "{shown}");
        assert!(shown.contains("2026-05-28T20:26:40Z"), "{shown}");
        let attrs_digest = hex::encode(mynumber_pki::DigestInfo::sha256_of(&attrs).digest);
        assert!(!shown.contains(&attrs_digest), "{shown}");
        // Attributes other than those the card would sign are refused before any password.
        let other = mynumber_pki::signed_attributes(&[8u8; 32], at).expect("attributes");
        assert!(document_to_sign(&info, Some("cms"), Some(&other)).is_err());
        // CMS without its attributes, or raw with some: refused, never shown as the document.
        assert!(document_to_sign(&info, Some("cms"), None).is_err());
        assert!(document_to_sign(&info, Some("raw"), Some(&attrs)).is_err());
        assert!(document_to_sign(&info, None, None).is_err());
        // A raw DigestInfo is shown as it is.
        let raw = mynumber_pki::DigestInfo::sha256(&document)
            .expect("digest")
            .to_der();
        let shown = document_to_sign(&raw, Some("raw"), None).expect("shown");
        assert!(shown.contains(&hex::encode(document)), "{shown}");
    }
}

#[cfg(test)]
mod signed_for_tests {
    use super::signed_for;

    #[test]
    fn the_card_signs_only_for_the_page_it_was_sent_to() {
        let portal = "https://city.example/portal/login/abc";
        let ok = b"mynumber-portal-login-v1\nhttps://city.example/portal\nabc\nchallenge\n";
        assert_eq!(
            signed_for(portal, ok).unwrap(),
            "https://city.example/portal"
        );
        let rp = "https://city.example/api/realms/main/protocol/openid-connect/login/abc";
        let ok = b"mynumber-login-v1\nhttps://city.example/api/realms/main\nabc\nc\n";
        assert!(signed_for(rp, ok).is_ok());
        // Relayed by another site, for another log-in, or of the other kind: refused.
        let relayed = b"mynumber-portal-login-v1\nhttps://city.example/portal\nabc\nc\n";
        assert!(signed_for("https://evil.example/portal/login/abc", relayed).is_err());
        assert!(signed_for("https://city.example/portal/login/xyz", relayed).is_err());
        assert!(signed_for(rp, relayed).is_err());
        assert!(signed_for(portal, b"anything").is_err());
    }
}
