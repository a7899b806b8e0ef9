//! What every response carries and every request is held to: security headers (HSTS when
//! served over TLS, a content security policy, no sniffing, no framing), a time limit on each
//! request, and a bound on the requests served at once (issue 9, HTTPS).

use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;

/// How the server holds its requests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Served over TLS with a real certificate: every response carries
    /// `Strict-Transport-Security` (not with a local self-signed one, which browsers would
    /// then remember for `localhost`).
    pub hsts: bool,
    /// The longest a request may take, its body included; then 408.
    pub request_timeout: Duration,
    /// Requests served at once; more wait for a free place (within their time limit).
    pub concurrent_requests: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            hsts: false,
            request_timeout: Duration::from_secs(30),
            concurrent_requests: 512,
        }
    }
}

/// The policy of the HTML pages (the landing page, the verify page, the API reference): only
/// this origin's scripts, styles (Swagger UI sets inline styles) and images (and inline SVG
/// icons); no plugins, no forms elsewhere, no framing.
const PAGE_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' \
     'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The policy of everything else (JSON, PDF, DER): nothing runs, nothing frames it.
const DATA_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Two years, the preload list's minimum being one.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Wraps `router` in the headers, the time limit and the concurrency bound.
pub fn harden(router: Router, limits: Limits) -> Router {
    let hsts = limits.hsts;
    // Outermost last: the headers go on every answer, a 408 included; the time limit counts
    // the wait for a place.
    router
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            limits.concurrent_requests.max(1),
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            security_headers(hsts, req, next)
        }))
}

async fn security_headers(hsts: bool, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(if html {
            PAGE_POLICY
        } else {
            DATA_POLICY
        }));
    if hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}
