//! Rule `live-fetch-refused` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// A URL the integration names (an issuer, a discovery endpoint, a hosted-UI domain) that `cogfed doctor` refuses
    /// to request, so nothing about it was checked live: `http://` on a host other than `localhost`, `127.0.0.1` or
    /// `[::1]`; a user name or password in the URL; a query parameter that carries a secret or a token
    /// (`client_secret`, `code`, `access_token`, `id_token`, `refresh_token`, `password`); or a scheme other than
    /// http(s). The refusal happens before any connection is made.
    ///
    /// # Why it matters
    /// Cognito calls an OIDC IdP over HTTPS only (discovery, authorize, token, userInfo, JWKS) and refuses plain
    /// http endpoints; a configuration with an `http://` issuer fails at sign-in. The doctor follows the same manners:
    /// it never sends a secret or a token anywhere and never talks plain HTTP to a host beyond this machine.
    ///
    /// # Example
    /// ```text
    /// --issuer http://idp.example.com
    /// ```
    ///
    /// # Fix
    /// ```text
    /// --issuer https://idp.example.com
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`oidc_issuer` must start with `https://`), §5.3 ("HTTPS only for all OIDC endpoints"),
    /// §8.D27; issue 16 item 5 (the doctor's manners).
    pub static RULE = {
        id: "live-fetch-refused",
        group: Live,
        severity: Error,
        summary: "a URL the doctor will not fetch: plain http off loopback, credentials in it, or not http(s)",
        check: Live,
    };
}
