//! What customers spent: who consumed in a month, a customer's month by service and
//! line by line, and its last twelve months. Every figure is read from the bill's
//! lines (`list_sub_customer_bill_detail`), which the API gives for every customer,
//! referral or reseller-type alike.

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, Utc};
use futures::StreamExt;
use rust_decimal::Decimal;

use pc_api::*;
use pc_client::{Client, ClientError};

/// A month's lines kept for the detail; more are summed, not kept.
pub const KEEP_LINES: usize = 500;
/// Months the trend shows.
pub const TREND_MONTHS: usize = 12;
/// Customers (or months) read at once: two leave room for the user's own calls.
const PARALLEL: usize = 2;
const LINES_PAGE: i64 = 100;

/// The bill cycle `now` is in (UTC+8, as Huawei bills).
pub fn this_month(now: DateTime<Utc>) -> String {
    (now + TimeDelta::hours(8)).format("%Y-%m").to_string()
}

/// `YYYY-MM` moved by `delta` months; `None` if `cycle` is not a month.
pub fn shift_month(cycle: &str, delta: i32) -> Option<String> {
    let first = NaiveDate::parse_from_str(&format!("{cycle}-01"), "%Y-%m-%d").ok()?;
    let moved = if delta >= 0 {
        first.checked_add_months(Months::new(delta as u32))?
    } else {
        first.checked_sub_months(Months::new(delta.unsigned_abs()))?
    };
    Some(format!("{:04}-{:02}", moved.year(), moved.month()))
}

/// Whether `text` is a bill cycle (`YYYY-MM`).
pub fn is_month(text: &str) -> bool {
    text.len() == 7 && shift_month(text, 0).as_deref() == Some(text)
}

/// A customer's month: what it spent on each service, its lines (the first
/// [`KEEP_LINES`]), how many there are, and the total.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Month {
    pub cycle: String,
    pub total: Decimal,
    /// (service name, amount), largest first.
    pub by_service: Vec<(String, Decimal)>,
    pub lines: Vec<FeeRecord>,
    pub line_count: i64,
}

/// Reads every line of `customer_id`'s bill for `cycle`, keeping the first few.
pub async fn month(
    c: &Client,
    customer_id: &str,
    cycle: &str,
    reseller: Option<&str>,
) -> Result<Month, ClientError> {
    let mut m = Month {
        cycle: cycle.to_string(),
        ..Default::default()
    };
    let mut by: Vec<(String, Decimal)> = Vec::new();
    let mut offset = 0;
    loop {
        let page = c
            .list_sub_customer_bill_detail(&SubCustomerBillQuery {
                bill_cycle: cycle.to_string(),
                customer_id: customer_id.to_string(),
                offset: Some(offset),
                limit: Some(LINES_PAGE),
                indirect_partner_id: reseller.map(str::to_string),
                ..Default::default()
            })
            .await?;
        let n = page.fee_records.len() as i64;
        offset += n;
        m.line_count = page.total_count.max(offset);
        for line in page.fee_records {
            m.total += line.payment_amount;
            let name = if line.service_type_name.is_empty() {
                line.service_type_code.clone()
            } else {
                line.service_type_name.clone()
            };
            match by.iter_mut().find(|(s, _)| *s == name) {
                Some((_, sum)) => *sum += line.payment_amount,
                None => by.push((name, line.payment_amount)),
            }
            if m.lines.len() < KEEP_LINES {
                m.lines.push(line);
            }
        }
        if n < LINES_PAGE || offset >= page.total_count {
            break;
        }
    }
    by.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    m.by_service = by;
    Ok(m)
}

/// What a customer spent in a month, every line summed.
pub async fn month_total(
    c: &Client,
    customer_id: &str,
    cycle: &str,
    reseller: Option<&str>,
) -> Result<Decimal, ClientError> {
    Ok(month(c, customer_id, cycle, reseller).await?.total)
}

/// A customer's spending: the month asked for, and the twelve months up to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spending {
    pub customer_id: String,
    pub name: String,
    pub month: Month,
    /// (cycle, total), oldest first, ending with `month`.
    pub trend: Vec<(String, Decimal)>,
}

pub async fn spending(
    c: &Client,
    customer_id: &str,
    name: &str,
    cycle: &str,
    reseller: Option<&str>,
) -> Result<Spending, ClientError> {
    let this = month(c, customer_id, cycle, reseller).await?;
    let earlier: Vec<String> = (1..TREND_MONTHS as i32)
        .rev()
        .filter_map(|k| shift_month(cycle, -k))
        .collect();
    let mut totals: Vec<(String, Decimal)> =
        futures::stream::iter(earlier.into_iter().map(|m| async move {
            let total = month_total(c, customer_id, &m, reseller).await;
            total.map(|t| (m, t))
        }))
        .buffered(PARALLEL)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    totals.push((cycle.to_string(), this.total));
    Ok(Spending {
        customer_id: customer_id.to_string(),
        name: name.to_string(),
        month: this,
        trend: totals,
    })
}

/// The month's totals of `ids`, a few customers at a time; `each` is told every
/// customer's as it comes.
pub async fn totals(
    c: &Client,
    ids: Vec<String>,
    cycle: &str,
    reseller: Option<&str>,
    each: &mut (dyn FnMut(String, Result<Decimal, ClientError>) + Send),
) {
    let mut reads = futures::stream::iter(ids.into_iter().map(|id| async move {
        let total = month_total(c, &id, cycle, reseller).await;
        (id, total)
    }))
    .buffer_unordered(PARALLEL);
    while let Some((id, total)) = reads.next().await {
        each(id, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_move_across_years_and_bad_ones_are_none() {
        assert_eq!(shift_month("2026-01", -1).as_deref(), Some("2025-12"));
        assert_eq!(shift_month("2026-12", 1).as_deref(), Some("2027-01"));
        assert_eq!(shift_month("2026-05", -11).as_deref(), Some("2025-06"));
        assert_eq!(shift_month("2026-13", 0), None);
        assert!(is_month("2026-02") && !is_month("2026-2") && !is_month("2026/02"));
        let t = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 30, 17, 0, 0).unwrap();
        assert_eq!(this_month(t), "2026-12", "UTC+8 is already in December");
    }
}
