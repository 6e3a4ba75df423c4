//! `/callback`: the authorization response.

use leptos::prelude::*;

/// `/callback`.
#[component]
pub fn CallbackPage() -> impl IntoView {
    view! { <div class="page" id="callback-page"><h1 tabindex="-1">"Signing in…"</h1></div> }
}
