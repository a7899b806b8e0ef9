//! The real clock and randomness, for the binary; tests supply their own.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{TimeZone, offset};

use crate::{Clock, Random};

/// The system clock, in Japan Standard Time (UTC+9; Japan has no daylight saving time).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_us(&self) -> i64 {
        Timestamp::now().as_microsecond()
    }

    fn today(&self) -> Date {
        Timestamp::now()
            .to_zoned_datetime(TimeZone::fixed(offset(9)))
            .date()
    }
}

/// The operating system's CSPRNG.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        // getrandom fails only when the OS has no entropy source at all, which would make every
        // key and token this system issues guessable: refusing to go on is the only safe choice.
        #[allow(
            clippy::expect_used,
            reason = "no safe fallback exists for a missing CSPRNG"
        )]
        getrandom::fill(buf).expect("the operating system's random number generator failed");
    }
}
