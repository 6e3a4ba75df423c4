//! The state both servers share: configuration, keys, clock, store, HTTP client and the event channel.

use crate::clock::Clock;
use crate::config::{LocalConfig, UpstreamPersonaConfig};
use crate::crypto::{CryptoError, KidStyle, PasswordHash, SigningKey, random_uuid};
use crate::state::{Store, UserRecord};
use crate::{LocalEvent, Side};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::broadcast;

/// An upstream persona ready to serve.
pub struct Persona {
    /// Its configuration.
    pub config: UpstreamPersonaConfig,
    /// Its own signing key.
    pub key: SigningKey,
    /// Path prefix on the upstream port (`""` or `/idura`), without trailing slash.
    pub path_prefix: String,
    /// The issuer without its trailing slash: the base of its endpoint URLs.
    pub base: String,
    /// Password hashes, in `config.users` order.
    pub passwords: Vec<PasswordHash>,
}

/// Shared state of a running Local Cognito.
pub struct App {
    /// What is served.
    pub config: LocalConfig,
    /// Base URL of the Cognito side (the "user pool domain").
    pub cognito_base: String,
    /// The pool issuer: `{issuer_base}/{pool_id}`.
    pub issuer: String,
    /// Signs ID tokens.
    pub id_key: SigningKey,
    /// Signs access tokens (a different kid, cognito-facts §1.7).
    pub access_key: SigningKey,
    /// Upstream personas.
    pub personas: Vec<Persona>,
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
    /// Upstream side base URL.
    pub upstream_base: String,
    /// Issuer base URL.
    pub issuer_base: String,
}

impl App {
    /// Generates keys, hashes every password and seeds the user directory.
    pub fn new(
        config: LocalConfig,
        urls: &AppUrls,
        clock: Arc<dyn Clock>,
        events: broadcast::Sender<LocalEvent>,
    ) -> Result<Self, CryptoError> {
        let mut store = Store::default();
        for u in &config.users {
            let mut attributes: BTreeMap<String, String> = u.attributes.clone();
            let sub = match attributes.remove("sub") {
                Some(s) if !s.is_empty() => s,
                _ => random_uuid()?,
            };
            store.users.insert(
                u.username.to_lowercase(),
                UserRecord {
                    username: u.username.clone(),
                    sub,
                    password: Some(PasswordHash::new(u.password.expose())?),
                    attributes,
                    groups: u.groups.clone(),
                    identity: None,
                },
            );
        }
        let upstream_base = urls.upstream_base.trim_end_matches('/');
        let mut personas = Vec::with_capacity(config.upstream_personas.len());
        for p in &config.upstream_personas {
            let path_prefix = p
                .issuer
                .strip_prefix(upstream_base)
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_owned();
            let passwords = p
                .users
                .iter()
                .map(|u| PasswordHash::new(u.password.expose()))
                .collect::<Result<_, _>>()?;
            personas.push(Persona {
                config: p.clone(),
                key: SigningKey::generate(KidStyle::Thumbprint)?,
                path_prefix,
                base: p.issuer.trim_end_matches('/').to_owned(),
                passwords,
            });
        }
        let issuer = format!(
            "{}/{}",
            urls.issuer_base.trim_end_matches('/'),
            config.user_pool.id
        );
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
            config,
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
