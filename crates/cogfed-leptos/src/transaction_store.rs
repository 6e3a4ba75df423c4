//! [`SessionTransactionStore`]: the pending sign-in transactions in `sessionStorage`.
//!
//! One entry per transaction under `cogfed.tx.{state}` (verifier, state, nonce, return path, redirect URI,
//! issuer, created_at), so several sign-ins started in one tab never overwrite each other. `sessionStorage` is
//! per tab and survives the redirect to the provider and back, which is exactly the lifetime a transaction
//! needs (security-checklist B2 item 2: bound to the user agent).
//!
//! - **Single use**: [`TransactionStore::take`] removes the entry before returning it. JavaScript runs one task
//!   at a time and `sessionStorage` is synchronous, so two takes in one tab can never both see it.
//! - **Replay record**: taken states are remembered (the last [`CONSUMED_STATES_KEPT`]) under
//!   [`CONSUMED_KEY`], so a replayed or double-handled callback is reported as a replay, not as an unknown
//!   state (cognito-facts §8.B9; peers.md §3 item 12).
//! - **Expiry**: the entry keeps `created_at`; `cogfed_auth::complete_callback` refuses a transaction older
//!   than 10 minutes (`TRANSACTION_LIFETIME_SECS`). Entries far past that (a day) are pruned when a new
//!   transaction is stored, so abandoned sign-ins do not accumulate.

use crate::storage::{KeyValueStorage, StorageError, WebStorage};
use cogfed_auth::transaction::{StoreError, TRANSACTION_LIFETIME_SECS};
use cogfed_auth::{Clock, PendingTransaction, Taken, TransactionStore};

/// Prefix of the per-state transaction keys.
pub const TRANSACTION_KEY_PREFIX: &str = "cogfed.tx.";
/// Key of the record of consumed states (outside [`TRANSACTION_KEY_PREFIX`] so it is never read as one).
pub const CONSUMED_KEY: &str = "cogfed.consumed-states";
/// How many consumed states are remembered for replay detection.
pub const CONSUMED_STATES_KEPT: usize = 32;
/// Expired entries older than this are pruned when a new transaction is stored. Between 10 minutes and this
/// age a late callback is still reported as "expired" rather than "unknown state".
pub const PRUNE_AFTER_SECS: u64 = 24 * 60 * 60;

/// The transaction store on Web Storage (normally `sessionStorage`).
#[derive(Debug, Clone)]
pub struct SessionTransactionStore<S = WebStorage, C = crate::BrowserClock> {
    storage: S,
    clock: C,
}

impl SessionTransactionStore<WebStorage, crate::BrowserClock> {
    /// The store on this tab's `sessionStorage`.
    pub fn open() -> Result<Self, StorageError> {
        Ok(SessionTransactionStore::new(
            WebStorage::session()?,
            crate::BrowserClock,
        ))
    }
}

fn store_error(e: StorageError) -> StoreError {
    StoreError([e.area, " failed: ", &e.reason].concat())
}

impl<S: KeyValueStorage, C: Clock> SessionTransactionStore<S, C> {
    /// A store on `storage`, pruning with `clock`.
    pub fn new(storage: S, clock: C) -> Self {
        SessionTransactionStore { storage, clock }
    }

    /// The storage key of the transaction with `state`.
    pub fn key_for(state: &str) -> String {
        [TRANSACTION_KEY_PREFIX, state].concat()
    }

    /// The states recorded as consumed, oldest first (stored space-separated: only states this client
    /// generated are ever recorded, and those are base64url).
    pub fn consumed_states(&self) -> Result<Vec<String>, StorageError> {
        Ok(self
            .storage
            .get(CONSUMED_KEY)?
            .map(|text| {
                text.split(' ')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default())
    }

    fn record_consumed(&self, state: &str) -> Result<(), StorageError> {
        let mut states = self.consumed_states()?;
        states.retain(|s| s != state);
        states.push(state.to_owned());
        let excess = states.len().saturating_sub(CONSUMED_STATES_KEPT);
        states.drain(..excess);
        self.storage.set(CONSUMED_KEY, &states.join(" "))
    }

    /// When the newest sign-in still pending in this tab was started (Unix seconds), if one was started less
    /// than [`TRANSACTION_LIFETIME_SECS`] ago and never came back: the provider stopped it on its own page
    /// (Cognito's error page for `redirect_mismatch`, an unknown client, a disabled IdP…) or the user turned back.
    pub fn unfinished(&self) -> Result<Option<u64>, StorageError> {
        let now = self.clock.now_unix();
        let mut newest = None;
        for key in self.storage.keys()? {
            if !key.starts_with(TRANSACTION_KEY_PREFIX) {
                continue;
            }
            if let Some(tx) = self
                .storage
                .get(&key)?
                .and_then(|json| PendingTransaction::from_json(&json).ok())
                .filter(|tx| !tx.is_expired(now))
            {
                newest = newest.max(Some(tx.created_at));
            }
        }
        Ok(newest)
    }

    /// Removes transactions created more than [`PRUNE_AFTER_SECS`] ago, and entries that do not parse.
    /// Returns how many were removed.
    pub fn prune(&self) -> Result<usize, StorageError> {
        let now = self.clock.now_unix();
        let mut removed = 0;
        for key in self.storage.keys()? {
            if !key.starts_with(TRANSACTION_KEY_PREFIX) {
                continue;
            }
            let stale = match self.storage.get(&key)? {
                Some(json) => match PendingTransaction::from_json(&json) {
                    Ok(tx) => now > tx.created_at.saturating_add(PRUNE_AFTER_SECS),
                    Err(_) => true,
                },
                None => false,
            };
            if stale {
                self.storage.remove(&key)?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

impl<S: KeyValueStorage, C: Clock> TransactionStore for SessionTransactionStore<S, C> {
    fn put(&mut self, transaction: PendingTransaction) -> Result<(), StoreError> {
        // Pruning is housekeeping: a failure here must not block a sign-in.
        let _ = self.prune();
        self.storage
            .set(&Self::key_for(&transaction.state), &transaction.to_json())
            .map_err(store_error)
    }

    fn take(&mut self, state: &str) -> Result<Taken, StoreError> {
        let key = Self::key_for(state);
        match self.storage.get(&key).map_err(store_error)? {
            Some(json) => {
                // Remove and record first: whatever happens next, this state is spent.
                self.storage.remove(&key).map_err(store_error)?;
                self.record_consumed(state).map_err(store_error)?;
                PendingTransaction::from_json(&json)
                    .map(Taken::Pending)
                    .map_err(|e| {
                        StoreError(["the stored transaction for this state is corrupt: ", &e].concat())
                    })
            }
            None if self
                .consumed_states()
                .map_err(store_error)?
                .iter()
                .any(|s| s == state) =>
            {
                Ok(Taken::AlreadyConsumed)
            }
            None => Ok(Taken::Unknown),
        }
    }
}

/// Seconds a transaction stays redeemable (re-exported for documentation and tests).
pub const LIFETIME_SECS: u64 = TRANSACTION_LIFETIME_SECS;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;
    use cogfed_auth::{CallbackError, CodeVerifier, FixedClock, complete_callback};

    fn tx(state: &str, created_at: u64) -> PendingTransaction {
        PendingTransaction {
            state: state.into(),
            nonce: "nonce".into(),
            code_verifier: CodeVerifier::from_octets(&[7; 32]),
            redirect_uri: "https://app.example.com/callback".into(),
            return_to: Some("/profile".into()),
            created_at,
            issuer: "https://op.example.com".into(),
            require_iss_parameter: false,
        }
    }

    #[test]
    fn take_is_single_use_and_the_replay_is_recognised() {
        let storage = MemoryStorage::new();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(1000));
        store.put(tx("s1", 1000)).unwrap();
        assert!(
            storage.get("cogfed.tx.s1").unwrap().is_some(),
            "one key per state"
        );
        assert_eq!(store.take("s1").unwrap(), Taken::Pending(tx("s1", 1000)));
        assert_eq!(
            storage.get("cogfed.tx.s1").unwrap(),
            None,
            "take removes the entry"
        );
        assert_eq!(store.take("s1").unwrap(), Taken::AlreadyConsumed);
        assert_eq!(store.take("never").unwrap(), Taken::Unknown);
        // A fresh store over the same storage (a reload) still knows the replay.
        let mut reloaded = SessionTransactionStore::new(&storage, FixedClock(1000));
        assert_eq!(reloaded.take("s1").unwrap(), Taken::AlreadyConsumed);
    }

    #[test]
    fn transactions_do_not_overwrite_each_other() {
        let storage = MemoryStorage::new();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(1000));
        store.put(tx("a", 1000)).unwrap();
        store.put(tx("b", 1000)).unwrap();
        assert_eq!(store.take("a").unwrap(), Taken::Pending(tx("a", 1000)));
        assert_eq!(store.take("b").unwrap(), Taken::Pending(tx("b", 1000)));
    }

    #[test]
    fn consumed_record_is_bounded() {
        let storage = MemoryStorage::new();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(1000));
        for i in 0..(CONSUMED_STATES_KEPT + 3) {
            store.put(tx(&format!("s{i}"), 1000)).unwrap();
            store.take(&format!("s{i}")).unwrap();
        }
        assert_eq!(store.consumed_states().unwrap().len(), CONSUMED_STATES_KEPT);
        assert_eq!(store.take("s0").unwrap(), Taken::Unknown, "oldest forgotten");
        let last = format!("s{}", CONSUMED_STATES_KEPT + 2);
        assert_eq!(store.take(&last).unwrap(), Taken::AlreadyConsumed);
    }

    #[test]
    fn corrupt_entry_is_an_error_and_still_consumed() {
        let storage = MemoryStorage::new();
        storage.set("cogfed.tx.bad", "{not json").unwrap();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(1000));
        assert!(store.take("bad").is_err());
        assert_eq!(store.take("bad").unwrap(), Taken::AlreadyConsumed);
        // A tampered verifier fails the syntax check on load.
        let json = serde_json::to_string(&tx("t", 1000))
            .unwrap()
            .replace(CodeVerifier::from_octets(&[7; 32]).as_str(), "short");
        storage.set("cogfed.tx.t", &json).unwrap();
        assert!(store.take("t").is_err());
    }

    #[test]
    fn ten_minute_expiry_through_the_callback() {
        let url = "https://app.example.com/callback?code=c&state=s";
        let storage = MemoryStorage::new();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(1000));
        store.put(tx("s", 1000)).unwrap();
        assert!(complete_callback(url, &mut store, 1000 + LIFETIME_SECS).is_ok());
        store.put(tx("s", 1000)).unwrap();
        assert_eq!(
            complete_callback(url, &mut store, 1000 + LIFETIME_SECS + 1).map(|_| ()),
            Err(CallbackError::Expired {
                age_secs: LIFETIME_SECS + 1,
                limit_secs: LIFETIME_SECS
            })
        );
    }

    #[test]
    fn an_unfinished_sign_in_is_the_newest_pending_transaction_within_its_lifetime() {
        let storage = MemoryStorage::new();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(2000));
        assert_eq!(store.unfinished().unwrap(), None);
        store.put(tx("old", 2000 - LIFETIME_SECS - 1)).unwrap();
        assert_eq!(
            store.unfinished().unwrap(),
            None,
            "expired: too late to come back"
        );
        store.put(tx("a", 1900)).unwrap();
        store.put(tx("b", 1950)).unwrap();
        assert_eq!(store.unfinished().unwrap(), Some(1950));
        store.take("b").unwrap();
        assert_eq!(
            store.unfinished().unwrap(),
            Some(1900),
            "a finished sign-in is not pending"
        );
    }

    #[test]
    fn prune_removes_only_long_dead_and_corrupt_entries() {
        let storage = MemoryStorage::new();
        storage.set("cogfed.tx.garbage", "x").unwrap();
        storage.set("unrelated", "x").unwrap();
        let mut old = SessionTransactionStore::new(&storage, FixedClock(0));
        old.put(tx("old", 0)).unwrap();
        old.put(tx("recent-but-expired", PRUNE_AFTER_SECS - 700)).unwrap();
        let mut store = SessionTransactionStore::new(&storage, FixedClock(PRUNE_AFTER_SECS + 1));
        store.put(tx("new", PRUNE_AFTER_SECS + 1)).unwrap();
        let mut keys = storage.keys().unwrap();
        keys.sort();
        assert_eq!(
            keys,
            vec![
                "cogfed.tx.new".to_owned(),
                "cogfed.tx.recent-but-expired".to_owned(),
                "unrelated".to_owned()
            ]
        );
    }
}
