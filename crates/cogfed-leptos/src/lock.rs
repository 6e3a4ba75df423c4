//! The cross-tab lock around a refresh-token redemption (peers.md §3 item 4: two tabs redeeming one refresh
//! token; with rotation the loser gets `invalid_grant` and, with reuse detection, may end the session of
//! both).
//!
//! - **Web Locks API** (`navigator.locks.request(name, callback)`) when the browser has it: the lock is held
//!   until the promise returned by the callback settles, and the browser releases it if the tab closes or
//!   crashes, so a dead tab can never hold it.
//! - **Fallback: a lease in `localStorage`** holding no token, only a random owner id and an
//!   expiry time: write, wait a moment, read back; whoever's id is still there owns it. The id is fresh per
//!   acquisition, so two acquisitions in one page exclude each other as well. `localStorage` has
//!   no compare-and-swap, so this is the classic "write then verify" lease (as browser-tabs-lock does); the
//!   expiry bounds how long a crashed tab can block the others. BroadcastChannel election was not chosen: it
//!   needs every tab awake to answer, and background tabs are throttled or frozen.
//!
//! What the lock protects depends on the token storage policy (see `StoragePolicy`):
//! - `Memory`: every tab signs in on its own and holds its own refresh token, so no two tabs ever share
//!   one; the runtime does not take the cross-tab lock at all, only the in-tab mutex that stops a timer, a
//!   401 retry and a button from refreshing at once.
//! - `SessionStorage`: "duplicate tab" copies `sessionStorage`, so two tabs hold the same refresh token. The
//!   lock (named after the session, not the token) makes their redemptions sequential, and the rotation
//!   ledger read under it stops the second tab from redeeming a token the first has rotated out.

use crate::js::describe;
use crate::storage::{KeyValueStorage, StorageError, WebStorage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export async function cogfed_web_lock(name, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return new Promise((granted, failed) => {
    navigator.locks
      .request(name, { signal: controller.signal }, () => {
        clearTimeout(timer);
        return new Promise((release) => granted(release));
      })
      .catch((error) => {
        clearTimeout(timer);
        failed(controller.signal.aborted ? "timeout" : error);
      });
  });
}

export function cogfed_sleep(ms) {
  return new Promise((resolve) => {
    try { setTimeout(resolve, ms); } catch (_) { resolve(); }
  });
}
"#)]
extern "C" {
    /// Requests the Web Lock `name` (`navigator.locks.request` with an abort signal; a timer aborts the wait).
    /// Resolves with the function that releases it once granted (the lock is held until then); rejects with
    /// `"timeout"` when it was not free within `timeout_ms`, or with the browser's error.
    fn cogfed_web_lock(name: &str, timeout_ms: u32) -> js_sys::Promise;

    /// A promise resolved after `ms` milliseconds.
    fn cogfed_sleep(ms: u32) -> js_sys::Promise;
}

/// Resolves after `ms` milliseconds (a `setTimeout` promise; at once when there is no timer).
async fn sleep_ms(ms: u32) {
    let _ = JsFuture::from(cogfed_sleep(ms)).await;
}

/// How long a fallback lease lasts: longer than a request can take (the HTTP timeout is 30 s), so it never
/// lapses while its owner is still redeeming.
pub const LEASE_MS: u64 = 45_000;
/// How long a writer waits before reading its lease back.
pub const SETTLE_MS: u32 = 40;
/// Polling interval while another tab holds the lease.
pub const POLL_MS: u32 = 100;
/// Default time to wait for the lock.
pub const DEFAULT_ACQUIRE_TIMEOUT_MS: u32 = 60_000;
/// Prefix of lease keys in `localStorage`.
pub const LEASE_KEY_PREFIX: &str = "cogfed.lease.";

/// Which mechanism provides the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockBackend {
    /// `navigator.locks`.
    WebLocks,
    /// A lease in `localStorage`.
    LocalStorageLease,
}

impl LockBackend {
    /// Web Locks when `navigator.locks` exists, else the lease.
    pub fn detect() -> LockBackend {
        let has_locks = web_sys::window()
            .map(|w| w.navigator())
            .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("locks")).ok())
            .is_some_and(|locks| locks.is_object());
        if has_locks {
            LockBackend::WebLocks
        } else {
            LockBackend::LocalStorageLease
        }
    }
}

/// The lock could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    /// Another tab held it for longer than the timeout.
    #[error("the cross-tab lock {} was not free within {timeout_ms} ms", cogfed_auth::text::quoted(.name))]
    Timeout {
        /// The lock name.
        name: String,
        /// How long we waited.
        timeout_ms: u32,
    },
    /// The lease storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The Web Locks call failed.
    #[error("navigator.locks.request failed: {0}")]
    WebLocks(String),
}

/// A fallback lease as stored (no token: an owner id and an expiry), as the text `{owner} {expires_at_ms}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// Random id of the acquisition that holds it.
    pub owner: String,
    /// `Date.now()` milliseconds after which it is free.
    pub expires_at_ms: u64,
}

impl Lease {
    /// Whether `me` may take the lease now: it is absent, expired, unreadable or already mine.
    pub fn can_take(current: Option<&Lease>, me: &str, now_ms: u64) -> bool {
        match current {
            None => true,
            Some(lease) => lease.owner == me || now_ms >= lease.expires_at_ms,
        }
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        format!("{} {}", self.owner, self.expires_at_ms)
    }

    /// Parses the stored text; anything else is no lease.
    pub fn decode(text: &str) -> Option<Lease> {
        let (owner, expires) = text.split_once(' ')?;
        let valid_owner = !owner.is_empty() && owner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let digits = !expires.is_empty() && expires.bytes().all(|b| b.is_ascii_digit());
        let expires_at_ms = expires.parse().ok().filter(|_| digits)?;
        valid_owner.then(|| Lease {
            owner: owner.to_owned(),
            expires_at_ms,
        })
    }

    /// Reads the lease under `key`; an unreadable entry counts as no lease.
    pub fn read(storage: &impl KeyValueStorage, key: &str) -> Result<Option<Lease>, StorageError> {
        Ok(storage.get(key)?.as_deref().and_then(Lease::decode))
    }
}

/// Holds the lock until dropped.
#[derive(Debug)]
pub struct LockGuard {
    release: Release,
}

#[derive(Debug)]
enum Release {
    /// Resolving this ends the Web Locks callback's promise, which releases the lock.
    WebLock(js_sys::Function),
    /// Remove the lease if it is still ours.
    Lease {
        storage: WebStorage,
        key: String,
        owner: String,
    },
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        match &self.release {
            Release::WebLock(resolve) => {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            Release::Lease { storage, key, owner } => {
                if let Ok(Some(lease)) = Lease::read(storage, key)
                    && lease.owner == *owner
                {
                    let _ = storage.remove(key);
                }
            }
        }
    }
}

/// A lease owner id for one acquisition: this page's random id plus a counter, so acquisitions within one
/// page exclude each other too (as Web Locks do).
fn acquisition_owner_id() -> String {
    thread_local! {
        static COUNTER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    let n = COUNTER.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    format!("{}-{n}", page_owner_id())
}

/// `Date.now()` as integer milliseconds (integers only: formatting an `f64` would pull ~10 KB of float
/// printing into the wasm).
fn now_ms() -> u64 {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 { ms as u64 } else { 0 }
}

/// This page's random id.
fn page_owner_id() -> String {
    thread_local! {
        static OWNER: String = {
            let mut bytes = [0u8; 16];
            match cogfed_auth::Randomness::fill(&cogfed_auth::OsRandomness, &mut bytes) {
                Ok(()) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
                // Without a CSPRNG, the clock still tells pages apart well enough for a lease owner id.
                Err(_) => format!("t{}", now_ms()),
            }
        };
    }
    OWNER.with(Clone::clone)
}

/// Takes the cross-tab lock `name` with `backend`, waiting at most `timeout_ms`.
pub async fn acquire(name: &str, backend: LockBackend, timeout_ms: u32) -> Result<LockGuard, LockError> {
    match backend {
        LockBackend::WebLocks => acquire_web_lock(name, timeout_ms).await,
        LockBackend::LocalStorageLease => acquire_lease(name, timeout_ms).await,
    }
}

async fn acquire_web_lock(name: &str, timeout_ms: u32) -> Result<LockGuard, LockError> {
    let fail = |e: JsValue| LockError::WebLocks(describe(&e));
    // Granted: the callback's promise stays pending, so the lock is held, until the guard calls `release`.
    let release = match JsFuture::from(cogfed_web_lock(name, timeout_ms)).await {
        Ok(release) => release,
        Err(e) if e.as_string().as_deref() == Some("timeout") => {
            return Err(LockError::Timeout {
                name: name.to_owned(),
                timeout_ms,
            });
        }
        Err(e) => return Err(fail(e)),
    };
    let release = release
        .dyn_into::<js_sys::Function>()
        .map_err(|_| LockError::WebLocks("the lock was granted without a release function".into()))?;
    Ok(LockGuard {
        release: Release::WebLock(release),
    })
}

async fn acquire_lease(name: &str, timeout_ms: u32) -> Result<LockGuard, LockError> {
    let storage = WebStorage::local()?;
    let key = format!("{LEASE_KEY_PREFIX}{name}");
    let me = acquisition_owner_id();
    let started = now_ms();
    // Bounded: every iteration sleeps, and the loop ends at the deadline.
    loop {
        let now = now_ms();
        if now.saturating_sub(started) > u64::from(timeout_ms) {
            return Err(LockError::Timeout {
                name: name.to_owned(),
                timeout_ms,
            });
        }
        let current = Lease::read(&storage, &key)?;
        if Lease::can_take(current.as_ref(), &me, now) {
            let lease = Lease {
                owner: me.clone(),
                expires_at_ms: now.saturating_add(LEASE_MS),
            };
            storage.set(&key, &lease.encode())?;
            sleep_ms(SETTLE_MS).await;
            if Lease::read(&storage, &key)?.is_some_and(|l| l.owner == me) {
                return Ok(LockGuard {
                    release: Release::Lease {
                        storage,
                        key,
                        owner: me,
                    },
                });
            }
        }
        sleep_ms(POLL_MS).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    #[test]
    fn lease_rules() {
        let lease = Lease {
            owner: "a".into(),
            expires_at_ms: 1000,
        };
        assert!(Lease::can_take(None, "b", 0));
        assert!(
            !Lease::can_take(Some(&lease), "b", 999),
            "held by another acquisition"
        );
        assert!(Lease::can_take(Some(&lease), "b", 1000), "expired");
        assert!(Lease::can_take(Some(&lease), "a", 10), "mine");
    }

    #[test]
    fn unreadable_lease_counts_as_none() {
        let s = MemoryStorage::new();
        for junk in [
            "garbage",
            "owner",
            "owner 5.5",
            "owner -5",
            " 5",
            "own er 5",
            "owner 99999999999999999999999",
        ] {
            s.set("k", junk).unwrap();
            assert_eq!(Lease::read(&s, "k").unwrap(), None, "{junk:?}");
        }
        let lease = Lease {
            owner: "ab12-3".into(),
            expires_at_ms: 5,
        };
        assert_eq!(lease.encode(), "ab12-3 5");
        s.set("k", &lease.encode()).unwrap();
        assert_eq!(Lease::read(&s, "k").unwrap(), Some(lease));
    }
}
