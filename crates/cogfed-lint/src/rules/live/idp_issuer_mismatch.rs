//! Rule `live-idp-issuer-mismatch` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The `issuer` in the upstream IdP's live discovery document equals, byte for byte, the `oidc_issuer`
    /// configured for that identity provider in the pool (or given with `--issuer`). A difference of a trailing slash
    /// is reported too, with its own message.
    ///
    /// # Why it matters
    /// Cognito compares the IdP ID token's `iss` exactly with the configured `oidc_issuer` and fails the federation
    /// with `error_description=Bad id_token issuer https://...`. IdPs such as Auth0 issue `iss` with a trailing slash
    /// while the console says the issuer "shouldn't end with a slash"; tenants, paths (`/oauth2/default`) and stages
    /// are the other usual culprits. OpenID Connect Discovery also requires the document's `issuer` to be identical
    /// to the URL it was fetched under.
    ///
    /// # Example
    /// ```text
    /// oidc_issuer = "https://idp.example.com"
    /// GET https://idp.example.com/.well-known/openid-configuration -> {"issuer": "https://idp.example.com/", ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// oidc_issuer = "https://idp.example.com/"    # exactly the discovery document's issuer
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 (`iss` equals the configured issuer; "Issuer trailing slash"), §8.D24; OpenID Connect
    /// Discovery 1.0 §4.3.
    pub static RULE = {
        id: "live-idp-issuer-mismatch",
        group: Live,
        severity: Error,
        summary: "the IdP's discovery `issuer` differs from the configured oidc_issuer",
        check: Live,
    };
}
