//! Rule `live-idp-endpoint-missing` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The upstream IdP's discovery document has `authorization_endpoint`, `token_endpoint`, `userinfo_endpoint` and
    /// `jwks_uri`, each a non-empty string, unless the identity provider configures that endpoint by hand
    /// (`authorize_url`, `token_url`, `attributes_url`, `jwks_uri` in `provider_details`).
    ///
    /// # Why it matters
    /// Cognito redirects the browser to the authorization endpoint, redeems the code at the token endpoint, reads
    /// the user's attributes from the userInfo endpoint and checks the ID token with the keys at `jwks_uri`. With auto
    /// discovery, a missing endpoint breaks the sign-in at that step.
    ///
    /// # Example
    /// ```text
    /// GET https://idp.example.com/.well-known/openid-configuration -> {"issuer": ..., "authorization_endpoint": ...,
    /// "token_endpoint": ..., "jwks_uri": ...}                   # no userinfo_endpoint
    /// ```
    ///
    /// # Fix
    /// ```text
    /// provider_details.attributes_url = "https://idp.example.com/userinfo"   # or publish it in discovery
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (manual endpoints "when it can't discover endpoint URLs"), §5.3 (Cognito calls the
    /// IdP's userInfo), §1.6; OpenID Connect Discovery 1.0 §3.
    pub static RULE = {
        id: "live-idp-endpoint-missing",
        group: Live,
        severity: Error,
        summary: "the IdP's discovery lacks an endpoint Cognito needs",
        check: Live,
    };
}
