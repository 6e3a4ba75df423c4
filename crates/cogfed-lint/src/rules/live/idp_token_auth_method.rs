//! Rule `live-idp-token-auth-method` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The upstream IdP's `token_endpoint_auth_methods_supported` lists `client_secret_post`. When the field is
    /// absent (the specification's default is then `client_secret_basic` only), the doctor says so under
    /// `live-not-checked`.
    ///
    /// # Why it matters
    /// Cognito authenticates to the IdP's token endpoint only with `client_secret_post` (the secret in the form
    /// body) and does not read this field. An IdP that accepts only `client_secret_basic` (HTTP Basic) rejects the
    /// code exchange, and the app receives `error_description=[IdP name] Error - 401 error getting token`. Beyond
    /// Identity's guide sets "Client Secret Basic", the seed of this rule.
    ///
    /// # Example
    /// ```text
    /// {"token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// {"token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"], ...}
    /// (set the IdP application's token endpoint auth method to client_secret_post)
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.6 (Cognito redeems with `client_secret_post`), §5.3 ("doesn't support
    /// `client_secret_basic`"), §8.D25; OpenID Connect Discovery 1.0 §3 (default `client_secret_basic`).
    pub static RULE = {
        id: "live-idp-token-auth-method",
        group: Live,
        severity: Error,
        summary: "the IdP's discovery does not allow client_secret_post at its token endpoint",
        check: Live,
    };
}
