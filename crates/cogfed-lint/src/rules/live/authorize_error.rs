//! Rule `live-authorize-error` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// The unauthenticated authorize probe (see `live-redirect-mismatch`) is answered with the sign-in page or an
    /// IdP, not with an error: Cognito's `/error` page with another error (`unauthorized_client`, `invalid_request`),
    /// a redirect to the app with `?error=` (`invalid_scope`, `unauthorized_client`), "Login option is not available"
    /// for an `identity_provider` the client does not support, or an unexpected HTTP status.
    ///
    /// # Why it matters
    /// Each of these stops every sign-in through that client: OAuth disabled on the client
    /// (`AllowedOAuthFlowsUserPoolClient` false), the code flow not allowed, no allowed scope, or an IdP name the
    /// client does not list (or spelt with another case).
    ///
    /// # Example
    /// ```text
    /// GET https://myapp.auth.us-east-1.amazoncognito.com/oauth2/authorize?...&identity_provider=idura
    /// -> 400 "Login option is not available. Please try another one"
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Enable OAuth and the code flow on the app client, and list the IdP (exact name) in SupportedIdentityProviders.
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (error responses), §8.A2, §8.A3, §8.A4.
    pub static RULE = {
        id: "live-authorize-error",
        group: Live,
        severity: Error,
        summary: "the hosted UI refuses an authorize request for another reason than redirect_mismatch",
        check: Live,
    };
}
