//! Rule `live-idp-userinfo-signed` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The upstream IdP's discovery document advertises `userinfo_signing_alg_values_supported` or
    /// `userinfo_encryption_alg_values_supported`: it can answer the userInfo request with a JWT instead of JSON.
    ///
    /// # Why it matters
    /// Cognito calls the IdP's userInfo endpoint and expects a JSON object of claims; a signed (or encrypted) JWT
    /// answer fails the federation, with `invalid token_type in idp oauth response` at Idura Verify, whose guide
    /// asks for the "User info response strategy" `plainJson`. Whether the answer is signed is usually a setting of
    /// the application registered for Cognito, invisible from outside: the advertisement is the warning sign.
    ///
    /// # Example
    /// ```text
    /// {"userinfo_signing_alg_values_supported": ["RS256"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Set the application's userinfo answer to plain JSON (Idura: User info response strategy = plainJson;
    /// OIDC dynamic registration: no userinfo_signed_response_alg).
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("The userinfo response must be a JSON object of claims"); the Idura Verify guide (seed:
    /// "invalid token_type in idp oauth response ... configured as plainJson"); OpenID Connect Core §5.3.2; OpenID
    /// Connect Discovery 1.0 §3.
    pub static RULE = {
        id: "live-idp-userinfo-signed",
        group: Live,
        severity: Warning,
        summary: "the IdP advertises signed or encrypted userinfo answers, which Cognito cannot read",
        check: Live,
    };
}
