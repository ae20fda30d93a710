//! How a list is sorted, as data: the keys each pane can be sorted by, and which the
//! backend sorts itself. The keys that change it are in `app::sort`.

use pc_core::query::Pane;

/// What a list can be sorted by: its name (a `sort.*` text) and whether the backend
/// sorts by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    pub name: &'static str,
    pub server: bool,
    /// Largest or newest first when first chosen.
    pub descending: bool,
}

const fn key(name: &'static str, server: bool, descending: bool) -> SortKey {
    SortKey {
        name,
        server,
        descending,
    }
}

const ORDERS: &[SortKey] = &[
    key("created", true, false),
    key("amount", false, true),
    key("customer", false, false),
    key("status", false, false),
    // What can still be paid on behalf first, soonest deadline first.
    key("pay_by", false, false),
];
const CUSTOMERS: &[SortKey] = &[
    key("account", false, false),
    key("name", false, false),
    key("associated", false, true),
    // The API has no filter by freeze: frozen customers come first among those loaded.
    key("frozen", false, true),
];
const CONTRACTS: &[SortKey] = &[
    key("next_due", false, false),
    key("total", false, true),
    key("name", false, false),
];
const RESELLERS: &[SortKey] = &[key("name", false, false), key("associated", false, true)];
const FUNDS: &[SortKey] = &[key("amount", false, true), key("name", false, false)];
const CATALOG: &[SortKey] = &[key("name", false, false)];
const HISTORY: &[SortKey] = &[key("amount", false, true), key("operation", false, false)];
/// Listed by customer id; these sort the loaded rows.
const SPENDING: &[SortKey] = &[key("amount", false, true), key("customer", false, false)];
/// Gathered soonest expiry first; these sort what was gathered.
const RENEWALS: &[SortKey] = &[
    key("expires", false, false),
    key("customer", false, false),
    key("status", false, false),
];

/// The keys of each pane, in the order `o` goes through them.
pub fn keys(pane: Pane) -> &'static [SortKey] {
    match pane {
        Pane::Orders => ORDERS,
        Pane::Customers => CUSTOMERS,
        Pane::Contracts => CONTRACTS,
        Pane::Resellers => RESELLERS,
        Pane::Funds => FUNDS,
        Pane::Catalog => CATALOG,
        Pane::History => HISTORY,
        Pane::Renewals => RENEWALS,
        Pane::Spending => SPENDING,
    }
}

/// A pane's sort: which key and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// The `order_by` the backend is asked for, when it sorts by this key.
    pub fn order_by(self) -> Option<String> {
        (self.key.server && self.key.name == "created").then(|| {
            if self.descending {
                "-createTime".to_string()
            } else {
                "createTime".to_string()
            }
        })
    }
}
