//! The 個人番号通知書 (Individual Number notification, facts §5) and the 交付申請書 (card
//! application form, facts §2.5–2.6) that travels with it: two or more pages per resident.

use mynumber_i18n::{Catalog, Script, catalog};

use crate::layout::{CONTENT_WIDTH, Layout, MARGIN, MM, PAGE_WIDTH, Style, render_batch};
use crate::{Fonts, NoticeLetter, PrintedPerson, RenderError};

/// Renders letters (each followed by its application form) into one PDF: a print-shop batch.
pub fn render_notices(fonts: &Fonts, letters: &[NoticeLetter]) -> Result<Vec<u8>, RenderError> {
    render_batch(
        fonts,
        "個人番号通知書",
        letters,
        |l| l.issue_date,
        |layout, letter| {
            letter_pages(layout, letter)?;
            form_page(
                layout,
                &letter.person,
                &letter.application_id,
                &letter.language,
            )
        },
    )
}

/// The second language of a document: none for a Japanese reader.
pub(crate) fn second_language(tag: &str) -> Option<&'static Catalog> {
    let c = catalog(tag);
    (!c.is_japanese()).then_some(c)
}

/// The script a value (name, address) is written in, so that it gets a face that has it.
pub(crate) fn value_script(value: &str) -> Script {
    if value
        .chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    {
        Script::Korean
    } else if value
        .chars()
        .any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    {
        Script::Devanagari
    } else {
        Script::Japanese
    }
}

/// A value line and the style to print it in.
pub(crate) type ValueLine = (String, Script, Style);

/// A labelled row: the Japanese label with the second-language label under it, and the value
/// lines to the right. Returns nothing; moves the cursor below the taller side.
pub(crate) fn field_row(
    layout: &mut Layout<'_, '_>,
    x: f32,
    width: f32,
    label_key: &str,
    values: &[ValueLine],
    second: Option<&Catalog>,
) {
    const LABEL_WIDTH: f32 = 118.0;
    let ja = mynumber_i18n::japanese();
    let label = Style::bold(9.0);
    let label2 = Style::regular(7.5).secondary();
    let mut height = label.leading();
    let second_label = second.map(|c| {
        let lines = layout.writer.wrap(
            &c.text(label_key),
            c.script(),
            label2.weight,
            label2.size,
            LABEL_WIDTH - 6.0,
        );
        (c.script(), lines)
    });
    if let Some((_, lines)) = &second_label {
        height += lines.len() as f32 * label2.leading();
    }
    let mut value_lines = Vec::new();
    for (text, script, style) in values {
        for line in layout
            .writer
            .wrap(text, *script, style.weight, style.size, width - LABEL_WIDTH)
        {
            value_lines.push((line, *script, *style));
        }
    }
    layout.note(mynumber_core::print_back::FrontRow::shown(
        label_key,
        &values
            .iter()
            .map(|(text, _, _)| text.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
    ));
    let value_height: f32 = value_lines.iter().map(|(_, _, s)| s.leading()).sum();
    let height = height.max(value_height) + 4.0;
    layout.ensure(height);
    let top = layout.y;
    layout.text_at(x, top, &ja.text(label_key), Script::Japanese, label);
    if let Some((script, lines)) = second_label {
        let mut y = top + label.leading();
        for line in lines {
            layout.text_at(x, y, &line, script, label2);
            y += label2.leading();
        }
    }
    let mut y = top;
    for (line, script, style) in value_lines {
        layout.text_at(x + LABEL_WIDTH, y, &line, script, style);
        y += style.leading();
    }
    layout.y = top + height;
}

/// A date as value lines: Japanese, then the second language.
pub(crate) fn date_values(
    date: jiff::civil::Date,
    second: Option<&Catalog>,
    style: Style,
) -> Vec<ValueLine> {
    let ja = mynumber_i18n::japanese();
    let mut out = vec![(
        ja.date(date.year(), date.month(), date.day()),
        Script::Japanese,
        style,
    )];
    if let Some(c) = second {
        out.push((
            c.date(date.year(), date.month(), date.day()),
            c.script(),
            Style::regular(style.size * 0.85).secondary(),
        ));
    }
    out
}

/// A date as value lines in the Japanese era (和暦), as a Japanese national's record prints it:
/// 令和8年11月25日, then the second language with the Gregorian year beside the era. A date
/// before 明治 has no era and is written as [`date_values`] writes it.
pub(crate) fn era_date_values(
    date: jiff::civil::Date,
    second: Option<&Catalog>,
    style: Style,
) -> Vec<ValueLine> {
    let Some((era, era_year)) = mynumber_core::dates::era_of(date) else {
        return date_values(date, second, style);
    };
    let ja = mynumber_i18n::japanese();
    let (y, m, d) = (date.year(), date.month(), date.day());
    let mut out = vec![(ja.era_date(era, era_year, y, m, d), Script::Japanese, style)];
    if let Some(c) = second {
        out.push((
            c.era_date(era, era_year, y, m, d),
            c.script(),
            Style::regular(style.size * 0.85).secondary(),
        ));
    }
    out
}

/// A message as value lines: Japanese, then the second language.
pub(crate) fn message_values(key: &str, second: Option<&Catalog>, style: Style) -> Vec<ValueLine> {
    let ja = mynumber_i18n::japanese();
    let mut out = vec![(ja.text(key), Script::Japanese, style)];
    if let Some(c) = second {
        out.push((
            c.text(key),
            c.script(),
            Style::regular(style.size * 0.85).secondary(),
        ));
    }
    out
}

/// Name lines: the registered name, its reading, the Latin spelling.
pub(crate) fn name_values(person: &PrintedPerson, style: Style) -> Vec<ValueLine> {
    let mut out = vec![(person.name.clone(), value_script(&person.name), style)];
    let small = Style::regular(style.size * 0.75);
    if let Some(kana) = &person.name_kana {
        out.push((kana.clone(), Script::Japanese, small));
    }
    if let Some(latin) = &person.latin_name {
        out.push((latin.clone(), value_script(latin), small));
    }
    out
}

pub(crate) fn sex_key(person: &PrintedPerson) -> &'static str {
    match person.sex {
        mynumber_core::Sex::Male => "sex-male",
        mynumber_core::Sex::Female => "sex-female",
    }
}

/// A title in Japanese with the second language under it.
pub(crate) fn title(layout: &mut Layout<'_, '_>, key: &str, second: Option<&Catalog>) {
    let ja = mynumber_i18n::japanese();
    let style = Style::bold(20.0);
    layout.ensure(60.0);
    let top = layout.y;
    layout.text_at(MARGIN, top, &ja.text(key), Script::Japanese, style);
    layout.y += style.leading();
    if let Some(c) = second {
        let style = Style::bold(12.5).secondary();
        layout.paragraph(MARGIN, CONTENT_WIDTH, &c.text(key), c.script(), style);
    }
    layout.y += 6.0;
}

/// The addressee, placed for a window envelope (長形3号, window 20 mm from the left), and the
/// sender with the date at the top right; leaves the cursor below both.
pub(crate) fn addressee(
    layout: &mut Layout<'_, '_>,
    person: &PrintedPerson,
    municipality: &str,
    date: jiff::civil::Date,
) -> Result<(), RenderError> {
    let ja = mynumber_i18n::japanese();
    let top = layout.y;
    let addr_style = Style::regular(10.5);
    let addr_script = value_script(&person.address);
    let mut y = top;
    for line in layout.writer.wrap(
        &person.address,
        addr_script,
        addr_style.weight,
        addr_style.size,
        90.0 * MM,
    ) {
        layout.text_at(MARGIN, y, &line, addr_script, addr_style);
        y += addr_style.leading();
    }
    let name_style = Style::bold(14.0);
    let addressee = format!("{} 様", person.name);
    layout.text_at(
        MARGIN,
        y + 4.0,
        &addressee,
        value_script(&person.name),
        name_style,
    );

    // The sender, top right.
    let issuer = format!("{municipality}長");
    let issued = ja.date(date.year(), date.month(), date.day());
    let right = PAGE_WIDTH - MARGIN;
    for (i, text) in [issued.as_str(), issuer.as_str()].into_iter().enumerate() {
        let style = Style::regular(10.0);
        let w = layout.width(text, Script::Japanese, style)?;
        layout.text_at(
            right - w,
            top + i as f32 * 15.0,
            text,
            Script::Japanese,
            style,
        );
    }
    layout.y = (y + 40.0).max(top + 95.0);
    Ok(())
}

fn letter_pages(layout: &mut Layout<'_, '_>, letter: &NoticeLetter) -> Result<(), RenderError> {
    let second = second_language(&letter.language);
    let person = &letter.person;
    layout.new_page();
    addressee(layout, person, &letter.municipality, letter.issue_date)?;

    title(layout, "notice-title", second);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "notice-intro",
        &[],
        second,
        Style::regular(10.0),
    );
    layout.y += 8.0;

    // The particulars, in a frame.
    let frame_top = layout.y;
    layout.y += 8.0;
    let inner_x = MARGIN + 10.0;
    let inner_w = CONTENT_WIDTH - 20.0;
    field_row(
        layout,
        inner_x,
        inner_w,
        "field-name",
        &name_values(person, Style::bold(13.0)),
        second,
    );
    field_row(
        layout,
        inner_x,
        inner_w,
        "field-birth-date",
        &date_values(person.birth_date, second, Style::regular(11.0)),
        second,
    );
    field_row(
        layout,
        inner_x,
        inner_w,
        "field-individual-number",
        &[(
            letter.number.expose_formatted(),
            Script::Latin,
            Style::bold(24.0),
        )],
        second,
    );
    field_row(
        layout,
        inner_x,
        inner_w,
        "field-issuer",
        &[(
            letter.municipality.clone(),
            Script::Japanese,
            Style::regular(11.0),
        )],
        second,
    );
    field_row(
        layout,
        inner_x,
        inner_w,
        "field-issue-date",
        &date_values(letter.issue_date, second, Style::regular(11.0)),
        second,
    );
    layout.frame(
        MARGIN,
        frame_top,
        CONTENT_WIDTH,
        layout.y - frame_top + 2.0,
        0.8,
    );
    layout.y += 14.0;

    // The statement that this letter proves nothing (facts §5), boxed and in bold.
    layout.ensure(110.0);
    let warn_top = layout.y;
    layout.y += 8.0;
    layout.bilingual(
        MARGIN + 10.0,
        CONTENT_WIDTH - 20.0,
        "notice-not-proof",
        &[],
        second,
        Style::bold(10.5),
    );
    layout.frame(
        MARGIN,
        warn_top,
        CONTENT_WIDTH,
        layout.y - warn_top + 4.0,
        2.0,
    );
    layout.y += 16.0;

    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "notice-keep",
        &[],
        second,
        Style::regular(9.5),
    );
    layout.y += 10.0;

    layout.ensure(40.0);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "notice-apply-heading",
        &[],
        second,
        Style::bold(12.0),
    );
    layout.y += 4.0;
    for key in [
        "notice-apply-mail",
        "notice-apply-online",
        "notice-apply-counter",
        "notice-apply-free",
    ] {
        layout.bilingual(
            MARGIN + 8.0,
            CONTENT_WIDTH - 8.0,
            key,
            &[],
            second,
            Style::regular(9.5),
        );
        layout.y += 4.0;
    }
    Ok(())
}

/// The 交付申請書 for `person`, with its application ID and QR code (facts §2.5–2.6): sent
/// with the notification letter, and with the renewal notice.
pub(crate) fn form_page(
    layout: &mut Layout<'_, '_>,
    person: &PrintedPerson,
    application_id: &mynumber_core::ApplicationId,
    language: &str,
) -> Result<(), RenderError> {
    let second = second_language(language);
    layout.new_page();
    title(layout, "form-title", second);

    field_row(
        layout,
        MARGIN,
        CONTENT_WIDTH,
        "field-application-id",
        &[(application_id.grouped(), Script::Latin, Style::bold(16.0))],
        second,
    );
    layout.y += 8.0;

    // Photo box, 4.5 cm high × 3.5 cm wide (facts §2.6), at the right.
    let photo_w = 35.0 * MM;
    let photo_h = 45.0 * MM;
    let photo_x = PAGE_WIDTH - MARGIN - photo_w;
    let photo_top = layout.y;
    layout.frame(photo_x, photo_top, photo_w, photo_h, 0.8);
    let ja = mynumber_i18n::japanese();
    let mut y = photo_top + 8.0;
    for (text, script) in std::iter::once((ja.text("form-photo"), Script::Japanese))
        .chain(second.map(|c| (c.text("form-photo"), c.script())))
    {
        let style = Style::regular(7.0).secondary();
        for line in layout
            .writer
            .wrap(&text, script, style.weight, style.size, photo_w - 8.0)
        {
            layout.text_at(photo_x + 4.0, y, &line, script, style);
            y += style.leading();
        }
    }

    // The pre-printed particulars, left of the photo.
    let left_w = photo_x - MARGIN - 12.0;
    let details_top = layout.y;
    layout.y += 6.0;
    let x = MARGIN + 6.0;
    let w = left_w - 12.0;
    field_row(
        layout,
        x,
        w,
        "field-name",
        &name_values(person, Style::bold(12.0)),
        second,
    );
    if let Some(alias) = &person.alias {
        field_row(
            layout,
            x,
            w,
            "field-alias",
            &[(alias.clone(), value_script(alias), Style::regular(11.0))],
            second,
        );
    }
    field_row(
        layout,
        x,
        w,
        "field-birth-date",
        &date_values(person.birth_date, second, Style::regular(10.5)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-sex",
        &message_values(sex_key(person), second, Style::regular(10.5)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-address",
        &[(
            person.address.clone(),
            value_script(&person.address),
            Style::regular(10.5),
        )],
        second,
    );
    let bottom = layout.y.max(photo_top + photo_h);
    layout.frame(
        MARGIN,
        details_top,
        left_w,
        layout.y - details_top + 2.0,
        0.8,
    );
    layout.y = bottom + 14.0;

    // Signature and date boxes to fill in by hand.
    for key in ["form-signature", "form-application-date"] {
        layout.ensure(50.0);
        let top = layout.y;
        layout.frame(MARGIN, top, CONTENT_WIDTH, 40.0, 0.8);
        layout.y += 4.0;
        let label = Style::regular(8.5);
        layout.text_at(
            MARGIN + 6.0,
            layout.y,
            &ja.text(key),
            Script::Japanese,
            label,
        );
        if let Some(c) = second {
            layout.text_at(
                MARGIN + 6.0,
                layout.y + 12.0,
                &c.text(key),
                c.script(),
                label.secondary(),
            );
        }
        layout.y = top + 48.0;
    }

    // The QR code for online application, carrying the 申請書ID.
    let qr_size = 32.0 * MM;
    layout.ensure(qr_size + 10.0);
    let qr_top = layout.y;
    layout.qr(MARGIN, qr_top, qr_size, application_id.as_str())?;
    let saved = layout.y;
    layout.y = qr_top + 10.0;
    layout.bilingual(
        MARGIN + qr_size + 10.0,
        CONTENT_WIDTH - qr_size - 10.0,
        "form-online",
        &[],
        second,
        Style::bold(10.0),
    );
    layout.y = layout.y.max(saved + qr_size) + 6.0;

    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "form-photo-rules",
        &[],
        second,
        Style::regular(9.0),
    );
    layout.y += 6.0;
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "form-moved",
        &[],
        second,
        Style::regular(9.0),
    );
    Ok(())
}
