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
