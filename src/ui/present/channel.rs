//! The speaker view and the audience window talk over a `BroadcastChannel` (same origin, no
//! server). Messages are short texts: `hello` (a window that has just opened asks where the
//! talk is) and `at <slug> <scene>` (where the sender is now). A window adopts any `at` it
//! hears, announces its own moves (not the stop it opened at), and answers `hello` with its
//! own `at`, so either window can be opened first, and closing one leaves the other as it was.

use crate::course::Lesson;
use crate::course::tour::Stop;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{BroadcastChannel, MessageEvent};
use yew::prelude::*;

const NAME: &str = "mamba-explainer-present";

/// A message on the channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Message {
    Hello,
    At(Stop),
}

impl Message {
    fn text(self) -> String {
        match self {
            Message::Hello => "hello".to_owned(),
            Message::At(stop) => format!("at {} {}", stop.lesson.slug(), stop.scene),
        }
    }

    fn parse(text: &str) -> Option<Message> {
        let mut words = text.split(' ');
        match words.next()? {
            "hello" => Some(Message::Hello),
            "at" => {
                let lesson = Lesson::from_slug(words.next()?)?;
                let scene = words.next()?.parse().ok()?;
                Some(Message::At(Stop::new(lesson, scene)))
            }
            _ => None,
        }
    }
}

/// Sends messages on the channel (does nothing where `BroadcastChannel` is missing).
#[derive(Clone)]
pub(crate) struct Sender(Rc<Option<BroadcastChannel>>);

impl PartialEq for Sender {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Sender {
    pub(crate) fn send(&self, message: Message) {
        if let Some(channel) = self.0.as_ref() {
            let _ = channel.post_message(&message.text().into());
        }
    }
}

/// Opens the channel for the component's life, calling the latest `on_message` for every
/// message heard, and says `hello` once.
#[hook]
pub(crate) fn use_channel(on_message: Callback<Message>) -> Sender {
    let latest = use_mut_ref(|| on_message.clone());
    *latest.borrow_mut() = on_message;
    let channel = use_memo((), |_| BroadcastChannel::new(NAME).ok());
    {
        let channel = channel.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(m) = e.data().as_string().as_deref().and_then(Message::parse) {
                    latest.borrow().emit(m);
                }
            });
            if let Some(c) = channel.as_ref() {
                c.set_onmessage(Some(listener.as_ref().unchecked_ref()));
                let _ = c.post_message(&Message::Hello.text().into());
            }
            move || {
                if let Some(c) = channel.as_ref() {
                    c.set_onmessage(None);
                    c.close();
                }
                drop(listener);
            }
        });
    }
    Sender(channel)
}
