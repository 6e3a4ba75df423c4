//! `keycloak.rs` without leptos-keycloak-auth: the same Router/Routes app with a signal standing in for the
//! auth state, so the difference is what the crate adds.

use leptos::prelude::*;
use leptos_router::components::*;
use leptos_router::path;

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { "Page not found." }>
                <Route path=path!("/") view=Home/>
            </Routes>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    let user = RwSignal::new(None::<String>);
    move || match user.get() {
        Some(name) => view! {
            <p>"Hello " {name}</p>
            <a href="/" on:click=move |_| user.set(None)>"Sign out"</a>
        }
        .into_any(),
        None => view! { <a href="/" on:click=move |_| user.set(Some("user".into()))>"Sign in"</a> }.into_any(),
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
