//! CSV as both sides write it (RFC 4180): the console's exports and the contract bills
//! the backend serves.

use rust_decimal::Decimal;

/// One CSV field, quoted when it must be (RFC 4180). Text a spreadsheet would run as a
/// formula (starting with `= + - @`, and not a number) gets a leading `'`.
pub fn field(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '-', '@']) && value.parse::<Decimal>().is_err();
    let value = if formula {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

pub fn line(fields: &[String]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}
