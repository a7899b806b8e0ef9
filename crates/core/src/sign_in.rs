//! Staff sign-in for browsers (issue 11; docs/design/web.md): the second factor (TOTP, RFC 6238
//! over HOTP, RFC 4226), the login name's form, and the rules of a session (idle and absolute
//! lifetimes, lockout after failures). Pure: the time and the secret are arguments.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use crate::FieldError;

/// TOTP time step (RFC 6238 §4.1 `X`): 30 seconds, what authenticator apps assume.
pub const TOTP_STEP_SECONDS: i64 = 30;

/// Digits of a TOTP code (RFC 4226 §5.3): 6, what authenticator apps show.
pub const TOTP_DIGITS: u32 = 6;

/// Steps either side of now a code may come from: a phone's clock a little off, or a code typed
/// as it changes (RFC 6238 §5.2 recommends at most one step of network delay).
pub const TOTP_WINDOW: i64 = 1;

/// Bytes of a TOTP secret: 160 bits, the HMAC-SHA-1 key length RFC 4226 §4 recommends.
pub const TOTP_SECRET_BYTES: usize = 20;

/// A session ends after this long without a request (seconds). **Choice**
/// (docs/design/web.md): 30 minutes, the idle limit common for public-sector staff systems.
pub const SESSION_IDLE_SECONDS: i64 = 30 * 60;

/// A session ends this long after sign-in whatever happens (seconds): a working day.
pub const SESSION_MAX_SECONDS: i64 = 12 * 60 * 60;

/// Consecutive failed sign-ins after which a login is locked for [`LOCKOUT_SECONDS`].
pub const LOCKOUT_FAILURES: i64 = 5;

/// How long a login stays locked after [`LOCKOUT_FAILURES`] failures (seconds).
pub const LOCKOUT_SECONDS: i64 = 15 * 60;

/// The shortest password a staff member may choose (NIST SP 800-63B §3.1.1.2 asks at least 8
/// for a password used with a second factor; 12 is our choice, docs/design/web.md).
pub const PASSWORD_MIN_CHARS: usize = 12;

/// The longest password: argon2 takes any length, but a bound keeps a request cheap.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The HOTP value of `secret` at `counter` (RFC 4226 §5.3), [`TOTP_DIGITS`] digits.
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    // HMAC accepts a key of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation: the low nibble of the last byte picks 4 bytes.
    let offset = usize::from(digest[19] & 0x0f);
    let bin = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    bin % 10u32.pow(TOTP_DIGITS)
}

/// The TOTP step of a Unix time (RFC 6238 §4.2, `T0` = 0).
pub fn totp_step(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(TOTP_STEP_SECONDS)
}

/// Checks a typed TOTP code: the step it matches within [`TOTP_WINDOW`] of now and after
/// `last_step` (a code is accepted once, RFC 6238 §5.2), or `None`.
pub fn check_totp(
    secret: &[u8],
    typed: &str,
    unix_seconds: i64,
    last_step: Option<i64>,
) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != TOTP_DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u32 = typed.parse().ok()?;
    let now = totp_step(unix_seconds);
    (now - TOTP_WINDOW..=now + TOTP_WINDOW)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| u64::try_from(*step).is_ok_and(|s| hotp(secret, s) == value))
}

/// Base32 without padding (RFC 4648 §6), the form authenticator apps take a secret in.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The `otpauth://` URI an authenticator app scans (Key Uri Format, the de facto standard of
/// Google Authenticator): issuer and account percent-encoded.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let issuer = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{}?secret={}&issuer={issuer}&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP_SECONDS}",
        percent_encode(account),
        base32(secret)
    )
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// ログイン名 (login name): what a staff member types to sign in. 3 to 32 characters of
/// lower-case ASCII letters, digits, `.`, `-` and `_`, starting with a letter: typed on any
/// keyboard, and unambiguous when read aloud over a telephone.
pub fn login_name(field: &'static str, text: &str) -> Result<String, FieldError> {
    let login = text.trim().to_ascii_lowercase();
    let ok = (3..=32).contains(&login.len())
        && login.starts_with(|c: char| c.is_ascii_lowercase())
        && login.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        });
    if ok {
        Ok(login)
    } else {
        Err(FieldError::new(field, "problem-give-3-32-letters"))
    }
}

/// A password a staff member chooses: [`PASSWORD_MIN_CHARS`] to [`PASSWORD_MAX_CHARS`]
/// characters, and not the login name.
pub fn check_password(field: &'static str, password: &str, login: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if !(PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&chars) {
        return Err(FieldError::new(field, "problem-password-length")
            .arg("min", PASSWORD_MIN_CHARS)
            .arg("max", PASSWORD_MAX_CHARS));
    }
    if password.to_ascii_lowercase().contains(login) {
        return Err(FieldError::new(field, "problem-do-use-login-name"));
    }
    Ok(())
}

/// Why a session no longer holds, from its times (µs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    /// No request for [`SESSION_IDLE_SECONDS`].
    Idle,
    /// [`SESSION_MAX_SECONDS`] since sign-in.
    Expired,
}

/// Whether a session signed in at `issued_us` and last used at `last_used_us` still holds at
/// `now_us`.
pub fn session_end(issued_us: i64, last_used_us: i64, now_us: i64) -> Option<SessionEnd> {
    if now_us - issued_us >= SESSION_MAX_SECONDS * 1_000_000 {
        Some(SessionEnd::Expired)
    } else if now_us - last_used_us >= SESSION_IDLE_SECONDS * 1_000_000 {
        Some(SessionEnd::Idle)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4226 Appendix D: the HOTP values of the secret "12345678901234567890".
    #[test]
    fn hotp_matches_rfc_4226_appendix_d() {
        let secret = b"12345678901234567890";
        let want = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, want) in want.iter().enumerate() {
            assert_eq!(hotp(secret, counter as u64), *want, "counter {counter}");
        }
    }

    /// RFC 6238 Appendix B (SHA-1 rows), last 6 of the 8 digits given there.
    #[test]
    fn totp_matches_rfc_6238_appendix_b() {
        let secret = b"12345678901234567890";
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            let step = u64::try_from(totp_step(time)).unwrap();
            assert_eq!(
                format!("{:06}", hotp(secret, step)),
                eight[2..],
                "T = {time}"
            );
            assert_eq!(
                check_totp(secret, &eight[2..], time, None),
                Some(totp_step(time))
            );
        }
    }

    #[test]
    fn a_code_is_taken_once_and_only_near_now() {
        let secret = b"12345678901234567890";
        let now = 1_111_111_111;
        let code = |t: i64| format!("{:06}", hotp(secret, u64::try_from(totp_step(t)).unwrap()));
        let step = totp_step(now);
        assert_eq!(
            check_totp(secret, &code(now - 30), now, None),
            Some(step - 1)
        );
        assert_eq!(
            check_totp(secret, &code(now + 30), now, None),
            Some(step + 1)
        );
        assert_eq!(check_totp(secret, &code(now - 90), now, None), None);
        assert_eq!(
            check_totp(secret, &code(now), now, Some(step)),
            None,
            "replayed"
        );
        assert_eq!(
            check_totp(secret, &code(now), now, Some(step - 1)),
            Some(step)
        );
        assert_eq!(check_totp(secret, "12345", now, None), None);
        assert_eq!(check_totp(secret, "abcdef", now, None), None);
        let spaced = format!("{} {}", &code(now)[..3], &code(now)[3..]);
        assert_eq!(check_totp(secret, &spaced, now, None), Some(step));
    }

    /// RFC 4648 §10 test vectors.
    #[test]
    fn base32_matches_rfc_4648() {
        for (input, want) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(input.as_bytes()), want);
        }
    }

    #[test]
    fn the_uri_names_issuer_account_and_secret() {
        assert_eq!(
            otpauth_uri("mynumber 新宿区", "tanaka", b"foobar"),
            "otpauth://totp/mynumber%20%E6%96%B0%E5%AE%BF%E5%8C%BA:tanaka?secret=MZXW6YTBOI\
             &issuer=mynumber%20%E6%96%B0%E5%AE%BF%E5%8C%BA&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn login_names_and_passwords() {
        assert_eq!(login_name("login", " Tanaka.K ").unwrap(), "tanaka.k");
        for bad in ["", "ab", "1abc", "tanaka k", "田中", &"a".repeat(33)] {
            assert!(login_name("login", bad).is_err(), "{bad:?}");
        }
        assert!(check_password("password", "correct horse battery", "tanaka").is_ok());
        assert!(check_password("password", "short", "tanaka").is_err());
        assert!(check_password("password", "my-TANAKA-password", "tanaka").is_err());
        assert!(check_password("password", &"x".repeat(129), "tanaka").is_err());
    }

    #[test]
    fn sessions_end_when_idle_or_old() {
        let s = 1_000_000;
        assert_eq!(session_end(0, 0, (SESSION_IDLE_SECONDS - 1) * s), None);
        assert_eq!(
            session_end(0, 0, SESSION_IDLE_SECONDS * s),
            Some(SessionEnd::Idle)
        );
        let late = SESSION_MAX_SECONDS * s;
        assert_eq!(session_end(0, late - s, late), Some(SessionEnd::Expired));
    }
}
