//! Page layout as a display list: documents are laid out into pages of drawing operations
//! (which makes page breaks trivial), then the operations are drawn into a krilla document.

use std::sync::Arc;

use krilla::Data;
use krilla::Document;
use krilla::color::{luma, rgb};
use krilla::geom::{PathBuilder, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Pattern, Stroke};
use krilla::surface::Surface;
use mynumber_core::print_back::FrontRow;
use mynumber_i18n::{Catalog, Script};
use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

use crate::fonts::Weight;
use crate::text::Writer;
use crate::{Fonts, RenderError};

/// A4 in points (210 × 297 mm).
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// Printers cannot print to the edge; 15 mm keeps every line inside any office printer's area.
pub(crate) const MARGIN: f32 = 42.5;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// One drawing operation.
#[derive(Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        text: String,
        script: Script,
        weight: Weight,
        size: f32,
        gray: u8,
    },
    /// A rectangle outline (`fill == None`) or a filled rectangle in a shade of gray.
    Rect {
        rect: Rect,
        stroke: f32,
        fill: Option<u8>,
    },
    /// Black rectangles drawn as one path (a QR code's modules).
    Rects { rects: Vec<Rect> },
    /// The municipality's seal (公印): a square of `side` points, its frame and characters in
    /// vermilion.
    Stamp {
        x: f32,
        top: f32,
        side: f32,
        text: Vec<char>,
    },
    /// A PNG image as given, `w` × `h` points.
    Image {
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        png: Arc<Vec<u8>>,
    },
}

/// 朱色 (vermilion), the colour of seal ink.
const SEAL_INK: (u8, u8, u8) = (0xD7, 0x2F, 0x1E);

/// Text style: size and weight, and how far the baseline moves per line.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
    pub(crate) gray: u8,
}

impl Style {
    pub(crate) const fn regular(size: f32) -> Self {
        Self {
            size,
            weight: Weight::Regular,
            gray: 0,
        }
    }
    pub(crate) const fn bold(size: f32) -> Self {
        Self {
            size,
            weight: Weight::Bold,
            gray: 0,
        }
    }
    /// The same style in dark gray, for the second-language lines under the Japanese ones.
    pub(crate) const fn secondary(self) -> Self {
        Self { gray: 70, ..self }
    }
    pub(crate) fn leading(self) -> f32 {
        self.size * 1.45
    }
}

/// The latent copy mark (けん制文字, outside-world §4.3): a page-wide tint of fine dots, and inside
/// the shape of the word a tint of coarser dots covering the same share of the paper, so that
/// the eye sees one even tint on the original. A copier, which blurs and thresholds, loses the
/// fine dots and keeps the coarse ones: the word appears on the copy. **Choice**
/// (docs/design/kiosk.md): dot sizes and pitches for plain A4 at 300 dpi and more; both tints
/// cover (dot ÷ pitch)² ≈ 4.3 % of the paper.
pub(crate) struct CopyMark {
    /// The word that appears on a copy (「複写」).
    pub(crate) word: String,
}

/// The fine dots' side and pitch, in points: a dot is about one pixel at 300 dpi.
const FINE_DOT: f32 = 0.25;
const FINE_PITCH: f32 = 1.2;
/// The coarse dots': twice the pitch and twice the side, the same share of the paper.
const COARSE_DOT: f32 = 0.5;
const COARSE_PITCH: f32 = 2.4;
/// The word's size, in points: two characters across most of the page's width.
pub(crate) const COPY_MARK_SIZE: f32 = 200.0;

/// A tiling pattern of one square dot of `dot` points every `pitch` points, in black.
fn dots(surface: &mut Surface<'_>, dot: f32, pitch: f32) -> Option<Pattern> {
    let mut builder = surface.stream_builder();
    let mut tile = builder.surface();
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_xywh(0.0, 0.0, dot, dot)?);
    let path = path.finish()?;
    tile.set_fill(Some(Fill {
        paint: luma::Color::black().into(),
        ..Fill::default()
    }));
    tile.draw_path(&path);
    tile.finish();
    Some(Pattern {
        stream: builder.finish(),
        transform: Transform::default(),
        width: pitch,
        height: pitch,
    })
}

/// Where the mark's word stands on a page: its left and its baseline, centred.
pub(crate) fn copy_mark_origin(writer: &Writer<'_>, word: &str) -> Result<(f32, f32), RenderError> {
    let width = writer.width(word, Script::Japanese, Weight::Bold, COPY_MARK_SIZE)?;
    Ok((
        (PAGE_WIDTH - width) / 2.0,
        PAGE_HEIGHT / 2.0 + COPY_MARK_SIZE * 0.35,
    ))
}

/// Draws the copy mark under a page's content.
fn draw_copy_mark(
    writer: &Writer<'_>,
    surface: &mut Surface<'_>,
    mark: &CopyMark,
) -> Result<(), RenderError> {
    let fail = || RenderError::Pdf("the copy mark's pattern".into());
    let fine = dots(surface, FINE_DOT, FINE_PITCH).ok_or_else(fail)?;
    let coarse = dots(surface, COARSE_DOT, COARSE_PITCH).ok_or_else(fail)?;
    let mut page = PathBuilder::new();
    page.push_rect(Rect::from_xywh(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT).ok_or_else(fail)?);
    let page = page.finish().ok_or_else(fail)?;
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: fine.into(),
        ..Fill::default()
    }));
    surface.draw_path(&page);
    let (x, y) = copy_mark_origin(writer, &mark.word)?;
    // The word's shape cleared of the fine dots, then filled with the coarse ones.
    for paint in [luma::Color::white().into(), coarse.into()] {
        surface.set_fill(Some(Fill {
            paint,
            ..Fill::default()
        }));
        writer.draw(
            surface,
            x,
            y,
            &mark.word,
            Script::Japanese,
            Weight::Bold,
            COPY_MARK_SIZE,
        )?;
    }
    Ok(())
}

/// Lays out pages for one document.
pub(crate) struct Layout<'w, 'f> {
    pub(crate) writer: &'w Writer<'f>,
    pages: Vec<Vec<Op>>,
    /// The latent copy mark under every page, for prints on plain paper.
    copy_mark: Option<CopyMark>,
    /// What the rows printed say, block by block (print_back.rs): recorded once a section is
    /// started.
    transcript: Vec<Vec<FrontRow>>,
    /// Whether rows printed now are recorded.
    recording: bool,
    /// The top of the next line.
    pub(crate) y: f32,
}

impl<'w, 'f> Layout<'w, 'f> {
    pub(crate) fn new(writer: &'w Writer<'f>) -> Self {
        Self {
            writer,
            pages: Vec::new(),
            copy_mark: None,
            transcript: Vec::new(),
            recording: false,
            y: MARGIN,
        }
    }

    /// Puts the latent copy mark under every page.
    pub(crate) fn set_copy_mark(&mut self, mark: CopyMark) {
        self.copy_mark = Some(mark);
    }

    /// Starts a new block of the transcript: the rows printed from now on are one person's.
    pub(crate) fn section(&mut self) {
        self.transcript.push(Vec::new());
        self.recording = true;
    }

    /// The rows printed from now on are the document's own (its code): not recorded.
    pub(crate) fn end_transcript(&mut self) {
        self.recording = false;
    }

    /// Records a printed row in the transcript (once a section is started).
    pub(crate) fn note(&mut self, row: FrontRow) {
        if let Some(section) = self.transcript.last_mut().filter(|_| self.recording) {
            section.push(row);
        }
    }

    /// The transcript so far.
    pub(crate) fn transcript(&self) -> &[Vec<FrontRow>] {
        &self.transcript
    }

    /// Starts a new page and puts the cursor at its top margin.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || self.y + height > PAGE_HEIGHT - MARGIN {
            self.new_page();
        }
    }

    fn push(&mut self, op: Op) {
        if self.pages.is_empty() {
            self.new_page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// One line with its top at `top` (not moving the cursor).
    pub(crate) fn text_at(&mut self, x: f32, top: f32, text: &str, script: Script, style: Style) {
        self.push(Op::Text {
            x,
            y: top + style.size * 0.88,
            text: text.to_owned(),
            script,
            weight: style.weight,
            size: style.size,
            gray: style.gray,
        });
    }

    /// The width of `text` in `style`.
    pub(crate) fn width(
        &self,
        text: &str,
        script: Script,
        style: Style,
    ) -> Result<f32, RenderError> {
        self.writer.width(text, script, style.weight, style.size)
    }

    /// A paragraph at the cursor, wrapped to `width`, breaking pages between lines.
    pub(crate) fn paragraph(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        script: Script,
        style: Style,
    ) {
        for line in self
            .writer
            .wrap(text, script, style.weight, style.size, width)
        {
            self.ensure(style.leading());
            let top = self.y;
            self.text_at(x, top, &line, script, style);
            self.y += style.leading();
        }
    }

    /// The Japanese text, then the same message in the second language (if any) under it.
    pub(crate) fn bilingual(
        &mut self,
        x: f32,
        width: f32,
        key: &str,
        args: &[(&str, mynumber_i18n::Arg<'_>)],
        second: Option<&Catalog>,
        style: Style,
    ) {
        let ja = mynumber_i18n::japanese();
        self.paragraph(x, width, &ja.format(key, args), Script::Japanese, style);
        if let Some(c) = second {
            let style = Style {
                size: style.size * 0.92,
                ..style.secondary()
            };
            self.paragraph(x, width, &c.format(key, args), c.script(), style);
        }
    }

    /// A rectangle outline.
    pub(crate) fn frame(&mut self, x: f32, top: f32, w: f32, h: f32, stroke: f32) {
        if let Some(rect) = Rect::from_xywh(x, top, w, h) {
            self.push(Op::Rect {
                rect,
                stroke,
                fill: None,
            });
        }
    }

    /// A filled rectangle in gray `shade` (0 black … 255 white).
    pub(crate) fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, shade: u8) {
        if let Some(rect) = Rect::from_xywh(x, top, w, h) {
            self.push(Op::Rect {
                rect,
                stroke: 0.0,
                fill: Some(shade),
            });
        }
    }

    /// The municipality's seal (公印), `side` points square, its top-left at (x, top).
    pub(crate) fn stamp(&mut self, x: f32, top: f32, side: f32, text: &str) {
        self.push(Op::Stamp {
            x,
            top,
            side,
            text: text.chars().collect(),
        });
    }

    /// A PNG image, `w` × `h` points, its top-left at (x, top).
    pub(crate) fn image(&mut self, x: f32, top: f32, w: f32, h: f32, png: Arc<Vec<u8>>) {
        self.push(Op::Image { x, top, w, h, png });
    }

    /// A QR code (error correction M) of `size` points square with its top-left at (x, top),
    /// drawn as vector squares so it stays sharp at any print resolution.
    pub(crate) fn qr(
        &mut self,
        x: f32,
        top: f32,
        size: f32,
        data: &str,
    ) -> Result<(), RenderError> {
        let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
            .map_err(|_| RenderError::QrCode(data.len()))?;
        if self.copy_mark.is_some() {
            // The copy mark's dots stay out of the code and its quiet zone.
            self.fill(x, top, size, size, 255);
        }
        self.modules(x, top, size, &code);
        Ok(())
    }

    /// A QR code of `version` at level M holding `data` in byte mode (never the Kanji mode
    /// an optimiser might pick for bytes that look like Shift_JIS, which a reader would give
    /// back as other bytes), on a white square that keeps the copy mark's dots out of it.
    pub(crate) fn qr_bytes(
        &mut self,
        x: f32,
        top: f32,
        size: f32,
        version: i16,
        data: &[u8],
    ) -> Result<(), RenderError> {
        let code = (|| {
            let mut bits = Bits::new(Version::Normal(version));
            bits.push_byte_data(data).ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })()
        .ok_or(RenderError::QrCode(data.len()))?;
        self.fill(x, top, size, size, 255);
        self.modules(x, top, size, &code);
        Ok(())
    }

    /// A code's dark modules as one black path: each row's runs of dark modules one rectangle
    /// (a drawing operation per module made a back of three codes ~14,000 paths).
    fn modules(&mut self, x: f32, top: f32, size: f32, code: &QrCode) {
        let modules = code.width();
        // Four modules of quiet zone on each side, as ISO/IEC 18004 requires.
        let cell = size / (modules + 8) as f32;
        let colors = code.to_colors();
        let mut rects = Vec::new();
        for (row, line) in colors.chunks(modules).enumerate() {
            let mut col = 0;
            while col < modules {
                if line[col] != Color::Dark {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < modules && line[col] == Color::Dark {
                    col += 1;
                }
                // A hair of overlap so that no white seams appear between rows.
                if let Some(rect) = Rect::from_xywh(
                    x + (start + 4) as f32 * cell,
                    top + (row + 4) as f32 * cell,
                    (col - start) as f32 * cell + 0.05,
                    cell + 0.05,
                ) {
                    rects.push(rect);
                }
            }
        }
        self.push(Op::Rects { rects });
    }

    /// Takes the pages laid out, for another layout to use as a page of its own.
    fn into_pages(self) -> Vec<Vec<Op>> {
        self.pages
    }

    /// Puts `back` (a layout of one page) after every page: on a duplex print each sheet's
    /// back carries it.
    pub(crate) fn interleave_back(&mut self, back: Layout<'_, '_>) {
        let back: Vec<Op> = back.into_pages().into_iter().flatten().collect();
        let fronts = std::mem::take(&mut self.pages);
        for front in fronts {
            self.pages.push(front);
            self.pages.push(back.clone());
        }
    }

    /// Draws every page into a PDF.
    pub(crate) fn finish(self, doc: &mut Document) -> Result<(), RenderError> {
        for ops in self.pages {
            let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
                .ok_or_else(|| RenderError::Pdf("bad page size".into()))?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            if let Some(mark) = &self.copy_mark {
                draw_copy_mark(self.writer, &mut surface, mark)?;
            }
            for op in ops {
                draw(self.writer, &mut surface, op)?;
            }
            surface.finish();
            page.finish();
        }
        Ok(())
    }
}

fn draw(writer: &Writer<'_>, surface: &mut Surface<'_>, op: Op) -> Result<(), RenderError> {
    match op {
        Op::Text {
            x,
            y,
            text,
            script,
            weight,
            size,
            gray,
        } => {
            surface.set_fill(Some(Fill {
                paint: luma::Color::new(gray).into(),
                ..Fill::default()
            }));
            writer.draw(surface, x, y, &text, script, weight, size)?;
        }
        Op::Rect { rect, stroke, fill } => {
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            let Some(path) = builder.finish() else {
                return Ok(());
            };
            match fill {
                Some(shade) => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: luma::Color::new(shade).into(),
                        opacity: NormalizedF32::ONE,
                        ..Fill::default()
                    }));
                }
                None => {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: luma::Color::black().into(),
                        width: stroke,
                        ..Stroke::default()
                    }));
                }
            }
            surface.draw_path(&path);
            surface.set_stroke(None);
        }
        Op::Rects { rects } => {
            let mut builder = PathBuilder::new();
            for rect in rects {
                builder.push_rect(rect);
            }
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: luma::Color::black().into(),
                    opacity: NormalizedF32::ONE,
                    ..Fill::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Stamp { x, top, side, text } => draw_stamp(writer, surface, x, top, side, &text)?,
        Op::Image { x, top, w, h, png } => {
            let image = Image::from_png(Data::from(png), true)
                .map_err(|e| RenderError::Pdf(format!("the image: {e}")))?;
            let size = Size::from_wh(w, h).ok_or_else(|| RenderError::Pdf("image size".into()))?;
            surface.push_transform(&Transform::from_translate(x, top));
            surface.draw_image(image, size);
            surface.pop();
        }
    }
    Ok(())
}

/// A square seal: a double frame, and the characters in columns read from the right, top to
/// bottom, as official seals are cut. **Choice** (docs/design/kiosk.md): drawn, not a scanned
/// image, from the name printed as the issuer; a municipality's registered image could take
/// its place.
fn draw_stamp(
    writer: &Writer<'_>,
    surface: &mut Surface<'_>,
    x: f32,
    top: f32,
    side: f32,
    text: &[char],
) -> Result<(), RenderError> {
    let ink = rgb::Color::new(SEAL_INK.0, SEAL_INK.1, SEAL_INK.2);
    let fail = || RenderError::Pdf("the seal".into());
    surface.set_fill(None);
    for (inset, width) in [(0.0, side * 0.045), (side * 0.075, side * 0.012)] {
        let mut frame = PathBuilder::new();
        frame.push_rect(
            Rect::from_xywh(
                x + inset,
                top + inset,
                side - 2.0 * inset,
                side - 2.0 * inset,
            )
            .ok_or_else(fail)?,
        );
        surface.set_stroke(Some(Stroke {
            paint: ink.into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&frame.finish().ok_or_else(fail)?);
    }
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: ink.into(),
        ..Fill::default()
    }));
    let n = text.len().max(1);
    let rows = (1..=n).find(|r| r * r >= n).unwrap_or(n);
    let cols = n.div_ceil(rows);
    let inner = side * 0.8;
    let cell_w = inner / cols as f32;
    let cell_h = inner / rows as f32;
    let size = cell_w.min(cell_h) * 0.92;
    for (i, c) in text.iter().enumerate() {
        let (col, row) = (i / rows, i % rows);
        // The first column is the rightmost.
        let cx = x + side * 0.1 + (cols - 1 - col) as f32 * cell_w + cell_w / 2.0;
        let cy = top + side * 0.1 + row as f32 * cell_h + cell_h / 2.0;
        let s = c.to_string();
        let w = writer.width(&s, Script::Japanese, Weight::Bold, size)?;
        writer.draw(
            surface,
            cx - w / 2.0,
            cy + size * 0.36,
            &s,
            Script::Japanese,
            Weight::Bold,
            size,
        )?;
    }
    Ok(())
}

/// A new PDF with metadata; dates come from the document (never from the clock).
pub(crate) fn document(title: &str, date: jiff::civil::Date) -> Document {
    let mut doc = Document::new();
    let year = u16::try_from(date.year()).unwrap_or(2000);
    let created = DateTime::new(year)
        .month(u8::try_from(date.month()).unwrap_or(1))
        .day(u8::try_from(date.day()).unwrap_or(1));
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("ja".to_owned())
            .creator("mynumber".to_owned())
            .producer("mynumber (krilla)".to_owned())
            .creation_date(created),
    );
    doc
}

/// The finished PDF bytes.
pub(crate) fn finish(doc: Document) -> Result<Vec<u8>, RenderError> {
    doc.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

/// One PDF of `items` (a print batch), each laid out by `pages` on pages of its own. The
/// document's date is the first item's.
pub(crate) fn render_batch<T>(
    fonts: &Fonts,
    title: &str,
    items: &[T],
    date: impl Fn(&T) -> jiff::civil::Date,
    pages: impl Fn(&mut Layout<'_, '_>, &T) -> Result<(), RenderError>,
) -> Result<Vec<u8>, RenderError> {
    let writer = Writer::new(fonts);
    let first = items.first().map_or(jiff::civil::date(2000, 1, 1), &date);
    let mut doc = document(title, first);
    for item in items {
        let mut layout = Layout::new(&writer);
        pages(&mut layout, item)?;
        layout.finish(&mut doc)?;
    }
    finish(doc)
}
