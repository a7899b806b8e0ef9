//! 住民票の写し and 住民票記載事項証明書: the items a clerk selected for each person listed, the
//! certification, and a verification code with its QR code (the signature itself is added by the
//! caller over the finished bytes).

use mynumber_core::print_back::Front;
use mynumber_i18n::{Arg, Catalog, Script};

use crate::layout::{CONTENT_WIDTH, Layout, MARGIN, MM, Style, document, finish};
use crate::notice::{
    ValueLine, date_values, era_date_values, field_row, message_values, name_values,
    second_language, title, value_script,
};
use crate::text::Writer;
use crate::{Fonts, RecordDocument, RecordEntry, RecordKind, RenderError};

/// The sealed symbols a back carries, made from the front's transcript (the app signs and
/// encrypts it: print_back.rs).
pub type SealBack<'a> = &'a dyn Fn(&Front) -> Result<Vec<Vec<u8>>, RenderError>;

/// The QR version of a back's symbols: 97 modules, up to 666 bytes at level M, enough for a
/// symbol of `print_back::SYMBOL_DATA` bytes and its header.
const BACK_VERSION: i16 = 20;
/// The side of a back's symbol with its quiet zone: 55 mm.
const BACK_SYMBOL: f32 = 55.0 * MM;
/// The side of the municipality's seal (公印): 21 mm. **Choice**: the common size of a mayor's
/// seal on certificates.
const SEAL_SIDE: f32 = 21.0 * MM;

/// Renders one resident-record document.
pub fn render_record(fonts: &Fonts, record: &RecordDocument) -> Result<Vec<u8>, RenderError> {
    render_record_with_back(fonts, record, None)
}

/// Renders one resident-record document; with `seal`, every page is followed by the back (the
/// scramble image: the front's transcript, sealed by `seal`, as QR symbols), for a duplex
/// print on plain paper.
pub fn render_record_with_back(
    fonts: &Fonts,
    record: &RecordDocument,
    seal: Option<SealBack<'_>>,
) -> Result<Vec<u8>, RenderError> {
    let writer = Writer::new(fonts);
    let second = second_language(&record.language);
    let (title_key, certify_key) = match record.kind {
        RecordKind::Copy => ("record-title-copy", "record-certify-copy"),
        RecordKind::RecordedMatters => ("record-title-matters", "record-certify-matters"),
    };
    let ja = mynumber_i18n::japanese();
    let mut doc = document(&ja.text(title_key), record.issue_date);
    let mut layout = Layout::new(&writer);
    if record.copy_mark {
        layout.set_copy_mark(crate::layout::CopyMark {
            word: crate::COPY_MARK_WORD.to_owned(),
        });
    }
    layout.new_page();
    title(&mut layout, title_key, second);
    if record.removed {
        layout.bilingual(
            MARGIN,
            CONTENT_WIDTH,
            "record-removed",
            &[],
            second,
            Style::bold(10.0),
        );
        layout.y += 6.0;
    }

    for (i, entry) in record.entries.iter().enumerate() {
        if i == 1 {
            layout.ensure(40.0);
            layout.bilingual(
                MARGIN,
                CONTENT_WIDTH,
                "record-members",
                &[],
                second,
                Style::bold(11.0),
            );
        }
        entry_block(&mut layout, entry, second);
    }

    layout.end_transcript();
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "record-omitted",
        &[],
        second,
        Style::regular(8.5),
    );
    layout.y += 10.0;
    layout.ensure(80.0);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        certify_key,
        &[],
        second,
        Style::regular(10.5),
    );
    layout.y += 6.0;
    // The issue date follows the first person listed, whose record it is: in the era for a
    // Japanese national, in the Gregorian calendar for a foreign resident (docs/design/documents.md).
    let national = record.entries.first().is_some_and(|e| e.foreign.is_none());
    let issued = certified_foot(
        &mut layout,
        record.issue_date,
        national,
        &record.municipality,
        &record.verification_code,
        &record.verify_url,
        second,
    )?;
    if let Some(seal) = seal {
        let front = Front {
            title_key: title_key.to_owned(),
            code: record.verification_code.clone(),
            municipality: record.municipality.clone(),
            issued,
            sections: Vec::new(),
        };
        add_back(&mut layout, seal, front, &record.verify_url, second)?;
    }
    layout.finish(&mut doc)?;
    finish(doc)
}

/// A certified document's foot: the issue date (in the era when `era`), the mayor's title under
/// the municipality's seal, then the verification code with its QR code and how to use them.
/// Returns the issue date as printed. Nothing from here on is a person's row: the transcript
/// ends.
pub(crate) fn certified_foot(
    layout: &mut Layout<'_, '_>,
    date: jiff::civil::Date,
    era: bool,
    municipality: &str,
    code: &str,
    verify_url: &str,
    second: Option<&'static Catalog>,
) -> Result<String, RenderError> {
    layout.end_transcript();
    let ja = mynumber_i18n::japanese();
    let (y, m, d) = (date.year(), date.month(), date.day());
    let issued = match mynumber_core::dates::era_of(date) {
        Some((e, era_year)) if era => ja.era_date(e, era_year, y, m, d),
        _ => ja.date(y, m, d),
    };
    let top = layout.y;
    layout.text_at(MARGIN, top, &issued, Script::Japanese, Style::regular(10.5));
    let mayor = format!("{municipality}長");
    layout.text_at(
        MARGIN + 200.0,
        top,
        &mayor,
        Script::Japanese,
        Style::bold(13.0),
    );
    official_seal(layout, top, &mayor, municipality)?;

    // Verification: the code, the QR code with the URL, and how to use them.
    let qr_size = 28.0 * MM;
    layout.ensure(qr_size + 10.0);
    let qr_top = layout.y;
    let url = format!("{}/{code}", verify_url.trim_end_matches('/'));
    layout.qr(MARGIN, qr_top, qr_size, &url)?;
    layout.y = qr_top + 8.0;
    let x = MARGIN + qr_size + 10.0;
    let w = CONTENT_WIDTH - qr_size - 10.0;
    field_row(
        layout,
        x,
        w,
        "record-verification-code",
        &[(code.to_owned(), Script::Latin, Style::bold(13.0))],
        second,
    );
    let args = [("url", Arg::Text(verify_url))];
    layout.bilingual(
        x,
        w,
        "record-verify-how",
        &args,
        second,
        Style::regular(8.5),
    );
    layout.y = layout.y.max(qr_top + qr_size);
    Ok(issued)
}

/// Seals `front`, its rows the layout's transcript, and puts its back after every page.
pub(crate) fn add_back(
    layout: &mut Layout<'_, '_>,
    seal: SealBack<'_>,
    mut front: Front,
    verify_url: &str,
    second: Option<&'static Catalog>,
) -> Result<(), RenderError> {
    front.sections = layout.transcript().to_vec();
    let symbols = seal(&front)?;
    let back = back_page(layout.writer, &symbols, verify_url, second)?;
    layout.interleave_back(back);
    Ok(())
}

/// The municipality's seal (公印) over the end of the mayor's name, as it is pressed; leaves the
/// cursor below it.
fn official_seal(
    layout: &mut Layout<'_, '_>,
    top: f32,
    mayor: &str,
    municipality: &str,
) -> Result<(), RenderError> {
    let width = layout.width(mayor, Script::Japanese, Style::bold(13.0))?;
    let x = (MARGIN + 200.0 + width - SEAL_SIDE * 0.3).min(MARGIN + CONTENT_WIDTH - SEAL_SIDE);
    layout.stamp(x, top - 4.0, SEAL_SIDE, &format!("{municipality}長之印"));
    layout.y = top + SEAL_SIDE + 6.0;
    Ok(())
}

/// A print's back: what it is and where to read it, then the symbols three across.
pub(crate) fn back_page<'w, 'f>(
    writer: &'w Writer<'f>,
    symbols: &[Vec<u8>],
    verify_url: &str,
    second: Option<&'static Catalog>,
) -> Result<Layout<'w, 'f>, RenderError> {
    let mut back = Layout::new(writer);
    back.new_page();
    back.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "back-heading",
        &[],
        second,
        Style::bold(11.0),
    );
    back.y += 2.0;
    let args = [("url", Arg::Text(verify_url))];
    back.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "back-how",
        &args,
        second,
        Style::regular(8.5),
    );
    back.y += 8.0;
    let gap = (CONTENT_WIDTH - 3.0 * BACK_SYMBOL) / 2.0;
    let top = back.y;
    for (i, symbol) in symbols.iter().enumerate() {
        let (row, col) = (i / 3, i % 3);
        back.qr_bytes(
            MARGIN + col as f32 * (BACK_SYMBOL + gap),
            top + row as f32 * (BACK_SYMBOL + 4.0),
            BACK_SYMBOL,
            BACK_VERSION,
            symbol,
        )?;
    }
    Ok(back)
}

fn entry_block(
    layout: &mut Layout<'_, '_>,
    entry: &RecordEntry,
    second: Option<&'static mynumber_i18n::Catalog>,
) {
    let text =
        |s: &str| -> Vec<ValueLine> { vec![(s.to_owned(), value_script(s), Style::regular(10.5))] };
    layout.ensure(120.0);
    layout.section();
    let top = layout.y;
    layout.y += 6.0;
    let x = MARGIN + 8.0;
    let w = CONTENT_WIDTH - 16.0;
    let p = &entry.person;
    // A Japanese national's dates are printed in the era, a foreign resident's in the
    // Gregorian calendar, as on the card's face (facts §2.1 "Dates"; docs/design/documents.md).
    let dates = |date: jiff::civil::Date| {
        if entry.foreign.is_none() {
            era_date_values(date, second, Style::regular(10.5))
        } else {
            date_values(date, second, Style::regular(10.5))
        }
    };
    field_row(
        layout,
        x,
        w,
        "field-name",
        &name_values(p, Style::bold(12.0)),
        second,
    );
    if let Some(alias) = &p.alias {
        field_row(layout, x, w, "field-alias", &text(alias), second);
    }
    field_row(
        layout,
        x,
        w,
        "field-birth-date",
        &dates(p.birth_date),
        second,
    );
    let sex = match p.sex {
        mynumber_core::Sex::Male => "sex-male",
        mynumber_core::Sex::Female => "sex-female",
    };
    field_row(
        layout,
        x,
        w,
        "field-sex",
        &message_values(sex, second, Style::regular(10.5)),
        second,
    );
    field_row(layout, x, w, "field-address", &text(&p.address), second);
    if let Some(householder) = &entry.householder {
        field_row(
            layout,
            x,
            w,
            "field-householder",
            &text(householder),
            second,
        );
    }
    if let Some(r) = entry.relationship {
        let key = format!("relationship-{}", r.code());
        field_row(
            layout,
            x,
            w,
            "field-relationship",
            &message_values(&key, second, Style::regular(10.5)),
            second,
        );
    }
    if let Some(date) = entry.became_resident {
        field_row(layout, x, w, "field-became-resident", &dates(date), second);
    }
    if let Some(previous) = &entry.previous_address {
        field_row(
            layout,
            x,
            w,
            "field-previous-address",
            &text(previous),
            second,
        );
    }
    if let Some(f) = &entry.foreign {
        field_row(
            layout,
            x,
            w,
            "field-nationality",
            &text(&f.nationality),
            second,
        );
        field_row(
            layout,
            x,
            w,
            "field-status-of-residence",
            &text(&f.status),
            second,
        );
        if let Some(until) = f.period_until {
            field_row(
                layout,
                x,
                w,
                "field-period-of-stay",
                &date_values(until, second, Style::regular(10.5)),
                second,
            );
        }
    }
    if let Some(code) = &entry.resident_code {
        let v = vec![(code.to_string(), Script::Latin, Style::regular(11.0))];
        field_row(layout, x, w, "field-resident-code", &v, second);
    }
    if let Some(number) = &entry.number {
        let v = vec![(number.expose_formatted(), Script::Latin, Style::bold(13.0))];
        field_row(layout, x, w, "field-individual-number", &v, second);
    }
    layout.frame(MARGIN, top, CONTENT_WIDTH, layout.y - top + 2.0, 0.8);
    layout.y += 10.0;
}
