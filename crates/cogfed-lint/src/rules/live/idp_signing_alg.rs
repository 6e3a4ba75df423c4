//! Rule `live-idp-signing-alg` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The upstream IdP's `id_token_signing_alg_values_supported` (required by OpenID Connect Discovery) contains
    /// an RSA (`RS256`, `RS384`, `RS512`), ECDSA (`ES256`, `ES384`, `ES512`) or HMAC (`HS256`, `HS384`, `HS512`)
    /// algorithm.
    ///
    /// # Why it matters
    /// Cognito checks the IdP ID token's signature and accepts HMAC-SHA, ECDSA and RSA only; an IdP that signs with
    /// EdDSA, RSASSA-PSS only, or not at all (`none`) gets every ID token rejected, without a clear message.
    ///
    /// # Example
    /// ```text
    /// {"id_token_signing_alg_values_supported": ["EdDSA"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// {"id_token_signing_alg_values_supported": ["RS256", "EdDSA"], ...}
    /// (choose RS256 for the application registered for Cognito)
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("ID tokens signed with HMAC-SHA, ECDSA or RSA"; check 1), §8.D27; OpenID Connect
    /// Discovery 1.0 §3.
    pub static RULE = {
        id: "live-idp-signing-alg",
        group: Live,
        severity: Error,
        summary: "the IdP signs ID tokens with no algorithm Cognito accepts",
        check: Live,
    };
}
