//! The storage conformance suite: the registry's behaviour through the use cases, included once
//! per backend (`sqlite.rs`, `postgres.rs`) so both databases are held to the same tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use jiff::civil::{Date, date};
use mynumber_app::system::OsRandom;
use mynumber_app::{
    App, AppConfig, AppError, ChangeCommand, Clock, HouseholdChoice, ImportError, ImportRow,
    ImportSession, RegisterCommand,
};
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::{
    ApplicationId, DerivationKey, ForeignInput, IndividualNumber, MunicipalityCode, NameInput,
    Principal, PurposeSet, RecordStatus, Registration, ResidentCode, ResidentInput,
};
use mynumber_store::{SqlStore, StoreConfig};
use sqlx::Row;

mod apps;
mod calls;
mod exchange;
mod kiosk;
mod life;
mod login;
mod signing;
mod trust;
pub(crate) use apps::*;
pub(crate) use calls::*;
pub(crate) use exchange::*;
pub(crate) use kiosk::*;
pub(crate) use life::*;
pub(crate) use login::*;
pub(crate) use signing::*;
pub(crate) use trust::*;

pub(crate) const TODAY: Date = date(2026, 11, 25);

/// A clock that ticks one microsecond per reading, and jumps when a test advances it.
#[derive(Debug)]
/// A clock the test moves: microseconds now, and days added to [`TODAY`].
pub(crate) struct FixedClock(AtomicI64, AtomicI64);

impl FixedClock {
    pub(crate) fn new(start_us: i64) -> Self {
        Self(AtomicI64::new(start_us), AtomicI64::new(0))
    }

    pub(crate) fn advance(&self, us: i64) {
        self.0.fetch_add(us, Ordering::Relaxed);
    }

    /// Moves both the instant and the day forward by `days`.
    pub(crate) fn advance_days(&self, days: i64) {
        self.0.fetch_add(days * 86_400_000_000, Ordering::Relaxed);
        self.1.fetch_add(days, Ordering::Relaxed);
    }
}

impl Clock for FixedClock {
    fn now_us(&self) -> i64 {
        self.0.fetch_add(1, Ordering::Relaxed)
    }
    fn today(&self) -> Date {
        TODAY
            .checked_add(jiff::Span::new().days(self.1.load(Ordering::Relaxed)))
            .unwrap()
    }
}

pub(crate) struct Env {
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub url: String,
    pub clerk: Principal,
    pub clerk2: Principal,
    pub osaka_clerk: Principal,
    pub auditor: Principal,
    pub admin: Principal,
}

/// The app on `url`'s database with the given randomness.
pub(crate) async fn app_on(url: &str, random: Arc<dyn mynumber_app::Random>) -> App {
    app_with_key(url, random, [42; 32]).await
}

/// The app on `url`'s database with the given randomness and derivation key.
pub(crate) async fn app_with_key(
    url: &str,
    random: Arc<dyn mynumber_app::Random>,
    key: [u8; 32],
) -> App {
    app_at(url, random, key, START_US).await
}

/// The clock's start: 2026-11-18T11:06:40Z.
const START_US: i64 = 1_795_000_000_000_000;

/// Like [`app_with_key`], with the clock starting at `clock_start_us`.
pub(crate) async fn app_at(
    url: &str,
    random: Arc<dyn mynumber_app::Random>,
    key: [u8; 32],
    clock_start_us: i64,
) -> App {
    app_with_clock(url, random, key, Arc::new(FixedClock::new(clock_start_us))).await
}

/// The cards' secure element of this test process (serials are random, so tests share it).
pub(crate) fn card_keys() -> Arc<mynumber_app::system::CardKeyStore> {
    static KEYS: std::sync::OnceLock<Arc<mynumber_app::system::CardKeyStore>> =
        std::sync::OnceLock::new();
    Arc::clone(KEYS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!(
            "mynumber-store-test-card-keys-{}",
            std::process::id()
        ));
        Arc::new(mynumber_app::system::CardKeyStore::open(dir).unwrap())
    }))
}

/// The app with a clock the test keeps.
pub(crate) async fn app_with_clock(
    url: &str,
    random: Arc<dyn mynumber_app::Random>,
    key: [u8; 32],
    clock: Arc<FixedClock>,
) -> App {
    let store = SqlStore::connect(&StoreConfig {
        url: url.to_owned(),
        max_connections: 8,
        workload: mynumber_store::Workload::Command,
    })
    .await
    .unwrap();
    App::new(
        Arc::new(store),
        clock,
        random,
        AppConfig {
            derivation_key: DerivationKey::from_bytes(key),
            purposes: PurposeSet::statutory(),
            ledger_key: mynumber_core::checkpoint::LedgerSigningKey::from_bytes([6; 32]),
            documents: mynumber_app::DocumentConfig {
                signing_key: Arc::new(mynumber_core::document::DocumentSigningKey::from_bytes(
                    [7; 32],
                )),
                fonts: Arc::new(mynumber_app::system::SystemFonts::new(None)),
                verify_url: "http://localhost:8080/verify".into(),
                public_url: "http://localhost:8080".into(),
                notice_retention_days: 90,
            },
            pki: mynumber_app::PkiSettings::new(
                mynumber_pki::PkiConfig::with_url("http://localhost:8080"),
                vec![7; 32],
                mynumber_app::system::responder_keys(),
            ),
            cards: mynumber_app::CardSettings {
                keys: mynumber_app::system::card_keys(),
                element: card_keys(),
            },
            credentials: mynumber_app::CredentialSettings { token_days: 90 },
            exchange: mynumber_app::ExchangeSettings::new([8; 32], [9; 32]),
        },
    )
}

/// Randomness whose resident-code draws (8-byte fills) repeat, each value twice in a row, so
/// two people of one batch draw the same code, and later draws hit codes already stored.
#[derive(Debug, Default)]
pub(crate) struct RepeatingCodes(std::sync::Mutex<(u64, u64)>);

impl mynumber_app::Random for RepeatingCodes {
    fn fill(&self, buf: &mut [u8]) {
        let mut state = self.0.lock().unwrap();
        if buf.len() == 8 {
            state.0 += 1;
            let v = (state.0 / 2 % 100) * 7_919;
            buf.copy_from_slice(&v.to_be_bytes());
        } else {
            for b in buf.iter_mut() {
                state.1 = state
                    .1
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                *b = (state.1 >> 56) as u8;
            }
        }
    }
}

pub(crate) async fn env(url: String) -> Env {
    let clock = Arc::new(FixedClock::new(START_US));
    let app = app_with_clock(&url, Arc::new(OsRandom), [42; 32], clock.clone()).await;
    let admin = app.bootstrap_administrator().await.unwrap().unwrap();
    assert!(
        app.bootstrap_administrator().await.unwrap().is_none(),
        "only once"
    );
    let actor = |token: String| {
        let app = app.clone();
        async move { app.authenticate(&token).await.unwrap() }
    };
    let admin_actor = actor(admin.token.token).await;
    let clerk = app
        .add_staff(&admin_actor, "新宿 太郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let clerk2 = app
        .add_staff(&admin_actor, "新宿 次郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let osaka = app
        .add_staff(&admin_actor, "大阪 花子", "registry-clerk", Some("271004"))
        .await
        .unwrap();
    let auditor = app
        .add_staff(&admin_actor, "監査 一郎", "auditor", None)
        .await
        .unwrap();
    Env {
        clerk: actor(clerk.token.token).await,
        clerk2: actor(clerk2.token.token).await,
        osaka_clerk: actor(osaka.token.token).await,
        auditor: actor(auditor.token.token).await,
        admin: admin_actor,
        app,
        clock,
        url,
    }
}

pub(crate) fn japanese(family: &str, given: &str, birth: &str) -> ResidentInput {
    ResidentInput {
        name: NameInput {
            family: family.into(),
            given: given.into(),
            family_kana: Some("ヤマダ".into()),
            given_kana: Some("タロウ".into()),
            ..NameInput::default()
        },
        birth_date: birth.into(),
        sex: "1".into(),
        prefecture: "東京都".into(),
        municipality_code: "131041".into(),
        address: "西新宿2丁目8番1号".into(),
        relationship: "head".into(),
        preferred_language: "ja".into(),
        foreign: None,
    }
}

pub(crate) fn foreign() -> ResidentInput {
    ResidentInput {
        name: NameInput {
            family: "NGUYEN".into(),
            given: "VAN AN".into(),
            latin: Some("Nguyen Van An".into()),
            alias: Some("山田 安".into()),
            ..NameInput::default()
        },
        preferred_language: "vi".into(),
        foreign: Some(ForeignInput {
            nationality: "VN".into(),
            residence_card_number: Some("ab12345678cd".into()),
            status_of_residence: "student".into(),
            period_of_stay_until: Some("2028-03-31".into()),
        }),
        ..japanese("", "", "2001-04-01")
    }
}

pub(crate) fn register(input: ResidentInput) -> RegisterCommand {
    RegisterCommand {
        kind: Registration::MoveIn,
        input,
        household: HouseholdChoice::New,
        effective_on: None,
        carried: None,
    }
}

/// A certificate exception for `card`'s key: its certification request proves possession.
pub(crate) fn exception(
    h: mynumber_pki::Hierarchy,
    card: &rcgen::KeyPair,
) -> mynumber_app::CertificateException {
    mynumber_app::CertificateException {
        hierarchy: h,
        request: rcgen::CertificateParams::new(Vec::<String>::new())
            .unwrap()
            .serialize_request(card)
            .unwrap()
            .der()
            .to_vec(),
        reason: "the conformance suite's certificate".into(),
        card_serial: None,
        card_expiry: None,
    }
}

pub(crate) async fn raw(env: &Env) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&env.url).await.unwrap()
}

async fn count(env: &Env, table: &str) -> i64 {
    let pool = raw(env).await;
    let sql = format!("SELECT COUNT(*) FROM {table}");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_one(&pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// Issue 11: a clerk finds a resident however the name is typed: kanji in its usual or old
/// form, hiragana or katakana (half width too), small or large kana, with or without voicing
/// marks, a Latin name in any case, spacing or accent, a registered alias; as a prefix, with the
/// date of birth or without. Versions written before the search keys existed get theirs when the
/// store opens.
pub(crate) async fn issue_11_a_name_is_found_however_a_clerk_types_it(env: Env) {
    let takahashi = ResidentInput {
        name: NameInput {
            family: "髙橋".into(),
            given: "健太".into(),
            family_kana: Some("タカハシ".into()),
            given_kana: Some("ケンタ".into()),
            ..NameInput::default()
        },
        ..japanese("", "", "1985-03-03")
    };
    let nguyen = ResidentInput {
        name: NameInput {
            family: "NGUYỄN".into(),
            given: "VĂN AN".into(),
            family_kana: Some("グエン".into()),
            given_kana: Some("ヴァン　アン".into()),
            latin: Some("NGUYEN VAN AN".into()),
            alias: Some("中村 安".into()),
        },
        ..foreign()
    };
    let mut codes = Vec::new();
    for input in [
        takahashi,
        nguyen,
        japanese("山田", "太郎", "1990-01-15"),
        japanese("山田", "花子", "1992-02-02"),
    ] {
        codes.push(
            env.app
                .register(&env.clerk, register(input))
                .await
                .unwrap()
                .resident_code,
        );
    }
    // Which of the residents above, in order of registration.
    let found = |hits: Vec<mynumber_app::CurrentRow>| {
        let mut found: Vec<usize> = hits
            .iter()
            .map(|h| {
                codes
                    .iter()
                    .position(|c| *c == h.person.resident_code)
                    .unwrap()
            })
            .collect();
        found.sort_unstable();
        found
    };
    for (typed, birth, want) in [
        ("高橋", None, vec![0]),
        ("髙橋健", None, vec![0]),
        ("たかはし", None, vec![0]),
        ("ﾀｶﾊｼ ｹﾝ", None, vec![0]),
        ("タカハシケンダ", None, vec![0]),
        ("たかはし", Some(date(1985, 3, 3)), vec![0]),
        ("たかはし", Some(date(1985, 3, 4)), vec![]),
        ("nguyen van", None, vec![1]),
        ("Nguyễn", None, vec![1]),
        ("ぐえん う", None, vec![1]),
        ("中村", None, vec![1]),
        ("ヤマ", None, vec![2, 3]),
        ("山田 太郎", Some(date(1990, 1, 15)), vec![2]),
        ("山田花", None, vec![3]),
        ("", Some(date(1985, 3, 3)), vec![0]),
        ("田", None, vec![]),
        ("%", None, vec![]),
        (" ・ ", None, vec![]),
    ] {
        let hits = env
            .app
            .search(&env.clerk, typed, birth, mynumber_app::SEARCH_LIMIT)
            .await
            .unwrap();
        assert_eq!(found(hits.rows), want, "{typed:?} {birth:?}");
    }
    // A page at a time: what is not shown is not read, and `more` says it is there.
    let one = env.app.search(&env.clerk, "やまだ", None, 1).await.unwrap();
    assert_eq!((one.rows.len(), one.more), (1, true));
    let both = env.app.search(&env.clerk, "やまだ", None, 2).await.unwrap();
    assert_eq!((both.rows.len(), both.more), (2, false));
    // A resident found by two terms (a name and an alias, both 山…) fills two rows of a page
    // with one person: the search reads on until it has as many people as asked for.
    let yamamoto = env
        .app
        .register(
            &env.clerk,
            register(ResidentInput {
                name: NameInput {
                    family: "山本".into(),
                    given: "一".into(),
                    latin: Some("Yamamoto Hajime".into()),
                    alias: Some("山川 一".into()),
                    ..NameInput::default()
                },
                foreign: Some(ForeignInput {
                    nationality: "CN".into(),
                    residence_card_number: Some("cd87654321ef".into()),
                    status_of_residence: "student".into(),
                    period_of_stay_until: Some("2028-03-31".into()),
                }),
                ..foreign()
            }),
        )
        .await
        .unwrap()
        .resident_code;
    for (limit, want, more) in [(1, 1, true), (2, 2, true), (3, 3, false)] {
        let hits = env.app.search(&env.clerk, "山", None, limit).await.unwrap();
        let mut people: Vec<_> = hits.rows.iter().map(|h| h.person.resident_code).collect();
        people.sort_unstable();
        people.dedup();
        assert_eq!(
            (people.len(), hits.rows.len(), hits.more),
            (want, want, more)
        );
        if limit == 3 {
            // In key order 山川 and 山本 come before 山田: the whole range is read to the end.
            assert!(people.contains(&yamamoto) && people.contains(&codes[2]));
            assert!(people.contains(&codes[3]));
        }
    }
    for limit in [0, mynumber_app::SEARCH_LIMIT_MAX + 1] {
        let err = env
            .app
            .search(&env.clerk, "やまだ", None, limit)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, AppError::Invalid(e) if e.0[0].field == "limit"),
            "{err:?}"
        );
    }
    // The household view: the keeping municipality sees it (each member a recorded read);
    // another municipality learns nothing, exactly as for a missing record.
    let members = env.app.household(&env.clerk, &codes[2]).await.unwrap();
    assert_eq!(members.len(), 1);
    let elsewhere = env
        .app
        .household(&env.osaka_clerk, &codes[2])
        .await
        .unwrap_err();
    assert!(matches!(elsewhere, AppError::NotFound(_)), "{elsewhere:?}");
    // A name change: the new name is found, the old one no longer.
    let rename = ChangeCommand::NameChange(NameInput {
        family: "佐藤".into(),
        given: "花子".into(),
        family_kana: Some("サトウ".into()),
        given_kana: Some("ハナコ".into()),
        ..NameInput::default()
    });
    env.app
        .change(&env.clerk, &codes[3], rename, None)
        .await
        .unwrap();
    for (typed, want) in [("さとう", vec![3]), ("山田花", vec![]), ("やまだ", vec![2])] {
        let hits = env
            .app
            .search(&env.clerk, typed, None, mynumber_app::SEARCH_LIMIT)
            .await
            .unwrap();
        assert_eq!(found(hits.rows), want, "{typed:?}");
    }
    // An import's residents are found once its job has finished, not before (its terms are
    // written at the job's end, in key order).
    let csv = |rows: &str| {
        life::Upload(
            format!(
                "family_name,given_name,family_name_kana,given_name_kana,birth_date,sex,\
                 prefecture,municipality_code,address,household,relationship,preferred_language\n{rows}"
            )
            .into_bytes(),
        )
    };
    let upload = csv(
        "鈴木,一郎,スズキ,イチロウ,1970-01-01,1,東京都,131041,西新宿2丁目8番1号,h1,head,ja\n\
         鈴木,次郎,スズキ,ジロウ,1970-13-01,1,東京都,131041,西新宿2丁目8番2号,h2,head,ja\n",
    );
    let options = mynumber_app::ImportOptions {
        batch: 1,
        new_import: false,
        layout: mynumber_app::import_file::Layout::New,
        encoding: None,
    };
    let quiet = &mynumber_app::Quiet;
    let suzuki = || {
        env.app
            .search(&env.clerk, "すずき", None, mynumber_app::SEARCH_LIMIT)
    };
    env.app
        .import_csv(&env.clerk, &upload, options, quiet)
        .await
        .unwrap_err();
    assert!(suzuki().await.unwrap().rows.is_empty());
    let fixed = csv(
        "鈴木,一郎,スズキ,イチロウ,1970-01-01,1,東京都,131041,西新宿2丁目8番1号,h1,head,ja\n\
         鈴木,次郎,スズキ,ジロウ,1970-12-01,1,東京都,131041,西新宿2丁目8番2号,h2,head,ja\n",
    );
    env.app
        .import_csv(&env.clerk, &fixed, options, quiet)
        .await
        .unwrap();
    assert_eq!(suzuki().await.unwrap().rows.len(), 2);
    // A version from before the keys: found again once the store has opened.
    let pool = raw(&env).await;
    sqlx::query("UPDATE resident_versions SET name_key = NULL, kana_key = NULL, latin_key = NULL, alias_key = NULL")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM search_terms")
        .execute(&pool)
        .await
        .unwrap();
    assert!(
        env.app
            .search(&env.clerk, "たかはし", None, mynumber_app::SEARCH_LIMIT)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
    let reopened = app_on(&env.url, Arc::new(OsRandom)).await;
    let hits = reopened
        .search(&env.clerk, "たかはし", None, mynumber_app::SEARCH_LIMIT)
        .await
        .unwrap();
    assert_eq!(found(hits.rows), [0]);
    let hits = reopened
        .search(&env.clerk, "nguyen", None, mynumber_app::SEARCH_LIMIT)
        .await
        .unwrap();
    assert_eq!(found(hits.rows), [1]);
}

/// The register's references hold on both dialects, whether checked per row (SQLite's foreign
/// keys) or per statement (PostgreSQL, migration 0018): a record version names an existing
/// person and household, a number an existing person, in every row of a statement; and what the
/// per-statement check relies on holds too: persons and households are never deleted, and no id
/// or reference is changed.
pub(crate) async fn the_register_s_references_hold(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1990-01-15")))
        .await
        .unwrap();
    let pool = raw(&env).await;
    let person = r.person.to_hex();
    let household: String =
        sqlx::query("SELECT household_id FROM resident_versions WHERE person_id = $1")
            .bind(&person)
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
    let nobody = "f".repeat(person.len());
    // Two versions in one statement; only the second may be wrong.
    let versions = |second: (&str, &str)| {
        let row = |(p, h): (&str, &str), version: i64| {
            format!(
                "('{p}', {version}, 'correction', '2026-11-25', 0, 'test', 'active', '131041', 13, \
                 '西新宿2丁目8番1号', '山田', '太郎', '1990-01-15', 1, '{h}', 'head', 'ja')"
            )
        };
        format!(
            "INSERT INTO resident_versions (person_id, version, procedure, effective_on, \
             recorded_at_us, actor, status, municipality_code, prefecture, address, family_name, \
             given_name, birth_date, sex, household_id, relationship, preferred_language) \
             VALUES {}, {}",
            row((&person, &household), 90),
            row(second, 91)
        )
    };
    let run = |sql: String| {
        let pool = pool.clone();
        async move { sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await }
    };
    // Rows that reference nobody are refused (by a foreign key or the statement's check).
    for (what, sql) in [
        ("a version of nobody", versions((&nobody, &household))),
        ("a version in no household", versions((&person, &nobody))),
        (
            "a number of nobody",
            format!(
                "INSERT INTO individual_numbers (number, person_id, generation, attempt, key_id, \
                 status, issued_at_us) VALUES ('000000000019', '{nobody}', 1, 0, 'k', 'retired', 0)"
            ),
        ),
    ] {
        assert!(run(sql).await.is_err(), "{what} was written");
    }
    // What the statement's check relies on is refused by the register's own rule, not only
    // by a foreign key that happens to point at the row (a letter's, say).
    let mut kept = vec![
        (
            "a deleted person",
            format!("DELETE FROM persons WHERE id = '{person}'"),
        ),
        (
            "a deleted household",
            format!("DELETE FROM households WHERE id = '{household}'"),
        ),
        (
            "a person re-keyed",
            format!("UPDATE persons SET id = '{nobody}' WHERE id = '{person}'"),
        ),
        (
            "a household re-keyed",
            format!("UPDATE households SET id = '{nobody}' WHERE id = '{household}'"),
        ),
        (
            "a version moved to another person",
            format!(
                "UPDATE resident_versions SET person_id = '{nobody}' WHERE person_id = '{person}'"
            ),
        ),
        (
            "a number moved to another person",
            format!(
                "UPDATE individual_numbers SET person_id = '{nobody}' WHERE person_id = '{person}'"
            ),
        ),
        (
            "every household deleted",
            "DELETE FROM households".to_owned(),
        ),
    ];
    if env.url.starts_with("postgres") {
        // TRUNCATE fires no row trigger.
        kept.push(("persons truncated", "TRUNCATE persons CASCADE".to_owned()));
        kept.push(("households truncated", "TRUNCATE households".to_owned()));
    }
    for (what, sql) in kept {
        let err = run(sql).await.expect_err(what).to_string();
        assert!(err.contains("are never deleted"), "{what}: {err}");
    }
    // The statements are right but for the reference: with both rows right, they pass.
    run(versions((&person, &household))).await.unwrap();
    let versions: i64 = sqlx::query("SELECT COUNT(*) FROM resident_versions WHERE person_id = $1")
        .bind(&person)
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(versions, 3);
}

pub(crate) async fn registration_issues_code_number_version_and_ledger(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1990-01-15")))
        .await
        .unwrap();
    let view = env
        .app
        .resident(&env.clerk, &r.resident_code)
        .await
        .unwrap();
    assert_eq!(view.versions.len(), 1);
    assert_eq!(view.versions[0].procedure, "move-in");
    assert_eq!(view.versions[0].resident.record.name().family(), "山田");
    let n = env
        .app
        .read_number(&env.clerk, &r.resident_code, "tax")
        .await
        .unwrap();
    assert!(IndividualNumber::is_valid(n.expose_digits()));
    // The same number finds the same person.
    let found = env
        .app
        .lookup_by_number(&env.clerk, &n, "social-security")
        .await
        .unwrap();
    assert_eq!(found.person.id, r.person);
    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
    // Staff created: the first administrator and the national auditor once each, the three
    // municipal clerks twice (in the national administrator's partition and their own); then
    // 1 registration, 1 record read, 1 number-read, 1 lookup.
    assert_eq!(report.entries, 12);
    // The ledger never holds the number.
    let pool = raw(&env).await;
    let rows = sqlx::query("SELECT actor, action, COALESCE(person_id, ''), COALESCE(purpose, ''), detail FROM ledger_entries")
        .fetch_all(&pool).await.unwrap();
    for row in rows {
        for i in 0..5 {
            let s: String = row.get(i);
            assert!(
                !s.contains(n.expose_digits()),
                "number leaked into the ledger"
            );
        }
    }
    let purposes: Vec<String> =
        sqlx::query("SELECT purpose FROM ledger_entries WHERE purpose IS NOT NULL ORDER BY seq")
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    assert_eq!(purposes, ["tax", "social-security"]);
}

pub(crate) async fn invalid_input_lists_every_problem_and_writes_nothing(env: Env) {
    let mut input = japanese("", "太郎", "2030-01-01");
    input.municipality_code = "131042".into();
    input.sex = "3".into();
    input.name.family_kana = Some("やまだ".into());
    let err = env
        .app
        .register(&env.clerk, register(input))
        .await
        .unwrap_err();
    let AppError::Invalid(invalid) = err else {
        panic!("{err:?}")
    };
    let fields: Vec<&str> = invalid.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "family_name_kana",
            "family_name",
            "birth_date",
            "sex",
            "municipality_code"
        ]
    );
    assert_eq!(count(&env, "persons").await, 0);
    assert_eq!(count(&env, "individual_numbers").await, 0);
    assert_eq!(count(&env, "resident_versions").await, 0);
}

pub(crate) async fn foreign_residents_and_aliases(env: Env) {
    let mut cmd = register(foreign());
    cmd.kind = Registration::ForeignFirstRegistration;
    let r = env.app.register(&env.clerk, cmd).await.unwrap();
    let view = env
        .app
        .resident(&env.clerk, &r.resident_code)
        .await
        .unwrap();
    let rec = &view.versions[0].resident.record;
    assert_eq!(rec.name().latin(), Some("NGUYEN VAN AN"));
    assert_eq!(rec.name().alias(), Some("山田 安"));
    let f = rec.foreign().unwrap();
    assert_eq!(f.residence_card_number().unwrap().as_str(), "AB12345678CD");
    assert_eq!(f.period_of_stay_until(), Some(date(2028, 3, 31)));

    // A Japanese national cannot register an alias; a first registration needs foreign items.
    let mut jp = japanese("山田", "花子", "1990-01-01");
    jp.name.alias = Some("通称".into());
    assert!(matches!(
        env.app.register(&env.clerk, register(jp)).await,
        Err(AppError::Invalid(_))
    ));
    let mut cmd = register(japanese("山田", "花子", "1990-01-01"));
    cmd.kind = Registration::ForeignFirstRegistration;
    assert!(matches!(
        env.app.register(&env.clerk, cmd).await,
        Err(AppError::Invalid(_))
    ));

    // Period of stay: renewed; never in the past.
    let renew = |until: &str| {
        ChangeCommand::PeriodOfStayChange(ForeignInput {
            nationality: "VN".into(),
            residence_card_number: Some("AB87654321CD".into()),
            status_of_residence: "engineer-humanities-international".into(),
            period_of_stay_until: Some(until.into()),
        })
    };
    let v = env
        .app
        .change(&env.clerk, &r.resident_code, renew("2031-03-31"), None)
        .await
        .unwrap();
    assert_eq!(v.version, 2);
    assert_eq!(
        v.resident.record.foreign().unwrap().status().code(),
        "engineer-humanities-international"
    );
    assert!(matches!(
        env.app
            .change(&env.clerk, &r.resident_code, renew("2020-01-01"), None)
            .await,
        Err(AppError::Invalid(_))
    ));
}

pub(crate) async fn procedures_keep_every_version(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1990-01-15")))
        .await
        .unwrap();
    let code = r.resident_code;
    let move_within = ChangeCommand::AddressChange {
        prefecture: "東京都".into(),
        municipality_code: "131041".into(),
        address: "高田馬場1丁目1番1号".into(),
        household: HouseholdChoice::Existing(r.household),
        relationship: "child".into(),
    };
    // Joining one's own household as a non-head is allowed here only because we test the rule
    // that an existing household takes no second head, below.
    env.app
        .change(&env.clerk, &code, move_within, None)
        .await
        .unwrap();
    let rename = ChangeCommand::NameChange(NameInput {
        family: "佐藤".into(),
        given: "太郎".into(),
        family_kana: Some("サトウ".into()),
        given_kana: Some("タロウ".into()),
        ..NameInput::default()
    });
    env.app
        .change(&env.clerk, &code, rename, None)
        .await
        .unwrap();
    // Moving to Osaka: Shinjuku records the move-out, Osaka the transfer-in.
    let out = ChangeCommand::MoveOut {
        abroad: false,
        destination: Some("271004".into()),
        with_card: false,
    };
    env.app.change(&env.clerk, &code, out, None).await.unwrap();
    let transfer = || ChangeCommand::TransferIn {
        prefecture: "大阪府".into(),
        municipality_code: "271004".into(),
        address: "北区梅田1丁目1番1号".into(),
        household: HouseholdChoice::New,
        relationship: "head".into(),
        card_serial: None,
    };
    // Shinjuku's clerk may not record Osaka's transfer-in; like any municipality but Osaka,
    // it is answered as if no record awaited one (a refusal would tell where the person went).
    assert!(matches!(
        env.app.change(&env.clerk, &code, transfer(), None).await,
        Err(AppError::NotFound("resident"))
    ));
    env.app
        .change(&env.osaka_clerk, &code, transfer(), None)
        .await
        .unwrap();
    // Now Shinjuku may not change the record: to it, the record is not in its register.
    let err = env
        .app
        .change(&env.clerk, &code, ChangeCommand::Death, None)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "resident not found");
    // Issue 9, hole 9: Shinjuku still reads what it recorded, its 除票, and nothing after it:
    // not the transfer-in, not the new address.
    let view = env.app.resident(&env.clerk, &code).await.unwrap();
    let procedures: Vec<&str> = view.versions.iter().map(|v| v.procedure.as_str()).collect();
    assert_eq!(
        procedures,
        ["move-in", "address-change", "name-change", "move-out"]
    );
    assert_eq!(view.person.current_version, 4);
    assert!(
        view.versions
            .iter()
            .all(|v| v.resident.record.municipality().as_str() == "131041")
    );
    assert_eq!(view.versions[0].resident.record.name().family(), "山田");
    // Osaka, the register keeping it now, reads all of it.
    let view = env.app.resident(&env.osaka_clerk, &code).await.unwrap();
    assert_eq!(view.versions.len(), 5);
    assert_eq!(view.versions[4].resident.record.name().family(), "佐藤");
    assert_eq!(
        view.versions[4].resident.record.municipality().as_str(),
        "271004"
    );
    // Death is final.
    env.app
        .change(&env.osaka_clerk, &code, ChangeCommand::Death, None)
        .await
        .unwrap();
    let err = env
        .app
        .change(&env.osaka_clerk, &code, ChangeCommand::Death, None)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "death refused: the record is removed (died on 2026-11-25); a deceased person's record takes no further procedures"
    );
    let view = env.app.resident(&env.osaka_clerk, &code).await.unwrap();
    assert!(matches!(
        view.versions.last().unwrap().resident.status,
        RecordStatus::Removed { .. }
    ));
    // The number stays with the person for life.
    let n = env.app.read_number(&env.osaka_clerk, &code, "tax");
    assert!(n.await.is_ok());
}

pub(crate) async fn access_is_bounded_by_role_purpose_and_municipality(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1990-01-15")))
        .await
        .unwrap();
    let code = r.resident_code;
    let err = env
        .app
        .read_number(&env.clerk, &code, "marketing")
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("purpose: \"marketing\" is not a lawful purpose here"),
        "{err}"
    );
    assert!(matches!(
        env.app.read_number(&env.auditor, &code, "tax").await,
        Err(AppError::Denied(_))
    ));
    assert!(matches!(
        env.app.read_number(&env.osaka_clerk, &code, "tax").await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        env.app.resident(&env.osaka_clerk, &code).await,
        Err(AppError::NotFound(_))
    ));
    // Osaka's clerk cannot register a Shinjuku resident.
    assert!(matches!(
        env.app
            .register(
                &env.osaka_clerk,
                register(japanese("山田", "次郎", "1990-01-15"))
            )
            .await,
        Err(AppError::Denied(_))
    ));
    // Search: Shinjuku sees its own resident by name and birth date; Osaka sees nobody.
    let hits = env
        .app
        .search(
            &env.clerk,
            "山",
            Some(date(1990, 1, 15)),
            mynumber_app::SEARCH_LIMIT,
        )
        .await
        .unwrap()
        .rows;
    assert_eq!(hits.len(), 1);
    assert_eq!(
        env.app
            .search(&env.clerk, "ヤマ", None, mynumber_app::SEARCH_LIMIT)
            .await
            .unwrap()
            .rows
            .len(),
        1
    );
    assert!(
        env.app
            .search(&env.osaka_clerk, "山", None, mynumber_app::SEARCH_LIMIT)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
    assert!(
        env.app
            .search(&env.clerk, "%", None, mynumber_app::SEARCH_LIMIT)
            .await
            .unwrap()
            .rows
            .is_empty(),
        "LIKE wildcards are literal"
    );
    // Unknown codes and numbers say not found.
    let unknown = ResidentCode::from_body(1).unwrap();
    assert!(matches!(
        env.app.resident(&env.clerk, &unknown).await,
        Err(AppError::NotFound("resident"))
    ));
    let unknown = IndividualNumber::parse("123456789018").unwrap();
    assert!(matches!(
        env.app.lookup_by_number(&env.clerk, &unknown, "tax").await,
        Err(AppError::NotFound("resident"))
    ));
}

fn rows(inputs: Vec<(ResidentInput, &str)>) -> Vec<ImportRow> {
    inputs
        .into_iter()
        .enumerate()
        .map(|(i, (input, household))| ImportRow {
            line: i as u64 + 2,
            input,
            household: household.into(),
            carried: None,
        })
        .collect()
}

pub(crate) async fn import_batches_are_all_or_nothing(env: Env) {
    let op = env.admin.clone();
    let mut session = ImportSession::default();
    let mut child = japanese("山田", "花子", "2015-05-05");
    child.relationship = "child".into();
    let n = env
        .app
        .import_batch(
            &op,
            &mut session,
            rows(vec![
                (japanese("山田", "太郎", "1980-01-01"), "h1"),
                (child.clone(), "h1"),
                (foreign(), "h2"),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(n, 3);
    let mut bad = japanese("山田", "一郎", "1985-01-01");
    bad.birth_date = "1985-13-01".into();
    let err = env
        .app
        .import_batch(
            &op,
            &mut session,
            rows(vec![
                (child.clone(), "h1"),
                (japanese("山田", "次郎", "1980-01-01"), "h1"), // second head
                (bad, "h3"),
            ]),
        )
        .await
        .unwrap_err();
    let ImportError::Rows(bad) = err else {
        panic!("{err:?}")
    };
    let report: Vec<String> = bad
        .iter()
        .map(|(line, e)| format!("line {line}: {e}"))
        .collect();
    assert_eq!(
        report,
        [
            "line 3: relationship: household \"h1\" already has a head",
            "line 4: birth_date: \"1985-13-01\" is not a date in the form YYYY-MM-DD",
        ]
    );
    assert_eq!(
        count(&env, "persons").await,
        3,
        "nothing of the failed batch is written"
    );
    // Export: without a purpose no numbers, and every record exported is a recorded reading;
    // with one, numbers too, each also a recorded reading of the number.
    let before = count(&env, "ledger_entries").await;
    let page = env.app.export_page(&op, None, None, 100).await.unwrap();
    assert_eq!(page.len(), 3);
    assert!(page.iter().all(|r| r.number.is_none()));
    assert_eq!(count(&env, "ledger_entries").await, before + 3);
    let before = count(&env, "ledger_entries").await;
    let page = env
        .app
        .export_page(&op, None, Some("tax"), 2)
        .await
        .unwrap();
    assert_eq!(page.len(), 2);
    assert!(page.iter().all(|r| r.number.is_some()));
    let next = env
        .app
        .export_page(&op, Some(page[1].row.person.id), Some("tax"), 2)
        .await
        .unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(count(&env, "ledger_entries").await, before + 6);
}

/// The database is bound to the first derivation key; another key is refused, naming both ids.
pub(crate) async fn a_database_keeps_its_derivation_key(env: Env) {
    env.app.bind_derivation_key().await.unwrap();
    env.app.bind_derivation_key().await.unwrap();
    let other = app_with_key(&env.url, Arc::new(OsRandom), [43; 32]).await;
    let err = other.bind_derivation_key().await.unwrap_err();
    let expected = DerivationKey::from_bytes([42; 32]).id();
    let given = DerivationKey::from_bytes([43; 32]).id();
    assert_eq!(
        err.to_string(),
        format!(
            "this database's Individual Numbers are derived with key {expected}, but the key given is {given}; every server of one database must use the same key file"
        )
    );
}

/// A batch joining a household that an earlier batch creates depends on that batch (it must be
/// committed first); a batch with only its own households depends on none.
pub(crate) async fn import_batches_know_their_household_dependencies(env: Env) {
    let op = env.admin.clone();
    let mut session = ImportSession::default();
    let row = |line: u64, household: &str, relationship: &str| {
        let mut input = japanese("山田", "太郎", "1980-01-01");
        input.relationship = relationship.into();
        ImportRow {
            line,
            input,
            household: household.into(),
            carried: None,
        }
    };
    let mut prepare = |rows: Vec<ImportRow>| {
        env.app
            .prepare_import_batch(&op, &mut session, rows)
            .unwrap()
    };
    let b1 = prepare(vec![row(2, "a", "head"), row(3, "b", "head")]);
    let b2 = prepare(vec![row(4, "c", "head"), row(5, "c", "child")]);
    let b3 = prepare(vec![row(6, "a", "child"), row(7, "d", "head")]);
    let b4 = prepare(vec![row(8, "c", "spouse"), row(9, "a", "spouse")]);
    let got: Vec<(u64, Option<u64>)> = [&b1, &b2, &b3, &b4]
        .iter()
        .map(|b| (b.number(), b.depends_on()))
        .collect();
    assert_eq!(got, [(1, None), (2, None), (3, Some(1)), (4, Some(2))]);
    for b in [b1, b2, b3, b4] {
        env.app.write_import_batch(&op, b).await.unwrap();
    }
    assert_eq!(count(&env, "households").await, 4);
}

/// Regression: two people of one import batch drawing the same resident record code were both
/// taken as inserted, and the second's number then failed its foreign key (found importing
/// 1,000,000 residents, where it happens in about one import in five).
pub(crate) async fn resident_code_collisions_are_redrawn(env: Env) {
    let app = app_on(&env.url, Arc::new(RepeatingCodes::default())).await;
    let op = env.admin.clone();
    let mut session = ImportSession::default();
    for batch in 0..3 {
        let rows = (0..20)
            .map(|i| ImportRow {
                line: i + 2,
                input: japanese("山田", "太郎", &format!("19{}-01-{:02}", 60 + batch, 1 + i)),
                household: format!("b{batch}h{i}"),
                carried: None,
            })
            .collect();
        app.import_batch(&op, &mut session, rows).await.unwrap();
    }
    assert_eq!(count(&env, "persons").await, 60);
    assert_eq!(count(&env, "individual_numbers").await, 60);
    assert_eq!(count(&env, "resident_versions").await, 60);
}

pub(crate) async fn ledger_verification_catches_direct_edits(env: Env) {
    for i in 0..5 {
        let birth = format!("199{i}-01-01");
        env.app
            .register(&env.clerk, register(japanese("山田", "太郎", &birth)))
            .await
            .unwrap();
    }
    let ok = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(ok.fault, None);
    let pool = raw(&env).await;
    let exec = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
    };
    exec("UPDATE ledger_entries SET action = 'death' WHERE partition_key = '131041' AND seq = 3")
        .await;
    let fault = env
        .app
        .verify_ledger(&env.auditor, &[])
        .await
        .unwrap()
        .fault
        .unwrap();
    assert_eq!(
        fault.to_string(),
        "partition 131041, entry 3: content altered (its hash no longer matches)"
    );
    exec("UPDATE ledger_entries SET action = 'move-in' WHERE partition_key = '131041' AND seq = 3")
        .await;
    assert_eq!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault,
        None,
        "restored"
    );
    exec("DELETE FROM ledger_entries WHERE partition_key = '131041' AND seq = 4").await;
    let fault = env
        .app
        .verify_ledger(&env.auditor, &[])
        .await
        .unwrap()
        .fault
        .unwrap();
    assert_eq!(
        fault.to_string(),
        "partition 131041: expected entry 4, found entry 5 (removed or reordered)"
    );
    exec("DELETE FROM ledger_entries WHERE partition_key = '131041' AND seq >= 4").await;
    let fault = env
        .app
        .verify_ledger(&env.auditor, &[])
        .await
        .unwrap()
        .fault
        .unwrap();
    assert!(
        fault
            .to_string()
            .starts_with("partition 131041: head says 7 entries, chain ends at 3"),
        "{fault}"
    );
}

/// An insider rewrites a partition from entry 2 on and recomputes every hash: the chain alone
/// still verifies, but a checkpoint signed before the rewrite catches it.
pub(crate) async fn checkpoints_catch_a_rewritten_partition(env: Env) {
    use mynumber_core::ledger::EntryContent;
    for i in 0..4 {
        let birth = format!("198{i}-01-01");
        env.app
            .register(&env.clerk, register(japanese("山田", "太郎", &birth)))
            .await
            .unwrap();
    }
    let checkpoint = env.app.create_checkpoint(&env.auditor).await.unwrap();
    assert_eq!(
        env.app.latest_checkpoint(&env.auditor).await.unwrap(),
        Some(checkpoint.clone())
    );
    let ok = env
        .app
        .verify_ledger(&env.auditor, std::slice::from_ref(&checkpoint))
        .await
        .unwrap();
    assert_eq!(ok.fault, None);

    let pool = raw(&env).await;
    let rows = sqlx::query(
        "SELECT seq, at_us, actor, action, person_id, purpose, detail FROM ledger_entries \
         WHERE partition_key = '131041' ORDER BY seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut prev = [0u8; 32];
    for row in rows {
        let mut content = EntryContent {
            partition: "131041".into(),
            seq: row.get(0),
            at_us: row.get(1),
            actor: row.get(2),
            action: row.get(3),
            person: row
                .get::<Option<String>, _>(4)
                .map(|p| mynumber_core::PersonId::parse(&p).unwrap()),
            purpose: row.get(5),
            detail: row.get(6),
        };
        if content.seq == 2 {
            content.action = "death".into();
        }
        let hash = content.hash(&prev);
        sqlx::query("UPDATE ledger_entries SET action = $1, prev_hash = $2, hash = $3 WHERE partition_key = '131041' AND seq = $4")
            .bind(content.action.clone()).bind(hex::encode(prev)).bind(hex::encode(hash)).bind(content.seq)
            .execute(&pool).await.unwrap();
        sqlx::query("UPDATE ledger_heads SET hash = $1 WHERE partition_key = '131041'")
            .bind(hex::encode(hash))
            .execute(&pool)
            .await
            .unwrap();
        prev = hash;
    }
    // The checkpoint the database keeps catches it.
    let kept = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert!(kept.fault.is_some(), "the stored checkpoint pins the chain");
    // An insider who also deletes the stored checkpoints fools the chain alone; a copy kept
    // elsewhere (an auditor's, a witness's) still catches it.
    sqlx::query("DELETE FROM ledger_checkpoints")
        .execute(&pool)
        .await
        .unwrap();
    let plain = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(plain.fault, None, "a full rewrite fools the chain alone");
    let fault = env
        .app
        .verify_ledger(&env.auditor, std::slice::from_ref(&checkpoint))
        .await
        .unwrap()
        .fault
        .unwrap();
    assert!(
        fault
            .to_string()
            .contains("differs from the signed checkpoint"),
        "{fault}"
    );
    // A checkpoint edited to match the rewrite no longer verifies.
    let mut text = checkpoint.to_text();
    for h in checkpoint.heads() {
        if h.partition == "131041" {
            text = text.replace(&hex::encode(h.hash), &hex::encode(prev));
        }
    }
    assert_ne!(text, checkpoint.to_text());
    let forged = mynumber_core::checkpoint::SignedCheckpoint::parse(&text).unwrap();
    let err = env
        .app
        .verify_ledger(&env.auditor, std::slice::from_ref(&forged))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the checkpoint's signature does not verify: its text was altered"
    );
    // Clerks may not make checkpoints.
    assert!(matches!(
        env.app.create_checkpoint(&env.clerk).await,
        Err(AppError::Denied(_))
    ));
}

/// A leaked number is changed (番号法第7条第2項): one clerk records the request, a second approves;
/// the old number is retired for good and says only that it is no longer valid.
pub(crate) async fn a_leaked_number_is_changed_by_two_staff(env: Env) {
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1990-01-15")))
        .await
        .unwrap();
    let code = r.resident_code;
    let old = env.app.read_number(&env.clerk, &code, "tax").await.unwrap();
    let err = env
        .app
        .request_number_change(
            &env.clerk,
            &code,
            "person-request",
            "勤務先から漏えい",
            None,
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string().starts_with("evidence: is required"),
        "{err}"
    );
    let request = env
        .app
        .request_number_change(
            &env.clerk,
            &code,
            "person-request",
            "勤務先から漏えい",
            Some("勤務先の通知文書"),
        )
        .await
        .unwrap();
    // Nothing changed yet.
    assert_eq!(
        env.app.read_number(&env.clerk, &code, "tax").await.unwrap(),
        old
    );
    // The second person finds it among the requests waiting in their municipality; another
    // municipality's clerk sees none, and an auditor may not decide at all.
    let waiting = env.app.pending_number_changes(&env.clerk2).await.unwrap();
    assert_eq!(
        waiting
            .iter()
            .map(|p| (p.request.id, p.resident_code))
            .collect::<Vec<_>>(),
        [(request.id, code)]
    );
    assert!(
        env.app
            .pending_number_changes(&env.osaka_clerk)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        env.app.pending_number_changes(&env.auditor).await,
        Err(AppError::Denied(_))
    ));
    let one = env
        .app
        .number_change_request(&env.clerk2, request.id)
        .await
        .unwrap();
    assert_eq!(one.request.request.reason(), "勤務先から漏えい");
    let err = env
        .app
        .number_change_request(&env.osaka_clerk, request.id)
        .await
        .unwrap_err();
    // Out of scope answers as missing would (policy: nobody learns what another holds).
    assert!(
        matches!(err, AppError::NotFound("number change request")),
        "{err:?}"
    );
    let err = env
        .app
        .decide_number_change(&env.clerk, request.id, true)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "approval refused: the record is requested number change request; a second staff member must decide it"
    );
    assert!(matches!(
        env.app
            .decide_number_change(&env.osaka_clerk, request.id, true)
            .await,
        Err(AppError::NotFound(_))
    ));
    let done = env
        .app
        .decide_number_change(&env.clerk2, request.id, true)
        .await
        .unwrap();
    assert_eq!(done.status.code(), "approved");

    let new = env.app.read_number(&env.clerk, &code, "tax").await.unwrap();
    assert_ne!(new, old);
    assert!(IndividualNumber::is_valid(new.expose_digits()));
    assert!(matches!(
        env.app.lookup_by_number(&env.clerk, &old, "tax").await,
        Err(AppError::NumberNotCurrent)
    ));
    assert_eq!(
        env.app
            .lookup_by_number(&env.clerk, &new, "tax")
            .await
            .unwrap()
            .person
            .id,
        r.person
    );
    let pool = raw(&env).await;
    let rows: Vec<(String, i64)> =
        sqlx::query("SELECT status, generation FROM individual_numbers ORDER BY generation")
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
    assert_eq!(rows, [("retired".to_owned(), 0), ("current".to_owned(), 1)]);
    let err = env
        .app
        .decide_number_change(&env.clerk2, request.id, false)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already approved"), "{err}");

    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
    let texts: Vec<String> = sqlx::query("SELECT action || ' ' || detail FROM ledger_entries WHERE partition_key = '131041' ORDER BY seq")
        .fetch_all(&pool).await.unwrap().iter().map(|r| r.get(0)).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("number-changed request=")
                && t.contains("number-generation=1 notice=")),
        "{texts:?}"
    );
    // The letter for the old number never went to the printer: superseded, and a letter for the
    // new number is queued in its place (facts §6).
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("notice-superseded notice=")),
        "{texts:?}"
    );
    let letters: Vec<(String, i64)> =
        sqlx::query("SELECT status, generation FROM notices ORDER BY generation")
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
    assert_eq!(
        letters,
        [("superseded".to_owned(), 0), ("queued".to_owned(), 1)]
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains(old.expose_digits()) && !t.contains(new.expose_digits()))
    );
}

pub(crate) async fn concurrent_registrations_never_share_numbers(env: Env) {
    let mut tasks = Vec::new();
    for t in 0..8 {
        let app = env.app.clone();
        let clerk = env.clerk.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..25 {
                let birth = format!("19{:02}-01-{:02}", 50 + t, 1 + i);
                app.register(&clerk, register(japanese("山田", "太郎", &birth)))
                    .await
                    .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(count(&env, "persons").await, 200);
    assert_eq!(count(&env, "individual_numbers").await, 200);
    let pool = raw(&env).await;
    let distinct: i64 = sqlx::query("SELECT COUNT(DISTINCT number) FROM individual_numbers")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(distinct, 200);
    assert_eq!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault,
        None
    );
}

/// The desk's print runs (issue 11): a batch printed and marked in one step, the batches listed
/// Issue 12: an organisation proves who it is with an assertion signed by its registered key
/// (RFC 7523) and gets a five-minute access token that authenticates it. A replayed assertion,
/// another key's signature, `alg: none`, a suspended organisation and a revoked key are each
/// refused; a replay inside the allowed skew after expiry too. The refusals of what the
/// organisation's own key signed are recorded with their reason; the rest only logged.
pub(crate) async fn issue_12_an_organisation_signs_in_with_its_own_key(env: Env) {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
    use mynumber_core::client_assertion::Assertion;
    use mynumber_pki::jose::{base64url_encode, split};
    let rng = SystemRandom::new();
    let pair = |rng: &SystemRandom| {
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, rng).unwrap();
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap()
    };
    let key = pair(&rng);
    let stranger = pair(&rng);
    let org = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプル商事",
            &["number-related"],
        )
        .await
        .unwrap();
    // A point off the curve and a bad key id are named; then the key.
    let bad = env
        .app
        .register_organisation_key(&env.admin, org.id, "k 1", &[4; 65])
        .await
        .unwrap_err();
    let AppError::Invalid(i) = &bad else {
        panic!("{bad:?}")
    };
    assert_eq!(
        i.0.iter().map(|e| e.field).collect::<Vec<_>>(),
        ["kid", "public_key"]
    );
    env.app
        .register_organisation_key(&env.admin, org.id, "k1", key.public_key().as_ref())
        .await
        .unwrap();
    let client = org.id.to_hex();
    let audience = "https://mynumber.example/api/v1/oauth/token";
    let now_s = || env.clock.now_us() / 1_000_000;
    let signed = |with: &EcdsaKeyPair, alg: &str, jti: &str| {
        let input = format!(
            "{}.{}",
            base64url_encode(format!(r#"{{"alg":"{alg}","kid":"k1"}}"#).as_bytes()),
            base64url_encode(br#"{}"#)
        );
        let sig = with.sign(&SystemRandom::new(), input.as_bytes()).unwrap();
        let jws = split(&format!("{input}.{}", base64url_encode(sig.as_ref()))).unwrap();
        let assertion = Assertion {
            alg: alg.to_owned(),
            kid: Some("k1".to_owned()),
            iss: client.clone(),
            sub: client.clone(),
            aud: vec![audience.to_owned()],
            exp: now_s() + 120,
            iat: Some(now_s()),
            nbf: None,
            jti: jti.to_owned(),
        };
        (jws, assertion)
    };
    let (jws, a) = signed(&key, "ES256", "first");
    let token = env
        .app
        .issue_organisation_token(&client, &jws, &a, audience)
        .await
        .unwrap();
    assert!(token.token.starts_with("mno_") && token.token.len() == 68);
    assert_eq!(
        env.app.authenticate(&token.token).await.unwrap(),
        Principal::RelyingParty(org.id)
    );
    // Expired half a minute ago, still inside the skew allowed: taken once, then a replay.
    let (jws_late, mut late) = signed(&key, "ES256", "late");
    late.exp = now_s() - 30;
    assert!(
        env.app
            .issue_organisation_token(&client, &jws_late, &late, audience)
            .await
            .is_ok()
    );
    assert!(
        env.app
            .issue_organisation_token(&client, &jws_late, &late, audience)
            .await
            .is_err()
    );
    // The same assertion again, another key's signature, no algorithm, another audience.
    let (jws2, a2) = signed(&stranger, "ES256", "second");
    let (jws3, a3) = signed(&key, "none", "third");
    let (jws4, a4) = signed(&key, "ES256", "fourth");
    for (jws, a, aud) in [
        (&jws, &a, audience),
        (&jws2, &a2, audience),
        (&jws3, &a3, audience),
        (&jws4, &a4, "https://evil.example/token"),
    ] {
        assert!(matches!(
            env.app.issue_organisation_token(&client, jws, a, aud).await,
            Err(AppError::Unauthenticated)
        ));
    }
    // Suspended: its token no longer works, and it gets no new one; resumed, it does.
    env.app
        .change_organisation(&env.admin, org.id, "suspend")
        .await
        .unwrap();
    assert!(env.app.authenticate(&token.token).await.is_err());
    let (jws5, a5) = signed(&key, "ES256", "fifth");
    assert!(
        env.app
            .issue_organisation_token(&client, &jws5, &a5, audience)
            .await
            .is_err()
    );
    env.app
        .change_organisation(&env.admin, org.id, "resume")
        .await
        .unwrap();
    assert!(env.app.authenticate(&token.token).await.is_ok());
    // Five minutes on, the token has ended.
    env.clock.advance(301 * 1_000_000);
    assert!(env.app.authenticate(&token.token).await.is_err());
    // A new one; then the key revoked: the token ends with it.
    let (jws6, a6) = signed(&key, "ES256", "sixth");
    let fresh = env
        .app
        .issue_organisation_token(&client, &jws6, &a6, audience)
        .await
        .unwrap();
    assert!(env.app.authenticate(&fresh.token).await.is_ok());
    // With a second key in force an assertion must name its key (else every key would be
    // tried for each request); refused unrecorded, like any stranger's.
    env.app
        .register_organisation_key(&env.admin, org.id, "k2", stranger.public_key().as_ref())
        .await
        .unwrap();
    let (jws_n, mut nameless) = signed(&key, "ES256", "nameless");
    nameless.kid = None;
    assert!(matches!(
        env.app
            .issue_organisation_token(&client, &jws_n, &nameless, audience)
            .await,
        Err(AppError::Unauthenticated)
    ));
    env.app
        .revoke_organisation_key(&env.admin, org.id, "k1")
        .await
        .unwrap();
    assert!(env.app.authenticate(&fresh.token).await.is_err());
    let (jws7, a7) = signed(&key, "ES256", "seventh");
    assert!(
        env.app
            .issue_organisation_token(&client, &jws7, &a7, audience)
            .await
            .is_err()
    );
    // The ledger: each issue and each refusal, with its reason.
    let pool = raw(&env).await;
    let details: Vec<String> = sqlx::query(
        "SELECT action || ' ' || detail FROM ledger_entries WHERE action LIKE 'organisation-token-%' ORDER BY seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    let reasons: Vec<&str> = details
        .iter()
        .map(|d| d.rsplit_once(' ').map_or("", |(_, r)| r))
        .collect();
    assert_eq!(
        reasons,
        // A stranger's signature, `alg: none` and another audience cost nothing to send and are
        // not recorded; what the organisation's own key signed is.
        [
            "kid=k1",
            "kid=k1",
            "reason=replay",
            "reason=replay",
            "reason=organisation-not-active",
            "kid=k1",
            "reason=revoked-key",
        ],
        "{details:?}"
    );
    // Two days on, the next token issued forgets those that ended more than a day before.
    env.clock.advance(2 * 86_400 * 1_000_000);
    let input = format!(
        "{}.{}",
        base64url_encode(br#"{"alg":"ES256","kid":"k2"}"#),
        base64url_encode(br#"{}"#)
    );
    let sig = stranger
        .sign(&SystemRandom::new(), input.as_bytes())
        .unwrap();
    let jws = split(&format!("{input}.{}", base64url_encode(sig.as_ref()))).unwrap();
    let later = Assertion {
        kid: Some("k2".to_owned()),
        exp: now_s() + 120,
        iat: Some(now_s()),
        jti: "two-days-on".to_owned(),
        ..a.clone()
    };
    env.app
        .issue_organisation_token(&client, &jws, &later, audience)
        .await
        .unwrap();
    let kept: i64 = sqlx::query("SELECT COUNT(*) FROM organisation_tokens")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(kept, 1);
}

/// A lookup (`Store::begin_lookup`: on SQLite a connection of the store's own, run in place)
/// sees what was committed and nothing of a write still open; its connections are lent again
/// after each lookup; and a write dropped without commit leaves nothing, with the writer's
/// connection free for the next.
pub(crate) async fn lookups_see_what_is_committed(env: Env) {
    use mynumber_app::Store as _;
    let store = SqlStore::connect(&StoreConfig {
        url: env.url.clone(),
        max_connections: 2,
        workload: mynumber_store::Workload::Server,
    })
    .await
    .unwrap();
    let org = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプル商事",
            &["number-related"],
        )
        .await
        .unwrap()
        .id;
    let mut write = store.begin().await.unwrap();
    write.add_collection_miss(org, 7).await.unwrap();
    // Open, so unseen; more lookups than the store has connections, one after another.
    for _ in 0..5 {
        let look = tokio::time::timeout(std::time::Duration::from_secs(10), store.begin_lookup());
        let mut look = look
            .await
            .expect("a lookup's connection was never lent again")
            .unwrap();
        assert_eq!(look.collection_misses(org, 7).await.unwrap(), 0);
    }
    let mut before = store.begin_lookup().await.unwrap();
    assert_eq!(before.collection_misses(org, 7).await.unwrap(), 0);
    drop(before);
    write.commit().await.unwrap();
    let mut after = store.begin_lookup().await.unwrap();
    assert_eq!(after.collection_misses(org, 7).await.unwrap(), 1);
    drop(after);

    // Dropped uncommitted: rolled back, and the writer's turn is free at once.
    let mut write = store.begin().await.unwrap();
    write.add_collection_miss(org, 7).await.unwrap();
    drop(write);
    let mut write = store.begin().await.unwrap();
    assert_eq!(write.collection_misses(org, 7).await.unwrap(), 1);
    write.add_collection_miss(org, 7).await.unwrap();
    write.commit().await.unwrap();
    let mut look = store.begin_lookup().await.unwrap();
    assert_eq!(look.collection_misses(org, 7).await.unwrap(), 2);
    drop(look);
    store.close().await;
}

/// 印鑑登録 in the store: one seal in force per resident (a second is a conflict, and so is a
/// card number taken), the impression's bytes kept exactly, a registration ended once and kept,
/// and a new one registered after it.
pub(crate) async fn issue_13_the_seal_register_keeps_one_seal_in_force(env: Env) {
    use mynumber_app::SealRow;
    use mynumber_core::seal::{ImpressionSize, SealEnd, SealStatus};
    let person = env
        .app
        .register(&env.clerk, register(japanese("印鑑", "花子", "1985-03-03")))
        .await
        .unwrap()
        .person;
    let store = SqlStore::connect(&StoreConfig {
        url: env.url.clone(),
        max_connections: 2,
        workload: mynumber_store::Workload::Command,
    })
    .await
    .unwrap();
    use mynumber_app::Store as _;
    // Bytes no text column would keep: NUL, invalid UTF-8, every value.
    let impression: Vec<u8> = (0..=255u8).chain([0, 0xFF, 0xC3]).collect();
    let seal = |id: &str, card: &str| SealRow {
        id: id.to_owned(),
        person,
        municipality: MunicipalityCode::parse("131016").unwrap(),
        card_number: card.to_owned(),
        impression: impression.clone(),
        size: ImpressionSize {
            width_um: 15_000,
            height_um: 14_500,
        },
        registered_at_us: 1_000,
        registered_by: "staff:test".to_owned(),
        status: SealStatus::Registered,
        ended_at_us: None,
    };
    let first = seal("a1", "IN-0001");
    let mut tx = store.begin().await.unwrap();
    tx.insert_seal(&first).await.unwrap();
    tx.commit().await.unwrap();
    // A second seal in force: refused (a failed statement ends a PostgreSQL transaction, so
    // each refusal is tried in a transaction of its own and dropped).
    let mut tx = store.begin().await.unwrap();
    assert!(matches!(
        tx.insert_seal(&seal("a2", "IN-0002")).await,
        Err(mynumber_app::StoreError::Conflict(_))
    ));
    drop(tx);

    let mut read = store.begin_read().await.unwrap();
    assert_eq!(
        read.seal_in_force(person).await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(read.seal_by_card("IN-0002").await.unwrap(), None);
    drop(read);

    // Changed (改印): the old one ends once, then a new one is registered; the old card's
    // registration is kept, ended, and a taken card number is refused.
    let mut tx = store.begin().await.unwrap();
    assert!(tx.end_seal("a1", SealEnd::Changed, 2_000).await.unwrap());
    assert!(!tx.end_seal("a1", SealEnd::Lost, 3_000).await.unwrap());
    tx.insert_seal(&seal("a4", "IN-0004")).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    tx.end_seal("a4", SealEnd::Abolished, 4_000).await.unwrap();
    assert!(matches!(
        tx.insert_seal(&seal("a5", "IN-0001")).await,
        Err(mynumber_app::StoreError::Conflict(_))
    ));
    drop(tx);

    let mut look = store.begin_lookup().await.unwrap();
    assert_eq!(look.seal_in_force(person).await.unwrap().unwrap().id, "a4");
    let old = look.seal_by_card("IN-0001").await.unwrap().unwrap();
    assert_eq!(old.status, SealStatus::Ended(SealEnd::Changed));
    assert_eq!(old.ended_at_us, Some(2_000));
    assert_eq!(old.impression, impression);
    drop(look);
    store.close().await;
}

/// Issue 12: an employer collects an employee's number for its registered purpose, after the
/// identity check. The number, the name and the birth date must be one resident's (one answer
/// for any mismatch, the attempt on record without a person); a purpose it did not register is
/// refused and recorded; the end of employment starts the keeping period, after which the
/// number is reported due for deletion, and the deletion is recorded. No ledger entry holds
/// the number.
pub(crate) async fn issue_12_an_employer_collects_a_number_and_deletes_it_in_time(env: Env) {
    use mynumber_app::{CollectCommand, PurposeInput};
    use mynumber_core::organisation::{IdentityCheck, IdentityDocument, NumberDocument};
    let r = env
        .app
        .register(&env.clerk, register(japanese("山田", "太郎", "1980-01-15")))
        .await
        .unwrap();
    let number = env
        .app
        .read_number(&env.admin, &r.resident_code, "tax")
        .await
        .unwrap();
    let org = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプル商事",
            &["number-related"],
        )
        .await
        .unwrap();
    env.app
        .register_purpose(
            &env.admin,
            org.id,
            &PurposeInput {
                code: "withholding-slip",
                affair: "源泉徴収票作成事務",
                basis: "所得税法第226条",
                items: vec!["name", "address"],
                retention_years: "7",
            },
        )
        .await
        .unwrap();
    let employer = Principal::RelyingParty(org.id);
    let digits = number.expose_formatted();
    let collect = |purpose, name, birth| CollectCommand {
        purpose,
        individual_number: &digits,
        name,
        birth_date: birth,
        method: "documents",
        number_document: "notification-letter",
        identity_document: "driving-licence",
    };
    // Every malformed field named at once; nothing written.
    let bad = env
        .app
        .collect_number(
            &employer,
            &CollectCommand {
                individual_number: "1234",
                birth_date: "15/01/1980",
                method: "trust-me",
                ..collect("withholding-slip", "山田太郎", "")
            },
        )
        .await
        .unwrap_err();
    let AppError::Invalid(i) = &bad else {
        panic!("{bad:?}")
    };
    let fields: Vec<&str> = i.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["individual_number", "birth_date", "method"]);
    // A purpose it did not register: refused by the policy, and recorded.
    let refused = env
        .app
        .collect_number(&employer, &collect("customer-id", "山田太郎", "1980-01-15"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            AppError::Denied(mynumber_core::Denied::Unregistered { .. })
        ),
        "{refused:?}"
    );
    // The documents show someone else (another birth date, another name): one answer.
    for (name, birth) in [("山田太郎", "1980-01-16"), ("山田次郎", "1980-01-15")] {
        let e = env
            .app
            .collect_number(&employer, &collect("withholding-slip", name, birth))
            .await
            .unwrap_err();
        let AppError::Invalid(i) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(i.0[0].key, "problem-collection-mismatch");
    }
    // As the documents show the person: recorded, with the method.
    let c = env
        .app
        .collect_number(
            &employer,
            &collect("withholding-slip", "やまだ たろう", "1980-01-15"),
        )
        .await
        .unwrap();
    assert_eq!(c.person, r.person);
    assert_eq!(
        c.method,
        IdentityCheck::Documents(
            NumberDocument::NotificationLetter,
            IdentityDocument::DrivingLicence
        )
    );
    // Another organisation cannot touch it.
    let other = Principal::RelyingParty(mynumber_core::OrganisationId::from_random([7; 16]));
    assert!(matches!(
        env.app.record_deletion(&other, &c.id).await,
        Err(AppError::Denied(_))
    ));
    // Employment ends: not before the collection, not after today.
    env.clock.advance_days(400);
    let today = env.clock.today();
    for bad in ["2020-01-01", &today.tomorrow().unwrap().to_string()] {
        assert!(
            matches!(
                env.app.end_collection(&employer, &c.id, bad).await,
                Err(AppError::Invalid(_))
            ),
            "{bad}"
        );
    }
    let ended = env
        .app
        .end_collection(&employer, &c.id, &today.to_string())
        .await
        .unwrap();
    assert_eq!(
        ended.keep_until,
        Some(today.checked_add(jiff::Span::new().years(7)).unwrap())
    );
    assert!(
        env.app
            .end_collection(&employer, &c.id, &today.to_string())
            .await
            .is_err()
    );
    // Nothing due until the keeping has passed; then due, then deleted once.
    assert!(env.app.deletions_due(&employer).await.unwrap().is_empty());
    env.clock.advance_days(7 * 366 + 1);
    let due = env.app.deletions_due(&employer).await.unwrap();
    assert_eq!(
        due.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        [c.id.as_str()]
    );
    env.app.record_deletion(&employer, &c.id).await.unwrap();
    assert!(env.app.record_deletion(&employer, &c.id).await.is_err());
    assert!(env.app.deletions_due(&employer).await.unwrap().is_empty());
    // The ledger: the refusal, the two unmatched attempts (no person), the collection, its
    // end and its deletion on the person; never the number.
    let pool = raw(&env).await;
    let rows = sqlx::query(
        "SELECT action, COALESCE(person_id, ''), COALESCE(purpose, ''), detail FROM ledger_entries \
         WHERE actor = $1 ORDER BY at_us, seq",
    )
    .bind(employer.ledger_name())
    .fetch_all(&pool)
    .await
    .unwrap();
    let seen: Vec<(String, bool)> = rows
        .iter()
        .map(|row| (row.get::<String, _>(0), !row.get::<String, _>(1).is_empty()))
        .collect();
    assert_eq!(
        seen,
        [
            ("access-denied".to_owned(), false),
            ("number-collection-unmatched".to_owned(), false),
            ("number-collection-unmatched".to_owned(), false),
            ("number-collected".to_owned(), true),
            ("collection-ended".to_owned(), true),
            ("number-deleted".to_owned(), true),
        ]
    );
    for row in &rows {
        for i in 0..4 {
            let s: String = row.get(i);
            assert!(!s.contains(number.expose_digits()), "{s}");
        }
    }
    // Trying numbers against names in bulk: past the hour's limit of collections that matched
    // no one, even the right documents wait for the next hour, and the hold is recorded.
    let limit = usize::try_from(mynumber_core::organisation::MAX_UNMATCHED_PER_HOUR).unwrap();
    for _ in 0..limit {
        let e = env
            .app
            .collect_number(
                &employer,
                &collect("withholding-slip", "山田次郎", "1980-01-15"),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)), "{e:?}");
    }
    let held = env
        .app
        .collect_number(
            &employer,
            &collect("withholding-slip", "やまだ たろう", "1980-01-15"),
        )
        .await
        .unwrap_err();
    assert!(matches!(held, AppError::Refused(_)), "{held:?}");
    env.clock.advance(3_600_000_000);
    env.app
        .collect_number(
            &employer,
            &collect("withholding-slip", "やまだ たろう", "1980-01-15"),
        )
        .await
        .unwrap();
    let holds: i64 =
        sqlx::query("SELECT COUNT(*) FROM ledger_entries WHERE action = 'number-collection-held'")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
    assert_eq!(holds, 1);
    assert!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault
            .is_none()
    );
}

/// Issue 12: the registry of organisations. An administrator registers an employer with its
/// purpose; the corporate number is one registration in force, free again after a revocation;
/// a purpose's code is never reused; only roles that collect numbers register purposes; a
/// revocation is final; every change is a ledger entry in the national partition; a clerk or a
/// municipal auditor cannot read the registry, a national auditor can.
pub(crate) async fn issue_12_organisations_are_registered_with_their_purposes(env: Env) {
    use mynumber_app::PurposeInput;
    use mynumber_core::organisation::{DataItem, OrgRole, OrgStatus};
    let employer = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプル商事",
            &["number-related"],
        )
        .await
        .unwrap();
    assert_eq!(employer.roles, vec![OrgRole::NumberRelated]);
    assert_eq!(employer.status, OrgStatus::Active);
    let again = env
        .app
        .register_organisation(&env.admin, "5835678256246", "別名", &["platform"])
        .await
        .unwrap_err();
    assert!(
        matches!(&again, AppError::Invalid(i) if i.0[0].key == "problem-organisation-registered"),
        "{again:?}"
    );
    let slip = PurposeInput {
        code: "withholding-slip",
        affair: "源泉徴収票作成事務",
        basis: "所得税法第226条",
        items: vec!["name", "address"],
        retention_years: "7",
    };
    let p = env
        .app
        .register_purpose(&env.admin, employer.id, &slip)
        .await
        .unwrap();
    assert_eq!(
        p.purpose.items,
        vec![DataItem::Number, DataItem::Name, DataItem::Address]
    );
    let taken = env
        .app
        .register_purpose(&env.admin, employer.id, &slip)
        .await
        .unwrap_err();
    assert!(matches!(&taken, AppError::Invalid(i) if i.0[0].key == "problem-purpose-taken"));
    env.app
        .withdraw_purpose(&env.admin, employer.id, "withholding-slip")
        .await
        .unwrap();
    // Withdrawn: its code stays taken, and it cannot be withdrawn twice.
    assert!(
        env.app
            .register_purpose(&env.admin, employer.id, &slip)
            .await
            .is_err()
    );
    assert!(matches!(
        env.app
            .withdraw_purpose(&env.admin, employer.id, "withholding-slip")
            .await,
        Err(AppError::NotFound("purpose"))
    ));
    // A verifier collects no numbers, and so registers no purposes.
    let verifier = env
        .app
        .register_organisation(
            &env.admin,
            "4011001098993",
            "検証 株式会社",
            &["authentication-verifier"],
        )
        .await
        .unwrap();
    let none = env
        .app
        .register_purpose(&env.admin, verifier.id, &slip)
        .await
        .unwrap_err();
    assert!(
        matches!(&none, AppError::Invalid(i) if i.0[0].key == "problem-organisation-collects-not")
    );
    // Suspended, resumed, revoked; then nothing more, and the number is free again.
    for (event, status) in [
        ("suspend", OrgStatus::Suspended),
        ("resume", OrgStatus::Active),
        ("revoke", OrgStatus::Revoked),
    ] {
        let row = env
            .app
            .change_organisation(&env.admin, employer.id, event)
            .await
            .unwrap();
        assert_eq!(row.status, status);
    }
    assert!(matches!(
        env.app
            .change_organisation(&env.admin, employer.id, "resume")
            .await,
        Err(AppError::Invalid(_))
    ));
    let second = env
        .app
        .register_organisation(
            &env.admin,
            "5835678256246",
            "株式会社サンプル商事",
            &["number-related"],
        )
        .await
        .unwrap();
    assert_ne!(second.id, employer.id);
    // Read by the administrator and a national auditor, in the order of names, with purposes.
    let listed = env.app.organisations(&env.auditor).await.unwrap();
    assert_eq!(listed.len(), 3);
    let view = env.app.organisation(&env.admin, employer.id).await.unwrap();
    assert_eq!(view.organisation.status, OrgStatus::Revoked);
    assert_eq!(view.purposes.len(), 1);
    assert!(view.purposes[0].withdrawn_at_us.is_some());
    // Not by a clerk, nor do they register anything.
    for refused in [
        env.app.organisations(&env.clerk).await.map(|_| ()),
        env.app
            .register_organisation(&env.clerk, "4011001098993", "x", &["platform"])
            .await
            .map(|_| ()),
    ] {
        assert!(matches!(refused, Err(AppError::Denied(_))), "{refused:?}");
    }
    // The ledger: each change in the national partition, under the administrator.
    let pool = raw(&env).await;
    let actions: Vec<String> = sqlx::query(
        "SELECT action FROM ledger_entries WHERE partition_key = 'national' \
         AND (action LIKE 'organisation-%' OR action LIKE 'purpose-%') ORDER BY seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    assert_eq!(
        actions,
        [
            "organisation-registered",
            "purpose-registered",
            "purpose-withdrawn",
            "organisation-registered",
            "organisation-suspended",
            "organisation-resumed",
            "organisation-revoked",
            "organisation-registered",
        ]
    );
    assert!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault
            .is_none()
    );
}

/// newest first with the letters still out, and a batch printed again, that day only, with only
/// the letters still out, on the application ids they were first printed with, each at most
/// once; a letter that reached the resident, notifies a number since changed, or is addressed to
/// someone who moved away is never printed again.
pub(crate) async fn issue_11_a_print_batch_is_listed_and_printed_again_only_for_letters_out(
    env: Env,
) {
    use mynumber_core::notice::NoticeEvent as E;
    let shinjuku = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    let mut codes = Vec::new();
    for (family, given) in [
        ("青木", "一"),
        ("井上", "二"),
        ("上田", "三"),
        ("江藤", "四"),
    ] {
        let r = env
            .app
            .register(&env.clerk, register(japanese(family, given, "1980-02-02")))
            .await
            .unwrap();
        codes.push((r.person, r.resident_code));
    }
    env.app
        .set_municipality_name(&env.admin, shinjuku, "新宿区")
        .await
        .unwrap();
    let a = env
        .app
        .print_notice_batch(&env.clerk, shinjuku, 3)
        .await
        .unwrap()
        .unwrap();
    let b = env
        .app
        .print_notice_batch(&env.clerk, shinjuku, 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((a.letters.len(), b.letters.len()), (3, 1));
    assert!(
        env.app
            .print_notice_batch(&env.clerk, shinjuku, 3)
            .await
            .unwrap()
            .is_none(),
        "the queue is empty"
    );
    let listed = env
        .app
        .notice_batches(&env.clerk, shinjuku, 10)
        .await
        .unwrap();
    let names: Vec<&str> = listed.iter().map(|r| r.batch.as_str()).collect();
    assert_eq!(names, [b.id.as_str(), a.id.as_str()], "newest first");
    assert_eq!(
        (listed[1].letters, listed[1].out, listed[1].reprintable),
        (3, 3, 3)
    );
    assert!(listed[1].sent_at_us > 0);
    assert!(matches!(
        env.app.notice_batches(&env.osaka_clerk, shinjuku, 10).await,
        Err(AppError::Denied(_))
    ));

    // One letter of A reached the resident; the number of another changed.
    let (delivered, changed, kept) = (a.letters[0], a.letters[1], a.letters[2]);
    env.app
        .record_notice_outcome(&env.clerk, &delivered.2, E::Delivered)
        .await
        .unwrap();
    let person = codes.iter().find(|(p, _)| *p == changed.1).unwrap().1;
    let request = env
        .app
        .request_number_change(&env.clerk, &person, "ex-officio", "誤送付", None)
        .await
        .unwrap();
    env.app
        .decide_number_change(&env.clerk2, request.id, true)
        .await
        .unwrap();
    let again = env
        .app
        .reprint_notice_batch(&env.clerk, shinjuku, &a.id)
        .await
        .unwrap();
    assert_eq!(
        again.letters,
        vec![kept],
        "only the letter still out, as first printed"
    );
    assert_eq!(again.id, a.id);
    assert!(again.pdf.starts_with(b"%PDF-"));
    let listed = env
        .app
        .notice_batches(&env.clerk, shinjuku, 10)
        .await
        .unwrap();
    assert_eq!(
        (listed[1].letters, listed[1].out, listed[1].reprintable),
        (3, 2, 0),
        "the changed number's letter is still out, but not printed again; the kept one was"
    );
    // A letter is printed again once: the batch cannot be printed a second time.
    let twice = env
        .app
        .reprint_notice_batch(&env.clerk, shinjuku, &a.id)
        .await
        .unwrap_err();
    assert!(matches!(twice, AppError::Refused(_)), "{twice}");
    // The next day, no batch of the day before is printed again.
    let tomorrow = app_at(
        &env.url,
        Arc::new(OsRandom),
        [42; 32],
        START_US + 86_400_000_000,
    )
    .await;
    let listed = tomorrow
        .notice_batches(&env.clerk, shinjuku, 10)
        .await
        .unwrap();
    assert_eq!((listed[0].out, listed[0].reprintable), (1, 0));
    let late = tomorrow
        .reprint_notice_batch(&env.clerk, shinjuku, &b.id)
        .await
        .unwrap_err();
    assert!(matches!(late, AppError::Refused(_)), "{late}");

    // Another municipality's clerk, a batch that does not exist, a batch with nothing out.
    assert!(matches!(
        env.app
            .reprint_notice_batch(&env.osaka_clerk, shinjuku, &a.id)
            .await,
        Err(AppError::Denied(_))
    ));
    assert!(matches!(
        env.app
            .reprint_notice_batch(&env.clerk, shinjuku, "131041-20260101-00")
            .await,
        Err(AppError::NotFound(_))
    ));
    // B's addressee moved to Osaka: Shinjuku prints nothing more to them (their record is
    // Osaka's to read now).
    let moved = codes.iter().find(|(p, _)| *p == b.letters[0].1).unwrap().1;
    env.app
        .change(
            &env.clerk,
            &moved,
            mynumber_app::ChangeCommand::MoveOut {
                abroad: false,
                destination: Some("271004".into()),
                with_card: false,
            },
            None,
        )
        .await
        .unwrap();
    let err = env
        .app
        .reprint_notice_batch(&env.clerk, shinjuku, &b.id)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Refused(_)), "{err}");

    let pool = sqlx::AnyPool::connect(&env.url).await.unwrap();
    let reprinted: Vec<String> = sqlx::query(
        "SELECT detail FROM ledger_entries WHERE action = 'notice-reprinted' ORDER BY seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(
        reprinted,
        [format!("notice={} batch={}", kept.0, a.id)],
        "one record per letter printed again"
    );
    assert_eq!(
        env.app
            .verify_ledger(&env.auditor, &[])
            .await
            .unwrap()
            .fault,
        None
    );
}

/// Letters (個人番号通知書): queued at registration, printed in batches exactly once, a batch that
/// lost a letter to a number change is refused, and outcomes follow the allowed transitions up
/// to destruction after retention.
pub(crate) async fn notification_letters_are_printed_once_and_followed_to_the_end(env: Env) {
    let shinjuku = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    let mut codes = Vec::new();
    for (family, given) in [("青木", "一"), ("井上", "二"), ("上田", "三")] {
        let r = env
            .app
            .register(&env.clerk, register(japanese(family, given, "1980-02-02")))
            .await
            .unwrap();
        codes.push((r.person, r.resident_code));
    }
    assert_eq!(
        env.app
            .queued_notice_count(&env.clerk, shinjuku)
            .await
            .unwrap(),
        3
    );
    // No printed name yet: a clear refusal, nothing marked.
    let err = env
        .app
        .prepare_notice_batch(&env.clerk, shinjuku, 2)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("mynumber municipality name 131041"),
        "{err}"
    );
    let err = env
        .app
        .set_municipality_name(&env.clerk, shinjuku, "新宿区")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Denied(_)),
        "a clerk cannot rename: {err}"
    );
    env.app
        .set_municipality_name(&env.admin, shinjuku, "新宿区")
        .await
        .unwrap();
    // Osaka's clerk may not print Shinjuku's letters.
    assert!(matches!(
        env.app
            .prepare_notice_batch(&env.osaka_clerk, shinjuku, 2)
            .await,
        Err(AppError::Denied(_))
    ));

    let first = env
        .app
        .prepare_notice_batch(&env.clerk, shinjuku, 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.letters.len(), 2);
    assert!(first.pdf.starts_with(b"%PDF-"));
    // The number of one of them changes before the batch is marked: the batch is refused whole.
    let in_batch = first.letters[0].1;
    let person = codes.iter().find(|(p, _)| *p == in_batch).unwrap().1;
    let request = env
        .app
        .request_number_change(&env.clerk, &person, "ex-officio", "誤送付", None)
        .await
        .unwrap();
    env.app
        .decide_number_change(&env.clerk2, request.id, true)
        .await
        .unwrap();
    assert!(matches!(
        env.app.mark_notice_batch_sent(&env.clerk, &first).await,
        Err(AppError::Conflict)
    ));
    let mut printed = 0;
    while let Some(batch) = env
        .app
        .prepare_notice_batch(&env.clerk, shinjuku, 2)
        .await
        .unwrap()
    {
        env.app
            .mark_notice_batch_sent(&env.clerk, &batch)
            .await
            .unwrap();
        printed += batch.letters.len();
    }
    assert_eq!(printed, 3, "two first letters and the new number's letter");
    assert!(
        env.app
            .prepare_notice_batch(&env.clerk, shinjuku, 2)
            .await
            .unwrap()
            .is_none()
    );
    // Printing again mails nothing twice.
    let sent = env
        .app
        .notices(&env.clerk, mynumber_core::notice::NoticeStatus::Sent, 10)
        .await
        .unwrap();
    assert_eq!(sent.len(), 3);
    // Each printed form got its own application id when it was printed.
    let ids: std::collections::HashSet<_> =
        sent.iter().map(|n| n.application_id.unwrap()).collect();
    assert_eq!(ids.len(), 3);

    use mynumber_core::notice::NoticeEvent as E;
    let (a, b) = (
        sent[0].application_id.unwrap(),
        sent[1].application_id.unwrap(),
    );
    let delivered = env
        .app
        .record_notice_outcome(&env.clerk, &a, E::Delivered)
        .await
        .unwrap();
    assert_eq!(delivered.status.code(), "delivered");
    let err = env
        .app
        .record_notice_outcome(&env.clerk, &a, E::HandedOver)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("already reached the resident"),
        "{err}"
    );
    env.app
        .record_notice_outcome(&env.clerk, &b, E::Returned)
        .await
        .unwrap();
    // Within the 90 days' retention nothing is destroyed; 91 days later it is.
    assert_eq!(
        env.app.destroy_expired_notices(&env.clerk).await.unwrap(),
        0
    );
    let later = app_at(
        &env.url,
        Arc::new(OsRandom),
        [42; 32],
        START_US + 91 * 86_400_000_000,
    )
    .await;
    assert_eq!(later.destroy_expired_notices(&env.clerk).await.unwrap(), 1);
    let err = env
        .app
        .record_notice_outcome(&env.clerk, &b, E::HandedOver)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("it was destroyed"), "{err}");

    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
    let pool = sqlx::AnyPool::connect(&env.url).await.unwrap();
    let actions: Vec<String> = sqlx::query(
        "SELECT action FROM ledger_entries WHERE action LIKE 'notice-%' ORDER BY partition_key, seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    for want in [
        "notice-superseded",
        "notice-sent",
        "notice-delivered",
        "notice-returned",
        "notice-destroyed",
    ] {
        assert!(
            actions.iter().any(|a| a == want),
            "{want} not in {actions:?}"
        );
    }
}

/// A copy of the resident record: issued with the chosen items, signed, registered under its
/// verification code, confirmed from the file, and refused once a byte changes.
pub(crate) async fn resident_record_copies_are_signed_registered_and_verifiable(env: Env) {
    let shinjuku = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    env.app
        .set_municipality_name(&env.admin, shinjuku, "新宿区")
        .await
        .unwrap();
    let r = env
        .app
        .register(&env.clerk, register(japanese("𠮷田", "葵", "2001-04-01")))
        .await
        .unwrap();
    let request = |items: &[&str]| mynumber_app::RecordRequest {
        kind: mynumber_render::RecordKind::Copy,
        items: items.iter().map(|s| (*s).to_owned()).collect(),
        number_basis: items
            .contains(&"individual-number")
            .then(|| mynumber_app::NumberBasis::Purpose("tax".into())),
    };
    let err = env
        .app
        .issue_resident_record(&env.clerk, &r.resident_code, &request(&["shoe-size"]))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("items: must each be one of"),
        "{err}"
    );
    // Another municipality's clerk: answered as if the record did not exist.
    assert!(matches!(
        env.app
            .issue_resident_record(&env.osaka_clerk, &r.resident_code, &request(&[]))
            .await,
        Err(AppError::NotFound("resident"))
    ));
    let doc = env
        .app
        .issue_resident_record(
            &env.clerk,
            &r.resident_code,
            &request(&["householder", "individual-number"]),
        )
        .await
        .unwrap();
    assert!(doc.pdf.starts_with(b"%PDF-"));
    let checked = env.app.verify_document(&doc.pdf).await.unwrap();
    assert_eq!(checked.row.code, doc.code);
    assert!(checked.row.summary.contains("𠮷田 葵"));
    assert_eq!(
        env.app
            .document_by_code(&doc.code.to_string().to_lowercase())
            .await
            .unwrap()
            .code,
        doc.code
    );
    // One byte changed anywhere before the signature: refused.
    let mut forged = doc.pdf.clone();
    let at = forged.len() / 2;
    forged[at] ^= 0x20;
    assert!(matches!(
        env.app.verify_document(&forged).await,
        Err(AppError::Document(_))
    ));
    // Another deployment's genuine document is not ours.
    let other = mynumber_core::document::DocumentSigningKey::from_bytes([1; 32]);
    let (foreign, _) = other.sign(&doc.code, b"%PDF-1.7\n%%EOF\n");
    assert!(matches!(
        env.app.verify_document(&foreign).await,
        Err(AppError::Document(
            mynumber_core::document::DocumentError::OtherKey { .. }
        ))
    ));
    assert!(matches!(
        env.app.document_by_code("AAAA-AAAA-AAAA-AAAA").await,
        Err(AppError::NotFound(_))
    ));

    // The ledger records the issue and that the number was disclosed, never the number.
    let number = env
        .app
        .read_number(&env.clerk, &r.resident_code, "tax")
        .await
        .unwrap();
    let pool = sqlx::AnyPool::connect(&env.url).await.unwrap();
    let details: Vec<String> =
        sqlx::query("SELECT detail FROM ledger_entries WHERE action = 'resident-record-issued'")
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    assert_eq!(details.len(), 1);
    assert!(
        details[0].contains("items=householder,individual-number"),
        "{details:?}"
    );
    assert!(!details[0].contains(number.expose_digits()));
    let summaries: Vec<String> = sqlx::query("SELECT summary FROM documents")
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        summaries
            .iter()
            .all(|s| !s.contains(number.expose_digits()))
    );
}

/// Certificates (facts §3): issued for a card's public key, refused under 15 (signature) and
/// before the renewal window; an address change revokes the signature certificate in the
/// registry's own transaction, death revokes the rest; the CRL lists them.
/// Installs both authorities, as the binary does on first start, and names 新宿区 (the
/// signature certificate's address holds it).
pub(crate) async fn install_authorities(env: &Env) {
    env.app
        .set_municipality_name(
            &env.admin,
            mynumber_core::MunicipalityCode::parse("131041").unwrap(),
            "新宿区",
        )
        .await
        .unwrap();
    for h in mynumber_pki::Hierarchy::ALL {
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .unwrap();
        assert!(
            env.app
                .install_authority(h, &key.serialize_der())
                .await
                .unwrap()
        );
    }
}

pub(crate) async fn certificates_are_issued_and_revoked_with_the_registry(env: Env) {
    use mynumber_pki::Hierarchy;
    for h in Hierarchy::ALL {
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .unwrap();
        assert!(
            env.app
                .install_authority(h, &key.serialize_der())
                .await
                .unwrap()
        );
        // A second install (another server starting) keeps the first.
        assert!(
            !env.app
                .install_authority(h, &key.serialize_der())
                .await
                .unwrap()
        );
    }
    let card = rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
        .unwrap();
    let adult = env
        .app
        .register(&env.clerk, register(japanese("佐藤", "一郎", "1990-01-15")))
        .await
        .unwrap();
    let child = env
        .app
        .register(&env.clerk, register(japanese("佐藤", "花", "2020-06-01")))
        .await
        .unwrap();
    // Without the municipality's name the signature certificate's address would be
    // incomplete: refused, naming the command that fixes it.
    let err = env
        .app
        .issue_certificate(
            &env.admin,
            &adult.resident_code,
            &exception(Hierarchy::Signature, &card),
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("mynumber municipality name 131041"),
        "{err}"
    );
    env.app
        .set_municipality_name(
            &env.admin,
            mynumber_core::MunicipalityCode::parse("131041").unwrap(),
            "新宿区",
        )
        .await
        .unwrap();
    let sign = env
        .app
        .issue_certificate(
            &env.admin,
            &adult.resident_code,
            &exception(Hierarchy::Signature, &card),
        )
        .await
        .unwrap();
    let auth = env
        .app
        .issue_certificate(
            &env.admin,
            &adult.resident_code,
            &exception(Hierarchy::Authentication, &card),
        )
        .await
        .unwrap();
    // Valid to the 5th birthday after 2026-11-25: 15 January 2031, end of day JST.
    assert_eq!(
        jiff::Timestamp::from_microsecond(sign.not_after_us)
            .unwrap()
            .to_string(),
        "2031-01-15T14:59:59Z"
    );
    let err = env
        .app
        .issue_certificate(
            &env.admin,
            &child.resident_code,
            &exception(Hierarchy::Signature, &card),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("under 15"), "{err}");
    env.app
        .issue_certificate(
            &env.admin,
            &child.resident_code,
            &exception(Hierarchy::Authentication, &card),
        )
        .await
        .unwrap();
    let err = env
        .app
        .issue_certificate(
            &env.admin,
            &adult.resident_code,
            &exception(Hierarchy::Signature, &card),
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("can be renewed from 2030-10-16"),
        "{err}"
    );
    // Issue 9, hole 10: a clerk may not certify a key outside card production, in their
    // municipality or another; only a national administrator, as an exception with its reason.
    for clerk in [&env.clerk, &env.osaka_clerk] {
        assert!(matches!(
            env.app
                .issue_certificate(
                    clerk,
                    &adult.resident_code,
                    &exception(Hierarchy::Authentication, &card),
                )
                .await,
            Err(AppError::Denied(_))
        ));
    }
    // A request that does not prove possession (its signature broken) certifies nothing.
    let mut broken = exception(Hierarchy::Authentication, &card);
    let last = broken.request.len() - 1;
    broken.request[last] ^= 1;
    let err = env
        .app
        .issue_certificate(&env.admin, &adult.resident_code, &broken)
        .await
        .unwrap_err();
    assert!(err.to_string().starts_with("request:"), "{err}");
    // The exception and its reason are in the ledger.
    let details: Vec<String> =
        sqlx::query("SELECT detail FROM ledger_entries WHERE action = 'certificate-issued'")
            .fetch_all(&raw(&env).await)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    assert!(
        details
            .iter()
            .all(|d| d.contains("exception=\"the conformance suite's certificate\"")),
        "{details:?}"
    );

    // A move within the city changes the address: the signature certificate is revoked.
    let move_within = ChangeCommand::AddressChange {
        prefecture: "東京都".into(),
        municipality_code: "131041".into(),
        address: "高田馬場1丁目1番1号".into(),
        household: HouseholdChoice::New,
        relationship: "head".into(),
    };
    env.app
        .change(&env.clerk, &adult.resident_code, move_within, None)
        .await
        .unwrap();
    let status = |rows: &[mynumber_app::CertificateRow], serial: &str| {
        rows.iter()
            .find(|c| c.serial == serial)
            .map(|c| (c.status, c.reason.clone()))
            .unwrap()
    };
    let rows = env
        .app
        .certificates(&env.clerk, &adult.resident_code)
        .await
        .unwrap();
    assert_eq!(
        status(&rows, &sign.serial),
        (
            CertificateStatus::Revoked,
            Some("affiliationChanged".into())
        )
    );
    assert_eq!(status(&rows, &auth.serial), (CertificateStatus::Good, None));
    let crl = env.app.crl(Hierarchy::Signature).await.unwrap();
    let serial: Vec<u8> = (0..sign.serial.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&sign.serial[i..i + 2], 16).unwrap())
        .collect();
    assert!(
        crl.windows(serial.len()).any(|w| w == serial.as_slice()),
        "the CRL lists it"
    );
    let err = env
        .app
        .revoke_certificate(
            &env.clerk,
            &sign.serial,
            mynumber_pki::Reason::PrivilegeWithdrawn,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("a revocation is final"), "{err}");

    // Death revokes the user-authentication certificate too.
    env.app
        .change(&env.clerk, &adult.resident_code, ChangeCommand::Death, None)
        .await
        .unwrap();
    let rows = env
        .app
        .certificates(&env.clerk, &adult.resident_code)
        .await
        .unwrap();
    assert_eq!(
        status(&rows, &auth.serial),
        (
            CertificateStatus::Revoked,
            Some("cessationOfOperation".into())
        )
    );

    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
    let pool = raw(&env).await;
    let actions: Vec<String> = sqlx::query(
        "SELECT action FROM ledger_entries WHERE action LIKE 'certificate-%' ORDER BY partition_key, seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(
        actions,
        [
            "certificate-issued",
            "certificate-issued",
            "certificate-issued",
            "certificate-revoked",
            "certificate-revoked"
        ]
    );
}

pub(crate) async fn suspension_holds_resumption_releases_and_crls_follow(env: Env) {
    use mynumber_pki::{Hierarchy, Reason};
    install_authorities(&env).await;
    let card = rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
        .unwrap();
    let holder = env
        .app
        .register(&env.clerk, register(japanese("田中", "一郎", "1985-03-10")))
        .await
        .unwrap()
        .resident_code;
    let issue = |h| {
        let (app, clerk, exception) = (env.app.clone(), env.admin.clone(), exception(h, &card));
        async move {
            app.issue_certificate(&clerk, &holder, &exception)
                .await
                .unwrap()
        }
    };
    let sign = issue(Hierarchy::Signature).await;
    let auth = issue(Hierarchy::Authentication).await;
    let pool = raw(&env).await;
    let crl_number = |h: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query("SELECT number FROM crls WHERE hierarchy = $1")
                .bind(h)
                .fetch_one(&pool)
                .await
                .unwrap()
                .get::<i64, _>(0)
        }
    };
    let lists = |crl: &[u8], serial: &str| {
        let bytes: Vec<u8> = (0..serial.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&serial[i..i + 2], 16).unwrap())
            .collect();
        crl.windows(bytes.len()).any(|w| w == bytes.as_slice())
    };

    // A CRL is published once and served again while nothing changes.
    let first = env.app.crl(Hierarchy::Authentication).await.unwrap();
    assert_eq!(env.app.crl(Hierarchy::Authentication).await.unwrap(), first);
    assert_eq!(crl_number("authentication").await, 1);

    // Suspension: the authentication certificate goes on hold, the signature one is revoked.
    let changed = env
        .app
        .suspend_certificates(&env.clerk, &holder)
        .await
        .unwrap();
    let by_serial = |rows: &[mynumber_app::CertificateRow], serial: &str| {
        rows.iter()
            .find(|c| c.serial == serial)
            .map(|c| (c.status, c.reason.clone()))
            .unwrap()
    };
    assert_eq!(changed.len(), 2);
    assert_eq!(
        by_serial(&changed, &auth.serial),
        (CertificateStatus::Hold, Some("certificateHold".into()))
    );
    assert_eq!(
        by_serial(&changed, &sign.serial),
        (CertificateStatus::Revoked, Some("unspecified".into()))
    );
    let held = env.app.crl(Hierarchy::Authentication).await.unwrap();
    assert_ne!(held, first);
    assert!(lists(&held, &auth.serial));
    assert_eq!(crl_number("authentication").await, 2);
    // Nothing new is issued while suspended, and a second suspension has nothing to do.
    let err = env
        .app
        .issue_certificate(&env.admin, &holder, &exception(Hierarchy::Signature, &card))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("is on hold"), "{err}");
    let err = env
        .app
        .suspend_certificates(&env.clerk, &holder)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Refused(_)), "{err}");
    assert!(matches!(
        env.app
            .suspend_certificates(&env.osaka_clerk, &holder)
            .await,
        Err(AppError::NotFound(_))
    ));

    // Resumption lifts the hold; the revoked signature certificate stays revoked.
    let released = env
        .app
        .resume_certificates(&env.clerk, &holder)
        .await
        .unwrap();
    assert_eq!(released.len(), 1);
    assert_eq!(
        by_serial(&released, &auth.serial),
        (CertificateStatus::Good, None)
    );
    let after = env.app.crl(Hierarchy::Authentication).await.unwrap();
    assert!(!lists(&after, &auth.serial));
    assert_eq!(crl_number("authentication").await, 3);
    let signature_crl = env.app.crl(Hierarchy::Signature).await.unwrap();
    assert!(lists(&signature_crl, &sign.serial));
    let err = env
        .app
        .resume_certificates(&env.clerk, &holder)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no certificate on hold"), "{err}");
    // A new signature certificate can be issued again.
    issue(Hierarchy::Signature).await;

    // Without a change, a CRL is replaced after an hour; its number goes on rising.
    env.clock.advance(3_600_000_000);
    let later = env.app.crl(Hierarchy::Authentication).await.unwrap();
    assert_ne!(later, after);
    assert_eq!(crl_number("authentication").await, 4);

    // The held-and-released certificate is revoked for good on the holder's request; a hold
    // is not a reason a clerk can give.
    let err = env
        .app
        .revoke_certificate(&env.clerk, &auth.serial, Reason::CertificateHold)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)), "{err}");
    let revoked = env
        .app
        .revoke_certificate(&env.clerk, &auth.serial, Reason::PrivilegeWithdrawn)
        .await
        .unwrap();
    assert_eq!(revoked.status, CertificateStatus::Revoked);
    assert!(lists(
        &env.app.crl(Hierarchy::Authentication).await.unwrap(),
        &auth.serial
    ));

    // The end of the card (voided, returned or expired) revokes whatever is left: here the
    // signature certificate issued after the resumption.
    let ended = env
        .app
        .revoke_holder_certificates(&env.clerk, &holder, Reason::CessationOfOperation)
        .await
        .unwrap();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].hierarchy, "signature");
    assert_eq!(ended[0].reason.as_deref(), Some("cessationOfOperation"));
    let err = env
        .app
        .revoke_holder_certificates(&env.clerk, &holder, Reason::CessationOfOperation)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already revoked"), "{err}");
    let err = env
        .app
        .revoke_holder_certificates(&env.clerk, &holder, Reason::CertificateHold)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)), "{err}");

    let actions: Vec<String> = sqlx::query(
        "SELECT action FROM ledger_entries WHERE action LIKE 'certificate-%' ORDER BY partition_key, seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(
        actions,
        [
            "certificate-issued",
            "certificate-issued",
            "certificate-held",
            "certificate-revoked",
            "certificate-released",
            "certificate-issued",
            "certificate-revoked",
            "certificate-revoked"
        ]
    );
    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
}

/// Runs openssl in `dir`; `None` (skipped loudly) when it is not installed, unless CI requires
/// the oracles.
fn openssl(dir: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    match std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
    {
        Ok(out) => Some(out),
        Err(_) => {
            assert!(
                std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
                "openssl is required"
            );
            eprintln!("SKIPPED: openssl is not installed");
            None
        }
    }
}

pub(crate) async fn another_server_s_status_changes_reach_ocsp_crls_and_checks(env: Env) {
    use mynumber_app::Verdict;
    use mynumber_pki::{Hierarchy, Reason, to_pem};
    install_authorities(&env).await;
    let dir = std::env::temp_dir().join(format!(
        "mynumber-suite-ocsp-{}-{}",
        std::process::id(),
        env.app.backend()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // A second server on the same database, with its own caches and responder.
    let other = app_on(&env.url, Arc::new(OsRandom)).await;
    let card = rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
        .unwrap();
    let holder = env
        .app
        .register(&env.clerk, register(japanese("鈴木", "次郎", "1979-07-07")))
        .await
        .unwrap()
        .resident_code;
    let auth = env
        .app
        .issue_certificate(
            &env.admin,
            &holder,
            &exception(Hierarchy::Authentication, &card),
        )
        .await
        .unwrap();
    let ca = env
        .app
        .authority_certificate(Hierarchy::Authentication)
        .await
        .unwrap();
    std::fs::write(dir.join("ca.pem"), to_pem("CERTIFICATE", &ca)).unwrap();
    let request = |serial: &str, file: &str| {
        let out = openssl(
            &dir,
            &[
                "ocsp",
                "-issuer",
                "ca.pem",
                "-serial",
                &format!("0x{serial}"),
                "-no_nonce",
                "-reqout",
                file,
            ],
        )?;
        assert!(out.status.success(), "{out:?}");
        Some(std::fs::read(dir.join(file)).unwrap())
    };
    let Some(req) = request(&auth.serial, "req.der") else {
        return;
    };
    // What openssl reads in a response (its signature is checked by the pki tests; the times
    // here are the test clock's, so only the status is read).
    let status = |resp: &[u8]| {
        std::fs::write(dir.join("resp.der"), resp).unwrap();
        let out = openssl(
            &dir,
            &["ocsp", "-respin", "resp.der", "-noverify", "-resp_text"],
        )
        .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let status = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Cert Status: "))
            .unwrap_or_else(|| panic!("no status in {text}"))
            .to_owned();
        let reason = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Revocation Reason: "))
            .map(|r| r.split(' ').next().unwrap().to_owned());
        (status, reason)
    };
    let first = env.app.ocsp(&req).await.unwrap();
    assert_eq!(status(&first), ("good".into(), None));
    // A second nonce-less request is answered from the cache, byte for byte.
    assert_eq!(env.app.ocsp(&req).await.unwrap(), first);

    // The other server suspends: this server's cached answer gives way at once.
    other
        .suspend_certificates(&env.clerk, &holder)
        .await
        .unwrap();
    let held = env.app.ocsp(&req).await.unwrap();
    assert_eq!(
        status(&held),
        ("revoked".into(), Some("certificateHold".into()))
    );
    let now = jiff::Timestamp::from_microsecond(START_US + 3_600_000_000).unwrap();
    let check = env.app.check_certificate(&auth.der, now).await.unwrap();
    assert!(
        matches!(check.verdict, Verdict::OnHold { .. }),
        "{:?}",
        check.verdict
    );
    // Both servers serve one published CRL, which lists the hold.
    let crl = env.app.crl(Hierarchy::Authentication).await.unwrap();
    assert_eq!(other.crl(Hierarchy::Authentication).await.unwrap(), crl);
    other
        .resume_certificates(&env.clerk, &holder)
        .await
        .unwrap();
    assert_eq!(
        status(&env.app.ocsp(&req).await.unwrap()),
        ("good".into(), None)
    );
    assert_ne!(env.app.crl(Hierarchy::Authentication).await.unwrap(), crl);
    let check = env.app.check_certificate(&auth.der, now).await.unwrap();
    assert_eq!(check.verdict, Verdict::Valid);
    assert_eq!(check.hierarchy, Some(Hierarchy::Authentication));

    // Revoked by the other server; valid at an earlier time, revoked after.
    other
        .revoke_certificate(&env.clerk, &auth.serial, Reason::KeyCompromise)
        .await
        .unwrap();
    assert_eq!(
        status(&env.app.ocsp(&req).await.unwrap()),
        ("revoked".into(), Some("keyCompromise".into()))
    );
    let later = jiff::Timestamp::from_microsecond(START_US + 7_200_000_000).unwrap();
    let before = jiff::Timestamp::from_microsecond(START_US).unwrap();
    let issued_at = check.certificate.not_before;
    assert!(matches!(
        env.app
            .check_certificate(&auth.der, later)
            .await
            .unwrap()
            .verdict,
        Verdict::Revoked {
            reason: Reason::KeyCompromise,
            ..
        }
    ));
    assert_eq!(
        env.app
            .check_certificate(&auth.der, issued_at)
            .await
            .unwrap()
            .verdict,
        Verdict::Valid
    );
    assert_eq!(
        env.app
            .check_certificate(&auth.der, before - jiff::SignedDuration::from_secs(1))
            .await
            .unwrap()
            .verdict,
        Verdict::NotYetValid
    );
    let expiry = jiff::Timestamp::from_microsecond(auth.not_after_us).unwrap();
    assert_eq!(
        env.app
            .check_certificate(&auth.der, expiry + jiff::SignedDuration::from_secs(1))
            .await
            .unwrap()
            .verdict,
        Verdict::Expired
    );

    // A serial never issued is unknown; a certificate of another authority is not ours.
    let unknown = request("4242424242", "unknown.der").unwrap();
    assert_eq!(
        status(&env.app.ocsp(&unknown).await.unwrap()),
        ("unknown".into(), None)
    );
    let stranger_key = rcgen::KeyPair::generate().unwrap();
    let stranger = rcgen::CertificateParams::new(vec!["stranger.example".into()])
        .unwrap()
        .self_signed(&stranger_key)
        .unwrap();
    assert_eq!(
        env.app
            .check_certificate(stranger.der(), now)
            .await
            .unwrap()
            .verdict,
        Verdict::NotIssuedHere
    );
    assert!(matches!(
        env.app.check_certificate(b"junk", now).await,
        Err(AppError::NotVerified(_))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

pub(crate) async fn a_card_goes_from_application_to_its_end(env: Env) {
    use mynumber_app::{CardApplication, HandOver};
    use mynumber_card::CardData;
    use mynumber_core::card::{CardKind, CardStatus, Channel, EndReason, IdentityDocument, Reason};
    use mynumber_core::pin::PinKind;
    install_authorities(&env).await;
    let adult = env
        .app
        .register(&env.clerk, register(japanese("高橋", "一郎", "1990-02-17")))
        .await
        .unwrap()
        .resident_code;
    let child = env
        .app
        .register(&env.clerk, register(japanese("高橋", "花子", "2016-06-01")))
        .await
        .unwrap()
        .resident_code;
    let counter = |reason| CardApplication {
        channel: Channel::Counter,
        reason,
        application_id: None,
        photo: Some(mynumber_app::demo::portrait(1)),
        kind: CardKind::Standard,
        with_certificates: true,
        express: false,
    };
    let pins = || {
        vec![
            (PinKind::Signature, "abc123".to_owned()),
            (PinKind::Authentication, "1234".to_owned()),
            (PinKind::ResidentRegistry, "1234".to_owned()),
            (PinKind::TextInput, "1234".to_owned()),
        ]
    };
    let invalid = |e: AppError| match e {
        AppError::Invalid(i) => i.to_string(),
        other => panic!("expected invalid input, got {other}"),
    };

    // Every problem of a bad application at once.
    let err = env
        .app
        .apply_for_card(
            &env.clerk,
            &adult,
            CardApplication {
                channel: Channel::Online,
                photo: Some(vec![0; 100]),
                express: true,
                ..counter(Reason::Renewal)
            },
        )
        .await
        .unwrap_err();
    let text = invalid(err);
    for want in [
        "application_id: a online application needs the 23-digit application ID",
        "photo: is 0 KB; it must be at least 20 KB",
        "photo: is not a JPEG file",
        "express: express issuance is not offered for a renewal",
        "reason: there is no card in use to renew",
    ] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }

    // Applied for at the counter, produced, handed over.
    let application = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::First))
        .await
        .unwrap();
    assert_eq!(application.fee_yen, 0);
    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::First))
        .await
        .unwrap_err();
    assert!(invalid(err).contains("already waiting for its card"));
    // Another municipality's staff may not produce it (refused before any key is made).
    assert!(matches!(
        env.app
            .produce_card(&env.osaka_clerk, &application.id)
            .await,
        Err(AppError::NotFound(_))
    ));
    let produced = env
        .app
        .produce_card(&env.clerk, &application.id)
        .await
        .unwrap();
    let card = produced.card.clone();
    assert_eq!(card.status, CardStatus::Produced);
    assert_eq!(card.serial.len(), 15);
    // Applied on 2026-11-25, aged 36: to the 10th birthday after issuance.
    assert_eq!(card.expiry, date(2036, 2, 17));
    let file = CardData::open(&produced.card_file, card_keys().as_ref()).unwrap();
    assert_eq!(file.serial, card.serial);
    assert!(file.signature.is_some() && file.authentication.is_some());
    assert!(file.pins.is_empty(), "PINs are set at pick-up");
    // The text application holds the register's number; writing it was a recorded reading.
    let number = env
        .app
        .read_number(&env.clerk, &adult, "tax")
        .await
        .unwrap();
    let info = file.info.as_ref().unwrap();
    assert_eq!(info.collation_a, number.expose_digits());
    assert_eq!(&info.number_file[3..15], number.expose_digits().as_bytes());
    // 照合番号B: 平成2年2月17日 → 020217, the expiry year, the security code.
    assert!(
        info.collation_b.starts_with("0202172036"),
        "{}",
        info.collation_b
    );
    let readings: Vec<(String, String)> = sqlx::query(
        "SELECT purpose, detail FROM ledger_entries WHERE action = 'number-read' ORDER BY seq",
    )
    .fetch_all(&raw(&env).await)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    assert_eq!(
        readings[0],
        ("card-issuance".to_owned(), format!("card={}", card.serial))
    );
    assert!(!readings[0].1.contains(number.expose_digits()));
    assert!(matches!(
        env.app.produce_card(&env.clerk, &application.id).await,
        Err(AppError::Refused(_))
    ));
    let certs = env.app.certificates(&env.clerk, &adult).await.unwrap();
    assert_eq!(certs.len(), 2);
    // The certificates never outlive the card: they end on the 5th birthday, before it.
    assert!(certs.iter().all(|c| c.status == CertificateStatus::Good));

    let hand_over = |documents: Vec<IdentityDocument>, pins: Vec<(PinKind, String)>| HandOver {
        documents,
        pins,
        card_file: produced.card_file.clone(),
    };
    let err = env
        .app
        .hand_over_card(
            &env.clerk,
            &card.serial,
            hand_over(vec![IdentityDocument::HealthInsurance], pins()),
        )
        .await
        .unwrap_err();
    assert!(invalid(err).contains("identity_documents"));
    let err = env
        .app
        .hand_over_card(
            &env.clerk,
            &card.serial,
            hand_over(
                vec![IdentityDocument::Passport],
                vec![
                    (PinKind::Signature, "ABCDEF".to_owned()),
                    (PinKind::Authentication, "12345".to_owned()),
                ],
            ),
        )
        .await
        .unwrap_err();
    let text = invalid(err);
    for want in [
        "signature_password: must hold at least one letter and at least one digit",
        "authentication_pin: must be exactly 4 digits",
        "the resident registry PIN is missing",
        "the text input support PIN is missing",
    ] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
    let handed = env
        .app
        .hand_over_card(
            &env.clerk,
            &card.serial,
            hand_over(
                vec![
                    IdentityDocument::HealthInsurance,
                    IdentityDocument::PensionBook,
                ],
                pins(),
            ),
        )
        .await
        .unwrap();
    assert_eq!(handed.card.status, CardStatus::Active);
    let file = CardData::open(&handed.card_file, card_keys().as_ref()).unwrap();
    assert_eq!(file.pins.len(), 4);
    assert_eq!(file.pin(PinKind::Signature).unwrap().max_tries(), 5);

    // Suspended at any hour: the authentication certificate is held, the signature one
    // revoked; nothing but resumption (or the end) until it is resumed in person.
    let suspended = env
        .app
        .suspend_card(&env.clerk, &card.serial)
        .await
        .unwrap();
    assert_eq!(suspended.status, CardStatus::Suspended);
    let status_of = |certs: &[mynumber_app::CertificateRow], serial: &Option<String>| {
        certs
            .iter()
            .find(|c| Some(&c.serial) == serial.as_ref())
            .map(|c| (c.status, c.reason.clone()))
            .unwrap()
    };
    let certs = env.app.certificates(&env.clerk, &adult).await.unwrap();
    assert_eq!(
        status_of(&certs, &card.authentication_certificate),
        (CertificateStatus::Hold, Some("certificateHold".into()))
    );
    assert_eq!(
        status_of(&certs, &card.signature_certificate).0,
        CertificateStatus::Revoked
    );
    let err = env
        .app
        .reset_card_pin(
            &env.clerk,
            &card.serial,
            &[IdentityDocument::Passport],
            PinKind::Authentication,
            "5678",
            &handed.card_file,
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a suspended card cannot be given a new PIN"),
        "{err}"
    );
    let resumed = env
        .app
        .resume_card(
            &env.clerk,
            &card.serial,
            &[IdentityDocument::DriversLicence],
            &handed.card_file,
        )
        .await
        .unwrap();
    assert_eq!(resumed.card.status, CardStatus::Active);
    assert_ne!(
        resumed.card.signature_certificate,
        card.signature_certificate
    );
    let certs = env.app.certificates(&env.clerk, &adult).await.unwrap();
    assert_eq!(
        status_of(&certs, &resumed.card.authentication_certificate),
        (CertificateStatus::Good, None)
    );
    assert_eq!(
        status_of(&certs, &resumed.card.signature_certificate),
        (CertificateStatus::Good, None)
    );
    // The old card file no longer matches the card (its signature certificate was replaced).
    assert!(matches!(
        env.app
            .reset_card_pin(
                &env.clerk,
                &card.serial,
                &[IdentityDocument::Passport],
                PinKind::Authentication,
                "5678",
                &handed.card_file,
            )
            .await,
        Err(AppError::Invalid(_))
    ));
    let reset = env
        .app
        .reset_card_pin(
            &env.clerk,
            &card.serial,
            &[IdentityDocument::Passport],
            PinKind::Authentication,
            "5678",
            &resumed.card_file,
        )
        .await
        .unwrap();
    assert!(CardData::open(&reset.card_file, card_keys().as_ref()).is_ok());

    // Renewal only from three months before the expiry; a re-issue only once it has ended.
    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::Renewal))
        .await
        .unwrap_err();
    assert!(
        invalid(err).contains("it can be renewed from 2035-11-18"),
        "renewal window"
    );
    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::Lost))
        .await
        .unwrap_err();
    assert!(invalid(err).contains("report it lost first"));
    let lost = env
        .app
        .end_card(&env.clerk, &card.serial, EndReason::Abolished)
        .await
        .unwrap();
    assert_eq!(lost.status, CardStatus::Ended(EndReason::Abolished));
    let certs = env.app.certificates(&env.clerk, &adult).await.unwrap();
    assert_eq!(
        status_of(&certs, &resumed.card.signature_certificate),
        (CertificateStatus::Revoked, Some("keyCompromise".into()))
    );
    let err = env
        .app
        .suspend_card(&env.clerk, &card.serial)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a card that has ended (abolished) cannot be suspended"),
        "{err}"
    );
    let err = env
        .app
        .apply_for_card(&env.clerk, &adult, counter(Reason::First))
        .await
        .unwrap_err();
    assert!(invalid(err).contains("apply for a re-issue"));
    let reissue = env
        .app
        .apply_for_card(
            &env.clerk,
            &adult,
            CardApplication {
                express: true,
                ..counter(Reason::Lost)
            },
        )
        .await
        .unwrap();
    assert_eq!(reissue.fee_yen, 2_000);
    let second = env.app.produce_card(&env.clerk, &reissue.id).await.unwrap();
    env.app
        .hand_over_card(
            &env.clerk,
            &second.card.serial,
            HandOver {
                documents: vec![IdentityDocument::Passport],
                pins: pins(),
                card_file: second.card_file.clone(),
            },
        )
        .await
        .unwrap();

    // A child of 10: no signature certificate, and the 5th birthday.
    let application = env
        .app
        .apply_for_card(&env.clerk, &child, counter(Reason::First))
        .await
        .unwrap();
    let produced = env
        .app
        .produce_card(&env.clerk, &application.id)
        .await
        .unwrap();
    assert_eq!(produced.card.expiry, date(2031, 6, 1));
    assert!(produced.card.signature_certificate.is_none());
    let file = CardData::open(&produced.card_file, card_keys().as_ref()).unwrap();
    assert!(file.signature.is_none() && file.authentication.is_some());
    let err = env
        .app
        .hand_over_card(
            &env.clerk,
            &produced.card.serial,
            HandOver {
                documents: vec![IdentityDocument::Passport],
                pins: pins(),
                card_file: produced.card_file.clone(),
            },
        )
        .await
        .unwrap_err();
    assert!(invalid(err).contains("this card has no signature certificate password to set"));

    // Death ends the card in use and revokes its certificates.
    env.app
        .change(&env.clerk, &adult, ChangeCommand::Death, None)
        .await
        .unwrap();
    let (cards, applications) = env.app.cards(&env.clerk, &adult).await.unwrap();
    assert_eq!(applications.len(), 2);
    assert_eq!(
        cards.iter().map(|c| c.status).collect::<Vec<_>>(),
        [
            CardStatus::Ended(EndReason::Returned),
            CardStatus::Ended(EndReason::Abolished)
        ]
    );
    let certs = env.app.certificates(&env.clerk, &adult).await.unwrap();
    assert!(certs.iter().all(|c| c.status == CertificateStatus::Revoked));

    let actions: Vec<String> = sqlx::query(
        "SELECT action FROM ledger_entries WHERE action LIKE 'card-%' ORDER BY partition_key, seq",
    )
    .fetch_all(&raw(&env).await)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(
        actions,
        [
            "card-applied",
            "card-produced",
            "card-handed-over",
            "card-suspended",
            "card-resumed",
            "card-pin-reset",
            "card-abolished",
            "card-applied",
            "card-produced",
            "card-handed-over",
            "card-applied",
            "card-produced",
            "card-returned",
        ]
    );
    let report = env.app.verify_ledger(&env.auditor, &[]).await.unwrap();
    assert_eq!(report.fault, None);
}

pub(crate) async fn foreign_residents_cards_follow_their_stay_and_forms_their_name(env: Env) {
    use mynumber_app::CardApplication;
    use mynumber_core::card::{CardKind, CardStatus, Channel, EndReason, Reason};
    install_authorities(&env).await;
    let mut input = foreign();
    input.foreign.as_mut().unwrap().period_of_stay_until = Some("2028-03-31".into());
    let student = env
        .app
        .register(&env.clerk, register(input))
        .await
        .unwrap()
        .resident_code;
    let baby = env
        .app
        .register(&env.clerk, register(japanese("小林", "陽", "2026-08-01")))
        .await
        .unwrap()
        .resident_code;
    // Print the queued letters so that their forms carry application IDs.
    let shinjuku = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    let batch = env
        .app
        .prepare_notice_batch(&env.clerk, shinjuku, 10)
        .await
        .unwrap()
        .unwrap();
    env.app
        .mark_notice_batch_sent(&env.clerk, &batch)
        .await
        .unwrap();
    let student_person = env
        .app
        .resident(&env.clerk, &student)
        .await
        .unwrap()
        .person
        .id;
    let form = batch
        .letters
        .iter()
        .find(|(_, p, _)| *p == student_person)
        .map(|(_, _, id)| id.as_str().to_owned())
        .unwrap();
    let online = |application_id: &str| CardApplication {
        channel: Channel::Online,
        reason: Reason::First,
        application_id: Some(application_id.to_owned()),
        photo: Some(mynumber_app::demo::portrait(2)),
        kind: CardKind::Standard,
        with_certificates: true,
        express: false,
    };
    // Another resident's form is not this one's.
    let baby_form = batch
        .letters
        .iter()
        .find(|(_, p, _)| *p != student_person)
        .map(|(_, _, id)| id.as_str().to_owned())
        .unwrap();
    let err = env
        .app
        .apply_for_card(&env.clerk, &student, online(&baby_form))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("is not the application ID of a form issued to this resident")
    );
    // A new name after printing voids the form (facts §2.5).
    let mut renamed = foreign().name;
    renamed.family = "TRAN".into();
    renamed.latin = Some("Tran Van An".into());
    env.app
        .change(
            &env.clerk,
            &student,
            ChangeCommand::NameChange(renamed),
            None,
        )
        .await
        .unwrap();
    let err = env
        .app
        .apply_for_card(&env.clerk, &student, online(&form))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("printed for a name or address that has since changed"),
        "{err}"
    );
    // At the counter, no form is needed; the card ends with the period of stay.
    let application = env
        .app
        .apply_for_card(
            &env.clerk,
            &student,
            CardApplication {
                channel: Channel::Counter,
                application_id: None,
                ..online(&form)
            },
        )
        .await
        .unwrap();
    let produced = env
        .app
        .produce_card(&env.clerk, &application.id)
        .await
        .unwrap();
    assert_eq!(produced.card.expiry, date(2028, 3, 31));
    let handed = env
        .app
        .hand_over_card(
            &env.clerk,
            &produced.card.serial,
            mynumber_app::HandOver {
                documents: vec![mynumber_core::card::IdentityDocument::ResidenceCard],
                pins: mynumber_core::pin::PinKind::ALL
                    .iter()
                    .map(|k| {
                        (
                            *k,
                            if *k == mynumber_core::pin::PinKind::Signature {
                                "PASS2026".to_owned()
                            } else {
                                "0000".to_owned()
                            },
                        )
                    })
                    .collect(),
                card_file: produced.card_file.clone(),
            },
        )
        .await
        .unwrap();
    // Nothing to extend until a new period of stay is recorded; then to its end, never past
    // the 10th birthday after issuance. The holder shows a document and enters the 住基 PIN.
    let extension = |pin: &str, file: &[u8]| mynumber_app::CardAmendment {
        documents: vec![mynumber_core::card::IdentityDocument::ResidenceCard],
        pin: Some(pin.to_owned()),
        card_file: file.to_vec(),
    };
    let err = env
        .app
        .extend_card(
            &env.clerk,
            &produced.card.serial,
            extension("0000", &handed.card_file),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("nothing to extend"), "{err}");
    env.app
        .change(
            &env.clerk,
            &student,
            ChangeCommand::PeriodOfStayChange(ForeignInput {
                nationality: "VN".into(),
                residence_card_number: Some("ab12345678cd".into()),
                status_of_residence: "student".into(),
                period_of_stay_until: Some("2040-03-31".into()),
            }),
            None,
        )
        .await
        .unwrap();
    let Err(AppError::WrongPin(wrong)) = env
        .app
        .extend_card(
            &env.clerk,
            &produced.card.serial,
            extension("9999", &handed.card_file),
        )
        .await
    else {
        panic!("a wrong 住基 PIN extended the card")
    };
    let extended = env
        .app
        .extend_card(
            &env.clerk,
            &produced.card.serial,
            extension("0000", &wrong.card_file),
        )
        .await
        .unwrap();
    // Born 2001-04-01, produced 2026-11-25: the 10th birthday after is 2036-04-01; the chip's
    // face application carries it.
    assert_eq!(extended.card.expiry, date(2036, 4, 1));
    assert_eq!(extended.card.additions, 1);
    let face = mynumber_card::CardData::open(&extended.card_file, card_keys().as_ref())
        .unwrap()
        .info
        .unwrap()
        .face_file;
    assert!(face.windows(8).any(|w| w == b"20360401"));
    assert!(!face.windows(8).any(|w| w == b"20280331"));

    // A child under 1: no photo (facts §2.1), and one is refused.
    let err = env
        .app
        .apply_for_card(
            &env.clerk,
            &baby,
            CardApplication {
                channel: Channel::Counter,
                application_id: None,
                ..online(&form)
            },
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a child under 1 gets a card without a photo")
    );
    env.app
        .apply_for_card(
            &env.clerk,
            &baby,
            CardApplication {
                channel: Channel::Counter,
                application_id: None,
                photo: None,
                express: true,
                ..online(&form)
            },
        )
        .await
        .unwrap();

    // Moving abroad returns a foreign national's card (facts §10).
    env.app
        .change(
            &env.clerk,
            &student,
            ChangeCommand::MoveOut {
                abroad: true,
                destination: None,
                with_card: false,
            },
            None,
        )
        .await
        .unwrap();
    let (cards, _) = env.app.cards(&env.clerk, &student).await.unwrap();
    assert_eq!(cards[0].status, CardStatus::Ended(EndReason::Returned));
}

pub(crate) async fn card_notices_are_printed_for_pick_up_and_renewal(env: Env) {
    use mynumber_app::{CardApplication, HandOver};
    use mynumber_core::card::{CardKind, CardStatus, Channel, IdentityDocument, Reason};
    use mynumber_core::pin::PinKind;
    install_authorities(&env).await;
    let shinjuku = MunicipalityCode::parse("131041").unwrap();
    let counter = CardApplication {
        channel: Channel::Counter,
        reason: Reason::First,
        application_id: None,
        photo: Some(mynumber_app::demo::portrait(3)),
        kind: CardKind::Standard,
        with_certificates: true,
        express: false,
    };
    // Expiring 2036-02-17 and 2036-02-20 (10th birthdays), and a student's card ending with
    // the period of stay on 2036-01-31, first in expiry order.
    let mut student = foreign();
    student.foreign.as_mut().unwrap().period_of_stay_until = Some("2036-01-31".into());
    let mut serials = Vec::new();
    let mut codes = Vec::new();
    for input in [
        japanese("高橋", "一郎", "1990-02-17"),
        japanese("高橋", "二郎", "1990-02-20"),
        student,
    ] {
        let code = env
            .app
            .register(&env.clerk, register(input))
            .await
            .unwrap()
            .resident_code;
        let application = env
            .app
            .apply_for_card(&env.clerk, &code, counter.clone())
            .await
            .unwrap();
        let produced = env
            .app
            .produce_card(&env.clerk, &application.id)
            .await
            .unwrap();
        // The pick-up notice, only for a card waiting at the municipality, and only there.
        assert!(matches!(
            env.app
                .card_issue_notice(&env.osaka_clerk, &produced.card.serial)
                .await,
            Err(AppError::NotFound(_))
        ));
        let pdf = env
            .app
            .card_issue_notice(&env.clerk, &produced.card.serial)
            .await
            .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        env.app
            .hand_over_card(
                &env.clerk,
                &produced.card.serial,
                HandOver {
                    documents: vec![IdentityDocument::Passport],
                    pins: PinKind::ALL
                        .iter()
                        .map(|k| {
                            let pin = if *k == PinKind::Signature {
                                "ABC123"
                            } else {
                                "1234"
                            };
                            (*k, pin.to_owned())
                        })
                        .collect(),
                    card_file: produced.card_file.clone(),
                },
            )
            .await
            .unwrap();
        serials.push(produced.card.serial);
        codes.push(code);
    }
    let err = env
        .app
        .card_issue_notice(&env.clerk, &serials[0])
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a pick-up notice is printed only for a card waiting to be picked up"),
        "{err}"
    );
    let printed: Vec<String> = sqlx::query(
        "SELECT detail FROM ledger_entries WHERE action = 'card-issue-notice-printed' ORDER BY seq",
    )
    .fetch_all(&raw(&env).await)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(printed.len(), 3);
    assert!(printed[0].starts_with(&format!("card={} notice=", serials[0])));

    let next = |size| env.app.prepare_renewal_batch(&env.clerk, shinjuku, size);
    // Nothing is due for nine years. The first card's window opens on 2035-11-18 (the day
    // after three months before the expiry), and its notice goes out two weeks before: none
    // on 2035-11-03, one from 2035-11-04.
    assert!(next(10).await.unwrap().is_none());
    let days = |d: Date| {
        d.since((jiff::Unit::Day, env.clock.today()))
            .unwrap()
            .get_days()
    };
    env.clock.advance_days(i64::from(days(date(2035, 11, 3))));
    assert!(next(10).await.unwrap().is_none());
    env.clock.advance_days(1);
    // The student's card comes first by expiry but gets none (it ends with the stay).
    let first = next(1).await.unwrap().unwrap();
    assert_eq!(first.notices.len(), 1);
    assert_eq!(first.notices[0].0, serials[0]);
    assert!(first.pdf.starts_with(b"%PDF-"));
    // Rendering marks nothing; two runs racing for the same card mark it once.
    let racing = next(1).await.unwrap().unwrap();
    assert_eq!(racing.notices[0].0, serials[0]);
    env.app
        .mark_renewal_batch_sent(&env.clerk, &first)
        .await
        .unwrap();
    assert!(matches!(
        env.app.mark_renewal_batch_sent(&env.clerk, &racing).await,
        Err(AppError::Conflict)
    ));
    // An application ID is unique across letters' forms and renewal forms.
    let mut letters = env
        .app
        .prepare_notice_batch(&env.clerk, shinjuku, 10)
        .await
        .unwrap()
        .unwrap();
    let drawn = letters.letters[0].2;
    letters.letters[0].2 = first.notices[0].2;
    assert!(matches!(
        env.app.mark_notice_batch_sent(&env.clerk, &letters).await,
        Err(AppError::Conflict)
    ));
    letters.letters[0].2 = drawn;
    env.app
        .mark_notice_batch_sent(&env.clerk, &letters)
        .await
        .unwrap();
    let mut taken = racing.clone();
    taken.notices[0].0 = serials[1].clone();
    taken.notices[0].2 = drawn;
    assert!(matches!(
        env.app.mark_renewal_batch_sent(&env.clerk, &taken).await,
        Err(AppError::Conflict)
    ));
    // The second adult's window opens three days later (2035-11-21).
    assert!(next(10).await.unwrap().is_none());
    env.clock.advance_days(3);
    let second = next(10).await.unwrap().unwrap();
    assert_eq!(second.notices.len(), 1, "the second adult only");
    assert_eq!(second.notices[0].0, serials[1]);
    env.app
        .mark_renewal_batch_sent(&env.clerk, &second)
        .await
        .unwrap();
    assert!(next(10).await.unwrap().is_none());
    let printed: Vec<(String, String)> = sqlx::query(
        "SELECT COALESCE(person_id, ''), detail FROM ledger_entries \
         WHERE action = 'card-renewal-notice-printed' ORDER BY seq",
    )
    .fetch_all(&raw(&env).await)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    assert_eq!(printed.len(), 2);
    assert_eq!(
        printed[0],
        (
            first.notices[0].1.to_string(),
            format!("card={} batch={}", serials[0], first.id)
        )
    );

    // The enclosed form's ID is this holder's, online, once the window opens (2035-11-18).
    let online = |id: &ApplicationId| CardApplication {
        channel: Channel::Online,
        reason: Reason::Renewal,
        application_id: Some(id.as_str().to_owned()),
        ..counter.clone()
    };
    let err = env
        .app
        .apply_for_card(&env.clerk, &codes[0], online(&first.notices[0].2))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("it can be renewed from 2035-11-18"),
        "{err}"
    );
    env.clock.advance_days(11);
    let err = env
        .app
        .apply_for_card(&env.clerk, &codes[0], online(&second.notices[0].2))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("is not the application ID of a form issued to this resident"),
        "{err}"
    );
    let renewal = env
        .app
        .apply_for_card(&env.clerk, &codes[0], online(&first.notices[0].2))
        .await
        .unwrap();
    assert_eq!(renewal.fee_yen, 0);
    let produced = env.app.produce_card(&env.clerk, &renewal.id).await.unwrap();
    assert_eq!(produced.card.status, CardStatus::Produced);
    // Issued on 2035-11-18: to the 10th birthday after issuance (facts §2.2), not 10 years on
    // from the old expiry.
    assert_eq!(produced.card.expiry, date(2045, 2, 17));
}

/// Expands to one `#[tokio::test]` per case, each on a fresh database from `$url`.
#[macro_export]
macro_rules! conformance {
    ($url:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let Some(url) = $url(stringify!($case)).await else { return };
                suite::$case(suite::env(url).await).await;
            }
        )*
    };
}

/// Every case of the suite, on databases from `$url`.
#[macro_export]
macro_rules! all_cases {
    ($url:path) => {
        $crate::conformance!($url;
            registration_issues_code_number_version_and_ledger,
            issue_11_a_print_batch_is_listed_and_printed_again_only_for_letters_out,
            issue_12_organisations_are_registered_with_their_purposes,
            issue_12_an_employer_collects_a_number_and_deletes_it_in_time,
            lookups_see_what_is_committed,
            issue_13_the_seal_register_keeps_one_seal_in_force,
            issue_13_a_kiosk_terminal_signs_and_the_card_answers,
            issue_13_a_municipality_sets_its_kiosk_rules,
            issue_14_the_network_answers_what_the_table_allows,
            issue_14_a_resident_logs_in_to_the_portal_with_the_card,
            issue_14_notices_reach_the_resident_s_portal,
            issue_14_a_resident_chooses_the_language_of_their_letters,
            issue_14_an_app_reads_what_the_resident_granted_it,
            issue_12_an_organisation_signs_in_with_its_own_key,
            issue_12_a_resident_logs_in_with_the_card,
            issue_12_a_resident_signs_a_document_for_a_signature_verifier,
            the_register_s_references_hold,
            issue_10_a_job_counted_the_old_way_resumes_only_where_its_lines_hold,
            issue_11_a_name_is_found_however_a_clerk_types_it,
            issue_11_searches_at_once_each_record_what_they_found,
            issue_11_browser_sign_in_over_time,
            issue_11_sessions_left_open_are_swept,
            issue_11_a_passkey_is_registered_and_signs_in,
            issue_11_a_lost_card_is_suspended_on_a_call,
            invalid_input_lists_every_problem_and_writes_nothing,
            foreign_residents_and_aliases,
            procedures_keep_every_version,
            access_is_bounded_by_role_purpose_and_municipality,
            import_batches_are_all_or_nothing,
            import_batches_know_their_household_dependencies,
            a_database_keeps_its_derivation_key,
            resident_code_collisions_are_redrawn,
            ledger_verification_catches_direct_edits,
            checkpoints_catch_a_rewritten_partition,
            a_leaked_number_is_changed_by_two_staff,
            concurrent_registrations_never_share_numbers,
            notification_letters_are_printed_once_and_followed_to_the_end,
            resident_record_copies_are_signed_registered_and_verifiable,
            certificates_are_issued_and_revoked_with_the_registry,
            suspension_holds_resumption_releases_and_crls_follow,
            another_server_s_status_changes_reach_ocsp_crls_and_checks,
            a_card_goes_from_application_to_its_end,
            foreign_residents_cards_follow_their_stay_and_forms_their_name,
            card_notices_are_printed_for_pick_up_and_renewal,
            issue_9_a_number_is_printed_only_with_a_basis_and_each_reading_recorded,
            issue_9_certificates_and_cards_are_read_in_scope_and_recorded,
            issue_9_a_missing_record_and_one_out_of_scope_leave_the_same_entry,
            issue_9_one_local_operator_per_database,
            issue_9_import_rows_out_of_scope_are_refused_and_recorded,
            issue_9_number_look_ups_out_of_scope_answer_alike,
            issue_9_tokens_expire_rotate_revoke_and_staff_can_be_disabled,
            issue_9_four_eyes_need_two_people,
            issue_9_a_transfer_in_follows_a_move_out_to_that_municipality,
            issue_9_invisible_characters_are_refused_in_every_printed_name,
            issue_9_a_cut_ledger_is_caught,
            issue_10_a_migrated_register_keeps_its_codes_and_numbers,
            issue_10_a_move_in_from_outside_keeps_code_and_number,
            issue_10_a_move_out_revokes_the_signature_certificate_when_filed,
            issue_10_a_reissue_s_fee_and_rules_follow_from_its_cause,
            issue_10_a_late_transfer_in_is_recorded_and_flagged,
            issue_10_certificates_are_made_in_the_card_at_the_counter,
            issue_10_a_card_takes_certificates_at_15_and_after_declining_them,
            issue_10_a_card_follows_its_holder_or_is_void,
            issue_10_certificate_expiry_notices_are_printed_once,
            issue_10_a_card_is_kept_abroad_only_by_the_procedure_before_departure,
            issue_10_a_lapsed_stay_removes_the_record_and_voids_the_card,
            issue_10_a_foreign_resident_s_names_go_on_the_chip_and_certificate,
            issue_11_copies_of_a_card_file_sent_at_once_count_every_try,
        );
    };
}

/// A passkey (WebAuthn, a software authenticator here; Chromium's in the browser test):
/// registered to oneself from a challenge made for one, then used with the password instead of
/// a code. An answer is taken once, a counter that goes back is refused, another staff
/// member's passkey does not sign one in, and each step is in the ledger.
pub(crate) async fn issue_11_a_passkey_is_registered_and_signs_in(env: Env) {
    use aws_lc_rs::digest::{SHA256, digest};
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
    use mynumber_app::{
        ChallengeFor, PasskeyAssertion, PasskeyClientData, PasskeyOrigin, PasskeyRegistration,
        SignInRefused,
    };
    use mynumber_core::sign_in::hotp;
    let app = &env.app;
    let at = PasskeyOrigin {
        origin: "https://desk.example.jp".to_owned(),
        rp_id: "desk.example.jp".to_owned(),
    };
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref()).unwrap();
    let point = key.public_key().as_ref().to_vec();
    let rp_hash = digest(&SHA256, b"desk.example.jp").as_ref().to_vec();
    let client = |kind: &str, challenge: &[u8]| PasskeyClientData {
        kind: kind.to_owned(),
        challenge: challenge.to_vec(),
        origin: "https://desk.example.jp".to_owned(),
        cross_origin: false,
        json: format!("{{\"type\":\"{kind}\",\"n\":{}}}", challenge.len()).into_bytes(),
    };
    // The attestation object, CBOR written by hand: {fmt: "none", attStmt: {}, authData}.
    let credential = b"passkey-credential".to_vec();
    let mut auth = rp_hash.clone();
    auth.push(0x45); // user present, user verified, attested credential data
    auth.extend_from_slice(&0u32.to_be_bytes());
    auth.extend_from_slice(&[0; 16]);
    auth.extend_from_slice(&(credential.len() as u16).to_be_bytes());
    auth.extend_from_slice(&credential);
    auth.extend_from_slice(&[0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]);
    auth.extend_from_slice(&point[1..33]);
    auth.extend_from_slice(&[0x22, 0x58, 0x20]);
    auth.extend_from_slice(&point[33..65]);
    let mut attestation = vec![0xa3, 0x63];
    attestation.extend_from_slice(b"fmt");
    attestation.push(0x64);
    attestation.extend_from_slice(b"none");
    attestation.push(0x67);
    attestation.extend_from_slice(b"attStmt");
    attestation.push(0xa0);
    attestation.push(0x68);
    attestation.extend_from_slice(b"authData");
    attestation.extend_from_slice(&[0x59, (auth.len() >> 8) as u8, auth.len() as u8]);
    attestation.extend_from_slice(&auth);

    // The clerk enrols a login (password and TOTP), then registers the passkey signed in.
    let e = app
        .begin_enrolment(&env.clerk, "clerk.key", "correct horse battery", "mynumber")
        .await
        .unwrap();
    let totp = mynumber_test_support::base32_decode(&e.secret_base32);
    let step = u64::try_from(env.clock.now_us() / 30_000_000).unwrap();
    app.confirm_enrolment(&e.id, &format!("{:06}", hotp(&totp, step)))
        .await
        .unwrap();
    let clerk_id = env.clerk.staff().unwrap().id;
    let register = |challenge: Vec<u8>, name: &str| PasskeyRegistration {
        name: name.to_owned(),
        password: "correct horse battery".to_owned(),
        client: client("webauthn.create", &challenge),
        attestation_object: attestation.clone(),
        at: at.clone(),
    };
    // A challenge made for another staff member's registration is not this one's.
    let admin_id = env.admin.staff().unwrap().id;
    let foreign = app
        .passkey_challenge(ChallengeFor::Register(admin_id))
        .unwrap();
    assert!(matches!(
        app.add_passkey(&env.clerk, register(foreign, "laptop"))
            .await,
        Err(AppError::Invalid(_))
    ));
    // Without the password typed again, a session adds no passkey.
    let challenge = app
        .passkey_challenge(ChallengeFor::Register(clerk_id))
        .unwrap();
    let mut unconfirmed = register(challenge, "laptop");
    unconfirmed.password = "wrong horse battery".to_owned();
    assert!(matches!(
        app.add_passkey(&env.clerk, unconfirmed).await,
        Err(AppError::Invalid(_))
    ));
    let challenge = app
        .passkey_challenge(ChallengeFor::Register(clerk_id))
        .unwrap();
    let added = app
        .add_passkey(&env.clerk, register(challenge.clone(), "laptop"))
        .await
        .unwrap();
    assert_eq!(added.id, credential);
    assert_eq!(added.public_key, point);
    // The same answer again: its challenge was taken.
    assert!(matches!(
        app.add_passkey(&env.clerk, register(challenge, "laptop"))
            .await,
        Err(AppError::Invalid(_))
    ));
    assert_eq!(app.passkeys(&env.clerk).await.unwrap().len(), 1);
    assert!(app.passkeys(&env.admin).await.unwrap().is_empty());

    // Signing in: the password and the passkey's answer, no code.
    let answer = |count: u32| {
        let challenge = app.passkey_challenge(ChallengeFor::SignIn).unwrap();
        let c = client("webauthn.get", &challenge);
        let mut data = rp_hash.clone();
        data.push(0x05);
        data.extend_from_slice(&count.to_be_bytes());
        let mut signed = data.clone();
        signed.extend_from_slice(digest(&SHA256, &c.json).as_ref());
        let signature = key.sign(&rng, &signed).unwrap().as_ref().to_vec();
        PasskeyAssertion {
            credential_id: credential.clone(),
            client: c,
            authenticator_data: data,
            signature,
            at: at.clone(),
        }
    };
    // An authenticator that keeps no counter (0, as many passkeys do): its replayed answer is
    // refused because its challenge was taken.
    let first = answer(0);
    let signed_in = app
        .sign_in_with_passkey("clerk.key", "correct horse battery", &first)
        .await
        .unwrap()
        .unwrap();
    assert!(app.session(&signed_in.cookie).await.is_ok());
    assert_eq!(
        app.sign_in_with_passkey("clerk.key", "correct horse battery", &first)
            .await
            .unwrap()
            .unwrap_err(),
        SignInRefused::Wrong
    );
    // A wrong password with a good passkey: refused.
    assert!(
        app.sign_in_with_passkey("clerk.key", "wrong horse battery", &answer(0))
            .await
            .unwrap()
            .is_err()
    );
    // An answer that could not be read: refused and recorded like a wrong one.
    assert!(
        app.sign_in_with_passkey(
            "clerk.key",
            "correct horse battery",
            &PasskeyAssertion::default()
        )
        .await
        .unwrap()
        .is_err()
    );
    // Once it counts, a counter that does not move on is refused (a copy of the key?).
    let again = app
        .sign_in_with_passkey("clerk.key", "correct horse battery", &answer(5))
        .await
        .unwrap()
        .unwrap();
    assert!(app.session(&again.cookie).await.is_ok());
    let listed = app.passkeys(&env.clerk).await.unwrap();
    assert_eq!(listed[0].sign_count, 5);
    assert!(listed[0].last_used_at_us.is_some());
    assert!(
        app.sign_in_with_passkey("clerk.key", "correct horse battery", &answer(5))
            .await
            .unwrap()
            .is_err()
    );
    // Removed, it signs in no more.
    app.remove_passkey(&env.clerk, &hex::encode(&credential))
        .await
        .unwrap();
    assert!(
        app.sign_in_with_passkey("clerk.key", "correct horse battery", &answer(6))
            .await
            .unwrap()
            .is_err()
    );
    let entries = app
        .ledger_entries(&env.admin, "131041", 0, 10_000)
        .await
        .unwrap();
    let actions: Vec<String> = entries
        .iter()
        .map(|e| format!("{} {}", e.content.action, e.content.detail))
        .collect();
    let count = |needle: &str| actions.iter().filter(|a| a.contains(needle)).count();
    assert_eq!(count("passkey-added"), 1);
    assert_eq!(count("passkey-removed"), 1);
    assert_eq!(count("factor=passkey"), 2);
    assert_eq!(count("reason=passkey-replayed"), 1, "{actions:#?}");
    assert_eq!(count("reason=passkey "), 3, "{actions:#?}");
    assert_eq!(count("reason=password"), 2, "{actions:#?}");
    assert_eq!(count("passkey-refused"), 1, "{actions:#?}");
    // A passkey registered under a login goes when the login is replaced by a new enrolment.
    let challenge = app
        .passkey_challenge(ChallengeFor::Register(clerk_id))
        .unwrap();
    app.add_passkey(&env.clerk, register(challenge, "phone"))
        .await
        .unwrap();
    assert_eq!(app.passkeys(&env.clerk).await.unwrap().len(), 1);
    let e = app
        .begin_enrolment(&env.clerk, "clerk.key", "a new horse battery", "mynumber")
        .await
        .unwrap();
    let totp = mynumber_test_support::base32_decode(&e.secret_base32);
    let step = u64::try_from(env.clock.now_us() / 30_000_000 + 1).unwrap();
    app.confirm_enrolment(&e.id, &format!("{:06}", hotp(&totp, step)))
        .await
        .unwrap();
    assert!(app.passkeys(&env.clerk).await.unwrap().is_empty());
    // And when the token that enrolled the login is revoked (it may have leaked).
    let challenge = app
        .passkey_challenge(ChallengeFor::Register(clerk_id))
        .unwrap();
    let mut again = register(challenge, "phone");
    again.password = "a new horse battery".to_owned();
    app.add_passkey(&env.clerk, again).await.unwrap();
    let rotated = app.rotate_token(&env.clerk, None).await.unwrap();
    app.revoke_token(&env.admin, clerk_id, rotated.id)
        .await
        .unwrap();
    assert!(app.passkeys(&env.clerk).await.unwrap().is_empty());
}

/// Sessions whose cookie never comes back are ended by the server's sweep, each recorded with
/// its reason by the system: one left idle, one past its 12 hours though in use, and one of a
/// staff member since disabled; a session in use stays open; staff may not run the sweep.
pub(crate) async fn issue_11_sessions_left_open_are_swept(env: Env) {
    use mynumber_core::sign_in::hotp;
    let app = &env.app;
    let step = |offset: i64| u64::try_from(env.clock.now_us() / 30_000_000 + offset).unwrap();
    let sign_in = |login: &'static str, key: Vec<u8>, offset: i64| async move {
        app.sign_in(
            login,
            "correct horse battery",
            &format!("{:06}", hotp(&key, step(offset))),
        )
        .await
        .unwrap()
        .unwrap()
    };
    let mut keys = Vec::new();
    for (who, login) in [(&env.clerk, "sweep.one"), (&env.admin, "sweep.two")] {
        let e = app
            .begin_enrolment(who, login, "correct horse battery", "mynumber")
            .await
            .unwrap();
        let key = mynumber_test_support::base32_decode(&e.secret_base32);
        let code = format!("{:06}", hotp(&key, step(0)));
        app.confirm_enrolment(&e.id, &code).await.unwrap();
        keys.push(key);
    }
    let idle = sign_in("sweep.one", keys[0].clone(), 1).await;
    let busy = sign_in("sweep.two", keys[1].clone(), 1).await;
    assert_eq!(app.sweep_sessions(&Principal::System).await.unwrap(), 0);
    // 31 minutes on, the clerk's session was never used again; the administrator's was.
    env.clock.advance(20 * 60 * 1_000_000);
    assert!(app.session(&busy.cookie).await.is_ok());
    env.clock.advance(11 * 60 * 1_000_000);
    assert!(matches!(
        app.sweep_sessions(&env.clerk).await,
        Err(AppError::Denied(_))
    ));
    assert_eq!(app.sweep_sessions(&Principal::System).await.unwrap(), 1);
    assert_eq!(app.sweep_sessions(&Principal::System).await.unwrap(), 0);
    assert!(app.session(&busy.cookie).await.is_ok());
    assert!(matches!(
        app.session(&idle.cookie).await,
        Err(AppError::Unauthenticated)
    ));
    // Used every 20 minutes, the administrator's session still ends 12 hours after sign-in.
    for _ in 0..34 {
        env.clock.advance(20 * 60 * 1_000_000);
        assert!(app.session(&busy.cookie).await.is_ok());
    }
    env.clock.advance(20 * 60 * 1_000_000);
    assert_eq!(app.sweep_sessions(&Principal::System).await.unwrap(), 1);
    // A staff member disabled while signed in: their session ends at the next sweep.
    let again = sign_in("sweep.one", keys[0].clone(), 0).await;
    let clerk_id = env.clerk.staff().unwrap().id;
    app.set_staff_enabled(&env.admin, clerk_id, false)
        .await
        .unwrap();
    assert_eq!(app.sweep_sessions(&Principal::System).await.unwrap(), 1);
    assert!(app.session(&again.cookie).await.is_err());
    let mut reasons: Vec<String> = Vec::new();
    for partition in ["131041", mynumber_core::ledger::NATIONAL_PARTITION] {
        for e in app
            .ledger_entries(&env.admin, partition, 0, 10_000)
            .await
            .unwrap()
        {
            if e.content.action == "signed-out" && e.content.actor == "system" {
                reasons.push(
                    e.content
                        .detail
                        .rsplit("reason=")
                        .next()
                        .unwrap()
                        .to_owned(),
                );
            }
        }
    }
    reasons.sort();
    assert_eq!(reasons, ["disabled", "expired", "idle"]);
}

/// Browser sign-in over time (issue 11, docs/design/web.md): a session ends when idle; five
/// failures lock a login, and the count starts again when the lock ends; a re-enrolment leaves
/// the old login working until its first code, then ends the old sessions; rotating the token
/// keeps the login, revoking it removes the login and ends its sessions.
pub(crate) async fn issue_11_browser_sign_in_over_time(env: Env) {
    use mynumber_app::SignInRefused;
    use mynumber_core::sign_in::hotp;
    let app = &env.app;
    let pool = raw(&env).await;
    let clerk = env.clerk.clone();
    let enrol = |password: &'static str| {
        let (pool, clerk) = (pool.clone(), clerk.clone());
        async move {
            let e = app
                .begin_enrolment(&clerk, "clerk.one", password, "mynumber")
                .await
                .unwrap();
            // The key as the app shows it (base32, RFC 4648); the database keeps it sealed.
            let key = mynumber_test_support::base32_decode(&e.secret_base32);
            assert_eq!(key.len(), 20);
            let stored: String =
                sqlx::query("SELECT totp_secret FROM staff_login_enrolments WHERE id = $1")
                    .bind(e.id.clone())
                    .fetch_one(&pool)
                    .await
                    .unwrap()
                    .get(0);
            assert!(!stored.contains(&hex::encode(&key)), "the key is sealed");
            assert!(stored.starts_with(&hex::encode(b"mynumber-sealed-secret-v1")));
            (e.id, key)
        }
    };
    let at = |secret: &[u8], offset: i64| {
        let step = u64::try_from(env.clock.now_us() / 1_000_000 / 30 + offset).unwrap();
        format!("{:06}", hotp(secret, step))
    };
    let (id, key) = enrol("correct horse battery").await;
    app.confirm_enrolment(&id, &at(&key, 0)).await.unwrap();
    let first = app
        .sign_in("clerk.one", "correct horse battery", &at(&key, 1))
        .await
        .unwrap()
        .unwrap();
    assert!(app.session(&first.cookie).await.is_ok());
    // The same code again: taken once.
    let replay = app
        .sign_in("clerk.one", "correct horse battery", &at(&key, 1))
        .await
        .unwrap();
    assert_eq!(replay.unwrap_err(), SignInRefused::Wrong);

    // Idle for 30 minutes: ended, and recorded.
    env.clock.advance(30 * 60 * 1_000_000);
    assert!(matches!(
        app.session(&first.cookie).await,
        Err(AppError::Unauthenticated)
    ));
    let entries = app
        .ledger_entries(&env.admin, "131041", 0, 10_000)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.content.action == "signed-out" && e.content.detail.contains("reason=idle"))
    );

    // Five failures lock (the replayed code above was the first); a right password and code
    // during the lock is refused too.
    for i in 0..4 {
        let r = app
            .sign_in("clerk.one", "wrong horse battery", &at(&key, 0))
            .await
            .unwrap();
        if i < 3 {
            assert_eq!(r.unwrap_err(), SignInRefused::Wrong, "failure {i}");
        } else {
            assert!(matches!(r.unwrap_err(), SignInRefused::Locked(_)));
        }
    }
    let locked = app
        .sign_in("clerk.one", "correct horse battery", &at(&key, 0))
        .await
        .unwrap();
    assert!(matches!(locked.unwrap_err(), SignInRefused::Locked(_)));
    // After the lock, one failure is one failure, not a new lock.
    env.clock.advance(16 * 60 * 1_000_000);
    let once = app
        .sign_in("clerk.one", "wrong horse battery", &at(&key, 0))
        .await
        .unwrap();
    assert_eq!(once.unwrap_err(), SignInRefused::Wrong);
    let second = app
        .sign_in("clerk.one", "correct horse battery", &at(&key, 0))
        .await
        .unwrap()
        .unwrap();

    // Re-enrolment: the old login works until the new one's first code.
    let (id, new_key) = enrol("a new horse battery").await;
    env.clock.advance(30 * 1_000_000);
    assert!(app.session(&second.cookie).await.is_ok());
    let old = app
        .sign_in("clerk.one", "correct horse battery", &at(&key, 0))
        .await
        .unwrap();
    assert!(old.is_ok(), "{old:?}");
    app.confirm_enrolment(&id, &at(&new_key, 0)).await.unwrap();
    assert!(app.session(&second.cookie).await.is_err(), "ended");
    env.clock.advance(30 * 1_000_000);
    let with_old = app
        .sign_in("clerk.one", "correct horse battery", &at(&key, 0))
        .await
        .unwrap();
    assert!(with_old.is_err());
    let third = app
        .sign_in("clerk.one", "a new horse battery", &at(&new_key, 0))
        .await
        .unwrap()
        .unwrap();

    // A key stored before keys were sealed: sign-in is unavailable (not a wrong code) until
    // the start seals it, and then works with the same key; the next start seals nothing.
    sqlx::query("UPDATE staff_logins SET totp_secret = $1 WHERE login = 'clerk.one'")
        .bind(hex::encode(&new_key))
        .execute(&pool)
        .await
        .unwrap();
    env.clock.advance(30 * 1_000_000);
    assert!(matches!(
        app.sign_in("clerk.one", "a new horse battery", &at(&new_key, 0))
            .await,
        Err(AppError::Unavailable(_))
    ));
    assert_eq!(app.seal_totp_keys().await.unwrap(), 1);
    assert_eq!(app.seal_totp_keys().await.unwrap(), 0);
    let resealed: String =
        sqlx::query("SELECT totp_secret FROM staff_logins WHERE login = 'clerk.one'")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
    assert!(!resealed.contains(&hex::encode(&new_key)));
    assert!(
        app.sign_in("clerk.one", "a new horse battery", &at(&new_key, 0))
            .await
            .unwrap()
            .is_ok()
    );
    // Rotating the token keeps the login and the session; revoking the new one removes both.
    let rotated = app.rotate_token(&env.clerk, None).await.unwrap();
    assert!(app.session(&third.cookie).await.is_ok());
    let clerk_id = env.clerk.staff().unwrap().id;
    app.revoke_token(&env.admin, clerk_id, rotated.id)
        .await
        .unwrap();
    assert!(app.session(&third.cookie).await.is_err());
    env.clock.advance(30 * 1_000_000);
    let gone = app
        .sign_in("clerk.one", "a new horse battery", &at(&new_key, 0))
        .await
        .unwrap();
    assert_eq!(gone.unwrap_err(), SignInRefused::Wrong);
}
