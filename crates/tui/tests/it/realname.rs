//! Customer real-name authentication through the client against the mock (docs/bss-api.md
//! §10): the bank-card flow with its scene-18 code, documents and enterprises going to
//! review and the reviewer's decision, every refusal with its code, the wire names the
//! official SDK uses, and the partner whose contracting entity has no remittance account.

use crate::common;

use common::{admin, admin_call, client, client_with, handmade, last_code, outbox, rid, start};
use pc_api::error::codes;
use pc_api::*;
use pc_client::{Client, ClientError};
use pc_mock::RunningMock;
use pc_mock::seed::{DEMO_PARTNERS, PLATFORM_ID, Seed};

const ID_NUMBER: &str = "11010519491231002X";
const BANK_PHONE: &str = "13912345678";
const CREDIT_CODE: &str = "91350100M000100Y43";

fn code_of(e: &ClientError) -> &str {
    e.code().unwrap_or("no code")
}

/// The distributor's customers with this `verified_status`.
async fn with_status(c: &Client, status: &str) -> Vec<CustomerInfo> {
    pc_client::collect_pages(100, 1000, |offset, limit| {
        let req = ListSubCustomersReq {
            offset: Some(offset),
            limit: Some(limit),
            ..Default::default()
        };
        async move { c.list_sub_customers(&req).await }
    })
    .await
    .unwrap()
    .into_iter()
    .filter(|x| x.verified_status.as_deref() == Some(status))
    .collect()
}

async fn status_of(c: &Client, customer_id: &str) -> (String, Option<String>, Option<i32>) {
    let info = c
        .list_sub_customers(&ListSubCustomersReq {
            customer_id: Some(customer_id.into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .remove(0);
    (
        info.verified_status.unwrap_or_default(),
        info.customer,
        info.customer_type,
    )
}

async fn send_bank_code(m: &RunningMock, c: &Client, customer_id: &str, phone: &str) -> String {
    c.send_verification_code(&SendVerificationCodeReq {
        receiver_type: 1,
        mobile_phone: Some(phone.into()),
        scene: Some(18),
        customer_id: Some(customer_id.into()),
        ..Default::default()
    })
    .await
    .unwrap();
    last_code(m).await
}

fn bank_card(customer_id: &str, code: &str) -> PersonalRealnameAuthReq {
    PersonalRealnameAuthReq {
        customer_id: customer_id.into(),
        identify_type: 4,
        name: "张伟".into(),
        verified_number: ID_NUMBER.into(),
        change_type: Some(-1),
        xaccount_type: PLATFORM_ID.into(),
        bank_card_info: Some(BankCardInfo {
            bank_account: "6222020200112233445".into(),
            areacode: "0086".into(),
            mobile: BANK_PHONE.into(),
            verification_code: code.into(),
        }),
        ..Default::default()
    }
}

fn passport(customer_id: &str) -> PersonalRealnameAuthReq {
    PersonalRealnameAuthReq {
        customer_id: customer_id.into(),
        identify_type: 0,
        verified_type: Some(3),
        verified_file_url: Some(vec![
            "passport/info.jpg".into(),
            "passport/stamp.jpg".into(),
            "passport/hand.jpg".into(),
        ]),
        name: "Sarah O'Connor".into(),
        verified_number: "E12345678".into(),
        change_type: Some(-1),
        xaccount_type: PLATFORM_ID.into(),
        bank_card_info: None,
    }
}

fn licence(customer_id: &str) -> EnterpriseRealnameAuthReq {
    EnterpriseRealnameAuthReq {
        customer_id: customer_id.into(),
        identify_type: 1,
        certificate_type: Some(0),
        verified_file_url: vec![
            "licence.pdf".into(),
            "legal/front.png".into(),
            "legal/back.png".into(),
        ],
        corp_name: "杭州极光网络科技有限公司".into(),
        verified_number: CREDIT_CODE.into(),
        reg_country: Some("CN".into()),
        reg_address: Some("杭州市西湖区".into()),
        xaccount_type: PLATFORM_ID.into(),
        enterprise_person: Some(EnterprisePerson {
            legel_name: "王芳".into(),
            legel_id_number: ID_NUMBER.into(),
            certifier_role: Some("legalPerson".into()),
        }),
    }
}

#[tokio::test]
async fn a_bank_card_passes_at_once_with_the_code_bound_to_customer_and_phone() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let (first, second) = (&todo[0].customer_id, &todo[1].customer_id);

    // scene 18 needs the customer, and only one of the partner's own.
    let no_customer = c
        .send_verification_code(&SendVerificationCodeReq {
            receiver_type: 1,
            mobile_phone: Some(BANK_PHONE.into()),
            scene: Some(18),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(code_of(&no_customer), codes::PARAMETER_ERROR);
    let code = send_bank_code(&m, &c, first, BANK_PHONE).await;
    let sms = outbox(&m).await.pop().unwrap();
    assert_eq!(sms.recipient, BANK_PHONE);
    assert!(sms.body.contains("real-name"), "{}", sms.body);

    // The code is bound to that customer and that phone.
    let e = c
        .create_personal_realname_auth(&bank_card(second, &code), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_WRONG, "another customer");
    let mut other_phone = bank_card(first, &code);
    other_phone.bank_card_info.as_mut().unwrap().mobile = "13912345000".into();
    let e = c
        .create_personal_realname_auth(&other_phone, &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_WRONG, "another phone");

    // Right customer, phone and code: verified at once, no review.
    let request_id = rid();
    let ok = c
        .create_personal_realname_auth(&bank_card(first, &code), &request_id)
        .await
        .unwrap();
    assert_eq!(ok.is_review, Some(0));
    let (status, name, kind) = status_of(&c, first).await;
    assert_eq!(
        (status.as_str(), name.as_deref(), kind),
        ("2", Some("张伟"), Some(0))
    );
    let review = c.show_realname_review_result(first).await.unwrap();
    assert_eq!(review.review_result, Some(2));

    // The same request again gets the same answer (exactly once), a new one is refused.
    let again = c
        .create_personal_realname_auth(&bank_card(first, &code), &request_id)
        .await
        .unwrap();
    assert_eq!(again, ok);
    let e = c
        .create_personal_realname_auth(&bank_card(first, &code), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REALNAME_VERIFIED);
    // What the mock keeps of the request is a digest: no ID, card, phone or code.
    let kept: Vec<String> = m.state.db.with(|conn| {
        let mut stmt = conn
            .prepare("SELECT fingerprint || coalesce(response, '') FROM requests")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    });
    assert!(!kept.is_empty());
    for row in &kept {
        for secret in [ID_NUMBER, "6222020200112233445", BANK_PHONE, code.as_str()] {
            assert!(!row.contains(secret), "{secret} kept: {row}");
        }
    }
    let debug = format!("{:?}", bank_card(first, &code));
    assert!(
        !debug.contains(ID_NUMBER) && !debug.contains(&code),
        "{debug}"
    );
}

#[tokio::test]
async fn bank_card_codes_expire_and_count_wrong_entries() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let id = &todo[0].customer_id;
    let code = send_bank_code(&m, &c, id, BANK_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        let e = c
            .create_personal_realname_auth(&bank_card(id, wrong), &rid())
            .await
            .unwrap_err();
        assert_eq!(code_of(&e), codes::CODE_WRONG);
    }
    // More than three wrong entries: even the right code is dead now.
    let e = c
        .create_personal_realname_auth(&bank_card(id, &code), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_TOO_MANY_FAILURES);
    assert_eq!(status_of(&c, id).await.0, "-1", "nothing changed");

    // A fresh code, then eleven minutes: expired.
    let code = send_bank_code(&m, &c, id, BANK_PHONE).await;
    admin(
        &m,
        "/mock/clock",
        serde_json::json!({"offset_seconds": 11 * 60}),
    )
    .await;
    let e = c
        .create_personal_realname_auth(&bank_card(id, &code), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::CODE_EXPIRED);
    assert_eq!(status_of(&c, id).await.0, "-1");
}

#[tokio::test]
async fn documents_go_to_review_and_the_decision_follows_in_the_list() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let (person, company) = (&todo[0].customer_id, &todo[1].customer_id);

    let e = c.show_realname_review_result(person).await.unwrap_err();
    assert_eq!(code_of(&e), codes::REALNAME_NOT_SUBMITTED);

    let r = c
        .create_personal_realname_auth(&passport(person), &rid())
        .await
        .unwrap();
    assert_eq!(r.is_review, Some(1));
    let r = c
        .create_enterprise_realname_auth(&licence(company), &rid())
        .await
        .unwrap();
    assert_eq!(r.is_review, Some(1));
    let (status, name, kind) = status_of(&c, company).await;
    assert_eq!(
        (status.as_str(), name.as_deref(), kind),
        ("0", Some("杭州极光网络科技有限公司"), Some(1))
    );
    let review = c.show_realname_review_result(person).await.unwrap();
    assert_eq!((review.review_result, review.opinion), (Some(0), None));

    // Under review: a second submission is refused, by either kind.
    let e = c
        .create_enterprise_realname_auth(&licence(person), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REALNAME_UNDER_REVIEW);

    // The reviewer rejects one with an opinion, approves the other; the partner is told.
    let decided = admin(
        &m,
        "/mock/realname/review",
        serde_json::json!({"customer_id": person, "approve": false, "opinion": "The passport photo is cut off."}),
    )
    .await;
    assert_eq!(decided["review_result"], 1);
    admin(
        &m,
        "/mock/realname/review",
        serde_json::json!({"customer_id": company, "approve": true}),
    )
    .await;
    let mail = outbox(&m).await.pop().unwrap();
    assert_eq!(mail.channel, "email");
    assert!(mail.body.contains("approved"), "{}", mail.body);
    let review = c.show_realname_review_result(person).await.unwrap();
    assert_eq!(review.review_result, Some(1));
    assert_eq!(
        review.opinion.as_deref(),
        Some("The passport photo is cut off.")
    );
    assert_eq!(status_of(&c, person).await.0, "1");
    assert_eq!(status_of(&c, company).await.0, "2");

    // Decided once only; a rejected customer may submit again.
    let (status, body) = admin_call(
        &m,
        "/mock/realname/review",
        serde_json::json!({"customer_id": company, "approve": false}),
    )
    .await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (400, Some(codes::REALNAME_DECIDED))
    );
    let r = c
        .create_personal_realname_auth(&passport(person), &rid())
        .await
        .unwrap();
    assert_eq!(r.is_review, Some(1));
    let review = c.show_realname_review_result(person).await.unwrap();
    assert_eq!(
        (review.review_result, review.opinion),
        (Some(0), None),
        "the old opinion is gone"
    );
}

#[tokio::test]
async fn malformed_submissions_are_refused_before_anything_changes() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let id = todo[0].customer_id.as_str();
    let personal = |f: &dyn Fn(&mut PersonalRealnameAuthReq)| {
        let mut r = passport(id);
        f(&mut r);
        r
    };
    let enterprise = |f: &dyn Fn(&mut EnterpriseRealnameAuthReq)| {
        let mut r = licence(id);
        f(&mut r);
        r
    };
    let bad_personal = [
        ("identify type 2", personal(&|r| r.identify_type = 2)),
        ("no document kind", personal(&|r| r.verified_type = None)),
        (
            "unknown document kind",
            personal(&|r| r.verified_type = Some(7)),
        ),
        (
            "passport number",
            personal(&|r| r.verified_number = "E1".into()),
        ),
        (
            "two images",
            personal(&|r| r.verified_file_url.as_mut().unwrap().truncate(2)),
        ),
        (
            "not an image",
            personal(&|r| r.verified_file_url.as_mut().unwrap()[0] = "a.exe".into()),
        ),
        (
            "a path out",
            personal(&|r| r.verified_file_url.as_mut().unwrap()[0] = "../x.png".into()),
        ),
        ("digits for a name", personal(&|r| r.name = "12345".into())),
        (
            "a change, not a first",
            personal(&|r| r.change_type = Some(1)),
        ),
        (
            "another platform",
            personal(&|r| r.xaccount_type = "someone_else".into()),
        ),
        (
            "card with a document",
            personal(&|r| r.bank_card_info = bank_card(id, "123456").bank_card_info),
        ),
        ("ID checksum", {
            let mut r = bank_card(id, "123456");
            r.verified_number = "110105194912310021".into();
            r
        }),
        ("card number", {
            let mut r = bank_card(id, "123456");
            r.bank_card_info.as_mut().unwrap().bank_account = "62220202".into();
            r
        }),
        ("area code", {
            let mut r = bank_card(id, "123456");
            r.bank_card_info.as_mut().unwrap().areacode = "0044".into();
            r
        }),
        ("bank phone", {
            let mut r = bank_card(id, "123456");
            r.bank_card_info.as_mut().unwrap().mobile = "2391234567".into();
            r
        }),
        ("code shape", bank_card(id, "12ab")),
        ("no card", {
            let mut r = bank_card(id, "123456");
            r.bank_card_info = None;
            r
        }),
    ];
    for (what, req) in &bad_personal {
        let e = c
            .create_personal_realname_auth(req, &rid())
            .await
            .unwrap_err();
        let expected = match *what {
            "bank phone" => codes::BAD_PHONE,
            "another platform" => "CBC.99000004",
            _ => codes::PARAMETER_ERROR,
        };
        assert_eq!(code_of(&e), expected, "{what}: {e:?}");
        // Each case is refused for its own reason, not a neighbour's.
        let why = e.to_string().to_lowercase();
        let keyword = match *what {
            "identify type 2" => "identify_type",
            "no document kind" | "unknown document kind" => "verified_type",
            "passport number" | "ID checksum" => "verified_number",
            "two images" | "not an image" | "a path out" => "verified_file_url",
            "digits for a name" => "name",
            "a change, not a first" => "change_type",
            "another platform" => "xaccount_type",
            "card with a document" | "no card" => "bank_card_info",
            "card number" => "bank_account",
            "area code" => "areacode",
            "bank phone" => "phone",
            "code shape" => "verification_code",
            other => panic!("no keyword for {other}"),
        };
        assert!(why.contains(keyword), "{what}: {why}");
    }
    let bad_enterprise = [
        ("identify type 0", enterprise(&|r| r.identify_type = 0)),
        (
            "certificate type",
            enterprise(&|r| r.certificate_type = Some(5)),
        ),
        (
            "credit code checksum",
            enterprise(&|r| r.verified_number = "91350100M000100Y44".into()),
        ),
        (
            "one image with a person",
            enterprise(&|r| r.verified_file_url.truncate(1)),
        ),
        (
            "person's ID",
            enterprise(&|r| r.enterprise_person.as_mut().unwrap().legel_id_number = "1".into()),
        ),
        (
            "role",
            enterprise(&|r| {
                r.enterprise_person.as_mut().unwrap().certifier_role = Some("boss".into())
            }),
        ),
        (
            "country",
            enterprise(&|r| r.reg_country = Some("China".into())),
        ),
        ("name", enterprise(&|r| r.corp_name = "!!".into())),
    ];
    for (what, req) in &bad_enterprise {
        let e = c
            .create_enterprise_realname_auth(req, &rid())
            .await
            .unwrap_err();
        assert_eq!(code_of(&e), codes::PARAMETER_ERROR, "{what}: {e:?}");
        let why = e.to_string();
        let keyword = match *what {
            "identify type 0" => "identify_type",
            "certificate type" => "certificate_type",
            "credit code checksum" => "verified_number",
            "one image with a person" => "verified_file_url",
            "person's ID" => "legel_id_number",
            "role" => "certifier_role",
            "country" => "reg_country",
            "name" => "corp_name",
            other => panic!("no keyword for {other}"),
        };
        assert!(why.contains(keyword), "{what}: {why}");
    }
    assert_eq!(status_of(&c, id).await.0, "-1", "nothing changed");

    // Another partner's customer, a verified one, one under review.
    let theirs = client(&m, 1);
    let e = theirs
        .create_personal_realname_auth(&passport(id), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::NOT_YOUR_CUSTOMER);
    let e = theirs.show_realname_review_result(id).await.unwrap_err();
    assert_eq!(code_of(&e), codes::NOT_YOUR_CUSTOMER);
    let e = theirs
        .send_verification_code(&SendVerificationCodeReq {
            receiver_type: 1,
            mobile_phone: Some(BANK_PHONE.into()),
            scene: Some(18),
            customer_id: Some(id.into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::NOT_YOUR_CUSTOMER);
    let verified = &with_status(&c, "2").await[0].customer_id;
    // No code is sent for a customer whose submission would be refused.
    let e = c
        .send_verification_code(&SendVerificationCodeReq {
            receiver_type: 1,
            mobile_phone: Some(BANK_PHONE.into()),
            scene: Some(18),
            customer_id: Some(verified.clone()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REALNAME_VERIFIED);
    let e = c
        .create_enterprise_realname_auth(&licence(verified), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REALNAME_VERIFIED);
    let reviewing = &with_status(&c, "0").await[0].customer_id;
    let e = c
        .create_personal_realname_auth(&passport(reviewing), &rid())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), codes::REALNAME_UNDER_REVIEW);
}

/// The bodies as the official SDK's models name the fields (`ApplyIndividualRealnameAuthsReq`,
/// `BankCardInfoV2`, `ApplyEnterpriseRealnameAuthsReq`, `EnterprisePersonNew`), sent raw
/// and signed: the mock takes them, and ours serialise to the same names.
#[tokio::test]
async fn the_sdk_field_names_are_the_wire_names() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let (person, company) = (&todo[0].customer_id, &todo[1].customer_id);
    let sdk_personal = [
        "customer_id",
        "identify_type",
        "verified_type",
        "verified_file_url",
        "name",
        "verified_number",
        "change_type",
        "xaccount_type",
        "bank_card_info",
    ];
    let sdk_card = ["bank_account", "areacode", "mobile", "verification_code"];
    let sdk_enterprise = [
        "customer_id",
        "identify_type",
        "certificate_type",
        "verified_file_url",
        "corp_name",
        "verified_number",
        "reg_country",
        "reg_address",
        "xaccount_type",
        "enterprise_person",
    ];
    let sdk_person = ["legel_name", "legel_id_number", "certifier_role"];
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |names: &[&str]| {
        let mut k: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    let mut full = passport(person);
    full.bank_card_info = bank_card(person, "123456").bank_card_info;
    let ours = serde_json::to_value(&full).unwrap();
    let without_card: Vec<&str> = sdk_personal
        .iter()
        .copied()
        .filter(|k| *k != "bank_card_info")
        .collect();
    assert_eq!(
        keys(&serde_json::to_value(passport(person)).unwrap()),
        sorted(&without_card)
    );
    assert_eq!(keys(&ours), sorted(&sdk_personal));
    assert_eq!(keys(&ours["bank_card_info"]), sorted(&sdk_card));
    let ours = serde_json::to_value(licence(company)).unwrap();
    assert_eq!(keys(&ours), sorted(&sdk_enterprise));
    assert_eq!(keys(&ours["enterprise_person"]), sorted(&sdk_person));

    // Raw, as the SDK sends them (no X-Client-Request-Id: once per call, as on Huawei).
    let body = serde_json::json!({
        "customer_id": person, "identify_type": 0, "verified_type": 3,
        "verified_file_url": ["a.jpg", "b.jpg", "c.jpg"], "name": "Sarah O'Connor",
        "verified_number": "E12345678", "change_type": -1, "xaccount_type": PLATFORM_ID
    });
    let (status, answer) = handmade(
        &m,
        0,
        "POST",
        "/v2/customers/realname-auths/individual",
        &[],
        None,
        &[],
        body.to_string().as_bytes(),
    )
    .await;
    assert_eq!(
        (status, answer.clone()),
        (200, serde_json::json!({"is_review": 1}))
    );
    let (status, answer) = handmade(
        &m,
        0,
        "GET",
        "/v2/customers/realname-auths/result",
        &[("customer_id", person)],
        None,
        &[],
        b"",
    )
    .await;
    assert_eq!(
        (status, answer),
        (200, serde_json::json!({"review_result": 0}))
    );
    // A field the SDK does not have, or a wrong type: a CBC 400, not a 500.
    for bad in [
        serde_json::json!({"customer_id": company, "identify_type": "1", "verified_file_url": ["a.pdf"], "corp_name": "Acme Ltd", "verified_number": CREDIT_CODE, "xaccount_type": PLATFORM_ID}),
        serde_json::json!({"customer_id": company, "identify_type": 1, "verified_file_url": ["a.pdf"], "corp_name": "Acme Ltd", "verified_number": CREDIT_CODE, "xaccount_type": PLATFORM_ID, "legal_name": "x"}),
    ] {
        let (status, answer) = handmade(
            &m,
            0,
            "POST",
            "/v2/customers/realname-auths/enterprise",
            &[],
            None,
            &[],
            bad.to_string().as_bytes(),
        )
        .await;
        assert_eq!(
            (status, answer["error_code"].as_str()),
            (400, Some(codes::PARAMETER_ERROR)),
            "{bad}"
        );
    }
    let (status, _) = handmade(
        &m,
        0,
        "POST",
        "/v2/customers/realname-auths/enterprise",
        &[],
        None,
        &[],
        b"{not json",
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn live_reviewers_decide_submissions_made_through_the_api() {
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let id = todo[0].customer_id.clone();
    c.create_personal_realname_auth(&passport(&id), &rid())
        .await
        .unwrap();
    let catalog = m.state.catalog.clone();
    let now = m.state.now();
    // Step 2 of a run rejects (one in three), with an opinion.
    let event = m
        .state
        .db
        .with(|conn| pc_mock::live::step(conn, &catalog, 2, now))
        .unwrap();
    assert_eq!(
        event,
        pc_mock::live::Event::RealnameReviewed {
            customer_id: id.clone(),
            approved: false
        }
    );
    let review = c.show_realname_review_result(&id).await.unwrap();
    assert_eq!(review.review_result, Some(1));
    assert!(review.opinion.is_some_and(|o| !o.is_empty()));
    // The seeded submissions under review wait for the admin call: the next step does
    // something else.
    let catalog = m.state.catalog.clone();
    let event = m
        .state
        .db
        .with(|conn| pc_mock::live::step(conn, &catalog, 3, now))
        .unwrap();
    assert!(
        !matches!(event, pc_mock::live::Event::RealnameReviewed { .. }),
        "{event:?}"
    );
}

#[tokio::test]
async fn a_partner_contracted_elsewhere_has_no_remittance_account() {
    let m = start(Seed::Demo).await;
    let own = client(&m, 0);
    let profile = own.profile().await.unwrap();
    assert!(profile.remittance_account);
    own.recharge_account().await.unwrap();

    let p = &DEMO_PARTNERS[1];
    let elsewhere = client_with(&m, p.ak, p.sk);
    let profile = elsewhere.profile().await.unwrap();
    assert!(!profile.remittance_account);
    assert_eq!(
        profile.contracting_entity.as_deref(),
        Some(p.contracting_entity)
    );
    for e in [
        elsewhere.recharge_account().await.unwrap_err(),
        elsewhere.send_recharge_account().await.unwrap_err(),
        elsewhere.recharge_proof().await.unwrap_err(),
    ] {
        assert_eq!(code_of(&e), codes::REMITTANCE_VIA_CHANNEL);
        assert!(format!("{e}").contains("channel manager"), "{e}");
    }
}

/// The console's own path: the operation the form builds, carried out exactly once
/// through the journal, with the code sent to the bank phone by the same client.
#[tokio::test]
async fn the_consoles_bank_card_operation_goes_through_the_journal_without_secrets() {
    use pc_core::exec::{Records, execute};
    use pc_core::ops::{Identity, Operation, Secret};
    use pc_tui::app::modal::ExecOutcome;
    let m = start(Seed::Demo).await;
    let c = client(&m, 0);
    let todo = with_status(&c, "-1").await;
    let customer = &todo[0];
    let code = send_bank_code(&m, &c, &customer.customer_id, BANK_PHONE).await;
    let dir = std::env::temp_dir().join(format!("pc-realname-{}", rid()));
    let records = Records::in_dir(&dir, "demo", "huaxin_cloud");
    let op = Operation::RealnameAuth {
        customer_id: customer.customer_id.clone(),
        customer_name: customer.account_name.clone(),
        name: "张伟".into(),
        number: Secret(ID_NUMBER.into()),
        identity: Identity::BankCard {
            bank_account: Secret("6222020200112233445".into()),
            phone: Secret(BANK_PHONE.into()),
            code: Secret(code.clone()),
        },
        xaccount_type: PLATFORM_ID.into(),
    };
    let request_id = rid();
    let outcome = execute(&c, &records, &request_id, &op, None, false)
        .await
        .outcome;
    match &outcome {
        ExecOutcome::Applied(items) => {
            assert!(
                items[0].ok && items[0].detail.contains("verified at once"),
                "{items:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(status_of(&c, &customer.customer_id).await.0, "2");
    // The backend remembers the request: asked again, it says applied.
    let o = c.request_outcome(&request_id).await.unwrap();
    assert_eq!(o.state, "applied");
    for file in ["journal.jsonl", "audit.jsonl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.contains(&request_id), "{file}");
        for secret in [ID_NUMBER, "6222020200112233445", BANK_PHONE, code.as_str()] {
            assert!(!text.contains(secret), "{secret} in {file}: {text}");
        }
    }
    // A document submission for a customer already verified: refused, explained.
    let again = Operation::RealnameAuth {
        customer_id: customer.customer_id.clone(),
        customer_name: customer.account_name.clone(),
        name: "张伟".into(),
        number: Secret("E12345678".into()),
        identity: Identity::Document {
            verified_type: 3,
            files: vec!["a.jpg".into(), "b.jpg".into(), "c.jpg".into()],
        },
        xaccount_type: PLATFORM_ID.into(),
    };
    match execute(&c, &records, &rid(), &again, None, false)
        .await
        .outcome
    {
        ExecOutcome::Failed(f) => assert_eq!(f.code.as_deref(), Some(codes::REALNAME_VERIFIED)),
        other => panic!("{other:?}"),
    }
    std::fs::remove_dir_all(dir).ok();
}
