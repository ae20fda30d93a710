//! Text formatting for the screen: money, times, names of codes, masking.

use chrono::{FixedOffset, NaiveDateTime};
use rust_decimal::Decimal;

/// `1234567.5` → `1,234,567.50`.
pub fn money(amount: Decimal) -> String {
    let s = format!("{:.2}", amount.round_dp(2));
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// A UTC `…Z` API time shown in local time as `2025-01-02 11:04`; unparsable times as
/// they are.
pub fn time(api_time: &str, utc_offset_secs: i32) -> String {
    let Ok(t) = NaiveDateTime::parse_from_str(api_time, "%Y-%m-%dT%H:%M:%SZ") else {
        return api_time.to_string();
    };
    let offset = FixedOffset::east_opt(utc_offset_secs)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    t.and_utc()
        .with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A date only, `2025-01-02`.
pub fn date(api_time: &str, utc_offset_secs: i32) -> String {
    time(api_time, utc_offset_secs).chars().take(10).collect()
}

pub fn order_type(code: i32) -> &'static str {
    match code {
        1 => "new",
        2 => "renewal",
        3 => "change",
        4 => "unsubscribe",
        10 => "to pay-per-use",
        11 => "to yearly/monthly",
        13 => "trial",
        14 => "trial→commercial",
        15 => "fee adjustment",
        _ => "other",
    }
}

pub fn association(code: Option<&str>) -> &'static str {
    match code {
        Some("1") => "referral",
        Some("2") | Some("3") => "reseller",
        _ => "—",
    }
}

pub fn verified(code: Option<&str>) -> &'static str {
    match code {
        Some("-1") => "not verified",
        Some("0") => "under review",
        Some("1") => "rejected",
        Some("2") => "verified",
        Some("3") => "failed",
        _ => "—",
    }
}

pub fn account_type(code: i32) -> &'static str {
    match code {
        1 => "Balance",
        2 => "Credit",
        5 => "Bonus",
        7 => "Deposit",
        8 => "Allocatable",
        _ => "Other",
    }
}

pub fn operation(code: &str) -> &'static str {
    match code {
        crate::api::OP_ALLOCATE => "allocate",
        crate::api::OP_RECLAIM => "recall",
        crate::api::OP_RECLAIM_UNBIND => "recall (unbind)",
        _ => "other",
    }
}

pub fn mask_phone(phone: Option<&str>) -> String {
    phone.map_or_else(|| "—".to_string(), crate::api::mask_phone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_groups_thousands() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(d("0")), "0.00");
        assert_eq!(money(d("999.5")), "999.50");
        assert_eq!(money(d("1234567.891")), "1,234,567.89");
        assert_eq!(money(d("-1000")), "-1,000.00");
    }

    #[test]
    fn times_in_local_time() {
        assert_eq!(time("2025-01-02T03:04:05Z", 8 * 3600), "2025-01-02 11:04");
        assert_eq!(time("garbage", 0), "garbage");
        assert_eq!(date("2025-01-02T23:04:05Z", 3600), "2025-01-03");
    }
}
