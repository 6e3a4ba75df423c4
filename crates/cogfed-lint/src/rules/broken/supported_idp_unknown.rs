use crate::ctx::BUILTIN_PROVIDERS;
use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// Every name in a client's `SupportedIdentityProviders` is `COGNITO` or the `provider_name` of an identity
    /// provider defined in the inputs (social providers such as `Google` are identity providers too), with the
    /// exact letter case. The rule runs when the inputs hold every identity provider of the pool (a template or
    /// manifest that defines the pool or lists `identity_providers`, or `list-identity-providers` output), so a
    /// describe-user-pool-client output, whose providers exist, is not misjudged.
    ///
    /// # Why it matters
    /// Creating the client fails with "The provider X does not exist for User Pool Y" (often an ordering bug in
    /// CloudFormation/CDK/Terraform), and an `identity_provider` the client does not support shows "Login
    /// option is not available".
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorpOIDC"
    /// provider_type = "OIDC"
    ///
    /// [[clients]]
    /// client_name = "web"
    /// supported_identity_providers = ["COGNITO", "corpoidc"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorpOIDC"
    /// provider_type = "OIDC"
    ///
    /// [[clients]]
    /// client_name = "web"
    /// supported_identity_providers = ["COGNITO", "CorpOIDC"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (SupportedIdentityProviders), §8.A4; linter-anchors A4 (SupportedIdentityProviders),
    /// A6.
    pub static RULE = {
        id: "supported-idp-unknown",
        group: Broken,
        severity: Error,
        summary: "SupportedIdentityProviders names an identity provider that does not exist",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    // Only decidable when the inputs hold every provider of the pool: describe-user-pool-client output names
    // providers that exist (Cognito refuses an unknown one) but whose descriptions may not be among the inputs.
    if ctx.provider_names_incomplete {
        return out;
    }
    let candidates: Vec<&str> = BUILTIN_PROVIDERS
        .iter()
        .copied()
        .chain(ctx.provider_names.iter().copied())
        .collect();
    for &(index, client, _) in ctx.clients() {
        for name in items(&client.supported_identity_providers) {
            let Some(n) = name.as_str() else { continue };
            if BUILTIN_PROVIDERS.contains(&n) || ctx.provider_names.contains(n) {
                continue;
            }
            let mut f = Finding::new(
                &name.loc,
                format!(
                    "{} lists identity provider `{n}`, which is not defined",
                    ctx.client_label(index)
                ),
            );
            let same_case = candidates.iter().find(|c| c.eq_ignore_ascii_case(n));
            f = match same_case
                .copied()
                .or_else(|| suggest(n, candidates.iter().copied()))
            {
                Some(c) => f.help(format!("did you mean `{c}`? provider names are case-sensitive")),
                None => f.help(format!(
                    "define an identity provider named `{n}` (and create it before the client)"
                )),
            };
            out.push(f);
        }
    }
    out
}
