//! The money desk's reads against the mock: customers' yearly/monthly resources.

use pc_testkit as common;

use common::{admin, client, start};
use pc_api::error::codes;
use pc_api::*;
use pc_client::ClientError;
use pc_mock::seed::Seed;

fn code(r: Result<impl std::fmt::Debug, ClientError>) -> (u16, String) {
    match r {
        Err(ClientError::Api { status, code, .. }) => (status, code),
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn customer_ids(c: &pc_client::Client) -> Vec<String> {
    customer_ids_of(c, None).await
}

fn of(customer: &str) -> QueryResourcesReq {
    QueryResourcesReq {
        customer_id: Some(customer.into()),
        limit: Some(100),
        ..Default::default()
    }
}

#[tokio::test]
async fn yearly_monthly_resources_are_read_per_customer() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let ids = customer_ids(&c).await;
    let mut per_customer = Vec::new();
    for id in &ids {
        let r = c
            .list_pay_per_use_customer_resources(&of(id))
            .await
            .unwrap();
        assert_eq!(r.total_count as usize, r.data.len());
        let mut sorted = r.data.clone();
        sorted.sort_by(|a, b| a.expire_time.cmp(&b.expire_time));
        assert_eq!(sorted, r.data, "soonest expiry first");
        per_customer.push((id.clone(), r.data));
    }
    let all: Vec<OrderInstance> = per_customer.iter().flat_map(|(_, r)| r.clone()).collect();
    assert!(all.len() >= 40, "{} resources", all.len());
    for status in [RESOURCE_IN_USE, RESOURCE_EXPIRED, RESOURCE_FROZEN] {
        assert!(
            all.iter().any(|r| r.status == status),
            "the demo has resources of status {status}"
        );
    }
    assert!(
        all.iter()
            .any(|r| r.expire_policy == EXPIRE_POLICY_AUTO_RENEW)
    );
    assert!(
        all.iter()
            .all(|r| !r.service_type_name.is_empty() && !r.resource_type_name.is_empty())
    );
    let now = chrono::Utc::now();
    let within = |r: &OrderInstance, lo: i64, hi: i64| {
        let t = chrono::DateTime::parse_from_rfc3339(&r.expire_time).unwrap();
        let days = (t.with_timezone(&chrono::Utc) - now).num_days();
        (lo..=hi).contains(&days)
    };
    assert!(
        all.iter().any(|r| within(r, 60, 90)),
        "some expire in 60-90 days"
    );
    assert!(
        all.iter().any(|r| within(r, 0, 30)),
        "some expire within 30 days"
    );

    // The expiry window and the status filter.
    let begin = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let end = (now + chrono::TimeDelta::days(30))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    for id in &ids {
        let r = c
            .list_pay_per_use_customer_resources(&QueryResourcesReq {
                expire_time_begin: Some(begin.clone()),
                expire_time_end: Some(end.clone()),
                status_list: Some(vec![RESOURCE_IN_USE]),
                ..of(id)
            })
            .await
            .unwrap();
        assert!(r.data.iter().all(|x| x.status == RESOURCE_IN_USE
            && x.expire_time >= begin
            && x.expire_time <= end));
    }

    // Paging: offset and limit over one customer's resources.
    let (rich, _) = per_customer.iter().max_by_key(|(_, r)| r.len()).unwrap();
    let whole = c
        .list_pay_per_use_customer_resources(&of(rich))
        .await
        .unwrap();
    let mut paged = Vec::new();
    for offset in 0..whole.total_count {
        let r = c
            .list_pay_per_use_customer_resources(&QueryResourcesReq {
                offset: Some(offset),
                limit: Some(1),
                ..of(rich)
            })
            .await
            .unwrap();
        assert_eq!(r.total_count, whole.total_count);
        paged.extend(r.data);
    }
    assert_eq!(paged, whole.data);

    // Time passes: a resource in use expires into its grace period, then is frozen.
    let soon = all
        .iter()
        .filter(|r| r.status == RESOURCE_IN_USE && within(r, 1, 5))
        .min_by(|a, b| a.expire_time.cmp(&b.expire_time))
        .expect("a resource expiring within five days")
        .clone();
    for (days, status) in [(7, RESOURCE_EXPIRED), (25, RESOURCE_FROZEN)] {
        admin(
            &m,
            "/mock/clock",
            serde_json::json!({ "offset_seconds": days * 86_400 }),
        )
        .await;
        let mut found = None;
        for id in &ids {
            let r = c
                .list_pay_per_use_customer_resources(&of(id))
                .await
                .unwrap();
            if let Some(x) = r.data.into_iter().find(|x| x.id == soon.id) {
                found = Some(x);
            }
        }
        assert_eq!(found.unwrap().status, status, "{days} days on");
    }
}

#[tokio::test]
async fn resources_need_a_customer_of_ones_own_and_a_partner_that_may_ask() {
    let m = start(Seed::Demo).await;
    let distributor = client(&m, 0);
    let provider = client(&m, 1);
    let government = client(&m, 2);
    let theirs = customer_ids(&provider).await;
    // No customer named: a parameter error, as the API documents for partners.
    let (status, code_) = code(
        distributor
            .list_pay_per_use_customer_resources(&QueryResourcesReq::default())
            .await,
    );
    assert_eq!((status, code_.as_str()), (400, codes::PARAMETER_ERROR));
    // Another partner's customer.
    let (_, code_) = code(
        distributor
            .list_pay_per_use_customer_resources(&of(&theirs[0]))
            .await,
    );
    assert_eq!(code_, codes::NOT_YOUR_CUSTOMER);
    // The solution provider reads its own.
    provider
        .list_pay_per_use_customer_resources(&of(&theirs[0]))
        .await
        .unwrap();
    // A government partner may not ask.
    let own = customer_ids(&government).await;
    let (status, code_) = code(
        government
            .list_pay_per_use_customer_resources(&of(&own[0]))
            .await,
    );
    assert_eq!((status, code_.as_str()), (403, codes::ACCESS_DENIED));
    // Bad input.
    for bad in [
        QueryResourcesReq {
            status_list: Some(vec![7]),
            ..of(&theirs[0])
        },
        QueryResourcesReq {
            limit: Some(0),
            ..of(&theirs[0])
        },
        QueryResourcesReq {
            only_main_resource: Some(2),
            ..of(&theirs[0])
        },
        QueryResourcesReq {
            expire_time_begin: Some("tomorrow".into()),
            ..of(&theirs[0])
        },
        QueryResourcesReq {
            resource_ids: Some((0..51).map(|i| i.to_string()).collect()),
            ..of(&theirs[0])
        },
    ] {
        let (status, _) = code(provider.list_pay_per_use_customer_resources(&bad).await);
        assert_eq!(status, 400, "{bad:?}");
    }
}

fn debit() -> AccountChangeRecordsQuery {
    AccountChangeRecordsQuery {
        balance_type: BALANCE_TYPE_DEBIT.into(),
        limit: Some(100),
        ..Default::default()
    }
}

async fn all_records(
    c: &pc_client::Client,
    q: AccountChangeRecordsQuery,
) -> Vec<AccountChangeRecord> {
    let mut out = Vec::new();
    loop {
        let r = c
            .list_partner_account_change_records(&AccountChangeRecordsQuery {
                offset: Some(out.len() as i64),
                ..q.clone()
            })
            .await
            .unwrap();
        let n = r.records.len();
        out.extend(r.records);
        if n == 0 || out.len() as i64 >= r.total_count {
            return out;
        }
    }
}

fn yuan(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

/// The records of a year add up to the balance, each says the balance after it, and
/// a transfer or a payment made now is recorded at once, on both sides of a transfer.
#[tokio::test]
async fn account_change_records_add_up_to_the_balance() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let balance = |c: pc_client::Client| async move {
        c.list_partner_balances(&PartnerBalancesQuery::default())
            .await
            .unwrap()
            .account_balances
            .into_iter()
            .find(|a| a.account_type == ACCOUNT_BALANCE)
            .unwrap()
            .amount
    };
    let records = all_records(&c, debit()).await;
    assert!(records.len() >= 30, "{}", records.len());
    // Newest first; each record's balance after is the next one's plus its change.
    assert_eq!(
        yuan(&records[0].balance_after_change),
        balance(c.clone()).await
    );
    for w in records.windows(2) {
        let (newer, older) = (&w[0], &w[1]);
        assert!(newer.trade_time >= older.trade_time);
        let sign = if newer.kind == "1" { 1 } else { -1 };
        assert_eq!(
            yuan(&older.balance_after_change)
                + yuan(&newer.change_amount) * rust_decimal::Decimal::from(sign),
            yuan(&newer.balance_after_change),
            "{newer:?} after {older:?}"
        );
    }
    for kind in [
        "SOURCE_OPERAIION_RECHARGE",
        "SOURCE_OPERAIION_DEDEUCT",
        "SOURCE_OPERATION_BEADJUST",
    ] {
        assert!(
            records.iter().any(|r| r.trade_detail_type == kind),
            "{kind}"
        );
    }
    assert!(
        records
            .iter()
            .filter(|r| r.trade_detail_type == "SOURCE_OPERATION_BEADJUST")
            .all(|r| r.customer_id.is_some() && r.account_name.is_some())
    );

    // A transfer to a reseller: an expense here, an income on the reseller's side.
    let reseller = common::first_reseller(&c).await;
    let sent = c
        .update_indirect_partner_account(&IndirectPartnerAmountReq {
            indirect_partner_id: reseller.clone(),
            amount: "12.34".parse().unwrap(),
        })
        .await
        .unwrap()
        .transfer_id;
    let newest = &all_records(&c, debit()).await[0];
    assert_eq!(newest.trade_id, sent);
    assert_eq!(
        (newest.kind.as_str(), newest.change_amount.as_str()),
        ("2", "12.34")
    );
    assert_eq!(newest.customer_id.as_deref(), Some(reseller.as_str()));
    assert_eq!(yuan(&newest.balance_after_change), balance(c.clone()).await);
    let theirs = all_records(
        &c,
        AccountChangeRecordsQuery {
            indirect_partner_id: Some(reseller.clone()),
            ..debit()
        },
    )
    .await;
    assert_eq!(theirs[0].trade_id, sent);
    assert_eq!(theirs[0].kind, "1");

    // Filters: the trade type, and the days (UTC+8) of a window.
    let recharges = all_records(
        &c,
        AccountChangeRecordsQuery {
            trade_type: Some("RECHARGE".into()),
            ..debit()
        },
    )
    .await;
    assert!(!recharges.is_empty());
    assert!(
        recharges
            .iter()
            .all(|r| r.trade_detail_type == "SOURCE_OPERAIION_RECHARGE")
    );
    let today = (chrono::Utc::now() + chrono::TimeDelta::hours(8))
        .format("%Y-%m-%d")
        .to_string();
    let recent = all_records(
        &c,
        AccountChangeRecordsQuery {
            trade_time_begin: Some(today.clone()),
            trade_time_end: Some(today.clone()),
            ..debit()
        },
    )
    .await;
    assert_eq!(recent.iter().filter(|r| r.trade_id == sent).count(), 1);
}

#[tokio::test]
async fn account_change_records_refuse_what_the_api_refuses() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    for bad in [
        AccountChangeRecordsQuery::default(),
        AccountChangeRecordsQuery {
            balance_type: "BALANCE_TYPE_BONUS".into(),
            ..Default::default()
        },
        AccountChangeRecordsQuery {
            trade_type: Some("GIFT".into()),
            ..debit()
        },
        AccountChangeRecordsQuery {
            trade_time_begin: Some("2024-01-01".into()),
            trade_time_end: Some("2025-06-01".into()),
            ..debit()
        },
        AccountChangeRecordsQuery {
            trade_time_begin: Some("2025-06-02".into()),
            trade_time_end: Some("2025-06-01".into()),
            ..debit()
        },
        AccountChangeRecordsQuery {
            trade_time_begin: Some("2025-06-01T00:00:00Z".into()),
            ..debit()
        },
        AccountChangeRecordsQuery {
            limit: Some(101),
            ..debit()
        },
    ] {
        let (status, code_) = code(c.list_partner_account_change_records(&bad).await);
        assert_eq!(
            (status, code_.as_str()),
            (400, codes::PARAMETER_ERROR),
            "{bad:?}"
        );
    }
    let (_, code_) = code(
        c.list_partner_account_change_records(&AccountChangeRecordsQuery {
            indirect_partner_id: Some("not-a-reseller".into()),
            ..debit()
        })
        .await,
    );
    assert_eq!(code_, codes::NOT_YOUR_RESELLER);
    let (status, code_) = code(
        client(&m, 2)
            .list_partner_account_change_records(&debit())
            .await,
    );
    assert_eq!((status, code_.as_str()), (403, codes::ACCESS_DENIED));
}

async fn every_line(c: &pc_client::Client, q: SubCustomerBillQuery) -> Vec<FeeRecord> {
    let mut out = Vec::new();
    loop {
        let r = c
            .list_sub_customer_bill_detail(&SubCustomerBillQuery {
                offset: Some(out.len() as i64),
                limit: Some(100),
                ..q.clone()
            })
            .await
            .unwrap();
        let n = r.fee_records.len();
        out.extend(r.fee_records);
        if n == 0 || out.len() as i64 >= r.total_count {
            return out;
        }
    }
}

/// Who consumed last month, each one's bill, and the monthly sums per service that
/// add the bills' lines up (reseller-type customers; both charging modes).
#[tokio::test]
async fn consumption_bills_and_monthly_sums_agree() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let month = common::last_month();
    let consumed = c
        .list_consume_sub_customers(&ConsumeSubCustomersReq {
            bill_cycle: month.clone(),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(consumed.total_count >= 40, "{}", consumed.total_count);
    assert_eq!(consumed.sub_customers.len() as i64, consumed.total_count);
    let page = c
        .list_consume_sub_customers(&ConsumeSubCustomersReq {
            bill_cycle: month.clone(),
            offset: Some(3),
            limit: Some(2),
        })
        .await
        .unwrap();
    assert_eq!(page.sub_customers, consumed.sub_customers[3..5]);
    let reseller_type: Vec<String> = customer_ids_of(&c, Some("2")).await;
    let mut checked = 0;
    for id in consumed.sub_customers.iter().map(|s| &s.customer_id) {
        let lines = every_line(
            &c,
            SubCustomerBillQuery {
                bill_cycle: month.clone(),
                customer_id: id.clone(),
                ..Default::default()
            },
        )
        .await;
        assert!(!lines.is_empty(), "{id} consumed in {month}");
        assert!(
            lines
                .iter()
                .all(|l| l.bill_cycle == month && &l.customer_id == id)
        );
        assert!(lines.iter().all(|l| !l.service_type_name.is_empty()));
        if !reseller_type.contains(id) {
            continue;
        }
        for mode in [1, 3] {
            let sums = c
                .list_subcustomer_monthly_bills(&MonthlyBillsQuery {
                    cycle: month.clone(),
                    charge_mode: mode.to_string(),
                    customer_id: Some(id.clone()),
                    limit: Some(100),
                    ..Default::default()
                })
                .await
                .unwrap();
            let summed: rust_decimal::Decimal = sums.bill_sums.iter().map(|b| b.amount).sum();
            let billed: rust_decimal::Decimal = lines
                .iter()
                .filter(|l| l.charging_mode == mode)
                .map(|l| l.payment_amount)
                .sum();
            assert_eq!(summed, billed, "{id} mode {mode}");
            for b in &sums.bill_sums {
                assert_eq!(b.charge_mode, mode.to_string());
                assert!(!b.cloud_service_type_name.is_empty());
            }
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked} reseller-type customers checked");
    // Usage: several services by charging mode 3, the month's line items.
    let all = c
        .list_subcustomer_monthly_bills(&MonthlyBillsQuery {
            cycle: month.clone(),
            charge_mode: "3".into(),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(all.count > 20, "{}", all.count);
    assert!(
        all.bill_sums
            .iter()
            .all(|b| reseller_type.contains(&b.customer_id))
    );
}

async fn customer_ids_of(c: &pc_client::Client, association: Option<&str>) -> Vec<String> {
    common::customers(c, association)
        .await
        .into_iter()
        .map(|c| c.customer_id)
        .collect()
}

#[tokio::test]
async fn consumption_reads_refuse_what_the_api_refuses() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let month = common::last_month();
    for bad in ["2026-13", "2026/11", "", "November"] {
        let (status, code_) = code(
            c.list_consume_sub_customers(&ConsumeSubCustomersReq {
                bill_cycle: bad.into(),
                ..Default::default()
            })
            .await,
        );
        assert_eq!(
            (status, code_.as_str()),
            (400, codes::PARAMETER_ERROR),
            "{bad}"
        );
    }
    let id = customer_ids(&c).await.remove(0);
    for bad in [
        SubCustomerBillQuery {
            bill_cycle: month.clone(),
            ..Default::default()
        },
        SubCustomerBillQuery {
            bill_cycle: month.clone(),
            customer_id: id.clone(),
            charging_mode: Some(2),
            ..Default::default()
        },
        SubCustomerBillQuery {
            bill_cycle: month.clone(),
            customer_id: id.clone(),
            bill_date_begin: Some("2020-01-01".into()),
            bill_date_end: Some("2020-01-02".into()),
            ..Default::default()
        },
    ] {
        let (status, _) = code(c.list_sub_customer_bill_detail(&bad).await);
        assert_eq!(status, 400, "{bad:?}");
    }
    for mode in ["", "2", "yearly"] {
        let (status, _) = code(
            c.list_subcustomer_monthly_bills(&MonthlyBillsQuery {
                cycle: month.clone(),
                charge_mode: mode.into(),
                ..Default::default()
            })
            .await,
        );
        assert_eq!(status, 400, "{mode:?}");
    }
    let (status, code_) = code(
        client(&m, 2)
            .list_consume_sub_customers(&ConsumeSubCustomersReq {
                bill_cycle: month,
                ..Default::default()
            })
            .await,
    );
    assert_eq!((status, code_.as_str()), (403, codes::ACCESS_DENIED));
}

/// An unsubscription's refund: the amount back (negative) less a fee, from an earlier
/// order; any other order is CBC.99005026; the customer must be named.
#[tokio::test]
async fn refund_details_of_an_unsubscription() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let orders = common::orders(&c).await;
    let unsubscribed = orders
        .iter()
        .find(|o| o.order_type == 4)
        .expect("an unsubscription");
    let q = RefundOrderQuery {
        order_id: unsubscribed.order_id.clone(),
        customer_id: Some(unsubscribed.customer_id.clone()),
        ..Default::default()
    };
    let r = c.show_refund_order_details(&q).await.unwrap();
    assert_eq!(r.total_count as usize, r.refund_infos.len());
    let refunded: rust_decimal::Decimal = r
        .refund_infos
        .iter()
        .filter(|i| i.amount.is_sign_negative())
        .map(|i| i.amount)
        .sum();
    assert!(refunded < rust_decimal::Decimal::ZERO);
    // What comes back and the fee kept make up what the order was.
    let (back, fee) = (-r.refund_infos[0].amount, r.refund_infos[1].amount);
    assert!(fee > rust_decimal::Decimal::ZERO);
    assert_eq!(back + fee, unsubscribed.amount_after_discount);
    assert!(
        r.refund_infos
            .iter()
            .all(|i| !i.base_order_id.is_empty() && !i.service_type_name.is_empty())
    );
    // Not an unsubscription.
    let bought = orders.iter().find(|o| o.order_type == 1).unwrap();
    let (status, code_) = code(
        c.show_refund_order_details(&RefundOrderQuery {
            order_id: bought.order_id.clone(),
            customer_id: Some(bought.customer_id.clone()),
            ..Default::default()
        })
        .await,
    );
    assert_eq!((status, code_.as_str()), (400, codes::NOT_A_REFUND_ORDER));
    // No customer named.
    let (status, code_) = code(
        c.show_refund_order_details(&RefundOrderQuery {
            customer_id: None,
            ..q.clone()
        })
        .await,
    );
    assert_eq!((status, code_.as_str()), (400, codes::PARAMETER_ERROR));
}

/// The quotas a distributor gave its resellers: each from its own quota, by reseller;
/// another partner's reseller is refused, and only distributors may ask.
#[tokio::test]
async fn quotas_given_to_resellers() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let all = c
        .list_issued_coupon_quotas(&IssuedQuotasQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(all.total_count >= 3, "{all:?}");
    assert!(all.quotas.iter().all(|q| !q.parent_quota_id.is_empty()
        && !q.indirect_partner_name.is_empty()
        && q.balance <= q.quota_value));
    let reseller = all.quotas[0].indirect_partner_id.clone();
    let theirs = c
        .list_issued_coupon_quotas(&IssuedQuotasQuery {
            indirect_partner_id: Some(reseller.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        theirs
            .quotas
            .iter()
            .all(|q| q.indirect_partner_id == reseller)
    );
    // The reseller sees the same quota among its own.
    let own = c
        .list_quota_coupons(&CouponQuotasReq {
            indirect_partner_id: Some(reseller.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        own.quotas
            .iter()
            .any(|q| q.quota_id == theirs.quotas[0].quota_id)
    );
    let (_, code_) = code(
        c.list_issued_coupon_quotas(&IssuedQuotasQuery {
            indirect_partner_id: Some("0123456789abcdef0123456789abcdef".into()),
            ..Default::default()
        })
        .await,
    );
    assert_eq!(code_, codes::NOT_YOUR_RESELLER);
    let (status, code_) = code(
        client(&m, 1)
            .list_issued_coupon_quotas(&IssuedQuotasQuery::default())
            .await,
    );
    assert_eq!((status, code_.as_str()), (403, codes::ACCESS_DENIED));
}

/// A customer's pay-per-use resources: the ones its usage lines are billed for; the
/// customer must be the partner's (or its reseller's, named); a frozen customer's are
/// frozen.
#[tokio::test]
async fn on_demand_resources_of_a_customer() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let customers = common::customers(&c, None).await;
    let mut seen = 0;
    for cu in &customers {
        let r = c
            .list_customer_on_demand_resources(&OnDemandResourcesReq {
                customer_id: cu.customer_id.clone(),
                limit: Some(100),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(r.total_count as usize, r.resources.len());
        assert!(
            !r.resources.is_empty(),
            "{} uses something",
            cu.account_name
        );
        let status = if cu.is_frozen.unwrap_or(0) != 0 { 3 } else { 1 };
        assert!(
            r.resources
                .iter()
                .all(|x| x.status == status && !x.service_type_name.is_empty())
        );
        seen += r.resources.len();
    }
    assert!(seen > customers.len());
    // The same resources the bill's usage lines name.
    let first = &customers[0].customer_id;
    let bill = c
        .list_sub_customer_bill_detail(&SubCustomerBillQuery {
            bill_cycle: common::last_month(),
            customer_id: first.clone(),
            charging_mode: Some(3),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    let running = c
        .list_customer_on_demand_resources(&OnDemandResourcesReq {
            customer_id: first.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    for line in &bill.fee_records {
        assert!(
            running
                .resources
                .iter()
                .any(|r| r.resource_id == line.resource_id)
        );
    }
    // Refusals.
    let (status, code_) = code(
        c.list_customer_on_demand_resources(&OnDemandResourcesReq::default())
            .await,
    );
    assert_eq!((status, code_.as_str()), (400, codes::PARAMETER_ERROR));
    let theirs = common::customers(&client(&m, 1), None).await;
    let (_, code_) = code(
        c.list_customer_on_demand_resources(&OnDemandResourcesReq {
            customer_id: theirs[0].customer_id.clone(),
            ..Default::default()
        })
        .await,
    );
    assert_eq!(code_, codes::NOT_YOUR_CUSTOMER);
    let (status, _) = code(
        c.list_customer_on_demand_resources(&OnDemandResourcesReq {
            customer_id: first.clone(),
            status: Some(9),
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 400);
}

/// What is done with coupons is on record: issuing and reclaiming write their
/// records; the lists filter as repeated keys, as the SDK sends them.
#[tokio::test]
async fn coupon_records_follow_what_is_done() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let seeded = c
        .list_partner_coupons_record(&CouponRecordsQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(seeded.total_count >= 6, "{seeded:?}");
    let quota = c
        .list_quota_coupons(&CouponQuotasReq::default())
        .await
        .unwrap()
        .quotas
        .into_iter()
        .find(|q| q.quota_status == 0 && q.quota_type == 0)
        .unwrap();
    let customer = common::customers(&c, Some("2")).await.remove(0);
    let issued = c
        .create_partner_coupons(&CreatePartnerCouponsReq {
            quota_id: quota.quota_id.clone(),
            customer_ids: vec![customer.customer_id.clone()],
            face_value: "12.34".parse().unwrap(),
            ..Default::default()
        })
        .await
        .unwrap();
    let coupon = issued.coupon_infos[0].coupon_id.clone();
    c.reclaim_partner_coupons(&ReclaimPartnerCouponsReq {
        coupon_id: coupon.clone(),
        indirect_partner_id: None,
    })
    .await
    .unwrap();
    let mine = c
        .list_partner_coupons_record(&CouponRecordsQuery {
            coupon_ids: Some(vec![coupon.clone()]),
            ..Default::default()
        })
        .await
        .unwrap();
    let kinds: Vec<&str> = mine
        .records
        .iter()
        .map(|r| r.operation_type.as_str())
        .collect();
    assert_eq!(kinds, ["2", "1"], "reclaimed after issued, newest first");
    assert!(mine.records.iter().all(|r| r.quota_id == quota.quota_id
        && r.customer_id == customer.customer_id
        && r.operation_amount == "12.34".parse::<rust_decimal::Decimal>().unwrap()
        && r.result == "0"));
    // Two types at once: the list is sent as its key repeated.
    let both = c
        .list_partner_coupons_record(&CouponRecordsQuery {
            operation_types: Some(vec!["2".into(), "4".into()]),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(both.records.iter().any(|r| r.operation_type == "4"));
    assert!(both.records.iter().any(|r| r.operation_type == "2"));
    assert!(
        both.records
            .iter()
            .all(|r| r.operation_type == "2" || r.operation_type == "4")
    );
    let (status, _) = code(
        c.list_partner_coupons_record(&CouponRecordsQuery {
            operation_types: Some(vec!["12".into()]),
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 400);
}

/// The distributor's own first quota that is usable now, and what it has left.
async fn own_quota(c: &pc_client::Client) -> (String, rust_decimal::Decimal) {
    let own = c
        .list_quota_coupons(&CouponQuotasReq::default())
        .await
        .unwrap()
        .quotas;
    let q = own.iter().find(|q| q.quota_status == 0).unwrap();
    (q.quota_id.clone(), q.balance)
}

/// Giving a reseller a quota through BSS: it comes from the distributor's own quota,
/// the reseller sees it among its own quotas and may issue from it; taking it back
/// returns what is left and closes it. The per-reseller problems come back whole
/// (HTTP 200) in `error_details`, as the API documents.
#[tokio::test]
async fn quotas_are_given_to_resellers_and_taken_back() {
    use common::rid;
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let reseller = common::first_reseller(&c).await;
    let (quota, left) = own_quota(&c).await;
    let give = |ids: Vec<String>, amount: &str| AdjustCouponQuotasReq {
        quota_id: quota.clone(),
        indirect_partner_ids: ids,
        quota_amount: yuan(amount),
    };
    let stranger = "0123456789abcdef0123456789abcdef".to_string();
    let r = c
        .update_coupon_quotas(
            &give(vec![reseller.clone(), stranger.clone()], "300"),
            &rid(),
        )
        .await
        .unwrap();
    assert_eq!(r.simple_quota_infos.len(), 1, "{r:?}");
    assert_eq!(r.simple_quota_infos[0].id, reseller);
    assert_eq!(r.error_details.len(), 1);
    assert_eq!(
        (
            r.error_details[0].id.as_str(),
            r.error_details[0].error_code.as_str()
        ),
        (stranger.as_str(), codes::NOT_YOUR_RESELLER)
    );
    let given = r.simple_quota_infos[0].quota_id.clone();
    assert_eq!(
        own_quota(&c).await.1,
        left - yuan("300"),
        "taken from the quota"
    );
    let theirs = c
        .list_issued_coupon_quotas(&IssuedQuotasQuery {
            quota_id: Some(given.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .quotas;
    assert_eq!(theirs.len(), 1);
    assert_eq!(
        (
            theirs[0].quota_value,
            theirs[0].balance,
            theirs[0].parent_quota_id.as_str()
        ),
        (yuan("300"), yuan("300"), quota.as_str())
    );
    // More than is left: refused for that reseller, nothing taken.
    let r = c
        .update_coupon_quotas(&give(vec![reseller.clone()], "99999999"), &rid())
        .await
        .unwrap();
    assert!(r.simple_quota_infos.is_empty());
    assert_eq!(r.error_details[0].error_code, codes::QUOTA_INSUFFICIENT);
    // What the request itself gets wrong is a 400.
    for bad in [give(vec![reseller.clone()], "0"), give(vec![], "10")] {
        let (status, code_) = code(c.update_coupon_quotas(&bad, &rid()).await);
        assert_eq!((status, code_.as_str()), (400, "CBC.0100"), "{bad:?}");
    }
    let (_, code_) = code(
        c.update_coupon_quotas(
            &AdjustCouponQuotasReq {
                quota_id: given.clone(),
                ..give(vec![reseller.clone()], "10")
            },
            &rid(),
        )
        .await,
    );
    assert_eq!(
        code_,
        codes::QUOTA_BAD_STATE,
        "a reseller's quota is not shared out"
    );
    // Only a distributor gives or takes back quotas.
    let (status, _) = code(
        client(&m, 1)
            .update_coupon_quotas(&give(vec![reseller.clone()], "10"), &rid())
            .await,
    );
    assert_eq!(status, 403);
    // Taken back: what is left returns, the quota is closed, twice is refused per item.
    let take = |ids: Vec<String>| ReclaimCouponQuotasReq {
        quota_ids: ids,
        remark: Some("end of the campaign".into()),
    };
    let r = c
        .reclaim_coupon_quotas(&take(vec![given.clone()]), &rid())
        .await
        .unwrap();
    assert_eq!(r.simple_quota_infos.len(), 1, "{r:?}");
    assert_eq!(own_quota(&c).await.1, left, "all of it came back");
    let after = c
        .list_issued_coupon_quotas(&IssuedQuotasQuery {
            quota_id: Some(given.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .quotas;
    assert_eq!((after[0].quota_status, after[0].balance), (6, yuan("0")));
    let r = c
        .reclaim_coupon_quotas(&take(vec![given.clone()]), &rid())
        .await
        .unwrap();
    assert!(r.simple_quota_infos.is_empty());
    assert_eq!(r.error_details[0].id, given);
    let eleven: Vec<String> = (0..11).map(|i| format!("Q{i}")).collect();
    let (status, _) = code(c.reclaim_coupon_quotas(&take(eleven), &rid()).await);
    assert_eq!(status, 400, "at most 10 at once");
    let long = ReclaimCouponQuotasReq {
        remark: Some("x".repeat(257)),
        ..take(vec![given.clone()])
    };
    let (status, _) = code(c.reclaim_coupon_quotas(&long, &rid()).await);
    assert_eq!(status, 400, "a remark of 256 characters at most");
}

/// The Partner Center twins ask for a code bound to the quota, the amount and the
/// reseller (giving) or the quotas (taking back); a refusal keeps the code.
#[tokio::test]
async fn giving_a_quota_through_the_partner_center_needs_its_code() {
    use common::{code_for, rid};
    use pc_api::partner_center::*;
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let reseller = common::first_reseller(&c).await;
    let (quota, left) = own_quota(&c).await;
    let req = |amount: &str, v: Option<Verification>| GiveQuotaReq {
        quota_id: quota.clone(),
        indirect_partner_id: reseller.clone(),
        quota_amount: yuan(amount),
        verification: v,
    };
    let (_, code_) = code(c.give_quota(&req("200", None), &rid()).await);
    assert_eq!(code_, codes::VERIFICATION_REQUIRED);
    // A code for another amount does not do.
    let other = code_for(&m, &c, Scene::QuotaGive, &[&quota, "150", &reseller]).await;
    let (_, code_) = code(c.give_quota(&req("200", Some(other)), &rid()).await);
    assert_eq!(code_, codes::CODE_OTHER_OPERATION);
    let too_much = money_key(left + yuan("1"));
    let v = code_for(&m, &c, Scene::QuotaGive, &[&quota, &too_much, &reseller]).await;
    let over = GiveQuotaReq {
        quota_amount: left + yuan("1"),
        ..req("1", Some(v.clone()))
    };
    let (_, code_) = code(c.give_quota(&over, &rid()).await);
    assert_eq!(code_, codes::QUOTA_INSUFFICIENT, "refused whole, code kept");
    let v = code_for(&m, &c, Scene::QuotaGive, &[&quota, "200", &reseller]).await;
    let r = c.give_quota(&req("200", Some(v)), &rid()).await.unwrap();
    let given = r.simple_quota_infos[0].quota_id.clone();
    let v = code_for(&m, &c, Scene::QuotaTake, &[&given]).await;
    let r = c
        .take_quota(
            &TakeQuotaReq {
                quota_ids: vec![given.clone()],
                verification: Some(v),
            },
            &rid(),
        )
        .await
        .unwrap();
    assert_eq!(r.simple_quota_infos[0].quota_id, given);
    assert_eq!(own_quota(&c).await.1, left);
}

/// A customer's bill is read only by its partner (or, for a reseller's customer, by the
/// distributor naming the reseller).
#[tokio::test]
async fn a_bill_is_only_its_partners_to_read() {
    let m = start(Seed::Demo).await;
    let (dist, other) = (client(&m, 0), client(&m, 1));
    let theirs = customer_ids(&other).await.remove(0);
    let q = |customer: &str, reseller: Option<String>| SubCustomerBillQuery {
        bill_cycle: common::last_month(),
        customer_id: customer.into(),
        indirect_partner_id: reseller,
        ..Default::default()
    };
    let (status, code_) = code(dist.list_sub_customer_bill_detail(&q(&theirs, None)).await);
    assert_eq!(status, 400, "{code_}");
    let reseller = common::first_reseller(&dist).await;
    let resellers_customer = dist
        .list_sub_customers(&ListSubCustomersReq {
            indirect_partner_id: Some(reseller.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .remove(0)
        .customer_id;
    assert!(
        dist.list_sub_customer_bill_detail(&q(&resellers_customer, Some(reseller)))
            .await
            .is_ok()
    );
    let (status, _) = code(
        dist.list_sub_customer_bill_detail(&q(&resellers_customer, None))
            .await,
    );
    assert_eq!(status, 400, "without the reseller's id");
}
