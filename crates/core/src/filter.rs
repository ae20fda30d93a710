//! The `/` filter of each pane, mapped to the API's own query fields: `key:value` tokens,
//! and bare words for the pane's main field. Bad input is an error message, never a
//! request.

use chrono::NaiveDate;

use crate::query::{PageQuery, Pane};
use crate::renewals::RenewalsQuery;
use pc_api::partner_center::ContractsQuery;
use pc_api::*;

/// Order status names the filter accepts, with their codes.
pub const ORDER_STATUSES: [(&str, i32); 11] = [
    ("review", 1),
    ("refund", 2),
    ("processing", 3),
    ("cancelled", 4),
    ("completed", 5),
    ("pending", 6),
    ("confirming", 9),
    ("to-ship", 10),
    ("to-receive", 11),
    ("pickup", 12),
    ("replacing", 13),
];

pub fn status_name(code: i32) -> &'static str {
    ORDER_STATUSES
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(n, _)| *n)
        .unwrap_or("unknown")
}

/// `status:payable` on Orders: pending orders, sorted by the time left to pay them.
pub const PAYABLE: &str = "payable";

pub fn order_status(value: &str) -> Result<i32, String> {
    if let Ok(n) = value.parse::<i32>()
        && ORDER_STATUSES.iter().any(|(_, c)| *c == n)
    {
        return Ok(n);
    }
    ORDER_STATUSES
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, c)| *c)
        .ok_or_else(|| {
            let names: Vec<&str> = ORDER_STATUSES.iter().map(|(n, _)| *n).collect();
            t!(
                "filter.unknown_status",
                value = format!("{value:?}"),
                names = names.join(", ")
            )
        })
}

/// Coupon statuses by the names the filter and `--status` take.
pub const COUPON_STATUSES: [(&str, i32); 5] = [
    ("inactive", 1),
    ("usable", 2),
    ("used", 3),
    ("expired", 4),
    ("reclaimed", 5),
];

/// The coupons issued, for Funds' filter in that view: `status:`, `customer:ID`, and
/// a bare word for a coupon id.
pub fn coupons_query(text: &str) -> Result<PageQuery, String> {
    let (pairs, words) = tokens(text);
    let mut q = IssuedCouponsQuery {
        coupon_id: words.first().map(|w| w.to_string()),
        ..Default::default()
    };
    for (k, v) in pairs {
        match k {
            "status" => {
                q.status = Some(
                    COUPON_STATUSES
                        .iter()
                        .find(|(n, c)| *n == v || c.to_string() == v)
                        .map(|(_, c)| *c)
                        .ok_or_else(|| t!("coupons.unknown_status", value = format!("{v:?}")))?,
                )
            }
            "customer" => q.customer_id = Some(v.into()),
            _ => {
                return Err(t!(
                    "filter.unknown_filter",
                    key = format!("{k:?}"),
                    pane = Pane::Funds.label(),
                    hint = t!("filter_hint.coupons")
                ));
            }
        }
    }
    Ok(PageQuery::Coupons(q))
}

/// The trade types of the account's records by the names the filter and `--type`
/// take (the API's own, `DEDEUCT` included, are taken too).
pub fn trade_type(value: &str) -> Result<&'static str, String> {
    let upper = value.to_ascii_uppercase();
    Ok(match value {
        "recharge" => "RECHARGE",
        "payment" | "consume" => "DEDEUCT",
        "refund" => "REFUND",
        "allocate" => "BEADJUST",
        "recall" => "BERETRIEVE",
        "unbind" => "BEUNBIND",
        "adjust" => "ADJUST",
        _ => match TRADE_TYPES.iter().find(|t| **t == upper) {
            Some(t) => t,
            None => {
                return Err(t!("ledger.unknown_type", value = format!("{value:?}")));
            }
        },
    })
}

/// `2025-01-31` as the account records take a day (UTC+8, no time).
fn plain_day(value: &str) -> Result<String, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| t!("filter.not_a_date", value = format!("{value:?}")))
}

/// The account's records for Funds' filter in that view: `credit` for the credit
/// account, `type:`, `from:` and `to:` (days, a year at most).
pub fn ledger_query(text: &str) -> Result<PageQuery, String> {
    let (pairs, words) = tokens(text);
    let mut q = AccountChangeRecordsQuery {
        balance_type: BALANCE_TYPE_DEBIT.into(),
        ..Default::default()
    };
    for w in words {
        match w {
            "credit" => q.balance_type = BALANCE_TYPE_CREDIT.into(),
            "cash" => q.balance_type = BALANCE_TYPE_DEBIT.into(),
            other => {
                return Err(t!(
                    "filter.key_value_only",
                    word = format!("{other:?}"),
                    hint = t!("filter_hint.ledger")
                ));
            }
        }
    }
    for (k, v) in pairs {
        match k {
            "type" => q.trade_type = Some(trade_type(v)?.into()),
            "from" => q.trade_time_begin = Some(plain_day(v)?),
            "to" => q.trade_time_end = Some(plain_day(v)?),
            _ => {
                return Err(t!(
                    "filter.unknown_filter",
                    key = format!("{k:?}"),
                    pane = Pane::Funds.label(),
                    hint = t!("filter_hint.ledger")
                ));
            }
        }
    }
    // The API answers a year at most, from a day not after the last.
    if let (Some(from), Some(to)) = (&q.trade_time_begin, &q.trade_time_end) {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        if let (Some(a), Some(b)) = (day(from), day(to))
            && (a > b || (b - a).num_days() > 365)
        {
            return Err(t!("ledger.bad_span", from = from, to = to));
        }
    }
    Ok(PageQuery::Ledger(q))
}

/// A resource status by the name the filter and `--status` take.
pub fn resource_status(value: &str) -> Result<i32, String> {
    Ok(match value {
        "in-use" | "2" => RESOURCE_IN_USE,
        "closed" | "3" => RESOURCE_CLOSED,
        "frozen" | "4" => RESOURCE_FROZEN,
        "grace" | "expired" | "5" => RESOURCE_EXPIRED,
        other => {
            return Err(t!("renewals.unknown_status", value = format!("{other:?}")));
        }
    })
}

/// `2025-01-31` → the start (or end) of that UTC day, as the API writes times.
fn day(value: &str, end: bool) -> Result<String, String> {
    let d = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| t!("filter.not_a_date", value = format!("{value:?}")))?;
    let t = if end {
        d.and_hms_opt(23, 59, 59)
    } else {
        d.and_hms_opt(0, 0, 0)
    };
    Ok(
        t.map(|t| t.and_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default(),
    )
}

/// Splits `key:value` tokens from bare words.
fn tokens(text: &str) -> (Vec<(&str, &str)>, Vec<&str>) {
    let mut pairs = Vec::new();
    let mut words = Vec::new();
    for token in text.split_whitespace() {
        match token.split_once(':') {
            Some((k, v)) if !k.is_empty() => pairs.push((k, v)),
            _ => words.push(token),
        }
    }
    (pairs, words)
}

fn unknown(pane: Pane, key: &str) -> String {
    t!(
        "filter.unknown_filter",
        key = format!("{key:?}"),
        pane = pane.label(),
        hint = pane.filter_hint()
    )
}

fn one_word(pane: Pane, words: &[&str]) -> Result<Option<String>, String> {
    match words {
        [] => Ok(None),
        _ if pane == Pane::Customers || pane == Pane::Resellers || pane == Pane::Catalog => {
            Ok(Some(words.join(" ")))
        }
        [w] => Ok(Some(w.to_string())),
        _ => Err(t!("filter.one_word", hint = pane.filter_hint())),
    }
}

/// The list query of a pane for its filter text (`None` for panes without a list).
pub fn query(pane: Pane, text: &str) -> Result<Option<PageQuery>, String> {
    let (pairs, words) = tokens(text);
    // The audit log is searched locally: every word must appear in an entry.
    let word = if pane == Pane::History {
        None
    } else {
        one_word(pane, &words)?
    };
    Ok(Some(match pane {
        Pane::Orders => {
            let mut q = CustomerOrdersQuery {
                order_id: word,
                ..Default::default()
            };
            for (k, v) in pairs {
                match k {
                    // What can still be paid on behalf: pending orders, the console
                    // sorting those asked of this partner by the time left first.
                    "status" if v == PAYABLE => q.status = Some(crate::ops::PENDING_PAYMENT),
                    "status" => q.status = Some(order_status(v)?),
                    "customer" => q.customer_id = Some(v.into()),
                    "id" => q.order_id = Some(v.into()),
                    "service" => q.service_type_code = Some(v.into()),
                    "from" => q.create_time_begin = Some(day(v, false)?),
                    "to" => q.create_time_end = Some(day(v, true)?),
                    _ => return Err(unknown(pane, k)),
                }
            }
            PageQuery::Orders(q)
        }
        Pane::Customers => {
            // Account names are ASCII: a word that is not looks for the company's name.
            let mut q = match word {
                Some(w) if !w.is_ascii() => ListSubCustomersReq {
                    customer: Some(w),
                    ..Default::default()
                },
                w => ListSubCustomersReq {
                    account_name: w,
                    ..Default::default()
                },
            };
            for (k, v) in pairs {
                match (k, v) {
                    ("type", "referral" | "1") => q.association_type = Some("1".into()),
                    ("type", "reseller" | "2") => q.association_type = Some("2".into()),
                    ("type", other) => {
                        return Err(t!(
                            "filter.unknown_customer_type",
                            value = format!("{other:?}")
                        ));
                    }
                    ("name" | "account", v) => q.account_name = Some(v.into()),
                    ("company", v) => q.customer = Some(v.into()),
                    _ => return Err(unknown(pane, k)),
                }
            }
            PageQuery::Customers(q)
        }
        Pane::Contracts => {
            let mut q = ContractsQuery {
                customer_id: None,
                ..Default::default()
            };
            if let Some(w) = word {
                match w.as_str() {
                    "active" | "completed" => q.status = Some(w),
                    _ => q.customer_id = Some(w),
                }
            }
            for (k, v) in pairs {
                match (k, v) {
                    ("status", "active" | "completed") => q.status = Some(v.into()),
                    ("status", other) => {
                        return Err(t!(
                            "filter.unknown_contract_status",
                            value = format!("{other:?}")
                        ));
                    }
                    ("customer", v) => q.customer_id = Some(v.into()),
                    _ => return Err(unknown(pane, k)),
                }
            }
            PageQuery::Contracts(q)
        }
        Pane::Renewals => {
            let mut q = RenewalsQuery {
                customer: word,
                ..Default::default()
            };
            for (k, v) in pairs {
                match k {
                    "days" => {
                        q.within_days = v
                            .parse()
                            .ok()
                            .filter(|d| (1..=365).contains(d))
                            .ok_or_else(|| t!("renewals.bad_days", value = format!("{v:?}")))?;
                    }
                    "customer" => q.customer = Some(v.into()),
                    "status" => q.statuses.push(resource_status(v)?),
                    _ => return Err(unknown(pane, k)),
                }
            }
            PageQuery::Renewals(q)
        }
        Pane::Spending => {
            let mut q = ConsumeSubCustomersReq::default();
            if let Some(w) = word {
                q.bill_cycle = w;
            }
            for (k, v) in pairs {
                match k {
                    "month" => q.bill_cycle = v.into(),
                    _ => return Err(unknown(pane, k)),
                }
            }
            if !crate::spending::is_month(&q.bill_cycle) {
                return Err(t!(
                    "spending.not_a_month",
                    value = format!("{:?}", q.bill_cycle)
                ));
            }
            PageQuery::Spending(q)
        }
        Pane::Resellers => {
            if let Some((k, _)) = pairs.first() {
                return Err(unknown(pane, k));
            }
            PageQuery::Resellers(ListIndirectPartnersReq {
                account_name: word,
                ..Default::default()
            })
        }
        Pane::Funds => {
            let mut q = AdjustRecordsQuery::default();
            if let Some(w) = word {
                return Err(t!(
                    "filter.key_value_only",
                    word = format!("{w:?}"),
                    hint = pane.filter_hint()
                ));
            }
            for (k, v) in pairs {
                match (k, v) {
                    ("op", "allocate") => q.operation_type = Some(OP_ALLOCATE.into()),
                    ("op", "recall") => q.operation_type = Some(OP_RECLAIM.into()),
                    ("op", other) => {
                        return Err(t!("filter.unknown_operation", value = format!("{other:?}")));
                    }
                    ("customer", v) => q.customer_id = Some(v.into()),
                    _ => return Err(unknown(pane, k)),
                }
            }
            PageQuery::Funds(q)
        }
        Pane::Catalog => {
            if let Some((k, _)) = pairs.first() {
                return Err(unknown(pane, k));
            }
            PageQuery::Catalog(CatalogQuery {
                service_type_name: word,
                ..Default::default()
            })
        }
        Pane::History => PageQuery::History(text.trim().to_string()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders(text: &str) -> CustomerOrdersQuery {
        match query(Pane::Orders, text) {
            Ok(Some(PageQuery::Orders(q))) => q,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn order_filters_map_to_query_fields() {
        assert_eq!(orders(""), CustomerOrdersQuery::default());
        assert_eq!(orders("status:pending").status, Some(6));
        assert_eq!(orders("status:5").status, Some(5));
        assert_eq!(
            orders("CS-DEMO-OK-1").order_id.as_deref(),
            Some("CS-DEMO-OK-1")
        );
        let q = orders("customer:abc service:hws.service.type.obs from:2025-01-01 to:2025-01-31");
        assert_eq!(q.customer_id.as_deref(), Some("abc"));
        assert_eq!(q.service_type_code.as_deref(), Some("hws.service.type.obs"));
        assert_eq!(q.create_time_begin.as_deref(), Some("2025-01-01T00:00:00Z"));
        assert_eq!(q.create_time_end.as_deref(), Some("2025-01-31T23:59:59Z"));
    }

    #[test]
    fn bad_filters_are_explained() {
        for (pane, text, needle) in [
            (Pane::Orders, "status:paid", "pending"),
            (Pane::Orders, "status:7", "Unknown status"),
            (Pane::Orders, "from:yesterday", "YYYY-MM-DD"),
            (Pane::Orders, "colour:red", "Unknown filter"),
            (Pane::Orders, "two words", "one word"),
            (Pane::Customers, "type:vip", "referral or reseller"),
            (Pane::Contracts, "status:late", "active or completed"),
            (Pane::Funds, "op:steal", "allocate or recall"),
            (Pane::Funds, "bare", "key:value"),
        ] {
            let err = query(pane, text).unwrap_err();
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }

    #[test]
    fn other_panes() {
        // A word in Chinese looks for the company's name; a Latin one for the account.
        match query(Pane::Customers, "华信 type:reseller") {
            Ok(Some(PageQuery::Customers(q))) => {
                assert_eq!(q.customer.as_deref(), Some("华信"));
                assert_eq!(q.account_name, None);
                assert_eq!(q.association_type.as_deref(), Some("2"));
            }
            other => panic!("{other:?}"),
        }
        match query(Pane::Customers, "jiguang company:Acme") {
            Ok(Some(PageQuery::Customers(q))) => {
                assert_eq!(q.account_name.as_deref(), Some("jiguang"));
                assert_eq!(q.customer.as_deref(), Some("Acme"));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(query(Pane::Contracts, "completed"), Ok(Some(PageQuery::Contracts(q))) if q.status.as_deref() == Some("completed"))
        );
        assert!(
            matches!(query(Pane::Funds, "op:recall"), Ok(Some(PageQuery::Funds(q))) if q.operation_type.as_deref() == Some(OP_RECLAIM))
        );
        assert_eq!(
            query(Pane::History, " pay CS1 "),
            Ok(Some(PageQuery::History("pay CS1".into())))
        );
    }
}
