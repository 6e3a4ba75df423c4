//! The pending sign-in transaction and its single-use store.
//!
//! A transaction is created when the authorization request is built and consumed exactly once when the
//! callback arrives. `state` is its key: taking it removes it, and the store remembers consumed states so a
//! second callback with the same state is reported as a *replay*, not as an unknown state (RFC 9700 §4.7,
//! security-checklist B2 item 6; cognito-facts §8.B9 double redemption).

use crate::json::{ObjectWriter, parse_object};
use crate::pkce::CodeVerifier;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// How long a transaction stays valid: 10 minutes (the authorization code itself lives 5, cognito-facts §1.1).
pub const TRANSACTION_LIFETIME_SECS: u64 = 600;

/// Everything the callback needs to finish one sign-in, stored between the redirect and the callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingTransaction {
    /// The single-use `state` sent in the request.
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier for the code exchange.
    pub code_verifier: CodeVerifier,
    /// The exact `redirect_uri` sent (the token request must repeat it, cognito-facts §8.B11).
    pub redirect_uri: String,
    /// Where the app wants to go after sign-in (kept here, never in `state`, cognito-facts §8.A6).
    pub return_to: Option<String>,
    /// Unix seconds when the request was built.
    pub created_at: u64,
    /// Issuer this request went to; an RFC 9207 `iss` in the response must equal it.
    pub issuer: String,
    /// The provider advertised `authorization_response_iss_parameter_supported`: `iss` is then required.
    pub require_iss_parameter: bool,
}

impl PendingTransaction {
    /// The transaction as JSON text, member names as the serde derive writes them (for browser storage
    /// without serde_json's serializer in the wasm).
    pub fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("state", Some(&self.state))
            .string("nonce", Some(&self.nonce))
            .string("code_verifier", Some(self.code_verifier.as_str()))
            .string("redirect_uri", Some(&self.redirect_uri))
            .string("return_to", self.return_to.as_deref())
            .number("created_at", Some(self.created_at))
            .string("issuer", Some(&self.issuer))
            .boolean("require_iss_parameter", self.require_iss_parameter)
            .finish()
    }

    /// Reads [`PendingTransaction::to_json`]'s text (or the serde derive's) back, with the same checks: strict
    /// JSON, every member of its type, and a well-formed code verifier. The error says which member is wrong.
    pub fn from_json(text: &str) -> Result<PendingTransaction, String> {
        // Messages put together without the formatting machinery: this runs on every callback.
        let object = parse_object(text.as_bytes()).map_err(|_| "not a strict JSON object".to_string())?;
        let string = |name: &str| object.required_string(name).map(|s| s.into_owned());
        let verifier = |e| match e {
            crate::pkce::VerifierError::Length(n) => [
                "code_verifier must be 43-128 characters, found ",
                &crate::json::decimal(n as u64),
            ]
            .concat(),
            crate::pkce::VerifierError::Character(_) => {
                "code_verifier has a character outside [A-Za-z0-9-._~]".to_string()
            }
        };
        Ok(PendingTransaction {
            state: string("state")?,
            nonce: string("nonce")?,
            code_verifier: CodeVerifier::parse(&object.required_string("code_verifier")?)
                .map_err(verifier)?,
            redirect_uri: string("redirect_uri")?,
            return_to: object.string("return_to")?.map(|s| s.into_owned()),
            created_at: object.number("created_at")?.ok_or("created_at is missing")?,
            issuer: string("issuer")?,
            require_iss_parameter: object
                .boolean("require_iss_parameter")?
                .ok_or("require_iss_parameter is missing")?,
        })
    }

    /// True when more than [`TRANSACTION_LIFETIME_SECS`] have passed since `created_at`.
    pub fn is_expired(&self, now: u64) -> bool {
        now > self.created_at.saturating_add(TRANSACTION_LIFETIME_SECS)
    }
}

/// What [`TransactionStore::take`] found under a state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// The pending transaction; it has now been removed and its state recorded as consumed.
    Pending(PendingTransaction),
    /// The state was taken before: this callback is a replay.
    AlreadyConsumed,
    /// No transaction ever had this state (forged, from another browser, or storage was cleared).
    Unknown,
}

/// Storage failed (quota, disabled storage, corrupt entry).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("transaction storage failed: {0}")]
pub struct StoreError(pub String);

/// Single-use storage of pending transactions, keyed by `state`. The browser crate implements it on
/// `sessionStorage` (per tab, survives the redirect).
pub trait TransactionStore {
    /// Stores a new pending transaction under its state.
    fn put(&mut self, transaction: PendingTransaction) -> Result<(), StoreError>;
    /// Removes and returns the transaction for `state`, recording `state` as consumed. Must be atomic
    /// with respect to other calls: two takes of one state can never both return `Pending`.
    fn take(&mut self, state: &str) -> Result<Taken, StoreError>;
}

/// How many consumed states [`MemoryTransactionStore`] remembers for replay detection.
pub const CONSUMED_STATES_REMEMBERED: usize = 64;

/// An in-memory [`TransactionStore`] (tests, native tools). Remembers the last
/// [`CONSUMED_STATES_REMEMBERED`] consumed states.
#[derive(Debug, Default, Clone)]
pub struct MemoryTransactionStore {
    pending: HashMap<String, PendingTransaction>,
    consumed: VecDeque<String>,
}

impl MemoryTransactionStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of pending transactions.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }
}

impl TransactionStore for MemoryTransactionStore {
    fn put(&mut self, transaction: PendingTransaction) -> Result<(), StoreError> {
        self.pending.insert(transaction.state.clone(), transaction);
        Ok(())
    }

    fn take(&mut self, state: &str) -> Result<Taken, StoreError> {
        if let Some(transaction) = self.pending.remove(state) {
            if self.consumed.len() >= CONSUMED_STATES_REMEMBERED {
                self.consumed.pop_front();
            }
            self.consumed.push_back(state.to_owned());
            return Ok(Taken::Pending(transaction));
        }
        if self.consumed.iter().any(|s| s == state) {
            return Ok(Taken::AlreadyConsumed);
        }
        Ok(Taken::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(state: &str) -> PendingTransaction {
        PendingTransaction {
            state: state.into(),
            nonce: "n".into(),
            code_verifier: CodeVerifier::from_octets(&[1; 32]),
            redirect_uri: "https://app/cb".into(),
            return_to: None,
            created_at: 1000,
            issuer: "https://op".into(),
            require_iss_parameter: false,
        }
    }

    #[test]
    fn take_is_single_use_and_tells_replay_from_unknown() {
        let mut store = MemoryTransactionStore::new();
        store.put(tx("s1")).unwrap();
        assert_eq!(store.take("s1").unwrap(), Taken::Pending(tx("s1")));
        assert_eq!(store.take("s1").unwrap(), Taken::AlreadyConsumed);
        assert_eq!(store.take("s2").unwrap(), Taken::Unknown);
        assert_eq!(store.pending_len(), 0);
    }

    #[test]
    fn consumed_record_is_bounded() {
        let mut store = MemoryTransactionStore::new();
        for i in 0..(CONSUMED_STATES_REMEMBERED + 1) {
            store.put(tx(&i.to_string())).unwrap();
            store.take(&i.to_string()).unwrap();
        }
        assert_eq!(
            store.take("0").unwrap(),
            Taken::Unknown,
            "oldest consumed state forgotten"
        );
        assert_eq!(store.take("1").unwrap(), Taken::AlreadyConsumed);
    }

    #[test]
    fn expiry_after_ten_minutes() {
        let t = tx("s");
        assert!(!t.is_expired(1000 + 600));
        assert!(t.is_expired(1000 + 601));
    }

    #[test]
    fn serialises_for_session_storage_and_validates_the_verifier_on_load() {
        let json = serde_json::to_string(&tx("s")).unwrap();
        let back: PendingTransaction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tx("s"));
        let tampered = json.replace(tx("s").code_verifier.as_str(), "short");
        assert!(serde_json::from_str::<PendingTransaction>(&tampered).is_err());
    }

    #[test]
    fn own_json_matches_the_serde_derive_both_ways() {
        let mut with_return = tx("s");
        with_return.return_to = Some("/profile?\"x\"".into());
        with_return.require_iss_parameter = true;
        for t in [tx("s"), with_return] {
            let ours = t.to_json();
            assert_eq!(ours, serde_json::to_string(&t).unwrap());
            assert_eq!(PendingTransaction::from_json(&ours), Ok(t.clone()));
            assert_eq!(serde_json::from_str::<PendingTransaction>(&ours).unwrap(), t);
        }
        let json = tx("s").to_json();
        let short = json.replace(tx("s").code_verifier.as_str(), "short");
        assert_eq!(
            PendingTransaction::from_json(&short),
            Err("code_verifier must be 43-128 characters, found 5".into())
        );
        let no_state = json.replace("\"state\"", "\"other\"");
        assert_eq!(
            PendingTransaction::from_json(&no_state),
            Err("state is missing".into())
        );
        let bad_time = json.replace("\"created_at\":1000", "\"created_at\":\"1000\"");
        assert_eq!(
            PendingTransaction::from_json(&bad_time),
            Err("created_at is not a non-negative integer".into())
        );
        assert!(PendingTransaction::from_json("{").is_err());
    }
}
