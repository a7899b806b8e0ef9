//! Opening a deployment: the data directory, the number-derivation key and the database.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use mynumber_app::system::{OsRandom, SystemClock, SystemFonts};
use mynumber_app::{App, AppConfig, Clock, DocumentConfig, PkiSettings, Random};
use mynumber_core::checkpoint::LedgerSigningKey;
use mynumber_core::document::DocumentSigningKey;
use mynumber_core::{DerivationKey, Principal, PurposeSet};

use crate::files;
use mynumber_store::{SqlStore, StoreConfig, Workload};

/// Where the deployment lives and how to reach its database.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Deployment {
    /// Data directory: the embedded database and the keys (created on first start).
    #[arg(
        long,
        global = true,
        env = "MYNUMBER_DATA_DIR",
        default_value = "mynumber-data"
    )]
    pub data_dir: PathBuf,
    /// Database URL (`postgres://user@host:port/db`); default: SQLite in the data directory.
    #[arg(long, global = true, env = "MYNUMBER_DATABASE_URL")]
    pub database_url: Option<String>,
    /// File holding the 256-bit number-derivation key as 64 hex digits; default: generated into
    /// the data directory. Every server of one deployment must use the same key.
    #[arg(long, global = true, env = "MYNUMBER_NUMBER_KEY_FILE")]
    pub number_key_file: Option<PathBuf>,
    /// File holding the Ed25519 key that signs ledger checkpoints (64 hex digits); default:
    /// generated into the data directory.
    #[arg(long, global = true, env = "MYNUMBER_LEDGER_KEY_FILE")]
    pub ledger_key_file: Option<PathBuf>,
    /// File holding the Ed25519 key that signs issued documents (64 hex digits); default:
    /// generated into the data directory.
    #[arg(long, global = true, env = "MYNUMBER_DOCUMENT_KEY_FILE")]
    pub document_key_file: Option<PathBuf>,
    /// Directory holding the document fonts (NotoSansCJK-Regular.ttc, …); default: where
    /// Debian's fonts-noto-cjk and fonts-noto-core put them.
    #[arg(long, global = true, env = "MYNUMBER_FONTS_DIR")]
    pub fonts_dir: Option<PathBuf>,
    /// The server's public address, printed on documents for their verification page.
    #[arg(
        long,
        global = true,
        env = "MYNUMBER_PUBLIC_URL",
        default_value = "http://localhost:8080"
    )]
    pub public_url: String,
    /// Days a returned notification letter is held at the municipality before it is destroyed.
    #[arg(
        long,
        global = true,
        env = "MYNUMBER_NOTICE_RETENTION_DAYS",
        default_value_t = 90
    )]
    pub notice_retention_days: u32,
    /// File holding the secret (64 hex digits) that seals the certificate authorities' private
    /// keys; default: generated into the data directory, beside the database (with a warning:
    /// keep it on a separate volume in production).
    #[arg(long, global = true, env = "MYNUMBER_CA_SECRET_FILE")]
    pub ca_secret_file: Option<PathBuf>,
    /// The certificate policy OID of signature certificates; default: the JPKI test policy
    /// 1.2.392.200149.8.5.1.0.20 (production JPKI uses 1.2.392.200149.8.5.1.1.20).
    #[arg(long, global = true, env = "MYNUMBER_SIGNATURE_POLICY")]
    pub signature_policy: Option<String>,
    /// The certificate policy OID of user-authentication certificates; default:
    /// 1.2.392.200149.8.5.1.0.30 (production JPKI uses 1.2.392.200149.8.5.1.3.30).
    #[arg(long, global = true, env = "MYNUMBER_AUTHENTICATION_POLICY")]
    pub authentication_policy: Option<String>,
    /// A lawful purpose added by law or ordinance, besides social-security, tax and
    /// disaster-response (repeatable).
    #[arg(
        long = "extra-purpose",
        global = true,
        env = "MYNUMBER_EXTRA_PURPOSES",
        value_delimiter = ','
    )]
    pub extra_purposes: Vec<String>,
    /// File holding the staff token to act with; default: the local operator's, kept in the
    /// data directory. A token may also be given in the environment as MYNUMBER_TOKEN (never
    /// on the command line, where other users of the machine could read it).
    #[arg(long, global = true, env = "MYNUMBER_TOKEN_FILE")]
    pub token_file: Option<PathBuf>,
    /// The local operator's name, recorded with every command they run, set when the data
    /// directory is first used; default: the login name.
    #[arg(long, global = true, env = "MYNUMBER_OPERATOR_NAME")]
    pub operator_name: Option<String>,
    /// Days a staff token is valid when issued.
    #[arg(long, global = true, env = "MYNUMBER_TOKEN_DAYS", default_value_t = 90)]
    pub token_days: u32,
    /// Directory of the virtual cards' secure element: each card's key and the newest
    /// generation of its file (docs/design/card.md); default: `card-keys` in the data
    /// directory. A card file opens only where its key is; keep this apart from card files.
    #[arg(long, global = true, env = "MYNUMBER_CARD_KEY_STORE")]
    pub card_key_store: Option<PathBuf>,
    /// The action the command asks the policy for as its session opens (set from the command,
    /// not an option).
    #[arg(skip)]
    pub action: Option<mynumber_core::Action>,
}

/// Where the local operator's token is kept, in the data directory.
const OPERATOR_TOKEN: &str = "keys/operator.token";

/// The local operator's token is rotated when it has fewer days than this left (or a third of
/// its lifetime, if less).
const ROTATE_WITHIN_DAYS: i64 = 30;

impl Deployment {
    /// The cards' secure element (created owner-only if missing).
    pub(crate) fn card_keys(&self) -> Result<Arc<mynumber_app::system::CardKeyStore>> {
        let dir = self
            .card_key_store
            .clone()
            .unwrap_or_else(|| self.data_dir.join("card-keys"));
        mynumber_app::system::CardKeyStore::open(&dir)
            .map(Arc::new)
            .map_err(|e| anyhow::anyhow!("{e}"))
    }

    /// The cards' secure element, as the chip's keeper shares it.
    pub(crate) fn card_element(&self) -> Result<crate::card::Element> {
        Ok(self.card_keys()?)
    }

    /// Creates the data directory if needed and opens the app on its database.
    pub(crate) async fn open(&self, max_connections: u32) -> Result<App> {
        self.open_with(max_connections, Workload::Command).await
    }

    /// Opens the app and authenticates who acts: the token in MYNUMBER_TOKEN or
    /// `--token-file`, or else the local operator (created on first use).
    pub(crate) async fn session(&self, max_connections: u32) -> Result<(App, Principal)> {
        self.session_with(max_connections, Workload::Command).await
    }

    /// Like [`Deployment::session`], with the store tuned for `workload`.
    pub(crate) async fn session_with(
        &self,
        max_connections: u32,
        workload: Workload,
    ) -> Result<(App, Principal)> {
        let app = self.open_with(max_connections, workload).await?;
        let who = self.principal(&app).await?;
        // Before any file is read or anything else is done: may this principal do this at
        // all? A refusal is recorded.
        if let Some(action) = self.action {
            app.permit(&who, action).await?;
        }
        Ok((app, who))
    }

    /// Who acts at the command line.
    pub(crate) async fn principal(&self, app: &App) -> Result<Principal> {
        if let Ok(token) = std::env::var("MYNUMBER_TOKEN") {
            return app.authenticate(token.trim()).await.context(
                "the token in MYNUMBER_TOKEN was refused (unknown, expired or revoked, or its staff member disabled)",
            );
        }
        if let Some(path) = &self.token_file {
            let token = read_token(path)?;
            return app.authenticate(&token).await.with_context(|| {
                format!(
                    "the token in {} was refused (unknown, expired or revoked, or its staff member disabled)",
                    path.display()
                )
            });
        }
        self.operator(app).await
    }

    /// The local operator: created on first use, named by `--operator-name` (or the login
    /// name), its token kept owner-only in the data directory and rotated before it expires.
    pub(crate) async fn operator(&self, app: &App) -> Result<Principal> {
        let path = self.data_dir.join(OPERATOR_TOKEN);
        if !path.exists() {
            let name = self
                .operator_name
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "operator".to_owned());
            let Some(created) = app.create_operator(&name).await? else {
                anyhow::bail!(
                    "this database has its local operator already, kept by another data directory \
                     (another machine, or a data directory made afresh); no second one is created. \
                     Act with a staff token: an administrator issues one with `mynumber staff add` \
                     and `mynumber staff token`, given here as --token-file or MYNUMBER_TOKEN"
                );
            };
            files::write_private(&path, format!("{}\n", created.token.token).as_bytes())?;
            eprintln!(
                "created the local operator {name:?} ({}); its token is in {}",
                created.member.id,
                path.display()
            );
        }
        let token = read_token(&path)?;
        let who = app.authenticate(&token).await.with_context(|| {
            format!(
                "the local operator's token in {0} was refused: it expired or was revoked, or the operator was disabled; an administrator can issue a new one with `mynumber staff token <operator id> --out {0}`",
                path.display()
            )
        })?;
        // Rotated well before it expires, so that a machine used now and then keeps working.
        let me = app.own_credentials(&who).await?;
        let current = who.staff().and_then(|s| s.credential);
        let left = me
            .credentials
            .iter()
            .find(|c| Some(c.id) == current)
            .map(|c| c.expires_at_us - SystemClock.now_us());
        // Within a third of a token's life at most: with `--token-days 30` or less, a fixed
        // 30 days would rotate on every command (a review found the chain growing by one link
        // a command).
        let within_days = (i64::from(self.token_days) / 3).clamp(1, ROTATE_WITHIN_DAYS);
        if left.is_some_and(|us| us < within_days * 86_400_000_000) {
            let fresh = app.rotate_token(&who, None).await?;
            files::write_private(&path, format!("{}\n", fresh.token).as_bytes())?;
            return Ok(app.authenticate(&fresh.token).await?);
        }
        Ok(who)
    }

    /// Like [`Deployment::open`], with the store tuned for `workload`.
    pub(crate) async fn open_with(&self, max_connections: u32, workload: Workload) -> Result<App> {
        create_private_dir(&self.data_dir)?;
        // A data directory from before, or made under a wider umask: owner-only again.
        files::restrict(&self.data_dir, 0o700)?;
        files::restrict(&self.data_dir.join("keys"), 0o700)?;
        for db in ["registry.db", "registry.db-wal", "registry.db-shm"] {
            files::restrict(&self.data_dir.join(db), files::PRIVATE)?;
        }
        let keys = self.data_dir.join("keys");
        let key = DerivationKey::from_bytes(secret(
            self.number_key_file.as_deref(),
            &keys.join("number-derivation.key"),
            "number-derivation",
        )?);
        if self.ledger_key_file.is_none() && !keys.join("ledger-signing.key").exists() {
            tracing::warn!(
                "the key that signs ledger checkpoints is generated beside the database ({}); whoever can change the database could then sign a checkpoint too: in production keep it elsewhere with --ledger-key-file, and witness checkpoints outside (docs/design/ledger.md)",
                keys.join("ledger-signing.key").display()
            );
        }
        let ledger_key = LedgerSigningKey::from_bytes(secret(
            self.ledger_key_file.as_deref(),
            &keys.join("ledger-signing.key"),
            "ledger-signing",
        )?);
        let document_key = DocumentSigningKey::from_bytes(secret(
            self.document_key_file.as_deref(),
            &keys.join("document-signing.key"),
            "document-signing",
        )?);
        if self.ca_secret_file.is_none() && !keys.join("ca-seal.key").exists() {
            tracing::warn!(
                "the certificate authorities' keys are sealed with a secret generated beside the database ({}); in production keep it elsewhere with --ca-secret-file",
                keys.join("ca-seal.key").display()
            );
        }
        let ca_secret = secret(
            self.ca_secret_file.as_deref(),
            &keys.join("ca-seal.key"),
            "ca-seal",
        )?;
        // The exchange network's key for the agency codes, and the intermediate servers'
        // platform secret (docs/design/exchange.md): each kept beside the others.
        let exchange_key = secret(None, &keys.join("exchange-network.key"), "exchange-network")?;
        let platform_secret = secret(
            None,
            &keys.join("intermediate-platform.key"),
            "intermediate-platform",
        )?;
        let url = match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("registry.db").display()
            ),
        };
        let store = SqlStore::connect(&StoreConfig {
            url,
            max_connections,
            workload,
        })
        .await
        .context("opening the database")?;
        let purposes = PurposeSet::with_extra(self.extra_purposes.iter().map(String::as_str))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let app = App::new(
            Arc::new(store),
            Arc::new(SystemClock),
            Arc::new(OsRandom),
            AppConfig {
                derivation_key: key,
                purposes,
                ledger_key,
                documents: DocumentConfig {
                    signing_key: Arc::new(document_key),
                    fonts: Arc::new(SystemFonts::new(self.fonts_dir.clone())),
                    verify_url: format!("{}/verify", self.public_url.trim_end_matches('/')),
                    public_url: self.public_url.trim_end_matches('/').to_owned(),
                    notice_retention_days: self.notice_retention_days,
                },
                pki: PkiSettings::new(
                    self.pki_config()?,
                    ca_secret.to_vec(),
                    mynumber_app::system::responder_keys(),
                ),
                cards: mynumber_app::CardSettings {
                    keys: mynumber_app::system::card_keys(),
                    element: self.card_keys()?,
                },
                credentials: mynumber_app::CredentialSettings {
                    token_days: self.token_days,
                },
                exchange: mynumber_app::ExchangeSettings::new(exchange_key, platform_secret),
            },
        );
        app.bind_derivation_key().await?;
        install_authorities(&app).await?;
        let sealed = app.seal_totp_keys().await?;
        if sealed > 0 {
            tracing::info!("sealed {sealed} staff TOTP keys stored before keys were sealed");
        }
        Ok(app)
    }
}

impl Deployment {
    /// The authority's profile settings: URLs from `--public-url`, policies as configured.
    fn pki_config(&self) -> Result<mynumber_pki::PkiConfig> {
        let mut config = mynumber_pki::PkiConfig::with_url(&self.public_url);
        if let Some(p) = &self.signature_policy {
            config.signature_policy = p.trim().to_owned();
        }
        if let Some(p) = &self.authentication_policy {
            config.authentication_policy = p.trim().to_owned();
        }
        config.check().map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(config)
    }
}

/// Creates the two certificate authorities on first start: RSA-2048 keys generated here, sealed
/// and installed by the app (a concurrent start that wins the race keeps its own).
async fn install_authorities(app: &App) -> Result<()> {
    for hierarchy in mynumber_pki::Hierarchy::ALL {
        if app.has_authority(hierarchy).await? {
            continue;
        }
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .context("generating a certificate authority key")?;
        // The key's bytes are wiped once sealed and installed.
        let key = zeroize::Zeroizing::new(key.serialize_der());
        if app.install_authority(hierarchy, &key).await? {
            tracing::info!(
                hierarchy = hierarchy.code(),
                "created the certificate authority"
            );
        }
    }
    Ok(())
}

/// A 256-bit secret: from `explicit` if given, else from `default`, created there on first use
/// (owner-only from the moment it exists, so there is no window in which another user could
/// read it). The secret itself is never logged.
fn secret(explicit: Option<&Path>, default: &Path, what: &str) -> Result<[u8; 32]> {
    if let Some(p) = explicit {
        return read_secret(p);
    }
    if default.exists() {
        return read_secret(default);
    }
    create_private_dir(default.parent().context("key path has no parent")?)?;
    let mut bytes = [0u8; 32];
    OsRandom.fill(&mut bytes);
    let hex = hex::encode(bytes);
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(default)
        .with_context(|| format!("creating {}", default.display()))?;
    writeln!(f, "{hex}").with_context(|| format!("writing {}", default.display()))?;
    tracing::info!(path = %default.display(), "created the {what} key");
    Ok(bytes)
}

/// A staff token from a file, which must be owner-only.
fn read_token(path: &Path) -> Result<String> {
    let meta = fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if meta.permissions().mode() & 0o077 != 0 {
        bail!(
            "{} is readable by other users; restrict it with chmod 600",
            path.display()
        );
    }
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text.trim().to_owned())
}

fn read_secret(path: &Path) -> Result<[u8; 32]> {
    let meta = fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if meta.permissions().mode() & 0o077 != 0 {
        bail!(
            "{} is readable by other users; restrict it with chmod 600",
            path.display()
        );
    }
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    <[u8; 32] as hex::FromHex>::from_hex(text.trim()).map_err(|_| {
        anyhow::anyhow!(
            "{} must hold exactly 64 hex digits (a 256-bit key)",
            path.display()
        )
    })
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .with_context(|| format!("restricting {}", dir.display()))?;
    }
    Ok(())
}
