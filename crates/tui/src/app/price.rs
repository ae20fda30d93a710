//! The pricing form (`p` on Catalog, docs/design.md §3): product (spec), region, on demand or
//! yearly/monthly, how long, how many — answered by the BSS rating APIs with the
//! official price, the discounts and the final amount. The specs come from the backend
//! (the rating APIs need exact codes); the rating runs in the worker.

use super::{Command, Overlay, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pc_api::partner_center::{Spec, SpecsResp};
use pc_core::pricing::{self, Choice};
pub use pc_core::pricing::{Mode, Quote, Rating};

/// The form's rows, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Spec,
    Region,
    Mode,
    Length,
    Quantity,
    Size,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PriceForm {
    pub service_code: String,
    pub service_name: String,
    /// The specs and regions, once read (request while reading).
    pub specs: Option<Result<SpecsResp, String>>,
    pub loading: Option<u64>,
    pub spec: usize,
    pub region: usize,
    pub mode: Mode,
    /// Hours (on demand) or periods (months, years).
    pub length: String,
    pub quantity: String,
    /// GB or Mbps, for specs priced by size.
    pub size: String,
    pub focus: Row,
    /// The rating under way, and the last answer.
    pub rating: Option<u64>,
    pub quote: Option<Result<Quote, String>>,
}

impl PriceForm {
    /// A new form for a service: its specs not read yet, one on-demand hour of one unit.
    pub fn new(service_code: String, service_name: String) -> PriceForm {
        PriceForm {
            service_code,
            service_name,
            specs: None,
            loading: None,
            spec: 0,
            region: 0,
            mode: Mode::OnDemand,
            length: "1".into(),
            quantity: "1".into(),
            size: "40".into(),
            focus: Row::Spec,
            rating: None,
            quote: None,
        }
    }

    pub fn current(&self) -> Option<&Spec> {
        match &self.specs {
            Some(Ok(s)) => s.specs.get(self.spec),
            _ => None,
        }
    }

    pub fn region_name(&self) -> Option<&str> {
        match &self.specs {
            Some(Ok(s)) => s.regions.get(self.region).map(String::as_str),
            _ => None,
        }
    }

    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![
            Row::Spec,
            Row::Region,
            Row::Mode,
            Row::Length,
            Row::Quantity,
        ];
        if self.current().is_some_and(|s| s.sized) {
            rows.push(Row::Size);
        }
        rows
    }

    /// The first way the current spec is sold, if the chosen one is not.
    fn fit_mode(&mut self) {
        if let Some(spec) = self.current().cloned()
            && !self.mode.sold(&spec)
            && let Some(m) = [Mode::OnDemand, Mode::Monthly, Mode::Yearly]
                .into_iter()
                .find(|m| m.sold(&spec))
        {
            self.mode = m;
        }
    }

    /// The rating request for what is filled in, or what is wrong.
    pub fn request(&self) -> Result<Rating, String> {
        let spec = self.current().ok_or(t!("price.no_spec"))?;
        let region = self.region_name().ok_or(t!("price.no_region"))?;
        pricing::rating(Choice {
            service_code: &self.service_code,
            spec,
            region,
            mode: self.mode,
            length: &self.length,
            quantity: &self.quantity,
            size: &self.size,
        })
    }
}

/// `p` on Catalog (the highlighted service, or the open service's detail).
pub fn open(state: &mut State) -> Vec<Command> {
    let service = match &state.detail {
        Some(super::Detail::Ready(d)) => match d.as_ref() {
            super::DetailData::Service(s, _, _) => Some(s.clone()),
            _ => None,
        },
        _ => state.catalog.selected_row().cloned(),
    };
    let Some(service) = service else {
        return vec![];
    };
    if state.partner_center == Some(false) {
        state.toast(t!("price.web_only"), true);
        return vec![];
    }
    let request = state.request_id();
    state.overlay = Some(Overlay::Price(Box::new(PriceForm {
        loading: Some(request),
        ..PriceForm::new(
            service.service_type_code.clone(),
            service.service_type_name.clone(),
        )
    })));
    vec![Command::LoadSpecs {
        request,
        service_type_code: service.service_type_code,
    }]
}

pub fn on_specs(state: &mut State, request: u64, result: Result<SpecsResp, String>) {
    if let Some(Overlay::Price(form)) = &mut state.overlay
        && form.loading == Some(request)
    {
        form.loading = None;
        form.specs = Some(result);
        form.fit_mode();
        state.dirty = true;
    }
}

pub fn on_rated(state: &mut State, request: u64, result: Result<Quote, String>) {
    if let Some(Overlay::Price(form)) = &mut state.overlay
        && form.rating == Some(request)
    {
        form.rating = None;
        form.quote = Some(result);
        state.dirty = true;
    }
}

fn cycle(at: usize, len: usize, forward: bool) -> usize {
    if len == 0 {
        0
    } else if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    }
}

/// Keys while the form is open: ↑↓/Tab move, ←→ choose, digits type, Enter prices.
pub fn on_key(state: &mut State, mut form: Box<PriceForm>, key: KeyEvent) -> Vec<Command> {
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        state.overlay = Some(Overlay::Price(form));
        return super::quit(state);
    }
    let rows = form.rows();
    let at = rows.iter().position(|r| *r == form.focus).unwrap_or(0);
    let mut cmds = vec![];
    match key.code {
        KeyCode::Esc => return vec![],
        KeyCode::Tab | KeyCode::Down => form.focus = rows[(at + 1) % rows.len()],
        KeyCode::BackTab | KeyCode::Up => form.focus = rows[(at + rows.len() - 1) % rows.len()],
        KeyCode::Left | KeyCode::Right => {
            let forward = key.code == KeyCode::Right;
            let (specs, regions) = match &form.specs {
                Some(Ok(s)) => (s.specs.len(), s.regions.len()),
                _ => (0, 0),
            };
            match form.focus {
                Row::Spec => {
                    form.spec = cycle(form.spec, specs, forward);
                    form.fit_mode();
                }
                Row::Region => form.region = cycle(form.region, regions, forward),
                Row::Mode => {
                    let modes = [Mode::OnDemand, Mode::Monthly, Mode::Yearly];
                    let sold: Vec<Mode> = match form.current() {
                        Some(spec) => modes.into_iter().filter(|m| m.sold(spec)).collect(),
                        None => modes.to_vec(),
                    };
                    let i = sold.iter().position(|m| *m == form.mode).unwrap_or(0);
                    if let Some(m) = sold.get(cycle(i, sold.len(), forward)) {
                        form.mode = *m;
                    }
                }
                _ => {}
            }
            form.quote = None;
        }
        KeyCode::Enter => match form.request() {
            Ok(rating) => {
                let request = state.request_id();
                form.rating = Some(request);
                form.quote = None;
                cmds.push(Command::Rate { request, rating });
            }
            Err(e) => form.quote = Some(Err(e)),
        },
        KeyCode::Backspace | KeyCode::Char(_) => {
            let field = match form.focus {
                Row::Length => Some(&mut form.length),
                Row::Quantity => Some(&mut form.quantity),
                Row::Size => Some(&mut form.size),
                _ => None,
            };
            if let Some(text) = field {
                match key.code {
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    KeyCode::Char(c) if c.is_ascii_digit() && text.len() < 5 => text.push(c),
                    _ => {}
                }
                form.quote = None;
            }
        }
        _ => {}
    }
    state.overlay = Some(Overlay::Price(form));
    cmds
}
