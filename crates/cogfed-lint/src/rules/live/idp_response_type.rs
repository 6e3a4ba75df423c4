//! Rule `live-idp-response-type` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The upstream IdP's `response_types_supported` (required by OpenID Connect Discovery) contains `code`.
    ///
    /// # Why it matters
    /// Cognito federates with the authorization code flow only: it sends `response_type=code` to the IdP's
    /// authorization endpoint. An IdP (or an application profile) limited to implicit or hybrid response types
    /// refuses it.
    ///
    /// # Example
    /// ```text
    /// {"response_types_supported": ["id_token", "id_token token"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// {"response_types_supported": ["code", "id_token", "id_token token"], ...}
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.6 (Cognito redeems a code), §5.3; OpenID Connect Discovery 1.0 §3
    /// (`response_types_supported` REQUIRED).
    pub static RULE = {
        id: "live-idp-response-type",
        group: Live,
        severity: Error,
        summary: "the IdP's discovery does not support response_type code",
        check: Live,
    };
}
