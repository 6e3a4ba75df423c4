//! Rule `live-http-status` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// A discovery document (`{issuer}/.well-known/openid-configuration`) or a JWKS (`jwks_uri`) that answers with
    /// a status other than 200: a 404 for an issuer with a wrong path or a trailing slash, a 401/403 behind a proxy
    /// or a firewall, a redirect (the doctor does not follow redirects for documents: Cognito and OIDC libraries read
    /// the document at exactly this URL).
    ///
    /// # Why it matters
    /// Cognito discovers the IdP's endpoints from `{oidc_issuer}/.well-known/openid-configuration` and fetches the
    /// JWKS for every IdP token; relying parties do the same with the pool's issuer. A document that does not come
    /// back with 200 stops the sign-in.
    ///
    /// # Example
    /// ```text
    /// GET https://idp.example.com/oauth2/.well-known/openid-configuration -> 404 Not Found
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Configure the issuer whose /.well-known/openid-configuration answers 200 (copy it from the IdP's console).
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.7 (discovery and JWKS on the issuer host), §5.2 (`oidc_issuer` discovery), §5.3, §8.D27;
    /// OpenID Connect Discovery 1.0 §4.
    pub static RULE = {
        id: "live-http-status",
        group: Live,
        severity: Error,
        summary: "a discovery or JWKS URL answers with an HTTP status other than 200",
        check: Live,
    };
}
