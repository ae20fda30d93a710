//! The real-name form as data: the method, the document kind, the fields with their
//! format rules, and the reviews being followed; the keys are in `app::realname`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use tui_input::Input;

use crate::app::model::code::CodeState;
use pc_api::rules::valid_cn_mobile;
use pc_api::rules::{
    CERTIFICATE_TYPES, DOCUMENT_TYPES, valid_bank_account, valid_credit_code,
    valid_document_number, valid_file_name, valid_real_name, valid_resident_id,
};
use pc_core::ops::{Identity, Operation, Secret};

/// How the customer proves who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Document,
    BankCard,
    Enterprise,
}

impl Method {
    const ALL: [Method; 3] = [Method::BankCard, Method::Document, Method::Enterprise];

    pub fn label(self) -> &'static str {
        match self {
            Method::Document => t!("realname.method_document"),
            Method::BankCard => t!("realname.method_bank_card"),
            Method::Enterprise => t!("realname.method_enterprise"),
        }
    }
}

/// The form's fields; which are shown depends on the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Method,
    Kind,
    Name,
    Number,
    Files,
    BankAccount,
    BankPhone,
    Code,
    LegalName,
    LegalId,
}

pub(crate) const ALL: [Field; 10] = [
    Field::Method,
    Field::Kind,
    Field::Name,
    Field::Number,
    Field::Files,
    Field::BankAccount,
    Field::BankPhone,
    Field::Code,
    Field::LegalName,
    Field::LegalId,
];

pub(crate) fn index(field: Field) -> usize {
    ALL.iter().position(|f| *f == field).unwrap_or(0)
}

/// Fields typed as digits only.
pub(crate) fn digits_only(field: Field) -> bool {
    matches!(field, Field::BankAccount | Field::BankPhone | Field::Code)
}

/// The form. `Debug` shows neither numbers nor the code.
#[derive(Clone)]
pub struct RealnameForm {
    pub customer_id: String,
    pub customer_name: String,
    pub method: Method,
    /// Index into [`DOCUMENT_TYPES`] or [`CERTIFICATE_TYPES`].
    pub kind: usize,
    pub inputs: [Input; 10],
    pub focus: Field,
    pub code: CodeState,
    pub error: Option<String>,
    /// The day the form was opened: a birth date after it is no date of birth.
    pub today: NaiveDate,
    /// The customer's present name when it reads as an organisation's: a personal
    /// check would make the account a person's (and its name the person's).
    pub company: Option<String>,
    /// That was said once: Enter again goes on as a person.
    pub warned: bool,
    /// The field filled in for the user (the name of a rejected submission): selected
    /// until touched, so that typing replaces it.
    pub filled: Option<Field>,
}

/// Whether `name` reads as an organisation's (公司, 有限, Ltd, Inc, GmbH…).
pub fn looks_like_company(name: &str) -> bool {
    const MARKS: [&str; 12] = [
        "公司",
        "有限",
        "集团",
        "中心",
        "研究院",
        "学校",
        "大学",
        "医院",
        "事务所",
        "协会",
        "银行",
        "工作室",
    ];
    const LATIN: [&str; 12] = [
        " ltd",
        " limited",
        " inc",
        " llc",
        " co.",
        " gmbh",
        " corp",
        " pte",
        " group",
        " services",
        " studio",
        " labs",
    ];
    let lower = format!(" {}", name.to_lowercase());
    MARKS.iter().any(|m| name.contains(m)) || LATIN.iter().any(|m| lower.contains(m))
}

impl std::fmt::Debug for RealnameForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RealnameForm")
            .field("customer_id", &self.customer_id)
            .field("method", &self.method)
            .field("kind", &self.kind)
            .field("name", &self.value(Field::Name))
            .field("focus", &self.focus)
            .field("code_sent", &matches!(self.code, CodeState::Sent { .. }))
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl RealnameForm {
    pub fn new(customer_id: String, customer_name: String, today: NaiveDate) -> Self {
        RealnameForm {
            today,
            customer_id,
            customer_name,
            method: Method::BankCard,
            kind: 0,
            inputs: Default::default(),
            focus: Field::Method,
            code: CodeState::NotSent,
            error: None,
            company: None,
            warned: false,
            filled: None,
        }
    }

    /// A personal method for a customer whose name reads as an organisation's.
    pub fn person_for_company(&self) -> Option<&str> {
        self.company
            .as_deref()
            .filter(|_| self.method != Method::Enterprise)
    }

    pub fn value(&self, field: Field) -> &str {
        self.inputs[index(field)].value()
    }

    pub fn input(&self, field: Field) -> &Input {
        &self.inputs[index(field)]
    }

    pub(crate) fn trimmed(&self, field: Field) -> String {
        self.value(field).trim().to_string()
    }

    /// The fields shown for the method, in order.
    pub fn fields(&self) -> Vec<Field> {
        use Field as F;
        match self.method {
            Method::Document => vec![F::Method, F::Kind, F::Name, F::Number, F::Files],
            Method::BankCard => {
                let mut out = vec![F::Method, F::Name, F::Number, F::BankAccount, F::BankPhone];
                if self.code_field_shown() {
                    out.push(F::Code);
                }
                out
            }
            Method::Enterprise => vec![
                F::Method,
                F::Kind,
                F::Name,
                F::Number,
                F::Files,
                F::LegalName,
                F::LegalId,
            ],
        }
    }

    pub fn code_field_shown(&self) -> bool {
        matches!(&self.code, CodeState::Sent { phone, .. } if *phone == self.trimmed(Field::BankPhone))
    }

    pub fn label(&self, field: Field) -> &'static str {
        match (field, self.method) {
            (Field::Method, _) => t!("realname.field_method"),
            (Field::Kind, Method::Enterprise) => t!("realname.field_certificate"),
            (Field::Kind, _) => t!("realname.field_document"),
            (Field::Name, Method::Enterprise) => t!("realname.field_organisation"),
            (Field::Name, _) => t!("realname.field_real_name"),
            (Field::Number, Method::BankCard) => t!("realname.field_resident_id"),
            (Field::Number, Method::Enterprise) if self.kind_code() == 0 => {
                t!("realname.field_credit_code")
            }
            (Field::Number, _) => t!("realname.field_document_number"),
            (Field::Files, Method::Enterprise) => t!("realname.field_images_1_or_3"),
            (Field::Files, _) => t!("realname.field_images_3"),
            (Field::BankAccount, _) => t!("realname.field_bank_card"),
            (Field::BankPhone, _) => t!("realname.field_bank_phone"),
            (Field::Code, _) => t!("create.field_code"),
            (Field::LegalName, _) => t!("realname.field_legal_name"),
            (Field::LegalId, _) => t!("realname.field_legal_id"),
        }
    }

    /// The `verified_type` / `certificate_type` chosen.
    pub fn kind_code(&self) -> i32 {
        match self.method {
            Method::Enterprise => CERTIFICATE_TYPES[self.kind % CERTIFICATE_TYPES.len()].0,
            _ => DOCUMENT_TYPES[self.kind % DOCUMENT_TYPES.len()].0,
        }
    }

    /// What a selector field shows.
    pub fn choice(&self, field: Field) -> Option<String> {
        match field {
            Field::Method => Some(self.method.label().to_string()),
            Field::Kind => Some(match self.method {
                Method::Enterprise => CERTIFICATE_TYPES[self.kind % CERTIFICATE_TYPES.len()]
                    .1
                    .to_string(),
                _ => DOCUMENT_TYPES[self.kind % DOCUMENT_TYPES.len()]
                    .1
                    .to_string(),
            }),
            _ => None,
        }
    }

    /// The image names typed, split on commas and spaces.
    pub fn files(&self) -> Vec<String> {
        self.value(Field::Files)
            .split([',', ' ', '，'])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// What is wrong with a field as typed (`None` when fine, or empty and optional).
    pub fn problem(&self, field: Field) -> Option<String> {
        // Numbers are sent upper-cased (a check character X, permit letters).
        let v = match field {
            Field::Number | Field::LegalId => self.trimmed(field).to_ascii_uppercase(),
            _ => self.trimmed(field),
        };
        let enterprise = self.method == Method::Enterprise;
        let required = match field {
            Field::Method | Field::Kind | Field::LegalName | Field::LegalId => false,
            Field::Code => self.code_field_shown(),
            _ => true,
        };
        if v.is_empty() {
            return match field {
                Field::LegalId if !self.trimmed(Field::LegalName).is_empty() => {
                    Some(t!("realname.required_with_legal").into())
                }
                Field::LegalName if !self.trimmed(Field::LegalId).is_empty() => {
                    Some(t!("realname.required_with_id").into())
                }
                _ if required => Some(t!("realname.required").into()),
                _ => None,
            };
        }
        let bad = |ok: bool, why: &str| (!ok).then(|| why.to_string());
        match field {
            Field::Method | Field::Kind => None,
            Field::Name | Field::LegalName => bad(valid_real_name(&v), t!("realname.bad_name")),
            Field::Number => match self.method {
                Method::BankCard => bad(
                    valid_resident_id(&v, self.today),
                    t!("realname.bad_resident_id"),
                ),
                Method::Document => bad(
                    valid_document_number(self.kind_code(), &v, self.today),
                    match self.kind_code() {
                        3 => t!("realname.bad_passport"),
                        5 => t!("realname.bad_hk_macao"),
                        6 => t!("realname.bad_taiwan"),
                        9 => t!("realname.bad_hk_macao_residence"),
                        _ => t!("realname.bad_taiwan_residence"),
                    },
                ),
                Method::Enterprise if self.kind_code() == 0 => {
                    bad(valid_credit_code(&v), t!("realname.bad_credit_code"))
                }
                Method::Enterprise => bad(
                    (4..=64).contains(&v.len())
                        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                    t!("realname.bad_certificate_number"),
                ),
            },
            Field::Files => {
                let files = self.files();
                let want = if !enterprise {
                    3
                } else if self.trimmed(Field::LegalName).is_empty() {
                    1
                } else {
                    3
                };
                if let Some(f) = files.iter().find(|f| !valid_file_name(f)) {
                    Some(t!("realname.bad_file", file = f))
                } else if files.len() != want {
                    Some(if enterprise && want == 3 {
                        t!("realname.files_enterprise_legal").into()
                    } else if enterprise {
                        t!("realname.files_enterprise").into()
                    } else {
                        t!("realname.files_personal").into()
                    })
                } else {
                    None
                }
            }
            Field::BankAccount => bad(valid_bank_account(&v), t!("realname.bad_bank_card")),
            Field::BankPhone => bad(valid_cn_mobile(&v), t!("realname.bad_bank_phone")),
            Field::Code => bad(v.len() == 6, t!("realname.bad_code")),
            Field::LegalId => bad(
                valid_resident_id(&v, self.today),
                t!("realname.bad_resident_id"),
            ),
        }
    }

    pub(crate) fn cycle(&mut self, forward: bool) {
        match self.focus {
            Field::Method => {
                let at = Method::ALL
                    .iter()
                    .position(|m| *m == self.method)
                    .unwrap_or(0);
                let n = Method::ALL.len();
                self.method = Method::ALL[if forward { at + 1 } else { at + n - 1 } % n];
                self.kind = 0;
            }
            Field::Kind => {
                let n = if self.method == Method::Enterprise {
                    CERTIFICATE_TYPES.len()
                } else {
                    DOCUMENT_TYPES.len()
                };
                self.kind = if forward {
                    (self.kind + 1) % n
                } else {
                    (self.kind + n - 1) % n
                };
            }
            _ => {}
        }
    }

    /// The operation the form describes (call once every field is fine).
    pub(crate) fn operation(&self, xaccount_type: String) -> Operation {
        let identity = match self.method {
            Method::Document => Identity::Document {
                verified_type: self.kind_code(),
                files: self.files(),
            },
            Method::BankCard => Identity::BankCard {
                bank_account: Secret(self.trimmed(Field::BankAccount)),
                phone: Secret(self.trimmed(Field::BankPhone)),
                code: Secret(self.trimmed(Field::Code)),
            },
            Method::Enterprise => {
                let legal = self.trimmed(Field::LegalName);
                Identity::Enterprise {
                    certificate_type: self.kind_code(),
                    files: self.files(),
                    legal_name: (!legal.is_empty()).then_some(legal),
                    legal_id: Secret(self.trimmed(Field::LegalId).to_ascii_uppercase()),
                }
            }
        };
        Operation::RealnameAuth {
            customer_id: self.customer_id.clone(),
            customer_name: self.customer_name.clone(),
            name: self.trimmed(Field::Name),
            number: Secret(self.trimmed(Field::Number).to_ascii_uppercase()),
            identity,
            xaccount_type,
        }
    }
}

/// What the console knows of a customer's real-name review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub account: String,
    /// `0` under review, `1` rejected, `2` passed.
    pub result: Option<i32>,
    pub opinion: Option<String>,
    /// A submission of this session: its decision is looked for and told.
    pub watching: bool,
}

pub type Reviews = BTreeMap<String, Review>;
