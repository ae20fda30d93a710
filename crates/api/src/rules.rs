//! The format rules both sides check: the console before anything is sent, the mock
//! (like Huawei's service) when it arrives. Account names, phones, e-mail addresses,
//! passwords; the real-name documents' numbers with their check characters, and the
//! codes and names of the real-name and association enums. No clock: a date that must
//! not lie in the future is checked against the `today` the caller gives.

use chrono::NaiveDate;

use crate::partner_center::REFERRAL;

/// The account-name rule of create_sub_customer and check_user_identity.
pub fn valid_account_name(name: &str) -> bool {
    let len = name.chars().count();
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '-');
    (5..=32).contains(&len)
        && first_ok
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !name.starts_with("op_")
        && !name.starts_with("shadow_")
        && !name.chars().all(|c| c.is_ascii_digit())
}

/// A mainland-China mobile number: 11 digits starting with 1.
pub fn valid_cn_mobile(phone: &str) -> bool {
    phone.len() == 11 && phone.starts_with('1') && phone.chars().all(|c| c.is_ascii_digit())
}

/// ≥ 8 characters, at least two of upper / lower / digit / special, not the name or the
/// name reversed, not containing the phone.
pub fn valid_password(password: &str, name: &str, phone: Option<&str>) -> bool {
    let classes = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    let reversed: String = name.chars().rev().collect();
    password.chars().count() >= 8
        && password.chars().count() <= 32
        && classes >= 2
        && !password.eq_ignore_ascii_case(name)
        && !password.eq_ignore_ascii_case(&reversed)
        && phone.is_none_or(|p| !password.contains(p))
}

/// A plausible e-mail address: one `@`, a dot in the domain, no spaces, ≤ 64 characters.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
        && email.chars().count() <= 64
}

/// `identify_type` values.
pub const BY_DOCUMENT: i32 = 0;
pub const BY_ORGANISATION: i32 = 1;
pub const BY_BANK_CARD: i32 = 4;
/// The code scene of a bank-card authentication (send_verification_message_code).
pub const BANK_CARD_SCENE: i32 = 18;

/// `verified_status` values.
pub const STATUS_NONE: &str = "-1";
pub const STATUS_REVIEW: &str = "0";
pub const STATUS_REJECTED: &str = "1";
pub const STATUS_VERIFIED: &str = "2";

/// Personal documents (`verified_type`), with their names.
pub const DOCUMENT_TYPES: [(i32, &str); 5] = [
    (3, "Passport"),
    (5, "HK/Macao travel permit"),
    (6, "Taiwan travel permit"),
    (9, "HK/Macao residence permit"),
    (10, "Taiwan residence permit"),
];

/// Organisation documents (`certificate_type`), with their names.
pub const CERTIFICATE_TYPES: [(i32, &str); 6] = [
    (0, "Business licence"),
    (1, "Public institution legal person certificate"),
    (2, "Social organisation registration"),
    (3, "Administrative law-enforcement qualification"),
    (4, "Organisation code certificate"),
    (99, "Other"),
];

/// The one role the API knows for `enterprise_person.certifier_role`.
pub const LEGAL_PERSON: &str = "legalPerson";

/// What `verified_status` means, in words.
pub fn status_name(status: &str) -> &'static str {
    match status {
        STATUS_REVIEW => "under review",
        STATUS_REJECTED => "rejected",
        STATUS_VERIFIED => "verified",
        _ => "not verified",
    }
}

/// A mainland resident identity number: 17 digits and a check character (ISO 7064
/// MOD 11-2), with a plausible birth date.
pub fn valid_resident_id(id: &str, today: NaiveDate) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d");
    b[17].to_ascii_uppercase() == CHECK[(sum % 11) as usize]
        && birth.is_ok_and(|d| d.format("%Y").to_string().as_str() >= "1900" && d <= today)
}

/// A unified social credit code (统一社会信用代码): 18 characters of the GB 32100 set
/// with its check character.
pub fn valid_credit_code(code: &str) -> bool {
    const SET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let values: Option<Vec<usize>> = code
        .chars()
        .map(|c| SET.find(c.to_ascii_uppercase()))
        .collect();
    let Some(values) = values.filter(|v| v.len() == 18) else {
        return false;
    };
    let sum: usize = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    values[17] == (31 - sum % 31) % 31
}

/// A document number of `verified_type`, by that document's format.
pub fn valid_document_number(verified_type: i32, number: &str, today: NaiveDate) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match verified_type {
        // Passports: 5 to 17 letters and digits.
        3 => (5..=17).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric()),
        // HK/Macao permit: H or M and 8 or 10 digits.
        5 => {
            number.starts_with(['H', 'M']) && matches!(number.len(), 9 | 11) && digits(&number[1..])
        }
        // Taiwan permit: 8 digits.
        6 => number.len() == 8 && digits(number),
        // Residence permits: a resident-style number with the region prefix 81/82 or 83.
        9 => {
            valid_resident_id(number, today)
                && (number.starts_with("81") || number.starts_with("82"))
        }
        10 => valid_resident_id(number, today) && number.starts_with("83"),
        _ => false,
    }
}

/// A bank card number: 12 to 19 digits.
pub fn valid_bank_account(account: &str) -> bool {
    (12..=19).contains(&account.len()) && account.bytes().all(|b| b.is_ascii_digit())
}

/// A person's or organisation's name: 2 to 64 characters, not only digits, spaces or
/// punctuation.
pub fn valid_real_name(name: &str) -> bool {
    (2..=64).contains(&name.chars().count()) && name.chars().any(char::is_alphabetic)
}

/// An uploaded attachment's name: a relative path ending in an image or PDF extension.
pub fn valid_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('/')
        && !name.contains("..")
        && !name.chars().any(|c| c.is_control() || c.is_whitespace())
        && [".jpg", ".jpeg", ".bmp", ".png", ".gif", ".pdf"]
            .iter()
            .any(|e| lower.ends_with(e) && lower.len() > e.len())
}

pub fn document_name(kind: i32) -> &'static str {
    DOCUMENT_TYPES
        .iter()
        .find(|(t, _)| *t == kind)
        .map_or("document", |(_, n)| n)
}

pub fn certificate_name(kind: i32) -> &'static str {
    CERTIFICATE_TYPES
        .iter()
        .find(|(t, _)| *t == kind)
        .map_or("certificate", |(_, n)| n)
}

/// "referral (顾问销售)" or "reseller (代售)".
pub fn type_name(t: &str) -> &'static str {
    match t {
        REFERRAL => "referral (顾问销售)",
        // The international site's reseller type.
        "3" => "resale",
        _ => "reseller (代售)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the tests are checked against.
    const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 7) {
        Some(d) => d,
        None => panic!("a date"),
    };

    #[test]
    fn a_birth_date_after_today_is_refused() {
        // Born 2026-12-08, one day after TODAY; valid the day after.
        let id = with_check("11010520261208001");
        assert!(!valid_resident_id(&id, TODAY));
        assert!(valid_resident_id(&id, TODAY.succ_opt().expect("a date")));
    }

    /// The 17 digits with their check character.
    fn with_check(first17: &str) -> String {
        (0..11)
            .map(|i| format!("{first17}{}", "10X98765432".chars().nth(i).expect("11")))
            .find(|id| valid_resident_id(id, NaiveDate::MAX))
            .expect("one check character fits")
    }
    #[test]
    fn account_name_rule() {
        assert!(valid_account_name("acme_corp"));
        assert!(valid_account_name("-abcde"));
        assert!(!valid_account_name("abcd"), "too short");
        assert!(!valid_account_name("1abcde"), "starts with a digit");
        assert!(!valid_account_name("op_abcde"));
        assert!(!valid_account_name("shadow_abc"));
        assert!(!valid_account_name("abc def"));
        assert!(!valid_account_name(&"a".repeat(33)));
        assert!(!valid_account_name("华信云科技"));
    }

    #[test]
    fn password_rule() {
        assert!(valid_password("Passw0rd!", "acme_corp", None));
        assert!(!valid_password("password", "acme_corp", None), "one class");
        assert!(!valid_password("Ab1", "acme_corp", None), "short");
        assert!(!valid_password("Acme_Corp", "acme_corp", None), "the name");
        assert!(!valid_password(
            "x13800000001A",
            "acme_corp",
            Some("13800000001")
        ));
    }

    #[test]
    fn resident_id_checksum_and_birth_date() {
        assert!(valid_resident_id("11010519491231002X", TODAY));
        assert!(valid_resident_id("11010519491231002x", TODAY));
        assert!(
            !valid_resident_id("110105194912310021", TODAY),
            "wrong check digit"
        );
        assert!(!valid_resident_id("11010519491331002X", TODAY), "month 13");
        assert!(
            !valid_resident_id("110105299912310020", TODAY),
            "born in the future"
        );
        assert!(!valid_resident_id("1101051949123100", TODAY), "short");
        assert!(
            !valid_resident_id("1101051949123100２X", TODAY),
            "full-width digit"
        );
    }

    #[test]
    fn credit_code_checksum() {
        assert!(valid_credit_code("91350100M000100Y43"));
        assert!(!valid_credit_code("91350100M000100Y44"));
        assert!(!valid_credit_code("91350100M000100Y4"));
        assert!(
            !valid_credit_code("91350100M000100IO3"),
            "I and O are not in the set"
        );
    }

    #[test]
    fn document_numbers_by_kind() {
        assert!(valid_document_number(3, "E12345678", TODAY));
        assert!(!valid_document_number(3, "E1", TODAY));
        assert!(valid_document_number(5, "H12345678", TODAY));
        assert!(valid_document_number(5, "M1234567890", TODAY));
        assert!(!valid_document_number(5, "X12345678", TODAY));
        assert!(valid_document_number(6, "12345678", TODAY));
        assert!(!valid_document_number(6, "1234567", TODAY));
        assert!(valid_document_number(9, "810000199001011230", TODAY));
        assert!(valid_document_number(10, "830000199001011234", TODAY));
        assert!(
            !valid_document_number(9, "11010519491231002X", TODAY),
            "not an 81/82 prefix"
        );
        assert!(
            !valid_document_number(7, "E12345678", TODAY),
            "unknown kind"
        );
    }

    #[test]
    fn file_names() {
        assert!(valid_file_name("idcard/front.JPG"));
        assert!(!valid_file_name("../etc/passwd.png"));
        assert!(!valid_file_name("/abs.png"));
        assert!(!valid_file_name("scan.exe"));
        assert!(!valid_file_name(".png"));
        assert!(!valid_file_name("my scan.png"));
    }
}
