//! The scan tree as SVG: one component per row, so that a step redraws only the rows whose
//! relation to the stepper's position changed.

use super::{Geometry, Row, TreeModel, When};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
struct RowProps {
    row: Rc<Row>,
    index: usize,
    when: When,
    /// The picked combine, in the current row only.
    pick: Option<usize>,
    geometry: Geometry,
    on_pick: Callback<usize>,
}

impl PartialEq for RowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.row, &other.row)
            && self.index == other.index
            && self.when == other.when
            && self.pick == other.pick
            && self.geometry == other.geometry
            && self.on_pick == other.on_pick
    }
}

/// One row of the tree. A row is drawn again only when it becomes or stops being the current
/// one (or its pick changes), so a step redraws two rows, not the whole tree.
#[function_component(TreeRowView)]
fn tree_row(p: &RowProps) -> Html {
    let (row, g, when) = (&p.row, p.geometry, p.when);
    let y = g.y(p.index);
    let when_class = match when {
        When::Past => "past",
        When::Current => "current",
        When::Future => "future",
        When::Reference => "reference",
    };
    let current = when == When::Current;
    let pick = |k: usize| {
        let on_pick = p.on_pick.clone();
        Callback::from(move |_: MouseEvent| on_pick.emit(k))
    };
    let band = current.then(|| html! {
        <rect class="band" x="0" y={(y - 5.0).to_string()} width={g.width.to_string()} height={(g.box_h + 24.0).to_string()} rx="6" />
    });
    let links = row.links.iter().filter(|_| when != When::Future).map(|link| {
        let picked = current && Some(link.combine) == p.pick;
        let class = classes!("link", link.copy.then_some("copy"), picked.then_some("picked"));
        html! {
            <line class={class} x1={g.x(link.from).to_string()} y1={(y - g.rh + g.box_h).to_string()}
                  x2={g.x(link.to).to_string()} y2={y.to_string()} onclick={current.then(|| pick(link.combine))} />
        }
    });
    let font = if g.cw >= 36.0 { "13" } else { "11" };
    let word_font = if g.cw >= 56.0 { "11" } else { "9" };
    let nodes = row.nodes.iter().enumerate().map(|(i, node)| {
        let x = g.x(i);
        let picked = current && node.combine.is_some() && node.combine == p.pick;
        let ok = current.then_some(node.ok);
        let class = classes!(
            "node",
            node.changed.then_some("changed"),
            (i >= g.inputs).then_some("pad"),
            picked.then_some("picked"),
            ok.map(|ok| if ok { "ok" } else { "bad" }),
        );
        let (main, second) = &node.lines;
        let main_y = if g.tall { y + 16.0 } else { y + g.box_h / 2.0 + 4.5 };
        html! {
            <g class={class} data-row={p.index.to_string()} data-col={i.to_string()} data-value={node.data.clone()}
               data-word={node.word_data.clone()} data-ok={ok.map(|ok| if ok { "1" } else { "0" })}
               onclick={node.combine.filter(|_| current).map(pick)}>
                <title>{ format!("{} = {}", node.word, main) }</title>
                <rect x={(x - g.box_w / 2.0).to_string()} y={y.to_string()} width={g.box_w.to_string()} height={g.box_h.to_string()} rx="5" />
                if when != When::Future {
                    <text class="main" x={x.to_string()} y={main_y.to_string()} font-size={font} text-anchor="middle">{ main.clone() }</text>
                    if let (true, Some(second)) = (g.tall, second) {
                        <text class="second" x={x.to_string()} y={(y + 34.0).to_string()} font-size="11.5" text-anchor="middle">{ second.clone() }</text>
                    }
                    if current {
                        <text class="word" x={x.to_string()} y={(y + g.box_h + 13.0).to_string()} font-size={word_font} text-anchor="middle">{ node.word.clone() }</text>
                    }
                }
            </g>
        }
    });
    html! {
        <g class={classes!("tree-row", when_class)}>
            { for band }
            <text class="row-label" x="4" y={(y + g.box_h / 2.0 + 4.5).to_string()} font-size="12">{ row.label.clone() }</text>
            { for links }
            { for nodes }
        </g>
    }
}

#[derive(Properties)]
pub(crate) struct TreeProps {
    pub(crate) model: Rc<TreeModel>,
    /// The stepper's position: the row that is current.
    pub(crate) pos: usize,
    pub(crate) pick: usize,
    pub(crate) label: AttrValue,
    /// Must keep its identity across renders (the rows compare it).
    pub(crate) on_pick: Callback<usize>,
}

impl PartialEq for TreeProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model)
            && self.pos == other.pos
            && self.pick == other.pick
            && self.label == other.label
            && self.on_pick == other.on_pick
    }
}

/// The tree as SVG: one row per step (input, steps, finish) and the sequential loop below.
#[function_component(TreeView)]
pub(crate) fn tree_view(p: &TreeProps) -> Html {
    let model = &p.model;
    let g = model.geometry;
    let last = model.rows.len() - 1;
    let height = 12.0 + model.rows.len() as f64 * g.rh;
    let rows = model.rows.iter().enumerate().map(|(i, row)| {
        let when = if row.reference {
            When::Reference
        } else {
            match i.cmp(&p.pos.min(last - 1)) {
                std::cmp::Ordering::Less => When::Past,
                std::cmp::Ordering::Equal => When::Current,
                std::cmp::Ordering::Greater => When::Future,
            }
        };
        let pick = (when == When::Current).then_some(p.pick);
        html! {
            <TreeRowView key={i} row={Rc::clone(row)} index={i} when={when} pick={pick} geometry={g} on_pick={p.on_pick.clone()} />
        }
    });
    html! {
        <svg class={classes!("scan-tree", (g.width > 960.0).then_some("wide"))} width={g.width.to_string()}
             viewBox={format!("0 0 {} {height}", g.width)} role="img"
             aria-label={p.label.clone()} preserveAspectRatio="xMinYMin meet">
            { for rows }
        </svg>
    }
}
