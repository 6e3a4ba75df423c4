//! Web Storage behind a narrow trait, so the stores built on it (transactions, the opt-in session record, the
//! rotation ledger, the fallback lease) are plain logic that runs natively in unit tests and on the real
//! `sessionStorage`/`localStorage` in the browser.
//!
//! Every call can fail in a browser (storage disabled, quota, sandboxed iframe: `SecurityError`), so every
//! method returns a [`StorageError`] instead of panicking.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// Prefix of every key this crate writes, so sign-out can clear exactly its own entries.
pub const KEY_PREFIX: &str = "cogfed.";

/// A Web Storage call failed; the text is the browser's reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{area} failed: {reason}")]
pub struct StorageError {
    /// `sessionStorage`, `localStorage` or `memory`.
    pub area: &'static str,
    /// What went wrong.
    pub reason: String,
}

/// String key/value storage with the Web Storage semantics.
pub trait KeyValueStorage {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`, replacing any previous value.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (no error if absent).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key currently stored.
    fn keys(&self) -> Result<Vec<String>, StorageError>;

    /// Removes every key that starts with `prefix`; returns how many were removed.
    fn remove_prefixed(&self, prefix: &str) -> Result<usize, StorageError> {
        let doomed: Vec<String> = self
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(prefix))
            .collect();
        for key in &doomed {
            self.remove(key)?;
        }
        Ok(doomed.len())
    }
}

/// Which Web Storage area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageArea {
    /// `window.sessionStorage`: per tab, survives reloads and the sign-in redirect.
    Session,
    /// `window.localStorage`: shared by every tab of the origin. This crate never writes a token here.
    Local,
}

impl StorageArea {
    fn name(self) -> &'static str {
        match self {
            StorageArea::Session => "sessionStorage",
            StorageArea::Local => "localStorage",
        }
    }
}

/// A browser `Storage` object.
#[derive(Debug, Clone)]
pub struct WebStorage {
    storage: web_sys::Storage,
    area: StorageArea,
}

impl WebStorage {
    /// Opens `sessionStorage` or `localStorage` of the current window.
    pub fn open(area: StorageArea) -> Result<WebStorage, StorageError> {
        let fail = |reason: String| StorageError {
            area: area.name(),
            reason,
        };
        let window =
            web_sys::window().ok_or_else(|| fail("no window (not running in a browser page)".into()))?;
        let storage = match area {
            StorageArea::Session => window.session_storage(),
            StorageArea::Local => window.local_storage(),
        }
        .map_err(|e| fail(crate::js::describe(&e)))?
        .ok_or_else(|| fail("storage is not available".into()))?;
        Ok(WebStorage { storage, area })
    }

    /// Opens `window.sessionStorage`.
    pub fn session() -> Result<WebStorage, StorageError> {
        WebStorage::open(StorageArea::Session)
    }

    /// Opens `window.localStorage` (used only for token-free coordination data: the fallback lease and the
    /// refresh-token rotation ledger).
    pub fn local() -> Result<WebStorage, StorageError> {
        WebStorage::open(StorageArea::Local)
    }

    fn fail(&self, e: wasm_bindgen::JsValue) -> StorageError {
        StorageError {
            area: self.area.name(),
            reason: crate::js::describe(&e),
        }
    }
}

impl KeyValueStorage for WebStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(|e| self.fail(e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(|e| self.fail(e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(|e| self.fail(e))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let len = self.storage.length().map_err(|e| self.fail(e))?;
        let mut keys = Vec::with_capacity(len as usize);
        for index in 0..len {
            if let Some(key) = self.storage.key(index).map_err(|e| self.fail(e))? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// An in-memory [`KeyValueStorage`] for native tests.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    entries: RefCell<BTreeMap<String, String>>,
}

impl MemoryStorage {
    /// An empty storage.
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }
}

impl KeyValueStorage for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}

impl<S: KeyValueStorage + ?Sized> KeyValueStorage for &S {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_prefixed_removes_only_matching_keys() {
        let s = MemoryStorage::new();
        s.set("cogfed.a", "1").unwrap();
        s.set("cogfed.b", "2").unwrap();
        s.set("other", "3").unwrap();
        assert_eq!(s.remove_prefixed(KEY_PREFIX).unwrap(), 2);
        assert_eq!(s.keys().unwrap(), vec!["other".to_owned()]);
    }
}
