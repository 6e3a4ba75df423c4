use crate::declare_rule;
use crate::rules::support::{details, idp_label, is_oidc, scope_tokens};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider's `provider_details.authorize_scopes` separates scopes with single spaces: no
    /// commas, semicolons, `+` signs (a URL-encoded space copied from a browser) or tabs and line breaks.
    ///
    /// # Why it matters
    /// Cognito sends the value as the `scope` parameter to the IdP, where scopes are separated by spaces
    /// (RFC 6749 §3.3). `openid,email` is one unknown scope to the IdP: it answers `invalid_scope`, or ignores it
    /// and returns no ID token, and federated sign-in fails. (Facebook's `public_profile, email` is a social
    /// provider and not checked.)
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { authorize_scopes = "openid,email,profile" }
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
    /// cognito-facts §5.2 (`authorize_scopes`: "space-separated"); linter-anchors A4 ("space-separated, e.g.
    /// `openid profile email`"), A6; RFC 6749 §3.3; the Beyond Identity guide (seed): "space delimited".
    pub static RULE = {
        id: "idp-scopes-not-space-separated",
        group: Broken,
        severity: Error,
        summary: "an OIDC identity provider's authorize_scopes is not space-separated",
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
        let bad = scopes
            .trim()
            .chars()
            .find(|c| matches!(c, ',' | ';' | '+') || (c.is_whitespace() && *c != ' '));
        let Some(sep) = bad else { continue };
        let fixed = scope_tokens(scopes).collect::<Vec<_>>().join(" ");
        out.push(
            Finding::new(
                &v.loc,
                format!(
                    "authorize_scopes `{scopes}` of {} separates scopes with {sep:?}",
                    idp_label(idp)
                ),
            )
            .help(format!("use `{fixed}`"))
            .note("the IdP reads the scope parameter as space-separated (RFC 6749 §3.3)"),
        );
    }
    out
}
