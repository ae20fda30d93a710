//! Customers by name: the names of the orders' customers, and `customer:` on Orders
//! naming a customer by account name, company name or id, against the demo mock.

use pc_testkit as common;

use pc_api::*;
use pc_client::ClientError;
use pc_core::query::{PageData, PageQuery, customer_names, find_customer, load_page};
use pc_mock::seed::Seed;

#[tokio::test]
async fn a_customer_is_found_by_account_company_name_or_id_and_must_be_one() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let by_company = find_customer(&c, "极光").await.unwrap();
    assert_eq!(by_company.account_name, "jiguang_net");
    assert_eq!(
        find_customer(&c, "jiguang_net").await.unwrap().customer_id,
        by_company.customer_id
    );
    match find_customer(&c, "科技").await {
        Err(ClientError::InvalidInput(e)) => {
            assert!(e.contains("matches") && e.contains("customers"), "{e}")
        }
        other => panic!("several customers: {other:?}"),
    }
    match find_customer(&c, "nobody_here").await {
        Err(ClientError::InvalidInput(e)) => assert!(e.contains("No customer"), "{e}"),
        other => panic!("no customer: {other:?}"),
    }

    // customer:极光 on Orders lists that customer's orders only.
    let (total, rows) = load_page(
        &c,
        &Default::default(),
        PageQuery::Orders(CustomerOrdersQuery {
            customer_id: Some("极光".into()),
            ..Default::default()
        }),
        0,
        50,
    )
    .await
    .unwrap();
    let PageData::Orders(rows) = rows else {
        panic!()
    };
    assert!(total > 0 && !rows.is_empty());
    assert!(rows.iter().all(|o| o.customer_id == by_company.customer_id));

    // The orders' customers by name, from the list; an id that is not a customer of
    // the partner has none once the whole list was read.
    let mut reads = vec![];
    customer_names(
        &c,
        vec![by_company.customer_id.clone(), "0".repeat(32)],
        false,
        &mut |r| reads.push(r),
    )
    .await;
    let found: Vec<_> = reads.iter().flat_map(|r| r.found.clone()).collect();
    assert_eq!(
        found,
        vec![
            (
                by_company.customer_id.clone(),
                Some("杭州极光网络科技有限公司".to_string())
            ),
            ("0".repeat(32), None),
        ]
    );
    assert_eq!(
        reads.len(),
        2,
        "one page of 44 customers, then the one not there"
    );
    assert!(reads.iter().all(|r| r.listed));
    // With the list read already, an unknown id is asked for alone.
    let mut reads = vec![];
    customer_names(&c, vec![by_company.customer_id.clone()], true, &mut |r| {
        reads.push(r)
    })
    .await;
    assert_eq!(
        reads[0].found,
        vec![(
            by_company.customer_id.clone(),
            Some("杭州极光网络科技有限公司".into())
        )]
    );
}
