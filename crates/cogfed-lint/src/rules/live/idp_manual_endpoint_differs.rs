//! Rule `live-idp-manual-endpoint-differs` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// An endpoint configured by hand in the identity provider's `provider_details` (`authorize_url`, `token_url`,
    /// `attributes_url`, `jwks_uri`) equals the one the IdP's live discovery document advertises
    /// (`authorization_endpoint`, `token_endpoint`, `userinfo_endpoint`, `jwks_uri`).
    ///
    /// # Why it matters
    /// Manual endpoints override discovery and are typed by hand; they go stale when the IdP moves an endpoint, and
    /// one wrong character (`userinfo` against `userInfo`, a missing tenant path) breaks one step of the federation
    /// while the others work. When the IdP publishes discovery, the published value is the one to use.
    ///
    /// # Example
    /// ```text
    /// provider_details.token_url = "https://idp.example.com/oauth/token"
    /// discovery: "token_endpoint": "https://idp.example.com/oauth2/token"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// provider_details.token_url = "https://idp.example.com/oauth2/token"   # or drop the manual endpoints
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`authorize_url`, `token_url`, `attributes_url`, `jwks_uri`: manual endpoints), §5.3.
    pub static RULE = {
        id: "live-idp-manual-endpoint-differs",
        group: Live,
        severity: Warning,
        summary: "a manual endpoint configured for the IdP differs from its discovery document",
        check: Live,
    };
}
