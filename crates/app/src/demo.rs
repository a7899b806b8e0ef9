//! Synthetic residents for the demo, tests and benchmarks: realistic, deterministic, never real.
//! And a synthetic face photo for their card applications: a drawn silhouette, not a person.
//!
//! Households of one to five people at one address; about one in six residents is foreign, with
//! a nationality, status of residence and preferred language to match. Names are common ones,
//! including 𠮷 (outside JIS X 0208), so documents meet the characters real registers hold.

use jiff::ToSpan;
use jiff::civil::Date;
use mynumber_core::{ForeignInput, NameInput, ResidentInput};

use crate::ImportRow;

/// A small deterministic generator (SplitMix64): the same seed gives the same municipality.
#[derive(Debug, Clone)]
pub struct SampleRng(u64);

impl SampleRng {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FAMILY: &[(&str, &str)] = &[
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("𠮷田", "ヨシダ"),
    ("髙橋", "タカハシ"),
    ("渡邉", "ワタナベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
];
const MALE: &[(&str, &str)] = &[
    ("翔太", "ショウタ"),
    ("大輝", "ダイキ"),
    ("健太", "ケンタ"),
    ("拓也", "タクヤ"),
    ("蓮", "レン"),
    ("湊", "ミナト"),
    ("悠真", "ユウマ"),
    ("陽翔", "ハルト"),
    ("一郎", "イチロウ"),
    ("誠", "マコト"),
    ("浩", "ヒロシ"),
    ("隆", "タカシ"),
];
const FEMALE: &[(&str, &str)] = &[
    ("陽菜", "ヒナ"),
    ("結衣", "ユイ"),
    ("美咲", "ミサキ"),
    ("さくら", "サクラ"),
    ("葵", "アオイ"),
    ("凛", "リン"),
    ("花子", "ハナコ"),
    ("優子", "ユウコ"),
    ("恵子", "ケイコ"),
    ("芽依", "メイ"),
    ("幸子", "サチコ"),
    ("真由美", "マユミ"),
];

/// (nationality, family, given, Latin, language, statuses to draw from).
type Foreign = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);
const FOREIGN: &[Foreign] = &[
    (
        "VN",
        "NGUYEN",
        "VAN AN",
        "NGUYEN VAN AN",
        "vi",
        &[
            "technical-intern-training",
            "specified-skilled-worker-i",
            "student",
        ],
    ),
    (
        "VN",
        "TRAN",
        "THI HOA",
        "TRAN THI HOA",
        "vi",
        &["engineer-humanities-international", "student", "dependent"],
    ),
    (
        "CN",
        "王",
        "偉",
        "WANG WEI",
        "zh-Hans",
        &[
            "engineer-humanities-international",
            "permanent-resident",
            "student",
        ],
    ),
    (
        "CN",
        "李",
        "娜",
        "LI NA",
        "zh-Hans",
        &["dependent", "permanent-resident", "business-manager"],
    ),
    (
        "KR",
        "金",
        "民俊",
        "KIM MINJUN",
        "ko",
        &[
            "special-permanent-resident",
            "engineer-humanities-international",
        ],
    ),
    (
        "PH",
        "SANTOS",
        "MARIA",
        "SANTOS MARIA",
        "fil",
        &[
            "spouse-of-japanese-national",
            "long-term-resident",
            "nursing-care",
        ],
    ),
    (
        "NP",
        "GURUNG",
        "RAM",
        "GURUNG RAM",
        "ne",
        &["skilled-labor", "dependent", "student"],
    ),
    (
        "BR",
        "SILVA",
        "JOAO",
        "SILVA JOAO",
        "pt-BR",
        &["long-term-resident", "permanent-resident"],
    ),
    (
        "ID",
        "SITI",
        "",
        "SITI",
        "id",
        &["specified-skilled-worker-i", "technical-intern-training"],
    ),
    (
        "US",
        "SMITH",
        "JOHN",
        "SMITH JOHN",
        "en",
        &["instructor", "professor", "spouse-of-japanese-national"],
    ),
];

/// A sample municipality's registration rows.
#[derive(Debug, Clone)]
pub struct SampleConfig {
    /// How many residents (the last household may be cut short).
    pub count: usize,
    /// Generator seed.
    pub seed: u64,
    /// 都道府県 name.
    pub prefecture: String,
    /// Local-government code.
    pub municipality_code: String,
    /// Town names to put addresses in.
    pub towns: Vec<String>,
    /// "Today", for ages and periods of stay.
    pub today: Date,
}

impl SampleConfig {
    /// 新宿区 (Shinjuku, Tokyo), as of `today`.
    pub fn shinjuku(count: usize, seed: u64, today: Date) -> Self {
        Self {
            count,
            seed,
            prefecture: "東京都".to_owned(),
            municipality_code: "131041".to_owned(),
            towns: ["西新宿", "高田馬場", "大久保", "神楽坂", "四谷", "早稲田"]
                .map(String::from)
                .to_vec(),
            today,
        }
    }
}

/// Generates the rows, household by household, calling `emit` for each (so a million rows need
/// no memory beyond one household).
pub fn sample_rows(config: &SampleConfig, mut emit: impl FnMut(ImportRow)) {
    let mut rng = SampleRng::new(config.seed);
    let mut made = 0usize;
    let mut household = 0u64;
    while made < config.count {
        household += 1;
        let town = rng.pick(&config.towns).clone();
        let address = format!(
            "{town}{}丁目{}番{}号",
            1 + rng.below(4),
            1 + rng.below(30),
            1 + rng.below(20)
        );
        let foreign = rng.below(6) == 0;
        let size = (1 + rng.below(5) as usize).min(config.count - made);
        let label = format!("H{household:07}");
        let base = Base {
            rng: &mut rng,
            config,
            address: &address,
            label: &label,
        };
        for row in base.household(foreign, size) {
            made += 1;
            emit(ImportRow {
                line: made as u64 + 1,
                input: row.0,
                household: row.1,
                carried: None,
            });
        }
    }
}

struct Base<'a> {
    rng: &'a mut SampleRng,
    config: &'a SampleConfig,
    address: &'a str,
    label: &'a str,
}

impl Base<'_> {
    fn household(self, foreign: bool, size: usize) -> Vec<(ResidentInput, String)> {
        let Base {
            rng,
            config,
            address,
            label,
        } = self;
        let head_age = 25 + rng.below(55) as i64;
        let family = *rng.pick(FAMILY);
        let origin = *rng.pick(FOREIGN);
        let mut out = Vec::with_capacity(size);
        for i in 0..size {
            let (relationship, age) = match i {
                0 => ("head", head_age),
                1 => ("spouse", (head_age - 5 + rng.below(10) as i64).max(18)),
                _ => ("child", (rng.below((head_age - 20).max(1) as u64)) as i64),
            };
            let male = match i {
                0 => rng.below(4) != 0,
                1 => out
                    .first()
                    .is_some_and(|(r, _): &(ResidentInput, String)| r.sex == "2"),
                _ => rng.below(2) == 0,
            };
            let birth = config
                .today
                .checked_sub((age as i32).years())
                .and_then(|d| d.checked_sub((rng.below(364) as i32).days()))
                .unwrap_or(config.today);
            let mut input = ResidentInput {
                birth_date: birth.to_string(),
                sex: if male { "1" } else { "2" }.to_owned(),
                prefecture: config.prefecture.clone(),
                municipality_code: config.municipality_code.clone(),
                address: address.to_owned(),
                relationship: relationship.to_owned(),
                ..ResidentInput::default()
            };
            if foreign {
                let (nationality, fam, given, latin, lang, statuses) = origin;
                let status = if i == 0 {
                    *rng.pick(statuses)
                } else if origin.0 == "KR" {
                    "special-permanent-resident"
                } else {
                    "dependent"
                };
                let indefinite =
                    matches!(status, "permanent-resident" | "special-permanent-resident");
                input.name = NameInput {
                    family: fam.to_owned(),
                    given: given.to_owned(),
                    latin: Some(latin.to_owned()),
                    alias: (nationality == "KR" && i == 0).then(|| "金田".to_owned()),
                    ..NameInput::default()
                };
                input.preferred_language = lang.to_owned();
                let letters = |rng: &mut SampleRng| {
                    (0..2)
                        .map(|_| (b'A' + rng.below(26) as u8) as char)
                        .collect::<String>()
                };
                let card = format!(
                    "{}{:08}{}",
                    letters(rng),
                    rng.below(100_000_000),
                    letters(rng)
                );
                input.foreign = Some(ForeignInput {
                    nationality: nationality.to_owned(),
                    residence_card_number: Some(card),
                    status_of_residence: status.to_owned(),
                    period_of_stay_until: (!indefinite).then(|| {
                        config
                            .today
                            .checked_add((1 + rng.below(5) as i32).years())
                            .unwrap_or(config.today)
                            .to_string()
                    }),
                });
            } else {
                let given = if male {
                    *rng.pick(MALE)
                } else {
                    *rng.pick(FEMALE)
                };
                input.name = NameInput {
                    family: family.0.to_owned(),
                    given: given.0.to_owned(),
                    family_kana: Some(family.1.to_owned()),
                    given_kana: Some(given.1.to_owned()),
                    ..NameInput::default()
                };
                input.preferred_language = "ja".to_owned();
            }
            out.push((input, label.to_owned()));
        }
        out
    }
}

/// A face photo for a demo card application: a 600 × 800 RGB JPEG of a drawn silhouette (a
/// plain background, a head, hair and shoulders, with some grain), deterministic per seed. It
/// passes the application's photo check (facts §2.6) and shows no real person.
pub fn portrait(seed: u64) -> Vec<u8> {
    const W: usize = 600;
    const H: usize = 800;
    let mut rng = SampleRng::new(seed);
    let skin: [[u8; 3]; 4] = [
        [238, 206, 179],
        [224, 172, 138],
        [198, 134, 94],
        [141, 85, 54],
    ];
    let skin = *rng.pick(&skin);
    let hair: [u8; 3] = *rng.pick(&[[40, 30, 25], [70, 50, 35], [25, 25, 30], [110, 80, 50]]);
    let coat: [u8; 3] = *rng.pick(&[[40, 50, 80], [60, 60, 60], [30, 70, 60], [90, 40, 40]]);
    let background: [u8; 3] = [214, 228, 240];
    let mut pixels = Vec::with_capacity(W * H * 3);
    for y in 0..H {
        for x in 0..W {
            let (fx, fy) = (x as f64, y as f64);
            // The head: an ellipse; hair over its top third; shoulders below.
            let head = ((fx - 300.0) / 150.0).powi(2) + ((fy - 330.0) / 195.0).powi(2);
            let shoulders =
                fy > 560.0 && ((fx - 300.0) / 290.0).powi(2) + ((fy - 820.0) / 260.0).powi(2) < 1.0;
            let base = if head < 1.0 && fy < 240.0 + 20.0 * ((fx - 300.0) / 60.0).sin() {
                hair
            } else if head < 1.0 {
                skin
            } else if shoulders {
                coat
            } else {
                background
            };
            let grain = (rng.next() % 13) as i16 - 6;
            for c in base {
                pixels.push((i16::from(c) + grain).clamp(0, 255) as u8);
            }
        }
    }
    let mut out = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    // The sizes and data always fit the encoder's limits; an error would leave `out` empty,
    // which the photo check then refuses with its reason.
    let _ = encoder.encode(&pixels, W as u16, H as u16, jpeg_encoder::ColorType::Rgb);
    out
}

/// A seal's impression for a demo 印鑑登録: a round seal of `side_mm` millimetres in 朱肉's red
/// on white, a ring and a few strokes inside it (deterministic per seed), scanned at 600 dpi
/// and cropped to the seal, as an RGB PNG with its resolution (`pHYs`). The image data is
/// stored uncompressed (deflate's stored blocks), so no encoder is needed and any PNG reader
/// opens it.
pub fn seal_impression(seed: u64, side_mm: u32) -> Vec<u8> {
    // 600 dpi is 23,622 pixels a metre.
    const PER_METRE: u32 = 23_622;
    let side = (u64::from(side_mm) * u64::from(PER_METRE) / 1000).max(1) as usize;
    let mut rng = SampleRng::new(seed);
    let strokes: Vec<(f64, f64, f64, f64)> = (0..4)
        .map(|_| {
            let at = |rng: &mut SampleRng| 0.25 + (rng.below(500) as f64) / 1000.0;
            (at(&mut rng), at(&mut rng), at(&mut rng), at(&mut rng))
        })
        .collect();
    let r = side as f64 / 2.0;
    let ink = |x: usize, y: usize| {
        let (fx, fy) = (x as f64 + 0.5 - r, y as f64 + 0.5 - r);
        let d = (fx * fx + fy * fy).sqrt();
        if d <= r && d >= r * 0.88 {
            return true;
        }
        let (u, v) = ((x as f64) / side as f64, (y as f64) / side as f64);
        strokes.iter().any(|&(x0, y0, x1, y1)| {
            // Distance from (u, v) to the segment, against a stroke's half width.
            let (dx, dy) = (x1 - x0, y1 - y0);
            let t =
                (((u - x0) * dx + (v - y0) * dy) / (dx * dx + dy * dy).max(1e-9)).clamp(0.0, 1.0);
            let (px, py) = (x0 + t * dx - u, y0 + t * dy - v);
            (px * px + py * py).sqrt() < 0.035
        })
    };
    let mut raw = Vec::with_capacity(side * (side * 3 + 1));
    for y in 0..side {
        raw.push(0); // filter: none
        for x in 0..side {
            raw.extend_from_slice(if ink(x, y) {
                &[200, 30, 40]
            } else {
                &[255, 255, 255]
            });
        }
    }
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let side32 = side as u32;
    let mut ihdr = side32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&side32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    let mut phys = PER_METRE.to_be_bytes().to_vec();
    phys.extend_from_slice(&PER_METRE.to_be_bytes());
    phys.push(1);
    png_chunk(&mut png, b"pHYs", &phys);
    png_chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    png_chunk(&mut png, b"IEND", &[]);
    png
}

/// A PNG chunk: length, type, data, and the CRC-32 of type and data.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = mynumber_core::seal::crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream (RFC 1950) of deflate's stored blocks (RFC 1951 §3.2.4): no compression.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(0xFFFF).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    if blocks.is_empty() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

#[cfg(test)]
mod portrait_tests {
    #[test]
    fn the_demo_portrait_passes_the_photo_check() {
        let jpeg = super::portrait(7);
        let photo =
            mynumber_core::photo::check(&jpeg, mynumber_core::card::Channel::Online).unwrap();
        assert_eq!((photo.width, photo.height), (600, 800));
        assert_eq!(super::portrait(7), jpeg, "deterministic");
        assert_ne!(super::portrait(8), jpeg);
    }

    /// The demo seal reads back at the size asked for (600 dpi: 15 mm is 354 pixels, 14.986
    /// mm). That other readers open it was checked by hand when it was written (`file`, and
    /// Python's zlib inflating its image data to 354 × 1,063 bytes); `MYNUMBER_WRITE_SEAL`
    /// names a file to write it to for such a check.
    #[test]
    fn the_demo_seal_is_a_png_of_its_size() {
        let png = super::seal_impression(3, 15);
        let size = mynumber_core::seal::png_size(&png).unwrap();
        assert_eq!((size.width_um, size.height_um), (14_986, 14_986));
        assert_eq!(super::seal_impression(3, 15), png, "deterministic");
        assert_ne!(super::seal_impression(4, 15), png);
        let small = mynumber_core::seal::png_size(&super::seal_impression(3, 7)).unwrap();
        assert!(small.width_um <= mynumber_core::seal::MIN_SIDE_UM);
        if let Ok(path) = std::env::var("MYNUMBER_WRITE_SEAL") {
            std::fs::write(path, &png).unwrap();
        }
    }
}
