//! JPKI certificate profiles (facts §3.2): what a signature certificate (署名用電子証明書) and a
//! user-authentication certificate (利用者証明用電子証明書) carry, and how long they are valid
//! (facts §2.2). Pure functions of their inputs.

use jiff::civil::Date;
use mynumber_core::{MunicipalityCode, Sex};

/// The two issuing hierarchies, as in the real system.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Hierarchy {
    /// 署名用電子証明書: signs documents; carries the holder's four basic items.
    Signature,
    /// 利用者証明用電子証明書: proves "this is the holder"; carries nothing personal.
    Authentication,
}

mynumber_core::codes!(Hierarchy {
    Signature => "signature",
    Authentication => "authentication",
});

impl Hierarchy {
    /// The CA's organizational unit, as the real trust anchors name theirs.
    pub(crate) fn unit(self) -> &'static str {
        match self {
            Self::Signature => "JPKI for digital signature",
            Self::Authentication => "JPKI for user authentication",
        }
    }
}

/// The arc of the JPKI subjectAltName otherName values (facts §3.2).
pub const JPKI_SAN_ARC: [u64; 8] = [1, 2, 392, 200_149, 8, 5, 5, 0];

/// The holder's four basic items (基本4情報) as the signature certificate carries them.
/// `Debug` shows none of them: personal data stays out of logs (house style G).
#[derive(Clone, PartialEq, Eq)]
pub struct BasicFour {
    /// 氏名: family and given name separated by U+3000 (ideographic space).
    pub name: String,
    /// 性別.
    pub sex: Sex,
    /// 生年月日.
    pub birth_date: Date,
    /// 住所: the whole address.
    pub address: String,
}

impl std::fmt::Debug for BasicFour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasicFour").finish_non_exhaustive()
    }
}

impl BasicFour {
    /// The otherName values in the order a real card carries them (5.5.1, .4, .3, .5, .2, .6);
    /// relying parties must read them by OID, not position.
    pub fn other_names(&self) -> Vec<(u64, String)> {
        let address = full_width_digits(&self.address);
        vec![
            (1, self.name.clone()),
            (4, birth_value(self.birth_date)),
            (3, self.sex.code().to_string()),
            (5, address.clone()),
            (2, substitute_flags(&self.name)),
            (6, substitute_flags(&address)),
        ]
    }
}

/// 氏名・住所の代替文字使用位置情報: one digit per character, `1` where a substitute character
/// (代替文字) replaced a 外字. Every character here is in Unicode, so every digit is `0`.
fn substitute_flags(s: &str) -> String {
    "0".repeat(s.chars().count())
}

/// Address block numbers in full-width form, as the real certificates carry them.
pub fn full_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            '-' => '－',
            c => c,
        })
        .collect()
}

/// 生年月日 as `EYYYYMMDD`: the era digit (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和) and the
/// Gregorian date (facts §3.2).
pub fn birth_value(date: Date) -> String {
    let era = mynumber_core::dates::era_of(date).map_or(0, |(e, _)| e);
    format!(
        "{era}{:04}{:02}{:02}",
        date.year(),
        date.month(),
        date.day()
    )
}

/// The last day a certificate is valid: the 5th birthday after issuance, never after the card's
/// expiry (facts §2.2). A 29 February birthday falls on 28 February in common years (the age
/// is attained at the end of the day before, 年齢計算ニ関スル法律).
pub fn last_valid_day(birth_date: Date, issued_on: Date, card_expiry: Option<Date>) -> Date {
    let day = mynumber_core::dates::nth_birthday_after(birth_date, issued_on, 5);
    match card_expiry {
        Some(card) if card < day => card,
        _ => day,
    }
}

/// The last instant of a day in Japan Standard Time (23:59:59+09:00), as a certificate's notAfter.
pub fn end_of_day_jst(day: Date) -> jiff::Timestamp {
    let seconds = day
        .to_datetime(jiff::civil::Time::midnight())
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);
    jiff::Timestamp::from_second(seconds + 86_399).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// An opaque subject common name for an end-entity certificate: random characters, the issuing
/// municipality's 5-digit code and the issue date, like the real user-authentication
/// certificates (facts §3.2: the code appears inside the CN, nothing else personal does).
pub fn opaque_common_name(
    random: [u8; 8],
    municipality: MunicipalityCode,
    issued_on: Date,
) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut s: String = random
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    s.push_str(&municipality.as_str()[..5]);
    s.push_str(&format!(
        "{:02}{:02}{:02}A",
        issued_on.year() % 100,
        issued_on.month(),
        issued_on.day()
    ));
    s
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn birth_values_carry_the_era_digit() {
        assert_eq!(birth_value(date(1990, 5, 1)), "419900501");
        assert_eq!(birth_value(date(2019, 4, 30)), "420190430");
        assert_eq!(birth_value(date(2019, 5, 1)), "520190501");
        assert_eq!(birth_value(date(1960, 1, 1)), "319600101");
        assert_eq!(birth_value(date(1920, 1, 1)), "219200101");
    }

    #[test]
    fn validity_runs_to_the_fifth_birthday_after_issuance() {
        // facts §2.2: a test card issued 2025-10-27 to someone born on 17 February: 2030-02-17.
        assert_eq!(
            last_valid_day(date(1990, 2, 17), date(2025, 10, 27), None),
            date(2030, 2, 17)
        );
        // Issued on the birthday itself: that day does not count.
        assert_eq!(
            last_valid_day(date(1990, 10, 27), date(2025, 10, 27), None),
            date(2030, 10, 27)
        );
        // 29 February in a common year.
        assert_eq!(
            last_valid_day(date(2000, 2, 29), date(2025, 3, 1), None),
            date(2030, 2, 28)
        );
        // Never beyond the card.
        assert_eq!(
            last_valid_day(
                date(1990, 2, 17),
                date(2025, 10, 27),
                Some(date(2027, 3, 31))
            ),
            date(2027, 3, 31)
        );
    }

    #[test]
    fn certificates_end_at_midnight_jst() {
        assert_eq!(
            end_of_day_jst(date(2030, 5, 1)).to_string(),
            "2030-05-01T14:59:59Z"
        );
    }

    #[test]
    fn the_signature_certificate_items_in_card_order() {
        let four = BasicFour {
            name: "山田\u{3000}太郎".into(),
            sex: Sex::Male,
            birth_date: date(1990, 5, 1),
            address: "東京都新宿区西新宿2-8-1".into(),
        };
        let items = four.other_names();
        let order: Vec<u64> = items.iter().map(|(o, _)| *o).collect();
        assert_eq!(order, [1, 4, 3, 5, 2, 6]);
        assert_eq!(items[2].1, "1");
        assert_eq!(items[3].1, "東京都新宿区西新宿２－８－１");
        assert_eq!(items[4].1, "00000");
    }

    #[test]
    fn opaque_names_hold_the_municipality_and_date_only() {
        let m = MunicipalityCode::parse("132217").unwrap();
        let cn = opaque_common_name([1, 2, 3, 4, 5, 6, 7, 40], m, date(2025, 10, 27));
        assert_eq!(cn, "12345678".to_owned() + "13221251027A");
    }
}
