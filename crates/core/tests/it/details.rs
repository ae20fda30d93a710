//! Details read whole: an unsubscription's detail says what it refunds.

use pc_testkit as common;

use pc_core::query::{DetailData, DetailQuery, load_detail};
use pc_mock::seed::Seed;

#[tokio::test]
async fn an_unsubscriptions_detail_carries_its_refund_and_others_none() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let orders = common::orders(&c).await;
    for (kind, refunds) in [(4, true), (1, false)] {
        let o = orders.iter().find(|o| o.order_type == kind).unwrap();
        match load_detail(&c, DetailQuery::Order(o.order_id.clone())).await {
            Ok(DetailData::Order(d, r)) => {
                assert_eq!(d.order_info.order_id, o.order_id);
                assert_eq!(!r.is_empty(), refunds, "order type {kind}: {r:?}");
            }
            other => panic!("{other:?}"),
        }
    }
}

/// A customer's detail carries its pay-per-use resources; a partner the API does not
/// serve (a government partner) still gets the detail, with the reason instead.
#[tokio::test]
async fn a_customers_detail_carries_its_pay_per_use_resources() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let mut seen = 0;
    for info in common::customers(&c, None).await.into_iter().take(5) {
        match load_detail(&c, DetailQuery::Customer(info.clone())).await {
            Ok(DetailData::Customer(got, _, Ok((resources, total)))) => {
                assert_eq!(got.customer_id, info.customer_id);
                assert_eq!(total as usize, resources.len());
                assert!(resources.iter().all(|r| r.customer_id == info.customer_id));
                seen += resources.len();
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(seen > 0, "the demo's customers use something on demand");
    let gov = common::client(&m, 2);
    let info = common::customers(&gov, None).await.remove(0);
    match load_detail(&gov, DetailQuery::Customer(info)).await {
        Ok(DetailData::Customer(_, _, Err(why))) => assert!(!why.is_empty()),
        other => panic!("{other:?}"),
    }
}

/// A coupon's detail carries its records: the issuing one names the quota it came from.
#[tokio::test]
async fn a_coupons_detail_names_the_quota_it_came_from() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let coupons = c
        .list_issued_partner_coupons(&pc_api::IssuedCouponsQuery {
            limit: Some(10),
            ..Default::default()
        })
        .await
        .unwrap()
        .user_coupons;
    let reclaimed = coupons.iter().find(|k| k.status == 5).unwrap();
    match load_detail(&c, DetailQuery::Coupon(reclaimed.clone(), None)).await {
        Ok(DetailData::Coupon(k, records)) => {
            assert_eq!(k.coupon_id, reclaimed.coupon_id);
            let kinds: Vec<&str> = records.iter().map(|r| r.operation_type.as_str()).collect();
            assert!(kinds.contains(&"1") && kinds.contains(&"2"), "{kinds:?}");
            assert!(records.iter().all(|r| r.coupon_id == k.coupon_id));
            assert!(!records[0].quota_id.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

/// Pending orders' pay-before times, read from their details: each told once.
#[tokio::test]
async fn pending_orders_deadlines_are_read_from_their_details() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let pending: Vec<String> = common::orders(&c)
        .await
        .into_iter()
        .filter(|o| o.status == 6)
        .map(|o| o.order_id)
        .take(8)
        .collect();
    assert!(!pending.is_empty());
    let mut told = vec![];
    pc_core::query::deadlines(&c, pending.clone(), &mut |id, t| told.push((id, t))).await;
    assert_eq!(told.len(), pending.len());
    assert!(
        told.iter()
            .all(|(_, t)| t.as_deref().and_then(pc_core::format::parse_time).is_some()),
        "every pending order has its time: {told:?}"
    );
    // An order that is not there is not told, and nothing fails.
    let mut none = vec![];
    pc_core::query::deadlines(&c, vec!["CS-NOPE".into()], &mut |id, t| none.push((id, t))).await;
    assert!(none.is_empty());
}

/// A reseller's spending: its customers are listed with the reseller's id, and their
/// bills read with it; without it they are not the distributor's to read.
#[tokio::test]
async fn a_resellers_customers_bills_are_read_with_its_id() {
    use pc_core::exec::Records;
    use pc_core::query::{PageData, PageQuery, load_page};
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let reseller = common::first_reseller(&c).await;
    let month = common::last_month();
    let q = PageQuery::ResellerSpending {
        reseller: reseller.clone(),
        bill_cycle: month.clone(),
    };
    let (total, data) = load_page(&c, &Records::default(), q, 0, 100).await.unwrap();
    let PageData::Spending(rows) = data else {
        panic!("{data:?}")
    };
    assert!(total > 0 && rows.len() as i64 == total, "{total} {rows:?}");
    assert!(rows.iter().all(|r| r.bill_cycle == month));
    let mut spent = rust_decimal::Decimal::ZERO;
    for r in &rows {
        let m = pc_core::spending::month(&c, &r.customer_id, &month, Some(&reseller))
            .await
            .unwrap();
        spent += m.total;
    }
    assert!(
        spent > rust_decimal::Decimal::ZERO,
        "the reseller's customers consumed"
    );
    assert!(
        pc_core::spending::month(&c, &rows[0].customer_id, &month, None)
            .await
            .is_err(),
        "not the distributor's own customer"
    );
}

/// In a reseller's scope, `customer:NAME` on Orders names one of the reseller's
/// customers (the partner's own are looked up otherwise).
#[tokio::test]
async fn a_resellers_customer_is_found_by_name_in_its_scope() {
    use pc_core::exec::Records;
    use pc_core::query::{PageData, PageQuery, load_page};
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let reseller = common::first_reseller(&c).await;
    let theirs = c
        .list_sub_customers(&pc_api::ListSubCustomersReq {
            indirect_partner_id: Some(reseller.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .remove(0);
    let q = |scope: Option<String>| {
        PageQuery::Orders(pc_api::CustomerOrdersQuery {
            customer_id: Some(theirs.account_name.clone()),
            indirect_partner_id: scope,
            ..Default::default()
        })
    };
    let (_, data) = load_page(&c, &Records::default(), q(Some(reseller)), 0, 100)
        .await
        .unwrap();
    let PageData::Orders(rows) = data else {
        panic!("{data:?}")
    };
    assert!(!rows.is_empty() && rows.iter().all(|o| o.customer_id == theirs.customer_id));
    assert!(
        load_page(&c, &Records::default(), q(None), 0, 100)
            .await
            .is_err(),
        "not among the partner's own"
    );
}

/// Part of an order id finds the orders whose id holds it among the newest (the API
/// finds whole ids only); a whole id is asked of the API as it is.
#[tokio::test]
async fn part_of_an_order_id_finds_the_orders_that_hold_it() {
    use pc_core::exec::Records;
    use pc_core::query::{PageData, PageQuery, load_page};
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let find = |id: &str| {
        PageQuery::Orders(pc_api::CustomerOrdersQuery {
            order_id: Some(id.into()),
            ..Default::default()
        })
    };
    let ids = |data: PageData| match data {
        PageData::Orders(rows) => rows.into_iter().map(|o| o.order_id).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let (total, data) = load_page(&c, &Records::default(), find("demo-ok-"), 0, 50)
        .await
        .unwrap();
    let found = ids(data);
    assert_eq!(total as usize, found.len());
    assert!(found.len() >= 5, "{found:?}");
    assert!(
        found.iter().all(|id| id.starts_with("CS-DEMO-OK-")),
        "{found:?}"
    );
    let (total, data) = load_page(&c, &Records::default(), find("CS-DEMO-OK-1"), 0, 50)
        .await
        .unwrap();
    assert_eq!((total, ids(data)), (1, vec!["CS-DEMO-OK-1".to_string()]));
    let (total, _) = load_page(&c, &Records::default(), find("NO-SUCH-PART"), 0, 50)
        .await
        .unwrap();
    assert_eq!(total, 0);
}
