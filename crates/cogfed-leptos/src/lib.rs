//! # cogfed-leptos: sign-in with Cognito (or any OpenID provider) for Leptos CSR apps
//!
//! The browser shell around [`cogfed_auth`]: an [`AuthProvider`] component that puts an [`Auth`] handle in
//! context, [`use_auth`] to read it, [`RequireAuth`] to guard content, and the browser implementations of the
//! core's I/O traits ([`FetchHttpClient`], [`BrowserClock`], [`SessionTransactionStore`],
//! [`WebCryptoVerifier`]) plus address-bar cleanup and a cross-tab refresh lock. The protocol (PKCE S256,
//! single-use state, nonce, exact issuer, algorithm decided by the key, Cognito's token and logout quirks)
//! lives in cogfed-auth; nothing here re-implements it.
//!
//! ```no_run
//! use cogfed_leptos::{AuthConfig, AuthProvider, AuthState, SignInOptions, use_auth};
//! use leptos::prelude::*;
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     let config = AuthConfig::cognito("us-east-1_ExAmPlE", "myapp", "my-client-id", "https://app.example.com/callback")
//!         .with_logout_uri("https://app.example.com/");
//!     view! { <AuthProvider config=config><Profile/></AuthProvider> }
//! }
//!
//! #[component]
//! fn Profile() -> impl IntoView {
//!     let auth = use_auth();
//!     move || match auth.state() {
//!         AuthState::Loading => view! { <p>"Loading…"</p> }.into_any(),
//!         AuthState::SignedIn(session) => view! {
//!             <p>"Hello " {session.display_name()}</p>
//!             <button on:click=move |_| auth.sign_out()>"Sign out"</button>
//!         }.into_any(),
//!         AuthState::SignedOut => view! {
//!             <button on:click=move |_| auth.sign_in(SignInOptions::default())>"Sign in"</button>
//!         }.into_any(),
//!         AuthState::Error(failure) => view! { <p role="alert">{failure.message()}</p> }.into_any(),
//!     }
//! }
//!
//! fn main() {
//!     leptos::mount::mount_to_body(App);
//! }
//! ```
//!
//! ## What happens where
//! - **Sign-in** ([`Auth::sign_in`]): a fresh state, nonce and PKCE verifier; the transaction goes to
//!   `sessionStorage` under its state ([`SessionTransactionStore`]); top-level navigation to `/oauth2/authorize`.
//! - **Callback** (automatic, in [`AuthProvider`], when the page is the redirect URI with a response): the
//!   address bar is cleaned with `history.replaceState` before anything else; the transaction is taken
//!   (single use; a replay is reported as such; 10-minute expiry); the code is redeemed with the verifier;
//!   the ID token (and, for Cognito, the access token) is verified with WebCrypto; the app goes to the
//!   return path. A re-created provider joins the same runtime, so a code is never redeemed twice.
//! - **Tokens**: in memory by default; [`StoragePolicy::SessionStorage`] is opt-in; never `localStorage`.
//! - **Refresh**: a timer fires `refresh_leeway_secs` before expiry; [`Auth::authorized_fetch`] refreshes an
//!   expiring token first and refreshes once on a 401. Token operations are serialised in a tab, and, when
//!   duplicated tabs share a session (`SessionStorage` policy), across tabs (see [`lock`]).
//! - **Sign-out** ([`Auth::sign_out`]): revoke the refresh token, clear every token and this crate's
//!   `sessionStorage` entries, then navigate to Cognito's `/logout?client_id&logout_uri` (or the OIDC
//!   end-session endpoint).
//!
//! ## Security notes
//! - A browser-only client is exposed to XSS: no storage choice stops injected script from running a new
//!   flow (security-checklist B2 items 10 and 19). Serve the app with a strict CSP and
//!   `Referrer-Policy: no-referrer`.
//! - Requests to the provider are CORS without credentials, `no-store`, `no-referrer`, no redirects.

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod auth;
mod components;
pub mod config;
pub mod crypto;
pub mod http;
mod js;
#[cfg(feature = "session-storage")]
pub mod lock;
pub mod policy;
mod refresh;
mod runtime;
pub mod state;
pub mod storage;
#[cfg(feature = "session-storage")]
mod tab_session;
pub mod token_store;
pub mod transaction_store;
pub mod url_cleanup;

pub use auth::Auth;
pub use components::{
    AuthProvider, AuthProviderProps, RequireAuth, RequireAuthProps, try_use_auth, use_auth,
};
pub use config::{AuthConfig, ConfigError, Dialect, Provider};
pub use crypto::WebCryptoVerifier;
pub use http::{BrowserClock, FetchHttpClient};
pub use state::{AuthError, AuthFailure, AuthState, Operation, Session, UserInfo};
pub use token_store::StoragePolicy;
pub use transaction_store::SessionTransactionStore;

/// The protocol crate, for everything else.
pub use cogfed_auth;
/// Re-exported from cogfed-auth: per-sign-in options (the authorization request's optional parameters,
/// [`cogfed_auth::AuthorizeOptions`], and `return_to`), built with methods:
/// `SignInOptions::default().identity_provider("Okta").login_hint("alice")`.
pub use cogfed_auth::flow::SignInOptions;
/// Re-exported from cogfed-auth, for [`AuthConfig`] and [`Session`].
pub use cogfed_auth::{
    AuthorizeOptions, Check, CheckResult, Claims, Explanation, IssuerForm, PoolDomain, Prompt,
    UserInfoClaims, Verified,
};
