//! The life of a 個人番号通知書 (notification letter, facts §5): queued when a number is issued,
//! printed and mailed in batches, then delivered or returned; a returned letter is held at the
//! municipality for hand-over in person and destroyed once its retention has passed. A letter is
//! never re-issued: a resident who lost it asks for a copy of the resident record with the number.

use std::fmt;

/// Where a letter stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NoticeStatus {
    /// Waiting for the next print run.
    Queued,
    /// Printed into a batch and handed to the post (簡易書留, 転送不要).
    Sent,
    /// The post delivered it.
    Delivered,
    /// Came back undeliverable; held at the municipality.
    Returned,
    /// A returned letter handed to the resident in person.
    HandedOver,
    /// A returned letter destroyed after the retention period.
    Destroyed,
    /// Never printed: the number changed before the print run, and a new letter replaces it.
    Superseded,
}

crate::codes!(NoticeStatus {
    Queued => "queued",
    Sent => "sent",
    Delivered => "delivered",
    Returned => "returned",
    HandedOver => "handed-over",
    Destroyed => "destroyed",
    Superseded => "superseded",
});

/// Something that happens to a letter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NoticeEvent {
    /// Printed into a batch.
    Printed,
    /// Delivery confirmed.
    Delivered,
    /// Returned undeliverable.
    Returned,
    /// Handed over at the counter.
    HandedOver,
    /// Destroyed after retention.
    Destroyed,
    /// Replaced before printing by a letter for a new number.
    Superseded,
}

impl NoticeEvent {
    /// Parses a delivery outcome a clerk records: `delivered`, `returned` or `handed-over`.
    pub fn parse_outcome(s: &str) -> Option<Self> {
        match s.trim() {
            "delivered" => Some(Self::Delivered),
            "returned" => Some(Self::Returned),
            "handed-over" => Some(Self::HandedOver),
            _ => None,
        }
    }

    /// The ledger action for this event.
    pub fn action(self) -> &'static str {
        match self {
            Self::Printed => "notice-sent",
            Self::Delivered => "notice-delivered",
            Self::Returned => "notice-returned",
            Self::HandedOver => "notice-handed-over",
            Self::Destroyed => "notice-destroyed",
            Self::Superseded => "notice-superseded",
        }
    }
}

/// An event the letter's state does not allow.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NoticeRefused {
    /// The state.
    pub status: NoticeStatus,
    /// The event refused.
    pub event: NoticeEvent,
}

impl fmt::Display for NoticeRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match (self.status, self.event) {
            (NoticeStatus::Queued, _) => "it has not been printed and mailed yet",
            (NoticeStatus::Superseded, _) => "it was never mailed (the number changed first)",
            (NoticeStatus::Sent, _) => "it has not come back to the municipality",
            (NoticeStatus::Destroyed, _) => "it was destroyed",
            (NoticeStatus::Delivered | NoticeStatus::HandedOver, _) => {
                "it already reached the resident"
            }
            (NoticeStatus::Returned, _) => "it is held at the municipality",
        };
        write!(
            f,
            "a {} letter cannot be marked {}: {why}",
            self.status.code(),
            self.event.action().trim_start_matches("notice-")
        )
    }
}

impl NoticeStatus {
    /// The state after `event`, or why it cannot happen.
    pub fn after(self, event: NoticeEvent) -> Result<Self, NoticeRefused> {
        use NoticeEvent as E;
        use NoticeStatus as S;
        match (self, event) {
            (S::Queued, E::Printed) => Ok(S::Sent),
            (S::Queued, E::Superseded) => Ok(S::Superseded),
            (S::Sent, E::Delivered) => Ok(S::Delivered),
            (S::Sent, E::Returned) => Ok(S::Returned),
            (S::Returned, E::HandedOver) => Ok(S::HandedOver),
            (S::Returned, E::Destroyed) => Ok(S::Destroyed),
            (status, event) => Err(NoticeRefused { status, event }),
        }
    }
}

/// Whether a returned letter's retention has passed: held `retention_days` after it came back.
pub fn retention_passed(returned_at_us: i64, retention_days: u32, now_us: i64) -> bool {
    let held = i64::from(retention_days) * 86_400_000_000;
    now_us.saturating_sub(returned_at_us) >= held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for status in NoticeStatus::ALL {
            assert_eq!(NoticeStatus::parse(status.code()), Some(status));
        }
    }

    #[test]
    fn the_whole_transition_table() {
        use NoticeEvent as E;
        use NoticeStatus as S;
        let events = [
            E::Printed,
            E::Delivered,
            E::Returned,
            E::HandedOver,
            E::Destroyed,
            E::Superseded,
        ];
        let allowed = [
            (S::Queued, E::Printed, S::Sent),
            (S::Queued, E::Superseded, S::Superseded),
            (S::Sent, E::Delivered, S::Delivered),
            (S::Sent, E::Returned, S::Returned),
            (S::Returned, E::HandedOver, S::HandedOver),
            (S::Returned, E::Destroyed, S::Destroyed),
        ];
        for status in NoticeStatus::ALL {
            for event in events {
                let want = allowed
                    .iter()
                    .find(|(s, e, _)| *s == status && *e == event)
                    .map(|(_, _, to)| *to);
                assert_eq!(status.after(event).ok(), want, "{status:?} + {event:?}");
            }
        }
        let refused = S::Delivered.after(E::Returned).unwrap_err().to_string();
        assert_eq!(
            refused,
            "a delivered letter cannot be marked returned: it already reached the resident"
        );
    }

    #[test]
    fn retention_counts_whole_days_from_the_return() {
        let day = 86_400_000_000;
        assert!(!retention_passed(0, 90, 90 * day - 1));
        assert!(retention_passed(0, 90, 90 * day));
        assert!(retention_passed(0, 0, 0));
    }
}
