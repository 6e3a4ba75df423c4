//! Rule `live-idp-scope-unsupported` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every scope of the identity provider's `authorize_scopes` (always including `openid`) is listed in the
    /// upstream IdP's `scopes_supported`, when the discovery document has that field.
    ///
    /// # Why it matters
    /// Cognito sends `authorize_scopes` to the IdP as they are; an IdP that does not know a scope answers
    /// `invalid_scope` and the sign-in fails. `scopes_supported` is only RECOMMENDED and an IdP may leave some scopes
    /// out, hence a warning: confirm with the IdP.
    ///
    /// # Example
    /// ```text
    /// authorize_scopes = "openid email profile offline"
    /// {"scopes_supported": ["openid", "email", "profile"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// authorize_scopes = "openid email profile"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`authorize_scopes` must include `openid`), §8.A3 (`invalid_scope`); OpenID Connect
    /// Discovery 1.0 §3 (`scopes_supported`).
    pub static RULE = {
        id: "live-idp-scope-unsupported",
        group: Live,
        severity: Warning,
        summary: "a scope Cognito requests is not in the IdP's scopes_supported",
        check: Live,
    };
}
