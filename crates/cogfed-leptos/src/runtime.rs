//! The per-page auth runtime behind an [`crate::Auth`] handle: tokens in memory, the state signal, the JWKS
//! cache, the refresh timer, and the sign-in, callback, restore, refresh, userInfo and sign-out sequences.
//! Every protocol step is a cogfed-auth function; this module only orders them and does the browser I/O.
//!
//! Runtimes live in a page-wide registry keyed by configuration, so an `AuthProvider` that is re-created
//! (re-rendered, moved, mounted twice) finds the same runtime: the session survives and the callback is
//! finished exactly once (peers.md §3 item 12: double redemption of a single-use code).

use crate::config::AuthConfig;
use crate::crypto::WebCryptoVerifier;
use crate::http::{BrowserClock, FetchHttpClient};
use crate::lock::{self, LockBackend, LockGuard};
use crate::policy;
use crate::state::{AuthError, AuthFailure, AuthState, Operation, Session, UserInfo};
use crate::storage::{KEY_PREFIX, KeyValueStorage, WebStorage};
use crate::token_store::{self, StoragePolicy, StoredSession};
use crate::transaction_store::SessionTransactionStore;
use cogfed_auth::flow::{self, ClientConfig, FlowError, SignInOptions};
use cogfed_auth::validate::NonceCheck;
use cogfed_auth::{
    AccessTokenExpectations, Claims, Clock, Endpoints, IdTokenExpectations, JwksCache, Jwt, OsRandomness,
    Randomness, TokenSet, Verified, verify_access_token, verify_id_token,
};
use futures::lock::Mutex;
use leptos::prelude::TimeoutHandle;
use leptos::prelude::{ArcRwSignal, Set, Update, set_timeout_with_handle};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

/// The tokens of the current session, in memory only (plus `sessionStorage` under that policy).
#[derive(Debug, Clone)]
pub(crate) struct Tokens {
    pub set: TokenSet,
    /// Claims of the current ID token: a refreshed one must keep `iss` and `sub`.
    pub id_claims: Claims,
    /// The sign-in nonce (re-checked when a stored ID token is verified after a reload).
    pub nonce: Option<String>,
    /// Random id of the sign-in, shared by duplicated tabs.
    pub session_id: String,
    /// Refresh-token rotations so far.
    pub generation: u64,
}

type Jwks = JwksCache<FetchHttpClient, BrowserClock>;

/// What token operations share, behind one async mutex: only one runs at a time in a tab.
#[derive(Default)]
struct Ops {
    jwks: Option<Jwks>,
}

impl Ops {
    fn jwks(&mut self, http: FetchHttpClient, endpoints: &Endpoints) -> &mut Jwks {
        self.jwks
            .get_or_insert_with(|| JwksCache::new(http, BrowserClock, endpoints.jwks_uri.clone()))
    }
}

pub(crate) struct Runtime {
    pub id: usize,
    pub config: AuthConfig,
    pub state: ArcRwSignal<AuthState>,
    http: FetchHttpClient,
    verifier: WebCryptoVerifier,
    endpoints: RefCell<Option<Endpoints>>,
    ops: Mutex<Ops>,
    tokens: RefCell<Option<Tokens>>,
    timer: RefCell<Option<(TimeoutHandle, u64)>>,
    users: Cell<usize>,
    lock_backend: Cell<Option<LockBackend>>,
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
            verifier: WebCryptoVerifier::new(),
            endpoints: RefCell::new(None),
            ops: Mutex::new(Ops::default()),
            tokens: RefCell::new(None),
            timer: RefCell::new(None),
            users: Cell::new(1),
            lock_backend: Cell::new(None),
        });
        all.push(runtime.clone());
        runtime
    });
    runtime.clone().start();
    runtime
}

fn now() -> u64 {
    BrowserClock.now_unix()
}

fn random_id() -> Result<String, AuthError> {
    let mut bytes = [0u8; 16];
    OsRandomness
        .fill(&mut bytes)
        .map_err(|e| AuthError::Flow(FlowError::Randomness(e)))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn warn(message: &str) {
    web_sys_console_warn(message);
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn web_sys_console_warn(message: &str);
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

    fn fail(&self, failure: AuthFailure) {
        self.state.set(AuthState::Error(failure));
    }

    fn session_storage(&self) -> Option<Result<WebStorage, AuthError>> {
        match self.config.storage {
            StoragePolicy::Memory => None,
            StoragePolicy::SessionStorage => Some(WebStorage::session().map_err(AuthError::from)),
        }
    }

    /// Startup: finish a callback if the browser is on one, else restore a stored session, else signed out.
    fn start(self: Rc<Self>) {
        if let Err(e) = self.config.validate() {
            self.fail(AuthFailure::new(Operation::Configure, e));
            return;
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
        if callback {
            // Before anything asynchronous: the code leaves the address bar and the history entry at once.
            if let Err(e) = crate::url_cleanup::clean_address_bar() {
                warn(&format!("cogfed: could not clean the callback URL: {e}"));
            }
        }
        wasm_bindgen_futures::spawn_local(async move {
            if callback {
                self.complete_sign_in(&href).await;
            } else {
                self.restore().await;
            }
        });
    }

    /// The provider's endpoints, resolved once (discovery for an issuer).
    pub async fn endpoints(&self) -> Result<Endpoints, AuthError> {
        if let Some(endpoints) = self.endpoints.borrow().clone() {
            return Ok(endpoints);
        }
        let endpoints = self.config.endpoints(&self.http).await?;
        *self.endpoints.borrow_mut() = Some(endpoints.clone());
        Ok(endpoints)
    }

    fn client(&self) -> ClientConfig {
        ClientConfig {
            client_id: self.config.client_id.clone(),
            redirect_uri: self.config.redirect_uri.clone(),
            scopes: self.config.scopes.clone(),
        }
    }

    /// Builds the authorization URL and stores the transaction (verifier, state, nonce, return path).
    pub async fn sign_in_url(&self, mut options: SignInOptions) -> Result<String, AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::SignIn, e);
        let endpoints = self.endpoints().await.map_err(fail)?;
        if options.identity_provider.is_none() && options.idp_identifier.is_none() {
            options.identity_provider = self.config.identity_provider.clone();
        }
        if options.return_to.is_none() {
            let href = crate::js::current_href().unwrap_or_default();
            options.return_to = policy::default_return_to(&href, &self.config.redirect_uri);
        }
        let mut store = SessionTransactionStore::open().map_err(|e| fail(e.into()))?;
        let start = flow::begin_sign_in(
            &endpoints,
            &self.client(),
            &options,
            &OsRandomness,
            &mut store,
            now(),
        )
        .map_err(|e| fail(e.into()))?;
        Ok(start.url)
    }

    /// Verifies tokens held from before (a stored session after a reload): the ID token with the sign-in's
    /// nonce if it carries one, and the Cognito access token.
    async fn verify_held(
        &self,
        jwks: &mut Jwks,
        endpoints: &Endpoints,
        tokens: &Tokens,
        now: u64,
    ) -> Result<(Verified, Option<Verified>), AuthError> {
        let mut expectations =
            IdTokenExpectations::for_sign_in(&endpoints.issuer, &self.config.client_id, "", now);
        expectations.nonce = NonceCheck::SameAsOriginal(tokens.nonce.clone());
        expectations.require_token_use = self.config.dialect == crate::config::Dialect::Cognito;
        let id_token = tokens.set.id_token.as_deref().unwrap_or_default();
        let verified = verify_id_token(id_token, &mut *jwks, &self.verifier, &expectations)
            .await
            .map_err(|e| AuthError::Flow(FlowError::IdToken(e)))?;
        let access = self
            .verify_access(&tokens.set.access_token, jwks, endpoints, now)
            .await?;
        Ok((verified, access))
    }

    async fn verify_access(
        &self,
        access_token: &str,
        jwks: &mut Jwks,
        endpoints: &Endpoints,
        now: u64,
    ) -> Result<Option<Verified>, AuthError> {
        if self.config.dialect != crate::config::Dialect::Cognito {
            return Ok(None);
        }
        let expectations = AccessTokenExpectations::new(&endpoints.issuer, &self.config.client_id, now);
        verify_access_token(access_token, jwks, &self.verifier, &expectations)
            .await
            .map(Some)
            .map_err(AuthError::AccessToken)
    }

    /// The callback: single-use state, code exchange with PKCE, ID token (and Cognito access token)
    /// verification, then the session.
    async fn complete_sign_in(self: Rc<Self>, href: &str) {
        match self.try_complete_sign_in(href).await {
            Ok(return_to) => {
                if self.config.navigate_after_sign_in
                    && let Some(path) = policy::return_path(return_to.as_deref())
                    && let Err(e) = crate::url_cleanup::replace_path_and_notify(path)
                {
                    warn(&format!("cogfed: could not go to the return path: {e}"));
                }
            }
            Err(failure) => self.fail(failure),
        }
    }

    async fn try_complete_sign_in(&self, href: &str) -> Result<Option<String>, AuthFailure> {
        let endpoints = self
            .endpoints()
            .await
            .map_err(|e| AuthFailure::new(Operation::Configure, e))?;
        let fail = |e: AuthError| AuthFailure::new(Operation::Callback, e);
        let mut store = SessionTransactionStore::open().map_err(|e| fail(e.into()))?;
        let mut ops = self.ops.lock().await;
        let jwks = ops.jwks(self.http, &endpoints);
        let now = now();
        let signed_in = flow::finish_sign_in(
            href,
            &mut store,
            &self.http,
            &mut *jwks,
            &self.verifier,
            &endpoints,
            &self.config.client_id,
            now,
        )
        .await
        .map_err(|e| fail(e.into()))?;
        let access = self
            .verify_access(&signed_in.tokens.access_token, jwks, &endpoints, now)
            .await
            .map_err(fail)?;
        let tokens = Tokens {
            id_claims: signed_in.id_token.jwt.claims.clone(),
            nonce: signed_in.id_token.jwt.claims.nonce.clone(),
            set: signed_in.tokens,
            session_id: random_id().map_err(fail)?,
            generation: 0,
        };
        let session = new_session(
            None,
            signed_in.id_token,
            access,
            &tokens.set,
            now,
            signed_in.return_to.clone(),
        );
        self.install(tokens, session).map_err(fail)?;
        Ok(signed_in.return_to)
    }

    /// Puts tokens in memory (and `sessionStorage` under that policy), publishes the session and arms the
    /// refresh timer.
    fn install(&self, tokens: Tokens, session: Session) -> Result<(), AuthError> {
        if let Some(storage) = self.session_storage() {
            let record = StoredSession {
                access_token: tokens.set.access_token.clone(),
                id_token: tokens.set.id_token.clone().unwrap_or_default(),
                refresh_token: tokens.set.refresh_token.clone(),
                expires_at: tokens.set.expires_at,
                scope: tokens.set.scope.clone(),
                nonce: tokens.nonce.clone(),
                session_id: tokens.session_id.clone(),
                generation: tokens.generation,
            };
            token_store::save_session(&storage?, &self.config.client_id, &record)?;
        }
        *self.tokens.borrow_mut() = Some(tokens);
        self.state.set(AuthState::SignedIn(std::sync::Arc::new(session)));
        self.schedule_refresh();
        Ok(())
    }

    /// A session stored in this tab's `sessionStorage` (opt-in policy): verified again, refreshed first when
    /// its access token is (nearly) expired.
    async fn restore(&self) {
        let stored = match self.session_storage() {
            None => None,
            Some(storage) => {
                match storage.and_then(|s| Ok(token_store::load_session(&s, &self.config.client_id)?)) {
                    Ok(stored) => stored,
                    Err(e) => {
                        self.fail(AuthFailure::new(Operation::Restore, e));
                        return;
                    }
                }
            }
        };
        let Some(stored) = stored else {
            self.state.set(AuthState::SignedOut);
            return;
        };
        if let Err(failure) = self.try_restore(stored).await {
            if policy::is_transient(&failure.error) {
                // Keep the stored session for the next load; this one has none.
                self.cancel_timer();
                self.tokens.borrow_mut().take();
            } else {
                self.forget_session();
            }
            self.fail(failure);
        }
    }

    async fn try_restore(&self, stored: StoredSession) -> Result<(), AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::Restore, e);
        let id_claims = Jwt::parse(&stored.id_token)
            .map_err(|e| fail(AuthError::Browser(format!("stored ID token: {e}"))))?
            .claims;
        let tokens = Tokens {
            set: TokenSet {
                access_token: stored.access_token,
                id_token: Some(stored.id_token),
                refresh_token: stored.refresh_token,
                expires_at: stored.expires_at,
                scope: stored.scope,
            },
            id_claims,
            nonce: stored.nonce,
            session_id: stored.session_id,
            generation: stored.generation,
        };
        let now = now();
        let expiring = [tokens.set.expires_at, tokens.id_claims.exp]
            .into_iter()
            .flatten()
            .any(|exp| policy::refresh_due(now, exp, self.config.refresh_leeway_secs));
        let can_refresh = tokens.set.refresh_token.is_some();
        *self.tokens.borrow_mut() = Some(tokens.clone());
        if expiring && can_refresh {
            return self.refresh_inner(Operation::Restore, None).await;
        }
        let endpoints = self.endpoints().await.map_err(fail)?;
        let mut ops = self.ops.lock().await;
        let jwks = ops.jwks(self.http, &endpoints);
        let (verified, access) = self
            .verify_held(jwks, &endpoints, &tokens, now)
            .await
            .map_err(fail)?;
        drop(ops);
        let session = new_session(None, verified, access, &tokens.set, now, None);
        self.install(tokens, session).map_err(fail)
    }

    /// The current tokens (memory).
    pub fn tokens(&self) -> Option<Tokens> {
        self.tokens.borrow().clone()
    }

    fn lock_backend(&self) -> LockBackend {
        match self.lock_backend.get() {
            Some(backend) => backend,
            None => {
                let backend = LockBackend::detect();
                self.lock_backend.set(Some(backend));
                backend
            }
        }
    }

    /// Refreshes and handles the outcome: a transient failure keeps the session and retries later; any
    /// other failure ends the session with the failure as the state.
    pub async fn refresh(
        &self,
        operation: Operation,
        observed_access_token: Option<String>,
    ) -> Result<(), AuthFailure> {
        let outcome = self.refresh_inner(operation, observed_access_token).await;
        if let Err(failure) = &outcome {
            if policy::is_transient(&failure.error) && self.tokens.borrow().is_some() {
                let kept = failure.clone();
                self.state.update(|state| {
                    if let AuthState::SignedIn(session) = state {
                        std::sync::Arc::make_mut(session).last_refresh_error = Some(kept);
                    }
                });
                self.arm_timer(policy::RETRY_AFTER_SECS);
            } else {
                self.forget_session();
                self.fail(failure.clone());
            }
        }
        outcome
    }

    /// One refresh, serialised in the tab (the ops mutex) and, under the `SessionStorage` policy, across tabs
    /// (the lock plus the rotation ledger). With `observed_access_token`, nothing happens if the tokens have
    /// changed since the caller looked: someone else already refreshed.
    async fn refresh_inner(
        &self,
        operation: Operation,
        observed_access_token: Option<String>,
    ) -> Result<(), AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(operation, e);
        let endpoints = self.endpoints().await.map_err(fail)?;
        let mut ops = self.ops.lock().await;
        let current = self.tokens().ok_or_else(|| fail(AuthError::NotSignedIn))?;
        if observed_access_token.is_some_and(|observed| observed != current.set.access_token) {
            return Ok(());
        }
        if current.set.refresh_token.is_none() {
            return Err(fail(AuthError::NotSignedIn));
        }
        let shared = self.config.storage == StoragePolicy::SessionStorage;
        let mut _cross_tab: Option<LockGuard> = None;
        let mut ledger = None;
        if shared {
            let name = format!("cogfed-refresh-{}", current.session_id);
            _cross_tab = Some(
                lock::acquire(&name, self.lock_backend(), lock::DEFAULT_ACQUIRE_TIMEOUT_MS)
                    .await
                    .map_err(|e| fail(e.into()))?,
            );
            let local = WebStorage::local().map_err(|e| fail(e.into()))?;
            let recorded =
                token_store::ledger_generation(&local, &current.session_id).map_err(|e| fail(e.into()))?;
            if !token_store::may_redeem(current.generation, recorded) {
                return Err(fail(AuthError::SessionMoved));
            }
            ledger = Some(local);
        }
        let jwks = ops.jwks(self.http, &endpoints);
        let now = now();
        let (set, verified) = flow::refresh(
            &self.http,
            &mut *jwks,
            &self.verifier,
            &endpoints,
            &self.config.client_id,
            &current.set,
            &current.id_claims,
            now,
        )
        .await
        .map_err(|e| fail(e.into()))?;
        let rotated = set.refresh_token != current.set.refresh_token;
        let generation = current.generation + u64::from(rotated);
        if rotated && let Some(local) = &ledger {
            token_store::record_rotation(local, &current.session_id, generation, now)
                .map_err(|e| fail(e.into()))?;
        }
        let previous = self.state.with_untracked_session();
        let mut tokens = Tokens {
            id_claims: current.id_claims.clone(),
            nonce: current.nonce.clone(),
            session_id: current.session_id.clone(),
            generation,
            set,
        };
        let (id_verified, access) = match (verified, previous.as_ref()) {
            // Restoring, and the provider sent no new ID token: the stored one must still verify.
            (None, None) => self
                .verify_held(jwks, &endpoints, &tokens, now)
                .await
                .map_err(fail)?,
            (verified, previous) => {
                let access = self
                    .verify_access(&tokens.set.access_token, jwks, &endpoints, now)
                    .await;
                let id_verified = match (verified, previous) {
                    (Some(verified), _) => verified,
                    (None, Some(previous)) => previous.id_token.clone(),
                    (None, None) => return Err(fail(AuthError::NotSignedIn)),
                };
                (id_verified, access.map_err(fail)?)
            }
        };
        drop(ops);
        tokens.id_claims = id_verified.jwt.claims.clone();
        let mut session = new_session(previous.as_ref(), id_verified, access, &tokens.set, now, None);
        session.refreshed_at = Some(now);
        self.install(tokens, session).map_err(fail)
    }

    /// Refreshes when the access token is within the leeway of expiring, else re-arms the timer.
    async fn refresh_if_due(&self) {
        let Some(tokens) = self.tokens() else { return };
        match expiry(&tokens) {
            Some(expires_at) if policy::refresh_due(now(), expires_at, self.config.refresh_leeway_secs) => {
                let _ = self
                    .refresh(Operation::Refresh, Some(tokens.set.access_token))
                    .await;
            }
            _ => self.schedule_refresh(),
        }
    }

    fn cancel_timer(&self) {
        if let Some((handle, _)) = self.timer.borrow_mut().take() {
            handle.clear();
        }
    }

    /// When the refresh timer fires next (Unix seconds), if armed.
    pub fn next_refresh_at(&self) -> Option<u64> {
        self.timer.borrow().as_ref().map(|(_, at)| *at)
    }

    /// Arms the refresh timer for the current tokens (auto refresh on, a refresh token held, a provider
    /// mounted).
    fn schedule_refresh(&self) {
        let Some(tokens) = self.tokens() else {
            self.cancel_timer();
            return;
        };
        match expiry(&tokens) {
            Some(expires_at) => self.arm_timer(policy::refresh_delay_secs(
                now(),
                expires_at,
                self.config.refresh_leeway_secs,
            )),
            None => self.cancel_timer(),
        }
    }

    fn arm_timer(&self, delay_secs: u64) {
        self.cancel_timer();
        let armed = self.config.auto_refresh
            && self.users.get() > 0
            && self
                .tokens
                .borrow()
                .as_ref()
                .is_some_and(|t| t.set.refresh_token.is_some());
        if !armed {
            return;
        }
        let id = self.id;
        let fire = move || {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(runtime) = runtime(id) {
                    runtime.timer.borrow_mut().take();
                    runtime.refresh_if_due().await;
                }
            });
        };
        let delay = Duration::from_secs(delay_secs.min(policy::MAX_TIMER_SECS));
        match set_timeout_with_handle(fire, delay) {
            Ok(handle) => *self.timer.borrow_mut() = Some((handle, now().saturating_add(delay_secs))),
            Err(e) => warn(&format!(
                "cogfed: could not arm the refresh timer: {}",
                crate::js::describe(&e)
            )),
        }
    }

    /// Drops the session: memory, this crate's `sessionStorage` entries and (shared policy) the ledger entry.
    fn forget_session(&self) {
        self.cancel_timer();
        let tokens = self.tokens.borrow_mut().take();
        if let Some(Ok(storage)) = self.session_storage()
            && let Err(e) = storage.remove_prefixed(KEY_PREFIX)
        {
            warn(&format!("cogfed: could not clear sessionStorage: {e}"));
        }
        if self.config.storage == StoragePolicy::SessionStorage
            && let (Some(tokens), Ok(local)) = (tokens, WebStorage::local())
        {
            let _ = local.remove(&token_store::ledger_key(&tokens.session_id));
        }
    }

    /// Sign-out: revoke the refresh token (cognito-facts §1.4: the refresh token only; it revokes every token
    /// issued from it), clear all state, and return the provider's logout URL for a top-level navigation.
    pub async fn end_session(&self) -> Result<Option<String>, AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::SignOut, e);
        let ops = self.ops.lock().await;
        let tokens = self.tokens();
        let endpoints = self.endpoints().await;
        if let (Some(refresh_token), Ok(endpoints)) = (
            tokens.as_ref().and_then(|t| t.set.refresh_token.as_ref()),
            &endpoints,
        ) && endpoints.revocation_endpoint.is_some()
            && let Err(e) = flow::revoke(&self.http, endpoints, &self.config.client_id, refresh_token).await
        {
            // Revocation failing must not keep anyone signed in: clear and navigate anyway.
            warn(&format!("cogfed: refresh token revocation failed: {e}"));
        }
        self.forget_session();
        // Whatever the policy: pending transactions and the replay record go too.
        if let Err(e) = WebStorage::session().and_then(|storage| storage.remove_prefixed(KEY_PREFIX)) {
            warn(&format!("cogfed: could not clear sessionStorage: {e}"));
        }
        drop(ops);
        self.state.set(AuthState::SignedOut);
        let endpoints = endpoints.map_err(fail)?;
        let id_token = tokens.as_ref().and_then(|t| t.set.id_token.as_deref());
        policy::logout_url(&endpoints, &self.config, id_token).map_err(|e| fail(e.into()))
    }

    /// userInfo with the access token; its `sub` must equal the ID token's.
    pub async fn user_info(&self) -> Result<serde_json::Map<String, serde_json::Value>, AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::UserInfo, e);
        let tokens = self.tokens().ok_or_else(|| fail(AuthError::NotSignedIn))?;
        let sub = tokens.id_claims.sub.clone().unwrap_or_default();
        let set_userinfo = |userinfo: UserInfo| {
            let sub = sub.clone();
            self.state.update(|state| {
                if let AuthState::SignedIn(session) = state
                    && session.subject() == Some(sub.as_str())
                {
                    std::sync::Arc::make_mut(session).userinfo = userinfo;
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
        match &outcome {
            Ok(claims) => set_userinfo(UserInfo::Fetched(claims.clone())),
            Err(failure) => set_userinfo(UserInfo::Failed(failure.clone())),
        }
        outcome
    }

    /// An access token good for at least a few more seconds: refreshed first when it is about to expire.
    pub async fn fresh_access_token(&self, operation: Operation) -> Result<String, AuthFailure> {
        let tokens = self
            .tokens()
            .ok_or_else(|| AuthFailure::new(operation, AuthError::NotSignedIn))?;
        let due = expiry(&tokens).is_some_and(|exp| policy::refresh_due(now(), exp, FETCH_LEEWAY_SECS));
        if due && tokens.set.refresh_token.is_some() {
            self.refresh(operation, Some(tokens.set.access_token)).await?;
        }
        self.tokens()
            .map(|t| t.set.access_token)
            .ok_or_else(|| AuthFailure::new(operation, AuthError::NotSignedIn))
    }
}

/// An access token closer than this to expiry is refreshed before an authorized fetch.
pub const FETCH_LEEWAY_SECS: u64 = 10;

/// When the access token expires: the token response's `expires_in`, else the ID token's `exp`.
fn expiry(tokens: &Tokens) -> Option<u64> {
    tokens.set.expires_at.or(tokens.id_claims.exp)
}

fn new_session(
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

trait SessionSignal {
    fn with_untracked_session(&self) -> Option<Session>;
}

impl SessionSignal for ArcRwSignal<AuthState> {
    fn with_untracked_session(&self) -> Option<Session> {
        use leptos::prelude::WithUntracked;
        self.with_untracked(|state| state.session().cloned())
    }
}
