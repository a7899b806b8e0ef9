//! Every door of the HTTP interface: each route is added with the access it requires, so that a
//! route cannot exist without a policy, and the list of doors comes from the same calls that
//! build the router (tests walk it, `tests/doors.rs`).
//!
//! A door that needs a principal authenticates the bearer token and asks the policy whether
//! the principal may do the door's action at all (`permits`) before the request body is read,
//! so a refused principal learns nothing from the body's checks; the use case then decides on
//! the subject. Failed authentications are logged and throttled per client.

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use mynumber_app::AppError;
use mynumber_core::{Action, Principal};

use crate::{ApiError, AppState};

/// What a door requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the verification page, CA certificates, CRLs, OCSP, public keys, the reference.
    Public,
    /// An authenticated principal the policy lets do this action (the use case then decides
    /// on the subject).
    Policy(Action),
    /// A staff member signed in with a browser session whom the policy lets do this action;
    /// a POST must also come from this host's page with its CSRF token (`web/mod.rs`).
    Desk(Action),
    /// A kiosk terminal whose request body is signed by its registered key, for this door
    /// (`kiosks::kiosk_guard`), and whom the policy lets do this action.
    Kiosk(Action),
    /// A resident logged in to the portal with the card, whose session's cookie this is
    /// (`web::portal::portal_guard`), and whom the policy lets do this action.
    Portal(Action),
}

/// One route of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Door {
    /// The HTTP method.
    pub method: &'static str,
    /// The path as routed (`{name}` for a parameter).
    pub path: &'static str,
    /// What it requires.
    pub access: Access,
}

/// Builds the router and the list of its doors together.
pub(crate) struct Doors {
    state: AppState,
    routes: BTreeMap<&'static str, MethodRouter<AppState>>,
    list: Vec<Door>,
}

impl Doors {
    pub(crate) fn new(state: AppState) -> Self {
        Self {
            state,
            routes: BTreeMap::new(),
            list: Vec::new(),
        }
    }

    /// Adds a door: `route` answers `method` on `path`, behind the guard `access` needs.
    pub(crate) fn door(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        route: MethodRouter<AppState>,
    ) -> Self {
        let route = match access {
            Access::Public => route,
            Access::Policy(action) => {
                route.route_layer(from_fn_with_state((self.state.clone(), action), guard))
            }
            Access::Desk(action) => route.route_layer(from_fn_with_state(
                (self.state.clone(), action),
                crate::web::desk_guard,
            )),
            Access::Kiosk(action) => route.route_layer(from_fn_with_state(
                (self.state.clone(), action),
                crate::kiosks::kiosk_guard,
            )),
            Access::Portal(action) => route.route_layer(from_fn_with_state(
                (self.state.clone(), action),
                crate::web::portal::portal_guard,
            )),
        };
        let merged = match self.routes.remove(path) {
            Some(existing) => existing.merge(route),
            None => route,
        };
        self.routes.insert(path, merged);
        self.list.push(Door {
            method: method_name(&method),
            path,
            access,
        });
        self
    }

    /// Records a public door served by a router of its own (the API reference page).
    pub(crate) fn public_elsewhere(mut self, method: Method, path: &'static str) -> Self {
        self.list.push(Door {
            method: method_name(&method),
            path,
            access: Access::Public,
        });
        self
    }

    /// The router (with `state`) and its doors.
    pub(crate) fn finish(self) -> (Router, Vec<Door>) {
        let mut router = Router::new();
        for (path, route) in self.routes {
            router = router.route(path, route);
        }
        let router = router
            .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
            .with_state(self.state);
        (router, self.list)
    }
}

fn method_name(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        _ => "OTHER",
    }
}

/// Authenticates the request's principal and asks the policy about the door's action before
/// the handler reads anything; the principal rides on to the handler in the request's
/// extensions.
async fn guard(
    State((state, action)): State<(AppState, Action)>,
    mut req: Request,
    next: Next,
) -> Response {
    let client = client_address(&state, req.extensions(), req.headers());
    let principal = match authenticate(&state, req.headers(), client).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = state.app.permit(&principal, action).await {
        return ApiError::from(e).into_response();
    }
    req.extensions_mut().insert(principal);
    next.run(req).await
}

/// Who the client is, for the throttle: the connection's peer. Behind a proxy
/// ([`AppState::behind_proxy`]), every request comes from the proxy, so the client is the
/// last address in `X-Forwarded-For`: the one the proxy appended. Earlier entries are whatever
/// the client sent and are never believed. Without a proxy the header is ignored, so that a
/// client cannot name itself someone else.
pub(crate) fn client_address(
    state: &AppState,
    extensions: &axum::http::Extensions,
    headers: &axum::http::HeaderMap,
) -> Option<IpAddr> {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if !state.behind_proxy {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|last| last.trim().parse().ok())
        .or(peer)
}

/// The principal behind the bearer token, with failed attempts throttled per client.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    client: Option<IpAddr>,
) -> Result<Principal, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // No token is not an attempt at one: 401, whatever the client tried before.
    if token.is_none() {
        return Err(AppError::Unauthenticated.into());
    }
    if let Some(wait) = state.throttle.blocked(client) {
        return Err(too_many(wait));
    }
    let result = match token {
        Some(t) => state.app.authenticate(t.trim()).await,
        None => Err(AppError::Unauthenticated),
    };
    match result {
        Ok(p) => Ok(p),
        Err(AppError::Unauthenticated) => {
            // A request without a token is not an attempt at one.
            if token.is_some() {
                state.throttle.failed(client);
                tracing::warn!(client = ?client, "a bearer token was refused");
            }
            Err(AppError::Unauthenticated.into())
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn too_many(wait: Duration) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-failures",
        "Too many failed authentications",
        format!(
            "too many refused tokens from this client; try again in {} s",
            wait.as_secs().max(1)
        ),
    )
    .with_header(
        header::RETRY_AFTER,
        HeaderValue::from(wait.as_secs().max(1)),
    )
}

/// Failed authentications per client: after [`Throttle::LIMIT`] within [`Throttle::WINDOW`],
/// the client is refused until the window ends. Held in memory per server: a distributed
/// guesser is slowed per address, and a token has 256 random bits besides.
#[derive(Debug, Clone)]
pub struct Throttle {
    failures: Arc<Mutex<Failures>>,
    limit: u32,
}

impl Default for Throttle {
    fn default() -> Self {
        Self::with_limit(Self::LIMIT)
    }
}

/// Per client (`None`: unknown, as in tests without a socket): when its window began, and how
/// many tokens it had refused since.
type Failures = HashMap<Option<IpAddr>, (Instant, u32)>;

impl Throttle {
    /// Refused tokens allowed per client and window, by default.
    pub const LIMIT: u32 = 10;

    /// A throttle allowing `limit` refused tokens per client and window.
    pub fn with_limit(limit: u32) -> Self {
        Self {
            failures: Arc::default(),
            limit: limit.max(1),
        }
    }
    /// The window.
    pub const WINDOW: Duration = Duration::from_secs(60);

    pub(crate) fn blocked(&self, client: Option<IpAddr>) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        let (since, n) = map.get(&client)?;
        let elapsed = since.elapsed();
        (*n >= self.limit && elapsed < Self::WINDOW).then(|| Self::WINDOW - elapsed)
    }

    pub(crate) fn failed(&self, client: Option<IpAddr>) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() > 100_000 {
            map.retain(|_, (since, _)| since.elapsed() < Self::WINDOW);
        }
        let entry = map.entry(client).or_insert((Instant::now(), 0));
        if entry.0.elapsed() >= Self::WINDOW {
            *entry = (Instant::now(), 0);
        }
        entry.1 += 1;
    }
}
