//! The client against the mock over real HTTP on 127.0.0.1:0: every operation, the rules,
//! partner isolation, authentication failures and bad input.

use pc_testkit as common;

use std::str::FromStr;

use common::{client, client_with, handmade, outbox, start};
use pc_api::error::codes;
use pc_api::*;
use pc_client::{ClientError, collect_pages};
use pc_mock::seed::Seed;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn code(r: Result<impl std::fmt::Debug, ClientError>) -> (u16, String) {
    match r {
        Err(ClientError::Api { status, code, .. }) => (status, code),
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn balance(c: &pc_client::Client, account_type: i32, reseller: Option<&str>) -> Decimal {
    let q = PartnerBalancesQuery {
        indirect_partner_id: reseller.map(str::to_string),
    };
    let b = c.list_partner_balances(&q).await.unwrap();
    b.account_balances
        .iter()
        .find(|a| a.account_type == account_type)
        .unwrap()
        .amount
}

async fn resellers(c: &pc_client::Client) -> Vec<IndirectPartner> {
    c.list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners
}

async fn customers(c: &pc_client::Client, association_type: &str) -> Vec<CustomerInfo> {
    let req = ListSubCustomersReq {
        association_type: Some(association_type.into()),
        limit: Some(100),
        ..Default::default()
    };
    c.list_sub_customers(&req).await.unwrap().customer_infos
}

#[tokio::test]
async fn customers_list_filter_and_create() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let all = c
        .list_sub_customers(&ListSubCustomersReq {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(all.count >= 40, "{}", all.count);
    assert_eq!(all.customer_infos.len() as i64, all.count);
    for status in ["-1", "0", "1", "2"] {
        assert!(
            all.customer_infos
                .iter()
                .any(|c| c.verified_status.as_deref() == Some(status)),
            "verified_status {status}"
        );
    }
    assert!(all.customer_infos.iter().any(|c| c.telephone.is_none()));
    assert!(
        all.customer_infos
            .iter()
            .any(|c| { c.customer.as_deref().is_some_and(|n| !n.is_ascii()) })
    );
    let referral = customers(&c, "1").await;
    let reseller_type = customers(&c, "2").await;
    assert!(!referral.is_empty() && !reseller_type.is_empty());
    assert_eq!(referral.len() + reseller_type.len(), all.count as usize);
    // Fuzzy name filter.
    let found = c
        .list_sub_customers(&ListSubCustomersReq {
            account_name: Some("acme".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.count, 1);

    // Availability, then create without a phone.
    let check = |t: &str, v: &str| CheckUserIdentityReq {
        search_type: t.into(),
        search_value: v.into(),
    };
    assert_eq!(
        c.check_user_identity(&check("name", "new_customer_01"))
            .await
            .unwrap()
            .check_result
            .as_deref(),
        Some("available")
    );
    assert_eq!(
        c.check_user_identity(&check("name", "acme_robotics"))
            .await
            .unwrap()
            .check_result
            .as_deref(),
        Some("used_by_user")
    );
    let mobile = c
        .check_user_identity(&check("mobile", "0086-13912345678"))
        .await
        .unwrap();
    assert_eq!(mobile.mobile_remain_available_num, Some(5));
    assert_eq!(
        code(c.check_user_identity(&check("mobile", "13912345678")).await).1,
        codes::BAD_PHONE
    );
    assert_eq!(
        code(c.check_user_identity(&check("colour", "x")).await).1,
        codes::PARAMETER_ERROR
    );

    let req = CreateSubCustomerReq {
        xaccount_id: "x-new-01".into(),
        xaccount_type: "partner_console_demo".into(),
        domain_name: Some("new_customer_01".into()),
        ..Default::default()
    };
    let created = c.create_sub_customer(&req).await.unwrap();
    assert_eq!(created.domain_name.as_deref(), Some("new_customer_01"));
    let id = created.domain_id.unwrap();
    let listed = c
        .list_sub_customers(&ListSubCustomersReq {
            customer_id: Some(id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.count, 1);
    assert_eq!(
        listed.customer_infos[0].association_type.as_deref(),
        Some("2")
    );
    // The same name, the same xaccount_id, a bad name, a foreign platform id.
    assert_eq!(
        code(c.create_sub_customer(&req).await).1,
        codes::NAME_EXISTS
    );
    let again = CreateSubCustomerReq {
        domain_name: Some("other_name_01".into()),
        ..req.clone()
    };
    assert_eq!(
        code(c.create_sub_customer(&again).await).1,
        codes::DUPLICATE_XACCOUNT
    );
    let bad = CreateSubCustomerReq {
        domain_name: Some("1bad".into()),
        xaccount_id: "x2".into(),
        ..req.clone()
    };
    assert_eq!(code(c.create_sub_customer(&bad).await).1, codes::BAD_NAME);
    let foreign = CreateSubCustomerReq {
        xaccount_type: "someone_else".into(),
        xaccount_id: "x3".into(),
        domain_name: None,
        ..req.clone()
    };
    assert_eq!(
        code(c.create_sub_customer(&foreign).await).1,
        "CBC.99000004"
    );
    let weak = CreateSubCustomerReq {
        password: Some("password".into()),
        xaccount_id: "x4".into(),
        domain_name: None,
        ..req.clone()
    };
    assert_eq!(
        code(c.create_sub_customer(&weak).await).1,
        codes::BAD_PASSWORD
    );
    // Without a name the mock makes one up.
    let unnamed = CreateSubCustomerReq {
        xaccount_id: "x5".into(),
        domain_name: None,
        ..req
    };
    assert!(
        c.create_sub_customer(&unnamed)
            .await
            .unwrap()
            .domain_name
            .unwrap()
            .len()
            >= 5
    );
}

#[tokio::test]
async fn registration_code_by_sms_then_create_with_phone() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let phone = "13512340000";
    let send = SendVerificationCodeReq {
        receiver_type: 1,
        mobile_phone: Some(phone.into()),
        scene: Some(29),
        ..Default::default()
    };
    c.send_verification_code(&send).await.unwrap();
    let sms = outbox(&m)
        .await
        .into_iter()
        .rfind(|msg| msg.recipient == phone)
        .expect("an SMS");
    assert_eq!(sms.channel, "sms");
    let sent_code: String = sms
        .body
        .chars()
        .filter(char::is_ascii_digit)
        .take(6)
        .collect();
    assert_eq!(sent_code.len(), 6);
    let wrong = if sent_code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let req = |code: &str| CreateSubCustomerReq {
        xaccount_id: "x-phone".into(),
        xaccount_type: "partner_console_demo".into(),
        domain_name: Some("phone_customer".into()),
        mobile_phone: Some(phone.into()),
        verification_code: Some(code.into()),
        ..Default::default()
    };
    assert_eq!(
        code(c.create_sub_customer(&req(wrong)).await).1,
        codes::CODE_WRONG
    );
    let empty = c.create_sub_customer(&req("")).await;
    assert_eq!(code(empty).1, codes::PARAMETER_ERROR);
    // More than 3 wrong entries kill the code: even the right one is refused then.
    let (phone2, c2) = ("13512340001", client(&m, 1));
    let send2 = SendVerificationCodeReq {
        mobile_phone: Some(phone2.into()),
        ..send.clone()
    };
    c2.send_verification_code(&send2).await.unwrap();
    let sms2 = outbox(&m)
        .await
        .into_iter()
        .rfind(|msg| msg.recipient == phone2)
        .unwrap();
    let code2: String = sms2
        .body
        .chars()
        .filter(char::is_ascii_digit)
        .take(6)
        .collect();
    let wrong2 = if code2 == "000000" {
        "111111"
    } else {
        "000000"
    };
    let req2 = |code: &str| CreateSubCustomerReq {
        xaccount_id: "x-phone-b".into(),
        domain_name: Some("phone_customer_b".into()),
        mobile_phone: Some(phone2.into()),
        ..req(code)
    };
    for _ in 0..4 {
        assert_eq!(
            code(c2.create_sub_customer(&req2(wrong2)).await).1,
            codes::CODE_WRONG
        );
    }
    assert_eq!(
        code(c2.create_sub_customer(&req2(&code2)).await).1,
        codes::CODE_TOO_MANY_FAILURES
    );

    c.create_sub_customer(&req(&sent_code)).await.unwrap();
    // Single use.
    let again = CreateSubCustomerReq {
        domain_name: Some("phone_customer2".into()),
        xaccount_id: "x-phone2".into(),
        ..req(&sent_code)
    };
    assert_eq!(
        code(c.create_sub_customer(&again).await).1,
        codes::CODE_WRONG
    );
    // Bad requests for a code.
    let bad_phone = SendVerificationCodeReq {
        mobile_phone: Some("12345".into()),
        ..send.clone()
    };
    assert_eq!(
        code(c.send_verification_code(&bad_phone).await).1,
        codes::BAD_PHONE
    );
    let email = SendVerificationCodeReq {
        receiver_type: 2,
        ..send.clone()
    };
    assert_eq!(
        code(c.send_verification_code(&email).await).1,
        codes::PARAMETER_ERROR
    );
    let scene18 = SendVerificationCodeReq {
        scene: Some(18),
        ..send.clone()
    };
    assert_eq!(
        code(c.send_verification_code(&scene18).await).1,
        codes::PARAMETER_ERROR,
        "scene 18 needs a customer"
    );
}

#[tokio::test]
async fn code_sending_is_limited_per_hour() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 1);
    let send = SendVerificationCodeReq {
        receiver_type: 1,
        mobile_phone: Some("13600001111".into()),
        ..Default::default()
    };
    for _ in 0..15 {
        c.send_verification_code(&send).await.unwrap();
    }
    assert_eq!(
        code(c.send_verification_code(&send).await).1,
        codes::SEND_LIMIT
    );
    // Another partner is not affected.
    client(&m, 0).send_verification_code(&send).await.unwrap();
}

#[tokio::test]
async fn resellers_allocate_recall_and_records() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let rs = resellers(&c).await;
    assert_eq!(rs.len(), 5);
    // The name filter matches the account name or the display name, fuzzily.
    for (needle, expect) in [
        ("northwind", 1),
        ("蓝桥", 1),
        ("有限公司", 3),
        ("nobody", 0),
    ] {
        let req = ListIndirectPartnersReq {
            account_name: Some(needle.into()),
            ..Default::default()
        };
        assert_eq!(
            c.list_indirect_partners(&req).await.unwrap().count,
            expect,
            "{needle}"
        );
    }
    let r = rs
        .iter()
        .find(|r| r.account_name.as_deref() == Some("lanqiao_net"))
        .unwrap();
    let rid = r.indirect_partner_id.clone();
    let (alloc0, cash0) = (
        balance(&c, ACCOUNT_ALLOCATABLE, None).await,
        balance(&c, ACCOUNT_BALANCE, None).await,
    );
    let r0 = balance(&c, ACCOUNT_BALANCE, Some(&rid)).await;
    assert_eq!(r0, dec("3000.00"));

    let req = |amount: &str| IndirectPartnerAmountReq {
        indirect_partner_id: rid.clone(),
        amount: dec(amount),
    };
    let t = c
        .update_indirect_partner_account(&req("100.50"))
        .await
        .unwrap();
    assert_eq!(
        balance(&c, ACCOUNT_BALANCE, Some(&rid)).await,
        dec("3100.50")
    );
    assert_eq!(
        balance(&c, ACCOUNT_ALLOCATABLE, None).await,
        alloc0 - dec("100.50")
    );
    assert_eq!(
        balance(&c, ACCOUNT_BALANCE, None).await,
        cash0 - dec("100.50")
    );
    let back = c
        .reclaim_indirect_partner_account(&req("0.50"))
        .await
        .unwrap();
    assert_eq!(
        balance(&c, ACCOUNT_BALANCE, Some(&rid)).await,
        dec("3100.00")
    );

    // Recall more than the reseller holds; allocate more than is allocatable.
    assert_eq!(
        code(c.reclaim_indirect_partner_account(&req("3100.01")).await),
        (400, codes::INSUFFICIENT_BALANCE.into())
    );
    let too_much = (alloc0 + dec("0.01")).to_string();
    assert_eq!(
        code(c.update_indirect_partner_account(&req(&too_much)).await),
        (400, codes::INSUFFICIENT_BALANCE.into())
    );
    assert_eq!(
        balance(&c, ACCOUNT_BALANCE, Some(&rid)).await,
        dec("3100.00"),
        "failed transfers change nothing"
    );
    // Bad amounts.
    for bad in ["0", "-5", "1.005"] {
        assert_eq!(
            code(c.update_indirect_partner_account(&req(bad)).await),
            (400, codes::PARAMETER_ERROR.into()),
            "{bad}"
        );
    }
    // Someone else's reseller id.
    let stranger = IndirectPartnerAmountReq {
        indirect_partner_id: "0".repeat(32),
        amount: dec("1"),
    };
    assert_eq!(
        code(c.update_indirect_partner_account(&stranger).await).1,
        codes::NOT_YOUR_RESELLER
    );

    // Records: both transfers, newest first, amount as a string, findable by trans_id.
    let recs = c
        .list_partner_adjust_records(&AdjustRecordsQuery::default())
        .await
        .unwrap();
    assert_eq!(recs.total_count, 2);
    assert_eq!(recs.records[0].trans_id, back.trans_id);
    assert_eq!(recs.records[0].operation_type, OP_RECLAIM);
    assert_eq!(recs.records[1].amount, "100.50");
    assert_eq!(recs.records[1].customer_id, rid);
    let one = c
        .list_partner_adjust_records(&AdjustRecordsQuery {
            trans_id: Some(t.transfer_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(one.total_count, 1);
    let by_type = AdjustRecordsQuery {
        operation_type: Some(OP_ALLOCATE.into()),
        ..Default::default()
    };
    assert_eq!(
        c.list_partner_adjust_records(&by_type)
            .await
            .unwrap()
            .total_count,
        1
    );
    let bad_time = AdjustRecordsQuery {
        operation_time_begin: Some("yesterday".into()),
        ..Default::default()
    };
    assert_eq!(
        code(c.list_partner_adjust_records(&bad_time).await).1,
        codes::PARAMETER_ERROR
    );

    // Resellers are a distributor's business only.
    let sp = client(&m, 1);
    assert_eq!(
        code(
            sp.list_indirect_partners(&ListIndirectPartnersReq::default())
                .await
        ),
        (403, codes::ACCESS_DENIED.into())
    );
    assert_eq!(
        code(sp.update_indirect_partner_account(&req("1")).await).0,
        403
    );
}

#[tokio::test]
async fn customer_funds_follow_the_association_type() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let target = customers(&c, "2").await.remove(0);
    let referral = customers(&c, "1").await.remove(0);
    let balances = |ids: Vec<String>| CustomerBalancesReq {
        customer_infos: ids
            .into_iter()
            .map(|customer_id| CustomerRef { customer_id })
            .collect(),
        indirect_partner_id: None,
    };
    let before = c
        .list_customers_balances_detail(&balances(vec![
            target.customer_id.clone(),
            referral.customer_id.clone(),
        ]))
        .await
        .unwrap();
    assert_eq!(
        before.customer_balances.len(),
        1,
        "referral customers are dropped"
    );
    let b0 = before.customer_balances[0].amount;
    let req = |id: &str, amount: &str| CustomerAmountReq {
        customer_id: id.into(),
        amount: dec(amount),
        indirect_partner_id: None,
    };
    c.update_customer_account_amount(&req(&target.customer_id, "250.00"))
        .await
        .unwrap();
    c.reclaim_to_partner_account(&req(&target.customer_id, "50.25"))
        .await
        .unwrap();
    let after = c
        .list_customers_balances_detail(&balances(vec![target.customer_id.clone()]))
        .await
        .unwrap();
    assert_eq!(after.customer_balances[0].amount, b0 + dec("199.75"));
    // Recall more than the customer has.
    let more = (b0 + dec("199.76")).to_string();
    assert_eq!(
        code(
            c.reclaim_to_partner_account(&req(&target.customer_id, &more))
                .await
        )
        .1,
        codes::INSUFFICIENT_BALANCE
    );
    // Referral customers top up themselves.
    assert_eq!(
        code(
            c.update_customer_account_amount(&req(&referral.customer_id, "1"))
                .await
        )
        .1,
        codes::CONSULTATIVE_CUSTOMER
    );
    assert_eq!(
        code(
            c.reclaim_to_partner_account(&req(&referral.customer_id, "1"))
                .await
        )
        .1,
        codes::CONSULTATIVE_CUSTOMER
    );
    // Another partner's customer.
    let sp = client(&m, 1);
    assert_eq!(
        code(
            sp.update_customer_account_amount(&req(&target.customer_id, "1"))
                .await
        ),
        (400, codes::NOT_YOUR_CUSTOMER.into())
    );
    assert_eq!(
        code(
            sp.list_customers_balances_detail(&balances(vec![target.customer_id.clone()]))
                .await
        )
        .1,
        codes::NOT_YOUR_CUSTOMER
    );
    assert!(
        sp.list_sub_customers(&ListSubCustomersReq {
            customer_id: Some(target.customer_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .is_empty()
    );

    // A distributor acting for its reseller with indirect_partner_id.
    let rid = resellers(&c)
        .await
        .into_iter()
        .find(|r| r.account_name.as_deref() == Some("yuntu_it"))
        .unwrap()
        .indirect_partner_id;
    let theirs = c
        .list_sub_customers(&ListSubCustomersReq {
            indirect_partner_id: Some(rid.clone()),
            association_type: Some("2".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let cust = &theirs.customer_infos[0].customer_id;
    let r0 = balance(&c, ACCOUNT_BALANCE, Some(&rid)).await;
    let via = CustomerAmountReq {
        customer_id: cust.clone(),
        amount: dec("10"),
        indirect_partner_id: Some(rid.clone()),
    };
    c.update_customer_account_amount(&via).await.unwrap();
    assert_eq!(
        balance(&c, ACCOUNT_BALANCE, Some(&rid)).await,
        r0 - dec("10")
    );
    // The reseller's customer is not the distributor's own.
    assert_eq!(
        code(c.update_customer_account_amount(&req(cust, "1")).await).1,
        codes::NOT_YOUR_CUSTOMER
    );
}

#[tokio::test]
async fn orders_list_filter_page_and_details() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let first = c
        .list_customer_orders(&CustomerOrdersQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(first.total_count >= 200);
    // Newest first: the CS-DEMO orders were placed last.
    assert!(first.order_infos[0].order_id.starts_with("CS-DEMO-"));
    let times: Vec<&str> = first
        .order_infos
        .iter()
        .map(|o| o.create_time.as_str())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "sorted by -createTime"
    );
    // Paging reaches every order exactly once.
    let all = collect_pages(100, usize::MAX, |offset, limit| {
        let c = c.clone();
        async move {
            c.list_customer_orders(&CustomerOrdersQuery {
                offset: Some(offset),
                limit: Some(limit),
                ..Default::default()
            })
            .await
        }
    })
    .await
    .unwrap();
    assert_eq!(all.len() as i64, first.total_count);
    let mut ids: Vec<&str> = all.iter().map(|o| o.order_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
    for s in [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13] {
        assert!(all.iter().any(|o| o.status == s), "status {s}");
    }
    for t in [1, 2, 3, 4, 10, 11, 13, 14, 15] {
        assert!(all.iter().any(|o| o.order_type == t), "order type {t}");
    }
    for id in [
        "CS-DEMO-QUOTA",
        "CS-DEMO-CAPACITY",
        "CS-DEMO-SPEC",
        "CS-DEMO-EXPIRED",
        "CS-DEMO-MARKET",
        "CS-DEMO-OK-1",
        "CS-DEMO-OK-5",
    ] {
        let o = all
            .iter()
            .find(|o| o.order_id == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(o.status, 6, "{id} pending payment");
        assert_eq!(
            o.agent_pay_info.as_ref().and_then(|a| a.is_agent_pay),
            Some(true),
            "{id} asks the partner to pay"
        );
    }
    // Filters.
    let pending = c
        .list_customer_orders(&CustomerOrdersQuery {
            status: Some(6),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(pending.order_infos.iter().all(|o| o.status == 6));
    assert_eq!(
        pending.total_count,
        all.iter().filter(|o| o.status == 6).count() as i64
    );
    let one = c
        .list_customer_orders(&CustomerOrdersQuery {
            order_id: Some("cs-demo-ok-1".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(one.total_count, 1, "order_id is case-insensitive");
    let cust = all[7].customer_id.clone();
    let theirs = c
        .list_customer_orders(&CustomerOrdersQuery {
            customer_id: Some(cust.clone()),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        theirs.total_count,
        all.iter().filter(|o| o.customer_id == cust).count() as i64
    );
    let obs = c
        .list_customer_orders(&CustomerOrdersQuery {
            service_type_code: Some("hws.service.type.obs".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        obs.total_count,
        all.iter()
            .filter(|o| o.service_type_code == "hws.service.type.obs")
            .count() as i64
    );
    let renewals = c
        .list_customer_orders(&CustomerOrdersQuery {
            order_type: Some("2".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        renewals.total_count,
        all.iter().filter(|o| o.order_type == 2).count() as i64
    );
    let window = CustomerOrdersQuery {
        create_time_begin: Some(all[50].create_time.clone()),
        create_time_end: Some(all[10].create_time.clone()),
        limit: Some(100),
        ..Default::default()
    };
    let in_window = c.list_customer_orders(&window).await.unwrap();
    assert_eq!(in_window.total_count, all.iter().filter(|o| o.create_time >= all[50].create_time && o.create_time <= all[10].create_time).count() as i64);
    // Ascending order, and the deepest page.
    let asc = c
        .list_customer_orders(&CustomerOrdersQuery {
            order_by: Some("createTime".into()),
            limit: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    let last = c
        .list_customer_orders(&CustomerOrdersQuery {
            offset: Some(first.total_count - 5),
            limit: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut rev: Vec<String> = last
        .order_infos
        .iter()
        .map(|o| o.order_id.clone())
        .collect();
    rev.reverse();
    assert_eq!(
        rev,
        asc.order_infos
            .iter()
            .map(|o| o.order_id.clone())
            .collect::<Vec<_>>()
    );
    let past = c
        .list_customer_orders(&CustomerOrdersQuery {
            offset: Some(100_000),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(past.order_infos.is_empty());
    assert_eq!(past.total_count, first.total_count);
    // Resellers' customers' orders.
    let sub = c
        .list_customer_orders(&CustomerOrdersQuery {
            method: Some("sub_customer".into()),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(sub.total_count, 40);
    assert!(
        sub.order_infos
            .iter()
            .all(|o| !all.iter().any(|a| a.order_id == o.order_id))
    );

    // Details.
    let d = c
        .show_customer_order_details("CS-DEMO-OK-1", &OrderDetailsQuery::default())
        .await
        .unwrap();
    assert_eq!(d.order_info.order_id, "CS-DEMO-OK-1");
    assert!(d.order_info.user_name.is_some());
    assert!(d.order_info.pending_payment_end_time.is_some());
    assert_eq!(d.total_count, 1);
    assert_eq!(d.order_line_items[0].order_id, "CS-DEMO-OK-1");
    assert_eq!(
        code(
            c.show_customer_order_details("CS-NOPE", &OrderDetailsQuery::default())
                .await
        )
        .0,
        404
    );
    // Another partner's order is as good as missing.
    let sp = client(&m, 1);
    assert_eq!(
        code(
            sp.show_customer_order_details("CS-DEMO-OK-1", &OrderDetailsQuery::default())
                .await
        )
        .0,
        404
    );
    let sp_orders = sp
        .list_customer_orders(&CustomerOrdersQuery {
            order_id: Some("CS-DEMO-OK-1".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(sp_orders.total_count, 0);
    // Bad queries.
    for q in [
        CustomerOrdersQuery {
            limit: Some(101),
            ..Default::default()
        },
        CustomerOrdersQuery {
            limit: Some(0),
            ..Default::default()
        },
        CustomerOrdersQuery {
            offset: Some(-1),
            ..Default::default()
        },
        CustomerOrdersQuery {
            status: Some(7),
            ..Default::default()
        },
        CustomerOrdersQuery {
            order_type: Some("new".into()),
            ..Default::default()
        },
        CustomerOrdersQuery {
            order_by: Some("amount".into()),
            ..Default::default()
        },
        CustomerOrdersQuery {
            method: Some("everyone".into()),
            ..Default::default()
        },
        CustomerOrdersQuery {
            create_time_begin: Some("2025-01-01".into()),
            ..Default::default()
        },
    ] {
        assert_eq!(
            code(c.list_customer_orders(&q).await),
            (400, codes::PARAMETER_ERROR.into()),
            "{q:?}"
        );
    }
    let stranger = CustomerOrdersQuery {
        indirect_partner_id: Some("f".repeat(32)),
        ..Default::default()
    };
    assert_eq!(
        code(c.list_customer_orders(&stranger).await),
        (400, codes::NOT_YOUR_RESELLER.into())
    );
    // An id the URL parser would rewrite is refused before it is signed.
    for id in [".", "..", ""] {
        let err = c
            .show_customer_order_details(id, &OrderDetailsQuery::default())
            .await
            .unwrap_err();
        assert!(
            matches!(err, ClientError::NotAnId { .. }),
            "{id:?}: {err:?}"
        );
    }
}

#[tokio::test]
async fn catalogue_and_ratings() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 1);
    let st = c
        .list_service_types(&CatalogQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(st.total_count >= 8);
    let ecs = c
        .list_service_types(&CatalogQuery {
            service_type_name: Some("弹性云".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        ecs.service_types[0].service_type_code,
        "hws.service.type.ec2"
    );
    let rt = c
        .list_resource_types(&CatalogQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(rt.total_count as usize, rt.resource_types.len());
    let sr = c
        .list_service_resources(&CatalogQuery {
            service_type_code: Some("hws.service.type.vpc".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(sr.total_count, 2);
    assert_eq!(
        code(c.list_service_resources(&CatalogQuery::default()).await).1,
        codes::PARAMETER_ERROR
    );
    let ut = c
        .list_usage_types(&CatalogQuery {
            resource_type_code: Some("hws.resource.type.vm".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(ut.usage_types[0].code, "Duration");
    let mu = c.list_measure_units().await.unwrap();
    assert!(
        mu.measure_units
            .iter()
            .any(|u| u.measure_id == 1 && u.measure_type == 1)
    );

    let product = |id: &str, spec: &str| DemandProductInfo {
        id: id.into(),
        cloud_service_type: "hws.service.type.ec2".into(),
        resource_type: "hws.resource.type.vm".into(),
        resource_spec: spec.into(),
        region: "cn-north-4".into(),
        usage_factor: "Duration".into(),
        usage_value: dec("10"),
        usage_measure_id: 4,
        subscription_num: 2,
        ..Default::default()
    };
    // The rating APIs take the account's project in the region, from IAM; a region's
    // name or another account's project is refused.
    let project = c.project_id("cn-north-4").await.unwrap();
    assert_eq!(project.len(), 32, "{project}");
    assert_ne!(
        project,
        pc_testkit::client(&m, 0)
            .project_id("cn-north-4")
            .await
            .unwrap(),
        "each account has its own projects"
    );
    assert!(matches!(
        c.project_id("mars-1").await,
        Err(pc_client::ClientError::NoProject(_))
    ));
    for wrong in ["cn-north-4", "0123456789abcdef0123456789abcdef"] {
        let req = OnDemandRatingReq {
            project_id: wrong.into(),
            inquiry_precision: None,
            product_infos: vec![product("1", "s6.large.2.linux")],
        };
        assert_eq!(
            code(c.list_on_demand_resource_ratings(&req).await),
            (400, codes::PARAMETER_ERROR.into()),
            "{wrong}"
        );
    }
    let req = OnDemandRatingReq {
        project_id: project.clone(),
        inquiry_precision: None,
        product_infos: vec![product("1", "s6.large.2.linux")],
    };
    let r = c.list_on_demand_resource_ratings(&req).await.unwrap();
    assert_eq!(r.official_website_amount, dec("8.8")); // 0.44/h × 10 h × 2
    assert_eq!(r.amount + r.discount_amount, r.official_website_amount);
    assert_eq!(
        r.product_rating_results[0].discount_rating_results[0].discount_type,
        607
    );
    let unknown = OnDemandRatingReq {
        product_infos: vec![product("1", "x9.huge")],
        ..req.clone()
    };
    assert_eq!(
        code(c.list_on_demand_resource_ratings(&unknown).await).1,
        codes::RATING_PRODUCT_NOT_FOUND
    );
    let wrong_unit = OnDemandRatingReq {
        product_infos: vec![DemandProductInfo {
            usage_measure_id: 10,
            ..product("1", "s6.large.2.linux")
        }],
        ..req.clone()
    };
    assert_eq!(
        code(c.list_on_demand_resource_ratings(&wrong_unit).await).1,
        codes::RATING_WRONG_UNIT
    );
    let dup = OnDemandRatingReq {
        product_infos: vec![
            product("1", "s6.large.2.linux"),
            product("1", "s6.small.1.linux"),
        ],
        ..req
    };
    assert_eq!(
        code(c.list_on_demand_resource_ratings(&dup).await).1,
        codes::PARAMETER_ERROR
    );

    // Absurd quantities are a 400, never an overflow.
    for huge in [
        DemandProductInfo {
            subscription_num: i32::MAX,
            ..product("1", "s6.large.2.linux")
        },
        DemandProductInfo {
            subscription_num: 0,
            ..product("1", "s6.large.2.linux")
        },
        DemandProductInfo {
            usage_value: Decimal::MAX,
            ..product("1", "s6.large.2.linux")
        },
        DemandProductInfo {
            usage_value: dec("-1"),
            ..product("1", "s6.large.2.linux")
        },
    ] {
        let req = OnDemandRatingReq {
            project_id: project.clone(),
            inquiry_precision: None,
            product_infos: vec![huge],
        };
        assert_eq!(
            code(c.list_on_demand_resource_ratings(&req).await),
            (400, codes::PARAMETER_ERROR.into())
        );
    }
    let period = PeriodRatingReq {
        project_id: project.clone(),
        product_infos: vec![PeriodProductInfo {
            id: "1".into(),
            cloud_service_type: "hws.service.type.ec2".into(),
            resource_type: "hws.resource.type.vm".into(),
            resource_spec: "s6.small.1.linux".into(),
            region: "cn-north-4".into(),
            period_type: 2,
            period_num: 3,
            subscription_num: 1,
            ..Default::default()
        }],
    };
    for (period_num, subscription_num) in [(i32::MAX, 1), (1, i32::MAX), (0, 1)] {
        let mut req = period.clone();
        req.product_infos[0].period_num = period_num;
        req.product_infos[0].subscription_num = subscription_num;
        assert_eq!(
            code(c.list_rate_on_period_detail(&req).await),
            (400, codes::PARAMETER_ERROR.into())
        );
    }
    let mut linear = period.clone();
    linear.product_infos[0].cloud_service_type = "hws.service.type.ebs".into();
    linear.product_infos[0].resource_type = "hws.resource.type.volume".into();
    linear.product_infos[0].resource_spec = "SSD".into();
    linear.product_infos[0].resource_size = Some(i32::MAX);
    assert_eq!(
        code(c.list_rate_on_period_detail(&linear).await),
        (400, codes::PARAMETER_ERROR.into())
    );
    let p = c.list_rate_on_period_detail(&period).await.unwrap();
    assert_eq!(
        p.official_website_rating_result.official_website_amount,
        dec("96.60")
    );
    assert_eq!(p.optional_discount_rating_results[0].best_offer, 1);
}

#[tokio::test]
async fn coupons_issue_list_reclaim() {
    let m = start(Seed::Demo).await;
    let gov = client(&m, 2);
    let quotas = gov
        .list_quota_coupons(&CouponQuotasReq::default())
        .await
        .unwrap();
    assert!(
        quotas.quotas.iter().all(|q| q.quota_type == 0),
        "vouchers by default"
    );
    let quota = quotas
        .quotas
        .iter()
        .find(|q| q.quota_status == 0)
        .unwrap()
        .clone();
    let invalid = quotas
        .quotas
        .iter()
        .find(|q| q.quota_status == 3)
        .unwrap()
        .clone();
    let too_many = CouponQuotasReq {
        quota_ids: Some((0..40_000).map(|i| format!("Q{i}")).collect()),
        ..Default::default()
    };
    assert_eq!(
        code(gov.list_quota_coupons(&too_many).await),
        (400, codes::PARAMETER_ERROR.into())
    );
    let cash = gov
        .list_quota_coupons(&CouponQuotasReq {
            quota_type: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(cash.total_count, 1);
    let reseller_type = customers(&gov, "2").await;
    let referral = customers(&gov, "1").await;
    let req = CreatePartnerCouponsReq {
        quota_id: quota.quota_id.clone(),
        customer_ids: vec![
            reseller_type[0].customer_id.clone(),
            referral[0].customer_id.clone(),
            "f".repeat(32),
        ],
        face_value: dec("100.00"),
        ..Default::default()
    };
    let issued = gov.create_partner_coupons(&req).await.unwrap();
    assert_eq!(issued.coupon_infos.len(), 1);
    assert_eq!(issued.error_details.len(), 2);
    assert!(
        issued
            .error_details
            .iter()
            .any(|e| e.error_code == codes::COUPON_ASSOCIATION_TYPE)
    );
    assert!(
        issued
            .error_details
            .iter()
            .any(|e| e.error_code == codes::NOT_YOUR_CUSTOMER)
    );
    let after = gov
        .list_quota_coupons(&CouponQuotasReq {
            quota_ids: Some(vec![quota.quota_id.clone()]),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(after.quotas[0].balance, quota.balance - dec("100"));
    let coupon_id = issued.coupon_infos[0].coupon_id.clone();
    let listed = gov
        .list_issued_partner_coupons(&IssuedCouponsQuery {
            coupon_id: Some(coupon_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.total_count, 1);
    assert_eq!(listed.user_coupons[0].status, 2);
    assert_eq!(listed.user_coupons[0].coupon_type, 1);
    assert_eq!(listed.user_coupons[0].face_value, dec("100.00"));
    // Quota rules.
    for (bad, expect) in [
        (
            CreatePartnerCouponsReq {
                quota_id: invalid.quota_id.clone(),
                ..req.clone()
            },
            codes::QUOTA_BAD_STATE,
        ),
        (
            CreatePartnerCouponsReq {
                quota_id: "QUOTA-NONE".into(),
                ..req.clone()
            },
            codes::QUOTA_BAD_STATE,
        ),
        (
            CreatePartnerCouponsReq {
                face_value: dec("0.5"),
                ..req.clone()
            },
            codes::FACE_VALUE_TOO_LOW,
        ),
        (
            CreatePartnerCouponsReq {
                face_value: dec("50000.01"),
                ..req.clone()
            },
            codes::FACE_VALUE_TOO_HIGH,
        ),
        (
            CreatePartnerCouponsReq {
                face_value: dec("1.001"),
                ..req.clone()
            },
            codes::PARAMETER_ERROR,
        ),
        (
            CreatePartnerCouponsReq {
                customer_ids: vec![],
                ..req.clone()
            },
            codes::PARAMETER_ERROR,
        ),
        (
            CreatePartnerCouponsReq {
                valid_time: Some("2020-01-01T00:00:00Z".into()),
                ..req.clone()
            },
            "CBC.99000023",
        ),
    ] {
        assert_eq!(
            code(gov.create_partner_coupons(&bad).await).1,
            expect,
            "{bad:?}"
        );
    }
    // Another partner cannot use or reclaim it.
    let dist = client(&m, 0);
    assert_eq!(
        code(dist.create_partner_coupons(&req).await).1,
        codes::QUOTA_BAD_STATE
    );
    let reclaim = ReclaimPartnerCouponsReq {
        coupon_id: coupon_id.clone(),
        indirect_partner_id: None,
    };
    assert_eq!(
        code(dist.reclaim_partner_coupons(&reclaim).await).1,
        "CBC.99000000"
    );
    gov.reclaim_partner_coupons(&reclaim).await.unwrap();
    assert_eq!(
        code(gov.reclaim_partner_coupons(&reclaim).await).1,
        codes::COUPON_ALREADY_RECLAIMED
    );
    let listed = gov
        .list_issued_partner_coupons(&IssuedCouponsQuery {
            status: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.user_coupons[0].coupon_id, coupon_id);
    let back = gov
        .list_quota_coupons(&CouponQuotasReq {
            quota_ids: Some(vec![quota.quota_id.clone()]),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        back.quotas[0].balance, quota.balance,
        "the reclaimed value returns to the quota"
    );
}

#[tokio::test]
async fn authentication_failures() {
    let m = start(Seed::Demo).await;
    let unknown = client_with(&m, "NOSUCHAK000000000001", "whatever");
    let err = unknown
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap_err();
    match &err {
        ClientError::Api {
            status,
            code,
            message,
            request_id,
        } => {
            assert_eq!((*status, code.as_str()), (401, codes::AUTH_FAILED));
            assert!(message.contains("ak not exist"));
            assert!(request_id.is_some());
        }
        other => panic!("{other:?}"),
    }
    // Wrong SK, 4 times: rejected; a correct request resets the count.
    let p = &pc_mock::seed::DEMO_PARTNERS[1];
    let forged = client_with(&m, p.ak, "not-the-secret");
    for _ in 0..4 {
        assert_eq!(
            code(
                forged
                    .list_partner_balances(&PartnerBalancesQuery::default())
                    .await
            ),
            (401, codes::AUTH_FAILED.into())
        );
    }
    let good = client(&m, 1);
    good.list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();
    for _ in 0..4 {
        assert_eq!(
            code(
                forged
                    .list_partner_balances(&PartnerBalancesQuery::default())
                    .await
            )
            .0,
            401
        );
    }
    good.list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .expect("4 + 4 failures are not 5 in a row");
    // Five in a row lock the AK, even for correct signatures.
    for _ in 0..5 {
        assert_eq!(
            code(
                forged
                    .list_partner_balances(&PartnerBalancesQuery::default())
                    .await
            )
            .0,
            401
        );
    }
    let locked = good
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap_err();
    assert!(locked.to_string().contains("locked"), "{locked}");
    // Other partners are not affected; the lock lifts after 5 minutes.
    client(&m, 0)
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();
    m.state.set_gateway_clock_offset(5 * 60 + 1);
    // The client signs with the real clock, 5 minutes behind the mock's: within 15.
    good.list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();

    // A stale X-Sdk-Date: the server's clock 16 minutes ahead of the signer's.
    m.state.set_gateway_clock_offset(16 * 60);
    let stale = client(&m, 0)
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap_err();
    assert_eq!(stale.code(), Some(codes::AUTH_FAILED));
    m.state.set_gateway_clock_offset(-16 * 60);
    assert_eq!(
        client(&m, 0)
            .list_partner_balances(&PartnerBalancesQuery::default())
            .await
            .unwrap_err()
            .code(),
        Some(codes::AUTH_FAILED)
    );
    m.state.set_gateway_clock_offset(0);

    // Unsigned requests, and the admin API without its token.
    let http = reqwest::Client::new();
    let resp = http
        .get(format!(
            "{}/v2/accounts/partner-accounts/balances",
            m.endpoint()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let body: ErrorBody = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    assert_eq!(body.error_code, codes::AUTH_FAILED);
    let resp = http
        .get(format!("{}/mock/outbox", m.endpoint()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let resp = http
        .get(format!("{}/mock/outbox", m.endpoint()))
        .header("X-Mock-Admin", "guess")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn bad_input_is_a_400_with_a_cbc_body() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let rid = resellers(&c).await[0].indirect_partner_id.clone();
    let post = |path: &'static str, body: String| {
        let c = c.clone();
        async move { c.raw("POST", path, vec![], Some(body.into_bytes())).await }
    };
    let adjust = "/v2/accounts/partner-accounts/indirect-partner-adjust";
    let cases: Vec<(&str, String)> = vec![
        (adjust, "{".into()),
        (adjust, "not json".into()),
        (adjust, "[]".into()),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": "abc"}}"#),
        ),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": true}}"#),
        ),
        (
            adjust,
            r#"{"indirect_partner_id": 5, "amount": 1}"#.to_string(),
        ),
        (adjust, format!(r#"{{"indirect_partner_id": "{rid}"}}"#)),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": 1, "extra": 1}}"#),
        ),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": 0}}"#),
        ),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": -1}}"#),
        ),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": 1.234}}"#),
        ),
        (
            adjust,
            format!(r#"{{"indirect_partner_id": "{rid}", "amount": 1e400}}"#),
        ),
        (
            "/v2/partners/sub-customers/query",
            r#"{"limit": 101}"#.into(),
        ),
        (
            "/v2/partners/sub-customers/query",
            r#"{"offset": -1}"#.into(),
        ),
        (
            "/v2/partners/sub-customers/query",
            r#"{"limit": "ten"}"#.into(),
        ),
        (
            "/v2/partners/sub-customers/query",
            r#"{"limit": 1.5}"#.into(),
        ),
        (
            "/v2/partners/sub-customers/query",
            r#"{"association_type": "9"}"#.into(),
        ),
        (
            "/v2/partners/sub-customers",
            r#"{"xaccount_type": "partner_console_demo"}"#.into(),
        ),
        (
            "/v2/bases/verificationcode/send",
            r#"{"mobile_phone": "13800000000"}"#.into(),
        ),
    ];
    for (path, body) in cases {
        let err = post(path, body.clone()).await.unwrap_err();
        assert!(
            matches!(&err, ClientError::Api { status: 400, code, .. } if code == codes::PARAMETER_ERROR),
            "{path} {body}: {err:?}"
        );
    }
    // The documented string form of an amount is accepted.
    post(
        adjust,
        format!(r#"{{"indirect_partner_id": "{rid}", "amount": "99.99"}}"#),
    )
    .await
    .unwrap();
    // An empty body reads as {} (the SDK sends none for an empty model).
    post("/v2/partners/sub-customers/query", String::new())
        .await
        .unwrap();
    // Bad query strings.
    for query in [
        vec![("limit".to_string(), "x".to_string())],
        vec![("offset".to_string(), "-5".to_string())],
        vec![("status".to_string(), "6.5".to_string())],
        vec![("bogus".to_string(), "1".to_string())],
    ] {
        let err = c
            .raw("GET", "/v2/orders/customer-orders", query.clone(), None)
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(codes::PARAMETER_ERROR), "{query:?}");
    }
    // Unknown paths and methods.
    assert_eq!(
        c.raw("GET", "/v2/nothing/here", vec![], None)
            .await
            .unwrap_err()
            .code(),
        Some(codes::NO_SUCH_API)
    );
    let wrong_method = c
        .raw("DELETE", "/v2/orders/customer-orders", vec![], None)
        .await
        .unwrap_err();
    assert!(
        matches!(wrong_method, ClientError::Api { status: 405, .. }),
        "{wrong_method:?}"
    );
    // An oversized body.
    let big = post(adjust, "x".repeat(2 * 1024 * 1024)).await;
    assert!(
        matches!(
            big,
            Err(ClientError::Api { status: 413, .. }) | Err(ClientError::Transport(_))
        ),
        "{big:?}"
    );
}

#[tokio::test]
async fn money_is_conserved_across_transfers() {
    let m = start(Seed::Demo).await;
    let total = |m: &pc_mock::RunningMock| {
        m.state.db.with(|conn| {
            let p: i64 = conn.query_row("SELECT SUM(balance) FROM partners", [], |r| r.get(0)).unwrap();
            let c: i64 = conn.query_row("SELECT SUM(balance) FROM customers", [], |r| r.get(0)).unwrap();
            let negative: i64 = conn
                .query_row("SELECT (SELECT COUNT(*) FROM partners WHERE balance < 0 OR allocatable < 0 OR allocatable > balance) + (SELECT COUNT(*) FROM customers WHERE balance < 0)", [], |r| r.get(0))
                .unwrap();
            (p + c, negative)
        })
    };
    let (before, _) = total(&m);
    let c = client(&m, 0);
    let rs = resellers(&c).await;
    let cs = customers(&c, "2").await;
    let mut handles = Vec::new();
    for i in 0..40 {
        let c = c.clone();
        let rid = rs[i % rs.len()].indirect_partner_id.clone();
        let cid = cs[i % cs.len()].customer_id.clone();
        handles.push(tokio::spawn(async move {
            let amount = Decimal::new(1 + (i as i64 * 7919) % 50_000, 2);
            match i % 4 {
                0 => c
                    .update_indirect_partner_account(&IndirectPartnerAmountReq {
                        indirect_partner_id: rid,
                        amount,
                    })
                    .await
                    .map(|_| ()),
                1 => c
                    .reclaim_indirect_partner_account(&IndirectPartnerAmountReq {
                        indirect_partner_id: rid,
                        amount,
                    })
                    .await
                    .map(|_| ()),
                2 => c
                    .update_customer_account_amount(&CustomerAmountReq {
                        customer_id: cid,
                        amount,
                        indirect_partner_id: None,
                    })
                    .await
                    .map(|_| ()),
                _ => c
                    .reclaim_to_partner_account(&CustomerAmountReq {
                        customer_id: cid,
                        amount,
                        indirect_partner_id: None,
                    })
                    .await
                    .map(|_| ()),
            }
        }));
    }
    let mut applied = 0;
    for h in handles {
        match h.await.unwrap() {
            Ok(()) => applied += 1,
            Err(e) => assert_eq!(e.code(), Some(codes::INSUFFICIENT_BALANCE), "{e}"),
        }
    }
    assert!(applied >= 20, "most transfers apply ({applied} of 40)");
    let records = c
        .list_partner_adjust_records(&AdjustRecordsQuery::default())
        .await
        .unwrap();
    assert_eq!(
        records.total_count, applied,
        "one adjust record per applied transfer"
    );
    let (after, bad) = total(&m);
    assert_eq!(after, before);
    assert_eq!(bad, 0);
}

#[tokio::test]
async fn large_seed_pages_the_same_at_any_depth() {
    let m = start(Seed::Large(5_000)).await;
    let c = client(&m, 0);
    let first = c
        .list_customer_orders(&CustomerOrdersQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(first.total_count, 5_000);
    let deep = c
        .list_customer_orders(&CustomerOrdersQuery {
            offset: Some(4_990),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(deep.order_infos.len(), 10);
    let asc = c
        .list_customer_orders(&CustomerOrdersQuery {
            order_by: Some("createTime".into()),
            limit: Some(10),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut rev = deep.order_infos.clone();
    rev.reverse();
    assert_eq!(rev, asc.order_infos);
    // The keyset page agrees with the filtered (OFFSET) path at the same depth.
    let pending = c
        .list_customer_orders(&CustomerOrdersQuery {
            status: Some(6),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(pending.total_count > 0);
    let everything = collect_pages(100, usize::MAX, |offset, limit| {
        let c = c.clone();
        async move {
            c.list_customer_orders(&CustomerOrdersQuery {
                offset: Some(offset),
                limit: Some(limit),
                ..Default::default()
            })
            .await
        }
    })
    .await
    .unwrap();
    assert_eq!(everything.len(), 5_000);
    let pending_ids: Vec<_> = everything
        .iter()
        .filter(|o| o.status == 6)
        .take(100)
        .map(|o| o.order_id.clone())
        .collect();
    assert_eq!(
        pending_ids,
        pending
            .order_infos
            .iter()
            .map(|o| o.order_id.clone())
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn empty_seed_has_partners_and_nothing_else() {
    let m = start(Seed::Empty).await;
    let c = client(&m, 0);
    assert_eq!(
        c.list_customer_orders(&CustomerOrdersQuery::default())
            .await
            .unwrap()
            .total_count,
        0
    );
    assert_eq!(
        c.list_sub_customers(&ListSubCustomersReq::default())
            .await
            .unwrap()
            .count,
        0
    );
    assert_eq!(
        c.list_indirect_partners(&ListIndirectPartnersReq::default())
            .await
            .unwrap()
            .count,
        0
    );
}

#[tokio::test]
async fn state_persists_in_a_data_file() {
    let dir = std::env::temp_dir().join(format!("pc-mock-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mock.db");
    let config = pc_mock::MockConfig {
        data: Some(path.clone()),
        seed: Seed::Demo,
        admin_token: None,
        live: None,
        limits: Default::default(),
        rate_limit: None,
        bss_only: false,
        site: Default::default(),
    };
    let m = pc_mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .unwrap();
    let c = client(&m, 0);
    let rid = resellers(&c).await[0].indirect_partner_id.clone();
    let t = c
        .update_indirect_partner_account(&IndirectPartnerAmountReq {
            indirect_partner_id: rid,
            amount: dec("12.34"),
        })
        .await
        .unwrap();
    m.shutdown().await;
    let m = pc_mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .unwrap();
    let c = client(&m, 0);
    let recs = c
        .list_partner_adjust_records(&AdjustRecordsQuery {
            trans_id: Some(t.transfer_id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        recs.total_count, 1,
        "the transfer survived the restart (and the store was not re-seeded)"
    );
    m.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn handlers_act_on_exactly_what_was_signed() {
    let m = start(Seed::Demo).await;
    // A literal `+` in the query is a plus, as the verifier read it, not a space.
    let path = "/v2/products/service-types";
    let (status, body) = handmade(
        &m,
        0,
        "GET",
        path,
        &[("service_type_name", "云数据库 RDS")],
        None,
        &[],
        b"",
    )
    .await;
    assert_eq!((status, body["total_count"].as_i64()), (200, Some(1)));
    let plus = format!("{path}?service_type_name=%E4%BA%91%E6%95%B0%E6%8D%AE%E5%BA%93+RDS");
    let (status, body) = handmade(
        &m,
        0,
        "GET",
        path,
        &[("service_type_name", "云数据库+RDS")],
        Some(&plus),
        &[],
        b"",
    )
    .await;
    assert_eq!(
        (status, body["total_count"].as_i64()),
        (200, Some(0)),
        "{body}"
    );
    // A path segment that is not UTF-8: a CBC 400, not a plain-text rejection.
    let (status, body) = handmade(
        &m,
        0,
        "GET",
        "/v2/orders/customer-orders/details/%FF",
        &[],
        None,
        &[],
        b"",
    )
    .await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (400, Some(codes::PARAMETER_ERROR)),
        "{body}"
    );
    // An unsigned X-Sdk-Content-Sha256 cannot carry another body past the signature.
    let original = br#"{"limit": 1}"#;
    let hash = pc_api::signing::sha256_hex(original);
    let sub = "/v2/partners/sub-customers/query";
    let (status, _) = handmade(&m, 0, "POST", sub, &[], None, &[], original).await;
    assert_eq!(status, 200);
    let (status, body) = handmade(
        &m,
        0,
        "POST",
        sub,
        &[],
        None,
        &[("X-Sdk-Content-Sha256", &hash)],
        original,
    )
    .await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (401, Some(codes::AUTH_FAILED))
    );
}

#[tokio::test]
async fn an_empty_admin_token_is_refused() {
    for token in ["", "   ", "short"] {
        let config = pc_mock::MockConfig {
            data: None,
            seed: Seed::Empty,
            admin_token: Some(token.into()),
            live: None,
            limits: Default::default(),
            rate_limit: None,
            bss_only: false,
            site: Default::default(),
        };
        let started = pc_mock::start("127.0.0.1:0".parse().unwrap(), &config).await;
        assert!(
            matches!(started, Err(pc_mock::MockError::AdminToken)),
            "{token:?}"
        );
    }
}
