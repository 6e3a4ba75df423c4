use crate::declare_rule;
use crate::model::TerraformSource;
use crate::rules::support::{SOCIAL_READ_ONLY, details, idp_label, provider_type};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A Google, Facebook, Login with Amazon or Sign in with Apple identity provider written in Terraform
    /// (`aws_cognito_identity_provider`, in a configuration or a plan) either lists in `provider_details` every
    /// key Cognito fills in for such providers (`attributes_url`, `attributes_url_add_attributes`,
    /// `authorize_url`, `oidc_issuer`, `token_request_method`, `token_url`), or tells Terraform to leave
    /// `provider_details` alone with `lifecycle { ignore_changes = [provider_details] }`.
    ///
    /// A state (`terraform show -json` of a state) holds what Cognito returned and is not checked; OIDC and
    /// SAML providers are not checked.
    ///
    /// # Why it matters
    /// Cognito adds those keys to a social provider's details when it creates it and returns them when
    /// Terraform reads the provider back. Terraform compares them with the configuration, which lacks them,
    /// and plans to remove them on every run: a perpetual diff that never converges, hides real changes in
    /// the plan, and fails "no changes expected" checks in CI.
    ///
    /// # Example
    /// ```hcl
    /// resource "aws_cognito_identity_provider" "google" {
    ///   user_pool_id  = aws_cognito_user_pool.main.id
    ///   provider_name = "Google"
    ///   provider_type = "Google"
    ///   provider_details = {
    ///     client_id        = "1234.apps.googleusercontent.com"
    ///     client_secret    = var.google_client_secret
    ///     authorize_scopes = "openid email profile"
    ///   }
    /// }
    /// ```
    ///
    /// # Fix
    /// ```hcl
    /// resource "aws_cognito_identity_provider" "google" {
    ///   user_pool_id  = aws_cognito_user_pool.main.id
    ///   provider_name = "Google"
    ///   provider_type = "Google"
    ///   provider_details = {
    ///     client_id        = "1234.apps.googleusercontent.com"
    ///     client_secret    = var.google_client_secret
    ///     authorize_scopes = "openid email profile"
    ///   }
    ///   lifecycle {
    ///     ignore_changes = [provider_details]
    ///   }
    /// }
    /// ```
    /// (Declaring Cognito's values for the six keys also stops the diff, but `idp-details-unknown-key` then
    /// reports them as read-only: prefer `ignore_changes`.)
    ///
    /// # Source
    /// cognito-facts §5.2 (keys Cognito fills in for Google and Apple, "the source of Terraform's perpetual
    /// diff"), §7.7 (`aws_cognito_identity_provider`: known perpetual diff, workaround `ignore_changes`),
    /// §8.E41 (terraform-provider-aws issues 4831 and 42157).
    pub static RULE = {
        id: "idp-details-perpetual-diff",
        group: Hygiene,
        severity: Warning,
        summary: "a Terraform social identity provider lacks the provider_details keys Cognito adds: a perpetual diff",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, loc) in ctx.identity_providers() {
        let Some(tf) = &idp.terraform else { continue };
        if tf.source == TerraformSource::State || tf.ignores("provider_details") {
            continue;
        }
        let Some(ptype) = provider_type(idp) else { continue };
        if !matches!(
            ptype,
            "Google" | "Facebook" | "LoginWithAmazon" | "SignInWithApple"
        ) {
            continue;
        }
        let Some(map) = details(idp) else { continue };
        let missing: Vec<&str> = SOCIAL_READ_ONLY
            .iter()
            .copied()
            .filter(|k| map.get(k).is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let at = idp.provider_details.as_ref().map_or(loc, |d| &d.loc);
        out.push(
            Finding::new(
                at,
                format!(
                    "{} ({ptype}) will show a change on every plan: Cognito adds {} to its provider_details",
                    idp_label(idp),
                    missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .help("add `lifecycle { ignore_changes = [provider_details] }` to the resource")
            .note(format!(
                "{} reads the provider back with the keys Cognito filled in and plans to remove them (cognito-facts §7.7, §8.E41)",
                tf.address
            )),
        );
    }
    out
}
