//! What many apps do with JSON anyway (the cogfed demo does): settings read and written with serde derives,
//! a JSON value parsed and shown. `minimal_json` and `minimal_json_baseline` add this to both apps, so
//! `measure.sh` can also report what cogfed-leptos adds to an app that already links serde_json.

use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    issuer: String,
    client_id: String,
    scopes: Vec<String>,
    remember: bool,
    timeout_ms: Option<u64>,
}

/// Reads settings and a JSON document from the address bar's fragment (unknown at build time, so nothing is
/// folded away) and writes them back.
pub fn exercise() -> String {
    let text = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let settings: Settings = serde_json::from_str(&text).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    format!(
        "{}{}",
        serde_json::to_string(&settings).unwrap_or_default(),
        value
    )
}
