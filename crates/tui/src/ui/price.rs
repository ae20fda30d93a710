//! The pricing form: the chosen spec, region, mode, length and quantity, and the quote
//! (official price, discounts, final amount) once the rating API answered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::boxed;
use crate::app::model::price::{PriceForm, Row};
use pc_core::format::price;
use pc_core::pricing::Mode;

pub fn render(form: &PriceForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    match &form.specs {
        None => lines.push(Line::raw(t!("price.loading"))),
        Some(Err(e)) => lines.push(Line::from(Span::styled(
            t!("price.cannot_read", error = e),
            theme.error(),
        ))),
        Some(Ok(s)) if s.specs.is_empty() => lines.push(Line::raw(t!("price.no_specs"))),
        Some(Ok(s)) => {
            let spec = form.current();
            let length_label = match form.mode {
                Mode::OnDemand => t!("price.hours"),
                Mode::Monthly => t!("price.months"),
                Mode::Yearly => t!("price.years"),
            };
            let mut rows: Vec<(Row, &str, String)> = vec![
                (
                    Row::Spec,
                    t!("price.spec"),
                    spec.map(|p| {
                        format!(
                            "{} — {}  ({}/{})",
                            p.resource_spec,
                            p.spec_desc,
                            form.spec + 1,
                            s.specs.len()
                        )
                    })
                    .unwrap_or_default(),
                ),
                (
                    Row::Region,
                    t!("price.region"),
                    form.region_name().unwrap_or("—").to_string(),
                ),
                (
                    Row::Mode,
                    t!("price.billing"),
                    form.mode.label().to_string(),
                ),
                (Row::Length, length_label, form.length.clone()),
                (Row::Quantity, t!("price.quantity"), form.quantity.clone()),
            ];
            if spec.is_some_and(|p| p.sized) {
                rows.push((Row::Size, t!("price.size"), form.size.clone()));
            }
            for (row, label, value) in rows {
                let focused = form.focus == row;
                let choice = matches!(row, Row::Spec | Row::Region | Row::Mode);
                let selected = focused && form.filled.contains(&row);
                let shown = match (focused, choice) {
                    (true, true) => format!("◀ {value} ▶"),
                    (true, false) if !selected => format!("{value}{}", theme.cursor()),
                    _ => value,
                };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!(
                            "{}{}",
                            if focused { "› " } else { "  " },
                            pc_core::format::pad(label, 15)
                        ),
                        if focused { theme.key() } else { theme.header() },
                    ),
                    if selected {
                        Span::styled(shown, theme.selected())
                    } else {
                        Span::raw(shown)
                    },
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    match (&form.rating, &form.quote) {
        (Some(_), _) => lines.push(Line::raw(t!("price.asking"))),
        (None, Some(Ok(q))) => {
            lines.push(Line::raw(format!(
                "{} ¥{}",
                pc_core::format::pad(t!("price.official"), 15),
                price(q.official)
            )));
            for (name, amount) in &q.discounts {
                lines.push(Line::raw(format!("  − {name}  ¥{}", price(*amount))));
            }
            lines.push(Line::from(Span::styled(
                format!(
                    "{} ¥{}",
                    pc_core::format::pad(t!("price.to_pay"), 15),
                    price(q.amount)
                ),
                theme.key(),
            )));
        }
        (None, Some(Err(e))) => {
            lines.push(Line::from(Span::styled(e.clone(), theme.error())));
        }
        (None, None) => lines.push(Line::raw(t!("price.enter_asks"))),
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(t!("price.keys"), theme.dim())));
    boxed(
        frame,
        area,
        &t!(
            "price.title",
            name = form.service_name,
            code = form.service_code
        ),
        lines,
        theme,
    );
}
