//! The mock's SQLite store: schema, the connection, and running queries off the async
//! runtime. Money is stored as integer fen so that sums are exact.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::error::ApiError;

pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS partners (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                 -- distributor | solution_provider | government | reseller
    parent_id TEXT,                     -- a reseller's distributor
    name TEXT NOT NULL,
    account_name TEXT NOT NULL,
    ak TEXT UNIQUE,
    sk TEXT,
    platform_id TEXT,                   -- xaccount_type it may create customers with
    phone TEXT,
    email TEXT,
    associated_on TEXT,
    account_manager_id TEXT,
    account_manager_name TEXT,
    balance INTEGER NOT NULL DEFAULT 0,       -- fen; account_type 1
    allocatable INTEGER NOT NULL DEFAULT 0,   -- fen; account_type 8 (≤ balance)
    credit INTEGER NOT NULL DEFAULT 0,        -- fen; account_type 2 credit line
    order_count INTEGER NOT NULL DEFAULT 0,   -- next dense order seq for this owner
    contracting_entity TEXT                   -- the Huawei entity the partner contracted with
);

CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    account_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    real_name TEXT,
    associated_on TEXT NOT NULL,
    association_type TEXT NOT NULL,     -- '1' referral, '2' reseller
    label TEXT,
    telephone TEXT,
    country_code TEXT,
    email TEXT,
    verified_status TEXT NOT NULL DEFAULT '-1',
    customer_type INTEGER NOT NULL DEFAULT -1,
    is_frozen INTEGER NOT NULL DEFAULT 0,
    account_manager TEXT,
    xaccount_id TEXT,
    xaccount_type TEXT,
    customer_level TEXT,
    balance INTEGER NOT NULL DEFAULT 0,       -- fen, allocated by the partner
    debt INTEGER NOT NULL DEFAULT 0,
    reserved_until TEXT,                      -- latest expiry of its reserved instances
    enterprise_link TEXT,                     -- 'master' | 'sub' in an enterprise link
    review_opinion TEXT,                      -- the real-name reviewer's opinion
    realname_submitted_at TEXT                -- the last real-name submission
);
CREATE INDEX IF NOT EXISTS customers_partner ON customers(partner_id, associated_on);
CREATE UNIQUE INDEX IF NOT EXISTS customers_xaccount ON customers(partner_id, xaccount_type, xaccount_id);

-- seq is dense per owning partner and follows create_time, so that an unfiltered page at
-- any offset is an index range, not an OFFSET scan.
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    partner_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    service_type_code TEXT NOT NULL,
    service_type_name TEXT NOT NULL,
    source_type INTEGER NOT NULL,
    status INTEGER NOT NULL,
    order_type INTEGER NOT NULL,
    amount_after_discount INTEGER NOT NULL,   -- fen
    official_amount INTEGER NOT NULL,         -- fen
    create_time TEXT NOT NULL,
    payment_time TEXT,
    pending_payment_end_time TEXT,
    contract_id TEXT,
    discounts TEXT,                           -- JSON [{discount_type, discount_amount}]
    agent_pay INTEGER NOT NULL DEFAULT 0,     -- the customer asked the partner to pay
    failure TEXT,                             -- demo failure case, if any
    lines TEXT NOT NULL                       -- JSON line items
);
CREATE UNIQUE INDEX IF NOT EXISTS orders_seq ON orders(partner_id, seq);

CREATE TABLE IF NOT EXISTS adjust_records (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    trans_id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    target_name TEXT,
    operation_type TEXT NOT NULL,
    amount INTEGER NOT NULL,                  -- fen
    operation_time TEXT NOT NULL,
    apply_scene TEXT,
    memo TEXT
);
CREATE INDEX IF NOT EXISTS adjust_partner ON adjust_records(partner_id, n);

-- Every change of a partner's cash or credit account (收支明细), with the balance after.
CREATE TABLE IF NOT EXISTS account_changes (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    balance_type TEXT NOT NULL,               -- BALANCE_TYPE_DEBIT | BALANCE_TYPE_CREDIT
    trade_type TEXT NOT NULL,
    trade_detail_type TEXT NOT NULL,
    trade_time TEXT NOT NULL,
    trade_id TEXT NOT NULL,
    change_amount INTEGER NOT NULL,           -- fen, positive; `type` says which way
    balance_after INTEGER NOT NULL,           -- fen
    type INTEGER NOT NULL,                    -- 1 income, 2 expense
    customer_id TEXT,
    account_name TEXT
);
CREATE INDEX IF NOT EXISTS account_changes_partner ON account_changes(partner_id, balance_type, trade_time);

-- Customers' consumption (res-fee-records): one line per charge, by bill cycle.
CREATE TABLE IF NOT EXISTS fee_records (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    association_type TEXT NOT NULL,
    bill_cycle TEXT NOT NULL,                 -- YYYY-MM (UTC+8)
    trade_time TEXT NOT NULL,
    trade_id TEXT NOT NULL,
    service_type_code TEXT NOT NULL,
    resource_type_code TEXT NOT NULL,
    region_code TEXT NOT NULL,
    charging_mode INTEGER NOT NULL,           -- 1 yearly/monthly, 3 on demand
    bill_detail_type INTEGER NOT NULL,        -- 1 new, 2 renewal, 5 usage
    resource_id TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    product_spec_desc TEXT NOT NULL,
    official_amount INTEGER NOT NULL,         -- fen
    discount_amount INTEGER NOT NULL,
    payment_amount INTEGER NOT NULL,
    cash_amount INTEGER NOT NULL,
    coupon_amount INTEGER NOT NULL,
    debt_amount INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS fee_records_cycle ON fee_records(partner_id, bill_cycle, customer_id);

-- Customers' pay-per-use resources (what their usage lines are billed for).
CREATE TABLE IF NOT EXISTS on_demand_resources (
    resource_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    region_code TEXT NOT NULL,
    availability_zone_code TEXT NOT NULL,
    service_type_code TEXT NOT NULL,
    resource_type_code TEXT NOT NULL,
    resource_spec_code TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    product_spec_desc TEXT NOT NULL,
    effective_time TEXT NOT NULL,
    status INTEGER NOT NULL                  -- 1 normal, 2 grace period, 3 frozen, 6 closed
);
CREATE INDEX IF NOT EXISTS on_demand_customer ON on_demand_resources(customer_id, effective_time);

-- Customers' yearly/monthly resources (what a renewal is for).
CREATE TABLE IF NOT EXISTS resources (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    region_code TEXT NOT NULL,
    service_type_code TEXT NOT NULL,
    resource_type_code TEXT NOT NULL,
    resource_spec_code TEXT NOT NULL,
    product_id TEXT NOT NULL,
    product_spec_desc TEXT NOT NULL,
    project_id TEXT NOT NULL,
    order_id TEXT,
    parent_resource_id TEXT NOT NULL DEFAULT '',
    is_main_resource INTEGER NOT NULL DEFAULT 1,
    status INTEGER NOT NULL,
    effective_time TEXT NOT NULL,
    expire_time TEXT NOT NULL,
    expire_policy INTEGER NOT NULL,
    update_time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS resources_customer ON resources(customer_id, expire_time);

CREATE TABLE IF NOT EXISTS coupon_quotas (
    quota_id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    quota_type INTEGER NOT NULL,              -- 0 voucher, 1 cash coupon
    quota_value INTEGER NOT NULL,             -- fen
    balance INTEGER NOT NULL,                 -- fen
    quota_status INTEGER NOT NULL,            -- 0 normal, 3 invalid, 4 adjusting, 5 frozen
    min_face INTEGER NOT NULL,
    max_face INTEGER NOT NULL,
    create_time TEXT NOT NULL,
    effective_time TEXT NOT NULL,
    expire_time TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS coupons (
    coupon_id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    quota_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    coupon_type INTEGER NOT NULL,             -- 1 voucher, 4 cash coupon
    face_value INTEGER NOT NULL,
    balance INTEGER NOT NULL,
    status INTEGER NOT NULL,                  -- 1 inactive, 2 usable, 3 used, 4 expired, 5 reclaimed
    create_time TEXT NOT NULL,
    effective_time TEXT NOT NULL,
    expire_time TEXT NOT NULL,
    memo TEXT
);
CREATE INDEX IF NOT EXISTS coupons_partner ON coupons(partner_id, create_time);

-- What was done with coupons: issued (1), reclaimed by hand (2), at expiry (4), …
CREATE TABLE IF NOT EXISTS coupon_records (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    operation_type TEXT NOT NULL,
    quota_id TEXT NOT NULL,
    quota_type INTEGER NOT NULL,
    coupon_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    operation_amount INTEGER NOT NULL,        -- fen
    operation_time TEXT NOT NULL,
    result TEXT NOT NULL,
    remark TEXT
);
CREATE INDEX IF NOT EXISTS coupon_records_partner ON coupon_records(partner_id, operation_time);

-- Registration / bank-card codes sent through send_verification_message_code.
CREATE TABLE IF NOT EXISTS sms_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    scene INTEGER NOT NULL,
    customer_id TEXT,
    code_hash TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sms_codes_partner ON sms_codes(partner_id, sent_at);

CREATE TABLE IF NOT EXISTS contracts (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    name TEXT NOT NULL,
    sign_time TEXT NOT NULL,
    effective_time TEXT NOT NULL,
    expire_time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS contracts_partner ON contracts(partner_id, sign_time);

CREATE TABLE IF NOT EXISTS payment_plans (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    installment INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    amount INTEGER NOT NULL,                  -- fen
    paid_time TEXT,
    UNIQUE (contract_id, installment)
);

-- Verification challenges for sensitive operations (docs/design.md §3): hashed, bound to
-- partner + scene + the operation's key fields.
CREATE TABLE IF NOT EXISTS challenges (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    scene TEXT NOT NULL,
    binding TEXT NOT NULL,
    channel TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS challenges_partner ON challenges(partner_id, created_at);

-- A partner's verification setting; no row means on.
CREATE TABLE IF NOT EXISTS partner_settings (
    partner_id TEXT PRIMARY KEY,
    verification INTEGER NOT NULL DEFAULT 1
);

-- Exactly once (docs/design.md §5): each write's outcome per (partner, client request id),
-- stored in the write's own transaction. state: applied | not_applied (closed by a
-- status query before the request arrived).
CREATE TABLE IF NOT EXISTS requests (
    partner_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    response TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (partner_id, request_id)
);

-- A partner's console password, set through the profile (salted hash).
CREATE TABLE IF NOT EXISTS partner_passwords (
    partner_id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

-- Payment agreements (代付协议): at most one valid per partner.
CREATE TABLE IF NOT EXISTS payment_agreements (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,                     -- valid | voided
    signed_at TEXT NOT NULL,
    voided_at TEXT
);
CREATE INDEX IF NOT EXISTS agreements_partner ON payment_agreements(partner_id, signed_at);
CREATE UNIQUE INDEX IF NOT EXISTS agreements_one_valid ON payment_agreements(partner_id) WHERE status = 'valid';

-- Association type switches: pending until the customer answers.
CREATE TABLE IF NOT EXISTS association_switches (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    from_type TEXT NOT NULL,
    to_type TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,                     -- pending | accepted | declined
    requested_at TEXT NOT NULL,
    answered_at TEXT
);
CREATE INDEX IF NOT EXISTS switches_partner ON association_switches(partner_id, requested_at);
CREATE UNIQUE INDEX IF NOT EXISTS switches_one_pending ON association_switches(customer_id) WHERE status = 'pending';

-- The dedicated recharge account sent by SMS: counted against the partner's limit
-- of messages like every code.
CREATE TABLE IF NOT EXISTS account_sms (
    partner_id TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS account_sms_by_partner ON account_sms (partner_id, sent_at);

CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id TEXT,
    channel TEXT NOT NULL,                    -- sms | email
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"#;

/// The orders' secondary indexes (the large seed builds them after inserting).
pub const ORDER_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS orders_status ON orders(partner_id, status, seq);
CREATE INDEX IF NOT EXISTS orders_customer ON orders(customer_id, seq);
";

/// Columns added after a `--data` file may have been created: added in place.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let added = [
        ("customers", "reserved_until", "TEXT"),
        ("customers", "enterprise_link", "TEXT"),
        ("customers", "review_opinion", "TEXT"),
        ("customers", "realname_submitted_at", "TEXT"),
        ("partners", "contracting_entity", "TEXT"),
        // A reseller's quota: the distributor's quota it was given from.
        ("coupon_quotas", "parent_quota_id", "TEXT"),
    ];
    for (table, column, ty) in added {
        let present: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
            rusqlite::params![table, column],
            |r| r.get(0),
        )?;
        if !present {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {ty};"))?;
        }
    }
    Ok(())
}

/// One SQLite connection shared by the handlers. Each call runs on the blocking pool so
/// the async workers never wait on the disk.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (and creates) the store: in memory when `path` is `None`.
    pub fn open(path: Option<&Path>) -> rusqlite::Result<Db> {
        let conn = match path {
            Some(p) => {
                let c = Connection::open(p)?;
                c.pragma_update(None, "journal_mode", "WAL")?;
                c.pragma_update(None, "synchronous", "NORMAL")?;
                c
            }
            None => Connection::open_in_memory()?,
        };
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        conn.execute_batch(ORDER_INDEXES)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| ApiError::internal(format!("store task failed: {e}")))?
    }

    /// Runs `f` synchronously (start-up, seeding, tests).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut guard = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `--data` file from before a column was added opens with every column.
    #[test]
    fn an_old_data_file_gains_the_new_columns() {
        let path = std::env::temp_dir().join(format!("pc-migrate-{}.db", uuid::Uuid::new_v4()));
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE partners (id TEXT PRIMARY KEY, kind TEXT NOT NULL, parent_id TEXT,
                     name TEXT NOT NULL, account_name TEXT NOT NULL, ak TEXT UNIQUE, sk TEXT,
                     platform_id TEXT, phone TEXT, email TEXT, associated_on TEXT,
                     account_manager_id TEXT, account_manager_name TEXT,
                     balance INTEGER NOT NULL DEFAULT 0, allocatable INTEGER NOT NULL DEFAULT 0,
                     credit INTEGER NOT NULL DEFAULT 0, order_count INTEGER NOT NULL DEFAULT 0);
                 CREATE TABLE customers (id TEXT PRIMARY KEY, partner_id TEXT NOT NULL,
                     account_name TEXT NOT NULL UNIQUE COLLATE NOCASE, real_name TEXT,
                     associated_on TEXT NOT NULL, association_type TEXT NOT NULL, label TEXT,
                     telephone TEXT, country_code TEXT, email TEXT,
                     verified_status TEXT NOT NULL DEFAULT '-1',
                     customer_type INTEGER NOT NULL DEFAULT -1, is_frozen INTEGER NOT NULL DEFAULT 0,
                     account_manager TEXT, xaccount_id TEXT, xaccount_type TEXT, customer_level TEXT,
                     balance INTEGER NOT NULL DEFAULT 0, debt INTEGER NOT NULL DEFAULT 0);
                 INSERT INTO partners (id, kind, name, account_name) VALUES ('p', 'distributor', 'P', 'p');",
            )
            .unwrap();
        }
        let db = Db::open(Some(&path)).unwrap();
        db.with(|c| {
            for (table, column) in [
                ("customers", "reserved_until"),
                ("customers", "enterprise_link"),
                ("customers", "review_opinion"),
                ("customers", "realname_submitted_at"),
                ("partners", "contracting_entity"),
            ] {
                let present: bool = c
                    .query_row(
                        "SELECT EXISTS(SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
                        rusqlite::params![table, column],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert!(present, "{table}.{column} was not added");
            }
            let kept: String = c
                .query_row("SELECT name FROM partners WHERE id = 'p'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(kept, "P", "rows survive the migration");
        });
        drop(db);
        // A second open finds nothing to add.
        Db::open(Some(&path)).unwrap();
        for suffix in ["", "-wal", "-shm"] {
            std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
        }
    }
}
