//! The inspector of `#/block`: the open box's tensor as a heat map (hover or slide to pick a
//! token), its description, a few values and its parameters.

use super::{BoxInfo, Run};
use crate::figures::{self, block::map_caption};
use crate::url::Named;
use crate::course::block::{Axis, BlockLesson, Part, SsmView, shown};
use crate::i18n::t;
use crate::ui::components::{DrawFn, Figure, Select, Slider};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub(super) struct InspectProps {
    pub(super) lesson: LessonState<BlockLesson>,
    pub(super) run: Rc<Run>,
    /// The token column pointed at on the map, if any.
    pub(super) hover: Option<usize>,
    pub(super) set_hover: Callback<Option<usize>>,
}

impl PartialEq for InspectProps {
    fn eq(&self, other: &Self) -> bool {
        self.lesson == other.lesson
            && Rc::ptr_eq(&self.run, &other.run)
            && self.hover == other.hover
            && self.set_hover == other.set_hover
    }
}

#[function_component(InspectPanel)]
pub(super) fn inspect_panel(p: &InspectProps) -> Html {
    let lang = use_lang();
    let (lesson, s, r) = (&p.lesson, &p.lesson.state, &p.run);
    let hover = p.hover;
    // The open box's tensor.
    let block = s.block.min(r.traces.len() - 1);
    let input = if block == 0 { &r.x } else { &r.traces[block - 1].output };
    let view = shown(&r.traces[block], input, s.part, s.view);
    let len = r.tokens.len();
    let by_token = view.cols == Axis::Token;
    let column = if by_token { hover.unwrap_or(s.token).min(len - 1) } else { 0 };
    let caption = map_caption(
        lang,
        s,
        (view.rows, view.values.nrows()),
        (view.cols, view.values.ncols()),
    );
    let map_draw: DrawFn = {
        let (state, run) = ((**s).clone(), r.clone());
        Rc::new(move |area, theme| figures::block::map(area, theme, lang, &state, &run, hover))
    };
    let on_hover = {
        let set_hover = p.set_hover.clone();
        Callback::from(move |x: Option<f64>| {
            let col = x.filter(|_| by_token).map(|x| x.round().max(0.0) as usize);
            if hover != col {
                set_hover.emit(col);
            }
        })
    };
    let set_num = |f: fn(&mut BlockLesson, f64)| lesson.on(f);
    let on_view = lesson.on(|s, v: String| {
        if let Some(view) = SsmView::ALL.into_iter().find(|x| x.name() == v) {
            s.view = view;
        }
    });
    let view_options: Vec<(AttrValue, AttrValue)> = SsmView::ALL
        .iter()
        .map(|v| (v.name().into(), t(lang, &format!("block.ssm_{}", v.name())).into()))
        .collect();
    html! {
        <div class="row inspect">
            <div class="inspect-map">
                <Figure id="block/map" draw={map_draw} label={t(lang, "block.map_label")} aspect={0.85} on_hover={on_hover}
                    summary={caption.clone()} />
                <div class="controls">
                    if by_token {
                        <Slider id="block-token" label={t(lang, "block.token")} value={s.token.min(len - 1) as f64} min={0.0}
                                max={(len - 1) as f64} step={1.0} digits={0}
                                on_change={set_num(|s, v| s.token = v as usize)} />
                    }
                    if s.part == Part::Ssm {
                        <Select id="block-view" label={t(lang, "block.ssm_view")} options={view_options}
                                selected={AttrValue::from(s.view.name())} on_change={on_view} />
                    }
                </div>
            </div>
            <BoxInfo lesson={lesson.clone()} run={r.clone()} view={view.clone()} column={column} caption={caption.clone()} />
        </div>
    }
}
