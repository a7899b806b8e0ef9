//! Log-in with the card in SQL: client registrations, the provider's keys, log-ins and access
//! tokens (docs/design/oidc.md).

use async_trait::async_trait;
use mynumber_app::StoreError;
use mynumber_app::ports::{
    OidcClientRow, OidcLoginRow, OidcRead, OidcTokenRow, OidcWrite, ProviderKeyRow,
    SignTransactionRow,
};
use mynumber_core::OrganisationId;
use mynumber_core::oidc::{LoginStatus, SignFormat, SignStatus};
use sqlx::AssertSqlSafe;

use super::organisations::organisation_id;
use super::{SWEEP_EVERY_US, SqlTx};
use crate::db;
use crate::rows::{corrupt, int, opt_int, opt_text, person_id, text};
use crate::sql::{Row, query};

const LOGIN_COLUMNS: &str = "id, organisation_id, redirect_uri, scope, state, nonce, \
     code_challenge, acr_values, ui_locale, challenge, browser_hash, status, person_id, \
     certificate_serial, auth_time_us, code_hash, code_expires_at_us, created_at_us, \
     expires_at_us, sign_transaction";

const SIGN_COLUMNS: &str = "id, organisation_id, format, to_be_signed, signed_attrs, status, \
     login_id, person_id, certificate, signature, signed_at_us, created_at_us, expires_at_us";

const KEY_COLUMNS: &str = "kid, purpose, sealed, public_key, created_at_us, retired_at_us";

/// URIs one per line: a URI has no line break.
fn lines(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn unhex(row: &Row, col: &str) -> Result<Vec<u8>, StoreError> {
    hex::decode(text(row, col)?).map_err(|_| corrupt(format!("{col} is not hex")))
}

fn decode_login(row: &Row) -> Result<OidcLoginRow, StoreError> {
    Ok(OidcLoginRow {
        id: text(row, "id")?,
        organisation: organisation_id(&text(row, "organisation_id")?)?,
        redirect_uri: text(row, "redirect_uri")?,
        scope: text(row, "scope")?,
        state: text(row, "state")?,
        nonce: text(row, "nonce")?,
        code_challenge: text(row, "code_challenge")?,
        acr_values: text(row, "acr_values")?,
        ui_locale: text(row, "ui_locale")?,
        challenge: text(row, "challenge")?,
        browser_hash: text(row, "browser_hash")?,
        status: LoginStatus::from_code(&text(row, "status")?)
            .ok_or_else(|| corrupt("log-in status"))?,
        person: opt_text(row, "person_id")?
            .map(|p| person_id(&p))
            .transpose()?,
        certificate_serial: opt_text(row, "certificate_serial")?,
        auth_time_us: opt_int(row, "auth_time_us")?,
        code_hash: opt_text(row, "code_hash")?,
        code_expires_at_us: opt_int(row, "code_expires_at_us")?,
        created_at_us: int(row, "created_at_us")?,
        expires_at_us: int(row, "expires_at_us")?,
        sign_transaction: opt_text(row, "sign_transaction")?,
    })
}

fn opt_unhex(row: &Row, col: &str) -> Result<Option<Vec<u8>>, StoreError> {
    opt_text(row, col)?
        .map(|h| hex::decode(h).map_err(|_| corrupt(format!("{col} is not hex"))))
        .transpose()
}

fn decode_sign(row: &Row) -> Result<SignTransactionRow, StoreError> {
    Ok(SignTransactionRow {
        id: text(row, "id")?,
        organisation: organisation_id(&text(row, "organisation_id")?)?,
        format: SignFormat::parse(&text(row, "format")?)
            .ok_or_else(|| corrupt("sign-transaction format"))?,
        to_be_signed: unhex(row, "to_be_signed")?,
        signed_attrs: unhex(row, "signed_attrs")?,
        status: SignStatus::parse(&text(row, "status")?)
            .ok_or_else(|| corrupt("sign-transaction status"))?,
        login: opt_text(row, "login_id")?,
        person: opt_text(row, "person_id")?
            .map(|p| person_id(&p))
            .transpose()?,
        certificate: opt_unhex(row, "certificate")?,
        signature: opt_unhex(row, "signature")?,
        signed_at_us: opt_int(row, "signed_at_us")?,
        created_at_us: int(row, "created_at_us")?,
        expires_at_us: int(row, "expires_at_us")?,
    })
}

fn decode_key(row: &Row) -> Result<ProviderKeyRow, StoreError> {
    Ok(ProviderKeyRow {
        kid: text(row, "kid")?,
        purpose: text(row, "purpose")?,
        sealed: unhex(row, "sealed")?,
        public_key: unhex(row, "public_key")?,
        created_at_us: int(row, "created_at_us")?,
        retired_at_us: opt_int(row, "retired_at_us")?,
    })
}

#[async_trait]
impl OidcRead for SqlTx {
    async fn oidc_client(
        &mut self,
        organisation: OrganisationId,
    ) -> Result<Option<OidcClientRow>, StoreError> {
        let row = query(
            "SELECT organisation_id, redirect_uris, logout_uris, registered_at_us \
             FROM oidc_clients WHERE organisation_id = $1",
        )
        .bind(organisation.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            Ok(OidcClientRow {
                organisation: organisation_id(&text(&r, "organisation_id")?)?,
                redirect_uris: lines(&text(&r, "redirect_uris")?),
                logout_uris: lines(&text(&r, "logout_uris")?),
                registered_at_us: int(&r, "registered_at_us")?,
            })
        })
        .transpose()
    }

    async fn provider_keys(&mut self, purpose: &str) -> Result<Vec<ProviderKeyRow>, StoreError> {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM oidc_keys WHERE purpose = $1 ORDER BY created_at_us, kid"
        );
        query(AssertSqlSafe(sql))
            .bind(purpose.to_owned())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_key)
            .collect()
    }

    async fn oidc_login(&mut self, id: &str) -> Result<Option<OidcLoginRow>, StoreError> {
        let sql = format!("SELECT {LOGIN_COLUMNS} FROM oidc_logins WHERE id = $1");
        query(AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_login(&r))
            .transpose()
    }

    async fn oidc_login_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<OidcLoginRow>, StoreError> {
        let sql = format!("SELECT {LOGIN_COLUMNS} FROM oidc_logins WHERE code_hash = $1");
        query(AssertSqlSafe(sql))
            .bind(code_hash.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_login(&r))
            .transpose()
    }

    async fn sign_transaction(
        &mut self,
        id: &str,
    ) -> Result<Option<SignTransactionRow>, StoreError> {
        let sql = format!("SELECT {SIGN_COLUMNS} FROM sign_transactions WHERE id = $1");
        query(AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_sign(&r))
            .transpose()
    }

    async fn oidc_token(
        &mut self,
        hash: &str,
        now_us: i64,
    ) -> Result<Option<OidcTokenRow>, StoreError> {
        let row = query(
            "SELECT hash, login_id, organisation_id, person_id, scope, expires_at_us, \
             client_kid FROM oidc_tokens WHERE hash = $1 AND expires_at_us > $2",
        )
        .bind(hash.to_owned())
        .bind(now_us)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            Ok(OidcTokenRow {
                hash: text(&r, "hash")?,
                login: text(&r, "login_id")?,
                organisation: organisation_id(&text(&r, "organisation_id")?)?,
                person: person_id(&text(&r, "person_id")?)?,
                scope: text(&r, "scope")?,
                expires_at_us: int(&r, "expires_at_us")?,
                client_kid: opt_text(&r, "client_kid")?,
            })
        })
        .transpose()
    }
}

#[async_trait]
impl OidcWrite for SqlTx {
    async fn put_oidc_client(&mut self, row: &OidcClientRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO oidc_clients (organisation_id, redirect_uris, logout_uris, \
             registered_at_us) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (organisation_id) DO UPDATE SET redirect_uris = excluded.redirect_uris, \
             logout_uris = excluded.logout_uris, registered_at_us = excluded.registered_at_us",
        )
        .bind(row.organisation.to_hex())
        .bind(row.redirect_uris.join("\n"))
        .bind(row.logout_uris.join("\n"))
        .bind(row.registered_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_provider_key(&mut self, row: &ProviderKeyRow) -> Result<bool, StoreError> {
        // ON CONFLICT: two servers making the first key at once is an answer, not an error
        // (an error would end the transaction on PostgreSQL).
        let sql = format!(
            "INSERT INTO oidc_keys ({KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (kid) DO NOTHING"
        );
        let done = query(AssertSqlSafe(sql))
            .bind(row.kid.clone())
            .bind(row.purpose.clone())
            .bind(hex::encode(&row.sealed))
            .bind(hex::encode(&row.public_key))
            .bind(row.created_at_us)
            .bind(row.retired_at_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn retire_provider_key(&mut self, kid: &str, at_us: i64) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE oidc_keys SET retired_at_us = $1 WHERE kid = $2 AND retired_at_us IS NULL",
        )
        .bind(at_us)
        .bind(kid.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_oidc_login(
        &mut self,
        row: &OidcLoginRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError> {
        self.sweep(
            |s| &s.logins,
            SWEEP_EVERY_US,
            "DELETE FROM oidc_logins WHERE expires_at_us < $1",
            forget_before_us,
        )
        .await?;
        let sql = format!(
            "INSERT INTO oidc_logins ({LOGIN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
             $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
        );
        query(AssertSqlSafe(sql))
            .bind(row.id.clone())
            .bind(row.organisation.to_hex())
            .bind(row.redirect_uri.clone())
            .bind(row.scope.clone())
            .bind(row.state.clone())
            .bind(row.nonce.clone())
            .bind(row.code_challenge.clone())
            .bind(row.acr_values.clone())
            .bind(row.ui_locale.clone())
            .bind(row.challenge.clone())
            .bind(row.browser_hash.clone())
            .bind(row.status.code())
            .bind(row.person.map(|p| p.to_hex()))
            .bind(row.certificate_serial.clone())
            .bind(row.auth_time_us)
            .bind(row.code_hash.clone())
            .bind(row.code_expires_at_us)
            .bind(row.created_at_us)
            .bind(row.expires_at_us)
            .bind(row.sign_transaction.clone())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn insert_sign_transaction(
        &mut self,
        row: &SignTransactionRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError> {
        self.sweep(
            |s| &s.sign_transactions,
            SWEEP_EVERY_US,
            "DELETE FROM sign_transactions WHERE expires_at_us < $1",
            forget_before_us,
        )
        .await?;
        let sql = format!(
            "INSERT INTO sign_transactions ({SIGN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, \
             $7, $8, $9, $10, $11, $12, $13)"
        );
        query(AssertSqlSafe(sql))
            .bind(row.id.clone())
            .bind(row.organisation.to_hex())
            .bind(row.format.code())
            .bind(hex::encode(&row.to_be_signed))
            .bind(hex::encode(&row.signed_attrs))
            .bind(row.status.code())
            .bind(row.login.clone())
            .bind(row.person.map(|p| p.to_hex()))
            .bind(row.certificate.as_ref().map(hex::encode))
            .bind(row.signature.as_ref().map(hex::encode))
            .bind(row.signed_at_us)
            .bind(row.created_at_us)
            .bind(row.expires_at_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn sign_transaction_signed(
        &mut self,
        row: &SignTransactionRow,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE sign_transactions SET status = $1, login_id = $2, person_id = $3, \
             certificate = $4, signature = $5, signed_at_us = $6, expires_at_us = $7 \
             WHERE id = $8 AND status = $9",
        )
        .bind(SignStatus::Signed.code())
        .bind(row.login.clone())
        .bind(row.person.map(|p| p.to_hex()))
        .bind(row.certificate.as_ref().map(hex::encode))
        .bind(row.signature.as_ref().map(hex::encode))
        .bind(row.signed_at_us)
        .bind(row.expires_at_us)
        .bind(row.id.clone())
        .bind(SignStatus::Pending.code())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn update_oidc_login(
        &mut self,
        row: &OidcLoginRow,
        expected: LoginStatus,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE oidc_logins SET status = $1, person_id = $2, certificate_serial = $3, \
             auth_time_us = $4, code_hash = $5, code_expires_at_us = $6, ui_locale = $7, \
             scope = $10 WHERE id = $8 AND status = $9",
        )
        .bind(row.status.code())
        .bind(row.person.map(|p| p.to_hex()))
        .bind(row.certificate_serial.clone())
        .bind(row.auth_time_us)
        .bind(row.code_hash.clone())
        .bind(row.code_expires_at_us)
        .bind(row.ui_locale.clone())
        .bind(row.id.clone())
        .bind(expected.code())
        .bind(row.scope.clone())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_oidc_token(&mut self, row: &OidcTokenRow) -> Result<(), StoreError> {
        self.sweep(
            |s| &s.oidc_tokens,
            SWEEP_EVERY_US,
            "DELETE FROM oidc_tokens WHERE expires_at_us < $1",
            row.expires_at_us - 24 * 3_600_000_000,
        )
        .await?;
        query(
            "INSERT INTO oidc_tokens (hash, login_id, organisation_id, person_id, scope, \
             expires_at_us, client_kid) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(row.hash.clone())
        .bind(row.login.clone())
        .bind(row.organisation.to_hex())
        .bind(row.person.to_hex())
        .bind(row.scope.clone())
        .bind(row.expires_at_us)
        .bind(row.client_kid.clone())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn revoke_oidc_tokens(&mut self, login: &str) -> Result<u64, StoreError> {
        let done = query("DELETE FROM oidc_tokens WHERE login_id = $1")
            .bind(login.to_owned())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected())
    }
}
