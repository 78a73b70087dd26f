//! The scan lesson's stepper: a traced scan drawn as a tree (SVG, one row of the array per
//! step, lines from the values a step read to the values it wrote), the current step named and
//! explained, one of its combines written out with the live numbers, and every node checked
//! against the sequential loop. Generic over what is scanned through [`Shown`].
//!
//! Every node carries its value (`data-value`), the inputs it holds (`data-word`, `lo-hi`) and,
//! in the current row, whether it agrees with the loop (`data-ok`), so the end-to-end tests can
//! redo the check a learner does by eye.

use crate::course::scan::{Stage, stage_at};
use crate::explain::scan::{CombineAt, StepCheck, Word, combine_at, finishing_combine};
use crate::format::sci;
use crate::i18n::{Lang, fill, t};
use crate::mathml::{equals, mo, row, text};
use crate::ssm::scan::Phase;
use crate::ssm::{ScanTrace, scan_sequential};
use crate::ui::components::Equation;
use std::rc::Rc;
use yew::prelude::*;

mod shown;
mod svg;

pub(crate) use shown::{Shown, word_text};
use shown::{word_data, word_math};
pub(crate) use svg::TreeView;

/// The trace and its checks, as the lesson computes them once per example.
pub(crate) struct Traced<T> {
    pub(crate) trace: ScanTrace<T>,
    /// One check per step of the trace.
    pub(crate) checks: Vec<StepCheck<T>>,
    /// The inclusive result against the sequential loop.
    pub(crate) result: StepCheck<T>,
}

/// How a row of the tree relates to the stepper's position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum When {
    Past,
    Current,
    Future,
    Reference,
}

/// A line from a node of the row above to a node of this row.
#[derive(PartialEq)]
struct Link {
    from: usize,
    to: usize,
    copy: bool,
    combine: usize,
}

/// One box of the tree, its texts made once per example.
#[derive(PartialEq)]
struct Node {
    lines: (String, Option<String>),
    data: String,
    word: String,
    word_data: String,
    changed: bool,
    ok: bool,
    combine: Option<usize>,
}

/// One row of the tree: the array after one step (or the input, the finish, the loop).
#[derive(PartialEq)]
struct Row {
    label: String,
    nodes: Vec<Node>,
    links: Vec<Link>,
    reference: bool,
}

/// Sizes of the drawing, in SVG units.
#[derive(Clone, Copy, PartialEq)]
struct Geometry {
    width: f64,
    cw: f64,
    box_w: f64,
    box_h: f64,
    rh: f64,
    tall: bool,
    inputs: usize,
}

impl Geometry {
    const LABEL_W: f64 = 170.0;

    fn x(&self, i: usize) -> f64 {
        Self::LABEL_W + (i as f64 + 0.5) * self.cw
    }

    fn y(&self, row: usize) -> f64 {
        8.0 + row as f64 * self.rh
    }
}

/// The whole tree of one example, built once per example and language; the stepper's
/// position only decides which row is current.
pub(crate) struct TreeModel {
    rows: Vec<Rc<Row>>,
    geometry: Geometry,
}

/// The label of a step's row.
fn step_label(lang: Lang, phase: Phase, level: usize) -> String {
    let d = (1usize << level).to_string();
    match phase {
        Phase::UpSweep => fill(lang, "scan.row_up", &[("d", &d)]),
        Phase::Clear => t(lang, "scan.row_clear").to_owned(),
        Phase::DownSweep => fill(lang, "scan.row_down", &[("d", &d)]),
        Phase::Sweep => fill(lang, "scan.row_sweep", &[("d", &d)]),
    }
}

/// The heading and explanation of the stage at the stepper's position.
pub(crate) fn stage_text(lang: Lang, stage: Stage, n: usize, p: usize) -> (String, String) {
    let d = |level: usize| (1usize << level).to_string();
    match stage {
        Stage::Input if p > n => (
            t(lang, "scan.stage_input").to_owned(),
            fill(lang, "scan.stage_input_padded", &[("n", &n.to_string()), ("p", &p.to_string())]),
        ),
        Stage::Input => {
            (t(lang, "scan.stage_input").to_owned(), t(lang, "scan.stage_input_body").to_owned())
        }
        Stage::Step { phase, level, .. } => {
            let body = match phase {
                Phase::UpSweep => fill(
                    lang,
                    "scan.stage_up_body",
                    &[("d", &d(level)), ("w", &(2usize << level).to_string())],
                ),
                Phase::Clear => t(lang, "scan.stage_clear_body").to_owned(),
                Phase::DownSweep => fill(lang, "scan.stage_down_body", &[("d", &d(level))]),
                Phase::Sweep => fill(lang, "scan.stage_sweep_body", &[("d", &d(level))]),
            };
            let phase_name = match phase {
                Phase::UpSweep => t(lang, "scan.phase_up"),
                Phase::Clear => t(lang, "scan.phase_clear"),
                Phase::DownSweep => t(lang, "scan.phase_down"),
                Phase::Sweep => t(lang, "scan.phase_sweep"),
            };
            let title = match phase {
                Phase::Clear => phase_name.to_owned(),
                Phase::Sweep => format!(
                    "{phase_name} — {}",
                    fill(lang, "scan.title_offset", &[("d", &d(level))])
                ),
                _ => {
                    format!("{phase_name} — {}", fill(lang, "scan.title_gap", &[("d", &d(level))]))
                }
            };
            (title, body)
        }
        Stage::Finish => {
            (t(lang, "scan.stage_finish").to_owned(), t(lang, "scan.stage_finish_body").to_owned())
        }
    }
}

/// The combines of the stage at `pos`: how many, and the `pick`-th.
pub(crate) fn combines<T: Shown>(
    traced: &Traced<T>,
    pos: usize,
    pick: usize,
) -> (usize, Option<CombineAt<T>>) {
    let trace = &traced.trace;
    match stage_at(trace, pos) {
        Stage::Input => (0, None),
        Stage::Step { index, .. } => {
            (trace.steps[index].pairs.len(), combine_at(trace, index, pick))
        }
        Stage::Finish => (trace.input.len(), finishing_combine(trace, pick)),
    }
}

/// The tree of a traced scan, with every box's text and check.
pub(crate) fn tree_model<T: Shown>(lang: Lang, traced: &Traced<T>) -> TreeModel {
    let trace = &traced.trace;
    let p = trace.padded_len;
    // At least this much room per box; more boxes than fit in 960 units make the tree scroll.
    let least = if T::TALL { 46.0 } else { 30.0 };
    let width = (Geometry::LABEL_W + p as f64 * least).max(960.0);
    let cw = (width - Geometry::LABEL_W) / p as f64;
    let box_h = if T::TALL { 40.0 } else { 28.0 };
    let geometry = Geometry {
        width,
        cw,
        box_w: (cw - 6.0).min(76.0),
        box_h,
        rh: box_h + 34.0,
        tall: T::TALL,
        inputs: trace.input.len(),
    };
    let full = cw >= 60.0;
    let node = |value: &T, word: &Word, changed: bool, ok: bool, combine: Option<usize>| Node {
        lines: value.lines(full),
        data: value.data(),
        word: word_text(word),
        word_data: word_data(word),
        changed,
        ok,
        combine,
    };
    let mut out = Vec::new();
    // The input, padded with the identity.
    let input_words: Vec<Word> = (0..p)
        .map(|i| if i < trace.input.len() { Word::single(i) } else { Word::default() })
        .collect();
    let padded = crate::explain::scan::array_before(trace, 0);
    out.push(Row {
        label: t(lang, "scan.row_input").to_owned(),
        nodes: padded
            .iter()
            .zip(&input_words)
            .map(|(v, w)| node(v, w, false, true, None))
            .collect(),
        links: Vec::new(),
        reference: false,
    });
    for (step, check) in trace.steps.iter().zip(&traced.checks) {
        let mut links = Vec::new();
        let mut written = vec![None; p];
        for (k, &(l, rr)) in step.pairs.iter().enumerate() {
            match step.phase {
                Phase::DownSweep => {
                    links.push(Link { from: rr, to: rr, copy: false, combine: k });
                    links.push(Link { from: l, to: rr, copy: false, combine: k });
                    links.push(Link { from: rr, to: l, copy: true, combine: k });
                    written[l] = Some(k);
                }
                _ => {
                    links.push(Link { from: l, to: rr, copy: false, combine: k });
                    links.push(Link { from: rr, to: rr, copy: false, combine: k });
                }
            }
            written[rr] = Some(k);
        }
        let cleared = step.phase == Phase::Clear;
        let nodes = step
            .array
            .iter()
            .zip(&check.nodes)
            .enumerate()
            .map(|(i, (v, c))| {
                let changed = written[i].is_some() || (cleared && i == p - 1);
                let ok = c.error <= 1e-9 && c.word.as_range().is_some();
                node(v, &c.word, changed, ok, written[i])
            })
            .collect();
        out.push(Row {
            label: step_label(lang, step.phase, step.level),
            nodes,
            links,
            reference: false,
        });
    }
    let n = trace.input.len();
    if !trace.inclusive {
        let values = crate::explain::scan::inclusive_result(trace);
        out.push(Row {
            label: t(lang, "scan.row_finish").to_owned(),
            nodes: values
                .iter()
                .zip(&traced.result.nodes)
                .enumerate()
                .map(|(i, (v, c))| node(v, &c.word, true, c.error <= 1e-9, Some(i)))
                .collect(),
            links: (0..n).map(|i| Link { from: i, to: i, copy: false, combine: i }).collect(),
            reference: false,
        });
    }
    let sequential = scan_sequential(&trace.input);
    out.push(Row {
        label: t(lang, "scan.row_loop").to_owned(),
        nodes: sequential
            .iter()
            .zip(&traced.result.nodes)
            .map(|(v, c)| node(v, &c.word, false, true, None))
            .collect(),
        links: Vec::new(),
        reference: true,
    });
    TreeModel { rows: out.into_iter().map(Rc::new).collect(), geometry }
}

/// The check of the current stage in words, and whether it passed.
pub(crate) fn check_text<T: Shown>(lang: Lang, traced: &Traced<T>, pos: usize) -> (String, bool) {
    let trace = &traced.trace;
    let check = match stage_at(trace, pos) {
        Stage::Input => return (t(lang, "scan.check_input").to_owned(), true),
        Stage::Step { index, .. } => &traced.checks[index],
        Stage::Finish => &traced.result,
    };
    let bad = check.nodes.iter().filter(|c| c.error > 1e-9 || c.word.as_range().is_none()).count();
    let count = check.nodes.len().to_string();
    let err = sci(check.max_error);
    if bad == 0 {
        (fill(lang, "scan.check_ok", &[("count", &count), ("err", &err)]), true)
    } else {
        (fill(lang, "scan.check_bad", &[("bad", &bad.to_string()), ("count", &count)]), false)
    }
}

/// The picked combine written out: which inputs meet, then the arithmetic.
pub(crate) fn combine_view<T: Shown>(
    lang: Lang,
    traced: &Traced<T>,
    pos: usize,
    c: &CombineAt<T>,
) -> Html {
    let trace = &traced.trace;
    let (left_word, right_word, result_word) = match stage_at(trace, pos) {
        Stage::Step { index, .. } => {
            let before = if index == 0 {
                (0..trace.padded_len)
                    .map(|i| if i < trace.input.len() { Word::single(i) } else { Word::default() })
                    .collect::<Vec<_>>()
            } else {
                traced.checks[index - 1].nodes.iter().map(|n| n.word.clone()).collect()
            };
            (
                before[c.left_at].clone(),
                before[c.right_at].clone(),
                traced.checks[index].nodes[c.written_at].word.clone(),
            )
        }
        _ => {
            let i = c.written_at;
            (Word::range(0..i), Word::single(i), Word::range(0..i + 1))
        }
    };
    let words = equals([
        row([word_math(&left_word), mo(T::OP), word_math(&right_word)]),
        text(&word_text(&result_word)),
    ]);
    let copied = c.copied.map(|(from, to)| {
        fill(lang, "scan.copied", &[("from", &from.to_string()), ("to", &to.to_string())])
    });
    html! {
        <div class="combine">
            <p class="combine-where">{ fill(lang, "scan.combine_where", &[("l", &c.left_at.to_string()), ("r", &c.right_at.to_string()), ("w", &c.written_at.to_string())]) }</p>
            <Equation mathml={words.block()} />
            { for T::arithmetic(c).into_iter().map(|m| html! { <Equation mathml={m.block()} /> }) }
            if let Some(copied) = copied { <p class="hint">{ copied }</p> }
        </div>
    }
}
