//! Prints on plain paper as the outside world handles them: a side scanned (pdftoppm, an
//! independent renderer), and a back's symbols printed again as a forger would.
#![allow(clippy::unwrap_used, clippy::panic, reason = "test support")]

/// Page `page` of a PDF as pdftoppm renders it at 300 dpi in gray, as a PNG: a scan of that
/// side. `None` (skipped loudly) without poppler-utils, unless CI requires the oracles.
pub fn scan_page(pdf: &[u8], page: u32) -> Option<Vec<u8>> {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("mynumber-scan-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("print.pdf");
    std::fs::write(&file, pdf).unwrap();
    let page = page.to_string();
    let ran = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "300",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &page,
            "-l",
            &page,
        ])
        .arg(&file)
        .arg(dir.join("side"))
        .status();
    let Ok(status) = ran else {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "pdftoppm is required (poppler-utils)"
        );
        eprintln!("SKIPPED: pdftoppm is not installed");
        return None;
    };
    assert!(status.success());
    let png = std::fs::read(dir.join("side.png")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    Some(png)
}

/// The symbols printed again as a forger would: each a QR code (byte mode, version 20, level
/// M) of four pixels a module, three across, as a gray PNG.
pub fn reprinted(symbols: &[Vec<u8>]) -> Vec<u8> {
    use qrcode::bits::Bits;
    use qrcode::{Color, EcLevel, QrCode, Version};
    const MODULE: usize = 4;
    let codes: Vec<QrCode> = symbols
        .iter()
        .map(|s| {
            let mut bits = Bits::new(Version::Normal(20));
            bits.push_byte_data(s).unwrap();
            bits.push_terminator(EcLevel::M).unwrap();
            QrCode::with_bits(bits, EcLevel::M).unwrap()
        })
        .collect();
    let side = (codes[0].width() + 8) * MODULE;
    let (across, down) = (3, codes.len().div_ceil(3));
    let (w, h) = (side * across, side * down);
    let mut pixels = vec![255u8; w * h];
    for (i, code) in codes.iter().enumerate() {
        let (ox, oy) = ((i % 3) * side, (i / 3) * side);
        let n = code.width();
        for (k, color) in code.to_colors().iter().enumerate() {
            if *color == Color::Dark {
                let (row, col) = (k / n, k % n);
                for dy in 0..MODULE {
                    let y = oy + (row + 4) * MODULE + dy;
                    let x = ox + (col + 4) * MODULE;
                    pixels[y * w + x..y * w + x + MODULE].fill(0);
                }
            }
        }
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, w as u32, h as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    png
}
