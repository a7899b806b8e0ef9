//! Log-in with the card (issue 12; docs/design/oidc.md): the OpenID Connect provider's use
//! cases. A relying party registered as a client sends the resident with a request; the
//! resident's authentication app signs the log-in's challenge with the card's
//! user-authentication key after the 4-digit PIN; the provider checks the signature, the
//! chain and the certificate's status at that moment; the resident consents in the browser;
//! the relying party trades the code (with PKCE and its signed assertion) for an ID token,
//! signed ES256 under a key the JWKS publishes, and an access token for the consented items.
//!
//! The JSON of tokens is the API's: the app hands the claims to the caller's encoder and signs
//! the bytes it gets back, so the private key never leaves the app.

use std::sync::Arc;

use mynumber_core::certificate::CertificateStatus;
use mynumber_core::client_assertion::Assertion;
use mynumber_core::oidc::{
    ACCESS_TOKEN_S, ACR, AMR, AuthorizationParams, CODE_S, ID_TOKEN_S, LOGIN_S, LoginStatus,
    RequestError, Scope, Scopes, challenge_message, check_request, is_code_verifier,
    pairwise_subject, with_query,
};
use mynumber_core::organisation::{OrgRole, OrgStatus};
use mynumber_core::{Action, FieldError, OrganisationId, Principal, Refused, Subject};
use mynumber_pki::Hierarchy;
use mynumber_pki::jose::CompactJws;

use crate::access::authorize;
use crate::certificates::certificate_name;
use crate::ledger::{Record, append};
use crate::ports::{OidcClientRow, OidcLoginRow, OidcTokenRow, ProviderKeyRow};
use crate::{App, AppError, Tx, Verdict, load, token_hash};

/// The provider key that signs ID tokens.
const ID_TOKEN_KEY: &str = "id-token";
/// The key of pairwise subject identifiers.
const PAIRWISE_KEY: &str = "pairwise";
/// How long a retired signing key is still published: longer than any ID token it signed.
const RETIRED_PUBLISHED_US: i64 = 24 * 3_600_000_000;
/// Log-ins are kept this long after they end, so that a code used twice is still known.
const LOGIN_KEPT_US: i64 = 3_600_000_000;
/// What begins an access token for userinfo, so that the doors know it from staff and
/// organisation tokens.
pub const LOGIN_TOKEN_PREFIX: &str = "mnu_";
/// The most redirection URIs a client registers.
pub const MAX_REDIRECT_URIS: usize = 10;
/// The longest redirection URI (bytes).
const MAX_URI: usize = 512;

/// A log-in begun: its id (in the browser's URL and the app's) and the secret the browser keeps
/// in a cookie, which binds the consent to the browser that began it.
#[derive(Clone)]
pub struct Begun {
    /// The log-in's id.
    pub login: String,
    /// The browser's secret.
    pub browser: String,
}

impl std::fmt::Debug for Begun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Begun")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// What the browser's page shows of a log-in: nothing personal.
#[derive(Clone, Debug)]
pub struct LoginView {
    /// Its id.
    pub id: String,
    /// The relying party's registered name.
    pub client_name: String,
    /// The scopes asked for.
    pub scopes: Scopes,
    /// Where it stands (`None`: its time ran out).
    pub status: Option<LoginStatus>,
    /// The language the relying party asked for, if one.
    pub ui_locale: String,
    /// The code the page and the app both show, to compare.
    pub confirmation: String,
    /// Whether this browser began it.
    pub own_browser: bool,
    /// Whether the resident is also asked to sign a document.
    pub signs: bool,
}

/// What the authentication app is shown and signs.
#[derive(Clone, Debug)]
pub struct CardChallenge {
    /// The bytes the card signs (their SHA-256 as DigestInfo).
    pub message: Vec<u8>,
    /// Who asks.
    pub client_name: String,
    /// For which scopes.
    pub scopes: Scopes,
    /// The code the browser shows.
    pub confirmation: String,
    /// Until when (µs).
    pub expires_at_us: i64,
    /// The document to sign with the signature key, when the log-in carries one.
    pub sign: Option<crate::SignChallenge>,
}

/// The claims of an ID token (OIDC Core §2), for the caller's encoder.
#[derive(Clone, Debug)]
pub struct IdTokenClaims {
    /// `iss`.
    pub iss: String,
    /// `sub`: pairwise.
    pub sub: String,
    /// `aud`: the client id.
    pub aud: String,
    /// `exp` (seconds).
    pub exp: i64,
    /// `iat` (seconds).
    pub iat: i64,
    /// `auth_time` (seconds).
    pub auth_time: i64,
    /// `nonce`.
    pub nonce: String,
    /// `acr`.
    pub acr: &'static str,
    /// `amr`.
    pub amr: [&'static str; 3],
    /// `at_hash` (OIDC Core §3.1.3.6).
    pub at_hash: String,
}

/// A card's answer refused, saying why.
fn card_refused(reason: String) -> AppError {
    AppError::Refused(Refused {
        state: "certificate".into(),
        procedure: "log-in",
        reason,
    })
}

/// Writes a JOSE header (`alg` ES256, the `kid`) and an ID token's claims as JSON bytes.
pub type IdTokenEncoder<'a> = &'a (dyn Fn(&str, &IdTokenClaims) -> (Vec<u8>, Vec<u8>) + Sync);

/// What the token endpoint gives for a code.
#[derive(Clone)]
pub struct TokenGrant {
    /// The access token for userinfo.
    pub access_token: String,
    /// Its lifetime (seconds).
    pub expires_in: i64,
    /// The scopes granted.
    pub scope: String,
    /// The ID token, compact JWS (none on a refresh).
    pub id_token: Option<String>,
    /// The refresh token that keeps an app's grant to the resident's information
    /// (自己情報取得API), when the log-in granted one; a new one comes with every refresh.
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for TokenGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenGrant")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// Why the token endpoint refused (RFC 6749 §5.2).
#[derive(Debug)]
pub enum TokenRefusal {
    /// `invalid_client`: the assertion was not accepted.
    Client,
    /// `invalid_grant`: the code is unknown, used, expired, another client's, or the
    /// redirection URI or the PKCE verifier does not match.
    Grant(&'static str),
    /// Not the client's fault.
    Failed(AppError),
}

impl From<AppError> for TokenRefusal {
    fn from(e: AppError) -> Self {
        Self::Failed(e)
    }
}

impl From<crate::StoreError> for TokenRefusal {
    fn from(e: crate::StoreError) -> Self {
        Self::Failed(e.into())
    }
}

/// The items a resident consented to, for userinfo (OIDC Core §5.3).
#[derive(Clone)]
pub struct ConsentedItems {
    /// The pairwise subject.
    pub sub: String,
    /// 氏名, as on the card.
    pub name: Option<String>,
    /// 住所, as on the card.
    pub address: Option<String>,
    /// 生年月日, `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// 性別: `male` or `female` (OIDC Core §5.1).
    pub gender: Option<&'static str>,
}

impl std::fmt::Debug for ConsentedItems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsentedItems").finish_non_exhaustive()
    }
}

/// A public key the JWKS publishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedKey {
    /// `kid`.
    pub kid: String,
    /// `x`.
    pub x: String,
    /// `y`.
    pub y: String,
}

/// The code shown by the page and the app for one log-in: six digits from its id.
pub(crate) fn confirmation(login: &str) -> String {
    let digest = token_hash(login);
    let n = u32::from_str_radix(&digest[..8], 16).unwrap_or(0) % 1_000_000;
    format!("{:03} {:03}", n / 1000, n % 1000)
}

/// Whether a redirection URI may be registered: absolute `https`, or `http` on the loopback
/// (RFC 8252 §7.3, for native and test relying parties); no fragment (RFC 6749 §3.1.2).
fn acceptable_uri(uri: &str) -> bool {
    let loopback = ["http://localhost", "http://127.0.0.1", "http://[::1]"]
        .iter()
        .any(|p| {
            uri.strip_prefix(p)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('/'))
        });
    (uri.starts_with("https://") || loopback)
        && !uri.contains('#')
        && uri.len() <= MAX_URI
        && !uri.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn check_uris(field: &'static str, uris: &[String], at_least: usize) -> Result<(), FieldError> {
    if uris.len() < at_least || uris.len() > MAX_REDIRECT_URIS {
        return Err(FieldError::new(field, "problem-redirect-uris")
            .arg("max", i64::try_from(MAX_REDIRECT_URIS).unwrap_or(0)));
    }
    if let Some(bad) = uris.iter().find(|u| !acceptable_uri(u)) {
        return Err(FieldError::new(field, "problem-redirect-uri").arg("given", bad.as_str()));
    }
    Ok(())
}

impl App {
    /// The issuer: this provider's URL (the Agency's Keycloak-style realm path).
    pub fn issuer(&self) -> String {
        format!("{}/api/realms/main", self.documents.public_url)
    }

    /// The provider's token endpoint.
    pub fn oidc_token_endpoint(&self) -> String {
        format!("{}/protocol/openid-connect/token", self.issuer())
    }

    /// Registers (or replaces) a relying party's redirection URIs and logout URIs, so that it
    /// may send residents to log in with the card. National administrators only.
    pub async fn register_oidc_client(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
        redirect_uris: Vec<String>,
        logout_uris: Vec<String>,
    ) -> Result<OidcClientRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let mut problems = Vec::new();
        if let Err(e) = check_uris("redirect_uris", &redirect_uris, 1) {
            problems.push(e);
        }
        if let Err(e) = check_uris("post_logout_redirect_uris", &logout_uris, 0) {
            problems.push(e);
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(mynumber_core::Invalid(problems)));
        }
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let org = tx
            .organisation(organisation)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        if org.status == OrgStatus::Revoked {
            return Err(AppError::Refused(Refused {
                state: "revoked organisation".into(),
                procedure: "register-oidc-client",
                reason: "a revoked organisation cannot be a client".into(),
            }));
        }
        let now = self.clock.now_us();
        let row = OidcClientRow {
            organisation,
            redirect_uris,
            logout_uris,
            registered_at_us: now,
        };
        tx.put_oidc_client(&row).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "oidc-client-registered",
                format!(
                    "organisation={organisation} redirect_uris={}",
                    row.redirect_uris.len()
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// A relying party's client registration, for administrators and auditors.
    pub async fn oidc_client(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
    ) -> Result<Option<OidcClientRow>, AppError> {
        self.permit(principal, Action::ReadOrganisations).await?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOrganisations,
            &Subject::Everything,
            "organisation"
        );
        Ok(tx.oidc_client(organisation).await?)
    }

    /// Begins a log-in from a relying party's authorization request. The request's faults
    /// come back as the core's [`RequestError`], for the caller to show or redirect.
    pub async fn begin_login(
        &self,
        params: &AuthorizationParams,
    ) -> Result<Result<Begun, RequestError>, AppError> {
        let client = params
            .client_id
            .as_deref()
            .and_then(|c| OrganisationId::parse(c.trim()));
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let (client, registered, verifier) = match client {
            Some(id) => {
                let organisation = tx
                    .organisation(id)
                    .await?
                    .filter(|o| o.status == OrgStatus::Active);
                let verifier = organisation
                    .as_ref()
                    .is_some_and(|o| o.roles.contains(&OrgRole::SignatureVerifier));
                match tx.oidc_client(id).await? {
                    Some(c) if organisation.is_some() => (Some(id), c.redirect_uris, verifier),
                    _ => (None, Vec::new(), false),
                }
            }
            None => (None, Vec::new(), false),
        };
        let request = match check_request(params, client, &registered) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        // 最新基本4情報 go only to a 署名検証者 (outside-world §2.2).
        if request.scopes.has(Scope::LatestFour) && !verifier {
            return Ok(Err(RequestError::Redirect {
                redirect_uri: request.redirect_uri,
                state: Some(request.state),
                error: "invalid_scope",
                description: "latest_four is for organisations registered as signature \
                              verifiers",
            }));
        }
        if let Some(t) = &request.sign_transaction
            && !self
                .sign_transaction_for_login(tx.as_mut(), t, request.client, now)
                .await?
        {
            return Ok(Err(RequestError::Redirect {
                redirect_uri: request.redirect_uri,
                state: Some(request.state),
                error: "invalid_request",
                description: "sign_transaction_id is unknown, expired, already signed, or \
                              another client's",
            }));
        }
        let id = hex::encode(self.random_bytes::<16>());
        let browser = hex::encode(self.random_bytes::<32>());
        let row = OidcLoginRow {
            id: id.clone(),
            organisation: request.client,
            redirect_uri: request.redirect_uri,
            scope: request.scopes.to_string(),
            state: request.state,
            nonce: request.nonce,
            code_challenge: request.code_challenge,
            acr_values: request.acr_values.join(" "),
            ui_locale: request.ui_locales.join(" "),
            challenge: hex::encode(self.random_bytes::<32>()),
            browser_hash: token_hash(&browser),
            status: LoginStatus::Waiting,
            person: None,
            certificate_serial: None,
            auth_time_us: None,
            code_hash: None,
            code_expires_at_us: None,
            created_at_us: now,
            expires_at_us: now + LOGIN_S * 1_000_000,
            sign_transaction: request.sign_transaction,
        };
        tx.insert_oidc_login(&row, now - LOGIN_KEPT_US).await?;
        tx.commit().await?;
        Ok(Ok(Begun { login: id, browser }))
    }

    /// A log-in as its page shows it; `browser` is the cookie's secret, if the browser sent one.
    pub async fn login_view(&self, id: &str, browser: Option<&str>) -> Result<LoginView, AppError> {
        let mut tx = self.store.begin_lookup().await?;
        let row = tx
            .oidc_login(id)
            .await?
            .ok_or(AppError::NotFound("log-in"))?;
        let client_name = tx
            .organisation(row.organisation)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let now = self.clock.now_us();
        let live = row.expires_at_us > now
            || matches!(row.status, LoginStatus::Consented | LoginStatus::Redeemed);
        Ok(LoginView {
            confirmation: confirmation(&row.id),
            own_browser: browser.is_some_and(|b| token_hash(b) == row.browser_hash),
            id: row.id,
            client_name,
            scopes: Scopes::parse(&row.scope),
            status: live.then_some(row.status),
            ui_locale: row.ui_locale,
            signs: row.sign_transaction.is_some(),
        })
    }

    /// What the authentication app signs for a log-in still waiting for the card.
    pub async fn login_challenge(&self, id: &str) -> Result<CardChallenge, AppError> {
        let mut tx = self.store.begin_lookup().await?;
        let row = tx
            .oidc_login(id)
            .await?
            .ok_or(AppError::NotFound("log-in"))?;
        let now = self.clock.now_us();
        waiting(&row, now)?;
        let client_name = tx
            .organisation(row.organisation)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let sign = self.sign_challenge(tx.as_mut(), &row, now).await?;
        Ok(CardChallenge {
            sign,
            message: challenge_message(&self.issuer(), &row.id, &row.challenge),
            client_name,
            scopes: Scopes::parse(&row.scope),
            confirmation: confirmation(&row.id),
            expires_at_us: row.expires_at_us,
        })
    }

    /// The card's answer to a log-in's challenge: its user-authentication certificate (DER)
    /// and its signature. The signature must verify with the certificate's key; the
    /// certificate must be this system's user-authentication certificate, in its validity and
    /// neither held nor revoked at this moment. Then the log-in is the certificate holder's,
    /// recorded on them. A log-in that carries a document to sign needs the card's signature
    /// over it too (`signed`), with the holder's signature certificate in force.
    pub async fn answer_login_challenge(
        &self,
        id: &str,
        certificate: &[u8],
        signature: &[u8],
        signed: Option<crate::SignAnswer<'_>>,
    ) -> Result<(), AppError> {
        let now = self.clock.now_us();
        let at = jiff::Timestamp::from_microsecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let login = {
            let mut tx = self.store.begin_lookup().await?;
            tx.oidc_login(id)
                .await?
                .ok_or(AppError::NotFound("log-in"))?
        };
        waiting(&login, now)?;
        let message = challenge_message(&self.issuer(), &login.id, &login.challenge);
        let (check, serial) = self
            .check_card_answer(&message, certificate, signature, at)
            .await?;
        let document = if check.verdict == Verdict::Valid {
            self.check_sign_answer(&login, signed.as_ref(), now).await?
        } else {
            None
        };
        let tx = self.store.begin().await?;
        let (mut tx, person) = self
            .card_holder(
                tx,
                &check,
                &serial,
                &format!("organisation={}", login.organisation),
                now,
            )
            .await?;
        let principal = Principal::Resident(person);
        authorize!(
            self,
            tx,
            &principal,
            Action::LogIn,
            &Subject::Login {
                person,
                organisation: login.organisation
            },
            "log-in"
        );
        if document.is_some() {
            authorize!(
                self,
                tx,
                &principal,
                Action::SignDocument,
                &Subject::Login {
                    person,
                    organisation: login.organisation
                },
                "log-in"
            );
        }
        let document = match document {
            Some(checked) => Some(self.recheck_signature(tx.as_mut(), person, checked).await?),
            None => None,
        };
        if let Some(refusal @ crate::signing::SignCheck::Refused { .. }) = document {
            return Err(self
                .record_sign_refusal(tx, person, &login, refusal, now)
                .await?);
        }
        let v = load::current_version(tx.as_mut(), person).await?;
        let updated = OidcLoginRow {
            status: LoginStatus::Authenticated,
            person: Some(person),
            certificate_serial: Some(serial.clone()),
            auth_time_us: Some(now),
            ..login.clone()
        };
        if !tx.update_oidc_login(&updated, LoginStatus::Waiting).await? {
            return Err(AppError::Conflict);
        }
        if let Some(crate::signing::SignCheck::Signed(t, serial)) = document {
            self.record_signature(tx.as_mut(), person, (t, serial), now)
                .await?;
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record {
                partition: v.resident.record.municipality().as_str().to_owned(),
                action: "card-login-authenticated",
                person: Some(person),
                purpose: None,
                detail: format!(
                    "organisation={} login={} certificate={serial}",
                    login.organisation, login.id
                ),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The card's answer to a challenge, `message`: the signature must verify with the
    /// certificate's key, and the certificate be this system's user-authentication
    /// certificate (its status at `at` is in the check, for [`App::card_holder`]). The
    /// check, and the certificate's serial.
    pub(crate) async fn check_card_answer(
        &self,
        message: &[u8],
        certificate: &[u8],
        signature: &[u8],
        at: jiff::Timestamp,
    ) -> Result<(crate::revocation_info::CertificateCheck, String), AppError> {
        mynumber_pki::verify_with_certificate(certificate, message, signature)
            .map_err(AppError::NotVerified)?;
        let check = self.check_certificate(certificate, at).await?;
        if check.hierarchy != Some(Hierarchy::Authentication) && check.verdict == Verdict::Valid {
            return Err(card_refused(
                "not valid: it is not a user-authentication certificate".into(),
            ));
        }
        let serial = hex::encode(&check.certificate.serial);
        Ok((check, serial))
    }

    /// The holder of a checked certificate, in `tx`, if it is valid and in force in the
    /// register now. A certificate of this system held, revoked or expired is refused and the
    /// refusal recorded on its holder (`card-login-refused`, with `detail`), committing `tx`.
    pub(crate) async fn card_holder(
        &self,
        mut tx: Box<dyn crate::Tx>,
        check: &crate::revocation_info::CertificateCheck,
        serial: &str,
        detail: &str,
        now: i64,
    ) -> Result<(Box<dyn crate::Tx>, mynumber_core::PersonId), AppError> {
        let cert = tx.certificate(serial).await?;
        let person = cert.as_ref().map(|c| c.person);
        if check.verdict != Verdict::Valid
            || cert
                .as_ref()
                .is_none_or(|c| c.status != CertificateStatus::Good)
        {
            if let Some(person) = person {
                let record = Record::on_person(
                    tx.as_mut(),
                    person,
                    "card-login-refused",
                    format!("{detail} certificate={serial} verdict={}", check.verdict),
                )
                .await?;
                append(
                    tx.as_mut(),
                    &Principal::Resident(person).ledger_name(),
                    now,
                    vec![record],
                )
                .await?;
                tx.commit().await?;
            }
            return Err(card_refused(check.verdict.to_string()));
        }
        let person = person.ok_or_else(|| card_refused(Verdict::NotInRegister.to_string()))?;
        Ok((tx, person))
    }

    /// The resident's answer in the browser that began the log-in: consent gives the relying
    /// party a code; a refusal tells it `access_denied`. Either way, the URL to send the
    /// browser to.
    pub async fn decide_login(
        &self,
        id: &str,
        browser: &str,
        consent: bool,
        granted: Option<&[mynumber_core::exchange::DataItem]>,
    ) -> Result<String, AppError> {
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let login = tx
            .oidc_login(id)
            .await?
            .ok_or(AppError::NotFound("log-in"))?;
        if token_hash(browser) != login.browser_hash {
            return Err(AppError::Unauthenticated);
        }
        if login.status != LoginStatus::Authenticated || login.expires_at_us <= now {
            return Err(not_waiting(&login, now, "consent"));
        }
        let Some(person) = login.person else {
            return Err(AppError::Conflict);
        };
        let principal = Principal::Resident(person);
        authorize!(
            self,
            tx,
            &principal,
            Action::LogIn,
            &Subject::Login {
                person,
                organisation: login.organisation
            },
            "log-in"
        );
        let v = load::current_version(tx.as_mut(), person).await?;
        let iss = self.issuer();
        // The agencies' data sets are granted one by one: those the resident left ticked
        // (all asked, when the form did not list them).
        let asked = Scopes::parse(&login.scope);
        let scopes = match granted {
            Some(kept) => asked.keeping_only(kept),
            None => asked,
        };
        let items: Vec<&str> = scopes.items().map(Scope::code).collect();
        let (updated, target, action) = if consent {
            let code = hex::encode(self.random_bytes::<32>());
            let target = with_query(
                &login.redirect_uri,
                &[("code", &code), ("state", &login.state), ("iss", &iss)],
            );
            (
                OidcLoginRow {
                    status: LoginStatus::Consented,
                    scope: scopes.to_string(),
                    code_hash: Some(token_hash(&code)),
                    code_expires_at_us: Some(now + CODE_S * 1_000_000),
                    ..login.clone()
                },
                target,
                "card-login-consented",
            )
        } else {
            let target = with_query(
                &login.redirect_uri,
                &[
                    ("error", "access_denied"),
                    ("error_description", "the resident declined"),
                    ("state", &login.state),
                    ("iss", &iss),
                ],
            );
            (
                OidcLoginRow {
                    status: LoginStatus::Declined,
                    ..login.clone()
                },
                target,
                "card-login-declined",
            )
        };
        if !tx
            .update_oidc_login(&updated, LoginStatus::Authenticated)
            .await?
        {
            return Err(AppError::Conflict);
        }
        let partition = v.resident.record.municipality().as_str().to_owned();
        let mut records = vec![Record {
            partition: partition.clone(),
            action,
            person: Some(person),
            purpose: None,
            detail: format!(
                "organisation={} login={} items={}",
                login.organisation,
                login.id,
                if items.is_empty() {
                    "none".to_owned()
                } else {
                    items.join(",")
                }
            ),
        }];
        // 最新基本4情報提供: the consent runs a year from this one (docs/design/signing.md).
        if consent && scopes.has(Scope::LatestFour) {
            let until = now + LATEST_FOUR_CONSENT_US;
            tx.put_latest_four_consent(person, login.organisation, now, until)
                .await?;
            records.push(Record {
                partition: partition.clone(),
                action: "latest-four-consented",
                person: Some(person),
                purpose: None,
                detail: format!(
                    "organisation={} login={} until={}",
                    login.organisation,
                    login.id,
                    crate::revocation_info::timestamp(until)
                ),
            });
        }
        if consent {
            records.extend(
                self.grant_app(
                    tx.as_mut(),
                    person,
                    &login,
                    (&Scopes::parse(&login.scope), &scopes),
                    &partition,
                    now,
                )
                .await?,
            );
        }
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(target)
    }

    /// The authorization-code grant (OIDC Core §3.1.3): the client proves itself with a signed
    /// assertion whose audience is the issuer or the token endpoint; the code must be its own,
    /// unexpired and unused, with the same redirection URI and the PKCE verifier of its
    /// challenge. A code used twice ends the tokens of its first use (RFC 6749 §4.1.2).
    #[allow(clippy::too_many_arguments)]
    pub async fn redeem_code(
        &self,
        client_id: &str,
        jws: &CompactJws,
        assertion: &Assertion,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
        encode: IdTokenEncoder<'_>,
    ) -> Result<TokenGrant, TokenRefusal> {
        let Some(client) = OrganisationId::parse(client_id.trim()) else {
            return Err(TokenRefusal::Client);
        };
        let now = self.clock.now_us();
        let audiences = [self.issuer(), self.oidc_token_endpoint()];
        let audiences: Vec<&str> = audiences.iter().map(String::as_str).collect();
        // The reads and the assertion's signature before the writer's turn, which is what
        // bounds this door on SQLite (docs/performance.md). The write then takes the
        // assertion's id once and moves the code on only from where it was read, so nothing
        // read here can have been used meanwhile.
        let (checked, read_login) = {
            let mut read = self.store.begin_lookup().await?;
            let checked = self
                .check_client(read.as_mut(), client, jws, assertion, &audiences, now)
                .await?;
            let login = match checked {
                Ok(_) => read.oidc_login_by_code(&token_hash(code)).await?,
                Err(_) => None,
            };
            (checked, login)
        };
        let tx = self.store.begin().await?;
        let (mut tx, client_kid) = self
            .admit_client(tx, client, assertion, checked, now)
            .await?;
        if !is_code_verifier(verifier) {
            return Err(TokenRefusal::Grant("the code_verifier is malformed"));
        }
        let Some(mut login) = read_login else {
            return Err(TokenRefusal::Grant("the code is unknown or expired"));
        };
        if login.organisation != client {
            return Err(TokenRefusal::Grant("the code was issued to another client"));
        }
        let moved = login.status == LoginStatus::Consented
            && !tx
                .update_oidc_login(
                    &OidcLoginRow {
                        status: LoginStatus::Redeemed,
                        ..login.clone()
                    },
                    LoginStatus::Consented,
                )
                .await?;
        if moved {
            // Redeemed since it was read: a second use, as if read so.
            login = tx
                .oidc_login(&login.id)
                .await?
                .ok_or(TokenRefusal::Grant("the code is unknown or expired"))?;
            if login.status != LoginStatus::Redeemed {
                return Err(TokenRefusal::Grant("the code is unknown or expired"));
            }
        }
        if login.status == LoginStatus::Redeemed {
            let revoked = tx.revoke_oidc_tokens(&login.id).await?;
            // And the refresh tokens of the grant that code's first use gave (RFC 6749
            // §4.1.2: every token issued on the code; found in review).
            let mut ended = 0;
            if let Some(person) = login.person
                && let Some(grant) = tx.app_grant(client, person).await?
                && grant.login == login.id
            {
                ended = tx.end_refresh_tokens(&grant.id).await?;
            }
            let detail = format!(
                "organisation={client} login={} tokens_revoked={revoked} refresh_tokens_ended={ended}",
                login.id
            );
            client_refused(tx, client, "oidc-code-reused", detail, now).await?;
            return Err(TokenRefusal::Grant("the code was already used"));
        }
        let (Some(person), Some(auth_time), Some(expires)) =
            (login.person, login.auth_time_us, login.code_expires_at_us)
        else {
            return Err(TokenRefusal::Grant("the code is unknown or expired"));
        };
        if login.status != LoginStatus::Consented || expires <= now {
            return Err(TokenRefusal::Grant("the code is unknown or expired"));
        }
        if login.redirect_uri != redirect_uri {
            return Err(TokenRefusal::Grant(
                "redirect_uri is not the one of the authorization request",
            ));
        }
        // A refusal from here on rolls the code's move back: a wrong verifier or redirection
        // URI does not use the code up.
        if mynumber_pki::jose::pkce_s256(verifier) != login.code_challenge {
            return Err(TokenRefusal::Grant(
                "the code_verifier does not match the code_challenge",
            ));
        }
        let access_token = self
            .new_access_token(
                tx.as_mut(),
                OidcTokenRow {
                    hash: String::new(),
                    login: login.id.clone(),
                    organisation: client,
                    person,
                    scope: login.scope.clone(),
                    expires_at_us: now + ACCESS_TOKEN_S * 1_000_000,
                    client_kid: Some(client_kid),
                },
            )
            .await?;
        let pairwise = self.pairwise_key(tx.as_mut(), now).await?;
        let (kid, key) = self.signing_key(tx.as_mut(), now).await?;
        let claims = IdTokenClaims {
            iss: self.issuer(),
            sub: pairwise_subject(&pairwise, client, person),
            aud: client.to_hex(),
            exp: now / 1_000_000 + ID_TOKEN_S,
            iat: now / 1_000_000,
            auth_time: auth_time / 1_000_000,
            nonce: login.nonce.clone(),
            acr: ACR,
            amr: AMR,
            at_hash: mynumber_pki::jose::half_sha256(&access_token),
        };
        let (header, payload) = encode(&kid, &claims);
        let id_token = mynumber_pki::jose::sign_es256(&key, &header, &payload)
            .map_err(|e| AppError::Unavailable(format!("signing the ID token: {e}")))?;
        let refresh_token = self
            .issue_refresh_token(tx.as_mut(), client, person, &login.id, now)
            .await?;
        append(
            tx.as_mut(),
            &Principal::RelyingParty(client).ledger_name(),
            now,
            vec![Record::national(
                "oidc-code-redeemed",
                format!("organisation={client} login={} kid={kid}", login.id),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(TokenGrant {
            access_token,
            expires_in: ACCESS_TOKEN_S,
            scope: login.scope,
            id_token: Some(id_token),
            refresh_token,
        })
    }

    /// A new access token (`mnu_…`) for `row` (its hash filled in here): only the hash is kept.
    pub(crate) async fn new_access_token(
        &self,
        tx: &mut dyn Tx,
        row: OidcTokenRow,
    ) -> Result<String, AppError> {
        let token = format!(
            "{LOGIN_TOKEN_PREFIX}{}",
            hex::encode(self.random_bytes::<32>())
        );
        tx.insert_oidc_token(&OidcTokenRow {
            hash: token_hash(&token),
            ..row
        })
        .await?;
        Ok(token)
    }

    /// The token endpoint's client, its assertion's signature checked (`checked`, from a read
    /// before the writer's turn): takes the assertion's id once in `tx`, and hands `tx` back
    /// with the key the client authenticated with. A refusal worth keeping is recorded.
    pub(crate) async fn admit_client(
        &self,
        mut tx: Box<dyn Tx>,
        client: OrganisationId,
        assertion: &Assertion,
        checked: Result<String, (&'static str, bool)>,
        now: i64,
    ) -> Result<(Box<dyn Tx>, String), TokenRefusal> {
        let checked = match checked {
            Ok(kid) => Self::take_jti(tx.as_mut(), client, assertion, now)
                .await?
                .map(|()| kid),
            Err(refusal) => Err(refusal),
        };
        match checked {
            Ok(kid) => Ok((tx, kid)),
            Err((reason, false)) => {
                tracing::warn!(reason, organisation = %client, "token refused");
                Err(TokenRefusal::Client)
            }
            Err((reason, true)) => {
                let detail = format!("organisation={client} reason={reason}");
                client_refused(tx, client, "oidc-token-refused", detail, now).await?;
                Err(TokenRefusal::Client)
            }
        }
    }

    /// userinfo (OIDC Core §5.3): the items the resident consented to for the relying party
    /// the access token was issued to, as the card's text application carries them (the
    /// register's record of the holder, which the counter keeps the card in step with). Each
    /// read is recorded on the resident.
    pub async fn consented_items(
        &self,
        principal: &Principal,
        token: &str,
    ) -> Result<ConsentedItems, AppError> {
        let now = self.clock.now_us();
        let (mut tx, grant) = self
            .granted(principal, Action::ReadConsentedItems, token, now)
            .await?;
        let scopes = Scopes::parse(&grant.scope);
        let v = load::current_version(tx.as_mut(), grant.person).await?;
        let record = &v.resident.record;
        let address = if scopes.has(Scope::Address) {
            Some(mynumber_pki::full_width_digits(
                &self.written_address(tx.as_mut(), record).await?,
            ))
        } else {
            None
        };
        let birth = record.birth_date();
        let pairwise = self.pairwise_key(tx.as_mut(), now).await?;
        let items = ConsentedItems {
            sub: pairwise_subject(&pairwise, grant.organisation, grant.person),
            name: scopes.has(Scope::Name).then(|| certificate_name(record)),
            address,
            birthdate: scopes.has(Scope::Birthdate).then(|| birthdate_claim(birth)),
            gender: scopes
                .has(Scope::Gender)
                .then(|| gender_claim(record.sex())),
        };
        let released: Vec<&str> = scopes.items().map(Scope::code).collect();
        if !released.is_empty() {
            append(
                tx.as_mut(),
                &principal.ledger_name(),
                now,
                vec![Record {
                    partition: record.municipality().as_str().to_owned(),
                    action: "consented-items-read",
                    person: Some(grant.person),
                    purpose: None,
                    detail: format!(
                        "organisation={} login={} items={}",
                        grant.organisation,
                        grant.login,
                        released.join(",")
                    ),
                }],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(items)
    }

    /// The log-in an access token stands for, with `principal` (what the token authenticated
    /// as) allowed `action` on it: the write transaction it was read in, and the grant.
    pub(crate) async fn granted(
        &self,
        principal: &Principal,
        action: Action,
        token: &str,
        now: i64,
    ) -> Result<(Box<dyn Tx>, OidcTokenRow), AppError> {
        self.permit(principal, action).await?;
        let mut tx = self.store.begin().await?;
        let grant = self.login_grant(tx.as_mut(), token, now).await?;
        authorize!(
            self,
            tx,
            principal,
            action,
            &Subject::Login {
                person: grant.person,
                organisation: grant.organisation
            },
            "log-in"
        );
        Ok((tx, grant))
    }

    /// The relying party an access token for userinfo stands for, while the token and the
    /// organisation are in force.
    pub(crate) async fn authenticate_login_token(
        &self,
        token: &str,
    ) -> Result<Principal, AppError> {
        let now = self.clock.now_us();
        let mut tx = self.store.begin_lookup().await?;
        let grant = self.login_grant(tx.as_mut(), token, now).await?;
        Ok(Principal::LoginGrant(grant.organisation))
    }

    pub(crate) async fn login_grant(
        &self,
        tx: &mut dyn crate::ReadTx,
        token: &str,
        now: i64,
    ) -> Result<OidcTokenRow, AppError> {
        if token.len() != LOGIN_TOKEN_PREFIX.len() + 64 || !token.starts_with(LOGIN_TOKEN_PREFIX) {
            return Err(AppError::Unauthenticated);
        }
        let grant = tx
            .oidc_token(&token_hash(token), now)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let active = tx
            .organisation(grant.organisation)
            .await?
            .is_some_and(|o| o.status == OrgStatus::Active);
        if !active {
            return Err(AppError::Unauthenticated);
        }
        // The key the relying party authenticated with, still in force (revoking a key ends
        // its tokens, as for organisation tokens).
        if let Some(kid) = &grant.client_kid {
            let in_force = tx
                .organisation_keys(grant.organisation)
                .await?
                .iter()
                .any(|k| &k.kid == kid && k.revoked_at_us.is_none());
            if !in_force {
                return Err(AppError::Unauthenticated);
            }
        }
        Ok(grant)
    }

    /// Whether the browser may be sent to `uri` after logging out of `client`: one of the
    /// client's registered logout URIs, and, when an ID token hint came (`hinted`), one this
    /// provider signed with a key it still publishes.
    pub async fn logout_allowed(
        &self,
        client: &str,
        uri: &str,
        hint: Option<&CompactJws>,
        hinted: bool,
    ) -> Result<bool, AppError> {
        let Some(id) = OrganisationId::parse(client.trim()) else {
            return Ok(false);
        };
        let now = self.clock.now_us();
        let mut tx = self.store.begin_lookup().await?;
        let registered = tx
            .oidc_client(id)
            .await?
            .is_some_and(|c| c.logout_uris.iter().any(|u| u == uri));
        if !registered {
            return Ok(false);
        }
        if !hinted {
            return Ok(true);
        }
        let Some(hint) = hint else {
            return Ok(false);
        };
        Ok(tx
            .provider_keys(ID_TOKEN_KEY)
            .await?
            .iter()
            .filter(|k| {
                k.retired_at_us
                    .is_none_or(|r| r > now - RETIRED_PUBLISHED_US)
            })
            .any(|k| mynumber_pki::jose::verify_es256(hint, &k.public_key).is_ok()))
    }

    /// The keys the JWKS publishes: those in force, and those retired less than a day ago.
    /// The first call makes the first key.
    pub async fn published_keys(&self) -> Result<Vec<PublishedKey>, AppError> {
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        self.signing_key(tx.as_mut(), now).await?;
        let keys = tx.provider_keys(ID_TOKEN_KEY).await?;
        tx.commit().await?;
        Ok(keys
            .into_iter()
            .filter(|k| {
                k.retired_at_us
                    .is_none_or(|r| r > now - RETIRED_PUBLISHED_US)
            })
            .filter_map(|k| {
                mynumber_pki::jose::jwk_coordinates(&k.public_key).map(|(x, y)| PublishedKey {
                    kid: k.kid,
                    x,
                    y,
                })
            })
            .collect())
    }

    /// Rotates the ID token signing key: a new key signs from now on; the old one is retired,
    /// and published a day longer for the tokens it signed. National administrators only.
    pub async fn rotate_provider_key(&self, principal: &Principal) -> Result<String, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let old: Vec<String> = tx
            .provider_keys(ID_TOKEN_KEY)
            .await?
            .into_iter()
            .filter(|k| k.retired_at_us.is_none())
            .map(|k| k.kid)
            .collect();
        for kid in &old {
            tx.retire_provider_key(kid, now).await?;
        }
        let kid = self.new_signing_key(tx.as_mut(), now).await?;
        if let Ok(mut cached) = self.pki.signing_key.write() {
            *cached = None;
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "oidc-key-rotated",
                format!("kid={kid} retired={}", old.join(",")),
            )],
        )
        .await?;
        tx.commit().await?;
        // Again after the commit: a request of this process may have remembered the old key
        // in between.
        if let Ok(mut cached) = self.pki.signing_key.write() {
            *cached = None;
        }
        Ok(kid)
    }

    /// The key that signs ID tokens now (the newest in force), made on first use.
    async fn signing_key(
        &self,
        tx: &mut dyn Tx,
        now: i64,
    ) -> Result<(String, Arc<Vec<u8>>), AppError> {
        if let Some((_, kid, key)) = self
            .pki
            .signing_key
            .read()
            .ok()
            .and_then(|k| k.clone())
            .filter(|(until, _, _)| *until > now)
        {
            return Ok((kid, key));
        }
        let current = tx
            .provider_keys(ID_TOKEN_KEY)
            .await?
            .into_iter()
            .rev()
            .find(|k| k.retired_at_us.is_none());
        let made = current.is_none();
        let row = match current {
            Some(row) => row,
            None => {
                let kid = self.new_signing_key(tx, now).await?;
                tx.provider_keys(ID_TOKEN_KEY)
                    .await?
                    .into_iter()
                    .find(|k| k.kid == kid)
                    .ok_or(AppError::Conflict)?
            }
        };
        let key = self.unsealed(&row)?;
        // Only a key read as it was committed is remembered: one made in this transaction
        // might not be (another server's may win). A rotation by another process is seen
        // within SIGNING_KEY_CACHED_US; the retired key stays published a day, so the tokens
        // it signs meanwhile still verify. A rotation here forgets it at once.
        if !made && let Ok(mut cached) = self.pki.signing_key.write() {
            *cached = Some((now + SIGNING_KEY_CACHED_US, row.kid.clone(), key.clone()));
        }
        Ok((row.kid, key))
    }

    async fn new_signing_key(&self, tx: &mut dyn Tx, now: i64) -> Result<String, AppError> {
        let pkcs8 = (self.pki.responder_key)().map_err(AppError::Unavailable)?;
        let point = mynumber_pki::jose::es256_public_point(&pkcs8)
            .map_err(|e| AppError::Unavailable(format!("the new signing key: {e}")))?;
        let kid = token_hash(&hex::encode(&point))[..16].to_owned();
        let sealed = mynumber_pki::seal(
            &pkcs8,
            &self.pki.secret,
            self.random_bytes(),
            self.random_bytes(),
        )
        .map_err(crate::certificates::pki)?;
        tx.insert_provider_key(&ProviderKeyRow {
            kid: kid.clone(),
            purpose: ID_TOKEN_KEY.into(),
            sealed,
            public_key: point,
            created_at_us: now,
            retired_at_us: None,
        })
        .await?;
        Ok(kid)
    }

    /// The pairwise subject key, made on first use (two servers at once agree on the first).
    async fn pairwise_key(&self, tx: &mut dyn Tx, now: i64) -> Result<[u8; 32], AppError> {
        // Made once and never changed: once read as committed, this process keeps it.
        let cached = format!("{PAIRWISE_KEY}:{PAIRWISE_KEY}");
        if let Some(key) = self
            .pki
            .provider_keys
            .read()
            .ok()
            .and_then(|m| m.get(&cached).cloned())
        {
            return thirty_two(&key);
        }
        let rows = tx.provider_keys(PAIRWISE_KEY).await?;
        let row = match rows.into_iter().next() {
            Some(row) => row,
            None => {
                let secret: [u8; 32] = self.random_bytes();
                let sealed = mynumber_pki::seal(
                    &secret,
                    &self.pki.secret,
                    self.random_bytes(),
                    self.random_bytes(),
                )
                .map_err(crate::certificates::pki)?;
                tx.insert_provider_key(&ProviderKeyRow {
                    kid: PAIRWISE_KEY.into(),
                    purpose: PAIRWISE_KEY.into(),
                    sealed,
                    public_key: Vec::new(),
                    created_at_us: now,
                    retired_at_us: None,
                })
                .await?;
                let row = tx
                    .provider_keys(PAIRWISE_KEY)
                    .await?
                    .into_iter()
                    .next()
                    .ok_or(AppError::Conflict)?;
                // Not remembered: this transaction might not commit, and another server's
                // key would then be the one.
                let key = mynumber_pki::unseal(&row.sealed, &self.pki.secret)
                    .map_err(|e| AppError::Unavailable(format!("the provider's key: {e}")))?;
                return thirty_two(&key);
            }
        };
        thirty_two(&self.unsealed(&row)?)
    }

    /// A provider key unsealed, from this process's cache (unsealing stretches the secret).
    fn unsealed(&self, row: &ProviderKeyRow) -> Result<Arc<Vec<u8>>, AppError> {
        let cache_key = format!("{}:{}", row.purpose, row.kid);
        if let Some(k) = self
            .pki
            .provider_keys
            .read()
            .ok()
            .and_then(|m| m.get(&cache_key).cloned())
        {
            return Ok(k);
        }
        let plain = Arc::new(
            mynumber_pki::unseal(&row.sealed, &self.pki.secret)
                .map_err(|e| AppError::Unavailable(format!("the provider's key: {e}")))?,
        );
        if let Ok(mut m) = self.pki.provider_keys.write() {
            m.insert(cache_key, plain.clone());
        }
        Ok(plain)
    }
}

/// 生年月日 as OIDC Core §5.1 writes `birthdate`: YYYY-MM-DD.
pub(crate) fn birthdate_claim(d: jiff::civil::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// 性別 as OIDC Core §5.1 writes `gender`.
pub(crate) fn gender_claim(sex: mynumber_core::Sex) -> &'static str {
    match sex {
        mynumber_core::Sex::Male => "male",
        mynumber_core::Sex::Female => "female",
    }
}

/// The pairwise key as the 32 bytes it is.
fn thirty_two(key: &[u8]) -> Result<[u8; 32], AppError> {
    <[u8; 32]>::try_from(key)
        .map_err(|_| AppError::Unavailable("the pairwise key is not 32 bytes".into()))
}

/// How long a resident's consent to 最新基本4情報提供 runs (**choice**: the Agency's own
/// length was not found; a year, renewed by consenting again).
pub(crate) const LATEST_FOUR_CONSENT_US: i64 = 365 * 86_400 * 1_000_000;

/// How long the ID token signing key is used without asking the database whether another
/// process rotated it.
const SIGNING_KEY_CACHED_US: i64 = 60_000_000;

/// A log-in the card may still answer.
fn waiting(row: &OidcLoginRow, now: i64) -> Result<(), AppError> {
    if row.status == LoginStatus::Waiting && row.expires_at_us > now {
        Ok(())
    } else {
        Err(not_waiting(row, now, "log-in"))
    }
}

fn not_waiting(row: &OidcLoginRow, now: i64, procedure: &'static str) -> AppError {
    let state = if row.expires_at_us <= now {
        "expired log-in".to_owned()
    } else {
        format!("{} log-in", row.status.code())
    };
    AppError::Refused(Refused {
        state,
        procedure,
        reason: "this log-in cannot take that step now; start again from the service".into(),
    })
}

/// Records, in the national partition, why the token endpoint refused `client` (a reused code
/// or refresh token, a bad assertion worth keeping), and commits that alone.
pub(crate) async fn client_refused(
    mut tx: Box<dyn Tx>,
    client: OrganisationId,
    action: &'static str,
    detail: String,
    now: i64,
) -> Result<(), AppError> {
    append(
        tx.as_mut(),
        &Principal::RelyingParty(client).ledger_name(),
        now,
        vec![Record::national(action, detail)],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirection_uris_are_https_or_the_loopback_without_fragments() {
        for good in [
            "https://rp.example/cb",
            "https://rp.example/cb?x=1",
            "http://localhost:8080/cb",
            "http://127.0.0.1/cb",
            "http://[::1]:9/cb",
        ] {
            assert!(acceptable_uri(good), "{good}");
        }
        for bad in [
            "http://rp.example/cb",
            "http://localhost.evil.example/cb",
            "https://rp.example/cb#x",
            "javascript:alert(1)",
            "https://rp.example/c b",
            "",
        ] {
            assert!(!acceptable_uri(bad), "{bad}");
        }
    }

    #[test]
    fn the_confirmation_is_six_digits() {
        let c = confirmation("0123456789abcdef0123456789abcdef");
        assert_eq!(c.len(), 7);
        assert!(c.chars().filter(char::is_ascii_digit).count() == 6);
    }
}
