//! The exchange network's texts, as agencies send them and answers come back (issue 14): a
//! request, an answer, a copy and a permission table, each read or refused, never a panic, and
//! what reads writes back byte for byte, so that a signature over the text is over the very
//! thing read (outside-world §3.5, G6.5).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_core::exchange::{CopyValues, ExchangeAnswer, ExchangeRequest, PermissionTable};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(r) = ExchangeRequest::parse(text) {
        assert_eq!(r.to_text(), text, "a request reads back as written");
    }
    if let Some(a) = ExchangeAnswer::parse(text) {
        assert_eq!(a.to_text(), text, "an answer reads back as written");
    }
    if let Some(c) = CopyValues::parse(text) {
        assert_eq!(c.to_text(), text, "a copy reads back as written");
    }
    let _ = PermissionTable::parse(text);
    let _ = mynumber_core::history::HistoryReceipt::parse(text);
});
