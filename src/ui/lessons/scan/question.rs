//! The notes' question in `#/scan`: composing two steps (a₁,b₁)∘(a₂,b₂) = (a₁a₂, a₂b₁ + b₂).

use super::{Edit, Examples};
use crate::course::scan::ScanLesson;
use crate::explain::scan::{Measured, Swapped, max_scaled_difference, sequential_states};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{equals, mi, mo, paren, row, text};
use crate::plot::{LineChart, Series, SeriesStyle, clip_segment, line_chart, palette};
use crate::ssm::{
    Monoid, Result as SsmResult, ScanAlgorithm, SsmPair, Sum, inclusive_scan, scan_sequential,
};
use crate::ui::components::{DrawFn, Equation, Figure, Prose, Question, Slider};
use crate::ui::hooks::on;
use crate::ui::lang::use_lang;
use crate::format::{fixed, sci};
use crate::ui::lessons::scan_tree::Shown;
use std::rc::Rc;
use yew::prelude::*;

/// The notes' question, answered with the live pairs: associativity, order, and composition.
#[derive(Properties)]
pub(super) struct QuestionProps {
    pub(super) examples: Rc<SsmResult<Examples>>,
    pub(super) at: usize,
    pub(super) h0: f64,
    pub(super) draw: DrawFn,
    pub(super) update: Callback<Edit>,
}

impl PartialEq for QuestionProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.examples, &other.examples)
            && self.at == other.at
            && self.h0 == other.h0
            && Rc::ptr_eq(&self.draw, &other.draw)
            && self.update == other.update
    }
}

#[function_component(QuestionSection)]
pub(super) fn question(props: &QuestionProps) -> Html {
    let lang = use_lang();
    let Ok(ex) = &*props.examples else { return html! {} };
    let (pairs, sums) = (&ex.pairs.trace.input, &ex.sums.trace.input);
    let draw = props.draw.clone();
    let at = props.at.min(pairs.len() - 3);
    let (p, q, r) = (pairs[at], pairs[at + 1], pairs[at + 2]);
    let (pq, qr) = (p.combine(&q), q.combine(&r));
    let (left, right) = (pq.combine(&r), p.combine(&qr));
    let qp = q.combine(&p);
    let name = |s: &str| mi(s);
    let triple = equals([
        row([name("p"), mo(","), name("q"), mo(","), name("r")]),
        row([p.math(), mo(","), q.math(), mo(","), r.math()]),
    ]);
    let grouping = equals([
        row([paren(row([name("p"), mo("∘"), name("q")])), mo("∘"), name("r")]),
        row([pq.math(), mo("∘"), r.math()]),
        left.math(),
    ]);
    let other = equals([
        row([name("p"), mo("∘"), paren(row([name("q"), mo("∘"), name("r")]))]),
        row([p.math(), mo("∘"), qr.math()]),
        right.math(),
    ]);
    let orders = row([
        name("p"),
        mo("∘"),
        name("q"),
        mo("="),
        pq.math(),
        text("   "),
        mo("≠"),
        text("   "),
        name("q"),
        mo("∘"),
        name("p"),
        mo("="),
        qp.math(),
    ]);
    let swapped_pairs: Vec<Swapped<SsmPair>> = pairs.iter().copied().map(Swapped).collect();
    let wrong: Vec<f64> =
        inclusive_scan(&swapped_pairs, ScanAlgorithm::Blelloch).iter().map(|x| x.0.b).collect();
    let pair_error = max_scaled_difference(&wrong, &sequential_states(pairs));
    let swapped_sums: Vec<Swapped<Sum>> = sums.iter().copied().map(Swapped).collect();
    let wrong_sums: Vec<f64> =
        inclusive_scan(&swapped_sums, ScanAlgorithm::Blelloch).iter().map(|x| x.0.0).collect();
    let right_sums: Vec<f64> = scan_sequential(sums).iter().map(|x| x.0).collect();
    let sum_error = max_scaled_difference(&wrong_sums, &right_sums);

    let h0 = props.h0;
    let on_at = on(&props.update, |s: &mut ScanLesson, v: f64| s.at = v as usize);
    let on_h0 = on(&props.update, |s: &mut ScanLesson, v: f64| s.h0 = v);
    html! {
        <Question question="scan.q">
            <Prose keys={vec!["scan.q_answer1"]} />
            <div class="controls">
                <Slider id="scan-at" label={t(lang, "scan.at")} value={at as f64} min={0.0} max={(pairs.len() - 3) as f64} step={1.0} digits={0} on_change={on_at} />
            </div>
            <Equation mathml={triple.block()} />
            <Equation mathml={grouping.block()} />
            <Equation mathml={other.block()} caption={fill(lang, "scan.assoc_caption", &[("err", &sci(left.distance(&right)))])} />
            <Prose keys={vec!["scan.q_answer2"]} />
            <Equation mathml={orders.block()} caption={t(lang, "scan.order_caption")} />
            <p class="readout" id="scan-swapped">{ fill(lang, "scan.swapped", &[("pairs", &format!("{pair_error:.3}")), ("sums", &format!("{sum_error}"))]) }</p>
            <Prose keys={vec!["scan.q_answer3"]} />
            <div class="controls">
                <Slider id="scan-h0" label={t(lang, "scan.h0")} value={h0} min={-2.0} max={2.0} step={0.1} digits={1} on_change={on_h0} />
            </div>
            <Figure id="scan/question" draw={draw} label={t(lang, "scan.fig_label")} aspect={0.55} />
            <p class="readout">{ fill(lang, "scan.path_readout", &[
                ("h0", &fixed(h0, 2)), ("ph", &fixed(p.apply(h0), 3)), ("qph", &fixed(q.apply(p.apply(h0)), 3)), ("pqh", &fixed(pq.apply(h0), 3)),
            ]) }</p>
            <Prose keys={vec!["scan.q_answer4"]} />
        </Question>
    }
}

/// The composition figure: the steps p and q as lines, p∘q, and the path of h through both.
pub(super) fn composition_draw(lang: Lang, p: SsmPair, q: SsmPair, at: usize, h0: f64) -> DrawFn {
    let pq = p.combine(&q);
    let labels = [
        fill(lang, "scan.fig_p", &[("i", &at.to_string())]),
        fill(lang, "scan.fig_q", &[("i", &(at + 1).to_string())]),
        t(lang, "scan.fig_pq").to_owned(),
        t(lang, "scan.fig_diagonal").to_owned(),
        t(lang, "scan.fig_path").to_owned(),
        t(lang, "scan.fig_points").to_owned(),
    ];
    let axes = (t(lang, "scan.fig_x").to_owned(), t(lang, "scan.fig_y").to_owned());
    Rc::new(move |area, theme| {
        // An affine map is a straight line: its two ends inside the chart, so the canvas draws
        // one clean segment.
        let line = |m: SsmPair| {
            clip_segment(((-2.5, 2.5), (-4.0, 4.0)), (-2.5, m.apply(-2.5)), (2.5, m.apply(2.5)))
                .map_or_else(Vec::new, |(a, b)| vec![a, b])
        };
        let ph = p.apply(h0);
        let path = vec![(h0, p.apply(h0)), (ph, ph), (ph, q.apply(ph)), (h0, pq.apply(h0))];
        let chart = LineChart {
            x_label: &axes.0,
            y_label: &axes.1,
            series: vec![
                Series {
                    label: &labels[0],
                    points: line(p),
                    color: palette::BLUE,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels[1],
                    points: line(q),
                    color: palette::GREEN,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels[2],
                    points: line(pq),
                    color: palette::PURPLE,
                    style: SeriesStyle::Dashed,
                },
                Series {
                    label: &labels[3],
                    points: vec![(-2.5, -2.5), (2.5, 2.5)],
                    color: palette::MARK,
                    style: SeriesStyle::Dashed,
                },
                Series {
                    label: &labels[4],
                    points: path,
                    color: palette::ORANGE,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels[5],
                    points: vec![(h0, p.apply(h0)), (ph, q.apply(ph)), (h0, pq.apply(h0))],
                    color: palette::INK,
                    style: SeriesStyle::Points,
                },
            ],
            marker_x: Some(h0),
            y_limit: Some((-4.0, 4.0)),
            x_range: Some((-2.5, 2.5)),
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(|_| None)
    })
}
