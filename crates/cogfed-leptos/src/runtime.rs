//! The per-page auth runtime behind an [`crate::Auth`] handle: tokens in memory, the state signal, the JWKS
//! cache, and the sign-in, callback, sign-out and userInfo sequences (refresh and its timer: `refresh.rs`;
//! the opt-in session in `sessionStorage`: `tab_session.rs`). Every protocol step is one cogfed-auth `flow`
//! function; this module only orders them and does the browser I/O.
//!
//! Runtimes live in a page-wide list keyed by configuration. Leptos context hands a runtime to the
//! components under its provider, but it cannot reach a provider that is re-created (re-rendered, moved,
//! mounted twice) or a sibling one: the list lets those find the same runtime, so the session survives and a
//! callback is finished exactly once (peers.md §3 item 12: double redemption of a single-use code).

use crate::config::AuthConfig;
use crate::crypto::WebCryptoVerifier;
use crate::http::{BrowserClock, FetchHttpClient};
use crate::js::warn;
use crate::policy;
use crate::state::{AuthError, AuthFailure, AuthState, Operation, Session, UserInfo};
use crate::storage::{KEY_PREFIX, KeyValueStorage, WebStorage};
use crate::transaction_store::SessionTransactionStore;
use cogfed_auth::flow::{self, ClientConfig, SignInOptions};
use cogfed_auth::{Claims, Clock, Endpoints, JwksCache, OsRandomness, TokenSet, UserInfoClaims, Verified};
use futures::lock::Mutex;
use leptos::prelude::{ArcRwSignal, Set, TimeoutHandle, Update, WithUntracked};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

/// The tokens of the current session, in memory only (plus `sessionStorage` under that policy).
#[derive(Debug)]
pub(crate) struct Tokens {
    pub set: TokenSet,
    /// Claims of the current ID token: a refreshed one must keep `iss` and `sub`.
    pub id_claims: Claims,
    /// The sign-in nonce (re-checked when a stored ID token is verified after a reload).
    pub nonce: Option<String>,
    /// Random id of the sign-in, shared by duplicated tabs (names the cross-tab lock and ledger entry).
    #[cfg(feature = "session-storage")]
    pub session_id: String,
    /// Refresh-token rotations so far.
    #[cfg(feature = "session-storage")]
    pub generation: u64,
}

pub(crate) type Jwks = JwksCache<FetchHttpClient, BrowserClock>;

pub(crate) struct Runtime {
    pub id: usize,
    pub config: AuthConfig,
    pub state: ArcRwSignal<AuthState>,
    pub(crate) http: FetchHttpClient,
    pub(crate) crypto: WebCryptoVerifier,
    endpoints: RefCell<Option<Rc<Endpoints>>>,
    /// The signing keys, behind the lock that serialises token operations in the tab: a timer, a 401 retry
    /// and a button never redeem a refresh token at once.
    pub(crate) keys: Mutex<Option<Jwks>>,
    pub(crate) tokens: RefCell<Option<Rc<Tokens>>>,
    pub(crate) timer: RefCell<Option<(TimeoutHandle, u64)>>,
    pub(crate) users: Cell<usize>,
}

thread_local! {
    static RUNTIMES: RefCell<Vec<Rc<Runtime>>> = const { RefCell::new(Vec::new()) };
    /// Callback URLs already claimed by a runtime in this page: only one runtime ever redeems a code.
    static CLAIMED_CALLBACKS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The runtime with `id`, if there is one.
pub(crate) fn runtime(id: usize) -> Option<Rc<Runtime>> {
    RUNTIMES.with_borrow(|all| all.get(id).cloned())
}

/// The runtime for `config`: the existing one with an equal configuration, or a new one that starts at once.
pub(crate) fn obtain(config: AuthConfig) -> Rc<Runtime> {
    if let Some(existing) = RUNTIMES.with_borrow(|all| all.iter().find(|r| r.config == config).cloned()) {
        existing.users.set(existing.users.get() + 1);
        existing.schedule_refresh();
        return existing;
    }
    let runtime = RUNTIMES.with_borrow_mut(|all| {
        let runtime = Rc::new(Runtime {
            id: all.len(),
            http: FetchHttpClient {
                timeout_ms: config.http_timeout_ms,
            },
            config,
            state: ArcRwSignal::new(AuthState::Loading),
            crypto: WebCryptoVerifier::new(),
            endpoints: RefCell::new(None),
            keys: Mutex::new(None),
            tokens: RefCell::new(None),
            timer: RefCell::new(None),
            users: Cell::new(1),
        });
        all.push(runtime.clone());
        runtime
    });
    runtime.clone().start();
    runtime
}

pub(crate) fn now() -> u64 {
    BrowserClock.now_unix()
}

impl Runtime {
    /// One fewer component uses this runtime; with none left, its refresh timer stops (the session stays,
    /// for a provider mounted again later).
    pub fn release(&self) {
        self.users.set(self.users.get().saturating_sub(1));
        if self.users.get() == 0 {
            self.cancel_timer();
        }
    }

    pub(crate) fn fail(&self, failure: AuthFailure) {
        self.state.set(AuthState::Error(failure));
    }

    /// Startup: finish a callback if the browser is on one, else restore a stored session, else signed out.
    fn start(self: Rc<Self>) {
        match self.config.static_endpoints() {
            Ok(endpoints) => *self.endpoints.borrow_mut() = endpoints.map(Rc::new),
            Err(e) => return self.fail(AuthFailure::new(Operation::Configure, e)),
        }
        let href = crate::js::current_href().unwrap_or_default();
        let callback = policy::is_callback_url(&href, &self.config.redirect_uri)
            && CLAIMED_CALLBACKS.with_borrow_mut(|claimed| {
                let first = !claimed.contains(&href);
                if first {
                    claimed.push(href.clone());
                }
                first
            });
        if !callback {
            return self.restore();
        }
        // Before anything asynchronous: the code leaves the address bar and the history entry at once.
        if let Err(e) = crate::url_cleanup::clean_address_bar() {
            warn("cogfed: could not clean the callback URL:", &e);
        }
        wasm_bindgen_futures::spawn_local(async move {
            match self.finish_callback(&href).await {
                Ok(return_to) => {
                    if self.config.navigate_after_sign_in
                        && let Some(path) = policy::return_path(return_to.as_deref())
                        && let Err(e) = crate::url_cleanup::replace_path_and_notify(path)
                    {
                        warn("cogfed: could not go to the return path:", &e);
                    }
                }
                Err(failure) => self.fail(failure),
            }
        });
    }

    /// No stored session (the default memory policy keeps none): signed out.
    #[cfg(not(feature = "session-storage"))]
    fn restore(self: Rc<Self>) {
        self.state.set(AuthState::SignedOut);
    }

    /// The provider's endpoints: known from the configuration, or (feature `discovery`) discovered once.
    pub async fn endpoints(&self) -> Result<Rc<Endpoints>, AuthError> {
        if let Some(endpoints) = self.endpoints.borrow().clone() {
            return Ok(endpoints);
        }
        #[cfg(feature = "discovery")]
        {
            let endpoints = Rc::new(self.config.discover(&self.http).await?);
            *self.endpoints.borrow_mut() = Some(endpoints.clone());
            Ok(endpoints)
        }
        #[cfg(not(feature = "discovery"))]
        {
            // Only reached after the configuration failed to validate (start reported it).
            Err(AuthError::from(
                self.config
                    .validate()
                    .err()
                    .unwrap_or(crate::ConfigError::EmptyClientId),
            ))
        }
    }

    /// Builds the authorization URL and stores the transaction (verifier, state, nonce, return path).
    pub async fn sign_in_url(&self, options: SignInOptions) -> Result<String, AuthFailure> {
        self.sign_in_steps(options)
            .await
            .map_err(|e| AuthFailure::new(Operation::SignIn, e))
    }

    async fn sign_in_steps(&self, mut options: SignInOptions) -> Result<String, AuthError> {
        let endpoints = self.endpoints().await?;
        let authorize = &mut options.authorize;
        if authorize.identity_provider.is_none() && authorize.idp_identifier.is_none() {
            authorize.identity_provider = self.config.identity_provider.clone();
        }
        if options.return_to.is_none() {
            let href = crate::js::current_href().unwrap_or_default();
            options.return_to = policy::default_return_to(&href, &self.config.redirect_uri);
        }
        let client = ClientConfig {
            client_id: self.config.client_id.clone(),
            redirect_uri: self.config.redirect_uri.clone(),
            scopes: self.config.scopes.clone(),
        };
        let mut store = SessionTransactionStore::open()?;
        let started = flow::begin_sign_in(
            &endpoints,
            &client,
            &options,
            &OsRandomness,
            &self.crypto,
            &mut store,
            now(),
        )
        .await?;
        Ok(started.url)
    }

    /// The callback: single-use state, code exchange with PKCE (the JWKS fetched meanwhile), ID token (and,
    /// feature `access-token`, Cognito access token) verification, then the session.
    async fn finish_callback(&self, href: &str) -> Result<Option<String>, AuthFailure> {
        self.callback_steps(href)
            .await
            .map_err(|e| AuthFailure::new(Operation::Callback, e))
    }

    async fn callback_steps(&self, href: &str) -> Result<Option<String>, AuthError> {
        let endpoints = self.endpoints().await?;
        let mut store = SessionTransactionStore::open()?;
        let mut keys = self.keys.lock().await;
        let keys = self.keys_for(&mut keys, &endpoints);
        let now = now();
        let signed_in = flow::finish_sign_in(
            href,
            &mut store,
            &self.http,
            &mut *keys,
            &self.crypto,
            &endpoints,
            &self.config.client_id,
            now,
        )
        .await?;
        let access = self
            .verify_access(&signed_in.tokens.access_token, keys, &endpoints, now)
            .await?;
        let tokens = Tokens {
            id_claims: signed_in.id_token.jwt.claims.clone(),
            nonce: signed_in.id_token.jwt.claims.nonce.clone(),
            set: signed_in.tokens,
            #[cfg(feature = "session-storage")]
            session_id: crate::tab_session::random_id()?,
            #[cfg(feature = "session-storage")]
            generation: 0,
        };
        let return_to = signed_in.return_to;
        let session = new_session(
            None,
            signed_in.id_token,
            access,
            &tokens.set,
            now,
            return_to.clone(),
        );
        self.install(tokens, session)?;
        Ok(return_to)
    }

    /// The JWKS cache in `slot` (the guarded contents of [`Runtime::keys`]), created on first use.
    pub(crate) fn keys_for<'a>(&self, slot: &'a mut Option<Jwks>, endpoints: &Endpoints) -> &'a mut Jwks {
        slot.get_or_insert_with(|| JwksCache::new(self.http, BrowserClock, endpoints.jwks_uri.clone()))
    }

    /// The Cognito access token verified (feature `access-token`, Cognito dialect), else `None`.
    pub(crate) async fn verify_access(
        &self,
        access_token: &str,
        keys: &mut Jwks,
        endpoints: &Endpoints,
        now: u64,
    ) -> Result<Option<Verified>, AuthError> {
        #[cfg(feature = "access-token")]
        if self.config.dialect == crate::Dialect::Cognito {
            let verified = flow::verify_cognito_access_token(
                access_token,
                keys,
                &self.crypto,
                endpoints,
                &self.config.client_id,
                now,
            )
            .await?;
            return Ok(Some(verified));
        }
        let _ = (access_token, keys, endpoints, now);
        Ok(None)
    }

    /// Puts tokens in memory (and `sessionStorage` under that policy), publishes the session and arms the
    /// refresh timer.
    pub(crate) fn install(&self, tokens: Tokens, session: Session) -> Result<(), AuthError> {
        #[cfg(feature = "session-storage")]
        self.persist(&tokens)?;
        *self.tokens.borrow_mut() = Some(Rc::new(tokens));
        self.state.set(AuthState::SignedIn(Arc::new(session)));
        self.schedule_refresh();
        Ok(())
    }

    /// The current tokens (memory).
    pub fn tokens(&self) -> Option<Rc<Tokens>> {
        self.tokens.borrow().clone()
    }

    /// The signed-in session, if any (untracked).
    pub(crate) fn session(&self) -> Option<Session> {
        self.state.with_untracked(|state| state.session().cloned())
    }

    /// Drops the session: memory, this crate's `sessionStorage` entries (and the ledger entry of a shared
    /// session).
    pub(crate) fn forget_session(&self) {
        self.cancel_timer();
        let _tokens = self.tokens.borrow_mut().take();
        #[cfg(feature = "session-storage")]
        self.forget_stored(_tokens.as_deref());
    }

    /// Sign-out: revoke the refresh token (cognito-facts §1.4: the refresh token only; it revokes every token
    /// issued from it), clear all state, and return the provider's logout URL for a top-level navigation.
    pub async fn end_session(&self) -> Result<Option<String>, AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::SignOut, e);
        let keys = self.keys.lock().await;
        let tokens = self.tokens();
        let endpoints = self.endpoints().await;
        if let (Some(refresh_token), Ok(endpoints)) = (
            tokens.as_ref().and_then(|t| t.set.refresh_token.as_ref()),
            &endpoints,
        ) && endpoints.revocation_endpoint.is_some()
            && flow::revoke(&self.http, endpoints, &self.config.client_id, refresh_token)
                .await
                .is_err()
        {
            // Revocation failing must not keep anyone signed in: clear and navigate anyway.
            warn("cogfed: refresh token revocation failed", "");
        }
        self.forget_session();
        // Whatever the policy: pending transactions and the replay record go too.
        if WebStorage::session()
            .and_then(|storage| storage.remove_prefixed(KEY_PREFIX))
            .is_err()
        {
            warn("cogfed: could not clear sessionStorage", "");
        }
        drop(keys);
        self.state.set(AuthState::SignedOut);
        let endpoints = endpoints.map_err(fail)?;
        let id_token = tokens.as_ref().and_then(|t| t.set.id_token.as_deref());
        policy::logout_url(&endpoints, &self.config, id_token).map_err(|e| fail(e.into()))
    }

    /// userInfo with the access token; its `sub` must equal the ID token's.
    pub async fn user_info(&self) -> Result<UserInfoClaims, AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::UserInfo, e);
        let tokens = self.tokens().ok_or_else(|| fail(AuthError::NotSignedIn))?;
        let sub = tokens.id_claims.sub.clone().unwrap_or_default();
        let set_userinfo = |userinfo: UserInfo| {
            self.state.update(|state| {
                if let AuthState::SignedIn(session) = state
                    && session.subject() == Some(sub.as_str())
                {
                    Arc::make_mut(session).userinfo = userinfo;
                }
            });
        };
        set_userinfo(UserInfo::Loading);
        let outcome = match self.endpoints().await {
            Ok(endpoints) => flow::fetch_userinfo(&self.http, &endpoints, &tokens.set.access_token, &sub)
                .await
                .map_err(|e| fail(e.into())),
            Err(e) => Err(fail(e)),
        };
        set_userinfo(match &outcome {
            Ok(claims) => UserInfo::Fetched(claims.clone()),
            Err(failure) => UserInfo::Failed(failure.clone()),
        });
        outcome
    }
}

/// A session for freshly verified tokens; `previous` (a refresh) keeps its sign-in time, return path and
/// userInfo.
pub(crate) fn new_session(
    previous: Option<&Session>,
    id_token: Verified,
    access_token: Option<Verified>,
    set: &TokenSet,
    now: u64,
    return_to: Option<String>,
) -> Session {
    let expires_at = set
        .expires_at
        .or_else(|| access_token.as_ref().and_then(|a| a.jwt.claims.exp));
    Session {
        id_token,
        access_token,
        expires_at,
        scope: set.scope.clone(),
        has_refresh_token: set.refresh_token.is_some(),
        signed_in_at: previous.map_or(now, |p| p.signed_in_at),
        refreshed_at: previous.and_then(|p| p.refreshed_at),
        return_to: return_to.or_else(|| previous.and_then(|p| p.return_to.clone())),
        userinfo: previous.map(|p| p.userinfo.clone()).unwrap_or_default(),
        last_refresh_error: None,
    }
}
