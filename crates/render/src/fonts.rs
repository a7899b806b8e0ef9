//! Fonts: the faces every catalog's script needs, and the choice of face for each character.
//!
//! The bytes come from the caller (the system's font packages, read by the adapter), so this
//! crate never touches the file system. A character no face has is an error that names the
//! package to install; it is never drawn as an empty box.

use std::sync::Arc;

use krilla::text::Font;
use mynumber_i18n::Script;

use crate::RenderError;

/// One font file's bytes and where they came from (for error messages).
#[derive(Clone)]
pub struct FontFile {
    bytes: Arc<Vec<u8>>,
    origin: String,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("origin", &self.origin)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl FontFile {
    /// Wraps a font file's bytes; `origin` says where they came from, e.g. the path.
    pub fn new(bytes: Vec<u8>, origin: impl Into<String>) -> Self {
        Self {
            bytes: Arc::new(bytes),
            origin: origin.into(),
        }
    }
}

/// The files the documents need. Debian packages: `fonts-noto-cjk` (the CJK collection, faces
/// JP 0, KR 1, SC 2) and `fonts-noto-core` (Noto Sans for Latin and Vietnamese, Noto Sans
/// Devanagari for Nepali).
#[derive(Clone, Debug)]
pub struct FontFiles {
    /// NotoSansCJK-Regular.ttc.
    pub cjk_regular: FontFile,
    /// NotoSansCJK-Bold.ttc.
    pub cjk_bold: FontFile,
    /// NotoSans-Regular.ttf.
    pub latin_regular: FontFile,
    /// NotoSans-Bold.ttf.
    pub latin_bold: FontFile,
    /// NotoSansDevanagari-Regular.ttf.
    pub devanagari_regular: FontFile,
    /// NotoSansDevanagari-Bold.ttf.
    pub devanagari_bold: FontFile,
}

/// Where Debian's packages put the files, as (file, package): the adapter reads these unless
/// told otherwise, and names the package when one is missing.
pub const DEBIAN_FONT_FILES: [(&str, &str); 6] = [
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "fonts-noto-cjk",
    ),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "fonts-noto-cjk",
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "fonts-noto-core",
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "fonts-noto-core",
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
        "fonts-noto-core",
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf",
        "fonts-noto-core",
    ),
];

impl FontFiles {
    /// Builds the set from the six files in the order of [`DEBIAN_FONT_FILES`].
    pub fn from_ordered(files: [FontFile; 6]) -> Self {
        let [
            cjk_regular,
            cjk_bold,
            latin_regular,
            latin_bold,
            devanagari_regular,
            devanagari_bold,
        ] = files;
        Self {
            cjk_regular,
            cjk_bold,
            latin_regular,
            latin_bold,
            devanagari_regular,
            devanagari_bold,
        }
    }
}

/// Regular or bold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Titles, numbers and warnings.
    Bold,
}

/// A loaded face: the PDF font and what is needed to shape and measure with it.
#[derive(Clone)]
pub(crate) struct Face {
    pub(crate) font: Font,
    pub(crate) bytes: Arc<Vec<u8>>,
    pub(crate) index: u32,
    pub(crate) name: &'static str,
    pub(crate) package: &'static str,
}

/// The faces, parsed once and shared by every document.
#[derive(Clone)]
pub struct Fonts {
    faces: Vec<Face>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.faces.iter().map(|face| face.name))
            .finish()
    }
}

/// Index into [`Fonts::faces`]: script family × weight.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Family {
    Jp,
    Kr,
    Sc,
    Latin,
    Deva,
}

impl Family {
    /// The face's index in [`Fonts`] (and in a writer's shapers, built in the same order).
    pub(crate) fn slot(self, weight: Weight) -> usize {
        let base = match self {
            Self::Jp => 0,
            Self::Kr => 2,
            Self::Sc => 4,
            Self::Latin => 6,
            Self::Deva => 8,
        };
        base + usize::from(weight == Weight::Bold)
    }

    /// The families to try, in order, for text written in `script`.
    pub(crate) fn preference(script: Script) -> &'static [Family] {
        match script {
            Script::Japanese => &[Family::Jp, Family::Latin],
            Script::Korean => &[Family::Kr, Family::Jp, Family::Latin],
            Script::SimplifiedChinese => &[Family::Sc, Family::Jp, Family::Latin],
            Script::Latin => &[Family::Latin, Family::Jp],
            Script::Devanagari => &[Family::Deva, Family::Latin, Family::Jp],
        }
    }
}

impl Fonts {
    /// Parses the faces. A file that is not the expected font is an error naming its origin.
    pub fn new(files: &FontFiles) -> Result<Self, RenderError> {
        let specs: [(&FontFile, u32, &'static str, &'static str); 10] = [
            (&files.cjk_regular, 0, "Noto Sans CJK JP", "fonts-noto-cjk"),
            (
                &files.cjk_bold,
                0,
                "Noto Sans CJK JP Bold",
                "fonts-noto-cjk",
            ),
            (&files.cjk_regular, 1, "Noto Sans CJK KR", "fonts-noto-cjk"),
            (
                &files.cjk_bold,
                1,
                "Noto Sans CJK KR Bold",
                "fonts-noto-cjk",
            ),
            (&files.cjk_regular, 2, "Noto Sans CJK SC", "fonts-noto-cjk"),
            (
                &files.cjk_bold,
                2,
                "Noto Sans CJK SC Bold",
                "fonts-noto-cjk",
            ),
            (&files.latin_regular, 0, "Noto Sans", "fonts-noto-core"),
            (&files.latin_bold, 0, "Noto Sans Bold", "fonts-noto-core"),
            (
                &files.devanagari_regular,
                0,
                "Noto Sans Devanagari",
                "fonts-noto-core",
            ),
            (
                &files.devanagari_bold,
                0,
                "Noto Sans Devanagari Bold",
                "fonts-noto-core",
            ),
        ];
        let mut faces = Vec::with_capacity(specs.len());
        for (file, index, name, package) in specs {
            let bad = || RenderError::BadFont {
                origin: file.origin.clone(),
                expected: name,
                package,
            };
            rustybuzz::Face::from_slice(&file.bytes, index).ok_or_else(bad)?;
            let font = Font::new(file.bytes.clone().into(), index).ok_or_else(bad)?;
            faces.push(Face {
                font,
                bytes: file.bytes.clone(),
                index,
                name,
                package,
            });
        }
        Ok(Self { faces })
    }

    pub(crate) fn face(&self, family: Family, weight: Weight) -> &Face {
        // `new` fills every slot, so the index is always in range.
        &self.faces[family.slot(weight)]
    }

    /// Parsed shaping faces for one document, borrowed from the font bytes.
    pub(crate) fn shapers(&self) -> Vec<rustybuzz::Face<'_>> {
        self.faces
            .iter()
            .filter_map(|f| rustybuzz::Face::from_slice(&f.bytes, f.index))
            .collect()
    }
}
