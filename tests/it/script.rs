//! Script commands of the real binary against the in-process mock: the JSON shape, the
//! table, paging with `--all`, and an exit code for each kind of failure.

use crate::common;

use pc_mock::seed::{DEMO_PARTNERS, Seed};

/// Runs the binary with `--endpoint` and the AK/SK in the environment, no config file.
async fn run(endpoint: &str, sk: &str, args: &[&str]) -> (i32, String, String) {
    run_in("C.UTF-8", endpoint, sk, args).await
}

/// `run` under the locale `lang`.
async fn run_in(lang: &str, endpoint: &str, sk: &str, args: &[&str]) -> (i32, String, String) {
    let home = std::env::temp_dir().join(format!("pc-script-{}", uuid::Uuid::new_v4().simple()));
    let mut cmd = common::binary(&home, sk, lang);
    cmd.args(args);
    let out = common::output(cmd, endpoint).await;
    std::fs::remove_dir_all(home).ok();
    out
}

#[tokio::test]
async fn orders_list_prints_stable_json_a_table_and_pages_with_all() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["orders", "list", "--limit", "2", "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let total = v["total_count"].as_i64().unwrap();
    assert!(total > 2, "{v}");
    let orders = v["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2);
    for o in orders {
        assert!(o["order_id"].is_string() && o["customer_id"].is_string());
        assert!(
            o["status"].is_i64() && o["amount_after_discount"].is_number(),
            "{o}"
        );
    }

    // --all walks every page of a filter; the same orders the client sees.
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &[
            "orders", "list", "--status", "pending", "--limit", "7", "--all", "--json",
        ],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let orders = v["orders"].as_array().unwrap();
    assert_eq!(orders.len() as i64, v["total_count"].as_i64().unwrap());
    assert!(orders.len() > 7, "more than one page: {}", orders.len());
    assert!(orders.iter().all(|o| o["status"] == 6));
    let mut ids: Vec<&str> = orders
        .iter()
        .map(|o| o["order_id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), orders.len(), "no order twice across pages");

    // For people: a header, the rows, and a count.
    let (code, out, _) = run(&m.endpoint(), sk, &["orders", "list", "--limit", "3"]).await;
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("ORDER") && lines[0].contains("STATUS"),
        "{out}"
    );
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[4].starts_with("3 of "), "{out}");

    let (code, out, _) = run(
        &m.endpoint(),
        sk,
        &["orders", "show", "CS-DEMO-OK-1", "--json"],
    )
    .await;
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["order_id"], "CS-DEMO-OK-1");
}

#[tokio::test]
async fn each_kind_of_failure_has_its_exit_code_and_a_message() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    // Bad arguments: 2, nothing sent.
    let (code, out, err) = run(&m.endpoint(), sk, &["orders", "list", "--status", "paidd"]).await;
    assert_eq!(code, 2, "{err}");
    assert!(
        out.is_empty() && err.contains("Unknown status \"paidd\""),
        "{err}"
    );
    let (code, _, _) = run(&m.endpoint(), sk, &["orders", "list", "--limit", "1000"]).await;
    assert_eq!(code, 2);
    // Wrong credentials: 3, with the hint.
    let (code, out, err) = run(&m.endpoint(), "not-the-sk", &["orders", "list", "--json"]).await;
    assert_eq!(code, 3, "{err}");
    assert!(
        out.is_empty() && err.contains("check the AK/SK and the clock"),
        "{err}"
    );
    // The backend refuses: 4.
    let (code, _, err) = run(&m.endpoint(), sk, &["orders", "show", "CS-NO-SUCH"]).await;
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("no order CS-NO-SUCH"), "{err}");
    // Nobody listening: 5.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let (code, _, err) = run(&addr, sk, &["orders", "list"]).await;
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("cannot reach the backend"), "{err}");
    // No endpoint at all: 2.
    let (code, _, err) = run("", sk, &["orders", "list"]).await;
    assert_eq!(code, 2, "{err}");
}

#[tokio::test]
async fn tables_for_people_speak_the_users_language() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let endpoint = m.endpoint();
    let zh = |args: &'static [&'static str]| run_in("zh_CN.UTF-8", &endpoint, sk, args);

    let (code, out, err) = zh(&["orders", "list", "--limit", "2"]).await;
    assert_eq!(code, 0, "{err}");
    let head = out.lines().next().unwrap();
    assert!(head.starts_with("订单号") && head.contains("状态"), "{out}");
    assert!(out.contains("订单：显示 2 条"), "{out}");
    assert!(
        !out.contains("ORDER_ID"),
        "no English heading is left: {out}"
    );

    let (code, out, err) = zh(&["funds", "show"]).await;
    assert_eq!(code, 0, "{err}");
    let head = out.lines().next().unwrap();
    assert!(
        head.contains("余额") && head.contains("可拨款余额") && head.contains("信用额度"),
        "{out}"
    );
    assert!(!out.contains("BALANCE"), "{out}");

    let (code, out, err) = zh(&["catalog", "units"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().next().unwrap().starts_with("单位 ID"), "{out}");

    // --json keeps its English field names.
    let (code, out, _) = zh(&["funds", "show", "--json"]).await;
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["allocatable"].is_number(), "{v}");
}

#[tokio::test]
async fn command_line_mistakes_are_told_in_the_users_language() {
    // Nothing is sent: clap stops the run before any backend is needed.
    let (code, out, err) = run_in("zh_CN.UTF-8", "", "sk", &["orders", "lst"]).await;
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("错误：无法识别的子命令 'lst'") && err.contains("'list'"),
        "{err}"
    );
    let (code, _, err) = run_in("C.UTF-8", "", "sk", &["orders", "lst"]).await;
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unrecognized subcommand 'lst'"),
        "{err}"
    );
}

/// A home set up for the Huawei SDKs alone: `~/.huaweicloud/credentials` (owner-only)
/// with `[global]`'s AK and SK, nothing in the environment, no config file.
fn sdk_home(ak: &str, sk: &str, extra: &str) -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("pc-sdk-{}", uuid::Uuid::new_v4().simple()));
    let dir = home.join(".huaweicloud");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("credentials");
    std::fs::write(&file, format!("[global]\nak = {ak}\nsk = {sk}\n{extra}")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    home
}

/// The binary in `home` with no AK/SK in the environment.
fn sdk_binary(home: &std::path::Path) -> tokio::process::Command {
    let mut cmd = common::binary(home, "", "C.UTF-8");
    cmd.env_remove("HUAWEICLOUD_SDK_AK")
        .env_remove("HUAWEICLOUD_SDK_SK");
    cmd
}

#[tokio::test]
async fn a_partner_set_up_for_the_sdk_needs_nothing_else() {
    let m = common::start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[1];
    let home = sdk_home(p.ak, p.sk, "");
    // The account id is asked of the backend's IAM, then kept for the next run.
    let mut cmd = sdk_binary(&home);
    cmd.args(["funds", "show", "--json"]);
    let (code, out, err) = common::output(cmd, &m.endpoint()).await;
    assert_eq!(code, 0, "{out}\n{err}");
    let cache = std::fs::read_to_string(home.join("data/partner-console/domains.json")).unwrap();
    assert!(cache.contains(&p.domain_id()), "{cache}");
    // doctor says where each value came from, never the SK.
    let mut cmd = sdk_binary(&home);
    cmd.arg("doctor");
    let (_, out, _) = common::output(cmd, &m.endpoint()).await;
    let account = out
        .lines()
        .find(|l| l.contains("account (domain) id"))
        .unwrap_or_else(|| panic!("no account line:\n{out}"));
    assert!(account.starts_with("[ ok ]"), "{out}");
    assert!(account.contains(&p.domain_id()), "{account}");
    assert!(account.contains("from IAM earlier"), "{account}");
    assert!(account.contains("the credentials file"), "{account}");
    assert!(!out.contains(p.sk), "{out}");
    // An account id in the file is used as it is: another account's is refused.
    let wrong = sdk_home(
        p.ak,
        p.sk,
        &format!("domain_id = {}\n", DEMO_PARTNERS[0].domain_id()),
    );
    let mut cmd = sdk_binary(&wrong);
    cmd.args(["funds", "show"]);
    let (code, _, err) = common::output(cmd, &m.endpoint()).await;
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("X-Domain-Id"), "{err}");
    assert!(
        err.contains("domain_id") && err.contains("domains.json"),
        "says where the account id came from: {err}"
    );
    std::fs::remove_dir_all(home).ok();
    std::fs::remove_dir_all(wrong).ok();
}

#[tokio::test]
async fn expired_temporary_credentials_exit_3_and_say_what_to_do() {
    let m = common::start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    let fresh = m
        .state
        .issue_temporary(p.ak, chrono::TimeDelta::minutes(15))
        .unwrap();
    let gone = m
        .state
        .issue_temporary(p.ak, chrono::TimeDelta::zero())
        .unwrap();
    for (issued, expect) in [(&fresh, 0), (&gone, 3)] {
        let home = std::env::temp_dir().join(format!("pc-sts-{}", uuid::Uuid::new_v4().simple()));
        let mut cmd = common::binary(&home, &issued.secret, "C.UTF-8");
        cmd.env("HUAWEICLOUD_SDK_AK", &issued.access)
            .env("HUAWEICLOUD_SDK_SECURITY_TOKEN", &issued.token.value)
            .env("HUAWEICLOUD_SDK_DOMAIN_ID", p.domain_id())
            .args(["funds", "show"]);
        let (code, out, err) = common::output(cmd, &m.endpoint()).await;
        assert_eq!(code, expect, "{out}\n{err}");
        if expect == 3 {
            assert!(err.contains("temporary credentials have expired"), "{err}");
            assert!(!err.contains(&issued.token.value), "{err}");
        }
        std::fs::remove_dir_all(home).ok();
    }
}

#[tokio::test]
async fn on_the_international_site_what_its_api_lacks_is_refused_before_sending() {
    let m = common::start_config(pc_mock::MockConfig {
        site: pc_api::site::Site::Intl,
        ..common::config(Seed::Demo)
    })
    .await;
    let home = std::env::temp_dir().join(format!("pc-intl-{}", uuid::Uuid::new_v4().simple()));
    let config = home.join("config").join("partner-console");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[profiles.intl]\nsite = \"intl\"\n",
    )
    .unwrap();
    let endpoint = m.endpoint();
    let run = |args: &'static [&'static str]| {
        let mut cmd = common::binary(&home, DEMO_PARTNERS[0].sk, "C.UTF-8");
        cmd.args(args);
        common::output(cmd, &endpoint)
    };
    for args in [&["funds", "show"][..], &["resellers", "records"]] {
        let (code, out, err) = run(args).await;
        assert_eq!(code, 4, "{args:?}: {out}\n{err}");
        assert!(err.contains("international site"), "{args:?}: {err}");
    }
    // What it has works as on the Chinese site.
    let (code, out, err) = run(&["orders", "list", "--limit", "2"]).await;
    assert_eq!(code, 0, "{out}\n{err}");
    // A new customer: by e-mail, with their country.
    let platform = pc_mock::seed::PLATFORM_ID;
    for (args, why) in [
        (
            &["customers", "create", "intl_new", "--email", "a@b.example"][..],
            "--domain-area",
        ),
        (
            &[
                "customers",
                "create",
                "intl_new",
                "--phone",
                "13800138000",
                "--domain-area",
                "MX",
            ],
            "--email",
        ),
    ] {
        let mut args = args.to_vec();
        args.extend(["--platform-id", platform]);
        let mut cmd = common::binary(&home, DEMO_PARTNERS[0].sk, "C.UTF-8");
        cmd.args(&args);
        let (code, _, err) = common::output(cmd, &endpoint).await;
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(why), "{args:?}: {err}");
    }
    let create = vec![
        "customers",
        "create",
        "intl_new",
        "--email",
        "ops@intl-new.example",
        "--domain-area",
        "mx",
        "--platform-id",
        platform,
    ];
    let mut cmd = common::binary(&home, DEMO_PARTNERS[0].sk, "C.UTF-8");
    cmd.args(&create);
    let (code, _, err) = common::output(cmd, &endpoint).await;
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("op***@intl-new.example"), "{err}");
    let sent = common::outbox(&m).await.pop().unwrap();
    assert_eq!(sent.channel, "email");
    let code_sent = common::last_code(&m).await;
    let mut with_code = create.clone();
    with_code.extend(["--code", code_sent.as_str()]);
    let mut cmd = common::binary(&home, DEMO_PARTNERS[0].sk, "C.UTF-8");
    cmd.args(&with_code);
    let (code, out, err) = common::output(cmd, &endpoint).await;
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("intl_new"), "{out}");
    std::fs::remove_dir_all(home).ok();
}

/// `resources list` gathers every customer's resources, soonest first, as JSON or a
/// table in words; one customer by name; a bad status is a usage error.
#[tokio::test]
async fn resources_list_gathers_soonest_first_and_refuses_bad_input() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["resources", "list", "--expiring-within", "90", "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v["resources"].as_array().unwrap();
    assert_eq!(rows.len() as i64, v["total_count"].as_i64().unwrap());
    assert!(rows.len() > 20, "{}", rows.len());
    let times: Vec<&str> = rows
        .iter()
        .map(|r| r["expire_time"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "soonest first");
    assert!(
        rows.iter()
            .all(|r| r["customer_name"].is_string() && r["resource_id"].is_string())
    );
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &[
            "resources",
            "list",
            "--customer",
            "acme_robotics",
            "--expiring-within",
            "365",
            "--status",
            "in-use",
        ],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("in use") && !out.contains("frozen"), "{out}");
    let (code, _, err) = run(
        &m.endpoint(),
        sk,
        &["resources", "list", "--status", "sleeping"],
    )
    .await;
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("sleeping"), "{err}");
    let (code, _, err) = run(
        &m.endpoint(),
        sk,
        &["resources", "list", "--expiring-within", "0"],
    )
    .await;
    assert_eq!(code, 2, "{err}");
}

/// `funds records`: the account's change records as JSON, newest first, filtered by
/// type and days; words in the table; a bad type or a span over a year is refused.
#[tokio::test]
async fn funds_records_lists_the_accounts_changes() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(&m.endpoint(), sk, &["funds", "records", "--all", "--json"]).await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v["records"].as_array().unwrap();
    assert_eq!(rows.len() as i64, v["total_count"].as_i64().unwrap());
    assert!(rows.len() > 30, "{}", rows.len());
    assert_eq!(rows[0]["balance_after_change"], "500000.00");
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["funds", "records", "--type", "recharge", "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["trade_detail_type"] == "SOURCE_OPERAIION_RECHARGE")
    );
    let (code, out, err) = run(&m.endpoint(), sk, &["funds", "records", "--limit", "5"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("recharge") && out.contains("in"), "{out}");
    let (code, _, err) = run(&m.endpoint(), sk, &["funds", "records", "--type", "gift"]).await;
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(
        &m.endpoint(),
        sk,
        &[
            "funds",
            "records",
            "--from",
            "2024-01-01",
            "--to",
            "2025-06-01",
        ],
    )
    .await;
    assert_eq!(code, 2, "a span over a year is told before sending: {err}");
    assert!(err.contains("a year"), "{err}");
}

/// `customers spending` lists who consumed last month with what each spent; `customers
/// bill` gives one customer's month, whose total is the same; a bad month is refused.
#[tokio::test]
async fn customers_spending_and_bill_agree() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let month = common::last_month();
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &[
            "customers",
            "spending",
            "--month",
            &month,
            "--all",
            "--json",
        ],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let customers = v["customers"].as_array().unwrap();
    assert_eq!(customers.len() as i64, v["total_count"].as_i64().unwrap());
    assert!(customers.len() >= 40);
    let first = &customers[0];
    let id = first["customer_id"].as_str().unwrap();
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["customers", "bill", id, "--month", &month, "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let bill: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(bill["total"], first["total"]);
    let lines = bill["lines"].as_array().unwrap();
    assert_eq!(lines.len() as i64, bill["line_count"].as_i64().unwrap());
    let by: f64 = bill["by_service"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["amount"].as_f64().unwrap())
        .sum();
    assert!((by - bill["total"].as_f64().unwrap()).abs() < 0.005);
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["customers", "bill", "acme_robotics", "--month", &month],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("TOTAL") || out.contains("total"), "{out}");
    for bad in ["2026-13", "last"] {
        let (code, _, err) = run(
            &m.endpoint(),
            sk,
            &["customers", "spending", "--month", bad],
        )
        .await;
        assert_eq!(code, 2, "{bad}: {err}");
    }
}

/// `--reseller` lists a reseller's customers and their orders; an id that is not one
/// of the distributor's resellers is the backend's refusal (exit 4).
#[tokio::test]
async fn lists_of_a_resellers_customers_and_orders() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let reseller = common::first_reseller(&common::client(&m, 0)).await;
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["customers", "list", "--reseller", &reseller, "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let theirs: Vec<&str> = v["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["customer_id"].as_str().unwrap())
        .collect();
    assert!(!theirs.is_empty());
    let own = common::customers(&common::client(&m, 0), None).await;
    assert!(
        theirs
            .iter()
            .all(|id| !own.iter().any(|c| c.customer_id == *id)),
        "none of them the distributor's own"
    );
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["orders", "list", "--reseller", &reseller, "--all", "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let orders = v["orders"].as_array().unwrap();
    assert!(!orders.is_empty());
    assert!(
        orders
            .iter()
            .all(|o| theirs.contains(&o["customer_id"].as_str().unwrap()))
    );
    let (code, _, err) = run(
        &m.endpoint(),
        sk,
        &[
            "customers",
            "list",
            "--reseller",
            "0123456789abcdef0123456789abcdef",
        ],
    )
    .await;
    assert_eq!(code, 4, "{err}");
}

/// `coupons list`: the coupons issued, by status, with words in the table.
#[tokio::test]
async fn coupons_list_by_status() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(&m.endpoint(), sk, &["coupons", "list", "--json"]).await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let all = v["coupons"].as_array().unwrap();
    assert!(all.len() >= 4, "{v}");
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["coupons", "list", "--status", "usable", "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let usable = v["coupons"].as_array().unwrap();
    assert!(!usable.is_empty() && usable.len() < all.len());
    assert!(usable.iter().all(|c| c["status"] == 2));
    let (code, out, _) = run(&m.endpoint(), sk, &["coupons", "list"]).await;
    assert_eq!(code, 0);
    assert!(out.contains("usable") && out.contains("reclaimed"), "{out}");
    let (code, _, err) = run(&m.endpoint(), sk, &["coupons", "list", "--status", "lost"]).await;
    assert_eq!(code, 2, "{err}");
}

/// `resellers quotas`: what the distributor gave each reseller, and from which quota.
#[tokio::test]
async fn resellers_quotas_say_what_each_was_given() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(&m.endpoint(), sk, &["resellers", "quotas", "--json"]).await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let quotas = v["quotas"].as_array().unwrap();
    assert!(quotas.len() >= 3, "{v}");
    assert!(
        quotas
            .iter()
            .all(|q| q["parent_quota_id"].as_str().is_some_and(|p| !p.is_empty()))
    );
    let (code, out, err) = run(&m.endpoint(), sk, &["resellers", "quotas"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("PARENT_QUOTA_ID"), "{out}");
    // Not one of the distributor's resellers: refused by the backend.
    let (code, _, err) = run(
        &m.endpoint(),
        sk,
        &[
            "resellers",
            "quotas",
            "--reseller",
            "0123456789abcdef0123456789abcdef",
        ],
    )
    .await;
    assert_eq!(code, 4, "{err}");
}

/// `resources list --on-demand --customer`: the customer's pay-per-use resources; the
/// flag needs a customer.
#[tokio::test]
async fn on_demand_resources_of_a_customer_for_scripts() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &[
            "resources",
            "list",
            "--on-demand",
            "--customer",
            "acme_robotics",
            "--json",
        ],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!v["resources"].as_array().unwrap().is_empty(), "{v}");
    let (code, _, err) = run(&m.endpoint(), sk, &["resources", "list", "--on-demand"]).await;
    assert_eq!(code, 2, "{err}");
}

/// `coupons records`: what was done with coupons, filtered by type (repeatable).
#[tokio::test]
async fn coupons_records_by_type() {
    let m = common::start(Seed::Demo).await;
    let sk = DEMO_PARTNERS[0].sk;
    let (code, out, err) = run(
        &m.endpoint(),
        sk,
        &["coupons", "records", "--type", "2", "--type", "4", "--json"],
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let records = v["records"].as_array().unwrap();
    assert!(!records.is_empty(), "{v}");
    assert!(
        records
            .iter()
            .all(|r| r["operation_type"] == "2" || r["operation_type"] == "4")
    );
    let (code, _, err) = run(&m.endpoint(), sk, &["coupons", "records", "--type", "12"]).await;
    assert_eq!(code, 4, "the backend refuses type 12: {err}");
}
