//! Pages the main app imports on demand, so a visitor who only signs in never downloads them: the config
//! checker and the settings form live in the tools module (bin `cogfed-tools`), the signed-in profile's cards
//! in the profile module (bin `cogfed-profile`).
//!
//! [`LazyRoot`] `import()`s the page's module (once per page load; the browser caches it), asks it to mount
//! the page into `#lazy-root`, hands it the page's data when the page has any (`feed_page(name, json)`, again each
//! time the data changes), and unmounts it when the page closes. [`LazyPage`] adds the page's heading, shown
//! at once. Every module runs its own Leptos runtime; events are not delegated (Leptos' `delegation` feature is
//! off), so their listeners never see each other's elements. They share state only through the page: the URL,
//! sessionStorage plus a [`SETTINGS_EVENT`] for the settings, the fed JSON and [`ProfileAction`] events for
//! the profile.

use crate::browser::describe;
use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Fired on `window` by the settings page after it saved or reset the settings in sessionStorage.
pub const SETTINGS_EVENT: &str = "cogfed-settings";

/// A page of a lazily imported module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `/checker` (tools module).
    Checker,
    /// `/settings` (tools module).
    Settings,
    /// `/profile` when signed in: the session's cards (profile module).
    Profile,
    /// A failed sign-in, refresh or sign-out, explained (profile module: it links the error catalogue's text
    /// and the failure view, which a sign-in that works never needs).
    Failure,
}

impl Tool {
    /// The name `mount_page` knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Checker => "checker",
            Tool::Settings => "settings",
            Tool::Profile => "profile",
            Tool::Failure => "failure",
        }
    }

    /// The page called `name`.
    pub fn from_name(name: &str) -> Option<Tool> {
        [Tool::Checker, Tool::Settings, Tool::Profile, Tool::Failure]
            .into_iter()
            .find(|t| t.name() == name)
    }

    /// The module's JS and wasm (Trunk: `data-type="worker" data-bindgen-target="web"`: stable names, an ES
    /// module, nothing injected into index.html).
    pub fn module(self) -> (&'static str, &'static str) {
        match self {
            Tool::Checker | Tool::Settings => ("/cogfed-tools.js", "/cogfed-tools_bg.wasm"),
            Tool::Profile | Tool::Failure => ("/cogfed-profile.js", "/cogfed-profile_bg.wasm"),
        }
    }
}

/// What the profile module's buttons ask the main app to do: the session, and so the actions, live there.
/// Each is an event fired on `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileAction {
    /// Refresh the tokens now.
    Refresh,
    /// Sign out.
    SignOut,
    /// Ask the userInfo endpoint.
    FetchUserInfo,
}

impl ProfileAction {
    /// Every action.
    pub const ALL: [ProfileAction; 3] = [
        ProfileAction::Refresh,
        ProfileAction::SignOut,
        ProfileAction::FetchUserInfo,
    ];

    /// The event's name.
    pub fn event(self) -> &'static str {
        match self {
            ProfileAction::Refresh => "cogfed-profile-refresh",
            ProfileAction::SignOut => "cogfed-profile-sign-out",
            ProfileAction::FetchUserInfo => "cogfed-profile-userinfo",
        }
    }

    /// Asks the main app (from the profile module).
    pub fn request(self) {
        if let Ok(event) = web_sys::Event::new(self.event()) {
            let _ = window().dispatch_event(&event);
        }
    }
}

// `import()` is syntax, not a function: a small module snippet (served from 'self') wraps it and runs the
// module's wasm-bindgen `init`, which instantiates the module once however many pages ask at the same time
// (it keeps its first call's promise). In JS because the same steps through js_sys::Reflect cost more wasm.
#[wasm_bindgen(inline_js = r#"
export function load_module(url, wasm) {
  return import(url).then((module) => module.default({ module_or_path: wasm }).then(() => module));
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = load_module)]
    fn load_module_js(url: &str, wasm: &str) -> js_sys::Promise;
}

/// Imports and initialises `tool`'s module (the module map and `init` make later calls free).
async fn load_module(tool: Tool) -> Result<Object, String> {
    let (module_url, wasm_url) = tool.module();
    JsFuture::from(load_module_js(module_url, wasm_url))
        .await
        .map(JsCast::unchecked_into)
        .map_err(|e| describe(&e))
}

/// Starts fetching, compiling and initialising `tool`'s module now, for a page that will need it soon (the
/// browser keeps the import; a later [`LazyRoot`] finds it ready or in flight).
pub fn preload(tool: Tool) {
    spawn_local(async move {
        let _ = load_module(tool).await;
    });
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
    /// The introduction under the heading: constant markup (static text costs less wasm as HTML than as
    /// view code).
    intro: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("page {}", tool.name())>
            <header class="page-head">
                <h1 tabindex="-1">{title}</h1>
                <div class="lead" inner_html=intro></div>
            </header>
            <LazyRoot tool feed=None />
        </div>
    }
}

/// `#lazy-root`: where `tool`'s module renders, with its loading and failure states. `feed`, when given, is
/// the page's data as JSON, handed to the module (`feed_page`) once it is mounted and whenever it changes.
#[component]
pub fn LazyRoot(
    /// Which page.
    tool: Tool,
    /// The page's data for the module.
    feed: Option<Signal<String>>,
) -> impl IntoView {
    let state = RwSignal::new("loading");
    let error = RwSignal::new(None::<String>);
    let root = NodeRef::<leptos::html::Div>::new();
    let module = StoredValue::new_local(None::<Object>);
    let alive = StoredValue::new(true);
    let fail = move |e: String| {
        state.set("failed");
        error.set(Some(format!("This page could not load: {e}")));
    };
    root.on_load(move |el| {
        let el: JsValue = el.into();
        spawn_local(async move {
            match load_module(tool).await {
                Ok(m) if alive.try_get_value().unwrap_or(false) => {
                    let mounted = call(&m, "mount_page", &[&tool.name().into(), &el]);
                    module.set_value(Some(m));
                    match mounted {
                        Ok(()) => state.set("ready"),
                        Err(e) => fail(e),
                    }
                }
                Ok(_) => {}
                Err(e) => fail(e),
            }
        });
    });
    if let Some(feed) = feed {
        // Once the module is ready, and whenever the data changes after. A RenderEffect rather than an Effect:
        // its runner is shared by every effect of the app, an Effect's is compiled anew for each closure.
        let feeding = RenderEffect::new(move |_| {
            let json = feed.get();
            if state.get() != "ready" {
                return;
            }
            let fed = module.with_value(|m| match m {
                Some(m) => call(m, "feed_page", &[&tool.name().into(), &json.into()]),
                None => Ok(()),
            });
            if let Err(e) = fed {
                fail(e);
            }
        });
        on_cleanup(move || drop(feeding));
    }
    on_cleanup(move || {
        alive.set_value(false);
        if let Some(m) = module.try_get_value().flatten() {
            let _ = call(&m, "unmount_page", &[&tool.name().into()]);
        }
    });
    view! {
        {move || error.get().map(|e| view! { <p class="notice error" role="alert" id="lazy-load-error">{e}</p> })}
        <div id="lazy-root" data-page=tool.name() data-state=move || state.get() node_ref=root>
            {move || (state.get() == "loading").then(|| view! { <p class="muted">"Loading…"</p> })}
        </div>
    }
}
