//! Rule `live-pool-issuer-mismatch` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The `issuer` of the user pool's live discovery document
    /// (`https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/openid-configuration`) equals the issuer
    /// the integration expects: `https://cognito-idp.{region}.amazonaws.com/{poolId}` (or the `issuer-cognito-idp`
    /// form when `issuer_configuration.type` is `UPDATED`; the served base under `--local` or `--issuer-base`).
    ///
    /// # Why it matters
    /// Tokens carry this issuer, and every relying party compares it exactly. A pool that moved to the UPDATED
    /// issuer, a wrong Region or a proxy in front of Local Cognito shows up here before a token is rejected.
    ///
    /// # Example
    /// ```text
    /// expected https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE
    /// discovery: "issuer": "https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// [user_pool]
    /// issuer_configuration = { type = "UPDATED" }   # and configure every relying party with that issuer
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.7 (discovery on the issuer host), §2.4 (issuer forms, exact string).
    pub static RULE = {
        id: "live-pool-issuer-mismatch",
        group: Live,
        severity: Error,
        summary: "the pool's discovery issuer is not the issuer its id and Region give",
        check: Live,
    };
}
