//! The exchange network's texts, as agencies send them and answers come back (issue 14): a
//! request, an answer, a copy and a permission table, each read or refused, never a panic, and
//! what reads writes back byte for byte, so that a signature over the text is over the very
//! thing read (outside-world §3.5, G6.5).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber_core::exchange::parse_for_fuzzing(data);
});
