//! The controls of `#/block`: the text, the seed, N, and one or two blocks.

use crate::course::block::{BlockLesson, MAX_TOKENS};
use crate::i18n::{fill, t};
use crate::ui::components::{Select, Slider, Toggle};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ControlsProps {
    pub(super) lesson: LessonState<BlockLesson>,
}

#[function_component(BlockControls)]
pub(super) fn block_controls(p: &ControlsProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let block = s.block.min(usize::from(s.two));
    // Controls.
    let on_text = {
        let set_text = lesson.on(|s, text: String| *s = s.with_text(&text));
        Callback::from(move |e: InputEvent| {
            if e.is_composing() {
                return;
            }
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                set_text.emit(input.value());
            }
        })
    };
    let set_num = |f: fn(&mut BlockLesson, f64)| lesson.on(f);
    let on_two = lesson.on(|s, two: bool| {
        s.two = two;
        if !two {
            s.block = 0;
        }
    });
    let on_block = lesson.on(|s, v: String| s.block = v.parse::<usize>().unwrap_or(0).min(1));
    let block_options: Vec<(AttrValue, AttrValue)> = (0..2)
        .map(|i| {
            (
                i.to_string().into(),
                fill(lang, "block.block_n", &[("n", &(i + 1).to_string())]).into(),
            )
        })
        .collect();
    html! {
        <div class="controls">
            <div class="control text">
                <label for="block-text">{ t(lang, "block.text_label") }</label>
                <input type="text" id="block-text" maxlength={MAX_TOKENS.to_string()} value={s.text.clone()} oninput={on_text} />
            </div>
            <Slider id="block-seed" label={t(lang, "block.seed")} value={s.seed as f64} min={1.0} max={99.0} step={1.0} digits={0}
                    on_change={set_num(|s, v| s.seed = v as u64)} />
            <Slider id="block-n" label={t(lang, "block.d_state")} value={s.d_state as f64} min={1.0} max={16.0} step={1.0} digits={0}
                    on_change={set_num(|s, v| s.d_state = v as usize)} />
            <Toggle id="block-two" label={t(lang, "block.two")} checked={s.two} on_change={on_two} />
            if s.two {
                <Select id="block-which" label={t(lang, "block.which")} options={block_options}
                        selected={AttrValue::from(block.to_string())} on_change={on_block} />
            }
        </div>
    }
}
