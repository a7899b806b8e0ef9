//! Log-in with the card as an OpenID Connect provider (issue 12; docs/design/oidc.md): the
//! rules of an authorization request (OIDC Core 1.0 §3.1.2, RFC 7636 PKCE, the Digital
//! Agency's デジタル認証アプリ profile, outside-world §2.3), the scopes and the claims they
//! release, the log-in's states, the message the card signs, and the pairwise subject
//! identifier (OIDC Core §8.1). Pure: the request's parameters, the time and the keys are
//! arguments; hashing a PKCE verifier is `pki::jose`'s.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::{OrganisationId, PersonId};

/// How long the resident has to finish a log-in once the relying party sent them (seconds):
/// time to find the card, start the app and type the PIN. A choice (oidc.md).
pub const LOGIN_S: i64 = 600;
/// How long an authorization code may wait for its exchange (seconds). OIDC Core §3.1.2.5
/// defers to RFC 6749 §4.1.2, which recommends at most ten minutes; one minute is enough for a
/// relying party's back channel.
pub const CODE_S: i64 = 60;
/// How long a sign-transaction waits for the resident's signature (seconds): as long as a
/// log-in may take, since the signature is made at one. A choice (signing.md).
pub const SIGN_TRANSACTION_S: i64 = 600;
/// How long an access token for userinfo lives (seconds). A choice (oidc.md).
pub const ACCESS_TOKEN_S: i64 = 300;
/// How long an ID token is valid (seconds). A choice (oidc.md).
pub const ID_TOKEN_S: i64 = 300;
/// The longest `state` or `nonce` kept (bytes): a relying party's value is opaque, not a
/// document.
pub const MAX_OPAQUE: usize = 512;

/// A scope a relying party may ask for (the Agency's list, outside-world §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// `openid`: the log-in itself (required).
    Openid,
    /// `name`: 氏名.
    Name,
    /// `address`: 住所.
    Address,
    /// `birthdate`: 生年月日.
    Birthdate,
    /// `gender`: 性別.
    Gender,
    /// `sign`: the resident may be asked to sign (the sign-transactions API).
    Sign,
    /// `latest_four` (**choice**, not the Agency's): consent to 最新基本4情報提供, the latest
    /// four items given to this relying party after a change, for a year
    /// (docs/design/signing.md).
    LatestFour,
    /// `self:{item}` (**choice**, docs/design/portal.md): the 自己情報取得API, the resident's
    /// information an agency holds (`self:local-tax`, …), fetched through the exchange network
    /// under the portal's code. Granted item by item, standing until the resident withdraws it
    /// or it runs out, kept by refresh tokens.
    SelfInformation(crate::exchange::DataItem),
}

impl Scope {
    /// Every scope, in the order screens list them.
    pub const ALL: [Scope; 10] = [
        Scope::Openid,
        Scope::Name,
        Scope::Address,
        Scope::Birthdate,
        Scope::Gender,
        Scope::Sign,
        Scope::LatestFour,
        Scope::SelfInformation(crate::exchange::DataItem::ResidentHousehold),
        Scope::SelfInformation(crate::exchange::DataItem::LocalTax),
        Scope::SelfInformation(crate::exchange::DataItem::ChildAllowance),
    ];

    /// The scope's name on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::Openid => "openid",
            Self::Name => "name",
            Self::Address => "address",
            Self::Birthdate => "birthdate",
            Self::Gender => "gender",
            Self::Sign => "sign",
            Self::LatestFour => "latest_four",
            Self::SelfInformation(item) => match item {
                crate::exchange::DataItem::ResidentHousehold => "self:resident-household",
                crate::exchange::DataItem::LocalTax => "self:local-tax",
                crate::exchange::DataItem::ChildAllowance => "self:child-allowance",
            },
        }
    }

    /// The scope a name stands for.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }

    /// Whether the scope releases one of the four basic items (基本4情報), which needs the
    /// resident's consent on screen.
    pub fn is_item(self) -> bool {
        matches!(
            self,
            Self::Name | Self::Address | Self::Birthdate | Self::Gender
        )
    }
}

/// The scopes of a request: sorted, each once. Unknown names are ignored (RFC 6749 §3.3 lets the
/// server grant less; OIDC Core §5.4 has scopes it does not know ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    /// Reads a space-separated scope parameter.
    pub fn parse(s: &str) -> Self {
        let mut v: Vec<Scope> = s.split(' ').filter_map(Scope::parse).collect();
        v.sort();
        v.dedup();
        Self(v)
    }

    /// Whether a scope is among them.
    pub fn has(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    /// The scopes, sorted.
    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    /// The agencies' data sets granted to the 自己情報取得API, in screen order.
    pub fn self_items(&self) -> impl Iterator<Item = crate::exchange::DataItem> + '_ {
        self.iter().filter_map(|s| match s {
            Scope::SelfInformation(item) => Some(item),
            _ => None,
        })
    }

    /// These scopes without the agencies' data sets not in `kept`: what the resident granted
    /// when they unticked some (RFC 6749 §3.3: the server may grant less than asked).
    pub fn keeping_only(&self, kept: &[crate::exchange::DataItem]) -> Self {
        Self(
            self.iter()
                .filter(|s| match s {
                    Scope::SelfInformation(item) => kept.contains(item),
                    _ => true,
                })
                .collect(),
        )
    }

    /// The four items asked for, in screen order.
    pub fn items(&self) -> impl Iterator<Item = Scope> + '_ {
        self.iter().filter(|s| s.is_item())
    }
}

impl std::fmt::Display for Scopes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|s| s.code()).collect();
        f.write_str(&names.join(" "))
    }
}

/// `prompt` (OIDC Core §3.1.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Prompt {
    /// `none`: no screen may be shown.
    pub none: bool,
    /// `login`: the resident must authenticate again (always so here).
    pub login: bool,
    /// `consent`: consent must be asked (always so here).
    pub consent: bool,
}

/// The parameters of an authorization request, as the browser brought them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorizationParams {
    /// `response_type`.
    pub response_type: Option<String>,
    /// `client_id`: the relying party's organisation id.
    pub client_id: Option<String>,
    /// `redirect_uri`.
    pub redirect_uri: Option<String>,
    /// `scope`.
    pub scope: Option<String>,
    /// `state`.
    pub state: Option<String>,
    /// `nonce`.
    pub nonce: Option<String>,
    /// `code_challenge`.
    pub code_challenge: Option<String>,
    /// `code_challenge_method`.
    pub code_challenge_method: Option<String>,
    /// `prompt`.
    pub prompt: Option<String>,
    /// `max_age`.
    pub max_age: Option<String>,
    /// `acr_values`.
    pub acr_values: Option<String>,
    /// `ui_locales`.
    pub ui_locales: Option<String>,
    /// `claims_locales`.
    pub claims_locales: Option<String>,
    /// `response_mode`.
    pub response_mode: Option<String>,
    /// `request` (a request object): not supported.
    pub request: Option<String>,
    /// `request_uri`: not supported.
    pub request_uri: Option<String>,
    /// `registration`: not supported.
    pub registration: Option<String>,
    /// `sign_transaction_id`: the sign-transaction the resident is asked to sign (the
    /// Agency's parameter, with the `sign` scope).
    pub sign_transaction_id: Option<String>,
}

/// An authorization request the provider can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizationRequest {
    /// The relying party.
    pub client: OrganisationId,
    /// One of its registered redirection URIs, exactly.
    pub redirect_uri: String,
    /// The scopes granted if the resident consents.
    pub scopes: Scopes,
    /// The relying party's `state`, returned as given.
    pub state: String,
    /// The relying party's `nonce`, put in the ID token.
    pub nonce: String,
    /// The PKCE challenge (S256: 43 base64url characters).
    pub code_challenge: String,
    /// `prompt`.
    pub prompt: Prompt,
    /// `max_age` (seconds), if given: always met, since every log-in uses the card anew.
    pub max_age: Option<i64>,
    /// The authentication context classes asked for, in order.
    pub acr_values: Vec<String>,
    /// The languages asked for the screens, in order.
    pub ui_locales: Vec<String>,
    /// The sign-transaction to sign (lowercase), with the `sign` scope.
    pub sign_transaction: Option<String>,
}

/// Why an authorization request cannot go on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// No `client_id`, or no registered relying party of that id in force: shown to the
    /// resident, never redirected (OIDC Core §3.1.2.6; RFC 6749 §4.1.2.1).
    UnknownClient,
    /// No `redirect_uri`, or not one the relying party registered (exact match): shown to the
    /// resident, never redirected, so that the provider is no open redirector.
    RedirectUri,
    /// Told to the relying party at its redirection URI (RFC 6749 §4.1.2.1).
    Redirect {
        /// Where.
        redirect_uri: String,
        /// The `state` to return, if the request had one.
        state: Option<String>,
        /// The error code.
        error: &'static str,
        /// Why, in English for the relying party's developers.
        description: &'static str,
    },
}

/// Parameters longer than this are refused whole (bytes).
const MAX_PARAM: usize = 2048;

/// The characters of a PKCE code verifier (RFC 7636 §4.1: unreserved).
fn pkce_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

/// Whether a code verifier is well formed (RFC 7636 §4.1: 43–128 unreserved characters).
pub fn is_code_verifier(v: &str) -> bool {
    (43..=128).contains(&v.len()) && v.bytes().all(pkce_char)
}

/// Checks an authorization request against its relying party's registered redirection URIs
/// (`registered` is `None` when the client is unknown or not in force). The client and the
/// redirection URI are checked first: until both are known good, nothing is redirected.
pub fn check_request(
    p: &AuthorizationParams,
    client: Option<OrganisationId>,
    registered: &[String],
) -> Result<AuthorizationRequest, RequestError> {
    let Some(client) = client else {
        return Err(RequestError::UnknownClient);
    };
    let Some(redirect_uri) = p.redirect_uri.clone() else {
        return Err(RequestError::RedirectUri);
    };
    if !registered.contains(&redirect_uri) {
        return Err(RequestError::RedirectUri);
    }
    let state = p.state.clone().filter(|s| !s.is_empty());
    let fail = |error: &'static str, description: &'static str| RequestError::Redirect {
        redirect_uri: redirect_uri.clone(),
        state: state.clone(),
        error,
        description,
    };
    let too_long = [
        &p.scope,
        &p.state,
        &p.nonce,
        &p.code_challenge,
        &p.acr_values,
        &p.ui_locales,
        &p.claims_locales,
        &p.prompt,
    ]
    .iter()
    .any(|v| v.as_deref().is_some_and(|v| v.len() > MAX_PARAM));
    if too_long {
        return Err(fail("invalid_request", "a parameter is too long"));
    }
    if p.request.is_some() {
        return Err(fail(
            "request_not_supported",
            "request objects are not supported",
        ));
    }
    if p.request_uri.is_some() {
        return Err(fail(
            "request_uri_not_supported",
            "request_uri is not supported",
        ));
    }
    if p.registration.is_some() {
        return Err(fail(
            "registration_not_supported",
            "registration is not supported",
        ));
    }
    match p.response_type.as_deref() {
        Some("code") => {}
        None => return Err(fail("invalid_request", "response_type is required")),
        Some(_) => {
            return Err(fail(
                "unsupported_response_type",
                "only the authorization code flow (response_type=code) is supported",
            ));
        }
    }
    if p.response_mode.as_deref().is_some_and(|m| m != "query") {
        return Err(fail(
            "invalid_request",
            "only response_mode=query is supported",
        ));
    }
    let scopes = Scopes::parse(p.scope.as_deref().unwrap_or_default());
    if !scopes.has(Scope::Openid) {
        return Err(fail("invalid_scope", "the openid scope is required"));
    }
    let Some(state) = state.clone() else {
        return Err(fail("invalid_request", "state is required"));
    };
    let nonce = match p.nonce.as_deref() {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => return Err(fail("invalid_request", "nonce is required")),
    };
    let code_challenge = match p.code_challenge.as_deref() {
        Some(c) if c.len() == 43 && c.bytes().all(pkce_char) => c.to_owned(),
        Some(_) => {
            return Err(fail(
                "invalid_request",
                "code_challenge must be the S256 hash of a code verifier (43 characters)",
            ));
        }
        None => return Err(fail("invalid_request", "code_challenge is required (PKCE)")),
    };
    if p.code_challenge_method.as_deref() != Some("S256") {
        return Err(fail(
            "invalid_request",
            "code_challenge_method must be S256",
        ));
    }
    let mut prompt = Prompt::default();
    for value in p.prompt.as_deref().unwrap_or_default().split(' ') {
        match value {
            "none" => prompt.none = true,
            "login" => prompt.login = true,
            "consent" => prompt.consent = true,
            // select_account and unknown values ask for nothing this provider does not do
            // anyway.
            _ => {}
        }
    }
    if prompt.none && (prompt.login || prompt.consent) {
        return Err(fail(
            "invalid_request",
            "prompt=none cannot be combined with other values",
        ));
    }
    if prompt.none {
        // Every log-in uses the card: there is never a session to log in silently with.
        return Err(fail(
            "login_required",
            "each log-in needs the card; prompt=none cannot be met",
        ));
    }
    let max_age = match p.max_age.as_deref() {
        None | Some("") => None,
        Some(m) => match m.parse::<i64>() {
            Ok(v) if v >= 0 => Some(v),
            _ => {
                return Err(fail(
                    "invalid_request",
                    "max_age must be a non-negative integer",
                ));
            }
        },
    };
    let sign_transaction = match (scopes.has(Scope::Sign), p.sign_transaction_id.as_deref()) {
        (true, Some(id)) if is_transaction_id(id) => Some(id.to_ascii_lowercase()),
        (true, Some(_)) => {
            return Err(fail(
                "invalid_request",
                "sign_transaction_id must be the UUID the sign-transactions API returned",
            ));
        }
        (true, None) => {
            return Err(fail(
                "invalid_request",
                "the sign scope needs a sign_transaction_id",
            ));
        }
        (false, Some(_)) => {
            return Err(fail(
                "invalid_request",
                "sign_transaction_id needs the sign scope",
            ));
        }
        (false, None) => None,
    };
    let words = |v: &Option<String>| -> Vec<String> {
        v.as_deref()
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Ok(AuthorizationRequest {
        client,
        redirect_uri,
        scopes,
        state,
        nonce,
        code_challenge,
        prompt,
        max_age,
        acr_values: words(&p.acr_values),
        ui_locales: words(&p.ui_locales),
        sign_transaction,
    })
}

/// Whether `id` is written as a UUID (RFC 9562 §4: 8-4-4-4-12 hexadecimal digits), the form
/// of a sign-transaction's id.
pub fn is_transaction_id(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The form of a random UUID (RFC 9562 §5.4, version 4) for 16 random bytes.
pub fn transaction_id(random: [u8; 16]) -> String {
    let mut b = random;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// What a relying party asks a resident to sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignFormat {
    /// The card signs the relying party's digest (or DigestInfo) itself: the result is the
    /// PKCS#1 v1.5 signature and the signature certificate.
    Raw,
    /// The card signs CMS signed attributes that carry the relying party's SHA-256 digest:
    /// the result also holds a detached CMS SignedData (RFC 5652), which `openssl cms
    /// -verify` checks against the document.
    Cms,
}

crate::codes!(SignFormat {
    Raw => "raw",
    Cms => "cms",
});

/// Where a sign-transaction stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignStatus {
    /// Waiting for the resident's signature.
    Pending,
    /// Signed by the card; the result waits for the relying party.
    Signed,
}

crate::codes!(SignStatus {
    Pending => "pending",
    Signed => "signed",
});

/// Appends `key=value` parameters to a URI's query (RFC 6749 §4.1.2: keeping its own).
pub fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    let mut out = uri.to_owned();
    let mut sep = if uri.contains('?') { '&' } else { '?' };
    for (k, v) in params {
        out.push(sep);
        out.push_str(k);
        out.push('=');
        out.push_str(&percent_encode(v));
        sep = '&';
    }
    out
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The authentication context class every log-in here reaches: the card's chip, its key used
/// only after the 4-digit PIN (two factors, hardware-bound). A choice (oidc.md): the Agency's
/// example asks `aal3`.
pub const ACR: &str = "aal3";
/// The authentication methods (RFC 8176): a hardware-protected key, a PIN, two factors.
pub const AMR: [&str; 3] = ["hwk", "pin", "mfa"];

/// Where a log-in stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginStatus {
    /// Waiting for the card's signature.
    Waiting,
    /// The card signed; waiting for the resident's consent in the browser.
    Authenticated,
    /// Consented: a code was issued.
    Consented,
    /// The code was exchanged for tokens.
    Redeemed,
    /// The resident declined, or the card or its certificate was refused.
    Declined,
}

impl LoginStatus {
    /// The status as stored.
    pub fn code(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Authenticated => "authenticated",
            Self::Consented => "consented",
            Self::Redeemed => "redeemed",
            Self::Declined => "declined",
        }
    }

    /// The status a stored code stands for.
    pub fn from_code(s: &str) -> Option<Self> {
        [
            Self::Waiting,
            Self::Authenticated,
            Self::Consented,
            Self::Redeemed,
            Self::Declined,
        ]
        .into_iter()
        .find(|v| v.code() == s)
    }
}

/// The bytes the card signs to log in: bound to this provider, this log-in and its fresh
/// challenge, so that a signature proves nothing anywhere else. The app signs the SHA-256 of
/// these bytes as DigestInfo (PKCS#1 v1.5), as the card signs anything.
pub fn challenge_message(issuer: &str, login: &str, challenge: &str) -> Vec<u8> {
    format!("mynumber-login-v1\n{issuer}\n{login}\n{challenge}\n").into_bytes()
}

/// The pairwise subject identifier (OIDC Core §8.1) of a person at a relying party: an HMAC of
/// the relying party and the person's internal id under the provider's own key. It never
/// carries the number; two relying parties' identifiers for one person cannot be linked
/// without the key; and it is the person's, not the card's or the certificate's, so it
/// survives renewal, re-issue and a number change (oidc.md).
pub fn pairwise_subject(key: &[u8; 32], sector: OrganisationId, person: PersonId) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        // A 32-byte key is always accepted by HMAC.
        return String::new();
    };
    mac.update(b"mynumber-pairwise-sub-v1\0");
    mac.update(sector.to_hex().as_bytes());
    mac.update(b"\0");
    mac.update(person.to_hex().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn client() -> OrganisationId {
        OrganisationId::from_random([7; 16])
    }

    fn good() -> AuthorizationParams {
        AuthorizationParams {
            response_type: Some("code".into()),
            client_id: Some(client().to_hex()),
            redirect_uri: Some("https://rp.example/cb".into()),
            scope: Some("openid name address".into()),
            state: Some("s1".into()),
            nonce: Some("n1".into()),
            code_challenge: Some(CHALLENGE.into()),
            code_challenge_method: Some("S256".into()),
            ..Default::default()
        }
    }

    /// Every scope reads back from its name; the agencies' data sets are granted one by one.
    #[test]
    fn scopes_read_back_and_narrow_item_by_item() {
        use crate::exchange::DataItem;
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.code()), Some(scope));
        }
        let asked = Scopes::parse("openid self:local-tax name self:child-allowance self:unknown");
        assert_eq!(
            asked.self_items().collect::<Vec<_>>(),
            [DataItem::LocalTax, DataItem::ChildAllowance]
        );
        let granted = asked.keeping_only(&[DataItem::ChildAllowance]);
        assert_eq!(granted.to_string(), "openid name self:child-allowance");
        assert_eq!(asked.keeping_only(&[]).to_string(), "openid name");
    }

    fn registered() -> Vec<String> {
        vec!["https://rp.example/cb".into()]
    }

    fn error_of(p: AuthorizationParams) -> Option<&'static str> {
        match check_request(&p, Some(client()), &registered()) {
            Err(RequestError::Redirect { error, .. }) => Some(error),
            Err(_) => Some("not redirected"),
            Ok(_) => None,
        }
    }

    #[test]
    fn the_sign_scope_and_its_transaction_go_together() {
        let id = "0F8fAd5b-d9cb-469f-a165-70867728950e";
        let with = |scope: &str, tx: Option<&str>| AuthorizationParams {
            scope: Some(scope.into()),
            sign_transaction_id: tx.map(str::to_owned),
            ..good()
        };
        let r = check_request(
            &with("openid sign", Some(id)),
            Some(client()),
            &registered(),
        )
        .expect("good");
        assert_eq!(
            r.sign_transaction.as_deref(),
            Some("0f8fad5b-d9cb-469f-a165-70867728950e")
        );
        assert_eq!(error_of(with("openid sign", None)), Some("invalid_request"));
        assert_eq!(
            error_of(with("openid sign", Some("not-a-uuid"))),
            Some("invalid_request")
        );
        assert_eq!(error_of(with("openid", Some(id))), Some("invalid_request"));
        assert_eq!(error_of(with("openid", None)), None);
    }

    #[test]
    fn transaction_ids_are_version_4_uuids() {
        let id = transaction_id([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_transaction_id(&id));
        assert_eq!(
            transaction_id([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
        for bad in [
            "",
            "ffffffff-ffff-4fff-bfff-fffffffffff",
            "gfffffff-ffff-4fff-bfff-ffffffffffff",
            "ffffffffffff4fffbfffffffffffffff",
        ] {
            assert!(!is_transaction_id(bad), "{bad}");
        }
    }

    #[test]
    fn a_good_request_is_taken_with_its_scopes_sorted() {
        let r = check_request(&good(), Some(client()), &registered()).expect("good");
        assert_eq!(r.scopes.to_string(), "openid name address");
        assert_eq!(r.state, "s1");
        assert_eq!(r.nonce, "n1");
        let p = AuthorizationParams {
            scope: Some("gender openid  unknown openid".into()),
            ..good()
        };
        let r = check_request(&p, Some(client()), &registered()).expect("good");
        assert_eq!(r.scopes.to_string(), "openid gender");
        assert_eq!(r.scopes.items().collect::<Vec<_>>(), vec![Scope::Gender]);
    }

    #[test]
    fn the_client_and_redirect_uri_are_never_redirected_to() {
        assert_eq!(
            check_request(&good(), None, &registered()),
            Err(RequestError::UnknownClient)
        );
        for uri in [
            None,
            Some("https://rp.example/cb/"),
            Some("https://rp.example/cb?x=1"),
            Some("https://RP.example/cb"),
            Some("https://evil.example/cb"),
        ] {
            let p = AuthorizationParams {
                redirect_uri: uri.map(str::to_owned),
                // Even a request wrong otherwise is not redirected to an unregistered URI.
                response_type: Some("token".into()),
                ..good()
            };
            assert_eq!(
                check_request(&p, Some(client()), &registered()),
                Err(RequestError::RedirectUri),
                "{uri:?}"
            );
        }
    }

    #[test]
    fn each_rule_has_its_error() {
        let cases: Vec<(AuthorizationParams, &str)> = vec![
            (
                AuthorizationParams {
                    response_type: Some("token".into()),
                    ..good()
                },
                "unsupported_response_type",
            ),
            (
                AuthorizationParams {
                    response_type: Some("code id_token".into()),
                    ..good()
                },
                "unsupported_response_type",
            ),
            (
                AuthorizationParams {
                    response_type: None,
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    scope: Some("name address".into()),
                    ..good()
                },
                "invalid_scope",
            ),
            (
                AuthorizationParams {
                    state: None,
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    nonce: Some(String::new()),
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    code_challenge: None,
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    code_challenge: Some("short".into()),
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    code_challenge_method: Some("plain".into()),
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    code_challenge_method: None,
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    prompt: Some("none".into()),
                    ..good()
                },
                "login_required",
            ),
            (
                AuthorizationParams {
                    prompt: Some("none login".into()),
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    max_age: Some("-1".into()),
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    request: Some("eyJ".into()),
                    ..good()
                },
                "request_not_supported",
            ),
            (
                AuthorizationParams {
                    request_uri: Some("https://rp.example/r".into()),
                    ..good()
                },
                "request_uri_not_supported",
            ),
            (
                AuthorizationParams {
                    registration: Some("{}".into()),
                    ..good()
                },
                "registration_not_supported",
            ),
            (
                AuthorizationParams {
                    response_mode: Some("fragment".into()),
                    ..good()
                },
                "invalid_request",
            ),
            (
                AuthorizationParams {
                    nonce: Some("n".repeat(MAX_PARAM + 1)),
                    ..good()
                },
                "invalid_request",
            ),
        ];
        for (p, want) in cases {
            assert_eq!(error_of(p.clone()), Some(want), "{p:?}");
        }
        for fine in [
            AuthorizationParams {
                prompt: Some("login consent select_account".into()),
                ..good()
            },
            AuthorizationParams {
                max_age: Some("0".into()),
                ..good()
            },
            AuthorizationParams {
                response_mode: Some("query".into()),
                ..good()
            },
        ] {
            assert_eq!(error_of(fine.clone()), None, "{fine:?}");
        }
    }

    #[test]
    fn a_redirected_error_carries_the_state_it_was_given() {
        let p = AuthorizationParams {
            response_type: Some("token".into()),
            ..good()
        };
        match check_request(&p, Some(client()), &registered()) {
            Err(RequestError::Redirect { state, .. }) => assert_eq!(state.as_deref(), Some("s1")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_query_keeps_the_uri_s_own_and_encodes_values() {
        assert_eq!(
            with_query(
                "https://rp.example/cb",
                &[("code", "a b"), ("state", "x&y=z")]
            ),
            "https://rp.example/cb?code=a%20b&state=x%26y%3Dz"
        );
        assert_eq!(
            with_query("https://rp.example/cb?k=v", &[("code", "c")]),
            "https://rp.example/cb?k=v&code=c"
        );
    }

    #[test]
    fn code_verifiers_are_43_to_128_unreserved_characters() {
        assert!(is_code_verifier(&"a".repeat(43)));
        assert!(is_code_verifier(&"-._~".repeat(32)));
        assert!(!is_code_verifier(&"a".repeat(42)));
        assert!(!is_code_verifier(&"a".repeat(129)));
        assert!(!is_code_verifier(&format!("{}+", "a".repeat(42))));
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            LoginStatus::Waiting,
            LoginStatus::Authenticated,
            LoginStatus::Consented,
            LoginStatus::Redeemed,
            LoginStatus::Declined,
        ] {
            assert_eq!(LoginStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(LoginStatus::from_code("other"), None);
    }

    #[test]
    fn pairwise_subjects_are_stable_and_unlinkable() {
        let key = [9u8; 32];
        let person = PersonId::from_random([1; 16]);
        let a = OrganisationId::from_random([2; 16]);
        let b = OrganisationId::from_random([3; 16]);
        let sub = pairwise_subject(&key, a, person);
        assert_eq!(sub.len(), 64);
        assert_eq!(sub, pairwise_subject(&key, a, person));
        assert_ne!(sub, pairwise_subject(&key, b, person));
        assert_ne!(sub, pairwise_subject(&[8u8; 32], a, person));
        assert_ne!(
            sub,
            pairwise_subject(&key, a, PersonId::from_random([4; 16]))
        );
        // A known answer, so that a change of the derivation is seen (it would change every
        // resident's identifier at every relying party).
        expect_test::expect!["b428937cda62ea10e938da12d7283159e3dafcffdf0663c311edbad626f370f3"]
            .assert_eq(&sub);
    }

    #[test]
    fn the_challenge_message_names_issuer_login_and_challenge() {
        assert_eq!(
            challenge_message("https://id.example", "l1", "c1"),
            b"mynumber-login-v1\nhttps://id.example\nl1\nc1\n".to_vec()
        );
    }
}
