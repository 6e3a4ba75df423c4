//! The same app as `main.rs` without cogfed-leptos: a signal stands in for the auth state, so the Leptos
//! machinery both apps use is identical and the size difference is what cogfed-leptos adds.

use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum State {
    Loading,
    SignedIn(String),
    SignedOut,
    Error(String),
}

#[component]
fn App() -> impl IntoView {
    let state = RwSignal::new(State::Loading);
    provide_context(state);
    view! { <Profile/> }
}

#[component]
fn Profile() -> impl IntoView {
    let state = use_context::<RwSignal<State>>().unwrap_or_else(|| RwSignal::new(State::SignedOut));
    move || match state.get() {
        State::Loading => view! { <p>"Loading…"</p> }.into_any(),
        State::SignedIn(name) => view! {
            <p>"Hello " {name}</p>
            <button on:click=move |_| state.set(State::SignedOut)>"Sign out"</button>
        }
        .into_any(),
        State::SignedOut => view! {
            <button on:click=move |_| {
                state.update(|s| {
                    *s = match s {
                        State::SignedOut => State::SignedIn("user".into()),
                        _ => State::Error("unexpected state".into()),
                    }
                })
            }>"Sign in"</button>
        }
        .into_any(),
        State::Error(message) => view! { <p role="alert">{message}</p> }.into_any(),
    }
}

pub fn main() {
    leptos::mount::mount_to_body(App);
}
