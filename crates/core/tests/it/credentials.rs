//! Credentials as the SDKs take them, against the mock: the account id learnt from its
//! IAM once per AK and kept; expired temporary credentials said as such.

use chrono::TimeDelta;
use pc_api::PartnerBalancesQuery;
use pc_client::{Client, Credentials};
use pc_core::credentials::{Source, with_domain};
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pc_testkit::start;

#[tokio::test]
async fn learning_the_account_id_asks_iam_once_per_ak_then_remembers() {
    let m = start(Seed::Demo).await;
    let dir = std::env::temp_dir().join(format!("pc-domain-cache-{}", uuid::Uuid::new_v4()));
    let cache = dir.join("domains.json");
    let p = &DEMO_PARTNERS[2];
    let c = Client::new(&m.endpoint(), Credentials::new(p.ak, p.sk)).unwrap();
    let asked = std::cell::Cell::new(0);
    let (first, source) = with_domain(c.clone(), Some(&cache), |_| asked.set(asked.get() + 1))
        .await
        .unwrap();
    assert_eq!(asked.get(), 1, "the first run says it asks IAM");
    assert_eq!(source, Source::Iam(m.endpoint()));
    assert_eq!(first.credentials().domain_id, Some(p.domain_id()));
    first
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();
    let (second, source) = with_domain(c.clone(), Some(&cache), |_| asked.set(asked.get() + 1))
        .await
        .unwrap();
    assert_eq!(asked.get(), 1, "the next ones do not ask");
    assert_eq!(source, Source::Cache(cache.clone()));
    assert_eq!(second.credentials().domain_id, Some(p.domain_id()));
    // A configured one is never asked about.
    let configured = c.with_domain_id("0123456789abcdef0123456789abcdef");
    let (kept, source) = with_domain(configured, Some(&cache), |_| {}).await.unwrap();
    assert_eq!(source, Source::Default);
    assert_eq!(
        kept.credentials().domain_id.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );
    // An AK IAM refuses: the error says what to set instead.
    let wrong = Client::new(&m.endpoint(), Credentials::new("NOSUCHAK", "sk")).unwrap();
    let e = with_domain(wrong, Some(&cache), |_| {}).await.unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("domain_id") && text.contains("HUAWEICLOUD_SDK_DOMAIN_ID"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn expired_temporary_credentials_are_said_as_such() {
    let m = start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    let gone = m.state.issue_temporary(p.ak, TimeDelta::zero()).unwrap();
    let c = Client::new(
        &m.endpoint(),
        Credentials {
            security_token: Some(gone.token.value.clone()),
            ..Credentials::new(gone.access.clone(), gone.secret.clone())
        },
    )
    .unwrap();
    let e = with_domain(c, None, |_| {}).await.unwrap_err();
    assert!(e.error.credentials_expired(), "{e:?}");
    let text = pc_core::i18n::with_locale(pc_core::i18n::Locale::En, || e.to_string());
    assert!(
        text.contains("temporary credentials have expired"),
        "{text}"
    );
}

#[tokio::test]
async fn a_backend_without_iam_goes_on_and_temporary_ids_are_not_kept() {
    let dir = std::env::temp_dir().join(format!("pc-domain-cache-{}", uuid::Uuid::new_v4()));
    let cache = dir.join("domains.json");
    // Not Huawei's, and no IAM there: no account id, and no error.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let app = axum::Router::new().fallback(|| async {
            (
                axum::http::StatusCode::NOT_FOUND,
                r#"{"error_code":"APIGW.0101","error_msg":"no"}"#,
            )
        });
        let _ = axum::serve(listener, app).await;
    });
    let c = Client::new(&format!("http://{addr}"), Credentials::new("AK", "sk")).unwrap();
    let (c, source) = with_domain(c, Some(&cache), |_| {}).await.unwrap();
    assert_eq!(
        (c.credentials().domain_id.clone(), source),
        (None, Source::Default)
    );
    assert!(!cache.exists());
    // Temporary credentials: learnt, used, not kept (their AK changes at every renewal).
    let m = start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[1];
    let t = m
        .state
        .issue_temporary(p.ak, TimeDelta::minutes(15))
        .unwrap();
    let c = Client::new(
        &m.endpoint(),
        Credentials {
            security_token: Some(t.token.value.clone()),
            ..Credentials::new(t.access.clone(), t.secret.clone())
        },
    )
    .unwrap();
    let (c, _) = with_domain(c, Some(&cache), |_| {}).await.unwrap();
    assert_eq!(c.credentials().domain_id, Some(p.domain_id()));
    assert!(!cache.exists(), "nothing kept for a temporary AK");
}
