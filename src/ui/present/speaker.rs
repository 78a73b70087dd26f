//! The speaker view (`?present=speaker`, a second window): the current scene's caption and
//! speaker notes, the next scene, the figures each shows, a clock and the time since the view
//! opened. Its buttons and keys drive the audience window over the channel.

use super::channel::{Message, Sender, use_channel};
use crate::course::tour::Stop;
use crate::i18n::{fill, t};
use crate::ui::hooks::use_interval;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) stop: Stop,
    pub(crate) on_go: Callback<Stop>,
}

/// `h:mm:ss` of a number of seconds.
fn clock_text(seconds: u64) -> String {
    format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

#[function_component(SpeakerView)]
pub(crate) fn speaker_view(p: &Props) -> Html {
    let lang = use_lang();
    let stop = p.stop;
    let started = use_memo((), |_| js_sys::Date::now());
    let now = use_state(js_sys::Date::now);
    {
        let now = now.clone();
        use_interval(Some(1000), Callback::from(move |_| now.set(js_sys::Date::now())));
    }
    let stop_now = use_mut_ref(|| stop);
    *stop_now.borrow_mut() = stop;
    let answer = use_mut_ref(|| None::<Sender>);
    let sender = use_channel({
        let (answer, on_go, stop_now) = (answer.clone(), p.on_go.clone(), stop_now.clone());
        Callback::from(move |m: Message| match m {
            Message::At(s) if s != *stop_now.borrow() => on_go.emit(s),
            Message::At(_) => {}
            Message::Hello => {
                if let Some(a) = answer.borrow().as_ref() {
                    a.send(Message::At(*stop_now.borrow()));
                }
            }
        })
    });
    *answer.borrow_mut() = Some(sender.clone());
    // Moves are announced; the first stop is not (a window that opens adopts, it does not lead).
    let shown = use_mut_ref(|| false);
    use_effect_with(stop, move |stop| {
        if std::mem::replace(&mut *shown.borrow_mut(), true) {
            sender.send(Message::At(*stop));
        }
    });

    let card = |s: Option<Stop>, class: &'static str, heading: &'static str| match s {
        Some(s) => html! {
            <section class={classes!("speaker-card", class)}>
                <h2>{ t(lang, heading) }{ " — " }{ fill(lang, "present.scene_n", &[("n", &(s.scene + 1).to_string()), ("total", &s.lesson.tour().len().to_string())]) }
                    { " · " }{ t(lang, &format!("{}.title", s.lesson.slug())) }</h2>
                <p class="speaker-caption">{ t(lang, &s.key("caption")) }</p>
                <p class="speaker-figures">{ s.scene().figures.join(" · ") }</p>
            </section>
        },
        None => {
            html! { <section class={classes!("speaker-card", class)}><p>{ t(lang, "present.end") }</p></section> }
        }
    };
    let go = |target: Option<Stop>| {
        let on_go = p.on_go.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = target {
                on_go.emit(s);
            }
        })
    };
    let elapsed = ((*now - *started).max(0.0) / 1000.0) as u64;
    let date = js_sys::Date::new(&(*now).into());
    let time =
        format!("{:02}:{:02}:{:02}", date.get_hours(), date.get_minutes(), date.get_seconds());
    html! {
        <div class="speaker">
            <header class="speaker-head">
                <span class="speaker-clock" aria-label={t(lang, "present.clock")}>{ time }</span>
                <span class="speaker-elapsed" aria-label={t(lang, "present.elapsed")}>{ clock_text(elapsed) }</span>
                <button type="button" onclick={go(stop.prev())} disabled={stop.prev().is_none()}>{ t(lang, "present.prev") }</button>
                <button type="button" class="present-next" onclick={go(stop.next())} disabled={stop.next().is_none()}>{ t(lang, "present.next") }</button>
            </header>
            { card(Some(stop), "speaker-now", "present.now") }
            <section class="speaker-notes">
                <h2>{ t(lang, "present.notes") }</h2>
                <p>{ t(lang, &stop.key("notes")) }</p>
            </section>
            { card(stop.next(), "speaker-next", "present.up_next") }
        </div>
    }
}
