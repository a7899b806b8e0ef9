//! Cleaning free text fields: trimmed, no control characters, bounded length.

use crate::FieldError;

/// Trims `input` and rejects control characters and texts longer than `max` characters.
pub(crate) fn clean(field: &'static str, input: &str, max: usize) -> Result<String, FieldError> {
    let s = input.trim();
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(FieldError::new(
            field,
            format!("contains the control character U+{:04X}", c as u32),
        ));
    }
    let n = s.chars().count();
    if n > max {
        return Err(FieldError::new(
            field,
            format!("is {n} characters long; at most {max} are allowed"),
        ));
    }
    Ok(s.to_owned())
}

/// Like [`clean`], but an empty result is `None`.
pub(crate) fn optional(
    field: &'static str,
    input: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    match input {
        None => Ok(None),
        Some(s) => clean(field, s, max).map(|s| (!s.is_empty()).then_some(s)),
    }
}
