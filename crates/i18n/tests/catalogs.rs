//! Catalog completeness: every language has every Japanese message, and each one formats.

use std::collections::BTreeSet;

use mynumber_i18n::{Arg, Script, catalog, catalogs, japanese};

const SAMPLE_ARGS: [(&str, Arg<'static>); 13] = [
    ("code", Arg::Text("number-read")),
    ("date", Arg::Text("2031-12-03")),
    ("year", Arg::Number(2026)),
    ("era", Arg::Number(5)),
    ("gyear", Arg::Number(2026)),
    ("month", Arg::Number(11)),
    ("day", Arg::Number(25)),
    ("url", Arg::Text("https://example.invalid/verify")),
    ("fee", Arg::Text("1,000")),
    ("client", Arg::Text("株式会社サンプル")),
    ("found", Arg::Number(3)),
    ("count", Arg::Number(4)),
    ("max_mib", Arg::Number(16)),
];

#[test]
fn the_required_languages_are_present_with_japanese_first() {
    let tags: Vec<&str> = catalogs().iter().map(|c| c.tag()).collect();
    assert_eq!(tags.first(), Some(&"ja"));
    for required in [
        "ja-x-easy",
        "en",
        "zh-Hans",
        "ko",
        "vi",
        "fil",
        "ne",
        "pt-BR",
        "id",
    ] {
        assert!(tags.contains(&required), "no catalog for {required}");
    }
}

#[test]
fn every_catalog_parses_cleanly() {
    for c in catalogs() {
        assert!(c.load_errors().is_empty(), "{:?}", c.load_errors());
    }
}

#[test]
fn every_catalog_has_exactly_the_japanese_messages() {
    let source: BTreeSet<&String> = japanese().keys().iter().collect();
    assert!(
        source.len() > 50,
        "the Japanese catalog shrank to {}",
        source.len()
    );
    for c in catalogs() {
        let keys: BTreeSet<&String> = c.keys().iter().collect();
        let missing: Vec<_> = source.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&source).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", c.tag());
        assert!(
            extra.is_empty(),
            "{} has messages Japanese lacks: {extra:?}",
            c.tag()
        );
    }
}

#[test]
fn every_message_formats_without_error_and_is_not_empty() {
    for c in catalogs() {
        for key in japanese().keys() {
            let text = c
                .try_format(key, &SAMPLE_ARGS)
                .unwrap_or_else(|| panic!("{}: {key} does not format", c.tag()));
            assert!(!text.trim().is_empty(), "{}: {key} is empty", c.tag());
            assert!(
                !text.contains('\u{2068}'),
                "{}: {key} has bidi isolation",
                c.tag()
            );
        }
    }
}

#[test]
fn translations_are_not_copies_of_the_japanese() {
    for c in catalogs().iter().filter(|c| c.tag() != "ja") {
        for key in [
            "notice-not-proof",
            "notice-keep",
            "record-verify-how",
            "form-moved",
            "issue-bring-identity",
            "issue-pin-signature",
            "renewal-how",
        ] {
            assert_ne!(
                c.try_format(key, &SAMPLE_ARGS),
                japanese().try_format(key, &SAMPLE_ARGS),
                "{}: {key} is untranslated",
                c.tag()
            );
        }
    }
}

#[test]
fn each_script_matches_the_text() {
    let sample = |tag: &str| catalog(tag).text("notice-title");
    assert_eq!(catalog("ne").script(), Script::Devanagari);
    assert!(
        sample("ne")
            .chars()
            .any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    );
    assert_eq!(catalog("ko").script(), Script::Korean);
    assert!(
        sample("ko")
            .chars()
            .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    );
    assert_eq!(catalog("zh-Hans").script(), Script::SimplifiedChinese);
    assert_eq!(catalog("vi").script(), Script::Latin);
    assert_eq!(catalog("ja-x-easy").script(), Script::Japanese);
}

#[test]
fn dates_read_naturally_in_each_language() {
    let cases = [
        ("ja", "2026年11月25日"),
        ("en", "25 November 2026"),
        ("pt-BR", "25 de novembro de 2026"),
        ("fil", "Nobyembre 25, 2026"),
        ("vi", "ngày 25 tháng 11 năm 2026"),
        ("ko", "2026년 11월 25일"),
        ("id", "25 November 2026"),
    ];
    for (tag, want) in cases {
        assert_eq!(catalog(tag).date(2026, 11, 25), want, "{tag}");
    }
}

/// 和暦 known answers: each era's first day, the day before it, and 元年 (the era's first
/// year); the other languages add the Gregorian year.
#[test]
fn era_dates_read_as_documents_print_them() {
    let ja = japanese();
    let cases = [
        ((5, 8, 2026, 11, 25), "令和8年11月25日"),
        ((5, 1, 2019, 5, 1), "令和元年5月1日"),
        ((4, 31, 2019, 4, 30), "平成31年4月30日"),
        ((4, 1, 1989, 1, 8), "平成元年1月8日"),
        ((3, 64, 1989, 1, 7), "昭和64年1月7日"),
        ((3, 55, 1980, 2, 17), "昭和55年2月17日"),
        ((2, 15, 1926, 12, 24), "大正15年12月24日"),
        ((1, 45, 1912, 7, 29), "明治45年7月29日"),
    ];
    for ((era, era_year, year, month, day), want) in cases {
        assert_eq!(ja.era_date(era, era_year, year, month, day), want);
    }
    let others = [
        ("en", "25 November Reiwa 8 (2026)"),
        ("zh-Hans", "令和8年（2026年）11月25日"),
        ("ko", "레이와 8년(2026년) 11월 25일"),
        ("pt-BR", "25 de novembro de Reiwa 8 (2026)"),
        ("ja-x-easy", "れいわ 8ねん（2026ねん） 11がつ 25にち"),
    ];
    for (tag, want) in others {
        assert_eq!(catalog(tag).era_date(5, 8, 2026, 11, 25), want, "{tag}");
    }
    assert_eq!(
        catalog("ja-x-easy").era_date(5, 1, 2019, 5, 1),
        "れいわ がんねん（2019ねん） 5がつ 1にち"
    );
}

/// `Accept-Language` as browsers and programs send it: weights, refusals, regions, junk.
#[test]
fn the_accepted_language_follows_weights_then_order() {
    use mynumber_i18n::accepted_language as pick;
    for (header, want) in [
        ("vi-VN,vi;q=0.9,en;q=0.8", Some("vi")),
        ("en;q=0.1, ko", Some("ko")),
        ("ja;q=0, en", Some("en")),
        ("fr, de;q=0.5", None),
        ("fr, pt-PT;q=0.5", Some("pt-BR")),
        ("zh-CN,zh;q=0.9", Some("zh-Hans")),
        ("zh-TW", Some("zh-Hans")),
        ("tl", Some("fil")),
        ("ja-x-easy, ja;q=0.5", Some("ja-x-easy")),
        ("NE", Some("ne")),
        ("en;q=abc, ko;q=0.5", Some("en")),
        ("id;q=0.5, fil;q=0.5", Some("id")),
        ("", None),
        (";;,,;q=1", None),
        ("*", None),
    ] {
        assert_eq!(pick(header), want, "{header:?}");
    }
}

#[test]
fn unknown_languages_and_messages_fall_back_to_japanese() {
    assert_eq!(catalog("fr").tag(), "ja");
    assert_eq!(catalog("PT-br").tag(), "pt-BR");
    assert_eq!(
        catalog("en").format("no-such-message", &[]),
        "no-such-message"
    );
}

/// The staff screens' catalogs: Japanese and English, each with exactly the Japanese messages,
/// each formatting cleanly (issue 11: a missing translation fails CI).
#[test]
fn the_desk_catalogs_are_japanese_and_english_and_complete() {
    use mynumber_i18n::{desk_catalogs, desk_japanese};
    let tags: Vec<&str> = desk_catalogs().iter().map(|c| c.tag()).collect();
    assert_eq!(tags, ["ja", "en"]);
    let source: BTreeSet<&String> = desk_japanese().keys().iter().collect();
    assert!(
        source.len() > 80,
        "the desk catalog shrank to {}",
        source.len()
    );
    let args = [
        ("year", Arg::Number(2026)),
        ("month", Arg::Number(12)),
        ("day", Arg::Number(3)),
        ("hour", Arg::Number(9)),
        ("era", Arg::Number(4)),
        ("minute", Arg::Text("05")),
        ("count", Arg::Number(2)),
        ("name", Arg::Text("田中")),
        ("role", Arg::Text("clerk")),
        ("time", Arg::Text("10:00")),
        ("purpose", Arg::Text("tax")),
        ("address", Arg::Text("東京都新宿区西新宿2丁目8番1号")),
        ("partitions", Arg::Text("1")),
        ("entries", Arg::Text("10")),
        ("checkpoints", Arg::Text("1")),
        ("partition", Arg::Text("131041")),
        ("seq", Arg::Text("5")),
        ("call", Arg::Text("4F2A-91C0")),
        ("minutes", Arg::Text("30")),
        ("yen", Arg::Text("1000")),
        ("id", Arg::Text("1310 4100 0000 0000 0000 000")),
        ("status", Arg::Text("returned")),
        // The use cases' field problems (`problem-…`).
        ("serial", Arg::Text("AB1234567890")),
        ("used", Arg::Number(3)),
        ("lines", Arg::Number(4)),
        ("channel", Arg::Text("mail")),
        ("date", Arg::Text("2026年12月3日")),
        ("until", Arg::Text("2031年12月3日")),
        ("opens", Arg::Text("2031年9月4日")),
        ("stay", Arg::Text("2027年3月31日")),
        ("hierarchy", Arg::Text("signature")),
        ("batch", Arg::Text("131041-20261205-0193")),
        ("detail", Arg::Text("not a P-256 key")),
        ("pin", Arg::Text("authentication")),
        ("codes", Arg::Text("ja, en")),
        ("given", Arg::Text("\"xx\"")),
        ("label", Arg::Text("\"h1\"")),
        ("household_municipality", Arg::Text("131041")),
        ("row_municipality", Arg::Text("131059")),
        ("character", Arg::Text("U+0007")),
        ("days", Arg::Number(14)),
        ("start", Arg::Text("48")),
        ("code", Arg::Text("131041")),
        ("procedure", Arg::Text("birth")),
        ("line", Arg::Number(6)),
        ("min", Arg::Number(12)),
        ("max", Arg::Number(100)),
        ("pixels", Arg::Number(300)),
        ("mb", Arg::Text("7.5")),
        ("kb", Arg::Number(12)),
        ("prefecture", Arg::Text("東京都")),
        ("actual", Arg::Text("大阪府")),
        ("age", Arg::Number(15)),
        ("mm", Arg::Number(8)),
        ("max_mib", Arg::Number(2)),
        ("width", Arg::Text("15.0")),
        ("card", Arg::Text("1234567897")),
        ("height", Arg::Text("15.0")),
        ("length", Arg::Number(17)),
        ("expected", Arg::Number(12)),
        ("found", Arg::Number(11)),
        ("count", Arg::Number(12)),
        ("document", Arg::Text("seal-certificate")),
        ("position", Arg::Number(3)),
        ("tries", Arg::Text("2")),
        ("event", Arg::Text("resume")),
        ("from", Arg::Text("2026年4月1日")),
        ("to", Arg::Text("2026年12月5日")),
        ("field", Arg::Text("colour")),
        ("item", Arg::Text("local-tax")),
        ("row", Arg::Number(3)),
    ];
    for c in desk_catalogs() {
        assert!(c.load_errors().is_empty(), "{:?}", c.load_errors());
        let keys: BTreeSet<&String> = c.keys().iter().collect();
        assert_eq!(keys, source, "desk {} differs from Japanese", c.tag());
        for key in desk_japanese().keys() {
            let text = c
                .try_format(key, &args)
                .unwrap_or_else(|| panic!("desk {}: {key} does not format", c.tag()));
            assert!(!text.trim().is_empty(), "desk {}: {key} is empty", c.tag());
        }
    }
    let en = mynumber_i18n::desk_catalog("en");
    assert_eq!(
        en.format(
            "date",
            &[
                ("year", Arg::Number(2026)),
                ("month", Arg::Number(12)),
                ("day", Arg::Number(3))
            ]
        ),
        "3 Dec 2026"
    );
    assert_eq!(
        mynumber_i18n::desk_catalog("ja").format(
            "date",
            &[
                ("year", Arg::Number(2026)),
                ("month", Arg::Number(12)),
                ("day", Arg::Number(3))
            ]
        ),
        "2026年12月3日"
    );
    // A resident's catalog is not a desk catalog: the two sets stay apart.
    assert!(catalog("ja").try_format("desk-system-name", &[]).is_none());
}

/// The lost-card line's catalogs: the national line's six languages, each with exactly the
/// Japanese messages, each formatting cleanly and translated (issue 11).
#[test]
fn the_call_catalogs_are_the_national_lines_languages_and_complete() {
    use mynumber_i18n::{call_catalog, call_catalogs};
    let tags: Vec<&str> = call_catalogs().iter().map(|c| c.tag()).collect();
    assert_eq!(tags, ["ja", "en", "es", "ko", "pt-BR", "zh-Hans"]);
    let source: BTreeSet<&String> = call_catalog("ja").keys().iter().collect();
    assert!(
        source.len() > 25,
        "the call catalog shrank to {}",
        source.len()
    );
    let args = [
        ("year", Arg::Number(2026)),
        ("month", Arg::Number(12)),
        ("day", Arg::Number(4)),
        ("hour", Arg::Number(3)),
        ("minute", Arg::Text("05")),
        ("call", Arg::Text("4F2A-91C0")),
        ("time", Arg::Text("2026-12-04 03:05")),
        ("fee", Arg::Text("1,000")),
    ];
    for c in call_catalogs() {
        assert!(c.load_errors().is_empty(), "{:?}", c.load_errors());
        let keys: BTreeSet<&String> = c.keys().iter().collect();
        assert_eq!(keys, source, "call {} differs from Japanese", c.tag());
        for key in call_catalog("ja").keys() {
            let text = c
                .try_format(key, &args)
                .unwrap_or_else(|| panic!("call {}: {key} does not format", c.tag()));
            assert!(!text.trim().is_empty(), "call {}: {key} is empty", c.tag());
            if c.tag() != "ja" && !key.starts_with("meta-") && !key.starts_with("date") {
                assert_ne!(
                    Some(text),
                    call_catalog("ja").try_format(key, &args),
                    "call {}: {key} is untranslated",
                    c.tag()
                );
            }
        }
    }
    // The fee reaches the caller's sheet in every language.
    for c in call_catalogs() {
        assert!(
            c.format("call-next-lost", &args).contains("1,000"),
            "{}",
            c.tag()
        );
    }
    assert_eq!(
        call_catalog("es").date(2026, 12, 4),
        "4 de diciembre de 2026"
    );
    assert_eq!(call_catalog("xx").tag(), "ja");
}

/// The public pages in やさしい日本語 carry furigana on every kanji (issue 11): each kanji of a
/// `public-` message, and of every message those pages borrow, is inside a `[[漢字|よみ]]`
/// reading; and the public pages are translated in every language, not copied from Japanese.
#[test]
fn easy_japanese_public_pages_have_a_reading_on_every_kanji() {
    let easy = catalog("ja-x-easy");
    let borrowed = [
        "verify-title",
        "verify-genuine",
        "verify-unknown",
        "record-verification-code",
        "field-issuer",
        "field-issue-date",
        "field-name",
    ];
    let keys: Vec<&str> = japanese()
        .keys()
        .iter()
        .map(String::as_str)
        .filter(|k| k.starts_with("public-"))
        .chain(borrowed)
        .collect();
    assert!(keys.len() > 30, "only {} keys", keys.len());
    let kanji =
        |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c);
    let mut with_ruby = 0;
    for key in &keys {
        let text = easy.try_format(key, &SAMPLE_ARGS).unwrap();
        // Remove each reading-marked span; what is left has no kanji.
        let mut rest = text.as_str();
        let mut bare = String::new();
        while let Some(start) = rest.find("[[") {
            bare.push_str(&rest[..start]);
            let end = rest[start..].find("]]").map(|e| start + e + 2).unwrap();
            let marked = &rest[start + 2..end - 2];
            let (base, reading) = marked
                .split_once('|')
                .unwrap_or_else(|| panic!("{key}: {marked}"));
            assert!(base.chars().any(kanji), "{key}: {base} needs no reading");
            assert!(
                !reading.chars().any(kanji),
                "{key}: the reading {reading} has kanji"
            );
            with_ruby += 1;
            rest = &rest[end..];
        }
        bare.push_str(rest);
        assert!(
            !bare.chars().any(kanji),
            "{key}: kanji without a reading in {text:?}"
        );
    }
    assert!(with_ruby > 20, "only {with_ruby} readings");
    for c in catalogs().iter().filter(|c| !c.tag().starts_with("ja")) {
        for key in ["public-home-lead", "public-notice-text", "public-lost-next"] {
            assert_ne!(
                c.try_format(key, &SAMPLE_ARGS),
                japanese().try_format(key, &SAMPLE_ARGS),
                "{}: {key} is untranslated",
                c.tag()
            );
        }
    }
}

/// Every field problem the use cases raise (`FieldError::new(field, "problem-…")`, read from
/// the sources of the crates that raise them) has its message in the desk catalogs: a missing
/// one would reach the reader as its key.
#[test]
fn every_field_problem_the_code_raises_has_its_message() {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut keys = BTreeSet::new();
    let mut dirs = vec![crates.clone()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "target" && name != "tests" && !name.starts_with('.') {
                    dirs.push(path);
                }
            } else if name.ends_with(".rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (i, _) in text.match_indices("\"problem-") {
                    let rest = &text[i + 1..];
                    let end = rest.find('"').unwrap_or(0);
                    keys.insert(rest[..end].to_owned());
                }
            }
        }
    }
    assert!(keys.len() > 100, "only {} problem keys found", keys.len());
    let ja: BTreeSet<&String> = mynumber_i18n::desk_japanese().keys().iter().collect();
    let missing: Vec<&String> = keys.iter().filter(|k| !ja.contains(k)).collect();
    assert!(missing.is_empty(), "no desk message for {missing:?}");
}

/// The kiosk's screens: the languages kiosks offer (issue 13: Japanese, English, Chinese,
/// Korean, Portuguese, Spanish, Vietnamese and easy Japanese), each with exactly the Japanese
/// messages, formatting cleanly and translated; easy Japanese without kanji.
#[test]
fn the_kiosk_catalogs_are_the_kiosks_languages_and_complete() {
    use mynumber_i18n::{kiosk_catalog, kiosk_catalogs};
    let tags: Vec<&str> = kiosk_catalogs().iter().map(|c| c.tag()).collect();
    assert_eq!(
        tags,
        [
            "ja",
            "en",
            "es",
            "ja-x-easy",
            "ko",
            "pt-BR",
            "vi",
            "zh-Hans"
        ]
    );
    let ja = kiosk_catalog("ja");
    let source: BTreeSet<&String> = ja.keys().iter().collect();
    assert!(
        source.len() > 40,
        "the kiosk catalog shrank to {}",
        source.len()
    );
    let args = [
        ("count", Arg::Number(2)),
        ("tries", Arg::Number(2)),
        ("yen", Arg::Text("400")),
        ("reason", Arg::Text("…")),
        ("step", Arg::Number(3)),
    ];
    let kanji = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    for c in kiosk_catalogs() {
        assert!(c.load_errors().is_empty(), "{:?}", c.load_errors());
        let keys: BTreeSet<&String> = c.keys().iter().collect();
        assert_eq!(keys, source, "kiosk {} differs from Japanese", c.tag());
        for key in ja.keys() {
            let text = c
                .try_format(key, &args)
                .unwrap_or_else(|| panic!("kiosk {}: {key} does not format", c.tag()));
            assert!(!text.trim().is_empty(), "kiosk {}: {key} is empty", c.tag());
            if c.tag() == "ja-x-easy" && !key.starts_with("meta-") {
                assert!(
                    !text.chars().any(kanji),
                    "kiosk easy: {key} has kanji: {text}"
                );
            } else if !c.tag().starts_with("ja") && !key.starts_with("meta-") {
                assert_ne!(
                    Some(text),
                    ja.try_format(key, &args),
                    "kiosk {}: {key} is untranslated",
                    c.tag()
                );
            }
        }
    }
}
