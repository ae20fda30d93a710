//! The new-customer form as data: its fields, their availability checks and what they
//! make, with the pure rules; the keys that drive it are in `app::create`.

use chrono::{DateTime, TimeDelta, Utc};
use tui_input::Input;

use crate::app::model::code::CodeState;
use pc_api::rules::valid_email;
use pc_api::rules::{valid_account_name, valid_cn_mobile};

/// How long typing must pause before a field is checked.
pub const DEBOUNCE: TimeDelta = TimeDelta::milliseconds(400);

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Phone,
    Email,
    /// The international site's: the customer's country (ISO 3166 alpha-2).
    Country,
    Xaccount,
    Code,
    /// How the customer is associated: reseller (the API's default) or referral. A
    /// choice, not typed (not among `EDITABLE`).
    Type,
}

impl Field {
    pub const EDITABLE: [Field; 6] = [
        Field::Name,
        Field::Phone,
        Field::Email,
        Field::Country,
        Field::Xaccount,
        Field::Code,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Name => t!("create.field_name"),
            Field::Phone => t!("create.field_phone"),
            Field::Email => t!("create.field_email"),
            Field::Country => t!("create.field_country"),
            Field::Xaccount => t!("create.field_xaccount"),
            Field::Code => t!("create.field_code"),
            Field::Type => t!("create.field_type"),
        }
    }

    /// The check_user_identity `search_type` of a checked field.
    pub(crate) fn search_type(self) -> Option<&'static str> {
        match self {
            Field::Name => Some("name"),
            Field::Phone => Some("mobile"),
            Field::Email => Some("email"),
            Field::Country | Field::Xaccount | Field::Code | Field::Type => None,
        }
    }
}

/// What is known of a field's availability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Nothing typed.
    Empty,
    /// Not well formed: why.
    Invalid(String),
    /// To be checked at this time (typing paused).
    Due(DateTime<Utc>),
    /// Being checked (the request).
    Checking(u64),
    Available,
    Taken,
    /// The check itself failed (the backend's words); the create will tell.
    Failed(String),
}

/// The form. `Debug` never shows the code typed.
#[derive(Clone)]
pub struct CustomerForm {
    pub inputs: [Input; 6],
    /// On the international site: registered by e-mail (the code goes there), with
    /// the customer's country, and no phone.
    pub intl: bool,
    /// Associated as a referral customer rather than a reseller one (Chinese site).
    pub referral: bool,
    pub focus: Field,
    /// Availability of name, phone and e-mail.
    pub checks: [Check; 3],
    pub code: CodeState,
    pub error: Option<String>,
    /// The reseller a distributor creates the customer for (in its scope).
    pub reseller: Option<pc_core::ops::ForReseller>,
}

impl std::fmt::Debug for CustomerForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CustomerForm")
            .field("name", &self.value(Field::Name))
            .field("phone", &self.value(Field::Phone))
            .field("email", &self.value(Field::Email))
            .field("xaccount", &self.value(Field::Xaccount))
            .field("country", &self.value(Field::Country))
            .field("intl", &self.intl)
            .field("referral", &self.referral)
            .field("code_typed", &self.value(Field::Code).len())
            .field("focus", &self.focus)
            .field("checks", &self.checks)
            .field("code", &self.code)
            .field("error", &self.error)
            .field("reseller", &self.reseller)
            .finish()
    }
}

impl Default for CustomerForm {
    fn default() -> Self {
        CustomerForm {
            inputs: Default::default(),
            intl: false,
            referral: false,
            focus: Field::Name,
            checks: [Check::Empty, Check::Empty, Check::Empty],
            code: CodeState::NotSent,
            error: None,
            reseller: None,
        }
    }
}

pub(crate) fn index(field: Field) -> usize {
    Field::EDITABLE
        .iter()
        .position(|f| *f == field)
        .unwrap_or(0)
}

impl CustomerForm {
    pub fn value(&self, field: Field) -> &str {
        self.inputs[index(field)].value()
    }

    pub fn input(&self, field: Field) -> &Input {
        &self.inputs[index(field)]
    }

    pub fn check(&self, field: Field) -> Option<&Check> {
        match field {
            Field::Name => Some(&self.checks[0]),
            Field::Phone => Some(&self.checks[1]),
            Field::Email => Some(&self.checks[2]),
            Field::Country | Field::Xaccount | Field::Code | Field::Type => None,
        }
    }

    pub(crate) fn check_mut(&mut self, field: Field) -> Option<&mut Check> {
        match field {
            Field::Name => Some(&mut self.checks[0]),
            Field::Phone => Some(&mut self.checks[1]),
            Field::Email => Some(&mut self.checks[2]),
            Field::Country | Field::Xaccount | Field::Code | Field::Type => None,
        }
    }

    /// A new form for the site: on the international one, by e-mail with the country.
    pub fn for_site(site: pc_api::site::Site) -> CustomerForm {
        CustomerForm {
            intl: site == pc_api::site::Site::Intl,
            ..CustomerForm::default()
        }
    }

    /// Where the registration code goes: the phone, or on the international site the
    /// e-mail (empty: no code).
    pub fn code_recipient(&self) -> String {
        let field = if self.intl {
            Field::Email
        } else {
            Field::Phone
        };
        self.value(field).trim().to_string()
    }

    /// The country typed, upper-cased, when it is two letters.
    pub fn country(&self) -> Option<String> {
        let area = self.value(Field::Country).trim().to_ascii_uppercase();
        (area.len() == 2 && area.chars().all(|c| c.is_ascii_uppercase())).then_some(area)
    }

    /// The fields shown: the code only once the phone (the e-mail, on the
    /// international site) has one on its way.
    pub fn fields(&self) -> Vec<Field> {
        let mut out = if self.intl {
            vec![Field::Name, Field::Email, Field::Country, Field::Xaccount]
        } else {
            vec![
                Field::Name,
                Field::Phone,
                Field::Email,
                Field::Xaccount,
                Field::Type,
            ]
        };
        if self.code_field_shown() {
            out.push(Field::Code);
        }
        out
    }

    pub fn code_field_shown(&self) -> bool {
        matches!(&self.code, CodeState::Sent { phone, .. } if *phone == self.code_recipient())
    }

    /// The xaccount id sent: as typed, or derived from the account name.
    pub fn xaccount(&self) -> String {
        let typed = self.value(Field::Xaccount).trim();
        if typed.is_empty() {
            format!("x-{}", self.value(Field::Name).trim())
        } else {
            typed.to_string()
        }
    }

    /// Re-validates a field after an edit: malformed now, or to be checked after a pause.
    pub(crate) fn edited(&mut self, field: Field, now: DateTime<Utc>) {
        let value = self.value(field).trim().to_string();
        let local = match field {
            Field::Name if !valid_account_name(&value) => Some(t!("create.bad_name").to_string()),
            Field::Phone if !valid_cn_mobile(&value) => Some(t!("modal.bad_phone").to_string()),
            Field::Email if !valid_email(&value) => Some(t!("create.bad_email").to_string()),
            _ => None,
        };
        if let Some(check) = self.check_mut(field) {
            *check = match local {
                _ if value.is_empty() => Check::Empty,
                Some(why) => Check::Invalid(why),
                None => Check::Due(now + DEBOUNCE),
            };
        }
    }
}
