//! A client's signed JWT assertion (RFC 7523 §2.2 and §3; OpenID Connect Core §9
//! `private_key_jwt`): the rules its header and claims must meet before its signature is even
//! checked. An organisation proves who it is with its own key this way, never with a shared
//! secret (issue 12). The JSON is read by the API; the signature is checked by `pki::jose`.

/// The longest lifetime an assertion may claim, in seconds. **Choice**
/// (docs/design/organisations.md): RFC 7523 leaves it to the server. An hour is what Authlib,
/// a common relying-party library, claims by default; the `jti` is remembered as long, so a
/// replay is refused all the same.
pub const MAX_LIFETIME_S: i64 = 3600;

/// Clock difference tolerated between the client and the server, in seconds.
pub const SKEW_S: i64 = 60;

/// The longest `jti` accepted.
pub const MAX_JTI: usize = 128;

/// The header and claims of an assertion, as the API read them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Assertion {
    /// `alg` of the header.
    pub alg: String,
    /// `kid` of the header, if any.
    pub kid: Option<String>,
    /// `iss`.
    pub iss: String,
    /// `sub`.
    pub sub: String,
    /// `aud`: one or more audiences.
    pub aud: Vec<String>,
    /// `exp` (seconds since the epoch).
    pub exp: i64,
    /// `iat`, if given.
    pub iat: Option<i64>,
    /// `nbf`, if given.
    pub nbf: Option<i64>,
    /// `jti`.
    pub jti: String,
}

/// Why an assertion was refused. Said to the client as `invalid_client` without the detail
/// (RFC 6749 §5.2); the detail goes to the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssertionRefused {
    /// `alg` is not ES256 (`none` among them: an unsigned token is never accepted).
    #[error("the algorithm is not ES256")]
    Algorithm,
    /// `iss` and `sub` are not both the client's id.
    #[error("iss and sub are not the client's id")]
    Subject,
    /// The audience does not name this server's token endpoint.
    #[error("the audience is not this endpoint")]
    Audience,
    /// Expired, not yet valid, issued in the future, or claiming too long a life.
    #[error("the assertion is outside its time")]
    Time,
    /// No `jti`, or one too long.
    #[error("the assertion has no usable jti")]
    Jti,
}

impl AssertionRefused {
    /// The stable code the ledger records.
    pub fn code(self) -> &'static str {
        match self {
            Self::Algorithm => "algorithm",
            Self::Subject => "subject",
            Self::Audience => "audience",
            Self::Time => "time",
            Self::Jti => "jti",
        }
    }
}

impl Assertion {
    /// Checks the rules for `client_id` at one of `audiences` (the token endpoint's URL, or the
    /// issuer for the OpenID provider's, OIDC Core §9) at `now`
    /// (seconds since the epoch).
    pub fn check(
        &self,
        client_id: &str,
        audiences: &[&str],
        now: i64,
    ) -> Result<(), AssertionRefused> {
        if self.alg != "ES256" {
            return Err(AssertionRefused::Algorithm);
        }
        if self.iss != client_id || self.sub != client_id {
            return Err(AssertionRefused::Subject);
        }
        if !self.aud.iter().any(|a| audiences.contains(&a.as_str())) {
            return Err(AssertionRefused::Audience);
        }
        let expired = self.exp <= now - SKEW_S;
        let too_long = self.exp > now + MAX_LIFETIME_S + SKEW_S;
        let from_future = self.iat.is_some_and(|iat| iat > now + SKEW_S);
        let not_yet = self.nbf.is_some_and(|nbf| nbf > now + SKEW_S);
        if expired || too_long || from_future || not_yet {
            return Err(AssertionRefused::Time);
        }
        if self.jti.is_empty() || self.jti.len() > MAX_JTI {
            return Err(AssertionRefused::Jti);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_400_000;
    const CLIENT: &str = "0123456789abcdef0123456789abcdef";
    const AUD: &str = "https://mynumber.example/api/v1/oauth/token";

    fn good() -> Assertion {
        Assertion {
            alg: "ES256".into(),
            kid: Some("k1".into()),
            iss: CLIENT.into(),
            sub: CLIENT.into(),
            aud: vec![AUD.into()],
            exp: NOW + 120,
            iat: Some(NOW),
            nbf: None,
            jti: "a1".into(),
        }
    }

    #[test]
    fn each_rule_refuses_on_its_own() {
        assert_eq!(good().check(CLIENT, &[AUD], NOW), Ok(()));
        let cases: Vec<(Assertion, AssertionRefused)> = vec![
            (
                Assertion {
                    alg: "none".into(),
                    ..good()
                },
                AssertionRefused::Algorithm,
            ),
            (
                Assertion {
                    alg: "HS256".into(),
                    ..good()
                },
                AssertionRefused::Algorithm,
            ),
            (
                Assertion {
                    iss: "other".into(),
                    ..good()
                },
                AssertionRefused::Subject,
            ),
            (
                Assertion {
                    sub: "other".into(),
                    ..good()
                },
                AssertionRefused::Subject,
            ),
            (
                Assertion {
                    aud: vec!["https://evil.example/token".into()],
                    ..good()
                },
                AssertionRefused::Audience,
            ),
            (
                Assertion {
                    aud: vec![],
                    ..good()
                },
                AssertionRefused::Audience,
            ),
            (
                Assertion {
                    exp: NOW - SKEW_S,
                    ..good()
                },
                AssertionRefused::Time,
            ),
            (
                Assertion {
                    exp: NOW + MAX_LIFETIME_S + SKEW_S + 1,
                    ..good()
                },
                AssertionRefused::Time,
            ),
            (
                Assertion {
                    iat: Some(NOW + SKEW_S + 1),
                    ..good()
                },
                AssertionRefused::Time,
            ),
            (
                Assertion {
                    nbf: Some(NOW + SKEW_S + 1),
                    ..good()
                },
                AssertionRefused::Time,
            ),
            (
                Assertion {
                    jti: String::new(),
                    ..good()
                },
                AssertionRefused::Jti,
            ),
            (
                Assertion {
                    jti: "j".repeat(MAX_JTI + 1),
                    ..good()
                },
                AssertionRefused::Jti,
            ),
        ];
        for (a, why) in cases {
            assert_eq!(a.check(CLIENT, &[AUD], NOW), Err(why), "{a:?}");
        }
        // The bounds themselves are accepted: an audience among several, the skew's edge.
        let edge = Assertion {
            aud: vec!["x".into(), AUD.into()],
            exp: NOW - SKEW_S + 1,
            iat: Some(NOW + SKEW_S),
            ..good()
        };
        assert_eq!(edge.check(CLIENT, &[AUD], NOW), Ok(()));
        let longest = Assertion {
            exp: NOW + MAX_LIFETIME_S + SKEW_S,
            ..good()
        };
        assert_eq!(longest.check(CLIENT, &[AUD], NOW), Ok(()));
    }
}
