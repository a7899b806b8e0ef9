//! The images a counter takes from outside: a card application's photo (a JPEG, its markers
//! read up to the frame header) and a seal's impression (a PNG, its chunks read up to its
//! resolution). Each is taken or refused with a reason, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_core::card::Channel;
use mynumber_core::{photo, seal};

fuzz_target!(|data: &[u8]| {
    for channel in Channel::ALL {
        let _ = photo::check(data, channel);
    }
    if let Ok(size) = seal::png_size(data) {
        // Taken only from a PNG of bounded size that states its resolution.
        assert!(data.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(data.windows(4).any(|w| w == b"pHYs"));
        assert!(data.len() <= seal::MAX_IMAGE_BYTES);
        let _ = seal::check(&seal::SealApplication {
            birth: jiff::civil::date(1990, 1, 1),
            on: jiff::civil::date(2026, 12, 5),
            adult_ward: false,
            resident_here: true,
            registered_already: false,
            size,
        });
    }
});
