//! The face photo of a card application, checked as the online application checks it
//! (facts §2.6): a JPEG, in RGB colour (not CMYK), 20 KB to 7 MB, 480 to 6,000 pixels on each
//! side. A paper photo (by mail or at the counter) may be black and white, so its scan may be
//! greyscale. The JPEG's markers are read as far as its frame header; nothing is decoded.

use crate::card::Channel;
use crate::{FieldError, Invalid};

/// What the check found in an acceptable photo.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Photo {
    /// Width in pixels.
    pub width: u16,
    /// Height in pixels.
    pub height: u16,
}

/// The smallest photo accepted: 20 KB.
pub const MIN_BYTES: usize = 20 * 1024;
/// The largest: 7 MB.
pub const MAX_BYTES: usize = 7 * 1024 * 1024;
/// Pixels on each side, at least and at most.
pub const SIDE: std::ops::RangeInclusive<u16> = 480..=6000;

/// What a frame header says.
struct Frame {
    width: u16,
    height: u16,
    components: u8,
}

/// Reads markers up to the first frame header (SOF0–SOF15 except DHT, JPG and DAC); `None`
/// when the bytes are not a JPEG or end before a frame header.
fn frame(jpeg: &[u8]) -> Option<Frame> {
    let mut at = jpeg.strip_prefix(&[0xFF, 0xD8])?;
    loop {
        // Fill bytes (0xFF) may precede a marker.
        let skip = at.iter().take_while(|b| **b == 0xFF).count();
        if skip == 0 {
            return None;
        }
        let (&marker, rest) = at.get(skip..)?.split_first()?;
        match marker {
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                at = rest;
                continue;
            }
            // End of image, or the scan starting, before any frame header.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*rest.first()?, *rest.get(1)?]));
        let segment = rest.get(2..len)?;
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            // precision (1), height (2), width (2), components (1), …
            let [_, h0, h1, w0, w1, n, ..] = segment else {
                return None;
            };
            return Some(Frame {
                width: u16::from_be_bytes([*w0, *w1]),
                height: u16::from_be_bytes([*h0, *h1]),
                components: *n,
            });
        }
        at = rest.get(len..)?;
    }
}

/// Whether a photo sent through `channel` may be greyscale: facts §2.6 allows a paper photo
/// "colour or B/W" and requires RGB of an upload. **Choice** (docs/design/card.md): a mail
/// application and one at the counter come with a paper photo, scanned; an online application
/// and a photo booth upload one.
pub fn greyscale_allowed(channel: Channel) -> bool {
    matches!(channel, Channel::Mail | Channel::Counter)
}

/// Checks a photo sent through `channel`, listing every problem at once.
pub fn check(jpeg: &[u8], channel: Channel) -> Result<Photo, Invalid> {
    let mut problems = Vec::new();
    let size = jpeg.len();
    if size < MIN_BYTES {
        problems.push(FieldError::new("photo", "problem-photo-small").arg("kb", size / 1024));
    } else if size > MAX_BYTES {
        problems.push(
            FieldError::new("photo", "problem-photo-large")
                .arg("mb", format!("{:.1}", size as f64 / 1024.0 / 1024.0)),
        );
    }
    let Some(f) = frame(jpeg) else {
        problems.push(FieldError::new("photo", "problem-jpeg-file-save-photo"));
        return Err(Invalid(problems));
    };
    match f.components {
        3 => {}
        1 if greyscale_allowed(channel) => {}
        1 => problems.push(FieldError::new(
            "photo",
            "problem-greyscale-colour-rgb-photo",
        )),
        4 => problems.push(FieldError::new("photo", "problem-cmyk-rgb-photo-save")),
        n => problems.push(FieldError::new("photo", "problem-photo-components").arg("count", n)),
    }
    for (side, px) in [("width", f.width), ("height", f.height)] {
        if !SIDE.contains(&px) {
            problems.push(
                FieldError::new(
                    "photo",
                    if side == "width" {
                        "problem-photo-width"
                    } else {
                        "problem-photo-height"
                    },
                )
                .arg("pixels", px),
            );
        }
    }
    if problems.is_empty() {
        Ok(Photo {
            width: f.width,
            height: f.height,
        })
    } else {
        Err(Invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG with an APP0 segment, a frame header and a scan, padded to `size` bytes.
    pub(crate) fn jpeg(width: u16, height: u16, components: u8, size: usize) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        out.extend_from_slice(b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00");
        let mut sof = vec![0x08];
        sof.extend_from_slice(&height.to_be_bytes());
        sof.extend_from_slice(&width.to_be_bytes());
        sof.push(components);
        for c in 0..components {
            sof.extend_from_slice(&[c + 1, 0x11, 0x00]);
        }
        out.extend_from_slice(&[0xFF, 0xC0]);
        out.extend_from_slice(&u16::try_from(sof.len() + 2).unwrap().to_be_bytes());
        out.extend_from_slice(&sof);
        out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02]);
        out.resize(size.saturating_sub(2).max(out.len()), 0x55);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    fn problems(bytes: &[u8]) -> Vec<String> {
        match check(bytes, Channel::Online) {
            Ok(p) => vec![format!("ok {}x{}", p.width, p.height)],
            Err(Invalid(e)) => e.into_iter().map(|e| e.problem()).collect(),
        }
    }

    #[test]
    fn each_rule_of_facts_2_6() {
        assert_eq!(problems(&jpeg(600, 800, 3, 100_000)), ["ok 600x800"]);
        assert_eq!(problems(&jpeg(480, 6000, 3, MIN_BYTES)), ["ok 480x6000"]);
        assert_eq!(
            problems(&jpeg(600, 800, 3, 10_000)),
            ["is 9 KB; it must be at least 20 KB"]
        );
        assert_eq!(
            problems(&jpeg(600, 800, 3, MAX_BYTES + 1)),
            ["is 7.0 MB; it must be at most 7 MB"]
        );
        assert_eq!(
            problems(&jpeg(600, 800, 4, 100_000)),
            ["is in CMYK; it must be an RGB photo (save it in RGB colour)"]
        );
        assert_eq!(
            problems(&jpeg(600, 800, 1, 100_000)),
            ["is greyscale; it must be a colour (RGB) photo"]
        );
        // A paper photo may be black and white: its scan is greyscale (by mail, at the counter);
        // an upload from a photo booth is not.
        for (channel, ok) in [
            (Channel::Mail, true),
            (Channel::Counter, true),
            (Channel::Online, false),
            (Channel::PhotoBooth, false),
        ] {
            assert_eq!(
                check(&jpeg(600, 800, 1, 100_000), channel).is_ok(),
                ok,
                "{channel:?}"
            );
            assert!(
                check(&jpeg(600, 800, 4, 100_000), channel).is_err(),
                "CMYK: {channel:?}"
            );
        }
        // Every problem at once.
        assert_eq!(
            problems(&jpeg(479, 6001, 4, 1_000)),
            [
                "is 0 KB; it must be at least 20 KB",
                "is in CMYK; it must be an RGB photo (save it in RGB colour)",
                "is 479 pixels in width; each side must be 480 to 6,000 pixels",
                "is 6001 pixels in height; each side must be 480 to 6,000 pixels",
            ]
        );
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.resize(50_000, 0);
        assert_eq!(
            problems(&png),
            ["is not a JPEG file (save the photo as JPEG)"]
        );
    }

    #[test]
    fn truncated_or_hostile_markers_never_panic() {
        let good = jpeg(600, 800, 3, 30_000);
        for cut in 0..200 {
            let _ = check(&good[..cut], Channel::Online);
        }
        for b in 0..=255u8 {
            let _ = check(&[0xFF, 0xD8, 0xFF, b, 0xFF, 0xFF, 0x00], Channel::Online);
            let _ = check(&[0xFF, 0xD8, 0xFF, b], Channel::Online);
        }
        assert!(check(&[0xFF, 0xD8, 0xFF, 0xD9], Channel::Online).is_err());
    }
}
