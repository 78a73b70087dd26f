//! The Mamba block as an SVG diagram whose boxes are buttons: in_proj splits into the x branch
//! (conv1d → SiLU → SSM) and the z branch (SiLU(z)), the gate multiplies them, out_proj maps back,
//! and the residual connection adds the block's input. Tab reaches every box; Enter or Space
//! opens it. Each box shows its parameter count underneath.

use crate::course::block::Part;
use crate::i18n::{fill, t};
use crate::ui::lang::use_lang;
use crate::format::grouped;
use crate::url::Named;
use yew::prelude::*;

/// Where a box sits in the 1000 × 250 drawing: left, top, width (height is [`BOX_H`]).
fn place(part: Part) -> (i32, i32, i32) {
    const MAIN: i32 = 46;
    match part {
        Part::Input => (8, MAIN, 68),
        Part::Norm => (94, MAIN, 100),
        Part::InProj => (212, MAIN, 92),
        Part::Conv => (336, MAIN, 82),
        Part::Silu => (436, MAIN, 92),
        Part::Ssm => (546, MAIN, 116),
        Part::Multiply => (680, MAIN, 42),
        Part::OutProj => (740, MAIN, 92),
        Part::Residual => (850, MAIN, 42),
        Part::Gate => (436, 146, 226),
    }
}

const BOX_H: i32 = 48;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    /// The open box.
    pub(crate) selected: Part,
    /// The parameter count of each box, in the order of [`Part::ALL`].
    pub(crate) counts: Vec<usize>,
    pub(crate) on_select: Callback<Part>,
}

#[function_component(BlockDiagram)]
pub(crate) fn block_diagram(p: &Props) -> Html {
    let lang = use_lang();
    let arrow = |d: String| html! { <path class="wire" d={d} marker-end="url(#block-arrow)" /> };
    let right = |from: Part, to: Part| {
        let (x0, y0, w0) = place(from);
        let (x1, _, _) = place(to);
        arrow(format!("M{},{} H{}", x0 + w0, y0 + BOX_H / 2, x1 - 2))
    };
    let boxes = Part::ALL.iter().zip(&p.counts).map(|(&part, &count)| {
        let (x, y, w) = place(part);
        let name = t(lang, &format!("block.part_{}", part.name()));
        let select = {
            let cb = p.on_select.clone();
            Callback::from(move |_: MouseEvent| cb.emit(part))
        };
        let key = {
            let cb = p.on_select.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    cb.emit(part);
                }
            })
        };
        // The button's name contains the text it shows (the part and its parameter count).
        let shown = if count > 0 { format!("{name} {}", grouped(count)) } else { name.to_owned() };
        let selected = part == p.selected;
        let cx = x + w / 2;
        html! {
            <g class={classes!("box", format!("box-{}", part.name()), selected.then_some("selected"))}
               role="button" tabindex="0" data-part={part.name()} aria-pressed={selected.to_string()}
               aria-label={fill(lang, "block.open_part", &[("name", &shown)])}
               onclick={select} onkeydown={key}>
                <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={BOX_H.to_string()} rx="8" />
                // One text, so that what it reads ("in_proj 256") is what the button's name says.
                <text x={cx.to_string()} y={(y + BOX_H / 2 + 5).to_string()} text-anchor="middle">
                    { name }
                    if count > 0 {
                        <tspan class="count" x={cx.to_string()} y={(y + BOX_H + 16).to_string()}>{ format!(" {}", grouped(count)) }</tspan>
                    }
                </text>
            </g>
        }
    });
    let (px, py, pw) = place(Part::InProj);
    let (gx, gy, gw) = place(Part::Gate);
    let (mx, my, mw) = place(Part::Multiply);
    let (ix, iy, iw) = place(Part::Input);
    let (rx, ry, rw) = place(Part::Residual);
    let down = px + pw - 18;
    html! {
        <svg class="block-diagram" viewBox="0 0 1000 250" role="group" aria-label={t(lang, "block.diagram_label")}>
            <defs>
                <marker id="block-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" />
                </marker>
            </defs>
            <text class="legend" x="8" y="24">{ t(lang, "block.diagram_legend") }</text>
            { right(Part::Input, Part::Norm) }
            { right(Part::Norm, Part::InProj) }
            { right(Part::InProj, Part::Conv) }
            { right(Part::Conv, Part::Silu) }
            { right(Part::Silu, Part::Ssm) }
            { right(Part::Ssm, Part::Multiply) }
            { right(Part::Multiply, Part::OutProj) }
            { right(Part::OutProj, Part::Residual) }
            { arrow(format!("M{},{} H992", rx + rw, ry + BOX_H / 2)) }
            <text class="label" x="944" y={(ry + BOX_H / 2 - 10).to_string()} text-anchor="middle">{ t(lang, "block.output_word") }</text>
            // The z branch: down from in_proj, along to the gate, up into the multiplication.
            { arrow(format!("M{down},{} V{} H{}", py + BOX_H, gy + BOX_H / 2, gx - 2)) }
            { arrow(format!("M{},{} H{} V{}", gx + gw, gy + BOX_H / 2, mx + mw / 2, my + BOX_H + 2)) }
            <text class="branch" x={(px + pw + 14).to_string()} y={(py + BOX_H / 2 - 8).to_string()}>{ "x" }</text>
            <text class="branch" x={(down + 8).to_string()} y={(gy + BOX_H / 2 - 8).to_string()}>{ "z" }</text>
            // The residual connection: from the input, under everything, up into the addition.
            { arrow(format!("M{},{} V226 H{} V{}", ix + iw / 2, iy + BOX_H, rx + rw / 2, ry + BOX_H + 2)) }
            <text class="label" x="300" y="242" text-anchor="middle">{ t(lang, "block.residual_word") }</text>
            { for boxes }
        </svg>
    }
}
