//! Staff, their credentials, the other principals and deployment settings in SQL.

use async_trait::async_trait;
use mynumber_app::ports::{StaffRead, StaffWrite};
use mynumber_app::{
    CredentialRow, EnrolmentRow, LoginFailures, LoginRow, PasskeyRow, SessionRow, StaffKind,
    StaffRow, StoreError, TotpKeyRow,
};
use mynumber_core::{CredentialId, MunicipalityCode, Role, StaffId};

use crate::rows::int;
use crate::sql::{Row, query};
use crate::{db, unique_conflict};

use super::SqlTx;

const STAFF_COLUMNS: &str = "s.id, s.name, s.role, s.municipality_code, s.kind, s.created_by, s.created_at_us, s.disabled_at_us";

const CREDENTIAL_COLUMNS: &str = "c.id AS credential_id, c.staff_id, c.hash, c.label, \
     c.issued_at_us, c.expires_at_us, c.revoked_at_us, c.issued_by";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("staff {what}"))
}

fn decode_staff(r: &Row) -> Result<StaffRow, StoreError> {
    let id: String = r.try_get("id").map_err(db)?;
    let role: String = r.try_get("role").map_err(db)?;
    let kind: String = r.try_get("kind").map_err(db)?;
    let municipality: Option<String> = r.try_get("municipality_code").map_err(db)?;
    Ok(StaffRow {
        id: StaffId::parse(&id).ok_or_else(|| corrupt("id"))?,
        name: r.try_get("name").map_err(db)?,
        role: Role::parse(&role).ok_or_else(|| corrupt("role"))?,
        municipality: municipality
            .map(|m| MunicipalityCode::parse(&m).map_err(|_| corrupt("municipality")))
            .transpose()?,
        kind: StaffKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        created_by: r.try_get("created_by").map_err(db)?,
        created_at_us: int(r, "created_at_us")?,
        disabled_at_us: r.try_get("disabled_at_us").map_err(db)?,
    })
}

fn decode_credential(r: &Row) -> Result<CredentialRow, StoreError> {
    let id: String = r.try_get("credential_id").map_err(db)?;
    let staff: String = r.try_get("staff_id").map_err(db)?;
    let issued_by: Option<String> = r.try_get("issued_by").map_err(db)?;
    Ok(CredentialRow {
        id: CredentialId::parse(&id).ok_or_else(|| corrupt("credential id"))?,
        staff: StaffId::parse(&staff).ok_or_else(|| corrupt("credential staff"))?,
        hash: r.try_get("hash").map_err(db)?,
        label: r.try_get("label").map_err(db)?,
        issued_at_us: int(r, "issued_at_us")?,
        expires_at_us: int(r, "expires_at_us")?,
        revoked_at_us: r.try_get("revoked_at_us").map_err(db)?,
        issued_by: issued_by
            .map(|i| CredentialId::parse(&i).ok_or_else(|| corrupt("credential issuer")))
            .transpose()?,
    })
}

const LOGIN_COLUMNS: &str = "l.staff_id AS login_staff, l.login, l.password_hash, l.totp_secret, \
     l.totp_last_step, l.failures, l.locked_until_us, l.enrolled_by, l.enrolled_at_us";

const PASSKEY_COLUMNS: &str =
    "id, staff_id, name, public_key, sign_count, created_at_us, last_used_at_us";

fn decode_passkey(r: &Row) -> Result<PasskeyRow, StoreError> {
    let id: String = r.try_get("id").map_err(db)?;
    let staff: String = r.try_get("staff_id").map_err(db)?;
    let key: String = r.try_get("public_key").map_err(db)?;
    Ok(PasskeyRow {
        id: hex::decode(id).map_err(|_| corrupt("passkey id"))?,
        staff: StaffId::parse(&staff).ok_or_else(|| corrupt("passkey staff"))?,
        name: r.try_get("name").map_err(db)?,
        public_key: hex::decode(key).map_err(|_| corrupt("passkey key"))?,
        sign_count: int(r, "sign_count")?,
        created_at_us: int(r, "created_at_us")?,
        last_used_at_us: r.try_get("last_used_at_us").map_err(db)?,
    })
}

const ENROLMENT_COLUMNS: &str = "e.id, e.staff_id, e.login, e.password_hash, e.totp_secret, \
     e.enrolled_by, e.started_at_us";

const SESSION_COLUMNS: &str = "x.id AS session_id, x.staff_id AS session_staff, \
     x.hash AS session_hash, x.credential_id, x.issued_at_us AS session_issued, \
     x.last_used_at_us, x.ended_at_us";

fn decode_login(r: &Row) -> Result<LoginRow, StoreError> {
    let staff: String = r.try_get("login_staff").map_err(db)?;
    let secret: String = r.try_get("totp_secret").map_err(db)?;
    let enrolled_by: String = r.try_get("enrolled_by").map_err(db)?;
    Ok(LoginRow {
        staff: StaffId::parse(&staff).ok_or_else(|| corrupt("login staff"))?,
        login: r.try_get("login").map_err(db)?,
        password_hash: r.try_get("password_hash").map_err(db)?,
        totp_secret: hex::decode(secret).map_err(|_| corrupt("login key"))?,
        totp_last_step: r.try_get("totp_last_step").map_err(db)?,
        failures: int(r, "failures")?,
        locked_until_us: r.try_get("locked_until_us").map_err(db)?,
        enrolled_by: CredentialId::parse(&enrolled_by).ok_or_else(|| corrupt("login token"))?,
        enrolled_at_us: int(r, "enrolled_at_us")?,
    })
}

fn decode_enrolment(r: &Row) -> Result<EnrolmentRow, StoreError> {
    let staff: String = r.try_get("staff_id").map_err(db)?;
    let secret: String = r.try_get("totp_secret").map_err(db)?;
    let enrolled_by: String = r.try_get("enrolled_by").map_err(db)?;
    Ok(EnrolmentRow {
        id: r.try_get("id").map_err(db)?,
        staff: StaffId::parse(&staff).ok_or_else(|| corrupt("enrolment staff"))?,
        login: r.try_get("login").map_err(db)?,
        password_hash: r.try_get("password_hash").map_err(db)?,
        totp_secret: hex::decode(secret).map_err(|_| corrupt("enrolment key"))?,
        enrolled_by: CredentialId::parse(&enrolled_by).ok_or_else(|| corrupt("enrolment token"))?,
        started_at_us: int(r, "started_at_us")?,
    })
}

fn decode_session(r: &Row) -> Result<SessionRow, StoreError> {
    let staff: String = r.try_get("session_staff").map_err(db)?;
    let credential: String = r.try_get("credential_id").map_err(db)?;
    Ok(SessionRow {
        id: r.try_get("session_id").map_err(db)?,
        staff: StaffId::parse(&staff).ok_or_else(|| corrupt("session staff"))?,
        hash: r.try_get("session_hash").map_err(db)?,
        credential: CredentialId::parse(&credential)
            .ok_or_else(|| corrupt("session credential"))?,
        issued_at_us: int(r, "session_issued")?,
        last_used_at_us: int(r, "last_used_at_us")?,
        ended_at_us: r.try_get("ended_at_us").map_err(db)?,
    })
}

impl SqlTx {
    async fn login_where(
        &mut self,
        condition: &str,
        value: &str,
    ) -> Result<Option<(LoginRow, StaffRow)>, StoreError> {
        let sql = format!(
            "SELECT {LOGIN_COLUMNS}, {STAFF_COLUMNS} FROM staff_logins l \
             JOIN staff s ON s.id = l.staff_id WHERE {condition} = $1"
        );
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(value.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| Ok((decode_login(&r)?, decode_staff(&r)?)))
            .transpose()
    }
}

#[async_trait]
impl StaffRead for SqlTx {
    async fn login_by_name(
        &mut self,
        login: &str,
    ) -> Result<Option<(LoginRow, StaffRow)>, StoreError> {
        self.login_where("l.login", login).await
    }

    async fn login_of(&mut self, staff: StaffId) -> Result<Option<LoginRow>, StoreError> {
        Ok(self
            .login_where("l.staff_id", &staff.to_hex())
            .await?
            .map(|(login, _)| login))
    }

    async fn passkeys_of(&mut self, staff: StaffId) -> Result<Vec<PasskeyRow>, StoreError> {
        let sql = format!(
            "SELECT {PASSKEY_COLUMNS} FROM staff_passkeys WHERE staff_id = $1 \
             ORDER BY created_at_us, id"
        );
        let rows = query(sqlx::AssertSqlSafe(sql))
            .bind(staff.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?;
        rows.iter().map(decode_passkey).collect()
    }

    async fn passkey(&mut self, id: &[u8]) -> Result<Option<PasskeyRow>, StoreError> {
        let sql = format!("SELECT {PASSKEY_COLUMNS} FROM staff_passkeys WHERE id = $1");
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(hex::encode(id))
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.as_ref().map(decode_passkey).transpose()
    }

    async fn totp_keys(&mut self) -> Result<Vec<TotpKeyRow>, StoreError> {
        let rows = query(
            "SELECT NULL AS enrolment, staff_id, totp_secret FROM staff_logins \
             UNION ALL SELECT id, staff_id, totp_secret FROM staff_login_enrolments",
        )
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                let staff: String = r.try_get("staff_id").map_err(db)?;
                let key: String = r.try_get("totp_secret").map_err(db)?;
                Ok(TotpKeyRow {
                    enrolment: r.try_get("enrolment").map_err(db)?,
                    staff: StaffId::parse(&staff).ok_or_else(|| corrupt("login staff"))?,
                    key: hex::decode(key).map_err(|_| corrupt("login key"))?,
                })
            })
            .collect()
    }

    async fn enrolment(&mut self, id: &str) -> Result<Option<EnrolmentRow>, StoreError> {
        let sql =
            format!("SELECT {ENROLMENT_COLUMNS} FROM staff_login_enrolments e WHERE e.id = $1");
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.as_ref().map(decode_enrolment).transpose()
    }

    async fn login_pending_elsewhere(
        &mut self,
        login: &str,
        staff: StaffId,
        since_us: i64,
    ) -> Result<bool, StoreError> {
        let row = query(
            "SELECT COUNT(*) FROM staff_login_enrolments \
             WHERE login = $1 AND staff_id <> $2 AND started_at_us >= $3",
        )
        .bind(login.to_owned())
        .bind(staff.to_hex())
        .bind(since_us)
        .fetch_one(&mut self.tx)
        .await
        .map_err(db)?;
        let n: i64 = row.try_get(0).map_err(db)?;
        Ok(n > 0)
    }

    async fn stale_sessions(
        &mut self,
        idle_before_us: i64,
        issued_before_us: i64,
        limit: i64,
    ) -> Result<Vec<(SessionRow, StaffRow)>, StoreError> {
        // Open sessions only (the partial index `staff_sessions_open`); a handful at a time.
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, {STAFF_COLUMNS} FROM staff_sessions x \
             JOIN staff s ON s.id = x.staff_id WHERE x.ended_at_us IS NULL \
             AND (x.last_used_at_us <= $1 OR x.issued_at_us <= $2 OR s.disabled_at_us IS NOT NULL) \
             ORDER BY x.last_used_at_us LIMIT {}",
            limit.max(0)
        );
        let rows = query(sqlx::AssertSqlSafe(sql))
            .bind(idle_before_us)
            .bind(issued_before_us)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?;
        rows.iter()
            .map(|r| Ok((decode_session(r)?, decode_staff(r)?)))
            .collect()
    }

    async fn session_by_hash(
        &mut self,
        hash: &str,
    ) -> Result<Option<(SessionRow, StaffRow)>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, {STAFF_COLUMNS} FROM staff_sessions x \
             JOIN staff s ON s.id = x.staff_id WHERE x.hash = $1"
        );
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(hash.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| Ok((decode_session(&r)?, decode_staff(&r)?)))
            .transpose()
    }

    async fn credential_by_hash(
        &mut self,
        hash: &str,
    ) -> Result<Option<(CredentialRow, StaffRow)>, StoreError> {
        let sql = format!(
            "SELECT {CREDENTIAL_COLUMNS}, {STAFF_COLUMNS} FROM staff_credentials c \
             JOIN staff s ON s.id = c.staff_id WHERE c.hash = $1"
        );
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(hash.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| Ok((decode_credential(&r)?, decode_staff(&r)?)))
            .transpose()
    }

    async fn credential(&mut self, id: CredentialId) -> Result<Option<CredentialRow>, StoreError> {
        let sql = format!("SELECT {CREDENTIAL_COLUMNS} FROM staff_credentials c WHERE c.id = $1");
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_hex())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.as_ref().map(decode_credential).transpose()
    }

    async fn credentials_of(&mut self, staff: StaffId) -> Result<Vec<CredentialRow>, StoreError> {
        let sql = format!(
            "SELECT {CREDENTIAL_COLUMNS} FROM staff_credentials c WHERE c.staff_id = $1 \
             ORDER BY c.issued_at_us DESC, c.id"
        );
        query(sqlx::AssertSqlSafe(sql))
            .bind(staff.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_credential)
            .collect()
    }

    async fn staff(&mut self, id: StaffId) -> Result<Option<StaffRow>, StoreError> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = $1");
        let row = query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_hex())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.as_ref().map(decode_staff).transpose()
    }

    async fn staff_list(
        &mut self,
        municipality: Option<MunicipalityCode>,
    ) -> Result<Vec<StaffRow>, StoreError> {
        let rows = match municipality {
            Some(m) => {
                let sql = format!(
                    "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.municipality_code = $1 \
                     ORDER BY s.created_at_us, s.id"
                );
                query(sqlx::AssertSqlSafe(sql))
                    .bind(m.as_str().to_owned())
                    .fetch_all(&mut self.tx)
                    .await
            }
            None => {
                let sql =
                    format!("SELECT {STAFF_COLUMNS} FROM staff s ORDER BY s.created_at_us, s.id");
                query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut self.tx)
                    .await
            }
        }
        .map_err(db)?;
        rows.iter().map(decode_staff).collect()
    }

    async fn count_staff(&mut self) -> Result<i64, StoreError> {
        let r = query("SELECT COUNT(*) FROM staff")
            .fetch_one(&mut self.tx)
            .await
            .map_err(db)?;
        r.try_get::<i64, _>(0).map_err(db)
    }

    async fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError> {
        let row = query("SELECT value FROM settings WHERE name = $1")
            .bind(name.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
    }
}

#[async_trait]
impl StaffWrite for SqlTx {
    async fn put_enrolment(&mut self, row: &EnrolmentRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO staff_login_enrolments (id, staff_id, login, password_hash, totp_secret, \
             enrolled_by, started_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (staff_id) DO UPDATE SET id = excluded.id, login = excluded.login, \
             password_hash = excluded.password_hash, totp_secret = excluded.totp_secret, \
             enrolled_by = excluded.enrolled_by, started_at_us = excluded.started_at_us",
        )
        .bind(row.id.clone())
        .bind(row.staff.to_hex())
        .bind(row.login.clone())
        .bind(row.password_hash.clone())
        .bind(hex::encode(&row.totp_secret))
        .bind(row.enrolled_by.to_hex())
        .bind(row.started_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("enrolment"))?;
        Ok(())
    }

    async fn delete_enrolment(&mut self, id: &str) -> Result<(), StoreError> {
        query("DELETE FROM staff_login_enrolments WHERE id = $1")
            .bind(id.to_owned())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn put_login(&mut self, row: &LoginRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO staff_logins (staff_id, login, password_hash, totp_secret, \
             totp_last_step, failures, locked_until_us, enrolled_by, enrolled_at_us) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (staff_id) DO UPDATE SET login = excluded.login, \
             password_hash = excluded.password_hash, totp_secret = excluded.totp_secret, \
             totp_last_step = excluded.totp_last_step, failures = excluded.failures, \
             locked_until_us = excluded.locked_until_us, enrolled_by = excluded.enrolled_by, \
             enrolled_at_us = excluded.enrolled_at_us",
        )
        .bind(row.staff.to_hex())
        .bind(row.login.clone())
        .bind(row.password_hash.clone())
        .bind(hex::encode(&row.totp_secret))
        .bind(row.totp_last_step)
        .bind(row.failures)
        .bind(row.locked_until_us)
        .bind(row.enrolled_by.to_hex())
        .bind(row.enrolled_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("login name"))?;
        Ok(())
    }

    async fn login_failed(
        &mut self,
        staff: StaffId,
        now_us: i64,
        lock_after: i64,
        lock_until_us: i64,
    ) -> Result<LoginFailures, StoreError> {
        // One statement: concurrent failures each add one (no read-then-write), and a lock
        // that has ended starts the count again (else one failure after it would lock anew).
        let row = query(
            "UPDATE staff_logins SET \
             failures = CASE WHEN locked_until_us IS NOT NULL AND locked_until_us <= $1 \
                 THEN 1 ELSE failures + 1 END, \
             locked_until_us = CASE \
                 WHEN locked_until_us IS NOT NULL AND locked_until_us > $1 THEN locked_until_us \
                 WHEN (CASE WHEN locked_until_us IS NOT NULL AND locked_until_us <= $1 \
                     THEN 1 ELSE failures + 1 END) >= $2 THEN $3 \
                 ELSE NULL END \
             WHERE staff_id = $4 RETURNING failures, locked_until_us",
        )
        .bind(now_us)
        .bind(lock_after)
        .bind(lock_until_us)
        .bind(staff.to_hex())
        .fetch_one(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(LoginFailures {
            failures: int(&row, "failures")?,
            locked_until_us: row.try_get("locked_until_us").map_err(db)?,
        })
    }

    async fn set_totp_key(&mut self, row: &TotpKeyRow, key: &[u8]) -> Result<bool, StoreError> {
        let (old, new, staff) = (hex::encode(&row.key), hex::encode(key), row.staff.to_hex());
        let query = match &row.enrolment {
            Some(id) => query(
                "UPDATE staff_login_enrolments SET totp_secret = $1 \
                 WHERE staff_id = $2 AND totp_secret = $3 AND id = $4",
            )
            .bind(new)
            .bind(staff)
            .bind(old)
            .bind(id.clone()),
            None => query(
                "UPDATE staff_logins SET totp_secret = $1 WHERE staff_id = $2 AND totp_secret = $3",
            )
            .bind(new)
            .bind(staff)
            .bind(old),
        };
        let done = query.execute(&mut self.tx).await.map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn login_succeeded(
        &mut self,
        staff: StaffId,
        step: Option<i64>,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        let staff = staff.to_hex();
        let query = match step {
            Some(step) => query(
                "UPDATE staff_logins SET failures = 0, locked_until_us = NULL, totp_last_step = $1 \
                 WHERE staff_id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1) \
                 AND (locked_until_us IS NULL OR locked_until_us <= $3)",
            )
            .bind(step)
            .bind(staff)
            .bind(now_us),
            // A passkey: its challenge was taken once instead.
            None => query(
                "UPDATE staff_logins SET failures = 0, locked_until_us = NULL \
                 WHERE staff_id = $1 AND (locked_until_us IS NULL OR locked_until_us <= $2)",
            )
            .bind(staff)
            .bind(now_us),
        };
        let done = query.execute(&mut self.tx).await.map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_passkey(&mut self, row: &PasskeyRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO staff_passkeys (id, staff_id, name, public_key, sign_count, \
             created_at_us, last_used_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(hex::encode(&row.id))
        .bind(row.staff.to_hex())
        .bind(row.name.clone())
        .bind(hex::encode(&row.public_key))
        .bind(row.sign_count)
        .bind(row.created_at_us)
        .bind(row.last_used_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("passkey"))?;
        Ok(())
    }

    async fn delete_passkey(&mut self, staff: StaffId, id: &[u8]) -> Result<bool, StoreError> {
        let done = query("DELETE FROM staff_passkeys WHERE id = $1 AND staff_id = $2")
            .bind(hex::encode(id))
            .bind(staff.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn passkey_used(
        &mut self,
        id: &[u8],
        sign_count: i64,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        // The counter moves on in the statement itself: of two sign-ins at once, the one with
        // the lower count finds it moved and fails; a passkey removed meanwhile too.
        let done = query(
            "UPDATE staff_passkeys SET sign_count = $1, last_used_at_us = $2 WHERE id = $3 \
             AND (sign_count < $1 OR (sign_count = 0 AND $1 = 0))",
        )
        .bind(sign_count)
        .bind(at_us)
        .bind(hex::encode(id))
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn delete_passkeys_of(&mut self, staff: StaffId) -> Result<u64, StoreError> {
        let done = query("DELETE FROM staff_passkeys WHERE staff_id = $1")
            .bind(staff.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected())
    }

    async fn take_challenge(
        &mut self,
        nonce: &[u8],
        at_us: i64,
        forget_before_us: i64,
    ) -> Result<bool, StoreError> {
        query("DELETE FROM staff_passkey_challenges WHERE taken_at_us < $1")
            .bind(forget_before_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        let taken = query(
            "INSERT INTO staff_passkey_challenges (nonce, taken_at_us) VALUES ($1, $2) \
             ON CONFLICT (nonce) DO NOTHING",
        )
        .bind(hex::encode(nonce))
        .bind(at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(taken.rows_affected() == 1)
    }

    async fn drop_logins_enrolled_by(
        &mut self,
        credential: CredentialId,
    ) -> Result<u64, StoreError> {
        query("DELETE FROM staff_login_enrolments WHERE enrolled_by = $1")
            .bind(credential.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        // The passkeys registered under those logins go with them: whoever enrolled with a
        // leaked token may have added one.
        query(
            "DELETE FROM staff_passkeys WHERE staff_id IN \
             (SELECT staff_id FROM staff_logins WHERE enrolled_by = $1)",
        )
        .bind(credential.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        let done = query("DELETE FROM staff_logins WHERE enrolled_by = $1")
            .bind(credential.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected())
    }

    async fn move_logins(
        &mut self,
        from: CredentialId,
        to: CredentialId,
    ) -> Result<(), StoreError> {
        for sql in [
            "UPDATE staff_logins SET enrolled_by = $1 WHERE enrolled_by = $2",
            "UPDATE staff_login_enrolments SET enrolled_by = $1 WHERE enrolled_by = $2",
            "UPDATE staff_sessions SET credential_id = $1 WHERE credential_id = $2 \
             AND ended_at_us IS NULL",
        ] {
            query(sql)
                .bind(to.to_hex())
                .bind(from.to_hex())
                .execute(&mut self.tx)
                .await
                .map_err(db)?;
        }
        Ok(())
    }

    async fn insert_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO staff_sessions (id, staff_id, hash, credential_id, issued_at_us, \
             last_used_at_us, ended_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(row.id.clone())
        .bind(row.staff.to_hex())
        .bind(row.hash.clone())
        .bind(row.credential.to_hex())
        .bind(row.issued_at_us)
        .bind(row.last_used_at_us)
        .bind(row.ended_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("session"))?;
        Ok(())
    }

    async fn touch_session(&mut self, id: &str, at_us: i64) -> Result<(), StoreError> {
        query("UPDATE staff_sessions SET last_used_at_us = $1 WHERE id = $2")
            .bind(at_us)
            .bind(id.to_owned())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn end_session(
        &mut self,
        id: &str,
        at_us: i64,
        reason: &str,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE staff_sessions SET ended_at_us = $1, end_reason = $2 \
             WHERE id = $3 AND ended_at_us IS NULL",
        )
        .bind(at_us)
        .bind(reason.to_owned())
        .bind(id.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn end_sessions_of(
        &mut self,
        staff: StaffId,
        credential: Option<CredentialId>,
        at_us: i64,
        reason: &str,
    ) -> Result<Vec<String>, StoreError> {
        let rows = query(
            "UPDATE staff_sessions SET ended_at_us = $1, end_reason = $2 \
             WHERE staff_id = $3 AND ended_at_us IS NULL AND ($4 = '' OR credential_id = $4) \
             RETURNING id",
        )
        .bind(at_us)
        .bind(reason.to_owned())
        .bind(staff.to_hex())
        .bind(credential.map(|c| c.to_hex()).unwrap_or_default())
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| r.try_get::<String, _>("id").map_err(db))
            .collect()
    }

    async fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        // `token_hash` predates credentials (migration 10): a unique placeholder fills it.
        query(
            "INSERT INTO staff (id, name, role, municipality_code, token_hash, created_at_us, \
             kind, created_by, disabled_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(row.id.to_hex())
        .bind(row.name.clone())
        .bind(row.role.code())
        .bind(row.municipality.map(|m| m.as_str().to_owned()))
        .bind(format!("credentials:{}", row.id.to_hex()))
        .bind(row.created_at_us)
        .bind(row.kind.code())
        .bind(row.created_by.clone())
        .bind(row.disabled_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_credential(&mut self, row: &CredentialRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO staff_credentials (id, staff_id, hash, label, issued_at_us, \
             expires_at_us, revoked_at_us, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.id.to_hex())
        .bind(row.staff.to_hex())
        .bind(row.hash.clone())
        .bind(row.label.clone())
        .bind(row.issued_at_us)
        .bind(row.expires_at_us)
        .bind(row.revoked_at_us)
        .bind(row.issued_by.map(|i| i.to_hex()))
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn revoke_credential(
        &mut self,
        id: CredentialId,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE staff_credentials SET revoked_at_us = $1 WHERE id = $2 AND revoked_at_us IS NULL",
        )
        .bind(at_us)
        .bind(id.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_staff_disabled(
        &mut self,
        id: StaffId,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError> {
        let sql = if at_us.is_some() {
            "UPDATE staff SET disabled_at_us = $1 WHERE id = $2 AND disabled_at_us IS NULL"
        } else {
            "UPDATE staff SET disabled_at_us = $1 WHERE id = $2 AND disabled_at_us IS NOT NULL"
        };
        let done = query(sql)
            .bind(at_us)
            .bind(id.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_setting(&mut self, name: &str, value: &str) -> Result<bool, StoreError> {
        let done = query(
            "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name.to_owned())
        .bind(value.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
