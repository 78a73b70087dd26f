//! `#/continuous`'s eigenvalue panel: the eigenvalues of A against the stability region, with
//! the verdict (stable, marginal, unstable) and whether the state turns.

use super::{PanelProps, system_bits};
use crate::format::decimal;
use crate::i18n::{fill, t};
use crate::ssm::Stability;
use crate::ui::components::Figure;
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::{EigenTexts, eigen_draw, eigen_list};
use yew::prelude::*;

#[function_component(EigenPanel)]
pub(super) fn eigen_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let m = &p.model;
    // The eigenvalue plane depends on A alone.
    let eigen_fig = use_memo((system_bits(&p.lesson.state)[..4].to_vec(), lang), |_| {
        let texts = EigenTexts {
            axes: (t(lang, "continuous.eig_axis_re"), t(lang, "continuous.eig_axis_im")),
            regions: (t(lang, "continuous.region_stable"), t(lang, "continuous.region_unstable")),
        };
        eigen_draw(m.eigenvalues.clone(), texts)
    });
    let verdict = match m.stability {
        Stability::Stable => t(lang, "continuous.verdict_stable").to_owned(),
        Stability::Marginal => t(lang, "continuous.verdict_marginal").to_owned(),
        Stability::Unstable => {
            let re = m.eigenvalues.iter().map(|l| l.re).fold(f64::NEG_INFINITY, f64::max);
            fill(lang, "continuous.verdict_unstable", &[("re", &decimal(re))])
        }
    };
    let turning = m.eigenvalues.iter().map(|l| l.im.abs()).fold(0.0, f64::max);
    let rotation = if turning > 1e-12 {
        fill(lang, "continuous.eig_complex", &[("w", &decimal(turning))])
    } else {
        t(lang, "continuous.eig_real").to_owned()
    };
    html! {
        <section class="panel">
            <div class="row">
                <Figure id="continuous/eigen" draw={(*eigen_fig).clone()} label={t(lang, "continuous.eig_label")} aspect={0.75} />
                <div class="eigen-readout">
                    <p class="readout">{ eigen_list(&m.eigenvalues) }</p>
                    <p>{ verdict }</p>
                    <p>{ rotation }</p>
                </div>
            </div>
        </section>
    }
}
