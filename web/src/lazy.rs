//! Pages the main app imports on demand: the config checker and the settings form live in a second wasm
//! module (bin `cogfed-tools`, [`crate::tools`] pages), so a visitor who only signs in never downloads them.
//!
//! [`LazyPage`] renders the page's heading at once, `import()`s the module (once per page load; the browser
//! caches it), asks it to mount the page into `#lazy-root`, and unmounts it when the page closes. Both
//! modules run their own Leptos runtime; events are not delegated (Leptos' `delegation` feature is off), so
//! their listeners never see each other's elements. They share state only through the page: the URL, and
//! sessionStorage plus a [`SETTINGS_EVENT`] for the settings.

use crate::browser::describe;
use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The tools module (Trunk: `data-type="worker" data-bindgen-target="web"`: a stable name, an ES module,
/// nothing injected into index.html).
pub const MODULE_URL: &str = "/cogfed-tools.js";
/// Its wasm.
pub const WASM_URL: &str = "/cogfed-tools_bg.wasm";
/// Fired on `window` by the settings page after it saved or reset the settings in sessionStorage.
pub const SETTINGS_EVENT: &str = "cogfed-settings";

/// A page of the tools module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `/checker`.
    Checker,
    /// `/settings`.
    Settings,
}

impl Tool {
    /// The name `mount_page` knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Checker => "checker",
            Tool::Settings => "settings",
        }
    }

    /// The page called `name`.
    pub fn from_name(name: &str) -> Option<Tool> {
        [Tool::Checker, Tool::Settings]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    // `import()` is syntax, not a function: a one-line module snippet (served from 'self') wraps it.
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Imports and initialises the tools module (the module map makes later imports free, and wasm-bindgen's
/// `init` returns at once when already initialised).
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
fn call(module: &Object, name: &str, args: &[&JsValue]) -> Result<(), String> {
    let f: Function = Reflect::get(module, &name.into())
        .map_err(|e| describe(&e))?
        .unchecked_into();
    let args: js_sys::Array = args.iter().copied().collect();
    f.apply(&JsValue::NULL, &args)
        .map(|_| ())
        .map_err(|e| describe(&e))
}

/// A page of the tools module: its heading now, its body once the module has loaded.
#[component]
pub fn LazyPage(
    /// Which page.
    tool: Tool,
    /// The page's heading.
    title: &'static str,
    /// The introduction under the heading.
    children: Children,
) -> impl IntoView {
    let state = RwSignal::new("loading");
    let error = RwSignal::new(None::<String>);
    let root = NodeRef::<leptos::html::Div>::new();
    let module = StoredValue::new_local(None::<Object>);
    let alive = StoredValue::new(true);
    root.on_load(move |el| {
        let el: JsValue = el.into();
        spawn_local(async move {
            let mounted = match load_module().await {
                Ok(m) if alive.try_get_value().unwrap_or(false) => {
                    let r = call(&m, "mount_page", &[&tool.name().into(), &el]);
                    module.set_value(Some(m));
                    r
                }
                Ok(_) => return,
                Err(e) => Err(e),
            };
            match mounted {
                Ok(()) => state.set("ready"),
                Err(e) => {
                    state.set("failed");
                    error.set(Some(format!("This page could not load: {e}")));
                }
            }
        });
    });
    on_cleanup(move || {
        alive.set_value(false);
        if let Some(m) = module.try_get_value().flatten() {
            let _ = call(&m, "unmount_page", &[]);
        }
    });
    view! {
        <div class=format!("page {}", tool.name())>
            <header class="page-head">
                <h1 tabindex="-1">{title}</h1>
                <div class="lead">{children()}</div>
            </header>
            {move || error.get().map(|e| view! { <p class="notice error" role="alert" id="lazy-load-error">{e}</p> })}
            <div id="lazy-root" data-page=tool.name() data-state=move || state.get() node_ref=root>
                {move || (state.get() == "loading").then(|| view! { <p class="muted">"Loading…"</p> })}
            </div>
        </div>
    }
}
