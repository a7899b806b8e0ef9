//! Every JSON body the API reads, decoded as its handler would.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber_api::fuzzing::json_bodies(data);
});
