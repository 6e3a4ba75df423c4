//! # cogfed-web: the demo single-page app
//!
//! A thin Leptos app over `cogfed-leptos` (sign-in, callback, profile) and `cogfed-lint` (config checker).
//! Pages compose library components and render signals; the protocol and the rules live in the crates.

use leptos::prelude::*;

/// The application shell.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="topbar">
            <span class="brand">"cogfed"</span>
        </header>
        <main id="app" data-ready="true">
            <h1>"Sign in with Cognito, done right"</h1>
            <p>"Authorization code + PKCE against the Cognito hosted UI, validated in the browser."</p>
        </main>
    }
}
