use crate::declare_rule;
use crate::rules::support::{details, idp_label, is_oidc, scope_tokens};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider's `provider_details.authorize_scopes` contains the scope `openid` (exactly, in
    /// lower case). Separators are rule `idp-scopes-not-space-separated`'s; a missing or empty value is
    /// `idp-details-missing-key`'s.
    ///
    /// # Why it matters
    /// Without `openid` the IdP runs plain OAuth 2.0 and returns no ID token, which Cognito needs (it checks the
    /// ID token's issuer, audience and signature, cognito-facts §5.3), so federated sign-in fails. `email`,
    /// `profile` and `phone` are also only meaningful with `openid`.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { authorize_scopes = "email profile" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { authorize_scopes = "openid email profile" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`authorize_scopes` "must include `openid`"), §9; linter-anchors A4 ("Scope `openid` is
    /// required"), A6; the Beyond Identity and Idura Verify guides (seeds): "enter `openid` followed by other
    /// scopes".
    pub static RULE = {
        id: "idp-scopes-missing-openid",
        group: Broken,
        severity: Error,
        summary: "an OIDC identity provider's authorize_scopes lacks openid",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        if !is_oidc(idp) {
            continue;
        }
        let Some(v) = details(idp).and_then(|d| d.get("authorize_scopes")) else {
            continue;
        };
        let Some(scopes) = v.as_str() else { continue };
        if scopes.trim().is_empty() || scope_tokens(scopes).any(|s| s == "openid") {
            continue;
        }
        let cased = scope_tokens(scopes).find(|s| s.eq_ignore_ascii_case("openid"));
        let help = match cased {
            Some(c) => format!("scopes are case-sensitive: write `{c}` as `openid`"),
            None => format!("use `openid {}`", scopes.trim()),
        };
        out.push(
            Finding::new(
                &v.loc,
                format!(
                    "authorize_scopes `{scopes}` of {} does not contain `openid`",
                    idp_label(idp)
                ),
            )
            .help(help)
            .note("without openid the IdP returns no ID token and Cognito cannot complete the federation"),
        );
    }
    out
}
