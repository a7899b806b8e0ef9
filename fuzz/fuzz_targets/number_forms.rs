//! The number forms a clerk or a relying party types: Individual Numbers, corporate numbers,
//! resident record codes, municipality codes, prefectures, application ids. Each either parses
//! or says why, and a parsed number prints back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_core::{
    ApplicationId, CorporateNumber, IndividualNumber, MunicipalityCode, Prefecture, ResidentCode,
};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = IndividualNumber::parse(s) {
        let again = IndividualNumber::parse(n.expose_digits()).expect("a parsed number parses");
        assert_eq!(again.expose_digits(), n.expose_digits());
        // Debug never shows it.
        assert!(!format!("{n:?}").contains(n.expose_digits()));
    }
    let _ = CorporateNumber::parse(s);
    let _ = ResidentCode::parse(s);
    let _ = MunicipalityCode::parse(s);
    let _ = Prefecture::parse(s);
    let _ = ApplicationId::parse(s);
});
