//! The notices of a card's life: the 個人番号カード交付通知書 (the card is ready: what to bring and
//! which PINs to decide, facts §2.7), the 個人番号カード有効期限通知書 (the card expires soon:
//! renew it, with a new application form, facts §2.8) and the 電子証明書有効期限通知書 (its
//! certificates expire before it: renew them at the counter, facts §2.8).

use mynumber_i18n::Script;

use crate::layout::{CONTENT_WIDTH, Layout, MARGIN, Style, render_batch};
use crate::notice::{
    addressee, date_values, field_row, form_page, message_values, name_values, second_language,
    title,
};
use crate::{CertificateRenewalNotice, Fonts, IssueNotice, RenderError, RenewalNotice};

/// Renders issue notices, one page each, into one PDF.
pub fn render_issue_notices(
    fonts: &Fonts,
    notices: &[IssueNotice],
) -> Result<Vec<u8>, RenderError> {
    render_batch(
        fonts,
        "個人番号カード交付通知書",
        notices,
        |n| n.issue_date,
        issue_page,
    )
}

/// Renders renewal notices, each followed by its new application form, into one PDF.
pub fn render_renewal_notices(
    fonts: &Fonts,
    notices: &[RenewalNotice],
) -> Result<Vec<u8>, RenderError> {
    render_batch(
        fonts,
        "個人番号カード有効期限通知書",
        notices,
        |n| n.issue_date,
        |layout, notice| {
            renewal_page(layout, notice)?;
            form_page(
                layout,
                &notice.person,
                &notice.application_id,
                &notice.language,
            )
        },
    )
}

/// Renders certificate expiry notices, one page each, into one PDF.
pub fn render_certificate_renewal_notices(
    fonts: &Fonts,
    notices: &[CertificateRenewalNotice],
) -> Result<Vec<u8>, RenderError> {
    render_batch(
        fonts,
        "電子証明書有効期限通知書",
        notices,
        |n| n.issue_date,
        certificate_renewal_page,
    )
}

/// An expiry notice's opening on a new page: the addressee, the title and the introduction,
/// then the framed block's first row, the holder's name. Returns where the frame starts.
fn notice_head(
    layout: &mut Layout<'_, '_>,
    (person, municipality, issue_date): (&crate::PrintedPerson, &str, jiff::civil::Date),
    (title_key, intro_key): (&str, &str),
    second: Option<&mynumber_i18n::Catalog>,
) -> Result<f32, RenderError> {
    layout.new_page();
    addressee(layout, person, municipality, issue_date)?;
    title(layout, title_key, second);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        intro_key,
        &[],
        second,
        Style::regular(10.0),
    );
    layout.y += 8.0;
    let frame_top = layout.y;
    layout.y += 8.0;
    field_row(
        layout,
        MARGIN + 10.0,
        CONTENT_WIDTH - 20.0,
        "field-name",
        &name_values(person, Style::bold(13.0)),
        second,
    );
    Ok(frame_top)
}

fn certificate_renewal_page(
    layout: &mut Layout<'_, '_>,
    n: &CertificateRenewalNotice,
) -> Result<(), RenderError> {
    let second = second_language(&n.language);
    let frame_top = notice_head(
        layout,
        (&n.person, &n.municipality, n.issue_date),
        ("cert-renewal-title", "cert-renewal-intro"),
        second,
    )?;
    let (x, w) = (MARGIN + 10.0, CONTENT_WIDTH - 20.0);
    for (key, day) in [
        ("field-signature-certificate-expiry", n.signature_expiry),
        (
            "field-authentication-certificate-expiry",
            n.authentication_expiry,
        ),
    ] {
        if let Some(day) = day {
            field_row(
                layout,
                x,
                w,
                key,
                &date_values(day, second, Style::bold(12.0)),
                second,
            );
        }
    }
    field_row(
        layout,
        x,
        w,
        "field-renewal-from",
        &date_values(n.renewal_opens, second, Style::regular(11.0)),
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
    for key in ["cert-renewal-how", "cert-renewal-lapse"] {
        layout.bilingual(
            MARGIN,
            CONTENT_WIDTH,
            key,
            &[],
            second,
            Style::regular(10.0),
        );
        layout.y += 8.0;
    }
    Ok(())
}

/// A heading and its bulleted lines, each in Japanese and the second language.
fn list(
    layout: &mut Layout<'_, '_>,
    heading: &str,
    items: &[&str],
    second: Option<&mynumber_i18n::Catalog>,
) {
    layout.ensure(40.0);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        heading,
        &[],
        second,
        Style::bold(12.0),
    );
    layout.y += 4.0;
    for key in items {
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
    layout.y += 6.0;
}

fn issue_page(layout: &mut Layout<'_, '_>, n: &IssueNotice) -> Result<(), RenderError> {
    let second = second_language(&n.language);
    layout.new_page();
    addressee(layout, &n.person, &n.municipality, n.issue_date)?;
    title(layout, "issue-title", second);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "issue-intro",
        &[],
        second,
        Style::regular(10.0),
    );
    layout.y += 8.0;
    let frame_top = layout.y;
    layout.y += 8.0;
    let (x, w) = (MARGIN + 10.0, CONTENT_WIDTH - 20.0);
    field_row(
        layout,
        x,
        w,
        "field-name",
        &name_values(&n.person, Style::bold(13.0)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-birth-date",
        &date_values(n.person.birth_date, second, Style::regular(11.0)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-pick-up-by",
        &date_values(n.pick_up_by, second, Style::bold(12.0)),
        second,
    );
    let mut place = vec![(
        n.municipality.clone(),
        Script::Japanese,
        Style::regular(11.0),
    )];
    place.extend(message_values(
        "issue-counter",
        second,
        Style::regular(10.0),
    ));
    field_row(layout, x, w, "field-pick-up-place", &place, second);
    field_row(
        layout,
        x,
        w,
        "field-card-expiry",
        &date_values(n.card_expiry, second, Style::regular(11.0)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-card-serial",
        &[(n.card_serial.clone(), Script::Latin, Style::regular(11.0))],
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
    list(
        layout,
        "issue-bring-heading",
        &[
            "issue-bring-notice",
            "issue-bring-identity",
            "issue-bring-old-card",
        ],
        second,
    );
    let mut pins: Vec<&str> = Vec::new();
    if n.face_recognition {
        pins.push("issue-no-pins");
    } else {
        if n.signature_certificate {
            pins.push("issue-pin-signature");
        }
        pins.push("issue-pin-four");
    }
    list(layout, "issue-pins-heading", &pins, second);
    layout.bilingual(
        MARGIN,
        CONTENT_WIDTH,
        "issue-proxy",
        &[],
        second,
        Style::regular(9.0),
    );
    Ok(())
}

fn renewal_page(layout: &mut Layout<'_, '_>, n: &RenewalNotice) -> Result<(), RenderError> {
    let second = second_language(&n.language);
    let frame_top = notice_head(
        layout,
        (&n.person, &n.municipality, n.issue_date),
        ("renewal-title", "renewal-intro"),
        second,
    )?;
    let (x, w) = (MARGIN + 10.0, CONTENT_WIDTH - 20.0);
    field_row(
        layout,
        x,
        w,
        "field-card-expiry",
        &date_values(n.card_expiry, second, Style::bold(12.0)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-renewal-from",
        &date_values(n.renewal_opens, second, Style::regular(11.0)),
        second,
    );
    field_row(
        layout,
        x,
        w,
        "field-application-id",
        &[(
            n.application_id.grouped(),
            Script::Latin,
            Style::regular(11.0),
        )],
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
    for key in ["renewal-how", "renewal-return"] {
        layout.bilingual(
            MARGIN,
            CONTENT_WIDTH,
            key,
            &[],
            second,
            Style::regular(10.0),
        );
        layout.y += 8.0;
    }
    Ok(())
}
