//! Where an electronic certificate (電子証明書, facts §3) stands in the register, and the events
//! that move it: a card suspension puts the user-authentication certificate on hold (一時保留)
//! and its resumption lifts the hold; any revocation (失効) is final (facts §3.3).

use std::fmt;

use jiff::civil::Date;

use crate::dates::age_on;

/// The age from which the signature certificate (署名用電子証明書) is issued: a child under 15
/// gets the user-authentication certificate only (facts §3.1).
pub const SIGNATURE_CERTIFICATE_MIN_AGE: i16 = 15;

/// Whether someone born on `birth` may hold a signature certificate on `day` (facts §3.1).
pub fn signature_certificate_allowed(birth: Date, day: Date) -> bool {
    age_on(birth, day) >= SIGNATURE_CERTIFICATE_MIN_AGE
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
}
