//! `#/hardware`'s first panel: the problem's sizes and the GPU, the bytes each kernel of the
//! naive scan and of the fused kernel moves through HBM (drawn, tabled, and against L).

use super::hierarchy::hierarchy;
use super::{PanelProps, bytes, duration, gpu_of, names, stage_name};
use crate::course::hardware::{BATCH, D_RANGE, HardwareLesson, L_K, N_RANGE};
use crate::explain::hardware::{
    IoProblem, PUBLISHED_GPUS, StageIo, fused_stages, naive_stages, traffic, transfer_ms,
};
use crate::format::compact;
use crate::i18n::{Lang, fill, t};
use crate::figures;
use crate::plot::FigureData;
use crate::ui::components::{DrawFn, Figure, ScrollBox, Select, Slider};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// One row of the per-kernel table.
fn stage_row(lang: Lang, s: &StageIo, p: &IoProblem, gb_s: f64) -> Html {
    let (r, w) = (s.read_bytes(p), s.written_bytes(p));
    html! {
        <tr>
            <th scope="row">{ stage_name(lang, s.stage) }</th>
            <td class="left">{ names(&s.reads) }</td><td>{ bytes(r) }</td>
            <td class="left">{ names(&s.writes) }</td><td>{ bytes(w) }</td>
            <td>{ duration(transfer_ms(r + w, gb_s)) }</td>
        </tr>
    }
}

/// The bytes chart: naive and fused HBM traffic against L, for the problem's other sizes.
fn traffic_draw(lang: Lang, p: IoProblem) -> DrawFn {
    Rc::new(move |area, theme| figures::hardware::traffic_chart(area, theme, lang, p))
}

/// The bytes chart's numbers: L, then the naive and the fused HBM traffic in bytes.
fn traffic_data(lang: Lang, p: IoProblem) -> FigureData {
    let ls: Vec<u64> = (L_K.0..=L_K.1).map(|k| 1u64 << k).collect();
    let total = |stages: &[StageIo]| -> Vec<f64> {
        let bytes = |l| traffic(stages, &IoProblem { l, ..p });
        ls.iter().map(|&l| bytes(l)).map(|(r, w)| (r + w) as f64).collect()
    };
    let keys = ["hardware.axis_l", "hardware.series_naive", "hardware.series_fused"];
    let l: Vec<f64> = ls.iter().map(|&l| l as f64).collect();
    FigureData::columns(
        keys.iter().map(|k| t(lang, k).to_owned()).collect(),
        &[&l, &total(&naive_stages()), &total(&fused_stages())],
    )
}

#[function_component(IoPanel)]
pub(super) fn io_panel(props: &PanelProps) -> Html {
    let lang = use_lang();
    let lesson = &props.lesson;
    let s = &lesson.state;
    let p = s.problem();
    let gpu = gpu_of(s);
    let (naive, fused) = (naive_stages(), fused_stages());
    let (nr, nw) = traffic(&naive, &p);
    let (fr, fw) = traffic(&fused, &p);
    let ratio = (nr + nw) as f64 / (fr + fw).max(1) as f64;
    let edit = |f: fn(&mut HardwareLesson, f64)| lesson.on(f);
    let select = |f: fn(&mut HardwareLesson, usize)| lesson.parsed(f);
    let gpus = PUBLISHED_GPUS
        .iter()
        .enumerate()
        .map(|(i, g)| (AttrValue::from(i.to_string()), AttrValue::from(g.name)))
        .collect::<Vec<_>>();
    let types = vec![
        (AttrValue::from("2"), AttrValue::from(t(lang, "hardware.bytes_2"))),
        (AttrValue::from("4"), AttrValue::from(t(lang, "hardware.bytes_4"))),
    ];
    let draw = use_memo((lang, p), |&(lang, p)| traffic_draw(lang, p));
    let data = use_memo((lang, p), |&(lang, p)| traffic_data(lang, p));
    html! {
        <section class="panel">
            <div class="controls">
                <Slider id="hardware-batch" label={t(lang, "hardware.batch")} value={s.batch as f64} min={BATCH.0 as f64} max={BATCH.1 as f64} step={1.0} digits={0} on_change={edit(|s, v| s.batch = v as u64)} />
                <Slider id="hardware-d" label={t(lang, "hardware.d")} value={s.d as f64} min={D_RANGE.0 as f64} max={D_RANGE.1 as f64} step={64.0} digits={0} on_change={edit(|s, v| s.d = v as u64)} />
                <Slider id="hardware-n" label={t(lang, "hardware.n")} value={s.n as f64} min={N_RANGE.0 as f64} max={N_RANGE.1 as f64} step={1.0} digits={0} on_change={edit(|s, v| s.n = v as u64)} />
                <Slider id="hardware-l" label={t(lang, "hardware.l")} value={f64::from(s.l_k)} min={f64::from(L_K.0)} max={f64::from(L_K.1)} step={1.0} digits={0}
                        unit={format!("→ L = {}", compact(p.l as f64))} on_change={edit(|s, v| s.l_k = v as u32)} />
                <Select id="hardware-bytes" label={t(lang, "hardware.bytes")} options={types} selected={s.elem_bytes.to_string()} on_change={select(|s, v| s.elem_bytes = v as u64)} />
                <Select id="hardware-gpu" label={t(lang, "hardware.gpu")} options={gpus} selected={s.gpu.to_string()} on_change={select(|s, v| s.gpu = v)} />
            </div>
            <p class="label-model">{ t(lang, "hardware.label_model") }</p>
            { hierarchy(lang, &p, &gpu) }
            <p class="readout" id="hardware-ratio">{ fill(lang, "hardware.ratio", &[("naive", &bytes(nr + nw)), ("fused", &bytes(fr + fw)), ("x", &format!("{ratio:.1}"))]) }</p>
            <ScrollBox>
                <table class="data io-table" id="hardware-table">
                    <thead><tr>
                        <th scope="col">{ t(lang, "hardware.col_kernel") }</th>
                        <th scope="col">{ t(lang, "hardware.col_reads") }</th><th scope="col">{ t(lang, "hardware.col_read_bytes") }</th>
                        <th scope="col">{ t(lang, "hardware.col_writes") }</th><th scope="col">{ t(lang, "hardware.col_write_bytes") }</th>
                        <th scope="col">{ fill(lang, "hardware.col_time", &[("bw", &format!("{:.0}", gpu.bandwidth_gb_s))]) }</th>
                    </tr></thead>
                    <tbody>
                        { for naive.iter().map(|st| stage_row(lang, st, &p, gpu.bandwidth_gb_s)) }
                        <tr class="total"><th scope="row">{ t(lang, "hardware.naive_total") }</th><td></td><td>{ bytes(nr) }</td><td></td><td>{ bytes(nw) }</td><td>{ duration(transfer_ms(nr + nw, gpu.bandwidth_gb_s)) }</td></tr>
                        { for fused.iter().map(|st| stage_row(lang, st, &p, gpu.bandwidth_gb_s)) }
                    </tbody>
                </table>
            </ScrollBox>
            <p class="hint">{ t(lang, "hardware.time_note") }</p>
            <Figure id="hardware/io" draw={(*draw).clone()} label={t(lang, "hardware.fig_label")} aspect={0.45} data={data} />
        </section>
    }
}
