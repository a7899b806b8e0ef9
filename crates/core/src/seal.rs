//! 印鑑登録 (seal registration): who may register a seal, which impression may be registered,
//! and how a registration ends (issue 13; the choices are in docs/design/kiosk.md).
//!
//! A municipality keeps a register of seals of its own, beside the resident register: one seal
//! per resident, registered at the counter with the resident's identity checked, proved by the
//! seal registration card (印鑑登録証), and certified by the 印鑑登録証明書 that kiosks print.

use jiff::civil::Date;

use crate::dates::age_on;

/// The age from which a resident may register a seal: under 15 is refused (issue 13).
pub const MINIMUM_AGE: i16 = 15;

/// The side, in micrometres, of the square an impression must not fit inside: 8 mm (issue 13).
pub const MIN_SIDE_UM: u32 = 8_000;

/// The side, in micrometres, of the square an impression must fit inside: 25 mm (issue 13).
pub const MAX_SIDE_UM: u32 = 25_000;

/// The size of a seal's impression: the box around its ink, in micrometres.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ImpressionSize {
    /// Across.
    pub width_um: u32,
    /// Down.
    pub height_um: u32,
}

impl ImpressionSize {
    /// The size of `width_px` × `height_px` pixels scanned at `dpi` dots per inch (25.4 mm),
    /// if the resolution is one.
    pub fn of_pixels(width_px: u32, height_px: u32, dpi: u32) -> Option<Self> {
        let um = |px: u32| {
            u64::from(px)
                .checked_mul(25_400)
                .and_then(|v| v.checked_div(u64::from(dpi)))
                .and_then(|v| u32::try_from(v).ok())
        };
        Some(Self {
            width_um: um(width_px)?,
            height_um: um(height_px)?,
        })
    }
}

/// Whether a resident may register a seal, and the impression is one to register.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SealApplication {
    /// The applicant's date of birth.
    pub birth: Date,
    /// The day of the application.
    pub on: Date,
    /// Whether the applicant is an adult ward (成年被後見人), as the clerk has found; the
    /// resident register does not record it.
    pub adult_ward: bool,
    /// Whether the applicant is a resident of the municipality now (an active record there).
    pub resident_here: bool,
    /// Whether the applicant has a seal registered now.
    pub registered_already: bool,
    /// The impression's size.
    pub size: ImpressionSize,
}

/// Why a seal is not registered. Each has a stable code, for the counter's screen (through the
/// catalogs) and the ledger.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SealRefusal {
    /// The applicant is under [`MINIMUM_AGE`].
    UnderAge,
    /// The applicant is an adult ward.
    AdultWard,
    /// The applicant is not a resident of the municipality.
    NotResident,
    /// The applicant has a seal registered: one seal per resident; a change (改印) ends the
    /// old registration first.
    AlreadyRegistered,
    /// The impression fits inside an 8 mm square.
    TooSmall,
    /// The impression does not fit inside a 25 mm square.
    TooLarge,
}

crate::codes!(SealRefusal {
    UnderAge => "under-age",
    AdultWard => "adult-ward",
    NotResident => "not-resident",
    AlreadyRegistered => "already-registered",
    TooSmall => "too-small",
    TooLarge => "too-large",
});

/// Whether `application` may be registered: the applicant first (residence, age, wardship,
/// a seal already registered), then the impression; the first rule broken is the answer.
pub fn check(application: &SealApplication) -> Result<(), SealRefusal> {
    if !application.resident_here {
        return Err(SealRefusal::NotResident);
    }
    if age_on(application.birth, application.on) < MINIMUM_AGE {
        return Err(SealRefusal::UnderAge);
    }
    if application.adult_ward {
        return Err(SealRefusal::AdultWard);
    }
    if application.registered_already {
        return Err(SealRefusal::AlreadyRegistered);
    }
    let ImpressionSize {
        width_um,
        height_um,
    } = application.size;
    if width_um > MAX_SIDE_UM || height_um > MAX_SIDE_UM {
        return Err(SealRefusal::TooLarge);
    }
    if width_um <= MIN_SIDE_UM && height_um <= MIN_SIDE_UM {
        return Err(SealRefusal::TooSmall);
    }
    Ok(())
}

/// How a seal registration ended.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SealEnd {
    /// 廃止: the resident asked for it to end.
    Abolished,
    /// 亡失: the seal or its registration card was reported lost; a card found later is not
    /// used again.
    Lost,
    /// 改印: replaced by a new seal, registered in the same procedure.
    Changed,
    /// The resident left the municipality or died (the record was removed): the registration
    /// ends with the residence.
    NoLongerResident,
}

crate::codes!(SealEnd {
    Abolished => "abolished",
    Lost => "lost",
    Changed => "changed",
    NoLongerResident => "no-longer-resident",
});

/// Where a registration stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SealStatus {
    /// Registered: certificates are issued for it.
    Registered,
    /// Ended, for good.
    Ended(SealEnd),
}

impl SealStatus {
    /// The status after `end`, or `None` when the registration has ended already: an ended
    /// registration is never reopened (a new one is registered instead).
    pub fn end(self, end: SealEnd) -> Option<Self> {
        match self {
            Self::Registered => Some(Self::Ended(end)),
            Self::Ended(_) => None,
        }
    }

    /// Whether a 印鑑登録証明書 may be issued for it.
    pub fn certifies(self) -> bool {
        self == Self::Registered
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn application(width_um: u32, height_um: u32) -> SealApplication {
        SealApplication {
            birth: date(1990, 4, 1),
            on: date(2026, 12, 5),
            adult_ward: false,
            resident_here: true,
            registered_already: false,
            size: ImpressionSize {
                width_um,
                height_um,
            },
        }
    }

    /// The impression's bounds (issue 13: 8–25 mm square): one that fits inside 8 mm is too
    /// small, one that does not fit inside 25 mm too large, and either side decides.
    #[test]
    fn the_impression_s_size_at_its_bounds() {
        let cases = [
            (8_000, 8_000, Err(SealRefusal::TooSmall)),
            (8_001, 8_000, Ok(())),
            (8_000, 8_001, Ok(())),
            (5_000, 12_000, Ok(())),
            (15_000, 15_000, Ok(())),
            (25_000, 25_000, Ok(())),
            (25_001, 25_000, Err(SealRefusal::TooLarge)),
            (10_000, 25_001, Err(SealRefusal::TooLarge)),
        ];
        for (w, h, expected) in cases {
            assert_eq!(check(&application(w, h)), expected, "{w} × {h} µm");
        }
    }

    #[test]
    fn pixels_at_a_resolution_are_millimetres() {
        // 600 dpi: 189 px is 8.001 mm, 590 px is 24.977 mm.
        assert_eq!(
            ImpressionSize::of_pixels(189, 590, 600),
            Some(ImpressionSize {
                width_um: 8_001,
                height_um: 24_976,
            })
        );
        assert_eq!(ImpressionSize::of_pixels(100, 100, 0), None);
        assert!(ImpressionSize::of_pixels(u32::MAX, 1, 1).is_none());
    }

    /// Who may register, in the order `check` asks.
    #[test]
    fn the_applicant_is_checked_before_the_impression() {
        let ok = application(15_000, 15_000);
        let cases = [
            ("an adult", ok, Ok(())),
            // 15 from the end of the day before the 15th birthday.
            (
                "15 today",
                SealApplication {
                    birth: date(2011, 12, 6),
                    ..ok
                },
                Ok(()),
            ),
            (
                "14",
                SealApplication {
                    birth: date(2011, 12, 7),
                    ..ok
                },
                Err(SealRefusal::UnderAge),
            ),
            (
                "an adult ward",
                SealApplication {
                    adult_ward: true,
                    ..ok
                },
                Err(SealRefusal::AdultWard),
            ),
            (
                "not a resident here, and a ward",
                SealApplication {
                    resident_here: false,
                    adult_ward: true,
                    ..ok
                },
                Err(SealRefusal::NotResident),
            ),
            (
                "a second seal",
                SealApplication {
                    registered_already: true,
                    ..ok
                },
                Err(SealRefusal::AlreadyRegistered),
            ),
            (
                "a second seal, too small",
                SealApplication {
                    registered_already: true,
                    ..application(1_000, 1_000)
                },
                Err(SealRefusal::AlreadyRegistered),
            ),
        ];
        for (name, a, expected) in cases {
            assert_eq!(check(&a), expected, "{name}");
        }
    }

    #[test]
    fn a_registration_ends_once_and_only_a_registered_one_certifies() {
        for end in SealEnd::ALL {
            let ended = SealStatus::Registered.end(end);
            assert_eq!(ended, Some(SealStatus::Ended(end)));
            let ended = ended.unwrap();
            assert!(!ended.certifies());
            for again in SealEnd::ALL {
                assert_eq!(ended.end(again), None, "{end:?} then {again:?}");
            }
        }
        assert!(SealStatus::Registered.certifies());
    }
}
