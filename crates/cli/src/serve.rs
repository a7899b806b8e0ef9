//! `mynumber serve`: the HTTP server, with first-start setup and the demo municipality.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use mynumber_api::{AppState, router};
use mynumber_app::demo::{SampleConfig, sample_rows};
use mynumber_app::{App, Clock, ImportSession};

use crate::setup::Deployment;

/// Starts the server and runs until Ctrl-C or SIGTERM.
pub async fn run(deployment: &Deployment, listen: SocketAddr, demo: bool) -> Result<()> {
    let app = deployment.open(16).await?;
    if let Some(admin) = app.bootstrap_administrator().await? {
        // Shown once: only the token's hash is stored.
        println!("==================================================================");
        println!(" First start: an administrator token was created. It is shown only");
        println!(" now; keep it safe. Use it as: Authorization: Bearer <token>");
        println!();
        println!("   {}", admin.token);
        println!("==================================================================");
    }
    if demo {
        load_demo(&app).await?;
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    let local = listener.local_addr()?;
    println!(
        "mynumber {} serving on http://{local}/ ({} database)",
        env!("CARGO_PKG_VERSION"),
        app.backend()
    );
    println!("API reference: http://{local}/api/docs/");
    tracing::info!(%local, backend = app.backend(), "serving");
    axum::serve(listener, router(AppState { app }))
        .with_graceful_shutdown(shutdown())
        .await
        .context("serving HTTP")?;
    Ok(())
}

/// Loads about 1,000 synthetic residents of 新宿区 into an empty register.
async fn load_demo(app: &App) -> Result<()> {
    let op = App::operator();
    if !app.export_page(&op, None, None, 1).await?.is_empty() {
        println!("demo: the register already has residents; nothing loaded");
        return Ok(());
    }
    let config =
        SampleConfig::shinjuku(1000, 20_261_125, mynumber_app::system::SystemClock.today());
    let mut rows = Vec::new();
    sample_rows(&config, |r| rows.push(r));
    let n = rows.len();
    let mut session = ImportSession::default();
    app.import_batch(&op, &mut session, rows)
        .await
        .map_err(|e| anyhow::anyhow!("loading the demo municipality: {e:?}"))?;
    println!(
        "demo: registered {n} residents of 新宿区 (131041), Japanese and foreign, in households"
    );
    Ok(())
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
