//! Renders every document in every language from the system's fonts, and checks the PDFs with
//! independent tools: `pdftotext` must find every field, `pdffonts` must show every font
//! embedded, and `zbarimg` must decode the QR code. Without poppler-utils and zbar-tools the
//! checks skip loudly, unless `MYNUMBER_REQUIRE_ORACLES=1` (CI), where they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use jiff::civil::date;
use mynumber_core::{
    ApplicationId, IndividualNumber, MunicipalityCode, Relationship, ResidentCode, Sex,
};
use mynumber_render::{
    DEBIAN_FONT_FILES, FontFile, FontFiles, Fonts, IssueNotice, NoticeLetter, PrintedForeign,
    PrintedPerson, RecordDocument, RecordEntry, RecordKind, RenewalNotice, render_issue_notices,
    render_notices, render_record, render_record_with_back, render_renewal_notices,
};

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let files = DEBIAN_FONT_FILES.map(|(path, package)| {
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| panic!("{path}: {e} (apt-get install {package})"));
        FontFile::new(bytes, path)
    });
    Fonts::new(&FontFiles::from_ordered(files)).unwrap()
});

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "{name} is required (apt-get install poppler-utils zbar-tools)"
        );
        eprintln!("SKIPPED: {name} is not installed");
    }
    found
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn pdftotext(pdf: &[u8], name: &str) -> String {
    let path = out_dir().join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text with all whitespace removed, so that wrapped lines and grouped digits compare.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn person() -> PrintedPerson {
    PrintedPerson {
        name: "𠮷野 葛󠄀子".into(),
        name_kana: Some("ヨシノ カツコ".into()),
        latin_name: None,
        alias: None,
        birth_date: date(1990, 5, 1),
        sex: Sex::Female,
        address: "東京都新宿区西新宿2丁目8番1号".into(),
    }
}

fn number() -> IndividualNumber {
    IndividualNumber::parse("123456789018").unwrap()
}

fn application_id() -> ApplicationId {
    ApplicationId::from_random(MunicipalityCode::parse("131041").unwrap(), [7; 8]).unwrap()
}

fn letter(language: &str) -> NoticeLetter {
    NoticeLetter {
        language: language.into(),
        person: person(),
        number: number(),
        municipality: "新宿区".into(),
        issue_date: date(2026, 11, 25),
        application_id: application_id(),
    }
}

#[test]
fn a_notification_letter_in_every_language_has_every_field_in_extractable_text() {
    if !tool("pdftotext") {
        return;
    }
    for c in mynumber_i18n::catalogs() {
        let pdf = render_notices(&FONTS, &[letter(c.tag())]).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdftotext(&pdf, &format!("notice-{}.pdf", c.tag()));
        let flat = squeeze(&text);
        let ja = mynumber_i18n::japanese();
        for want in [
            "個人番号通知書",
            "𠮷野",
            "1990年5月1日",
            "123456789018",
            "新宿区",
            "2026年11月25日",
            "東京都新宿区西新宿2丁目8番1号",
            "個人番号カード交付申請書",
            application_id().as_str(),
        ] {
            assert!(flat.contains(&squeeze(want)), "{}: {want} missing", c.tag());
        }
        for key in [
            "notice-not-proof",
            "notice-title",
            "form-title",
            "form-photo",
        ] {
            let line = squeeze(&ja.text(key));
            assert!(flat.contains(&line), "{}: Japanese {key} missing", c.tag());
            // The second language's sentence is there too (compared without spaces, since
            // lines wrap at spaces).
            let second = squeeze(&c.text(key));
            assert!(
                flat.contains(&second),
                "{}: {key} missing:\n{text}",
                c.tag()
            );
        }
    }
}

#[test]
fn fonts_are_embedded_subsets() {
    if !tool("pdffonts") {
        return;
    }
    let pdf = render_notices(
        &FONTS,
        &[letter("ne"), letter("ko"), letter("zh-Hans"), letter("vi")],
    )
    .unwrap();
    let path = out_dir().join("fonts.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdffonts").arg(&path).output().unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    for face in [
        "NotoSansCJKjp",
        "NotoSansCJKkr",
        "NotoSansCJKsc",
        "NotoSans-",
        "NotoSansDevanagari",
    ] {
        assert!(listing.contains(face), "{face} not in\n{listing}");
    }
    for line in listing.lines().skip(2) {
        // Columns: name type encoding emb sub uni; every font embedded, subset, with ToUnicode.
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
    }
}

#[test]
fn the_application_form_qr_code_decodes_to_the_application_id() {
    if !tool("pdftoppm") || !tool("zbarimg") {
        return;
    }
    let pdf = render_notices(&FONTS, &[letter("en")]).unwrap();
    let path = out_dir().join("qr.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let prefix = out_dir().join("qr");
    // Page 2 is the application form (the English letter fits on one page).
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-f", "2", "-l", "2", "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(prefix.with_extension("png"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        application_id().as_str()
    );
}

fn record(language: &str, number: bool) -> RecordDocument {
    let foreign = PrintedPerson {
        name: "NGUYEN VAN AN".into(),
        name_kana: Some("グエン ヴァン アン".into()),
        latin_name: None,
        alias: Some("中村 安".into()),
        birth_date: date(1995, 3, 14),
        sex: Sex::Male,
        address: "東京都新宿区大久保1丁目2番3号".into(),
    };
    RecordDocument {
        kind: RecordKind::Copy,
        language: language.into(),
        entries: vec![
            RecordEntry {
                person: person(),
                relationship: Some(Relationship::Head),
                householder: Some("𠮷野 葛󠄀子".into()),
                number: number.then(number_fn),
                resident_code: Some(
                    ResidentCode::parse_issued("12345678906").unwrap_or_else(|_| resident_code()),
                ),
                previous_address: Some("大阪府大阪市北区梅田1丁目1番1号".into()),
                became_resident: Some(date(2020, 4, 1)),
                foreign: None,
            },
            RecordEntry {
                person: foreign,
                relationship: Some(Relationship::Cohabitant),
                householder: None,
                number: None,
                resident_code: None,
                previous_address: None,
                became_resident: None,
                foreign: Some(PrintedForeign {
                    nationality: "ベトナム".into(),
                    status: "技術・人文知識・国際業務".into(),
                    period_until: Some(date(2027, 3, 31)),
                }),
            },
        ],
        removed: false,
        municipality: "新宿区".into(),
        issue_date: date(2026, 11, 25),
        verification_code: "K7QM-2XRT-9B4D-HW3P".into(),
        verify_url: "http://localhost:8080/verify".into(),
        copy_mark: false,
    }
}

fn number_fn() -> IndividualNumber {
    number()
}

fn resident_code() -> ResidentCode {
    ResidentCode::from_body(1_234_567_890).unwrap()
}

#[test]
fn a_resident_record_copy_shows_the_selected_items_and_the_number_only_when_asked() {
    if !tool("pdftotext") {
        return;
    }
    for (language, with_number) in [("vi", true), ("ne", false), ("ja", false)] {
        let pdf = render_record(&FONTS, &record(language, with_number)).unwrap();
        let text = squeeze(&pdftotext(&pdf, &format!("record-{language}.pdf")));
        for want in [
            "住民票の写し",
            "𠮷野",
            "NGUYENVANAN",
            "中村安",
            "技術・人文知識・国際業務",
            "2027年3月31日",
            "大阪府大阪市北区梅田1丁目1番1号",
            "K7QM-2XRT-9B4D-HW3P",
            "新宿区長",
        ] {
            assert!(text.contains(want), "{language}: {want} missing");
        }
        assert_eq!(text.contains("123456789018"), with_number, "{language}");
        // The Japanese national's dates are in the era, the issue date too (the first person
        // listed is a national); the foreign resident's stay the Gregorian calendar.
        for want in [
            "平成2年5月1日",
            "令和2年4月1日",
            "令和8年11月25日",
            "1995年3月14日",
        ] {
            assert!(text.contains(want), "{language}: {want} missing");
        }
        for gone in ["1990年5月1日", "2020年4月1日", "2026年11月25日"] {
            assert!(!text.contains(gone), "{language}: {gone} is not in the era");
        }
    }
    // The second language gives the era with its Gregorian year.
    let pdf = render_record(&FONTS, &record("vi", false)).unwrap();
    let text = pdftotext(&pdf, "record-vi-era.pdf");
    assert!(text.contains("Heisei 2 (1990)"), "{text}");
}

#[test]
fn a_character_no_font_has_is_an_error_naming_the_package() {
    let mut l = letter("ja");
    l.person.name = "\u{E000}".into(); // private use: a 外字 no font carries
    let err = render_notices(&FONTS, &[l]).unwrap_err().to_string();
    assert!(
        err.contains("U+E000") && err.contains("fonts-noto-cjk"),
        "{err}"
    );
}

fn issue_notice(language: &str, face_recognition: bool) -> IssueNotice {
    IssueNotice {
        language: language.into(),
        person: person(),
        municipality: "新宿区".into(),
        issue_date: date(2026, 12, 1),
        pick_up_by: date(2027, 3, 1),
        card_expiry: date(2036, 5, 1),
        card_serial: "123456789012345".into(),
        signature_certificate: true,
        face_recognition,
    }
}

fn renewal_notice(language: &str) -> RenewalNotice {
    RenewalNotice {
        language: language.into(),
        person: person(),
        municipality: "新宿区".into(),
        issue_date: date(2036, 2, 2),
        card_expiry: date(2036, 5, 1),
        renewal_opens: date(2036, 2, 2),
        application_id: application_id(),
    }
}

#[test]
fn the_card_notices_in_every_language_have_every_field_in_extractable_text() {
    if !tool("pdftotext") {
        return;
    }
    let ja = mynumber_i18n::japanese();
    for c in mynumber_i18n::catalogs() {
        let pdf = render_issue_notices(&FONTS, &[issue_notice(c.tag(), false)]).unwrap();
        let flat = squeeze(&pdftotext(&pdf, &format!("issue-{}.pdf", c.tag())));
        for want in [
            "𠮷野",
            "2027年3月1日",
            "2036年5月1日",
            "123456789012345",
            "新宿区",
        ] {
            assert!(flat.contains(&squeeze(want)), "{}: {want} missing", c.tag());
        }
        for key in [
            "issue-title",
            "issue-bring-identity",
            "issue-pin-signature",
            "issue-pin-four",
        ] {
            assert!(
                flat.contains(&squeeze(&ja.text(key))),
                "{}: ja {key}",
                c.tag()
            );
            assert!(flat.contains(&squeeze(&c.text(key))), "{}: {key}", c.tag());
        }
        assert!(!flat.contains(&squeeze(&ja.text("issue-no-pins"))));
        let pdf = render_renewal_notices(&FONTS, &[renewal_notice(c.tag())]).unwrap();
        let flat = squeeze(&pdftotext(&pdf, &format!("renewal-{}.pdf", c.tag())));
        for want in [
            "2036年5月1日",
            "2036年2月2日",
            "個人番号カード交付申請書",
            application_id().as_str(),
        ] {
            assert!(flat.contains(&squeeze(want)), "{}: {want} missing", c.tag());
        }
        for key in ["renewal-title", "renewal-how", "renewal-return"] {
            assert!(
                flat.contains(&squeeze(&ja.text(key))),
                "{}: ja {key}",
                c.tag()
            );
            assert!(flat.contains(&squeeze(&c.text(key))), "{}: {key}", c.tag());
        }
    }
    // The certificate expiry notice (issue 10): both certificates' days, the window, and the
    // counter procedure, in Japanese and each language; a certificate not expiring is left out.
    for c in mynumber_i18n::catalogs() {
        let notice = mynumber_render::CertificateRenewalNotice {
            language: c.tag().into(),
            person: person(),
            municipality: "新宿区".into(),
            issue_date: date(2031, 11, 4),
            signature_expiry: Some(date(2032, 2, 17)),
            authentication_expiry: None,
            renewal_opens: date(2031, 11, 18),
        };
        let pdf = mynumber_render::render_certificate_renewal_notices(&FONTS, &[notice]).unwrap();
        let flat = squeeze(&pdftotext(&pdf, &format!("cert-renewal-{}.pdf", c.tag())));
        for want in ["2032年2月17日", "2031年11月18日"] {
            assert!(flat.contains(&squeeze(want)), "{}: {want} missing", c.tag());
        }
        for key in [
            "cert-renewal-title",
            "cert-renewal-intro",
            "field-signature-certificate-expiry",
            "cert-renewal-how",
            "cert-renewal-lapse",
        ] {
            assert!(
                flat.contains(&squeeze(&ja.text(key))),
                "{}: ja {key}",
                c.tag()
            );
            assert!(flat.contains(&squeeze(&c.text(key))), "{}: {key}", c.tag());
        }
        assert!(
            !flat.contains(&squeeze(
                &ja.text("field-authentication-certificate-expiry")
            )),
            "{}: a certificate not expiring is not listed",
            c.tag()
        );
    }
    // A face-recognition card: no PINs to decide.
    let pdf = render_issue_notices(&FONTS, &[issue_notice("en", true)]).unwrap();
    let flat = squeeze(&pdftotext(&pdf, "issue-face.pdf"));
    assert!(flat.contains(&squeeze(&ja.text("issue-no-pins"))));
    assert!(!flat.contains(&squeeze(&ja.text("issue-pin-four"))));
}

#[test]
fn the_renewal_form_qr_code_decodes_to_its_application_id() {
    if !tool("pdftoppm") || !tool("zbarimg") {
        return;
    }
    let pdf = render_renewal_notices(&FONTS, &[renewal_notice("vi")]).unwrap();
    let path = out_dir().join("renewal-qr.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let pages = Command::new("pdfinfo").arg(&path).output().unwrap();
    let count = String::from_utf8_lossy(&pages.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .unwrap();
    let prefix = out_dir().join("renewal-qr");
    // The form is the last page.
    let last = count.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-f", &last, "-l", &last, "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(prefix.with_extension("png"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        application_id().as_str()
    );
}

/// A page rendered by pdftoppm at 300 dpi in gray: its width, height and pixels (0 black).
fn gray_page(pdf: &[u8], name: &str) -> (usize, usize, Vec<u8>) {
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let prefix = out_dir().join(name);
    let status = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let pgm = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // P5, width, height, maxval, one whitespace, then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8(pgm[start..at].to_vec()).unwrap());
    }
    assert_eq!(fields[0], "P5");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, pgm[at + 1..].to_vec())
}

/// What a copier does, simulated: the page downsampled to a third (300 → 100 dpi, each pixel
/// the mean of nine) and thresholded; `true` where the copy prints black.
fn photocopy(w: usize, h: usize, px: &[u8]) -> (usize, usize, Vec<bool>) {
    let (cw, ch) = (w / 3, h / 3);
    let mut out = Vec::with_capacity(cw * ch);
    for y in 0..ch {
        for x in 0..cw {
            let mut sum = 0u32;
            for dy in 0..3 {
                for dx in 0..3 {
                    sum += u32::from(px[(y * 3 + dy) * w + x * 3 + dx]);
                }
            }
            out.push(sum / 9 < 200);
        }
    }
    (cw, ch, out)
}

/// The share of `true` inside and outside a box (in pixels: left, top, right, bottom).
fn shares(w: usize, marks: &[bool], inside: [usize; 4]) -> (f64, f64) {
    let (mut i, mut n_i, mut o, mut n_o) = (0usize, 0usize, 0usize, 0usize);
    for (k, m) in marks.iter().enumerate() {
        let (x, y) = (k % w, k / w);
        if x >= inside[0] && x < inside[2] && y >= inside[1] && y < inside[3] {
            n_i += 1;
            i += usize::from(*m);
        } else {
            n_o += 1;
            o += usize::from(*m);
        }
    }
    (i as f64 / n_i as f64, o as f64 / n_o as f64)
}

/// The latent 「複写」 (issue 13, outside-world §4.3), by simulation: the kiosk's print and the
/// same document without the mark, both rendered by pdftoppm. What the mark adds is an even
/// tint on the original (as dark inside the word's box as outside it, within a quarter); on a
/// simulated photocopy it prints black only where the word is.
#[test]
fn a_photocopy_shows_the_latent_copy_mark_and_the_original_does_not() {
    if !tool("pdftoppm") {
        return;
    }
    let mut marked = record("ja", false);
    marked.copy_mark = true;
    let (w, h, with) = gray_page(&render_record(&FONTS, &marked).unwrap(), "copy-mark");
    let (w2, h2, without) = gray_page(
        &render_record(&FONTS, &record("ja", false)).unwrap(),
        "no-mark",
    );
    assert_eq!((w, h), (w2, h2));
    let [x, top, width, height] = mynumber_render::copy_mark_area(&FONTS).unwrap();
    let px = |pt: f32| (pt * 300.0 / 72.0) as usize;
    let word = [px(x), px(top), px(x + width), px(top + height)];

    // The original: the mark's own darkness (with − without), inside the word's box and out.
    let added: Vec<f64> = with
        .iter()
        .zip(&without)
        .map(|(a, b)| f64::from(b.saturating_sub(*a)))
        .collect();
    let (mut sum_in, mut n_in, mut sum_out, mut n_out) = (0.0, 0.0, 0.0, 0.0);
    for (k, d) in added.iter().enumerate() {
        let (px_x, px_y) = (k % w, k / w);
        if px_x >= word[0] && px_x < word[2] && px_y >= word[1] && px_y < word[3] {
            sum_in += d;
            n_in += 1.0;
        } else {
            sum_out += d;
            n_out += 1.0;
        }
    }
    let (tint_in, tint_out) = (sum_in / n_in, sum_out / n_out);
    assert!(tint_out > 2.0, "the tint is there: {tint_out}");
    assert!(
        (tint_in / tint_out - 1.0).abs() < 0.25,
        "the original shows no word: tint {tint_in:.2} inside, {tint_out:.2} outside"
    );

    // The copy: black where the marked page is black and the unmarked one is not.
    let (cw, _, copy_with) = photocopy(w, h, &with);
    let (_, _, copy_without) = photocopy(w, h, &without);
    let from_mark: Vec<bool> = copy_with
        .iter()
        .zip(&copy_without)
        .map(|(a, b)| *a && !*b)
        .collect();
    let third = word.map(|v| v / 3);
    let (copy_in, copy_out) = shares(cw, &from_mark, third);
    assert!(
        copy_in > 0.01 && copy_in > 20.0 * copy_out,
        "the copy shows the word: {:.4} of the word's box black, {:.5} elsewhere",
        copy_in,
        copy_out
    );
    // And without the copier's blur, the original's dots are everywhere alike.
    let original: Vec<bool> = with
        .iter()
        .zip(&without)
        .map(|(a, b)| *a < 200 && *b >= 200)
        .collect();
    let (orig_in, orig_out) = shares(w, &original, word);
    assert!(
        (orig_in / orig_out - 1.0).abs() < 0.35,
        "thresholded as it is, the original shows no word: {orig_in:.4} inside, {orig_out:.4} outside"
    );
}

/// A page of a PDF rendered by pdftoppm at 300 dpi, as the file of the format `args` asks for
/// (`-png`, `-jpeg`): a scan of that page.
fn scan(pdf: &[u8], page: u32, name: &str, args: &[&str]) -> Vec<u8> {
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let prefix = out_dir().join(name);
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "300",
            "-gray",
            "-f",
            &page,
            "-l",
            &page,
            "-singlefile",
        ])
        .args(args)
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let ext = if args.contains(&"-png") { "png" } else { "jpg" };
    std::fs::read(prefix.with_extension(ext)).unwrap()
}

/// A PDF as a scanner makes it: one page whose content is the JPEG, as a DCTDecode image.
fn scanner_pdf(jpeg: &[u8], width: usize, height: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, body: Vec<u8>| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(&body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    object(
        &mut out,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
    );
    object(
        &mut out,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
    );
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image.extend_from_slice(jpeg);
    image.extend_from_slice(b"\nendstream");
    object(&mut out, image);
    let content = b"q 595 0 0 842 0 0 cm /Im0 Do Q";
    let mut body = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(b"\nendstream");
    object(&mut out, body);
    out.extend_from_slice(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    out
}

/// The kiosk's print on plain paper (issue 13, outside-world §4.3): every front page is followed
/// by its back, whose QR symbols carry the sealed bytes the app made from the front's
/// transcript. A scan of the back at 300 dpi, as PNG, as JPEG and as a scanner's PDF, gives the
/// same bytes back; a scan of the front is told apart. The transcript is what the front prints,
/// block by block, with the number and the resident record code withheld.
#[test]
fn a_scan_of_the_back_gives_back_the_sealed_front() {
    if !tool("pdftoppm") {
        return;
    }
    use mynumber_core::print_back::{BackProblem, Front, join, split};
    use std::cell::RefCell;
    let mut doc = record("ja", true);
    doc.copy_mark = true;
    let sealed: Vec<u8> = (0..3_000u32).map(|i| (i * 131 % 256) as u8).collect();
    let seen = RefCell::new(Front::default());
    let seal = |front: &Front| {
        *seen.borrow_mut() = front.clone();
        Ok(split(&sealed, *b"testback").unwrap())
    };
    let pdf = render_record_with_back(&FONTS, &doc, Some(&seal)).unwrap();

    let front = seen.into_inner();
    assert_eq!(front.title_key, "record-title-copy");
    assert_eq!(front.code, "K7QM-2XRT-9B4D-HW3P");
    assert_eq!(front.municipality, "新宿区");
    assert_eq!(front.issued, "令和8年11月25日");
    assert_eq!(front.sections.len(), 2);
    let keys: Vec<&str> = front.sections[0].iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "field-name",
            "field-birth-date",
            "field-sex",
            "field-address",
            "field-householder",
            "field-relationship",
            "field-became-resident",
            "field-previous-address",
            "field-resident-code",
            "field-individual-number",
        ]
    );
    assert!(front.sections[0][0].value.starts_with("𠮷野"));
    assert!(front.sections[0][8].withheld && front.sections[0][9].withheld);
    let text = front.to_text();
    assert!(!text.contains("123456789018") && !text.contains("1234 5678 9018"));
    assert!(text.contains("技術・人文知識・国際業務"));

    let back = scan(&pdf, 2, "back-png", &["-png"]);
    let joined = join(&mynumber_render::scan::read_symbols(&back).unwrap()).unwrap();
    assert_eq!(joined.sealed, sealed);
    assert_eq!(joined.id, *b"testback");

    let jpeg = scan(&pdf, 2, "back-jpeg", &["-jpeg", "-jpegopt", "quality=75"]);
    let joined = join(&mynumber_render::scan::read_symbols(&jpeg).unwrap()).unwrap();
    assert_eq!(joined.sealed, sealed);
    let (w, h, _) = gray_page(&pdf, "back-size");
    let from_pdf = mynumber_render::scan::read_symbols(&scanner_pdf(&jpeg, w, h)).unwrap();
    assert_eq!(join(&from_pdf).unwrap().sealed, sealed);

    let front_scan = scan(&pdf, 1, "front-png", &["-png"]);
    assert_eq!(
        join(&mynumber_render::scan::read_symbols(&front_scan).unwrap()),
        Err(BackProblem::FrontSide)
    );
    for bad in [
        b"GIF89a".as_slice(),
        b"%PDF-1.4\n%%EOF",
        b"\x89PNG\r\n\x1a\n",
    ] {
        assert!(mynumber_render::scan::read_symbols(bad).is_err());
    }
}

/// 印鑑登録証明書: the impression is embedded at its registered size (pdfimages reports the
/// resolution that puts the PNG's pixels at those millimetres), with the holder's rows and the
/// certification in extractable text.
#[test]
fn a_seal_certificate_prints_the_impression_at_its_true_size() {
    if !tool("pdftotext") || !tool("pdfimages") {
        return;
    }
    // A 15 mm impression at 600 dpi: 354 pixels a side, a red ring.
    let side = 354u32;
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, side, side);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        let mut data = Vec::with_capacity((side * side * 3) as usize);
        for y in 0..side {
            for x in 0..side {
                let (dx, dy) = (x as f32 - 177.0, y as f32 - 177.0);
                let r = (dx * dx + dy * dy).sqrt();
                data.extend_from_slice(if (150.0..170.0).contains(&r) {
                    &[200, 30, 30]
                } else {
                    &[255, 255, 255]
                });
            }
        }
        writer.write_image_data(&data).unwrap();
    }
    let cert = mynumber_render::SealCertificate {
        language: "en".into(),
        person: person(),
        impression: std::sync::Arc::new(png),
        impression_mm: (14.986, 14.986),
        municipality: "新宿区".into(),
        issue_date: date(2026, 12, 6),
        verification_code: "K7QM-2XRT-9B4D-HW3P".into(),
        verify_url: "http://localhost:8080/verify".into(),
        copy_mark: true,
    };
    let pdf = mynumber_render::render_seal_certificate(&FONTS, &cert, None).unwrap();
    let text = squeeze(&pdftotext(&pdf, "seal-certificate.pdf"));
    for want in [
        "印鑑登録証明書",
        "CertificateofSealRegistration",
        "印影",
        "𠮷野",
        "登録されている印影と相違ないことを証明します",
        "新宿区長",
        "令和8年12月6日",
        "K7QM-2XRT-9B4D-HW3P",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    let path = out_dir().join("seal-certificate.pdf");
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    let row: Vec<&str> = list
        .lines()
        .find(|l| l.split_whitespace().nth(3) == Some("354"))
        .unwrap_or_else(|| panic!("no 354-pixel image in {list}"))
        .split_whitespace()
        .collect();
    let ppi: f32 = row[12].parse().unwrap();
    assert!(
        (ppi - 600.0).abs() < 2.0,
        "{ppi} ppi: the impression is not 15 mm"
    );
}
