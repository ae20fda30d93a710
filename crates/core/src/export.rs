//! `e`: the current view of a list pane as CSV — every page matching its filter, fetched
//! and written by the worker (the UI stays live), with progress, cancellable. Written to
//! `<name>.csv.partial` and renamed when complete, so a cancelled or failed export never
//! leaves a file that looks whole. Phone numbers are masked, as on screen.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::query::{PageData, PageQuery};
use pc_api::mask_phone;

/// Rows fetched per request while exporting.
pub const EXPORT_PAGE: i64 = 100;

pub use pc_api::csv::{field, line};

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn phone(v: &Option<String>) -> String {
    v.as_deref().map(mask_phone).unwrap_or_default()
}

fn money(d: Decimal) -> String {
    d.to_string()
}

/// The header of a pane's export.
pub fn header(query: &PageQuery) -> Vec<String> {
    let names: &[&str] = match query {
        PageQuery::Orders(_) => &[
            "order_id",
            "customer_id",
            "service_type_code",
            "service_type_name",
            "order_type",
            "status",
            "amount_after_discount",
            "official_amount",
            "currency",
            "create_time",
            "payment_time",
        ],
        PageQuery::Customers(_) => &[
            "customer_id",
            "account_name",
            "name",
            "association_type",
            "label",
            "telephone",
            "email",
            "verified_status",
            "associated_on",
        ],
        PageQuery::Contracts(_) => &[
            "contract_id",
            "contract_name",
            "customer_id",
            "customer_name",
            "sign_time",
            "effective_time",
            "expire_time",
            "total_amount",
            "paid_amount",
            "status",
            "currency",
        ],
        PageQuery::Resellers(_) => &[
            "indirect_partner_id",
            "account_name",
            "name",
            "mobile_phone",
            "email",
            "associated_on",
            "account_manager_name",
        ],
        PageQuery::Funds(_) => &[
            "trans_id",
            "customer_id",
            "customer_name",
            "operation_type",
            "amount",
            "currency",
            "operation_time",
            "apply_scene",
        ],
        PageQuery::Catalog(_) => &["service_type_code", "service_type_name", "abbreviation"],
        PageQuery::Ledger(_) => &[
            "account_change_id",
            "trade_time",
            "trade_detail_type",
            "type",
            "change_amount",
            "balance_after_change",
            "trade_id",
            "customer_id",
            "account_name",
        ],
        PageQuery::Spending(_) | PageQuery::ResellerSpending { .. } => {
            &["customer_id", "bill_cycle"]
        }
        PageQuery::Coupons(_) => &[
            "coupon_id",
            "customer_id",
            "coupon_type",
            "face_value",
            "balance",
            "status",
            "effective_time",
            "expire_time",
            "create_time",
        ],
        // The resource first: an export writes a row once by its first column.
        PageQuery::Renewals(_) => &[
            "resource_id",
            "resource_name",
            "customer_id",
            "customer_name",
            "service_type_code",
            "resource_type_code",
            "region_code",
            "status",
            "effective_time",
            "expire_time",
            "expire_policy",
            "product_id",
        ],
        PageQuery::History(_) => &[
            "time",
            "profile",
            "partner",
            "operation",
            "target",
            "amount",
            "request_id",
            "outcome",
        ],
    };
    names.iter().map(|n| n.to_string()).collect()
}

/// The CSV lines of one page.
pub fn rows(page: &PageData) -> Vec<Vec<String>> {
    match page {
        PageData::Orders(rows) => rows
            .iter()
            .map(|o| {
                vec![
                    o.order_id.clone(),
                    o.customer_id.clone(),
                    o.service_type_code.clone(),
                    o.service_type_name.clone(),
                    o.order_type.to_string(),
                    o.status.to_string(),
                    money(o.amount_after_discount),
                    money(o.official_amount),
                    o.currency.clone(),
                    o.create_time.clone(),
                    opt(&o.payment_time),
                ]
            })
            .collect(),
        PageData::Customers(rows) => rows
            .iter()
            .map(|c| {
                vec![
                    c.customer_id.clone(),
                    c.account_name.clone(),
                    opt(&c.customer),
                    opt(&c.association_type),
                    opt(&c.label),
                    phone(&c.telephone),
                    opt(&c.email),
                    opt(&c.verified_status),
                    opt(&c.associated_on),
                ]
            })
            .collect(),
        PageData::Contracts(rows) => rows
            .iter()
            .map(|c| {
                vec![
                    c.contract_id.clone(),
                    c.contract_name.clone(),
                    c.customer_id.clone(),
                    c.customer_name.clone(),
                    c.sign_time.clone(),
                    c.effective_time.clone(),
                    c.expire_time.clone(),
                    money(c.total_amount),
                    money(c.paid_amount),
                    c.status.clone(),
                    c.currency.clone(),
                ]
            })
            .collect(),
        PageData::Resellers(rows) => rows
            .iter()
            .map(|r| {
                vec![
                    r.indirect_partner_id.clone(),
                    opt(&r.account_name),
                    opt(&r.name),
                    phone(&r.mobile_phone),
                    opt(&r.email),
                    opt(&r.associated_on),
                    opt(&r.account_manager_name),
                ]
            })
            .collect(),
        PageData::Funds(rows) => rows
            .iter()
            .map(|r| {
                vec![
                    r.trans_id.clone(),
                    r.customer_id.clone(),
                    opt(&r.customer_name),
                    r.operation_type.clone(),
                    r.amount.clone(),
                    r.currency.clone(),
                    r.operation_time.clone(),
                    opt(&r.apply_scene),
                ]
            })
            .collect(),
        PageData::Catalog(rows) => rows
            .iter()
            .map(|s| {
                vec![
                    s.service_type_code.clone(),
                    s.service_type_name.clone(),
                    opt(&s.abbreviation),
                ]
            })
            .collect(),
        PageData::Ledger(rows) => rows
            .iter()
            .map(|r| {
                vec![
                    r.account_change_id.clone(),
                    r.trade_time.clone(),
                    r.trade_detail_type.clone(),
                    r.kind.clone(),
                    r.change_amount.clone(),
                    r.balance_after_change.clone(),
                    r.trade_id.clone(),
                    opt(&r.customer_id),
                    opt(&r.account_name),
                ]
            })
            .collect(),
        PageData::Spending(rows) => rows
            .iter()
            .map(|r| vec![r.customer_id.clone(), r.bill_cycle.clone()])
            .collect(),
        PageData::Coupons(rows) => rows
            .iter()
            .map(|c| {
                vec![
                    c.coupon_id.clone(),
                    c.customer_id.clone(),
                    c.coupon_type.to_string(),
                    money(c.face_value),
                    money(c.balance),
                    c.status.to_string(),
                    opt(&c.effective_time),
                    opt(&c.expire_time),
                    opt(&c.create_time),
                ]
            })
            .collect(),
        PageData::Renewals(rows) => rows
            .iter()
            .map(|r| {
                let x = &r.resource;
                vec![
                    x.resource_id.clone(),
                    x.resource_name.clone(),
                    r.customer_id.clone(),
                    r.customer_name.clone(),
                    x.service_type_code.clone(),
                    x.resource_type_code.clone(),
                    x.region_code.clone(),
                    x.status.to_string(),
                    x.effective_time.clone(),
                    x.expire_time.clone(),
                    x.expire_policy.to_string(),
                    x.product_id.clone(),
                ]
            })
            .collect(),
        PageData::History(rows) => rows
            .iter()
            .map(|e| {
                vec![
                    e.time.clone(),
                    e.profile.clone(),
                    e.partner.clone(),
                    e.operation.clone(),
                    e.target.clone(),
                    e.amount.map(money).unwrap_or_default(),
                    e.request_id.clone(),
                    e.outcome.clone(),
                ]
            })
            .collect(),
    }
}

/// The columns a CSV export adds after the API's own: names and labels in the user's
/// language, so that a spreadsheet reads words while the codes keep their columns.
pub fn label_header(query: &PageQuery) -> Vec<String> {
    let names: &[&str] = match query {
        PageQuery::Orders(_) => &["customer_name", "order_type_label", "status_label"],
        PageQuery::Customers(_) => &["association_label", "verified_label"],
        PageQuery::Contracts(_) => &["status_label", "next_due"],
        PageQuery::Funds(_) => &["operation_label"],
        PageQuery::History(_) => &["operation_label", "outcome_label", "name"],
        PageQuery::Renewals(_) => &["status_label", "expire_policy_label"],
        PageQuery::Ledger(_) => &["trade_label"],
        PageQuery::Spending(_) | PageQuery::ResellerSpending { .. } => &["customer_name"],
        PageQuery::Coupons(_) => &["customer_name", "type_label", "status_label"],
        PageQuery::Resellers(_) | PageQuery::Catalog(_) => &[],
    };
    names.iter().map(|n| n.to_string()).collect()
}

/// The label columns of one page's rows; `names` are customers' names by id (orders
/// carry only the id).
pub fn labels(
    page: &PageData,
    names: &std::collections::HashMap<String, String>,
) -> Vec<Vec<String>> {
    use crate::format as f;
    match page {
        PageData::Orders(rows) => rows
            .iter()
            .map(|o| {
                vec![
                    names.get(&o.customer_id).cloned().unwrap_or_default(),
                    f::order_type(o.order_type).into(),
                    f::order_status_for(o).into(),
                ]
            })
            .collect(),
        PageData::Customers(rows) => rows
            .iter()
            .map(|c| {
                vec![
                    f::association(c.association_type.as_deref()).into(),
                    f::verified(c.verified_status.as_deref()).into(),
                ]
            })
            .collect(),
        PageData::Contracts(rows) => rows
            .iter()
            .map(|c| vec![f::contract_status(&c.status).into(), opt(&c.next_due)])
            .collect(),
        PageData::Funds(rows) => rows
            .iter()
            .map(|r| vec![f::operation(&r.operation_type).into()])
            .collect(),
        PageData::History(rows) => rows
            .iter()
            .map(|e| {
                vec![
                    crate::audit::history_operation(&e.operation).into(),
                    crate::audit::history_outcome(&e.outcome),
                    opt(&e.name),
                ]
            })
            .collect(),
        PageData::Ledger(rows) => rows
            .iter()
            .map(|r| vec![f::trade_detail(&r.trade_detail_type).into()])
            .collect(),
        PageData::Renewals(rows) => rows
            .iter()
            .map(|r| {
                vec![
                    f::resource_status(r.resource.status).into(),
                    f::expire_policy(r.resource.expire_policy).into(),
                ]
            })
            .collect(),
        PageData::Spending(rows) => rows
            .iter()
            .map(|r| vec![names.get(&r.customer_id).cloned().unwrap_or_default()])
            .collect(),
        PageData::Coupons(rows) => rows
            .iter()
            .map(|c| {
                vec![
                    names.get(&c.customer_id).cloned().unwrap_or_default(),
                    f::coupon_type(c.coupon_type).into(),
                    f::coupon_status(c.status).into(),
                ]
            })
            .collect(),
        PageData::Resellers(rows) => vec![vec![]; rows.len()],
        PageData::Catalog(rows) => vec![vec![]; rows.len()],
    }
}

/// The header of a pane's CSV file: the API's columns, then the labels.
pub fn csv_header(query: &PageQuery) -> Vec<String> {
    let mut h = header(query);
    h.extend(label_header(query));
    h
}

/// The lines of one page in a CSV file: the API's columns, then the labels.
pub fn csv_rows(
    page: &PageData,
    names: &std::collections::HashMap<String, String>,
) -> Vec<Vec<String>> {
    rows(page)
        .into_iter()
        .zip(labels(page, names))
        .map(|(mut row, labels)| {
            row.extend(labels);
            row
        })
        .collect()
}

/// Where an export of `pane_name` made at `now` goes, and its partial name.
pub fn paths(
    dir: &Path,
    pane_name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> (PathBuf, PathBuf) {
    // To the millisecond: two exports in one second do not overwrite each other.
    let name = format!(
        "{}-{}.csv",
        pane_name.to_lowercase(),
        now.format("%Y%m%d-%H%M%S%3f")
    );
    let done = dir.join(name);
    let partial = partial_of(&done);
    (done, partial)
}

/// The name a file is written under until it is complete.
pub fn partial_of(done: &Path) -> PathBuf {
    let mut partial = done.to_path_buf().into_os_string();
    partial.push(".partial");
    PathBuf::from(partial)
}

/// Appends lines to the partial file.
pub fn append(file: &mut std::fs::File, lines: &[Vec<String>]) -> std::io::Result<()> {
    let mut buf = String::new();
    for l in lines {
        buf.push_str(&line(l));
    }
    file.write_all(buf.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("云数据库 RDS"), "云数据库 RDS");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-12.50"), "-12.50", "numbers stay numbers");
        assert_eq!(
            line(&["x".into(), "y,z".into()]),
            "x,\"y,z\"\r\n".to_string()
        );
    }
}
