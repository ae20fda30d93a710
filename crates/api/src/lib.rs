//! The wire: serde types for the BSS API (docs/bss-api.md §2–§7) with the exact field names,
//! the CBC error body, money, and AK/SK signing.

pub mod admin;
pub mod csv;
pub mod error;
pub mod money;
pub mod partner_center;
pub mod rules;
pub mod signing;
pub mod site;
pub mod types;

pub use error::ErrorBody;
pub use types::*;

/// Masks a phone number wherever it is shown or logged: `138****0001`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// `op***@example.com`: the first two characters of the local part, then the domain.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let head: String = local.chars().take(2).collect();
            format!("{head}***@{domain}")
        }
        None => mask_phone(email),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_emails() {
        assert_eq!(
            super::mask_email("ops@huaxin-cloud.example"),
            "op***@huaxin-cloud.example"
        );
        assert_eq!(super::mask_email("a@b.c"), "a***@b.c");
    }

    #[test]
    fn masks_phones() {
        assert_eq!(super::mask_phone("13800000001"), "138****0001");
        assert_eq!(super::mask_phone("123"), "***");
        assert_eq!(
            super::mask_phone("电话号码一二三四五"),
            "电话号****二三四五"
        );
    }
}
