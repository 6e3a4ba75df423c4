//! The error catalogue's rule ids must be linter rule ids (shared, stable ids; /work/notes/rule-ids.md).

use cogfed_auth::errors::{catalogue, explain};
use std::collections::BTreeSet;

/// The linter's rule ids (copy of rule-ids.md; the test below re-reads the file when it is available).
const LINTER_RULE_IDS: &[&str] = &[
    "api-pattern",
    "api-length",
    "api-enum",
    "api-count",
    "api-range",
    "uri-not-absolute",
    "uri-insecure-scheme",
    "uri-has-fragment",
    "uri-wildcard",
    "default-redirect-not-in-callbacks",
    "callback-urls-empty",
    "spa-redirect-uri-not-registered",
    "spa-logout-uri-not-registered",
    "idp-redirect-uri-mismatch",
    "rp-callback-not-registered",
    "placeholder-callback",
    "implicit-flow-on-browser-client",
    "client-credentials-mixed",
    "client-credentials-without-secret",
    "oauth-flows-disabled",
    "code-flow-not-allowed",
    "browser-client-has-secret",
    "public-client-without-pkce",
    "rp-client-auth-mismatch",
    "generate-secret-with-client-secret",
    "propagate-context-without-secret",
    "scope-syntax",
    "scope-requires-openid",
    "custom-scope-undefined",
    "scope-not-allowed",
    "read-attributes-missing-verified",
    "issuer-format",
    "issuer-is-hosted-ui-domain",
    "issuer-trailing-slash",
    "issuer-not-https",
    "issuer-query-or-fragment",
    "pool-id-format",
    "updated-issuer-incompatible",
    "idp-details-missing-key",
    "idp-details-unknown-key",
    "idp-attributes-request-method",
    "idp-scopes-missing-openid",
    "idp-scopes-not-space-separated",
    "idp-endpoint-not-https",
    "idp-manual-endpoints-incomplete",
    "idp-token-auth-method",
    "idp-issuer-mismatch",
    "idp-userinfo-not-plain-json",
    "idp-client-id-mismatch",
    "idp-upstream-client-public",
    "idp-upstream-grant-missing",
    "idp-upstream-pkce-required",
    "mapping-direction",
    "mapping-missing-required",
    "mapping-email-from-sub",
    "mapping-email-without-verified",
    "mapping-target-immutable",
    "mapping-target-unknown",
    "mapping-custom-prefix",
    "mapping-not-writable",
    "mapping-claim-not-provided",
    "domain-prefix-pattern",
    "domain-reserved-word",
    "domain-fqdn-needs-custom-config",
    "domain-tls-policy",
    "domain-certificate-region",
    "provider-name-pattern",
    "provider-name-reserved",
    "supported-idp-unknown",
    "spa-idp-not-supported",
    "idp-identifier-duplicate",
    "auth-flows-legacy-mixed",
    "password-flow-on-browser-client",
    "token-validity-range",
    "public-client-no-rotation",
    "revocation-disabled",
    "refresh-auth-with-rotation",
    "spa-client-unknown",
    "spa-domain-unknown",
    "prevent-user-existence-errors",
];

#[test]
fn every_catalogue_rule_id_is_a_linter_rule_id() {
    let known: BTreeSet<&str> = LINTER_RULE_IDS.iter().copied().collect();
    for entry in catalogue() {
        if let Some(rule) = entry.rule_id {
            assert!(
                known.contains(rule),
                "catalogue entry {} names unknown rule {rule}",
                entry.id
            );
        }
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
fn embedded_rule_ids_match_the_notes_file_when_present() {
    let Ok(text) = std::fs::read_to_string("/work/notes/rule-ids.md") else {
        return;
    };
    let from_file: BTreeSet<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && w.contains('-')
        })
        .map(str::to_owned)
        .collect();
    let embedded: BTreeSet<String> = LINTER_RULE_IDS.iter().map(|s| s.to_string()).collect();
    assert_eq!(embedded, from_file);
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
