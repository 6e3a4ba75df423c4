//! `/`: sign in.

use leptos::prelude::*;

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <div class="page home" id="home-page">
            <h1 tabindex="-1">"Sign in with Cognito, done right"</h1>
            <p class="lead">"Authorization code + PKCE against the Cognito hosted UI, validated in the browser."</p>
        </div>
    }
}

/// The signed-in user in the top bar.
#[component]
pub fn SessionBadge() -> impl IntoView {
    view! { <span class="session-badge" id="session-badge"></span> }
}
