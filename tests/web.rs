//! Browser tests (wasm-bindgen-test in headless Chromium): the app shell mounted in a real page.
//! Run by tools/test.sh as `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use mamba_explainer::course::Lesson;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits for Yew's scheduler and the browser to render.
async fn settle() {
    yew::platform::time::sleep(std::time::Duration::from_millis(60)).await;
}

fn text(selector: &str) -> String {
    document().query_selector(selector).unwrap().and_then(|e| e.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_shell_routes_switches_language_and_handles_unknown_routes() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    web_sys::window().unwrap().location().set_hash("#/").unwrap();
    mamba_explainer::ui::mount(root);
    settle().await;

    // The navigation lists every lesson in course order.
    let links = document().query_selector_all(".side ol a").unwrap();
    assert_eq!(links.length() as usize, Lesson::ALL.len());
    assert!(document().query_selector(".path").unwrap().is_some(), "home shows the path");

    // A lesson route shows that lesson and marks it in the navigation.
    web_sys::window().unwrap().location().set_hash("#/views").unwrap();
    settle().await;
    let current = document().query_selector(".side a.current").unwrap().unwrap();
    assert_eq!(current.get_attribute("href").as_deref(), Some("#/views"));
    let english = text("main h1");
    assert!(!english.is_empty());

    // The language switch changes the texts, not the route.
    let ko = document().query_selector("button.lang-button[lang=ko]").unwrap().unwrap();
    ko.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    settle().await;
    let korean = text("main h1");
    assert_ne!(english, korean);
    assert!(korean.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "{korean}");
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "#/views");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("ko"));

    // An unknown route gets a friendly page that names it.
    web_sys::window().unwrap().location().set_hash("#/nowhere").unwrap();
    settle().await;
    assert!(text("main").contains("#/nowhere"));
}

#[wasm_bindgen_test]
fn the_error_panel_is_readable_and_offers_a_reload() {
    let panel = document().create_element("div").unwrap();
    panel.set_id("panic");
    panel.set_attribute("hidden", "").unwrap();
    document().body().unwrap().append_child(&panel).unwrap();
    mamba_explainer::ui::show_error_panel("index out of bounds: the len is 3 but the index is 7");
    assert!(!panel.has_attribute("hidden"), "the panel stays hidden");
    assert!(text("#panic h2").len() > 3, "no title");
    assert!(text("#panic pre").contains("index out of bounds"), "no details");
    assert!(document().query_selector("#panic button").unwrap().is_some(), "no reload button");
}
