//! The pricing form: the chosen spec, region, mode, length and quantity, and the quote
//! (official price, discounts, final amount) once the rating API answered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::format::money;
use super::funds::boxed;
use super::theme::Theme;
use crate::app::price::{Mode, PriceForm, Row};

pub fn render(form: &PriceForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    match &form.specs {
        None => lines.push(Line::raw("Loading the specs…")),
        Some(Err(e)) => lines.push(Line::from(Span::styled(
            format!("Cannot read the specs: {e}"),
            theme.error(),
        ))),
        Some(Ok(s)) if s.specs.is_empty() => {
            lines.push(Line::raw("This service has no specs to price."))
        }
        Some(Ok(s)) => {
            let spec = form.current();
            let length_label = match form.mode {
                Mode::OnDemand => "Hours",
                Mode::Monthly => "Months",
                Mode::Yearly => "Years",
            };
            let mut rows: Vec<(Row, &str, String)> = vec![
                (
                    Row::Spec,
                    "Spec",
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
                    "Region",
                    form.region_name().unwrap_or("—").to_string(),
                ),
                (Row::Mode, "Billing", form.mode.label().to_string()),
                (Row::Length, length_label, form.length.clone()),
                (Row::Quantity, "Quantity", form.quantity.clone()),
            ];
            if spec.is_some_and(|p| p.sized) {
                rows.push((Row::Size, "Size (GB/Mbps)", form.size.clone()));
            }
            for (row, label, value) in rows {
                let focused = form.focus == row;
                let choice = matches!(row, Row::Spec | Row::Region | Row::Mode);
                let shown = match (focused, choice) {
                    (true, true) => format!("◀ {value} ▶"),
                    (true, false) => format!("{value}{}", theme.cursor()),
                    _ => value,
                };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{}{label:<15}", if focused { "› " } else { "  " }),
                        if focused { theme.key() } else { theme.header() },
                    ),
                    Span::raw(shown),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    match (&form.rating, &form.quote) {
        (Some(_), _) => lines.push(Line::raw("Asking the rating API…")),
        (None, Some(Ok(q))) => {
            lines.push(Line::raw(format!("Official price  ¥{}", money(q.official))));
            for (name, amount) in &q.discounts {
                lines.push(Line::raw(format!("  − {name}  ¥{}", money(*amount))));
            }
            lines.push(Line::from(Span::styled(
                format!("To pay          ¥{}", money(q.amount)),
                theme.key(),
            )));
        }
        (None, Some(Err(e))) => {
            lines.push(Line::from(Span::styled(e.clone(), theme.error())));
        }
        (None, None) => lines.push(Line::raw("Enter asks for the price.")),
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "↑↓/Tab move · ←→ choose · digits type · Enter price · Esc close",
        theme.dim(),
    )));
    boxed(
        frame,
        area,
        &format!("Price — {} ({})", form.service_name, form.service_code),
        lines,
        theme,
    );
}
