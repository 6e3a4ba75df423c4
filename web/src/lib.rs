//! # cogfed-web: the demo single-page app
//!
//! A thin Leptos app over `cogfed-leptos` (sign-in, callback, profile) and `cogfed-lint` (the config checker,
//! run in a Web Worker from the `cogfed-checker` package). Pages compose library components and render
//! signals; the protocol and the rules live in the crates.
//!
//! Layout: [`route`] (a five-path router on the History API), [`settings`] and [`state`] (the page's settings
//! block plus a per-tab override), [`pages`], [`browser`] (the few browser calls the pages make). The config checker
//! ([`checker`]) and the settings form are a second module (bin `cogfed-tools`) that [`lazy`] imports on
//! demand: most visitors only sign in, and these two pages weigh more than the rest of the app.

#![deny(missing_docs)]
// A panic in wasm kills the app: nothing that handles input may unwrap or index.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

/// The allocator of every module of the app (main, profile, tools): Talc, smaller than Rust's default
/// dlmalloc for wasm and faster (its wasm benchmarks); realloc-in-place is off, which saves code and costs a
/// copy on growth.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod browser;
pub mod checker;
pub mod lazy;
pub mod pages;
pub mod profile_data;
pub mod route;
pub mod settings;
pub mod state;

use cogfed_leptos::AuthProvider;
use leptos::prelude::*;
use route::{Route, Router, provide_router};
use settings::auth_config;
use state::SettingsState;

/// The application shell: top bar, the current page, footer.
#[component]
pub fn App() -> impl IntoView {
    let router = provide_router();
    let settings = SettingsState::load();
    settings.follow_changes();
    provide_context(settings);
    follow_route(router);
    // On the redirect URI, the profile module (which shows the verified claims next) is fetched and compiled
    // while the code is redeemed, so the sign-in never waits for it.
    if router.route() == Route::Callback {
        lazy::preload(lazy::Tool::Profile);
    }
    // The provider is created with the settings, and again when they change (Settings page). Not while the
    // settings page is open: re-creating the provider redraws the page, and the form would lose its status
    // line ("Saved for this tab…"); the new settings apply when the user leaves it.
    let applied = RwSignal::new(settings.current.get_untracked());
    let apply = RenderEffect::new(move |_| {
        let current = settings.current.get();
        if router.route() != Route::Settings && applied.get_untracked() != current {
            applied.set(current);
        }
    });
    on_cleanup(move || drop(apply));
    let config = Memo::new(move |_| applied.get().unwrap_or_default());
    view! {
        <a class="skip-link" href="#app">"Skip to content"</a>
        {move || view! {
            <AuthProvider config=auth_config(&config.get())>
                <TopBar router />
                <main id="app" tabindex="-1" data-ready="true" data-route=move || router.path()>
                    {move || match router.route() {
                        Route::Home => view! { <pages::home::HomePage /> }.into_any(),
                        Route::Callback => view! { <pages::callback::CallbackPage /> }.into_any(),
                        Route::Profile => view! { <pages::profile::ProfilePage /> }.into_any(),
                        Route::Checker => view! { <CheckerIntro /> }.into_any(),
                        Route::Settings => view! { <SettingsIntro /> }.into_any(),
                        Route::NotFound => pages::not_found().into_any(),
                    }}
                </main>
            </AuthProvider>
        }}
        <footer class="footer">
            <p>
                "cogfed: Cognito federation, checked. Authorization code + PKCE, tokens verified in your browser; "
                "the config checker runs locally."
            </p>
        </footer>
    }
}

/// `/checker`: the heading and what the checker does; the checker itself comes from the tools module.
#[component]
fn CheckerIntro() -> impl IntoView {
    const INTRO: &str = concat!(
        "Paste or drop your configs: a cogfed manifest (TOML, YAML or JSON), AWS CLI <code>describe-*</code> JSON, ",
        "a CloudFormation template, a Pomerium config or a FusionAuth identity provider. They are linted together, ",
        "as <code>cogfed lint</code> does, in your browser: nothing is uploaded, and the share link keeps the files ",
        "in its <code>#fragment</code>, which browsers never send.",
    );
    view! { <lazy::LazyPage tool=lazy::Tool::Checker title="Config checker" intro=INTRO /> }
}

/// `/settings`: the heading; the form comes from the tools module.
#[component]
fn SettingsIntro() -> impl IntoView {
    const INTRO: &str = concat!(
        "Point the demo at your own Cognito user pool (or any OpenID provider). Values start from the settings ",
        "in the page (<code>index.html</code>); what you save here lasts until this tab closes and is stored ",
        "nowhere else, and applies when you leave this page.",
    );
    view! { <lazy::LazyPage tool=lazy::Tool::Settings title="Settings" intro=INTRO /> }
}

/// Keeps the document title in step with the page, and moves focus to the new page's heading after an in-app
/// navigation (so screen readers announce it and Tab starts from the content).
fn follow_route(router: Router) {
    // A RenderEffect: its runner is shared by every render effect of the app, where each Effect::new compiles
    // its own (about 2 KB of wasm). It runs as the route changes, before the new page is drawn, which is why
    // focus_first waits for the next frame.
    let mut previous = None;
    let follow = RenderEffect::new(move |_| {
        let route = router.route();
        document().set_title(&format!("{} · cogfed", route.title()));
        if previous.is_some_and(|p| p != route) {
            browser::focus_first("main h1");
        }
        previous = Some(route);
    });
    on_cleanup(move || drop(follow));
}

/// The top bar: brand and the menu, the current page marked for assistive technology.
#[component]
fn TopBar(router: Router) -> impl IntoView {
    let link = move |route: Route, id: &'static str| {
        let current = move || {
            if router.route() == route {
                Some("page")
            } else {
                None
            }
        };
        view! { <a href=route.path() id=id aria-current=current>{route.menu_label()}</a> }
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/" aria-label="cogfed home">
                <span class="logo" aria-hidden="true">"◆"</span>"cogfed"
            </a>
            <nav aria-label="Main">
                {link(Route::Home, "nav-home")}
                {link(Route::Profile, "nav-profile")}
                {link(Route::Checker, "nav-checker")}
                {link(Route::Settings, "nav-settings")}
            </nav>
            <pages::home::SessionBadge />
        </header>
    }
}
