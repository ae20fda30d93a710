//! The Renewals desk's gathering against the demo mock: every customer read, the
//! soonest kept in order, progress told as it goes, one customer by name, and the
//! gateway's flow control waited out.

use pc_testkit as common;

use pc_api::*;
use pc_core::renewals::{Progress, Renewal, RenewalsQuery, gather};
use pc_mock::seed::Seed;

/// Every resource of the window, asked customer by customer the plain way.
async fn by_hand(c: &pc_client::Client, q: &RenewalsQuery) -> Vec<String> {
    let now = chrono::Utc::now();
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let customers = common::customers(c, None).await;
    let mut all = Vec::new();
    for cu in customers {
        let r = c
            .list_pay_per_use_customer_resources(&QueryResourcesReq {
                customer_id: Some(cu.customer_id),
                status_list: Some(vec![RESOURCE_IN_USE, RESOURCE_EXPIRED, RESOURCE_FROZEN]),
                expire_time_begin: Some(fmt(now - chrono::TimeDelta::days(30))),
                expire_time_end: Some(fmt(now + chrono::TimeDelta::days(q.within_days))),
                limit: Some(100),
                ..Default::default()
            })
            .await
            .unwrap();
        all.extend(r.data.into_iter().map(|x| (x.expire_time, x.id)));
    }
    all.sort();
    all.into_iter().map(|(_, id)| id).collect()
}

fn ids(rows: &[Renewal]) -> Vec<String> {
    rows.iter().map(|r| r.resource.id.clone()).collect()
}

#[tokio::test]
async fn renewals_are_gathered_across_customers_soonest_first() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    for days in [30, 90] {
        let q = RenewalsQuery {
            within_days: days,
            ..Default::default()
        };
        let mut told: Vec<Progress> = Vec::new();
        let (progress, rows) = gather(&c, &q, chrono::Utc::now(), &mut |p, _| told.push(p))
            .await
            .unwrap();
        assert_eq!(ids(&rows), by_hand(&c, &q).await, "within {days} days");
        assert!(progress.done() && progress.customers >= 40, "{progress:?}");
        assert_eq!(progress.found as usize, rows.len());
        assert!(told.len() >= 4, "told every ten customers: {told:?}");
        assert!(told.windows(2).all(|w| w[0].read <= w[1].read));
        assert!(rows.iter().all(|r| !r.customer_name.is_empty()));
    }
    // One customer, by company name.
    let q = RenewalsQuery {
        within_days: 90,
        customer: Some("极光".into()),
        ..Default::default()
    };
    let (progress, rows) = gather(&c, &q, chrono::Utc::now(), &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(progress.customers, 1);
    assert!(
        rows.iter()
            .all(|r| r.customer_name == "杭州极光网络科技有限公司")
    );
    // Statuses asked for.
    let q = RenewalsQuery {
        within_days: 90,
        statuses: vec![RESOURCE_EXPIRED],
        ..Default::default()
    };
    let (_, rows) = gather(&c, &q, chrono::Utc::now(), &mut |_, _| {})
        .await
        .unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.resource.status == RESOURCE_EXPIRED));
}

/// Behind the gateway's flow control (10 calls a second per API), the gathering is
/// slowed, never failed.
#[tokio::test]
async fn a_gathering_waits_out_the_gateways_flow_control() {
    let m = common::start_gateway(Seed::Demo, Some(10), false).await;
    let c = common::client(&m, 0);
    let q = RenewalsQuery::default();
    let (progress, rows) = gather(&c, &q, chrono::Utc::now(), &mut |_, _| {})
        .await
        .unwrap();
    assert!(progress.done());
    let plain = common::start(Seed::Demo).await;
    let (_, expected) = gather(
        &common::client(&plain, 0),
        &q,
        chrono::Utc::now(),
        &mut |_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(rows.len(), expected.len());
}

/// A partner with more resources than the desk keeps: the soonest are kept, in order,
/// and the title can say how many more there are.
#[tokio::test]
async fn a_large_partner_keeps_the_soonest_only() {
    // 20,000 orders bring a thousand more customers, and some 1,500 resources.
    let m = common::start(Seed::Large(20_000)).await;
    let c = common::client(&m, 0);
    let q = RenewalsQuery {
        within_days: 365,
        ..Default::default()
    };
    let (progress, rows) = gather(&c, &q, chrono::Utc::now(), &mut |_, _| {})
        .await
        .unwrap();
    assert!(progress.customers > 1_000, "{progress:?}");
    assert_eq!(rows.len(), pc_core::renewals::KEEP);
    assert!(progress.found > rows.len() as i64, "{progress:?}");
    assert!(
        rows.windows(2)
            .all(|w| w[0].resource.expire_time <= w[1].resource.expire_time)
    );
}
