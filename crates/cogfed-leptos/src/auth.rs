//! [`Auth`]: the handle components get from [`crate::use_auth`].

use crate::config::AuthConfig;
use crate::js;
use crate::runtime::{self, Runtime};
use crate::state::{AuthError, AuthFailure, AuthState, Operation, Session};
use cogfed_auth::flow::SignInOptions;
use leptos::prelude::{Get, GetUntracked, Signal, With};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A handle on the page's auth runtime. `Copy`, so event handlers can move it freely.
///
/// Reading methods ([`Auth::state`], [`Auth::session`], [`Auth::is_signed_in`]...) are reactive: inside a
/// `move ||` closure or an effect they re-run when the state changes. Actions ([`Auth::sign_in`],
/// [`Auth::sign_out`], [`Auth::refresh`], [`Auth::fetch_user_info`]) run in the background and report
/// through the state; their `async` counterparts return the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Auth {
    id: Option<usize>,
}

impl Auth {
    /// Starts (or joins) the runtime for `config`: what [`crate::AuthProvider`] does. On the redirect URI it
    /// finishes the sign-in once; otherwise it restores a stored session (`SessionStorage` policy) or ends up
    /// signed out. Call it once per page for a given configuration; calling it again with an equal one
    /// returns the same runtime.
    pub fn start(config: AuthConfig) -> Auth {
        Auth {
            id: Some(runtime::obtain(config).id),
        }
    }

    /// A handle that is not connected to any runtime: its state is an error saying `use_auth` was called
    /// outside an `AuthProvider`.
    pub fn detached() -> Auth {
        Auth { id: None }
    }

    fn runtime(&self) -> Option<Rc<Runtime>> {
        self.id.and_then(runtime::runtime)
    }

    fn no_provider(operation: Operation) -> AuthFailure {
        AuthFailure::new(operation, AuthError::NoProvider)
    }

    /// The current state (reactive; clones the session, see [`Auth::with_state`] to borrow instead).
    pub fn state(&self) -> AuthState {
        match self.runtime() {
            Some(runtime) => runtime.state.get(),
            None => AuthState::Error(Auth::no_provider(Operation::Configure)),
        }
    }

    /// The current state without subscribing to it: for event handlers and async code, where a reactive
    /// read would only earn a debug warning.
    pub fn state_untracked(&self) -> AuthState {
        match self.runtime() {
            Some(runtime) => runtime.state.get_untracked(),
            None => AuthState::Error(Auth::no_provider(Operation::Configure)),
        }
    }

    /// Runs `f` on the current state without cloning it (reactive).
    pub fn with_state<R>(&self, f: impl FnOnce(&AuthState) -> R) -> R {
        match self.runtime() {
            Some(runtime) => runtime.state.with(f),
            None => f(&AuthState::Error(Auth::no_provider(Operation::Configure))),
        }
    }

    /// The state as a `Signal`, for passing to components.
    pub fn signal(&self) -> Signal<AuthState> {
        let auth = *self;
        Signal::derive(move || auth.state())
    }

    /// The session, when signed in (reactive).
    pub fn session(&self) -> Option<Session> {
        self.with_state(|state| state.session().cloned())
    }

    /// True when signed in (reactive).
    pub fn is_signed_in(&self) -> bool {
        self.with_state(|state| matches!(state, AuthState::SignedIn(_)))
    }

    /// True while starting up (reactive).
    pub fn is_loading(&self) -> bool {
        self.with_state(|state| matches!(state, AuthState::Loading))
    }

    /// The configuration this handle runs with.
    pub fn config(&self) -> Option<AuthConfig> {
        self.runtime().map(|r| r.config.clone())
    }

    /// The current access token, for calling APIs by hand (not reactive). Prefer
    /// [`Auth::authorized_fetch`], which also refreshes.
    pub fn access_token(&self) -> Option<String> {
        self.runtime()?.tokens().map(|t| t.set.access_token.clone())
    }

    /// When the newest sign-in started in this tab began (Unix seconds), if it never came back and is still
    /// recent enough to: the provider stopped it on its own page (Cognito's error page for
    /// `redirect_mismatch` or an unknown client) or the user turned back. An app can say so instead of
    /// showing nothing. Not reactive; `None` when storage is unavailable.
    pub fn unfinished_sign_in(&self) -> Option<u64> {
        crate::SessionTransactionStore::open().ok()?.unfinished().ok()?
    }

    /// Unix seconds when the automatic refresh fires next, if armed (for countdowns and tests).
    pub fn next_refresh_at(&self) -> Option<u64> {
        self.runtime()?.next_refresh_at()
    }

    /// Starts a sign-in: stores a fresh transaction and navigates to the authorization endpoint. A failure
    /// becomes the state. Without `return_to`, the current page is the return path.
    pub fn sign_in(&self, options: SignInOptions) {
        let Some(runtime) = self.runtime() else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = runtime.sign_in_url(options).await.and_then(|url| {
                js::navigate(&url).map_err(|e| AuthFailure::new(Operation::SignIn, AuthError::Browser(e)))
            });
            if let Err(failure) = outcome {
                runtime.state.set_error(failure);
            }
        });
    }

    /// Builds the authorization URL and stores its transaction, without navigating (for custom navigation,
    /// and tests). Each call is a new single-use transaction.
    pub async fn sign_in_url(&self, options: SignInOptions) -> Result<String, AuthFailure> {
        match self.runtime() {
            Some(runtime) => runtime.sign_in_url(options).await,
            None => Err(Auth::no_provider(Operation::SignIn)),
        }
    }

    /// Signs out: revokes the refresh token, clears every token and this crate's `sessionStorage` entries,
    /// then navigates (top level) to the provider's logout endpoint when a `logout_uri` is configured.
    pub fn sign_out(&self) {
        let auth = *self;
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(Some(url)) = auth.end_session().await
                && let Err(e) = js::navigate(&url)
                && let Some(runtime) = auth.runtime()
            {
                runtime
                    .state
                    .set_error(AuthFailure::new(Operation::SignOut, AuthError::Browser(e)));
            }
        });
    }

    /// The sign-out without the navigation: revokes, clears, and returns the logout URL to navigate to (none
    /// when the provider has no logout endpoint or no `logout_uri` is configured). The state is `SignedOut`
    /// afterwards even when this returns an error (the URL could not be built).
    pub async fn end_session(&self) -> Result<Option<String>, AuthFailure> {
        match self.runtime() {
            Some(runtime) => runtime.end_session().await,
            None => Err(Auth::no_provider(Operation::SignOut)),
        }
    }

    /// Refreshes the tokens now, in the background.
    pub fn refresh(&self) {
        let auth = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let _ = auth.try_refresh().await;
        });
    }

    /// Refreshes the tokens now. A failure the network may cure keeps the session (see
    /// `Session::last_refresh_error`); any other ends it, and the state shows why.
    pub async fn try_refresh(&self) -> Result<(), AuthFailure> {
        match self.runtime() {
            Some(runtime) => runtime.refresh(Operation::Refresh, None).await,
            None => Err(Auth::no_provider(Operation::Refresh)),
        }
    }

    /// Fetches userInfo in the background into `Session::userinfo`.
    pub fn fetch_user_info(&self) {
        let auth = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let _ = auth.user_info().await;
        });
    }

    /// Fetches userInfo (also stored in `Session::userinfo`). Its `sub` must equal the ID token's
    /// (OIDC Core §5.3.2).
    pub async fn user_info(&self) -> Result<cogfed_auth::UserInfoClaims, AuthFailure> {
        match self.runtime() {
            Some(runtime) => runtime.user_info().await,
            None => Err(Auth::no_provider(Operation::UserInfo)),
        }
    }

    /// `fetch(request)` with `Authorization: Bearer <access token>`. A token about to expire is refreshed
    /// first; on a 401 the tokens are refreshed once and the request retried once. The token goes wherever
    /// the request goes: only send requests to APIs that should receive it.
    pub async fn authorized_fetch(
        &self,
        request: web_sys::Request,
    ) -> Result<web_sys::Response, AuthFailure> {
        let runtime = self
            .runtime()
            .ok_or_else(|| Auth::no_provider(Operation::Fetch))?;
        let fail = |e: String| AuthFailure::new(Operation::Fetch, AuthError::Browser(e));
        let token = runtime.fresh_access_token(Operation::Fetch).await?;
        // Kept unread for the retry: a request body can be sent only once.
        let spare = request.clone().map_err(|e| fail(js::describe(&e)))?;
        let http = crate::http::FetchHttpClient::default();
        let first = with_bearer(&request, &token).map_err(|e| fail(js::describe(&e)))?;
        let response = http.fetch(&first).await.map_err(fail)?;
        if response.status() != 401 {
            return Ok(response);
        }
        if runtime
            .refresh(Operation::Fetch, Some(token.clone()))
            .await
            .is_err()
        {
            return Ok(response);
        }
        match runtime.tokens().map(|t| t.set.access_token.clone()) {
            Some(new_token) if new_token != token => {
                let retry = with_bearer(&spare, &new_token).map_err(|e| fail(js::describe(&e)))?;
                http.fetch(&retry).await.map_err(fail)
            }
            _ => Ok(response),
        }
    }

    /// One fewer component uses this handle's runtime (see `AuthProvider`).
    pub(crate) fn release(&self) {
        if let Some(runtime) = self.runtime() {
            runtime.release();
        }
    }
}

/// A copy of `request` with the bearer token set (replacing any `Authorization` header).
fn with_bearer(request: &web_sys::Request, token: &str) -> Result<web_sys::Request, JsValue> {
    let headers = web_sys::Headers::new_with_headers(&request.headers())?;
    headers.set("Authorization", &["Bearer ", token].concat())?;
    let init = web_sys::RequestInit::new();
    init.set_headers(&headers);
    web_sys::Request::new_with_request_and_init(request, &init)
}

trait SetError {
    fn set_error(&self, failure: AuthFailure);
}

impl SetError for leptos::prelude::ArcRwSignal<AuthState> {
    fn set_error(&self, failure: AuthFailure) {
        use leptos::prelude::Set;
        self.set(AuthState::Error(failure));
    }
}
