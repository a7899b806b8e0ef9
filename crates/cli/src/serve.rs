//! `mynumber serve`: the HTTP server, with first-start setup and the demo municipality.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use mynumber_api::{AppState, Throttle, router};
use mynumber_app::demo::{SampleConfig, sample_rows};
use mynumber_app::{App, Clock, ImportSession};
use mynumber_core::Principal;

use crate::setup::Deployment;
use crate::tls;

/// Prints a line to standard output, ignoring a closed or failing stdout: a server must keep
/// serving when whoever started it stops reading (`println!` would panic on a broken pipe).
macro_rules! announce {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// HTTPS and the limits every request is held to.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Network {
    /// Serve HTTPS with this PEM certificate chain (server certificate first).
    #[arg(long, env = "MYNUMBER_TLS_CERT", requires = "tls_key")]
    pub(crate) tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, env = "MYNUMBER_TLS_KEY", requires = "tls_cert")]
    pub(crate) tls_key: Option<PathBuf>,
    /// Serve HTTPS with a self-signed certificate for localhost, made in the data directory's
    /// keys/ on first use (for a demo on this machine; browsers warn about it).
    #[arg(long, conflicts_with = "tls_cert")]
    pub(crate) tls_local: bool,
    /// Serve plain HTTP on an address other than loopback: only behind a proxy that terminates
    /// TLS on the same host or a private network. The proxy must append the client's address
    /// to X-Forwarded-For: failed authentications are throttled per that address.
    #[arg(long)]
    pub(crate) plain_http_behind_proxy: bool,
    /// The longest a request may take, its body included (then 408).
    #[arg(long, env = "MYNUMBER_REQUEST_TIMEOUT_SECONDS", default_value_t = 30)]
    pub(crate) request_timeout_seconds: u64,
    /// Requests served at once; more wait for a place.
    #[arg(long, env = "MYNUMBER_MAX_CONCURRENT_REQUESTS", default_value_t = 512)]
    pub(crate) max_concurrent_requests: usize,
}

/// How to serve.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Where to listen.
    pub(crate) listen: SocketAddr,
    /// Load the demo municipality into an empty register.
    pub(crate) demo: bool,
    /// Sign a checkpoint (and run the other scheduled work) this often; 0: never.
    pub(crate) checkpoint_minutes: u64,
    /// Refused tokens a client may send in a minute.
    pub(crate) auth_failure_limit: u32,
    /// Where scheduled checkpoints are also witnessed.
    pub(crate) witness: Option<std::path::PathBuf>,
    /// HTTPS and limits.
    pub(crate) network: Network,
}

/// Starts the server and runs until Ctrl-C or SIGTERM.
pub(crate) async fn run(deployment: &Deployment, options: Options) -> Result<()> {
    let Options {
        listen,
        demo,
        checkpoint_minutes,
        auth_failure_limit,
        witness,
        network,
    } = options;
    let tls = match (&network.tls_cert, &network.tls_key) {
        (Some(cert), Some(key)) => Some(mynumber_api::TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
        }),
        _ if network.tls_local => Some(tls::local_certificate(&deployment.data_dir.join("keys"))?),
        _ => None,
    };
    if tls.is_none() && !listen.ip().is_loopback() && !network.plain_http_behind_proxy {
        anyhow::bail!(
            "refusing to serve plain HTTP on {listen}: staff tokens and personal data would cross \
             the network in the clear. Give --tls-cert and --tls-key (or --tls-local to try it on \
             this machine), or --plain-http-behind-proxy when a proxy on this host terminates TLS"
        );
    }
    let acceptor = tls.as_ref().map(mynumber_api::acceptor).transpose()?;
    let app = deployment
        .open_with(16, mynumber_store::Workload::Server)
        .await?;
    if let Some(admin) = app.bootstrap_administrator().await? {
        // Shown once: only the token's hash is stored.
        announce!("==================================================================");
        announce!(" First start: an administrator token was created. It is shown only");
        announce!(" now; keep it safe. Use it as: Authorization: Bearer <token>");
        announce!("");
        announce!("   {}", admin.token.token);
        announce!("==================================================================");
    }
    if demo {
        let who = deployment.operator(&app).await?;
        load_demo(&app, &who, &deployment.data_dir).await?;
    }
    if checkpoint_minutes > 0 {
        tokio::spawn(checkpoints(app.clone(), checkpoint_minutes, witness));
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    let local = listener.local_addr()?;
    let scheme = if acceptor.is_some() { "https" } else { "http" };
    announce!(
        "mynumber {} serving on {scheme}://{local}/ ({} database)",
        env!("CARGO_PKG_VERSION"),
        app.backend()
    );
    announce!("API reference: {scheme}://{local}/api/docs/");
    tracing::info!(%local, backend = app.backend(), scheme, "serving");
    // Closed when serving ends: the pool's last connection checkpoints the SQLite WAL and its
    // checkpoint task stops (mynumber-store).
    let closing = app.clone();
    let router = mynumber_api::harden(
        router(AppState {
            app,
            throttle: Throttle::with_limit(auth_failure_limit),
            behind_proxy: tls.is_none() && network.plain_http_behind_proxy,
        }),
        mynumber_api::Limits {
            hsts: acceptor.is_some() && !network.tls_local,
            request_timeout: std::time::Duration::from_secs(network.request_timeout_seconds.max(1)),
            concurrent_requests: network.max_concurrent_requests,
        },
    );
    let served = mynumber_api::serve(listener, router, acceptor, shutdown())
        .await
        .context("serving");
    // Bounded: a connection still held elsewhere must not keep the process from ending.
    if tokio::time::timeout(std::time::Duration::from_secs(10), closing.close())
        .await
        .is_err()
    {
        tracing::warn!("the database did not close within 10 s; ending anyway");
    }
    served
}

/// Loads about 1,000 synthetic residents of 新宿区 into an empty register, and issues cards to
/// a few of them.
async fn load_demo(app: &App, op: &Principal, data_dir: &std::path::Path) -> Result<()> {
    let shinjuku =
        mynumber_core::MunicipalityCode::parse("131041").map_err(|e| anyhow::anyhow!("{e}"))?;
    app.set_municipality_name(op, shinjuku, "新宿区").await?;
    if !app.export_page(op, None, None, 1).await?.is_empty() {
        announce!("demo: the register already has residents; nothing loaded");
        return Ok(());
    }
    let config =
        SampleConfig::shinjuku(1000, 20_261_125, mynumber_app::system::SystemClock.today());
    let mut rows = Vec::new();
    sample_rows(&config, |r| rows.push(r));
    let n = rows.len();
    let mut session = ImportSession::default();
    app.import_batch(op, &mut session, rows)
        .await
        .map_err(|e| anyhow::anyhow!("loading the demo municipality: {e:?}"))?;
    announce!(
        "demo: registered {n} residents of 新宿区 (131041), Japanese and foreign, in households"
    );
    demo_cards(app, op, &data_dir.join("demo-cards")).await
}

/// The PINs of the demo cards (README): every 4-digit PIN, and the signature password.
const DEMO_PIN: &str = "1234";
const DEMO_PASSWORD: &str = "ABC123";

/// Takes the first three adults of the demo through application, production and pick-up, and
/// writes their card files to `dir` (named after the resident record code).
async fn demo_cards(app: &App, op: &Principal, dir: &std::path::Path) -> Result<()> {
    use mynumber_app::{CardApplication, HandOver};
    use mynumber_core::card::{CardKind, Channel, IdentityDocument, Reason};
    use mynumber_core::pin::PinKind;
    let today = mynumber_app::system::SystemClock.today();
    let adults: Vec<_> = app
        .export_page(op, None, None, 200)
        .await?
        .into_iter()
        .filter(|r| {
            mynumber_core::dates::age_on(r.row.version.resident.record.birth_date(), today) >= 20
        })
        .take(3)
        .collect();
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (i, r) in adults.iter().enumerate() {
        let code = r.row.person.resident_code;
        let application = app
            .apply_for_card(
                op,
                &code,
                CardApplication {
                    channel: Channel::Counter,
                    reason: Reason::First,
                    application_id: None,
                    photo: Some(mynumber_app::demo::portrait(i as u64)),
                    kind: CardKind::Standard,
                    with_certificates: true,
                    express: false,
                },
            )
            .await?;
        let produced = app.produce_card(op, &application.id).await?;
        let pins = PinKind::ALL
            .into_iter()
            .map(|k| {
                let pin = if k == PinKind::Signature {
                    DEMO_PASSWORD
                } else {
                    DEMO_PIN
                };
                (k, pin.to_owned())
            })
            .collect();
        let handed = app
            .hand_over_card(
                op,
                &produced.card.serial,
                HandOver {
                    documents: vec![IdentityDocument::Passport],
                    pins,
                    card_file: produced.card_file,
                },
            )
            .await?;
        let path = dir.join(format!("{}.mnc", code.digits()));
        crate::files::write_private(&path, &handed.card_file)?;
    }
    announce!(
        "demo: issued {} My Number Cards; their card files are in {} (PINs {DEMO_PIN}, signature password {DEMO_PASSWORD}): try `mynumber card attach FILE`",
        adults.len(),
        dir.display()
    );
    Ok(())
}

/// Signs a ledger checkpoint at start and then every `minutes`, ends cards past their expiry
/// and browser sessions left idle, and destroys returned letters past their retention; failures are logged and retried at the
/// next tick.
async fn checkpoints(app: App, minutes: u64, witness: Option<std::path::PathBuf>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(minutes * 60));
    loop {
        tick.tick().await;
        match app.create_checkpoint(&Principal::System).await {
            Ok(c) => {
                tracing::info!(
                    at_us = c.at_us(),
                    key = c.key_id(),
                    "signed a ledger checkpoint"
                );
                if let Some(dir) = &witness
                    && let Err(e) = crate::ledger::witness(dir, &c)
                {
                    tracing::error!(error = %e, "witnessing a ledger checkpoint failed");
                }
            }
            Err(e) => tracing::error!(error = %e, "signing a ledger checkpoint failed"),
        }
        // Cards past their expiry end on the same tick, with their certificates.
        match app.expire_cards(&Principal::System).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(cards = n, "ended cards past their expiry"),
            Err(e) => tracing::error!(error = %e, "ending expired cards failed"),
        }
        // Browser sessions whose cookie never came back are ended and recorded (a session is
        // refused past its idle timeout anyway; this closes it in the ledger).
        match app.sweep_sessions(&Principal::System).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                sessions = n,
                "ended sessions left idle or past their length"
            ),
            Err(e) => tracing::error!(error = %e, "ending idle sessions failed"),
        }
        // Kiosk sessions nobody came back to end; a paid one never printed is recorded as
        // unsettled, and the document it kept is dropped.
        match app.end_idle_kiosk_sessions(&Principal::System).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "ended idle kiosk sessions"),
            Err(e) => tracing::error!(error = %e, "ending idle kiosk sessions failed"),
        }
        // Records whose period of stay ended, its special period included, are removed ex
        // officio (職権消除), their cards void.
        match app.remove_lapsed_stays(&Principal::System).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(records = n, "removed records whose period of stay ended"),
            Err(e) => tracing::error!(error = %e, "removing records whose stay ended failed"),
        }
        // And cards not continued within 90 days of their holder's transfer-in are void.
        match app.void_cards_not_continued(&Principal::System).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(cards = n, "voided cards not continued after a move"),
            Err(e) => tracing::error!(error = %e, "voiding cards not continued failed"),
        }
        // Returned notification letters past their retention are destroyed on the same tick.
        match app.destroy_expired_notices(&Principal::System).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(letters = n, "destroyed returned letters past retention"),
            Err(e) => tracing::error!(error = %e, "destroying expired letters failed"),
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
