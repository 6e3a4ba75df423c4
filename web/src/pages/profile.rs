//! `/profile`: the session's tokens.

use leptos::prelude::*;

/// `/profile`.
#[component]
pub fn ProfilePage() -> impl IntoView {
    view! { <div class="page" id="profile-page"><h1 tabindex="-1">"Profile"</h1></div> }
}
