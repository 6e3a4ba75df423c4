//! The minimal sign-in app (sign in, callback, show the user) with leptos-keycloak-auth 0.14, inside
//! Router/Routes as the crate requires (its README's usage). `baseline.rs` is the same app without it.

use leptos::prelude::*;
use leptos_keycloak_auth::components::*;
use leptos_keycloak_auth::url::Url;
use leptos_keycloak_auth::use_keycloak_auth;
use leptos_router::components::*;
use leptos_router::path;

#[component]
fn App() -> impl IntoView {
    let server = Url::parse("https://auth.example.com").unwrap_or_else(|_| unreachable!("a valid URL"));
    view! {
        <Router>
            <AuthProvider keycloak_server_url=server realm="example" client="example-client-id">
                <Routes fallback=|| view! { "Page not found." }>
                    <Route path=path!("/") view=Home/>
                </Routes>
            </AuthProvider>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    let auth = use_keycloak_auth();
    let login_url = move || auth.login_url.get().map(|url: Url| url.to_string()).unwrap_or_default();
    let logout_url = move || auth.logout_url.get().map(|url: Url| url.to_string()).unwrap_or_default();
    view! {
        <MaybeAuthenticated
            authenticated=move |user| view! {
                <p>"Hello " {user.id_token_claims.read().name.clone()}</p>
                <a href=logout_url>"Sign out"</a>
            }
            unauthenticated=move |_| view! { <a href=login_url>"Sign in"</a> }
        />
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
