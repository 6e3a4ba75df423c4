//! `/checker` in the main app: the heading, then the checker UI imported on demand.
//!
//! The checker (its UI, `cogfed-checker-ui`, and the linter worker, `cogfed-checker`) is most of the demo's
//! bytes, so it is a separate ES module the main app `import()`s when this page opens, then asks to mount
//! into `#checker-root`; leaving the page unmounts it. Both modules run their own Leptos runtime; events are
//! not delegated (Leptos' `delegation` feature is off), so their listeners never see each other's elements.

use crate::browser::describe;
use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The checker UI's wasm-bindgen module (Trunk: `data-type="worker" data-bindgen-target="web"`, so the
/// name is stable and nothing is injected into index.html).
pub const MODULE_URL: &str = "/cogfed-checker-ui.js";
/// Its wasm.
pub const WASM_URL: &str = "/cogfed-checker-ui_bg.wasm";

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    // `import()` is syntax, not a function: a one-line module snippet (served from 'self') wraps it.
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Imports and initialises the checker module (once; later calls get the same module).
async fn load_module() -> Result<Object, String> {
    let promise = import_module(MODULE_URL).map_err(|e| describe(&e))?;
    let module: Object = JsFuture::from(promise)
        .await
        .map_err(|e| describe(&e))?
        .unchecked_into();
    let init: Function = Reflect::get(&module, &"default".into())
        .map_err(|e| describe(&e))?
        .unchecked_into();
    let options = Object::new();
    Reflect::set(&options, &"module_or_path".into(), &WASM_URL.into()).map_err(|e| describe(&e))?;
    let started = init.call1(&JsValue::NULL, &options).map_err(|e| describe(&e))?;
    JsFuture::from(js_sys::Promise::resolve(&started))
        .await
        .map_err(|e| describe(&e))?;
    Ok(module)
}

/// Calls `module.name(args…)`.
fn call(module: &Object, name: &str, arg: &JsValue) -> Result<(), String> {
    let f: Function = Reflect::get(module, &name.into())
        .map_err(|e| describe(&e))?
        .unchecked_into();
    f.call1(&JsValue::NULL, arg).map(|_| ()).map_err(|e| describe(&e))
}

/// `/checker`.
#[component]
pub fn CheckerHost() -> impl IntoView {
    let state = RwSignal::new("loading");
    let error = RwSignal::new(None::<String>);
    let root = NodeRef::<leptos::html::Div>::new();
    let module = StoredValue::new_local(None::<Object>);
    let alive = StoredValue::new(true);
    root.on_load(move |el| {
        let el: web_sys::HtmlElement = el.unchecked_into();
        spawn_local(async move {
            let mounted = match load_module().await {
                Ok(m) => {
                    if !alive.try_get_value().unwrap_or(false) {
                        return;
                    }
                    let r = call(&m, "mount_checker", &el);
                    module.set_value(Some(m));
                    r
                }
                Err(e) => Err(e),
            };
            match mounted {
                Ok(()) => state.set("ready"),
                Err(e) => {
                    state.set("failed");
                    error.set(Some(format!("The config checker could not load: {e}")));
                }
            }
        });
    });
    on_cleanup(move || {
        alive.set_value(false);
        if let Some(m) = module.try_get_value().flatten() {
            let _ = call(&m, "unmount_checker", &JsValue::UNDEFINED);
        }
    });
    view! {
        <div class="page checker">
            <header class="page-head">
                <h1 tabindex="-1">"Config checker"</h1>
                <p class="lead">
                    "Paste or drop your configs: a cogfed manifest (TOML, YAML or JSON), AWS CLI " <code>"describe-*"</code>
                    " JSON, a CloudFormation template, a Pomerium config or a FusionAuth identity provider. They are "
                    "linted together, as " <code>"cogfed lint"</code> " does, in your browser: nothing is uploaded, "
                    "and the share link keeps the files in its " <code>"#fragment"</code> ", which browsers never send."
                </p>
            </header>
            {move || error.get().map(|e| view! { <p class="notice error" role="alert" id="checker-load-error">{e}</p> })}
            <div id="checker-root" data-state=move || state.get() node_ref=root>
                {move || (state.get() == "loading").then(|| view! { <p class="muted">"Loading the config checker…"</p> })}
            </div>
        </div>
    }
}
