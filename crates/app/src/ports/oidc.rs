//! Log-in with the card (docs/design/oidc.md): the relying parties' redirection URIs, the
//! provider's own keys, the log-ins in progress and the access tokens for userinfo.

use async_trait::async_trait;
use mynumber_core::oidc::{LoginStatus, SignFormat, SignStatus};
use mynumber_core::{OrganisationId, PersonId};

use crate::StoreError;

/// A relying party's registration as an OpenID Connect client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidcClientRow {
    /// The organisation (its id is the `client_id`).
    pub organisation: OrganisationId,
    /// Where codes may be sent, each matched exactly.
    pub redirect_uris: Vec<String>,
    /// Where the browser may be sent back after logging out.
    pub logout_uris: Vec<String>,
    /// When registered or last changed (µs).
    pub registered_at_us: i64,
}

/// One of the provider's own keys.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderKeyRow {
    /// Its key id.
    pub kid: String,
    /// `id-token` (signs ID tokens, ES256) or `pairwise` (the pairwise subject key).
    pub purpose: String,
    /// The private key or secret, sealed with the authorities' secret.
    pub sealed: Vec<u8>,
    /// The public key (a P-256 point), empty for a secret.
    pub public_key: Vec<u8>,
    /// When made (µs).
    pub created_at_us: i64,
    /// When retired (µs): no longer signs, still published until its tokens have expired.
    pub retired_at_us: Option<i64>,
}

impl std::fmt::Debug for ProviderKeyRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderKeyRow")
            .field("kid", &self.kid)
            .field("purpose", &self.purpose)
            .field("created_at_us", &self.created_at_us)
            .field("retired_at_us", &self.retired_at_us)
            .finish_non_exhaustive()
    }
}

/// A log-in, from the relying party's request to the exchange of its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidcLoginRow {
    /// Its id (32 hex digits): the handle the browser and the app hold.
    pub id: String,
    /// The relying party.
    pub organisation: OrganisationId,
    /// Where the code goes.
    pub redirect_uri: String,
    /// The scopes asked for, space-separated.
    pub scope: String,
    /// The relying party's `state`.
    pub state: String,
    /// The relying party's `nonce`.
    pub nonce: String,
    /// The PKCE S256 challenge.
    pub code_challenge: String,
    /// The `acr_values` asked for, space-separated.
    pub acr_values: String,
    /// The screens' language.
    pub ui_locale: String,
    /// The fresh challenge the card signs (hex).
    pub challenge: String,
    /// The SHA-256 of the cookie that binds the log-in to the browser that began it.
    pub browser_hash: String,
    /// Where it stands.
    pub status: LoginStatus,
    /// The resident, once the card signed.
    pub person: Option<PersonId>,
    /// The user-authentication certificate that signed (hex serial).
    pub certificate_serial: Option<String>,
    /// When the card signed (µs).
    pub auth_time_us: Option<i64>,
    /// The SHA-256 of the code, once issued.
    pub code_hash: Option<String>,
    /// When the code expires (µs).
    pub code_expires_at_us: Option<i64>,
    /// When the relying party sent the resident (µs).
    pub created_at_us: i64,
    /// When the log-in ends unfinished (µs).
    pub expires_at_us: i64,
    /// The sign-transaction the resident is asked to sign at this log-in, if any.
    pub sign_transaction: Option<String>,
}

/// A sign-transaction: what a relying party asked a resident to sign, and the card's answer.
#[derive(Clone, PartialEq, Eq)]
pub struct SignTransactionRow {
    /// Its id (a UUID).
    pub id: String,
    /// The relying party that started it.
    pub organisation: OrganisationId,
    /// Raw or CMS.
    pub format: SignFormat,
    /// The DigestInfo (DER) the card signs.
    pub to_be_signed: Vec<u8>,
    /// For CMS: the signed attributes' DER, which the card's signature covers; else empty.
    pub signed_attrs: Vec<u8>,
    /// Where it stands.
    pub status: SignStatus,
    /// The log-in whose card signed it.
    pub login: Option<String>,
    /// The resident who signed.
    pub person: Option<PersonId>,
    /// The signature certificate (DER).
    pub certificate: Option<Vec<u8>>,
    /// The signature (PKCS#1 v1.5).
    pub signature: Option<Vec<u8>>,
    /// When the card signed (µs).
    pub signed_at_us: Option<i64>,
    /// When started (µs).
    pub created_at_us: i64,
    /// Until when it waits for the signature (µs).
    pub expires_at_us: i64,
}

/// Never the certificate (it carries the four items) or the signature.
impl std::fmt::Debug for SignTransactionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignTransactionRow")
            .field("id", &self.id)
            .field("organisation", &self.organisation)
            .field("format", &self.format)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// An access token for userinfo, as stored (its SHA-256, never the token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidcTokenRow {
    /// SHA-256 of the token, hex.
    pub hash: String,
    /// The log-in it came from.
    pub login: String,
    /// The relying party.
    pub organisation: OrganisationId,
    /// The resident.
    pub person: PersonId,
    /// The scopes granted, space-separated.
    pub scope: String,
    /// When it expires (µs).
    pub expires_at_us: i64,
    /// The relying party's key its assertion was signed with: the token ends when the key is
    /// revoked. `None` for tokens issued before the key was kept.
    pub client_kid: Option<String>,
}

/// Reads.
#[async_trait]
pub trait OidcRead: Send {
    /// A relying party's client registration.
    async fn oidc_client(
        &mut self,
        organisation: OrganisationId,
    ) -> Result<Option<OidcClientRow>, StoreError>;
    /// The provider's keys for a purpose, oldest first.
    async fn provider_keys(&mut self, purpose: &str) -> Result<Vec<ProviderKeyRow>, StoreError>;
    /// A log-in by its id.
    async fn oidc_login(&mut self, id: &str) -> Result<Option<OidcLoginRow>, StoreError>;
    /// A log-in by its code's hash.
    async fn oidc_login_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<OidcLoginRow>, StoreError>;
    /// A sign-transaction by its id.
    async fn sign_transaction(
        &mut self,
        id: &str,
    ) -> Result<Option<SignTransactionRow>, StoreError>;
    /// An access token in force at `now_us`.
    async fn oidc_token(
        &mut self,
        hash: &str,
        now_us: i64,
    ) -> Result<Option<OidcTokenRow>, StoreError>;
}

/// Writes.
#[async_trait]
pub trait OidcWrite: Send {
    /// Registers or replaces a relying party's client registration.
    async fn put_oidc_client(&mut self, row: &OidcClientRow) -> Result<(), StoreError>;
    /// Adds a provider key; `false` if one of its id exists (two servers made one at once).
    async fn insert_provider_key(&mut self, row: &ProviderKeyRow) -> Result<bool, StoreError>;
    /// Retires a key in force; `false` if none of that id was.
    async fn retire_provider_key(&mut self, kid: &str, at_us: i64) -> Result<bool, StoreError>;
    /// Adds a log-in, forgetting those ended before `forget_before_us`.
    async fn insert_oidc_login(
        &mut self,
        row: &OidcLoginRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError>;
    /// Replaces a log-in's changing fields if it still stands at `expected`; `false` if it
    /// moved meanwhile.
    async fn update_oidc_login(
        &mut self,
        row: &OidcLoginRow,
        expected: LoginStatus,
    ) -> Result<bool, StoreError>;
    /// Adds a sign-transaction, forgetting those ended before `forget_before_us`.
    async fn insert_sign_transaction(
        &mut self,
        row: &SignTransactionRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError>;
    /// Records the card's answer to a sign-transaction still pending; `false` if it was
    /// signed meanwhile.
    async fn sign_transaction_signed(
        &mut self,
        row: &SignTransactionRow,
    ) -> Result<bool, StoreError>;
    /// Adds an access token.
    async fn insert_oidc_token(&mut self, row: &OidcTokenRow) -> Result<(), StoreError>;
    /// Ends every access token of a log-in (a code used twice); how many.
    async fn revoke_oidc_tokens(&mut self, login: &str) -> Result<u64, StoreError>;
}
