//! Helpers shared by the HTTP tests: a server on a throwaway SQLite database with both
//! authorities installed, driven without a socket.
#![allow(dead_code, reason = "each test file uses some of the helpers")]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use mynumber_api::{AppState, router};
use mynumber_app::system::{OsRandom, SystemClock};
use mynumber_app::{App, AppConfig};
use mynumber_core::{DerivationKey, PurposeSet};
use mynumber_store::{SqlStore, StoreConfig};
use serde_json::Value;
use tower::ServiceExt;

pub(crate) struct Server {
    pub(crate) router: Router,
    pub(crate) admin: String,
    pub(crate) app: App,
}

/// The cards' secure element of this test process (serials are random, so tests share it).
pub(crate) fn card_keys() -> Arc<mynumber_app::system::CardKeyStore> {
    static KEYS: std::sync::OnceLock<Arc<mynumber_app::system::CardKeyStore>> =
        std::sync::OnceLock::new();
    Arc::clone(KEYS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!(
            "mynumber-api-test-{}/card-keys",
            std::process::id()
        ));
        Arc::new(mynumber_app::system::CardKeyStore::open(dir).unwrap())
    }))
}

pub(crate) async fn server(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("mynumber-api-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&path);
    let store = SqlStore::connect(&StoreConfig {
        url: format!("sqlite://{}?mode=rwc", path.display()),
        max_connections: 4,
        workload: mynumber_store::Workload::Command,
    })
    .await
    .unwrap();
    let app = App::new(
        Arc::new(store),
        Arc::new(SystemClock),
        Arc::new(OsRandom),
        AppConfig {
            derivation_key: DerivationKey::from_bytes([5; 32]),
            purposes: PurposeSet::statutory(),
            ledger_key: mynumber_core::checkpoint::LedgerSigningKey::from_bytes([6; 32]),
            documents: mynumber_app::DocumentConfig {
                signing_key: Arc::new(mynumber_core::document::DocumentSigningKey::from_bytes(
                    [7; 32],
                )),
                fonts: Arc::new(mynumber_app::system::SystemFonts::new(None)),
                verify_url: "http://localhost:8080/verify".into(),
                public_url: "http://localhost:8080".into(),
                notice_retention_days: 90,
            },
            pki: mynumber_app::PkiSettings::new(
                mynumber_pki::PkiConfig::with_url("http://localhost:8080"),
                vec![7; 32],
                mynumber_app::system::responder_keys(),
            ),
            cards: mynumber_app::CardSettings {
                keys: mynumber_app::system::card_keys(),
                element: card_keys(),
            },
            credentials: mynumber_app::CredentialSettings { token_days: 90 },
            exchange: mynumber_app::ExchangeSettings::new([8; 32], [9; 32]),
        },
    );
    let admin = app
        .bootstrap_administrator()
        .await
        .unwrap()
        .unwrap()
        .token
        .token;
    for h in mynumber_pki::Hierarchy::ALL {
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .unwrap();
        app.install_authority(h, &key.serialize_der())
            .await
            .unwrap();
    }
    Server {
        router: router(AppState::new(app.clone())),
        admin,
        app,
    }
}

pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: Value,
    pub(crate) text: String,
}

impl Server {
    pub(crate) async fn call(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        match body {
            Some(b) => {
                self.send(
                    method,
                    uri,
                    token,
                    "application/json",
                    b.to_string().into_bytes(),
                )
                .await
            }
            None => self.send(method, uri, token, "", Vec::new()).await,
        }
    }

    /// A request whose body is `bytes` as `content_type` (none when empty).
    pub(crate) async fn send(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if !content_type.is_empty() {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        let req = req.body(Body::from(bytes)).unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
        }
    }
}
