//! The mock's domain rules, in one place. The BSS router (and later the Partner Center
//! router) are thin adapters over these functions; each takes the caller, a connection or
//! transaction, and a request, and returns a wire response or an [`ApiError`].

pub mod associations;
pub mod contracts;
pub mod coupons;
pub mod customers;
pub mod funds;
pub mod invitations;
pub mod ledger;
pub mod orders;
pub mod payments;
pub mod profile;
pub mod realname;
pub mod recharge;
pub mod requests;
pub mod resources;
pub mod sms_codes;
pub mod spending;
pub mod verification;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use pc_api::error::codes;

/// A request amount's check, worded in English like every message of the backend
/// (the console runs the same check first, in the user's language).
pub fn check_request_amount(amount: rust_decimal::Decimal) -> Result<(), String> {
    pc_api::money::check_request_amount(amount).map_err(|e| e.to_string())
}

/// The authenticated partner, from the AK of the request's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub partner_id: String,
    pub kind: PartnerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerKind {
    Distributor,
    SolutionProvider,
    Government,
    Reseller,
}

impl PartnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PartnerKind::Distributor => "distributor",
            PartnerKind::SolutionProvider => "solution_provider",
            PartnerKind::Government => "government",
            PartnerKind::Reseller => "reseller",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "distributor" => PartnerKind::Distributor,
            "solution_provider" => PartnerKind::SolutionProvider,
            "government" => PartnerKind::Government,
            "reseller" => PartnerKind::Reseller,
            _ => return None,
        })
    }
}

pub const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";
pub const CURRENCY: &str = "CNY";
pub const MEASURE_YUAN: i32 = 1;

pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// Parses a UTC `yyyy-MM-ddTHH:mm:ssZ` filter value, naming the field on failure.
pub fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>, ApiError> {
    NaiveDateTime::parse_from_str(value, TIME_FORMAT)
        .map(|t| t.and_utc())
        .map_err(|_| {
            ApiError::param(format!(
                "{field} must be a UTC time like 2025-01-02T03:04:05Z, got {value:?}"
            ))
        })
}

/// Normalises an optional time filter to the stored text form.
pub fn time_filter(field: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    match value.as_deref() {
        None | Some("") => Ok(None),
        Some(v) => parse_time(field, v).map(|t| Some(fmt_time(t))),
    }
}

/// Checks `offset`/`limit`: offset ≥ 0 (≤ 2^31−1), 1 ≤ limit ≤ 100; defaults 0 and 10.
pub fn page(offset: Option<i64>, limit: Option<i64>) -> Result<(i64, i64), ApiError> {
    let offset = offset.unwrap_or(0);
    let limit = limit.unwrap_or(10);
    if !(0..=i32::MAX as i64).contains(&offset) {
        return Err(ApiError::param(format!(
            "offset must be between 0 and 2147483647, got {offset}"
        )));
    }
    if !(1..=100).contains(&limit) {
        return Err(ApiError::param(format!(
            "limit must be between 1 and 100, got {limit}"
        )));
    }
    Ok((offset, limit))
}

/// A `WHERE` clause built from optional filters, and the page query over it: the
/// `COUNT(*)` for the total and the rows of one page share the same filter and binds.
pub struct Where {
    sql: String,
    args: Vec<Value>,
}

impl Where {
    pub fn new(sql: &str, args: Vec<Value>) -> Where {
        Where {
            sql: sql.to_string(),
            args,
        }
    }

    /// Adds ` AND clause` (one `?`) when the value is present.
    pub fn and(mut self, clause: &str, value: Option<Value>) -> Where {
        if let Some(v) = value {
            self.sql.push_str(" AND ");
            self.sql.push_str(clause);
            self.args.push(v);
        }
        self
    }

    /// Adds ` AND (a LIKE ? ESCAPE '\\' OR …)`, binding the value once per column
    /// (a value from [`like`]).
    pub fn and_like_any(mut self, columns: &[&str], value: Option<Value>) -> Where {
        if let Some(v) = value {
            let any: Vec<String> = columns
                .iter()
                .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
                .collect();
            self.sql.push_str(&format!(" AND ({})", any.join(" OR ")));
            self.args.extend(std::iter::repeat_n(v, columns.len()));
        }
        self
    }

    /// Adds ` AND column IN (?, …)` when the list is present and not empty.
    pub fn and_in(mut self, column: &str, values: Option<Vec<Value>>) -> Where {
        if let Some(values) = values.filter(|v| !v.is_empty()) {
            let marks = vec!["?"; values.len()].join(",");
            self.sql.push_str(&format!(" AND {column} IN ({marks})"));
            self.args.extend(values);
        }
        self
    }

    /// Adds a clause without a bind.
    pub fn and_sql(mut self, clause: &str) -> Where {
        self.sql.push_str(" AND ");
        self.sql.push_str(clause);
        self
    }

    /// The total matching rows and one page of them in `order`.
    #[allow(clippy::too_many_arguments)]
    pub fn page<T>(
        mut self,
        conn: &Connection,
        table: &str,
        columns: &str,
        order: &str,
        limit: i64,
        offset: i64,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<(i64, Vec<T>), ApiError> {
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM {table} WHERE {}", self.sql),
            params_from_iter(self.args.iter()),
            |r| r.get(0),
        )?;
        self.args.push(Value::Integer(limit));
        self.args.push(Value::Integer(offset));
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {columns} FROM {table} WHERE {} ORDER BY {order} LIMIT ? OFFSET ?",
            self.sql
        ))?;
        let rows = stmt
            .query_map(params_from_iter(self.args.iter()), map)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((total, rows))
    }
}

/// A non-empty optional string as a bind value.
pub fn text(value: &Option<String>) -> Option<Value> {
    value.clone().filter(|s| !s.is_empty()).map(Value::Text)
}

/// A non-empty optional string as a `LIKE '%…%' ESCAPE '\'` bind value: the text
/// matches as written (`%` and `_` are not wildcards), anywhere in the column.
pub fn like(value: &Option<String>) -> Option<Value> {
    value.as_deref().filter(|s| !s.is_empty()).map(|s| {
        let escaped = s
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        Value::Text(format!("%{escaped}%"))
    })
}

/// An optional time filter, checked and normalised, as a bind value.
pub fn time(field: &str, value: &Option<String>) -> Result<Option<Value>, ApiError> {
    Ok(time_filter(field, value)?.map(Value::Text))
}

pub fn int(value: Option<i32>) -> Option<Value> {
    value.map(|v| Value::Integer(v as i64))
}

/// Rejects a string field longer than `max` characters.
pub fn check_len(field: &str, value: &Option<String>, max: usize) -> Result<(), ApiError> {
    match value {
        Some(v) if v.chars().count() > max => Err(ApiError::param(format!(
            "{field} must be at most {max} characters"
        ))),
        _ => Ok(()),
    }
}

/// A deterministic 32-hex id (domain-id style) derived from a seed string.
pub fn hex_id(seed: &str) -> String {
    hex::encode(&Sha256::digest(seed.as_bytes())[..16])
}

/// A fresh random 32-hex id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The partner whose data a call works on: the caller, or — for a tier-1 distributor
/// passing `indirect_partner_id` — one of its own resellers (CBC.99000037 otherwise).
/// Other partners' `indirect_partner_id` is ignored, as the API documents.
pub fn acting_partner(
    conn: &Connection,
    caller: &Caller,
    indirect_partner_id: &Option<String>,
) -> Result<String, ApiError> {
    match indirect_partner_id.as_deref() {
        Some(id) if !id.is_empty() && caller.kind == PartnerKind::Distributor => {
            reseller_of(conn, caller, id)?;
            Ok(id.to_string())
        }
        _ => Ok(caller.partner_id.clone()),
    }
}

/// Checks that `reseller_id` is one of the caller's resellers; returns its name.
pub fn reseller_of(
    conn: &Connection,
    caller: &Caller,
    reseller_id: &str,
) -> Result<String, ApiError> {
    conn.query_row(
        "SELECT name FROM partners WHERE id = ?1 AND kind = 'reseller' AND parent_id = ?2",
        params![reseller_id, caller.partner_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        ApiError::bad(
            codes::NOT_YOUR_RESELLER,
            format!("You have no permission on reseller {reseller_id}."),
        )
    })
}

/// Refuses callers that are not tier-1 distributors (reseller operations).
pub fn require_distributor(caller: &Caller) -> Result<(), ApiError> {
    if caller.kind == PartnerKind::Distributor {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only a tier-1 distributor can manage resellers.",
        ))
    }
}

/// Appends a message to the outbox (what the mock "sent" by SMS or e-mail).
pub fn send_message(
    conn: &Connection,
    partner_id: Option<&str>,
    channel: &str,
    recipient: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO outbox (partner_id, channel, recipient, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![partner_id, channel, recipient, body, fmt_time(now)],
    )?;
    Ok(())
}

pub use pc_api::mask_phone;

/// The fields of a customer the fund and order rules need.
#[derive(Debug, Clone)]
pub struct CustomerRow {
    pub id: String,
    pub partner_id: String,
    pub account_name: String,
    pub association_type: String,
    /// Allocated balance and debt, in fen.
    pub balance: i64,
    pub debt: i64,
}

/// Loads a customer that belongs to `partner_id`; anyone else's is CBC.99000035.
pub fn own_customer(
    conn: &Connection,
    partner_id: &str,
    customer_id: &str,
) -> Result<CustomerRow, ApiError> {
    conn.query_row(
        "SELECT id, partner_id, account_name, association_type, balance, debt FROM customers WHERE id = ?1",
        params![customer_id],
        |r| {
            Ok(CustomerRow {
                id: r.get(0)?,
                partner_id: r.get(1)?,
                account_name: r.get(2)?,
                association_type: r.get(3)?,
                balance: r.get(4)?,
                debt: r.get(5)?,
            })
        },
    )
    .optional()?
    .filter(|c| c.partner_id == partner_id)
    .ok_or_else(|| {
        ApiError::bad(
            codes::NOT_YOUR_CUSTOMER,
            format!("Customer {customer_id} is not your customer."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_bounds() {
        assert_eq!(page(None, None), Ok((0, 10)));
        assert_eq!(page(Some(5), Some(100)), Ok((5, 100)));
        assert!(page(Some(-1), None).is_err());
        assert!(page(None, Some(0)).is_err());
        assert!(page(None, Some(101)).is_err());
        assert!(page(Some(i32::MAX as i64 + 1), None).is_err());
    }

    #[test]
    fn time_filters() {
        assert!(parse_time("t", "2025-01-02T03:04:05Z").is_ok());
        assert!(parse_time("t", "2025-01-02 03:04:05").is_err());
        assert_eq!(time_filter("t", &Some(String::new())), Ok(None));
    }
}
