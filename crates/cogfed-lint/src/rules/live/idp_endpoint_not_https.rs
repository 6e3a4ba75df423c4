//! Rule `live-idp-endpoint-not-https` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every endpoint in the upstream IdP's discovery document (`authorization_endpoint`, `token_endpoint`,
    /// `userinfo_endpoint`, `jwks_uri`) is an `https://` URL. Loopback `http://` endpoints are accepted: that is a test
    /// setup (Local Cognito, oidc-provider) that AWS could not reach anyway.
    ///
    /// # Why it matters
    /// "With auto-discovery, the discovery document's `authorization_endpoint`, `token_endpoint`,
    /// `userinfo_endpoint` and `jwks_uri` must all be HTTPS, otherwise the login will fail." A reverse proxy that
    /// terminates TLS but builds URLs from the plain-HTTP request is the classic cause.
    ///
    /// # Example
    /// ```text
    /// {"issuer": "https://idp.example.com", "token_endpoint": "http://idp.example.com/token", ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// {"issuer": "https://idp.example.com", "token_endpoint": "https://idp.example.com/token", ...}
    /// (behind a proxy: forward the scheme, e.g. X-Forwarded-Proto, so the IdP builds https URLs)
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("must all be HTTPS, otherwise the login will fail"), §8.D27.
    pub static RULE = {
        id: "live-idp-endpoint-not-https",
        group: Live,
        severity: Error,
        summary: "an endpoint in the IdP's discovery is not HTTPS",
        check: Live,
    };
}
