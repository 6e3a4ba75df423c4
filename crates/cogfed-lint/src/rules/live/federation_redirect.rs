//! Rule `live-federation-redirect` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// For each OIDC identity provider an app client supports, the authorize probe with `identity_provider={name}`
    /// is redirected to that IdP's live `authorization_endpoint`, with `client_id` equal to the configured one,
    /// `redirect_uri` equal to `https://{domain}/oauth2/idpresponse` on the domain probed, `response_type=code` and
    /// the configured `authorize_scopes`.
    ///
    /// # Why it matters
    /// This redirect is what the pool really sends to the IdP, whatever the files say: an IdP updated in the
    /// console and not in the files, manual endpoints that went stale, or a domain whose idpresponse URL the IdP has
    /// not registered all show here, before the IdP answers with its own error.
    ///
    /// # Example
    /// ```text
    /// Location: https://idp.example.com/old/authorize?client_id=cognito&redirect_uri=https%3A%2F%2Fmyapp.auth...%2Foauth2%2Fidpresponse&...
    /// discovery: "authorization_endpoint": "https://idp.example.com/oauth2/authorize"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// provider_details.authorize_url = "https://idp.example.com/oauth2/authorize"   # or drop the manual endpoints
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 ("With `identity_provider` ... it redirects silently to that IdP's sign-in page"), §1.6
    /// (idpresponse), §5.2, §8.D25.
    pub static RULE = {
        id: "live-federation-redirect",
        group: Live,
        severity: Error,
        summary: "the hosted UI's redirect to the IdP does not match the IdP's discovery or the pool's settings",
        check: Live,
    };
}
