//! The coupon quotas a distributor gave its resellers, read whole: for a reseller's
//! detail, its quotas to take back, and what a lost answer to a quota write did.

use pc_client::{Client, ClientError};

/// A reseller's quotas read for its detail: far more than one ever holds.
pub const QUOTAS_SHOWN: usize = 1_000;

/// The coupon quotas a distributor gave its resellers (the reseller named, or all),
/// optionally those from one of its own quotas, every page of them (at most `max`).
pub async fn issued_quotas(
    c: &Client,
    reseller: Option<&str>,
    parent: Option<&str>,
    max: usize,
) -> Result<Vec<pc_api::IssuedQuota>, ClientError> {
    pc_client::collect_pages(100, max, |offset, limit| {
        let q = pc_api::IssuedQuotasQuery {
            indirect_partner_id: reseller.map(str::to_string),
            parent_quota_id: parent.map(str::to_string),
            offset: Some(offset),
            limit: Some(limit),
            ..Default::default()
        };
        async move { c.list_issued_coupon_quotas(&q).await }
    })
    .await
}
