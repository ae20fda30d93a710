//! Seed data: the demo partners (fixed AK/SK), their resellers, customers, orders
//! (every status and type, plus the `CS-DEMO-*` cases), coupon quotas; and `large:N`,
//! which generates N orders quickly for scale tests. Deterministic except for times,
//! which are relative to the moment of seeding.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::catalog::{Catalog, Product};
use super::domain::orders::{
    NewOrder, ORDER_TYPES, STATUS_PENDING_PAYMENT, STATUSES, insert_orders,
};
use super::domain::{CURRENCY, fmt_time, hex_id};
use super::error::ApiError;
use pc_api::money::{from_fen, to_fen};
use pc_api::{Discount, OrderLineItem};

pub const PLATFORM_ID: &str = "partner_console_demo";

/// How to fill a new store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    Demo,
    Empty,
    Large(u64),
}

/// A `--seed` that is none of `demo`, `empty`, `large:N` (N from 1 to 50,000,000).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a seed: demo, empty or large:N (N from 1 to 50000000)")]
pub struct BadSeed(pub String);

impl std::str::FromStr for Seed {
    type Err = BadSeed;
    fn from_str(s: &str) -> Result<Self, BadSeed> {
        match s {
            "demo" => Ok(Seed::Demo),
            "empty" => Ok(Seed::Empty),
            _ => s
                .strip_prefix("large:")
                .and_then(|n| n.replace('_', "").parse::<u64>().ok())
                .filter(|n| (1..=50_000_000).contains(n))
                .map(Seed::Large)
                .ok_or_else(|| BadSeed(s.to_string())),
        }
    }
}

/// A demo partner with its fixed credentials (docs/design.md §2).
#[derive(Debug, Clone, Copy)]
pub struct DemoPartner {
    pub role: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    pub account_name: &'static str,
    pub ak: &'static str,
    pub sk: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub balance: i64,
    pub allocatable: i64,
    pub credit: i64,
    /// The Huawei entity it contracted with.
    pub contracting_entity: &'static str,
}

impl DemoPartner {
    /// Its account (domain) id: what IAM names for its AK, and its partner id.
    pub fn domain_id(&self) -> String {
        partner_id(self.account_name)
    }
}

pub use crate::domain::recharge::CLOUD_ENTITIES;

pub const DEMO_PARTNERS: [DemoPartner; 3] = [
    DemoPartner {
        role: "distributor",
        kind: "distributor",
        name: "华信云科技有限公司",
        account_name: "huaxin_cloud",
        ak: "DEMODISTRIBUTORAK001",
        sk: "demo-distributor-sk-0000000000000000000001",
        phone: "13800000001",
        email: "ops@huaxin-cloud.example",
        balance: 50_000_000,
        allocatable: 30_000_000,
        credit: 10_000_000,
        contracting_entity: "华为云计算技术有限公司",
    },
    DemoPartner {
        role: "solution-provider",
        kind: "solution_provider",
        name: "Brightpath Solutions Ltd",
        account_name: "brightpath",
        ak: "DEMOSOLUTIONSAK00001",
        sk: "demo-solutions-sk-00000000000000000000001",
        phone: "13900000002",
        email: "finance@brightpath.example",
        balance: 12_000_000,
        allocatable: 8_000_000,
        credit: 0,
        contracting_entity: "Huawei Technologies (Malaysia) Sdn. Bhd.",
    },
    DemoPartner {
        role: "government",
        kind: "government",
        name: "海城数字政务服务中心",
        account_name: "haicheng_gov",
        ak: "DEMOGOVERNMENTAK0001",
        sk: "demo-government-sk-0000000000000000000001",
        phone: "13700000003",
        email: "cloud@haicheng.gov.example",
        balance: 20_000_000,
        allocatable: 15_000_000,
        credit: 0,
        contracting_entity: "华为云计算技术有限公司",
    },
];

pub fn partner_id(account_name: &str) -> String {
    hex_id(&format!("partner|{account_name}"))
}

const RESELLERS: [(&str, &str, i64); 5] = [
    ("云途信息技术有限公司", "yuntu_it", 2_000_000),
    ("星海数据科技有限公司", "xinghai_data", 850_050),
    ("Northwind Cloud Services", "northwind_cloud", 1_200_000),
    ("蓝桥网络有限公司", "lanqiao_net", 300_000),
    ("Summit IT Partners", "summit_it", 0),
];

const CUSTOMER_NAMES: [(&str, &str); 44] = [
    ("杭州极光网络科技有限公司", "jiguang_net"),
    ("Acme Robotics Ltd", "acme_robotics"),
    ("上海青禾教育科技", "qinghe_edu"),
    ("Blue Harbor Logistics", "blueharbor"),
    ("深圳市云帆电子商务有限公司", "yunfan_ecom"),
    ("Northstar Analytics", "northstar_ai"),
    ("北京智远医疗信息", "zhiyuan_med"),
    ("Lumen Games Studio", "lumen_games"),
    ("成都天府数字文旅", "tianfu_travel"),
    ("Orchid Fintech Pte", "orchid_fintech"),
    ("武汉光谷智造", "guanggu_mfg"),
    ("Pinecone Media", "pinecone_media"),
    ("南京紫金软件园服务中心", "zijin_soft"),
    ("Riverbend Foods", "riverbend_foods"),
    ("广州岭南物流集团", "lingnan_logi"),
    ("Silverline Insurance", "silverline_ins"),
    ("苏州工业园区数据中心", "sip_datacenter"),
    ("Tundra Outdoor Gear", "tundra_gear"),
    ("西安古城文创", "gucheng_art"),
    ("Umbra Security Labs", "umbra_sec"),
    ("重庆山城出行", "shancheng_go"),
    ("Vertex Biotech", "vertex_bio"),
    ("厦门鹭岛海洋科技", "ludao_ocean"),
    ("Willow Health Clinics", "willow_health"),
    ("青岛啤酒城智慧零售", "pijiu_retail"),
    ("Xenon Energy Systems", "xenon_energy"),
    ("长沙岳麓教育集团", "yuelu_edu"),
    ("Yellowtail Sushi Chain", "yellowtail"),
    ("郑州中原农业科技", "zhongyuan_agri"),
    ("Zephyr Airlines Ops", "zephyr_air"),
    ("合肥量子信息创新中心", "hefei_quantum"),
    ("Aurora Fashion Group", "aurora_fashion"),
    ("天津港智慧物流", "tjport_logi"),
    ("Beacon Legal Services", "beacon_legal"),
    ("昆明春城花卉电商", "chuncheng_flower"),
    ("Cobalt Mining Tech", "cobalt_mining"),
    ("哈尔滨冰雪旅游", "bingxue_travel"),
    ("Delta Dental Network", "delta_dental"),
    ("福州闽江水务", "minjiang_water"),
    ("Ember Coffee Roasters", "ember_coffee"),
    ("宁波港航数字科技", "ningbo_port"),
    ("Fjord Maritime AS", "fjord_maritime"),
    ("李明", "liming_personal"),
    ("Sarah O'Connor", "sarah_oconnor"),
];

fn insert_partner(
    conn: &Connection,
    p: &DemoPartner,
    now: DateTime<Utc>,
) -> rusqlite::Result<String> {
    let id = partner_id(p.account_name);
    conn.execute(
        "INSERT INTO partners (id, kind, name, account_name, ak, sk, platform_id, phone, email, associated_on, balance, allocatable, credit, contracting_entity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![id, p.kind, p.name, p.account_name, p.ak, p.sk, PLATFORM_ID, p.phone, p.email,
            fmt_time(now - TimeDelta::days(900)), p.balance, p.allocatable, p.credit, p.contracting_entity],
    )?;
    Ok(id)
}

fn insert_resellers(
    conn: &Connection,
    distributor: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<String>> {
    let mut ids = Vec::new();
    for (i, (name, account, balance)) in RESELLERS.iter().enumerate() {
        let id = partner_id(account);
        conn.execute(
            "INSERT INTO partners (id, kind, parent_id, name, account_name, platform_id, phone, email, associated_on,
                 account_manager_id, account_manager_name, balance, allocatable)
             VALUES (?1, 'reseller', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![id, distributor, name, account, PLATFORM_ID, format!("1360000{:04}", i + 10),
                format!("{account}@reseller.example"), fmt_time(now - TimeDelta::days(400 - 37 * i as i64)),
                format!("am{:03}", i + 1), ["王芳", "Li Wei", "陈静", "Tom Becker", "赵磊"][i], balance],
        )?;
        ids.push(id);
    }
    Ok(ids)
}

/// Why the seeded rejected real-name submissions were rejected.
pub const REJECTED_OPINIONS: [&str; 3] = [
    "The ID photo is blurred: upload a clearer one.",
    "The name does not match the document.",
    "The licence has expired: upload the current one.",
];

/// One customer of a partner; `i` drives every varying field so that each association
/// type, phone presence and real-name status occurs.
fn insert_customer(
    conn: &Connection,
    partner: &str,
    i: usize,
    real: &str,
    account: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<String> {
    let id = hex_id(&format!("customer|{account}"));
    let association = if i.is_multiple_of(3) { "1" } else { "2" };
    let phone =
        (i % 4 != 3).then(|| format!("1{}{:09}", 3 + i % 7, 100_000_000 + i * 7919 % 900_000_000));
    let email = (i % 5 != 4).then(|| format!("{account}@example.com"));
    let verified = ["-1", "0", "1", "2"][i % 4];
    let customer_type = [-1, 0, 1][i % 3];
    let balance = if association == "2" {
        ((i * 3_7771) % 5_000_000) as i64
    } else {
        0
    };
    conn.execute(
        "INSERT INTO customers (id, partner_id, account_name, real_name, associated_on, association_type, label,
             telephone, country_code, email, verified_status, customer_type, is_frozen, account_manager,
             xaccount_id, xaccount_type, customer_level, balance, review_opinion)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![id, partner, account, real, fmt_time(now - TimeDelta::hours(7 * 24 * (i as i64 + 1) + 5 * i as i64)),
            association, ["key", "smb", "gov", "edu", ""][i % 5], phone, phone.as_ref().map(|_| "0086"), email,
            verified, customer_type, if i % 17 == 16 { 1 } else { 0 }, ["王芳", "Li Wei", "陈静"][i % 3],
            format!("x-{account}"), PLATFORM_ID, format!("V{}", i % 6), balance,
            (verified == "1").then_some(REJECTED_OPINIONS[i % REJECTED_OPINIONS.len()])],
    )?;
    Ok(id)
}

/// Builds an order for a product; `i` varies status, type and period.
#[allow(clippy::too_many_arguments)]
fn make_order(
    id: String,
    partner: &str,
    customer: &str,
    p: &Product,
    catalog: &Catalog,
    status: i32,
    order_type: i32,
    i: usize,
    created: DateTime<Utc>,
) -> NewOrder {
    let period_num = (i % 12 + 1) as i32;
    let qty = (i % 3 + 1) as i32;
    let unit = p
        .monthly
        .or(p.hourly.map(|h| h * rust_decimal::Decimal::from(720)))
        .unwrap_or_default();
    let size = if p.linear { 40 } else { 1 };
    let official = to_fen(unit * rust_decimal::Decimal::from(period_num * qty * size))
        .unwrap_or(0)
        .max(1);
    let discount = official * 5 / 100;
    let after = official - discount;
    let paid = matches!(status, 3 | 5 | 10 | 11 | 12 | 13);
    let created_s = fmt_time(created);
    let pending = status == STATUS_PENDING_PAYMENT;
    // A pending order is paid for within a week, and its service starts by then at the
    // latest; a placed one started when it was placed.
    let deadline = pending.then(|| fmt_time(created + TimeDelta::days(7)));
    let line = OrderLineItem {
        order_line_item_id: format!("{id}-1"),
        order_id: id.clone(),
        service_type_code: p.cloud_service_type.clone(),
        service_type_name: catalog.service_name(&p.cloud_service_type),
        product_id: p.product_id.clone(),
        product_spec_desc: p.spec_desc.clone(),
        period_type: 2,
        period_num: (order_type != 4).then_some(period_num),
        effective_time: Some(deadline.clone().unwrap_or_else(|| created_s.clone())),
        expire_time: Some(fmt_time(created + TimeDelta::days(30 * period_num as i64))),
        subscription_num: qty,
        amount_after_discount: from_fen(after),
        official_amount: from_fen(official),
        amount_info: None,
        currency: CURRENCY.into(),
        category_code: Some(p.resource_type.clone()),
        product_owner_service: Some(p.cloud_service_type.clone()),
        commercial_resource: Some(p.resource_type.clone()),
    };
    NewOrder {
        id,
        partner_id: partner.to_string(),
        customer_id: customer.to_string(),
        service_type_code: p.cloud_service_type.clone(),
        service_type_name: catalog.service_name(&p.cloud_service_type),
        source_type: [1, 1, 2, 3, 4, 1, 8][i % 7],
        status,
        order_type,
        amount_after_discount: after,
        official_amount: official,
        create_time: created_s,
        payment_time: paid.then(|| fmt_time(created + TimeDelta::minutes(20))),
        pending_payment_end_time: deadline,
        contract_id: i.is_multiple_of(11).then(|| format!("HT-{:06}", i)),
        discounts: vec![Discount {
            discount_type: "607".into(),
            discount_amount: from_fen(discount),
        }],
        agent_pay: status == STATUS_PENDING_PAYMENT && i.is_multiple_of(2),
        failure: None,
        lines: vec![line],
    }
}

fn base36(mut n: u64, width: usize) -> String {
    let digits = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = digits[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn order_id(created: DateTime<Utc>, n: u64) -> String {
    format!("CS{}{}", created.format("%y%m%d%H%M"), base36(n, 5))
}

/// `count` orders spread over the customers, oldest first, ending `end_ago` before now.
#[allow(clippy::too_many_arguments)]
fn generate_orders(
    conn: &Connection,
    catalog: &Catalog,
    partner: &str,
    customers: &[String],
    count: u64,
    span: TimeDelta,
    now: DateTime<Utc>,
    salt: u64,
) -> Result<(), ApiError> {
    const CHUNK: u64 = 20_000;
    let start = now - span - TimeDelta::hours(1);
    let step = span.num_seconds().max(1) as f64 / count.max(1) as f64;
    let mut i = 0u64;
    while i < count {
        let end = (i + CHUNK).min(count);
        let batch: Vec<NewOrder> = (i..end)
            .map(|k| {
                let created = start + TimeDelta::seconds((k as f64 * step) as i64);
                let p = &catalog.products[(k as usize * 7 + 3) % catalog.products.len()];
                let status = STATUSES[(k as usize * 5) % STATUSES.len()];
                let order_type = ORDER_TYPES[(k as usize * 4) % ORDER_TYPES.len()];
                let customer = &customers[(k as usize * 13) % customers.len()];
                let mut o = make_order(
                    order_id(created, k * 7 + salt),
                    partner,
                    customer,
                    p,
                    catalog,
                    status,
                    order_type,
                    k as usize,
                    created,
                );
                still_payable(&mut o, k as usize, now);
                o
            })
            .collect();
        insert_orders(conn, &batch)?;
        i = end;
    }
    Ok(())
}

/// Most pending orders older than a week still have time to be paid (their customers
/// placed them again): a pay-before time and a start in the next week. One in four is
/// past it, as the backend keeps some for a while.
fn still_payable(o: &mut NewOrder, k: usize, now: DateTime<Utc>) {
    let passed = o
        .pending_payment_end_time
        .as_deref()
        .is_some_and(|d| d < fmt_time(now).as_str());
    if !passed || k.is_multiple_of(4) {
        return;
    }
    let due = fmt_time(now + TimeDelta::hours((k * 7 % 160 + 2) as i64));
    o.pending_payment_end_time = Some(due.clone());
    for line in &mut o.lines {
        line.effective_time = Some(due.clone());
    }
}

/// A number for an order placed at `now` whose id no order has yet. Ids carry
/// the minute and five random characters, so a busy minute can draw one already
/// taken: it is drawn again, as the real allocator never repeats an id.
fn free_order_number(
    conn: &Connection,
    now: DateTime<Utc>,
    mut draw: impl FnMut() -> u64,
) -> Result<u64, ApiError> {
    for _ in 0..32 {
        let n = draw();
        let taken: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM orders WHERE id = ?1)",
            params![order_id(now, n)],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(n);
        }
    }
    Err(ApiError::internal("no free order id this minute"))
}

/// A customer places an order and asks its partner to pay it (`--live`, and
/// `POST /mock/orders`): pending payment, agent pay, for one of the catalogue's
/// products. Returns the order id.
pub fn place_pay_request(
    conn: &Connection,
    catalog: &Catalog,
    customer_id: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let partner: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT partner_id FROM customers WHERE id = ?1",
        params![customer_id],
        |r| r.get(0),
    ))?;
    let partner =
        partner.ok_or_else(|| ApiError::not_found(format!("No customer {customer_id}.")))?;
    let n = free_order_number(conn, now, || {
        (uuid::Uuid::new_v4().as_u128() % 36u128.pow(5)) as u64
    })?;
    let k = (n % 8) as usize;
    let product = catalog
        .products
        .iter()
        .filter(|p| !p.cloud_service_type.ends_with("marketplace"))
        .nth(k)
        .or(catalog.products.first())
        .ok_or_else(|| ApiError::internal("the catalogue has no products"))?;
    let mut o = make_order(
        order_id(now, n),
        &partner,
        customer_id,
        product,
        catalog,
        STATUS_PENDING_PAYMENT,
        1,
        k,
        now,
    );
    o.agent_pay = true;
    o.source_type = 1;
    let id = o.id.clone();
    insert_orders(conn, &[o])?;
    Ok(id)
}

/// Customers that cannot switch association type, so the console's pre-checks show:
/// (account, unexpired reserved instances for this many days, enterprise link).
const SWITCH_BLOCKED: [(&str, Option<i64>, Option<&str>); 4] = [
    ("northstar_ai", Some(200), None),
    ("lumen_games", None, Some("master")),
    ("pinecone_media", None, Some("sub")),
    // Reserved instances that already expired no longer block.
    ("orchid_fintech", Some(-30), None),
];

/// The `CS-DEMO-*` pending orders, one per failure case plus five that pay cleanly.
pub const DEMO_ORDERS: [(&str, Option<&str>); 10] = [
    ("CS-DEMO-QUOTA", Some("quota_insufficient")),
    ("CS-DEMO-CAPACITY", Some("capacity_insufficient")),
    ("CS-DEMO-SPEC", Some("spec_changed")),
    // Its service was to start ten minutes ago (see below): the backend refuses it.
    ("CS-DEMO-EXPIRED", None),
    ("CS-DEMO-MARKET", Some("marketplace")),
    ("CS-DEMO-OK-1", None),
    ("CS-DEMO-OK-2", None),
    ("CS-DEMO-OK-3", None),
    ("CS-DEMO-OK-4", None),
    ("CS-DEMO-OK-5", None),
];

fn insert_coupon_quotas(
    conn: &Connection,
    partner: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    for (i, (quota_type, value)) in [(0, 10_000_000i64), (1, 5_000_000), (0, 200_000)]
        .iter()
        .enumerate()
    {
        let status = if i == 2 { 3 } else { 0 };
        conn.execute(
            "INSERT INTO coupon_quotas (quota_id, partner_id, quota_type, quota_value, balance, quota_status, min_face, max_face, create_time, effective_time, expire_time)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, 100, 5000000, ?6, ?6, ?7)",
            params![format!("QUOTA-{}-{}", &partner[..6], i + 1).to_uppercase(), partner, quota_type, value, status,
                fmt_time(now - TimeDelta::days(30 + i as i64)), fmt_time(now + TimeDelta::days(335))],
        )?;
    }
    Ok(())
}

/// Contracts with payment plans: (name, instalments, amount per instalment in fen,
/// instalments already paid, days from now of the first due date, days between).
const CONTRACTS: [(&str, i64, i64, i64, i64, i64); 5] = [
    ("2026 云资源年度框架协议", 4, 2_500_000, 4, -330, 90),
    ("数据中心迁移项目合同", 6, 1_800_000, 2, -150, 30),
    ("Managed Kubernetes rollout", 3, 4_200_000, 1, -40, 45),
    ("智慧园区二期", 2, 960_000, 0, -20, 10),
    ("Analytics platform subscription", 12, 310_000, 5, -160, 30),
];

/// Seeds `CONTRACTS` for a partner over its reseller-type customers.
fn insert_contracts(
    conn: &Connection,
    partner: &str,
    customers: &[String],
    count: usize,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    for (k, (name, n, amount, paid, first_due, every)) in CONTRACTS.iter().take(count).enumerate() {
        let id = format!("HT-{}-{:04}", &partner[..6], k + 1).to_uppercase();
        let first = now + TimeDelta::days(*first_due);
        conn.execute(
            "INSERT INTO contracts (id, partner_id, customer_id, name, sign_time, effective_time, expire_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, partner, customers[(k * 5 + 1) % customers.len()], name,
                fmt_time(first - TimeDelta::days(30)), fmt_time(first - TimeDelta::days(15)),
                fmt_time(first + TimeDelta::days(every * n + 30))],
        )?;
        for i in 0..*n {
            let due = first + TimeDelta::days(every * i);
            let paid_time = (i < *paid).then(|| fmt_time(due - TimeDelta::days(2)));
            conn.execute(
                "INSERT INTO payment_plans (id, contract_id, installment, due_date, amount, paid_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![format!("{id}-P{:02}", i + 1), id, i + 1, fmt_time(due), amount, paid_time],
            )?;
        }
    }
    Ok(())
}

/// Fills an empty store. Runs in one transaction.
pub fn seed(
    conn: &mut Connection,
    seed: Seed,
    catalog: &Catalog,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let tx = conn.transaction()?;
    let mut ids = Vec::new();
    for p in &DEMO_PARTNERS {
        ids.push(insert_partner(&tx, p, now)?);
    }
    if seed == Seed::Empty {
        tx.commit()?;
        return Ok(());
    }
    let (distributor, solutions, government) = (&ids[0], &ids[1], &ids[2]);
    let resellers = insert_resellers(&tx, distributor, now)?;
    // Each demo partner has a valid payment agreement, and an older voided one.
    for p in &ids {
        for (k, status) in [(2, "voided"), (1, "valid")] {
            let signed = now - TimeDelta::days(400 * k);
            super::domain::recharge::insert(
                &tx,
                p,
                &pc_api::partner_center::Agreement {
                    agreement_id: format!("AG-{}-{k}", &p[..6]).to_uppercase(),
                    name: format!("代付协议 {}", signed.format("%Y")),
                    status: status.into(),
                    signed_at: fmt_time(signed),
                    voided_at: (status == "voided")
                        .then(|| fmt_time(signed + TimeDelta::days(365))),
                },
            )?;
        }
    }
    for p in &ids {
        insert_coupon_quotas(&tx, p, now)?;
    }
    let mut dist_customers = Vec::new();
    for (i, (real, account)) in CUSTOMER_NAMES.iter().enumerate() {
        dist_customers.push(insert_customer(&tx, distributor, i, real, account, now)?);
    }
    for (account, reserved_days, link) in SWITCH_BLOCKED {
        tx.execute(
            "UPDATE customers SET reserved_until = ?2, enterprise_link = ?3 WHERE account_name = ?1",
            params![
                account,
                reserved_days.map(|d| fmt_time(now + TimeDelta::days(d))),
                link
            ],
        )?;
    }
    let mut n = CUSTOMER_NAMES.len();
    let mut more = |partner: &str, count: usize, prefix: &str| -> rusqlite::Result<Vec<String>> {
        (0..count)
            .map(|k| {
                n += 1;
                let real = format!("{prefix} 客户 {:02}", k + 1);
                insert_customer(
                    &tx,
                    partner,
                    n,
                    &real,
                    &format!("{}_c{:02}", prefix.to_lowercase(), k + 1),
                    now,
                )
            })
            .collect()
    };
    let sp_customers = more(solutions, 12, "Brightpath")?;
    let gov_customers = more(government, 10, "Haicheng")?;
    let mut reseller_customers = Vec::new();
    for (r, rid) in resellers.iter().enumerate() {
        reseller_customers.push(more(rid, 3, &format!("Reseller{}", r + 1))?);
    }
    match seed {
        Seed::Demo => {
            // Every status × type combination appears among the distributor's 240 orders.
            generate_orders(
                &tx,
                catalog,
                distributor,
                &dist_customers,
                240,
                TimeDelta::days(180),
                now - TimeDelta::hours(2),
                1,
            )?;
            let ok_customer = &dist_customers[1]; // reseller-type, with a phone
            let mut demo = Vec::new();
            for (k, (id, failure)) in DEMO_ORDERS.iter().enumerate() {
                let market = *failure == Some("marketplace");
                let p = if market {
                    catalog
                        .products
                        .iter()
                        .find(|p| p.cloud_service_type.ends_with("marketplace"))
                } else {
                    catalog.products.get(k % 8)
                }
                .unwrap_or(&catalog.products[0]);
                let created = now - TimeDelta::minutes(60 - k as i64 * 5);
                let mut o = make_order(
                    id.to_string(),
                    distributor,
                    ok_customer,
                    p,
                    catalog,
                    STATUS_PENDING_PAYMENT,
                    1,
                    k,
                    created,
                );
                o.agent_pay = true;
                o.source_type = 1;
                o.failure = failure.map(str::to_string);
                if *id == "CS-DEMO-EXPIRED" {
                    for line in &mut o.lines {
                        line.effective_time = Some(fmt_time(now - TimeDelta::minutes(10)));
                    }
                }
                demo.push(o);
            }
            insert_orders(&tx, &demo)?;
            insert_contracts(&tx, distributor, &dist_customers, 5, now)?;
            insert_contracts(&tx, solutions, &sp_customers, 2, now)?;
            insert_contracts(&tx, government, &gov_customers, 2, now)?;
            generate_orders(
                &tx,
                catalog,
                solutions,
                &sp_customers,
                60,
                TimeDelta::days(120),
                now,
                2,
            )?;
            generate_orders(
                &tx,
                catalog,
                government,
                &gov_customers,
                40,
                TimeDelta::days(120),
                now,
                3,
            )?;
            for (r, rid) in resellers.iter().enumerate() {
                generate_orders(
                    &tx,
                    catalog,
                    rid,
                    &reseller_customers[r],
                    8,
                    TimeDelta::days(90),
                    now,
                    10 + r as u64,
                )?;
            }
        }
        Seed::Large(count) => {
            let extra = (count / 20).max(10) as usize;
            let mut customers = dist_customers;
            customers.extend(more(distributor, extra, "Bulk")?);
            // Building the secondary indexes once, after the rows, is a sort instead of a
            // million random B-tree inserts.
            tx.execute_batch("DROP INDEX orders_status; DROP INDEX orders_customer;")?;
            generate_orders(
                &tx,
                catalog,
                distributor,
                &customers,
                count,
                TimeDelta::days(730),
                now,
                1,
            )?;
            tx.execute_batch(super::store::ORDER_INDEXES)?;
        }
        Seed::Empty => unreachable!("handled above"),
    }
    insert_resources(&tx, catalog, now)?;
    insert_issued_coupons(&tx, now)?;
    insert_reseller_quotas(&tx, distributor, &resellers, now)?;
    insert_consumption(&tx, catalog, now)?;
    insert_account_history(&tx, now)?;
    tx.commit()?;
    Ok(())
}

/// The distributor gave its first three resellers a part of its first quota.
fn insert_reseller_quotas(
    conn: &Connection,
    distributor: &str,
    resellers: &[String],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let parent = format!("QUOTA-{}-1", &distributor[..6]).to_uppercase();
    let mut given = 0;
    for (k, reseller) in resellers.iter().take(3).enumerate() {
        let value = [500_000i64, 200_000, 100_000][k];
        let left = value - value * k as i64 / 4;
        let created = now - TimeDelta::days(20 - 5 * k as i64);
        conn.execute(
            "INSERT INTO coupon_quotas (quota_id, partner_id, quota_type, quota_value, balance, quota_status, min_face, max_face, create_time, effective_time, expire_time, parent_quota_id)
             VALUES (?1, ?2, 0, ?3, ?4, 0, 100, 500000, ?5, ?5, ?6, ?7)",
            params![format!("QUOTA-{}-R", &reseller[..6]).to_uppercase(), reseller, value, left,
                fmt_time(created), fmt_time(now + TimeDelta::days(300)), parent],
        )?;
        given += value;
    }
    conn.execute(
        "UPDATE coupon_quotas SET balance = balance - ?2 WHERE quota_id = ?1",
        params![parent, given],
    )?;
    Ok(())
}

/// Vouchers each partner already issued from its first quota (of vouchers) to its
/// reseller-type customers: usable, used, expired and reclaimed ones, the quota's balance less what
/// they took.
fn insert_issued_coupons(conn: &Connection, now: DateTime<Utc>) -> Result<(), ApiError> {
    let partners: Vec<String> = conn
        .prepare("SELECT DISTINCT partner_id FROM coupon_quotas ORDER BY partner_id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for partner in &partners {
        let quota = format!("QUOTA-{}-1", &partner[..6]).to_uppercase();
        let customers: Vec<String> = conn
            .prepare("SELECT id FROM customers WHERE partner_id = ?1 AND association_type = '2' ORDER BY rowid LIMIT 6")?
            .query_map(params![partner], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // (face in fen, status, days since issued, days valid)
        let kinds = [
            (50_000, 2, 10, 90),
            (20_000, 3, 40, 90),
            (100_000, 2, 3, 180),
            (30_000, 4, 120, 60),
            (80_000, 5, 20, 90),
            (15_000, 2, 1, 30),
        ];
        let mut taken = 0;
        for (k, (customer, (face, status, ago, days))) in customers.iter().zip(kinds).enumerate() {
            let created = now - TimeDelta::days(ago);
            let balance = match status {
                3 => 0,
                2 => face - face * (k as i64 % 3) / 4,
                _ => face,
            };
            conn.execute(
                "INSERT INTO coupons (coupon_id, partner_id, quota_id, customer_id, coupon_type, face_value, balance, status, create_time, effective_time, expire_time)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?8, ?9)",
                params![format!("CP{}{k}", hex_id(&format!("coupon|{partner}|{k}"))[..18].to_uppercase()), partner, quota, customer,
                    face, balance, status, fmt_time(created), fmt_time(created + TimeDelta::days(days))],
            )?;
            // Issued, and reclaimed by hand (its value back to the quota) or at expiry.
            let coupon = format!(
                "CP{}{k}",
                hex_id(&format!("coupon|{partner}|{k}"))[..18].to_uppercase()
            );
            super::domain::coupons::record(
                conn, partner, "1", &quota, &coupon, customer, face, created,
            )?;
            match status {
                5 => super::domain::coupons::record(
                    conn,
                    partner,
                    "2",
                    &quota,
                    &coupon,
                    customer,
                    face,
                    created + TimeDelta::days(2),
                )?,
                4 => super::domain::coupons::record(
                    conn,
                    partner,
                    "4",
                    &quota,
                    &coupon,
                    customer,
                    face,
                    created + TimeDelta::days(days),
                )?,
                _ => {}
            }
            if status != 5 {
                taken += face;
            }
        }
        conn.execute(
            "UPDATE coupon_quotas SET balance = balance - ?2 WHERE quota_id = ?1",
            params![quota, taken],
        )?;
    }
    Ok(())
}

/// Each customer's yearly/monthly resources: none to three, expiring from 25 days ago
/// (in the grace or retention period) to 90 days from now, some renewed
/// automatically. A resource comes from one of the customer's completed orders when
/// it has one. A frozen customer's resources are frozen.
fn insert_resources(
    conn: &Connection,
    catalog: &Catalog,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let products: Vec<&Product> = catalog
        .products
        .iter()
        .filter(|p| p.monthly.is_some() && !p.cloud_service_type.ends_with("marketplace"))
        .collect();
    if products.is_empty() {
        return Ok(());
    }
    let customers: Vec<(String, String, bool)> = conn
        .prepare("SELECT id, account_name, is_frozen FROM customers ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)))?
        .collect::<Result<_, _>>()?;
    let mut completed = conn.prepare(
        "SELECT id FROM orders WHERE customer_id = ?1 AND status = 5 ORDER BY seq LIMIT 1 OFFSET ?2",
    )?;
    const REGIONS: [&str; 3] = ["cn-north-4", "cn-east-3", "cn-south-1"];
    for (i, (customer, account, frozen)) in customers.iter().enumerate() {
        for j in 0..i % 4 {
            let p = products[(i * 3 + j * 5) % products.len()];
            let expires = now
                + TimeDelta::days(((i * 37 + j * 53) % 116) as i64 - 25)
                + TimeDelta::hours(((i * 7 + j) % 24) as i64);
            // Bought for a whole period, in the past: long enough to reach its expiry.
            let ahead = (expires - now).num_days().max(0) / 30 + 1;
            let months = [1, 3, 6, 12][(i + j) % 4].max(ahead);
            let order_id: Option<String> = completed
                .query_row(params![customer, j as i64], |r| r.get(0))
                .optional()?;
            let kind = match p.cloud_service_type.rsplit('.').next().unwrap_or("res") {
                "ec2" => "ecs",
                "ebs" => "evs",
                "vpc" => "bw",
                other => other,
            };
            super::domain::resources::insert(
                conn,
                &super::domain::resources::NewResource {
                    customer_id: customer,
                    resource_name: format!("{kind}-{}-{:02}", account.replace('_', "-"), j + 1),
                    region_code: REGIONS[(i + j) % REGIONS.len()],
                    service_type_code: &p.cloud_service_type,
                    resource_type_code: &p.resource_type,
                    resource_spec_code: &p.resource_spec,
                    product_id: &p.product_id,
                    product_spec_desc: &p.spec_desc,
                    project_id: hex_id(&format!("project|{customer}")),
                    order_id,
                    status: if *frozen {
                        pc_api::RESOURCE_FROZEN
                    } else {
                        pc_api::RESOURCE_IN_USE
                    },
                    effective_time: expires - TimeDelta::days(30 * months),
                    expire_time: expires,
                    expire_policy: [0, 0, 3, 0, 1][(i + 2 * j) % 5],
                },
            )?;
        }
    }
    Ok(())
}

/// A year of each partner's account changes that ends at its balance: a recharge a
/// month, orders paid, transfers to its customers (or, for a reseller, from its
/// distributor), and a last recharge or payment that makes the running balance the
/// one the partner holds.
fn insert_account_history(conn: &Connection, now: DateTime<Utc>) -> Result<(), ApiError> {
    use super::domain::ledger::{self, Change};
    let partners: Vec<(String, i64, Option<String>)> = conn
        .prepare("SELECT id, balance, parent_id FROM partners ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let debit = pc_api::BALANCE_TYPE_DEBIT;
    for (p, (partner, balance, parent)) in partners.iter().enumerate() {
        let customers: Vec<(String, String)> = conn
            .prepare("SELECT id, account_name FROM customers WHERE partner_id = ?1 AND association_type = '2' ORDER BY rowid LIMIT 6")?
            .query_map(params![partner], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        // The order a payment was for: one completed by then.
        let mut paid_before = conn.prepare(
            "SELECT id FROM orders WHERE partner_id = ?1 AND status = 5 AND create_time <= ?2 ORDER BY create_time DESC LIMIT 1",
        )?;
        let mut paid = |at: DateTime<Utc>| -> Result<String, ApiError> {
            Ok(paid_before
                .query_row(params![partner, fmt_time(at)], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| format!("CS{}00000", at.format("%y%m%d%H%M"))))
        };
        let parent_account: Option<String> = match parent {
            Some(id) => conn
                .query_row(
                    "SELECT account_name FROM partners WHERE id = ?1",
                    params![id],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        let monthly = (*balance / 6).max(1_000_000);
        let running = std::cell::Cell::new(0i64);
        let write = |fen: i64,
                     kind: (&str, &str),
                     trade_id: &str,
                     who: Option<(&str, &str)>,
                     at: DateTime<Utc>| {
            running.set(running.get() + fen);
            ledger::insert(
                conn,
                partner,
                debit,
                fen,
                running.get(),
                &Change {
                    trade_type: kind.0,
                    detail: kind.1,
                    trade_id,
                    counterpart: who,
                },
                at,
            )
        };
        for m in (1..=12i64).rev() {
            let start = now - TimeDelta::days(30 * m) + TimeDelta::hours(p as i64 + 2);
            let income = monthly + (m * 7_919 * (p as i64 + 1)) % 500_000;
            match (parent, parent_account.as_deref()) {
                (Some(parent), Some(account)) => write(
                    income,
                    ledger::ALLOCATE,
                    &format!("{}{:02}A", start.format("%Y%m%d%H%M%S"), m),
                    Some((parent, account)),
                    start,
                )?,
                _ => write(
                    income,
                    ledger::RECHARGE,
                    &format!("RC{}{:02}", start.format("%Y%m%d"), p),
                    None,
                    start,
                )?,
            }
            let at = start + TimeDelta::days(9);
            let order = paid(at)?;
            write(
                -(income * (35 + m % 20) / 100),
                ledger::DEDUCT,
                &order,
                None,
                at,
            )?;
            if let Some((id, account)) = customers.get((m as usize) % customers.len().max(1)) {
                let id2 = format!(
                    "{}{:02}T",
                    (start + TimeDelta::days(17)).format("%Y%m%d%H%M%S"),
                    m
                );
                write(
                    -(income * (10 + m % 15) / 100),
                    ledger::ALLOCATE,
                    &id2,
                    Some((id, account)),
                    start + TimeDelta::days(17),
                )?;
            }
        }
        let last = now - TimeDelta::days(2) + TimeDelta::minutes(p as i64);
        let gap = balance - running.get();
        if gap > 0 {
            write(
                gap,
                ledger::RECHARGE,
                &format!("RC{}{:02}", last.format("%Y%m%d"), p),
                None,
                last,
            )?;
        } else if gap < 0 {
            let order = paid(last)?;
            write(gap, ledger::DEDUCT, &order, None, last)?;
        }
    }
    Ok(())
}

/// Customers whose consumption the seed writes: a large partner's bulk customers
/// beyond these consume nothing (their orders still bill).
const CONSUMING: usize = 5_000;

/// A year of each customer's consumption, consistent with what else it has: its paid
/// orders (yearly/monthly, by order), its resources bought in the year, and on-demand
/// usage of one to three services a month, growing slowly. The month under way is
/// billed up to yesterday.
fn insert_consumption(
    conn: &Connection,
    catalog: &Catalog,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    use super::domain::spending::{NewFee, insert};
    let year_ago = fmt_time(now - TimeDelta::days(365));
    let resource_of = |service: &str| {
        catalog
            .resource_types
            .iter()
            .find(|r| r.service_type_code == service)
            .map(|r| r.resource_type_code.clone())
            .unwrap_or_default()
    };
    // Paid orders.
    let mut paid = conn.prepare(
        "SELECT o.id, o.partner_id, o.customer_id, c.association_type, o.service_type_code,
                o.order_type, o.amount_after_discount, o.payment_time
         FROM orders o JOIN customers c ON c.id = o.customer_id
         WHERE o.status = 5 AND o.payment_time >= ?1",
    )?;
    let mut rows = paid.query(params![year_ago])?;
    while let Some(r) = rows.next()? {
        let order: String = r.get(0)?;
        let service: String = r.get(4)?;
        let order_type: i32 = r.get(5)?;
        let Ok(at) = super::domain::parse_time("payment_time", &r.get::<_, String>(7)?) else {
            continue;
        };
        insert(
            conn,
            &NewFee {
                partner_id: &r.get::<_, String>(1)?,
                customer_id: &r.get::<_, String>(2)?,
                association_type: &r.get::<_, String>(3)?,
                trade_time: at,
                trade_id: order.clone(),
                service_type_code: &service,
                resource_type_code: &resource_of(&service),
                region_code: "cn-north-4",
                charging_mode: 1,
                bill_detail_type: if order_type == 2 { 2 } else { 1 },
                resource_id: format!("{order}-1"),
                resource_name: String::new(),
                product_spec_desc: "",
                payment: r.get(6)?,
            },
        )?;
    }
    // Resources bought in the year.
    let mut bought = conn.prepare(
        "SELECT c.partner_id, r.customer_id, c.association_type, r.service_type_code, r.resource_type_code,
                r.region_code, r.resource_id, r.resource_name, r.product_id, r.product_spec_desc,
                r.effective_time, r.expire_time
         FROM resources r JOIN customers c ON c.id = r.customer_id
         WHERE r.effective_time >= ?1 AND r.effective_time <= ?2",
    )?;
    let mut rows = bought.query(params![year_ago, fmt_time(now)])?;
    while let Some(r) = rows.next()? {
        let text = |i: usize| r.get::<_, String>(i);
        let (Ok(from), Ok(to)) = (
            super::domain::parse_time("effective_time", &text(10)?),
            super::domain::parse_time("expire_time", &text(11)?),
        ) else {
            continue;
        };
        let product = text(8)?;
        let monthly = catalog
            .products
            .iter()
            .find(|p| p.product_id == product)
            .and_then(|p| p.monthly)
            .and_then(to_fen)
            .unwrap_or(10_000);
        let months = ((to - from).num_days() / 30).max(1);
        let resource_id = text(6)?;
        insert(
            conn,
            &NewFee {
                partner_id: &text(0)?,
                customer_id: &text(1)?,
                association_type: &text(2)?,
                trade_time: from,
                trade_id: format!(
                    "CS{}{}",
                    from.format("%y%m%d%H%M"),
                    resource_id[..5].to_uppercase()
                ),
                service_type_code: &text(3)?,
                resource_type_code: &text(4)?,
                region_code: &text(5)?,
                charging_mode: 1,
                bill_detail_type: 1,
                resource_id,
                resource_name: text(7)?,
                product_spec_desc: &text(9)?,
                payment: monthly * months * 95 / 100,
            },
        )?;
    }
    // On-demand usage, billed at each month's end (the month under way: yesterday).
    let usage: Vec<&Product> = catalog
        .products
        .iter()
        .filter(|p| p.hourly.is_some() && !p.cloud_service_type.ends_with("marketplace"))
        .collect();
    if usage.is_empty() {
        return Ok(());
    }
    let customers: Vec<(String, String, String, String)> = conn
        .prepare("SELECT id, partner_id, association_type, account_name FROM customers ORDER BY rowid LIMIT ?1")?
        .query_map(params![CONSUMING as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let local = now + TimeDelta::hours(8);
    let this_month = NaiveDate::from_ymd_opt(
        chrono::Datelike::year(&local),
        chrono::Datelike::month(&local),
        1,
    )
    .unwrap_or_default();
    let frozen: std::collections::HashSet<String> = conn
        .prepare("SELECT id FROM customers WHERE is_frozen != 0")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for (i, (customer, partner, association, account)) in customers.iter().enumerate() {
        for k in 0..=(i % 3) {
            let p = usage[(i + k * 3) % usage.len()];
            // The resource the usage is billed for, running since the first month.
            let since = this_month
                .checked_sub_months(chrono::Months::new(11))
                .unwrap_or(this_month)
                .and_hms_opt(2, 0, 0)
                .unwrap_or_default()
                .and_utc()
                + TimeDelta::hours((i * 5 + k) as i64);
            conn.prepare_cached(
                "INSERT INTO on_demand_resources (resource_id, customer_id, region_code,
                     availability_zone_code, service_type_code, resource_type_code,
                     resource_spec_code, resource_name, product_spec_desc, effective_time, status)
                 VALUES (?1, ?2, 'cn-north-4', 'cn-north-4a', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                hex_id(&format!("usage|{customer}|{k}")),
                customer,
                p.cloud_service_type,
                p.resource_type,
                p.resource_spec,
                format!("{}-{}", p.resource_spec, account.replace('_', "-")),
                p.spec_desc,
                fmt_time(since),
                if frozen.contains(customer) { 3 } else { 1 },
            ])?;
            let base = ((i as i64 * 7_919 + k as i64 * 104_729) % 400_000) + 20_000;
            for m in 0..12i64 {
                let first = this_month
                    .checked_sub_months(chrono::Months::new(m as u32))
                    .unwrap_or(this_month);
                // The month's end at 16:00 UTC+8, or yesterday for the month under way.
                let end = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first)
                    .and_hms_opt(8, 0, 0)
                    .unwrap_or_default()
                    .and_utc()
                    - TimeDelta::days(1);
                let at = end.min(now - TimeDelta::days(1));
                if at < first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() {
                    continue;
                }
                // Slowly growing, never quite the same twice.
                let wiggle = 90 + (m * 37 + i as i64 * 11 + k as i64 * 5) % 21;
                let payment = base * (130 - 3 * m) / 100 * wiggle / 100;
                insert(
                    conn,
                    &NewFee {
                        partner_id: partner,
                        customer_id: customer,
                        association_type: association,
                        trade_time: at,
                        trade_id: format!("BL{}{:06}{k}", at.format("%Y%m"), i),
                        service_type_code: &p.cloud_service_type,
                        resource_type_code: &p.resource_type,
                        region_code: "cn-north-4",
                        charging_mode: 3,
                        bill_detail_type: 5,
                        resource_id: hex_id(&format!("usage|{customer}|{k}")),
                        resource_name: format!("{}-{}", p.resource_spec, account.replace('_', "-")),
                        product_spec_desc: &p.spec_desc,
                        payment,
                    },
                )?;
            }
        }
    }
    Ok(())
}

/// True when the store already holds partners (a `--data` file from an earlier run).
pub fn is_seeded(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS(SELECT 1 FROM partners)", [], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An id drawn twice in one minute is drawn again, so a busy minute of pay
    /// requests never fails on an id already taken.
    #[test]
    fn a_pay_request_never_takes_an_order_id_already_taken() {
        let db = crate::store::Db::open(None).unwrap();
        let catalog = Catalog::load();
        let now = Utc::now();
        db.with(|conn| {
            seed(conn, Seed::Demo, &catalog, now).unwrap();
            let customer: String = conn
                .query_row("SELECT customer_id FROM orders LIMIT 1", [], |r| r.get(0))
                .unwrap();
            let first = place_pay_request(conn, &catalog, &customer, now).unwrap();
            let n = u64::from_str_radix(&first[first.len() - 5..], 36).unwrap();
            assert_eq!(order_id(now, n), first);
            let mut draws = [n, n, n + 1].into_iter();
            let again = free_order_number(conn, now, || draws.next().unwrap()).unwrap();
            assert_eq!(again, n + 1, "the taken number is drawn again");
            let mut always = || n;
            assert!(
                free_order_number(conn, now, &mut always).is_err(),
                "an allocator that only draws taken ids is told, not looped on"
            );
        });
    }
}
