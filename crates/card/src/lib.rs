//! mynumber-card: the virtual My Number Card (個人番号カード). A software chip that answers the
//! same command APDUs as the real card's JPKI application (facts §4; docs/design/card.md), as a
//! pure function from (card state, command) to (card state, response), and the card file that
//! carries the card's state (its keys included) between sessions.
//!
//! Nothing here reads the clock, draws randomness or touches files: the key pairs and the PIN
//! salts come from the caller; the card's secure element, which seals the card file, is a trait
//! the shell implements; and the shell reads and writes the card file and talks to the reader
//! (`mynumber card attach`).

mod apdu;
mod chip;
mod file;
mod info;
mod sealed;

pub use apdu::{Command, Sw, parse, parse_public_key_template, public_key_template, response};
pub use chip::{
    ATR, Chip, FACE_AID, JPKI_AID, JUKI_AID, Keeper, KeySource, MAX_RESPONSE, Pair, Power, TEXT_AID,
};
pub use file::{CardData, CardFileError, KeySlot, PinState};
pub use info::{COLLATION_TRIES, CardInfo, Holder};
pub use sealed::{ElementError, Sealed, SecureElement};
