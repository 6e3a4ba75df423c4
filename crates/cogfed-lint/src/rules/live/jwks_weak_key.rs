//! Rule `live-jwks-weak-key` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every RSA key in a JWKS (the IdP's or the pool's) has a modulus of at least 2048 bits.
    ///
    /// # Why it matters
    /// RSA keys below 2048 bits are forbidden for JWS (RFC 7518 §3.3) and factorable at reasonable cost; relying
    /// parties (this project's auth client among them) refuse them, and a token signed with one proves little.
    ///
    /// # Example
    /// ```text
    /// {"keys": [{"kty": "RSA", "kid": "k1", "n": "<1024-bit modulus>", "e": "AQAB"}]}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Rotate to a 2048-bit (or larger) RSA key, or an EC P-256 key.
    /// ```
    ///
    /// # Source
    /// RFC 7518 §3.3 ("A key of size 2048 bits or larger MUST be used"); security-checklist B2; cognito-facts
    /// §5.3.
    pub static RULE = {
        id: "live-jwks-weak-key",
        group: Live,
        severity: Error,
        summary: "a JWKS publishes an RSA key shorter than 2048 bits",
        check: Live,
    };
}
