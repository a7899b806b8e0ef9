//! Text on a page: choosing a face per character, shaping with rustybuzz, measuring, and
//! breaking paragraphs into lines (between CJK characters, or at spaces, never before a closing
//! bracket or full stop).

use std::ops::Range;

use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use mynumber_i18n::Script;

use crate::RenderError;
use crate::fonts::{Family, Fonts, Weight};

/// Shapes and draws text for one document.
pub(crate) struct Writer<'f> {
    fonts: &'f Fonts,
    shapers: Vec<rustybuzz::Face<'f>>,
}

/// Characters that belong to the run before them whatever face that is: combining marks,
/// joiners and variation selectors (e.g. the IVS in 葛󠄀), which only make sense with their base.
fn clings(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}' | '\u{3099}'..='\u{309A}')
}

/// Whether a line may break between two CJK characters here.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// 行頭禁則: characters a line must not start with.
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '・'
            | 'ー'
            | '：'
            | '；'
            | '！'
            | '？'
            | ')'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '।'
            | '々'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'っ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ッ'
    )
}

/// 行末禁則: characters a line must not end with.
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '〔' | '(')
}

impl<'f> Writer<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Self {
        Self {
            fonts,
            shapers: fonts.shapers(),
        }
    }

    fn shaper(&self, family: Family, weight: Weight) -> Option<&rustybuzz::Face<'f>> {
        self.shapers.get(family.slot(weight))
    }

    fn has(&self, family: Family, weight: Weight, c: char) -> bool {
        self.shaper(family, weight)
            .is_some_and(|f| f.glyph_index(c).is_some())
    }

    /// Splits `text` into runs, each drawn with the first preferred face that has its characters.
    fn runs(
        &self,
        text: &str,
        script: Script,
        weight: Weight,
    ) -> Result<Vec<(Family, Range<usize>)>, RenderError> {
        let preference = Family::preference(script);
        let mut runs: Vec<(Family, Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let current = runs.last().map(|(f, _)| *f);
            let keep_current = clings(c)
                || (c == ' ' && current.is_some())
                || current.is_some_and(|f| self.has(f, weight, c));
            let family = if keep_current {
                current
            } else {
                preference.iter().copied().find(|f| self.has(*f, weight, c))
            };
            let Some(family) = family else {
                let face = self.fonts.face(preference[0], weight);
                return Err(RenderError::MissingGlyph {
                    character: c,
                    font: face.name,
                    package: face.package,
                });
            };
            match runs.last_mut() {
                Some((f, range)) if *f == family => range.end = end,
                _ => runs.push((family, i..end)),
            }
        }
        Ok(runs)
    }

    /// Shapes one run; advances are in em (multiply by the font size).
    fn shape(&self, family: Family, weight: Weight, text: &str) -> (Vec<KrillaGlyph>, f32) {
        let Some(face) = self.shaper(family, weight) else {
            return (Vec::new(), 0.0);
        };
        let upem = face.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = rustybuzz::shape(face, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // A cluster runs to the next glyph with a different cluster (left-to-right text).
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            let advance = pos.x_advance as f32 / upem;
            width += advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end.max(start),
                None,
            ));
        }
        (glyphs, width)
    }

    /// The width of one line of text in points.
    pub(crate) fn width(
        &self,
        text: &str,
        script: Script,
        weight: Weight,
        size: f32,
    ) -> Result<f32, RenderError> {
        let mut width = 0.0;
        for (family, range) in self.runs(text, script, weight)? {
            width += self.shape(family, weight, &text[range]).1;
        }
        Ok(width * size)
    }

    /// Draws one line with its baseline at `y`; returns its width.
    #[allow(
        clippy::too_many_arguments,
        reason = "a text run's position and style, drawn by one call"
    )]
    pub(crate) fn draw(
        &self,
        surface: &mut Surface<'_>,
        x: f32,
        y: f32,
        text: &str,
        script: Script,
        weight: Weight,
        size: f32,
    ) -> Result<f32, RenderError> {
        let mut pen = x;
        for (family, range) in self.runs(text, script, weight)? {
            let run = &text[range];
            let (glyphs, width) = self.shape(family, weight, run);
            let font = self.fonts.face(family, weight).font.clone();
            surface.draw_glyphs(Point::from_xy(pen, y), &glyphs, font, run, size, false);
            pen += width * size;
        }
        Ok(pen - x)
    }

    /// A character's advance in em from the font tables alone (no shaping), for line breaking.
    fn advance(&self, c: char, preference: &[Family], weight: Weight) -> f32 {
        if clings(c) {
            return 0.0;
        }
        preference
            .iter()
            .filter_map(|f| self.shaper(*f, weight))
            .find_map(|face| {
                let glyph = face.glyph_index(c)?;
                let advance = face.glyph_hor_advance(glyph)?;
                Some(f32::from(advance) / face.units_per_em() as f32)
            })
            .unwrap_or(1.0)
    }

    /// Breaks a paragraph into lines no wider than `max` points.
    pub(crate) fn wrap(
        &self,
        text: &str,
        script: Script,
        weight: Weight,
        size: f32,
        max: f32,
    ) -> Vec<String> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let preference = Family::preference(script);
        let advances: Vec<f32> = chars
            .iter()
            .map(|(_, c)| self.advance(*c, preference, weight) * size)
            .collect();
        let mut lines = Vec::new();
        let mut start = 0usize; // index into chars
        while start < chars.len() {
            let mut best_break = None;
            let mut end = start;
            let mut width = 0.0;
            while end < chars.len() {
                let c = chars[end].1;
                width += advances[end];
                // A space at the end of a line hangs in the margin.
                if end > start && c != ' ' && width > max {
                    break;
                }
                let next = chars.get(end + 1).map(|(_, n)| *n);
                let breakable = match next {
                    None => true,
                    Some(n) => {
                        (c == ' ' || (is_cjk(c) || is_cjk(n)) && n != ' ')
                            && !no_break_before(n)
                            && !no_break_after(c)
                    }
                };
                if breakable {
                    best_break = Some(end + 1);
                }
                end += 1;
            }
            let stop = if end >= chars.len() {
                chars.len()
            } else {
                best_break
                    .filter(|b| *b > start)
                    .unwrap_or(end.max(start + 1))
            };
            let byte_start = chars[start].0;
            let byte_end = chars.get(stop).map_or(text.len(), |(b, _)| *b);
            lines.push(text[byte_start..byte_end].trim().to_owned());
            start = stop;
            while chars.get(start).is_some_and(|(_, c)| *c == ' ') {
                start += 1;
            }
        }
        lines
    }
}
