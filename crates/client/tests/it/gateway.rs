//! What Huawei's gateway asks before BSS answers, against the mock that asks the same:
//! the account id of the AK, IAM's answers, temporary credentials and their expiry,
//! flow control, and the paths Huawei's BSS does not have.

use chrono::TimeDelta;
use pc_api::PartnerBalancesQuery;
use pc_api::error::codes;
use pc_client::{Client, ClientError, Credentials};
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pc_testkit::{self as common, start};

fn api(e: &ClientError) -> (u16, &str, &str) {
    match e {
        ClientError::Api {
            status,
            code,
            message,
            ..
        } => (*status, code, message),
        other => panic!("not an answer: {other:?}"),
    }
}

#[tokio::test]
async fn a_call_without_the_accounts_id_is_refused_as_the_gateway_refuses_it() {
    let m = start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    let q = PartnerBalancesQuery::default();
    let bare = Client::new(&m.endpoint(), Credentials::new(p.ak, p.sk)).unwrap();
    let e = bare.list_partner_balances(&q).await.unwrap_err();
    let (status, code, message) = api(&e);
    assert_eq!((status, code), (401, codes::AUTH_FAILED));
    assert!(message.contains("X-Domain-Id"), "{message}");
    // Another partner's account is not this AK's.
    let other = bare.clone().with_domain_id(&DEMO_PARTNERS[1].domain_id());
    let e = other.list_partner_balances(&q).await.unwrap_err();
    let (status, _, message) = api(&e);
    assert_eq!(status, 401);
    assert!(message.contains("X-Domain-Id"), "{message}");
    // Partner Center paths too.
    assert_eq!(api(&bare.profile().await.unwrap_err()).0, 401);
    // With the right one, it answers.
    let right = bare.with_domain_id(&p.domain_id());
    right.list_partner_balances(&q).await.unwrap();
}

#[tokio::test]
async fn iam_names_the_account_and_its_projects_to_a_signed_call_only() {
    let m = start(Seed::Demo).await;
    for p in &DEMO_PARTNERS {
        let c = Client::new(&m.endpoint(), Credentials::new(p.ak, p.sk)).unwrap();
        assert_eq!(c.iam_endpoint(), m.endpoint(), "a mock is its own IAM");
        assert_eq!(c.fetch_domain_id().await.unwrap(), p.domain_id());
        let project = c.project_id("cn-north-4").await.unwrap();
        assert_eq!(project.len(), 32);
    }
    // A wrong secret gets nothing out of IAM either.
    let p = &DEMO_PARTNERS[0];
    let wrong = Client::new(&m.endpoint(), Credentials::new(p.ak, "not-the-sk")).unwrap();
    let e = wrong.fetch_domain_id().await.unwrap_err();
    assert_eq!(api(&e).0, 401);
    // Keystone's shapes, unsigned: refused.
    let resp = reqwest::get(format!("{}/v3/auth/domains", m.endpoint()))
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn temporary_credentials_work_with_their_token_until_they_expire() {
    let m = start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    // IAM's shape, from the admin API.
    let answer = common::admin(
        &m,
        "/mock/temporary-credentials",
        serde_json::json!({"ak": p.ak, "duration_seconds": 900}),
    )
    .await;
    let cred = &answer["credential"];
    let (ak, sk, token) = (
        cred["access"].as_str().unwrap(),
        cred["secret"].as_str().unwrap(),
        cred["securitytoken"].as_str().unwrap(),
    );
    assert!(cred["expires_at"].as_str().unwrap().ends_with('Z'));
    let temporary = Credentials {
        security_token: Some(token.into()),
        ..Credentials::new(ak, sk)
    };
    let c = Client::new(&m.endpoint(), temporary.clone()).unwrap();
    // IAM names the account of the partner they were issued for.
    assert_eq!(c.fetch_domain_id().await.unwrap(), p.domain_id());
    let c = c.with_domain_id(&p.domain_id());
    c.list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();
    // Without their token, or with another, they do not work.
    let tokenless = Client::new(
        &m.endpoint(),
        Credentials::new(ak, sk).with_domain(p.domain_id()),
    )
    .unwrap();
    let e = tokenless
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap_err();
    assert_eq!(api(&e).1, codes::AUTH_FAILED);
    assert!(!e.credentials_expired());
    let forged = Client::new(
        &m.endpoint(),
        Credentials {
            security_token: Some(format!("{token}x")),
            ..Credentials::new(ak, sk).with_domain(p.domain_id())
        },
    )
    .unwrap();
    assert_eq!(
        api(&forged
            .list_partner_balances(&PartnerBalancesQuery::default())
            .await
            .unwrap_err())
        .0,
        401
    );
    // A permanent AK with a token is refused too.
    let mixed = Client::new(
        &m.endpoint(),
        Credentials {
            security_token: Some(token.into()),
            ..Credentials::new(p.ak, p.sk).with_domain(p.domain_id())
        },
    )
    .unwrap();
    assert_eq!(
        api(&mixed
            .list_partner_balances(&PartnerBalancesQuery::default())
            .await
            .unwrap_err())
        .0,
        401
    );
    // Expired: refused as expired, and the client says so.
    let gone = m.state.issue_temporary(p.ak, TimeDelta::zero()).unwrap();
    let expired = Client::new(
        &m.endpoint(),
        Credentials {
            security_token: Some(gone.token.value.clone()),
            ..Credentials::new(gone.access.clone(), gone.secret.clone()).with_domain(p.domain_id())
        },
    )
    .unwrap();
    let e = expired
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap_err();
    assert_eq!(
        api(&e),
        (401, codes::TOKEN_EXPIRED, "The token must be updated.")
    );
    assert!(e.credentials_expired());
    // IAM's limits on their life.
    for bad in [0, 899, 86401] {
        let (status, _) = common::admin_call(
            &m,
            "/mock/temporary-credentials",
            serde_json::json!({"ak": p.ak, "duration_seconds": bad}),
        )
        .await;
        assert_eq!(status, 400, "{bad}");
    }
    let (status, _) = common::admin_call(
        &m,
        "/mock/temporary-credentials",
        serde_json::json!({"ak": "NOSUCHAK"}),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn flow_control_is_waited_out_as_the_gateway_asks() {
    // Two calls a second per account and API: a burst of eight gets 429s, and every
    // call still succeeds, the client waiting as Retry-After says.
    let m = common::start_gateway(Seed::Demo, Some(2), false).await;
    let c = common::client(&m, 0);
    let q = PartnerBalancesQuery::default();
    let calls = (0..8).map(|_| c.list_partner_balances(&q));
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    // The gateway's own answer, seen by a bare request: 429, APIGW.0308, Retry-After.
    let mut throttled = None;
    for _ in 0..10 {
        let (status, body) = common::handmade(
            &m,
            0,
            "GET",
            "/v2/accounts/partner-accounts/balances",
            &[],
            None,
            &[],
            b"",
        )
        .await;
        if status == 429 {
            throttled = Some(body);
            break;
        }
    }
    let body = throttled.expect("a burst past the rate is refused");
    assert_eq!(body["error_code"], codes::THROTTLED);
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .contains("throttling threshold"),
        "{body}"
    );
    // Another API has its own allowance.
    c.profile().await.unwrap();
}

#[tokio::test]
async fn a_bss_only_backend_answers_partner_center_paths_as_unknown_apis() {
    let m = common::start_gateway(Seed::Demo, None, true).await;
    let c = common::client(&m, 0);
    assert_eq!(c.capabilities().await.unwrap(), None);
    let e = c.profile().await.unwrap_err();
    assert_eq!(api(&e).0, 404);
    assert_eq!(api(&e).1, codes::NO_SUCH_API);
    // BSS itself answers.
    c.list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn names_come_in_the_language_asked() {
    let m = start(Seed::Demo).await;
    let q = pc_api::CatalogQuery {
        limit: Some(100),
        ..Default::default()
    };
    let name = |r: pc_api::ServiceTypesResp| {
        r.service_types
            .into_iter()
            .find(|s| s.service_type_code == "hws.service.type.ec2")
            .unwrap()
            .service_type_name
    };
    let c = common::client(&m, 0);
    // Huawei's default is Chinese.
    assert_eq!(
        name(c.list_service_types(&q).await.unwrap()),
        "弹性云服务器"
    );
    let zh = c.clone().with_language("zh_CN");
    assert_eq!(
        name(zh.list_service_types(&q).await.unwrap()),
        "弹性云服务器"
    );
    let en = c.with_language("en_US");
    assert_eq!(
        name(en.list_service_types(&q).await.unwrap()),
        "Elastic Cloud Server"
    );
    // Orders name their service the same way.
    let orders = en
        .list_customer_orders(&pc_api::CustomerOrdersQuery::default())
        .await
        .unwrap();
    assert!(
        orders
            .order_infos
            .iter()
            .all(|o| o.service_type_name.is_ascii()),
        "{:?}",
        orders
            .order_infos
            .iter()
            .map(|o| &o.service_type_name)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn the_international_site_serves_its_own_api() {
    let m = common::start_config(pc_mock::MockConfig {
        site: pc_api::site::Site::Intl,
        ..common::config(Seed::Demo)
    })
    .await;
    let c = common::client(&m, 0);
    // No partner funds or coupons: the gateway knows no such API.
    let e = c
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap_err();
    assert_eq!((api(&e).0, api(&e).1), (404, codes::NO_SUCH_API));
    let e = c
        .list_partner_adjust_records(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(api(&e).1, codes::NO_SUCH_API);
    // Resellers are "3" (resale), and filtered so; "2" is not a type there.
    let all = c.list_sub_customers(&Default::default()).await.unwrap();
    assert!(
        all.customer_infos
            .iter()
            .all(|x| x.association_type.as_deref() != Some("2"))
    );
    let resale = c
        .list_sub_customers(&pc_api::ListSubCustomersReq {
            association_type: Some("3".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!resale.customer_infos.is_empty());
    let e = c
        .list_sub_customers(&pc_api::ListSubCustomersReq {
            association_type: Some("2".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(api(&e).0, 400);
    // Registration by e-mail, with the customer's country.
    let sms = pc_api::SendVerificationCodeReq {
        receiver_type: 1,
        mobile_phone: Some("13800138000".into()),
        ..Default::default()
    };
    assert_eq!(
        api(&c.send_verification_code(&sms).await.unwrap_err()).0,
        400
    );
    let email = "ops@intl-customer.example";
    c.send_verification_code(&pc_api::SendVerificationCodeReq {
        receiver_type: 2,
        email: Some(email.into()),
        scene: Some(29),
        ..Default::default()
    })
    .await
    .unwrap();
    let sent = common::outbox(&m).await.pop().unwrap();
    assert_eq!(
        (sent.channel.as_str(), sent.recipient.as_str()),
        ("email", email)
    );
    let code = common::last_code(&m).await;
    let mut req = pc_api::CreateSubCustomerReq {
        xaccount_id: "x-intl_customer".into(),
        xaccount_type: pc_mock::seed::PLATFORM_ID.into(),
        domain_name: Some("intl_customer".into()),
        email: Some(email.into()),
        verification_code: Some(code),
        ..Default::default()
    };
    let e = c.create_sub_customer(&req).await.unwrap_err();
    assert!(api(&e).2.contains("domain_area"), "{e:?}");
    req.domain_area = Some("MX".into());
    let created = c.create_sub_customer(&req).await.unwrap();
    assert!(created.domain_id.is_some());
}

#[tokio::test]
async fn guessing_a_temporary_credential_without_its_token_counts_towards_the_lock() {
    // The signature is checked before the token: garbage signatures from a temporary
    // AK lock it out like any other, token or not.
    let m = start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    let t = m
        .state
        .issue_temporary(p.ak, TimeDelta::minutes(15))
        .unwrap();
    let guesser = Client::new(
        &m.endpoint(),
        Credentials::new(t.access.clone(), "not-the-secret").with_domain(p.domain_id()),
    )
    .unwrap();
    let q = PartnerBalancesQuery::default();
    for _ in 0..pc_mock::credentials::LOCK_AFTER_FAILURES {
        let e = guesser.list_partner_balances(&q).await.unwrap_err();
        assert!(api(&e).2.contains("signature"), "{e:?}");
    }
    let rightful = Client::new(
        &m.endpoint(),
        Credentials {
            security_token: Some(t.token.value.clone()),
            ..Credentials::new(t.access.clone(), t.secret.clone()).with_domain(p.domain_id())
        },
    )
    .unwrap();
    let e = rightful.list_partner_balances(&q).await.unwrap_err();
    assert!(api(&e).2.contains("locked"), "{e:?}");
}
