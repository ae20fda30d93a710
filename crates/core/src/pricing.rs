//! Pricing a product: how it is bought, the rating request for a chosen spec, region,
//! length and quantity, and the quote the BSS rating APIs answer (official price,
//! discounts, the amount to pay). The console's pricing form and `catalog price` share it.

use rust_decimal::Decimal;

use pc_api::partner_center::Spec;
use pc_api::{DemandProductInfo, OnDemandRatingReq, PeriodProductInfo, PeriodRatingReq};
use pc_client::{Client, ClientError};

/// How the product is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    OnDemand,
    Monthly,
    Yearly,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::OnDemand => t!("price.mode_on_demand"),
            Mode::Monthly => t!("price.mode_monthly"),
            Mode::Yearly => t!("price.mode_yearly"),
        }
    }

    pub fn sold(self, spec: &Spec) -> bool {
        match self {
            Mode::OnDemand => spec.on_demand,
            Mode::Monthly => spec.monthly,
            Mode::Yearly => spec.yearly,
        }
    }
}

/// A rating request, for the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Rating {
    OnDemand(OnDemandRatingReq),
    Period(PeriodRatingReq),
}

/// The price the backend quoted.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub official: Decimal,
    pub discount: Decimal,
    pub amount: Decimal,
    /// The discounts by name.
    pub discounts: Vec<(String, Decimal)>,
}

/// What is chosen to be priced, as typed.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    pub service_code: &'a str,
    pub spec: &'a Spec,
    pub region: &'a str,
    pub mode: Mode,
    /// Hours (on demand) or periods (months, years).
    pub length: &'a str,
    pub quantity: &'a str,
    /// GB or Mbps, for specs priced by size.
    pub size: &'a str,
}

/// The rating request for what is chosen, or what is wrong.
pub fn rating(choice: Choice<'_>) -> Result<Rating, String> {
    let spec = choice.spec;
    let region = choice.region.to_string();
    if !choice.mode.sold(spec) {
        return Err(t!(
            "price.not_sold",
            spec = spec.resource_spec,
            mode = choice.mode.label()
        ));
    }
    let number = |what: &str, text: &str, max: i32| -> Result<i32, String> {
        text.trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| t!("price.whole_number", what = what, max = max))
    };
    let quantity = number(t!("price.quantity"), choice.quantity, 1000)?;
    let size = if spec.sized {
        Some(number(t!("price.size_short"), choice.size, 10_000)?)
    } else {
        None
    };
    Ok(match choice.mode {
        Mode::OnDemand => {
            let hours = number(t!("price.hours"), choice.length, 8784)?;
            Rating::OnDemand(OnDemandRatingReq {
                // The region's project: [`rate`] asks IAM for it.
                project_id: String::new(),
                inquiry_precision: None,
                product_infos: vec![DemandProductInfo {
                    id: "1".into(),
                    cloud_service_type: choice.service_code.to_string(),
                    resource_type: spec.resource_type.clone(),
                    resource_spec: spec.resource_spec.clone(),
                    region,
                    resource_size: size,
                    size_measure_id: size.map(|_| 17),
                    usage_factor: spec.usage_factor.clone(),
                    usage_value: Decimal::from(hours),
                    usage_measure_id: spec.usage_measure_id,
                    subscription_num: quantity,
                    ..Default::default()
                }],
            })
        }
        Mode::Monthly | Mode::Yearly => {
            let max = if choice.mode == Mode::Monthly { 11 } else { 5 };
            let periods = number(t!("price.periods"), choice.length, max)?;
            Rating::Period(PeriodRatingReq {
                // The region's project: [`rate`] asks IAM for it.
                project_id: String::new(),
                product_infos: vec![PeriodProductInfo {
                    id: "1".into(),
                    cloud_service_type: choice.service_code.to_string(),
                    resource_type: spec.resource_type.clone(),
                    resource_spec: spec.resource_spec.clone(),
                    region,
                    resource_size: size,
                    size_measure_id: size.map(|_| 17),
                    period_type: if choice.mode == Mode::Monthly { 2 } else { 3 },
                    period_num: periods,
                    subscription_num: quantity,
                    ..Default::default()
                }],
            })
        }
    })
}

/// Prices one product with the rating API of its mode: official price, discounts, and
/// the amount to pay (for a period, the best offer).
pub async fn rate(
    c: &Client,
    rating: crate::pricing::Rating,
) -> Result<crate::pricing::Quote, ClientError> {
    Ok(match rating {
        Rating::OnDemand(mut req) => {
            if let Some(p) = req.product_infos.first() {
                req.project_id = c.project_id(&p.region).await?;
            }
            let r = c.list_on_demand_resource_ratings(&req).await?;
            let discounts = r
                .product_rating_results
                .iter()
                .flat_map(|p| &p.discount_rating_results)
                .map(|d| {
                    (
                        d.discount_name.clone().unwrap_or_else(|| {
                            crate::format::discount(&d.discount_type.to_string()).into_owned()
                        }),
                        d.amount,
                    )
                })
                .collect();
            Quote {
                official: r.official_website_amount,
                discount: r.discount_amount,
                amount: r.amount,
                discounts,
            }
        }
        Rating::Period(mut req) => {
            if let Some(p) = req.product_infos.first() {
                req.project_id = c.project_id(&p.region).await?;
            }
            let r = c.list_rate_on_period_detail(&req).await?;
            let official = r.official_website_rating_result.official_website_amount;
            let best = r
                .optional_discount_rating_results
                .iter()
                .find(|d| d.best_offer == 1)
                .or(r.optional_discount_rating_results.first());
            match best {
                Some(d) => Quote {
                    official,
                    discount: d.discount_amount,
                    amount: d.amount,
                    discounts: vec![(
                        d.discount_name.clone().unwrap_or_else(|| {
                            crate::format::discount(&d.discount_type.to_string()).into_owned()
                        }),
                        d.discount_amount,
                    )],
                },
                None => Quote {
                    official,
                    discount: rust_decimal::Decimal::ZERO,
                    amount: official,
                    discounts: vec![],
                },
            }
        }
    })
}
