//! Local Cognito in-process on free ports, and the SPA served with settings that point at it: the demo of the
//! README (`examples/local-demo.toml`), with whatever a test changes in either (a TOML patch for Local
//! Cognito), plus Local Cognito's request log.

use crate::{SpaServer, dist_dir};
use cogfed_local::{
    DEMO_CLIENT_ID, DEMO_POOL_ID, LocalConfig, LocalEvent, Ports, RequestRecord, RunningLocal, Side,
};
use serde_json::{Map, Value, json};
use std::sync::Mutex;
use tokio::sync::broadcast;

/// A running Local Cognito and the SPA configured for it. Both stop when dropped ([`LocalSpa::shutdown`]
/// waits for Local Cognito's requests in flight).
pub struct LocalSpa {
    /// Local Cognito (Cognito side and upstream personas).
    pub local: RunningLocal,
    /// The SPA's static server, its page carrying the test's settings.
    pub spa: SpaServer,
    /// The settings the SPA was given.
    pub settings: Value,
    events: Mutex<broadcast::Receiver<LocalEvent>>,
    seen: Mutex<Vec<RequestRecord>>,
}

/// The SPA settings of the demo for a SPA at `origin` and a pool with `issuer`: the settings in `index.html`
/// with the test's ports (the hosted UI on the issuer's origin, so no discovery request).
pub fn demo_settings(origin: &str, issuer: &str) -> Map<String, Value> {
    let domain = issuer.rsplit_once('/').map_or(issuer, |(base, _)| base);
    let settings = json!({
        "issuer": issuer,
        "domain": domain,
        "client_id": DEMO_CLIENT_ID,
        "redirect_uri": format!("{origin}/callback"),
        "logout_uri": format!("{origin}/"),
        "scopes": ["openid", "email", "profile"],
        "identity_providers": ["Upstream"],
        "dialect": "cognito",
        "token_storage": "memory",
    });
    match settings {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    }
}

impl LocalSpa {
    /// The demo as it is.
    pub async fn start() -> LocalSpa {
        LocalSpa::start_with(|_| {}, "").await
    }

    /// The demo, with `settings` changing the SPA's settings (in its page) (see [`demo_settings`]) and `patch` (TOML,
    /// merged into `examples/local-demo.toml` by `LocalConfig::patched`) changing Local Cognito's
    /// configuration, e.g. `upstream_idps = [{ token_type = "" }]`. Its URLs follow the bound ports and the
    /// SPA's origin.
    pub async fn start_with(settings: impl FnOnce(&mut Map<String, Value>), patch: &str) -> LocalSpa {
        let bound = cogfed_local::bind(Ports::ephemeral())
            .await
            .expect("binding Local Cognito on 127.0.0.1:0");
        let cognito_base = bound.cognito_base();
        let issuer = format!("{cognito_base}/{DEMO_POOL_ID}");
        let mut origin = String::new();
        let mut served = Value::Null;
        let spa = SpaServer::start_with_settings(&dist_dir(), |o| {
            origin = o.to_string();
            let mut map = demo_settings(o, &issuer);
            settings(&mut map);
            served = Value::Object(map);
            Some(served.to_string())
        })
        .await;
        let local_config = LocalConfig::demo()
            .patched(patch)
            .unwrap_or_else(|e| panic!("Local Cognito's configuration: {e}"))
            .with_spa_origin(&origin);
        let local = bound
            .serve(local_config)
            .unwrap_or_else(|e| panic!("serving Local Cognito:\n{e}"));
        let events = Mutex::new(local.events());
        LocalSpa {
            local,
            spa,
            settings: served,
            events,
            seen: Mutex::new(vec![]),
        }
    }

    /// `http://127.0.0.1:{spa port}{path}`.
    pub fn url(&self, path: &str) -> String {
        self.spa.url(path)
    }

    /// Every request Local Cognito handled so far (paths only: its log never holds a query or a token).
    pub fn requests(&self) -> Vec<RequestRecord> {
        let mut events = self.events.lock().unwrap_or_else(|p| p.into_inner());
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match events.try_recv() {
                Ok(LocalEvent::Request(record)) => seen.push(record),
                Ok(LocalEvent::Warning { .. }) => {}
                Err(broadcast::error::TryRecvError::Lagged(n)) => {
                    panic!("Local Cognito's log lost {n} records")
                }
                Err(_) => break,
            }
        }
        seen.clone()
    }

    /// How many requests `method path` on `side` Local Cognito handled so far.
    pub fn count(&self, side: Side, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.side == side && r.method == method && r.path == path)
            .count()
    }

    /// The request log as lines, for failure messages.
    pub fn log(&self) -> String {
        self.requests().iter().map(|r| format!("{r}\n")).collect()
    }

    /// Stops both servers.
    pub async fn shutdown(self) {
        self.local.shutdown().await;
    }
}
