//! `#/hardware`'s memory hierarchy: HBM and SRAM with each kernel's reads and writes as arrows,
//! for the naive scan and for the fused kernel.

use super::{bytes, names, stage_name};
use crate::explain::hardware::{GpuSpec, IoProblem, IoStage, StageIo, fused_stages, naive_stages};
use crate::i18n::{Lang, fill, t};
use crate::ui::components::ScrollBox;
use yew::prelude::*;

/// The memory hierarchy with the traffic of both implementations: HBM on the left, on-chip
/// SRAM on the right, one row per kernel with an arrow for its reads (HBM → SRAM) and one for
/// its writes (SRAM → HBM), each as thick as the square root of its bytes.
pub(super) fn hierarchy(lang: Lang, p: &IoProblem, gpu: &GpuSpec) -> Html {
    const W: f64 = 960.0;
    const ROW: f64 = 84.0;
    const MEM_W: f64 = 250.0;
    let naive = naive_stages();
    let fused = fused_stages();
    let most = naive
        .iter()
        .chain(&fused)
        .flat_map(|s| [s.read_bytes(p), s.written_bytes(p)])
        .max()
        .unwrap_or(1)
        .max(1);
    let width = |b: u64| if b == 0 { 0.0 } else { 2.0 + 12.0 * (b as f64 / most as f64).sqrt() };
    let hbm_label = fill(
        lang,
        "hardware.hbm_box",
        &[("mem", gpu.memory), ("bw", &format!("{:.0}", gpu.bandwidth_gb_s))],
    );
    let sram_label = fill(
        lang,
        "hardware.sram_box",
        &[("kib", &gpu.sram_per_sm_kib.to_string()), ("sms", &gpu.sms.to_string())],
    );
    let (left, right) = (10.0 + MEM_W, W - 10.0 - MEM_W);
    let mid = (left + right) / 2.0;
    let panel = |title: &str, stages: &[StageIo], top: f64, class: &'static str| {
        let height = stages.len() as f64 * ROW;
        let rows = stages.iter().enumerate().map(|(i, s)| {
            let (r, w) = (s.read_bytes(p), s.written_bytes(p));
            let y = top + 28.0 + i as f64 * ROW + ROW / 2.0;
            let (read_y, write_y) = (y - 12.0, y + 14.0);
            html! {
                <g class={classes!("kernel", class)}>
                    { arrow("read", left + 4.0, right - 2.0, read_y, width(r)) }
                    { arrow("write", right - 4.0, left + 2.0, write_y, width(w)) }
                    <text class="arrow-label" x={mid.to_string()} y={(read_y - 4.0 - width(r) / 2.0).to_string()} text-anchor="middle" font-size="12">
                        { format!("{} → {}   {}", t(lang, "hardware.read"), names(&s.reads), bytes(r)) }
                    </text>
                    <text class="arrow-label" x={mid.to_string()} y={(write_y + 13.0 + width(w) / 2.0).to_string()} text-anchor="middle" font-size="12">
                        { format!("{} ← {}   {}", t(lang, "hardware.write"), names(&s.writes), bytes(w)) }
                    </text>
                    <text class="kernel-name" x={(right + 12.0).to_string()} y={(y + 4.0).to_string()} font-size="13">{ stage_name(lang, s.stage) }</text>
                    if s.stage == IoStage::Fused {
                        <text class="keep" x={(right + 12.0).to_string()} y={(y + 22.0).to_string()} font-size="12">{ t(lang, "hardware.h_stays") }</text>
                    }
                </g>
            }
        });
        html! {
            <g>
                <text class="side-title" x="10" y={(top + 16.0).to_string()} font-size="15">{ title.to_owned() }</text>
                <g class="mem hbm">
                    <rect x="10" y={(top + 24.0).to_string()} width={MEM_W.to_string()} height={height.to_string()} rx="8" />
                    <text x="20" y={(top + 44.0).to_string()} font-size="12">{ hbm_label.clone() }</text>
                </g>
                <g class="mem sram">
                    <rect x={right.to_string()} y={(top + 24.0).to_string()} width={MEM_W.to_string()} height={height.to_string()} rx="8" />
                    <text x={(right + 12.0).to_string()} y={(top + 44.0).to_string()} font-size="11">{ sram_label.clone() }</text>
                </g>
                { for rows }
            </g>
        }
    };
    let fused_top = 40.0 + naive.len() as f64 * ROW;
    let height = fused_top + 40.0 + ROW;
    html! {
        <ScrollBox>
        <svg class="hierarchy" viewBox={format!("0 0 {W} {height}")} role="img" aria-label={t(lang, "hardware.hierarchy_label")}>
            { panel(t(lang, "hardware.naive_title"), &naive, 0.0, "naive") }
            { panel(t(lang, "hardware.fused_title"), &fused, fused_top, "fused") }
        </svg>
        </ScrollBox>
    }
}

/// A horizontal arrow from x0 to x1 (its tip) at height y, `width` thick, with a head that
/// grows with it.
fn arrow(class: &'static str, x0: f64, x1: f64, y: f64, width: f64) -> Html {
    if width == 0.0 {
        return html! {};
    }
    let head_w = (width * 1.6).max(12.0);
    let head_l = head_w * 0.8 * (x1 - x0).signum();
    let base = x1 - head_l;
    let points = format!("{base},{} {x1},{y} {base},{}", y - head_w / 2.0, y + head_w / 2.0);
    html! {
        <g class={classes!("arrow", class)}>
            <line x1={x0.to_string()} y1={y.to_string()} x2={base.to_string()} y2={y.to_string()} stroke-width={width.to_string()} />
            <polygon points={points} />
        </g>
    }
}

