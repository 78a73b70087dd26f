//! Checkpoint files: download a model's weights as safetensors, and read a file chosen on disk
//! (locally; nothing is uploaded) for the worker to validate.

use crate::lm::LayerKind;
use crate::ui::dom;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};
use yew::prelude::*;

/// The file name of a model's weights.
fn file_name(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::S6 => "train-s6.safetensors",
        LayerKind::S4 => "train-s4.safetensors",
    }
}

/// Offers `bytes` as a download named for `kind`.
pub(super) fn download(kind: LayerKind, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = dom::document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(file_name(kind));
        a.click();
    }
    let _ = Url::revoke_object_url(&url);
}

#[derive(Properties, PartialEq)]
pub(super) struct LoadProps {
    pub(super) id: AttrValue,
    pub(super) label: AttrValue,
    /// The chosen file's bytes.
    pub(super) on_load: Callback<Vec<u8>>,
}

/// A file picker that reads the chosen file and hands over its bytes.
#[function_component(LoadFile)]
pub(super) fn load_file(p: &LoadProps) -> Html {
    let on_change = {
        let on_load = p.on_load.clone();
        Callback::from(move |e: Event| {
            let input = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
            let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
                return;
            };
            if let Some(i) = &input {
                // The same file may be chosen again.
                i.set_value("");
            }
            let on_load = on_load.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
                let bytes = buffer.map(|b| js_sys::Uint8Array::new(&b).to_vec()).unwrap_or_default();
                on_load.emit(bytes);
            });
        })
    };
    html! {
        <div class="control file">
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input type="file" id={p.id.clone()} accept=".safetensors" onchange={on_change} />
        </div>
    }
}
