//! Rule `live-redirect-mismatch` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// An unauthenticated `GET https://{domain}/oauth2/authorize?client_id=...&redirect_uri=...&response_type=code`
    /// (redirects not followed) for every callback URL the integration uses (each app client's callback URLs, the
    /// SPA's `redirect_uri`, each relying party's callback URL, `--redirect-uri`) is answered with a redirect to the
    /// sign-in page or an IdP, not to Cognito's `/error?error=redirect_mismatch` page.
    ///
    /// # Why it matters
    /// Cognito compares `redirect_uri` with the client's `CallbackURLs` byte for byte (a trailing slash, the letter
    /// case, the port) and shows its own error page, never the app, when the client or the URL is unknown: the user
    /// is stuck on "An error was encountered with the requested page". The probe sends no secret, no session and a
    /// PKCE challenge without a verifier, so it can never complete a sign-in.
    ///
    /// # Example
    /// ```text
    /// GET https://myapp.auth.us-east-1.amazoncognito.com/oauth2/authorize?client_id=...&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&...
    /// -> 302 Location: /error?error=redirect_mismatch&client_id=...
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Register the exact URL in the app client's CallbackURLs, or send the registered one (http://localhost:3000).
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (exact matching; "When `client_id` or `redirect_uri` is invalid, Cognito does not
    /// redirect"), §8.A1.
    pub static RULE = {
        id: "live-redirect-mismatch",
        group: Live,
        severity: Error,
        summary: "the hosted UI answers redirect_mismatch: the client or redirect_uri is not registered",
        check: Live,
    };
}
