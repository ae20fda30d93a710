//! The Partner Center surface of the mock through the client: capabilities, contracts
//! and payment plans, partner isolation and bad input.

use pc_testkit as common;

use common::{client, start};
use pc_api::error::codes;
use pc_api::partner_center::*;
use pc_client::{ClientError, collect_pages};
use pc_mock::seed::Seed;
use rust_decimal::Decimal;

#[tokio::test]
async fn capabilities_announce_the_partner_center() {
    let m = start(Seed::Demo).await;
    let caps = client(&m, 0)
        .capabilities()
        .await
        .unwrap()
        .expect("the mock offers the Partner Center");
    assert!(caps.features.iter().any(|f| f == "contracts"));
}

#[tokio::test]
async fn a_bss_only_backend_has_no_capabilities() {
    // A backend that answers 404 (like Huawei's own endpoint): stand one up with axum.
    let app = axum::Router::new().fallback(|| async {
        (
            axum::http::StatusCode::NOT_FOUND,
            r#"{"error_code":"APIGW.0101","error_msg":"not found"}"#,
        )
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let c = pc_client::Client::new(
        &format!("http://{addr}"),
        pc_client::Credentials::new("A", "S"),
    )
    .unwrap();
    assert_eq!(c.capabilities().await.unwrap(), None);
}

#[tokio::test]
async fn contracts_with_paid_due_and_overdue_plans() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let all = collect_pages(2, usize::MAX, |offset, limit| {
        let c = c.clone();
        async move {
            c.list_contracts(&ContractsQuery {
                offset: Some(offset),
                limit: Some(limit),
                ..Default::default()
            })
            .await
        }
    })
    .await
    .unwrap();
    assert!(all.len() >= 4, "{}", all.len());
    let mut statuses = std::collections::BTreeSet::new();
    for contract in &all {
        let d = c.show_contract(&contract.contract_id).await.unwrap();
        assert_eq!(&d.contract, contract);
        let total: Decimal = d.payment_plans.iter().map(|p| p.amount).sum();
        let paid: Decimal = d
            .payment_plans
            .iter()
            .filter(|p| p.status == PLAN_PAID)
            .map(|p| p.amount)
            .sum();
        assert_eq!(total, contract.total_amount);
        assert_eq!(paid, contract.paid_amount);
        assert_eq!(contract.status == "completed", paid == total);
        let numbers: Vec<i32> = d.payment_plans.iter().map(|p| p.installment).collect();
        assert_eq!(
            numbers,
            (1..=numbers.len() as i32).collect::<Vec<_>>(),
            "instalments in order"
        );
        for p in &d.payment_plans {
            assert_eq!(p.paid_time.is_some(), p.status == PLAN_PAID);
            statuses.insert(p.status.clone());
        }
    }
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        vec![PLAN_DUE, PLAN_OVERDUE, PLAN_PAID]
    );
    // Filters.
    let completed = c
        .list_contracts(&ContractsQuery {
            status: Some("completed".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let active = c
        .list_contracts(&ContractsQuery {
            status: Some("active".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(completed.total_count >= 1 && active.total_count >= 1);
    assert_eq!(completed.total_count + active.total_count, all.len() as i64);
    assert!(completed.contracts.iter().all(|k| k.status == "completed"));
    let customer = all[0].customer_id.clone();
    let theirs = c
        .list_contracts(&ContractsQuery {
            customer_id: Some(customer.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(theirs.total_count >= 1 && theirs.contracts.iter().all(|k| k.customer_id == customer));
}

#[tokio::test]
async fn contracts_are_isolated_and_checked() {
    let m = start(Seed::Demo).await;
    let dist = client(&m, 0);
    let sp = client(&m, 1);
    let mine = dist
        .list_contracts(&ContractsQuery::default())
        .await
        .unwrap();
    let theirs = sp.list_contracts(&ContractsQuery::default()).await.unwrap();
    assert!(theirs.contracts.iter().all(|k| {
        !mine
            .contracts
            .iter()
            .any(|m| m.contract_id == k.contract_id)
    }));
    let err = sp
        .show_contract(&mine.contracts[0].contract_id)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::Api { status: 404, .. }),
        "{err:?}"
    );
    assert!(matches!(
        dist.show_contract("HT-NOPE").await,
        Err(ClientError::Api { status: 404, .. })
    ));
    assert!(matches!(
        dist.show_contract("..").await,
        Err(ClientError::NotAnId { .. })
    ));
    for q in [
        ContractsQuery {
            status: Some("paid".into()),
            ..Default::default()
        },
        ContractsQuery {
            limit: Some(101),
            ..Default::default()
        },
        ContractsQuery {
            offset: Some(-1),
            ..Default::default()
        },
    ] {
        assert_eq!(
            dist.list_contracts(&q).await.unwrap_err().code(),
            Some(codes::PARAMETER_ERROR),
            "{q:?}"
        );
    }
    // Unknown query fields are refused too.
    let err = dist
        .raw(
            "GET",
            "/partner-center/v1/contracts",
            vec![("colour".into(), "red".into())],
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(codes::PARAMETER_ERROR));
}

#[tokio::test]
async fn a_contract_bill_is_a_csv_of_its_instalments_and_only_for_its_partner() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let contract = c
        .list_contracts(&ContractsQuery::default())
        .await
        .unwrap()
        .contracts
        .remove(0);
    let detail = c.show_contract(&contract.contract_id).await.unwrap();
    let bill = c.contract_bill(&contract.contract_id).await.unwrap();
    let lines: Vec<&str> = bill.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("contract_id,contract_name,customer_id"));
    assert_eq!(lines.len() - 1, detail.payment_plans.len());
    for (line, plan) in lines[1..].iter().zip(&detail.payment_plans) {
        assert!(
            line.contains(&plan.due_date) && line.contains(&plan.status),
            "{line}"
        );
    }
    let e = client(&m, 1)
        .contract_bill(&contract.contract_id)
        .await
        .unwrap_err();
    assert!(matches!(e, ClientError::Api { status: 404, .. }), "{e:?}");
}

#[tokio::test]
async fn the_remittance_account_is_the_partners_own_and_goes_by_sms() {
    let m = start(Seed::Demo).await;
    // The government partner: the solution provider contracted with an entity that has
    // no remittance account (tests/realname.rs).
    let (a, b) = (client(&m, 0), client(&m, 2));
    let mine = a.recharge_account().await.unwrap();
    assert_eq!(mine, a.recharge_account().await.unwrap(), "fixed");
    assert_ne!(
        mine.account_number,
        b.recharge_account().await.unwrap().account_number
    );
    assert_eq!(mine.account_name, "华信云科技有限公司");
    let sent = a.send_recharge_account().await.unwrap();
    assert_eq!(sent.sent_to, "138****0001");
    let sms = common::outbox(&m).await.pop().unwrap();
    assert_eq!(sms.recipient, "13800000001");
    assert!(sms.body.contains(&mine.account_number));
    let proof = a.recharge_proof().await.unwrap();
    assert!(proof.contains(&mine.account_number) && proof.contains("华信云科技有限公司"));
}

#[tokio::test]
async fn a_payment_agreement_can_be_added_only_after_the_valid_one_is_voided() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let rid = || uuid::Uuid::new_v4().to_string();
    let list = c.agreements().await.unwrap().agreements;
    let valid: Vec<_> = list
        .iter()
        .filter(|x| x.status == AGREEMENT_VALID)
        .collect();
    assert_eq!(valid.len(), 1, "{list:?}");
    assert!(list.iter().any(|x| x.status == AGREEMENT_VOIDED));
    let add = AddAgreementReq {
        name: "代付协议 2026".into(),
    };
    let e = c.add_agreement(&add, &rid()).await.unwrap_err();
    assert_eq!(e.code(), Some(codes::AGREEMENT_EXISTS));
    assert!(e.to_string().contains(&valid[0].agreement_id));
    // Another partner cannot touch it.
    let e = client(&m, 1)
        .void_agreement(&valid[0].agreement_id, &rid())
        .await
        .unwrap_err();
    assert!(matches!(e, ClientError::Api { status: 404, .. }), "{e:?}");
    let voided = c
        .void_agreement(&valid[0].agreement_id, &rid())
        .await
        .unwrap();
    assert_eq!(voided.status, AGREEMENT_VOIDED);
    assert!(voided.voided_at.is_some());
    let e = c
        .void_agreement(&valid[0].agreement_id, &rid())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(codes::AGREEMENT_NOT_VALID));
    let added = c.add_agreement(&add, &rid()).await.unwrap();
    assert_eq!(added.status, AGREEMENT_VALID);
    let e = c
        .add_agreement(&AddAgreementReq { name: " ".into() }, &rid())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(codes::PARAMETER_ERROR));
}

#[tokio::test]
async fn an_accepted_invitation_associates_a_new_customer() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let inv = c.invitation().await.unwrap();
    assert_eq!(inv, c.invitation().await.unwrap(), "fixed per partner");
    assert_ne!(inv.code, client(&m, 1).invitation().await.unwrap().code);
    assert!(inv.link.ends_with(&inv.code));
    let accept = |code: &str, name: &str| {
        let body = serde_json::json!({"code": code, "account_name": name}).to_string();
        let url = format!("{}/mock/invitations/accept", m.endpoint());
        async move {
            reqwest::Client::new()
                .post(url)
                .header("X-Mock-Admin", common::ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let before = c
        .list_sub_customers(&pc_api::ListSubCustomersReq::default())
        .await
        .unwrap()
        .count;
    let resp = accept(&inv.code, "scanned_customer").await;
    assert_eq!(resp.status(), 200);
    let after = c
        .list_sub_customers(&pc_api::ListSubCustomersReq::default())
        .await
        .unwrap();
    assert_eq!(after.count, before + 1);
    assert_eq!(
        after.customer_infos[0].account_name, "scanned_customer",
        "newest first"
    );
    assert_eq!(
        accept(&inv.code, "scanned_customer").await.status(),
        400,
        "name taken"
    );
    assert_eq!(accept("nope", "another_one").await.status(), 404);
    assert_eq!(accept(&inv.code, "1bad").await.status(), 400);
}
