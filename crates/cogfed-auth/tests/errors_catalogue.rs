//! The error catalogue: every entry documented and sourced, and Cognito's runtime error shapes recognised.
//! That each entry's rule id is a linter rule is the contract test `crates/cogfed-cli/tests/rule_ids.rs`,
//! the one crate that sees both registries (no copy of the linter's ids here).

use cogfed_auth::errors::{catalogue, explain};

#[test]
fn every_catalogue_entry_is_documented_and_sourced() {
    for entry in catalogue() {
        assert!(
            !entry.summary.is_empty() && !entry.detail.is_empty() && !entry.fix.is_empty(),
            "{}",
            entry.id
        );
        assert!(
            entry.source.contains("cognito-facts"),
            "{} cites its source",
            entry.id
        );
    }
}

#[test]
fn cognito_runtime_shapes_are_recognised() {
    // The exact runtime shapes of cognito-facts §1.1 and §8.
    let cases = [
        ("redirect_mismatch", None, Some("spa-redirect-uri-not-registered")),
        (
            "invalid_request",
            Some("invalid_scope"),
            Some("scope-not-allowed"),
        ),
        ("unauthorized_client", None, Some("code-flow-not-allowed")),
        ("invalid_client", None, Some("browser-client-has-secret")),
        ("invalid_grant", None, Some("read-attributes-missing-verified")),
        (
            "invalid_request",
            Some("Bad id_token issuer https://idp.example.com/stage/"),
            Some("idp-issuer-mismatch"),
        ),
        (
            "invalid_request",
            Some("invalid token_type in idp oauth response"),
            Some("idp-userinfo-not-plain-json"),
        ),
        (
            "invalid_request",
            Some("Attribute cannot be updated."),
            Some("mapping-target-immutable"),
        ),
        (
            "invalid_request",
            Some("username attribute mapping required"),
            Some("mapping-missing-required"),
        ),
        (
            "invalid_request",
            Some("[Okta] Error - 401 error getting token"),
            Some("idp-token-auth-method"),
        ),
        (
            "invalid_request",
            Some("Timeout occurred in calling IdP token endpoint"),
            Some("idp-endpoint-not-https"),
        ),
        (
            "invalid_request",
            Some("Timeout in calling jwks uri"),
            Some("idp-endpoint-not-https"),
        ),
        (
            "invalid_request",
            Some("Read timed out"),
            Some("idp-endpoint-not-https"),
        ),
        (
            "invalid_request",
            Some("Connection reset"),
            Some("idp-endpoint-not-https"),
        ),
        ("login_required", None, None),
    ];
    for (error, description, rule) in cases {
        let explanation =
            explain(error, description).unwrap_or_else(|| panic!("{error} {description:?} is explained"));
        assert_eq!(explanation.rule_id, rule, "{error} {description:?}");
    }
}
