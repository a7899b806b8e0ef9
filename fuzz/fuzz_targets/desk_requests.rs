//! What the staff screens read from a request: cookies, languages, origins and form bodies.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber_api::fuzzing::desk_requests(data);
});
