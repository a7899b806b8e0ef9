//! Reading a scan of a print's back: a PNG, a JPEG, or a PDF as scanners make them (a page
//! image in each page), to the bytes of every QR symbol found in it. Outside bytes: every
//! size is bounded before anything is allocated, and the reader is fuzzed (fuzz/).
//!
//! What the symbols mean is core's (`print_back::join`); opening them is the app's.

use std::io::{Cursor, Read};

use thiserror::Error;

/// The largest image taken: 40 million pixels (an A4 page scanned at 600 dpi is 35 million).
const MAX_PIXELS: usize = 40_000_000;
/// Images above this are reduced by averaging square blocks before the symbols are looked for:
/// a 300 dpi page (8.7 million pixels) is read as it is; 600 dpi and more is halved or more,
/// which keeps a symbol's module at five pixels or more.
const READ_PIXELS: usize = 12_000_000;
/// The most page images read from one PDF (a back, or a front and its back), each decoded,
/// read and dropped before the next.
const MAX_PDF_IMAGES: usize = 4;
/// The most streams of a PDF looked at: each is skipped to its `endstream`, so the file is
/// read once, front to back.
const MAX_PDF_STREAMS: usize = 256;
/// How far before a stream its dictionary may start: a dictionary is a few hundred bytes.
const PDF_DICT_WINDOW: usize = 4 * 1024;
/// The shortest side of an image taken, in pixels, and the most one side may be longer than
/// the other: a page scanned is about 1.4 : 1 (two side by side, 2.8 : 1).
const MIN_SIDE: usize = 21;
const MAX_ASPECT: usize = 8;

/// Why a scan could not be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanError {
    /// Neither PNG, JPEG nor PDF.
    #[error("the file is not a PNG, JPEG or PDF image")]
    Format,
    /// More pixels than a scan of a page can have.
    #[error("the image is larger than {MAX_PIXELS} pixels")]
    TooLarge,
    /// A PDF with no page image in a form read here (a scanner's JPEG or 8-bit Flate image).
    #[error("the PDF holds no scanned page image")]
    NoImage,
    /// The image is damaged.
    #[error("the image cannot be decoded: {0}")]
    Damaged(String),
}

/// A grayscale image, one byte a pixel, row by row.
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Gray {
    /// The image, if `pixels` are exactly its width times its height.
    fn new(width: usize, height: usize, pixels: Vec<u8>) -> Result<Self, ScanError> {
        if pixels.len() != width * height {
            return Err(ScanError::Damaged("the image data is short".into()));
        }
        Ok(Self {
            width,
            height,
            pixels,
        })
    }
}

/// The bytes of every QR symbol found in the scan (in a PDF, on its page images one by one,
/// until they make a whole back).
pub fn read_symbols(file: &[u8]) -> Result<Vec<Vec<u8>>, ScanError> {
    if file.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(symbols_in(&reduce(png_gray(file)?)))
    } else if file.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(symbols_in(&reduce(jpeg_gray(file)?)))
    } else if file.starts_with(b"%PDF-") {
        let mut symbols: Vec<Vec<u8>> = Vec::new();
        let mut images = 0;
        pdf_images(file, |image| {
            images += 1;
            for symbol in symbols_in(&reduce(image)) {
                if !symbols.contains(&symbol) {
                    symbols.push(symbol);
                }
            }
            // Enough when they make a whole back; else the next page image.
            mynumber_core::print_back::join(&symbols).is_err()
        })?;
        if images == 0 {
            return Err(ScanError::NoImage);
        }
        Ok(symbols)
    } else {
        Err(ScanError::Format)
    }
}

fn check_size(width: usize, height: usize) -> Result<(), ScanError> {
    if width == 0 || height == 0 {
        return Err(ScanError::Damaged("the image has no pixels".into()));
    }
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(ScanError::TooLarge);
    }
    let (long, short) = (width.max(height), width.min(height));
    if short < MIN_SIDE || long > short.saturating_mul(MAX_ASPECT) {
        return Err(ScanError::Damaged(format!(
            "a {width} × {height} image is not the shape of a scanned page"
        )));
    }
    Ok(())
}

/// ITU-R BT.601 luma from 8-bit red, green and blue.
fn luma(r: u8, g: u8, b: u8) -> u8 {
    let y = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000;
    u8::try_from(y).unwrap_or(u8::MAX)
}

fn png_gray(file: &[u8]) -> Result<Gray, ScanError> {
    let damaged = |e: png::DecodingError| ScanError::Damaged(e.to_string());
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(file),
        png::Limits {
            bytes: MAX_PIXELS * 4,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let (width, height) = {
        let info = reader.info();
        (info.width as usize, info.height as usize)
    };
    check_size(width, height)?;
    let size = reader.output_buffer_size().ok_or(ScanError::TooLarge)?;
    let mut buf = vec![0u8; size];
    let frame = reader.next_frame(&mut buf).map_err(damaged)?;
    let channels = frame.color_type.samples();
    let line = frame.line_size;
    let mut pixels = Vec::with_capacity(width * height);
    for row in buf.chunks(line).take(height) {
        for px in row.chunks(channels).take(width) {
            pixels.push(match px {
                [y] | [y, _] => *y,
                [r, g, b] | [r, g, b, _] => luma(*r, *g, *b),
                _ => u8::MAX,
            });
        }
    }
    Gray::new(width, height, pixels)
}

fn jpeg_gray(file: &[u8]) -> Result<Gray, ScanError> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::new_safe()
        .set_max_width(16_384)
        .set_max_height(16_384)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(Cursor::new(file), options);
    decoder
        .decode_headers()
        .map_err(|e| ScanError::Damaged(e.to_string()))?;
    let (width, height) = decoder
        .dimensions()
        .ok_or_else(|| ScanError::Damaged("no frame header".into()))?;
    check_size(width, height)?;
    let pixels = decoder
        .decode()
        .map_err(|e| ScanError::Damaged(e.to_string()))?;
    Gray::new(width, height, pixels)
}

/// The page images of a PDF, each handed to `each` as it is decoded (which answers whether to
/// go on): every image object (`/Subtype /Image`) that is a JPEG (`/DCTDecode`) or 8-bit gray
/// or RGB samples (`/FlateDecode` or none). **Choice** (docs/design/kiosk.md): a scanner's PDF
/// is a page image per page; a PDF of vector pages (the print's own file) is checked by its
/// signature instead, not read as a scan. Bounded: at most [`MAX_PDF_STREAMS`] streams looked
/// at, each skipped to its end, a dictionary looked for only just before its stream, at most
/// [`MAX_PDF_IMAGES`] images decoded, one at a time.
fn pdf_images(file: &[u8], mut each: impl FnMut(Gray) -> bool) -> Result<(), ScanError> {
    let mut at = 0;
    let mut images = 0;
    for _ in 0..MAX_PDF_STREAMS {
        if images == MAX_PDF_IMAGES {
            break;
        }
        let Some(found) = find(&file[at..], b"stream") else {
            break;
        };
        let keyword = at + found;
        at = keyword + b"stream".len();
        if file[..keyword].ends_with(b"end") {
            continue;
        }
        // The data starts after the end of line that follows the keyword (PDF 32000-1
        // §7.3.8.1) and ends at `endstream`; the next search starts after it.
        let mut start = at;
        if file.get(start) == Some(&b'\r') {
            start += 1;
        }
        if file.get(start) == Some(&b'\n') {
            start += 1;
        }
        let Some(len) = find(&file[start..], b"endstream") else {
            break;
        };
        let data = &file[start..start + len];
        at = start + len + b"endstream".len();
        // The stream's dictionary: after the last `obj` keyword shortly before the stream.
        let head = &file[keyword.saturating_sub(PDF_DICT_WINDOW)..keyword];
        let Some(obj) = rfind(head, b"obj") else {
            continue;
        };
        let dict = &head[obj..];
        if !has_name(dict, b"/Subtype", b"/Image") {
            continue;
        }
        let Some(image) = pdf_image(dict, data)? else {
            continue;
        };
        images += 1;
        if !each(image) {
            break;
        }
    }
    Ok(())
}

/// One image object's pixels, if it is in a form read here.
fn pdf_image(dict: &[u8], data: &[u8]) -> Result<Option<Gray>, ScanError> {
    if has_name(dict, b"/Filter", b"/DCTDecode") {
        return jpeg_gray(data).map(Some);
    }
    let (Some(width), Some(height)) = (
        number_after(dict, b"/Width"),
        number_after(dict, b"/Height"),
    ) else {
        return Ok(None);
    };
    check_size(width, height)?;
    if number_after(dict, b"/BitsPerComponent") != Some(8) {
        return Ok(None);
    }
    let channels = if has_name(dict, b"/ColorSpace", b"/DeviceGray") {
        1
    } else if has_name(dict, b"/ColorSpace", b"/DeviceRGB") {
        3
    } else {
        return Ok(None);
    };
    let want = width * height * channels;
    let samples = if has_name(dict, b"/Filter", b"/FlateDecode") {
        // Grown as it inflates, never sized from what the dictionary claims.
        let mut inflated = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .take(want as u64)
            .read_to_end(&mut inflated)
            .map_err(|e| ScanError::Damaged(e.to_string()))?;
        inflated
    } else if find(dict, b"/Filter").is_none() {
        data.get(..want).map(<[u8]>::to_vec).unwrap_or_default()
    } else {
        return Ok(None);
    };
    if samples.len() < want {
        return Err(ScanError::Damaged("the image data is short".into()));
    }
    let pixels = if channels == 1 {
        samples
    } else {
        samples.chunks(3).map(|p| luma(p[0], p[1], p[2])).collect()
    };
    Gray::new(width, height, pixels).map(Some)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Whether the dictionary names `value` right after `key` (spaces between, or none).
fn has_name(dict: &[u8], key: &[u8], value: &[u8]) -> bool {
    let mut rest = dict;
    while let Some(i) = find(rest, key) {
        let after = &rest[i + key.len()..];
        let trimmed = trim_start(after);
        // `/Filter [/DCTDecode]` names one filter in an array.
        let trimmed = trimmed.strip_prefix(b"[").map_or(trimmed, trim_start);
        if trimmed.starts_with(value)
            && !trimmed
                .get(value.len())
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            return true;
        }
        rest = after;
    }
    false
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// The unsigned integer right after `key`, if it is one (not an indirect reference).
fn number_after(dict: &[u8], key: &[u8]) -> Option<usize> {
    let i = find(dict, key)?;
    let after = trim_start(&dict[i + key.len()..]);
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let rest = trim_start(&after[digits..]);
    // `12 0 R` is a reference, not a number.
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(&after[..digits]).ok()?.parse().ok()
}

/// The image reduced by averaging square blocks, to [`READ_PIXELS`] or fewer.
fn reduce(image: Gray) -> Gray {
    let mut factor = 1;
    while (image.width / factor) * (image.height / factor) > READ_PIXELS {
        factor += 1;
    }
    if factor == 1 {
        return image;
    }
    let (width, height) = (image.width / factor, image.height / factor);
    let mut pixels = Vec::with_capacity(width * height);
    let area = (factor * factor) as u32;
    for y in 0..height {
        for x in 0..width {
            let mut sum = 0u32;
            for dy in 0..factor {
                let row = (y * factor + dy) * image.width;
                for dx in 0..factor {
                    sum += u32::from(image.pixels[row + x * factor + dx]);
                }
            }
            pixels.push(u8::try_from(sum / area).unwrap_or(u8::MAX));
        }
    }
    Gray {
        width,
        height,
        pixels,
    }
}

/// The symbols found. The image is read up to three ways, stopping as soon as the symbols make
/// a whole back (`print_back::join`): thresholded at one level for the whole page (Otsu's
/// method), which reads JPEG scans whose compression blurs the modules' edges; in gray with the
/// reader's own local threshold, which copes with uneven lighting; and thresholded lighter
/// (Otsu's level + 30), which keeps thin dark modules a light scan washed out. A symbol read
/// in more than one way is kept once.
fn symbols_in(image: &Gray) -> Vec<Vec<u8>> {
    let level = otsu(&image.pixels);
    let lighter = level.saturating_add(30);
    let mut symbols: Vec<Vec<u8>> = Vec::new();
    for pass in 0..3 {
        let found = match pass {
            0 => read_grids(image, |p| if p <= level { 0 } else { 255 }),
            1 => read_grids(image, |p| p),
            _ => read_grids(image, |p| if p <= lighter { 0 } else { 255 }),
        };
        for symbol in found {
            if !symbols.contains(&symbol) {
                symbols.push(symbol);
            }
        }
        if mynumber_core::print_back::join(&symbols).is_ok() {
            break;
        }
    }
    symbols
}

/// The symbols read.
fn read_grids(image: &Gray, map: impl Fn(u8) -> u8) -> Vec<Vec<u8>> {
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(image.width, image.height, |x, y| {
            map(image.pixels[y * image.width + x])
        });
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| {
            let mut bytes = Vec::new();
            grid.decode_to(&mut bytes).ok().map(|_| bytes)
        })
        .collect()
}

/// Otsu's threshold: the gray level that best splits the histogram into two classes (the
/// largest between-class variance).
fn otsu(pixels: &[u8]) -> u8 {
    let mut histogram = [0u64; 256];
    for p in pixels {
        histogram[usize::from(*p)] += 1;
    }
    let total = pixels.len() as f64;
    let sum: f64 = histogram
        .iter()
        .enumerate()
        .map(|(i, n)| i as f64 * *n as f64)
        .sum();
    let (mut weight_low, mut sum_low) = (0.0, 0.0);
    let (mut best, mut level) = (0.0, 127u8);
    for (i, n) in histogram.iter().enumerate() {
        weight_low += *n as f64;
        if weight_low == 0.0 {
            continue;
        }
        let weight_high = total - weight_low;
        if weight_high == 0.0 {
            break;
        }
        sum_low += i as f64 * *n as f64;
        let mean_low = sum_low / weight_low;
        let mean_high = (sum - sum_low) / weight_high;
        let between = weight_low * weight_high * (mean_low - mean_high).powi(2);
        if between > best {
            best = between;
            level = u8::try_from(i).unwrap_or(127);
        }
    }
    level
}
