//! The counter terminal's side of the card: the command APDUs the register sends a card in
//! hand (select, verify a PIN) and what it makes of the answers, shared by the steps at the
//! counter that need the holder's PIN (issue 10).

use mynumber_card::{Chip, Pair, Sw};
use mynumber_core::FieldError;
use mynumber_core::pin::PinKind;
use mynumber_pki::Hierarchy;

use super::Held;
use crate::error::WrongPin;
use crate::{App, AppError};

/// The chip's key pair, its PIN and its key and PIN files for each certificate.
pub(super) fn on_chip(hierarchy: Hierarchy) -> (Pair, PinKind, [u8; 2], [u8; 2]) {
    match hierarchy {
        Hierarchy::Signature => (
            Pair::Signature,
            PinKind::Signature,
            [0x00, 0x1A],
            [0x00, 0x1B],
        ),
        Hierarchy::Authentication => (
            Pair::Authentication,
            PinKind::Authentication,
            [0x00, 0x17],
            [0x00, 0x18],
        ),
    }
}

/// Why the chip did not make a key pair.
pub(super) enum ChipRefused {
    /// The PIN was wrong (the try counted), or is locked.
    Pin(PinKind, u8),
    /// Anything else: the card answered a status word the register does not expect.
    Status(&'static str, Sw),
}

/// Sends one command to the chip; its data, or the status word it answered.
pub(super) fn send(chip: &mut Chip, apdu: &[u8]) -> Result<Vec<u8>, Sw> {
    let mut r = chip.transmit(apdu);
    let sw = match r.as_slice() {
        [.., a, b] => Sw(*a, *b),
        _ => return Err(Sw::WRONG_LENGTH),
    };
    r.truncate(r.len() - 2);
    if sw == Sw::OK { Ok(r) } else { Err(sw) }
}

/// A case-3 or case-4 command APDU in the extended form when its data or answer needs it.
pub(super) fn command(head: [u8; 4], data: &[u8], le: bool) -> Vec<u8> {
    let mut apdu = head.to_vec();
    let extended = le || data.len() > 255;
    if !data.is_empty() {
        if extended {
            apdu.push(0);
            apdu.extend_from_slice(&(data.len().min(0xFFFF) as u16).to_be_bytes());
        } else {
            apdu.push(data.len() as u8);
        }
        apdu.extend_from_slice(data);
    }
    if le {
        if data.is_empty() {
            apdu.push(0);
        }
        apdu.extend_from_slice(&[0, 0]);
    }
    apdu
}

/// Selects `aid` and the PIN file `pin_file`, and has the card check `pin` (it counts the try).
pub(super) fn verify_pin(
    chip: &mut Chip,
    aid: &[u8],
    pin_file: [u8; 2],
    kind: PinKind,
    pin: &str,
) -> Result<(), ChipRefused> {
    let step = |what| move |sw| ChipRefused::Status(what, sw);
    send(chip, &command([0x00, 0xA4, 0x04, 0x0C], aid, false))
        .map_err(step("select the application"))?;
    send(chip, &command([0x00, 0xA4, 0x02, 0x0C], &pin_file, false))
        .map_err(step("select the PIN"))?;
    match send(
        chip,
        &command([0x00, 0x20, 0x00, 0x80], pin.as_bytes(), false),
    ) {
        Ok(_) => Ok(()),
        Err(Sw(0x63, n)) => Err(ChipRefused::Pin(kind, n & 0x0F)),
        Err(Sw(0x69, 0x84)) => Err(ChipRefused::Pin(kind, 0)),
        Err(sw) => Err(ChipRefused::Status("verify the PIN", sw)),
    }
}

impl App {
    /// The error for a step the card refused. A PIN it counted ends the procedure with
    /// [`AppError::WrongPin`], carrying the card file with the try counted (sealed and handed
    /// out: the copy handed in no longer opens, so the try cannot be undone); a locked PIN,
    /// which counts nothing, with a plain refusal. Call it with the writing transaction
    /// dropped: nothing of the register changes.
    pub(super) fn refused_by_card(
        &self,
        chip: &mut Chip,
        refused: ChipRefused,
        held: Held,
    ) -> AppError {
        match refused {
            ChipRefused::Pin(kind, tries_left) => {
                if !chip.take_changed() {
                    return FieldError::new("pins", "problem-pin-locked")
                        .arg("pin", kind.code())
                        .into();
                }
                match self.seal_card(chip.data()) {
                    Ok(sealed) => AppError::WrongPin(WrongPin {
                        kind,
                        tries_left,
                        card_file: self.hand_out(chip.data(), sealed, Some(held)),
                    }),
                    Err(e) => e,
                }
            }
            ChipRefused::Status(what, sw) => AppError::Unavailable(format!(
                "the card did not {what}: it answered {:02X} {:02X}",
                sw.0, sw.1
            )),
        }
    }
}
