//! Ages and birthdays as Japanese law counts them. An age is attained at the end of the day
//! before the birthday (年齢計算ニ関スル法律, 民法第143条), so someone born on 29 February
//! attains it on 28 February in a common year; a validity that ends on a birthday (the card's
//! and the certificates', facts §2.2) ends on 28 February then too.

use jiff::civil::Date;

/// The day in Japan (UTC+9; no daylight saving time) of an instant in microseconds since the
/// epoch, as the register records instants.
pub fn japan_date_of(at_us: i64) -> Option<Date> {
    japan_time_of(at_us).map(|t| t.date())
}

/// The date and time in Japan (UTC+9) of an instant in microseconds since the epoch.
pub fn japan_time_of(at_us: i64) -> Option<jiff::civil::DateTime> {
    jiff::Timestamp::from_microsecond(at_us)
        .ok()
        .map(|t| jiff::tz::offset(9).to_datetime(t))
}

/// The instants of a day in Japan: from its first microsecond until before the next day's
/// (µs since the epoch), as a day's settlement counts them.
pub fn japan_day_us(day: Date) -> Option<(i64, i64)> {
    let start = |d: Date| {
        jiff::tz::offset(9)
            .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .ok()
            .map(|t| t.as_microsecond())
    };
    Some((start(day)?, start(day.tomorrow().ok()?)?))
}

/// Age in whole years on `day`: the birthdays reached by the end of the next day, since an
/// age is attained at the end of the day before the birthday. Someone born on 1 January is a
/// year older on 31 December, of the year before.
pub fn age_on(birth: Date, day: Date) -> i16 {
    let next = day.tomorrow().unwrap_or(day);
    let before_birthday = (next.month(), next.day()) < (birth.month(), birth.day());
    next.year() - birth.year() - i16::from(before_birthday)
}

/// The day someone born on `birth` attains `age`: the day before the birthday (民法第143条),
/// so 28 February in a common year for someone born on 29 February.
pub fn attains_age(birth: Date, age: i16) -> Date {
    let year = birth.year().saturating_add(age);
    let birthday = Date::new(year, birth.month(), birth.day())
        .unwrap_or_else(|_| jiff::civil::date(year, 3, 1));
    birthday.yesterday().unwrap_or(birthday)
}

/// The birthday in `year` (28 February for a 29 February birthday in a common year).
pub fn birthday_in(birth: Date, year: i16) -> Date {
    Date::new(year, birth.month(), birth.day())
        .or_else(|_| Date::new(year, birth.month(), birth.day() - 1))
        .unwrap_or(birth)
}

/// The `n`th birthday after `day` (a birthday on `day` itself does not count).
pub fn nth_birthday_after(birth: Date, day: Date, n: u8) -> Date {
    let first = birthday_in(birth, day.year());
    let first_year = if first > day {
        day.year()
    } else {
        day.year() + 1
    };
    birthday_in(birth, first_year + i16::from(n.max(1)) - 1)
}

/// The first day something ending on `last_day` may be renewed: the day after the date three
/// months before it (facts §2.2).
pub fn renewal_opens(last_day: Date) -> Date {
    last_day
        .checked_sub(jiff::Span::new().months(3))
        .and_then(|d| d.tomorrow())
        .unwrap_or(last_day)
}

/// The Japanese era (元号) of a date and the year within it (元年 = 1): 明治 1, 大正 2, 昭和 3,
/// 平成 4, 令和 5, the digits the JPKI birth value uses (facts §3.2); `None` before 明治.
pub fn era_of(date: Date) -> Option<(u8, i16)> {
    const ERAS: [(i16, i8, i8, u8); 5] = [
        (2019, 5, 1, 5),
        (1989, 1, 8, 4),
        (1926, 12, 25, 3),
        (1912, 7, 30, 2),
        (1868, 10, 23, 1),
    ];
    ERAS.iter().find_map(|&(y, m, d, era)| {
        let start = jiff::civil::date(y, m, d);
        (date >= start).then(|| (era, date.year() - y + 1))
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_japan_day_runs_from_15_00_utc_to_15_00_utc() {
        let (from, to) = japan_day_us(jiff::civil::date(2026, 12, 5)).unwrap();
        // 2026-12-04T15:00:00Z and 2026-12-05T15:00:00Z.
        assert_eq!(from, 1_796_396_400_000_000);
        assert_eq!(to - from, 86_400_000_000);
        assert_eq!(japan_date_of(from), Some(jiff::civil::date(2026, 12, 5)));
        assert_eq!(
            japan_date_of(from - 1),
            Some(jiff::civil::date(2026, 12, 4))
        );
        assert_eq!(japan_date_of(to - 1), Some(jiff::civil::date(2026, 12, 5)));
        assert_eq!(japan_day_us(jiff::civil::Date::MAX), None);
    }
    use jiff::civil::date;

    use super::*;

    #[test]
    fn ages_and_birthdays() {
        // 29 February: 24 on 27 February 2025, 25 on the 28th (stack.md pitfall 11).
        assert_eq!(age_on(date(2000, 2, 29), date(2025, 2, 27)), 24);
        assert_eq!(age_on(date(2000, 2, 29), date(2025, 2, 28)), 25);
        assert_eq!(age_on(date(1990, 5, 1), date(2026, 4, 30)), 36);
        assert_eq!(age_on(date(1990, 5, 1), date(2026, 4, 29)), 35);
        // facts §2.2: issued 2025-10-27, born 17 February: the 5th birthday after is 2030-02-17.
        assert_eq!(
            nth_birthday_after(date(1990, 2, 17), date(2025, 10, 27), 5),
            date(2030, 2, 17)
        );
        // A birthday on the day of issue does not count.
        assert_eq!(
            nth_birthday_after(date(1990, 10, 27), date(2025, 10, 27), 5),
            date(2030, 10, 27)
        );
        assert_eq!(
            nth_birthday_after(date(1990, 10, 27), date(2025, 10, 27), 10),
            date(2035, 10, 27)
        );
        assert_eq!(
            nth_birthday_after(date(2000, 2, 29), date(2025, 3, 1), 5),
            date(2030, 2, 28)
        );
        assert_eq!(
            nth_birthday_after(date(2000, 2, 29), date(2025, 3, 1), 3),
            date(2028, 2, 29)
        );
        // facts §2.3: 1980-02-17 is 昭和55; 2019-05-01 令和元年; 2019-04-30 平成31.
        assert_eq!(era_of(date(1980, 2, 17)), Some((3, 55)));
        assert_eq!(era_of(date(2019, 5, 1)), Some((5, 1)));
        assert_eq!(era_of(date(2019, 4, 30)), Some((4, 31)));
        assert_eq!(era_of(date(1989, 1, 7)), Some((3, 64)));
        assert_eq!(era_of(date(1800, 1, 1)), None);
        // Each era's first day (its 元年) and the day before it.
        for (first, era, before) in [
            (date(2019, 5, 1), 5, (4, 31)),
            (date(1989, 1, 8), 4, (3, 64)),
            (date(1926, 12, 25), 3, (2, 15)),
            (date(1912, 7, 30), 2, (1, 45)),
        ] {
            assert_eq!(era_of(first), Some((era, 1)), "{first}");
            let eve = first.yesterday().unwrap();
            assert_eq!(era_of(eve), Some(before), "{eve}");
        }
        assert_eq!(era_of(date(1868, 10, 23)), Some((1, 1)));
        assert_eq!(era_of(date(1868, 10, 22)), None);
        assert_eq!(renewal_opens(date(2030, 5, 1)), date(2030, 2, 2));
        assert_eq!(renewal_opens(date(2030, 5, 31)), date(2030, 3, 1));
    }

    proptest::proptest! {
        /// An age is attained on the day `attains_age` gives, and not the day before.
        #[test]
        fn an_age_is_attained_on_the_day_given(
            year in 1900i16..2100, month in 1i8..=12, day in 1i8..=31, age in 1i16..100
        ) {
            let Ok(birth) = jiff::civil::Date::new(year, month, day) else { return Ok(()) };
            let on = attains_age(birth, age);
            proptest::prop_assert_eq!(age_on(birth, on), age);
            proptest::prop_assert_eq!(age_on(birth, on.yesterday().unwrap()), age - 1);
        }
    }

    #[test]
    fn a_leap_day_birth_attains_its_age_on_28_february() {
        assert_eq!(attains_age(date(2008, 2, 29), 15), date(2023, 2, 28));
        assert_eq!(attains_age(date(2008, 2, 29), 16), date(2024, 2, 28));
        assert_eq!(attains_age(date(2011, 5, 10), 15), date(2026, 5, 9));
        // Born on 1 January: a year older on 31 December (found by the property above; the
        // year of the day was used, so 31 December counted a year short).
        assert_eq!(attains_age(date(2011, 1, 1), 15), date(2025, 12, 31));
        assert_eq!(age_on(date(2011, 1, 1), date(2025, 12, 31)), 15);
        assert_eq!(age_on(date(2011, 1, 1), date(2025, 12, 30)), 14);
    }
}
