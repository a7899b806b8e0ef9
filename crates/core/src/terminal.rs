//! Kiosk terminals (コンビニ交付's multi-copy machines, issue 13, docs/design/kiosk.md): where a
//! terminal's registration stands, the shop it stands in, and the rules a terminal's signed
//! request must meet before its signature is even checked. The JSON is read by the API; the
//! signature is checked by `pki::jose`.

use crate::text::clean;
use crate::{FieldError, Invalid, TerminalId};

/// Where a terminal's registration stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TerminalStatus {
    /// In service: its signed requests are taken.
    Active,
    /// Out of service for now (a machine under repair, a key feared copied): nothing it sends
    /// is taken until it is resumed.
    Suspended,
    /// Taken out of service for good; its id is never used again.
    Retired,
}

crate::codes!(TerminalStatus {
    Active => "active",
    Suspended => "suspended",
    Retired => "retired",
});

/// What an administrator does to a terminal.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TerminalEvent {
    /// Active → suspended.
    Suspend,
    /// Suspended → active.
    Resume,
    /// Active or suspended → retired, for good.
    Retire,
}

crate::codes!(TerminalEvent {
    Suspend => "suspend",
    Resume => "resume",
    Retire => "retire",
});

impl TerminalStatus {
    /// The status after `event`, or `None` when the event does not apply (resuming an active
    /// terminal, anything on a retired one).
    pub fn after(self, event: TerminalEvent) -> Option<Self> {
        use TerminalEvent as E;
        match (self, event) {
            (Self::Active, E::Suspend) => Some(Self::Suspended),
            (Self::Suspended, E::Resume) => Some(Self::Active),
            (Self::Active | Self::Suspended, E::Retire) => Some(Self::Retired),
            _ => None,
        }
    }
}

/// The longest shop code taken: a chain's store numbers are a few digits; 32 leaves room.
pub const SHOP_CODE_MAX: usize = 32;

/// The longest shop name taken.
pub const SHOP_NAME_MAX: usize = 100;

/// The shop a terminal stands in: the chain's code for it and its name, as the settlement
/// report shows them.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Shop {
    /// The chain's code for the shop: ASCII letters, digits, `-` and `_`.
    pub code: String,
    /// The shop's name.
    pub name: String,
}

impl Shop {
    /// Checks a shop as an administrator typed it; every problem at once.
    pub fn new(code: &str, name: &str) -> Result<Self, Invalid> {
        let mut problems = Vec::new();
        let code = code.trim();
        if code.is_empty()
            || code.len() > SHOP_CODE_MAX
            || !code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        {
            problems
                .push(FieldError::new("shop_code", "problem-shop-code").arg("max", SHOP_CODE_MAX));
        }
        let name = match clean("shop_name", name, SHOP_NAME_MAX) {
            Ok(n) if n.is_empty() => {
                problems.push(FieldError::new("shop_name", "problem-shop-name"));
                None
            }
            Ok(n) => Some(n),
            Err(e) => {
                problems.push(e);
                None
            }
        };
        match name {
            Some(name) if problems.is_empty() => Ok(Self {
                code: code.to_owned(),
                name,
            }),
            _ => Err(Invalid(problems)),
        }
    }
}

/// Clock difference tolerated between a terminal and the centre, in seconds: a request made
/// longer ago (or later) than this is refused. **Choice** (docs/design/kiosk.md): a kiosk's
/// request is answered at once; a minute covers clocks a little off and keeps a captured request
/// short-lived.
pub const SKEW_S: i64 = 60;

/// The `typ` a terminal's signed request carries, so that no other JWS of the system (an
/// organisation's assertion, an ID token) passes for one.
pub const REQUEST_TYPE: &str = "kiosk+jwt";

/// The header and envelope of a terminal's signed request, as the API read them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Envelope {
    /// `alg` of the header.
    pub alg: String,
    /// `typ` of the header.
    pub typ: String,
    /// `kid` of the header: the terminal's id.
    pub kid: String,
    /// The terminal it says it comes from (the payload's `terminal`).
    pub terminal: String,
    /// The shop it says it stands in (`shop`).
    pub shop: String,
    /// The method it is for (`htm`).
    pub method: String,
    /// The path it is for (`htu`).
    pub path: String,
    /// When it was made (`iat`, seconds since the epoch).
    pub iat: i64,
}

/// Why a signed request was refused. The terminal is told only that it was refused; the
/// detail goes to the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum EnvelopeRefused {
    /// `alg` is not ES256 (`none` among them).
    #[error("the algorithm is not ES256")]
    Algorithm,
    /// `typ` is not a kiosk request's.
    #[error("the type is not a kiosk request")]
    Type,
    /// `kid` and `terminal` are not both this terminal's id.
    #[error("the key id and the terminal are not the terminal's")]
    Terminal,
    /// The shop is not the one the terminal is registered in.
    #[error("the shop is not the terminal's")]
    Shop,
    /// The method or path is not the request's own: a signature for one door used at another.
    #[error("the request was signed for another door")]
    Target,
    /// Made more than [`SKEW_S`] before or after now.
    #[error("the request is outside its time")]
    Time,
}

crate::codes!(EnvelopeRefused {
    Algorithm => "algorithm",
    Type => "type",
    Terminal => "terminal",
    Shop => "shop",
    Target => "target",
    Time => "time",
});

/// Checks a signed request's envelope against the terminal it names (`terminal`, registered in
/// `shop`) and the door it arrived at (`method`, `path`) at `now_s`; the first rule broken is
/// the answer.
pub fn check_envelope(
    envelope: &Envelope,
    terminal: TerminalId,
    shop: &str,
    method: &str,
    path: &str,
    now_s: i64,
) -> Result<(), EnvelopeRefused> {
    if envelope.alg != "ES256" {
        return Err(EnvelopeRefused::Algorithm);
    }
    if envelope.typ != REQUEST_TYPE {
        return Err(EnvelopeRefused::Type);
    }
    let id = terminal.to_hex();
    if envelope.kid != id || envelope.terminal != id {
        return Err(EnvelopeRefused::Terminal);
    }
    if envelope.shop != shop {
        return Err(EnvelopeRefused::Shop);
    }
    if !envelope.method.eq_ignore_ascii_case(method) || envelope.path != path {
        return Err(EnvelopeRefused::Target);
    }
    if envelope.iat.abs_diff(now_s) > SKEW_S.unsigned_abs() {
        return Err(EnvelopeRefused::Time);
    }
    Ok(())
}

/// How long a kiosk session waits for its next step, in seconds: a card forgotten in the
/// machine or a resident who walked away ends the session then (issue 13: "a forgotten card and
/// an abandoned session time out"). **Choice** (docs/design/kiosk.md): three minutes, enough to
/// read a screen and type a PIN, short enough that the next customer does not find the last
/// one's session open.
pub const SESSION_STEP_S: i64 = 180;

/// How long a paid session waits for the kiosk's report of its print, in seconds, renewed each
/// time the document is sent again. **Choice** (docs/design/kiosk.md): ten copies of a whole
/// household's record take a multi-copy machine a few minutes; ten minutes leaves room, and a
/// print reported later is refused (never settled: the kiosk refunds).
pub const PRINT_WINDOW_S: i64 = 600;

/// What the card signs at a kiosk: the session and its challenge, under a label of its own so
/// that a signature made for a kiosk is never a log-in's (`oidc::challenge_message`) and the
/// other way round.
pub fn challenge_message(session: &str, challenge_hex: &str) -> Vec<u8> {
    format!("mynumber-kiosk-v1\n{session}\n{challenge_hex}\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_is_suspended_resumed_and_retired_for_good() {
        use TerminalEvent as E;
        use TerminalStatus as S;
        let cases = [
            (S::Active, E::Suspend, Some(S::Suspended)),
            (S::Active, E::Resume, None),
            (S::Active, E::Retire, Some(S::Retired)),
            (S::Suspended, E::Suspend, None),
            (S::Suspended, E::Resume, Some(S::Active)),
            (S::Suspended, E::Retire, Some(S::Retired)),
            (S::Retired, E::Suspend, None),
            (S::Retired, E::Resume, None),
            (S::Retired, E::Retire, None),
        ];
        for (from, event, to) in cases {
            assert_eq!(from.after(event), to, "{from:?} {event:?}");
        }
    }

    #[test]
    fn a_shop_has_a_plain_code_and_a_name() {
        let ok = Shop::new(" 012345 ", "新宿西口店").unwrap();
        assert_eq!(
            (ok.code.as_str(), ok.name.as_str()),
            ("012345", "新宿西口店")
        );
        for (code, name, fields) in [
            ("", "店", vec!["shop_code"]),
            ("01 23", "店", vec!["shop_code"]),
            ("０１２", "店", vec!["shop_code"]),
            (&"9".repeat(SHOP_CODE_MAX + 1), "店", vec!["shop_code"]),
            ("0123", "  ", vec!["shop_name"]),
            ("0123", "店\u{202E}", vec!["shop_name"]),
            ("", "", vec!["shop_code", "shop_name"]),
        ] {
            let got: Vec<&str> = Shop::new(code, name)
                .unwrap_err()
                .0
                .iter()
                .map(|e| e.field)
                .collect();
            assert_eq!(got, fields, "{code:?} {name:?}");
        }
    }

    #[test]
    fn a_kiosk_challenge_is_not_a_log_in_s() {
        let kiosk = challenge_message("s1", "00ff");
        assert_eq!(kiosk, b"mynumber-kiosk-v1\ns1\n00ff\n");
        assert_ne!(kiosk, crate::oidc::challenge_message("i", "s1", "00ff"));
    }

    /// Each rule of the envelope, one broken at a time, and the time at its bounds.
    #[test]
    fn an_envelope_names_its_terminal_shop_door_and_time() {
        let id = TerminalId::from_random([7; 16]);
        let good = Envelope {
            alg: "ES256".into(),
            typ: REQUEST_TYPE.into(),
            kid: id.to_hex(),
            terminal: id.to_hex(),
            shop: "0123".into(),
            method: "POST".into(),
            path: "/api/kiosk/v1/sessions".into(),
            iat: 1_000_000,
        };
        let check = |e: &Envelope, now: i64| {
            check_envelope(e, id, "0123", "POST", "/api/kiosk/v1/sessions", now)
        };
        assert_eq!(check(&good, 1_000_000), Ok(()));
        assert_eq!(check(&good, 1_000_060), Ok(()));
        assert_eq!(check(&good, 999_940), Ok(()));
        assert_eq!(check(&good, 1_000_061), Err(EnvelopeRefused::Time));
        assert_eq!(check(&good, 999_939), Err(EnvelopeRefused::Time));
        let other = TerminalId::from_random([8; 16]).to_hex();
        let cases = [
            (
                Envelope {
                    alg: "none".into(),
                    ..good.clone()
                },
                EnvelopeRefused::Algorithm,
            ),
            (
                Envelope {
                    alg: "HS256".into(),
                    ..good.clone()
                },
                EnvelopeRefused::Algorithm,
            ),
            (
                Envelope {
                    typ: "JWT".into(),
                    ..good.clone()
                },
                EnvelopeRefused::Type,
            ),
            (
                Envelope {
                    kid: other.clone(),
                    ..good.clone()
                },
                EnvelopeRefused::Terminal,
            ),
            (
                Envelope {
                    terminal: other,
                    ..good.clone()
                },
                EnvelopeRefused::Terminal,
            ),
            (
                Envelope {
                    shop: "0124".into(),
                    ..good.clone()
                },
                EnvelopeRefused::Shop,
            ),
            (
                Envelope {
                    method: "GET".into(),
                    ..good.clone()
                },
                EnvelopeRefused::Target,
            ),
            (
                Envelope {
                    path: "/api/kiosk/v1/sessions/x/card".into(),
                    ..good.clone()
                },
                EnvelopeRefused::Target,
            ),
            (
                Envelope {
                    iat: i64::MIN,
                    ..good.clone()
                },
                EnvelopeRefused::Time,
            ),
        ];
        for (e, refused) in cases {
            assert_eq!(check(&e, 1_000_000), Err(refused), "{e:?}");
        }
        assert_eq!(
            check(
                &Envelope {
                    method: "post".into(),
                    ..good.clone()
                },
                1_000_000
            ),
            Ok(())
        );
    }
}
