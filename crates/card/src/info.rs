//! What the card's two other applications hold (facts §4.4–4.5), built once at production:
//! 券面事項入力補助AP (the Individual Number and the four basic items as text, with an
//! integrity record the issuer signs) and 券面事項確認AP (the card face, signed by the issuer).
//! Also the secrets that open them: 照合番号A (the number), 照合番号B (birth date in the
//! Japanese era, expiry year, security code) and the birth-date key, with their tries.

/// What production knows of the holder, for the card's data.
#[derive(Clone)]
pub struct Holder {
    /// The Individual Number, 12 ASCII digits.
    pub number: String,
    /// 氏名 as printed (family and given name separated by U+3000).
    pub name: String,
    /// 住所.
    pub address: String,
    /// 生年月日, `YYYYMMDD` (Gregorian).
    pub birth: String,
    /// The birth date in the Japanese era, `YYMMDD` (昭和55年2月17日 → `550217`), facts §2.3.
    pub birth_era: String,
    /// 性別, one JIS X 0303 digit.
    pub sex: char,
    /// The card's expiry, `YYYYMMDD`.
    pub expiry: String,
    /// The 4-digit security code printed under the photo.
    pub security_code: String,
    /// The issuing municipality's 5-digit code (全国地方公共団体コード without check digit).
    pub municipality: String,
    /// The face photo, JPEG (none for a child under 1).
    pub photo: Option<Vec<u8>>,
}

impl std::fmt::Debug for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Holder").finish_non_exhaustive()
    }
}

/// Tries for each collation secret. Not public (facts §2.3 [U]: 10 for 照合番号B is second-hand);
/// we give all three 10.
pub const COLLATION_TRIES: u8 = 10;

/// The two applications' files and the secrets that open them.
#[derive(Clone, PartialEq, Eq)]
pub struct CardInfo {
    /// 券面事項入力補助AP EF 0001: `FF 10 0C` and the 12 digits, then filler (17 bytes).
    pub number_file: Vec<u8>,
    /// EF 0002: `FF 20` { `DF 21` offsets, `DF 22` name, `DF 23` address, `DF 24` birth,
    /// `DF 25` sex }.
    pub attributes_file: Vec<u8>,
    /// EF 0003: `FF 30` { `DF 31` SHA-256 of EF 0001, `DF 32` SHA-256 of the attributes
    /// without their offset table, `DF 33` the issuer's signature over both digests }.
    pub integrity_file: Vec<u8>,
    /// 券面事項確認AP EF 0001: `FF 10` { `DF 11` birth, `DF 13` the issuer's signature }.
    pub age_file: Vec<u8>,
    /// EF 0002: `FF 20` { `DF 21` offsets, `DF 22` birth, `DF 23` sex, `DF 25` name,
    /// `DF 26` address, `DF 27` photo, `DF 28` the issuer's signature over `DF 22`–`DF 27`,
    /// `DF 29` expiry, `DF 2A` security code }.
    pub face_file: Vec<u8>,
    /// EF 0003: `FF 30` { `DF 31` layout, `DF 34` the issuing municipality }.
    pub face_info_file: Vec<u8>,
    /// 照合番号A: the 12-digit number.
    pub collation_a: String,
    /// 照合番号B: 14 digits.
    pub collation_b: String,
    /// The birth-date key: `YYMMDD` in the Japanese era.
    pub birth_key: String,
    /// Tries left for A, B and the birth-date key.
    pub tries: [u8; 3],
}

impl std::fmt::Debug for CardInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardInfo")
            .field("tries", &self.tries)
            .finish_non_exhaustive()
    }
}

/// One BER TLV with a (multi-byte) tag and a definite length.
pub(crate) fn tlv(tag: &[u8], value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tag.len() + value.len() + 4);
    out.extend_from_slice(tag);
    let len = value.len();
    match len {
        0..=0x7F => out.push(len as u8),
        0x80..=0xFF => out.extend_from_slice(&[0x81, len as u8]),
        0x100..=0xFFFF => out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]),
        _ => out.extend_from_slice(&[0x83, (len >> 16) as u8, (len >> 8) as u8, len as u8]),
    }
    out.extend_from_slice(value);
    out
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes)
        .as_ref()
        .to_vec()
}

/// A record with an offset table: `DF 21` holds, for each item, its offset (2 bytes,
/// big-endian) from the start of the record's value.
fn with_offsets(tag: &[u8], items: &[Vec<u8>]) -> Vec<u8> {
    let table_len = 3 + 2 * items.len();
    let mut offsets = Vec::with_capacity(2 * items.len());
    let mut at = table_len;
    for item in items {
        offsets.extend_from_slice(&u16::try_from(at).unwrap_or(u16::MAX).to_be_bytes());
        at += item.len();
    }
    let mut value = tlv(&[0xDF, 0x21], &offsets);
    for item in items {
        value.extend_from_slice(item);
    }
    tlv(tag, &value)
}

impl CardInfo {
    /// Builds both applications' files for `holder`; `sign` is the issuer's signature (the
    /// shell's key: the register signs what it writes to a card).
    pub fn build(holder: &Holder, sign: &dyn Fn(&[u8]) -> Vec<u8>) -> Self {
        let mut number_file = tlv(&[0xFF, 0x10], holder.number.as_bytes());
        number_file.resize(17, 0x00);
        let text_items = [
            tlv(&[0xDF, 0x22], holder.name.as_bytes()),
            tlv(&[0xDF, 0x23], holder.address.as_bytes()),
            tlv(&[0xDF, 0x24], holder.birth.as_bytes()),
            tlv(&[0xDF, 0x25], holder.sex.to_string().as_bytes()),
        ];
        let attributes_file = with_offsets(&[0xFF, 0x20], &text_items);
        // The attributes' digest skips the offset table (facts §4.4).
        let number_digest = sha256(&number_file);
        let attributes_digest = sha256(&text_items.concat());
        let signed = [number_digest.clone(), attributes_digest.clone()].concat();
        let integrity_file = tlv(
            &[0xFF, 0x30],
            &[
                tlv(&[0xDF, 0x31], &number_digest),
                tlv(&[0xDF, 0x32], &attributes_digest),
                tlv(&[0xDF, 0x33], &sign(&signed)),
            ]
            .concat(),
        );
        let birth = tlv(&[0xDF, 0x11], holder.birth.as_bytes());
        let age_file = tlv(
            &[0xFF, 0x10],
            &[birth.clone(), tlv(&[0xDF, 0x13], &sign(&birth))].concat(),
        );
        let mut signed_face = vec![
            tlv(&[0xDF, 0x22], holder.birth.as_bytes()),
            tlv(&[0xDF, 0x23], holder.sex.to_string().as_bytes()),
            tlv(&[0xDF, 0x25], holder.name.as_bytes()),
            tlv(&[0xDF, 0x26], holder.address.as_bytes()),
        ];
        if let Some(photo) = &holder.photo {
            signed_face.push(tlv(&[0xDF, 0x27], photo));
        }
        let signature = sign(&signed_face.concat());
        let mut face_items = signed_face;
        face_items.push(tlv(&[0xDF, 0x28], &signature));
        // The expiry and the security code are outside the signature, as on the card.
        face_items.push(tlv(&[0xDF, 0x29], holder.expiry.as_bytes()));
        face_items.push(tlv(&[0xDF, 0x2A], holder.security_code.as_bytes()));
        let face_file = with_offsets(&[0xFF, 0x20], &face_items);
        let face_info_file = tlv(
            &[0xFF, 0x30],
            &[
                tlv(&[0xDF, 0x31], &[0, 0, 0, 1]),
                tlv(&[0xDF, 0x34], holder.municipality.as_bytes()),
            ]
            .concat(),
        );
        let expiry_year = holder.expiry.get(..4).unwrap_or("0000");
        Self {
            number_file,
            attributes_file,
            integrity_file,
            age_file,
            face_file,
            face_info_file,
            collation_a: holder.number.clone(),
            collation_b: format!("{}{expiry_year}{}", holder.birth_era, holder.security_code),
            birth_key: holder.birth_era.clone(),
            tries: [COLLATION_TRIES; 3],
        }
    }
}

/// Reads a BER TLV at the start of `bytes` (tags of one or two bytes, as these files use):
/// its tag, its value and the bytes after it.
fn read_tlv(bytes: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let tag_len = if bytes.first()? & 0x1F == 0x1F { 2 } else { 1 };
    let (tag, rest) = bytes.split_at_checked(tag_len)?;
    let (len, rest) = match rest {
        [n @ 0..=0x7F, rest @ ..] => (usize::from(*n), rest),
        [0x81, n, rest @ ..] => (usize::from(*n), rest),
        [0x82, a, b, rest @ ..] => (usize::from(u16::from_be_bytes([*a, *b])), rest),
        [0x83, a, b, c, rest @ ..] => (
            usize::from(*a) << 16 | usize::from(*b) << 8 | usize::from(*c),
            rest,
        ),
        _ => return None,
    };
    let (value, after) = rest.split_at_checked(len)?;
    Some((tag, value, after))
}

/// The items of a record: each (tag, value) inside the outer TLV.
fn items(record: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let (_, mut value, _) = read_tlv(record)?;
    let mut out = Vec::new();
    while !value.is_empty() {
        let (tag, v, after) = read_tlv(value)?;
        out.push((tag, v));
        value = after;
    }
    Some(out)
}

impl CardInfo {
    /// The name and address the text application shows (EF 0002), or `None` if the file does
    /// not parse.
    pub fn name_and_address(&self) -> Option<(String, String)> {
        let items = items(&self.attributes_file)?;
        let text = |tag: [u8; 2]| {
            items
                .iter()
                .find(|(t, _)| *t == tag)
                .and_then(|(_, v)| String::from_utf8(v.to_vec()).ok())
        };
        Some((text([0xDF, 0x22])?, text([0xDF, 0x23])?))
    }

    /// Both applications rewritten with a new name and address, as the counter does after a
    /// move or a name change (issue 10; facts §2.8), and with a new expiry (`YYYYMMDD`) when a
    /// foreign resident's card is extended (facts §10): everything else is kept, the number,
    /// the photo and the security code, and so are the collation secrets (照合番号B keeps the
    /// expiry year printed on the face) and their tries. The issuer signs anew. `None` if the
    /// card's files do not parse.
    pub fn amended(
        &self,
        name: &str,
        address: &str,
        expiry: Option<&str>,
        sign: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> Option<Self> {
        let number = self.number_file.get(3..15)?;
        let face = items(&self.face_file)?;
        let item = |tag: [u8; 2]| {
            face.iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, v)| v.to_vec())
        };
        let text = |tag| item(tag).and_then(|v| String::from_utf8(v).ok());
        let municipality = items(&self.face_info_file)?
            .iter()
            .find(|(t, _)| *t == [0xDF, 0x34])
            .and_then(|(_, v)| String::from_utf8(v.to_vec()).ok())?;
        let holder = Holder {
            number: String::from_utf8(number.to_vec()).ok()?,
            name: name.to_owned(),
            address: address.to_owned(),
            birth: text([0xDF, 0x22])?,
            birth_era: self.birth_key.clone(),
            sex: text([0xDF, 0x23])?.chars().next()?,
            expiry: match expiry {
                Some(e) => e.to_owned(),
                None => text([0xDF, 0x29])?,
            },
            security_code: text([0xDF, 0x2A])?,
            municipality,
            photo: item([0xDF, 0x27]),
        };
        let mut out = Self::build(&holder, sign);
        out.collation_b.clone_from(&self.collation_b);
        out.tries = self.tries;
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_collation_b() {
        assert_eq!(tlv(&[0xDF, 0x22], &[1; 3])[..3], [0xDF, 0x22, 3]);
        assert_eq!(tlv(&[0xDF, 0x27], &[1; 200])[..4], [0xDF, 0x27, 0x81, 200]);
        assert_eq!(
            tlv(&[0xDF, 0x27], &[1; 300])[..5],
            [0xDF, 0x27, 0x82, 0x01, 0x2C]
        );
        let holder = Holder {
            number: "123456789018".into(),
            name: "山田\u{3000}太郎".into(),
            address: "東京都新宿区西新宿２丁目８番１号".into(),
            birth: "19800217".into(),
            birth_era: "550217".into(),
            sex: '1',
            expiry: "20350217".into(),
            security_code: "2285".into(),
            municipality: "13104".into(),
            photo: None,
        };
        let info = CardInfo::build(&holder, &|_| vec![0xAA; 64]);
        // facts §2.3: 1980-02-17 (昭和55), expiry 2035, code 2285 → 55021720352285.
        assert_eq!(info.collation_b, "55021720352285");
        assert_eq!(info.number_file.len(), 17);
        assert_eq!(&info.number_file[..3], &[0xFF, 0x10, 0x0C]);
        assert_eq!(&info.number_file[3..15], b"123456789018");
        // The attributes' offset table points at each item.
        let a = &info.attributes_file;
        assert_eq!(&a[..2], &[0xFF, 0x20]);
        let value = if a[2] < 0x80 { &a[3..] } else { &a[4..] };
        let first = usize::from(u16::from_be_bytes([value[3], value[4]]));
        assert_eq!(&value[first..first + 2], &[0xDF, 0x22]);
    }

    #[test]
    fn an_amended_card_keeps_all_but_the_name_and_address() {
        let holder = Holder {
            number: "123456789018".into(),
            name: "山田\u{3000}太郎".into(),
            address: "東京都新宿区西新宿２丁目８番１号".into(),
            birth: "19800217".into(),
            birth_era: "550217".into(),
            sex: '1',
            expiry: "20350217".into(),
            security_code: "2285".into(),
            municipality: "13104".into(),
            photo: Some(vec![0xFF, 0xD8, 7, 7, 7]),
        };
        let sign = |b: &[u8]| {
            aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, b)
                .as_ref()
                .to_vec()
        };
        let mut before = CardInfo::build(&holder, &sign);
        before.tries = [9, 8, 7];
        let after = before
            .amended(
                "山田\u{3000}太郎",
                "大阪府大阪市北区梅田１丁目１番１号",
                None,
                &sign,
            )
            .unwrap();
        let want = CardInfo::build(
            &Holder {
                address: "大阪府大阪市北区梅田１丁目１番１号".into(),
                ..holder.clone()
            },
            &sign,
        );
        assert_eq!(after.attributes_file, want.attributes_file);
        assert_eq!(after.integrity_file, want.integrity_file);
        assert_eq!(after.face_file, want.face_file);
        assert_eq!(after.number_file, before.number_file);
        assert_eq!(after.tries, [9, 8, 7]);
        assert_eq!(
            after.name_and_address(),
            Some((
                "山田\u{3000}太郎".into(),
                "大阪府大阪市北区梅田１丁目１番１号".into()
            ))
        );
        // Files that do not parse are not amended.
        let broken = CardInfo {
            face_file: vec![0xFF, 0x20, 0x05, 0xDF],
            ..before.clone()
        };
        assert!(broken.amended("a", "b", None, &sign).is_none());
        // An extension writes the new expiry; 照合番号B keeps the year printed on the face.
        let extended = before
            .amended(&holder.name, &holder.address, Some("20360331"), &sign)
            .unwrap();
        let want = CardInfo::build(
            &Holder {
                expiry: "20360331".into(),
                ..holder
            },
            &sign,
        );
        assert_eq!(extended.face_file, want.face_file);
        assert_eq!(extended.collation_b, before.collation_b);
    }
}
