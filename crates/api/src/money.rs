//! Money on the wire: decimal yuan as a bare JSON number (`100.50`), never `f64`.
//! Requests carry at most 2 decimals and must be positive.

use rust_decimal::Decimal;

pub use rust_decimal::serde::arbitrary_precision as json_number;
pub use rust_decimal::serde::arbitrary_precision_option as json_number_opt;

/// The largest single amount the mock accepts (a sanity bound, 1 billion yuan).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Why an amount cannot be sent. `Display` is the backend's English wording; the
/// console words it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("amount must be greater than 0, got {0}")]
    NotPositive(Decimal),
    #[error("amount must have at most 2 decimals, got {0}")]
    TooManyDecimals(Decimal),
    #[error("amount must not exceed {max}, got {0}", max = MAX_AMOUNT)]
    TooLarge(Decimal),
}

/// Checks a request amount: > 0, at most 2 decimals, within [`MAX_AMOUNT`].
pub fn check_request_amount(amount: Decimal) -> Result<(), AmountError> {
    if amount <= Decimal::ZERO {
        return Err(AmountError::NotPositive(amount));
    }
    if amount.normalize().scale() > 2 {
        return Err(AmountError::TooManyDecimals(amount));
    }
    if amount > MAX_AMOUNT {
        return Err(AmountError::TooLarge(amount));
    }
    Ok(())
}

/// Fen (1/100 yuan) ↔ yuan, for exact storage as integers.
pub fn to_fen(amount: Decimal) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    (amount * Decimal::ONE_HUNDRED).round_dp(0).to_i64()
}

pub fn from_fen(fen: i64) -> Decimal {
    Decimal::new(fen, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn request_amount_rules() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert!(check_request_amount(d("100.50")).is_ok());
        assert!(
            check_request_amount(d("100.500")).is_ok(),
            "trailing zero is 2 dp"
        );
        assert!(check_request_amount(d("0.01")).is_ok());
        assert!(check_request_amount(d("0.001")).is_err());
        assert!(check_request_amount(d("0")).is_err());
        assert!(check_request_amount(d("-1")).is_err());
        assert!(check_request_amount(d("1000000000.01")).is_err());
    }

    #[test]
    fn fen_round_trip() {
        let d = Decimal::from_str("123.45").unwrap();
        assert_eq!(to_fen(d), Some(12345));
        assert_eq!(from_fen(12345), d);
        assert_eq!(from_fen(12345).to_string(), "123.45");
    }
}
