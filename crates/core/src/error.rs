//! The core's errors: precise enough to assert on, and never carrying an Individual Number.

use thiserror::Error;

/// Why a number string was rejected. Messages never repeat the input digits.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum NumberError {
    /// The input held no digits at all.
    #[error("no digits were given")]
    Empty,
    /// A character other than a digit, space or hyphen.
    #[error("character {character:?} at position {position} is not a digit, space or hyphen")]
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position among the input's characters.
        position: usize,
    },
    /// The wrong number of digits.
    #[error("expected {expected} digits, found {found}")]
    InvalidLength {
        /// How many digits this kind of number has.
        expected: usize,
        /// How many the input had.
        found: usize,
    },
    /// The digits are well formed but the check digit is wrong (a typo, or a made-up number).
    #[error("the check digit does not match")]
    CheckDigitMismatch,
}

/// A field of a record failed validation: which field (`field` names it as the API and CSV do)
/// and what is wrong, as a message of the desk catalogs (`problem-…`, `locales/desk/`) with its
/// arguments, so that each reader gets it in their own language (issue 11). The English text
/// (`problem()`, `Display`) is for programs, logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name (`birth_date`, `municipality_code`, …).
    pub field: &'static str,
    /// The message's key in the desk catalogs (`problem-…`).
    pub key: &'static str,
    /// The message's arguments, by placeholder name.
    pub args: Vec<(&'static str, ProblemArg)>,
}

/// A value in a field problem's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemArg {
    /// Text, shown as is (codes, serials, a value quoted back).
    Text(String),
    /// A count or a limit.
    Number(i64),
    /// A calendar day, written as the reader writes dates.
    Date(jiff::civil::Date),
}

impl From<&str> for ProblemArg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for ProblemArg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<jiff::civil::Date> for ProblemArg {
    fn from(d: jiff::civil::Date) -> Self {
        Self::Date(d)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for ProblemArg {
            fn from(n: $t) -> Self {
                Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i64, i32, i16, i8, u8, u16, u32, u64, usize);

impl FieldError {
    /// A problem of `field`, told by the desk catalogs' message `key` (`problem-…`).
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            key,
            args: Vec::new(),
        }
    }

    /// The same problem with a value for the message's placeholder `name`.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<ProblemArg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The same problem told of another field (a form's name for it).
    #[must_use]
    pub fn of(mut self, field: &'static str) -> Self {
        self.field = field;
        self
    }

    /// A number or code in `field` that failed its check, told without its digits.
    pub fn from_number(field: &'static str, e: &NumberError) -> Self {
        match e {
            NumberError::Empty => Self::new(field, "problem-number-empty"),
            NumberError::InvalidCharacter {
                character,
                position,
            } => Self::new(field, "problem-number-character")
                .arg("character", format!("{character:?}"))
                .arg("position", *position),
            NumberError::InvalidLength { expected, found } => {
                Self::new(field, "problem-number-length")
                    .arg("expected", *expected)
                    .arg("found", *found)
            }
            NumberError::CheckDigitMismatch => Self::new(field, "problem-number-check-digit"),
        }
    }

    /// What is wrong, in the words of `catalog` (a desk catalog), its dates as it writes them.
    pub fn message(&self, catalog: &mynumber_i18n::Catalog) -> String {
        self.told(catalog, false)
    }

    /// What is wrong, in English: for programs (the API's `problem`), logs and the command
    /// line, with dates in ISO 8601 as programs read them.
    pub fn problem(&self) -> String {
        self.told(mynumber_i18n::desk_catalog("en"), true)
    }

    fn told(&self, catalog: &mynumber_i18n::Catalog, iso_dates: bool) -> String {
        use mynumber_i18n::Arg;
        // Dates are written out first (they borrow nothing), then every argument in order.
        let dates: Vec<String> = self
            .args
            .iter()
            .filter_map(|(_, value)| match value {
                ProblemArg::Date(d) if iso_dates => Some(d.to_string()),
                ProblemArg::Date(d) => Some(catalog.date(d.year(), d.month(), d.day())),
                _ => None,
            })
            .collect();
        let mut dates = dates.iter();
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    ProblemArg::Text(s) => Arg::Text(s),
                    ProblemArg::Number(n) => Arg::Number(*n),
                    ProblemArg::Date(_) => Arg::Text(dates.next().map_or("", String::as_str)),
                };
                (*name, arg)
            })
            .collect();
        catalog.format(self.key, &args)
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.problem())
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_told_in_the_readers_words_and_in_english_for_programs() {
        let e = FieldError::new("effective_date", "problem-before-move-out")
            .arg("date", jiff::civil::date(2026, 12, 9));
        assert_eq!(
            e.message(mynumber_i18n::desk_catalog("ja")),
            "転出日（2026年12月9日）より前の日付です。"
        );
        assert_eq!(
            e.message(mynumber_i18n::desk_catalog("en")),
            "is before the move-out date, 9 Dec 2026"
        );
        assert_eq!(
            e.to_string(),
            "effective_date: is before the move-out date, 2026-12-09"
        );
        let long = FieldError::new("name", "problem-text-length")
            .arg("length", 120_usize)
            .arg("max", 100_usize);
        assert_eq!(
            long.message(mynumber_i18n::desk_catalog("ja")),
            "120 文字あります。100 文字以内にしてください。"
        );
        assert_eq!(
            long.problem(),
            "is 120 characters long; at most 100 are allowed"
        );
    }
}
