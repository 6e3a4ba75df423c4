//! Rule `live-rp-issuer-mismatch` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The issuer a relying party of the pool is configured with (FusionAuth, Pomerium, Cloudentity, a generic RP,
    /// and the SPA's `issuer`) equals, byte for byte, the `issuer` of the pool's live discovery document.
    ///
    /// # Why it matters
    /// Relying parties compare the ID token's `iss` with their configured issuer exactly, and derive the discovery
    /// URL from it. FusionAuth's guide writes Cognito's issuer with a trailing slash: discovery then lives at
    /// `…/{poolId}//.well-known/openid-configuration` and every token's `iss` differs.
    ///
    /// # Example
    /// ```text
    /// FusionAuth oauth2.issuer = "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_cbVy8Xw2Q/"
    /// discovery: "issuer": "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_cbVy8Xw2Q"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// FusionAuth oauth2.issuer = "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_cbVy8Xw2Q"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.7, §2.4 ("exact string, no trailing slash"), §3.5; the FusionAuth guide (seed).
    pub static RULE = {
        id: "live-rp-issuer-mismatch",
        group: Live,
        severity: Error,
        summary: "a relying party's issuer differs from the pool's live discovery issuer",
        check: Live,
    };
}
