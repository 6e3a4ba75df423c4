//! # cogfed-web: the demo single-page app
//!
//! A thin Leptos app over `cogfed-leptos` (sign-in, callback, profile) and `cogfed-lint` (the config checker,
//! run in a Web Worker from the `cogfed-checker` package). Pages compose library components and render
//! signals; the protocol and the rules live in the crates.
//!
//! Layout: [`route`] (a five-path router on the History API), [`settings`] and [`state`] (`cogfed.json` plus a
//! per-tab override), [`pages`], [`browser`] (the few browser calls the pages make). The config checker is
//! a separate module (bin `cogfed-checker-ui`, code in [`checker`]) that [`checker_host`] imports on demand.

#![deny(missing_docs)]

pub mod browser;
pub mod checker;
pub mod checker_host;
pub mod pages;
pub mod route;
pub mod settings;
pub mod state;

use leptos::prelude::*;
use route::{Route, Router, provide_router};
use state::SettingsState;

/// The application shell: top bar, the current page, footer.
#[component]
pub fn App() -> impl IntoView {
    let router = provide_router();
    provide_context(SettingsState::load());
    follow_route(router);
    view! {
        <a class="skip-link" href="#app">"Skip to content"</a>
        <TopBar router />
        <main id="app" tabindex="-1" data-ready="true" data-route=move || router.path()>
            {move || match router.route() {
                Route::Home => view! { <pages::home::HomePage /> }.into_any(),
                Route::Callback => view! { <pages::callback::CallbackPage /> }.into_any(),
                Route::Profile => view! { <pages::profile::ProfilePage /> }.into_any(),
                Route::Checker => view! { <checker_host::CheckerHost /> }.into_any(),
                Route::Settings => view! { <pages::settings::SettingsPage /> }.into_any(),
                Route::NotFound => view! { <pages::NotFound /> }.into_any(),
            }}
        </main>
        <footer class="footer">
            <p>
                "cogfed: Cognito federation, checked. Authorization code + PKCE, tokens validated in your browser; "
                "the config checker runs locally."
            </p>
        </footer>
    }
}

/// Keeps the document title in step with the page, and moves focus to the new page's heading after an in-app
/// navigation (so screen readers announce it and Tab starts from the content).
fn follow_route(router: Router) {
    Effect::new(move |previous: Option<Route>| {
        let route = router.route();
        document().set_title(&format!("{} · cogfed", route.title()));
        if previous.is_some_and(|p| p != route) {
            browser::focus_first("main h1");
        }
        route
    });
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
        view! { <a href=route.path() id=id aria-current=current>{route.title()}</a> }
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
