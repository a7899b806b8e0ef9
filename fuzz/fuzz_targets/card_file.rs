//! Card files as read from disk: parsed or refused, and a parsed one written back reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_card::CardData;

fuzz_target!(|data: &[u8]| {
    if let Ok(card) = CardData::from_unsealed(data) {
        let bytes = card.to_unsealed();
        assert!(
            CardData::from_unsealed(&bytes).is_ok(),
            "a card written back reads"
        );
    }
});
