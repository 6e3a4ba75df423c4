//! Rule `live-jwks-invalid` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// A JWKS (the IdP's or the pool's `jwks_uri`) is a JSON object with a non-empty `keys` array whose every entry
    /// is an object with a `kty`; RSA keys have base64url `n` and `e`, EC keys `crv`, `x` and `y`.
    ///
    /// # Why it matters
    /// Cognito verifies the IdP's ID tokens with these keys and relying parties verify Cognito's tokens with the
    /// pool's; a malformed or empty set makes every token unverifiable.
    ///
    /// # Example
    /// ```text
    /// GET https://idp.example.com/jwks -> {"keys": []}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Publish the signing keys: {"keys": [{"kty": "RSA", "kid": "2024-05", "n": "...", "e": "AQAB", "use": "sig"}]}
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.7 (JWKS shape), §5.3 (checks 2 and 3), §8.D27; RFC 7517 §4, §5; RFC 7518 §6.
    pub static RULE = {
        id: "live-jwks-invalid",
        group: Live,
        severity: Error,
        summary: "a JWKS has no usable key set: no keys, or a key that does not parse",
        check: Live,
    };
}
