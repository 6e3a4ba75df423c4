//! Rule `live-idp-required-claim-missing` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every claim that the identity provider's `attribute_mapping` reads for a required pool attribute (schema
    /// `required = true`, or a username attribute) is listed in the upstream IdP's `claims_supported`, when the
    /// discovery document has that field.
    ///
    /// # Why it matters
    /// A federated user without a value for a required attribute cannot be created: the sign-in fails with
    /// `attributes required: [email]` (or `username attribute mapping required`). Idura Verify, for one, releases no
    /// email: its guide asks for a pool "configured without email as a required attribute".
    ///
    /// # Example
    /// ```text
    /// user_pool.schema_attributes = [{ name = "email", required = true }]
    /// attribute_mapping = { email = "email" }
    /// {"claims_supported": ["sub", "name", "birthdate"], ...}
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Make the attribute optional in a new pool (required attributes cannot change), or have the IdP release the claim.
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.4 ("Every required pool attribute must be mapped"), §8.D28; the Idura Verify guide
    /// (seed); OpenID Connect Discovery 1.0 §3 (`claims_supported`).
    pub static RULE = {
        id: "live-idp-required-claim-missing",
        group: Live,
        severity: Error,
        summary: "a required attribute is mapped from a claim the IdP does not release",
        check: Live,
    };
}
