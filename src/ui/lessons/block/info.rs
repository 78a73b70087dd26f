//! The open box's description in `#/block`: its tensor's caption, a few values at the chosen
//! token, their range, and the box's weights.

use super::{Run, SHOWN_ROWS, visible};
use crate::url::Named;
use crate::course::block::Shown;
use crate::course::block::{Axis, BlockLesson};
use crate::i18n::{fill, t};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use crate::format::{fixed, grouped};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub(super) struct InfoProps {
    pub(super) lesson: LessonState<BlockLesson>,
    pub(super) run: Rc<Run>,
    pub(super) view: Shown,
    pub(super) column: usize,
    pub(super) caption: String,
}

impl PartialEq for InfoProps {
    fn eq(&self, other: &Self) -> bool {
        self.lesson == other.lesson
            && Rc::ptr_eq(&self.run, &other.run)
            && self.view == other.view
            && self.column == other.column
            && self.caption == other.caption
    }
}

#[function_component(BoxInfo)]
pub(super) fn box_info(p: &InfoProps) -> Html {
    let lang = use_lang();
    let (s, r, view, column) = (&p.lesson.state, &p.run, &p.view, p.column);
    let by_token = view.cols == Axis::Token;
    let part_name = t(lang, &format!("block.part_{}", s.part.name()));
    let (lo, hi) = view
        .values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let head = if by_token {
        fill(
            lang,
            "block.values_at",
            &[
                ("t", &column.to_string()),
                ("ch", &visible(r.tokens[column])),
                ("k", &SHOWN_ROWS.min(view.values.nrows()).to_string()),
            ],
        )
    } else {
        fill(
            lang,
            "block.values_at_col",
            &[("t", "0"), ("k", &SHOWN_ROWS.min(view.values.nrows()).to_string())],
        )
    };
    let values = (0..SHOWN_ROWS.min(view.values.nrows())).map(|row| {
        let v = fixed(view.values[(row, column)], 4);
        html! { <li>{ fill(lang, "block.row_value", &[("r", &row.to_string()), ("v", &v)]) }</li> }
    });
    let weights = s.part.weight_shapes(r.dims);
    let params = if weights.is_empty() {
        html! { <p>{ t(lang, "block.params_none") }</p> }
    } else {
        let lines = weights.iter().map(|(name, shape)| {
            let shape_text = format!(
                "({})",
                shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
            );
            let n = grouped(shape.iter().product());
            html! { <li><code>{ fill(lang, "block.weight_line", &[("name", name), ("shape", &shape_text), ("n", &n)]) }</code></li> }
        });
        html! {
            <>
                <p>{ fill(lang, "block.params_box", &[("n", &grouped(s.part.parameters(r.dims)))]) }</p>
                <ul class="weights">{ for lines }</ul>
            </>
        }
    };

    html! {
        <div class="inspect-info">
            <h2>{ part_name }</h2>
            <p>{ t(lang, &format!("block.desc_{}", s.part.name())) }</p>
            <p class="readout">{ p.caption.clone() }</p>
            <p>{ head }</p>
            <ul class="readout values">{ for values }</ul>
            <p class="readout">{ fill(lang, "block.range", &[("min", &fixed(lo, 4)), ("max", &fixed(hi, 4))]) }</p>
            { params }
        </div>
    }
}
