//! The 自己情報取得API (issue 14, docs/design/portal.md): an app (a relying party) reads the
//! information agencies hold about a resident, item by item as the resident granted it at a
//! log-in with the card, fetched through the exchange network under the portal's code. The
//! grant stands until it runs out or the resident withdraws it in the portal; the app keeps
//! its access with refresh tokens, each used once (a new one with every use).

use mynumber_core::client_assertion::Assertion;
use mynumber_core::exchange::DataItem;
use mynumber_core::oidc::{ACCESS_TOKEN_S, Scope, Scopes};
use mynumber_core::{Action, OrganisationId, PersonId, Principal, Subject};
use mynumber_pki::jose::CompactJws;

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::oidc::{TokenGrant, TokenRefusal};
use crate::portal::HeldData;
use crate::ports::{AppGrantRow, OidcLoginRow, OidcTokenRow, RefreshTokenRow};
use crate::{App, AppError, Tx, load, token_hash};

/// How long a resident's grant to an app stands (**choice**, docs/design/portal.md: a season
/// of a household-budget app's use; the Agency's period is not in our facts). The resident
/// withdraws it sooner in the portal.
pub const APP_GRANT_US: i64 = 90 * 24 * 3_600 * 1_000_000;

/// Ends every app grant of `person`, when the card they log in with is suspended or ended: a
/// lost card's finder may have given one (found in review). The entry for the ledger, if any
/// ended.
pub(crate) async fn end_app_grants(
    tx: &mut dyn Tx,
    person: PersonId,
    now: i64,
) -> Result<Option<Record>, AppError> {
    let ended = tx.withdraw_app_grants_of(person, now).await?;
    if ended == 0 {
        return Ok(None);
    }
    let current = load::current_version(tx, person).await?;
    Ok(Some(Record {
        partition: current.resident.record.municipality().as_str().to_owned(),
        action: "app-grants-ended",
        person: Some(person),
        purpose: None,
        detail: format!("grants={ended}"),
    }))
}

/// What a refresh token starts with.
pub const REFRESH_TOKEN_PREFIX: &str = "mnr_";

/// What an app read of a resident's information: one data set, from each agency holding it.
#[derive(Clone, Debug)]
pub struct SelfInformation {
    /// The data set.
    pub item: DataItem,
    /// Each agency's copy of it; none when no agency holds one (or it is 不開示).
    pub sets: Vec<HeldData>,
}

/// A grant as the portal lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppGrantView {
    /// The grant's id.
    pub id: String,
    /// The app's registered name.
    pub name: String,
    /// The data sets granted.
    pub items: Vec<DataItem>,
    /// When it runs out (µs).
    pub expires_at_us: i64,
}

impl App {
    /// At the resident's consent: keeps their grant of the agencies' data sets in `scopes`
    /// to the log-in's app (replacing the one it held), and says so for the ledger. Nothing
    /// when no data set was granted.
    pub(crate) async fn grant_app(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        login: &OidcLoginRow,
        (asked, scopes): (&Scopes, &Scopes),
        partition: &str,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let items: Vec<&str> = scopes
            .self_items()
            .map(|i| Scope::SelfInformation(i).code())
            .collect();
        if items.is_empty() {
            // Asked and every box unticked: the resident gives nothing, so the grant the app
            // held from before ends too (found in review).
            let standing = match asked.self_items().next() {
                Some(_) => tx.app_grant(login.organisation, person).await?,
                None => None,
            };
            return Ok(match standing {
                Some(g) if tx.withdraw_app_grant(person, &g.id, now).await? => vec![Record {
                    partition: partition.to_owned(),
                    action: "app-grant-withdrawn",
                    person: Some(person),
                    purpose: None,
                    detail: format!("grant={} login={}", g.id, login.id),
                }],
                _ => Vec::new(),
            });
        }
        let row = AppGrantRow {
            id: hex::encode(self.random_bytes::<16>()),
            organisation: login.organisation,
            person,
            items: items.join(" "),
            login: login.id.clone(),
            granted_at_us: now,
            expires_at_us: now + APP_GRANT_US,
            withdrawn_at_us: None,
        };
        tx.put_app_grant(&row).await?;
        Ok(vec![Record {
            partition: partition.to_owned(),
            action: "app-granted",
            person: Some(person),
            purpose: None,
            detail: format!(
                "organisation={} login={} grant={} items={} until={}",
                login.organisation,
                login.id,
                row.id,
                items.join(","),
                crate::revocation_info::timestamp(row.expires_at_us)
            ),
        }])
    }

    /// The first refresh token of the grant the log-in `login` gave `client`, if it gave one.
    pub(crate) async fn issue_refresh_token(
        &self,
        tx: &mut dyn Tx,
        client: OrganisationId,
        person: PersonId,
        login: &str,
        now: i64,
    ) -> Result<Option<String>, AppError> {
        match tx.app_grant(client, person).await? {
            Some(grant) if grant.login == login && grant.in_force(now) => {
                Ok(Some(self.new_refresh_token(tx, &grant, now).await?))
            }
            _ => Ok(None),
        }
    }

    async fn new_refresh_token(
        &self,
        tx: &mut dyn Tx,
        grant: &AppGrantRow,
        now: i64,
    ) -> Result<String, AppError> {
        let token = format!(
            "{REFRESH_TOKEN_PREFIX}{}",
            hex::encode(self.random_bytes::<32>())
        );
        tx.insert_refresh_token(
            &RefreshTokenRow {
                hash: token_hash(&token),
                grant: grant.id.clone(),
                expires_at_us: grant.expires_at_us,
                used_at_us: None,
            },
            now,
        )
        .await?;
        Ok(token)
    }

    /// The refresh-token grant (RFC 6749 §6): the client proves itself as for a code; the
    /// token must be its own grant's, unused, the grant still in force. It is used up, and a
    /// new access token and refresh token come back (rotation, RFC 9700 §4.14.2). A refresh
    /// token used twice ends every refresh token of its grant: one of the two was a copy.
    pub async fn refresh_access(
        &self,
        client_id: &str,
        jws: &CompactJws,
        assertion: &Assertion,
        refresh_token: &str,
    ) -> Result<TokenGrant, TokenRefusal> {
        let Some(client) = OrganisationId::parse(client_id.trim()) else {
            return Err(TokenRefusal::Client);
        };
        let now = self.clock.now_us();
        let audiences = [self.issuer(), self.oidc_token_endpoint()];
        let audiences: Vec<&str> = audiences.iter().map(String::as_str).collect();
        let hash = token_hash(refresh_token);
        let well_formed = refresh_token.len() == REFRESH_TOKEN_PREFIX.len() + 64
            && refresh_token.starts_with(REFRESH_TOKEN_PREFIX);
        let checked = {
            let mut read = self.store.begin_lookup().await?;
            self.check_client(read.as_mut(), client, jws, assertion, &audiences, now)
                .await?
        };
        let tx = self.store.begin().await?;
        let (mut tx, kid) = self
            .admit_client(tx, client, assertion, checked, now)
            .await?;
        const UNKNOWN: &str = "the refresh token is unknown or expired";
        let row = match well_formed {
            true => tx.refresh_token(&hash).await?,
            false => None,
        };
        let Some(row) = row else {
            return Err(TokenRefusal::Grant(UNKNOWN));
        };
        let Some(grant) = tx
            .app_grant_by_id(&row.grant)
            .await?
            .filter(|g| g.organisation == client)
        else {
            return Err(TokenRefusal::Grant(UNKNOWN));
        };
        if row.used_at_us.is_some() || !tx.use_refresh_token(&hash, now).await? {
            let ended = tx.end_refresh_tokens(&grant.id).await?;
            let revoked = tx.revoke_oidc_tokens(&grant.login).await?;
            let detail = format!(
                "organisation={client} grant={} refresh_tokens_ended={ended} tokens_revoked={revoked}",
                grant.id
            );
            crate::oidc::client_refused(tx, client, "app-refresh-reused", detail, now).await?;
            return Err(TokenRefusal::Grant("the refresh token was already used"));
        }
        if row.expires_at_us <= now || !grant.in_force(now) {
            return Err(TokenRefusal::Grant(UNKNOWN));
        }
        let access_token = self
            .new_access_token(
                tx.as_mut(),
                OidcTokenRow {
                    hash: String::new(),
                    login: grant.login.clone(),
                    organisation: client,
                    person: grant.person,
                    scope: grant.items.clone(),
                    expires_at_us: now + ACCESS_TOKEN_S * 1_000_000,
                    client_kid: Some(kid),
                },
            )
            .await?;
        let refresh_token = self.new_refresh_token(tx.as_mut(), &grant, now).await?;
        append(
            tx.as_mut(),
            &Principal::RelyingParty(client).ledger_name(),
            now,
            vec![Record::national(
                "app-token-refreshed",
                format!("organisation={client} grant={}", grant.id),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(TokenGrant {
            access_token,
            expires_in: ACCESS_TOKEN_S,
            scope: grant.items,
            id_token: None,
            refresh_token: Some(refresh_token),
        })
    }

    /// 自己情報取得API: the data set `item` of the resident an access token stands for, as
    /// the agencies hold it, fetched through the network under the portal's code (each fetch
    /// written as an exchange, so it shows in the resident's やりとり履歴). Only while the
    /// resident's grant to the token's app is in force and names the item, and the token was
    /// issued for it; each read is recorded on the resident (`self-information-read`).
    pub async fn self_information(
        &self,
        principal: &Principal,
        token: &str,
        item: DataItem,
    ) -> Result<SelfInformation, AppError> {
        let action = Action::ReadSelfInformation;
        self.permit(principal, action).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let issued = self.login_grant(tx.as_mut(), token, now).await?;
        let scope = Scope::SelfInformation(item);
        let granted = tx
            .app_grant(issued.organisation, issued.person)
            .await?
            .is_some_and(|g| g.in_force(now) && Scopes::parse(&g.items).has(scope))
            && Scopes::parse(&issued.scope).has(scope);
        authorize!(
            self,
            tx,
            principal,
            action,
            &Subject::Grant {
                person: issued.person,
                organisation: issued.organisation,
                granted,
            },
            "grant"
        );
        let current = load::current_version(tx.as_mut(), issued.person).await?;
        let sets = self
            .held_data_in(tx.as_mut(), issued.person, Some(item))
            .await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record {
                partition: current.resident.record.municipality().as_str().to_owned(),
                action: "self-information-read",
                person: Some(issued.person),
                purpose: None,
                detail: format!(
                    "organisation={} item={} sets={}",
                    issued.organisation,
                    item.code(),
                    sets.len()
                ),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(SelfInformation { item, sets })
    }

    /// The apps the resident granted their information to, while the grants stand.
    pub async fn my_app_grants(
        &self,
        principal: &Principal,
    ) -> Result<Vec<AppGrantView>, AppError> {
        let (mut tx, person, _) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let now = self.clock.now_us();
        let mut out = Vec::new();
        for grant in tx.app_grants_of(person).await? {
            if !grant.in_force(now) {
                continue;
            }
            let name = tx
                .organisation(grant.organisation)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            out.push(AppGrantView {
                id: grant.id,
                name,
                items: Scopes::parse(&grant.items).self_items().collect(),
                expires_at_us: grant.expires_at_us,
            });
        }
        drop(tx);
        Ok(out)
    }

    /// Withdraws the resident's grant `id` at once: the app reads nothing more, and its
    /// refresh tokens end. Recorded on the resident (`app-grant-withdrawn`).
    pub async fn withdraw_app_grant(
        &self,
        principal: &Principal,
        id: &str,
    ) -> Result<(), AppError> {
        let (mut tx, person, current) =
            self.own_record(principal, Action::ManageOwnChoices).await?;
        let now = self.clock.now_us();
        let id = id.trim();
        if id.len() != 32 || !tx.withdraw_app_grant(person, id, now).await? {
            return Err(AppError::NotFound("grant"));
        }
        crate::portal::on_self(
            tx.as_mut(),
            principal,
            person,
            current.resident.record.municipality(),
            "app-grant-withdrawn",
            format!("grant={id}"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
