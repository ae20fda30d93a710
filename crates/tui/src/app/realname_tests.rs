//! `update` tests of real-name authentication: opening it (and when not), the three
//! methods with their format checks, the bank card's code, what the journal keeps, the
//! decision told on any pane, the reviewer's opinion, and Funds for a partner contracted
//! outside Huawei Cloud.

use crossterm::event::KeyCode;

use super::lifecycle_tests::{on_customers, type_text};
use super::modal::{ExecOutcome, ItemResult};
use super::modal_tests::{code, key, ready};
use super::realname::{Field, Method};
use super::*;
use pc_core::ops::{Identity, Operation};

const ID: &str = "11010519491231002X";

fn form(s: &State) -> &realname::RealnameForm {
    match &s.overlay {
        Some(Overlay::Realname(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn focus(s: &mut State, field: Field) {
    for _ in 0..12 {
        if form(s).focus == field {
            return;
        }
        update(s, code(KeyCode::Tab));
    }
    panic!("{field:?} is not shown");
}

fn fill(s: &mut State, field: Field, text: &str) {
    focus(s, field);
    type_text(s, text);
}

/// Enter on the form shows the summary (nothing sent); Enter there sends.
fn submit(s: &mut State) -> (String, Operation) {
    assert!(
        update(s, code(KeyCode::Enter)).is_empty(),
        "a summary first"
    );
    match &s.modal {
        Some(modal::Modal::Confirm { summary, .. }) => {
            assert!(summary.problems.is_empty(), "{summary:?}");
        }
        other => panic!("no summary: {other:?}"),
    }
    assert!(s.overlay.is_some(), "the form stays beneath the summary");
    match update(s, code(KeyCode::Enter)).as_slice() {
        [Command::Execute { request_id, op, .. }] => (request_id.clone(), op.clone()),
        other => panic!("{other:?}"),
    }
}

fn applied(s: &mut State, request_id: String, detail: &str) -> Vec<Command> {
    let cmds = update(
        s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Applied(vec![ItemResult {
                subject: "x".into(),
                ok: true,
                detail: detail.into(),
                code: None,
                amount: None,
            }]),
        },
    );
    update(s, code(KeyCode::Enter));
    cmds
}

fn review(customer_id: &str, result: i32, opinion: Option<&str>) -> Msg {
    Msg::Review {
        customer_id: customer_id.into(),
        result: Ok(RealnameReviewResp {
            review_result: Some(result),
            opinion: opinion.map(str::to_string),
        }),
    }
}

fn set_status(s: &mut State, status: &str) {
    s.customers.rows[0].verified_status = Some(status.into());
}

#[test]
fn v_opens_only_where_a_submission_can_be_made() {
    let mut s = ready(vec![]);
    s.session.platform_id = Some("platform_x".into());
    assert!(update(&mut s, key('v')).is_empty());
    assert!(s.overlay.is_none(), "not on Orders");
    assert!(s.toasts.last().unwrap().text.contains("Customers pane"));

    let mut s = on_customers();
    for (status, says) in [("2", "already passed"), ("0", "under review")] {
        set_status(&mut s, status);
        update(&mut s, key('v'));
        assert!(s.overlay.is_none(), "{status}");
        assert!(s.toasts.last().unwrap().text.contains(says));
    }
    s.session.platform_id = None;
    set_status(&mut s, "-1");
    update(&mut s, key('v'));
    assert!(s.overlay.is_none());
    assert!(s.toasts.last().unwrap().text.contains("platform_id"));

    // A rejected customer may submit again; the form opens on the bank card.
    let mut s = on_customers();
    set_status(&mut s, "1");
    s.customers.rows[0].customer = Some("李明".into());
    update(&mut s, key('v'));
    assert_eq!(form(&s).customer_id, "ref");
    assert_eq!(form(&s).method, Method::BankCard);
    assert_eq!(form(&s).value(Field::Name), "李明", "the name comes back");
    // Selected: what is typed replaces it; once touched it is edited as usual.
    focus(&mut s, Field::Name);
    type_text(&mut s, "王");
    assert_eq!(form(&s).value(Field::Name), "王");
    type_text(&mut s, "芳");
    assert_eq!(form(&s).value(Field::Name), "王芳");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    assert!(
        s.toasts
            .last()
            .unwrap()
            .text
            .contains("nothing was submitted")
    );
}

#[test]
fn a_bank_card_is_checked_then_coded_then_submitted_without_journaling_secrets() {
    let mut s = on_customers();
    update(&mut s, key('v'));
    fill(&mut s, Field::Name, "张伟");
    fill(&mut s, Field::Number, "110105194912310021");
    assert!(
        form(&s)
            .problem(Field::Number)
            .unwrap()
            .contains("check digit"),
        "the ID's check digit is verified as typed"
    );
    fill(&mut s, Field::BankAccount, "6222x0202001122334");
    assert_eq!(
        form(&s).value(Field::BankAccount),
        "622202020011223345".get(..17).unwrap(),
        "digits only"
    );
    fill(&mut s, Field::BankPhone, "13912345678");
    // Enter stops on the first problem, with the focus on it.
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert_eq!(form(&s).focus, Field::Number);
    assert!(
        form(&s)
            .error
            .as_deref()
            .unwrap()
            .starts_with("Resident ID number")
    );
    update(&mut s, code(KeyCode::Backspace));
    type_text(&mut s, "X");
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::SendCustomerCode {
                request,
                phone,
                customer_id: Some(c),
            },
        ] => {
            assert_eq!((phone.as_str(), c.as_str()), ("13912345678", "ref"));
            *request
        }
        other => panic!("{other:?}"),
    };
    assert!(
        !form(&s).fields().contains(&Field::Code),
        "not before it is sent"
    );
    update(
        &mut s,
        Msg::RegistrationCode {
            request,
            result: Ok(()),
        },
    );
    assert_eq!(form(&s).focus, Field::Code);
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(form(&s).error.as_deref().unwrap().contains("139****5678"));
    type_text(&mut s, "4829137");
    let (request_id, op) = submit(&mut s);
    match &op {
        Operation::RealnameAuth {
            customer_id,
            name,
            number,
            identity:
                Identity::BankCard {
                    bank_account,
                    phone,
                    code,
                },
            xaccount_type,
            ..
        } => {
            assert_eq!((customer_id.as_str(), name.as_str()), ("ref", "张伟"));
            assert_eq!(number.0, ID);
            assert_eq!(bank_account.0, "62220202001122334");
            assert_eq!(
                (phone.0.as_str(), code.0.as_str()),
                ("13912345678", "482913")
            );
            assert_eq!(xaccount_type, "platform_x");
        }
        other => panic!("{other:?}"),
    }
    let journaled = serde_json::to_string(&op).unwrap();
    for secret in [ID, "62220202001122334", "13912345678", "482913"] {
        assert!(!journaled.contains(secret), "{secret} in {journaled}");
        assert!(
            !format!("{:?}{:?}", op, s.overlay).contains(secret),
            "{secret} in Debug"
        );
    }
    let summary = ops::summarize(&op, None, None);
    assert!(
        summary.lines.iter().any(|l| l.contains("****002X")),
        "{summary:?}"
    );

    // A wrong code keeps the form for another try, without the spent code.
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Failed(modal::Failure::refused(
                pc_api::error::codes::CODE_WRONG,
                "wrong",
            )),
        },
    );
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).value(Field::Code), "");
    assert_eq!(form(&s).value(Field::Name), "张伟");
    type_text(&mut s, "482914");
    let (request_id, _) = submit(&mut s);
    // Passed: the form closes and the result is read at once, then told.
    let cmds = applied(&mut s, request_id, "verified at once");
    assert!(s.overlay.is_none());
    assert_eq!(
        cmds,
        vec![Command::LoadReview {
            customer_id: "ref".into()
        }]
    );
    assert!(
        !s.reviews["ref"].watching,
        "decided at once: nothing to wait for"
    );
    let toasts = s.toasts.len();
    update(&mut s, review("ref", 2, None));
    assert_eq!(s.customers.rows[0].verified_status.as_deref(), Some("2"));
    assert_eq!(
        s.toasts.len(),
        toasts,
        "the result said it: no second notice"
    );
}

#[test]
fn numbers_are_checked_as_sent_and_a_representative_needs_name_and_id() {
    let mut s = on_customers();
    update(&mut s, key('v'));
    update(&mut s, code(KeyCode::Right));
    // An HK/Macao permit typed in lower case is sent upper-cased, so it is fine.
    focus(&mut s, Field::Kind);
    update(&mut s, code(KeyCode::Right));
    assert_eq!(form(&s).kind_code(), 5);
    fill(&mut s, Field::Number, "h12345678");
    assert_eq!(form(&s).problem(Field::Number), None);
    // Enterprise: an ID without a name would be dropped silently; it is refused.
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('v'));
    update(&mut s, code(KeyCode::Left));
    fill(&mut s, Field::LegalId, ID);
    assert_eq!(
        form(&s).problem(Field::LegalName).as_deref(),
        Some("required with an ID number.")
    );
}

#[test]
fn an_opinion_is_read_again_when_a_pending_review_turned_into_a_rejection() {
    let mut s = on_customers();
    s.customers.rows[1].verified_status = Some("0".into());
    update(&mut s, review("res", 0, None));
    // The reviewer rejected meanwhile: the list says so, the opinion is read.
    s.customers.rows[1].verified_status = Some("1".into());
    let cmds = update(&mut s, key('j'));
    assert_eq!(
        cmds,
        vec![Command::LoadReview {
            customer_id: "res".into()
        }]
    );
    update(&mut s, review("res", 1, Some("The licence has expired.")));
    assert_eq!(
        realname::opinion(&s, "res"),
        Some("The licence has expired.")
    );
    update(&mut s, key('k'));
    assert!(
        update(&mut s, key('G')).is_empty(),
        "known now: not read again"
    );
}

#[test]
fn documents_and_enterprises_check_their_formats_and_the_decision_is_told_anywhere() {
    let mut s = on_customers();
    update(&mut s, key('v'));
    // → Document: a passport first.
    update(&mut s, code(KeyCode::Right));
    assert_eq!(form(&s).method, Method::Document);
    assert_eq!(form(&s).kind_code(), 3);
    fill(&mut s, Field::Name, "Sarah O'Connor");
    fill(&mut s, Field::Number, "E1234");
    fill(&mut s, Field::Files, "a.jpg b.jpg");
    assert!(form(&s).problem(Field::Files).unwrap().contains("3 names"));
    type_text(&mut s, ",c.exe");
    assert!(form(&s).problem(Field::Files).unwrap().contains("c.exe"));
    update(&mut s, Msg::Paste(String::new()));
    for _ in 0..5 {
        update(&mut s, code(KeyCode::Backspace));
    }
    type_text(&mut s, "c.png");
    assert_eq!(form(&s).problem(Field::Files), None);
    // A Taiwan permit is 8 digits: the passport number no longer fits.
    focus(&mut s, Field::Kind);
    update(&mut s, code(KeyCode::Right));
    update(&mut s, code(KeyCode::Right));
    assert_eq!(form(&s).kind_code(), 6);
    assert!(form(&s).problem(Field::Number).is_some());
    update(&mut s, code(KeyCode::Left));
    update(&mut s, code(KeyCode::Left));
    let (request_id, op) = submit(&mut s);
    assert!(matches!(
        &op,
        Operation::RealnameAuth { identity: Identity::Document { verified_type: 3, files }, .. }
            if files == &["a.jpg", "b.jpg", "c.png"]
    ));
    let cmds = applied(&mut s, request_id, "submitted for manual review");
    assert_eq!(cmds.len(), 1);
    update(&mut s, review("ref", 0, None));
    assert_eq!(s.customers.rows[0].verified_status.as_deref(), Some("0"));
    let toasts = s.toasts.len();

    // On another pane, each refresh asks again; the rejection is told with its opinion.
    update(&mut s, key('2'));
    let due = s.now + s.refresh_every;
    let cmds = update(&mut s, Msg::Tick(due));
    assert!(cmds.contains(&Command::LoadReview {
        customer_id: "ref".into()
    }));
    assert_eq!(s.toasts.len(), toasts, "no news, no toast");
    update(
        &mut s,
        review("ref", 1, Some("The passport photo is cut off.")),
    );
    let told = &s.toasts.last().unwrap();
    assert!(
        told.text
            .contains("rejected: The passport photo is cut off."),
        "{}",
        told.text
    );
    assert!(told.error);
    assert_eq!(s.customers.rows[0].verified_status.as_deref(), Some("1"));
    assert_eq!(
        realname::opinion(&s, "ref"),
        Some("The passport photo is cut off.")
    );
    let due = s.now + s.refresh_every * 2;
    let cmds = update(&mut s, Msg::Tick(due));
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::LoadReview { .. })),
        "decided: no longer asked"
    );

    // Enterprise: the credit code's check character, and a representative needs an ID
    // and three images.
    let mut s = on_customers();
    update(&mut s, key('v'));
    update(&mut s, code(KeyCode::Left));
    assert_eq!(form(&s).method, Method::Enterprise);
    fill(&mut s, Field::Name, "杭州极光网络科技有限公司");
    fill(&mut s, Field::Number, "91350100M000100Y44");
    assert!(
        form(&s)
            .problem(Field::Number)
            .unwrap()
            .contains("check character")
    );
    update(&mut s, code(KeyCode::Backspace));
    type_text(&mut s, "3");
    fill(&mut s, Field::Files, "licence.pdf");
    fill(&mut s, Field::LegalName, "王芳");
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(
        form(&s).error.as_deref().unwrap().contains("3 names"),
        "{:?}",
        form(&s).error
    );
    fill(&mut s, Field::Files, " front.png back.png");
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert_eq!(form(&s).focus, Field::LegalId);
    type_text(&mut s, ID);
    let (_, op) = submit(&mut s);
    match &op {
        Operation::RealnameAuth {
            number,
            identity:
                Identity::Enterprise {
                    certificate_type: 0,
                    files,
                    legal_name: Some(n),
                    legal_id,
                },
            ..
        } => {
            assert_eq!(number.0, "91350100M000100Y43");
            assert_eq!(files.len(), 3);
            assert_eq!((n.as_str(), legal_id.0.as_str()), ("王芳", ID));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rejected_customers_opinion_is_read_once_and_shown() {
    let mut s = on_customers();
    s.customers.rows[1].verified_status = Some("1".into());
    let cmds = update(&mut s, key('j'));
    assert_eq!(
        cmds,
        vec![Command::LoadReview {
            customer_id: "res".into()
        }]
    );
    update(&mut s, key('k'));
    assert!(update(&mut s, key('j')).is_empty(), "read once");
    update(
        &mut s,
        review("res", 1, Some("The name does not match the document.")),
    );
    assert_eq!(
        realname::opinion(&s, "res"),
        Some("The name does not match the document.")
    );
    assert!(
        s.toasts.iter().all(|t| !t.text.contains("rejected")),
        "an old decision is shown, not announced"
    );
}

#[test]
fn funds_says_to_contact_the_channel_manager_when_contracted_elsewhere() {
    let mut s = ready(vec![]);
    let cmds = update(&mut s, key('5'));
    assert!(cmds.contains(&Command::LoadProfile), "{cmds:?}");
    let before = balances_height(&s);
    update(
        &mut s,
        Msg::Profile(Ok(Profile {
            name: "Brightpath Solutions Ltd".into(),
            account_name: "brightpath".into(),
            partner_type: "solution_provider".into(),
            phone: None,
            email: None,
            verification_enabled: true,
            contracting_entity: Some("Huawei Technologies (Malaysia) Sdn. Bhd.".into()),
            remittance_account: false,
        })),
    );
    assert_eq!(balances_height(&s), before + 1, "the recharge line");
    assert_eq!(
        recharge_elsewhere(&s),
        Some("Huawei Technologies (Malaysia) Sdn. Bhd.")
    );
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("recharge".into()));
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(cmds.is_empty(), "nothing asked of the backend: {cmds:?}");
    assert!(s.overlay.is_none());
    let t = s.toasts.last().unwrap();
    assert!(t.text.contains("channel manager") && t.error, "{}", t.text);
}

#[test]
fn a_customer_detail_under_review_reads_the_review() {
    let mut s = on_customers();
    set_status(&mut s, "0");
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [Command::LoadDetail { request, .. }] => *request,
        other => panic!("{other:?}"),
    };
    let c = s.customers.rows[0].clone();
    let cmds = update(
        &mut s,
        Msg::Detail {
            request,
            result: Ok(Box::new(DetailData::Customer(c, None, Ok((vec![], 0))))),
            latency: Duration::ZERO,
        },
    );
    assert_eq!(
        cmds,
        vec![Command::LoadReview {
            customer_id: "ref".into()
        }]
    );
    assert!(s.modal.is_none());
}

#[test]
fn the_bss_only_note_is_on_what_bss_sends_without_a_code() {
    let mut s = on_customers();
    s.partner_center = Some(false);
    let note = |s: &State| match &s.modal {
        Some(modal::Modal::Confirm { summary, .. }) => summary
            .lines
            .iter()
            .any(|l| l.contains("the operation goes through it")),
        other => panic!("{other:?}"),
    };
    let realname = Operation::RealnameAuth {
        customer_id: "ref".into(),
        customer_name: "referral_co".into(),
        name: "张伟".into(),
        number: ops::Secret(ID.into()),
        identity: Identity::Document {
            verified_type: 3,
            files: vec![],
        },
        xaccount_type: "platform_x".into(),
    };
    modal::confirm(&mut s, realname, None);
    assert!(!note(&s), "a real-name submission is no transfer");
    let transfer = Operation::Transfer {
        to: pc_api::partner_center::TransferTarget::CustomerAllocate,
        target_id: "res".into(),
        target_name: "reseller_co".into(),
        amount: rust_decimal::Decimal::ONE,
    };
    modal::confirm(&mut s, transfer, None);
    assert!(note(&s));
}

/// A customer whose name reads as a company's, checked as a person: the form says so as
/// it opens, and Enter warns once before the summary; Enterprise does not warn.
#[test]
fn a_company_checked_as_a_person_is_warned_first() {
    assert!(realname::looks_like_company("杭州极光网络科技有限公司"));
    assert!(realname::looks_like_company("Acme Robotics Ltd"));
    assert!(!realname::looks_like_company("Sarah O'Connor"));
    let mut s = on_customers();
    s.customers.rows[0].customer = Some("杭州极光网络科技有限公司".into());
    update(&mut s, key('v'));
    assert_eq!(
        form(&s).person_for_company(),
        Some("杭州极光网络科技有限公司")
    );
    update(&mut s, code(KeyCode::Right));
    assert_eq!(form(&s).method, Method::Document);
    fill(&mut s, Field::Name, "Sarah O'Connor");
    fill(&mut s, Field::Number, "E1234");
    fill(&mut s, Field::Files, "a.jpg,b.jpg,c.png");
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(s.modal.is_none(), "no summary yet");
    assert!(
        form(&s)
            .error
            .as_deref()
            .unwrap()
            .contains("reads as an organisation"),
        "{:?}",
        form(&s).error
    );
    let (_, op) = submit(&mut s);
    assert!(matches!(op, Operation::RealnameAuth { .. }));
    // As an enterprise: nothing to warn of.
    let mut s = on_customers();
    s.customers.rows[0].customer = Some("杭州极光网络科技有限公司".into());
    update(&mut s, key('v'));
    update(&mut s, code(KeyCode::Left));
    assert_eq!(form(&s).method, Method::Enterprise);
    assert_eq!(form(&s).person_for_company(), None);
}
