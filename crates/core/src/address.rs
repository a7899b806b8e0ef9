//! Addresses: 都道府県 (prefecture, JIS X 0401), 全国地方公共団体コード (6-digit local-government
//! code with its check digit) and the rest of the address.

use std::fmt;

use crate::FieldError;

/// The 47 prefectures in JIS X 0401 order (code = index + 1).
const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// 都道府県 (prefecture), by its JIS X 0401 code 1..=47.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Prefecture(u8);

/// 全国地方公共団体コード (local-government code): 2-digit prefecture, 3-digit municipality,
/// 1 check digit. The check digit: Σ digit × (6,5,4,3,2) over the first five, r = Σ mod 11, and
/// the digit is the last digit of 11 − r (自治省 昭和43年 地方公共団体コード, docs/design/registry.md).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct MunicipalityCode([u8; 6]);

/// 住所 (address): prefecture, municipality and the rest (town, block, building, room).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Address {
    prefecture: Prefecture,
    municipality: MunicipalityCode,
    rest: String,
}

impl Prefecture {
    /// Parses a prefecture given by name (`東京都`, or without its suffix, `東京`) or JIS code (`13`).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::new("prefecture", "problem-required"));
        }
        if let Ok(code) = s.parse::<u8>() {
            return Self::from_code(code).ok_or_else(|| {
                FieldError::new("prefecture", "problem-prefecture-code").arg("code", code)
            });
        }
        PREFECTURES
            .iter()
            .position(|name| *name == s || name.strip_suffix(['都', '道', '府', '県']) == Some(s))
            .map(|i| Self(i as u8 + 1))
            .ok_or_else(|| {
                FieldError::new("prefecture", "problem-prefecture-unknown")
                    .arg("given", format!("{s:?}"))
            })
    }

    /// The prefecture with JIS X 0401 code `code` (1..=47).
    pub fn from_code(code: u8) -> Option<Self> {
        (1..=47).contains(&code).then_some(Self(code))
    }

    /// The JIS X 0401 code.
    pub fn code(self) -> u8 {
        self.0
    }

    /// The name, e.g. `東京都`.
    pub fn name(self) -> &'static str {
        PREFECTURES[(self.0 - 1) as usize]
    }
}

impl fmt::Display for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl MunicipalityCode {
    /// Parses six ASCII digits with a correct check digit and a valid prefecture part.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let field = "municipality_code";
        let s = input.trim();
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(field, "problem-6-digit-local-government"));
        }
        let mut d = [0u8; 6];
        d.copy_from_slice(s.as_bytes());
        let pref = (d[0] - b'0') * 10 + (d[1] - b'0');
        if Prefecture::from_code(pref).is_none() {
            return Err(
                FieldError::new(field, "problem-municipality-code-prefecture")
                    .arg("start", format!("{pref:02}")),
            );
        }
        if Self::check_digit(&d) != d[5] - b'0' {
            return Err(FieldError::new(field, "problem-check-digit-6th-digit"));
        }
        Ok(Self(d))
    }

    fn check_digit(d: &[u8; 6]) -> u8 {
        let sum: u32 = d[..5]
            .iter()
            .zip([6u32, 5, 4, 3, 2])
            .map(|(c, w)| (c - b'0') as u32 * w)
            .sum();
        ((11 - sum % 11) % 10) as u8
    }

    /// The six digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The prefecture this municipality belongs to (its first two digits).
    pub fn prefecture(&self) -> Prefecture {
        Prefecture((self.0[0] - b'0') * 10 + (self.0[1] - b'0'))
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Address {
    /// Builds an address; the prefecture must be the one the municipality code belongs to.
    pub fn new(
        prefecture: Prefecture,
        municipality: MunicipalityCode,
        rest: &str,
    ) -> Result<Self, FieldError> {
        if municipality.prefecture() != prefecture {
            return Err(FieldError::new("prefecture", "problem-prefecture-mismatch")
                .arg("prefecture", prefecture.to_string())
                .arg("code", municipality.to_string())
                .arg("actual", municipality.prefecture().to_string()));
        }
        let rest = crate::text::clean("address", rest, 200)?;
        if rest.is_empty() {
            return Err(FieldError::new(
                "address",
                "problem-required-town-block-number",
            ));
        }
        Ok(Self {
            prefecture,
            municipality,
            rest,
        })
    }

    /// 都道府県.
    pub fn prefecture(&self) -> Prefecture {
        self.prefecture
    }

    /// 市区町村 by its local-government code.
    pub fn municipality(&self) -> MunicipalityCode {
        self.municipality
    }

    /// Town, block, building and room.
    pub fn rest(&self) -> &str {
        &self.rest
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;

    #[test]
    fn local_government_codes_with_known_check_digits() {
        // 札幌市, 千代田区, 新宿区, 横浜市, 大阪市, 那覇市
        for code in ["011002", "131016", "131041", "141003", "271004", "472018"] {
            assert!(MunicipalityCode::parse(code).is_ok(), "{code}");
        }
        expect!["municipality_code: the check digit (6th digit) does not match"]
            .assert_eq(&MunicipalityCode::parse("131042").unwrap_err().to_string());
        expect!["municipality_code: starts with 48, which is not a prefecture code (01-47)"]
            .assert_eq(&MunicipalityCode::parse("481234").unwrap_err().to_string());
        expect!["municipality_code: must be the 6-digit local-government code (e.g. 131041)"]
            .assert_eq(&MunicipalityCode::parse("13104").unwrap_err().to_string());
    }

    #[test]
    fn prefectures_by_name_or_code() {
        assert_eq!(Prefecture::parse("東京都").unwrap().code(), 13);
        assert_eq!(Prefecture::parse("東京").unwrap().code(), 13);
        assert_eq!(Prefecture::parse("13").unwrap().name(), "東京都");
        assert_eq!(Prefecture::parse("北海道").unwrap().code(), 1);
        expect![[
            r#"prefecture: "東京県" is not one of the 47 prefectures (e.g. 東京都, or its code 13)"#
        ]]
        .assert_eq(&Prefecture::parse("東京県").unwrap_err().to_string());
    }

    #[test]
    fn prefecture_must_match_the_municipality() {
        let m = MunicipalityCode::parse("131041").unwrap();
        let err = Address::new(Prefecture::parse("大阪府").unwrap(), m, "西新宿2-8-1").unwrap_err();
        expect!["prefecture: 大阪府 does not match municipality code 131041 (which is in 東京都)"]
            .assert_eq(&err.to_string());
    }
}
