//! The opt-in session in the tab's `sessionStorage` (feature `session-storage`, policy
//! [`StoragePolicy::SessionStorage`]): saved on every change, restored (and verified again) after a reload,
//! and, because "duplicate tab" copies `sessionStorage`, refreshed under a cross-tab lock with a token-free
//! rotation ledger in `localStorage` (see `lock.rs` and `token_store.rs`). None of this is linked without the
//! feature: the default policy keeps tokens in memory, per tab, with nothing to share.

use crate::lock::{self, LockBackend, LockGuard};
use crate::policy;
use crate::runtime::{Runtime, Tokens, new_session, now};
use crate::state::{AuthError, AuthFailure, AuthState, Operation};
use crate::storage::{KEY_PREFIX, KeyValueStorage, WebStorage};
use crate::token_store::{self, StoragePolicy, StoredSession};
use cogfed_auth::{Jwt, OsRandomness, Randomness, TokenSet, flow};
use leptos::prelude::Set;
use std::rc::Rc;

/// A random id for a sign-in (shared by duplicated tabs): 16 CSPRNG bytes, base64url.
pub(crate) fn random_id() -> Result<String, AuthError> {
    let mut bytes = [0u8; 16];
    OsRandomness
        .fill(&mut bytes)
        .map_err(|e| AuthError::Flow(e.into()))?;
    Ok(cogfed_auth::base64url::encode(&bytes))
}

impl Runtime {
    fn shares_tab_storage(&self) -> bool {
        self.config.storage == StoragePolicy::SessionStorage
    }

    /// Startup without a callback: a session stored in this tab is verified again (refreshed first when its
    /// access token is nearly expired); otherwise signed out.
    pub(crate) fn restore(self: Rc<Self>) {
        if !self.shares_tab_storage() {
            return self.state.set(AuthState::SignedOut);
        }
        let stored =
            WebStorage::session().and_then(|s| token_store::load_session(&s, &self.config.client_id));
        match stored {
            Err(e) => self.fail(AuthFailure::new(Operation::Restore, e)),
            Ok(None) => self.state.set(AuthState::SignedOut),
            Ok(Some(stored)) => wasm_bindgen_futures::spawn_local(async move {
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
            }),
        }
    }

    async fn try_restore(&self, stored: StoredSession) -> Result<(), AuthFailure> {
        let fail = |e: AuthError| AuthFailure::new(Operation::Restore, e);
        let id_claims = Jwt::parse(&stored.id_token)
            .map_err(|_| fail(AuthError::Browser("the stored ID token does not parse".into())))?
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
        if expiring && tokens.set.refresh_token.is_some() {
            *self.tokens.borrow_mut() = Some(Rc::new(tokens));
            return self.refresh_once(Operation::Restore, None).await;
        }
        let endpoints = self.endpoints().await.map_err(fail)?;
        let mut keys = self.keys.lock().await;
        let keys = self.keys_for(&mut keys, &endpoints);
        let verified = flow::verify_held(
            &tokens.set,
            tokens.nonce.clone(),
            &mut *keys,
            &self.crypto,
            &endpoints,
            &self.config.client_id,
            now,
        )
        .await
        .map_err(|e| fail(e.into()))?;
        let access = self
            .verify_access(&tokens.set.access_token, keys, &endpoints, now)
            .await
            .map_err(fail)?;
        let session = new_session(None, verified, access, &tokens.set, now, None);
        self.install(tokens, session).map_err(fail)
    }

    /// Saves the session record (policy `SessionStorage` only).
    pub(crate) fn persist(&self, tokens: &Tokens) -> Result<(), AuthError> {
        if !self.shares_tab_storage() {
            return Ok(());
        }
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
        token_store::save_session(&WebStorage::session()?, &self.config.client_id, &record)?;
        Ok(())
    }

    /// Removes this crate's `sessionStorage` entries and the session's ledger entry (policy `SessionStorage`).
    pub(crate) fn forget_stored(&self, tokens: Option<&Tokens>) {
        if !self.shares_tab_storage() {
            return;
        }
        if WebStorage::session()
            .and_then(|s| s.remove_prefixed(KEY_PREFIX))
            .is_err()
        {
            crate::js::warn("cogfed: could not clear sessionStorage", "");
        }
        if let (Some(tokens), Ok(local)) = (tokens, WebStorage::local()) {
            let _ = local.remove(&token_store::ledger_key(&tokens.session_id));
        }
    }

    /// Before a refresh of a session duplicated tabs may share: the cross-tab lock, and the ledger's word that
    /// no other tab rotated this refresh token out. `None` under the memory policy (nothing shared).
    pub(crate) async fn shared_refresh(
        &self,
        current: &Tokens,
    ) -> Result<Option<(LockGuard, WebStorage)>, AuthError> {
        if !self.shares_tab_storage() {
            return Ok(None);
        }
        let name = ["cogfed-refresh-", &current.session_id].concat();
        let guard = lock::acquire(&name, LockBackend::detect(), lock::DEFAULT_ACQUIRE_TIMEOUT_MS).await?;
        let local = WebStorage::local()?;
        let recorded = token_store::ledger_generation(&local, &current.session_id)?;
        if !token_store::may_redeem(current.generation, recorded) {
            return Err(AuthError::SessionMoved);
        }
        Ok(Some((guard, local)))
    }

    /// After a refresh: the new generation, recorded in the ledger when the refresh token was rotated (still
    /// under the cross-tab lock, released when `shared` drops).
    pub(crate) fn record_rotation(
        &self,
        shared: Option<(LockGuard, WebStorage)>,
        current: &Tokens,
        set: &TokenSet,
        now: u64,
    ) -> Result<u64, AuthError> {
        let rotated = set.refresh_token != current.set.refresh_token;
        let generation = current.generation + u64::from(rotated);
        if rotated && let Some((_guard, local)) = &shared {
            token_store::record_rotation(local, &current.session_id, generation, now)?;
        }
        Ok(generation)
    }
}
