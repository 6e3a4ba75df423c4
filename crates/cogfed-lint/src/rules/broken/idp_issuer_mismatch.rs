use super::issuer_trailing_slash::slash_only;
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
    for pair in ctx.idp_issuer_pairs() {
        let (name, configured, a) = (pair.provider_name, pair.configured_str(), pair.actual_str());
        if configured != a && !slash_only(configured, a) {
            out.push(
                Finding::new(&pair.configured.loc, format!("oidc_issuer `{configured}` of identity provider `{name}` is not the IdP's issuer `{a}`"))
                    .related(&pair.actual.loc, "the IdP's discovery issuer")
                    .help(format!("set oidc_issuer to exactly `{a}`"))
                    .note("federation fails with \"Bad id_token issuer\" (cognito-facts §8.D24)"),
            );
        }
    }
    out
}
