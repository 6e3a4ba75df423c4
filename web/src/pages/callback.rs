//! `/callback`, the redirect URI. The `AuthProvider` finishes the sign-in (address bar cleaned first, state
//! taken once, code redeemed with PKCE, tokens verified) and then goes to the return path; this page shows
//! the progress, and the explanation when it fails.

use crate::pages::explain::LazyFailureView;
use crate::pages::static_html;
use crate::profile_data::FailureData;
use cogfed_leptos::{AuthState, use_auth};
use leptos::prelude::*;

/// `/callback`.
#[component]
pub fn CallbackPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <div class="page callback" id="callback-page">
            {move || match auth.state() {
                AuthState::Loading => static_html(concat!(
                    r#"<header class="page-head" id="callback-status" data-state="loading" aria-busy="true">"#,
                    r#"<h1 tabindex="-1">Signing you in…</h1><p class="lead">Checking the response, redeeming the "#,
                    "code with the PKCE verifier, verifying the tokens.</p></header>",
                )).into_any(),
                AuthState::SignedIn(session) => view! {
                    <header class="page-head" id="callback-status" data-state="signed-in">
                        <h1 tabindex="-1">"Signed in"</h1>
                        <p class="lead">"Welcome, " {session.display_name()} ". "
                            <a href=session.return_to.clone().unwrap_or_else(|| "/profile".into()) id="callback-continue">"Continue"</a></p>
                    </header>
                }.into_any(),
                AuthState::SignedOut => static_html(concat!(
                    r#"<header class="page-head" id="callback-status" data-state="signed-out">"#,
                    r#"<h1 tabindex="-1">Nothing to finish here</h1><p class="lead">This address receives "#,
                    r#"Cognito's answer after a sign-in. <a href="/">Start a sign-in</a>.</p></header>"#,
                )).into_any(),
                AuthState::Error(failure) => view! {
                    <header class="page-head" id="callback-status" data-state="error">
                        <h1 tabindex="-1">"Sign-in failed"</h1>
                    </header>
                    <LazyFailureView failure=FailureData::of(&failure) />
                }.into_any(),
            }}
        </div>
    }
}
