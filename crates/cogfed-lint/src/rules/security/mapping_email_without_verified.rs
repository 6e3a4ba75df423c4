use crate::declare_rule;
use crate::rules::support::{idp_label, mapping};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider (or Google, or Sign in with Apple, which send the claim too) that maps the pool's
    /// `email` also maps `email_verified`. SAML, Facebook and Login with Amazon providers have no such claim and
    /// are not checked.
    ///
    /// # Why it matters
    /// Cognito marks a federated email as unverified unless `email_verified` is mapped, and a mapped address
    /// cannot be verified with a code. ID tokens then say `email_verified: false`: apps that rightly require a
    /// verified address refuse the user, and apps that ignore the flag and link or authorise accounts by email
    /// trust an address nobody verified (the "nOAuth" class of account takeover).
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { username = "sub", email = "email" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { username = "sub", email = "email", email_verified = "email_verified" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.4 ("Mapped email addresses are unverified unless you also map `email_verified`"),
    /// §8.D32, §9 ("`email` is mapped together with `email_verified`"); linter-anchors A4 (security angle,
    /// nOAuth), A6.
    pub static RULE = {
        id: "mapping-email-without-verified",
        group: Security,
        severity: Warning,
        summary: "email is mapped from the IdP without email_verified",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        let applies = match &idp.provider_type {
            None => true,
            Some(t) => matches!(t.as_str(), Some("OIDC" | "Google" | "SignInWithApple")),
        };
        if !applies {
            continue;
        }
        let Some(map) = mapping(idp) else { continue };
        if map.iter().any(|(k, _)| k.is_unknown()) || map.get("email_verified").is_some() {
            continue;
        }
        let Some((key, _)) = map.entry("email") else {
            continue;
        };
        out.push(
            Finding::new(
                &key.loc,
                format!("{} maps `email` but not `email_verified`: every federated email will be unverified", idp_label(idp)),
            )
            .help("also map `email_verified` = `email_verified` (most OIDC IdPs release it with the email scope)")
            .note("ID tokens then carry email_verified=false, and an unverified address must not be trusted for account linking (cognito-facts §5.4, §8.D32)"),
        );
    }
    out
}
