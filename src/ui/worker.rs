//! A training worker seen from the page: starts the Trunk-built worker script, sends it
//! [`Request`]s and hands each [`Reply`] (or a failure to load or run) to a callback. The
//! worker ends when this handle is dropped.

use crate::lm::protocol::{Reply, Request};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

/// The loader Trunk writes for the `train-worker` binary (`data-loader-shim`), beside index.html.
const SCRIPT: &str = "./train-worker_loader.js";

/// A running worker and the handlers it calls.
pub(crate) struct TrainWorker {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl TrainWorker {
    /// Starts a worker; `on_reply` gets its replies, `on_fail` a message if it fails to load or
    /// stops with an error.
    pub(crate) fn start(
        on_reply: Callback<Reply>,
        on_fail: Callback<String>,
    ) -> Result<TrainWorker, String> {
        let worker = Worker::new(SCRIPT).map_err(|e| format!("{e:?}"))?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            on_reply.emit(Reply::parse(&e.data().as_string().unwrap_or_default()));
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            // Handled here, shown in the page: not also an uncaught error in the console.
            e.prevent_default();
            on_fail.emit(e.message());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(TrainWorker { worker, _on_message: on_message, _on_error: on_error })
    }

    /// Sends a request; `false` if the worker cannot take it.
    pub(crate) fn post(&self, request: &Request) -> bool {
        self.worker.post_message(&JsValue::from_str(&request.to_text())).is_ok()
    }
}

impl Drop for TrainWorker {
    fn drop(&mut self) {
        // Replies already queued before `terminate` are still dispatched: unhook the handlers
        // first, or those events would call the closures dropped with this handle.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
