//! Huawei's two partner sites and what their BSS APIs offer (docs/bss-api.md): the
//! Chinese site (`bss.myhuaweicloud.com`) and the international one
//! (`bss-intl.myhuaweicloud.com`, `bss.myhuaweicloud.eu`), whose API has no partner
//! balances, adjust records, fund transfers or coupons, sends registration codes by
//! e-mail (`receiver_type` 2), wants a new customer's country (`domain_area`), and calls
//! the reseller association type `"3"` (resale).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    #[default]
    Cn,
    Intl,
}

impl Site {
    /// The site of an endpoint: international for `bss-intl.…` and the `.eu` site,
    /// Chinese for anything else (Huawei's Chinese site, a mock, a proxy).
    pub fn of_endpoint(endpoint: &str) -> Site {
        let host = endpoint
            .trim()
            .split_once("://")
            .map_or(endpoint, |(_, rest)| rest)
            .split(['/', ':', '?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if host.starts_with("bss-intl.") || host.ends_with(".myhuaweicloud.eu") {
            Site::Intl
        } else {
            Site::Cn
        }
    }

    /// `cn` or `intl`, as the config writes it.
    pub fn parse(text: &str) -> Option<Site> {
        match text.trim().to_ascii_lowercase().as_str() {
            "cn" => Some(Site::Cn),
            "intl" => Some(Site::Intl),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Site::Cn => "cn",
            Site::Intl => "intl",
        }
    }

    /// Partner balances, adjust records, fund transfers and coupons: the Chinese site's.
    pub fn has_partner_funds(self) -> bool {
        self == Site::Cn
    }

    /// How a registration code is sent: `1` SMS (Chinese site), `2` e-mail.
    pub fn code_receiver_type(self) -> i32 {
        match self {
            Site::Cn => 1,
            Site::Intl => 2,
        }
    }

    /// The reseller association type: `"2"` (代售) on the Chinese site, `"3"` (resale).
    pub fn reseller_type(self) -> &'static str {
        match self {
            Site::Cn => "2",
            Site::Intl => "3",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_follows_the_endpoint() {
        for (endpoint, site) in [
            ("https://bss.myhuaweicloud.com", Site::Cn),
            ("https://bss-intl.myhuaweicloud.com", Site::Intl),
            ("https://BSS-INTL.myhuaweicloud.com:443/", Site::Intl),
            ("https://bss.myhuaweicloud.eu", Site::Intl),
            ("http://127.0.0.1:8080", Site::Cn),
        ] {
            assert_eq!(Site::of_endpoint(endpoint), site, "{endpoint}");
        }
        assert_eq!(Site::parse(" INTL "), Some(Site::Intl));
        assert_eq!(Site::parse("eu"), None);
    }
}
