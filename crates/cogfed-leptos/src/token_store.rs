//! Where tokens live: the [`StoragePolicy`], the record persisted under the opt-in `SessionStorage` policy,
//! and the token-free rotation ledger in `localStorage`.
//!
//! Security-checklist B2 item 10 (BBA "Token Storage in the Browser"): any storage a script can read is
//! readable by injected script, so the default keeps tokens only in Rust memory (lost on reload: the user
//! signs in again, usually without credentials thanks to the hosted-UI session). `SessionStorage` trades
//! that for surviving reloads within one tab. `localStorage` (shared by every tab and kept forever) never
//! holds a token: the only things this crate writes there are the rotation ledger and the fallback lock lease,
//! both token-free.

use crate::storage::{KeyValueStorage, StorageError};
use cogfed_auth::RefreshToken;
use cogfed_auth::json::{ObjectWriter, decimal, parse_object};
use serde::{Deserialize, Serialize};

/// Where the tokens of a session are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoragePolicy {
    /// Only in Rust memory (default). Nothing token-related is written to any Web Storage.
    #[default]
    Memory,
    /// Also in this tab's `sessionStorage`, so a reload keeps the session (opt-in, feature `session-storage`).
    /// "Duplicate tab" copies it: the cross-tab lock and the rotation ledger keep the copies from redeeming one
    /// refresh token twice.
    #[cfg(feature = "session-storage")]
    SessionStorage,
}

/// Prefix of the session record key.
pub const SESSION_KEY_PREFIX: &str = "cogfed.session.";
/// Prefix of rotation ledger keys (in `localStorage`).
pub const LEDGER_KEY_PREFIX: &str = "cogfed.ledger.";

/// The session as persisted under [`StoragePolicy::SessionStorage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSession {
    /// The access token.
    pub access_token: String,
    /// The ID token.
    pub id_token: String,
    /// The refresh token, if any.
    pub refresh_token: Option<RefreshToken>,
    /// Unix seconds when the access token expires.
    pub expires_at: Option<u64>,
    /// Granted scopes.
    pub scope: Option<String>,
    /// The nonce of the sign-in, re-checked when the ID token is verified after a reload.
    pub nonce: Option<String>,
    /// Random id of this sign-in, shared by duplicated tabs; names the lock and the ledger entry.
    pub session_id: String,
    /// How many times the refresh token has been rotated in this session.
    pub generation: u64,
}

/// The key of the session record of `client_id`.
pub fn session_key(client_id: &str) -> String {
    [SESSION_KEY_PREFIX, client_id].concat()
}

impl StoredSession {
    /// The record as JSON text, member names as the serde derive writes them (cogfed-auth's writer: no
    /// serde_json serializer in the wasm).
    pub fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("access_token", Some(&self.access_token))
            .string("id_token", Some(&self.id_token))
            .string("refresh_token", self.refresh_token.as_ref().map(|t| t.0.as_str()))
            .number("expires_at", self.expires_at)
            .string("scope", self.scope.as_deref())
            .string("nonce", self.nonce.as_deref())
            .string("session_id", Some(&self.session_id))
            .number("generation", Some(self.generation))
            .finish()
    }

    /// Reads [`StoredSession::to_json`]'s text back: strict JSON, every member of its type; the error names
    /// the member that is wrong.
    pub fn from_json(text: &str) -> Result<StoredSession, String> {
        let members = parse_object(text.as_bytes()).map_err(|e| e.to_string())?;
        let owned = |name: &str| members.string(name).map(|s| s.map(|s| s.into_owned()));
        let required = |name: &str| members.required_string(name).map(|s| s.into_owned());
        Ok(StoredSession {
            access_token: required("access_token")?,
            id_token: required("id_token")?,
            refresh_token: owned("refresh_token")?.map(RefreshToken),
            expires_at: members.number("expires_at")?,
            scope: owned("scope")?,
            nonce: owned("nonce")?,
            session_id: required("session_id")?,
            generation: members.number("generation")?.ok_or("generation is missing")?,
        })
    }
}

/// Writes the session record.
pub fn save_session(
    storage: &impl KeyValueStorage,
    client_id: &str,
    session: &StoredSession,
) -> Result<(), StorageError> {
    storage.set(&session_key(client_id), &session.to_json())
}

/// Reads the session record; a corrupt one is removed and reads as none.
pub fn load_session(
    storage: &impl KeyValueStorage,
    client_id: &str,
) -> Result<Option<StoredSession>, StorageError> {
    let key = session_key(client_id);
    match storage.get(&key)? {
        None => Ok(None),
        Some(json) => match StoredSession::from_json(&json) {
            Ok(session) => Ok(Some(session)),
            Err(_) => {
                storage.remove(&key)?;
                Ok(None)
            }
        },
    }
}

/// One rotation ledger entry: how far the refresh token of a session has been rotated, by any tab. No token:
/// stored as the text `{generation} {updated_at}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerEntry {
    /// The session's current refresh-token generation.
    pub generation: u64,
    /// Unix seconds of the last rotation.
    pub updated_at: u64,
}

fn number(text: &str) -> Option<u64> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    text.parse().ok().filter(|_| digits)
}

impl LedgerEntry {
    /// The stored text.
    pub fn encode(&self) -> String {
        [decimal(self.generation), decimal(self.updated_at)].join(" ")
    }

    /// Parses the stored text; anything else is no entry.
    pub fn decode(text: &str) -> Option<LedgerEntry> {
        let (generation, updated_at) = text.split_once(' ')?;
        Some(LedgerEntry {
            generation: number(generation)?,
            updated_at: number(updated_at)?,
        })
    }
}

/// Ledger entries untouched for this long are pruned (a refresh token is long dead or the tab long gone).
pub const LEDGER_MAX_AGE_SECS: u64 = 30 * 24 * 60 * 60;

/// The ledger key of a session.
pub fn ledger_key(session_id: &str) -> String {
    [LEDGER_KEY_PREFIX, session_id].concat()
}

/// The generation recorded for `session_id` (0 when none).
pub fn ledger_generation(storage: &impl KeyValueStorage, session_id: &str) -> Result<u64, StorageError> {
    Ok(storage
        .get(&ledger_key(session_id))?
        .as_deref()
        .and_then(LedgerEntry::decode)
        .map_or(0, |entry| entry.generation))
}

/// Records that `session_id`'s refresh token is now at `generation`, and prunes stale entries.
pub fn record_rotation(
    storage: &impl KeyValueStorage,
    session_id: &str,
    generation: u64,
    now: u64,
) -> Result<(), StorageError> {
    for key in storage
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(LEDGER_KEY_PREFIX))
    {
        let stale = storage
            .get(&key)?
            .as_deref()
            .and_then(LedgerEntry::decode)
            .is_none_or(|entry| now > entry.updated_at.saturating_add(LEDGER_MAX_AGE_SECS));
        if stale {
            storage.remove(&key)?;
        }
    }
    let entry = LedgerEntry {
        generation,
        updated_at: now,
    };
    storage.set(&ledger_key(session_id), &entry.encode())
}

/// Whether this tab may redeem its refresh token: not if another tab already rotated the session past the
/// generation this tab holds (its token is rotated out; redeeming it could trip reuse detection).
pub fn may_redeem(own_generation: u64, ledger_generation: u64) -> bool {
    ledger_generation <= own_generation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    fn session() -> StoredSession {
        StoredSession {
            access_token: "at".into(),
            id_token: "it".into(),
            refresh_token: Some(RefreshToken("rt".into())),
            expires_at: Some(100),
            scope: None,
            nonce: Some("n".into()),
            session_id: "sid".into(),
            generation: 0,
        }
    }

    #[test]
    fn session_record_round_trips_and_corrupt_records_vanish() {
        let s = MemoryStorage::new();
        assert_eq!(load_session(&s, "c").unwrap(), None);
        save_session(&s, "c", &session()).unwrap();
        assert_eq!(load_session(&s, "c").unwrap(), Some(session()));
        assert_eq!(load_session(&s, "other").unwrap(), None, "per client id");
        let text = s.get("cogfed.session.c").unwrap().unwrap();
        assert_eq!(
            text,
            serde_json::to_string(&session()).unwrap(),
            "same text as the serde derive"
        );
        let mut other = session();
        other.refresh_token = None;
        other.expires_at = None;
        other.scope = Some("openid \"x\"".into());
        assert_eq!(StoredSession::from_json(&other.to_json()), Ok(other.clone()));
        assert_eq!(
            serde_json::from_str::<StoredSession>(&other.to_json()).unwrap(),
            other
        );
        assert_eq!(
            StoredSession::from_json(&text.replace("\"generation\":0", "\"generation\":-1")),
            Err("generation is not a non-negative integer".into())
        );
        s.set("cogfed.session.c", "{").unwrap();
        assert_eq!(load_session(&s, "c").unwrap(), None);
        assert_eq!(s.get("cogfed.session.c").unwrap(), None);
    }

    #[test]
    fn ledger_holds_no_token_and_blocks_a_rotated_out_token() {
        let s = MemoryStorage::new();
        assert_eq!(ledger_generation(&s, "sid").unwrap(), 0);
        record_rotation(&s, "sid", 1, 1000).unwrap();
        assert_eq!(ledger_generation(&s, "sid").unwrap(), 1);
        let stored = s.get("cogfed.ledger.sid").unwrap().unwrap();
        assert_eq!(stored, "1 1000", "a generation and a time, nothing else");
        s.set("cogfed.ledger.sid", "1x 1000").unwrap();
        assert_eq!(
            ledger_generation(&s, "sid").unwrap(),
            0,
            "unreadable entries count as none"
        );
        record_rotation(&s, "sid", 1, 1000).unwrap();
        assert!(may_redeem(1, 1));
        assert!(!may_redeem(0, 1), "another tab rotated generation 0 out");
    }

    #[test]
    fn stale_ledger_entries_are_pruned() {
        let s = MemoryStorage::new();
        record_rotation(&s, "old", 3, 0).unwrap();
        s.set("cogfed.ledger.junk", "x").unwrap();
        record_rotation(&s, "new", 1, LEDGER_MAX_AGE_SECS + 1).unwrap();
        assert_eq!(s.keys().unwrap(), vec!["cogfed.ledger.new".to_owned()]);
    }
}
