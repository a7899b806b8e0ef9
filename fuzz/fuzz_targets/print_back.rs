//! A scan of a print's back, as anyone may upload it to the inquiry page: a PNG, JPEG or PDF
//! read to its QR symbols, the symbols put together, and a front's text parsed; and a kiosk
//! rule table's stored text. Each is read or refused, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_core::print_back::{Front, join};

fuzz_target!(|data: &[u8]| {
    if let Ok(symbols) = mynumber_render::scan::read_symbols(data) {
        let _ = join(&symbols);
    }
    let _ = join(&data.split(|b| *b == 0xFF).map(<[u8]>::to_vec).collect::<Vec<_>>());
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(front) = Front::parse(text)
    {
        // What parses is exactly what writes.
        assert_eq!(front.to_text(), text);
    }
    if let (Ok(text), Ok(code)) = (
        std::str::from_utf8(data),
        mynumber_core::MunicipalityCode::parse("131041"),
    ) && let Some(table) = mynumber_core::kiosk::RuleTable::parse(code, text)
    {
        let _ = table.problems();
        assert_eq!(
            mynumber_core::kiosk::RuleTable::parse(code, &table.to_text()),
            Some(table)
        );
    }
});
