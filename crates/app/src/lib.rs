//! mynumber-app: the use cases of the Individual Number system, and the ports they need.
//!
//! Each use case is one transaction: load, decide with the functional core, write the state
//! change and its ledger entry together, commit. Only this crate opens transactions.

use std::sync::Arc;

use mynumber_core::checkpoint::LedgerSigningKey;
use mynumber_core::{DerivationKey, PurposeSet, ResidentCode};

mod access;
mod bulk;
mod card_key_store;
mod card_notices;
mod cards;
mod certificates;
mod collections;
pub mod demo;
mod documents;
mod error;
mod exchange;
pub mod import_file;
mod import_run;
mod kiosks;
pub mod ledger;
mod load;
mod notices;
mod number_change;
mod oidc;
mod organisation_auth;
mod organisations;
mod passkeys;
mod portal;
pub mod ports;
mod prints;
mod registry;
mod revocation_info;
mod seals;
mod self_information;
mod sign_in;
mod signing;
mod staff;
pub mod system;

pub use bulk::{
    ExportRow, ImportError, ImportFile, ImportJob, ImportRow, ImportSession, ImportStart,
    LINE_COUNT, PreparedBatch,
};
pub use card_notices::{CertificateRenewalBatch, PICK_UP_DAYS, RenewalBatch};
pub use cards::{
    CALL_OPEN_MINUTES, Call, CallCard, CardAmendment, CardApplication, CardCertification,
    CardSettings, CardWithFile, HandOver, UNMATCHED_CALLS_PER_HOUR,
};
pub use certificates::{CertificateException, KeyMaker, PkiSettings};
pub use collections::{CollectCommand, DELETIONS_LISTED};
pub use documents::{
    CheckedDocument, DocumentConfig, FontSource, IssuedDocument, NumberBasis, RECORD_ITEMS,
    RecordRequest,
};
pub use error::{AppError, WrongPin};
pub use exchange::{
    ANSWER_TYP, CodeAnswer, CodeRequest, CopyInput, ExchangeSettings, JoseHeaders,
    MAX_CODE_REQUESTS, MAX_COPIES, PublishedUnit, RECORDS_LISTED, REQUEST_TYP, UnitInput,
};
pub use import_run::{
    IMPORT_BATCH, ImportFailure, ImportOptions, ImportOutcome, ImportProgress, ImportSource, Pass,
    Quiet, Stopped,
};
pub use ledger::LedgerReport;
pub use notices::NoticeBatch;
pub use number_change::{PENDING_NUMBER_CHANGES, PendingNumberChange};
pub use oidc::{
    Begun, CardChallenge, ConsentedItems, IdTokenClaims, IdTokenEncoder, LOGIN_TOKEN_PREFIX,
    LoginView, MAX_REDIRECT_URIS, PublishedKey, TokenGrant, TokenRefusal,
};
pub use organisation_auth::{ORGANISATION_TOKEN_PREFIX, ORGANISATION_TOKEN_S, OrganisationToken};
pub use organisations::{ORGANISATIONS_LISTED, OrganisationView, PurposeInput};
pub use passkeys::{
    ChallengeFor, MAX_PASSKEYS, PasskeyAssertion, PasskeyClientData, PasskeyOrigin,
    PasskeyRegistration, short_id,
};
pub use portal::{
    ConsentView, EXCHANGES_SHOWN, ExchangeHistory, HISTORY_SHOWN, HeldData, MyInformation,
    NOTICE_BODY_MAX, NOTICES_SHOWN, PORTAL_IDLE_S, PORTAL_LOGIN_S, PORTAL_SESSION_S, PORTAL_UNIT,
    PortalLoginView, ReceiptCheck, portal_challenge_message,
};
pub use ports::{AppGrantRow, PortalNoticeRow};
pub use ports::{
    CallRow, CardApplicationRow, CardNoticeRow, CardRow, CertificateRow, Clock, CollectionRow,
    CredentialRow, CrlRow, CurrentRow, DocumentRow, DueCertificate, EnrolmentRow, ImportBatchRow,
    ImportHouseholdRow, ImportJobRow, KioskIssue, KioskSessionRow, KioskSessionStatus,
    LoginFailures, LoginRow, NoticeRow, NumberChangeRow, NumberRow, OrganisationKeyRow,
    OrganisationRow, PasskeyRow, PersonRow, PurposeRow, Random, ReadTx, SealRow, SearchQuery,
    SessionRow, SettlementRow, StaffKind, StaffRow, Store, StoreError, TerminalRow, TotpKeyRow, Tx,
    VersionRow,
};
pub use prints::{MAX_SCAN_MIB, OpenedBack};
pub use registry::{
    ChangeCommand, HouseholdChoice, RegisterCommand, Registered, ResidentView, SEARCH_LIMIT,
    SEARCH_LIMIT_MAX, SearchResults, overdue_flags,
};
pub use revocation_info::{CertificateCheck, Verdict};
pub use seals::SealRegistration;
pub use self_information::{APP_GRANT_US, AppGrantView, REFRESH_TOKEN_PREFIX, SelfInformation};
pub use sign_in::{Enrolment, Session, SignInRefused, SignedIn};
pub use signing::{
    LatestFour, SignAnswer, SignChallenge, SignResult, SignResultEncoder, SignStarted,
    SignatureReport, SigningTimeSource, ToSign, ToVerify, verdict_code,
};
pub use staff::{
    CredentialSettings, IssuedToken, MAX_TOKEN_DAYS, NewStaff, StaffListing, token_hash,
};

/// What the use cases are configured with. No `Default`: the key must be chosen.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The number-derivation key `K`.
    pub derivation_key: DerivationKey,
    /// The lawful purposes accepted for reading a number.
    pub purposes: PurposeSet,
    /// The key that signs ledger checkpoints.
    pub ledger_key: LedgerSigningKey,
    /// Document signing, fonts and the verification page.
    pub documents: DocumentConfig,
    /// The certificate authorities.
    pub pki: PkiSettings,
    /// Card production.
    pub cards: CardSettings,
    /// How long staff tokens live.
    pub credentials: CredentialSettings,
    /// The exchange network's key, its platform's secret and its permission table.
    pub exchange: ExchangeSettings,
}

/// The use cases, with their ports.
#[derive(Debug, Clone)]
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    key: DerivationKey,
    purposes: PurposeSet,
    ledger_key: LedgerSigningKey,
    documents: DocumentConfig,
    pki: PkiSettings,
    cards: CardSettings,
    credentials: CredentialSettings,
    network: Arc<exchange::Network>,
    recorder: Arc<ledger::Recorder>,
}

impl App {
    /// Wires the use cases to their ports.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        random: Arc<dyn Random>,
        config: AppConfig,
    ) -> Self {
        Self {
            store,
            clock,
            random,
            key: config.derivation_key,
            purposes: config.purposes,
            ledger_key: config.ledger_key,
            documents: config.documents,
            pki: config.pki,
            cards: config.cards,
            credentials: config.credentials,
            network: Arc::new(exchange::Network::new(config.exchange)),
            recorder: Arc::default(),
        }
    }

    /// The lawful purposes accepted.
    pub fn purposes(&self) -> &PurposeSet {
        &self.purposes
    }

    /// Closes the store's connections; call before the process exits after bulk work.
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// The storage backend's name.
    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    fn random_bytes<const N: usize>(&self) -> [u8; N] {
        let mut b = [0u8; N];
        self.random.fill(&mut b);
        b
    }

    /// A new time-ordered person id (see `PersonId::time_ordered`).
    fn new_person_id(&self) -> mynumber_core::PersonId {
        mynumber_core::PersonId::time_ordered(self.now_ms(), self.random_bytes())
    }

    /// A new time-ordered household id.
    fn new_household_id(&self) -> mynumber_core::HouseholdId {
        mynumber_core::HouseholdId::time_ordered(self.now_ms(), self.random_bytes())
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.clock.now_us() / 1000).unwrap_or(0)
    }

    fn new_resident_code(&self) -> ResidentCode {
        loop {
            if let Some(body) = ResidentCode::body_from_random(self.random_bytes())
                && let Some(code) = ResidentCode::from_body(body)
            {
                return code;
            }
        }
    }
}
