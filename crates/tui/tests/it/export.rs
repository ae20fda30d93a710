//! `e` end to end: the worker pages through every row matching the filter and writes
//! one CSV (quoted where needed, phones masked); a cancelled export leaves no file.

use crate::common;

use std::time::Duration;

use common::driver::Driver;
use crossterm::event::KeyCode;
use pc_api::CustomerOrdersQuery;
use pc_mock::seed::Seed;

fn temp_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("pc-export-{}", uuid::Uuid::new_v4().simple()))
}

fn csv_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.join("exports"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn exports_every_matching_row_across_pages() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    d.until("the orders", |s| !s.orders.rows.is_empty()).await;
    d.key(KeyCode::Char('e'));
    d.until("the export", |s| s.export.is_none()).await;
    let toast = d.state.toasts.last().unwrap().text.clone();
    assert!(toast.starts_with("Exported 250 rows of Orders"), "{toast}");
    let files = csv_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 BOM for spreadsheets");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("order_id,customer_id,service_type_code"));
    // Every order the API lists, once, across three pages of 100.
    let total = common::client(&m, 0)
        .list_customer_orders(&CustomerOrdersQuery::default())
        .await
        .unwrap()
        .total_count;
    assert_eq!(lines.len() as i64 - 1, total);
    let ids: std::collections::HashSet<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len() as i64, total);
    assert!(ids.contains("CS-DEMO-OK-1"));
    assert!(text.contains("云数据库 RDS"), "Chinese names as they are");
    // The codes keep their columns; names and labels follow.
    assert!(
        lines[0].ends_with(",customer_name,order_type_label,status_label"),
        "{}",
        lines[0]
    );
    let ok1 = lines
        .iter()
        .find(|l| l.starts_with("CS-DEMO-OK-1,"))
        .unwrap();
    assert!(
        ok1.ends_with(",Acme Robotics Ltd,new,asks you"),
        "the customer by name, type and status in words: {ok1}"
    );
    let unnamed: Vec<&&str> = lines[1..]
        .iter()
        .filter(|l| l.rsplit(',').nth(2).is_none_or(str::is_empty))
        .collect();
    assert!(
        unnamed.is_empty(),
        "every order's customer is named: {unnamed:?}"
    );

    // Customers: phones are masked.
    d.key(KeyCode::Char('1'));
    d.until("the customers", |s| !s.customers.rows.is_empty())
        .await;
    d.key(KeyCode::Char('e'));
    d.until("the export", |s| s.export.is_none()).await;
    let customers = csv_files(&dir)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("customers-"))
        .unwrap();
    let text = std::fs::read_to_string(customers).unwrap();
    assert!(text.contains("****"), "masked phones");
    assert!(text.contains(",association_label,verified_label"), "{text}");
    assert!(
        text.contains(",referral,") || text.contains(",reseller,"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_cancelled_export_leaves_no_file() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    d.until("the orders", |s| !s.orders.rows.is_empty()).await;
    // Slow every call down, so that the export is still under way when Esc comes.
    let resp = reqwest::Client::new()
        .post(format!("{}/mock/faults", m.endpoint()))
        .header("X-Mock-Admin", common::ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        .body(r#"{"delay_ms": 300}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    d.key(KeyCode::Char('e'));
    d.until("the first page", |s| {
        s.export.as_ref().is_some_and(|e| e.rows > 0)
    })
    .await;
    d.key(KeyCode::Esc);
    assert!(d.state.export.is_none());
    // The worker removes the partial file once it has stopped the task.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(csv_files(&dir).is_empty(), "{:?}", csv_files(&dir));
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn e_in_a_contract_detail_saves_its_bill() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    d.key(KeyCode::Char('3'));
    d.until("the contracts", |s| !s.contracts.rows.is_empty())
        .await;
    d.key(KeyCode::Enter);
    d.until("the detail", |s| {
        matches!(s.detail, Some(pc_tui::app::Detail::Ready(_)))
    })
    .await;
    d.key(KeyCode::Char('e'));
    d.until("the bill", |s| {
        s.toasts.iter().any(|t| t.text.contains("saved to"))
    })
    .await;
    let files = csv_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().contains("-bill-"));
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.starts_with("contract_id,"));
    assert!(text.lines().count() > 1);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn history_exports_every_entry_even_within_one_second() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let audit = pc_core::audit::AuditLog::new(&dir.join("audit.jsonl"));
    for i in 0..3 {
        audit
            .append(&pc_core::audit::AuditEntry {
                time: "2026-11-23T01:00:00Z".into(),
                profile: "test".into(),
                partner: "p".into(),
                operation: "reseller_allocate".into(),
                target: format!("r{i}"),
                name: None,
                amount: None,
                request_id: format!("req-{i}"),
                outcome: "applied".into(),
            })
            .unwrap();
    }
    let mut d = Driver::start(&m, &dir);
    d.key(KeyCode::Char('7'));
    d.until("the history", |s| s.history.rows.len() == 3).await;
    d.key(KeyCode::Char('e'));
    d.until("the export", |s| s.export.is_none()).await;
    let file = csv_files(&dir)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("history-"))
        .unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.lines().count(), 4, "a header and 3 entries: {text}");
    std::fs::remove_dir_all(dir).ok();
}

/// The money desk's lists export whole: every resource gathered (several of a
/// customer's each once), every account record, the month's customers by name.
#[tokio::test]
async fn the_money_desk_exports_every_row() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    d.until("the orders", |s| !s.orders.rows.is_empty()).await;
    let lines_of = |dir: &std::path::Path, name: &str| -> Vec<String> {
        let file = csv_files(dir)
            .into_iter()
            .find(|p| p.to_string_lossy().contains(name))
            .unwrap_or_else(|| panic!("no {name} export"));
        let text = std::fs::read_to_string(file).unwrap();
        text.trim_start_matches('\u{feff}')
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Renewals.
    d.key(KeyCode::Char('8'));
    d.until("the gathering", |s| {
        s.renewals.pending.is_none() && !s.renewals.rows.is_empty()
    })
    .await;
    let gathered = d.state.renewals.rows.len();
    let several = {
        let mut ids: Vec<&str> = d
            .state
            .renewals
            .rows
            .iter()
            .map(|r| r.customer_id.as_str())
            .collect();
        ids.sort();
        ids.windows(2).any(|w| w[0] == w[1])
    };
    assert!(several, "some customer has two resources to renew");
    d.key(KeyCode::Char('e'));
    d.until("the export", |s| s.export.is_none()).await;
    let lines = lines_of(&dir, "renewals-");
    assert!(lines[0].starts_with("resource_id,"), "{}", lines[0]);
    assert_eq!(lines.len() - 1, gathered, "every resource once");
    // The account's records.
    d.key(KeyCode::Char('5'));
    d.key(KeyCode::Char('l'));
    d.until("the records", |s| s.ledger.total.is_some()).await;
    let total = d.state.ledger.total.unwrap() as usize;
    d.key(KeyCode::Char('e'));
    d.until("the export", |s| s.export.is_none()).await;
    let lines = lines_of(&dir, "funds-");
    assert_eq!(lines.len() - 1, total);
    assert!(lines[0].ends_with(",trade_label"), "{}", lines[0]);
    // Spending: the month's customers, named.
    d.key(KeyCode::Char('9'));
    d.until("the spending", |s| s.spending.total.is_some())
        .await;
    let total = d.state.spending.total.unwrap() as usize;
    d.key(KeyCode::Char('e'));
    d.until("the export", |s| s.export.is_none()).await;
    let lines = lines_of(&dir, "spending-");
    assert_eq!(lines.len() - 1, total);
    assert!(
        lines[1..].iter().all(|l| !l.ends_with(',')),
        "every customer named: {lines:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}
