//! Command and response APDUs (ISO/IEC 7816-4 §5.1): parsing the four cases in their short and
//! extended forms, and the status words this card answers with (facts §4.1).

/// A parsed command APDU.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command<'a> {
    /// CLA.
    pub cla: u8,
    /// INS.
    pub ins: u8,
    /// P1.
    pub p1: u8,
    /// P2.
    pub p2: u8,
    /// The command data (empty in cases 1 and 2).
    pub data: &'a [u8],
    /// Ne, the most response bytes expected: `None` in cases 1 and 3; Le `00` means 256 in the
    /// short form and 65,536 in the extended one.
    pub ne: Option<usize>,
}

/// A status word (SW1 SW2).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Sw(pub u8, pub u8);

impl Sw {
    /// 90 00: normal processing.
    pub const OK: Self = Self(0x90, 0x00);
    /// 67 00: wrong length.
    pub const WRONG_LENGTH: Self = Self(0x67, 0x00);
    /// `65 81`: memory failure (the card could not keep its state, so answered nothing).
    pub const MEMORY_FAILURE: Self = Self(0x65, 0x81);
    /// 69 81: command incompatible with the file's structure (e.g. reading a key).
    pub const INCOMPATIBLE_FILE: Self = Self(0x69, 0x81);
    /// 69 82: security status not satisfied (the PIN that opens it is not verified).
    pub const SECURITY_NOT_SATISFIED: Self = Self(0x69, 0x82);
    /// 69 84: the reference data is blocked (every try used).
    pub const BLOCKED: Self = Self(0x69, 0x84);
    /// 69 86: command not allowed (no current EF).
    pub const NOT_ALLOWED: Self = Self(0x69, 0x86);
    /// 6A 80: incorrect data (e.g. a new PIN of the wrong form, or an input the card cannot
    /// sign).
    pub const WRONG_DATA: Self = Self(0x6A, 0x80);
    /// 6A 82: file or application not found.
    pub const NOT_FOUND: Self = Self(0x6A, 0x82);
    /// 6A 86: incorrect P1 or P2.
    pub const WRONG_P1P2: Self = Self(0x6A, 0x86);
    /// 6B 00: offset outside the file.
    pub const WRONG_OFFSET: Self = Self(0x6B, 0x00);
    /// 6D 00: instruction not supported.
    pub const UNKNOWN_INS: Self = Self(0x6D, 0x00);
    /// 6E 00: class not supported.
    pub const UNKNOWN_CLA: Self = Self(0x6E, 0x00);

    /// 63 Cx: a wrong PIN, or the tries left when asked (x = tries left, at most 15).
    pub fn tries_left(n: u8) -> Self {
        Self(0x63, 0xC0 | n.min(15))
    }
}

/// A response APDU: data, then the status word.
pub fn response(data: &[u8], sw: Sw) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 2);
    out.extend_from_slice(data);
    out.extend_from_slice(&[sw.0, sw.1]);
    out
}

/// A BER-TLV length (ISO/IEC 7816-4 §5.2.2.2): one byte below 128, else `81 xx` or `82 xx xx`.
fn ber_length(out: &mut Vec<u8>, len: usize) {
    match len {
        0..=0x7F => out.push(len as u8),
        0x80..=0xFF => out.extend_from_slice(&[0x81, len as u8]),
        _ => {
            out.push(0x82);
            out.extend_from_slice(&(len.min(0xFFFF) as u16).to_be_bytes());
        }
    }
}

/// The public key template of an RSA key (ISO/IEC 7816-8 §5.1): `7F 49 { 81 modulus, 82
/// public exponent }`, as GENERATE ASYMMETRIC KEY PAIR answers.
pub fn public_key_template(modulus: &[u8], exponent: &[u8]) -> Vec<u8> {
    let mut inner = Vec::with_capacity(modulus.len() + exponent.len() + 8);
    for (tag, value) in [(0x81, modulus), (0x82, exponent)] {
        inner.push(tag);
        ber_length(&mut inner, value.len());
        inner.extend_from_slice(value);
    }
    let mut out = vec![0x7F, 0x49];
    ber_length(&mut out, inner.len());
    out.extend_from_slice(&inner);
    out
}

/// Reads a BER-TLV length; the length and the bytes after it.
fn read_ber_length(bytes: &[u8]) -> Option<(usize, &[u8])> {
    match bytes {
        [n @ 0..=0x7F, rest @ ..] => Some((usize::from(*n), rest)),
        [0x81, n, rest @ ..] if *n >= 0x80 => Some((usize::from(*n), rest)),
        [0x82, hi, lo, rest @ ..] if *hi > 0 => {
            Some((usize::from(u16::from_be_bytes([*hi, *lo])), rest))
        }
        _ => None,
    }
}

/// The modulus and public exponent in a public key template, or `None` if the bytes are not
/// one (the terminal's side of GENERATE ASYMMETRIC KEY PAIR).
pub fn parse_public_key_template(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let [0x7F, 0x49, rest @ ..] = bytes else {
        return None;
    };
    let (len, rest) = read_ber_length(rest)?;
    if rest.len() != len {
        return None;
    }
    let mut fields = [None, None];
    let mut rest = rest;
    while let [tag, after @ ..] = rest {
        let (len, after) = read_ber_length(after)?;
        let value = after.get(..len)?;
        rest = &after[len..];
        let slot = match tag {
            0x81 => &mut fields[0],
            0x82 => &mut fields[1],
            _ => return None,
        };
        if slot.replace(value).is_some() {
            return None;
        }
    }
    Some((fields[0]?, fields[1]?))
}

/// Parses a command APDU, or `None` when its length fields do not fit its bytes.
pub fn parse(apdu: &[u8]) -> Option<Command<'_>> {
    let [cla, ins, p1, p2, body @ ..] = apdu else {
        return None;
    };
    let (data, ne): (&[u8], Option<usize>) = match body {
        // Case 1.
        [] => (&[], None),
        // Case 2, short.
        [le] => (&[], Some(short_ne(*le))),
        // Case 2, extended: 00 and a two-byte Le.
        [0, hi, lo] => (&[], Some(extended_ne(u16::from_be_bytes([*hi, *lo])))),
        // Cases 3 and 4, extended: 00, a two-byte Lc (not zero), data, and a two-byte Le.
        [0, hi, lo, rest @ ..] => {
            let lc = usize::from(u16::from_be_bytes([*hi, *lo]));
            match rest.len() {
                _ if lc == 0 => return None,
                n if n == lc => (rest, None),
                n if n == lc + 2 => (
                    &rest[..lc],
                    Some(extended_ne(u16::from_be_bytes([rest[lc], rest[lc + 1]]))),
                ),
                _ => return None,
            }
        }
        // Cases 3 and 4, short: Lc (1–255), data, and a one-byte Le.
        [lc, rest @ ..] => {
            let lc = usize::from(*lc);
            match rest.len() {
                n if n == lc => (rest, None),
                n if n == lc + 1 => (&rest[..lc], Some(short_ne(rest[lc]))),
                _ => return None,
            }
        }
    };
    Some(Command {
        cla: *cla,
        ins: *ins,
        p1: *p1,
        p2: *p2,
        data,
        ne,
    })
}

fn short_ne(le: u8) -> usize {
    if le == 0 { 256 } else { usize::from(le) }
}

fn extended_ne(le: u16) -> usize {
    if le == 0 { 65_536 } else { usize::from(le) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(hex: &str) -> Option<(usize, Option<usize>)> {
        let bytes: Vec<u8> = hex
            .split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect();
        parse(&bytes).map(|c| (c.data.len(), c.ne))
    }

    #[test]
    fn the_four_cases_short_and_extended() {
        // SELECT JPKI-AP (case 3), VERIFY status query (case 1), READ BINARY (case 2).
        assert_eq!(
            p("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"),
            Some((10, None))
        );
        assert_eq!(p("00 20 00 80"), Some((0, None)));
        assert_eq!(p("00 B0 00 00 04"), Some((0, Some(4))));
        assert_eq!(p("00 B0 00 00 00"), Some((0, Some(256))));
        // COMPUTE DIGITAL SIGNATURE with Le 00 (case 4).
        assert_eq!(p("80 2A 00 80 02 30 31 00"), Some((2, Some(256))));
        // Extended: case 2 (Le 0000 = 65536), case 3 and case 4.
        assert_eq!(p("00 B0 00 00 00 00 00"), Some((0, Some(65_536))));
        assert_eq!(p("00 B0 00 00 00 01 00"), Some((0, Some(256))));
        assert_eq!(p("80 2A 00 80 00 00 02 30 31"), Some((2, None)));
        assert_eq!(
            p("80 2A 00 80 00 00 02 30 31 00 00"),
            Some((2, Some(65_536)))
        );
        // Lengths that do not fit.
        assert_eq!(p("00 A4 04"), None);
        assert_eq!(p("00 A4 04 0C 05 01 02"), None);
        assert_eq!(p("00 A4 04 0C 00"), Some((0, Some(256))));
        assert_eq!(p("00 20 00 80 04 31 32 33 34 00 00"), None);
    }
}
