//! Where an electronic certificate (電子証明書, facts §3) stands in the register, and the events
//! that move it: a card suspension puts the user-authentication certificate on hold (一時保留)
//! and its resumption lifts the hold; any revocation (失効) is final (facts §3.3).

use std::fmt;

use jiff::civil::Date;

use crate::FieldError;
use crate::dates::{age_on, attains_age, birthday_in, nth_birthday_after, renewal_opens};

/// The age from which the signature certificate (署名用電子証明書) is issued: a child under 15
/// gets the user-authentication certificate only (facts §3.1).
pub const SIGNATURE_CERTIFICATE_MIN_AGE: i16 = 15;

/// Whether someone born on `birth` may hold a signature certificate on `day` (facts §3.1).
pub fn signature_certificate_allowed(birth: Date, day: Date) -> bool {
    age_on(birth, day) >= SIGNATURE_CERTIFICATE_MIN_AGE
}

/// Certificates run to the 5th birthday after their issue, never past the card (facts §2.2).
pub const CERTIFICATE_BIRTHDAYS: u8 = 5;

/// A certificate of one kind in force on a card: the day it was issued and its last valid day.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct InForce {
    /// The day, in Japan, it was issued.
    pub issued_on: Date,
    /// Its last valid day.
    pub last_day: Date,
}

/// Why a card in use gets a new certificate at the counter (issue 10).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NewCertificate {
    /// None of the kind is in force: never issued (declined at application, or the holder was
    /// under 15), revoked (a move or a name change revokes the signature certificate, facts
    /// §2.8), or expired (the certificates' 5th birthday on an adult's 10-year card).
    Issue,
    /// 更新: renewed in the window before the one in force expires (facts §2.2).
    Renewal,
    /// The one in force ended with the card, and the card was extended since (a foreign
    /// resident's new period of stay, facts §10): the certificate follows the card.
    FollowsCard,
}

crate::codes!(NewCertificate {
    Issue => "issue",
    Renewal => "renewal",
    FollowsCard => "follows-card",
});

/// A new certificate the counter may issue: why, and its last valid day.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Issuance {
    /// Why.
    pub why: NewCertificate,
    /// Its last valid day.
    pub last_day: Date,
}

/// Whether a card in use may get a new certificate of one kind on `today`, and until when
/// (issue 10; facts §2.2, §3.1). `card_expiry` is the card's; `in_force` the certificate of
/// the kind that is good or on hold and not past its last day.
///
/// - A signature certificate only from 15 (facts §3.1).
/// - With none in force, always.
/// - With one in force, from the renewal window (the day after three months before its last
///   day), or once the card was extended past a certificate that ended with it.
/// - It runs to the 5th birthday after today, never past the card. **Choice**
///   (docs/design/pki.md, facts §2.2 [U]): renewed before the birthday on which the one in
///   force ends, it runs to the 5th birthday after that one, which is the "6th birthday"
///   counted from the renewal that the J-LIS and municipal pages give.
/// - A certificate that would end no later than the one in force is refused: the card ends
///   first, and it is the card that needs renewing.
pub fn new_certificate_on_card(
    signature: bool,
    birth: Date,
    today: Date,
    card_expiry: Date,
    in_force: Option<InForce>,
) -> Result<Issuance, FieldError> {
    // The certificate is named in the problem: a card asks for two at once.
    let hierarchy = if signature {
        "signature"
    } else {
        "authentication"
    };
    let refuse = |problem: FieldError| Err(problem.of("certificates").arg("hierarchy", hierarchy));
    if signature && !signature_certificate_allowed(birth, today) {
        let turns = attains_age(birth, SIGNATURE_CERTIFICATE_MIN_AGE);
        return refuse(
            FieldError::new("certificates", "problem-signature-certificate-age")
                .arg("age", SIGNATURE_CERTIFICATE_MIN_AGE)
                .arg("date", turns),
        );
    }
    if card_expiry < today {
        return refuse(
            FieldError::new("certificates", "problem-card-expired").arg("date", card_expiry),
        );
    }
    let on_birthday = |day: Date| birthday_in(birth, day.year()) == day;
    let (why, from) = match in_force {
        None => (NewCertificate::Issue, today),
        Some(c) if today >= renewal_opens(c.last_day) => {
            // "更新後の有効期間は6回目の誕生日まで" (facts §2.2): a renewal before the
            // birthday that ends the one in force counts from that birthday.
            let from = if on_birthday(c.last_day) && today < c.last_day {
                c.last_day
            } else {
                today
            };
            (NewCertificate::Renewal, from)
        }
        Some(c)
            if c.last_day < card_expiry
                && nth_birthday_after(birth, c.issued_on, CERTIFICATE_BIRTHDAYS) > c.last_day =>
        {
            (NewCertificate::FollowsCard, today)
        }
        Some(c) => {
            return refuse(
                FieldError::new("certificates", "problem-certificate-in-force")
                    .arg("until", c.last_day)
                    .arg("opens", renewal_opens(c.last_day)),
            );
        }
    };
    let last_day = nth_birthday_after(birth, from, CERTIFICATE_BIRTHDAYS).min(card_expiry);
    if let Some(c) = in_force
        && last_day <= c.last_day
    {
        return refuse(
            FieldError::new("certificates", "problem-certificate-ends-with-card")
                .arg("date", last_day),
        );
    }
    Ok(Issuance { why, last_day })
}

/// A certificate's status, as CRLs and OCSP report it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CertificateStatus {
    /// Issued and usable.
    Good,
    /// On hold (RFC 5280 certificateHold) while the card is suspended; may be released.
    Hold,
    /// Revoked for good.
    Revoked,
}

crate::codes!(CertificateStatus {
    Good => "good",
    Hold => "hold",
    Revoked => "revoked",
});

/// Something that happens to a certificate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CertificateEvent {
    /// Put on hold: the card was suspended.
    Hold,
    /// The hold lifted: the card resumed.
    Release,
    /// Revoked, for any reason.
    Revoke,
}

impl CertificateEvent {
    /// The ledger action for this event.
    pub fn action(self) -> &'static str {
        match self {
            Self::Hold => "certificate-held",
            Self::Release => "certificate-released",
            Self::Revoke => "certificate-revoked",
        }
    }
}

/// An event the certificate's status does not allow.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CertificateRefused {
    /// The status.
    pub status: CertificateStatus,
    /// The event refused.
    pub event: CertificateEvent,
}

impl fmt::Display for CertificateRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CertificateEvent as E;
        use CertificateStatus as S;
        let why = match (self.status, self.event) {
            (S::Revoked, _) => "it is revoked, and a revocation is final",
            (S::Good, E::Release) => "it is not on hold",
            (S::Hold, E::Hold) => "it is already on hold",
            // Every other pair is allowed.
            (S::Good, _) | (S::Hold, _) => "the change is not allowed",
        };
        let verb = match self.event {
            E::Hold => "put on hold",
            E::Release => "released",
            E::Revoke => "revoked",
        };
        write!(
            f,
            "a {} certificate cannot be {verb}: {why}",
            self.status.code()
        )
    }
}

impl CertificateStatus {
    /// The status after `event`, or why it cannot happen.
    pub fn after(self, event: CertificateEvent) -> Result<Self, CertificateRefused> {
        use CertificateEvent as E;
        use CertificateStatus as S;
        match (self, event) {
            (S::Good, E::Hold) => Ok(S::Hold),
            (S::Hold, E::Release) => Ok(S::Good),
            (S::Good | S::Hold, E::Revoke) => Ok(S::Revoked),
            (status, event) => Err(CertificateRefused { status, event }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for status in CertificateStatus::ALL {
            assert_eq!(CertificateStatus::parse(status.code()), Some(status));
        }
        assert_eq!(CertificateStatus::parse("suspended"), None);
    }

    #[test]
    fn the_whole_transition_table() {
        use CertificateEvent as E;
        use CertificateStatus as S;
        let allowed = [
            (S::Good, E::Hold, S::Hold),
            (S::Hold, E::Release, S::Good),
            (S::Good, E::Revoke, S::Revoked),
            (S::Hold, E::Revoke, S::Revoked),
        ];
        for status in CertificateStatus::ALL {
            for event in [E::Hold, E::Release, E::Revoke] {
                let want = allowed
                    .iter()
                    .find(|(s, e, _)| *s == status && *e == event)
                    .map(|(_, _, to)| *to);
                assert_eq!(status.after(event).ok(), want, "{status:?} + {event:?}");
            }
        }
        assert_eq!(
            S::Revoked.after(E::Release).unwrap_err().to_string(),
            "a revoked certificate cannot be released: it is revoked, and a revocation is final"
        );
        assert_eq!(
            S::Good.after(E::Release).unwrap_err().to_string(),
            "a good certificate cannot be released: it is not on hold"
        );
    }

    /// Every case of issue 10, as a table: (signature, birth, today, card expiry, in force
    /// (issued, last day), want: why and last day, or the start of the refusal).
    #[test]
    fn new_certificates_on_a_card_in_use() {
        use jiff::civil::date as d;
        type Case = (
            &'static str,
            bool,
            Date,
            Date,
            Date,
            Option<(Date, Date)>,
            Result<(NewCertificate, Date), &'static str>,
        );
        let born = d(1990, 2, 17);
        let cases: [Case; 11] = [
            (
                "none in force (declined at application, or revoked by a move)",
                true,
                born,
                d(2027, 6, 1),
                d(2035, 2, 17),
                None,
                Ok((NewCertificate::Issue, d(2032, 2, 17))),
            ),
            (
                "none in force, the card ends first",
                false,
                born,
                d(2027, 6, 1),
                d(2029, 2, 17),
                None,
                Ok((NewCertificate::Issue, d(2029, 2, 17))),
            ),
            (
                "the 5th birthday on an adult's 10-year card, renewed early: the 6th from today",
                false,
                born,
                d(2029, 12, 1),
                d(2035, 2, 17),
                Some((d(2025, 3, 1), d(2030, 2, 17))),
                Ok((NewCertificate::Renewal, d(2035, 2, 17))),
            ),
            (
                "renewed on its last day",
                false,
                born,
                d(2030, 2, 17),
                d(2036, 2, 17),
                Some((d(2025, 3, 1), d(2030, 2, 17))),
                Ok((NewCertificate::Renewal, d(2035, 2, 17))),
            ),
            (
                "the window opens the day after three months before",
                false,
                born,
                d(2029, 11, 17),
                d(2035, 2, 17),
                Some((d(2025, 3, 1), d(2030, 2, 17))),
                Err(
                    "the certificate in force is valid until 2030-02-17; it can be renewed from 2029-11-18",
                ),
            ),
            (
                "in the window, but the card ends with the certificate",
                false,
                born,
                d(2029, 12, 1),
                d(2030, 2, 17),
                Some((d(2025, 3, 1), d(2030, 2, 17))),
                Err("a new certificate would end on 2030-02-17"),
            ),
            (
                "a foreign resident's card extended past certificates that ended with it",
                true,
                born,
                d(2027, 6, 1),
                d(2029, 9, 30),
                Some((d(2025, 3, 1), d(2027, 9, 30))),
                Ok((NewCertificate::FollowsCard, d(2029, 9, 30))),
            ),
            (
                "a certificate that ended on its own birthday does not follow the card",
                false,
                born,
                d(2027, 6, 1),
                d(2035, 2, 17),
                Some((d(2025, 3, 1), d(2030, 2, 17))),
                Err("the certificate in force is valid until 2030-02-17"),
            ),
            (
                "a child under 15 gets no signature certificate",
                true,
                d(2011, 5, 10),
                d(2026, 5, 8),
                d(2031, 5, 10),
                None,
                Err(
                    "a signature certificate is issued only from age 15; the holder reaches it on 2026-05-09",
                ),
            ),
            (
                "a child who turned 15",
                true,
                d(2011, 5, 10),
                d(2026, 5, 9),
                d(2031, 5, 10),
                None,
                // The 15th birthday, the next day, is the first of the five.
                Ok((NewCertificate::Issue, d(2030, 5, 10))),
            ),
            (
                "a leap-day birth renewed early in a common year",
                false,
                d(2000, 2, 29),
                d(2030, 1, 10),
                d(2040, 2, 28),
                Some((d(2025, 3, 1), d(2030, 2, 28))),
                Ok((NewCertificate::Renewal, d(2035, 2, 28))),
            ),
        ];
        for (name, signature, birth, today, card, in_force, want) in cases {
            let in_force = in_force.map(|(issued_on, last_day)| InForce {
                issued_on,
                last_day,
            });
            let got = new_certificate_on_card(signature, birth, today, card, in_force);
            match (got, want) {
                (Ok(got), Ok((why, last_day))) => {
                    assert_eq!((got.why, got.last_day), (why, last_day), "{name}");
                }
                (Err(e), Err(start)) => {
                    assert_eq!(e.field, "certificates", "{name}");
                    assert!(e.problem().contains(start), "{name}: {}", e.problem());
                }
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }
}
