use super::issuer_trailing_slash::slash_only;
use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider's `provider_details.oidc_issuer` equals, byte for byte, the `issuer` of the
    /// upstream IdP that serves it (`[[upstream_idps]]` with the same `provider_name`). A difference of only a
    /// trailing slash is reported by `issuer-trailing-slash` instead.
    ///
    /// # Why it matters
    /// Cognito checks the IdP ID token's `iss` against `oidc_issuer` exactly and fails the federation with
    /// `error_description=Bad id_token issuer ...`. Paths (`/oauth2/default`), stages and tenants are the
    /// usual culprits; copy the `issuer` from the IdP's discovery document.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com" }
    ///
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// issuer = "https://idp.example.com/oauth2/default"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com/oauth2/default" }
    ///
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// issuer = "https://idp.example.com/oauth2/default"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 (checks on the IdP ID token: "`iss` equals the configured issuer"), §8.D24, §9.
    pub static RULE = {
        id: "idp-issuer-mismatch",
        group: Broken,
        severity: Error,
        summary: "oidc_issuer differs from the upstream IdP's issuer",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        let Some(name) = known_str(&idp.provider_name) else {
            continue;
        };
        let Some(details) = idp.provider_details.as_ref().and_then(Located::get) else {
            continue;
        };
        let Some(oidc_issuer) = details.get("oidc_issuer") else {
            continue;
        };
        let Some(configured) = oidc_issuer.as_str() else {
            continue;
        };
        let Some(upstream) = ctx.upstream_for(name).and_then(Located::get) else {
            continue;
        };
        let Some(actual) = upstream.issuer.as_ref() else {
            continue;
        };
        let Some(a) = actual.as_str() else { continue };
        if configured != a && !slash_only(configured, a) {
            out.push(
                Finding::new(&oidc_issuer.loc, format!("oidc_issuer `{configured}` of identity provider `{name}` is not the IdP's issuer `{a}`"))
                    .related(&actual.loc, "the IdP's discovery issuer")
                    .help(format!("set oidc_issuer to exactly `{a}`"))
                    .note("federation fails with \"Bad id_token issuer\" (cognito-facts §8.D24)"),
            );
        }
    }
    out
}
