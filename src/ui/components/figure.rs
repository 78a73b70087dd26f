//! A figure: a canvas that a plot function draws on (plotters, through [`canvas::PageBackend`]), sized to its
//! container at the device pixel ratio. It redraws when its draw closure, its size or the theme
//! changed (a render that changes only its summary or data does not), on window resize and once
//! the fonts are ready. It reports the pointer in data coordinates so lessons can link their views.
//!
//! `data-draws` counts completed draws and `data-variant` names the theme of the last one, so
//! tests can tell a figure was drawn and how; a failed draw is logged to the console (which
//! fails the end-to-end tests) and never panics. Each draw is a `performance.measure` named
//! `mx:draw:<label>`, to find the figure that makes an update slow.
//!
//! Every figure has a text alternative and its numbers: each draw is recorded
//! ([`crate::plot::recorded`]), its table goes to "Show data" and its key numbers
//! ([`crate::figures::describe::summary`]) to the live caption that describes the canvas, unless
//! the lesson gives its own `summary` or `data`.

use super::show_data::{DataSlot, ShowData};
use crate::figures::describe;
use crate::plot::{FigureData, PlotError, Theme, XAxisMap, recorded};
use crate::ui::canvas::{self, DrawFn};
use crate::ui::components::figure_tools::FigureTools;
use crate::ui::dom;
use crate::ui::hooks::{use_client_size, use_window_resize};
use crate::ui::lang::use_lang;
use crate::ui::present::use_figure_stage;
use crate::ui::theme::PageTheme;
use plotters::prelude::*;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The least height of a figure in CSS px (a 0.3 aspect on a 360 px phone would be 100 px).
const MIN_HEIGHT: f64 = 160.0;

#[derive(Properties)]
pub(crate) struct Props {
    /// The figure's id in the catalogue, `<lesson>/<figure>` (`crate::figures`): written as
    /// `data-figure` so tours, tests and the figure tools name the same figure.
    pub(crate) id: AttrValue,
    pub(crate) draw: DrawFn,
    /// What the figure shows, for screen readers (the canvas is an image to them).
    pub(crate) label: AttrValue,
    /// Height / width.
    #[prop_or(0.5)]
    pub(crate) aspect: f64,
    /// Called with the data x under the pointer, and `None` when it leaves.
    #[prop_or_default]
    pub(crate) on_hover: Option<Callback<Option<f64>>>,
    /// Called with the pointer position as fractions (0..1) of the canvas width and height
    /// when the button is pressed or dragged (drawing a signal, clicking a grid cell).
    #[prop_or_default]
    pub(crate) on_press: Option<Callback<(f64, f64)>>,
    /// A class for the figure's box (layout).
    #[prop_or_default]
    pub(crate) class: Classes,
    /// The key numbers the figure shows, in a sentence: read by screen readers as the figure's
    /// description and announced (politely) when they change. By default, written from the
    /// numbers the figure drew.
    #[prop_or_default]
    pub(crate) summary: AttrValue,
    /// The numbers the figure draws, for "Show data" (a table and a CSV download); by default,
    /// the table of what it drew.
    #[prop_or_default]
    pub(crate) data: Option<Rc<FigureData>>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.draw, &other.draw)
            && self.id == other.id
            && self.label == other.label
            && self.aspect == other.aspect
            && self.on_hover == other.on_hover
            && self.on_press == other.on_press
            && self.class == other.class
            && self.summary == other.summary
            && self.id == other.id
            && self.data == other.data
    }
}

#[function_component(Figure)]
pub(crate) fn figure(p: &Props) -> Html {
    let canvas = use_node_ref();
    let map = use_mut_ref(|| None::<XAxisMap>);
    let draws = use_mut_ref(|| 0_u64);
    // What the last draw was made of; `None` forces the next render to draw.
    let drawn = use_mut_ref(|| None::<Drawn>);
    let stage = use_figure_stage(Some(&p.id));
    // On the stage the box, not the aspect, sets the height (static/present.css sizes it).
    let staged = stage.as_deref() == Some("on");
    // A new theme (dark toggle, presenter mode) re-renders this component, which redraws.
    let page = use_context::<PageTheme>().unwrap_or_default();
    let lang = use_lang();
    let slot: Rc<DataSlot> = use_memo((), |_| DataSlot::default());
    let caption = use_node_ref();
    if let Some(data) = &p.data {
        slot.set(data.clone());
    }
    {
        // Text drawn before a font has loaded keeps the fallback's shapes: draw again once the
        // page's fonts are ready (Korean fonts often arrive after the first draw).
        let (force, drawn) = (use_force_update(), drawn.clone());
        use_effect_with((), move |_| {
            if let Ok(ready) = dom::document().fonts().ready() {
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(ready).await.is_ok() {
                        crate::ui::text_width::forget();
                        *drawn.borrow_mut() = None;
                        force.force_update();
                    }
                });
            }
        });
    }
    // The canvas's CSS size, kept by a ResizeObserver: the effect below never forces a layout.
    let client = use_client_size(canvas.clone());
    let force = use_force_update();
    use_window_resize(Callback::from(move |_| force.force_update()));

    {
        let (canvas, map, draws, draw, aspect) =
            (canvas.clone(), map.clone(), draws.clone(), p.draw.clone(), p.aspect);
        let (drawn, client) = (drawn.clone(), client.clone());
        let hoverable = p.on_hover.is_some();
        let (slot, caption) = (slot.clone(), caption.clone());
        let own = (p.summary.is_empty(), p.data.is_none());
        let measure = format!("mx:draw:{}", p.label);
        use_effect(move || {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                // A tab stop for the keyboard hover, unless a box around it owns the keys.
                let owned = el.closest("[data-keys]").ok().flatten().is_some();
                let _ = match (hoverable && !owned, el.has_attribute("tabindex")) {
                    (true, false) => el.set_attribute("tabindex", "0"),
                    (false, true) => el.remove_attribute("tabindex"),
                    _ => Ok(()),
                };
                let scale = dom::pixel_ratio();
                // Laid out once before the first draw; afterwards the observer keeps it.
                let (client_w, client_h) = client.get().unwrap_or_else(|| {
                    let now = (el.client_width(), el.client_height());
                    client.set(Some(now));
                    now
                });
                let (css_width, css_height) = css_size(client_w, client_h, aspect, staged);
                let (w, h) =
                    ((css_width * scale).round() as u32, (css_height * scale).round() as u32);
                if el.width() != w || el.height() != h {
                    el.set_width(w);
                    el.set_height(h);
                }
                let theme = Theme { scale, dark: page.dark, projector: page.projector };
                let now = Drawn { draw: draw.clone(), size: (w, h), theme };
                if drawn.borrow().as_ref() == Some(&now) {
                    return;
                }
                *drawn.borrow_mut() = Some(now);
                dom::mark("mx:draw:start");
                match canvas::on_canvas(el.clone(), theme) {
                    Some(backend) => {
                        let area = backend.into_drawing_area();
                        match draw_recorded(&area, &draw, &theme) {
                            (Ok(m), table) => {
                                describe_drawn(table, own, lang, &slot, &caption);
                                *map.borrow_mut() = m;
                                *draws.borrow_mut() += 1;
                                let _ = el.set_attribute("data-draws", &draws.borrow().to_string());
                                let _ = el.set_attribute("data-variant", theme.variant());
                            }
                            (Err(e), _) => dom::console_error(&e.to_string()),
                        }
                    }
                    None => dom::console_error("the canvas has no 2-D context"),
                }
                dom::measure(&measure, "mx:draw:start");
            }
        });
    }

    let device_x = |e: &PointerEvent| f64::from(e.offset_x()) * dom::pixel_ratio();
    let on_move = {
        let (map, hover, press, canvas) =
            (map.clone(), p.on_hover.clone(), p.on_press.clone(), canvas.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(hover) = &hover {
                let x = map.borrow().and_then(|m| m.data_x(device_x(&e)));
                hover.emit(x);
            }
            if let (true, Some(press), Some(el)) =
                (e.buttons() & 1 == 1, &press, canvas.cast::<HtmlCanvasElement>())
            {
                press.emit(fraction(&e, &el));
            }
        })
    };
    let on_down = {
        let (press, canvas) = (p.on_press.clone(), canvas.clone());
        Callback::from(move |e: PointerEvent| {
            if let (Some(press), Some(el)) = (&press, canvas.cast::<HtmlCanvasElement>()) {
                press.emit(fraction(&e, &el));
            }
        })
    };
    let on_leave = {
        let hover = p.on_hover.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some(hover) = &hover {
                hover.emit(None);
            }
        })
    };
    let (on_key, on_blur) = use_keyboard_hover(map, p.on_hover.clone());
    let summary_id = use_memo((), |_| dom::unique_id("figure-summary"));
    // The figure box takes focus on a click (tabindex -1), so the arrow keys stay with the figure
    // the learner is looking at; a hoverable figure is a tab stop of its own (see the effect).
    html! {
        <figure class={classes!("figure", p.class.clone())} tabindex="-1" data-figure={p.id.clone()} data-stage={stage}>
            <canvas ref={canvas.clone()} role="img" aria-label={p.label.clone()}
                    aria-describedby={(*summary_id).clone()}
                    class={classes!(p.on_press.is_some().then_some("pressable"))}
                    onpointermove={on_move} onpointerdown={on_down} onpointerleave={on_leave}
                    onkeydown={on_key} onblur={on_blur} />
            { summary_caption(&p.summary, &summary_id, caption) }
            <ShowData data={slot} name={p.label.clone()} />
            <FigureTools id={p.id.clone()} canvas={canvas} draw={p.draw.clone()} aspect={p.aspect} />
        </figure>
    }
}

/// Draws and presents the figure, recording the table of what it drew.
fn draw_recorded(
    area: &DrawingArea<canvas::PageBackend<'_>, plotters::coord::Shift>,
    draw: &DrawFn,
    theme: &Theme,
) -> (Result<Option<XAxisMap>, PlotError>, FigureData) {
    recorded(|| {
        let m = draw(area, theme)?;
        area.present().map_err(|e| PlotError(format!("{e:?}")))?;
        Ok(m)
    })
}

/// The figure's description: the lesson's `summary`, or a caption that [`describe_drawn`] writes
/// after each draw (yew leaves its text alone: it has no children here).
fn summary_caption(summary: &AttrValue, id: &str, caption: NodeRef) -> Html {
    if summary.is_empty() {
        html! { <figcaption ref={caption} id={id.to_owned()} class="visually-hidden" aria-live="polite"></figcaption> }
    } else {
        html! { <figcaption id={id.to_owned()} class="visually-hidden" aria-live="polite">{ summary.clone() }</figcaption> }
    }
}

/// Hands the table of a draw to "Show data" and its summary to the caption, where the lesson
/// did not give its own (`own`: (summary, data) are the figure's own).
fn describe_drawn(
    table: FigureData,
    (own_summary, own_data): (bool, bool),
    lang: crate::i18n::Lang,
    slot: &DataSlot,
    caption: &NodeRef,
) {
    if let (true, Some(el)) = (own_summary, caption.get()) {
        let text = describe::summary(&table, lang);
        if el.text_content().as_deref() != Some(text.as_str()) {
            el.set_text_content(Some(&text));
        }
    }
    if own_data {
        slot.set(Rc::new(table));
    }
}

/// What a draw was made of: the closure, the canvas size in device pixels and the theme. The
/// same three draw the same picture, so the figure need not draw again. (Holding the closure
/// keeps its address from being reused by a new one.)
struct Drawn {
    draw: DrawFn,
    size: (u32, u32),
    theme: Theme,
}

impl PartialEq for Drawn {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.draw, &other.draw) && self.size == other.size && self.theme == other.theme
    }
}

/// The keyboard's way to hover a figure: while it has focus, ← and → move a cursor along the x
/// axis through the middles of 40 equal cells (Home and End jump to the first and last) and
/// report the data x under it, as the pointer would; leaving the figure (or Escape) clears it.
#[hook]
fn use_keyboard_hover(
    map: Rc<std::cell::RefCell<Option<XAxisMap>>>,
    hover: Option<Callback<Option<f64>>>,
) -> (Callback<KeyboardEvent>, Callback<FocusEvent>) {
    const CELLS: usize = 40;
    let cursor = use_mut_ref(|| None::<usize>);
    let on_key = {
        let (cursor, hover) = (cursor.clone(), hover.clone());
        Callback::from(move |e: KeyboardEvent| {
            let (Some(hover), Some(m)) = (&hover, *map.borrow()) else { return };
            let at = *cursor.borrow();
            let cell = match e.key().as_str() {
                "ArrowRight" => at.map_or(0, |i| (i + 1).min(CELLS - 1)),
                "ArrowLeft" => at.map_or(CELLS - 1, |i| i.saturating_sub(1)),
                "Home" => 0,
                "End" => CELLS - 1,
                "Escape" => {
                    *cursor.borrow_mut() = None;
                    return hover.emit(None);
                }
                _ => return,
            };
            e.prevent_default();
            *cursor.borrow_mut() = Some(cell);
            let f = (cell as f64 + 0.5) / CELLS as f64;
            hover.emit(Some(m.x0 + f * (m.x1 - m.x0)));
        })
    };
    let on_blur = Callback::from(move |_: FocusEvent| {
        if let (Some(_), Some(hover)) = (cursor.borrow_mut().take(), &hover) {
            hover.emit(None);
        }
    });
    (on_key, on_blur)
}

/// The pointer position as fractions of the canvas's width and height.
fn fraction(e: &PointerEvent, el: &HtmlCanvasElement) -> (f64, f64) {
    let (w, h) = (f64::from(el.client_width().max(1)), f64::from(el.client_height().max(1)));
    ((f64::from(e.offset_x()) / w).clamp(0.0, 1.0), (f64::from(e.offset_y()) / h).clamp(0.0, 1.0))
}

/// The canvas's size in CSS px from its box's client size: the box's width (at least 200) and,
/// on the stage, its height, else the width times `aspect` (a wide, flat chart keeps a readable
/// height on a phone: at least [`MIN_HEIGHT`], or its width if that is less).
fn css_size(client_w: i32, client_h: i32, aspect: f64, staged: bool) -> (f64, f64) {
    let width = f64::from(client_w.max(200));
    match staged {
        true => (width, f64::from(client_h.max(100))),
        false => (width, (width * aspect).max(MIN_HEIGHT.min(width))),
    }
}
