//! A minimal DER writer for the few structures rcgen does not build (certificate policies,
//! authority information access): tag, length, value.

/// One TLV.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// SEQUENCE of the concatenated parts.
pub(crate) fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// OBJECT IDENTIFIER from its arcs.
pub(crate) fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut body = Vec::new();
    if let [first, second, rest @ ..] = arcs {
        base128(first * 40 + second, &mut body);
        for arc in rest {
            base128(*arc, &mut body);
        }
    }
    tlv(0x06, &body)
}

fn base128(mut v: u64, out: &mut Vec<u8>) {
    let mut tmp = [0u8; 10];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = (v & 0x7f) as u8 | if i == tmp.len() - 1 { 0 } else { 0x80 };
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&tmp[i..]);
}

/// Parses a dotted OID string into arcs.
pub(crate) fn parse_oid(s: &str) -> Option<Vec<u64>> {
    let arcs: Option<Vec<u64>> = s.split('.').map(|a| a.parse().ok()).collect();
    arcs.filter(|a| a.len() >= 2 && a[0] <= 2 && a[1] < 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_encodings() {
        // 1.2.840.113549.1.1.11 (sha256WithRSAEncryption), from RFC 4055.
        assert_eq!(
            oid(&[1, 2, 840, 113_549, 1, 1, 11]),
            [
                0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b
            ]
        );
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(parse_oid("1.2.392.200149.8.5.1.1.20").unwrap().len(), 9);
        assert_eq!(parse_oid("1.2.x"), None);
    }
}
