//! The pages (the config checker lives in [`crate::checker`]).

pub mod callback;
pub mod explain;
pub mod home;
pub mod model;
pub mod profile;
pub mod profile_cards;
pub mod settings;

use leptos::prelude::*;

/// Any path that is not a page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="page" id="not-found-page">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="/">"Go to the start page"</a> "."</p>
        </div>
    }
}
