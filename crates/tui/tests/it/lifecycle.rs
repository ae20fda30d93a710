//! The customer lifecycle through the client against the mock: switching association
//! type (preconditions, reason, code, pending, the customer's answer), creating a
//! customer exactly once with a registration code, and the `--live` customers.

use crate::common;

use common::{ADMIN_TOKEN, admin, client, code_for, outbox, rid, start};
use pc_api::error::codes;
use pc_api::partner_center::*;
use pc_api::*;
use pc_client::{Client, ClientError};
use pc_mock::RunningMock;
use pc_mock::seed::Seed;

fn code_of(e: &ClientError) -> &str {
    e.code().unwrap_or("no code")
}

async fn customer(c: &Client, account: &str) -> CustomerInfo {
    c.list_sub_customers(&ListSubCustomersReq {
        account_name: Some(account.into()),
        ..Default::default()
    })
    .await
    .unwrap()
    .customer_infos
    .into_iter()
    .find(|x| x.account_name == account)
    .unwrap_or_else(|| panic!("customer {account}"))
}

async fn switch(
    c: &Client,
    customer_id: &str,
    reason: &str,
    verification: Option<Verification>,
) -> Result<SwitchRequest, ClientError> {
    let req = SwitchAssociationReq {
        reason: reason.into(),
        verification,
    };
    c.switch_association(customer_id, &req, &rid()).await
}

/// An admin call expected to fail: its status and CBC code.
async fn admin_refused(m: &RunningMock, path: &str, body: serde_json::Value) -> (u16, String) {
    let (status, body) = common::admin_call(m, path, body).await;
    (
        status,
        body["error_code"].as_str().unwrap_or("").to_string(),
    )
}

/// Turns the distributor's codes off (with a code), to test the rules on their own.
async fn codes_off(m: &RunningMock, c: &Client) {
    let v = code_for(m, c, Scene::VerificationOff, &[]).await;
    let req = SetVerificationReq {
        enabled: false,
        verification: Some(v),
    };
    c.set_verification(&req, &rid()).await.unwrap();
}

#[tokio::test]
async fn a_switch_needs_a_reason_and_a_code_then_waits_for_the_customer() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let jiguang = customer(&c, "jiguang_net").await;
    let id = jiguang.customer_id.as_str();
    let status = c.association(id).await.unwrap();
    assert_eq!(status.association_type, REFERRAL);
    assert_eq!(status.reserved_instances_until, None);
    assert_eq!(status.enterprise_link, None);
    assert_eq!(status.pending, None);

    // No code: refused while verification is on.
    let e = switch(&c, id, "They resell our services now", None)
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::VERIFICATION_REQUIRED);
    // A code for another customer does not fit.
    let acme = customer(&c, "acme_robotics").await;
    let other = code_for(&m, &c, Scene::SwitchAssociation, &[&acme.customer_id]).await;
    let e = switch(&c, id, "reason", Some(other)).await.unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_OTHER_OPERATION);

    let v = code_for(&m, &c, Scene::SwitchAssociation, &[id]).await;
    // A blank reason is refused, and the code survives the failed write.
    let e = switch(&c, id, "   ", Some(v.clone())).await.unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
    let pending = switch(&c, id, "They resell our services now", Some(v))
        .await
        .unwrap();
    assert_eq!(pending.status, SWITCH_PENDING);
    assert_eq!(
        (pending.from_type.as_str(), pending.to_type.as_str()),
        ("1", "2")
    );
    assert_eq!(
        c.association(id).await.unwrap().pending.as_ref(),
        Some(&pending)
    );
    assert_eq!(c.switches().await.unwrap().switches, vec![pending.clone()]);
    // The customer is told, with the reason.
    let told = outbox(&m).await.pop().unwrap();
    assert_eq!(told.recipient, "jiguang_net@example.com");
    assert!(
        told.body.contains("They resell our services now"),
        "{}",
        told.body
    );
    // Nothing changes until the customer answers.
    assert_eq!(
        customer(&c, "jiguang_net")
            .await
            .association_type
            .as_deref(),
        Some("1")
    );

    let answered = admin(
        &m,
        "/mock/switches/answer",
        serde_json::json!({"switch_id": pending.switch_id, "accept": true}),
    )
    .await;
    assert_eq!(answered["status"], "accepted");
    assert_eq!(
        customer(&c, "jiguang_net")
            .await
            .association_type
            .as_deref(),
        Some("2")
    );
    let notice = outbox(&m).await.pop().unwrap();
    assert_eq!(notice.recipient, "ops@huaxin-cloud.example");
    assert!(notice.body.contains("accepted"), "{}", notice.body);
    assert_eq!(c.association(id).await.unwrap().pending, None);
    // An answered request cannot be answered again.
    let (status, code) = admin_refused(
        &m,
        "/mock/switches/answer",
        serde_json::json!({"switch_id": pending.switch_id, "accept": false}),
    )
    .await;
    assert_eq!((status, code.as_str()), (400, codes::SWITCH_ANSWERED));
}

#[tokio::test]
async fn reserved_instances_enterprise_links_and_funds_block_a_switch() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    codes_off(&m, &c).await;
    let id = |name: &'static str| {
        let c = c.clone();
        async move { customer(&c, name).await.customer_id }
    };
    let reserved = id("northstar_ai").await;
    let status = c.association(&reserved).await.unwrap();
    assert!(status.reserved_instances_until.is_some());
    let e = switch(&c, &reserved, "r", None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::SWITCH_RESERVED);

    for name in ["lumen_games", "pinecone_media"] {
        let e = switch(&c, &id(name).await, "r", None).await.unwrap_err();
        assert_eq!(code_of(&e), codes::SWITCH_ENTERPRISE, "{name}");
    }
    // A reseller-type customer holding allocated funds: they could not be recalled
    // from a referral customer, so recall first.
    let acme = id("acme_robotics").await;
    assert!(c.association(&acme).await.unwrap().balance > rust_decimal::Decimal::ZERO);
    let e = switch(&c, &acme, "r", None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::SWITCH_BALANCE);

    // Reserved instances that expired no longer block; a second request waits.
    let orchid = id("orchid_fintech").await;
    assert_eq!(
        c.association(&orchid)
            .await
            .unwrap()
            .reserved_instances_until,
        None
    );
    let pending = switch(&c, &orchid, "Moving to resale", None).await.unwrap();
    let e = switch(&c, &orchid, "again", None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::SWITCH_PENDING);
    // Declined: the type stays.
    admin(
        &m,
        "/mock/switches/answer",
        serde_json::json!({"switch_id": pending.switch_id, "accept": false}),
    )
    .await;
    assert_eq!(
        customer(&c, "orchid_fintech")
            .await
            .association_type
            .as_deref(),
        Some("1")
    );
    assert_eq!(c.switches().await.unwrap().switches[0].status, "declined");

    // Bad input: a reason too long, someone else's customer, an id that is a path.
    let long = "x".repeat(SWITCH_REASON_MAX + 1);
    let e = switch(&c, &orchid, &long, None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::PARAMETER_ERROR);
    let theirs = customer(&client(&m, 1), "brightpath_c01").await.customer_id;
    let e = switch(&c, &theirs, "r", None).await.unwrap_err();
    assert_eq!(code_of(&e), codes::NOT_YOUR_CUSTOMER);
    assert!(matches!(
        c.association("..").await,
        Err(ClientError::NotAnId { .. })
    ));
    // A slash is encoded, so it stays one (unknown) id.
    let e = c.association("../x").await.unwrap_err();
    assert_eq!(code_of(&e), codes::NOT_YOUR_CUSTOMER);
    // Another partner sees none of the distributor's requests.
    assert!(client(&m, 1).switches().await.unwrap().switches.is_empty());
}

#[tokio::test]
async fn a_customer_is_created_once_with_its_registration_code() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let phone = "13912345678";
    let code = common::registration_code(&m, &c, phone).await;
    let req = |code: &str| CreateSubCustomerReq {
        xaccount_id: "x-new-co".into(),
        xaccount_type: pc_mock::seed::PLATFORM_ID.into(),
        domain_name: Some("new_co_2026".into()),
        mobile_phone: Some(phone.into()),
        verification_code: Some(code.into()),
        ..Default::default()
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let e = c
        .create_sub_customer_once(&req(wrong), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_WRONG);
    let request_id = rid();
    let made = c
        .create_sub_customer_once(&req(&code), &request_id)
        .await
        .unwrap();
    // The same request again (a lost answer): the same customer, not a second one.
    let again = c
        .create_sub_customer_once(&req(&code), &request_id)
        .await
        .unwrap();
    assert_eq!(made, again);
    let outcome = c.request_outcome(&request_id).await.unwrap();
    assert_eq!(outcome.state, APPLIED);
    // A new customer with the spent code is refused: the code was used.
    let other = CreateSubCustomerReq {
        xaccount_id: "x-other-co".into(),
        domain_name: Some("other_co_2026".into()),
        ..req(&code)
    };
    let e = c
        .create_sub_customer_once(&other, &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_WRONG, "{e}");
    let new = customer(&c, "new_co_2026").await;
    assert_eq!(Some(new.customer_id), made.domain_id);
    assert_eq!(new.telephone.as_deref(), Some(phone));
}

#[tokio::test]
async fn wrong_registration_codes_are_counted_even_when_the_create_fails() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let phone = "13912345679";
    let code = common::registration_code(&m, &c, phone).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let req = |code: &str| CreateSubCustomerReq {
        xaccount_id: "x-guess".into(),
        xaccount_type: pc_mock::seed::PLATFORM_ID.into(),
        domain_name: Some("guess_co".into()),
        mobile_phone: Some(phone.into()),
        verification_code: Some(code.into()),
        ..Default::default()
    };
    for _ in 0..4 {
        let e = c.create_sub_customer_once(&req(wrong), &rid()).await;
        assert_eq!(code_of(&e.unwrap_err()), codes::CODE_WRONG);
    }
    // More than three wrong entries: even the right code no longer works.
    let e = c.create_sub_customer_once(&req(&code), &rid()).await;
    assert_eq!(code_of(&e.unwrap_err()), codes::CODE_TOO_MANY_FAILURES);
}

#[tokio::test]
async fn live_customers_answer_switches_accept_invitations_and_place_orders() {
    use pc_mock::live::{Event, step};
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    codes_off(&m, &c).await;
    let blue = customer(&c, "blueharbor").await.customer_id;
    switch(&c, &blue, "resale", None).await.unwrap();
    let catalog = m.state.catalog.clone();
    let now = m.state.now();
    let run = |n: u64| {
        let catalog = catalog.clone();
        m.state
            .db
            .with(|conn| step(conn, &catalog, n, now))
            .unwrap()
    };
    // A pending switch is answered first (step 0: accepted).
    assert!(matches!(
        run(0),
        Event::SwitchAnswered { accepted: true, .. }
    ));
    assert_eq!(
        customer(&c, "blueharbor").await.association_type.as_deref(),
        Some("2")
    );
    // Step 4 (n % 3 == 1): someone accepts an invitation; step 2: an order to pay.
    let Event::InvitationAccepted { customer: name } = run(4) else {
        panic!("an invitation");
    };
    assert!(name.starts_with("live_"));
    let Event::OrderPlaced { order_id } = run(2) else {
        panic!("an order");
    };
    let order = c
        .list_customer_orders(&CustomerOrdersQuery {
            order_id: Some(order_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let placed = &order.order_infos[0];
    assert_eq!(placed.status, 6);
    let asks = placed.agent_pay_info.as_ref().and_then(|a| a.is_agent_pay);
    assert_eq!(asks, Some(true), "asks the partner to pay");

    // The same through the admin API: an order placed for a given customer.
    let placed = admin(&m, "/mock/orders", serde_json::json!({"customer_id": blue})).await;
    let order_id = placed["order_id"].as_str().unwrap();
    let details = c
        .show_customer_order_details(order_id, &Default::default())
        .await
        .unwrap();
    assert_eq!(details.order_info.customer_id, blue);
    let (status, code) = admin_refused(
        &m,
        "/mock/orders",
        serde_json::json!({"customer_id": "nope"}),
    )
    .await;
    assert_eq!((status, code.as_str()), (404, codes::INVALID_PARAMETER));
}

#[tokio::test]
async fn a_live_mock_answers_a_pending_switch_by_itself() {
    let config = pc_mock::MockConfig {
        data: None,
        seed: Seed::Demo,
        admin_token: Some(ADMIN_TOKEN.into()),
        live: Some(std::time::Duration::from_millis(50)),
        limits: Default::default(),
        rate_limit: None,
        bss_only: false,
        site: Default::default(),
    };
    let m = pc_mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .unwrap();
    let c = client(&m, 0);
    codes_off(&m, &c).await;
    let blue = customer(&c, "blueharbor").await.customer_id;
    let asked = switch(&c, &blue, "resale", None).await.unwrap();
    let mut answer = None;
    for _ in 0..100 {
        let now = c.switches().await.unwrap().switches;
        if let Some(r) = now.iter().find(|r| r.switch_id == asked.switch_id)
            && r.status != SWITCH_PENDING
        {
            answer = Some(r.status.clone());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let answer = answer.expect("a live customer answers within seconds");
    assert!([SWITCH_ACCEPTED, SWITCH_DECLINED].contains(&answer.as_str()));
    m.shutdown().await;
}

#[tokio::test]
async fn the_pricing_form_asks_the_rating_apis_for_a_listed_spec() {
    use pc_tui::app::price::{Mode, PriceForm, Rating, Row};
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let specs = c.specs("hws.service.type.ec2").await.unwrap();
    assert!(!specs.specs.is_empty() && !specs.regions.is_empty());
    let mut form = PriceForm {
        service_code: "hws.service.type.ec2".into(),
        service_name: "ECS".into(),
        specs: Some(Ok(specs.clone())),
        loading: None,
        spec: specs.specs.iter().position(|s| s.on_demand).unwrap(),
        region: 0,
        mode: Mode::OnDemand,
        length: "720".into(),
        quantity: "2".into(),
        size: "40".into(),
        filled: vec![],
        focus: Row::Spec,
        rating: None,
        quote: None,
    };
    let Ok(Rating::OnDemand(req)) = form.request() else {
        panic!("an on-demand rating");
    };
    // The region's project is asked of IAM as the rating goes out.
    let q = pc_core::pricing::rate(&c, Rating::OnDemand(req))
        .await
        .unwrap();
    assert!(q.official > rust_decimal::Decimal::ZERO);
    assert_eq!(q.amount, q.official - q.discount);
    // By the year, if that spec is sold so.
    if let Some(yearly) = specs.specs.iter().position(|s| s.yearly) {
        form.spec = yearly;
        form.mode = Mode::Yearly;
        form.length = "1".into();
        let Ok(Rating::Period(req)) = form.request() else {
            panic!("a period rating");
        };
        let q = pc_core::pricing::rate(&c, Rating::Period(req))
            .await
            .unwrap();
        assert!(q.official > rust_decimal::Decimal::ZERO);
    }
    // Out of range input is refused before anything is sent.
    form.quantity = "0".into();
    assert!(form.request().unwrap_err().starts_with("Quantity"));
    // A service that does not exist.
    let e = c.specs("hws.service.type.nope").await.unwrap_err();
    assert_eq!(code_of(&e), codes::RATING_PRODUCT_NOT_FOUND);
}

#[tokio::test]
async fn funds_cannot_be_stranded_by_a_switch_to_referral() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    codes_off(&m, &c).await;
    let acme = customer(&c, "acme_robotics").await.customer_id;
    let held = c.association(&acme).await.unwrap().balance;
    assert!(held > rust_decimal::Decimal::ZERO);
    let transfer = |to: TransferTarget, amount: rust_decimal::Decimal| {
        let c = c.clone();
        let acme = acme.clone();
        async move {
            let req = TransferReq {
                amount,
                verification: None,
            };
            c.transfer(to, &acme, &req, &rid()).await
        }
    };
    // Recall everything, then ask for the switch.
    transfer(TransferTarget::CustomerRecall, held)
        .await
        .unwrap();
    let pending = switch(&c, &acme, "Buys directly now", None).await.unwrap();
    assert_eq!(pending.to_type, REFERRAL);
    // While it waits, allocating is refused: the money could be stranded.
    let e = transfer(TransferTarget::CustomerAllocate, "10".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::SWITCH_PENDING);
    admin(
        &m,
        "/mock/switches/answer",
        serde_json::json!({"switch_id": pending.switch_id, "accept": true}),
    )
    .await;
    assert_eq!(
        customer(&c, "acme_robotics")
            .await
            .association_type
            .as_deref(),
        Some(REFERRAL)
    );
}

#[tokio::test]
async fn an_accept_to_referral_with_funds_still_held_is_refused() {
    use pc_mock::live::{Event, step};
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    codes_off(&m, &c).await;
    let acme = customer(&c, "acme_robotics").await.customer_id;
    let held = c.association(&acme).await.unwrap().balance;
    let req = TransferReq {
        amount: held,
        verification: None,
    };
    c.transfer(TransferTarget::CustomerRecall, &acme, &req, &rid())
        .await
        .unwrap();
    let pending = switch(&c, &acme, "Buys directly now", None).await.unwrap();
    // Funds reach the customer by a path the API refuses (a back-office correction):
    // the customer's accept must not strand them.
    let id = acme.clone();
    m.state.db.with(|conn| {
        conn.execute("UPDATE customers SET balance = 500 WHERE id = ?1", [&id])
            .unwrap()
    });
    let (status, code) = admin_refused(
        &m,
        "/mock/switches/answer",
        serde_json::json!({"switch_id": pending.switch_id, "accept": true}),
    )
    .await;
    assert_eq!((status, code.as_str()), (400, codes::SWITCH_BALANCE));
    // A live customer who would accept declines instead, and nothing is stuck.
    let catalog = m.state.catalog.clone();
    let now = m.state.now();
    let event = m
        .state
        .db
        .with(|conn| step(conn, &catalog, 0, now))
        .unwrap();
    assert!(matches!(
        event,
        Event::SwitchAnswered {
            accepted: false,
            ..
        }
    ));
    assert_eq!(
        customer(&c, "acme_robotics")
            .await
            .association_type
            .as_deref(),
        Some(RESELLER)
    );
}
