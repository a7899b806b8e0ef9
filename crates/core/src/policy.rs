//! 認可 (authorization): who may do what to which data, decided in one pure function.
//!
//! Every use case names its [`Action`] and the [`Subject`] it acts on and asks [`decide`];
//! nothing else in the system grants access. The rules, which `docs/design/trust.md` sets out
//! for a security officer to check against this file:
//!
//! - a staff member's role must carry the action's [`Permission`] (the roles' table is
//!   [`Role::allows`]);
//! - staff of a municipality act only within it (住民基本台帳法第1条: each mayor keeps the
//!   register): on its residents' current records, its print runs, its staff, its ledger
//!   partition. A former municipality reads only what it recorded itself, its 除票, never the
//!   record as it stands now (so a victim of domestic violence who moved away, 支援措置, is not
//!   found at the new address through the old municipality);
//! - staff of national scope (municipality `None`) act everywhere their role allows, and only
//!   they act on what spans municipalities (signed checkpoints, the whole ledger, the expiry
//!   run);
//! - the server itself ([`Principal::System`]) runs its schedule: card expiry, checkpoints,
//!   and destroying returned letters past their retention;
//! - anyone ([`Principal::Anonymous`]) may check a document or certificate and read what
//!   relying parties need (CA certificates, CRLs, OCSP, public keys);
//! - a resident authenticated with their card reads their own record, cards and certificates;
//! - relying parties and agencies act for themselves, for the purposes and roles registered;
//! - a kiosk terminal in service runs its own sessions (コンビニ交付), nothing else.

use std::fmt;

use crate::{MunicipalityCode, OrganisationId, PersonId, Role, StaffId, StaffMember, TerminalId};

/// Who is acting: every request and command is made by exactly one principal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// Nobody authenticated: the public verification page, CA certificates, CRLs, OCSP.
    Anonymous,
    /// 情報照会者等: an agency using numbers for its own procedures (milestone 10).
    Agency(OrganisationId),
    /// A kiosk terminal of a convenience-store chain (コンビニ交付, milestone 9).
    Kiosk(TerminalId),
    /// The local operator at the command line: a named staff member created at setup, whose
    /// credential file lives in the data directory.
    Operator(StaffMember),
    /// A relying party holding the access token of one log-in with the card: it may read the
    /// items the resident consented to at that log-in (userinfo), and nothing else, so that a
    /// token handed to a relying party's front end is no organisation token.
    LoginGrant(OrganisationId),
    /// A relying party (署名検証者, 利用者証明検証者, or an employer collecting numbers; milestone
    /// 8).
    RelyingParty(OrganisationId),
    /// A resident authenticated with the user-authentication certificate of their card.
    Resident(PersonId),
    /// 職員: a staff member authenticated by a token.
    Staff(StaffMember),
    /// The server itself, running its schedule (card expiry, checkpoints).
    System,
}

/// What a staff member's role may carry ([`Role::allows`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Permission {
    /// Add, list and disable staff and their tokens; name municipalities; the audited
    /// exceptions.
    ManageStaff,
    /// Read the ledger and verify its chain.
    ReadLedger,
    /// Read an Individual Number (with a lawful purpose, or at the person's own request).
    ReadNumber,
    /// Read resident records, cards and certificates, and search them.
    ReadRecords,
    /// Suspend a card (一時停止), at any hour.
    SuspendCards,
    /// Register residents, record procedures, and carry out the counter's other work.
    WriteRecords,
}

/// Something a principal asks to do. Each names the permission it needs and how far its scope
/// reaches ([`Action::permission`], [`Action::reach`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Action {
    /// Add a staff member.
    AddStaff,
    /// Rewrite a card's chip to the record and add a line to its 追記欄 (after a move, the
    /// continuation; after a name change).
    AmendCard,
    /// Apply for a card (交付申請).
    ApplyCard,
    /// Issue or renew a card's certificates at the counter, their keys made in the chip.
    CertifyCard,
    /// Approve or reject a number change (the second person of four eyes).
    DecideNumberChange,
    /// Destroy returned letters held past their retention.
    DestroyNotices,
    /// Disable or enable a staff member.
    DisableStaff,
    /// End a card: lost (abolished) or returned.
    EndCard,
    /// End the cards past their expiry, with their certificates.
    ExpireCards,
    /// Export records (without numbers).
    ExportRecords,
    /// Extend a foreign resident's card.
    ExtendCard,
    /// Hand a produced card over at the counter.
    HandOverCard,
    /// Record that an organisation collected a person's Individual Number for a purpose it
    /// registered, after the identity check (本人確認, 番号法第16条): the organisation's own act.
    CollectNumber,
    /// Let a relying party know who one is (OpenID Connect log-in with the card): the
    /// resident's own act, after the card's signature, with consent to the items asked for.
    LogIn,
    /// Find a caller's card from what they state about themselves, on the lost-card line
    /// (name, date of birth, address): the answer is only whether one record matches, and the
    /// state of its card.
    IdentifyCaller,
    /// Import records from a file (the previous system's register).
    ImportRecords,
    /// Certify a public key outside card production: an administrator's audited exception.
    IssueCertificateException,
    /// Issue a copy of the resident record or a certificate of recorded matters.
    IssueResidentRecord,
    /// Issue a token to a staff member.
    IssueToken,
    /// List staff and their tokens (never a token itself).
    ListStaff,
    /// Find whose an Individual Number is.
    LookupNumber,
    /// Revoke, suspend, resume certificates other than through a card's life.
    ManageCertificates,
    /// An organisation's own collections: the end of an affair, the deletions due and done.
    ManageCollections,
    /// Register organisations, their purposes and keys; suspend, resume and revoke them.
    ManageOrganisations,
    /// Set the name a municipality prints.
    NameMunicipality,
    /// Set a municipality's rule table for kiosks (コンビニ交付: documents, fees, hours).
    SetKioskRules,
    /// Print a card notice: the pick-up notice or the expiry notices.
    PrintCardNotices,
    /// Print notification letters and record their delivery.
    PrintNotices,
    /// Print an Individual Number on a document (reading it).
    PrintNumber,
    /// Produce a card.
    ProduceCard,
    /// Read the newest signed checkpoint: it holds every partition's head.
    ReadCheckpoint,
    /// Read the ledger's entries and verify its chains.
    ReadLedger,
    /// Read notification letters and their status.
    ReadNotices,
    /// Read an Individual Number (for a lawful purpose).
    ReadNumber,
    /// Read the items a resident consented to release at a log-in (userinfo): the relying
    /// party's act, only for its own log-ins.
    ReadConsentedItems,
    /// Collect the signature a resident made for a relying party at a log-in (the
    /// sign-transaction's result): the relying party's act, only for its own log-ins.
    ReadSignature,
    /// Ask residents to sign a document (start a sign-transaction): the act of an
    /// organisation registered as 署名検証者 (公的個人認証法第17条).
    RequestSignature,
    /// Read the organisations registered, their purposes and the collections they recorded.
    ReadOrganisations,
    /// Read a resident record (with its history), cards or certificates.
    ReadRecord,
    /// The public part: verify a document or certificate, read CA certificates, CRLs, OCSP
    /// and public keys.
    ReadPublic,
    /// Record a procedure on a record (転居, 転入, 転出, name change, …).
    RecordProcedure,
    /// Register a resident.
    RegisterResident,
    /// Register a resident's seal (印鑑登録), or change it (改印), at the counter with identity
    /// checked.
    RegisterSeal,
    /// End a seal's registration at the counter: abolished (廃止) or lost (亡失).
    EndSeal,
    /// Remove ex officio the records whose period of stay ended (職権消除), the server's run.
    RemoveLapsedStays,
    /// Request a number change (the first person of four eyes).
    RequestNumberChange,
    /// Reset a card's PIN at the counter.
    ResetCardPin,
    /// Run a kiosk session (コンビニ交付): take the card's answer to its challenge, and what
    /// follows. The act of a registered kiosk terminal in service, on its own sessions only.
    RunKioskSession,
    /// Resume a suspended card, in person.
    ResumeCard,
    /// Revoke a staff member's token.
    RevokeToken,
    /// Rotate one's own token, list one's own tokens.
    OwnCredentials,
    /// Search records by name and date of birth.
    SearchRecords,
    /// Sign a document a relying party handed over, with the card's signature key after the
    /// signature password: the resident's own act, at a log-in.
    SignDocument,
    /// Sign a checkpoint of every partition's head.
    SignCheckpoint,
    /// Suspend a card (一時停止), at any hour.
    SuspendCard,
    /// End the browser sessions left idle or past their length whose cookie never came back,
    /// each recorded as it ends.
    SweepSessions,
    /// Verify a signature made with a card's signature certificate: the certificate's status
    /// at signing time and now, and the four items it carries. The act of an organisation
    /// registered as 署名検証者 (公的個人認証法第17条).
    VerifySignature,
    /// 最新基本4情報提供: the latest four items of the holder of a signature certificate, for
    /// a 署名検証者 the holder consented to (outside-world §2.2). The organisation's act.
    ReadLatestFour,
    /// 符号の取得 (番号法第21条の2): obtain the agency-specific codes of persons for one of the
    /// agency's own units, through the register with a throwaway 取得番号. An agency's act.
    ObtainAgencyCodes,
    /// 副本登録: register or replace the copies of data items an agency's unit provides, on its
    /// intermediate server. An agency's act, on its own units.
    ManageCopies,
    /// 情報照会: ask another agency for a data item through the exchange network, as the
    /// permission table allows. An agency's act, from its own units.
    RequestExchange,
    /// Read the records of exchanges (情報提供等の記録, 番号法第23条): an agency its own units',
    /// an auditor of national scope every one.
    ReadExchangeRecords,
    /// The resident's own histories in the portal (マイナポータル): who read their record and
    /// number (from the ledger), the exchanges about them (the network's 第23条 records), and a
    /// signed receipt of the former. Only the resident, about themselves.
    ReadOwnHistory,
    /// The resident's own choices in the portal: the language of their letters, and the
    /// consents they gave (to the latest four items, to apps reading their information),
    /// withdrawn. Only the resident, about themselves.
    ManageOwnChoices,
    /// 自己情報取得API: an app reads a data set of the resident's that they granted it, with
    /// the access token of their log-in or its refresh. Only such a token, for its own app.
    ReadSelfInformation,
    /// お知らせ: send a notice to a person an agency's unit knows by its code, to their portal.
    /// An agency's act, from its own units.
    SendNotice,
}

crate::codes!(Action {
    AddStaff => "add-staff",
    AmendCard => "amend-card",
    ApplyCard => "apply-card",
    CertifyCard => "certify-card",
    CollectNumber => "collect-number",
    DecideNumberChange => "decide-number-change",
    DestroyNotices => "destroy-notices",
    DisableStaff => "disable-staff",
    EndCard => "end-card",
    ExpireCards => "expire-cards",
    ExportRecords => "export-records",
    ExtendCard => "extend-card",
    HandOverCard => "hand-over-card",
    IdentifyCaller => "identify-caller",
    ImportRecords => "import-records",
    IssueCertificateException => "issue-certificate-exception",
    IssueResidentRecord => "issue-resident-record",
    IssueToken => "issue-token",
    ListStaff => "list-staff",
    LogIn => "log-in",
    LookupNumber => "lookup-number",
    ManageCertificates => "manage-certificates",
    ManageCollections => "manage-collections",
    ManageOrganisations => "manage-organisations",
    NameMunicipality => "name-municipality",
    SetKioskRules => "set-kiosk-rules",
    OwnCredentials => "own-credentials",
    PrintCardNotices => "print-card-notices",
    PrintNotices => "print-notices",
    PrintNumber => "print-number",
    ProduceCard => "produce-card",
    ReadCheckpoint => "read-checkpoint",
    ReadLedger => "read-ledger",
    ReadNotices => "read-notices",
    ReadNumber => "read-number",
    ReadConsentedItems => "read-consented-items",
    ReadSignature => "read-signature",
    RequestSignature => "request-signature",
    ReadOrganisations => "read-organisations",
    ReadPublic => "read-public",
    ReadRecord => "read-record",
    RecordProcedure => "record-procedure",
    RegisterResident => "register-resident",
    RegisterSeal => "register-seal",
    EndSeal => "end-seal",
    RemoveLapsedStays => "remove-lapsed-stays",
    RequestNumberChange => "request-number-change",
    ResetCardPin => "reset-card-pin",
    RunKioskSession => "run-kiosk-session",
    ResumeCard => "resume-card",
    RevokeToken => "revoke-token",
    SearchRecords => "search-records",
    SignDocument => "sign-document",
    SignCheckpoint => "sign-checkpoint",
    SuspendCard => "suspend-card",
    SweepSessions => "sweep-sessions",
    VerifySignature => "verify-signature",
    ReadLatestFour => "read-latest-four",
    ObtainAgencyCodes => "obtain-agency-codes",
    ManageCopies => "manage-copies",
    RequestExchange => "request-exchange",
    ReadExchangeRecords => "read-exchange-records",
    ReadOwnHistory => "read-own-history",
    ManageOwnChoices => "manage-own-choices",
    ReadSelfInformation => "read-self-information",
    SendNotice => "send-notice",
});

/// How far an action's scope reaches, for staff bound to a municipality.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reach {
    /// Anyone, authenticated or not.
    Public,
    /// Any authenticated staff member, about themselves.
    Own,
    /// Within the staff member's municipality (national staff: everywhere).
    Municipal,
    /// Only staff of national scope: the action spans municipalities.
    National,
}

/// What an action is done to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// Nothing in particular: public data, or the whole system.
    Everything,
    /// A ledger partition: a municipality's, or one of no municipality (`national`, the
    /// authorities').
    Partition(Option<MunicipalityCode>),
    /// One municipality: its register as a whole, its print runs, its name.
    Municipality(MunicipalityCode),
    /// A resident's record, and what hangs on it (cards, certificates, documents, numbers).
    Record(RecordScope),
    /// A record asked for that does not exist. Decided as a record held elsewhere, so that a
    /// principal of one municipality cannot tell a missing record from another municipality's,
    /// by the answer or by the ledger entry the refusal leaves.
    Missing,
    /// An organisation's purpose, for an act of the organisation (collecting a number).
    Purpose {
        /// Whose registration.
        organisation: OrganisationId,
        /// Whether that organisation registered the purpose and may collect numbers: its roles
        /// and its purposes, as the app read them (`organisation` rules).
        registered: bool,
    },
    /// An organisation, for what it does with what it collected.
    Organisation(OrganisationId),
    /// Signatures made with the cards, for an organisation that asks for them or verifies
    /// them.
    Signatures {
        /// Which organisation.
        organisation: OrganisationId,
        /// Whether it is registered as 署名検証者 (its roles, as the app read them).
        verifier: bool,
    },
    /// A log-in with the card: the resident who logs in, and the relying party they let know.
    Login {
        /// The resident.
        person: PersonId,
        /// The relying party.
        organisation: OrganisationId,
    },
    /// An exchange one agency asks of another through the network.
    Exchange {
        /// The agency that asks (the owner of the requesting unit).
        organisation: OrganisationId,
        /// Whether the permission table has the row (procedure, requester's kind, provider's
        /// kind, item), as the app read it (`exchange::PermissionTable::permits`).
        permitted: bool,
    },
    /// The 第23条 records of an agency's unit.
    ExchangeRecords {
        /// The agency the unit belongs to.
        organisation: OrganisationId,
        /// Whether the network's own records are asked for: they name the person by the
        /// network's id, which would link one agency's view of a person to another's, so no
        /// agency reads them.
        network: bool,
    },
    /// One of a resident's data sets an app asks for through the 自己情報取得API.
    Grant {
        /// Whose.
        person: PersonId,
        /// The app (a relying party) the access token was issued to.
        organisation: OrganisationId,
        /// Whether the resident's grant to that app is in force and names the data set, as
        /// the app read it.
        granted: bool,
    },
    /// A kiosk terminal, for what it does in its sessions.
    Terminal(TerminalId),
    /// A staff member, or one about to be created.
    Staff {
        /// Who (`None`: not created yet).
        id: Option<StaffId>,
        /// The municipality they act for (`None`: national).
        municipality: Option<MunicipalityCode>,
    },
}

/// Whose record, and which municipalities hold a part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordScope {
    /// The person.
    pub person: PersonId,
    /// The municipality whose register holds the current record.
    pub current: MunicipalityCode,
    /// Every municipality that recorded a version of it, in any order (the current one
    /// included).
    pub recorded_by: Vec<MunicipalityCode>,
}

/// How much of the subject an allowed action may see.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Extent {
    /// All of it.
    Whole,
    /// Only the versions this municipality recorded: a former municipality's 除票.
    RecordedBy(MunicipalityCode),
}

/// Why an action was denied. Messages name no person and no number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// The role does not carry the permission.
    Role {
        /// The role.
        role: Role,
        /// The action asked for.
        action: Action,
    },
    /// The subject lies outside the principal's municipality. Where the subject is a record,
    /// the answer is exactly the one a missing record gets, so that nobody learns what another
    /// municipality holds.
    OutOfScope {
        /// The principal's municipality.
        municipality: MunicipalityCode,
    },
    /// Only staff of national scope may do this.
    NationalOnly {
        /// The action asked for.
        action: Action,
    },
    /// The organisation did not register this purpose, or may not collect numbers at all
    /// (番号法第19条, 第20条: collecting outside the law is prohibited).
    Unregistered {
        /// The action asked for.
        action: Action,
    },
    /// The exchange network's permission table has no such row: no agency may ask another
    /// for that item for that procedure (番号法第19条第8号).
    NotPermitted {
        /// The action asked for.
        action: Action,
    },
    /// The resident did not grant the app this data set, or withdrew the grant, or it ran out
    /// (自己情報取得API).
    NotGranted {
        /// The action asked for.
        action: Action,
    },
    /// This principal may not do this at all.
    Principal {
        /// Which kind of principal.
        kind: &'static str,
        /// The action asked for.
        action: Action,
    },
}

/// The decision: allowed (with how much), or denied (with why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow(Extent),
    /// Refused.
    Deny(Denied),
}

impl Action {
    /// The permission a staff member's role must carry (`None`: public, or about oneself).
    pub fn permission(self) -> Option<Permission> {
        use Action as A;
        use Permission as P;
        Some(match self {
            // An organisation's own act: no staff role carries it (`permits`).
            A::ReadPublic
            | A::OwnCredentials
            | A::CollectNumber
            | A::ManageCollections
            | A::LogIn
            | A::ReadConsentedItems
            | A::ReadSignature
            | A::RequestSignature
            | A::SignDocument
            | A::VerifySignature
            | A::ReadLatestFour
            | A::ObtainAgencyCodes
            | A::ManageCopies
            | A::RequestExchange
            | A::ReadOwnHistory
            | A::ManageOwnChoices
            | A::ReadSelfInformation
            | A::SendNotice
            | A::RunKioskSession => {
                return None;
            }
            A::AddStaff
            | A::DisableStaff
            | A::IssueToken
            | A::ListStaff
            | A::RevokeToken
            | A::NameMunicipality
            | A::SetKioskRules
            | A::ManageOrganisations
            | A::SweepSessions
            | A::IssueCertificateException => P::ManageStaff,
            A::ReadCheckpoint
            | A::ReadLedger
            | A::ReadOrganisations
            | A::ReadExchangeRecords
            | A::SignCheckpoint => P::ReadLedger,
            A::LookupNumber | A::PrintNumber | A::ReadNumber => P::ReadNumber,
            A::ExportRecords | A::ReadNotices | A::ReadRecord | A::SearchRecords => P::ReadRecords,
            // Finding the card to suspend is part of suspending it: the call center's
            // operators have no other way to it, and see nothing else of the record.
            A::IdentifyCaller | A::SuspendCard => P::SuspendCards,
            A::AmendCard
            | A::ApplyCard
            | A::CertifyCard
            | A::DecideNumberChange
            | A::DestroyNotices
            | A::EndCard
            | A::ExpireCards
            | A::ExtendCard
            | A::HandOverCard
            | A::ImportRecords
            | A::IssueResidentRecord
            | A::ManageCertificates
            | A::PrintCardNotices
            | A::PrintNotices
            | A::ProduceCard
            | A::RecordProcedure
            | A::RegisterResident
            | A::RegisterSeal
            | A::EndSeal
            | A::RemoveLapsedStays
            | A::RequestNumberChange
            | A::ResetCardPin
            | A::ResumeCard => P::WriteRecords,
        })
    }

    /// How far the action reaches for staff bound to a municipality.
    pub fn reach(self) -> Reach {
        match self {
            Self::ReadPublic => Reach::Public,
            Self::OwnCredentials => Reach::Own,
            // Each spans every municipality: the expiry run ends cards everywhere, a checkpoint
            // signs every partition's head.
            Self::ExpireCards
            | Self::SweepSessions
            | Self::RemoveLapsedStays
            | Self::IssueCertificateException
            | Self::ReadCheckpoint
            | Self::SignCheckpoint
            // Organisations are registered nationally, not by a municipality.
            | Self::ManageOrganisations
            | Self::ReadOrganisations
            // The exchange network is national: its records span every agency.
            | Self::ReadExchangeRecords => Reach::National,
            _ => Reach::Municipal,
        }
    }
}

impl Principal {
    /// The name the ledger records as the actor: a staff member's id, `system`, or the kind
    /// and id of another principal.
    pub fn ledger_name(&self) -> String {
        match self {
            Self::Anonymous => "anonymous".to_owned(),
            Self::Agency(id) => format!("agency:{}", id.to_hex()),
            Self::Kiosk(id) => format!("kiosk:{}", id.to_hex()),
            Self::Operator(s) | Self::Staff(s) => s.id.to_hex(),
            Self::RelyingParty(id) | Self::LoginGrant(id) => {
                format!("relying-party:{}", id.to_hex())
            }
            Self::Resident(p) => format!("resident:{}", p.to_hex()),
            Self::System => "system".to_owned(),
        }
    }

    /// The staff member behind a staff or operator principal.
    pub fn staff(&self) -> Option<&StaffMember> {
        match self {
            Self::Operator(s) | Self::Staff(s) => Some(s),
            _ => None,
        }
    }

    /// The municipality the principal is bound to (`None`: national, or none at all).
    pub fn municipality(&self) -> Option<MunicipalityCode> {
        self.staff().and_then(|s| s.municipality)
    }

    /// The ledger partition the principal's own actions (and denials) go to when no record
    /// decides it: their municipality's, or `national`.
    pub fn partition(&self) -> String {
        self.municipality()
            .map(|m| m.as_str().to_owned())
            .unwrap_or_else(|| crate::ledger::NATIONAL_PARTITION.to_owned())
    }

    /// The kind, for messages and the ledger.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::Agency(_) => "agency",
            Self::Kiosk(_) => "kiosk",
            Self::Operator(_) => "operator",
            Self::LoginGrant(_) => "login-grant",
            Self::RelyingParty(_) => "relying-party",
            Self::Resident(_) => "resident",
            Self::Staff(_) => "staff",
            Self::System => "system",
        }
    }
}

/// Whether `principal` may do `action` at all, before anything is loaded: the role's
/// permission, or the kind of principal. Checking this first means a refused principal learns
/// nothing from whether the subject exists.
pub fn permits(principal: &Principal, action: Action) -> Result<(), Denied> {
    if action.reach() == Reach::Public {
        return Ok(());
    }
    let refuse = || Denied::Principal {
        kind: principal.kind(),
        action,
    };
    match principal {
        Principal::Staff(_) | Principal::Operator(_)
            if matches!(
                action,
                Action::CollectNumber
                    | Action::ManageCollections
                    | Action::LogIn
                    | Action::ReadConsentedItems
                    | Action::ReadSignature
                    | Action::RequestSignature
                    | Action::SignDocument
                    | Action::VerifySignature
                    | Action::ReadLatestFour
                    | Action::ObtainAgencyCodes
                    | Action::ManageCopies
                    | Action::RequestExchange
                    | Action::ReadOwnHistory
                    | Action::ManageOwnChoices
                    | Action::ReadSelfInformation
                    | Action::SendNotice
                    | Action::RunKioskSession
            ) =>
        {
            Err(refuse())
        }
        Principal::Staff(s) | Principal::Operator(s) => match action.permission() {
            Some(p) if !s.role.allows(p) => Err(Denied::Role {
                role: s.role,
                action,
            }),
            _ if action.reach() == Reach::National && s.municipality.is_some() => {
                Err(Denied::NationalOnly { action })
            }
            _ => Ok(()),
        },
        Principal::System => match action {
            Action::DestroyNotices
            | Action::ExpireCards
            | Action::RemoveLapsedStays
            | Action::SignCheckpoint
            | Action::SweepSessions => Ok(()),
            _ => Err(refuse()),
        },
        Principal::Resident(_) => match action {
            // A resident suspends their own card at any hour, from the portal (a lost card).
            Action::ReadRecord
            | Action::ReadOwnHistory
            | Action::ManageOwnChoices
            | Action::SuspendCard
            | Action::LogIn
            | Action::SignDocument => Ok(()),
            _ => Err(refuse()),
        },
        // Only an agency (`number-using`) takes part in the exchange network.
        Principal::Agency(_)
            if matches!(
                action,
                Action::ObtainAgencyCodes
                    | Action::ManageCopies
                    | Action::RequestExchange
                    | Action::ReadExchangeRecords
                    | Action::SendNotice
            ) =>
        {
            Ok(())
        }
        Principal::Agency(_) | Principal::RelyingParty(_) => match action {
            Action::CollectNumber
            | Action::ManageCollections
            | Action::RequestSignature
            | Action::VerifySignature
            | Action::ReadLatestFour => Ok(()),
            _ => Err(refuse()),
        },
        Principal::LoginGrant(_) => match action {
            Action::ReadConsentedItems | Action::ReadSignature | Action::ReadSelfInformation => {
                Ok(())
            }
            _ => Err(refuse()),
        },
        Principal::Kiosk(_) => match action {
            Action::RunKioskSession => Ok(()),
            _ => Err(refuse()),
        },
        Principal::Anonymous => Err(refuse()),
    }
}

/// The decision on `principal` doing `action` to `subject`.
pub fn decide(principal: &Principal, action: Action, subject: &Subject) -> Decision {
    if let Err(d) = permits(principal, action) {
        return Decision::Deny(d);
    }
    if action.reach() == Reach::Public {
        return Decision::Allow(Extent::Whole);
    }
    match principal {
        Principal::Staff(s) | Principal::Operator(s) => within(s, action, subject),
        Principal::System => Decision::Allow(Extent::Whole),
        Principal::Resident(me) => match subject {
            Subject::Record(r)
                if r.person == *me
                    && matches!(
                        action,
                        Action::ReadRecord
                            | Action::ReadOwnHistory
                            | Action::ManageOwnChoices
                            | Action::SuspendCard
                    ) =>
            {
                Decision::Allow(Extent::Whole)
            }
            Subject::Login { person, .. }
                if person == me && matches!(action, Action::LogIn | Action::SignDocument) =>
            {
                Decision::Allow(Extent::Whole)
            }
            _ => Decision::Deny(Denied::Principal {
                kind: principal.kind(),
                action,
            }),
        },
        // An organisation acts only for itself, and only for a purpose it registered.
        Principal::Agency(me) | Principal::RelyingParty(me) => match subject {
            Subject::Purpose {
                organisation,
                registered: true,
            } if organisation == me && action == Action::CollectNumber => {
                Decision::Allow(Extent::Whole)
            }
            Subject::Purpose { organisation, .. }
                if organisation == me && action == Action::CollectNumber =>
            {
                Decision::Deny(Denied::Unregistered { action })
            }
            Subject::Organisation(organisation)
                if organisation == me
                    && matches!(
                        action,
                        Action::ManageCollections
                            | Action::ObtainAgencyCodes
                            | Action::ManageCopies
                            | Action::SendNotice
                    ) =>
            {
                Decision::Allow(Extent::Whole)
            }
            // An agency reads its own units' records as requester and provider keep them.
            Subject::ExchangeRecords {
                organisation,
                network: false,
            } if organisation == me && action == Action::ReadExchangeRecords => {
                Decision::Allow(Extent::Whole)
            }
            // An agency asks only from its own units, and only what the table allows.
            Subject::Exchange {
                organisation,
                permitted,
            } if organisation == me && action == Action::RequestExchange => {
                if *permitted {
                    Decision::Allow(Extent::Whole)
                } else {
                    Decision::Deny(Denied::NotPermitted { action })
                }
            }
            // Only a 署名検証者 asks residents to sign, checks their signatures, or asks for
            // the latest four items of a certificate's holder.
            Subject::Signatures {
                organisation,
                verifier,
            } if organisation == me
                && matches!(
                    action,
                    Action::RequestSignature | Action::VerifySignature | Action::ReadLatestFour
                ) =>
            {
                if *verifier {
                    Decision::Allow(Extent::Whole)
                } else {
                    Decision::Deny(Denied::Unregistered { action })
                }
            }
            _ => Decision::Deny(Denied::Principal {
                kind: principal.kind(),
                action,
            }),
        },
        // A log-in's token reads that relying party's log-ins, nothing more.
        Principal::LoginGrant(me) => match subject {
            Subject::Login { organisation, .. }
                if organisation == me
                    && matches!(action, Action::ReadConsentedItems | Action::ReadSignature) =>
            {
                Decision::Allow(Extent::Whole)
            }
            // An app reads only what the resident granted it, item by item, while it stands.
            Subject::Grant {
                organisation,
                granted,
                ..
            } if organisation == me && action == Action::ReadSelfInformation => {
                if *granted {
                    Decision::Allow(Extent::Whole)
                } else {
                    Decision::Deny(Denied::NotGranted { action })
                }
            }
            _ => Decision::Deny(Denied::Principal {
                kind: principal.kind(),
                action,
            }),
        },
        // A terminal acts on its own sessions only.
        Principal::Kiosk(me) => match subject {
            Subject::Terminal(terminal) if terminal == me && action == Action::RunKioskSession => {
                Decision::Allow(Extent::Whole)
            }
            _ => Decision::Deny(Denied::Principal {
                kind: principal.kind(),
                action,
            }),
        },
        Principal::Anonymous => Decision::Deny(Denied::Principal {
            kind: principal.kind(),
            action,
        }),
    }
}

/// A staff member's scope: their municipality, or everywhere for national staff.
fn within(staff: &StaffMember, action: Action, subject: &Subject) -> Decision {
    if action.reach() == Reach::Own {
        return match subject {
            Subject::Staff { id, .. } if *id == Some(staff.id) => Decision::Allow(Extent::Whole),
            _ => Decision::Deny(Denied::Principal {
                kind: "staff",
                action,
            }),
        };
    }
    let Some(own) = staff.municipality else {
        return Decision::Allow(Extent::Whole);
    };
    let out = Decision::Deny(Denied::OutOfScope { municipality: own });
    match (action.reach(), subject) {
        (Reach::Public, _) => Decision::Allow(Extent::Whole),
        (Reach::Own, _) => out,
        (Reach::National, _) => Decision::Deny(Denied::NationalOnly { action }),
        (Reach::Municipal, Subject::Everything) => Decision::Deny(Denied::NationalOnly { action }),
        (Reach::Municipal, Subject::Municipality(m)) if *m == own => Decision::Allow(Extent::Whole),
        (Reach::Municipal, Subject::Partition(Some(m))) if *m == own => {
            Decision::Allow(Extent::Whole)
        }
        (Reach::Municipal, Subject::Staff { municipality, .. }) if *municipality == Some(own) => {
            Decision::Allow(Extent::Whole)
        }
        (Reach::Municipal, Subject::Record(r)) if r.current == own => {
            Decision::Allow(Extent::Whole)
        }
        // A former municipality reads its own 除票 and nothing after it.
        (Reach::Municipal, Subject::Record(r))
            if action == Action::ReadRecord && r.recorded_by.contains(&own) =>
        {
            Decision::Allow(Extent::RecordedBy(own))
        }
        (Reach::Municipal, _) => out,
    }
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Role { role, action } => {
                write!(f, "the {} role may not {}", role.code(), action.code())
            }
            Self::OutOfScope { municipality } => write!(
                f,
                "staff of municipality {municipality} act only within their municipality"
            ),
            Self::NationalOnly { action } => write!(
                f,
                "only staff of national scope may {}: it spans municipalities",
                action.code()
            ),
            Self::Unregistered { action } => write!(
                f,
                "the organisation may not {} for a purpose it did not register",
                action.code()
            ),
            Self::NotPermitted { action } => write!(
                f,
                "the exchange network's permission table does not allow this {}",
                action.code()
            ),
            Self::NotGranted { action } => write!(
                f,
                "the resident has not granted this app this item to {}",
                action.code()
            ),
            Self::Principal { kind, action } => {
                write!(f, "a principal of kind {kind} may not {}", action.code())
            }
        }
    }
}

impl Denied {
    /// The stable code the ledger and the API use.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Role { .. } => "role",
            Self::OutOfScope { .. } => "out-of-scope",
            Self::NationalOnly { .. } => "national-only",
            Self::Unregistered { .. } => "unregistered",
            Self::NotPermitted { .. } => "not-permitted",
            Self::NotGranted { .. } => "not-granted",
            Self::Principal { .. } => "principal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StaffId;

    fn staff(role: Role, m: Option<&str>) -> Principal {
        Principal::Staff(StaffMember {
            id: StaffId::from_random([1; 16]),
            name: "t".into(),
            role,
            municipality: m.map(|m| MunicipalityCode::parse(m).unwrap()),
            credential: None,
        })
    }

    fn code(m: &str) -> MunicipalityCode {
        MunicipalityCode::parse(m).unwrap()
    }

    fn record(current: &str, recorded_by: &[&str]) -> Subject {
        Subject::Record(RecordScope {
            person: PersonId::from_random([9; 16]),
            current: code(current),
            recorded_by: recorded_by.iter().map(|m| code(m)).collect(),
        })
    }

    fn org(n: u8) -> OrganisationId {
        OrganisationId::from_random([n; 16])
    }

    fn person(n: u8) -> PersonId {
        PersonId::from_random([n; 16])
    }

    fn purpose(n: u8, registered: bool) -> Subject {
        Subject::Purpose {
            organisation: org(n),
            registered,
        }
    }

    /// An organisation collects a number only for itself, for a purpose it registered; nothing
    /// else is open to it, and no staff member collects on its behalf.
    #[test]
    fn an_organisation_collects_only_for_its_registered_purposes() {
        let employer = Principal::RelyingParty(org(1));
        assert_eq!(
            decide(&employer, Action::CollectNumber, &purpose(1, true)),
            Decision::Allow(Extent::Whole)
        );
        let Decision::Deny(d) = decide(&employer, Action::CollectNumber, &purpose(1, false)) else {
            panic!("collected for an unregistered purpose")
        };
        assert_eq!(d.code(), "unregistered");
        assert_eq!(
            d.to_string(),
            "the organisation may not collect-number for a purpose it did not register"
        );
        for (action, subject) in [
            (Action::CollectNumber, purpose(2, true)),
            (Action::ReadNumber, record("131041", &["131041"])),
            (Action::LookupNumber, Subject::Everything),
            (Action::ReadOrganisations, Subject::Everything),
        ] {
            assert!(
                matches!(
                    decide(&employer, action, &subject),
                    Decision::Deny(Denied::Principal { .. })
                ),
                "{action:?}"
            );
        }
        // Its own collections, not another's.
        assert_eq!(
            decide(
                &employer,
                Action::ManageCollections,
                &Subject::Organisation(org(1))
            ),
            Decision::Allow(Extent::Whole)
        );
        assert!(matches!(
            decide(
                &employer,
                Action::ManageCollections,
                &Subject::Organisation(org(2))
            ),
            Decision::Deny(Denied::Principal { .. })
        ));
        let admin = staff(Role::Administrator, None);
        for action in [Action::CollectNumber, Action::ManageCollections] {
            assert!(matches!(
                decide(&admin, action, &purpose(1, true)),
                Decision::Deny(Denied::Principal { kind: "staff", .. })
            ));
        }
    }

    /// Every action against every role, own and other municipality and national: the whole
    /// table as one snapshot, so that a change to any rule shows up in review.
    #[test]
    fn the_whole_table() {
        let principals = [
            ("admin/national", staff(Role::Administrator, None)),
            ("admin/131041", staff(Role::Administrator, Some("131041"))),
            ("clerk/131041", staff(Role::RegistryClerk, Some("131041"))),
            ("auditor/131041", staff(Role::Auditor, Some("131041"))),
            ("auditor/national", staff(Role::Auditor, None)),
            (
                "call-center/national",
                staff(Role::CallCenterOperator, None),
            ),
            ("system", Principal::System),
            ("anonymous", Principal::Anonymous),
            ("employer", Principal::RelyingParty(org(1))),
            ("agency", Principal::Agency(org(1))),
            ("resident", Principal::Resident(person(9))),
            ("login-grant", Principal::LoginGrant(org(1))),
            ("kiosk", Principal::Kiosk(TerminalId::from_random([1; 16]))),
        ];
        let subjects = [
            ("own", record("131041", &["131041"])),
            ("other", record("271004", &["271004"])),
            ("former", record("271004", &["131041", "271004"])),
            ("everything", Subject::Everything),
            (
                "own terminal",
                Subject::Terminal(TerminalId::from_random([1; 16])),
            ),
            (
                "another terminal",
                Subject::Terminal(TerminalId::from_random([2; 16])),
            ),
            ("own purpose", purpose(1, true)),
            ("unregistered", purpose(1, false)),
            ("another's purpose", purpose(2, true)),
            ("own organisation", Subject::Organisation(org(1))),
            ("another organisation", Subject::Organisation(org(2))),
            (
                "own log-in",
                Subject::Login {
                    person: person(9),
                    organisation: org(1),
                },
            ),
            (
                "another's log-in",
                Subject::Login {
                    person: person(2),
                    organisation: org(2),
                },
            ),
            (
                "own signatures",
                Subject::Signatures {
                    organisation: org(1),
                    verifier: true,
                },
            ),
            (
                "own signatures, no verifier",
                Subject::Signatures {
                    organisation: org(1),
                    verifier: false,
                },
            ),
            (
                "another's signatures",
                Subject::Signatures {
                    organisation: org(2),
                    verifier: true,
                },
            ),
            (
                "own unit's records",
                Subject::ExchangeRecords {
                    organisation: org(1),
                    network: false,
                },
            ),
            (
                "own unit's records as the network keeps them",
                Subject::ExchangeRecords {
                    organisation: org(1),
                    network: true,
                },
            ),
            (
                "own app's grant",
                Subject::Grant {
                    person: person(9),
                    organisation: org(1),
                    granted: true,
                },
            ),
            (
                "own app, the item not granted",
                Subject::Grant {
                    person: person(9),
                    organisation: org(1),
                    granted: false,
                },
            ),
            (
                "another app's grant",
                Subject::Grant {
                    person: person(9),
                    organisation: org(2),
                    granted: true,
                },
            ),
            (
                "own exchange in the table",
                Subject::Exchange {
                    organisation: org(1),
                    permitted: true,
                },
            ),
            (
                "own exchange outside the table",
                Subject::Exchange {
                    organisation: org(1),
                    permitted: false,
                },
            ),
            (
                "another's exchange",
                Subject::Exchange {
                    organisation: org(2),
                    permitted: true,
                },
            ),
        ];
        let mut out = String::new();
        for action in Action::ALL {
            out.push_str(action.code());
            out.push(':');
            for (name, p) in &principals {
                let cells: Vec<&str> = subjects
                    .iter()
                    .map(|(_, s)| match decide(p, action, s) {
                        Decision::Allow(Extent::Whole) => "Y",
                        Decision::Allow(Extent::RecordedBy(_)) => "R",
                        Decision::Deny(_) => ".",
                    })
                    .collect();
                out.push_str(&format!(" {name}={}", cells.concat()));
            }
            out.push('\n');
        }
        expect_test::expect_file!["policy_table.txt"].assert_eq(&out);
    }

    #[test]
    fn a_former_municipality_reads_only_its_own_part() {
        let clerk = staff(Role::RegistryClerk, Some("131041"));
        let former = record("271004", &["131041", "271004"]);
        assert_eq!(
            decide(&clerk, Action::ReadRecord, &former),
            Decision::Allow(Extent::RecordedBy(code("131041")))
        );
        // Nothing else: not the number, not a procedure, not the cards.
        for action in [
            Action::ReadNumber,
            Action::RecordProcedure,
            Action::ApplyCard,
        ] {
            assert_eq!(
                decide(&clerk, action, &former),
                Decision::Deny(Denied::OutOfScope {
                    municipality: code("131041")
                })
            );
        }
    }

    #[test]
    fn refusals_name_no_one() {
        let auditor = staff(Role::Auditor, Some("131041"));
        let Decision::Deny(d) = decide(&auditor, Action::PrintNumber, &record("131041", &[]))
        else {
            panic!("an auditor printed a number")
        };
        assert_eq!(d.to_string(), "the auditor role may not print-number");
        let clerk = staff(Role::RegistryClerk, Some("131041"));
        let Decision::Deny(d) = decide(&clerk, Action::ReadRecord, &record("271004", &["271004"]))
        else {
            panic!("a clerk read another municipality's record")
        };
        assert_eq!(
            d.to_string(),
            "staff of municipality 131041 act only within their municipality"
        );
    }

    #[test]
    fn residents_read_only_themselves() {
        let me = PersonId::from_random([9; 16]);
        let p = Principal::Resident(me);
        assert_eq!(
            decide(&p, Action::ReadRecord, &record("131041", &["131041"])),
            Decision::Allow(Extent::Whole)
        );
        let someone = Subject::Record(RecordScope {
            person: PersonId::from_random([8; 16]),
            current: code("131041"),
            recorded_by: vec![],
        });
        assert!(matches!(
            decide(&p, Action::ReadRecord, &someone),
            Decision::Deny(_)
        ));
        assert!(matches!(
            decide(&p, Action::ReadNumber, &record("131041", &[])),
            Decision::Deny(_)
        ));
    }
}
