//! `mynumber`: the one binary — server, number tools, bulk import/export, staff, ledger.

mod access;
mod card;
mod certs;
mod documents;
mod files;
mod http_client;
mod ledger;
mod number;
mod organisation;
mod pkcs11;
mod resident;
mod secrets;
mod serve;
mod setup;
mod staff;
mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::setup::Deployment;

/// mimalloc instead of glibc's allocator: bulk inserts build and free buffers of hundreds of
/// kilobytes per statement, which glibc returns to the kernel and gets back zeroed each time
/// (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An open implementation of Japan's Individual Number (My Number) system.
#[derive(Debug, Parser)]
#[command(name = "mynumber", version, about)]
pub(crate) struct Cli {
    #[command(flatten)]
    deployment: Deployment,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the HTTP server (JSON API, OpenAPI reference, landing page).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "MYNUMBER_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Also load a sample municipality (about 1,000 synthetic residents) into an empty register.
        #[arg(long)]
        demo: bool,
        /// Sign a ledger checkpoint every this many minutes (0: never).
        #[arg(long, env = "MYNUMBER_CHECKPOINT_MINUTES", default_value_t = 60)]
        checkpoint_minutes: u64,
        /// Refused tokens a client may send in a minute before it is refused outright.
        #[arg(long, env = "MYNUMBER_AUTH_FAILURE_LIMIT", default_value_t = mynumber_api::Throttle::LIMIT)]
        auth_failure_limit: u32,
        /// Add every scheduled checkpoint to this witness directory too (docs/design/ledger.md).
        #[arg(long, env = "MYNUMBER_WITNESS_DIR")]
        witness: Option<PathBuf>,
        /// HTTPS and the limits every request is held to.
        #[command(flatten)]
        network: serve::Network,
    },
    /// Check, format or mask Individual Numbers (or corporate numbers): as arguments, or one
    /// per line on standard input.
    Number {
        /// check, format or mask.
        action: number::Action,
        /// Treat the numbers as 13-digit corporate numbers (法人番号).
        #[arg(long)]
        corporate: bool,
        /// The numbers; none: read standard input.
        numbers: Vec<String>,
    },
    /// The resident register as CSV.
    #[command(subcommand)]
    Resident(ResidentCommand),
    /// Staff and their tokens.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// The tamper-evident ledger.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// Municipality settings.
    #[command(subcommand)]
    Municipality(MunicipalityCommand),
    /// Organisations outside the municipalities (employers, agencies, relying parties): their
    /// roles and lawful purposes.
    #[command(subcommand)]
    Organisation(organisation::OrganisationCommand),
    /// Notification letters (個人番号通知書): print runs and delivery outcomes.
    #[command(subcommand)]
    Notices(NoticesCommand),
    /// Issued documents: copies of the resident record, and verifying them.
    #[command(subcommand)]
    Document(DocumentCommand),
    /// My Number Cards: application, production, pick-up and the rest of a card's life; and a
    /// card file as a card (show, cert, sign, attach: these need no database).
    #[command(subcommand)]
    Card(CardCommand),
    /// Electronic certificates (公的個人認証): issue, revoke, suspend and resume, verify, the
    /// authorities and their CRLs.
    #[command(subcommand)]
    Cert(CertCommand),
    /// What the commands require (for tests and audits).
    #[command(subcommand, hide = true)]
    Hidden(HiddenCommand),
}

/// Commands for tests and audits, left out of the help.
#[derive(Debug, Subcommand)]
enum HiddenCommand {
    /// Every command's path, one per line.
    Commands,
    /// What the command line given requires: local, public, or policy ACTION.
    Access {
        /// A whole command line after `mynumber`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CardCommand {
    /// What the card holds: serial, certificates, PIN tries (nothing secret).
    Show {
        /// The card file.
        file: PathBuf,
    },
    /// Read a certificate through the chip, as PEM (the signature certificate after the
    /// signature password, from MYNUMBER_CARD_PIN or standard input).
    Cert {
        /// The card file.
        file: PathBuf,
        /// signature or authentication.
        #[arg(long)]
        kind: String,
        /// The issuing authority's certificate instead of the holder's.
        #[arg(long)]
        ca: bool,
        /// Output file; default: standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Log in with the card: the authentication app for a log-in page of the OpenID provider
    /// (it signs the log-in's challenge with the user-authentication key after the 4-digit PIN,
    /// from MYNUMBER_CARD_PIN or standard input).
    Login {
        /// The card file (a virtual card); or give --pkcs11 for a card in a reader.
        #[arg(required_unless_present = "pkcs11")]
        file: Option<PathBuf>,
        /// A card in a PC/SC reader, through this PKCS#11 module (OpenSC's
        /// opensc-pkcs11.so).
        #[arg(long, conflicts_with = "file")]
        pkcs11: Option<PathBuf>,
        /// The log-in page's URL, as the browser shows it.
        #[arg(long)]
        url: String,
        /// Trust this CA certificate file (PEM) for HTTPS instead of the system's roots.
        #[arg(long)]
        ca_file: Option<PathBuf>,
    },
    /// Sign the SHA-256 of a file with one of the card's keys (PKCS#1 v1.5); the PIN comes
    /// from MYNUMBER_CARD_PIN or standard input, never the command line.
    Sign {
        /// The card file (a virtual card); or give --pkcs11 for a card in a reader.
        #[arg(required_unless_present = "pkcs11")]
        file: Option<PathBuf>,
        /// A card in a PC/SC reader, through this PKCS#11 module (OpenSC's
        /// opensc-pkcs11.so).
        #[arg(long, conflicts_with = "file")]
        pkcs11: Option<PathBuf>,
        /// signature or authentication.
        #[arg(long)]
        kind: String,
        /// The file to sign.
        #[arg(long = "in")]
        input: PathBuf,
        /// Where to write the 256-byte signature.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a synthetic face photo (a drawn silhouette, no real person) that passes the
    /// application's photo check, for trying `card apply`.
    DemoPhoto {
        /// Where to write the JPEG.
        #[arg(long)]
        out: PathBuf,
        /// Which silhouette.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Apply for a resident's card (交付申請); prints the application's id and fee.
    Apply {
        /// The resident record code.
        code: String,
        /// counter, mail, online or photo-booth.
        #[arg(long, default_value = "counter")]
        channel: String,
        /// first, renewal, or a re-issue's cause: lost or damaged (the holder pays), stolen,
        /// disaster, additions-full, number-changed, resident-code-changed or issuer-error
        /// (free).
        #[arg(long, default_value = "first")]
        reason: String,
        /// The form's 23-digit application ID (every channel but the counter).
        #[arg(long)]
        application_id: Option<String>,
        /// The face photo, JPEG (none for a child under 1).
        #[arg(long)]
        photo: Option<PathBuf>,
        /// A face-recognition card (no PINs, no certificates).
        #[arg(long)]
        face_recognition: bool,
        /// Without the certificates.
        #[arg(long)]
        no_certificates: bool,
        /// Express issuance (特急発行).
        #[arg(long)]
        express: bool,
    },
    /// Produce the card for an application and write its card file (the card's keys are
    /// only in it).
    Produce {
        /// The application's id.
        application: String,
        /// Where to write the card file (owner-only).
        #[arg(long)]
        out: PathBuf,
    },
    /// Hand a produced card over: identity checked, PINs written to the card file. The PINs
    /// come from the environment (MYNUMBER_PIN for the three 4-digit PINs, or
    /// MYNUMBER_REGISTRY_PIN and MYNUMBER_TEXT_PIN apart; MYNUMBER_SIGNATURE_PASSWORD) or
    /// standard input, never the command line.
    HandOver {
        /// The card's serial number.
        serial: String,
        /// The card file (rewritten with its PINs).
        #[arg(long)]
        card: PathBuf,
        /// An identity document shown (one with a photo, or two without); repeatable.
        #[arg(long = "identity", required = true)]
        identity: Vec<String>,
    },
    /// Suspend a card (一時停止).
    Suspend {
        /// The card's serial number.
        serial: String,
    },
    /// Resume a suspended card in person; a new signature certificate goes into the card file.
    Resume {
        /// The card's serial number.
        serial: String,
        /// The card file (rewritten).
        #[arg(long)]
        card: PathBuf,
        /// An identity document shown; repeatable.
        #[arg(long = "identity", required = true)]
        identity: Vec<String>,
    },
    /// Rewrite a card to its holder's record after a move or a name change, adding a line to
    /// its 追記欄; after a transfer-in this is the continuation (継続利用), due within 90 days.
    /// The 住基 PIN comes from MYNUMBER_REGISTRY_PIN (or MYNUMBER_PIN) or standard input, never
    /// the command line; empty for a face-recognition card.
    Amend {
        /// The card's serial number.
        serial: String,
        /// The card file (rewritten).
        #[arg(long)]
        card: PathBuf,
        /// An identity document shown; repeatable.
        #[arg(long = "identity", required = true)]
        identity: Vec<String>,
    },
    /// Issue, renew or re-issue certificates on a card in use (after a move or a name change,
    /// at renewal, from 15, when declined at application, after an extension): the card makes
    /// each key pair with the holder's PIN, and the certificate goes into the card file. The
    /// PINs come from the environment (MYNUMBER_PIN for the user-authentication certificate,
    /// MYNUMBER_SIGNATURE_PASSWORD) or standard input, never the command line.
    Certify {
        /// The card's serial number.
        serial: String,
        /// The card file (rewritten).
        #[arg(long)]
        card: PathBuf,
        /// An identity document shown; repeatable.
        #[arg(long = "identity", required = true)]
        identity: Vec<String>,
        /// signature or authentication; repeatable.
        #[arg(long = "certificate", required = true)]
        certificates: Vec<String>,
    },
    /// End a card: reported lost (abolished) or returned.
    End {
        /// The card's serial number.
        serial: String,
        /// abolished or returned.
        #[arg(long)]
        reason: String,
    },
    /// Reset a PIN at the counter.
    ResetPin {
        /// The card's serial number.
        serial: String,
        /// The card file (rewritten).
        #[arg(long)]
        card: PathBuf,
        /// An identity document shown; repeatable.
        #[arg(long = "identity", required = true)]
        identity: Vec<String>,
        /// signature, authentication, resident-registry or text-input. The new PIN comes from
        /// MYNUMBER_NEW_PIN or standard input, never the command line.
        #[arg(long)]
        kind: String,
    },
    /// Extend a foreign resident's card after a new period of stay, or through the 特例期間
    /// while an extension is applied for: identity shown and the 住基 PIN entered, as for
    /// `card amend`; the chip gets the new expiry and the 追記欄 a line.
    Extend {
        /// The card's serial number.
        serial: String,
        /// The card file (rewritten).
        #[arg(long)]
        card: PathBuf,
        /// An identity document shown; repeatable.
        #[arg(long = "identity", required = true)]
        identity: Vec<String>,
    },
    /// End the cards whose expiry has passed, and void those not continued within 90 days of
    /// their holder's transfer-in.
    Expire,
    /// Print a produced card's pick-up notice (交付通知書), PDF.
    IssueNotice {
        /// The card's serial number.
        serial: String,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the due expiry notices (有効期限通知書) of a municipality, each with a new
    /// application form, into batch PDFs.
    RenewalNotices {
        /// The municipality's 6-digit code.
        #[arg(long)]
        municipality: String,
        /// The directory for the batch PDFs.
        #[arg(long)]
        out: PathBuf,
        /// Notices per PDF.
        #[arg(long, default_value_t = 500)]
        batch_size: usize,
    },
    /// Print the due certificate expiry notices (電子証明書有効期限通知書) of a municipality, for
    /// certificates that expire before their card, into batch PDFs.
    CertificateNotices {
        /// The municipality's 6-digit code.
        #[arg(long)]
        municipality: String,
        /// The directory for the batch PDFs.
        #[arg(long)]
        out: PathBuf,
        /// Notices per PDF.
        #[arg(long, default_value_t = 500)]
        batch_size: usize,
    },
    /// A resident's cards and applications.
    List {
        /// The resident record code.
        code: String,
    },
    /// Insert the card into the virtual reader of pcscd (vsmartcard-vpcd), so that OpenSC and
    /// other PC/SC tools see a JPKI card, until the reader goes away.
    Attach {
        /// The card file (PIN tries are written back to it).
        file: PathBuf,
        /// vpcd's address (its first slot listens on 35963, the second on 35964).
        #[arg(long, default_value = card::DEFAULT_READER)]
        reader: String,
        /// How long to wait for vpcd to listen (seconds).
        #[arg(long, default_value_t = 10)]
        wait_seconds: u64,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CertCommand {
    /// Certify a key for a resident outside card production (signature or authentication): a
    /// national administrator's audited exception, with a request proving possession of the key.
    Issue {
        /// The resident's 11-digit resident record code.
        code: String,
        /// signature (署名用) or authentication (利用者証明用).
        #[arg(long)]
        kind: String,
        /// A PKCS#10 certification request for the RSA-2048 key, signed with it: PEM
        /// `CERTIFICATE REQUEST` or DER (`openssl req -new`, or `mynumber card request`).
        #[arg(long)]
        request: PathBuf,
        /// Why the exception (recorded in the ledger).
        #[arg(long)]
        reason: String,
        /// The resident's card, not yet ended: the certificate never outlives it.
        #[arg(long)]
        card: Option<String>,
        /// Without --card: the date the certificate must not outlive (YYYY-MM-DD).
        #[arg(long)]
        card_expiry: Option<String>,
        /// Write the certificate (PEM) here; default: standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Revoke a certificate by serial number.
    Revoke {
        /// The serial number (hex).
        serial: String,
        /// privilegeWithdrawn (the holder's request), keyCompromise or unspecified.
        #[arg(long, default_value = "privilegeWithdrawn")]
        reason: String,
    },
    /// Revoke every certificate of a resident, as the end of a card does (voided, returned or
    /// expired).
    RevokeAll {
        /// The resident record code.
        code: String,
        /// cessationOfOperation (the card ended), privilegeWithdrawn, keyCompromise or
        /// unspecified.
        #[arg(long, default_value = "cessationOfOperation")]
        reason: String,
    },
    /// List a resident's certificates.
    List {
        /// The resident record code.
        code: String,
    },
    /// Suspend a resident's certificates, as a card suspension does: the user-authentication
    /// certificate goes on hold, the signature certificate is revoked.
    Suspend {
        /// The resident record code.
        code: String,
    },
    /// Resume a resident's certificates: the hold on the user-authentication certificate is
    /// lifted (the signature certificate is issued again).
    Resume {
        /// The resident record code.
        code: String,
    },
    /// Check a certificate, or a CMS signature made with one: issued by this system's
    /// authorities, valid at the time, not revoked or held; prints what the certificate says
    /// (the holder's four items from a signature certificate). Exits 1 when it is not valid.
    Verify {
        /// A certificate (PEM or DER) or a CMS SignedData (PEM `CMS`/`PKCS7` or DER).
        file: PathBuf,
        /// The signed content, for a detached signature.
        #[arg(long)]
        content: Option<PathBuf>,
        /// The time to check at (RFC 3339, or a date for the end of that day in Japan);
        /// default: now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Write an authority's certificate (the trust anchor), PEM.
    Ca {
        /// signature or authentication.
        #[arg(long)]
        kind: String,
        /// Output file; default: standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a hierarchy's current CRL, PEM.
    Crl {
        /// signature or authentication.
        #[arg(long)]
        kind: String,
        /// Output file; default: standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum MunicipalityCommand {
    /// Set the name printed for a municipality on letters and certificates (e.g. 新宿区).
    Name {
        /// 6-digit local-government code.
        code: String,
        /// The name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum NoticesCommand {
    /// Render every queued letter of a municipality into print-shop batches (one PDF per batch)
    /// and mark them sent.
    Print {
        /// 6-digit local-government code.
        #[arg(long)]
        municipality: String,
        /// Directory for the batch PDFs.
        #[arg(long)]
        out: PathBuf,
        /// Letters per batch PDF.
        #[arg(long, default_value_t = 500)]
        batch_size: usize,
        /// Stop after about this many letters (whole batches), e.g. a print shop's daily
        /// capacity; the rest stay queued for the next run.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Record a delivery outcome: delivered, returned (held at the municipality) or
    /// handed-over (a held letter given to the resident in person).
    Outcome {
        /// The 23-digit application ID printed on the letter's form.
        application_id: String,
        /// delivered, returned or handed-over.
        outcome: String,
    },
    /// List letters in one status (e.g. returned: held at the counter).
    List {
        /// queued, sent, delivered, returned, handed-over, destroyed or superseded.
        #[arg(long, default_value = "returned")]
        status: String,
    },
    /// Destroy returned letters held longer than --notice-retention-days.
    DestroyExpired,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DocumentCommand {
    /// Issue a copy of the resident record (住民票の写し) as a signed PDF.
    ResidentRecord {
        /// The person's 11-digit resident record code.
        code: String,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Issue a certificate of recorded matters (住民票記載事項証明書) instead of a copy.
        #[arg(long)]
        recorded_matters: bool,
        /// Items to add (repeatable or comma-separated): household, householder,
        /// previous-address, became-resident, residence-status, resident-code,
        /// individual-number.
        #[arg(long = "item", value_delimiter = ',')]
        items: Vec<String>,
        /// With individual-number: the lawful purpose it is printed for.
        #[arg(long, conflicts_with = "own_request")]
        purpose: Option<String>,
        /// With individual-number: printed at the person's own request at the counter.
        #[arg(long, requires = "identity")]
        own_request: bool,
        /// With --own-request: an identity document the requester showed; repeatable.
        #[arg(long = "identity")]
        identity: Vec<String>,
    },
    /// Check that a document file was issued by this system and is unaltered, or read a scan
    /// of a print's back (PNG, JPEG, or a scanner's PDF) and print the front it carries (exit 1
    /// if not genuine).
    Verify {
        /// The PDF, or the scan of a print's back.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ResidentCommand {
    /// Register every row of a CSV file (see the README for its columns).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Rows per transaction.
        #[arg(long, default_value_t = mynumber_app::IMPORT_BATCH)]
        batch_size: usize,
        /// Start this import although another one stopped before it finished (this file holds
        /// other people; a corrected copy of the stopped one's file must take its place instead).
        #[arg(long)]
        new_import: bool,
        /// 移行: the file is an existing register whose residents keep the resident record code
        /// and Individual Number they hold (columns resident_code and individual_number); no
        /// notification letter is queued.
        #[arg(long)]
        existing: bool,
        /// The file's encoding, utf-8 or cp932 (Shift_JIS as Windows and Excel write it);
        /// default: told from its bytes.
        #[arg(long, value_parser = parse_encoding)]
        encoding: Option<mynumber_app::import_file::FileEncoding>,
    },
    /// Write the current register as CSV (the import columns plus resident_code).
    Export {
        /// Include the Individual Number for this lawful purpose (each reading is recorded).
        #[arg(long)]
        purpose: Option<String>,
        /// Output file; default: standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write synthetic residents of 新宿区 as import CSV (for trying the system out).
    Sample {
        /// How many residents.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Generator seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file; default: standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum StaffCommand {
    /// Add a staff member; their first token is printed (or written to --out), shown once.
    Add {
        /// Display name.
        #[arg(long)]
        name: String,
        /// administrator, registry-clerk, auditor or call-center-operator.
        #[arg(long)]
        role: String,
        /// The municipality acted for (6-digit code); omit for national scope.
        #[arg(long)]
        municipality: Option<String>,
        /// Write the token to this file (owner-only) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List staff (of your municipality, or everyone for national administrators) and their
    /// credentials; never a token.
    List,
    /// Your own account and credentials.
    Me,
    /// Issue a new token to a staff member.
    Token {
        /// The staff member's id.
        staff_id: String,
        /// What it is for (a device, a script).
        #[arg(long, default_value = "")]
        label: String,
        /// Days it is valid (default: --token-days).
        #[arg(long)]
        days: Option<u32>,
        /// Write the token to this file (owner-only) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Revoke one of a staff member's tokens (anyone may revoke their own).
    RevokeToken {
        /// The staff member's id.
        staff_id: String,
        /// The credential's id (from `staff list`).
        credential_id: String,
    },
    /// Rotate the token you act with: a new one replaces it (the local operator's file is
    /// rewritten unless --out is given).
    Rotate {
        /// Days the new token is valid (default: --token-days).
        #[arg(long)]
        days: Option<u32>,
        /// Write the new token to this file (owner-only).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Disable a staff member: their tokens stop working at once.
    Disable {
        /// The staff member's id.
        staff_id: String,
    },
    /// Enable a disabled staff member again.
    Enable {
        /// The staff member's id.
        staff_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum LedgerCommand {
    /// Recompute every hash chain and name the first altered, removed or reordered entry,
    /// holding every chain to the signed checkpoints the database keeps and those given.
    Verify {
        /// Also prove the chains still pass through this signed checkpoint's heads (catches a
        /// partition rewritten with recomputed hashes); repeatable.
        #[arg(long)]
        checkpoint: Vec<PathBuf>,
        /// Also hold the chains to every checkpoint in this witness directory (catches a chain
        /// shortened or rewritten since any of them, whatever the database still holds).
        #[arg(long)]
        witness: Vec<PathBuf>,
    },
    /// Sign the current partition heads and print the checkpoint for auditors to keep.
    Checkpoint {
        /// Write it to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also add it to this witness directory: an append-only store the database's
        /// administrators cannot write (docs/design/ledger.md).
        #[arg(long)]
        witness: Option<PathBuf>,
    },
}

/// `--encoding`: utf-8 or cp932 (and its other names).
fn parse_encoding(name: &str) -> Result<mynumber_app::import_file::FileEncoding, String> {
    mynumber_app::import_file::FileEncoding::parse(name)
        .ok_or_else(|| format!("{name:?} is not an encoding this import reads: utf-8 or cp932"))
}

fn main() -> ExitCode {
    // Every file this process creates is owner-only: the database, exports, PDFs, keys.
    files::private_umask();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=error")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: starting the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

async fn run(mut cli: Cli) -> Result<ExitCode> {
    // The command's action is asked of the policy as soon as its principal is known.
    cli.deployment.action = match access::access(&cli.command) {
        access::Access::Policy(action) => Some(action),
        _ => None,
    };
    let d = &cli.deployment;
    match cli.command {
        Command::Hidden(HiddenCommand::Commands) => {
            for leaf in access::leaves() {
                println!("{leaf}");
            }
        }
        Command::Hidden(HiddenCommand::Access { args }) => {
            let parsed = Cli::try_parse_from(std::iter::once("mynumber".to_owned()).chain(args))?;
            println!("{}", access::describe(access::access(&parsed.command)));
        }
        Command::Serve {
            listen,
            demo,
            checkpoint_minutes,
            auth_failure_limit,
            witness,
            network,
        } => {
            serve::run(
                d,
                serve::Options {
                    listen,
                    demo,
                    checkpoint_minutes,
                    auth_failure_limit,
                    witness,
                    network,
                },
            )
            .await?
        }
        Command::Number {
            action,
            corporate,
            numbers,
        } => {
            if !number::run(action, corporate, &numbers)? {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Card(CardCommand::Show { file }) => card::show(&file, d.card_keys()?.as_ref())?,
        Command::Card(CardCommand::Cert {
            file,
            kind,
            ca,
            out,
        }) => card::cert(&file, &d.card_element()?, &kind, ca, out.as_deref())?,
        Command::Card(CardCommand::Sign {
            file,
            pkcs11,
            kind,
            input,
            out,
        }) => card::sign(&card::holder(d, file, pkcs11)?, &kind, &input, &out)?,
        Command::Card(CardCommand::Login {
            file,
            pkcs11,
            url,
            ca_file,
        }) => card::login(&card::holder(d, file, pkcs11)?, &url, ca_file.as_deref()).await?,
        Command::Card(CardCommand::DemoPhoto { out, seed }) => {
            files::write_private(&out, &mynumber_app::demo::portrait(seed))?;
            println!("demo photo written to {}", out.display());
        }
        Command::Card(CardCommand::Apply {
            code,
            channel,
            reason,
            application_id,
            photo,
            face_recognition,
            no_certificates,
            express,
        }) => {
            let (app, who) = d.session(2).await?;
            card::apply(
                &app,
                &who,
                &code,
                card::ApplyOptions {
                    channel,
                    reason,
                    application_id,
                    photo,
                    face_recognition,
                    no_certificates,
                    express,
                },
            )
            .await?;
        }
        Command::Card(CardCommand::Produce { application, out }) => {
            let (app, who) = d.session(2).await?;
            card::produce(&app, &who, &application, &out).await?;
        }
        Command::Card(CardCommand::HandOver {
            serial,
            card,
            identity,
        }) => {
            let (app, who) = d.session(2).await?;
            card::hand_over(
                &app,
                &who,
                &serial,
                &card,
                d.card_keys()?.as_ref(),
                &identity,
            )
            .await?;
        }
        Command::Card(CardCommand::Suspend { serial }) => {
            let (app, who) = d.session(2).await?;
            card::suspend(&app, &who, &serial).await?;
        }
        Command::Card(CardCommand::Resume {
            serial,
            card,
            identity,
        }) => {
            let (app, who) = d.session(2).await?;
            card::resume(&app, &who, &serial, &card, &identity).await?;
        }
        Command::Card(CardCommand::Amend {
            serial,
            card,
            identity,
        }) => {
            let (app, who) = d.session(2).await?;
            card::amend(&app, &who, &serial, &card, &identity, card::Rewrite::Amend).await?;
        }
        Command::Card(CardCommand::Certify {
            serial,
            card,
            identity,
            certificates,
        }) => {
            let (app, who) = d.session(2).await?;
            card::certify(&app, &who, &serial, &card, &identity, &certificates).await?;
        }
        Command::Card(CardCommand::End { serial, reason }) => {
            let (app, who) = d.session(2).await?;
            card::end(&app, &who, &serial, &reason).await?;
        }
        Command::Card(CardCommand::ResetPin {
            serial,
            card,
            identity,
            kind,
        }) => {
            let (app, who) = d.session(2).await?;
            card::reset_pin(&app, &who, &serial, &card, &identity, &kind).await?;
        }
        Command::Card(CardCommand::Extend {
            serial,
            card,
            identity,
        }) => {
            let (app, who) = d.session(2).await?;
            card::amend(&app, &who, &serial, &card, &identity, card::Rewrite::Extend).await?;
        }
        Command::Card(CardCommand::Expire) => {
            let (app, who) = d.session(2).await?;
            let n = app.expire_cards(&who).await?;
            println!("ended {n} cards past their expiry");
            let n = app.void_cards_not_continued(&who).await?;
            println!("voided {n} cards not continued within 90 days of a transfer-in");
        }
        Command::Card(CardCommand::IssueNotice { serial, out }) => {
            let (app, who) = d.session(2).await?;
            documents::card_issue_notice(&app, &who, &serial, &out).await?;
        }
        Command::Card(CardCommand::RenewalNotices {
            municipality,
            out,
            batch_size,
        }) => {
            let (app, who) = d.session(2).await?;
            let (notices, batches) =
                documents::renewal_notices(&app, &who, &municipality, &out, batch_size).await?;
            println!(
                "printed {notices} expiry notices in {batches} batches to {}",
                out.display()
            );
        }
        Command::Card(CardCommand::CertificateNotices {
            municipality,
            out,
            batch_size,
        }) => {
            let (app, who) = d.session(2).await?;
            let (notices, batches) =
                documents::certificate_notices(&app, &who, &municipality, &out, batch_size).await?;
            println!(
                "printed {notices} certificate expiry notices in {batches} batches to {}",
                out.display()
            );
        }
        Command::Card(CardCommand::List { code }) => {
            let (app, who) = d.session(2).await?;
            card::list(&app, &who, &code).await?;
        }
        Command::Card(CardCommand::Attach {
            file,
            reader,
            wait_seconds,
        }) => {
            let element = d.card_element()?;
            // The card's loop blocks on its socket: keep it off the runtime's workers.
            tokio::task::spawn_blocking(move || {
                card::attach(
                    &file,
                    &element,
                    &reader,
                    std::time::Duration::from_secs(wait_seconds),
                )
            })
            .await
            .context("the card's thread failed")??;
        }
        Command::Resident(ResidentCommand::Import {
            file,
            batch_size,
            new_import,
            existing,
            encoding,
        }) => {
            // Two connections: PostgreSQL takes two writing transactions at once; on SQLite the
            // import keeps one writer, so only one connection (and its page cache) is used.
            let (app, who) = d
                .session_with(2, mynumber_store::Workload::BulkLoad)
                .await?;
            let started = std::time::Instant::now();
            let layout = if existing {
                mynumber_app::import_file::Layout::Existing
            } else {
                mynumber_app::import_file::Layout::New
            };
            let options = mynumber_app::ImportOptions {
                batch: batch_size.max(1),
                new_import,
                layout,
                encoding,
            };
            let n = resident::import(&app, &who, &file, options).await;
            app.close().await;
            let n = n?;
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "imported {n} residents in {secs:.1} s ({:.0}/s)",
                n as f64 / secs.max(1e-9)
            );
        }
        Command::Resident(ResidentCommand::Export { purpose, out }) => {
            let (app, who) = d.session(4).await?;
            let n = resident::export(&app, &who, purpose.as_deref(), out.as_ref()).await?;
            eprintln!("exported {n} residents");
        }
        Command::Resident(ResidentCommand::Sample { count, seed, out }) => {
            resident::sample(count, seed, out.as_ref())?;
        }
        Command::Staff(command) => {
            let (app, who) = d.session(2).await?;
            staff::run(&app, &who, d, command).await?;
        }
        Command::Municipality(MunicipalityCommand::Name { code, name }) => {
            let (app, who) = d.session(2).await?;
            documents::name_municipality(&app, &who, &code, &name).await?;
        }
        Command::Organisation(command) => {
            let (app, who) = d.session(2).await?;
            organisation::run(&app, &who, command).await?;
        }
        Command::Notices(NoticesCommand::Print {
            municipality,
            out,
            batch_size,
            limit,
        }) => {
            let (app, who) = d.session(2).await?;
            let started = std::time::Instant::now();
            let (letters, batches) =
                documents::print(&app, &who, &municipality, &out, batch_size.max(1), limit).await?;
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "printed {letters} letters in {batches} batches into {} in {secs:.1} s ({:.0} letters/s)",
                out.display(),
                letters as f64 / secs.max(1e-9)
            );
        }
        Command::Notices(NoticesCommand::Outcome {
            application_id,
            outcome,
        }) => {
            let (app, who) = d.session(2).await?;
            documents::outcome(&app, &who, &application_id, &outcome).await?;
        }
        Command::Notices(NoticesCommand::List { status }) => {
            let (app, who) = d.session(2).await?;
            documents::list(&app, &who, &status).await?;
        }
        Command::Notices(NoticesCommand::DestroyExpired) => {
            let (app, who) = d.session(2).await?;
            let n = app.destroy_expired_notices(&who).await?;
            println!(
                "destroyed {n} returned letters held longer than {} days",
                d.notice_retention_days
            );
        }
        Command::Document(DocumentCommand::ResidentRecord {
            code,
            out,
            recorded_matters,
            items,
            purpose,
            own_request,
            identity,
        }) => {
            let (app, who) = d.session(2).await?;
            let basis = match (purpose, own_request) {
                (Some(p), _) => Some(mynumber_app::NumberBasis::Purpose(p)),
                (None, true) => Some(mynumber_app::NumberBasis::OwnRequest(
                    card::identity_documents(&identity)?,
                )),
                (None, false) => None,
            };
            documents::resident_record(&app, &who, &code, &out, recorded_matters, items, basis)
                .await?;
        }
        Command::Document(DocumentCommand::Verify { file }) => {
            let app = d.open(2).await?;
            if !documents::verify(&app, &file).await? {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Cert(CertCommand::Issue {
            code,
            kind,
            request,
            reason,
            card,
            card_expiry,
            out,
        }) => {
            let (app, who) = d.session(2).await?;
            certs::issue(
                &app,
                &who,
                &code,
                certs::IssueOptions {
                    kind,
                    request,
                    reason,
                    card,
                    card_expiry,
                    out,
                },
            )
            .await?;
        }
        Command::Cert(CertCommand::Revoke { serial, reason }) => {
            let (app, who) = d.session(2).await?;
            certs::revoke(&app, &who, &serial, &reason).await?;
        }
        Command::Cert(CertCommand::List { code }) => {
            let (app, who) = d.session(2).await?;
            certs::list(&app, &who, &code).await?;
        }
        Command::Cert(CertCommand::RevokeAll { code, reason }) => {
            let (app, who) = d.session(2).await?;
            certs::revoke_all(&app, &who, &code, &reason).await?;
        }
        Command::Cert(CertCommand::Suspend { code }) => {
            let (app, who) = d.session(2).await?;
            certs::suspend(&app, &who, &code, true).await?;
        }
        Command::Cert(CertCommand::Resume { code }) => {
            let (app, who) = d.session(2).await?;
            certs::suspend(&app, &who, &code, false).await?;
        }
        Command::Cert(CertCommand::Verify { file, content, at }) => {
            let app = d.open(2).await?;
            if !certs::verify(&app, &file, content.as_deref(), at.as_deref()).await? {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Cert(CertCommand::Ca { kind, out }) => {
            let app = d.open(2).await?;
            certs::ca(&app, &kind, out.as_deref()).await?;
        }
        Command::Cert(CertCommand::Crl { kind, out }) => {
            let app = d.open(2).await?;
            certs::crl(&app, &kind, out.as_deref()).await?;
        }
        Command::Ledger(LedgerCommand::Checkpoint { out, witness }) => {
            let (app, who) = d.session(2).await?;
            let checkpoint = app.create_checkpoint(&who).await?;
            if let Some(dir) = witness {
                let path = ledger::witness(&dir, &checkpoint)?;
                eprintln!("witnessed in {}", path.display());
            }
            let text = checkpoint.to_text();
            match out {
                Some(path) => files::write_private(&path, text.as_bytes())?,
                None => print!("{text}"),
            }
        }
        Command::Ledger(LedgerCommand::Verify {
            checkpoint,
            witness,
        }) => {
            let (app, who) = d.session(2).await?;
            let given = ledger::checkpoints(&checkpoint, &witness)?;
            let r = app.verify_ledger(&who, &given).await?;
            eprintln!("held to {} signed checkpoints", r.checkpoints);
            match r.fault {
                None => println!(
                    "ok: {} entries in {} partitions, every chain intact",
                    r.entries, r.partitions
                ),
                Some(f) => {
                    println!("ledger broken: {f}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
