//! Part 3 of `#/selection`: the two rules for B̄ (Euler, as the official code, and exact ZOH).

use super::{PanelProps, TextDeps, draw_kappa, draw_outputs, log_slider, percent, use_draw};
use crate::course::selection::{SCALE_RANGE, rule_name};
use crate::explain::selection::step_coefficients;
use crate::i18n::{fill, t};
use crate::mathml::{bar, exp, frac, mi, mo, num, row, sub};
use crate::ssm::BRule;
use crate::ui::components::{Equation, Figure, Select};
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[function_component(RulesPanel)]
pub(super) fn rules_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let (view, focus) = (p.deps.view.clone(), p.deps.focus);
    let rules_draw = use_draw(p.deps.clone(), draw_outputs);
    // The B̄/B curves do not mark the inspected token: hovering leaves them alone.
    let kappa_draw = use_draw(TextDeps { focus: 0, ..p.deps.clone() }, draw_kappa);
    let text_hover_cb = p.on_hover.clone();

    let rule_options = vec![
        (AttrValue::from("euler"), AttrValue::from(t(lang, "selection.rule_euler"))),
        (AttrValue::from("zoh"), AttrValue::from(t(lang, "selection.rule_zoh"))),
    ];
    let rules_readout = match &*view {
        Ok(v) => {
            let delta = v.model.input.delta[(s.channel, focus)];
            let (_, k_euler) = step_coefficients(BRule::Euler, delta, -1.0);
            let (_, k_zoh) = step_coefficients(BRule::Zoh, delta, -1.0);
            let ratio = || row([sub(bar(mi("B")), mi("t")), mo("/"), sub(mi("B"), mi("t"))]);
            let euler_eq = row([ratio(), mo("="), sub(mi("Δ"), mi("t")), mo("="), num(k_euler, 3)]);
            let zoh_eq = row([
                ratio(),
                mo("="),
                frac(
                    row([exp(row([sub(mi("Δ"), mi("t")), mi("A")])), mo("−"), num(1.0, 1)]),
                    mi("A"),
                ),
                mo("="),
                num(k_zoh, 3),
            ]);
            let at = [("t", focus.to_string()), ("word", v.model.tokens[focus].clone())];
            let at: Vec<(&str, &str)> = at.iter().map(|(k, v)| (*k, v.as_str())).collect();
            html! {
                <>
                    <div class="row">
                        <Equation mathml={euler_eq.block()} caption={fill(lang, "selection.eq_kappa_euler", &at)} />
                        <Equation mathml={zoh_eq.block()} caption={fill(lang, "selection.eq_kappa_zoh", &at)} />
                    </div>
                    <p class="readout">{ fill(lang, "selection.rules_diff", &[
                        ("d", &format!("{:.3}", v.rules.max_difference)),
                        ("r", &percent(v.rules.relative)),
                    ]) }</p>
                </>
            }
        }
        Err(_) => html! {},
    };
    html! {
        <section class="panel rules">
            <div class="controls">
                <Select id="selection-rule" label={t(lang, "selection.rule")} options={rule_options}
                        selected={AttrValue::from(rule_name(s.rule))}
                        on_change={lesson.on(|s, v: String| s.rule = if v == "zoh" { BRule::Zoh } else { BRule::Euler })} />
                { log_slider("selection-scale-rules", t(lang, "selection.scale"), s.scale, SCALE_RANGE, lesson.on(|s, v| s.scale = v)) }
            </div>
            <div class="row">
                <Figure id="selection/rules" draw={rules_draw} label={t(lang, "selection.rules_label")} aspect={0.62}
                        on_hover={text_hover_cb.clone()} />
                <Figure id="selection/kappa" draw={kappa_draw} label={t(lang, "selection.kappa_label")} aspect={0.62} />
            </div>
            { rules_readout }
        </section>
    }
}
