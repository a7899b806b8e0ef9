//! Card files as read from disk: the sealed file's header and the unsealed form are parsed or
//! refused, never a panic, and a parsed unsealed card written back reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_card::{CardData, ElementError, SecureElement};

/// An element that has sealed nothing: every sealed body is refused, and the header parser and
/// the version 1 path are what gets exercised.
#[derive(Debug)]
struct Empty;

impl SecureElement for Empty {
    fn seal(&self, _: &str, _: &[u8], _: &[u8]) -> Result<Vec<u8>, ElementError> {
        Err(ElementError::Failed("read-only".into()))
    }
    fn open(&self, serial: &str, _: &[u8], _: &[u8]) -> Result<Vec<u8>, ElementError> {
        Err(ElementError::NoKey(serial.to_owned()))
    }
    fn generation(&self, _: &str) -> Result<u64, ElementError> {
        Ok(0)
    }
    fn advance(&self, _: &str, _: u64) -> Result<(), ElementError> {
        Ok(())
    }
    fn hold(&self, _: &str) -> Result<Box<dyn Send>, ElementError> {
        Ok(Box::new(()))
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = CardData::serial_of(data);
    let _ = CardData::open(data, &Empty);
    if let Ok(card) = CardData::from_unsealed(data) {
        let bytes = card.to_unsealed();
        assert!(
            CardData::from_unsealed(&bytes).is_ok(),
            "a card written back reads"
        );
    }
});
