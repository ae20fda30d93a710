//! Real-name authentication of a customer (`v` on Customers or a customer's detail,
//! docs/bss-api.md §10): an individual by identity document or by personal bank card, or an
//! enterprise by organisation document. Every number is checked by its real format
//! before anything is sent. For a bank card the code goes to the phone reserved at the
//! bank (BSS send code, scene 18) and is typed here. Documents go to manual review: the
//! console then asks for the decision on every refresh and tells it when it comes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::sms::{CodeState, CodeStep, code_arrived, code_step, start_code};
use super::{Command, Detail, DetailData, Overlay, Pane, State};
use pc_api::RealnameReviewResp;
use pc_api::rules::valid_cn_mobile;
use pc_api::rules::{
    CERTIFICATE_TYPES, DOCUMENT_TYPES, STATUS_REJECTED, STATUS_REVIEW, STATUS_VERIFIED,
    valid_bank_account, valid_credit_code, valid_document_number, valid_file_name, valid_real_name,
    valid_resident_id,
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

const ALL: [Field; 10] = [
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

fn index(field: Field) -> usize {
    ALL.iter().position(|f| *f == field).unwrap_or(0)
}

/// Fields typed as digits only.
fn digits_only(field: Field) -> bool {
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
        }
    }

    pub fn value(&self, field: Field) -> &str {
        self.inputs[index(field)].value()
    }

    pub fn input(&self, field: Field) -> &Input {
        &self.inputs[index(field)]
    }

    fn trimmed(&self, field: Field) -> String {
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

    fn cycle(&mut self, forward: bool) {
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
    fn operation(&self, xaccount_type: String) -> Operation {
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

/// `v` on Customers or a customer's detail: the form (or why not).
pub fn open(state: &mut State) -> Vec<Command> {
    if state.pane != Pane::Customers {
        state.toast(t!("realname.where"), false);
        return vec![];
    }
    let Some(c) = super::customer_in_focus(state) else {
        return vec![];
    };
    if state.session.read_only {
        state.toast(t!("realname.read_only"), true);
        return vec![];
    }
    let status = c.verified_status.as_deref().unwrap_or("-1");
    let refusal = match status {
        STATUS_VERIFIED => Some(t!("realname.already_verified", account = c.account_name)),
        STATUS_REVIEW => Some(t!(
            "realname.already_under_review",
            account = c.account_name
        )),
        _ => None,
    };
    if let Some(why) = refusal {
        state.toast(why, false);
        return vec![];
    }
    if state.session.platform_id.is_none() {
        state.toast(t!("realname.no_platform_id"), true);
        return vec![];
    }
    let name = c.customer.clone().unwrap_or_else(|| c.account_name.clone());
    let mut form = RealnameForm::new(
        c.customer_id.clone(),
        c.account_name.clone(),
        state.now.date_naive(),
    );
    // A rejected submission is usually made again with the same name.
    if status == STATUS_REJECTED {
        form.inputs[index(Field::Name)] = Input::new(name);
    }
    state.overlay = Some(Overlay::Realname(Box::new(form)));
    vec![]
}

/// Keys while the form is open.
pub fn on_key(state: &mut State, mut form: Box<RealnameForm>, key: KeyEvent) -> Vec<Command> {
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        state.overlay = Some(Overlay::Realname(form));
        return super::quit(state);
    }
    let fields = form.fields();
    let at = fields.iter().position(|f| *f == form.focus).unwrap_or(0);
    let selector = matches!(form.focus, Field::Method | Field::Kind);
    let mut cmds = vec![];
    match key.code {
        KeyCode::Esc => {
            state.toast(t!("realname.cancelled"), false);
            return vec![];
        }
        KeyCode::Tab | KeyCode::Down => form.focus = fields[(at + 1) % fields.len()],
        KeyCode::BackTab | KeyCode::Up => {
            form.focus = fields[(at + fields.len() - 1) % fields.len()]
        }
        KeyCode::Left if selector => form.cycle(false),
        KeyCode::Right | KeyCode::Char(' ') if selector => form.cycle(true),
        KeyCode::Enter => cmds = submit(state, &mut form),
        _ if selector => {}
        _ => {
            let field = form.focus;
            let allowed = match key.code {
                KeyCode::Char(c) if digits_only(field) => c.is_ascii_digit(),
                KeyCode::Char(c) => !c.is_control(),
                _ => true,
            };
            let too_long = matches!(key.code, KeyCode::Char(_))
                && field == Field::Code
                && form.value(Field::Code).len() >= 6;
            if allowed && !too_long {
                form.inputs[index(field)].handle_event(&crossterm::event::Event::Key(key));
                form.error = None;
            }
        }
    }
    state.overlay = Some(Overlay::Realname(form));
    cmds
}

/// Pasted text goes into the focused field.
pub fn on_paste(state: &mut State, text: &str) {
    if let Some(Overlay::Realname(form)) = &mut state.overlay {
        let field = form.focus;
        if matches!(field, Field::Method | Field::Kind) {
            return;
        }
        let mut value = form.value(field).to_string();
        value.extend(
            text.chars()
                .filter(|c| !c.is_control())
                .filter(|c| !digits_only(field) || c.is_ascii_digit()),
        );
        if field == Field::Code {
            value.truncate(6);
        }
        form.inputs[index(field)] = Input::new(value);
        form.error = None;
        state.dirty = true;
    }
}

/// Enter: refuse what is malformed; for a bank card, send the code to the phone at the
/// bank first; then submit.
fn submit(state: &mut State, form: &mut RealnameForm) -> Vec<Command> {
    let problem = form
        .fields()
        .into_iter()
        .filter(|f| *f != Field::Code)
        .find_map(|f| form.problem(f).map(|p| (f, p)));
    if let Some((field, why)) = problem {
        form.focus = field;
        form.error = Some(format!("{}: {why}", form.label(field)));
        return vec![];
    }
    if form.method == Method::BankCard {
        let phone = form.trimmed(Field::BankPhone);
        let typed = form.trimmed(Field::Code);
        match code_step(&form.code, &phone, &typed, state.now) {
            CodeStep::Ready => {}
            CodeStep::Send => return send_code(state, form, phone),
            CodeStep::Wait { why, to_code } => {
                if to_code {
                    form.focus = Field::Code;
                }
                form.error = Some(why);
                return vec![];
            }
        }
    }
    // The summary first: a submission cannot be taken back. The form stays beneath it.
    let op = form.operation(state.session.platform_id.clone().unwrap_or_default());
    super::modal::confirm(state, op, None);
    vec![]
}

fn send_code(state: &mut State, form: &mut RealnameForm, phone: String) -> Vec<Command> {
    let customer = Some(form.customer_id.clone());
    let code = &mut form.inputs[index(Field::Code)];
    start_code(
        state,
        &mut form.code,
        code,
        &mut form.error,
        phone,
        customer,
    )
}

/// The bank-card code was sent (or not).
pub fn on_code_sent(state: &mut State, request: u64, result: &Result<(), String>) {
    let now = state.now;
    if let Some(Overlay::Realname(form)) = &mut state.overlay {
        let before = form.code.clone();
        if code_arrived(&mut form.code, &mut form.error, request, result, now) {
            form.focus = Field::Code;
        }
        state.dirty |= form.code != before;
    }
}

/// The submission's outcome: on success the form closes and the console follows the
/// decision; on failure the form stays for a fix, without the spent code.
pub fn on_submitted(state: &mut State, op: &Operation, ok: bool) -> Vec<Command> {
    let Operation::RealnameAuth {
        customer_id,
        customer_name,
        identity,
        ..
    } = op
    else {
        return vec![];
    };
    if !ok {
        if let Some(Overlay::Realname(form)) = &mut state.overlay {
            form.inputs[index(Field::Code)] = Input::default();
        }
        return vec![];
    }
    if matches!(state.overlay, Some(Overlay::Realname(_))) {
        state.overlay = None;
    }
    // A bank card is decided at once (the result said so): the row is read, not
    // announced again. Documents are followed until the decision.
    state.reviews.insert(
        customer_id.clone(),
        Review {
            account: customer_name.clone(),
            result: None,
            opinion: None,
            watching: !matches!(identity, Identity::BankCard { .. }),
        },
    );
    vec![Command::LoadReview {
        customer_id: customer_id.clone(),
    }]
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

/// Customers whose decision is being waited for.
pub fn watched(state: &State) -> Vec<Command> {
    state
        .reviews
        .iter()
        .filter(|(_, r)| r.watching)
        .map(|(id, _)| Command::LoadReview {
            customer_id: id.clone(),
        })
        .collect()
}

/// A review result arrived: the row follows, and a decision on a watched submission is
/// told.
pub fn on_review(state: &mut State, customer_id: &str, result: Result<RealnameReviewResp, String>) {
    let r = match result {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, customer_id, "cannot read a real-name review");
            return;
        }
    };
    let status = match r.review_result {
        Some(0) => STATUS_REVIEW,
        Some(1) => STATUS_REJECTED,
        Some(2) => STATUS_VERIFIED,
        _ => return,
    };
    let row = state
        .customers
        .rows
        .iter_mut()
        .find(|c| c.customer_id == customer_id);
    let account = row
        .as_ref()
        .map(|c| c.account_name.clone())
        .unwrap_or_else(|| customer_id.to_string());
    if let Some(c) = row {
        c.verified_status = Some(status.to_string());
    }
    if let Some(Detail::Ready(d)) = &mut state.detail
        && let DetailData::Customer(c, _) = d.as_mut()
        && c.customer_id == customer_id
    {
        c.verified_status = Some(status.to_string());
    }
    let entry = state
        .reviews
        .entry(customer_id.to_string())
        .or_insert_with(|| Review {
            account,
            result: None,
            opinion: None,
            watching: false,
        });
    entry.result = r.review_result;
    entry.opinion = r.opinion.clone();
    if entry.watching && status != STATUS_REVIEW {
        entry.watching = false;
        let text = match (status, &r.opinion) {
            (STATUS_VERIFIED, _) => t!("realname.toast_verified", account = entry.account),
            (_, Some(o)) => t!(
                "realname.toast_rejected_because",
                account = entry.account,
                opinion = o
            ),
            _ => t!("realname.toast_rejected", account = entry.account),
        };
        let rejected = status == STATUS_REJECTED;
        state.toast(text, rejected);
    }
    state.dirty = true;
}

/// The reviewer's opinion of a customer, when the console has read it.
pub fn opinion<'a>(state: &'a State, customer_id: &str) -> Option<&'a str> {
    state
        .reviews
        .get(customer_id)
        .and_then(|r| r.opinion.as_deref())
}

/// On a rejected customer's row, the reviewer's opinion is read once, to show it.
pub fn opinion_of_selected(state: &mut State) -> Vec<Command> {
    let Some(c) = state.customers.selected_row() else {
        return vec![];
    };
    // Read unless known as rejected already (or on its way): a review read while it
    // was pending has no opinion yet.
    let known = state
        .reviews
        .get(&c.customer_id)
        .is_some_and(|r| matches!(r.result, None | Some(1)));
    if c.verified_status.as_deref() != Some(STATUS_REJECTED) || known {
        return vec![];
    }
    let customer_id = c.customer_id.clone();
    state.reviews.insert(
        customer_id.clone(),
        Review {
            account: c.account_name.clone(),
            result: None,
            opinion: None,
            watching: false,
        },
    );
    vec![Command::LoadReview { customer_id }]
}
