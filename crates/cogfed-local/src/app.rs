//! The state both servers share: the served integration, keys, clock, store, HTTP client and the event channel.

use crate::clock::Clock;
use crate::crypto::{CryptoError, KidStyle, PasswordHash, SigningKey, random_uuid};
use crate::served::Served;
use crate::state::{Store, UserRecord};
use crate::{LocalEvent, Side};
use cogfed_lint::de::{known, known_str, known_strs};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::broadcast;

/// What an upstream persona signs and checks with; `App::personas[i]` belongs to `served.personas[i]`.
pub struct PersonaKeys {
    /// Its own signing key.
    pub key: SigningKey,
    /// Password hashes, in the order of its users.
    pub passwords: Vec<PasswordHash>,
}

/// Shared state of a running Local Cognito.
pub struct App {
    /// What is served.
    pub served: Served,
    /// Base URL of the Cognito side (the "user pool domain").
    pub cognito_base: String,
    /// The pool issuer: `{issuer_base}/{pool_id}`.
    pub issuer: String,
    /// Signs ID tokens.
    pub id_key: SigningKey,
    /// Signs access tokens (a different kid, cognito-facts §1.7).
    pub access_key: SigningKey,
    /// Keys and password hashes of the upstream personas.
    pub personas: Vec<PersonaKeys>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Mutable state.
    store: Mutex<Store>,
    /// Cognito's HTTP client toward IdPs.
    pub http: reqwest::Client,
    /// Request log and warnings.
    pub events: broadcast::Sender<LocalEvent>,
    /// Compared against when a username is unknown, so that both cases cost one PBKDF2 verification.
    pub dummy_hash: PasswordHash,
}

/// The addresses an [`App`] serves under.
pub struct AppUrls {
    /// Cognito side base URL.
    pub cognito_base: String,
    /// Issuer base URL.
    pub issuer_base: String,
}

/// A user attribute as Cognito stores it: a string (`email_verified = true` becomes `"true"`).
fn attribute_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl App {
    /// Generates keys, hashes every password and seeds the user directory.
    pub fn new(
        served: Served,
        urls: &AppUrls,
        clock: Arc<dyn Clock>,
        events: broadcast::Sender<LocalEvent>,
    ) -> Result<Self, CryptoError> {
        let mut store = Store::default();
        for u in &served.users {
            let (Some(username), Some(password)) = (known_str(&u.username), known_str(&u.password)) else {
                continue; // the index keeps only users with both
            };
            let mut attributes: BTreeMap<String, String> = known(&u.attributes)
                .into_iter()
                .flat_map(|m| m.iter())
                .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), attribute_string(v.get()?))))
                .collect();
            let sub = match attributes.remove("sub") {
                Some(s) if !s.is_empty() => s,
                _ => random_uuid()?,
            };
            store.users.insert(
                username.to_lowercase(),
                UserRecord {
                    username: username.to_owned(),
                    sub,
                    password: Some(PasswordHash::new(password)?),
                    attributes,
                    groups: known_strs(&u.groups).map(str::to_owned).collect(),
                    identity: None,
                },
            );
        }
        let mut personas = Vec::with_capacity(served.personas.len());
        for p in &served.personas {
            let passwords = crate::persona::users(p)
                .map(|u| PasswordHash::new(known_str(&u.password).unwrap_or_default()))
                .collect::<Result<_, _>>()?;
            personas.push(PersonaKeys {
                key: SigningKey::generate(KidStyle::Thumbprint)?,
                passwords,
            });
        }
        let issuer = format!("{}/{}", urls.issuer_base.trim_end_matches('/'), served.pool.id);
        Ok(App {
            cognito_base: urls.cognito_base.trim_end_matches('/').to_owned(),
            issuer,
            id_key: SigningKey::generate(KidStyle::CognitoBase64)?,
            access_key: SigningKey::generate(KidStyle::CognitoBase64)?,
            personas,
            clock,
            store: Mutex::new(store),
            http: crate::federation::http_client(),
            events,
            dummy_hash: PasswordHash::new("not a password anyone has")?,
            served,
        })
    }

    /// The store, locked. Never held across an `.await`. A poisoned lock is recovered: the store holds no
    /// invariant a panicking writer could break halfway.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Unix seconds now.
    pub fn now(&self) -> u64 {
        self.clock.unix()
    }

    /// Reports a warning on the event channel.
    pub fn warn(&self, side: Side, message: String) {
        let _ = self.events.send(LocalEvent::Warning { side, message });
    }
}
