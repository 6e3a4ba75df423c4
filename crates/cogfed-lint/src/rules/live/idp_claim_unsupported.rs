//! Rule `live-idp-claim-unsupported` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every claim that the identity provider's `attribute_mapping` reads for an attribute the pool does not
    /// require is listed in the upstream IdP's `claims_supported`, when the discovery document has that field
    /// (required attributes are `live-idp-required-claim-missing`).
    ///
    /// # Why it matters
    /// Cognito maps claims from the IdP's ID token and userInfo answer; a claim the IdP never releases leaves the
    /// attribute empty on every federated sign-in. `claims_supported` is only RECOMMENDED and may be incomplete,
    /// hence a warning.
    ///
    /// # Example
    /// ```text
    /// attribute_mapping = { name = "full_name" }
    /// {"claims_supported": ["sub", "email", "name"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// attribute_mapping = { name = "name" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("Mapping reads claims from both the ID token and the userInfo response"), §5.4;
    /// OpenID Connect Discovery 1.0 §3 (`claims_supported`).
    pub static RULE = {
        id: "live-idp-claim-unsupported",
        group: Live,
        severity: Warning,
        summary: "a claim the attribute mapping reads is not in the IdP's claims_supported",
        check: Live,
    };
}
