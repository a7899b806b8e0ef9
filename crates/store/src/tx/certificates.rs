//! The authorities, certificates, status revisions and CRLs in SQL.

use async_trait::async_trait;
use mynumber_app::ports::{CertificatesRead, CertificatesWrite};
use mynumber_app::{CertificateRow, CrlRow, StoreError};
use mynumber_core::PersonId;
use mynumber_core::certificate::CertificateStatus;
use sqlx::AssertSqlSafe;

use crate::db;
use crate::rows::{CERTIFICATE_COLUMNS, decode_certificate, decode_crl, unhex};
use crate::sql::query;

use super::SqlTx;

#[async_trait]
impl CertificatesRead for SqlTx {
    async fn authority(
        &mut self,
        hierarchy: &str,
    ) -> Result<Option<(Vec<u8>, Vec<u8>)>, StoreError> {
        let row = query("SELECT certificate, sealed_key FROM authorities WHERE hierarchy = $1")
            .bind(hierarchy.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| {
            let cert: String = r.try_get(0).map_err(db)?;
            let key: String = r.try_get(1).map_err(db)?;
            Ok((unhex(&cert)?, unhex(&key)?))
        })
        .transpose()
    }

    async fn certificate(&mut self, serial: &str) -> Result<Option<CertificateRow>, StoreError> {
        let sql = format!("SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE serial = $1");
        query(AssertSqlSafe(sql))
            .bind(serial.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_certificate)
            .transpose()
    }

    async fn certificates_of(
        &mut self,
        person: PersonId,
    ) -> Result<Vec<CertificateRow>, StoreError> {
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE person_id = $1 \
             ORDER BY issued_at_us DESC"
        );
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_certificate)
            .collect()
    }

    async fn revoked_certificates(
        &mut self,
        hierarchy: &str,
        at_us: i64,
    ) -> Result<Vec<CertificateRow>, StoreError> {
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE hierarchy = $1 \
             AND status IN ('revoked', 'hold') AND not_after_us >= $2 ORDER BY serial"
        );
        query(AssertSqlSafe(sql))
            .bind(hierarchy.to_owned())
            .bind(at_us)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_certificate)
            .collect()
    }

    async fn certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError> {
        let row = query("SELECT revision FROM certificate_revisions WHERE hierarchy = $1")
            .bind(hierarchy.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(match row {
            Some(r) => r.try_get::<i64, _>(0).map_err(db)?,
            None => 0,
        })
    }

    async fn latest_crl(&mut self, hierarchy: &str) -> Result<Option<CrlRow>, StoreError> {
        query(
            "SELECT hierarchy, number, revision, this_update_us, next_update_us, crl \
             FROM crls WHERE hierarchy = $1",
        )
        .bind(hierarchy.to_owned())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .as_ref()
        .map(decode_crl)
        .transpose()
    }
}

#[async_trait]
impl CertificatesWrite for SqlTx {
    async fn insert_authority(
        &mut self,
        hierarchy: &str,
        certificate: &[u8],
        sealed_key: &[u8],
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "INSERT INTO authorities (hierarchy, certificate, sealed_key, created_at_us) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (hierarchy) DO NOTHING",
        )
        .bind(hierarchy.to_owned())
        .bind(hex::encode(certificate))
        .bind(hex::encode(sealed_key))
        .bind(at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_certificate(&mut self, row: &CertificateRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO certificates (serial, hierarchy, person_id, status, reason, revoked_at_us, \
             not_after_us, issued_at_us, certificate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(row.serial.clone())
        .bind(row.hierarchy.clone())
        .bind(row.person.to_hex())
        .bind(row.status.code())
        .bind(row.reason.clone())
        .bind(row.revoked_at_us)
        .bind(row.not_after_us)
        .bind(row.issued_at_us)
        .bind(hex::encode(&row.der))
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn set_certificate_status(
        &mut self,
        serial: &str,
        from: CertificateStatus,
        to: CertificateStatus,
        reason: Option<&str>,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE certificates SET status = $1, reason = $2, revoked_at_us = $3 \
             WHERE serial = $4 AND status = $5",
        )
        .bind(to.code())
        .bind(reason.map(str::to_owned))
        .bind(at_us)
        .bind(serial.to_owned())
        .bind(from.code())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn bump_certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError> {
        let row = query(
            "INSERT INTO certificate_revisions (hierarchy, revision) VALUES ($1, 1) \
             ON CONFLICT (hierarchy) DO UPDATE SET revision = certificate_revisions.revision + 1 \
             RETURNING revision",
        )
        .bind(hierarchy.to_owned())
        .fetch_one(&mut self.tx)
        .await
        .map_err(db)?;
        row.try_get::<i64, _>(0).map_err(db)
    }

    async fn publish_crl(
        &mut self,
        row: &CrlRow,
        replacing: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = match replacing {
            None => query(
                "INSERT INTO crls (hierarchy, number, revision, this_update_us, next_update_us, crl) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hierarchy) DO NOTHING",
            )
            .bind(row.hierarchy.clone())
            .bind(row.number)
            .bind(row.revision)
            .bind(row.this_update_us)
            .bind(row.next_update_us)
            .bind(hex::encode(&row.der))
            .execute(&mut self.tx)
            .await,
            Some(previous) => query(
                "UPDATE crls SET number = $1, revision = $2, this_update_us = $3, \
                 next_update_us = $4, crl = $5 WHERE hierarchy = $6 AND number = $7",
            )
            .bind(row.number)
            .bind(row.revision)
            .bind(row.this_update_us)
            .bind(row.next_update_us)
            .bind(hex::encode(&row.der))
            .bind(row.hierarchy.clone())
            .bind(previous)
            .execute(&mut self.tx)
            .await,
        }
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
