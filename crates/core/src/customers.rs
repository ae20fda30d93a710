//! Customers by what people call them: the name shown for a customer, whether a text
//! is a customer id, and the one customer a text names.

use pc_api::*;
use pc_client::{Client, ClientError};

/// How a customer is called: its real (company or person) name once verified, else its
/// account name.
pub fn display_name(c: &CustomerInfo) -> &str {
    c.customer
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&c.account_name)
}

/// A customer id as the API gives them: 32 hexadecimal digits.
pub fn is_customer_id(text: &str) -> bool {
    text.len() == 32 && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// The customer `text` names — an id, an account name or a (company) name, whole or in
/// part — among the partner's customers: it must name exactly one.
pub async fn find_customer(c: &Client, text: &str) -> Result<CustomerInfo, ClientError> {
    find_customer_of(c, text, None).await
}

/// [`find_customer`] among a reseller's customers (`reseller`), or the partner's own.
pub async fn find_customer_of(
    c: &Client,
    text: &str,
    reseller: Option<&str>,
) -> Result<CustomerInfo, ClientError> {
    let ask = |q: ListSubCustomersReq| async move { c.list_sub_customers(&q).await };
    let by = |account: bool| ListSubCustomersReq {
        account_name: account.then(|| text.to_string()),
        customer: (!account).then(|| text.to_string()),
        limit: Some(10),
        indirect_partner_id: reseller.map(str::to_string),
        ..Default::default()
    };
    let mut found = ask(by(true)).await?.customer_infos;
    for c in ask(by(false)).await?.customer_infos {
        if !found.iter().any(|f| f.customer_id == c.customer_id) {
            found.push(c);
        }
    }
    let exact: Vec<&CustomerInfo> = found
        .iter()
        .filter(|c| c.account_name.eq_ignore_ascii_case(text) || display_name(c) == text)
        .collect();
    match (exact.as_slice(), found.as_slice()) {
        ([one], _) => Ok((*one).clone()),
        ([], [one]) => Ok(one.clone()),
        (_, []) => Err(ClientError::InvalidInput(t!(
            "filter.no_such_customer",
            text = text
        ))),
        (_, many) => Err(ClientError::InvalidInput(t!(
            "filter.many_customers",
            text = text,
            count = many.len(),
            names = many
                .iter()
                .take(4)
                .map(|c| format!("{} ({})", c.account_name, display_name(c)))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
