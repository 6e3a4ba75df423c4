//! The pages (the config checker lives in [`crate::checker`]).

pub mod callback;
pub mod explain;
pub mod home;
pub mod model;
pub mod profile;
pub mod profile_cards;
pub mod settings;

use leptos::prelude::*;

/// Constant markup, for the parts of pages that have no signal and no handler: every such part is the same
/// view type (one `<div class="contents">`, which takes no box of its own), where view code would compile
/// each element and each `into_any()` arm anew. Only ever given string constants.
pub fn static_html(html: &'static str) -> impl IntoView + use<> {
    view! { <div class="contents" inner_html=html></div> }
}

/// Any path that is not a page.
pub fn not_found() -> impl IntoView + use<> {
    static_html(concat!(
        r#"<div class="page" id="not-found-page"><h1 tabindex="-1">Page not found</h1>"#,
        r#"<p>There is nothing at this address. <a href="/">Go to the start page</a>.</p></div>"#,
    ))
}
