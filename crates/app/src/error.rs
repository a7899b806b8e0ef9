//! The app's error: every way a use case can fail, each mapped by the API to a status and code.

use mynumber_core::{Denied, FieldError, Invalid, Refused};

use crate::StoreError;

/// Why a use case failed. Messages never carry an Individual Number.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// A checkpoint could not be used: malformed, another deployment's, or altered.
    #[error("{0}")]
    Checkpoint(mynumber_core::checkpoint::CheckpointError),
    /// Two requests changed the same record at once; the later one should be retried.
    #[error("the record was changed by another request at the same time; try again")]
    Conflict,
    /// The actor may not do this.
    #[error("{0}")]
    Denied(Denied),
    /// The input is invalid; every problem is listed.
    #[error("{0}")]
    Invalid(Invalid),
    /// No such thing (`resident`, `household`, …).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The Individual Number was changed under 番号法第7条第2項 and is no longer valid.
    #[error("the Individual Number is no longer valid")]
    NumberNotCurrent,
    /// The record's state does not allow the procedure.
    #[error("{0}")]
    Refused(Refused),
    /// An import would register someone a second time: the file was imported completely, or
    /// rows of a batch were registered by an import already. Says what to do.
    #[error("{0}")]
    ImportedBefore(String),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The number-derivation key differs from the one this database's numbers were issued
    /// with: every server of one database must use the same key.
    #[error(
        "this database's Individual Numbers are derived with key {expected}, but the key given is {given}; every server of one database must use the same key file"
    )]
    WrongKey {
        /// The key id bound to the database.
        expected: String,
        /// The key id given.
        given: String,
    },
    /// A document file is not a genuine, unaltered document of this system.
    #[error("{0}")]
    Document(mynumber_core::document::DocumentError),
    /// A certificate or signature handed in is malformed, altered or unverifiable.
    #[error("{0}")]
    NotVerified(mynumber_pki::VerifyError),
    /// A document could not be rendered (e.g. a character no installed font has).
    #[error("the document could not be rendered: {0}")]
    Render(String),
    /// A capability this deployment lacks right now (e.g. fonts not installed).
    #[error("{0}")]
    Unavailable(String),
    /// No valid token was presented.
    #[error("a valid staff token is required")]
    Unauthenticated,
    /// The card refused a PIN entered at the counter. The card counted the try, so the card
    /// file that keeps the count goes back to the holder with the error.
    #[error("{0}")]
    WrongPin(WrongPin),
}

/// A PIN the card refused at the counter, and the card file with the try counted.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {} PIN entered is wrong; {tries_left} {} left before it locks", .kind.code(), if *.tries_left == 1 { "try" } else { "tries" })]
pub struct WrongPin {
    /// Which PIN.
    pub kind: mynumber_core::pin::PinKind,
    /// Tries left (0: it is locked now, and is reset at the counter).
    pub tries_left: u8,
    /// The card file, with the try counted: the copy handed in no longer opens.
    pub card_file: Vec<u8>,
}

impl std::fmt::Debug for WrongPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WrongPin")
            .field("kind", &self.kind)
            .field("tries_left", &self.tries_left)
            .finish_non_exhaustive()
    }
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        Self::Invalid(e)
    }
}

impl From<mynumber_core::ChangeError> for AppError {
    fn from(e: mynumber_core::ChangeError) -> Self {
        match e {
            mynumber_core::ChangeError::Invalid(i) => Self::Invalid(i),
            mynumber_core::ChangeError::Refused(r) => Self::Refused(r),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(Invalid(vec![e]))
    }
}

impl From<Denied> for AppError {
    fn from(e: Denied) -> Self {
        Self::Denied(e)
    }
}
