//! The sensitive operations of the Partner Center, through the client against the mock:
//! verification codes (every rule of docs/design.md §3), pay on behalf and its failure cases,
//! reject, price adjustment, the transfer twins, contract plans, coupons, the setting,
//! and exactly once (docs/design.md §5), including a response dropped after the commit.

use pc_testkit as common;

use common::{admin, client, code_for, last_code, outbox, rid, start};
use pc_api::error::codes;
use pc_api::partner_center::*;
use pc_api::*;
use pc_client::{Client, ClientError};
use pc_mock::RunningMock;
use pc_mock::seed::Seed;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Asks for a code and pays one order from the balance with it.
async fn pay_one(m: &RunningMock, c: &Client, id: &str) -> PayOrdersResp {
    let v = code_for(m, c, Scene::PayOrders, &["balance", id]).await;
    pay(c, &[id], Some(v)).await.unwrap()
}

fn with_method<'a>(method: &'a str, ids: &[&'a str]) -> Vec<&'a str> {
    std::iter::once(method).chain(ids.iter().copied()).collect()
}

fn code_of(e: &ClientError) -> &str {
    e.code().unwrap_or("no code")
}

async fn pay(
    c: &Client,
    ids: &[&str],
    v: Option<Verification>,
) -> Result<PayOrdersResp, ClientError> {
    pay_with(c, ids, v, PayMethod::Balance, &rid()).await
}

async fn pay_with(
    c: &Client,
    ids: &[&str],
    v: Option<Verification>,
    method: PayMethod,
    request_id: &str,
) -> Result<PayOrdersResp, ClientError> {
    let req = PayOrdersReq {
        order_ids: ids.iter().map(|s| s.to_string()).collect(),
        payment_method: method,
        verification: v,
    };
    c.pay_orders(&req, request_id).await
}

async fn funds(c: &Client) -> (Decimal, Decimal, Decimal) {
    let b = c
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap()
        .account_balances;
    let of = |t| {
        b.iter()
            .find(|a| a.account_type == t)
            .map(|a| a.amount)
            .unwrap_or_default()
    };
    (
        of(ACCOUNT_BALANCE),
        of(ACCOUNT_ALLOCATABLE),
        of(ACCOUNT_CREDIT),
    )
}

async fn order(c: &Client, id: &str) -> CustomerOrder {
    c.show_customer_order_details(id, &OrderDetailsQuery::default())
        .await
        .unwrap()
        .order_info
}

#[tokio::test]
async fn paying_an_order_with_a_code_moves_money_once_and_tells_the_customer() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let before = funds(&c).await;
    let amount = order(&c, "CS-DEMO-OK-1").await.amount_after_discount;
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    let sent = outbox(&m).await.len();
    let id = rid();
    let resp = pay_with(
        &c,
        &["CS-DEMO-OK-1"],
        Some(v.clone()),
        PayMethod::Balance,
        &id,
    )
    .await
    .unwrap();
    let r = &resp.results[0];
    assert!(r.paid, "{r:?}");
    assert!(r.trans_id.is_some());
    assert_eq!(r.amount, amount);
    assert_eq!(order(&c, "CS-DEMO-OK-1").await.status, 5);
    let after = funds(&c).await;
    assert_eq!(after.0, before.0 - amount, "account balance");
    assert_eq!(after.1, before.1 - amount, "allocatable balance");
    // The customer is told by SMS and by e-mail.
    let notices: Vec<_> = outbox(&m).await.into_iter().skip(sent).collect();
    let channels: Vec<&str> = notices.iter().map(|n| n.channel.as_str()).collect();
    assert!(
        channels.contains(&"sms") && channels.contains(&"email"),
        "{notices:?}"
    );
    assert!(notices.iter().all(|n| n.body.contains("CS-DEMO-OK-1")));

    // The same request again (a retry after a lost answer) returns the first answer.
    let again = pay_with(
        &c,
        &["CS-DEMO-OK-1"],
        Some(v.clone()),
        PayMethod::Balance,
        &id,
    )
    .await
    .unwrap();
    assert_eq!(again, resp);
    assert_eq!(funds(&c).await, after, "paid once");
    let outcome = c.request_outcome(&id).await.unwrap();
    assert_eq!(outcome.state, APPLIED);
    assert_eq!(outcome.operation.as_deref(), Some("pay_orders"));
    // The code is single use: a new request with it is refused.
    let e = pay(&c, &["CS-DEMO-OK-1"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_EXPIRED);
}

#[tokio::test]
async fn a_code_is_bound_to_its_operation_and_its_orders() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    let e = pay(&c, &["CS-DEMO-OK-2"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_OTHER_OPERATION);
    let e = pay(&c, &["CS-DEMO-OK-1", "CS-DEMO-OK-2"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_OTHER_OPERATION);
    // Another partner cannot use it either.
    let e = pay(&client(&m, 1), &["CS-DEMO-OK-1"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_WRONG);
    // Nor for the credit line when it was issued for the balance.
    let e = pay_with(
        &c,
        &["CS-DEMO-OK-1"],
        Some(v.clone()),
        PayMethod::Credit,
        &rid(),
    )
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_OTHER_OPERATION);
    // Still good for what it was issued for.
    assert!(pay(&c, &["CS-DEMO-OK-1"], Some(v)).await.unwrap().results[0].paid);
    // And without any code, nothing is paid.
    let e = pay(&c, &["CS-DEMO-OK-2"], None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_REQUIRED);
    assert_eq!(order(&c, "CS-DEMO-OK-2").await.status, 6);
}

#[tokio::test]
async fn five_wrong_entries_kill_a_code() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    let wrong = Verification {
        code: if v.code == "000000" {
            "111111"
        } else {
            "000000"
        }
        .into(),
        ..v.clone()
    };
    for left in (1..=4).rev() {
        let e = pay(&c, &["CS-DEMO-OK-1"], Some(wrong.clone()))
            .await
            .unwrap_err();
        assert_eq!(code_of(&e), codes::CODE_WRONG);
        assert!(
            e.to_string().contains(&format!("{left} attempts left")),
            "{e}"
        );
    }
    let e = pay(&c, &["CS-DEMO-OK-1"], Some(wrong)).await.unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_TOO_MANY_FAILURES);
    // Even the right code no longer works.
    let e = pay(&c, &["CS-DEMO-OK-1"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_TOO_MANY_FAILURES);
    assert_eq!(order(&c, "CS-DEMO-OK-1").await.status, 6);
}

#[tokio::test]
async fn codes_expire_after_five_minutes() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    admin(
        &m,
        "/mock/clock",
        serde_json::json!({"offset_seconds": 301}),
    )
    .await;
    let e = pay(&c, &["CS-DEMO-OK-1"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_EXPIRED);
}

#[tokio::test]
async fn resend_waits_a_minute_and_sending_is_limited() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let ask = |target: String| ChallengeReq {
        scene: Scene::PayOrders,
        channel: Channel::Sms,
        target: vec!["balance".into(), target],
    };
    c.request_code(&ask("CS-DEMO-OK-1".into())).await.unwrap();
    let e = c
        .request_code(&ask("CS-DEMO-OK-1".into()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::RESEND_TOO_EARLY);
    admin(&m, "/mock/clock", serde_json::json!({"offset_seconds": 61})).await;
    c.request_code(&ask("CS-DEMO-OK-1".into())).await.unwrap();
    // 15 an hour per partner, whatever the operation.
    for i in 0..13 {
        c.request_code(&ask(format!("CS-X-{i}"))).await.unwrap();
    }
    let e = c.request_code(&ask("CS-X-last".into())).await.unwrap_err();
    assert_eq!(code_of(&e), codes::SEND_LIMIT);
    // It says when the next is possible: an hour after the oldest of the fifteen.
    let told = e.to_string();
    assert!(told.contains("The next can be sent after 20"), "{told}");
    // Another partner is not affected.
    let other = client(&m, 1);
    other.request_code(&ask("CS-X-1".into())).await.unwrap();
    // E-mail works too, and is masked.
    admin(
        &m,
        "/mock/clock",
        serde_json::json!({"offset_seconds": 3700}),
    )
    .await;
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::PayPlan,
            channel: Channel::Email,
            target: vec!["HT-1".into(), "P-1".into()],
        })
        .await
        .unwrap();
    assert_eq!(ch.masked_recipient, "op***@huaxin-cloud.example");
    let msg = outbox(&m).await.pop().unwrap();
    assert_eq!(msg.channel, "email");
    // A target that does not fit the scene is refused.
    let e = c
        .request_code(&ChallengeReq {
            scene: Scene::ResellerAllocate,
            channel: Channel::Sms,
            target: vec!["R1".into(), "lots".into()],
        })
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
    // A coupon needs a quota, a face value and at least one customer.
    let e = c
        .request_code(&ChallengeReq {
            scene: Scene::CouponIssue,
            channel: Channel::Sms,
            target: vec!["QUOTA-1".into()],
        })
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
}

#[tokio::test]
async fn each_failure_case_has_its_code_in_a_batch() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let ids = [
        "CS-DEMO-QUOTA",
        "CS-DEMO-CAPACITY",
        "CS-DEMO-SPEC",
        "CS-DEMO-EXPIRED",
        "CS-DEMO-OK-2",
        "CS-NO-SUCH-ORDER",
    ];
    let v = code_for(&m, &c, Scene::PayOrders, &with_method("balance", &ids)).await;
    let resp = pay(&c, &ids, Some(v)).await.unwrap();
    let got: Vec<(&str, bool, Option<&str>)> = resp
        .results
        .iter()
        .map(|r| (r.order_id.as_str(), r.paid, r.error_code.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("CS-DEMO-QUOTA", false, Some(codes::QUOTA_INSUFFICIENT_PAY)),
            (
                "CS-DEMO-CAPACITY",
                false,
                Some(codes::CAPACITY_INSUFFICIENT)
            ),
            ("CS-DEMO-SPEC", false, Some(codes::SPEC_CHANGED)),
            ("CS-DEMO-EXPIRED", false, Some(codes::EFFECTIVE_TIME_PASSED)),
            ("CS-DEMO-OK-2", true, None),
            ("CS-NO-SUCH-ORDER", false, Some(codes::ORDER_UNKNOWN)),
        ]
    );
    assert_eq!(
        order(&c, "CS-DEMO-QUOTA").await.status,
        6,
        "failures stay pending"
    );
    // Paying a paid order: its status changed.
    let r = pay_one(&m, &c, "CS-DEMO-OK-2").await;
    assert_eq!(
        r.results[0].error_code.as_deref(),
        Some(codes::ORDER_STATUS_CHANGED)
    );
}

#[tokio::test]
async fn marketplace_orders_are_paid_from_the_balance_only() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let v = code_for(&m, &c, Scene::PayOrders, &["credit", "CS-DEMO-MARKET"]).await;
    let r = pay_with(&c, &["CS-DEMO-MARKET"], Some(v), PayMethod::Credit, &rid())
        .await
        .unwrap();
    assert_eq!(
        r.results[0].error_code.as_deref(),
        Some(codes::BALANCE_ONLY)
    );
    admin(&m, "/mock/clock", serde_json::json!({"offset_seconds": 61})).await;
    let r = pay_one(&m, &c, "CS-DEMO-MARKET").await;
    assert!(r.results[0].paid, "{r:?}");
    // A normal order can use the credit line, which leaves the balance alone.
    let before = funds(&c).await;
    let amount = order(&c, "CS-DEMO-OK-3").await.amount_after_discount;
    let v = code_for(&m, &c, Scene::PayOrders, &["credit", "CS-DEMO-OK-3"]).await;
    let r = pay_with(&c, &["CS-DEMO-OK-3"], Some(v), PayMethod::Credit, &rid())
        .await
        .unwrap();
    assert!(r.results[0].paid);
    let after = funds(&c).await;
    assert_eq!((after.0, after.1), (before.0, before.1));
    assert_eq!(after.2, before.2 - amount);
}

#[tokio::test]
async fn payment_needs_both_balances_and_a_live_deadline() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    // Move almost all the allocatable balance to a reseller (BSS, no code).
    let reseller = c
        .list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone();
    let (_, allocatable, _) = funds(&c).await;
    c.update_indirect_partner_account(&IndirectPartnerAmountReq {
        indirect_partner_id: reseller,
        amount: allocatable - dec("1.00"),
    })
    .await
    .unwrap();
    let r = pay_one(&m, &c, "CS-DEMO-OK-4").await;
    assert_eq!(
        r.results[0].error_code.as_deref(),
        Some(codes::INSUFFICIENT_BALANCE)
    );
    assert!(
        r.results[0]
            .error_msg
            .as_deref()
            .unwrap()
            .contains("allocatable")
    );
    // Eight days on, the payment deadline (7 days after ordering) has passed.
    admin(
        &m,
        "/mock/clock",
        serde_json::json!({"offset_seconds": 8 * 86400}),
    )
    .await;
    let r = pay_one(&m, &c, "CS-DEMO-OK-5").await;
    assert_eq!(
        r.results[0].error_code.as_deref(),
        Some(codes::PAY_DEADLINE_PASSED)
    );
}

#[tokio::test]
async fn batches_hold_one_to_thirty_distinct_orders() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let many: Vec<String> = (0..31).map(|i| format!("CS-{i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let e = pay(&c, &refs, None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
    let e = pay(&c, &[], None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
    let e = pay(&c, &["CS-DEMO-OK-1", "cs-demo-ok-1"], None)
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
}

#[tokio::test]
async fn a_rejected_request_cannot_be_paid_by_the_partner() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let sent = outbox(&m).await.len();
    c.reject_order(
        "CS-DEMO-OK-4",
        &RejectOrderReq {
            reason: Some("no budget".into()),
        },
        &rid(),
    )
    .await
    .unwrap();
    assert_eq!(
        order(&c, "CS-DEMO-OK-4")
            .await
            .agent_pay_info
            .and_then(|a| a.is_agent_pay),
        None,
        "the detail has no agent_pay_info"
    );
    assert!(outbox(&m).await.len() > sent, "the customer is told");
    let e = c
        .reject_order("CS-DEMO-OK-4", &RejectOrderReq::default(), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::NOT_AGENT_PAY);
    let r = pay_one(&m, &c, "CS-DEMO-OK-4").await;
    assert_eq!(
        r.results[0].error_code.as_deref(),
        Some(codes::NOT_AGENT_PAY)
    );
}

#[tokio::test]
async fn price_adjustment_stays_between_floor_and_catalogue() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let p = c.order_pricing("CS-DEMO-OK-5").await.unwrap();
    assert!(p.floor_unit_price < p.catalog_unit_price);
    let adjust = |price: Decimal, v: Option<Verification>| {
        let c = c.clone();
        async move {
            c.adjust_price(
                "CS-DEMO-OK-5",
                &AdjustPriceReq {
                    unit_price: price,
                    verification: v,
                },
                &rid(),
            )
            .await
        }
    };
    for bad in [
        p.floor_unit_price - dec("0.01"),
        p.catalog_unit_price + dec("0.01"),
    ] {
        let key = money_key(bad);
        let v = code_for(&m, &c, Scene::AdjustPrice, &["CS-DEMO-OK-5", &key]).await;
        let e = adjust(bad, Some(v)).await.unwrap_err();
        assert_eq!(code_of(&e), codes::PRICE_OUT_OF_RANGE);
        assert!(
            e.to_string().contains(&p.floor_unit_price.to_string()),
            "{e}"
        );
    }
    let price = p.floor_unit_price;
    let key = money_key(price);
    let v = code_for(&m, &c, Scene::AdjustPrice, &["CS-DEMO-OK-5", &key]).await;
    let after = adjust(price, Some(v)).await.unwrap();
    let expected = price * Decimal::from(p.quantity) * Decimal::from(p.periods);
    assert_eq!(after.amount, expected);
    // The BSS read shows the new amount and the 609 discount.
    let o = order(&c, "CS-DEMO-OK-5").await;
    assert_eq!(o.amount_after_discount, expected);
    let discounts = o.amount_info.unwrap().discounts;
    assert_eq!(discounts.len(), 1);
    assert_eq!(discounts[0].discount_type, "609");
    assert_eq!(discounts[0].discount_amount, p.official_amount - expected);
    // Only pending orders.
    let paid = "CS-DEMO-OK-1";
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", paid]).await;
    pay(&c, &[paid], Some(v)).await.unwrap();
    let q = c.order_pricing(paid).await.unwrap();
    let key = money_key(q.catalog_unit_price);
    let v = code_for(&m, &c, Scene::AdjustPrice, &[paid, &key]).await;
    let e = c
        .adjust_price(
            paid,
            &AdjustPriceReq {
                unit_price: q.catalog_unit_price,
                verification: Some(v),
            },
            &rid(),
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::ORDER_STATUS_CHANGED);
}

#[tokio::test]
async fn transfer_twins_need_a_code_and_keep_the_bss_rules() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let reseller = c
        .list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone();
    let go = |to: TransferTarget, id: String, amount: &str, v: Option<Verification>| {
        let c = c.clone();
        let amount = dec(amount);
        async move {
            c.transfer(
                to,
                &id,
                &TransferReq {
                    amount,
                    verification: v,
                },
                &rid(),
            )
            .await
        }
    };
    let e = go(
        TransferTarget::ResellerAllocate,
        reseller.clone(),
        "100.5",
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_REQUIRED);
    // The code binds the amount: 100.5 and 100.50 are the same, 100.51 is not.
    let v = code_for(&m, &c, Scene::ResellerAllocate, &[&reseller, "100.50"]).await;
    let e = go(
        TransferTarget::ResellerAllocate,
        reseller.clone(),
        "100.51",
        Some(v.clone()),
    )
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_OTHER_OPERATION);
    let t = go(
        TransferTarget::ResellerAllocate,
        reseller.clone(),
        "100.5",
        Some(v),
    )
    .await
    .unwrap();
    let records = c
        .list_partner_adjust_records(&AdjustRecordsQuery {
            trans_id: Some(t.trans_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(records.total_count, 1);
    assert_eq!(records.records[0].amount, "100.50");
    // Recall more than the reseller has.
    let v = code_for(&m, &c, Scene::ResellerRecall, &[&reseller, "99999999"]).await;
    let e = go(
        TransferTarget::ResellerRecall,
        reseller.clone(),
        "99999999",
        Some(v),
    )
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), codes::INSUFFICIENT_BALANCE);
    // Referral customers cannot receive funds.
    let customers = c
        .list_sub_customers(&ListSubCustomersReq {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos;
    let referral = customers
        .iter()
        .find(|c| c.association_type.as_deref() == Some("1"))
        .unwrap()
        .customer_id
        .clone();
    let v = code_for(&m, &c, Scene::CustomerAllocate, &[&referral, "10"]).await;
    let e = go(TransferTarget::CustomerAllocate, referral, "10", Some(v))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CONSULTATIVE_CUSTOMER);
}

#[tokio::test]
async fn a_contract_plan_is_paid_once() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let contracts = c.list_contracts(&ContractsQuery::default()).await.unwrap();
    let mut due = None;
    for k in &contracts.contracts {
        let d = c.show_contract(&k.contract_id).await.unwrap();
        if let Some(p) = d.payment_plans.iter().find(|p| p.status != PLAN_PAID) {
            due = Some((k.contract_id.clone(), p.plan_id.clone()));
            break;
        }
    }
    let (contract, plan) = due.expect("a plan to pay");
    let pay_plan = |v: Verification| {
        let (c, contract, plan) = (c.clone(), contract.clone(), plan.clone());
        async move {
            c.pay_plan(
                &contract,
                &plan,
                &PayPlanReq {
                    verification: Some(v),
                },
                &rid(),
            )
            .await
        }
    };
    let v = code_for(&m, &c, Scene::PayPlan, &[&contract, &plan]).await;
    pay_plan(v).await.unwrap();
    let d = c.show_contract(&contract).await.unwrap();
    assert_eq!(
        d.payment_plans
            .iter()
            .find(|p| p.plan_id == plan)
            .unwrap()
            .status,
        PLAN_PAID
    );
    admin(&m, "/mock/clock", serde_json::json!({"offset_seconds": 61})).await;
    let v = code_for(&m, &c, Scene::PayPlan, &[&contract, &plan]).await;
    let e = pay_plan(v).await.unwrap_err();
    assert_eq!(code_of(&e), codes::PLAN_ALREADY_PAID);
}

#[tokio::test]
async fn turning_verification_off_needs_a_code_and_on_does_not() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    assert!(c.verification_setting().await.unwrap().enabled);
    let off = |v: Option<Verification>| SetVerificationReq {
        enabled: false,
        verification: v,
    };
    let e = c.set_verification(&off(None), &rid()).await.unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_REQUIRED);
    let v = code_for(&m, &c, Scene::VerificationOff, &[]).await;
    let s = c.set_verification(&off(Some(v)), &rid()).await.unwrap();
    assert!(!s.enabled);
    assert_eq!(s.phone.as_deref(), Some("138****0001"));
    // Off: operations go through without a code, and no code can be asked for.
    assert!(pay(&c, &["CS-DEMO-OK-1"], None).await.unwrap().results[0].paid);
    let e = c
        .request_code(&ChallengeReq {
            scene: Scene::PayOrders,
            channel: Channel::Sms,
            target: vec!["balance".into(), "CS-DEMO-OK-2".into()],
        })
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_OFF);
    // Off, a new phone still needs the code sent to it.
    let change = |new_phone: Option<Verification>| ProfileChangeReq {
        value: "13900000009".into(),
        verification: None,
        new_phone,
    };
    let e = c
        .change_profile("phone", &change(None), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::NEW_PHONE_UNCONFIRMED);
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::ProfilePhoneNew,
            channel: Channel::Sms,
            target: vec!["13900000009".into()],
        })
        .await
        .unwrap();
    let v = Verification {
        challenge_id: ch.challenge_id,
        code: last_code(&m).await,
    };
    let p = c
        .change_profile("phone", &change(Some(v)), &rid())
        .await
        .unwrap();
    assert_eq!(p.phone.as_deref(), Some("139****0009"));
    let on = SetVerificationReq {
        enabled: true,
        verification: None,
    };
    assert!(c.set_verification(&on, &rid()).await.unwrap().enabled);
    let e = pay(&c, &["CS-DEMO-OK-2"], None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_REQUIRED);
    // One partner's setting is its own.
    assert!(client(&m, 1).verification_setting().await.unwrap().enabled);
}

#[tokio::test]
async fn request_ids_make_writes_exactly_once() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    // Asking about an id the backend never saw closes it.
    let id = rid();
    let o = c.request_outcome(&id).await.unwrap();
    assert_eq!(o.state, NOT_APPLIED);
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    let e = pay_with(
        &c,
        &["CS-DEMO-OK-1"],
        Some(v.clone()),
        PayMethod::Balance,
        &id,
    )
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), codes::REQUEST_CLOSED);
    assert_eq!(order(&c, "CS-DEMO-OK-1").await.status, 6);
    // One id, two different requests.
    let id = rid();
    pay_with(&c, &["CS-DEMO-OK-1"], Some(v), PayMethod::Balance, &id)
        .await
        .unwrap();
    let e = c
        .reject_order("CS-DEMO-OK-2", &RejectOrderReq::default(), &id)
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REQUEST_ID_REUSED);
    // Partner Center writes need the header; a malformed id is refused.
    let (status, body) = common::handmade(
        &m,
        0,
        "POST",
        "/partner-center/v1/orders/CS-DEMO-OK-2/reject",
        &[],
        None,
        &[],
        b"{}",
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error_code"], codes::REQUEST_ID_REQUIRED);
    let e = c
        .reject_order(
            "CS-DEMO-OK-2",
            &RejectOrderReq::default(),
            "not a valid id!",
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REQUEST_ID_REQUIRED);
    // Ids are per partner: another partner's id space is its own.
    let o = client(&m, 1).request_outcome(&id).await.unwrap();
    assert_eq!(o.state, NOT_APPLIED);
}

#[tokio::test]
async fn a_dropped_answer_is_resolved_by_asking_never_by_paying_again() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let before = funds(&c).await;
    let amount = order(&c, "CS-DEMO-OK-1").await.amount_after_discount;
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    admin(&m, "/mock/faults", serde_json::json!({"drop_rate": 1.0})).await;
    let id = rid();
    let e = pay_with(&c, &["CS-DEMO-OK-1"], Some(v), PayMethod::Balance, &id)
        .await
        .unwrap_err();
    assert!(e.outcome_unknown(), "{e:?}");
    admin(&m, "/mock/faults", serde_json::json!({})).await;
    let o = c.request_outcome(&id).await.unwrap();
    assert_eq!(o.state, APPLIED);
    let resp: PayOrdersResp = serde_json::from_value(o.response.unwrap()).unwrap();
    assert!(resp.results[0].paid);
    assert_eq!(funds(&c).await.0, before.0 - amount, "charged exactly once");
    // A gateway 503 before the handler: not applied, and the status query says so.
    admin(&m, "/mock/faults", serde_json::json!({"error_rate": 1.0})).await;
    let id = rid();
    let e = c
        .reject_order("CS-DEMO-OK-2", &RejectOrderReq::default(), &id)
        .await
        .unwrap_err();
    assert!(e.outcome_unknown(), "{e:?}");
    admin(&m, "/mock/faults", serde_json::json!({})).await;
    assert_eq!(c.request_outcome(&id).await.unwrap().state, NOT_APPLIED);
}

#[tokio::test]
async fn government_coupons_are_issued_and_recalled_with_codes() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 2);
    let quota = c
        .list_quota_coupons(&CouponQuotasReq::default())
        .await
        .unwrap()
        .quotas
        .into_iter()
        .find(|q| q.quota_status == 0)
        .unwrap()
        .quota_id;
    let customer = c
        .list_sub_customers(&ListSubCustomersReq {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .into_iter()
        .find(|c| c.association_type.as_deref() == Some("2"))
        .unwrap()
        .customer_id;
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::CouponIssue,
            channel: Channel::Sms,
            target: vec![quota.clone(), "50".into(), customer.clone()],
        })
        .await
        .unwrap();
    let v = Verification {
        challenge_id: ch.challenge_id,
        code: last_code(&m).await,
    };
    let issued = c
        .issue_coupon(
            &IssueCouponReq {
                quota_id: quota,
                customer_ids: vec![customer],
                face_value: dec("50.00"),
                verification: Some(v),
            },
            &rid(),
        )
        .await
        .unwrap();
    let coupon = issued.coupon_infos[0].coupon_id.clone();
    // A coupon to a referral customer issues nothing: refused, and its code stays good.
    let referral = c
        .list_sub_customers(&ListSubCustomersReq {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .into_iter()
        .find(|c| c.association_type.as_deref() == Some("1"))
        .unwrap()
        .customer_id;
    let quota = c
        .list_quota_coupons(&CouponQuotasReq::default())
        .await
        .unwrap()
        .quotas
        .into_iter()
        .find(|q| q.quota_status == 0)
        .unwrap()
        .quota_id;
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::CouponIssue,
            channel: Channel::Sms,
            target: vec![quota.clone(), "50".into(), referral.clone()],
        })
        .await
        .unwrap();
    let v = Verification {
        challenge_id: ch.challenge_id,
        code: last_code(&m).await,
    };
    let to_referral = IssueCouponReq {
        quota_id: quota,
        customer_ids: vec![referral],
        face_value: dec("50"),
        verification: Some(v),
    };
    for _ in 0..2 {
        let e = c.issue_coupon(&to_referral, &rid()).await.unwrap_err();
        assert_eq!(
            code_of(&e),
            codes::COUPON_ASSOCIATION_TYPE,
            "not spent: same error twice"
        );
    }
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::CouponRecall,
            channel: Channel::Sms,
            target: vec![coupon.clone()],
        })
        .await
        .unwrap();
    let v = Verification {
        challenge_id: ch.challenge_id,
        code: last_code(&m).await,
    };
    c.recall_coupon(
        &coupon,
        &RecallCouponReq {
            verification: Some(v),
        },
        &rid(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_code_survives_a_write_that_fails_and_is_spent_by_one_that_succeeds() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let resellers = c
        .list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners;
    let (a, b) = (
        resellers[0].indirect_partner_id.clone(),
        resellers[1].indirect_partner_id.clone(),
    );
    let (_, allocatable, _) = funds(&c).await;
    let want = allocatable + dec("100.00");
    let key = money_key(want);
    let v = code_for(&m, &c, Scene::ResellerAllocate, &[&a, &key]).await;
    let go = |v: Verification| {
        let (c, a) = (c.clone(), a.clone());
        async move {
            c.transfer(
                TransferTarget::ResellerAllocate,
                &a,
                &TransferReq {
                    amount: want,
                    verification: Some(v),
                },
                &rid(),
            )
            .await
        }
    };
    let e = go(v.clone()).await.unwrap_err();
    assert_eq!(code_of(&e), codes::INSUFFICIENT_BALANCE);
    // Recall from another reseller (BSS, no code), then the same code works.
    let their = c
        .list_partner_balances(&PartnerBalancesQuery {
            indirect_partner_id: Some(b.clone()),
        })
        .await
        .unwrap()
        .account_balances
        .into_iter()
        .find(|x| x.account_type == ACCOUNT_BALANCE)
        .unwrap()
        .amount;
    assert!(their >= dec("100.00"), "the seed gives resellers balances");
    c.reclaim_indirect_partner_account(&IndirectPartnerAmountReq {
        indirect_partner_id: b,
        amount: dec("100.00"),
    })
    .await
    .unwrap();
    go(v.clone()).await.unwrap();
    let e = go(v).await.unwrap_err();
    assert_eq!(
        code_of(&e),
        codes::CODE_EXPIRED,
        "spent by the write that succeeded"
    );
}

#[tokio::test]
async fn profile_changes_need_a_code_bound_to_the_new_value() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let p = c.profile().await.unwrap();
    assert_eq!(p.phone.as_deref(), Some("138****0001"));
    assert!(p.verification_enabled);
    let new_phone: std::sync::Arc<std::sync::Mutex<Option<Verification>>> = Default::default();
    let change = |field: &'static str, value: &str, v: Option<Verification>| {
        let c = c.clone();
        let req = ProfileChangeReq {
            value: value.to_string(),
            verification: v,
            new_phone: new_phone.lock().unwrap().clone(),
        };
        async move { c.change_profile(field, &req, &rid()).await }
    };
    let e = change("phone", "13900000002", None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_REQUIRED);
    // The code is for that number.
    let v = code_for(&m, &c, Scene::ProfilePhone, &["13900000002"]).await;
    let e = change("phone", "13900000003", Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_OTHER_OPERATION);
    // The new phone must have received a code of its own, sent to it by SMS only.
    let e = change("phone", "13900000002", Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::NEW_PHONE_UNCONFIRMED);
    let to_new = |channel: Channel, target: &str| ChallengeReq {
        scene: Scene::ProfilePhoneNew,
        channel,
        target: vec![target.to_string()],
    };
    let e = c
        .request_code(&to_new(Channel::Email, "13900000002"))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "CBC.0100");
    let e = c
        .request_code(&to_new(Channel::Sms, "12345"))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "CBC.0100", "not a phone");
    let ch = c
        .request_code(&to_new(Channel::Sms, "13900000002"))
        .await
        .unwrap();
    assert_eq!(ch.masked_recipient, "139****0002");
    let sent = common::outbox(&m).await;
    assert_eq!(
        sent.last().unwrap().recipient,
        "13900000002",
        "to the new phone"
    );
    let right = last_code(&m).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    *new_phone.lock().unwrap() = Some(Verification {
        challenge_id: ch.challenge_id.clone(),
        code: wrong.into(),
    });
    let e = change("phone", "13900000002", Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(
        code_of(&e),
        codes::NEW_PHONE_UNCONFIRMED,
        "its own code, wrong"
    );
    *new_phone.lock().unwrap() = Some(Verification {
        challenge_id: ch.challenge_id,
        code: right,
    });
    let p = change("phone", "13900000002", Some(v)).await.unwrap();
    assert_eq!(p.phone.as_deref(), Some("139****0002"));
    *new_phone.lock().unwrap() = None;
    // Codes now go to the new phone.
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::ProfileEmail,
            channel: Channel::Sms,
            target: vec!["ops@new.example".into()],
        })
        .await
        .unwrap();
    assert_eq!(ch.masked_recipient, "139****0002");
    let v = Verification {
        challenge_id: ch.challenge_id,
        code: last_code(&m).await,
    };
    let p = change("email", "ops@new.example", Some(v)).await.unwrap();
    assert_eq!(p.email.as_deref(), Some("op***@new.example"));
    // A password against the rules is refused and keeps its code; a good one is taken.
    let ch = c
        .request_code(&ChallengeReq {
            scene: Scene::ProfilePassword,
            channel: Channel::Email,
            target: vec![],
        })
        .await
        .unwrap();
    let v = Verification {
        challenge_id: ch.challenge_id,
        code: last_code(&m).await,
    };
    let e = change("password", "huaxin_cloud", Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::BAD_PASSWORD);
    change("password", "-Secret99", Some(v)).await.unwrap();
    // No password or code in the store's challenges or outcomes.
    let leaked: i64 = m.state.db.with(|conn| {
        conn.query_row(
            "SELECT (SELECT COUNT(*) FROM challenges WHERE binding LIKE '%Secret99%')
                  + (SELECT COUNT(*) FROM requests WHERE fingerprint LIKE '%Secret99%' OR response LIKE '%Secret99%')",
            [],
            |r| r.get(0),
        )
        .unwrap()
    });
    assert_eq!(leaked, 0);
}

/// Paying on the customers' behalf rests on the payment agreement: once it is voided,
/// payments are refused until a new one is added.
#[tokio::test]
async fn a_voided_payment_agreement_stops_payments_on_behalf() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    pc_testkit::void_payment_agreement(&c).await;
    let v = code_for(&m, &c, Scene::PayOrders, &["balance", "CS-DEMO-OK-1"]).await;
    let e = pay(&c, &["CS-DEMO-OK-1"], Some(v.clone()))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::AGREEMENT_REQUIRED);
    assert_eq!(order(&c, "CS-DEMO-OK-1").await.status, 6, "not paid");
    c.add_agreement(
        &pc_api::partner_center::AddAgreementReq {
            name: "代付协议 2027".into(),
        },
        &rid(),
    )
    .await
    .unwrap();
    // The refusal spent nothing: the same code pays once there is an agreement.
    let r = pay(&c, &["CS-DEMO-OK-1"], Some(v)).await.unwrap();
    assert!(r.results[0].paid, "{r:?}");
}
