//! What each command requires: an exhaustive table, so that a command cannot be added without
//! deciding it, checked by the policy as the session opens (before any file is read), and
//! listed by the hidden `mynumber hidden commands` and `mynumber hidden access …` for the test that walks
//! every command (`tests/trust.rs`).

use clap::CommandFactory;
use mynumber_core::Action;

use crate::{
    CardCommand, CertCommand, Cli, Command, DocumentCommand, LedgerCommand, MunicipalityCommand,
    NoticesCommand, ResidentCommand, StaffCommand,
};

/// What a command requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// It touches no register: number tools, a card file as a card, synthetic data, the server.
    Local,
    /// It reads only what anyone may: checking a document or certificate, the CA and its CRL.
    Public,
    /// The policy must let the principal do this action.
    Policy(Action),
}

/// The access a parsed command requires.
pub(crate) fn access(command: &Command) -> Access {
    use Access::{Local, Policy, Public};
    use Action as A;
    match command {
        Command::Serve { .. } | Command::Number { .. } | Command::Hidden(_) => Local,
        Command::Resident(c) => match c {
            ResidentCommand::Import { .. } => Policy(A::ImportRecords),
            ResidentCommand::Export { .. } => Policy(A::ExportRecords),
            ResidentCommand::Sample { .. } => Local,
        },
        Command::Staff(c) => match c {
            StaffCommand::Add { .. } => Policy(A::AddStaff),
            StaffCommand::List => Policy(A::ListStaff),
            StaffCommand::Token { .. } => Policy(A::IssueToken),
            StaffCommand::Disable { .. } | StaffCommand::Enable { .. } => Policy(A::DisableStaff),
            // Anyone's own; the use case asks again about someone else's.
            StaffCommand::Me | StaffCommand::RevokeToken { .. } | StaffCommand::Rotate { .. } => {
                Policy(A::OwnCredentials)
            }
        },
        Command::Ledger(c) => match c {
            LedgerCommand::Verify { .. } => Policy(A::ReadLedger),
            LedgerCommand::Checkpoint { .. } => Policy(A::SignCheckpoint),
        },
        Command::Municipality(MunicipalityCommand::Name { .. }) => Policy(A::NameMunicipality),
        Command::Organisation(c) => {
            use crate::organisation::OrganisationCommand as O;
            match c {
                O::List | O::Show { .. } => Policy(A::ReadOrganisations),
                O::Register { .. }
                | O::Suspend { .. }
                | O::Resume { .. }
                | O::Revoke { .. }
                | O::Purpose { .. }
                | O::WithdrawPurpose { .. }
                | O::Key { .. }
                | O::Client { .. }
                | O::Platform { .. }
                | O::RotateLoginKey => Policy(A::ManageOrganisations),
            }
        }
        Command::Notices(c) => match c {
            NoticesCommand::Print { .. } | NoticesCommand::Outcome { .. } => {
                Policy(A::PrintNotices)
            }
            NoticesCommand::List { .. } => Policy(A::ReadNotices),
            NoticesCommand::DestroyExpired => Policy(A::DestroyNotices),
        },
        Command::Document(c) => match c {
            DocumentCommand::ResidentRecord { .. } => Policy(A::IssueResidentRecord),
            DocumentCommand::Verify { .. } => Public,
        },
        Command::Card(c) => match c {
            CardCommand::Show { .. }
            | CardCommand::Cert { .. }
            | CardCommand::Sign { .. }
            | CardCommand::Login { .. }
            | CardCommand::DemoPhoto { .. }
            | CardCommand::Attach { .. } => Local,
            CardCommand::Apply { .. } => Policy(A::ApplyCard),
            CardCommand::Produce { .. } => Policy(A::ProduceCard),
            CardCommand::HandOver { .. } => Policy(A::HandOverCard),
            CardCommand::Suspend { .. } => Policy(A::SuspendCard),
            CardCommand::Resume { .. } => Policy(A::ResumeCard),
            CardCommand::Certify { .. } => Policy(A::CertifyCard),
            CardCommand::Amend { .. } => Policy(A::AmendCard),
            CardCommand::End { .. } => Policy(A::EndCard),
            CardCommand::ResetPin { .. } => Policy(A::ResetCardPin),
            CardCommand::Extend { .. } => Policy(A::ExtendCard),
            CardCommand::Expire => Policy(A::ExpireCards),
            CardCommand::IssueNotice { .. }
            | CardCommand::RenewalNotices { .. }
            | CardCommand::CertificateNotices { .. } => Policy(A::PrintCardNotices),
            CardCommand::List { .. } => Policy(A::ReadRecord),
        },
        Command::Cert(c) => match c {
            CertCommand::Issue { .. } => Policy(A::IssueCertificateException),
            CertCommand::Revoke { .. }
            | CertCommand::RevokeAll { .. }
            | CertCommand::Suspend { .. }
            | CertCommand::Resume { .. } => Policy(A::ManageCertificates),
            CertCommand::List { .. } => Policy(A::ReadRecord),
            CertCommand::Verify { .. } | CertCommand::Ca { .. } | CertCommand::Crl { .. } => Public,
        },
    }
}

/// Every leaf command's path (`card apply`), from the command tree itself, hidden ones left
/// out.
pub(crate) fn leaves() -> Vec<String> {
    fn walk(c: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let subs: Vec<&clap::Command> = c
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push(prefix.trim().to_owned());
        }
        for s in subs {
            walk(s, &format!("{prefix} {}", s.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), "", &mut out);
    out
}

/// How `mynumber access` prints an access.
pub(crate) fn describe(access: Access) -> String {
    match access {
        Access::Local => "local".to_owned(),
        Access::Public => "public".to_owned(),
        Access::Policy(a) => format!("policy {}", a.code()),
    }
}
