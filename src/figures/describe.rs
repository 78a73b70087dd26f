//! A figure's text alternative: a sentence of the key numbers of its table (the one the figure
//! drew, see [`crate::plot::recorded`]) — the ranges, the last values of time series, and each
//! named item when there are few — for screen readers (`aria-describedby`, announced live).

use super::{FigureError, draw};
use crate::format;
use crate::i18n::{Lang, fill};
use crate::plot::{FigureData, Theme, recorded};
use plotters::prelude::*;

/// Named rows listed one by one up to this many; longer tables are described by their ranges.
const ITEMS: usize = 8;
/// Columns described at most (the first ones: x, then the series in legend order).
const COLUMNS: usize = 5;

/// A number for reading aloud: three significant digits, scientific when tiny or huge.
fn number(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e5).contains(&a) {
        format::tick_or_sci(v)
    } else {
        format::significant3(v)
    }
}

/// The summary sentence of `data`, in `lang`.
pub fn summary(data: &FigureData, lang: Lang) -> String {
    let rows = format::grouped(data.rows.len());
    let mut parts = vec![fill(lang, "figure.summary_rows", &[("rows", &rows)])];
    let names = data.numeric_columns();
    if !data.labels.is_empty() && data.rows.len() <= ITEMS {
        for (label, row) in data.labels.iter().zip(&data.rows) {
            let values: Vec<String> = names
                .iter()
                .zip(row)
                .filter(|(_, v)| v.is_finite())
                .map(|(n, v)| format!("{n} {}", number(*v)))
                .collect();
            let name = if label.is_empty() { "·" } else { label };
            parts.push(fill(
                lang,
                "figure.summary_item",
                &[("name", name), ("values", &values.join(", "))],
            ));
        }
        let (head, items) = parts.split_at(1);
        return format!("{} {}.", head[0], items.join("; "));
    }
    let mut described = Vec::new();
    for (j, name) in names.iter().enumerate().take(COLUMNS) {
        let column: Vec<f64> =
            data.rows.iter().filter_map(|r| r.get(j).copied()).filter(|v| v.is_finite()).collect();
        let (Some(lo), Some(hi)) =
            (column.iter().copied().reduce(f64::min), column.iter().copied().reduce(f64::max))
        else {
            continue;
        };
        let (lo, hi) = (number(lo), number(hi));
        let range = [("name", name.as_str()), ("lo", &lo), ("hi", &hi)];
        // A series over x (the first column) ends somewhere worth reading off.
        let last = (j > 0 && data.labels.is_empty()).then(|| column.last().copied()).flatten();
        described.push(match last {
            Some(last) => {
                let last = number(last);
                fill(lang, "figure.summary_last", &[range[0], range[1], range[2], ("last", &last)])
            }
            None => fill(lang, "figure.summary_range", &range),
        });
    }
    parts.push(described.join("; "));
    format!("{}.", parts.join(" ").trim_end_matches('.'))
}

/// The table and summary of figure `id` for the lesson state in `query`: drawn once (to an
/// SVG that is thrown away) so they come from the numbers the figure draws.
pub fn data(id: &str, query: &str, lang: Lang) -> Result<(FigureData, String), FigureError> {
    let mut out = String::new();
    let (drawn, table) = recorded(|| {
        let area = SVGBackend::with_string(&mut out, (480, 320)).into_drawing_area();
        draw(&area, id, query, lang, &Theme::default())
    });
    drawn?;
    let text = summary(&table, lang);
    Ok((table, text))
}
