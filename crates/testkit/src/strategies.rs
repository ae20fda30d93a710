//! Random input for the property tests: strings a hostile or careless caller sends.

use proptest::prelude::*;
use proptest::sample::select;

pub const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1e400",
    "true",
    "null",
    "NaN",
    "CS-DEMO-OK-1",
    "balance",
    "credit",
    "sms",
    "email",
    "pay_orders",
    "1",
    "2",
    "-5",
    "0086",
    "13800000001",
    "2026-01-01T00:00:00Z",
    "2026-02-30T25:61:61Z",
    "9999-12-31T23:59:59Z",
    "../../etc/passwd",
    "' OR 1=1 --",
    "%00",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "𝕏",
    "华信云科技有限公司",
    "a\nb",
];

/// Any string, often an odd one: odd names, injections, control and wide characters,
/// very long runs.
pub fn json_string() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(ODD_STRINGS.to_vec()).prop_map(String::from),
        3 => any::<String>(),
        1 => prop::collection::vec(any::<char>(), 0..40)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
        1 => (any::<char>(), 1000usize..5000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
    .boxed()
}

/// Characters a raw query may hold that no HTTP layer re-encodes, with broken escapes.
pub const RAW_TEXT: &str = "(%[0-9A-Fa-f]{2}|%[G-Zg-z]{1,2}|%|[A-Za-z0-9_.~+:/?@!$()*,;=-]){0,24}";
