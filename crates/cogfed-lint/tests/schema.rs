//! The committed `manifest.schema.json` is exactly what the model types generate.
//! Regenerate with `COGFED_UPDATE_SCHEMA=1 cargo test -p cogfed-lint --test schema`.

use std::path::Path;

#[test]
fn committed_schema_matches_the_model() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("manifest.schema.json");
    let generated = cogfed_lint::manifest_schema();
    if std::env::var_os("COGFED_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write manifest.schema.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "manifest.schema.json is stale: run COGFED_UPDATE_SCHEMA=1 cargo test -p cogfed-lint --test schema"
    );
}

#[test]
fn schema_accepts_a_manifest_and_rejects_typos() {
    let schema: serde_json::Value = serde_json::from_str(&cogfed_lint::manifest_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("valid JSON Schema");
    let good = serde_json::json!({
        "version": 1,
        "user_pool": {"id": "us-east-1_X", "issuer_configuration": {"type": "ORIGINAL"}},
        "clients": [{"client_name": "web", "callback_urls": ["https://app/cb"], "allowed_oauth_flows_user_pool_client": true}],
        "upstream_idps": [{"provider_name": "Corp", "client_type": "confidential", "pkce": "optional", "userinfo_response_strategy": "plainJson"}],
        "relying_parties": [{"name": "p", "kind": "pomerium"}],
        "lint": {"severity": {"uri-wildcard": "warning"}}
    });
    let errors: Vec<String> = validator.iter_errors(&good).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let typo = serde_json::json!({"version": 1, "clients": [{"calback_urls": []}]});
    assert!(!validator.is_valid(&typo));
    let bad_enum = serde_json::json!({"version": 1, "upstream_idps": [{"pkce": "sometimes"}]});
    assert!(!validator.is_valid(&bad_enum));
}
