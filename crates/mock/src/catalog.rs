//! The catalogue: service, resource and usage types, measure units (reference data from
//! `assets/catalog.json`, read-only), and the rating of on-demand and period products.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::domain::{CURRENCY, MEASURE_YUAN, page};
use super::error::ApiError;
use pc_api::error::codes;
use pc_api::{
    CatalogQuery, DemandProductRatingResult, DiscountRatingResult, MeasureUnit, MeasureUnitsResp,
    OfficialWebsiteRatingResult, OnDemandRatingReq, OnDemandRatingResp,
    OptionalDiscountRatingResult, PeriodProductOfficialRatingResult, PeriodProductRatingResult,
    PeriodRatingReq, PeriodRatingResp, ResourceType, ResourceTypesResp, ServiceResource,
    ServiceResourceBasicInfo, ServiceResourcesResp, ServiceType, ServiceTypesResp, UsageType,
    UsageTypesResp,
};

/// A priced product of the catalogue.
#[derive(Debug, Clone, Deserialize)]
pub struct Product {
    pub product_id: String,
    pub cloud_service_type: String,
    pub resource_type: String,
    pub resource_spec: String,
    pub spec_desc: String,
    pub usage_factor: String,
    pub usage_measure_id: i32,
    /// Yuan per usage unit (per hour for `Duration`), if sold on demand.
    #[serde(with = "rust_decimal::serde::str_option", default)]
    pub hourly: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option", default)]
    pub monthly: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option", default)]
    pub yearly: Option<Decimal>,
    /// Priced per unit of size (GB, Mbps): the price is multiplied by `resource_size`.
    pub linear: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UsageTypeRow {
    pub code: String,
    pub name: String,
    pub resource_type_code: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Catalog {
    pub service_types: Vec<ServiceType>,
    pub resource_types: Vec<ResourceType>,
    pub usage_types: Vec<UsageTypeRow>,
    pub measure_units: Vec<MeasureUnit>,
    pub regions: Vec<String>,
    pub partner_discount_percent: u32,
    /// The English of every Chinese name the catalogue and the orders give.
    pub names_en: std::collections::HashMap<String, String>,
    pub products: Vec<Product>,
}

pub const CATALOG_JSON: &str = include_str!("../assets/catalog.json");

fn paged<T: Clone>(items: &[T], offset: i64, limit: i64) -> Vec<T> {
    items
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .cloned()
        .collect()
}

impl Catalog {
    pub fn load() -> Catalog {
        serde_json::from_str(CATALOG_JSON)
            .expect("assets/catalog.json is valid (checked by a test)")
    }

    /// A name in the language asked (`X-Language`): the Chinese as stored, or its English.
    pub fn named(&self, language: crate::extract::Language, name: &str) -> String {
        match language {
            crate::extract::Language::Chinese => name.to_string(),
            crate::extract::Language::English => self
                .names_en
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.to_string()),
        }
    }

    pub fn service_name(&self, code: &str) -> String {
        self.service_types
            .iter()
            .find(|s| s.service_type_code == code)
            .map(|s| s.service_type_name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    pub fn resource_type_name(&self, code: &str) -> String {
        self.resource_types
            .iter()
            .find(|r| r.resource_type_code == code)
            .map(|r| r.resource_type_name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    pub fn service_types(&self, q: &CatalogQuery) -> Result<ServiceTypesResp, ApiError> {
        let (offset, limit) = page(q.offset, q.limit)?;
        let name = q.service_type_name.as_deref().unwrap_or("");
        if name.chars().count() > 128 {
            return Err(ApiError::param(
                "service_type_name must be at most 128 characters.",
            ));
        }
        let all: Vec<ServiceType> = self
            .service_types
            .iter()
            .filter(|s| {
                name.is_empty()
                    || s.service_type_name.contains(name)
                    || s.abbreviation
                        .as_deref()
                        .is_some_and(|a| a.eq_ignore_ascii_case(name))
                    || s.service_type_code.contains(name)
            })
            .cloned()
            .collect();
        Ok(ServiceTypesResp {
            total_count: all.len() as i64,
            service_types: paged(&all, offset, limit),
        })
    }

    pub fn resource_types(&self, q: &CatalogQuery) -> Result<ResourceTypesResp, ApiError> {
        let (offset, limit) = page(q.offset, q.limit)?;
        Ok(ResourceTypesResp {
            total_count: self.resource_types.len() as i64,
            resource_types: paged(&self.resource_types, offset, limit),
        })
    }

    pub fn service_resources(&self, q: &CatalogQuery) -> Result<ServiceResourcesResp, ApiError> {
        let (offset, limit) = page(q.offset, q.limit)?;
        let code = q
            .service_type_code
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| ApiError::param("service_type_code is required."))?;
        let all: Vec<ServiceResource> = self
            .resource_types
            .iter()
            .filter(|r| r.service_type_code == code)
            .map(|r| ServiceResource {
                basic_info: ServiceResourceBasicInfo {
                    resource_type_code: r.resource_type_code.clone(),
                    product_owner_service: Some(code.to_string()),
                    name: r.resource_type_name.clone(),
                    description: r.resource_type_desc.clone(),
                },
            })
            .collect();
        Ok(ServiceResourcesResp {
            total_count: all.len() as i64,
            infos: paged(&all, offset, limit),
        })
    }

    pub fn usage_types(&self, q: &CatalogQuery) -> Result<UsageTypesResp, ApiError> {
        let (offset, limit) = page(q.offset, q.limit)?;
        let filter = q.resource_type_code.as_deref().unwrap_or("");
        let all: Vec<UsageType> = self
            .usage_types
            .iter()
            .filter(|u| filter.is_empty() || u.resource_type_code == filter)
            .filter_map(|u| {
                let rt = self
                    .resource_types
                    .iter()
                    .find(|r| r.resource_type_code == u.resource_type_code)?;
                Some(UsageType {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    resource_type_code: u.resource_type_code.clone(),
                    service_type_code: rt.service_type_code.clone(),
                    resource_type_name: Some(rt.resource_type_name.clone()),
                    service_type_name: Some(self.service_name(&rt.service_type_code)),
                })
            })
            .collect();
        Ok(UsageTypesResp {
            total_count: all.len() as i64,
            usage_types: paged(&all, offset, limit),
        })
    }

    pub fn measure_units(&self) -> MeasureUnitsResp {
        MeasureUnitsResp {
            measure_units: self.measure_units.clone(),
        }
    }

    fn product(
        &self,
        service: &str,
        resource: &str,
        spec: &str,
        region: &str,
    ) -> Result<&Product, ApiError> {
        if !self.regions.iter().any(|r| r == region) {
            return Err(ApiError::bad(
                codes::RATING_PRODUCT_NOT_FOUND,
                format!("Region {region} is not sold."),
            ));
        }
        self.products
            .iter()
            .find(|p| {
                p.cloud_service_type == service
                    && p.resource_type == resource
                    && p.resource_spec == spec
            })
            .ok_or_else(|| {
                ApiError::bad(
                    codes::RATING_PRODUCT_NOT_FOUND,
                    format!("No product {service} / {resource} / {spec} in {region}."),
                )
            })
    }

    /// The partner-authorised discount (type 607), rounded to `dp` decimals.
    fn discount(&self, official: Decimal, dp: u32) -> Decimal {
        (official * Decimal::from(self.partner_discount_percent) / Decimal::ONE_HUNDRED)
            .round_dp(dp)
    }

    fn size_factor(p: &Product, size: Option<i32>) -> Result<Decimal, ApiError> {
        match (p.linear, size) {
            (false, _) => Ok(Decimal::ONE),
            (true, Some(s)) => check_count("resource_size", s),
            (true, None) => Err(ApiError::param(format!(
                "{} is priced by size: resource_size is required.",
                p.resource_spec
            ))),
        }
    }

    /// The specs of a service that can be priced, and the regions sold.
    pub fn specs(
        &self,
        service_type_code: &str,
    ) -> Result<pc_api::partner_center::SpecsResp, ApiError> {
        if !self
            .service_types
            .iter()
            .any(|s| s.service_type_code == service_type_code)
        {
            return Err(ApiError::bad(
                codes::RATING_PRODUCT_NOT_FOUND,
                format!("No service {service_type_code}."),
            ));
        }
        let specs = self
            .products
            .iter()
            .filter(|p| p.cloud_service_type == service_type_code)
            .map(|p| pc_api::partner_center::Spec {
                resource_type: p.resource_type.clone(),
                resource_spec: p.resource_spec.clone(),
                spec_desc: p.spec_desc.clone(),
                usage_factor: p.usage_factor.clone(),
                usage_measure_id: p.usage_measure_id,
                sized: p.linear,
                on_demand: p.hourly.is_some(),
                monthly: p.monthly.is_some(),
                yearly: p.yearly.is_some(),
            })
            .collect();
        Ok(pc_api::partner_center::SpecsResp {
            regions: self.regions.clone(),
            specs,
        })
    }

    pub fn rate_on_demand(&self, req: &OnDemandRatingReq) -> Result<OnDemandRatingResp, ApiError> {
        check_products(
            req.project_id.as_str(),
            req.product_infos.len(),
            req.product_infos.iter().map(|p| p.id.as_str()),
        )?;
        let dp = match req.inquiry_precision.unwrap_or(0) {
            0 => 6,
            1 => 10,
            other => {
                return Err(ApiError::param(format!(
                    "inquiry_precision must be 0 or 1, got {other}"
                )));
            }
        };
        let mut results = Vec::new();
        for info in &req.product_infos {
            let p = self.product(
                &info.cloud_service_type,
                &info.resource_type,
                &info.resource_spec,
                &info.region,
            )?;
            let unit = p.hourly.ok_or_else(|| {
                ApiError::bad(
                    codes::RATING_PRODUCT_NOT_FOUND,
                    format!("{} is not sold on demand.", p.resource_spec),
                )
            })?;
            if info.usage_factor != p.usage_factor || info.usage_measure_id != p.usage_measure_id {
                return Err(ApiError::bad(
                    codes::RATING_WRONG_UNIT,
                    format!(
                        "{} is rated by {} in measure unit {}.",
                        p.resource_spec, p.usage_factor, p.usage_measure_id
                    ),
                ));
            }
            if info.usage_value <= Decimal::ZERO || info.usage_value > MAX_USAGE {
                return Err(ApiError::param(format!(
                    "usage_value must be above 0 and at most {MAX_USAGE}."
                )));
            }
            let official = product_of(&[
                unit,
                info.usage_value,
                check_count("subscription_num", info.subscription_num)?,
                Self::size_factor(p, info.resource_size)?,
            ])?
            .round_dp(dp);
            let discount = self.discount(official, dp);
            results.push(DemandProductRatingResult {
                id: info.id.clone(),
                product_id: p.product_id.clone(),
                amount: official - discount,
                discount_amount: discount,
                official_website_amount: official,
                measure_id: MEASURE_YUAN,
                discount_rating_results: vec![DiscountRatingResult {
                    discount_id: "PARTNER-AUTHORISED".into(),
                    discount_type: 607,
                    amount: discount,
                    measure_id: MEASURE_YUAN,
                    discount_name: Some("Partner-authorised discount".into()),
                }],
            });
        }
        let sum =
            |f: fn(&DemandProductRatingResult) -> Decimal| results.iter().map(f).sum::<Decimal>();
        Ok(OnDemandRatingResp {
            amount: sum(|r| r.amount),
            discount_amount: sum(|r| r.discount_amount),
            official_website_amount: sum(|r| r.official_website_amount),
            measure_id: MEASURE_YUAN,
            currency: CURRENCY.into(),
            product_rating_results: results,
        })
    }

    pub fn rate_period(&self, req: &PeriodRatingReq) -> Result<PeriodRatingResp, ApiError> {
        check_products(
            req.project_id.as_str(),
            req.product_infos.len(),
            req.product_infos.iter().map(|p| p.id.as_str()),
        )?;
        let mut official_results = Vec::new();
        let mut discounted = Vec::new();
        for info in &req.product_infos {
            let p = self.product(
                &info.cloud_service_type,
                &info.resource_type,
                &info.resource_spec,
                &info.region,
            )?;
            let unit = match info.period_type {
                2 => p.monthly,
                3 => p.yearly,
                0 | 4 => None,
                other => {
                    return Err(ApiError::param(format!(
                        "period_type must be 0, 2, 3 or 4, got {other}"
                    )));
                }
            }
            .ok_or_else(|| {
                ApiError::bad(
                    codes::RATING_PRODUCT_NOT_FOUND,
                    format!("{} is not sold for that period.", p.resource_spec),
                )
            })?;
            let official = product_of(&[
                unit,
                check_count("period_num", info.period_num)?,
                check_count("subscription_num", info.subscription_num)?,
                Self::size_factor(p, info.resource_size)?,
            ])?
            .round_dp(2);
            let discount = self.discount(official, 2);
            official_results.push(PeriodProductOfficialRatingResult {
                id: info.id.clone(),
                product_id: p.product_id.clone(),
                official_website_amount: official,
            });
            discounted.push(PeriodProductRatingResult {
                id: info.id.clone(),
                product_id: p.product_id.clone(),
                amount: official - discount,
                official_website_amount: official,
                discount_amount: discount,
                measure_id: MEASURE_YUAN,
            });
        }
        let official: Decimal = official_results
            .iter()
            .map(|r| r.official_website_amount)
            .sum();
        let discount: Decimal = discounted.iter().map(|r| r.discount_amount).sum();
        Ok(PeriodRatingResp {
            official_website_rating_result: OfficialWebsiteRatingResult {
                official_website_amount: official,
                measure_id: MEASURE_YUAN,
                product_rating_results: official_results,
            },
            optional_discount_rating_results: vec![OptionalDiscountRatingResult {
                discount_id: "PARTNER-AUTHORISED".into(),
                discount_type: 607,
                discount_name: Some("Partner-authorised discount".into()),
                amount: official - discount,
                official_website_amount: official,
                discount_amount: discount,
                measure_id: MEASURE_YUAN,
                best_offer: 1,
                product_rating_results: discounted,
            }],
            currency: CURRENCY.into(),
        })
    }
}

/// Multiplies the factors of a price, refusing what overflows a decimal.
fn product_of(factors: &[Decimal]) -> Result<Decimal, ApiError> {
    factors
        .iter()
        .try_fold(Decimal::ONE, |acc, f| acc.checked_mul(*f))
        .ok_or_else(|| ApiError::param("The requested quantity is too large to rate."))
}

/// Upper bounds on rating inputs, well beyond any real order: with them a product's
/// price and the sum of 100 products fit a Decimal.
const MAX_COUNT: i32 = 100_000;
const MAX_USAGE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

fn check_count(field: &str, n: i32) -> Result<Decimal, ApiError> {
    if (1..=MAX_COUNT).contains(&n) {
        Ok(Decimal::from(n))
    } else {
        Err(ApiError::param(format!(
            "{field} must be between 1 and {MAX_COUNT}, got {n}"
        )))
    }
}

fn check_products<'a>(
    project_id: &str,
    n: usize,
    ids: impl Iterator<Item = &'a str>,
) -> Result<(), ApiError> {
    if project_id.is_empty() {
        return Err(ApiError::param("project_id is required."));
    }
    if n == 0 || n > 100 {
        return Err(ApiError::param(
            "product_infos must hold 1 to 100 products.",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(ApiError::param(format!("product id {id:?} is used twice.")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chinese_name_has_its_english() {
        let c = Catalog::load();
        let names = c
            .service_types
            .iter()
            .map(|s| s.service_type_name.clone())
            .chain(
                c.resource_types
                    .iter()
                    .map(|r| r.resource_type_name.clone()),
            )
            .chain(c.usage_types.iter().map(|u| u.name.clone()))
            .chain(c.measure_units.iter().map(|m| m.measure_name.clone()));
        for name in names.filter(|n| !n.is_ascii()) {
            let english = c.named(crate::extract::Language::English, &name);
            assert!(english.is_ascii(), "{name} has no English");
        }
    }

    #[test]
    fn catalog_asset_is_consistent() {
        let c = Catalog::load();
        assert!(c.service_types.len() >= 8);
        for r in &c.resource_types {
            assert!(
                c.service_types
                    .iter()
                    .any(|s| s.service_type_code == r.service_type_code),
                "{}",
                r.resource_type_code
            );
        }
        for u in &c.usage_types {
            assert!(
                c.resource_types
                    .iter()
                    .any(|r| r.resource_type_code == u.resource_type_code)
            );
        }
        for p in &c.products {
            assert!(
                c.resource_types
                    .iter()
                    .any(|r| r.resource_type_code == p.resource_type)
            );
            assert!(p.hourly.is_some() || p.monthly.is_some());
        }
    }
}
