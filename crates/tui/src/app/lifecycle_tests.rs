//! `update` tests of the customer lifecycle: the new-customer form (debounced checks,
//! registration code, no-phone path, stale answers), switching association type
//! (blockers, reason, code scene, pending, the customer's answer as a notice) and `y`.

use chrono::TimeDelta;
use crossterm::event::KeyCode;
use rust_decimal::Decimal;

use super::create::{Check, Field};
use super::modal::{ExecOutcome, ItemResult, Modal};
use super::modal_tests::{code, key, ready, show_customers, t0};
use super::sms::CodeState;
use super::*;
use pc_core::ops::Operation;

pub(super) fn on_customers() -> State {
    let mut s = ready(vec![]);
    s.session.platform_id = Some("platform_x".into());
    show_customers(&mut s);
    s
}

pub(super) fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, key(c));
    }
}

fn form(s: &State) -> &create::CustomerForm {
    match &s.overlay {
        Some(Overlay::NewCustomer(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn tick(s: &mut State, after: TimeDelta) -> Vec<Command> {
    let now = s.now + after;
    update(s, Msg::Tick(now))
}

fn checks(cmds: &[Command]) -> Vec<(u64, String, String)> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::CheckIdentity {
                request,
                kind,
                value,
            } => Some((*request, kind.clone(), value.clone())),
            _ => None,
        })
        .collect()
}

fn available(request: u64, used: bool) -> Msg {
    Msg::IdentityChecked {
        request,
        result: Ok(CheckUserIdentityResp {
            check_result: Some(if used { "used_by_user" } else { "available" }.into()),
            ..Default::default()
        }),
    }
}

/// Lets typing pause and answers every availability check: all free.
fn settle(s: &mut State) {
    for (request, ..) in checks(&tick(s, TimeDelta::seconds(1))) {
        update(s, available(request, false));
    }
}

#[test]
fn n_opens_the_form_only_where_it_can_create() {
    let mut s = ready(vec![]);
    s.session.platform_id = Some("p".into());
    update(&mut s, key('n'));
    assert!(s.overlay.is_none(), "not on Orders");
    assert!(s.toasts.last().unwrap().text.contains("Customers pane"));
    let mut s = on_customers();
    s.session.read_only = true;
    update(&mut s, key('n'));
    assert!(s.overlay.is_none());
    assert!(s.toasts.last().unwrap().text.contains("Read-only"));
    let mut s = on_customers();
    s.session.platform_id = None;
    update(&mut s, key('n'));
    assert!(s.overlay.is_none());
    assert!(s.toasts.last().unwrap().text.contains("platform_id"));
    let mut s = on_customers();
    update(&mut s, key('n'));
    assert_eq!(form(&s).focus, Field::Name);
    update(&mut s, code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    assert!(
        s.toasts
            .last()
            .unwrap()
            .text
            .contains("no customer was created")
    );
}

#[test]
fn availability_is_checked_once_typing_pauses_and_stale_answers_are_dropped() {
    let mut s = on_customers();
    update(&mut s, key('n'));
    type_text(&mut s, "new_co");
    assert!(matches!(form(&s).check(Field::Name), Some(Check::Due(_))));
    // Still typing: nothing is sent before the pause.
    assert!(checks(&tick(&mut s, TimeDelta::milliseconds(100))).is_empty());
    let sent = checks(&tick(&mut s, TimeDelta::milliseconds(400)));
    assert_eq!(sent.len(), 1);
    let (first, kind, value) = sent[0].clone();
    assert_eq!((kind.as_str(), value.as_str()), ("name", "new_co"));
    // More typing makes the first answer stale.
    type_text(&mut s, "x");
    let (second, _, value) = checks(&tick(&mut s, TimeDelta::seconds(1)))[0].clone();
    assert_eq!(value, "new_cox");
    update(&mut s, available(first, true));
    assert_eq!(form(&s).check(Field::Name), Some(&Check::Checking(second)));
    update(&mut s, available(second, false));
    assert_eq!(form(&s).check(Field::Name), Some(&Check::Available));

    // The phone goes as 0086-…, and a taken one stops the form.
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "1391234567a8");
    assert_eq!(form(&s).value(Field::Phone), "13912345678", "digits only");
    let (request, kind, value) = checks(&tick(&mut s, TimeDelta::seconds(1)))[0].clone();
    assert_eq!(
        (kind.as_str(), value.as_str()),
        ("mobile", "0086-13912345678")
    );
    // Used, but with room for more accounts on that number: still usable.
    update(
        &mut s,
        Msg::IdentityChecked {
            request,
            result: Ok(CheckUserIdentityResp {
                check_result: Some("used_by_user".into()),
                mobile_remain_available_num: Some(2),
                ..Default::default()
            }),
        },
    );
    assert_eq!(form(&s).check(Field::Phone), Some(&Check::Available));
    type_text(&mut s, "9");
    update(&mut s, code(KeyCode::Backspace));
    let (request, ..) = checks(&tick(&mut s, TimeDelta::seconds(1)))[0].clone();
    update(&mut s, available(request, true));
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(cmds.is_empty());
    assert!(form(&s).error.as_deref().unwrap().contains("already used"));
}

#[test]
fn malformed_fields_are_refused_before_anything_is_sent() {
    let mut s = on_customers();
    update(&mut s, key('n'));
    type_text(&mut s, "1234");
    assert!(matches!(
        form(&s).check(Field::Name),
        Some(Check::Invalid(_))
    ));
    assert!(checks(&tick(&mut s, TimeDelta::seconds(1))).is_empty());
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(
        form(&s)
            .error
            .as_deref()
            .unwrap()
            .starts_with("Account name")
    );
    // Empty name.
    let mut s = on_customers();
    update(&mut s, key('n'));
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert_eq!(form(&s).error.as_deref(), Some("Account name: required."));
    // A bad e-mail (Shift-Tab wraps around from the first field, past the type and
    // the xaccount id).
    update(&mut s, code(KeyCode::BackTab));
    assert_eq!(form(&s).focus, Field::Type);
    update(&mut s, code(KeyCode::BackTab));
    update(&mut s, code(KeyCode::BackTab));
    assert_eq!(form(&s).focus, Field::Email);
    type_text(&mut s, "not-an-address");
    assert!(matches!(
        form(&s).check(Field::Email),
        Some(Check::Invalid(_))
    ));
}

#[test]
fn with_a_phone_the_registration_code_is_sent_then_entered() {
    let mut s = on_customers();
    update(&mut s, key('n'));
    type_text(&mut s, "new_co");
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "13912345678");
    // Availability first: Enter waits for the checks.
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(
        form(&s)
            .error
            .as_deref()
            .unwrap()
            .contains("Checking availability")
    );
    settle(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::SendCustomerCode {
                request,
                phone,
                customer_id: None,
            },
        ] => {
            assert_eq!(phone, "13912345678");
            *request
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        form(&s).code,
        CodeState::Sending {
            request,
            phone: "13912345678".into()
        }
    );
    // Enter again while it is on its way sends nothing more.
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    update(
        &mut s,
        Msg::RegistrationCode {
            request,
            result: Ok(()),
        },
    );
    assert_eq!(form(&s).focus, Field::Code);
    assert!(form(&s).fields().contains(&Field::Code));
    // No code yet: refused, says where it went.
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(form(&s).error.as_deref().unwrap().contains("139****5678"));
    type_text(&mut s, "48291377");
    assert_eq!(form(&s).value(Field::Code), "482913", "six digits at most");
    assert!(
        !format!("{:?}", s.overlay).contains("482913"),
        "Debug hides the code"
    );
    let cmds = update(&mut s, code(KeyCode::Enter));
    let (request_id, op) = match cmds.as_slice() {
        [
            Command::Execute {
                request_id,
                op,
                verification: None,
                ..
            },
        ] => (request_id.clone(), op.clone()),
        other => panic!("{other:?}"),
    };
    match &op {
        Operation::CreateCustomer {
            account_name,
            phone,
            xaccount_id,
            xaccount_type,
            code,
            domain_area: None,
            referral: false,
            ..
        } => {
            assert_eq!(account_name, "new_co");
            assert_eq!(phone.as_deref(), Some("13912345678"));
            assert_eq!(xaccount_id, "x-new_co");
            assert_eq!(xaccount_type, "platform_x");
            assert_eq!(code.0, "482913");
        }
        other => panic!("{other:?}"),
    }
    // The journaled form of the operation never holds the code.
    assert!(!serde_json::to_string(&op).unwrap().contains("482913"));
    // A wrong code: the form stays, the code is cleared for another try.
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Failed(modal::Failure::refused(
                pc_api::error::codes::CODE_WRONG,
                "The verification code is wrong.",
            )),
        },
    );
    assert!(matches!(s.modal, Some(Modal::Done { .. })));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).value(Field::Code), "");
    assert_eq!(
        form(&s).value(Field::Name),
        "new_co",
        "nothing typed is lost"
    );
}

#[test]
fn without_a_phone_the_customer_is_created_at_once_and_appears() {
    let mut s = on_customers();
    update(&mut s, key('n'));
    type_text(&mut s, "quiet_co");
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "ops@quiet.example");
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "crm-42");
    // The association type: reseller unless chosen otherwise; → makes it referral.
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(form(&s).focus, Field::Type);
    type_text(&mut s, "x");
    assert!(!form(&s).referral, "typed letters do not choose");
    update(&mut s, code(KeyCode::Right));
    assert!(form(&s).referral);
    settle(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request_id = match cmds.as_slice() {
        [Command::Execute { request_id, op, .. }] => {
            assert!(matches!(
                op,
                Operation::CreateCustomer { phone: None, email: Some(e), xaccount_id, referral: true, .. }
                    if e == "ops@quiet.example" && xaccount_id == "crm-42"
            ));
            request_id.clone()
        }
        other => panic!("{other:?}"),
    };
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Applied(vec![ItemResult {
                subject: "Create the customer quiet_co".into(),
                ok: true,
                detail: "customer quiet_co created (id 42)".into(),
                code: None,
                amount: None,
            }]),
        },
    );
    assert!(s.overlay.is_none(), "the form closes on success");
    // Closing the result reloads the Customers list, where the new one appears.
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(cmds.iter().any(|c| matches!(
        c,
        Command::LoadPage {
            query: PageQuery::Customers(_),
            ..
        }
    )));
}

fn status(id: &str, association: &str) -> pc_api::partner_center::AssociationStatus {
    pc_api::partner_center::AssociationStatus {
        customer_id: id.into(),
        account_name: format!("{id}_co"),
        association_type: association.into(),
        reserved_instances_until: None,
        enterprise_link: None,
        balance: Decimal::ZERO,
        pending: None,
    }
}

/// `s` on the highlighted customer, answered with `st`: the reason entry.
fn open_switch(s: &mut State, st: pc_api::partner_center::AssociationStatus) {
    let cmds = update(s, key('s'));
    let request = match cmds.as_slice() {
        [
            Command::LoadAssociation {
                request,
                customer_id,
            },
        ] => {
            assert_eq!(customer_id, "ref");
            *request
        }
        other => panic!("{other:?}"),
    };
    assert!(matches!(s.modal, Some(Modal::Loading { .. })));
    update(
        s,
        Msg::Association {
            request,
            result: Ok(Box::new(st)),
        },
    );
}

#[test]
fn a_switch_asks_a_reason_then_a_code_for_that_customer() {
    let mut s = on_customers();
    open_switch(&mut s, status("ref", "1"));
    assert!(matches!(s.modal, Some(Modal::Entry { .. })));
    // A reason is required.
    update(&mut s, code(KeyCode::Enter));
    match &s.modal {
        Some(Modal::Entry { error: Some(e), .. }) => assert!(e.contains("reason is required")),
        other => panic!("{other:?}"),
    }
    type_text(&mut s, "They resell now");
    update(&mut s, code(KeyCode::Enter));
    match &s.modal {
        Some(Modal::Confirm { op, summary, .. }) => {
            assert!(summary.problems.is_empty(), "{summary:?}");
            assert!(matches!(
                op,
                Operation::SwitchAssociation { from_type, to_type, reason, .. }
                    if from_type == "1" && to_type == "2" && reason == "They resell now"
            ));
        }
        other => panic!("{other:?}"),
    }
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Command::RequestCode { scene: pc_api::partner_center::Scene::SwitchAssociation, target, .. }]
            if target == &vec!["ref".to_string()]
    ));
}

#[test]
fn blockers_stop_a_switch_before_a_code_is_spent() {
    let mut s = on_customers();
    let mut st = status("ref", "2");
    st.reserved_instances_until = Some("2027-06-01T00:00:00Z".into());
    st.enterprise_link = Some("master".into());
    st.balance = "12.50".parse().unwrap();
    open_switch(&mut s, st);
    type_text(&mut s, "r");
    update(&mut s, code(KeyCode::Enter));
    match &s.modal {
        Some(Modal::Confirm { summary, .. }) => {
            let all = summary.problems.join("\n");
            assert!(
                all.contains("reserved instances valid until 2027-06-01"),
                "{all}"
            );
            assert!(all.contains("master account"), "{all}");
            assert!(all.contains("recall it first"), "{all}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "no code is asked"
    );
    // Read-only sessions never get that far.
    let mut s = on_customers();
    s.session.read_only = true;
    assert!(update(&mut s, key('s')).is_empty());
    assert!(s.modal.is_none());
}

fn switch_request(status: &str) -> SwitchRequest {
    SwitchRequest {
        switch_id: "SW1".into(),
        customer_id: "ref".into(),
        account_name: "referral_co".into(),
        from_type: "1".into(),
        to_type: "2".into(),
        reason: "r".into(),
        status: status.into(),
        requested_at: "2026-11-23T09:00:00Z".into(),
        answered_at: None,
    }
}

#[test]
fn the_customers_answer_arrives_as_a_notice_whatever_pane_is_open() {
    let mut s = on_customers();
    update(&mut s, Msg::Switches(Ok(vec![switch_request("pending")])));
    assert!(s.toasts.iter().all(|t| !t.text.contains("accepted")));
    // On another pane, the background refresh still looks for the answer.
    update(&mut s, key('2'));
    let cmds = tick(&mut s, TimeDelta::seconds(31));
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadSwitches)));
    let cmds = update(&mut s, Msg::Switches(Ok(vec![switch_request("accepted")])));
    let toast = &s.toasts.last().unwrap().text;
    assert!(
        toast.contains("referral_co accepted the switch to reseller"),
        "{toast}"
    );
    assert!(cmds.iter().any(|c| matches!(
        c,
        Command::LoadPage {
            query: PageQuery::Customers(_),
            ..
        }
    )));
    // Nothing pending any more: no more looking.
    let cmds = tick(&mut s, TimeDelta::seconds(31));
    assert!(!cmds.iter().any(|c| matches!(c, Command::LoadSwitches)));
    assert!(s.now - t0() > TimeDelta::seconds(60));
}

#[test]
fn y_copies_the_highlighted_id_or_the_invitation_link() {
    let mut s = on_customers();
    let cmds = update(&mut s, key('y'));
    assert_eq!(cmds, vec![Command::Copy("ref".into())]);
    assert!(s.toasts.last().unwrap().text.contains("Copied ref"));
    s.invitation = Some(Ok(pc_api::partner_center::Invitation {
        code: "abc".into(),
        link: "https://partner.example/associate/abc".into(),
    }));
    s.overlay = Some(Overlay::Invite);
    let cmds = update(&mut s, key('y'));
    assert_eq!(
        cmds,
        vec![Command::Copy(
            "https://partner.example/associate/abc".into()
        )]
    );
    assert!(matches!(s.overlay, Some(Overlay::Invite)), "stays open");
    // An empty list has nothing to copy.
    let mut s = ready(vec![]);
    assert!(update(&mut s, key('y')).is_empty());
}

#[test]
fn new_pay_requests_brought_by_the_refresh_are_told() {
    let pending = |id: &str| CustomerOrder {
        order_id: id.into(),
        status: 6,
        amount_after_discount: "88.00".parse().unwrap(),
        agent_pay_info: Some(AgentPayInfo {
            paying_agent_id: None,
            is_agent_pay: Some(true),
        }),
        ..Default::default()
    };
    let mut s = ready(vec![pending("CS-OLD")]);
    let refresh = tick(&mut s, TimeDelta::seconds(31));
    let request = refresh
        .iter()
        .find_map(|c| match c {
            Command::LoadPage {
                request,
                query: PageQuery::Orders(_),
                ..
            } => Some(*request),
            _ => None,
        })
        .expect("the background refresh reloads the visible list");
    let paid = CustomerOrder {
        status: 5,
        ..pending("CS-PAID")
    };
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((
                3,
                PageData::Orders(vec![pending("CS-NEW"), paid, pending("CS-OLD")]),
            )),
            latency: std::time::Duration::ZERO,
        },
    );
    let toast = &s.toasts.last().unwrap().text;
    assert_eq!(toast, "Pay requested: CS-NEW ¥88.00");
}

#[test]
fn p_on_catalog_prices_the_highlighted_service() {
    use super::price::{Mode, Row};
    use pc_api::partner_center::{Spec, SpecsResp};
    let mut s = ready(vec![]);
    s.catalog.rows = vec![ServiceType {
        service_type_code: "hws.service.type.ec2".into(),
        service_type_name: "ECS".into(),
        ..Default::default()
    }];
    s.catalog.total = Some(1);
    s.pane = Pane::Catalog;
    let cmds = update(&mut s, key('p'));
    let request = match cmds.as_slice() {
        [
            Command::LoadSpecs {
                request,
                service_type_code,
            },
        ] => {
            assert_eq!(service_type_code, "hws.service.type.ec2");
            *request
        }
        other => panic!("{other:?}"),
    };
    let spec = |name: &str, on_demand: bool, yearly: bool| Spec {
        resource_type: "hws.resource.type.vm".into(),
        resource_spec: name.into(),
        usage_factor: "Duration".into(),
        usage_measure_id: 4,
        on_demand,
        yearly,
        ..Default::default()
    };
    update(
        &mut s,
        Msg::Specs {
            request,
            result: Ok(SpecsResp {
                regions: vec!["cn-north-4".into(), "cn-east-3".into()],
                specs: vec![spec("s6.small", true, false), spec("c7.large", false, true)],
            }),
        },
    );
    // → on the spec: the next one, sold yearly only, so the mode follows.
    update(&mut s, code(KeyCode::Right));
    let Some(Overlay::Price(form)) = &s.overlay else {
        panic!("the form");
    };
    assert_eq!((form.spec, form.mode), (1, Mode::Yearly));
    // Down to the quantity, clear it: refused before anything is sent.
    for _ in 0..4 {
        update(&mut s, code(KeyCode::Down));
    }
    update(&mut s, code(KeyCode::Backspace));
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    let Some(Overlay::Price(form)) = &s.overlay else {
        panic!("the form");
    };
    assert_eq!(form.focus, Row::Quantity);
    assert!(matches!(&form.quote, Some(Err(e)) if e.starts_with("Quantity")));
    type_text(&mut s, "3");
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::Rate {
                request,
                rating: price::Rating::Period(r),
            },
        ] => {
            assert_eq!(r.product_infos[0].period_type, 3);
            assert_eq!(r.product_infos[0].subscription_num, 3);
            assert_eq!(r.product_infos[0].resource_spec, "c7.large");
            *request
        }
        other => panic!("{other:?}"),
    };
    let quote = price::Quote {
        official: "100".parse().unwrap(),
        discount: "5".parse().unwrap(),
        amount: "95".parse().unwrap(),
        discounts: vec![("Partner discount".into(), "5".parse().unwrap())],
    };
    update(
        &mut s,
        Msg::Rated {
            request: request + 1,
            result: Ok(quote.clone()),
        },
    );
    let Some(Overlay::Price(form)) = &s.overlay else {
        panic!("the form");
    };
    assert_eq!(form.quote, None, "a stale answer is dropped");
    update(
        &mut s,
        Msg::Rated {
            request,
            result: Ok(quote.clone()),
        },
    );
    let Some(Overlay::Price(form)) = &s.overlay else {
        panic!("the form");
    };
    assert_eq!(form.quote, Some(Ok(quote)));
    // The length filled in (1) is selected: a digit typed replaces it, the next adds.
    update(&mut s, code(KeyCode::Up));
    type_text(&mut s, "2");
    type_text(&mut s, "4");
    let Some(Overlay::Price(form)) = &s.overlay else {
        panic!("the form");
    };
    assert_eq!((form.focus, form.length.as_str()), (Row::Length, "24"));
    update(&mut s, code(KeyCode::Esc));
    assert!(s.overlay.is_none());
}

#[test]
fn allocating_to_a_customer_switching_to_referral_is_stopped_up_front() {
    let mut s = on_customers();
    update(&mut s, code(KeyCode::Down)); // the reseller-type customer
    let mut waiting = switch_request("pending");
    waiting.customer_id = "res".into();
    waiting.from_type = "2".into();
    waiting.to_type = "1".into();
    update(&mut s, Msg::Switches(Ok(vec![waiting])));
    update(&mut s, key('+'));
    type_text(&mut s, "10");
    update(&mut s, code(KeyCode::Enter));
    match &s.modal {
        Some(Modal::Confirm { summary, .. }) => {
            assert!(
                summary
                    .problems
                    .iter()
                    .any(|p| p.contains("could not be recalled"))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn on_the_international_site_a_customer_registers_by_email_with_a_country() {
    let mut s = on_customers();
    s.session.site = pc_api::site::Site::Intl;
    update(&mut s, key('n'));
    assert_eq!(
        form(&s).fields(),
        vec![Field::Name, Field::Email, Field::Country, Field::Xaccount],
        "no phone there"
    );
    type_text(&mut s, "intl_co");
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "ops@intl.example");
    settle(&mut s);
    // No country: refused before anything is sent.
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(form(&s).error.as_deref().unwrap().contains("ISO 3166"));
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "mx");
    // The registration code goes to the e-mail.
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::SendCustomerCode {
                request,
                phone,
                customer_id: None,
            },
        ] => {
            assert_eq!(phone, "ops@intl.example");
            *request
        }
        other => panic!("{other:?}"),
    };
    update(
        &mut s,
        Msg::RegistrationCode {
            request,
            result: Ok(()),
        },
    );
    assert_eq!(form(&s).focus, Field::Code);
    type_text(&mut s, "482913");
    let cmds = update(&mut s, code(KeyCode::Enter));
    match cmds.as_slice() {
        [
            Command::Execute {
                op:
                    Operation::CreateCustomer {
                        phone: None,
                        email: Some(email),
                        domain_area: Some(area),
                        referral: false,
                        code,
                        ..
                    },
                ..
            },
        ] => {
            assert_eq!((email.as_str(), area.as_str()), ("ops@intl.example", "MX"));
            assert_eq!(code.0, "482913");
        }
        other => panic!("{other:?}"),
    }
}

/// In a reseller's scope, `n` creates the customer for the reseller (the API's
/// `indirect_partner_id`); the form says whose.
#[test]
fn in_a_resellers_scope_the_new_customer_is_the_resellers() {
    let mut s = on_customers();
    s.session.partner_kind = "distributor".into();
    s.reseller = Some(ResellerScope {
        id: "r1".into(),
        name: "Northwind".into(),
    });
    update(&mut s, key('n'));
    assert_eq!(
        form(&s).reseller.as_ref().map(|r| r.id.as_str()),
        Some("r1"),
        "{:?}",
        s.overlay
    );
    type_text(&mut s, "rs_new_co");
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Tab));
    type_text(&mut s, "ops@rs-new.example");
    settle(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    match cmds.as_slice() {
        [Command::Execute { op, .. }] => {
            assert!(
                matches!(op, Operation::CreateCustomer { reseller: Some(r), .. } if r.id == "r1"),
                "{op:?}"
            );
            assert!(op.title().contains("Northwind"), "{}", op.title());
        }
        other => panic!("{other:?}"),
    }
}
