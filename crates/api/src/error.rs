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

/// Error codes from docs/bss-api.md §8 that the mock produces and the console explains.
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
    /// The gateway knows no such API (a Partner Center path on Huawei's BSS).
    pub const NO_SUCH_API: &str = "APIGW.0101";
    /// Temporary credentials past their expiry: the security token must be renewed.
    pub const TOKEN_EXPIRED: &str = "APIGW.0307";
    /// Flow control: more calls to one API than the account may make per second.
    pub const THROTTLED: &str = "APIGW.0308";

    // Pay on behalf (docs/bss-api.md §8, pay_orders; the ones marked mock are this mock's
    // own, for failures Huawei documents only in words).
    pub const ORDER_UNKNOWN: &str = "CBC.30000010";
    /// Refund details asked for an order that is neither an unsubscription nor a
    /// downgrade.
    pub const NOT_A_REFUND_ORDER: &str = "CBC.99005026";
    pub const ORDER_STATUS_CHANGED: &str = "CBC.99003106";
    pub const PAY_DEADLINE_PASSED: &str = "CBC.99003110";
    pub const CAPACITY_INSUFFICIENT: &str = "CBC.99003141";
    /// mock: the customer's resource quota is too small for the order.
    pub const QUOTA_INSUFFICIENT_PAY: &str = "CBC.99003142";
    /// mock: the product's specification changed since the order was placed.
    pub const SPEC_CHANGED: &str = "CBC.99003143";
    /// mock: the order's effective time has passed.
    pub const EFFECTIVE_TIME_PASSED: &str = "CBC.99003144";
    /// mock: marketplace (KooGallery) orders can be paid from the balance only.
    pub const BALANCE_ONLY: &str = "CBC.99003145";
    /// mock: the customer did not ask this partner to pay the order.
    pub const NOT_AGENT_PAY: &str = "CBC.99003146";
    /// mock: a new unit price outside [floor, catalogue].
    pub const PRICE_OUT_OF_RANGE: &str = "CBC.99003150";
    /// mock: a contract instalment that is already paid.
    pub const PLAN_ALREADY_PAID: &str = "CBC.99003160";

    // Verification of sensitive operations (mock codes next to the documented ones).
    /// mock: the operation needs a verification code (the partner's setting is on).
    pub const VERIFICATION_REQUIRED: &str = "CBC.99004011";
    /// mock: the code was issued for another operation or other key fields.
    pub const CODE_OTHER_OPERATION: &str = "CBC.99004012";
    /// mock: a new code for this operation cannot be requested yet (60 s).
    pub const RESEND_TOO_EARLY: &str = "CBC.99004016";
    /// mock: verification is off, no code is needed.
    pub const VERIFICATION_OFF: &str = "CBC.99004017";
    /// mock: the new phone's own code is missing, wrong, expired or for another number.
    pub const NEW_PHONE_UNCONFIRMED: &str = "CBC.99004018";

    // Payment agreements (mock).
    /// A valid payment agreement exists: void it before adding another.
    pub const AGREEMENT_EXISTS: &str = "CBC.99007101";
    /// The agreement is already voided.
    pub const AGREEMENT_NOT_VALID: &str = "CBC.99007102";
    /// No valid payment agreement: orders cannot be paid on the customers' behalf.
    pub const AGREEMENT_REQUIRED: &str = "CBC.99007103";

    // Association type switches (mock).
    /// The customer has unexpired reserved instances.
    pub const SWITCH_RESERVED: &str = "CBC.99008101";
    /// The customer is in an enterprise master/sub link.
    pub const SWITCH_ENTERPRISE: &str = "CBC.99008102";
    /// A switch request for this customer is already pending.
    pub const SWITCH_PENDING: &str = "CBC.99008103";
    /// A reseller-type customer still holds allocated funds: recall them first.
    pub const SWITCH_BALANCE: &str = "CBC.99008104";
    /// The switch request was already answered.
    pub const SWITCH_ANSWERED: &str = "CBC.99008105";

    // Real-name authentication (mock: Huawei documents these only in words).
    /// The customer's real name is already verified.
    pub const REALNAME_VERIFIED: &str = "CBC.99008201";
    /// A real-name submission of the customer is under review.
    pub const REALNAME_UNDER_REVIEW: &str = "CBC.99008202";
    /// The customer never submitted a real-name authentication.
    pub const REALNAME_NOT_SUBMITTED: &str = "CBC.99008203";
    /// The review was already decided.
    pub const REALNAME_DECIDED: &str = "CBC.99008204";

    // Recharge (mock).
    /// The partner's contracting entity is not a Huawei Cloud entity: no dedicated
    /// remittance account; recharge through the local Huawei channel manager.
    pub const REMITTANCE_VIA_CHANNEL: &str = "CBC.99007201";

    // Exactly once (mock).
    /// The write's `X-Client-Request-Id` is missing or malformed.
    pub const REQUEST_ID_REQUIRED: &str = "CBC.99009001";
    /// The request id was used before for a different request.
    pub const REQUEST_ID_REUSED: &str = "CBC.99009002";
    /// A status query closed this request id before it arrived: it was not applied.
    pub const REQUEST_CLOSED: &str = "CBC.99009003";
}
