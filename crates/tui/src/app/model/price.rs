//! The pricing form as data: the spec, region, mode, length and quantity chosen, and
//! the quote; the keys are in `app::price`.

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
    /// The number fields still holding the value filled in for the user: selected, so
    /// that a digit typed replaces it.
    pub filled: Vec<Row>,
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
            filled: vec![Row::Length, Row::Quantity, Row::Size],
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
    pub(crate) fn fit_mode(&mut self) {
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

pub(crate) fn cycle(at: usize, len: usize, forward: bool) -> usize {
    if len == 0 {
        0
    } else if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    }
}
