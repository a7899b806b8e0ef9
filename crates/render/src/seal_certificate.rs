//! 印鑑登録証明書 (certificate of a registered seal): the impression as registered, at its true
//! size, with the holder's name, date of birth, sex and address, the certification, the
//! municipality's seal, and the verification code; on plain paper, with the latent 「複写」 and
//! the back.

use std::sync::Arc;

use jiff::civil::Date;
use mynumber_core::print_back::{Front, FrontRow};
use mynumber_i18n::Script;

use crate::layout::{CONTENT_WIDTH, CopyMark, Layout, MARGIN, MM, Style, document, finish};
use crate::notice::{
    ValueLine, era_date_values, field_row, message_values, name_values, second_language, sex_key,
    title, value_script,
};
use crate::record::{SealBack, add_back, certified_foot};
use crate::text::Writer;
use crate::{Fonts, PrintedPerson, RenderError};

/// A 印鑑登録証明書 ready to print.
#[derive(Clone, Debug)]
pub struct SealCertificate {
    /// The holder's preferred language.
    pub language: String,
    /// The holder.
    pub person: PrintedPerson,
    /// The impression's PNG as registered.
    pub impression: Arc<Vec<u8>>,
    /// Its size on paper, in millimetres (across, down), as measured at registration.
    pub impression_mm: (f32, f32),
    /// The issuing municipality's name.
    pub municipality: String,
    /// The issue date.
    pub issue_date: Date,
    /// The verification code printed on it.
    pub verification_code: String,
    /// Where anyone can check it.
    pub verify_url: String,
    /// Whether the page carries the latent copy mark (a print on plain paper).
    pub copy_mark: bool,
}

/// The frame the impression is printed in: 30 mm square, room for the largest (25 mm).
const FRAME: f32 = 30.0 * MM;

/// Renders a 印鑑登録証明書; with `seal`, each page is followed by its back.
pub fn render_seal_certificate(
    fonts: &Fonts,
    cert: &SealCertificate,
    seal: Option<SealBack<'_>>,
) -> Result<Vec<u8>, RenderError> {
    let writer = Writer::new(fonts);
    let second = second_language(&cert.language);
    let title_key = "seal-certificate-title";
    let ja = mynumber_i18n::japanese();
    let mut doc = document(&ja.text(title_key), cert.issue_date);
    let mut layout = Layout::new(&writer);
    if cert.copy_mark {
        layout.set_copy_mark(CopyMark {
            word: crate::COPY_MARK_WORD.to_owned(),
        });
    }
    layout.new_page();
    title(&mut layout, title_key, second);
    layout.section();

    // The impression at its true size, centred in its frame, with the frame's label.
    let top = layout.y;
    layout.text_at(
        MARGIN,
        top,
        &ja.text("field-seal-impression"),
        Script::Japanese,
        Style::bold(9.0),
    );
    if let Some(c) = second {
        layout.text_at(
            MARGIN,
            top + 13.0,
            &c.text("field-seal-impression"),
            c.script(),
            Style::regular(7.5).secondary(),
        );
    }
    let frame_x = MARGIN + 118.0;
    layout.frame(frame_x, top, FRAME, FRAME, 0.8);
    let (w, h) = cert.impression_mm;
    let (w, h) = (w.clamp(1.0, 28.0) * MM, h.clamp(1.0, 28.0) * MM);
    layout.image(
        frame_x + (FRAME - w) / 2.0,
        top + (FRAME - h) / 2.0,
        w,
        h,
        Arc::clone(&cert.impression),
    );
    // The back does not carry the image (docs/design/kiosk.md): the paper's is compared with
    // the register's at the counter, and the rows below tell whose it is.
    layout.note(FrontRow::withheld("field-seal-impression"));
    layout.y = top + FRAME + 8.0;

    let x = MARGIN;
    let width = CONTENT_WIDTH;
    let p = &cert.person;
    let rs = Style::regular(10.5);
    let text = |s: &str| -> Vec<ValueLine> { vec![(s.to_owned(), value_script(s), rs)] };
    field_row(
        &mut layout,
        x,
        width,
        "field-name",
        &name_values(p, Style::bold(12.0)),
        second,
    );
    if let Some(alias) = &p.alias {
        field_row(&mut layout, x, width, "field-alias", &text(alias), second);
    }
    field_row(
        &mut layout,
        x,
        width,
        "field-birth-date",
        &era_date_values(p.birth_date, second, rs),
        second,
    );
    field_row(
        &mut layout,
        x,
        width,
        "field-sex",
        &message_values(sex_key(p), second, rs),
        second,
    );
    field_row(
        &mut layout,
        x,
        width,
        "field-address",
        &text(&p.address),
        second,
    );
    layout.y += 10.0;
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "seal-certificate-certify",
        &[],
        second,
        Style::regular(10.5),
    );
    layout.y += 6.0;
    // Dated in the era, as this certificate's date of birth is.
    let issued = certified_foot(
        &mut layout,
        cert.issue_date,
        true,
        &cert.municipality,
        &cert.verification_code,
        &cert.verify_url,
        second,
    )?;
    if let Some(seal) = seal {
        let front = Front {
            title_key: title_key.to_owned(),
            code: cert.verification_code.clone(),
            municipality: cert.municipality.clone(),
            issued,
            sections: Vec::new(),
        };
        add_back(&mut layout, seal, front, &cert.verify_url, second)?;
    }
    layout.finish(&mut doc)?;
    finish(doc)
}
