//! Refresh: the one operation that redeems the refresh token (serialised in the tab by the runtime's key lock,
//! and across tabs when they share a session: `tab_session.rs`), and the timer that runs it before the access
//! token expires.

use crate::policy;
use crate::runtime::{Runtime, Tokens, new_session, now, runtime};
use crate::state::{AuthError, AuthFailure, AuthState, Operation};
use cogfed_auth::flow;
use leptos::prelude::{Update, set_timeout_with_handle};
use std::sync::Arc;
use std::time::Duration;

/// An access token closer than this to expiry is refreshed before an authorized fetch.
pub const FETCH_LEEWAY_SECS: u64 = 10;

/// When the access token expires: the token response's `expires_in`, else the ID token's `exp`.
fn expiry(tokens: &Tokens) -> Option<u64> {
    tokens.set.expires_at.or(tokens.id_claims.exp)
}

impl Runtime {
    /// Refreshes and handles the outcome: a transient failure keeps the session and retries later; any
    /// other failure ends the session with the failure as the state.
    pub async fn refresh(
        &self,
        operation: Operation,
        observed_access_token: Option<String>,
    ) -> Result<(), AuthFailure> {
        let outcome = self.refresh_once(operation, observed_access_token).await;
        if let Err(failure) = &outcome {
            if policy::is_transient(&failure.error) && self.tokens.borrow().is_some() {
                let kept = failure.clone();
                self.state.update(|state| {
                    if let AuthState::SignedIn(session) = state {
                        Arc::make_mut(session).last_refresh_error = Some(kept);
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

    /// One refresh, serialised in the tab (the key lock) and, for a session shared with duplicated tabs,
    /// across tabs (the cross-tab lock plus the rotation ledger). With `observed_access_token`, nothing
    /// happens if the tokens have changed since the caller looked: someone else already refreshed.
    pub(crate) async fn refresh_once(
        &self,
        operation: Operation,
        observed_access_token: Option<String>,
    ) -> Result<(), AuthFailure> {
        self.refresh_steps(observed_access_token)
            .await
            .map_err(|e| AuthFailure::new(operation, e))
    }

    async fn refresh_steps(&self, observed_access_token: Option<String>) -> Result<(), AuthError> {
        let endpoints = self.endpoints().await?;
        let mut keys = self.keys.lock().await;
        let current = self.tokens().ok_or(AuthError::NotSignedIn)?;
        if observed_access_token.is_some_and(|observed| observed != current.set.access_token) {
            return Ok(());
        }
        if current.set.refresh_token.is_none() {
            return Err(AuthError::NotSignedIn);
        }
        #[cfg(feature = "session-storage")]
        let shared = self.shared_refresh(&current).await?;
        let keys = self.keys_for(&mut keys, &endpoints);
        let now = now();
        let (set, verified) = flow::refresh(
            &self.http,
            &mut *keys,
            &self.crypto,
            &endpoints,
            &self.config.client_id,
            &current.set,
            &current.id_claims,
            now,
        )
        .await?;
        #[cfg(feature = "session-storage")]
        let generation = self.record_rotation(shared, &current, &set, now)?;
        let previous = self.session();
        let id_token = match (verified, &previous) {
            (Some(verified), _) => verified,
            (None, Some(previous)) => previous.id_token.clone(),
            // Restoring, and the provider sent no new ID token: the stored one must still verify.
            (None, None) => {
                flow::verify_held(
                    &set,
                    current.nonce.clone(),
                    &mut *keys,
                    &self.crypto,
                    &endpoints,
                    &self.config.client_id,
                    now,
                )
                .await?
            }
        };
        let access = self
            .verify_access(&set.access_token, keys, &endpoints, now)
            .await?;
        let tokens = Tokens {
            id_claims: id_token.jwt.claims.clone(),
            nonce: current.nonce.clone(),
            set,
            #[cfg(feature = "session-storage")]
            session_id: current.session_id.clone(),
            #[cfg(feature = "session-storage")]
            generation,
        };
        let mut session = new_session(previous.as_ref(), id_token, access, &tokens.set, now, None);
        session.refreshed_at = Some(now);
        self.install(tokens, session)
    }

    /// Refreshes when the access token is within the leeway of expiring, else re-arms the timer.
    async fn refresh_if_due(&self) {
        let Some(tokens) = self.tokens() else { return };
        match expiry(&tokens) {
            Some(expires_at) if policy::refresh_due(now(), expires_at, self.config.refresh_leeway_secs) => {
                let _ = self
                    .refresh(Operation::Refresh, Some(tokens.set.access_token.clone()))
                    .await;
            }
            _ => self.schedule_refresh(),
        }
    }

    /// An access token good for at least a few more seconds: refreshed first when it is about to expire.
    pub async fn fresh_access_token(&self, operation: Operation) -> Result<String, AuthFailure> {
        let no_session = || AuthFailure::new(operation, AuthError::NotSignedIn);
        let tokens = self.tokens().ok_or_else(no_session)?;
        let due = expiry(&tokens).is_some_and(|exp| policy::refresh_due(now(), exp, FETCH_LEEWAY_SECS));
        if due && tokens.set.refresh_token.is_some() {
            self.refresh(operation, Some(tokens.set.access_token.clone()))
                .await?;
        }
        self.tokens()
            .map(|t| t.set.access_token.clone())
            .ok_or_else(no_session)
    }

    pub(crate) fn cancel_timer(&self) {
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
    pub(crate) fn schedule_refresh(&self) {
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
            Err(e) => crate::js::warn(
                "cogfed: could not arm the refresh timer:",
                &crate::js::describe(&e),
            ),
        }
    }
}
