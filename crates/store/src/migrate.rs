//! Schema migrations, embedded in the binary, one list per dialect with the same versions.
//!
//! A small runner of our own instead of `sqlx::migrate!`, which needs sqlx's proc macros (and so a
//! second build of sqlx in release builds, design/stack.md pitfall 6). Concurrent server starts on
//! one PostgreSQL serialise on an advisory lock; on SQLite, `BEGIN IMMEDIATE` does the same.

use mynumber_app::StoreError;
use sqlx::{AssertSqlSafe, Executor, Row};

use crate::rows::{VERSION_COLUMNS, Val, decode_version, search_key_values, search_term_values};
use crate::{Backend, SqlStore, db};

/// `(version, description, sqlite, postgres)`.
pub const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "registry",
        include_str!("../migrations/sqlite/0001_registry.sql"),
        include_str!("../migrations/postgres/0001_registry.sql"),
    ),
    (
        2,
        "settings",
        include_str!("../migrations/sqlite/0002_settings.sql"),
        include_str!("../migrations/postgres/0002_settings.sql"),
    ),
    (
        3,
        "ledger checkpoints",
        include_str!("../migrations/sqlite/0003_ledger_checkpoints.sql"),
        include_str!("../migrations/postgres/0003_ledger_checkpoints.sql"),
    ),
    (
        4,
        "number changes",
        include_str!("../migrations/sqlite/0004_number_changes.sql"),
        include_str!("../migrations/postgres/0004_number_changes.sql"),
    ),
    (
        5,
        "notices and documents",
        include_str!("../migrations/sqlite/0005_notices_documents.sql"),
        include_str!("../migrations/postgres/0005_notices_documents.sql"),
    ),
    (
        6,
        "certificates",
        include_str!("../migrations/sqlite/0006_certificates.sql"),
        include_str!("../migrations/postgres/0006_certificates.sql"),
    ),
    (
        7,
        "published CRLs",
        include_str!("../migrations/sqlite/0007_crls.sql"),
        include_str!("../migrations/postgres/0007_crls.sql"),
    ),
    (
        8,
        "cards",
        include_str!("../migrations/sqlite/0008_cards.sql"),
        include_str!("../migrations/postgres/0008_cards.sql"),
    ),
    (
        9,
        "card notices",
        include_str!("../migrations/sqlite/0009_card_notices.sql"),
        include_str!("../migrations/postgres/0009_card_notices.sql"),
    ),
    (
        10,
        "staff credentials",
        include_str!("../migrations/sqlite/0010_credentials.sql"),
        include_str!("../migrations/postgres/0010_credentials.sql"),
    ),
    (
        11,
        "where a move-out went",
        include_str!("../migrations/sqlite/0011_moved_to.sql"),
        include_str!("../migrations/postgres/0011_moved_to.sql"),
    ),
    (
        12,
        "imports as resumable jobs",
        include_str!("../migrations/sqlite/0012_import_jobs.sql"),
        include_str!("../migrations/postgres/0012_import_jobs.sql"),
    ),
    (
        13,
        "a re-issue's cause",
        include_str!("../migrations/sqlite/0013_reissue_cause.sql"),
        include_str!("../migrations/postgres/0013_reissue_cause.sql"),
    ),
    (
        14,
        "a card's continuation and its additions field",
        include_str!("../migrations/sqlite/0014_continuation.sql"),
        include_str!("../migrations/postgres/0014_continuation.sql"),
    ),
    (
        15,
        "certificate expiry notices",
        include_str!("../migrations/sqlite/0015_certificate_notices.sql"),
        include_str!("../migrations/postgres/0015_certificate_notices.sql"),
    ),
    (
        16,
        "a pending extension of the stay",
        include_str!("../migrations/sqlite/0016_stay_extension.sql"),
        include_str!("../migrations/postgres/0016_stay_extension.sql"),
    ),
    (
        17,
        "import jobs belong to an office",
        include_str!("../migrations/sqlite/0017_import_scope.sql"),
        include_str!("../migrations/postgres/0017_import_scope.sql"),
    ),
    (
        18,
        "references checked per statement; persons and households kept",
        include_str!("../migrations/sqlite/0018_set_based_references.sql"),
        include_str!("../migrations/postgres/0018_set_based_references.sql"),
    ),
    (
        19,
        "search keys",
        include_str!("../migrations/sqlite/0019_search_keys.sql"),
        include_str!("../migrations/postgres/0019_search_keys.sql"),
    ),
    (
        20,
        "browser sign-in",
        include_str!("../migrations/sqlite/0020_browser_sign_in.sql"),
        include_str!("../migrations/postgres/0020_browser_sign_in.sql"),
    ),
    (
        21,
        "the lost-card line's calls",
        include_str!("../migrations/sqlite/0021_call_records.sql"),
        include_str!("../migrations/postgres/0021_call_records.sql"),
    ),
    (
        22,
        "the open sessions' index",
        include_str!("../migrations/sqlite/0022_open_sessions.sql"),
        include_str!("../migrations/postgres/0022_open_sessions.sql"),
    ),
    (
        23,
        "passkeys",
        include_str!("../migrations/sqlite/0023_passkeys.sql"),
        include_str!("../migrations/postgres/0023_passkeys.sql"),
    ),
    (
        24,
        "the notification letters' print batches",
        include_str!("../migrations/sqlite/0024_notice_batches.sql"),
        include_str!("../migrations/postgres/0024_notice_batches.sql"),
    ),
    (
        25,
        "organisations and their purposes",
        include_str!("../migrations/sqlite/0025_organisations.sql"),
        include_str!("../migrations/postgres/0025_organisations.sql"),
    ),
    (
        26,
        "numbers collected by organisations",
        include_str!("../migrations/sqlite/0026_number_collections.sql"),
        include_str!("../migrations/postgres/0026_number_collections.sql"),
    ),
    (
        27,
        "organisations' keys, assertions and tokens",
        include_str!("../migrations/sqlite/0027_organisation_keys.sql"),
        include_str!("../migrations/postgres/0027_organisation_keys.sql"),
    ),
    (
        28,
        "log-in with the card: clients, keys, log-ins and tokens",
        include_str!("../migrations/sqlite/0028_oidc.sql"),
        include_str!("../migrations/postgres/0028_oidc.sql"),
    ),
    (
        29,
        "signing with the card: sign-transactions",
        include_str!("../migrations/sqlite/0029_sign_transactions.sql"),
        include_str!("../migrations/postgres/0029_sign_transactions.sql"),
    ),
    (
        30,
        "organisations' tokens forgotten after they end",
        include_str!("../migrations/sqlite/0030_organisation_token_expiry.sql"),
        include_str!("../migrations/postgres/0030_organisation_token_expiry.sql"),
    ),
    (
        31,
        "log-in tokens name the key their relying party authenticated with",
        include_str!("../migrations/sqlite/0031_oidc_token_key.sql"),
        include_str!("../migrations/postgres/0031_oidc_token_key.sql"),
    ),
    (
        32,
        "collections that matched no one, counted per organisation and hour",
        include_str!("../migrations/sqlite/0032_collection_misses.sql"),
        include_str!("../migrations/postgres/0032_collection_misses.sql"),
    ),
    (
        33,
        "organisations registered through a platform operator",
        include_str!("../migrations/sqlite/0033_organisation_platforms.sql"),
        include_str!("../migrations/postgres/0033_organisation_platforms.sql"),
    ),
    (
        34,
        "residents' consents to the latest four items (最新基本4情報提供)",
        include_str!("../migrations/sqlite/0034_latest_four_consents.sql"),
        include_str!("../migrations/postgres/0034_latest_four_consents.sql"),
    ),
    (
        35,
        "the seal register (印鑑登録)",
        include_str!("../migrations/sqlite/0035_seal_registrations.sql"),
        include_str!("../migrations/postgres/0035_seal_registrations.sql"),
    ),
    (
        36,
        "kiosk terminals and their sessions (コンビニ交付)",
        include_str!("../migrations/sqlite/0036_kiosk_terminals.sql"),
        include_str!("../migrations/postgres/0036_kiosk_terminals.sql"),
    ),
    (
        37,
        "each municipality's rule table for kiosks",
        include_str!("../migrations/sqlite/0037_kiosk_rule_tables.sql"),
        include_str!("../migrations/postgres/0037_kiosk_rule_tables.sql"),
    ),
    (
        38,
        "the exchange network: agency units, codes, copies and the 第23条 records",
        include_str!("../migrations/sqlite/0038_exchange.sql"),
        include_str!("../migrations/postgres/0038_exchange.sql"),
    ),
    (
        39,
        "the resident's portal: log-ins with the card and browser sessions",
        include_str!("../migrations/sqlite/0039_portal.sql"),
        include_str!("../migrations/postgres/0039_portal.sql"),
    ),
    (
        40,
        "the portal's notices: agencies' messages and the card's and certificates' expiry",
        include_str!("../migrations/sqlite/0040_portal_notices.sql"),
        include_str!("../migrations/postgres/0040_portal_notices.sql"),
    ),
    (
        41,
        "the 自己情報取得API: apps' grants, item by item, and their refresh tokens",
        include_str!("../migrations/sqlite/0041_app_grants.sql"),
        include_str!("../migrations/postgres/0041_app_grants.sql"),
    ),
];

pub(crate) async fn run(store: &SqlStore) -> Result<(), StoreError> {
    let mut tx = match store.backend {
        Backend::Sqlite => store.pool.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => store.pool.begin().await,
    }
    .map_err(db)?;
    if store.backend == Backend::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(727170001)")
            .await
            .map_err(db)?;
    }
    tx.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL)",
    )
    .await
    .map_err(db)?;
    let applied: Vec<i64> = sqlx::query("SELECT version FROM schema_migrations")
        .fetch_all(&mut *tx)
        .await
        .map_err(db)?
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()
        .map_err(db)?;
    for (version, description, sqlite, postgres) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let sql = match store.backend {
            Backend::Sqlite => *sqlite,
            Backend::Postgres => *postgres,
        };
        tx.execute(AssertSqlSafe(sql)).await.map_err(db)?;
        sqlx::query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)")
            .bind(*version)
            .bind(*description)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    }
    tx.commit().await.map_err(db)
}

/// Versions at a time that [`search_keys`] fills.
const SEARCH_KEY_BATCH: i64 = 5_000;

/// Gives the versions recorded before migration 19 their search keys and terms, which only Rust can compute
/// (`mynumber_core::search::fold`); a batch per transaction, until none is left. Nothing to do
/// costs one index probe.
pub(crate) async fn search_keys(store: &SqlStore) -> Result<(), StoreError> {
    loop {
        let mut tx = match store.backend {
            Backend::Sqlite => store.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => store.pool.begin().await,
        }
        .map_err(db)?;
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM resident_versions WHERE name_key IS NULL LIMIT $1"
        )))
        .bind(SEARCH_KEY_BATCH)
        .fetch_all(&mut *tx)
        .await
        .map_err(db)?;
        if rows.is_empty() {
            return tx.commit().await.map_err(db);
        }
        for row in rows {
            let version = decode_version(&crate::sql::Row::Pool(row))?;
            let mut q = sqlx::query(
                "UPDATE resident_versions SET name_key = $1, kana_key = $2, latin_key = $3, \
                 alias_key = $4 WHERE person_id = $5 AND version = $6",
            );
            for value in search_key_values(&version.resident.record) {
                q = match value {
                    Val::Text(s) => q.bind(s),
                    _ => q.bind(Option::<String>::None),
                };
            }
            q.bind(version.person.to_hex())
                .bind(version.version)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            for term in search_term_values(&version) {
                let mut q = sqlx::query(
                    "INSERT INTO search_terms (term, person_id, version) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                );
                for value in term {
                    q = match value {
                        Val::Text(s) => q.bind(s),
                        Val::Int(i) => q.bind(i),
                        _ => q.bind(Option::<String>::None),
                    };
                }
                q.execute(&mut *tx).await.map_err(db)?;
            }
        }
        tx.commit().await.map_err(db)?;
    }
}

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    /// Every file in `migrations/` is in the list, in order, under its own number: a file
    /// added without its line would never run (the list is what the binary embeds).
    #[test]
    fn every_migration_file_is_listed() {
        for dialect in ["sqlite", "postgres"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dialect);
            let mut files: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".sql"))
                .collect();
            files.sort();
            assert_eq!(files.len(), MIGRATIONS.len(), "{dialect}: {files:?}");
            for (file, (version, _, _, _)) in files.iter().zip(MIGRATIONS) {
                assert!(
                    file.starts_with(&format!("{version:04}_")),
                    "{dialect}: {file} is not migration {version}"
                );
            }
        }
    }
}
