//! The script commands' writes and the rest of the reads, through the real binary
//! against the in-process mock: two runs for a code, the journal shared with the UI, a
//! dry run that changes nothing, pre-flight refusals, and the JSON of every list.

use crate::common;

use std::path::{Path, PathBuf};

use pc_mock::RunningMock;
use pc_mock::seed::{DEMO_PARTNERS, PLATFORM_ID, Seed};
use serde_json::Value;

/// One user's machine: a home that lasts across runs (the journal, the challenges).
struct Machine {
    home: PathBuf,
    endpoint: String,
}

impl Machine {
    fn new(m: &RunningMock) -> Machine {
        let home =
            std::env::temp_dir().join(format!("pc-scriptw-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&home).unwrap();
        Machine {
            home,
            endpoint: m.endpoint(),
        }
    }

    /// Runs the binary with `--endpoint` and the distributor's AK/SK in the environment.
    async fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> (i32, String, String) {
        self.run_in("C.UTF-8", args).await
    }

    /// The same in the locale `lang` (`LC_ALL`).
    async fn run_in<S: AsRef<std::ffi::OsStr>>(
        &self,
        lang: &str,
        args: &[S],
    ) -> (i32, String, String) {
        let mut cmd = common::binary(&self.home, DEMO_PARTNERS[0].sk, lang);
        cmd.args(args);
        common::output(cmd, &self.endpoint).await
    }

    async fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args).await;
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    /// Every file named `name` under the data dir (one profile folder here).
    fn files(&self, name: &str) -> Vec<PathBuf> {
        fn walk(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, name, out);
                } else if p.file_name().is_some_and(|f| f == name) {
                    out.push(p);
                }
            }
        }
        let mut out = vec![];
        walk(&self.home.join("data"), name, &mut out);
        out
    }

    fn journal(&self) -> String {
        self.files("journal.jsonl")
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.home).ok();
    }
}

async fn status_of(pc: &Machine, order: &str) -> i64 {
    pc.json(&["orders", "show", order, "--json"]).await["status"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn paying_takes_a_code_in_two_runs_is_journaled_and_never_repeats() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let before = pc.json(&["funds", "show", "--json"]).await;

    // First run: a code is sent, nothing is paid.
    let (code, out, err) = pc.run(&["orders", "pay", "CS-DEMO-OK-1", "--json"]).await;
    assert_eq!(code, 6, "{err}");
    let sent: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sent["needs_code"], true);
    assert_eq!(sent["masked_recipient"], "138****0001");
    assert!(err.contains("--code"), "{err}");
    assert_eq!(status_of(&pc, "CS-DEMO-OK-1").await, 6);
    let the_code = common::last_code(&m).await;

    // A wrong code is the backend's refusal: 4, and the order is still pending.
    let wrong = if the_code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (code, out, err) = pc
        .run(&["orders", "pay", "CS-DEMO-OK-1", "--code", wrong, "--json"])
        .await;
    assert_eq!(code, 4, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["outcome"], "failed");
    assert!(
        v["failure"]["code"].as_str().unwrap().starts_with("CBC."),
        "{v}"
    );
    assert_eq!(status_of(&pc, "CS-DEMO-OK-1").await, 6);

    // Second run with the code: paid, with the request id journaled and audited.
    let (code, out, err) = pc
        .run(&[
            "orders",
            "pay",
            "CS-DEMO-OK-1",
            "--code",
            &the_code,
            "--json",
        ])
        .await;
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["outcome"], "applied", "{v}");
    assert_eq!(v["operation"], "pay_orders");
    assert_eq!(v["items"][0]["subject"], "CS-DEMO-OK-1");
    assert_eq!(v["items"][0]["ok"], true);
    let request_id = v["request_id"].as_str().unwrap();
    let journal = pc.journal();
    assert!(
        journal.contains(&format!("\"request_id\":\"{request_id}\",\"at\"")),
        "{journal}"
    );
    assert!(!journal.contains(&the_code), "a code is never journaled");
    assert_ne!(status_of(&pc, "CS-DEMO-OK-1").await, 6, "no longer pending");
    let audit: String = pc
        .files("audit.jsonl")
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        audit.contains(request_id) && audit.contains("applied"),
        "{audit}"
    );
    let after = pc.json(&["funds", "show", "--json"]).await;
    let amount: rust_decimal::Decimal = v["items"][0]["amount"].to_string().parse().unwrap();
    let balance =
        |v: &Value| -> rust_decimal::Decimal { v["balance"].to_string().parse().unwrap() };
    assert_eq!(balance(&before) - balance(&after), amount);

    // The same command again: the pre-flight check stops it, nothing is sent.
    let (code, _, err) = pc
        .run(&["orders", "pay", "CS-DEMO-OK-1", "--code", &the_code])
        .await;
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("not pending payment"), "{err}");
    assert!(err.contains("nothing was sent"), "{err}");
    assert_eq!(
        pc.json(&["funds", "show", "--json"]).await["balance"],
        after["balance"]
    );
}

#[tokio::test]
async fn a_dry_run_checks_everything_and_changes_nothing() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let funds = pc.json(&["funds", "show", "--json"]).await;
    let messages = common::outbox(&m).await.len();

    let plan = pc
        .json(&["orders", "pay", "CS-DEMO-OK-2", "--dry-run", "--json"])
        .await;
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["operation"], "pay_orders");
    assert_eq!(plan["needs_code"], true);
    assert_eq!(plan["problems"], serde_json::json!([]));
    assert!(
        plan["summary"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l.as_str().unwrap().starts_with("Balance")),
        "balances before → after: {plan}"
    );

    // A marketplace order cannot be paid from credit: 4, said before anything is sent.
    let (code, out, _) = pc
        .run(&[
            "orders",
            "pay",
            "CS-DEMO-MARKET",
            "--credit",
            "--dry-run",
            "--json",
        ])
        .await;
    assert_eq!(code, 4);
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert!(
        plan["problems"][0]
            .as_str()
            .unwrap()
            .contains("marketplace"),
        "{plan}"
    );

    // A service that should already have started: 4, from the order's details, with
    // no code sent even without --dry-run.
    let (code, out, err) = pc.run(&["orders", "pay", "CS-DEMO-EXPIRED"]).await;
    assert_eq!(code, 4, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("was to start at"),
        "{out}{err}"
    );

    // A recall larger than the reseller's balance.
    let resellers = pc.json(&["resellers", "list", "--json"]).await;
    let reseller = resellers["resellers"][0]["indirect_partner_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, out, err) = pc
        .run(&["resellers", "recall", &reseller, "99999999", "--dry-run"])
        .await;
    assert_eq!(code, 4, "{err}");
    assert!(out.contains("can be recalled"), "{out}");
    let (code, _, err) = pc
        .run(&["resellers", "allocate", &reseller, "10.5", "--dry-run"])
        .await;
    assert_eq!(code, 0, "{err}");

    // Nothing happened: no code sent, the order pending, the funds the same, no intent.
    assert_eq!(common::outbox(&m).await.len(), messages);
    assert_eq!(status_of(&pc, "CS-DEMO-OK-2").await, 6);
    assert_eq!(pc.json(&["funds", "show", "--json"]).await, funds);
    assert!(!pc.journal().contains("intent"), "{}", pc.journal());
}

#[tokio::test]
async fn bad_arguments_and_read_only_send_nothing() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let customers = pc
        .json(&["customers", "list", "--limit", "1", "--json"])
        .await;
    let customer = customers["customers"][0]["customer_id"]
        .as_str()
        .unwrap()
        .to_string();
    for (args, says) in [
        (
            &["orders", "pay", "CS-DEMO-OK-3", "--code", "12ab56"][..],
            "6 digits",
        ),
        (
            &["orders", "pay", "CS-DEMO-OK-3", "--code", "123456"][..],
            "No code was sent",
        ),
        (
            &["orders", "adjust-price", "CS-DEMO-OK-3", "ten"][..],
            "is not an amount",
        ),
        (
            &["orders", "pay", "CS-DEMO-OK-3", "--read-only"][..],
            "Read-only",
        ),
        (
            &[
                "customers",
                "switch-association",
                &customer,
                "--reason",
                " ",
            ][..],
            "A reason is required",
        ),
        (
            &["verification", "send", "--scene", "nope", "x"][..],
            "Unknown scene",
        ),
        (
            &["verification", "send", "--scene", "reseller_allocate", "R"][..],
            "takes the id and the amount",
        ),
    ] {
        let (code, out, err) = pc.run(args).await;
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // A price out of the order's range is a rule: 4, and a dry run shows it.
    let (code, out, err) = pc
        .run(&[
            "orders",
            "adjust-price",
            "CS-DEMO-OK-3",
            "999999999",
            "--dry-run",
            "--json",
        ])
        .await;
    assert_eq!(code, 4, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert!(
        plan["problems"][0]
            .as_str()
            .unwrap()
            .contains("between the floor price"),
        "{plan}"
    );
    assert!(plan["amount"].is_number(), "a number: {plan}");
    // A completed order cannot be re-priced: said before any code is sent.
    let done = pc
        .json(&[
            "orders",
            "list",
            "--status",
            "completed",
            "--limit",
            "1",
            "--json",
        ])
        .await;
    let completed = done["orders"][0]["order_id"].as_str().unwrap().to_string();
    let (code, _, err) = pc.run(&["orders", "adjust-price", &completed, "1"]).await;
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("only orders pending payment can be re-priced"),
        "{err}"
    );
    assert_eq!(status_of(&pc, "CS-DEMO-OK-3").await, 6);
    assert!(common::outbox(&m).await.is_empty(), "no code was sent");
}

#[tokio::test]
async fn a_code_sent_ahead_reject_and_price_changes_work_from_scripts() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    // `verification send` ahead, then --code alone.
    let (code, out, err) = pc
        .run(&[
            "verification",
            "send",
            "--scene",
            "pay_orders",
            "balance",
            "CS-DEMO-OK-3",
            "--json",
        ])
        .await;
    assert_eq!(code, 6, "{err}");
    assert!(out.contains("challenge_id"), "{out}");
    let the_code = common::last_code(&m).await;
    let (code, out, err) = pc
        .run(&["orders", "pay", "CS-DEMO-OK-3", "--code", &the_code])
        .await;
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(": done") && out.contains("request id"),
        "{out}"
    );

    // Reject needs no code.
    let pending = pc
        .json(&["orders", "list", "--status", "pending", "--all", "--json"])
        .await;
    let asked: Vec<&str> = pending["orders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["agent_pay_info"]["is_agent_pay"] == true)
        .map(|o| o["order_id"].as_str().unwrap())
        .filter(|id| id.starts_with("CS-DEMO-OK"))
        .collect();
    let target = asked[0].to_string();
    let (code, out, err) = pc.run(&["orders", "reject", &target]).await;
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = pc.run(&["orders", "reject", &target]).await;
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("nothing to reject") || err.contains("only orders pending"),
        "{err}"
    );

    // A price change to the floor price, with its code: the order's amount follows.
    let other = asked[1].to_string();
    let pricing = common::client(&m, 0).order_pricing(&other).await.unwrap();
    let floor = pricing.floor_unit_price.to_string();
    let (code, _, err) = pc.run(&["orders", "adjust-price", &other, &floor]).await;
    assert_eq!(code, 6, "{err}");
    let the_code = common::last_code(&m).await;
    let (code, out, err) = pc
        .run(&[
            "orders",
            "adjust-price",
            &other,
            &floor,
            "--code",
            &the_code,
        ])
        .await;
    assert_eq!(code, 0, "{out}{err}");
    let order = pc.json(&["orders", "show", &other, "--json"]).await;
    let amount: rust_decimal::Decimal = order["amount_after_discount"].to_string().parse().unwrap();
    let units = rust_decimal::Decimal::from(pricing.quantity * pricing.periods);
    assert_eq!(amount, pricing.floor_unit_price * units);
}

#[tokio::test]
async fn every_list_has_a_stable_json_shape() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    // With codes off a write is one run: an allocation, so that there is a record.
    common::load::codes_off(&m, DEMO_PARTNERS[0].ak);
    let resellers = pc.json(&["resellers", "list", "--json"]).await;
    let reseller = resellers["resellers"][0]["indirect_partner_id"]
        .as_str()
        .unwrap()
        .to_string();
    let done = pc
        .json(&["resellers", "allocate", &reseller, "12.34", "--json"])
        .await;
    assert_eq!(done["outcome"], "applied", "{done}");
    assert_eq!(done["operation"], "reseller_allocate");
    for (args, key, field) in [
        (
            &["customers", "list", "--json"][..],
            "customers",
            "customer_id",
        ),
        (
            &["resellers", "list", "--json"][..],
            "resellers",
            "indirect_partner_id",
        ),
        (
            &["resellers", "records", "--json"][..],
            "records",
            "trans_id",
        ),
        (
            &["contracts", "list", "--json"][..],
            "contracts",
            "contract_id",
        ),
        (
            &["catalog", "services", "--json"][..],
            "service_types",
            "service_type_code",
        ),
    ] {
        let v = pc.json(args).await;
        assert!(v["total_count"].as_i64().unwrap() > 0, "{args:?}: {v}");
        let rows = v[key].as_array().unwrap_or_else(|| panic!("{args:?}: {v}"));
        assert!(
            !rows.is_empty() && rows.iter().all(|r| r[field].is_string()),
            "{args:?}"
        );
    }
    let referral = pc
        .json(&[
            "customers",
            "list",
            "--association",
            "referral",
            "--all",
            "--json",
        ])
        .await;
    assert!(
        referral["customers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["association_type"] == "1")
    );
    let customer = referral["customers"][0]["customer_id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = pc.json(&["customers", "show", &customer, "--json"]).await;
    assert_eq!(shown["customer"]["customer_id"], customer.as_str());

    let contracts = pc.json(&["contracts", "list", "--json"]).await;
    let contract = contracts["contracts"][0]["contract_id"]
        .as_str()
        .unwrap()
        .to_string();
    let detail = pc.json(&["contracts", "show", &contract, "--json"]).await;
    assert!(
        detail["payment_plans"]
            .as_array()
            .is_some_and(|p| !p.is_empty()),
        "{detail}"
    );
    let (code, bill, err) = pc.run(&["contracts", "bill", &contract]).await;
    assert_eq!(code, 0, "{err}");
    assert!(bill.lines().count() > 1 && bill.contains(','), "{bill}");

    let funds = pc.json(&["funds", "show", "--json"]).await;
    for key in ["balance", "allocatable", "credit", "account_balances"] {
        assert!(!funds[key].is_null(), "{key}: {funds}");
    }
    let units = pc.json(&["catalog", "units", "--json"]).await;
    assert!(
        units["measure_units"]
            .as_array()
            .is_some_and(|u| !u.is_empty())
    );
    let services = pc.json(&["catalog", "services", "--json"]).await;
    let service = services["service_types"][0]["service_type_code"]
        .as_str()
        .unwrap()
        .to_string();
    let resources = pc.json(&["catalog", "resources", &service, "--json"]).await;
    assert!(resources["infos"].is_array(), "{resources}");
    let usage = pc.json(&["catalog", "usage-types", "--json"]).await;
    assert!(usage["usage_types"].is_array(), "{usage}");

    // A price: official, discounts, amount.
    let (code, out, err) = pc
        .run(&["catalog", "price", "hws.service.type.ec2", "--json"])
        .await;
    assert_eq!(code, 0, "{err}");
    let price: Value = serde_json::from_str(&out).unwrap();
    let official: rust_decimal::Decimal = price["official_amount"].to_string().parse().unwrap();
    let amount: rust_decimal::Decimal = price["amount"].to_string().parse().unwrap();
    assert!(
        official > rust_decimal::Decimal::ZERO && amount <= official,
        "{price}"
    );
    let (code, _, err) = pc
        .run(&[
            "catalog",
            "price",
            "hws.service.type.ec2",
            "--region",
            "mars-1",
        ])
        .await;
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not offered in"), "{err}");
}

#[tokio::test]
async fn a_customer_with_a_phone_is_created_after_its_registration_code() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    // platform_id comes from a profile: a config file (owner-only).
    let config = pc.home.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "default_profile = \"p\"\n[profiles.p]\nendpoint = \"{}\"\nak = \"{}\"\nsk = \"{}\"\nplatform_id = \"{PLATFORM_ID}\"\n",
            m.endpoint(),
            DEMO_PARTNERS[0].ak,
            DEMO_PARTNERS[0].sk
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let config = config.to_string_lossy().into_owned();
    let create = [
        "customers",
        "create",
        "script_made_1",
        "--phone",
        "13912345678",
    ];
    let with_config = |extra: &[&str]| -> Vec<String> {
        create
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .chain(["--config".to_string(), config.clone()])
            .collect()
    };
    let args = with_config(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = pc.run(&args).await;
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("139****5678"), "{err}");
    let the_code = common::last_code(&m).await;
    let args = with_config(&["--code", &the_code, "--json"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = pc.run(&args).await;
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["operation"], "create_customer");
    let found = pc
        .json(&["customers", "list", "--name", "script_made_1", "--json"])
        .await;
    assert_eq!(found["total_count"], 1, "{found}");
    // The name is taken now: refused before anything is sent.
    let (code, _, err) = pc.run(&args).await;
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("already used"), "{err}");
    // The phone has room for another account: a second customer with it is not
    // refused, and --platform-id stands in for the profile's.
    let (code, _, err) = pc
        .run(&[
            "customers",
            "create",
            "script_made_2",
            "--phone",
            "13912345678",
            "--platform-id",
            PLATFORM_ID,
        ])
        .await;
    assert_eq!(code, 6, "{err}");
    assert!(!err.contains("already used"), "{err}");
}

#[tokio::test]
async fn completions_and_the_man_page_are_generated_on_request() {
    let m = common::start(Seed::Empty).await;
    let pc = Machine::new(&m);
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = pc.run(&["completions", shell]).await;
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("partner-console") && out.contains("orders"),
            "{shell}"
        );
    }
    let (code, out, _) = pc.run(&["man"]).await;
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH partner-console"),
        "{out}"
    );
    let dir = pc.home.join("man");
    let (code, _, err) = pc.run(&["man", "--out", &dir.to_string_lossy()]).await;
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("partner-console.1").exists());
    assert!(dir.join("partner-console-orders.1").exists());
}

/// The id of the first reseller the list shows.
async fn first_reseller(pc: &Machine) -> String {
    let resellers = pc.json(&["resellers", "list", "--json"]).await;
    resellers["resellers"][0]["indirect_partner_id"]
        .as_str()
        .unwrap_or_else(|| panic!("{resellers}"))
        .to_string()
}

/// Writes an intent into the profile's journal, as a run that lost its answer (or was
/// killed) would have left it, `age` ago.
fn leave_intent(
    pc: &Machine,
    request_id: &str,
    op: pc_core::ops::Operation,
    age: chrono::Duration,
) {
    append(
        pc,
        pc_core::journal::Entry::Intent {
            request_id: request_id.into(),
            at: (chrono::Utc::now() - age)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
            op,
        },
    );
}

/// Appends an entry to the profile's journal.
fn append(pc: &Machine, entry: pc_core::journal::Entry) {
    let journal = pc.files("journal.jsonl").pop().expect("a profile journal");
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str(&serde_json::to_string(&entry).unwrap());
    text.push('\n');
    std::fs::write(&journal, text).unwrap();
}

#[tokio::test]
async fn a_lost_answer_is_resolved_by_the_next_run_never_sent_twice() {
    use pc_api::partner_center::{TransferReq, TransferTarget};
    use pc_core::ops::Operation;
    let m = common::start(Seed::Demo).await;
    common::load::codes_off(&m, DEMO_PARTNERS[0].ak);
    let pc = Machine::new(&m);
    let reseller = first_reseller(&pc).await;
    let amount: rust_decimal::Decimal = "12.34".parse().unwrap();
    let op = Operation::Transfer {
        to: TransferTarget::ResellerAllocate,
        target_id: reseller.clone(),
        target_name: "r".into(),
        amount,
    };
    // A run sent the allocation and died before the answer: applied, journal open.
    let lost = common::rid();
    common::client(&m, 0)
        .transfer(
            TransferTarget::ResellerAllocate,
            &reseller,
            &TransferReq {
                amount,
                verification: None,
            },
            &lost,
        )
        .await
        .unwrap();
    leave_intent(&pc, &lost, op.clone(), chrono::Duration::minutes(10));
    let records = |v: &Value| v["total_count"].as_i64().unwrap();
    let before = pc
        .json(&["resellers", "records", "--reseller", &reseller, "--json"])
        .await;

    // A dry run only looks, and says so.
    let (code, out, _) = pc
        .run(&[
            "resellers",
            "allocate",
            &reseller,
            "12.34",
            "--dry-run",
            "--json",
        ])
        .await;
    assert_eq!(code, 4);
    assert!(out.contains("no known outcome"), "{out}");

    // The retry finds it applied and does not send it again.
    let (code, out, err) = pc
        .run(&["resellers", "allocate", &reseller, "12.34", "--json"])
        .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("already applied"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["request_id"], lost.as_str());
    assert_eq!(v["outcome"], "applied");
    let after = pc
        .json(&["resellers", "records", "--reseller", &reseller, "--json"])
        .await;
    assert_eq!(records(&after), records(&before), "not allocated twice");

    // With the journal settled, the same command is a new allocation.
    let (code, _, err) = pc.run(&["resellers", "allocate", &reseller, "12.34"]).await;
    assert_eq!(code, 0, "{err}");
    let again = pc
        .json(&["resellers", "records", "--reseller", &reseller, "--json"])
        .await;
    assert_eq!(records(&again), records(&before) + 1);

    // An intent seconds old may still be on its way from another console: left alone,
    // and the same operation waits for it (5), nothing sent.
    leave_intent(&pc, &common::rid(), op, chrono::Duration::seconds(5));
    let (code, _, err) = pc.run(&["resellers", "allocate", &reseller, "12.34"]).await;
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("no outcome yet"), "{err}");
    let last = pc
        .json(&["resellers", "records", "--reseller", &reseller, "--json"])
        .await;
    assert_eq!(records(&last), records(&again));
}

#[tokio::test]
async fn an_outcome_the_backend_could_not_tell_stops_the_same_command_until_checked() {
    use pc_api::partner_center::TransferTarget;
    use pc_core::ops::Operation;
    let m = common::start(Seed::Demo).await;
    common::load::codes_off(&m, DEMO_PARTNERS[0].ak);
    let pc = Machine::new(&m);
    let reseller = first_reseller(&pc).await;
    let records = || async {
        pc.json(&["resellers", "records", "--reseller", &reseller, "--json"])
            .await["total_count"]
            .as_i64()
            .unwrap()
    };
    // A run against Huawei's own BSS (no status query) lost its answer: the journal
    // closed it as not checkable.
    let doubtful = common::rid();
    leave_intent(
        &pc,
        &doubtful,
        Operation::Transfer {
            to: TransferTarget::ResellerAllocate,
            target_id: reseller.clone(),
            target_name: "r".into(),
            amount: "7.00".parse().unwrap(),
        },
        chrono::Duration::hours(2),
    );
    append(
        &pc,
        pc_core::journal::Entry::Done {
            request_id: doubtful.clone(),
            at: "2026-11-24T08:00:00Z".into(),
            outcome: format!(
                "{}: check the adjust records before repeating it",
                pc_core::exec::UNVERIFIABLE
            ),
        },
    );
    let before = records().await;
    let allocate = |extra: &[&str]| -> Vec<String> {
        ["resellers", "allocate", &reseller, "7.00"]
            .iter()
            .chain(extra)
            .map(|a| a.to_string())
            .collect()
    };

    // The same allocation stops (4: a person must look, a retry would not help), says
    // how to go on, and sends nothing; so does a wrong request id; a dry run names it
    // as a problem.
    let (code, _, err) = pc.run(&allocate(&[])).await;
    assert_eq!(code, 4, "{err}");
    assert!(err.contains(&format!("--checked {doubtful}")), "{err}");
    assert!(
        err.contains("resellers records"),
        "the script's wording: {err}"
    );
    let (code, _, err) = pc.run(&allocate(&["--checked", "another-request"])).await;
    assert_eq!(code, 4, "{err}");
    let (code, out, _) = pc.run(&allocate(&["--dry-run"])).await;
    assert_eq!(code, 4, "{out}");
    assert!(out.contains("may have been applied"), "{out}");
    assert_eq!(records().await, before, "nothing was sent");

    // Checked by hand: sent once; after that the same command is an ordinary one.
    let (code, _, err) = pc.run(&allocate(&["--checked", &doubtful])).await;
    assert_eq!(code, 0, "{err}");
    assert_eq!(records().await, before + 1);
    let (code, _, err) = pc.run(&allocate(&[])).await;
    assert_eq!(code, 0, "{err}");
    assert_eq!(records().await, before + 2);
}

#[tokio::test]
async fn script_output_speaks_the_locale_and_names_flags_not_keys() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let pending = pc
        .json(&["orders", "list", "--status", "pending", "--json"])
        .await;
    let order = pending["orders"][0]["order_id"]
        .as_str()
        .unwrap_or_else(|| panic!("{pending}"))
        .to_string();
    let pay = ["orders", "pay", order.as_str(), "--dry-run"];
    // The summary names the flag, not the console's key.
    let (_, out, _) = pc.run(&pay).await;
    assert!(out.contains("(--credit: use the credit line)"), "{out}");
    assert!(!out.contains("m: use"), "{out}");
    // Chinese when the environment says so; the same rule and flag.
    let (_, zh, _) = pc.run_in("zh_CN.UTF-8", &pay).await;
    assert!(zh.contains("试运行") && zh.contains("--credit"), "{zh}");
    assert!(!zh.contains("dry run"), "{zh}");
    // JSON is English whatever the locale.
    let (_, json, _) = pc
        .run_in(
            "zh_CN.UTF-8",
            &["orders", "pay", &order, "--dry-run", "--json"],
        )
        .await;
    let v: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let summary = v["summary"].to_string();
    assert!(summary.contains("Pay from"), "{summary}");
    assert!(!summary.contains("支付"), "{summary}");
}

#[tokio::test]
async fn instalments_are_paid_in_order() {
    let m = common::start(Seed::Demo).await;
    common::load::codes_off(&m, DEMO_PARTNERS[0].ak);
    let pc = Machine::new(&m);
    let contracts = pc.json(&["contracts", "list", "--all", "--json"]).await;
    let mut found = None;
    for c in contracts["contracts"].as_array().unwrap() {
        let id = c["contract_id"].as_str().unwrap().to_string();
        let detail = pc.json(&["contracts", "show", &id, "--json"]).await;
        let mut unpaid: Vec<(i64, String)> = detail["payment_plans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["status"] != "paid")
            .map(|p| {
                (
                    p["installment"].as_i64().unwrap(),
                    p["plan_id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        unpaid.sort();
        if unpaid.len() >= 2 {
            found = Some((id, unpaid));
            break;
        }
    }
    let (contract, unpaid) = found.expect("a demo contract with two unpaid instalments");

    // A later instalment before the next one: refused before anything is sent.
    let (code, out, err) = pc
        .run(&[
            "contracts",
            "pay-plan",
            &contract,
            "--plan",
            &unpaid[1].1,
            "--dry-run",
        ])
        .await;
    assert_eq!(code, 4, "{out}{err}");
    assert!(out.contains("is not the next one"), "{out}");

    // Without --plan: the next unpaid one.
    let done = pc
        .json(&["contracts", "pay-plan", &contract, "--json"])
        .await;
    assert_eq!(done["outcome"], "applied", "{done}");
    assert_eq!(done["operation"], "pay_plan");
    let detail = pc.json(&["contracts", "show", &contract, "--json"]).await;
    let next = detail["payment_plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["plan_id"] == unpaid[0].1.as_str())
        .unwrap();
    assert_eq!(next["status"], "paid", "{detail}");
}

/// A distributor gives a reseller a coupon quota and takes it back from scripts: a code
/// in two runs each, the quotas read back; a reseller that is not one's own, an amount
/// that is not one, or a quota not open is refused before anything is sent.
#[tokio::test]
async fn quotas_are_given_and_taken_back_from_scripts() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let reseller = first_reseller(&pc).await;
    let (code, _, err) = pc
        .run(&["resellers", "give-quota", &reseller, "12abc"])
        .await;
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = pc
        .run(&[
            "resellers",
            "give-quota",
            "0123456789abcdef0123456789abcdef",
            "300",
        ])
        .await;
    assert_eq!(code, 4, "{err}");
    let (code, out, err) = pc
        .run(&["resellers", "give-quota", &reseller, "300", "--dry-run"])
        .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("¥300.00"), "{out}");
    let (code, _, err) = pc.run(&["resellers", "give-quota", &reseller, "300"]).await;
    assert_eq!(code, 6, "a code first: {err}");
    let the_code = common::last_code(&m).await;
    let v = pc
        .json(&[
            "resellers",
            "give-quota",
            &reseller,
            "300",
            "--code",
            &the_code,
            "--json",
        ])
        .await;
    assert_eq!(v["outcome"], "applied", "{v}");
    assert_eq!(v["operation"], "quota_give");
    let quotas = pc
        .json(&["resellers", "quotas", "--reseller", &reseller, "--json"])
        .await;
    let given = quotas["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["quota_value"].as_f64() == Some(300.0) && q["quota_status"] == 0)
        .unwrap_or_else(|| panic!("{quotas}"))["quota_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        v["items"][0]["detail"].as_str().unwrap().contains(&given),
        "{v}"
    );
    let (code, _, err) = pc
        .run(&[
            "resellers",
            "take-quota",
            &reseller,
            "--quota",
            "QUOTA-NOT-THEIRS",
        ])
        .await;
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = pc
        .run(&["resellers", "take-quota", &reseller, "--quota", &given])
        .await;
    assert_eq!(code, 6, "{err}");
    let the_code = common::last_code(&m).await;
    let v = pc
        .json(&[
            "resellers",
            "take-quota",
            &reseller,
            "--quota",
            &given,
            "--code",
            &the_code,
            "--json",
        ])
        .await;
    assert_eq!(v["outcome"], "applied", "{v}");
    let quotas = pc
        .json(&["resellers", "quotas", "--reseller", &reseller, "--json"])
        .await;
    let closed = quotas["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["quota_id"] == given.as_str())
        .unwrap();
    assert_eq!(closed["quota_status"], 6, "{closed}");
}

/// Coupons issued and recalled from scripts, to a customer named by its account.
#[tokio::test]
async fn coupons_are_issued_and_recalled_from_scripts() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let customers = pc
        .json(&["customers", "list", "--association", "reseller", "--json"])
        .await;
    let account = customers["customers"][0]["account_name"]
        .as_str()
        .unwrap_or_else(|| panic!("{customers}"))
        .to_string();
    let (code, _, err) = pc.run(&["coupons", "issue", &account, "25"]).await;
    assert_eq!(code, 6, "{err}");
    let the_code = common::last_code(&m).await;
    let v = pc
        .json(&[
            "coupons", "issue", &account, "25", "--code", &the_code, "--json",
        ])
        .await;
    assert_eq!(v["outcome"], "applied", "{v}");
    let detail = v["items"][0]["detail"].as_str().unwrap();
    let coupon = detail.rsplit(' ').next().unwrap().to_string();
    assert!(coupon.starts_with("CP"), "{detail}");
    let (code, _, err) = pc.run(&["coupons", "recall", &coupon]).await;
    assert_eq!(code, 6, "{err}");
    let the_code = common::last_code(&m).await;
    let v = pc
        .json(&["coupons", "recall", &coupon, "--code", &the_code, "--json"])
        .await;
    assert_eq!(v["outcome"], "applied", "{v}");
    let list = pc
        .json(&["coupons", "list", "--status", "reclaimed", "--json"])
        .await;
    assert!(list.to_string().contains(&coupon), "{list}");
}

/// A distributor creates a customer for one of its resellers: it is among the
/// reseller's customers, not the distributor's; another's reseller is refused.
#[tokio::test]
async fn a_customer_is_created_for_a_reseller_from_scripts() {
    let m = common::start(Seed::Demo).await;
    let pc = Machine::new(&m);
    let reseller = first_reseller(&pc).await;
    let create = |reseller: &str| {
        vec![
            "customers".to_string(),
            "create".into(),
            "for_reseller_co".into(),
            "--email".into(),
            "ops@for-reseller.example".into(),
            "--platform-id".into(),
            PLATFORM_ID.into(),
            "--reseller".into(),
            reseller.into(),
            "--json".into(),
        ]
    };
    let (code, _, err) = pc.run(&create("0123456789abcdef0123456789abcdef")).await;
    assert_eq!(code, 4, "not one's reseller: {err}");
    let (code, out, err) = pc.run(&create(&reseller)).await;
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["outcome"], "applied", "{v}");
    let theirs = pc
        .json(&[
            "customers",
            "list",
            "--name",
            "for_reseller_co",
            "--reseller",
            &reseller,
            "--json",
        ])
        .await;
    assert_eq!(theirs["total_count"], 1, "{theirs}");
    let own = pc
        .json(&["customers", "list", "--name", "for_reseller_co", "--json"])
        .await;
    assert_eq!(own["total_count"], 0, "{own}");
}
