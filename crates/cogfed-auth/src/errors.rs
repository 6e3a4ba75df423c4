//! The error catalogue: known Cognito and federation errors (cognito-facts §8 A-D) turned into a human
//! explanation, a fix, and the id of the `cogfed lint` rule that would have caught the cause.
//!
//! Rule ids are shared with the linter (kebab-case, see `cogfed rules`) and must stay stable.
//! Matching looks at `error_description` first (Cognito reports federation failures as
//! `error=invalid_request` with the real cause in the description, §1.1), then at the `error` code.

/// A human explanation of a provider error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// Stable catalogue entry id.
    pub id: &'static str,
    /// One line: what happened.
    pub summary: &'static str,
    /// The usual causes.
    pub detail: &'static str,
    /// What to change.
    pub fix: &'static str,
    /// The linter rule that detects the cause, when one does.
    pub rule_id: Option<&'static str>,
    /// Where the knowledge comes from.
    pub source: &'static str,
}

/// How an entry recognises an error.
#[derive(Debug, Clone, Copy)]
enum Match {
    /// `error` equals this code (ASCII case-insensitive).
    Code(&'static str),
    /// `error` equals the code and the description contains the text.
    CodeAndDescription(&'static str, &'static str),
    /// The description (or, for page-level errors, the error) contains the text, whatever the code.
    Text(&'static str),
}

const ENTRIES: &[(Match, Explanation)] = &[
    (
        Match::CodeAndDescription("invalid_request", "invalid_scope"),
        Explanation {
            id: "invalid-scope",
            summary: "Cognito refused a requested scope",
            detail: "A scope is not in the app client's AllowedOAuthScopes or does not exist, or email/profile/phone was requested without openid. Cognito reports this as error=invalid_request with error_description=invalid_scope.",
            fix: "Request only scopes listed in AllowedOAuthScopes, include openid, and define custom scopes on a resource server ({identifier}/{name}).",
            rule_id: Some("scope-not-allowed"),
            source: "cognito-facts §1.1, §8.A3",
        },
    ),
    (
        Match::Code("invalid_scope"),
        Explanation {
            id: "invalid-scope",
            summary: "The provider refused a requested scope",
            detail: "A requested scope is unknown, malformed or not allowed for this client.",
            fix: "Request only scopes listed in the client's AllowedOAuthScopes, and include openid.",
            rule_id: Some("scope-not-allowed"),
            source: "cognito-facts §1.1, §8.A3",
        },
    ),
    (
        Match::Text("bad id_token issuer"),
        Explanation {
            id: "bad-id-token-issuer",
            summary: "Cognito rejected the upstream IdP's ID token issuer",
            detail: "The IdP's oidc_issuer in Cognito differs from the iss of the ID tokens the IdP issues (path, stage or trailing slash).",
            fix: "Copy issuer from the IdP's discovery document byte for byte into ProviderDetails.oidc_issuer.",
            rule_id: Some("idp-issuer-mismatch"),
            source: "cognito-facts §8.D24",
        },
    ),
    (
        Match::Text("invalid token_type in idp oauth response"),
        Explanation {
            id: "idp-token-type",
            summary: "Cognito could not use the upstream IdP's token or userinfo response",
            detail: "The upstream token response's token_type is not Bearer, or its userinfo endpoint does not answer with plain JSON.",
            fix: "Configure the IdP to return token_type Bearer and a plain-JSON userinfo response (not a signed JWT).",
            rule_id: Some("idp-userinfo-not-plain-json"),
            source: "cognito-facts §8.D, §10 (exact text unconfirmed)",
        },
    ),
    (
        Match::Text("attribute cannot be updated"),
        Explanation {
            id: "attribute-cannot-be-updated",
            summary: "A federated sign-in tried to write an immutable attribute",
            detail: "The attribute mapping targets a pool attribute that is immutable (or not writable by the client), so the second sign-in of a federated user fails.",
            fix: "Map the IdP claim to a mutable attribute, or remove the mapping; make sure the client's WriteAttributes include every mapped attribute.",
            rule_id: Some("mapping-target-immutable"),
            source: "cognito-facts §8.D31",
        },
    ),
    (
        Match::Text("username attribute mapping required"),
        Explanation {
            id: "username-mapping-required",
            summary: "The IdP's attribute mapping lacks a required or username attribute",
            detail: "A required pool attribute, or the attribute used as username, is not mapped from an IdP claim.",
            fix: "Add attribute mappings for every required attribute (for example email) and the username attribute.",
            rule_id: Some("mapping-missing-required"),
            source: "cognito-facts §8.D28",
        },
    ),
    (
        Match::Text("attribute does not exist in the schema"),
        Explanation {
            id: "mapping-target-unknown",
            summary: "An attribute mapping targets an attribute the pool does not have",
            detail: "The mapping writes to username (SAML) or to a custom attribute missing from the schema.",
            fix: "Map to preferred_username or to an attribute that exists (custom attributes need the custom: prefix).",
            rule_id: Some("mapping-target-unknown"),
            source: "cognito-facts §8.D29-30",
        },
    ),
    (
        Match::Text("error getting token"),
        Explanation {
            id: "idp-token-exchange-failed",
            summary: "The upstream IdP's token endpoint rejected Cognito's code exchange",
            detail: "Typical causes: the IdP accepts only client_secret_basic (Cognito sends client_secret_post), a wrong client secret, https://{domain}/oauth2/idpresponse missing from the IdP's redirect URIs, or the authorization_code grant disabled for the IdP client.",
            fix: "Allow client_secret_post at the IdP, check the secret, and register the idpresponse URL for every Cognito domain.",
            rule_id: Some("idp-token-auth-method"),
            source: "cognito-facts §8.D25",
        },
    ),
    (
        Match::Text("bad token response"),
        Explanation {
            id: "idp-token-exchange-failed",
            summary: "The upstream IdP's token endpoint rejected Cognito's code exchange",
            detail: "The IdP answered the code exchange with an error (often 400: auth method, redirect URI or grant not enabled).",
            fix: "Allow client_secret_post at the IdP, and register https://{domain}/oauth2/idpresponse.",
            rule_id: Some("idp-token-auth-method"),
            source: "cognito-facts §8.D25",
        },
    ),
    (
        Match::Text("timeout occurred in calling idp token endpoint"),
        Explanation {
            id: "idp-timeout",
            summary: "Cognito timed out calling the upstream IdP's token endpoint",
            detail: "The IdP endpoint is unreachable from AWS: a private network, a firewall, or a port other than 443/80.",
            fix: "Expose the IdP's endpoints publicly over https on port 443.",
            rule_id: Some("idp-endpoint-not-https"),
            source: "cognito-facts §8.D26",
        },
    ),
    (
        Match::Text("timeout in calling jwks uri"),
        Explanation {
            id: "idp-timeout",
            summary: "Cognito timed out fetching the upstream IdP's JWKS",
            detail: "The IdP's jwks_uri is unreachable from AWS: a private network, a firewall, or a port other than 443/80.",
            fix: "Expose the IdP's jwks_uri publicly over https on port 443.",
            rule_id: Some("idp-endpoint-not-https"),
            source: "cognito-facts §8.D26",
        },
    ),
    (
        Match::Text("read timed out"),
        Explanation {
            id: "idp-timeout",
            summary: "Cognito's call to the upstream IdP timed out",
            detail: "An IdP endpoint accepted the connection but did not answer in time, or is reachable only from a private network.",
            fix: "Make the IdP's endpoints reachable from AWS over https on port 443 and answer quickly.",
            rule_id: Some("idp-endpoint-not-https"),
            source: "cognito-facts §8.D26",
        },
    ),
    (
        Match::Text("connection reset"),
        Explanation {
            id: "idp-timeout",
            summary: "The upstream IdP reset Cognito's connection",
            detail: "An IdP endpoint refused or dropped the connection from AWS (firewall, TLS policy, non-standard port).",
            fix: "Make the IdP's endpoints reachable from AWS over https on port 443.",
            rule_id: Some("idp-endpoint-not-https"),
            source: "cognito-facts §8.D26",
        },
    ),
    (
        Match::Text("required string parameter 'redirect_uri' is not present"),
        Explanation {
            id: "logout-uri-not-registered",
            summary: "Cognito's /logout did not accept the logout_uri",
            detail: "logout_uri does not exactly match one of the client's LogoutURLs, is mis-encoded, or client_id is missing, so Cognito fell back to the re-login form that needs redirect_uri.",
            fix: "Register the exact sign-out URL in LogoutURLs and send /logout?client_id=...&logout_uri=... (URL-encoded).",
            rule_id: Some("spa-logout-uri-not-registered"),
            source: "cognito-facts §8.C18",
        },
    ),
    (
        Match::Text("login option is not available"),
        Explanation {
            id: "idp-not-supported",
            summary: "The requested identity provider is not enabled for this app client",
            detail: "identity_provider names an IdP missing from the client's SupportedIdentityProviders, or its case differs.",
            fix: "Add the exact ProviderName to SupportedIdentityProviders.",
            rule_id: Some("spa-idp-not-supported"),
            source: "cognito-facts §8.A4",
        },
    ),
    (
        Match::Code("redirect_mismatch"),
        Explanation {
            id: "redirect-mismatch",
            summary: "The redirect_uri is not registered for this app client",
            detail: "redirect_uri is not byte-identical to one of the client's CallbackURLs (trailing slash, letter case, scheme or port differ), or client_id is wrong. Cognito shows its own error page instead of redirecting.",
            fix: "Register the exact redirect URI in CallbackURLs and build redirect_uri from one configuration value. No wildcards.",
            rule_id: Some("spa-redirect-uri-not-registered"),
            source: "cognito-facts §8.A1",
        },
    ),
    (
        Match::CodeAndDescription("unauthorized_client", "invalid_redirect"),
        Explanation {
            id: "token-redirect-uri-differs",
            summary: "The token request's redirect_uri differs from the authorize request's",
            detail: "Cognito requires the redirect_uri of the code exchange to equal the one sent to /oauth2/authorize.",
            fix: "Send the redirect_uri stored with the pending transaction (cogfed-auth does this).",
            rule_id: None,
            source: "cognito-facts §8.B11",
        },
    ),
    (
        Match::Code("unauthorized_client"),
        Explanation {
            id: "unauthorized-client",
            summary: "The app client may not use the authorization code flow",
            detail: "code is not in the client's AllowedOAuthFlows, or AllowedOAuthFlowsUserPoolClient is not true.",
            fix: "Enable OAuth on the app client and allow the code flow.",
            rule_id: Some("code-flow-not-allowed"),
            source: "cognito-facts §1.1, §8.A2",
        },
    ),
    (
        Match::Code("invalid_client"),
        Explanation {
            id: "invalid-client",
            summary: "Client authentication failed",
            detail: "The app client has a secret (a browser cannot keep one), or a library sent an Authorization: Basic header with an empty secret.",
            fix: "Use an app client created with GenerateSecret=false (the setting is immutable) and send client_id in the body.",
            rule_id: Some("browser-client-has-secret"),
            source: "cognito-facts §8.B8",
        },
    ),
    (
        Match::Code("invalid_grant"),
        Explanation {
            id: "invalid-grant",
            summary: "The authorization code or refresh token was refused",
            detail: "The code was redeemed twice or expired (5 minutes), the code_verifier does not match, the refresh token was revoked or rotated out, or the client cannot read an attribute a requested scope needs (e.g. email scope without email_verified readable).",
            fix: "Redeem each code exactly once with the verifier stored with its state; add the verified flags to the client's ReadAttributes or drop the scope.",
            rule_id: Some("read-attributes-missing-verified"),
            source: "cognito-facts §1.2, §8.B9-10",
        },
    ),
    (
        Match::Code("login_required"),
        Explanation {
            id: "login-required",
            summary: "prompt=none found no session to continue",
            detail: "There is no valid managed-login session, or the request also carried identity_provider=COGNITO, which selects local sign-in even for federated sessions. prompt works only with managed login (version 2).",
            fix: "Start an interactive sign-in; omit identity_provider when using prompt=none.",
            rule_id: None,
            source: "cognito-facts §1.1, §8.A5",
        },
    ),
    (
        Match::Code("unsupported_token_type"),
        Explanation {
            id: "unsupported-token-type",
            summary: "Cognito revokes refresh tokens only",
            detail: "An access or ID token was sent to /oauth2/revoke.",
            fix: "Revoke the refresh token; it invalidates the access and ID tokens issued from it.",
            rule_id: None,
            source: "cognito-facts §1.4, §8.C22",
        },
    ),
    (
        Match::Code("invalid_request"),
        Explanation {
            id: "invalid-request",
            summary: "Cognito refused the request as malformed or not allowed",
            detail: "OAuth is not enabled on the app client (AllowedOAuthFlowsUserPoolClient), the response type is not allowed, or PKCE parameters are malformed.",
            fix: "Enable OAuth on the client, allow the code flow, and send code_challenge_method=S256 with the challenge.",
            rule_id: Some("oauth-flows-disabled"),
            source: "cognito-facts §8.A2",
        },
    ),
];

/// Substring test by plain comparison: the texts are a few dozen bytes, and `str::contains` links the
/// two-way string search (about 2 KB of wasm).
fn contains(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
}

fn normalise(text: &str) -> String {
    text.replace('+', " ").to_ascii_lowercase()
}

/// The explanation for an `error` code and optional `error_description`, if the catalogue knows it.
pub fn explain(error: &str, error_description: Option<&str>) -> Option<&'static Explanation> {
    let code = error.to_ascii_lowercase();
    let description = error_description.map(normalise).unwrap_or_default();
    let haystack = format!("{} {}", normalise(error), description);
    let matches = |m: &Match| match *m {
        Match::Text(text) => contains(&haystack, text),
        Match::CodeAndDescription(c, text) => code == c && contains(&description, text),
        Match::Code(c) => code == c,
    };
    // Description-based entries come first in ENTRIES; codes are the fallback.
    ENTRIES
        .iter()
        .find(|(m, _)| matches(m))
        .map(|(_, explanation)| explanation)
}

/// The client's own refusals of a callback that a user can meet without any misconfiguration: explained
/// like the provider's errors, with no lint rule (nothing in a configuration causes them).
const CALLBACK_REPLAYED: Explanation = Explanation {
    id: "callback-replayed",
    summary: "This sign-in response was already used",
    detail: "The browser opened the callback URL of a sign-in that was already completed: a reload, the Back button, a bookmark or a shared link. Its state is single-use and its code can be redeemed only once, so it was refused rather than sent to the provider again.",
    fix: "Nothing to change in the configuration: sign in again. If it happens without a reload, make sure the app finishes the callback once (one provider per redirect URI) and cleans the address bar.",
    rule_id: None,
    source: "security-checklist B2 item 6; cognito-facts §8.B9",
};

const TRANSACTION_EXPIRED: Explanation = Explanation {
    id: "transaction-expired",
    summary: "The sign-in took too long and expired",
    detail: "More than 10 minutes passed between starting the sign-in and coming back to the app. The pending sign-in (state, nonce, PKCE verifier) is kept only that long, so the response was refused before its code was redeemed.",
    fix: "Sign in again without leaving the sign-in page open. Nothing to change in the configuration.",
    rule_id: None,
    source: "security-checklist B2 item 6; cognito-facts §1.1 (codes live 5 minutes)",
};

const CALLBACK_UNKNOWN_STATE: Explanation = Explanation {
    id: "callback-unknown-state",
    summary: "This sign-in response does not belong to a sign-in started in this tab",
    detail: "No sign-in with this state was started in this browser tab: it began in another tab or browser, the tab's storage was cleared, or the response was forged (login CSRF). It was refused.",
    fix: "Start the sign-in from the tab that receives the response: the pending sign-in lives in that tab's sessionStorage.",
    rule_id: None,
    source: "security-checklist B2 item 6; RFC 9700 §4.7",
};

/// The explanation of the client's own refusal of a callback (a replay, an expired or an unknown
/// transaction), if it is one a user can meet; provider errors are [`explain`]'s.
pub fn explain_callback(error: &crate::callback::CallbackError) -> Option<&'static Explanation> {
    ExplanationKey::of_callback(error).and_then(|key| key.explain())
}

/// What to look a failure up by in the catalogue, without the catalogue: an app can decide *which*
/// explanation applies where the failure happens, and link the catalogue's text (about 20 KB) only where it
/// shows it (the demo shows explanations from a lazily loaded module).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExplanationKey {
    /// The provider's OAuth `error` and `error_description` ([`explain`]).
    Provider {
        /// `error`.
        error: String,
        /// `error_description`.
        description: Option<String>,
    },
    /// The client's own refusal of a callback, by the id of its explanation ([`explain_callback`]).
    Callback(&'static str),
}

impl ExplanationKey {
    /// The key of the client's own refusal of a callback, when it has an explanation.
    pub fn of_callback(error: &crate::callback::CallbackError) -> Option<ExplanationKey> {
        use crate::callback::CallbackError;
        let id = match error {
            CallbackError::Replay => CALLBACK_REPLAYED.id,
            CallbackError::Expired { .. } => TRANSACTION_EXPIRED.id,
            CallbackError::UnknownState => CALLBACK_UNKNOWN_STATE.id,
            _ => return None,
        };
        Some(ExplanationKey::Callback(id))
    }

    /// A key read back from its parts (`error` and `error_description`, or a callback explanation's id
    /// given as `error` with `callback` set), as an app hands it from one module to another.
    pub fn from_parts(error: &str, description: Option<&str>, callback: bool) -> Option<ExplanationKey> {
        if callback {
            return [&CALLBACK_REPLAYED, &TRANSACTION_EXPIRED, &CALLBACK_UNKNOWN_STATE]
                .into_iter()
                .find(|e| e.id == error)
                .map(|e| ExplanationKey::Callback(e.id));
        }
        Some(ExplanationKey::Provider {
            error: error.to_string(),
            description: description.map(str::to_string),
        })
    }

    /// The catalogue's explanation for this key, if it has one.
    pub fn explain(&self) -> Option<&'static Explanation> {
        match self {
            ExplanationKey::Provider { error, description } => explain(error, description.as_deref()),
            ExplanationKey::Callback(id) => {
                [&CALLBACK_REPLAYED, &TRANSACTION_EXPIRED, &CALLBACK_UNKNOWN_STATE]
                    .into_iter()
                    .find(|e| e.id == *id)
            }
        }
    }
}

/// Every catalogue entry (for documentation and tests).
pub fn catalogue() -> impl Iterator<Item = &'static Explanation> {
    ENTRIES.iter().map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_explains_like_the_error_it_was_taken_from_and_survives_its_parts() {
        use crate::callback::CallbackError;
        for error in [CallbackError::Replay, CallbackError::UnknownState] {
            let key = ExplanationKey::of_callback(&error).expect("explained");
            assert_eq!(key.explain(), explain_callback(&error));
            let ExplanationKey::Callback(id) = key else {
                panic!("a callback key")
            };
            assert_eq!(ExplanationKey::from_parts(id, None, true), Some(key.clone()));
        }
        assert_eq!(ExplanationKey::of_callback(&CallbackError::MissingCode), None);
        assert_eq!(ExplanationKey::from_parts("no-such-entry", None, true), None);
        let key = ExplanationKey::from_parts("invalid_request", Some("invalid_scope"), false).expect("key");
        assert_eq!(key.explain().map(|e| e.id), Some("invalid-scope"));
        assert_eq!(key.explain(), explain("invalid_request", Some("invalid_scope")));
    }

    fn rule(error: &str, description: Option<&str>) -> Option<&'static str> {
        explain(error, description).and_then(|e| e.rule_id)
    }

    #[test]
    fn cognito_facts_section_8_errors_are_explained() {
        assert_eq!(
            rule("redirect_mismatch", None),
            Some("spa-redirect-uri-not-registered")
        );
        assert_eq!(
            rule("invalid_request", Some("invalid_scope")),
            Some("scope-not-allowed")
        );
        assert_eq!(rule("invalid_scope", None), Some("scope-not-allowed"));
        assert_eq!(rule("unauthorized_client", None), Some("code-flow-not-allowed"));
        assert_eq!(rule("unauthorized_client", Some("invalid_redirect")), None);
        assert_eq!(
            explain("unauthorized_client", Some("invalid_redirect")).map(|e| e.id),
            Some("token-redirect-uri-differs")
        );
        assert_eq!(rule("invalid_client", None), Some("browser-client-has-secret"));
        assert_eq!(
            rule("invalid_grant", None),
            Some("read-attributes-missing-verified")
        );
        assert_eq!(
            rule(
                "invalid_request",
                Some("Bad id_token issuer https://idp.example.com/")
            ),
            Some("idp-issuer-mismatch")
        );
        assert_eq!(
            rule(
                "invalid_request",
                Some("invalid token_type in idp oauth response")
            ),
            Some("idp-userinfo-not-plain-json")
        );
        assert_eq!(
            rule(
                "invalid_request",
                Some("Invalid user attributes: email: Attribute cannot be updated.")
            ),
            Some("mapping-target-immutable")
        );
        assert_eq!(
            rule("invalid_request", Some("username attribute mapping required")),
            Some("mapping-missing-required")
        );
        assert_eq!(
            rule(
                "invalid_request",
                Some("[MyOIDC] Error - 401 error getting token")
            ),
            Some("idp-token-auth-method")
        );
        for timeout in [
            "Timeout+occurred+in+calling+IdP+token+endpoint",
            "Timeout in calling jwks uri",
            "Read timed out",
            "Connection reset",
        ] {
            assert_eq!(
                rule("invalid_request", Some(timeout)),
                Some("idp-endpoint-not-https"),
                "{timeout}"
            );
        }
        assert_eq!(
            explain("login_required", None).map(|e| e.id),
            Some("login-required")
        );
        assert_eq!(
            rule("invalid_request", Some("something else")),
            Some("oauth-flows-disabled")
        );
        assert_eq!(explain("server_error", None), None);
    }

    #[test]
    fn the_clients_own_callback_refusals_are_explained_without_a_rule() {
        use crate::callback::CallbackError;
        let id = |e: &CallbackError| explain_callback(e).map(|x| (x.id, x.rule_id));
        assert_eq!(id(&CallbackError::Replay), Some(("callback-replayed", None)));
        let expired = CallbackError::Expired {
            age_secs: 700,
            limit_secs: 600,
        };
        assert_eq!(id(&expired), Some(("transaction-expired", None)));
        assert_eq!(
            id(&CallbackError::UnknownState),
            Some(("callback-unknown-state", None))
        );
        assert_eq!(id(&CallbackError::StateMismatch), None);
        assert_eq!(id(&CallbackError::MissingCode), None);
    }
}
