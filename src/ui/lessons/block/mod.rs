//! Lesson 12, `#/block`: the Mamba block. A clickable diagram of the block run live on the
//! learner's text by a small seeded model; each box shows the tensor leaving it as a heat map,
//! with its shape, a few values and its parameters; two blocks stack on the residual stream; and
//! a hybrid stack's memory as attention layers are mixed in.

mod controls;
mod diagram;
mod hybrid;
mod info;
mod inspect;
mod tables;

use controls::BlockControls;
use info::BoxInfo;
use inspect::InspectPanel;
use tables::{ParamsTable, StackPanel};

use crate::ui::errors::error_text;
use crate::course::Lesson;
use crate::course::block::{BlockLesson, Part};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, equals, mi, mo, paren, row, sub, text};
use crate::route::Route;
use crate::ssm::MixerDims;
use crate::ui::components::{Banner, BannerKind, DrawFn, Equation, Prose, TryThis};
use crate::ui::hooks::{LessonState, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use crate::format::sci;
use diagram::BlockDiagram;
use hybrid::HybridSection;
use std::rc::Rc;
use yew::prelude::*;

/// The sizes of one block of mamba-130m, for the parameter table.
const MAMBA_130M: MixerDims =
    MixerDims { d_model: 768, d_inner: 1536, d_state: 16, d_conv: 4, dt_rank: 48 };
/// Rows listed under "a few values".
const SHOWN_ROWS: usize = 6;

pub(crate) use crate::figures::block::{Run, run, visible};

/// The block's equations: (x, z) = W_in·RMSNorm(h), out = W_out·(SSM(SiLU(conv1d(x))) ⊙ SiLU(z)),
/// h ← h + out.
fn equations() -> Vec<Math> {
    let call = |f: &str, arg: Math| row([text(f), paren(arg)]);
    let w = |s: &str| sub(mi("W"), text(s));
    let split = equals([
        paren(row([mi("x"), mo(","), mi("z")])),
        row([w("in"), mo("·"), call("RMSNorm", mi("h"))]),
    ]);
    let ssm = row([
        sub(text("SSM"), row([mi("Δ"), mo(","), mi("B"), mo(","), mi("C")])),
        paren(call("SiLU", call("conv1d", mi("x")))),
    ]);
    let out = equals([
        mi("out"),
        row([w("out"), mo("·"), paren(row([ssm, mo("⊙"), call("SiLU", mi("z"))]))]),
    ]);
    let residual = row([mi("h"), mo("←"), mi("h"), mo("+"), mi("out")]);
    vec![split, out, residual]
}

/// The residual stream through the stack, on one colour scale: the embedded text, then the
/// stream after each block.
fn stream_figure(r: Rc<Run>, lang: Lang) -> DrawFn {
    Rc::new(move |area, theme| crate::figures::block::stream(area, theme, lang, &r))
}

#[function_component(BlockLessonView)]
pub(crate) fn block_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<BlockLesson>(Route::Lesson(Lesson::Block, None));
    let s = lesson.state.clone();
    use_update_measure("block", &*s);
    // The token column pointed at on the map; another box forgets it.
    let hover = use_state(|| None::<usize>);
    let set_hover = use_callback(hover.setter(), |col, setter| setter.set(col));
    let empty = s.tokens().is_empty();
    let tokens = if empty { BlockLesson::default().tokens() } else { s.tokens() };
    let result =
        use_memo((tokens.clone(), s.seed, s.d_state, s.two), |(tokens, seed, d_state, two)| {
            let key =
                BlockLesson { seed: *seed, d_state: *d_state, two: *two, ..BlockLesson::default() };
            run(tokens, &key).map(Rc::new)
        });
    // Memoized: the stream redraws only when the model or the text changes (not on hover).
    let stream_draw = {
        let result = result.clone();
        use_memo((tokens.clone(), s.seed, s.d_state, s.two, lang), move |_| -> DrawFn {
            match &*result {
                Ok(r) => stream_figure(r.clone(), lang),
                Err(_) => Rc::new(|_, _| Ok(None)),
            }
        })
    };
    let r = match &*result {
        Ok(r) => r.clone(),
        Err(e) => return html! { <Banner kind={BannerKind::Warning} text={error_text(lang, e)} /> },
    };

    let on_part = {
        let (set_part, hover) = (lesson.on(|s, part| s.part = part), hover.clone());
        Callback::from(move |part: Part| {
            hover.set(None);
            set_part.emit(part);
        })
    };
    let on_attention = lesson.on(|s, attention: usize| s.attention = attention);
    let counts: Vec<usize> = Part::ALL.iter().map(|p| p.parameters(r.dims)).collect();
    let eq_caption = fill(
        lang,
        "block.eq_caption",
        &[
            ("d", &r.dims.d_model.to_string()),
            ("di", &r.dims.d_inner.to_string()),
            ("n", &r.dims.d_state.to_string()),
        ],
    );
    let recurrent = fill(lang, "block.recurrent", &[("e", &sci(r.recurrent_gap))]);
    let equations = equations();
    html! {
        <>
            <Prose keys={vec!["block.intro1", "block.intro2"]} />
            <section class="panel">
                <BlockControls lesson={lesson.clone()} />
                if empty { <Banner kind={BannerKind::Info} text={t(lang, "block.empty")} /> }
                <BlockDiagram selected={s.part} counts={counts} on_select={on_part} />
                <InspectPanel lesson={lesson.clone()} run={r.clone()} hover={*hover} set_hover={set_hover} />
                { for equations.iter().map(|m| html! { <Equation mathml={m.clone().block()} /> }) }
                <p class="equation-caption">{ eq_caption }</p>
                <p class="readout recurrent">{ recurrent }</p>
            </section>

            <h2>{ t(lang, "block.table_h") }</h2>
            <ParamsTable lesson={lesson.clone()} run={r.clone()} />

            <h2>{ t(lang, "block.stack_h") }</h2>
            <Prose keys={vec!["block.stack1", "block.stack2"]} />
            <StackPanel run={r.clone()} draw={(*stream_draw).clone()} />

            <h2>{ t(lang, "block.hybrid_h") }</h2>
            <Prose keys={vec!["block.hybrid1", "block.hybrid2", "block.hybrid3"]} />
            <HybridSection attention={s.attention} on_change={on_attention} />
            <TryThis keys={vec!["block.try1", "block.try2", "block.try3", "block.try4", "block.try5"]} />
        </>
    }
}

/// The toy model's run, compared by identity (it is memoized on its inputs).
#[derive(Properties)]
struct RunProps {
    lesson: LessonState<BlockLesson>,
    run: Rc<Run>,
}

impl PartialEq for RunProps {
    fn eq(&self, other: &Self) -> bool {
        self.lesson == other.lesson && Rc::ptr_eq(&self.run, &other.run)
    }
}
