//! Organisations as principals (issue 12, docs/design/organisations.md): an administrator
//! registers an organisation's public keys; the organisation proves who it is with an assertion
//! signed by one of them (RFC 7523, `private_key_jwt`, the client-credentials grant of RFC 6749
//! §4.4) and receives a short-lived access token; each request with that token is the
//! organisation's, while the organisation, its key and the token are in force.

use mynumber_core::client_assertion::Assertion;
use mynumber_core::organisation::{OrgRole, OrgStatus};
use mynumber_core::{Action, FieldError, Invalid, OrganisationId, Principal, Subject};
use mynumber_pki::jose::{CompactJws, is_p256_point, verify_es256};
use sha2::{Digest, Sha256};

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::staff::token_hash;
use crate::{App, AppError, OrganisationKeyRow, StoreError, Tx};

/// How long an organisation's access token lasts, in seconds. **Choice**: five minutes, short
/// as a bearer credential should be; a client asks again for more.
pub const ORGANISATION_TOKEN_S: i64 = 300;

/// The prefix of an organisation's access token (a staff token's is `mn_`).
pub const ORGANISATION_TOKEN_PREFIX: &str = "mno_";

/// An access token just issued, shown once.
#[derive(Clone)]
pub struct OrganisationToken {
    /// `mno_` and 64 hex digits; only its hash is stored.
    pub token: String,
    /// Seconds it lasts.
    pub expires_in: i64,
}

impl std::fmt::Debug for OrganisationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrganisationToken")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// A key's fingerprint for the ledger: the first 16 hex digits of the point's SHA-256.
fn fingerprint(point: &[u8]) -> String {
    hex::encode(&Sha256::digest(point)[..8])
}

impl App {
    /// Registers a public key (a P-256 point) for an organisation in force, under a key id its
    /// assertions will name.
    pub async fn register_organisation_key(
        &self,
        principal: &Principal,
        id: OrganisationId,
        kid: &str,
        public_key: &[u8],
    ) -> Result<OrganisationKeyRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let kid = kid.trim();
        let mut problems = Vec::new();
        let kid_ok = (1..=64).contains(&kid.len())
            && kid
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !kid_ok {
            problems.push(FieldError::new("kid", "problem-key-id"));
        }
        if !is_p256_point(public_key) {
            problems.push(FieldError::new("public_key", "problem-key-p256"));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(Invalid(problems)));
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
            .organisation(id)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        if org.status == OrgStatus::Revoked {
            return Err(AppError::Invalid(Invalid(vec![
                FieldError::new("organisation", "problem-organisation-event")
                    .arg("event", "register-key")
                    .arg("status", org.status.code()),
            ])));
        }
        let now = self.clock.now_us();
        let row = OrganisationKeyRow {
            organisation: id,
            kid: kid.to_owned(),
            public_key: public_key.to_vec(),
            registered_at_us: now,
            revoked_at_us: None,
        };
        match tx.insert_organisation_key(&row).await {
            Err(StoreError::Conflict(_)) => {
                return Err(AppError::Invalid(Invalid(vec![
                    FieldError::new("kid", "problem-key-id-taken").arg("given", kid),
                ])));
            }
            other => other?,
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "organisation-key-registered",
                format!(
                    "organisation={id} kid={kid} key={}",
                    fingerprint(public_key)
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Revokes a key and ends at once every token issued under it.
    pub async fn revoke_organisation_key(
        &self,
        principal: &Principal,
        id: OrganisationId,
        kid: &str,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let now = self.clock.now_us();
        if !tx.revoke_organisation_key(id, kid.trim(), now).await? {
            return Err(AppError::NotFound("key"));
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "organisation-key-revoked",
                format!("organisation={id} kid={}", kid.trim()),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// An organisation's keys, revoked ones too.
    pub async fn organisation_keys(
        &self,
        principal: &Principal,
        id: OrganisationId,
    ) -> Result<Vec<OrganisationKeyRow>, AppError> {
        self.permit(principal, Action::ReadOrganisations).await?;
        let mut tx = self.store.begin_read().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOrganisations,
            &Subject::Everything,
            "organisation"
        );
        Ok(tx.organisation_keys(id).await?)
    }

    /// The client-credentials grant with a signed assertion: `client_id` is the organisation's
    /// id; `assertion` is the JWS's header and claims as the API read them, `jws` its bytes;
    /// `audience` is this server's token endpoint. Every refusal is the same to the caller
    /// (`Unauthenticated`, RFC 6749 §5.2 `invalid_client`); it is recorded with its reason once
    /// the organisation's own key is shown to have signed (`verify_client`), else only logged.
    pub async fn issue_organisation_token(
        &self,
        client_id: &str,
        jws: &CompactJws,
        assertion: &Assertion,
        audience: &str,
    ) -> Result<OrganisationToken, AppError> {
        let Some(id) = OrganisationId::parse(client_id.trim()) else {
            return Err(AppError::Unauthenticated);
        };
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let refused = match self
            .verify_client(tx.as_mut(), id, jws, assertion, &[audience], now)
            .await?
        {
            Err((reason, false)) => {
                tracing::warn!(reason, organisation = %id, "token refused");
                return Err(AppError::Unauthenticated);
            }
            Err((reason, true)) => Some(reason),
            Ok(kid) => {
                let mut bytes = [0u8; 32];
                self.random.fill(&mut bytes);
                let token = format!("{ORGANISATION_TOKEN_PREFIX}{}", hex::encode(bytes));
                let until = now + ORGANISATION_TOKEN_S * 1_000_000;
                tx.insert_organisation_token(&token_hash(&token), id, &kid, now, until)
                    .await?;
                append(
                    tx.as_mut(),
                    &Principal::RelyingParty(id).ledger_name(),
                    now,
                    vec![Record::national(
                        "organisation-token-issued",
                        format!("organisation={id} kid={kid}"),
                    )],
                )
                .await?;
                tx.commit().await?;
                return Ok(OrganisationToken {
                    token,
                    expires_in: ORGANISATION_TOKEN_S,
                });
            }
        };
        let reason = refused.unwrap_or("refused");
        append(
            tx.as_mut(),
            &Principal::RelyingParty(id).ledger_name(),
            now,
            vec![Record::national(
                "organisation-token-refused",
                format!("organisation={id} reason={reason}"),
            )],
        )
        .await?;
        tx.commit().await?;
        Err(AppError::Unauthenticated)
    }

    /// Checks a client's signed assertion inside `tx`: the assertion meets RFC 7523's rules for
    /// one of `audiences`, its signature verifies with a key in force (the one its `kid` names,
    /// if it names one), the organisation is active, and its `jti` is taken now, once. The
    /// key's id, or why it was refused and whether the refusal goes to the ledger: only once the
    /// signature showed that the organisation itself sent it (a replay, a suspended
    /// organisation, a revoked key), so that strangers who know an organisation's id cannot
    /// fill the ledger with refusals that cost them nothing.
    pub(crate) async fn verify_client(
        &self,
        tx: &mut dyn Tx,
        id: OrganisationId,
        jws: &CompactJws,
        assertion: &Assertion,
        audiences: &[&str],
        now: i64,
    ) -> Result<Result<String, (&'static str, bool)>, AppError> {
        match self
            .check_client(&mut *tx, id, jws, assertion, audiences, now)
            .await?
        {
            Ok(kid) => Ok(Self::take_jti(tx, id, assertion, now).await?.map(|()| kid)),
            Err(refusal) => Ok(Err(refusal)),
        }
    }

    /// Takes an assertion's `jti`, once: a replay is refused (and recorded: the signature was
    /// the organisation's). Kept as long as the rules accept the assertion (its expiry and the
    /// skew allowed), so that a replay inside the skew finds it.
    pub(crate) async fn take_jti(
        tx: &mut dyn Tx,
        id: OrganisationId,
        assertion: &Assertion,
        now: i64,
    ) -> Result<Result<(), (&'static str, bool)>, AppError> {
        let expires = assertion
            .exp
            .saturating_add(mynumber_core::client_assertion::SKEW_S)
            .saturating_mul(1_000_000);
        Ok(
            if tx.take_assertion(id, &assertion.jti, expires, now).await? {
                Ok(())
            } else {
                Err(("replay", true))
            },
        )
    }

    /// Everything [`App::verify_client`] checks but the `jti`, in a read-only transaction: a
    /// caller may check outside the writer's turn, then take the `jti` in its write.
    pub(crate) async fn check_client(
        &self,
        tx: &mut dyn crate::ports::ReadTx,
        id: OrganisationId,
        jws: &CompactJws,
        assertion: &Assertion,
        audiences: &[&str],
        now: i64,
    ) -> Result<Result<String, (&'static str, bool)>, AppError> {
        let Some(org) = tx.organisation(id).await? else {
            return Ok(Err(("unknown-client", false)));
        };
        if let Err(why) = assertion.check(&id.to_hex(), audiences, now / 1_000_000) {
            return Ok(Err((why.code(), false)));
        }
        let keys = tx.organisation_keys(id).await?;
        // With several keys in force the assertion names its own: without a `kid` each would
        // be tried, a signature check per key for every stranger's request.
        if assertion.kid.is_none() && keys.iter().filter(|k| k.revoked_at_us.is_none()).count() > 1
        {
            return Ok(Err(("kid-required", false)));
        }
        let named =
            |k: &&OrganisationKeyRow| assertion.kid.as_deref().is_none_or(|kid| kid == k.kid);
        let verified = keys
            .iter()
            .filter(|k| k.revoked_at_us.is_none())
            .filter(named)
            .find(|k| verify_es256(jws, &k.public_key).is_ok());
        let Some(key) = verified else {
            let revoked = keys
                .iter()
                .filter(|k| k.revoked_at_us.is_some())
                .filter(named)
                .any(|k| verify_es256(jws, &k.public_key).is_ok());
            return Ok(Err(if revoked {
                ("revoked-key", true)
            } else {
                ("signature", false)
            }));
        };
        if org.status != OrgStatus::Active {
            return Ok(Err(("organisation-not-active", true)));
        }
        Ok(Ok(key.kid.clone()))
    }

    /// The organisation an access token stands for, while the token, its key and the
    /// organisation are in force: an agency using numbers (`number-using`) or another
    /// relying party.
    pub(crate) async fn authenticate_organisation(
        &self,
        token: &str,
    ) -> Result<Principal, AppError> {
        if token.len() != ORGANISATION_TOKEN_PREFIX.len() + 64 {
            return Err(AppError::Unauthenticated);
        }
        let now = self.clock.now_us();
        let mut tx = self.store.begin_lookup().await?;
        let Some((id, kid)) = tx.organisation_token(&token_hash(token), now).await? else {
            return Err(AppError::Unauthenticated);
        };
        let org = tx
            .organisation(id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let key_in_force = tx
            .organisation_keys(id)
            .await?
            .iter()
            .any(|k| k.kid == kid && k.revoked_at_us.is_none());
        if org.status != OrgStatus::Active || !key_in_force {
            return Err(AppError::Unauthenticated);
        }
        Ok(if org.roles.contains(&OrgRole::NumberUsing) {
            Principal::Agency(id)
        } else {
            Principal::RelyingParty(id)
        })
    }
}
