use crate::declare_rule;
use crate::rules::support::{OIDC_MANUAL_ENDPOINTS, idp_label, is_oidc};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider either has `provider_details.oidc_issuer` (Cognito discovers the endpoints from
    /// `{oidc_issuer}/.well-known/openid-configuration`) or, without it, all four manual endpoints:
    /// `authorize_url`, `token_url`, `attributes_url` and `jwks_uri`.
    ///
    /// # Why it matters
    /// Without an issuer Cognito has nothing to discover from, so every endpoint it needs must be given: the
    /// authorize URL to send users to, the token URL to redeem the code, the userinfo URL for attributes and the
    /// JWKS URL to verify the IdP's ID token. With one missing, federated sign-in cannot complete.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { authorize_url = "https://idp.example.com/authorize", token_url = "https://idp.example.com/token" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com", authorize_url = "https://idp.example.com/authorize", token_url = "https://idp.example.com/token" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`oidc_issuer`; manual endpoints "accepted when it can't discover endpoint URLs from
    /// `oidc_issuer`"), §9 ("Either `oidc_issuer` ... or all four manual URLs"); linter-anchors A4, A6.
    pub static RULE = {
        id: "idp-manual-endpoints-incomplete",
        group: Broken,
        severity: Error,
        summary: "an OIDC identity provider has no oidc_issuer and not all four manual endpoints",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        if !is_oidc(idp) {
            continue;
        }
        let Some(located) = &idp.provider_details else {
            continue;
        };
        let Some(map) = located.get() else { continue };
        let given = |k: &str| {
            map.get(k)
                .is_some_and(|v| v.is_unknown() || v.as_str().is_some_and(|s| !s.trim().is_empty()))
        };
        if given("oidc_issuer") {
            continue;
        }
        let missing: Vec<&str> = OIDC_MANUAL_ENDPOINTS
            .iter()
            .copied()
            .filter(|k| !given(k))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let list = missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let msg = if missing.len() == OIDC_MANUAL_ENDPOINTS.len() {
            format!("{} has neither oidc_issuer nor manual endpoints", idp_label(idp))
        } else {
            format!(
                "{} has no oidc_issuer and lacks the manual endpoint(s) {list}",
                idp_label(idp)
            )
        };
        out.push(
            Finding::new(&located.loc, msg)
                .help("set oidc_issuer to the IdP's issuer (Cognito discovers the endpoints), or give all four of authorize_url, token_url, attributes_url and jwks_uri"),
        );
    }
    out
}
