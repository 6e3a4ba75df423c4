//! Rule `live-jwks-kid` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every key in a JWKS (the IdP's or the pool's) has a `kid`, and no two keys share the same `kid`.
    ///
    /// # Why it matters
    /// Cognito requires the IdP to publish a `kid` and looks the token's `kid` up at `jwks_uri`; a key without one,
    /// or two keys under the same `kid` (a botched rotation), leave the verifier unable to pick the key and the ID
    /// token is rejected without a clear message.
    ///
    /// # Example
    /// ```text
    /// {"keys": [{"kty": "RSA", "kid": "main", ...}, {"kty": "RSA", "kid": "main", ...}]}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// {"keys": [{"kty": "RSA", "kid": "2024-05", ...}, {"kty": "RSA", "kid": "2024-11", ...}]}
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("The JWKS publishes a `kid`"; check 2), §8.D27, §9 ("The IdP JWKS keys carry
    /// `kid`"); RFC 7517 §4.5.
    pub static RULE = {
        id: "live-jwks-kid",
        group: Live,
        severity: Error,
        summary: "a JWKS key has no kid, or two keys share one",
        check: Live,
    };
}
