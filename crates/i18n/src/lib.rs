//! Message catalogs: every text a resident or clerk reads, in Japanese first and then in each
//! language a resident may prefer. One Fluent file per language in `locales/`, compiled in.
//!
//! Japanese (`ja`) is the source: `tests/catalogs.rs` fails when another catalog lacks one of its
//! messages. A missing message at run time falls back to Japanese, never to an empty string.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// The writing system a catalog needs, which chooses its font.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Script {
    /// 日本語: kanji and kana (also used for やさしい日本語).
    Japanese,
    /// 한국어: Hangul.
    Korean,
    /// 简体中文.
    SimplifiedChinese,
    /// Latin letters, including Vietnamese diacritics.
    Latin,
    /// Devanagari (Nepali).
    Devanagari,
}

impl Script {
    fn parse(code: &str) -> Option<Self> {
        Some(match code.trim() {
            "jp" => Self::Japanese,
            "kr" => Self::Korean,
            "sc" => Self::SimplifiedChinese,
            "latin" => Self::Latin,
            "deva" => Self::Devanagari,
            _ => return None,
        })
    }
}

/// A value given to a message's placeholder.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Text, inserted as is.
    Text(&'a str),
    /// A number, which may select a plural or a month name.
    Number(i64),
}

/// Which set of catalogs a catalog belongs to: a missing message falls back to the Japanese
/// catalog of the same set.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Set {
    /// Residents' documents and pages (`locales/`).
    Resident,
    /// The staff screens (`locales/desk/`).
    Desk,
    /// The lost-card line's scripts and next steps (`locales/call/`).
    Call,
    /// The kiosk's screens (`locales/kiosk/`).
    Kiosk,
}

/// One language's messages.
pub struct Catalog {
    tag: &'static str,
    set: Set,
    bundle: FluentBundle<FluentResource>,
    keys: Vec<String>,
    errors: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("tag", &self.tag)
            .finish_non_exhaustive()
    }
}

static CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .zip(SOURCES.iter())
        .map(|(tag, source)| Catalog::load(tag, source, Set::Resident))
        .collect()
});

static DESK_CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    DESK_LANGUAGES
        .iter()
        .zip(DESK_SOURCES.iter())
        .map(|(tag, source)| Catalog::load(tag, source, Set::Desk))
        .collect()
});

static CALL_CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    CALL_LANGUAGES
        .iter()
        .zip(CALL_SOURCES.iter())
        .map(|(tag, source)| Catalog::load(tag, source, Set::Call))
        .collect()
});

static KIOSK_CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    KIOSK_LANGUAGES
        .iter()
        .zip(KIOSK_SOURCES.iter())
        .map(|(tag, source)| Catalog::load(tag, source, Set::Kiosk))
        .collect()
});

impl Catalog {
    fn load(tag: &'static str, source: &str, set: Set) -> Self {
        let mut errors = Vec::new();
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, errs)| {
            errors.extend(errs.iter().map(|e| format!("{tag}.ftl: {e}")));
            res
        });
        let keys = resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        // Plural and number rules come from the base language: `ja-x-easy` follows `ja`.
        let base = tag.split("-x-").next().unwrap_or(tag);
        let langid: LanguageIdentifier = base.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Bidi isolation marks (U+2068/U+2069) would print as boxes in a PDF.
        bundle.set_use_isolating(false);
        if let Err(errs) = bundle.add_resource(resource) {
            errors.extend(errs.iter().map(|e| format!("{tag}.ftl: {e}")));
        }
        Self {
            tag,
            set,
            bundle,
            keys,
            errors,
        }
    }

    /// The language tag (BCP 47), e.g. `ja`, `ja-x-easy`, `pt-BR`.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// The language's own name for itself.
    pub fn name(&self) -> String {
        self.text("meta-language-name")
    }

    /// The writing system this language needs.
    pub fn script(&self) -> Script {
        Script::parse(&self.text("meta-script")).unwrap_or(Script::Latin)
    }

    /// Whether this is the Japanese source catalog: a Japanese reader gets no second language.
    pub fn is_japanese(&self) -> bool {
        self.tag == "ja"
    }

    /// The message ids this catalog defines, in file order.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Syntax errors found when the catalog was loaded (empty for a good catalog).
    pub fn load_errors(&self) -> &[String] {
        &self.errors
    }

    /// A message without placeholders.
    pub fn text(&self, key: &str) -> String {
        self.format(key, &[])
    }

    /// A message with its placeholders filled in. A message this catalog lacks comes from the
    /// Japanese catalog; one that no catalog has comes back as its id.
    pub fn format(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let source = match self.set {
            Set::Resident => japanese(),
            Set::Desk => desk_japanese(),
            Set::Call => call_catalog("ja"),
            Set::Kiosk => kiosk_catalog("ja"),
        };
        self.try_format(key, args)
            .or_else(|| source.try_format(key, args))
            .unwrap_or_else(|| key.to_owned())
    }

    /// Like [`Catalog::format`] but `None` when this catalog lacks the message or it does not
    /// format cleanly (used by the completeness tests).
    pub fn try_format(&self, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let message = self.bundle.get_message(key)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(*s)),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }

    /// A calendar date given in a Japanese era (和暦): `era` is 1 明治 … 5 令和 and `era_year`
    /// the year within it (1 is 元年), as `mynumber_core::dates::era_of` gives them. Japanese
    /// writes the era alone (令和8年11月25日); the other languages add the Gregorian year, since
    /// few of their readers count in eras.
    pub fn era_date(&self, era: u8, era_year: i16, year: i16, month: i8, day: i8) -> String {
        self.format(
            "date-era",
            &[
                ("era", Arg::Number(era.into())),
                ("year", Arg::Number(era_year.into())),
                ("gyear", Arg::Number(year.into())),
                ("month", Arg::Number(month.into())),
                ("day", Arg::Number(day.into())),
            ],
        )
    }

    /// A calendar date in this language.
    pub fn date(&self, year: i16, month: i8, day: i8) -> String {
        self.format(
            "date",
            &[
                ("year", Arg::Number(year.into())),
                ("month", Arg::Number(month.into())),
                ("day", Arg::Number(day.into())),
            ],
        )
    }
}

/// The language of an `Accept-Language` header (RFC 9110 §12.5.4) that the residents' catalogs
/// speak: by weight (`q`), then in the header's order; a weight of 0 refuses a language. A tag
/// with a region is tried whole, then by its language (`zh-CN` is `zh-Hans`, `pt-PT` is `pt-BR`,
/// `tl` is `fil`; **choice:** `zh-TW` too is `zh-Hans`, the one Chinese the catalogs have, which
/// its readers read better than the Japanese fallback); `None` when none is spoken.
pub fn accepted_language(accept_language: &str) -> Option<&'static str> {
    let known = |tag: &str| {
        LANGUAGES
            .iter()
            .copied()
            .find(|t| t.eq_ignore_ascii_case(tag.trim()))
    };
    let mut weighted: Vec<(&str, u16)> = accept_language
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            // q is 0 to 1 with up to three decimals: compared in thousandths; a weight that
            // does not parse counts as 1, as if it were absent.
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .next()
                .and_then(|v| v.trim().parse::<f32>().ok())
                .map_or(1000, |v| (v.clamp(0.0, 1.0) * 1000.0).round() as u16);
            (q > 0 && !tag.is_empty()).then_some((tag, q))
        })
        .collect();
    // Stable: equal weights keep the header's order.
    weighted.sort_by_key(|w| std::cmp::Reverse(w.1));
    weighted.into_iter().map(|(tag, _)| tag).find_map(|tag| {
        let tag = tag.trim();
        known(tag).or_else(|| {
            let base = tag.split('-').next().unwrap_or_default();
            match base.to_ascii_lowercase().as_str() {
                "zh" => Some("zh-Hans"),
                "pt" => Some("pt-BR"),
                "tl" => Some("fil"),
                other => known(other),
            }
        })
    })
}

/// Every catalog, Japanese first.
pub fn catalogs() -> &'static [Catalog] {
    &CATALOGS
}

/// The Japanese catalog, the source of every message.
pub fn japanese() -> &'static Catalog {
    catalog("ja")
}

/// The catalog for a supported tag; an unknown tag gets Japanese.
pub fn catalog(tag: &str) -> &'static Catalog {
    let all: &'static [Catalog] = &CATALOGS;
    all.iter()
        .find(|c| c.tag.eq_ignore_ascii_case(tag))
        .or_else(|| all.first())
        .unwrap_or_else(|| unreachable_catalog())
}

/// The staff screens' catalogs (`locales/desk/`), Japanese first.
pub fn desk_catalogs() -> &'static [Catalog] {
    &DESK_CATALOGS
}

/// The staff screens' Japanese catalog, the source of their messages.
pub fn desk_japanese() -> &'static Catalog {
    desk_catalog("ja")
}

/// The staff screens' catalog for a supported tag; an unknown tag gets Japanese.
pub fn desk_catalog(tag: &str) -> &'static Catalog {
    let all: &'static [Catalog] = &DESK_CATALOGS;
    all.iter()
        .find(|c| c.tag.eq_ignore_ascii_case(tag))
        .or_else(|| all.first())
        .unwrap_or_else(|| unreachable_catalog())
}

/// The lost-card line's catalogs (`locales/call/`): the operator's scripts and the caller's
/// next steps, in the national line's languages, Japanese first.
pub fn call_catalogs() -> &'static [Catalog] {
    &CALL_CATALOGS
}

/// The lost-card line's catalog for a supported tag; an unknown tag gets Japanese.
pub fn call_catalog(tag: &str) -> &'static Catalog {
    let all: &'static [Catalog] = &CALL_CATALOGS;
    all.iter()
        .find(|c| c.tag.eq_ignore_ascii_case(tag))
        .or_else(|| all.first())
        .unwrap_or_else(|| unreachable_catalog())
}

/// The kiosk's screens' catalogs (`locales/kiosk/`): the languages kiosks offer, Japanese
/// first.
pub fn kiosk_catalogs() -> &'static [Catalog] {
    &KIOSK_CATALOGS
}

/// The kiosk's catalog for a supported tag; an unknown tag gets Japanese.
pub fn kiosk_catalog(tag: &str) -> &'static Catalog {
    let all: &'static [Catalog] = &KIOSK_CATALOGS;
    all.iter()
        .find(|c| c.tag.eq_ignore_ascii_case(tag))
        .or_else(|| all.first())
        .unwrap_or_else(|| unreachable_catalog())
}

#[cold]
fn unreachable_catalog() -> &'static Catalog {
    // The build script refuses to build without a ja.ftl, so neither list is ever empty.
    static EMPTY: LazyLock<Catalog> = LazyLock::new(|| Catalog::load("ja", "", Set::Resident));
    &EMPTY
}
