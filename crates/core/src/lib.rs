//! mynumber-core: the functional core of the Individual Number system.
//!
//! Numbers and their check digits, the derivation of an Individual Number from a resident record
//! code, resident records and the procedures on them, lawful purposes, staff permissions and the
//! ledger's hash chain. Everything here is pure: time, randomness and keys are arguments.

mod address;
pub mod agency_code;
mod application_id;
pub mod call;
pub mod card;
pub mod certificate;
pub mod checkpoint;
pub mod client_assertion;
mod codes;
mod corporate_number;
mod countries;
pub mod dates;
mod derivation;
mod digits;
pub mod document;
mod error;
pub mod exchange;
pub mod history;
mod ids;
mod individual_number;
pub mod kiosk;
pub mod ledger;
pub mod notice;
pub mod number_change;
pub mod oidc;
pub mod organisation;
pub mod photo;
pub mod pin;
pub mod policy;
pub mod print_back;
mod procedure;
mod purpose;
mod resident;
mod resident_code;
pub mod seal;
pub mod search;
pub mod sign_in;
mod staff;
pub mod terminal;
mod text;

pub use address::{Address, MunicipalityCode, Prefecture};
pub use application_id::ApplicationId;
pub use corporate_number::CorporateNumber;
pub use derivation::{DerivationInput, DerivationKey, KeyId};
pub use error::{FieldError, NumberError, ProblemArg};
pub use ids::{
    CredentialId, HouseholdId, NoticeId, NumberChangeId, OrganisationId, PersonId, StaffId,
    TerminalId,
};
pub use individual_number::IndividualNumber;
pub use ledger::Break;
pub use policy::{
    Action, Decision, Denied, Extent, Permission, Principal, RecordScope, Subject, decide, permits,
};
pub use procedure::{
    CarriedIdentity, Change, ChangeError, Destination, MOVE_OUT_FILED_AHEAD_DAYS, MovedTo, Overdue,
    RecordStatus, Refused, Registration, RemovalReason, Resident, SPECIAL_PERIOD_MONTHS,
    became_resident, newly_registered, stay_lapsed, stay_reaches, transfer_in_overdue,
};
pub use purpose::{Purpose, PurposeSet, STATUTORY_PURPOSES};
pub use resident::{
    ForeignInput, ForeignStatus, Invalid, LANGUAGES, Language, Name, NameInput, Nationality,
    Relationship, ResidenceCardNumber, ResidentInput, ResidentRecord, STATUSES_OF_RESIDENCE, Sex,
    StatusOfResidence, StoredForeign, parse_date, validate_address, validate_foreign,
    validate_name,
};
pub use resident_code::ResidentCode;
pub use staff::{Role, StaffMember};
/// The rule for every free text a person reads (names, addresses, labels): trimmed, bounded,
/// no control, invisible or direction-changing characters.
pub use text::clean as clean_text;

/// Check-digit functions, exposed for benchmarks and independent cross-checks.
pub mod check_digits {
    pub use crate::application_id::damm_check_digit as damm;
    pub use crate::corporate_number::check_digit as corporate;
    pub use crate::individual_number::check_digit as individual;
    pub use crate::resident_code::check_digit as resident_code;
}
