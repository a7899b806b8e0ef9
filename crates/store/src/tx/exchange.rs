//! The exchange network in SQL (migration 38): agency units, the codes issued, the copies on
//! each unit's intermediate server, and the 第23条 records of requester, provider and network.

use async_trait::async_trait;
use mynumber_app::StoreError;
use mynumber_app::ports::{CopyRow, ExchangeRead, ExchangeWrite, RecordsOf, UnitRow};
use mynumber_core::agency_code::{AgencyCode, AgencyUnit};
use mynumber_core::exchange::{
    CopyValues, DataItem, ExchangeRecord, Keeper, Outcome, RequestId, UnitKind,
};
use mynumber_core::{OrganisationId, PersonId};
use sqlx::AssertSqlSafe;

use super::SqlTx;
use crate::rows::{Val, corrupt, int, person_id, text};
use crate::sql::{Row, query};
use crate::{db, unique_conflict};

const UNIT_COLUMNS: &str =
    "name, organisation_id, kind, display_name, encryption_key, registered_at_us";

const RECORD_COLUMNS: &str = "keeper, requester, request_id, provider, procedure, item, subject, \
     requested_at_us, answered_at_us, outcome, non_disclosure, request_hash";

fn unit_name(s: &str) -> Result<AgencyUnit, StoreError> {
    AgencyUnit::parse(s).ok_or_else(|| corrupt("agency unit"))
}

fn decode_unit(row: &Row) -> Result<UnitRow, StoreError> {
    Ok(UnitRow {
        name: unit_name(&text(row, "name")?)?,
        organisation: OrganisationId::parse(&text(row, "organisation_id")?)
            .ok_or_else(|| corrupt("unit organisation"))?,
        kind: UnitKind::parse(&text(row, "kind")?).ok_or_else(|| corrupt("unit kind"))?,
        display_name: text(row, "display_name")?,
        encryption_key: hex::decode(text(row, "encryption_key")?)
            .map_err(|_| corrupt("unit encryption key"))?,
        registered_at_us: int(row, "registered_at_us")?,
    })
}

fn decode_record(row: &Row) -> Result<ExchangeRecord, StoreError> {
    Ok(ExchangeRecord {
        keeper: Keeper::parse(&text(row, "keeper")?).ok_or_else(|| corrupt("record keeper"))?,
        request_id: RequestId::parse(&text(row, "request_id")?)
            .ok_or_else(|| corrupt("record request id"))?,
        requester: unit_name(&text(row, "requester")?)?,
        provider: unit_name(&text(row, "provider")?)?,
        procedure: text(row, "procedure")?,
        item: DataItem::parse(&text(row, "item")?).ok_or_else(|| corrupt("record item"))?,
        subject: text(row, "subject")?,
        requested_at_us: int(row, "requested_at_us")?,
        answered_at_us: int(row, "answered_at_us")?,
        outcome: Outcome::parse(&text(row, "outcome")?).ok_or_else(|| corrupt("record outcome"))?,
        non_disclosure: int(row, "non_disclosure")? != 0,
        request_hash: text(row, "request_hash")?,
    })
}

fn record_values(r: &ExchangeRecord) -> [Val; 12] {
    [
        r.keeper.code().into(),
        r.requester.as_str().into(),
        r.request_id.as_str().into(),
        r.provider.as_str().into(),
        r.procedure.as_str().into(),
        r.item.code().into(),
        r.subject.as_str().into(),
        r.requested_at_us.into(),
        r.answered_at_us.into(),
        r.outcome.code().into(),
        i64::from(r.non_disclosure).into(),
        r.request_hash.as_str().into(),
    ]
}

#[async_trait]
impl ExchangeRead for SqlTx {
    async fn agency_unit(&mut self, name: &AgencyUnit) -> Result<Option<UnitRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {UNIT_COLUMNS} FROM agency_units WHERE name = $1"
        )))
        .bind(name.as_str())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_unit(&r))
        .transpose()
    }

    async fn agency_units(
        &mut self,
        organisation: Option<OrganisationId>,
    ) -> Result<Vec<UnitRow>, StoreError> {
        let rows = match organisation {
            Some(o) => {
                query(AssertSqlSafe(format!(
                    "SELECT {UNIT_COLUMNS} FROM agency_units WHERE organisation_id = $1 \
                     ORDER BY name"
                )))
                .bind(o.to_hex())
                .fetch_all(&mut self.tx)
                .await
            }
            None => {
                query(AssertSqlSafe(format!(
                    "SELECT {UNIT_COLUMNS} FROM agency_units ORDER BY name"
                )))
                .fetch_all(&mut self.tx)
                .await
            }
        }
        .map_err(db)?;
        rows.iter().map(decode_unit).collect()
    }

    async fn person_by_agency_code(
        &mut self,
        unit: &AgencyUnit,
        code: &AgencyCode,
    ) -> Result<Option<PersonId>, StoreError> {
        query("SELECT person_id FROM agency_codes WHERE unit = $1 AND code = $2")
            .bind(unit.as_str())
            .bind(code.expose())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| person_id(&text(&r, "person_id")?))
            .transpose()
    }

    async fn units_with_code(&mut self, person: PersonId) -> Result<Vec<AgencyUnit>, StoreError> {
        query("SELECT unit FROM agency_codes WHERE person_id = $1 ORDER BY unit")
            .bind(person.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| unit_name(&text(r, "unit")?))
            .collect()
    }

    async fn exchange_copy(
        &mut self,
        unit: &AgencyUnit,
        item: DataItem,
        code: &AgencyCode,
    ) -> Result<Option<CopyRow>, StoreError> {
        let Some(row) = query(
            "SELECT copy, non_disclosure, updated_at_us FROM exchange_copies \
             WHERE unit = $1 AND item = $2 AND code = $3",
        )
        .bind(unit.as_str())
        .bind(item.code())
        .bind(code.expose())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        else {
            return Ok(None);
        };
        let copy = CopyValues::parse(&text(&row, "copy")?).ok_or_else(|| corrupt("copy"))?;
        if copy.item() != item {
            return Err(corrupt("copy item"));
        }
        Ok(Some(CopyRow {
            unit: unit.clone(),
            code: code.clone(),
            copy,
            non_disclosure: int(&row, "non_disclosure")? != 0,
            updated_at_us: int(&row, "updated_at_us")?,
        }))
    }

    async fn exchange_records(
        &mut self,
        of: &RecordsOf,
        limit: i64,
    ) -> Result<Vec<ExchangeRecord>, StoreError> {
        let rows = match of {
            RecordsOf::Subject(keeper, subject) => {
                query(AssertSqlSafe(format!(
                    "SELECT {RECORD_COLUMNS} FROM exchange_records \
                     WHERE keeper = $1 AND subject = $2 \
                     ORDER BY answered_at_us DESC, request_id LIMIT $3"
                )))
                .bind(keeper.code())
                .bind(subject.as_str())
                .bind(limit)
                .fetch_all(&mut self.tx)
                .await
            }
            RecordsOf::Unit(keeper, unit) => {
                // A requester's records are those it asked in, a provider's those it answered
                // in; the network's, either.
                let which = match keeper {
                    Keeper::Requester => "requester = $2",
                    Keeper::Provider => "provider = $2",
                    Keeper::Network => "(requester = $2 OR provider = $2)",
                };
                query(AssertSqlSafe(format!(
                    "SELECT {RECORD_COLUMNS} FROM exchange_records \
                     WHERE keeper = $1 AND {which} \
                     ORDER BY answered_at_us DESC, request_id LIMIT $3"
                )))
                .bind(keeper.code())
                .bind(unit.as_str())
                .bind(limit)
                .fetch_all(&mut self.tx)
                .await
            }
            RecordsOf::Request(requester, id) => {
                query(AssertSqlSafe(format!(
                    "SELECT {RECORD_COLUMNS} FROM exchange_records \
                     WHERE requester = $1 AND request_id = $2 ORDER BY keeper LIMIT $3"
                )))
                .bind(requester.as_str())
                .bind(id.as_str())
                .bind(limit)
                .fetch_all(&mut self.tx)
                .await
            }
        }
        .map_err(db)?;
        rows.iter().map(decode_record).collect()
    }
}

#[async_trait]
impl ExchangeWrite for SqlTx {
    async fn insert_agency_unit(&mut self, row: &UnitRow) -> Result<bool, StoreError> {
        let done = query(AssertSqlSafe(format!(
            "INSERT INTO agency_units ({UNIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (name) DO NOTHING"
        )))
        .bind(row.name.as_str())
        .bind(row.organisation.to_hex())
        .bind(row.kind.code())
        .bind(row.display_name.as_str())
        .bind(hex::encode(&row.encryption_key))
        .bind(row.registered_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_agency_codes(
        &mut self,
        rows: &[(AgencyUnit, AgencyCode, PersonId)],
        at_us: i64,
    ) -> Result<(), StoreError> {
        for (unit, code, person) in rows {
            query(
                "INSERT INTO agency_codes (unit, code, person_id, issued_at_us) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(unit.as_str())
            .bind(code.expose())
            .bind(person.to_hex())
            .bind(at_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        }
        Ok(())
    }

    async fn put_copies(&mut self, rows: &[CopyRow]) -> Result<(), StoreError> {
        for r in rows {
            query(
                "INSERT INTO exchange_copies \
                 (unit, item, code, copy, non_disclosure, updated_at_us) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit, item, code) DO UPDATE SET \
                 copy = excluded.copy, non_disclosure = excluded.non_disclosure, \
                 updated_at_us = excluded.updated_at_us",
            )
            .bind(r.unit.as_str())
            .bind(r.copy.item().code())
            .bind(r.code.expose())
            .bind(r.copy.to_text())
            .bind(i64::from(r.non_disclosure))
            .bind(r.updated_at_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        }
        Ok(())
    }

    async fn insert_exchange_records(&mut self, rows: &[ExchangeRecord]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        // One statement for the three: one trip to the database per exchange.
        let tuples: Vec<String> = (0..rows.len())
            .map(|i| {
                let p: Vec<String> = (1..=12).map(|j| format!("${}", i * 12 + j)).collect();
                format!("({})", p.join(", "))
            })
            .collect();
        query(AssertSqlSafe(format!(
            "INSERT INTO exchange_records ({RECORD_COLUMNS}) VALUES {}",
            tuples.join(", ")
        )))
        .bind_all(rows.iter().flat_map(record_values))
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("the request's id, used before"))?;
        Ok(())
    }
}
