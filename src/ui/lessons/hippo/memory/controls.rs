//! The memory panel's controls: N, the signal, the compared system and the precision.

use super::super::{Edit, n_slider, options};
use crate::course::hippo::{HippoLesson, SignalChoice};
use crate::explain::hippo::{CurveKind, MemorySystem, Precision};
use crate::i18n::t;
use crate::ui::components::Select;
use crate::ui::hooks::on;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ControlsProps {
    pub(super) n: usize,
    pub(super) signal: SignalChoice,
    pub(super) compare: Option<MemorySystem>,
    pub(super) precision: Precision,
    pub(super) edit: Callback<Edit>,
}

#[function_component(MemoryControls)]
pub(super) fn memory_controls(p: &ControlsProps) -> Html {
    let lang = use_lang();
    let on_signal = on(&p.edit, |s: &mut HippoLesson, name: String| {
        if let Ok(kind) = name.parse::<CurveKind>() {
            s.signal = SignalChoice::Preset(kind);
        }
    });
    let on_compare = on(&p.edit, |s: &mut HippoLesson, name: String| s.compare = name.parse().ok());
    let on_precision = on(&p.edit, |s: &mut HippoLesson, name: String| {
        if let Ok(precision) = name.parse::<Precision>() {
            s.precision = precision;
        }
    });
    let mut signal_options = options(
        lang,
        &[
            ("waves", "hippo.sig_waves"),
            ("steps", "hippo.sig_steps"),
            ("spikes", "hippo.sig_spikes"),
            ("chirp", "hippo.sig_chirp"),
            ("noise", "hippo.sig_noise"),
        ],
    );
    let selected_signal = match &p.signal {
        SignalChoice::Preset(kind) => kind.name(),
        SignalChoice::Drawn(_) => {
            signal_options.push(("drawn".into(), t(lang, "hippo.sig_drawn").into()));
            "drawn"
        }
    };
    let compare_options = options(
        lang,
        &[
            ("none", "hippo.cmp_none"),
            ("legs-fixed", "hippo.sys_legs_fixed"),
            ("s4d-real", "hippo.sys_s4d"),
            ("random", "hippo.sys_random"),
        ],
    );
    let precision_options = options(
        lang,
        &[("f64", "hippo.prec_f64"), ("f32", "hippo.prec_f32"), ("bf16", "hippo.prec_bf16")],
    );

    html! {
        <div class="controls">
            { n_slider(lang, "hippo-n2", p.n, &p.edit) }
            <Select id="hippo-signal" label={t(lang, "hippo.signal")} options={signal_options}
                    selected={selected_signal} on_change={on_signal} />
            <Select id="hippo-compare" label={t(lang, "hippo.compare")} options={compare_options}
                    selected={p.compare.map_or("none", |s| s.name())} on_change={on_compare} />
            <Select id="hippo-precision" label={t(lang, "hippo.precision")} options={precision_options}
                    selected={p.precision.name()} on_change={on_precision} />
        </div>
    }
}
