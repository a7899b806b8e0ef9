//! The ledger in SQL: hash-chained entries per partition, their heads, signed checkpoints.

use async_trait::async_trait;
use hex::FromHex;
use mynumber_app::StoreError;
use mynumber_app::ports::{LedgerRead, LedgerWrite};
use mynumber_core::PersonId;
use mynumber_core::ledger::{GENESIS, StoredEntry};
use sqlx::AssertSqlSafe;

use crate::db;
use crate::rows::{LEDGER_COLUMNS, decode_ledger, ledger_values};
use crate::sql::query;

use super::SqlTx;

#[async_trait]
impl LedgerRead for SqlTx {
    async fn ledger_heads(&mut self) -> Result<Vec<(String, i64, [u8; 32])>, StoreError> {
        query("SELECT partition_key, seq, hash FROM ledger_heads ORDER BY partition_key")
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| {
                let hash: String = r.try_get(2).map_err(db)?;
                Ok((
                    r.try_get(0).map_err(db)?,
                    r.try_get(1).map_err(db)?,
                    <[u8; 32]>::from_hex(hash)
                        .ok()
                        .ok_or_else(|| StoreError::Corrupt("ledger head hash".into()))?,
                ))
            })
            .collect()
    }

    async fn ledger_entries(
        &mut self,
        partition: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM ledger_entries WHERE partition_key = $1 AND seq > $2 \
             ORDER BY seq LIMIT $3"
        );
        query(AssertSqlSafe(sql))
            .bind(partition.to_owned())
            .bind(after)
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_ledger)
            .collect()
    }

    async fn ledger_entries_of(
        &mut self,
        person: PersonId,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM ledger_entries WHERE person_id = $1 \
             ORDER BY at_us DESC, partition_key, seq DESC LIMIT $2"
        );
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_ledger)
            .collect()
    }

    async fn ledger_entry(
        &mut self,
        partition: &str,
        seq: i64,
    ) -> Result<Option<StoredEntry>, StoreError> {
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM ledger_entries WHERE partition_key = $1 AND seq = $2"
        );
        query(AssertSqlSafe(sql))
            .bind(partition.to_owned())
            .bind(seq)
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_ledger(&r))
            .transpose()
    }

    async fn latest_checkpoint(&mut self) -> Result<Option<String>, StoreError> {
        let row = query("SELECT text FROM ledger_checkpoints ORDER BY at_us DESC LIMIT 1")
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
    }

    async fn checkpoints(&mut self) -> Result<Vec<String>, StoreError> {
        query("SELECT text FROM ledger_checkpoints ORDER BY at_us")
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| r.try_get::<String, _>(0).map_err(db))
            .collect()
    }

    async fn ledger_partitions(&mut self) -> Result<Vec<String>, StoreError> {
        query("SELECT DISTINCT partition_key FROM ledger_entries ORDER BY partition_key")
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| r.try_get::<String, _>(0).map_err(db))
            .collect()
    }
}

#[async_trait]
impl LedgerWrite for SqlTx {
    async fn lock_ledger_head(&mut self, partition: &str) -> Result<(i64, [u8; 32]), StoreError> {
        // One statement: the head is made at the partition's first entry, and a no-op
        // update of an existing one takes its row lock on PostgreSQL (portable, unlike FOR
        // UPDATE): writers to one partition queue here, writers to others never wait. On
        // SQLite the writer's turn is the lock. One statement, not an insert then an update:
        // every statement is a trip to SQLite's worker thread (docs/performance.md).
        let r = query(
            "INSERT INTO ledger_heads (partition_key, seq, hash) VALUES ($1, 0, $2) \
             ON CONFLICT (partition_key) DO UPDATE SET seq = ledger_heads.seq \
             RETURNING seq, hash",
        )
        .bind(partition.to_owned())
        .bind(hex::encode(GENESIS))
        .fetch_one(&mut self.tx)
        .await
        .map_err(db)?;
        let seq: i64 = r.try_get(0).map_err(db)?;
        let hash: String = r.try_get(1).map_err(db)?;
        let hash = <[u8; 32]>::from_hex(hash)
            .ok()
            .ok_or_else(|| StoreError::Corrupt("ledger head hash".into()))?;
        Ok((seq, hash))
    }

    async fn append_ledger(&mut self, entries: &[StoredEntry]) -> Result<(), StoreError> {
        let Some(last) = entries.last() else {
            return Ok(());
        };
        let values = entries.iter().map(ledger_values).collect();
        let head = format!("ledger_entries ({LEDGER_COLUMNS})");
        self.insert_many(&head, 10, values, "").await?;
        query("UPDATE ledger_heads SET seq = $1, hash = $2 WHERE partition_key = $3")
            .bind(last.content.seq)
            .bind(hex::encode(last.hash))
            .bind(last.content.partition.clone())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn insert_checkpoint(&mut self, at_us: i64, text: &str) -> Result<(), StoreError> {
        query("INSERT INTO ledger_checkpoints (at_us, text) VALUES ($1, $2)")
            .bind(at_us)
            .bind(text.to_owned())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }
}
