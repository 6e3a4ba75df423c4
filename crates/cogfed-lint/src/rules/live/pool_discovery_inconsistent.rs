//! Rule `live-pool-discovery-inconsistent` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The user pool's live discovery document is consistent with the pool: its `jwks_uri` is
    /// `{issuer}/.well-known/jwks.json`, and its `authorization_endpoint` is on one of the pool's domains when the
    /// integration names them.
    ///
    /// # Why it matters
    /// Relying parties that read discovery send users to `authorization_endpoint`; when a pool has a custom domain
    /// Cognito advertises only that one, so an app configured with the prefix domain and a discovering relying party
    /// end up on different hosts (different session cookies). A JWKS elsewhere than under the issuer points at a
    /// proxy or a stale mock.
    ///
    /// # Example
    /// ```text
    /// [spa] domain = "myapp.auth.us-east-1.amazoncognito.com"
    /// discovery: "authorization_endpoint": "https://auth.example.com/oauth2/authorize"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// [spa] domain = "auth.example.com"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.7 ("When a pool has both a custom and a prefix domain, discovery advertises only the
    /// custom domain endpoints"; jwks_uri under the issuer), §2.2.
    pub static RULE = {
        id: "live-pool-discovery-inconsistent",
        group: Live,
        severity: Warning,
        summary: "the pool's discovery document disagrees with the pool's issuer or domains",
        check: Live,
    };
}
