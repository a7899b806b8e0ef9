//! 印鑑登録 (seal registration): who may register a seal, which impression may be registered,
//! and how a registration ends (issue 13; the choices are in docs/design/kiosk.md).
//!
//! A municipality keeps a register of seals of its own, beside the resident register: one seal
//! per resident, registered at the counter with the resident's identity checked, proved by the
//! seal registration card (印鑑登録証), and certified by the 印鑑登録証明書 that kiosks print.

use jiff::civil::Date;

use crate::dates::age_on;
use crate::{FieldError, MunicipalityCode, RecordStatus, Resident};

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

/// The largest impression image taken: 2 MiB. **Choice**: a 25 mm square at 1,200 dpi is
/// under 1,200 pixels a side, a few hundred KiB as a PNG.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// Why an impression's image is not taken.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ImageProblem {
    /// Not a PNG, cut short, or a chunk whose checksum fails.
    NotPng,
    /// Larger than [`MAX_IMAGE_BYTES`].
    TooBig,
    /// No physical resolution (a `pHYs` chunk in pixels per metre) before the image data:
    /// without it pixels are not millimetres.
    NoResolution,
}

crate::codes!(ImageProblem {
    NotPng => "not-png",
    TooBig => "too-big",
    NoResolution => "no-resolution",
});

impl ImageProblem {
    /// The problem the counter is shown, on the field `impression`.
    pub fn problem(self) -> FieldError {
        FieldError::new(
            "impression",
            match self {
                Self::NotPng => "problem-seal-image-not-png",
                Self::TooBig => "problem-seal-image-too-big",
                Self::NoResolution => "problem-seal-image-no-resolution",
            },
        )
        .arg("max_mib", MAX_IMAGE_BYTES / (1024 * 1024))
    }
}

/// The size of the impression a PNG shows, cropped to the impression as the counter's scanner
/// crops it (**choice**, docs/design/kiosk.md): its width and height in pixels (`IHDR`) at its
/// resolution (`pHYs`, pixels per metre). Only the chunks' headers are read, each checked
/// against its CRC; nothing is decoded.
pub fn png_size(png: &[u8]) -> Result<ImpressionSize, ImageProblem> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if png.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::TooBig);
    }
    let mut rest = png.strip_prefix(&SIGNATURE).ok_or(ImageProblem::NotPng)?;
    let mut pixels = None;
    loop {
        let (length, after) = rest.split_first_chunk::<4>().ok_or(ImageProblem::NotPng)?;
        let length =
            usize::try_from(u32::from_be_bytes(*length)).map_err(|_| ImageProblem::NotPng)?;
        // The type, the data and the CRC over both.
        let typed = after
            .get(..length.checked_add(4).ok_or(ImageProblem::NotPng)?)
            .ok_or(ImageProblem::NotPng)?;
        let crc = after
            .get(typed.len()..typed.len() + 4)
            .ok_or(ImageProblem::NotPng)?;
        if crc32(typed).to_be_bytes() != crc {
            return Err(ImageProblem::NotPng);
        }
        rest = after.get(typed.len() + 4..).ok_or(ImageProblem::NotPng)?;
        let (kind, data) = typed.split_at(4);
        match (kind, pixels) {
            // IHDR comes first, and once: width (4), height (4), then five bytes.
            (b"IHDR", None) if data.len() == 13 => {
                let w = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                let h = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                if w == 0 || h == 0 {
                    return Err(ImageProblem::NotPng);
                }
                pixels = Some((w, h));
            }
            (_, None) => return Err(ImageProblem::NotPng),
            // pHYs: pixels per unit across (4) and down (4), the unit (1: the metre).
            (b"pHYs", Some((w, h))) if data.len() == 9 => {
                let x = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                let y = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                if data[8] != 1 || x == 0 || y == 0 {
                    return Err(ImageProblem::NoResolution);
                }
                let um = |px: u32, per_metre: u32| {
                    u32::try_from(u64::from(px) * 1_000_000 / u64::from(per_metre))
                        .map_err(|_| ImageProblem::NotPng)
                };
                return Ok(ImpressionSize {
                    width_um: um(w, x)?,
                    height_um: um(h, y)?,
                });
            }
            (b"IDAT" | b"IEND", Some(_)) => return Err(ImageProblem::NoResolution),
            _ => {}
        }
    }
}

/// CRC-32 (ISO 3309, as PNG's chunks carry it), bit by bit: chunks before the image data
/// are a few dozen bytes. Also what the demo's impressions are written with.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
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

impl SealRefusal {
    /// The problem the counter is shown, on the field `seal` (the impression's size on
    /// `impression`), with the bounds it broke.
    pub fn problem(self) -> FieldError {
        match self {
            Self::UnderAge => {
                FieldError::new("seal", "problem-seal-under-age").arg("age", MINIMUM_AGE)
            }
            Self::AdultWard => FieldError::new("seal", "problem-seal-adult-ward"),
            Self::NotResident => FieldError::new("seal", "problem-seal-not-resident"),
            Self::AlreadyRegistered => FieldError::new("seal", "problem-seal-already-registered"),
            Self::TooSmall => FieldError::new("impression", "problem-seal-too-small")
                .arg("mm", MIN_SIDE_UM / 1000),
            Self::TooLarge => FieldError::new("impression", "problem-seal-too-large")
                .arg("mm", MAX_SIDE_UM / 1000),
        }
    }
}

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

/// 印鑑登録証の番号 (the number on the seal registration card): nine random digits and a check
/// digit (Luhn, ISO/IEC 7812-1 Annex B), so that a number miskeyed at the counter is caught.
/// **Choice** (docs/design/kiosk.md): each municipality numbers its cards in its own way; the
/// facts name no format.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardNumber(String);

/// How many random digits a [`CardNumber`] carries before its check digit.
const CARD_NUMBER_DIGITS: usize = 9;

impl CardNumber {
    /// The number made from `random` (any value: it is reduced to nine digits).
    pub fn from_random(random: u64) -> Self {
        let body = format!("{:09}", random % 1_000_000_000);
        let check = luhn_check_digit(body.as_bytes());
        Self(format!("{body}{check}"))
    }

    /// Reads a number as typed: ten digits whose last is the check digit of the others.
    pub fn parse(s: &str) -> Option<Self> {
        let bytes = s.as_bytes();
        if bytes.len() != CARD_NUMBER_DIGITS + 1 || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let (body, check) = bytes.split_at(CARD_NUMBER_DIGITS);
        (luhn_check_digit(body) == check[0] - b'0').then(|| Self(s.to_owned()))
    }

    /// The ten digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for CardNumber {
    /// Shown in full: the card number proves nothing without the card and its holder, and it
    /// is not the Individual Number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardNumber({})", self.0)
    }
}

/// The Luhn check digit of ASCII digits.
fn luhn_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 0 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    // The sum is below 10 × 9 digits, so the digit fits a byte.
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

/// Whether a registration kept by `seal_municipality` lapses with the record as it now stands:
/// a registration lives with the residence, so it ends when the record is removed (death, a
/// move-out filed, a period of stay ended) or is kept by another municipality (印鑑登録事務処理
/// 要領; **choice**: at the filing of the move-out, not on its planned date, as the record is
/// removed then, docs/design/kiosk.md).
pub fn lapses(seal_municipality: MunicipalityCode, resident: &Resident) -> bool {
    resident.status != RecordStatus::Active || resident.record.municipality() != seal_municipality
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

    /// Its code: `registered`, or how it ended ([`SealEnd`]'s codes).
    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Ended(end) => end.code(),
        }
    }

    /// Reads back [`SealStatus::code`].
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "registered" => Some(Self::Registered),
            other => SealEnd::parse(other).map(Self::Ended),
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

    /// A PNG's chunks as a scanner writes them: IHDR, then pHYs when `per_metre` is given,
    /// then an empty IDAT and IEND.
    fn png(width: u32, height: u32, per_metre: Option<(u32, u32, u8)>) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
            let mut typed = kind.to_vec();
            typed.extend_from_slice(data);
            out.extend_from_slice(&typed);
            out.extend_from_slice(&crc32(&typed).to_be_bytes());
        }
        let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        if let Some((x, y, unit)) = per_metre {
            let mut phys = x.to_be_bytes().to_vec();
            phys.extend_from_slice(&y.to_be_bytes());
            phys.push(unit);
            chunk(&mut out, b"pHYs", &phys);
        }
        chunk(&mut out, b"IDAT", &[]);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn crc32_known_answer() {
        // The check value of CRC-32/ISO-HDLC, and PNG's IEND chunk as every PNG ends.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    /// 23,622 pixels a metre is 600 dpi: 300 × 500 pixels are 12.700 × 21.166 mm.
    #[test]
    fn a_png_s_size_from_its_header_and_resolution() {
        let cases = [
            (
                png(300, 500, Some((23_622, 23_622, 1))),
                Ok((12_700, 21_166)),
            ),
            (
                png(300, 300, Some((23_622, 11_811, 1))),
                Ok((12_700, 25_400)),
            ),
            (png(300, 300, None), Err(ImageProblem::NoResolution)),
            (
                png(300, 300, Some((23_622, 23_622, 0))),
                Err(ImageProblem::NoResolution),
            ),
            (
                png(300, 300, Some((0, 23_622, 1))),
                Err(ImageProblem::NoResolution),
            ),
            (
                png(0, 300, Some((23_622, 23_622, 1))),
                Err(ImageProblem::NotPng),
            ),
            (b"not a png".to_vec(), Err(ImageProblem::NotPng)),
            (vec![0; MAX_IMAGE_BYTES + 1], Err(ImageProblem::TooBig)),
        ];
        for (i, (bytes, expected)) in cases.into_iter().enumerate() {
            let got = png_size(&bytes).map(|s| (s.width_um, s.height_um));
            assert_eq!(got, expected, "case {i}");
        }
        // One bit changed anywhere in the header chunks: refused, never misread.
        let good = png(300, 500, Some((23_622, 23_622, 1)));
        for at in 8..good.len() - 24 {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(png_size(&bad).is_err(), "byte {at}");
        }
        // Cut short anywhere before its resolution: refused.
        for end in 0..good.len() - 24 {
            assert!(png_size(&good[..end]).is_err(), "cut at {end}");
        }
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
        for status in SealEnd::ALL
            .into_iter()
            .map(SealStatus::Ended)
            .chain([SealStatus::Registered])
        {
            assert_eq!(SealStatus::parse(status.code()), Some(status));
        }
        assert_eq!(SealStatus::parse("ended"), None);
    }

    /// The card number's check digit, by a known answer (the Luhn example of ISO/IEC 7812-1,
    /// 7992739871 → 3), and every single-digit slip and adjacent swap caught.
    #[test]
    fn a_card_number_carries_its_check_digit() {
        assert_eq!(luhn_check_digit(b"7992739871"), 3);
        assert_eq!(CardNumber::from_random(799_273_987).as_str(), "7992739875");
        assert_eq!(CardNumber::from_random(0).as_str(), "0000000000");
        assert_eq!(CardNumber::from_random(u64::MAX).as_str().len(), 10);
        let good = CardNumber::from_random(123_456_789);
        assert_eq!(CardNumber::parse(good.as_str()), Some(good.clone()));
        let digits = good.as_str().as_bytes();
        for at in 0..digits.len() {
            for d in b'0'..=b'9' {
                if d == digits[at] {
                    continue;
                }
                let mut slip = digits.to_vec();
                slip[at] = d;
                let slip = String::from_utf8(slip).unwrap();
                assert_eq!(CardNumber::parse(&slip), None, "{slip}");
            }
        }
        for at in 0..digits.len() - 1 {
            let mut swap = digits.to_vec();
            swap.swap(at, at + 1);
            if swap != digits {
                let swap = String::from_utf8(swap).unwrap();
                assert_eq!(CardNumber::parse(&swap), None, "{swap}");
            }
        }
        for bad in [
            "",
            "123456789",
            "12345678901",
            "12345678９0",
            "１２３４５６７８９０",
        ] {
            assert_eq!(CardNumber::parse(bad), None, "{bad}");
        }
    }
}
