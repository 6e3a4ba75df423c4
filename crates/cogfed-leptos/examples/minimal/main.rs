//! The smallest app embedding cogfed-leptos: a provider and one component using `use_auth`.
//! Built with `baseline.rs` (the same app without cogfed-leptos) by `cargo xtask bench` to measure the bytes the
//! crate adds to a Leptos app. Built with one of the crate's features, it uses that feature (discovery instead
//! of the pool's endpoints, the session kept in the tab, the explained failure), so the bench measures what
//! each costs an app that uses it.

use cogfed_leptos::{AuthConfig, AuthProvider, AuthState, SignInOptions, use_auth};
use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    #[cfg(not(feature = "discovery"))]
    let config = AuthConfig::cognito(
        "us-east-1_ExAmPlE",
        "myapp",
        "example-client-id",
        "https://app.example.com/callback",
    );
    #[cfg(feature = "discovery")]
    let config = AuthConfig::issuer(
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE",
        "example-client-id",
        "https://app.example.com/callback",
    );
    #[cfg(feature = "session-storage")]
    let config = config.with_storage(cogfed_leptos::StoragePolicy::SessionStorage);
    let config = config.with_logout_uri("https://app.example.com/");
    view! { <AuthProvider config=config><Profile/></AuthProvider> }
}

#[component]
fn Profile() -> impl IntoView {
    let auth = use_auth();
    move || match auth.state() {
        AuthState::Loading => view! { <p>"Loading…"</p> }.into_any(),
        AuthState::SignedIn(session) => view! {
            <p>"Hello " {session.display_name()}</p>
            <button on:click=move |_| auth.sign_out()>"Sign out"</button>
        }
        .into_any(),
        AuthState::SignedOut => view! {
            <button on:click=move |_| auth.sign_in(SignInOptions::default())>"Sign in"</button>
        }
        .into_any(),
        #[cfg(not(feature = "explain"))]
        AuthState::Error(failure) => view! { <p role="alert">{failure.message()}</p> }.into_any(),
        #[cfg(feature = "explain")]
        AuthState::Error(failure) => view! { <p role="alert">{failure.summary()}</p> }.into_any(),
    }
}

pub fn main() {
    leptos::mount::mount_to_body(App);
}
