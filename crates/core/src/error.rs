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

/// A field of a record failed validation; `field` names it as the API and CSV do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    /// The field's name (`birth_date`, `municipality_code`, …).
    pub field: &'static str,
    /// What is wrong, in a sentence a clerk can act on.
    pub problem: String,
}

impl FieldError {
    /// A field error with its message.
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }
}
