//! Text formatting for the screen: money, times, names of codes, masking.

use chrono::{FixedOffset, NaiveDateTime};
use rust_decimal::Decimal;
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// `text` padded with spaces to `width` display columns, like `{:<width}` but counting a
/// Chinese character as the two columns it takes.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    out
}

/// `text` in lines of at most `width` display columns, a wide character never split.
pub fn wrap_columns(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars().filter(|c| !c.is_control()) {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            // Break after the last space when it is not too far back (a Latin word goes
            // whole to the next line; Chinese breaks anywhere).
            let last = lines.last_mut().map(std::mem::take).unwrap_or_default();
            let (head, tail) = match last.rfind(' ') {
                Some(at) if last[at..].width() <= width / 3 => {
                    (last[..at].to_string(), last[at + 1..].to_string())
                }
                _ => (last, String::new()),
            };
            if let Some(l) = lines.last_mut() {
                *l = head;
            }
            used = tail.width();
            lines.push(tail);
        }
        if let Some(last) = lines.last_mut() {
            last.push(c);
        }
        used += w;
    }
    lines
}

/// `text` cut to `width` display columns, ending in `…` when anything was cut; a wide
/// character is never split.
pub fn clip(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // `Elastic Cloud…`, not `Elastic Cloud …`.
    out.truncate(out.trim_end().len());
    out.push('…');
    Cow::Owned(out)
}

/// A rated price as the rating APIs give it: two decimals at least, up to six when it
/// has them, so that a cheap hour adds up (0.076 − 0.0046 = 0.0714, not
/// 0.08 − 0.00 = 0.07).
pub fn price(amount: Decimal) -> String {
    let exact = amount.round_dp(6).normalize();
    if exact.scale() <= 2 {
        return money(exact);
    }
    let whole = money(exact.trunc());
    let whole = whole.strip_suffix(".00").unwrap_or(&whole);
    let sign = if exact.is_sign_negative() && !whole.starts_with('-') {
        "-"
    } else {
        ""
    };
    let frac = exact.fract().abs().to_string();
    format!("{sign}{whole}{}", frac.trim_start_matches('0'))
}

/// `1234567.5` → `1,234,567.50`.
pub fn money(amount: Decimal) -> String {
    let s = format!("{:.2}", amount.round_dp(2));
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// An order's status as a partner reads it: a pending order the customer asked this
/// partner to pay is one to act on ("asks you"); other pending ones the customer pays.
pub fn order_status_for(o: &pc_api::CustomerOrder) -> Cow<'static, str> {
    let asked = o
        .agent_pay_info
        .as_ref()
        .and_then(|a| a.is_agent_pay)
        .unwrap_or(false);
    if o.status == 6 && asked {
        Cow::Borrowed(t!("order_status.asks_you"))
    } else {
        order_status(o.status)
    }
}

/// A contract's status (`active`, `completed`) or an instalment's (`paid`, `due`,
/// `overdue`) in words; an unknown one as it is.
pub fn contract_status(code: &str) -> Cow<'_, str> {
    crate::i18n::find(crate::i18n::current(), &format!("contract_status.{code}"))
        .or_else(|| crate::i18n::find(crate::i18n::Locale::En, &format!("contract_status.{code}")))
        .map_or(Cow::Borrowed(code), Cow::Borrowed)
}

/// When a contract's next instalment is due, as of `now`: `overdue since 11-20` when
/// the date has passed.
pub fn next_due(
    due: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
    utc_offset_secs: i32,
) -> String {
    let Some(due) = due else {
        return String::new();
    };
    let day = date(due, utc_offset_secs);
    match parse_time(due) {
        Some(t) if t < now => t!("contract_status.overdue_since", date = day),
        _ => day,
    }
}

/// A discount's kind in words: an order's (`607` partner-authorised, `609` a price
/// adjustment, …) or a rating's (`0` promotion … `3` partner-granted); an unknown code
/// as "discount CODE".
pub fn discount(code: &str) -> Cow<'static, str> {
    let name = match code {
        "0" | "700" => Some(t!("discount.promotion")),
        "1" | "600" | "601" | "602" | "603" | "604" | "605" | "606" => {
            Some(t!("discount.contract"))
        }
        "2" => Some(t!("discount.business")),
        "3" | "607" => Some(t!("discount.partner")),
        "200" => Some(t!("discount.promo_product")),
        "300" => Some(t!("discount.discount_coupon")),
        "301" => Some(t!("discount.voucher")),
        "302" => Some(t!("discount.cash_coupon")),
        "500" | "501" | "502" => Some(t!("discount.agent")),
        "609" => Some(t!("discount.adjusted")),
        "610" => Some(t!("discount.waived")),
        "800" => Some(t!("discount.top_up")),
        "900" | "901" => Some(t!("discount.product")),
        _ => None,
    };
    name.map_or_else(
        || Cow::Owned(t!("discount.other", code = code)),
        Cow::Borrowed,
    )
}

/// A coupon's status (`1` inactive … `5` reclaimed).
/// What was done with a coupon (`operation_type` of its records).
pub fn coupon_operation(code: &str) -> Cow<'static, str> {
    match code {
        "1" => t!("coupons.op_issued").into(),
        "2" => t!("coupons.op_reclaimed").into(),
        "3" => t!("coupons.op_unbound").into(),
        "4" => t!("coupons.op_expired").into(),
        "5" => t!("coupons.op_unsubscribed").into(),
        "6" => t!("coupons.op_refund").into(),
        "7" => t!("coupons.op_associated").into(),
        "8" => t!("coupons.op_switched").into(),
        "9" => t!("coupons.op_transferred").into(),
        other => Cow::Owned(other.to_string()),
    }
}

pub fn coupon_status(code: i32) -> Cow<'static, str> {
    or_code(
        match code {
            1 => Some(t!("coupons.inactive")),
            2 => Some(t!("coupons.usable")),
            3 => Some(t!("coupons.used")),
            4 => Some(t!("coupons.expired")),
            5 => Some(t!("coupons.reclaimed")),
            _ => None,
        },
        code,
    )
}

/// A coupon's kind (`1` voucher, `4` cash coupon).
pub fn coupon_type(code: i32) -> Cow<'static, str> {
    or_code(
        match code {
            1 => Some(t!("coupons.voucher")),
            4 => Some(t!("coupons.cash")),
            _ => None,
        },
        code,
    )
}

/// A customer's freeze (`is_frozen`: 1 the account, 2 the account and its resources),
/// in words; `None` when it is not frozen.
pub fn frozen(code: Option<i32>) -> Option<&'static str> {
    match code {
        Some(1) => Some(t!("customer.frozen")),
        Some(2) => Some(t!("customer.frozen_all")),
        _ => None,
    }
}

/// A yearly/monthly resource's status (`2` in use … `5` expired, which is its grace
/// period).
pub fn resource_status(code: i32) -> Cow<'static, str> {
    or_code(
        match code {
            pc_api::RESOURCE_IN_USE => Some(t!("resource_status.in_use")),
            pc_api::RESOURCE_CLOSED => Some(t!("resource_status.closed")),
            pc_api::RESOURCE_FROZEN => Some(t!("resource_status.frozen")),
            pc_api::RESOURCE_EXPIRED => Some(t!("resource_status.grace")),
            _ => None,
        },
        code,
    )
}

/// An account change record's kind (`trade_detail_type`), in words when known.
pub fn trade_detail(code: &str) -> Cow<'_, str> {
    let name = match code {
        "SOURCE_OPERAIION_RECHARGE" | "SOURCE_OPERAIION_RECHARGE_REBATE" => {
            Some(t!("ledger.recharge"))
        }
        "SOURCE_OPERAIION_DEDEUCT" | "SOURCE_OPERAIION_ONETIME" | "SOURCE_OPERAIION_USAGE" => {
            Some(t!("ledger.payment"))
        }
        "SOURCE_OPERAIION_REFUND" | "SOURCE_OPERAIION_UNSUBSCRIBE" => Some(t!("ledger.refund")),
        "SOURCE_OPERATION_BEADJUST" => Some(t!("ledger.allocate")),
        "SOURCE_OPERATION_BERETRIEVE" => Some(t!("ledger.recall")),
        "SOURCE_OPERATION_BEUNBIND" => Some(t!("ledger.unbind")),
        "SOURCE_OPERAIION_ADJUST" | "SOURCE_OPERAIION_ADJUST_CREDIT" => Some(t!("ledger.adjust")),
        _ => None,
    };
    name.map_or(Cow::Borrowed(code), Cow::Borrowed)
}

/// A pay-per-use resource's status (`1` normal … `6` closed).
pub fn on_demand_status(code: i32) -> Cow<'static, str> {
    or_code(
        match code {
            1 => Some(t!("resource_status.in_use")),
            2 => Some(t!("resource_status.grace")),
            3 => Some(t!("resource_status.frozen")),
            4 => Some(t!("resource_status.changing")),
            5 => Some(t!("resource_status.closing")),
            6 => Some(t!("resource_status.closed")),
            _ => None,
        },
        code,
    )
}

/// What happens to a resource at expiry (`expire_policy`).
pub fn expire_policy(code: i32) -> Cow<'static, str> {
    or_code(
        match code {
            0 => Some(t!("expire_policy.grace")),
            1 => Some(t!("expire_policy.on_demand")),
            2 => Some(t!("expire_policy.delete")),
            3 => Some(t!("expire_policy.auto_renew")),
            4 => Some(t!("expire_policy.freeze")),
            5 => Some(t!("expire_policy.release")),
            _ => None,
        },
        code,
    )
}

/// How far an expiry is from `now`, in whole days: `in 12 d`, `today`, `3 d ago`.
pub fn expires_in(api_time: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    let Some(t) = parse_time(api_time) else {
        return String::new();
    };
    let days = (t - now).num_days();
    match days {
        0 => t!("renewals.today").to_string(),
        d if d > 0 => t!("renewals.in_days", days = d),
        d => t!("renewals.days_ago", days = -d),
    }
}

/// An API time (`2025-01-02T03:04:05Z`, or with a fraction or an offset) as a UTC time.
pub fn parse_time(api_time: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(api_time)
        .map(|t| t.with_timezone(&chrono::Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(api_time, "%Y-%m-%dT%H:%M:%SZ")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// Time left, to the minute: `2 d 3 h`, `3 h 12 min`, `12 min`, `under a minute`.
/// [`time_left`] in a list's few columns: `2d 5h`, `3h 10m`, `45m`.
pub fn time_left_short(seconds: i64) -> String {
    let m = seconds.max(0) / 60;
    let (d, h, m) = (m / 1440, m / 60 % 24, m % 60);
    if d > 0 {
        t!("time.short_days_hours", d = d, h = h)
    } else if h > 0 {
        t!("time.short_hours_minutes", h = h, m = m)
    } else {
        t!("time.short_minutes", m = m.max(1))
    }
}

pub fn time_left(seconds: i64) -> String {
    let m = seconds.max(0) / 60;
    let (d, h, m) = (m / 1440, m / 60 % 24, m % 60);
    if d > 0 {
        t!("time.days_hours", d = d, h = h)
    } else if h > 0 {
        t!("time.hours_minutes", h = h, m = m)
    } else if m > 0 {
        t!("time.minutes", m = m)
    } else {
        t!("time.under_a_minute").into()
    }
}

/// A UTC `…Z` API time shown in local time as `2025-01-02 11:04`; unparsable times as
/// they are.
pub fn time(api_time: &str, utc_offset_secs: i32) -> String {
    let Ok(t) = NaiveDateTime::parse_from_str(api_time, "%Y-%m-%dT%H:%M:%SZ") else {
        return api_time.to_string();
    };
    let offset = FixedOffset::east_opt(utc_offset_secs)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    t.and_utc()
        .with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A date only, `2025-01-02`.
pub fn date(api_time: &str, utc_offset_secs: i32) -> String {
    time(api_time, utc_offset_secs).chars().take(10).collect()
}

/// A code's name when it is one the console knows; otherwise the code itself, as the
/// SDK shows a value its enum does not list (never an error, never "other").
fn or_code(name: Option<&'static str>, code: impl std::fmt::Display) -> Cow<'static, str> {
    name.map_or_else(|| Cow::Owned(code.to_string()), Cow::Borrowed)
}

pub fn known_order_type(code: i32) -> Option<&'static str> {
    Some(match code {
        1 => t!("order_type.new"),
        2 => t!("order_type.renewal"),
        3 => t!("order_type.change"),
        4 => t!("order_type.unsubscribe"),
        10 => t!("order_type.to_on_demand"),
        11 => t!("order_type.to_yearly_monthly"),
        13 => t!("order_type.trial"),
        14 => t!("order_type.trial_to_commercial"),
        15 => t!("order_type.fee_adjustment"),
        _ => return None,
    })
}

pub fn order_type(code: i32) -> Cow<'static, str> {
    or_code(known_order_type(code), code)
}

/// An order status as the screen and the script tables show it (the names `--status`
/// and the filter take are `app::filter::status_name`, always English).
pub fn known_order_status(code: i32) -> Option<&'static str> {
    Some(match code {
        1 => t!("order_status.review"),
        2 => t!("order_status.refund"),
        3 => t!("order_status.processing"),
        4 => t!("order_status.cancelled"),
        5 => t!("order_status.completed"),
        6 => t!("order_status.pending"),
        9 => t!("order_status.confirming"),
        10 => t!("order_status.to_ship"),
        11 => t!("order_status.to_receive"),
        12 => t!("order_status.pickup"),
        13 => t!("order_status.replacing"),
        _ => return None,
    })
}

pub fn order_status(code: i32) -> Cow<'static, str> {
    or_code(known_order_status(code), code)
}

pub fn known_association(code: &str) -> Option<&'static str> {
    match code {
        "1" => Some(t!("association.referral")),
        "2" | "3" => Some(t!("association.reseller")),
        _ => None,
    }
}

pub fn association(code: Option<&str>) -> Cow<'static, str> {
    match code {
        None | Some("") => Cow::Borrowed("—"),
        Some(c) => or_code(known_association(c), c),
    }
}

pub fn known_verified(code: &str) -> Option<&'static str> {
    Some(match code {
        "-1" => t!("verified.not_verified"),
        "0" => t!("verified.under_review"),
        "1" => t!("verified.rejected"),
        "2" => t!("verified.verified"),
        "3" => t!("verified.failed"),
        _ => return None,
    })
}

pub fn verified(code: Option<&str>) -> Cow<'static, str> {
    match code {
        None | Some("") => Cow::Borrowed("—"),
        Some(c) => or_code(known_verified(c), c),
    }
}

pub fn account_type(code: i32) -> Cow<'static, str> {
    let name = match code {
        1 => Some(t!("account_type.balance")),
        2 => Some(t!("account_type.credit")),
        5 => Some(t!("account_type.bonus")),
        7 => Some(t!("account_type.deposit")),
        8 => Some(t!("account_type.allocatable")),
        _ => None,
    };
    or_code(name, code)
}

pub fn known_operation(code: &str) -> Option<&'static str> {
    match code {
        pc_api::OP_ALLOCATE => Some(t!("fund_operation.allocate")),
        pc_api::OP_RECLAIM => Some(t!("fund_operation.recall")),
        pc_api::OP_RECLAIM_UNBIND => Some(t!("fund_operation.recall_unbind")),
        _ => None,
    }
}

pub fn operation(code: &str) -> Cow<'static, str> {
    or_code(known_operation(code), code)
}

pub fn mask_phone(phone: Option<&str>) -> String {
    phone.map_or_else(|| "—".to_string(), pc_api::mask_phone)
}

/// Why an amount cannot be sent, in the user's language.
pub fn amount_error(e: pc_api::money::AmountError) -> String {
    use pc_api::money::{AmountError, MAX_AMOUNT};
    match e {
        AmountError::NotPositive(amount) => t!("money.not_positive", amount = amount),
        AmountError::TooManyDecimals(amount) => t!("money.too_many_decimals", amount = amount),
        AmountError::TooLarge(amount) => t!("money.too_large", max = MAX_AMOUNT, amount = amount),
    }
}

/// [`pc_api::money::check_request_amount`], worded in the user's language.
pub fn check_amount(amount: Decimal) -> Result<(), String> {
    pc_api::money::check_request_amount(amount).map_err(amount_error)
}

/// What went wrong in a call, in the user's language (the client's own `Display` is
/// English, for logs).
pub fn client_error(e: &pc_client::ClientError) -> String {
    use pc_client::{ClientError, IdKind};
    match e {
        ClientError::Api { code, message, .. } => format!("{code}: {message}"),
        ClientError::Timeout(after) => t!("client_error.timeout", after = format!("{after:?}")),
        ClientError::Connect(e) => t!("client_error.connect", error = e),
        ClientError::Transport(e) => t!("client_error.transport", error = e),
        ClientError::Decode { status, detail } => {
            t!("client_error.decode", status = status, detail = detail)
        }
        ClientError::Endpoint(endpoint) => {
            t!("client_error.endpoint", endpoint = format!("{endpoint:?}"))
        }
        ClientError::EndpointCredentials(endpoint) => {
            t!(
                "client_error.endpoint_credentials",
                endpoint = format!("{endpoint:?}")
            )
        }
        ClientError::BadCredentials => t!("client_error.bad_credentials").into(),
        ClientError::Redirect { status, location } => t!(
            "client_error.redirect",
            status = status,
            location = format!("{location:?}")
        ),
        ClientError::TooLarge { limit } => t!("client_error.too_large", limit = limit),
        ClientError::NotAnId { id, what } => {
            let what = match what {
                IdKind::Order => t!("client_error.an_order_id"),
                IdKind::Contract => t!("client_error.a_contract_id"),
                IdKind::Agreement => t!("client_error.an_agreement_id"),
                IdKind::Customer => t!("client_error.a_customer_id"),
                IdKind::Plan => t!("client_error.a_plan_id"),
                IdKind::Coupon => t!("client_error.a_coupon_id"),
                IdKind::Request => t!("client_error.a_request_id"),
                IdKind::Other => t!("client_error.an_id"),
            };
            t!(
                "client_error.not_an_id",
                id = format!("{id:?}"),
                what = what
            )
        }
        ClientError::NotAProfileField(field) => {
            t!(
                "client_error.not_a_profile_field",
                field = format!("{field:?}")
            )
        }
        ClientError::InvalidInput(e) => e.clone(),
        ClientError::NoDomain => t!("client_error.no_domain").into(),
        ClientError::NoProject(region) => {
            t!("client_error.no_project", region = format!("{region:?}"))
        }
    }
}

/// Says what went wrong in words for the screen.
pub fn describe(e: &pc_client::ClientError) -> String {
    match e {
        e if e.credentials_expired() => t!(
            "describe.credentials_expired",
            code = e.code().unwrap_or_default()
        ),
        e if e.throttled() => t!(
            "describe.throttled",
            code = e.code().unwrap_or_default(),
            tries = pc_client::THROTTLE_TRIES
        ),
        pc_client::ClientError::Api { code, message, .. }
            if code == pc_api::error::codes::AUTH_FAILED && message.contains("X-Domain-Id") =>
        {
            t!("describe.wrong_domain", code = code, message = message)
        }
        pc_client::ClientError::Api { code, message, .. }
            if code == pc_api::error::codes::AUTH_FAILED =>
        {
            t!("describe.auth_failed", code = code, message = message)
        }
        other => client_error(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_groups_thousands() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(d("0")), "0.00");
        assert_eq!(money(d("999.5")), "999.50");
        assert_eq!(money(d("1234567.891")), "1,234,567.89");
        assert_eq!(money(d("-1000")), "-1,000.00");
    }

    #[test]
    fn overdue_instalments_and_orders_asking_this_partner_are_marked() {
        let now = parse_time("2026-11-23T09:00:00Z").unwrap();
        assert_eq!(
            next_due(Some("2026-11-20T00:00:00Z"), now, 0),
            "⚠ 2026-11-20 overdue"
        );
        assert_eq!(next_due(Some("2026-12-20T00:00:00Z"), now, 0), "2026-12-20");
        assert_eq!(next_due(None, now, 0), "");
        assert_eq!(contract_status("active"), "active");
        let mut o = pc_api::CustomerOrder {
            status: 6,
            ..Default::default()
        };
        assert_eq!(order_status_for(&o), "pending");
        o.agent_pay_info = Some(pc_api::AgentPayInfo {
            is_agent_pay: Some(true),
            ..Default::default()
        });
        assert_eq!(order_status_for(&o), "asks you");
        crate::i18n::with_locale(crate::i18n::Locale::ZhCn, || {
            assert_eq!(order_status_for(&o), "请您代付");
            assert_eq!(contract_status("overdue"), "已逾期");
        });
    }

    #[test]
    fn long_text_wraps_at_a_space_or_anywhere_in_chinese() {
        assert_eq!(
            wrap_columns("use one of review, refund, completed", 20),
            ["use one of review,", "refund, completed"]
        );
        assert_eq!(
            wrap_columns("杭州极光网络科技有限公司", 10),
            ["杭州极光网", "络科技有限", "公司"]
        );
        assert_eq!(wrap_columns("", 10), [""]);
    }

    #[test]
    fn time_left_is_told_to_the_minute() {
        assert_eq!(time_left(2 * 86_400 + 3 * 3600 + 59), "2 d 3 h");
        assert_eq!(time_left(3 * 3600 + 12 * 60 + 30), "3 h 12 min");
        assert_eq!(time_left(12 * 60), "12 min");
        assert_eq!(time_left(30), "under a minute");
        assert_eq!(time_left(-5), "under a minute");
        assert_eq!(
            parse_time("2026-12-07T19:20:00.000+08:00").map(|t| t.to_rfc3339()),
            Some("2026-12-07T11:20:00+00:00".into())
        );
    }

    #[test]
    fn clipping_ends_in_an_ellipsis_and_never_splits_a_wide_character() {
        assert_eq!(clip("trial→commercial", 12), "trial→comme…");
        assert_eq!(clip("CS-DEMO-OK-1", 12), "CS-DEMO-OK-1");
        assert_eq!(clip("杭州极光科技", 7), "杭州极…");
        assert_eq!(clip("杭州极光科技", 6), "杭州…");
        assert_eq!(clip("abc", 1), "…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(clip("Elastic Cloud Server", 15), "Elastic Cloud…");
    }

    #[test]
    fn padding_counts_display_columns() {
        assert_eq!(pad("ab", 5), format!("{:<5}", "ab"));
        assert_eq!(pad("余额", 6), "余额  ");
        assert_eq!(pad("too long", 3), "too long");
        // Every order status the filter knows has a name on screen.
        for (name, code) in crate::filter::ORDER_STATUSES {
            assert_eq!(order_status(code), name);
        }
    }

    #[test]
    fn rated_prices_keep_their_decimals() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(price(d("0.0760")), "0.076");
        assert_eq!(price(d("0.0046")), "0.0046");
        assert_eq!(price(d("0.0714")), "0.0714");
        assert_eq!(price(d("32.20")), "32.20");
        assert_eq!(price(d("1234.5")), "1,234.50");
        assert_eq!(price(d("1234.56789")), "1,234.56789");
        assert_eq!(price(d("0.1234567")), "0.123457");
        assert_eq!(price(d("-0.0046")), "-0.0046");
    }

    #[test]
    fn a_code_the_console_does_not_know_is_shown_as_it_is() {
        assert_eq!(order_status(99), "99");
        assert_eq!(order_type(42), "42");
        assert_eq!(account_type(77), "77");
        assert_eq!(verified(Some("7")), "7");
        assert_eq!(association(Some("9")), "9");
        assert_eq!(operation("SOURCE_OPERATION_NEW"), "SOURCE_OPERATION_NEW");
        assert_eq!(verified(None), "—");
        assert_eq!(
            association(Some("3")),
            association(Some("2")),
            "resale is a reseller"
        );
    }

    #[test]
    fn times_in_local_time() {
        assert_eq!(time("2025-01-02T03:04:05Z", 8 * 3600), "2025-01-02 11:04");
        assert_eq!(time("garbage", 0), "garbage");
        assert_eq!(date("2025-01-02T23:04:05Z", 3600), "2025-01-03");
    }
}
