//! The Leptos components: [`AuthProvider`] and [`RequireAuth`], and [`use_auth`].

use crate::auth::Auth;
use crate::config::AuthConfig;
use leptos::prelude::*;

/// Starts the auth runtime for `config` and provides its [`Auth`] handle to every descendant.
///
/// On the redirect URI's path with an authorization response it finishes the sign-in (once, even if this
/// component is re-created), removes `code` and `state` from the address bar, and goes to the return path.
#[component]
pub fn AuthProvider(
    /// The client and provider configuration.
    config: AuthConfig,
    /// The app.
    children: Children,
) -> impl IntoView {
    let auth = Auth::start(config);
    provide_context(auth);
    on_cleanup(move || auth.release());
    children()
}

/// The [`Auth`] handle of the nearest [`AuthProvider`]. Outside one, a detached handle whose state is an
/// error naming the mistake (nothing panics).
pub fn use_auth() -> Auth {
    try_use_auth().unwrap_or_else(Auth::detached)
}

/// The [`Auth`] handle of the nearest [`AuthProvider`], if any.
pub fn try_use_auth() -> Option<Auth> {
    use_context::<Auth>()
}

/// Renders `children` only when signed in, `fallback` otherwise (and while loading, unless `loading` is
/// given).
#[component]
pub fn RequireAuth(
    /// Shown when not signed in.
    #[prop(into, optional)]
    fallback: ViewFn,
    /// Shown while the runtime starts up; defaults to `fallback`.
    #[prop(into, optional)]
    loading: Option<ViewFn>,
    /// The protected content.
    children: ChildrenFn,
) -> impl IntoView {
    let auth = use_auth();
    move || {
        if auth.is_signed_in() {
            children().into_any()
        } else if auth.is_loading()
            && let Some(loading) = &loading
        {
            loading.run()
        } else {
            fallback.run()
        }
    }
}
