//! What is typed before a summary: an amount to transfer, a new unit price, the reason
//! for an association switch, a new phone, e-mail or password — and the operation it
//! makes, checked as the backend will check it.

use rust_decimal::Decimal;

use pc_api::partner_center::{OrderPricing, TransferTarget};

use crate::ops::Operation;

/// Something to enter before the summary.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    Transfer {
        to: TransferTarget,
        target_id: String,
        target_name: String,
        /// The most a recall can take (their balance), when known.
        limit: Option<Decimal>,
    },
    AdjustPrice {
        order_id: String,
        pricing: OrderPricing,
    },
    /// The reason for switching a customer's association type, with what decides
    /// whether it can be switched.
    Switch(Box<pc_api::partner_center::AssociationStatus>),
    /// A new phone, e-mail or password for the partner's profile.
    Profile {
        field: ProfileField,
        /// For the password rules.
        account_name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    Phone,
    Email,
    Password,
}

pub fn draft_op(draft: &Draft, text: &str) -> Result<Operation, String> {
    let amount = || -> Result<Decimal, String> {
        let value: Decimal = text
            .trim()
            .parse()
            .map_err(|_| t!("modal.not_an_amount", text = format!("{:?}", text.trim())))?;
        crate::format::check_amount(value)?;
        Ok(value)
    };
    match draft {
        Draft::Profile {
            field,
            account_name,
        } => profile_op(*field, account_name, text),
        Draft::Switch(status) => switch_op(status, text),
        Draft::Transfer {
            to,
            target_id,
            target_name,
            ..
        } => Ok(Operation::Transfer {
            to: *to,
            target_id: target_id.clone(),
            target_name: target_name.clone(),
            amount: amount()?,
        }),
        Draft::AdjustPrice { order_id, pricing } => {
            let value = amount()?;
            if value < pricing.floor_unit_price || value > pricing.catalog_unit_price {
                return Err(t!(
                    "modal.price_out_of_range",
                    floor = pricing.floor_unit_price,
                    catalog = pricing.catalog_unit_price
                ));
            }
            Ok(Operation::AdjustPrice {
                order_id: order_id.clone(),
                unit_price: value,
                old_unit_price: pricing.unit_price,
                quantity: pricing.quantity,
                periods: pricing.periods,
            })
        }
    }
}

/// A switch request from the reason typed.
fn switch_op(
    status: &pc_api::partner_center::AssociationStatus,
    text: &str,
) -> Result<Operation, String> {
    let reason = text.trim();
    let max = pc_api::partner_center::SWITCH_REASON_MAX;
    if reason.is_empty() {
        return Err(t!("modal.reason_required").into());
    }
    if reason.chars().count() > max {
        return Err(t!("modal.reason_too_long", max = max));
    }
    Ok(Operation::SwitchAssociation {
        customer_id: status.customer_id.clone(),
        customer_name: status.account_name.clone(),
        from_type: status.association_type.clone(),
        to_type: pc_api::partner_center::other_association(&status.association_type).to_string(),
        reason: reason.to_string(),
    })
}

/// A profile change from what was typed, checked as the backend will check it.
fn profile_op(field: ProfileField, account_name: &str, text: &str) -> Result<Operation, String> {
    use pc_api::rules::valid_email;
    use pc_api::rules::{valid_cn_mobile, valid_password};
    let value = text.trim();
    match field {
        ProfileField::Phone if valid_cn_mobile(value) => Ok(Operation::ChangePhone {
            confirmed: None,
            phone: value.to_string(),
        }),
        ProfileField::Phone => Err(t!("modal.bad_phone").into()),
        ProfileField::Email if valid_email(value) => Ok(Operation::ChangeEmail {
            email: value.to_string(),
        }),
        ProfileField::Email => Err(t!("modal.bad_email").into()),
        ProfileField::Password if valid_password(text, account_name, None) => {
            Ok(Operation::ChangePassword {
                password: crate::ops::Secret(text.to_string()),
            })
        }
        ProfileField::Password => Err(t!("modal.bad_password").into()),
    }
}
