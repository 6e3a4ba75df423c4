//! Rule `live-not-json` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// A discovery document or JWKS that came back with status 200 but is not a JSON object: an HTML login or
    /// error page, a truncated or malformed body, a JSON array or string.
    ///
    /// # Why it matters
    /// OpenID Connect Discovery and RFC 7517 require a JSON object; Cognito and every relying party parse it as
    /// one and fail the sign-in otherwise. An HTML answer usually means a login wall, a proxy page or the wrong URL.
    ///
    /// # Example
    /// ```text
    /// GET https://idp.example.com/.well-known/openid-configuration -> 200 text/html "<!doctype html>..."
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Point the issuer at the OpenID provider itself, not at a web page or a proxy that answers with HTML.
    /// ```
    ///
    /// # Source
    /// OpenID Connect Discovery 1.0 §4.2 (a JSON object); RFC 7517 §5 (JWK Set); cognito-facts §5.3, §8.D27.
    pub static RULE = {
        id: "live-not-json",
        group: Live,
        severity: Error,
        summary: "a discovery or JWKS document is not a JSON object",
        check: Live,
    };
}
