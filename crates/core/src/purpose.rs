//! 利用目的 (lawful purposes) for which an Individual Number may be read (番号法第9条, facts §8.1).

use std::fmt;

use crate::FieldError;

/// The three statutory areas: social security, tax and disaster response (番号法第9条, 別表).
pub const STATUTORY_PURPOSES: [&str; 3] = ["disaster-response", "social-security", "tax"];

/// A lawful purpose, one of a [`PurposeSet`].
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Purpose(String);

/// The purposes this deployment accepts: the statutory three plus affairs the law or a
/// municipal ordinance (条例, 番号法第9条第2項) adds, given by configuration.
#[derive(Clone, Debug)]
pub struct PurposeSet {
    codes: Vec<String>,
}

impl PurposeSet {
    /// The statutory purposes only.
    pub fn statutory() -> Self {
        Self {
            codes: STATUTORY_PURPOSES.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// The statutory purposes plus `extra` kebab-case codes.
    pub fn with_extra<'a>(extra: impl IntoIterator<Item = &'a str>) -> Result<Self, FieldError> {
        let mut set = Self::statutory();
        for code in extra {
            let code = code.trim();
            let well_formed = !code.is_empty()
                && code.len() <= 64
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !well_formed {
                return Err(FieldError::new("purpose", "problem-purpose-configured")
                    .arg("given", format!("{code:?}")));
            }
            if !set.codes.iter().any(|c| c == code) {
                set.codes.push(code.to_owned());
            }
        }
        Ok(set)
    }

    /// Accepts `input` if it names a purpose of this set.
    pub fn parse(&self, input: &str) -> Result<Purpose, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::new("purpose", "problem-purpose-required")
                .arg("codes", self.codes.join(", ")));
        }
        self.codes
            .iter()
            .find(|c| *c == s)
            .map(|c| Purpose(c.clone()))
            .ok_or_else(|| {
                FieldError::new("purpose", "problem-purpose-unknown")
                    .arg("given", format!("{s:?}"))
                    .arg("codes", self.codes.join(", "))
            })
    }

    /// The accepted codes.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }
}

impl Purpose {
    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;

    #[test]
    fn only_lawful_purposes_pass() {
        let set = PurposeSet::with_extra(["national-qualification"]).unwrap();
        assert!(set.parse("tax").is_ok());
        assert!(set.parse("national-qualification").is_ok());
        expect![[r#"purpose: "marketing" is not a lawful purpose here; one of: disaster-response, social-security, tax, national-qualification"#]]
            .assert_eq(&set.parse("marketing").unwrap_err().to_string());
        assert!(
            PurposeSet::statutory()
                .parse("national-qualification")
                .is_err()
        );
        assert!(PurposeSet::with_extra(["Bad Code"]).is_err());
    }
}
