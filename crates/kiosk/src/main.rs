//! mynumber-kiosk: the software of a convenience-store kiosk (コンビニ交付, issue 13). It serves
//! the kiosk's touch screens on the machine itself, reaches the card through PC/SC, holds the
//! terminal's key and signs every request it makes to the certificate-issuing centre
//! (docs/design/kiosk.md). A separate program from the centre's `mynumber`: a kiosk holds no
//! register, and the centre's server needs no card reader.

mod card;
mod centre;
mod screens;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "mynumber-kiosk",
    version,
    about = "A convenience-store kiosk: its screens, the card through PC/SC, and its signed requests to the centre"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make the terminal's P-256 key (PKCS#8 DER, mode 0600) and print its public JWK, for
    /// the centre's administrator to register the terminal with.
    Keygen {
        /// Where to write the private key.
        #[arg(long)]
        out: PathBuf,
    },
    /// Serve the kiosk's screens on this machine.
    Run {
        /// The centre's URL (http://host:port).
        #[arg(long, env = "MYNUMBER_KIOSK_CENTRE")]
        centre: String,
        /// The terminal's id, as the centre registered it.
        #[arg(long, env = "MYNUMBER_KIOSK_TERMINAL")]
        terminal: String,
        /// The shop's code, as the centre registered it.
        #[arg(long, env = "MYNUMBER_KIOSK_SHOP")]
        shop: String,
        /// The terminal's private key (from `keygen`).
        #[arg(long, env = "MYNUMBER_KIOSK_KEY")]
        key: PathBuf,
        /// Where the screens listen: loopback, for the kiosk's own browser.
        #[arg(long, default_value = "127.0.0.1:8090")]
        listen: SocketAddr,
        /// The printer's spool: each print is written here whole, as CODE-xCOPIES.pdf.
        #[arg(long)]
        print_dir: PathBuf,
        /// A part of the card reader's name; by default the first reader with a card.
        #[arg(long)]
        reader: Option<String>,
        /// Seconds without a touch before a session ends and the screen starts over.
        #[arg(long, default_value_t = 90)]
        idle_seconds: u64,
    },
}

fn keygen(out: &PathBuf) -> Result<()> {
    let pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
            .map_err(|_| anyhow::anyhow!("no randomness for the key"))?;
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
        .map_err(|_| anyhow::anyhow!("the key just made does not load"))?;
    let (x, y) = mynumber_pki::jose::jwk_coordinates(key.public_key().as_ref())
        .context("a P-256 public key is an uncompressed point")?;
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(out)
            .with_context(|| format!("creating {}", out.display()))?;
        file.write_all(pkcs8.as_ref())?;
        file.sync_all()?;
    }
    println!(
        "{}",
        serde_json::json!({"kty": "EC", "crv": "P-256", "x": x, "y": y})
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mynumber-kiosk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Keygen { out } => keygen(&out),
        Command::Run {
            centre,
            terminal,
            shop,
            key,
            listen,
            print_dir,
            reader,
            idle_seconds,
        } => {
            let key = std::fs::read(&key).with_context(|| format!("reading {}", key.display()))?;
            mynumber_pki::jose::es256_public_point(&key)
                .map_err(|_| anyhow::anyhow!("the key file is not a P-256 key in PKCS#8 DER"))?;
            anyhow::ensure!(
                centre.starts_with("http://"),
                "the centre's URL must be http://host:port (docs/design/kiosk.md)"
            );
            let kiosk = screens::Kiosk {
                centre: centre::Centre::new(&centre, &terminal, &shop, key),
                reader,
                print_dir,
                // At least 30 s: the warning comes 20 s before the end (WCAG 2.2.1).
                idle: idle_seconds.max(30),
                session: tokio::sync::Mutex::default(),
            };
            // The screens are the kiosk's own browser's: never served beyond the machine.
            anyhow::ensure!(
                listen.ip().is_loopback(),
                "--listen must be a loopback address (the screens are the kiosk's own)"
            );
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("listening on {listen}"))?;
            tracing::info!(%listen, %centre, %terminal, "the kiosk's screens are served");
            axum::serve(listener, screens::router(kiosk))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .context("serving the screens")
        }
    }
}
