//! Rule `live-rp-endpoint-mismatch` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Endpoints a relying party is configured with by hand (`authorization_endpoint`, `token_endpoint`,
    /// `userinfo_endpoint`) equal those of the pool's live discovery document.
    ///
    /// # Why it matters
    /// Endpoints typed by hand drift from what Cognito serves: the domain changes, a custom domain is added
    /// (discovery then advertises only it), or `userinfo` is written without Cognito's capital I (`/oauth2/userInfo`).
    /// The relying party then fails at that step.
    ///
    /// # Example
    /// ```text
    /// userinfo_endpoint = "https://auth.example.com/oauth2/userinfo"
    /// discovery: "userinfo_endpoint": "https://auth.example.com/oauth2/userInfo"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// userinfo_endpoint = "https://auth.example.com/oauth2/userInfo"   # or let the relying party discover them
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.0 ("Capital I in `userInfo`"), §1.7 (custom-domain endpoints in discovery).
    pub static RULE = {
        id: "live-rp-endpoint-mismatch",
        group: Live,
        severity: Error,
        summary: "an endpoint a relying party is configured with differs from the pool's live discovery",
        check: Live,
    };
}
