//! The error body every BSS and Partner Center error carries, and the codes we use.

use serde::{Deserialize, Serialize};

/// `{"error_code": "CBC.0100", "error_msg": "…"}`; the gateway adds `request_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error_code: String,
    pub error_msg: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Error codes from bss-api.md §8 that the mock produces and the console explains.
pub mod codes {
    pub const PARAMETER_ERROR: &str = "CBC.0100";
    pub const INVALID_PARAMETER: &str = "CBC.0101";
    pub const ILLEGAL_OPERATION: &str = "CBC.0150";
    pub const ACCESS_DENIED: &str = "CBC.0151";
    pub const OTHER_ERROR: &str = "CBC.0999";
    pub const NOT_A_PARTNER: &str = "CBC.5001";
    pub const NOT_YOUR_CUSTOMER: &str = "CBC.99000035";
    pub const NOT_YOUR_RESELLER: &str = "CBC.99000037";
    pub const INSUFFICIENT_BALANCE: &str = "CBC.99005003";
    pub const CONSULTATIVE_CUSTOMER: &str = "CBC.5021";
    pub const NAME_EXISTS: &str = "CBC.99000038";
    pub const PHONE_EXISTS: &str = "CBC.99000029";
    pub const BAD_NAME: &str = "CBC.99000031";
    pub const BAD_PHONE: &str = "CBC.5017";
    pub const BAD_PASSWORD: &str = "CBC.99000036";
    pub const DUPLICATE_XACCOUNT: &str = "CBC.99000039";
    pub const CODE_EXPIRED: &str = "CBC.99004008";
    pub const CODE_TOO_MANY_FAILURES: &str = "CBC.99004009";
    pub const CODE_WRONG: &str = "CBC.99004010";
    pub const SEND_LIMIT: &str = "CBC.99004015";
    pub const QUOTA_BAD_STATE: &str = "CBC.99000012";
    pub const QUOTA_INSUFFICIENT: &str = "CBC.99000013";
    pub const QUOTA_NOT_EFFECTIVE: &str = "CBC.99000017";
    pub const FACE_VALUE_TOO_LOW: &str = "CBC.99000018";
    pub const FACE_VALUE_TOO_HIGH: &str = "CBC.99000019";
    pub const COUPON_ASSOCIATION_TYPE: &str = "CBC.99000014";
    pub const COUPON_CONSULTATIVE: &str = "CBC.99000045";
    pub const COUPON_ALREADY_RECLAIMED: &str = "CBC.99000048";
    pub const RATING_PRODUCT_NOT_FOUND: &str = "CBC.99006006";
    pub const RATING_WRONG_UNIT: &str = "CBC.99006050";
    pub const AUTH_FAILED: &str = "APIGW.0301";
}
