//! The baseline of the load runs (docs/performance.md, `scripts/bench-login`): plain axum on
//! tokio serving one static JSON body, with nothing of ours around it (no policy, no store, no
//! middleware). `plain_axum ADDRESS` serves until killed.

use axum::Router;
use axum::routing::get;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let app = Router::new().route(
        "/",
        get(|| async {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                r#"{"status":"ok","service":"baseline"}"#,
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("serving on {}", listener.local_addr()?);
    axum::serve(listener, app).await
}
