//! Paging over the API's `offset`/`limit` lists.

use std::future::Future;

use crate::error::ClientError;
use pc_api::*;

/// A list response: its total and its items.
pub trait Paged {
    type Item;
    fn total(&self) -> i64;
    fn into_items(self) -> Vec<Self::Item>;
}

macro_rules! paged {
    ($resp:ty, $item:ty, $total:ident, $items:ident) => {
        impl Paged for $resp {
            type Item = $item;
            fn total(&self) -> i64 {
                self.$total
            }
            fn into_items(self) -> Vec<$item> {
                self.$items
            }
        }
    };
}

paged!(ListSubCustomersResp, CustomerInfo, count, customer_infos);
paged!(
    ListIndirectPartnersResp,
    IndirectPartner,
    count,
    indirect_partners
);
paged!(AdjustRecordsResp, AdjustRecord, total_count, records);
paged!(CustomerOrdersResp, CustomerOrder, total_count, order_infos);
paged!(ServiceTypesResp, ServiceType, total_count, service_types);
paged!(ResourceTypesResp, ResourceType, total_count, resource_types);
paged!(UsageTypesResp, UsageType, total_count, usage_types);
paged!(IssuedCouponsResp, IssuedCoupon, total_count, user_coupons);
paged!(CouponQuotasResp, CouponQuota, total_count, quotas);
paged!(IssuedQuotasResp, IssuedQuota, total_count, quotas);
paged!(QueryResourcesResp, OrderInstance, total_count, data);
paged!(
    OnDemandResourcesResp,
    OnDemandResource,
    total_count,
    resources
);
paged!(
    pc_api::partner_center::ContractsResp,
    pc_api::partner_center::Contract,
    total_count,
    contracts
);

/// Fetches pages of `page_size` from offset 0 until the total is reached, a page comes
/// back short, or `max_items` are collected. `fetch(offset, limit)` makes one call.
pub async fn collect_pages<R, F, Fut>(
    page_size: i64,
    max_items: usize,
    mut fetch: F,
) -> Result<Vec<R::Item>, ClientError>
where
    R: Paged,
    F: FnMut(i64, i64) -> Fut,
    Fut: Future<Output = Result<R, ClientError>>,
{
    let page_size = page_size.clamp(1, 100);
    let mut items = Vec::new();
    let mut offset = 0i64;
    loop {
        let page = fetch(offset, page_size).await?;
        let total = page.total();
        let got = page.into_items();
        let n = got.len() as i64;
        items.extend(got);
        offset += n;
        // A total left out (0) does not end the listing: a full page asks for the next.
        if n < page_size || (total > 0 && offset >= total) || items.len() >= max_items {
            items.truncate(max_items);
            return Ok(items);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_total_left_out_does_not_end_the_listing() {
        // 250 rows, and the total never said: full pages ask for the next.
        let rows = |offset: i64, limit: i64| {
            let n = (250 - offset).clamp(0, limit);
            async move {
                Ok::<_, ClientError>(CustomerOrdersResp {
                    total_count: 0,
                    order_infos: (0..n).map(|_| CustomerOrder::default()).collect(),
                })
            }
        };
        let all = collect_pages::<CustomerOrdersResp, _, _>(100, 10_000, rows)
            .await
            .unwrap();
        assert_eq!(all.len(), 250);
    }
}
