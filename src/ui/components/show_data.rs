//! "Show data" under a figure: a toggle that lists the figure's numbers as a table (in its own
//! scrollable, focusable box) with a CSV download of the same numbers at full precision.
//!
//! The numbers come through a [`DataSlot`] that the figure fills after each draw with the table
//! of what it drew, so an open table follows the figure without redrawing it.

use crate::format;
use crate::i18n::{fill, t};
use crate::plot::FigureData;
use crate::ui::lang::use_lang;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A figure's latest table, and the open table to tell when it changes.
#[derive(Default)]
pub(crate) struct DataSlot {
    data: RefCell<Rc<FigureData>>,
    listener: RefCell<Option<Callback<()>>>,
}

impl DataSlot {
    /// Keeps `data` and, when it differs from the last, re-renders an open table.
    pub(crate) fn set(&self, data: Rc<FigureData>) {
        {
            let last = self.data.borrow();
            if Rc::ptr_eq(&last, &data) || **last == *data {
                return;
            }
        }
        *self.data.borrow_mut() = data;
        let listener = self.listener.borrow().clone();
        if let Some(l) = listener {
            l.emit(());
        }
    }

    /// The latest table.
    pub(crate) fn get(&self) -> Rc<FigureData> {
        self.data.borrow().clone()
    }
}

#[derive(Properties)]
pub(crate) struct Props {
    /// The numbers, from the same results the figure draws.
    pub(crate) data: Rc<DataSlot>,
    /// The figure's name: the table's accessible name and the CSV file's name.
    pub(crate) name: AttrValue,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.name == other.name
    }
}

impl PartialEq for DataSlot {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A file name from a figure's name: letters and digits kept (any script), the rest dashes.
fn file_name(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let stem: Vec<&str> = stem.split('-').filter(|s| !s.is_empty()).collect();
    format!("{}.csv", if stem.is_empty() { "figure".to_owned() } else { stem.join("-") })
}

#[function_component(ShowData)]
pub(crate) fn show_data(p: &Props) -> Html {
    let lang = use_lang();
    let open = use_state(|| false);
    let update = use_force_update();
    {
        // While open, a new table re-renders this component (not the figure).
        let slot = p.data.clone();
        use_effect_with((*open, slot.clone()), move |(open, _)| {
            *slot.listener.borrow_mut() =
                open.then(|| Callback::from(move |()| update.force_update()));
            move || *slot.listener.borrow_mut() = None
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let button = html! {
        <button type="button" class="show-data-button" aria-expanded={open.to_string()} onclick={toggle}>
            { t(lang, if *open { "figure.hide_data" } else { "figure.show_data" }) }
        </button>
    };
    if !*open {
        return html! { <div class="show-data">{ button }</div> };
    }
    let d = p.data.get();
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&d.to_csv()))
    );
    let cell = |v: &f64| if v.is_finite() { format::tick_or_sci(*v) } else { String::new() };
    let rows = d.rows.len().to_string();
    html! {
        <div class="show-data">
            { button }
            <a class="button csv-link" href={href} download={file_name(&p.name)}>{ t(lang, "figure.csv") }</a>
            <div class="data-box" tabindex="0" role="region" aria-label={p.name.clone()}>
                <table class="data figure-data">
                    <caption>{ fill(lang, "figure.data_caption", &[("name", &p.name), ("rows", &rows)]) }</caption>
                    <thead><tr>{ for d.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                    <tbody>
                        { for d.rows.iter().enumerate().map(|(k, r)| html! { <tr>
                            if let Some(name) = d.labels.get(k) { <th scope="row">{ name }</th> }
                            { for r.iter().map(|v| html! { <td>{ cell(v) }</td> }) }
                        </tr> }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
