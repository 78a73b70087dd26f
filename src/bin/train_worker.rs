//! Entry point of the training worker of `#/train`: Trunk builds this binary for wasm32 as a Web
//! Worker. It answers each message (JSON text, `lm::protocol`) with one `lm::session::Session`,
//! after saying it has started, so the page never posts into a worker that is still loading.

#[cfg(target_arch = "wasm32")]
fn main() {
    use mamba_explainer::lm::protocol::Reply;
    use mamba_explainer::lm::session::Session;
    use mamba_explainer::lm::shipped::shipped;
    use std::cell::RefCell;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = RefCell::new(Session::new(shipped));
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let text = e.data().as_string().unwrap_or_default();
        let reply = session.borrow_mut().handle_text(&text);
        // A failed post means the page is gone; there is no one left to tell.
        let _ = reply_to.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(&Reply::Started.to_text()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The training worker runs in the browser, started by the page #/train.");
    std::process::exit(1);
}
