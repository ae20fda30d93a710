//! Exactly once where Huawei keeps no request ids: on a BSS-only backend that cuts off
//! answers after it committed, a transfer is found in the adjust records and a new
//! customer in the customers list, instead of "unverifiable" for good.

use pc_api::partner_center::TransferTarget;
use pc_core::exec::{self, Evidence, Records};
use pc_core::ops::Operation;
use pc_core::outcome::ExecOutcome;
use pc_mock::seed::{PLATFORM_ID, Seed};
use pc_testkit as common;
use rust_decimal::Decimal;

fn temp_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("pc-reconcile-{}", uuid::Uuid::new_v4()))
}

async fn transfers_of(c: &pc_client::Client, target: &str, amount: &str) -> usize {
    c.list_partner_adjust_records(&pc_api::AdjustRecordsQuery {
        customer_id: Some(target.into()),
        limit: Some(100),
        ..Default::default()
    })
    .await
    .unwrap()
    .records
    .iter()
    .filter(|r| r.amount == amount)
    .count()
}

#[tokio::test]
async fn a_lost_answer_on_bss_alone_is_found_in_what_the_backend_shows() {
    let m = common::start_gateway(Seed::Demo, None, true).await;
    let c = common::client(&m, 0);
    let dir = temp_dir();
    let rec = Records::in_dir(&dir, "reconcile", "distributor");
    let customer = c
        .list_sub_customers(&Default::default())
        .await
        .unwrap()
        .customer_infos
        .into_iter()
        .find(|x| x.association_type.as_deref() == Some("2"))
        .expect("a reseller-model customer");
    let reseller = c
        .list_indirect_partners(&Default::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone();
    // Every answer is cut off after the commit.
    common::admin(&m, "/mock/faults", serde_json::json!({"drop_rate": 1.0})).await;
    for (to, target) in [
        (TransferTarget::CustomerAllocate, &customer.customer_id),
        (TransferTarget::ResellerAllocate, &reseller),
        (TransferTarget::CustomerRecall, &customer.customer_id),
    ] {
        let op = Operation::Transfer {
            to,
            target_id: target.clone(),
            target_name: "t".into(),
            amount: Decimal::new(1234, 2),
        };
        let done = exec::execute(&c, &rec, &common::rid(), &op, None, true).await;
        match &done.outcome {
            ExecOutcome::Applied(items) => {
                assert!(items[0].detail.contains("transaction"), "{items:?}")
            }
            other => panic!("{to:?}: {other:?}"),
        }
    }
    let create = Operation::CreateCustomer {
        account_name: "reconciled_co".into(),
        phone: None,
        email: Some("ops@reconciled.example".into()),
        xaccount_id: "x-reconciled_co".into(),
        xaccount_type: PLATFORM_ID.into(),
        code: Default::default(),
        domain_area: None,
        referral: true,
        reseller: None,
    };
    let done = exec::execute(&c, &rec, &common::rid(), &create, None, true).await;
    match &done.outcome {
        ExecOutcome::Applied(items) => assert!(items[0].detail.contains("reconciled_co")),
        other => panic!("create: {other:?}"),
    }
    // One for a reseller: found among the reseller's customers.
    let for_reseller = Operation::CreateCustomer {
        account_name: "reconciled_rs".into(),
        phone: None,
        email: Some("ops@reconciled-rs.example".into()),
        xaccount_id: "x-reconciled_rs".into(),
        xaccount_type: PLATFORM_ID.into(),
        code: Default::default(),
        domain_area: None,
        referral: true,
        reseller: Some(pc_core::ops::ForReseller {
            id: reseller.clone(),
            name: "r".into(),
        }),
    };
    let done = exec::execute(&c, &rec, &common::rid(), &for_reseller, None, true).await;
    common::admin(&m, "/mock/faults", serde_json::json!({})).await;
    match &done.outcome {
        ExecOutcome::Applied(items) => assert!(items[0].detail.contains("reconciled_rs")),
        other => panic!("create for a reseller: {other:?}"),
    }
    let theirs = c
        .list_sub_customers(&pc_api::ListSubCustomersReq {
            account_name: Some("reconciled_rs".into()),
            indirect_partner_id: Some(reseller.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(theirs.customer_infos.len(), 1, "the reseller's, once");
    // Each happened once.
    assert_eq!(transfers_of(&c, &customer.customer_id, "12.34").await, 2);
    assert_eq!(transfers_of(&c, &reseller, "12.34").await, 1);
    let found = c
        .list_sub_customers(&pc_api::ListSubCustomersReq {
            account_name: Some("reconciled_co".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.customer_infos.len(), 1);
    assert_eq!(
        found.customer_infos[0].association_type.as_deref(),
        Some("1"),
        "created as a referral customer (cooperation_type 1)"
    );
    // Nothing stays open in the journal.
    assert!(
        rec.journal
            .as_ref()
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn not_on_record_is_not_applied_and_twice_on_record_cannot_be_told() {
    let m = common::start_gateway(Seed::Demo, None, true).await;
    let c = common::client(&m, 0);
    let reseller = c
        .list_indirect_partners(&Default::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone();
    let op = Operation::Transfer {
        to: TransferTarget::ResellerAllocate,
        target_id: reseller.clone(),
        target_name: "t".into(),
        amount: Decimal::new(777, 2),
    };
    // An identical transfer a moment before this one was sent.
    c.transfer_bss(
        TransferTarget::ResellerAllocate,
        &reseller,
        Decimal::new(777, 2),
        &common::rid(),
    )
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let before = exec::evidence_before(&c, &op).await;
    assert!(before.seen.is_some());
    // Without the records seen before, the earlier one could be this one: undecided.
    let blind = Evidence {
        since: before.since,
        seen: None,
    };
    assert!(matches!(
        exec::resolve(&c, "lost", &op, 1, &blind).await,
        ExecOutcome::Unverifiable(_)
    ));
    // Never sent: nothing on record since, so not applied.
    assert_eq!(
        exec::resolve(&c, "never-sent", &op, 2, &before).await,
        ExecOutcome::NotApplied
    );
    // Sent twice (by another console too): with nothing seen before to tell them
    // apart, either could be this one.
    for _ in 0..2 {
        c.transfer_bss(
            TransferTarget::ResellerAllocate,
            &reseller,
            Decimal::new(777, 2),
            &common::rid(),
        )
        .await
        .unwrap();
    }
    assert!(matches!(
        exec::resolve(&c, "lost", &op, 1, &blind).await,
        ExecOutcome::Unverifiable(_)
    ));
    // Without a time to go by, nothing can be told.
    assert!(matches!(
        exec::resolve(&c, "lost", &op, 1, &Evidence::default()).await,
        ExecOutcome::Unverifiable(_)
    ));
}

#[tokio::test]
async fn not_on_record_on_a_backend_without_request_ids_is_never_sent_again() {
    // A BSS-only backend whose transfers fail with a bare 503 and show nothing: the
    // outcome is looked up, found nowhere, told as not applied — and not resent, as a
    // resend could not close the first attempt (a late arrival would apply twice).
    use axum::http::{Method, StatusCode};
    use axum::response::IntoResponse;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let posts = std::sync::Arc::new(AtomicUsize::new(0));
    let seen = posts.clone();
    let app = axum::Router::new().fallback(move |method: Method, uri: axum::http::Uri| {
        let seen = seen.clone();
        async move {
            if method == Method::POST {
                seen.fetch_add(1, Ordering::SeqCst);
                return (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response();
            }
            if uri.path() == "/v3/accounts/partner-accounts/adjust-records" {
                return axum::Json(serde_json::json!({"total_count": 0, "records": []}))
                    .into_response();
            }
            (
                StatusCode::NOT_FOUND,
                axum::Json(serde_json::json!({
                    "error_code": "APIGW.0101",
                    "error_msg": "The API does not exist or has not been published in the environment",
                })),
            )
                .into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let c = pc_client::Client::new(
        &format!("http://{addr}"),
        pc_client::Credentials::new("AKAKAKAKAKAKAKAKAKAK", "sk").with_domain("d"),
    )
    .unwrap();
    let dir = temp_dir();
    let rec = Records::in_dir(&dir, "keyless", "partner");
    let op = Operation::Transfer {
        to: TransferTarget::ResellerAllocate,
        target_id: "reseller".into(),
        target_name: "r".into(),
        amount: Decimal::new(500, 0),
    };
    let id = common::rid();
    // Not known to be BSS-only beforehand: found out from the status query's 404.
    let done = exec::execute(&c, &rec, &id, &op, None, false).await;
    assert_eq!(done.outcome, ExecOutcome::NotApplied);
    assert_eq!(done.sent_as, id, "sent once, under its own id");
    assert_eq!(posts.load(Ordering::SeqCst), 1);
    std::fs::remove_dir_all(dir).ok();
}

/// A reseller's quota given and taken back with every answer cut off: found among the
/// quotas given (a new one of the amount from the same quota; the quotas closed), each
/// once.
#[tokio::test]
async fn a_lost_answer_to_a_quota_write_is_found_among_the_quotas_given() {
    use pc_core::ops::QuotaToTake;
    let m = common::start_gateway(Seed::Demo, None, true).await;
    let c = common::client(&m, 0);
    let dir = temp_dir();
    let rec = Records::in_dir(&dir, "reconcile", "distributor");
    let reseller = common::first_reseller(&c).await;
    let quota = c
        .list_quota_coupons(&Default::default())
        .await
        .unwrap()
        .quotas
        .into_iter()
        .find(|q| q.quota_status == 0)
        .unwrap();
    common::admin(&m, "/mock/faults", serde_json::json!({"drop_rate": 1.0})).await;
    let give = Operation::GiveQuota {
        quota_id: quota.quota_id.clone(),
        quota_left: quota.balance,
        reseller_id: reseller.clone(),
        reseller_name: "r".into(),
        amount: Decimal::new(4321, 2),
    };
    let done = exec::execute(&c, &rec, &common::rid(), &give, None, true).await;
    let ExecOutcome::Applied(items) = &done.outcome else {
        panic!("give: {:?}", done.outcome);
    };
    common::admin(&m, "/mock/faults", serde_json::json!({})).await;
    let given: Vec<pc_api::IssuedQuota> =
        pc_core::query::issued_quotas(&c, Some(&reseller), Some(&quota.quota_id), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|q| q.quota_value == Decimal::new(4321, 2))
            .collect();
    assert_eq!(given.len(), 1, "given once");
    assert!(items[0].detail.contains(&given[0].quota_id), "{items:?}");
    let take = Operation::TakeQuota {
        reseller_id: reseller.clone(),
        reseller_name: "r".into(),
        quotas: vec![QuotaToTake {
            quota_id: given[0].quota_id.clone(),
            balance: given[0].balance,
        }],
    };
    common::admin(&m, "/mock/faults", serde_json::json!({"drop_rate": 1.0})).await;
    let done = exec::execute(&c, &rec, &common::rid(), &take, None, true).await;
    common::admin(&m, "/mock/faults", serde_json::json!({})).await;
    assert!(
        matches!(&done.outcome, ExecOutcome::Applied(items) if items.iter().all(|i| i.ok)),
        "take: {:?}",
        done.outcome
    );
    let after = pc_core::query::issued_quotas(&c, Some(&reseller), None, 100)
        .await
        .unwrap();
    let closed = after
        .iter()
        .find(|q| q.quota_id == given[0].quota_id)
        .unwrap();
    assert_eq!(closed.quota_status, 6);
    assert!(
        rec.journal
            .as_ref()
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
    std::fs::remove_dir_all(dir).ok();
}
