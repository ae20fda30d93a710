//! The `:` command line: `:orders pending`, `:customers 华信`, `:pay CS…`, `:profile`,
//! `:inbox`, `:quit` …, with
//! Tab completion of the command word.

use pc_core::query::Pane;

pub const COMMANDS: [&str; 22] = [
    "orders",
    "customers",
    "contracts",
    "resellers",
    "funds",
    "catalog",
    "history",
    "renewals",
    "spending",
    "reseller",
    "inbox",
    "coupon",
    "quota",
    "recharge",
    "agreements",
    "pay",
    "profile",
    "refresh",
    "help",
    "keys",
    "quit",
    "q",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Show a pane, optionally with a new filter (the rest of the line).
    Pane(Pane, Option<String>),
    Inbox,
    /// Pay these orders on behalf (one confirmation, one code).
    Pay(Vec<String>),
    /// The partner's profile: the verification setting.
    Profile,
    /// Issue a coupon of this face value (text as typed) to a customer (the selected one
    /// when `None`).
    CouponIssue(String, Option<String>),
    CouponRecall(String),
    /// Give a reseller (the one open or selected on Resellers when `None`) a coupon quota
    /// of this amount (text as typed).
    QuotaGive(String, Option<String>),
    /// Take back what is left of the quotas given to a reseller.
    QuotaTake(Option<String>),
    /// The dedicated remittance account.
    Recharge,
    /// Look at a reseller's customers, orders and funds (`None`: one's own again).
    Reseller(Option<String>),
    /// The payment agreements.
    Agreements,
    Refresh,
    Help,
    Quit,
    Nothing,
}

pub fn parse(line: &str) -> Result<Parsed, String> {
    let line = line.trim().trim_start_matches(':').trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let filter = |shorthand: Option<&str>| -> Option<String> {
        match (rest, shorthand) {
            ("", _) => None,
            (r, Some(key))
                if !r.contains(':') && r.split_whitespace().count() == 1 && key == "status" =>
            {
                Some(format!("status:{r}"))
            }
            (r, _) => Some(r.to_string()),
        }
    };
    Ok(match word {
        "" => Parsed::Nothing,
        // `:orders pending` means the status; other words are order ids or filters.
        "orders" | "o" => {
            let is_status = pc_core::filter::ORDER_STATUSES
                .iter()
                .any(|(n, _)| *n == rest);
            Parsed::Pane(Pane::Orders, filter(is_status.then_some("status")))
        }
        "customers" | "c" => Parsed::Pane(Pane::Customers, filter(None)),
        "contracts" => Parsed::Pane(Pane::Contracts, filter(None)),
        "resellers" | "r" => Parsed::Pane(Pane::Resellers, filter(None)),
        "funds" | "f" => Parsed::Pane(Pane::Funds, filter(None)),
        "catalog" => Parsed::Pane(Pane::Catalog, filter(None)),
        "history" => Parsed::Pane(Pane::History, filter(None)),
        "renewals" => Parsed::Pane(Pane::Renewals, filter(None)),
        "pay" | "p" => {
            let ids: Vec<String> = rest
                .split([' ', ','])
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if ids.is_empty() {
                return Err(t!("command.pay_usage").into());
            }
            Parsed::Pay(ids)
        }
        "profile" => Parsed::Profile,
        "recharge" => Parsed::Recharge,
        "reseller" => {
            Parsed::Reseller((!rest.is_empty() && rest != "off").then(|| rest.to_string()))
        }
        "spending" => Parsed::Pane(Pane::Spending, filter(None)),
        "agreements" => Parsed::Agreements,
        "coupon" => {
            let words: Vec<&str> = rest.split_whitespace().collect();
            match words.as_slice() {
                ["recall", id] => Parsed::CouponRecall(id.to_string()),
                [face] => Parsed::CouponIssue(face.to_string(), None),
                [face, customer] => {
                    Parsed::CouponIssue(face.to_string(), Some(customer.to_string()))
                }
                _ => {
                    return Err(t!("command.coupon_usage").into());
                }
            }
        }
        "quota" => {
            // A reseller's name may hold spaces: the rest of the line names it.
            let (verb, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let rest = rest.trim();
            let (amount, name) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let named = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            match verb {
                "give" if !amount.is_empty() => Parsed::QuotaGive(amount.to_string(), named(name)),
                "take" => Parsed::QuotaTake(named(rest)),
                _ => return Err(t!("command.quota_usage").into()),
            }
        }
        "inbox" => Parsed::Inbox,
        "refresh" => Parsed::Refresh,
        // The help lists the live keymap, `[keys]` included.
        "help" | "h" | "keys" => Parsed::Help,
        "quit" | "q" | "exit" => Parsed::Quit,
        other => {
            return Err(t!("command.unknown", command = other));
        }
    })
}

/// Completes the command word when it is the only candidate (or the common prefix).
pub fn complete(line: &str) -> Option<String> {
    let word = line.trim_start();
    if word.contains(char::is_whitespace) {
        return None;
    }
    let matches: Vec<&str> = COMMANDS
        .iter()
        .copied()
        .filter(|c| c.starts_with(word))
        .collect();
    match matches.as_slice() {
        [] => None,
        [one] => Some(format!("{one} ")),
        many => {
            let first = many[0];
            let common = (word.len()..=first.len())
                .rev()
                .find(|n| many.iter().all(|m| m.get(..*n) == first.get(..*n)))
                .unwrap_or(word.len());
            (common > word.len()).then(|| first[..common].to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        assert_eq!(
            parse(":orders pending"),
            Ok(Parsed::Pane(Pane::Orders, Some("status:pending".into())))
        );
        assert_eq!(
            parse("orders CS-DEMO-OK-1"),
            Ok(Parsed::Pane(Pane::Orders, Some("CS-DEMO-OK-1".into())))
        );
        assert_eq!(parse("orders"), Ok(Parsed::Pane(Pane::Orders, None)));
        assert_eq!(
            parse("customers 华信"),
            Ok(Parsed::Pane(Pane::Customers, Some("华信".into())))
        );
        assert_eq!(parse("q"), Ok(Parsed::Quit));
        assert_eq!(parse("  "), Ok(Parsed::Nothing));
        assert_eq!(
            parse("pay CS-1, CS-2"),
            Ok(Parsed::Pay(vec!["CS-1".into(), "CS-2".into()]))
        );
        assert!(parse("pay").unwrap_err().contains("Usage"));
        assert_eq!(parse("profile"), Ok(Parsed::Profile));
        assert_eq!(
            parse("coupon 50"),
            Ok(Parsed::CouponIssue("50".into(), None))
        );
        assert_eq!(
            parse("coupon recall CP1"),
            Ok(Parsed::CouponRecall("CP1".into()))
        );
        assert!(parse("coupon").unwrap_err().contains("Usage"));
        assert!(parse("frobnicate").unwrap_err().contains("Unknown command"));
    }

    #[test]
    fn completion() {
        assert_eq!(complete("ord").as_deref(), Some("orders "));
        assert_eq!(
            complete("c"),
            None,
            "customers, contracts, catalog share no longer prefix"
        );
        assert_eq!(complete("co"), None, "contracts and coupon");
        assert_eq!(complete("con").as_deref(), Some("contracts "));
        assert_eq!(complete("cou").as_deref(), Some("coupon "));
        assert_eq!(complete("cu").as_deref(), Some("customers "));
        assert_eq!(complete("xyz"), None);
        assert_eq!(complete("orders pe"), None);
    }
}
