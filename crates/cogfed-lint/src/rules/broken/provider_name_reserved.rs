use crate::de::known_str;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC or SAML identity provider is not named like a built-in provider: `COGNITO` (local users) or a
    /// social provider type (`Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`), in any letter case.
    ///
    /// # Why it matters
    /// The provider name is the `identity_provider` value, the `SupportedIdentityProviders` entry, the prefix
    /// of federated usernames and part of the automatic group name. `COGNITO` already means the pool's own
    /// users, and the social providers are created under their type's name, so a clash makes
    /// `identity_provider=Google` ambiguous and blocks adding the real provider later. Whether the API rejects
    /// such a name outright is not documented (cognito-facts §10), hence a warning.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Google"
    /// provider_type = "OIDC"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "GoogleWorkspace"
    /// provider_type = "OIDC"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`identity_provider` built-in values), §4 (SupportedIdentityProviders), §5.1
    /// (ProviderName, reserved names UNCONFIRMED), §10; linter-anchors A6.
    pub static RULE = {
        id: "provider-name-reserved",
        group: Broken,
        severity: Warning,
        summary: "an OIDC/SAML identity provider is named COGNITO, Google, Facebook, ...",
        check: check,
    };
}

/// Names Cognito uses for its own providers (cognito-facts §1.1, §4).
const RESERVED: &[&str] = &[
    "COGNITO",
    "Google",
    "Facebook",
    "LoginWithAmazon",
    "SignInWithApple",
];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        let Some(kind) = known_str(&idp.provider_type) else {
            continue;
        };
        if kind != "OIDC" && kind != "SAML" {
            continue;
        }
        let Some(name_at) = idp.provider_name.as_ref() else {
            continue;
        };
        let Some(name) = name_at.as_str() else { continue };
        let Some(reserved) = RESERVED.iter().find(|r| r.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let meaning = if *reserved == "COGNITO" {
            "the pool's own (local) users".to_string()
        } else {
            format!("the built-in {reserved} social provider")
        };
        out.push(
            Finding::new(
                &name_at.loc,
                format!("the {kind} identity provider is named `{name}`, the name of {meaning}"),
            )
            .help(format!(
                "give it a name of its own, such as `{name}{kind}`, and update SupportedIdentityProviders and identity_provider"
            ))
            .note("the name is the identity_provider value and the prefix of federated usernames (cognito-facts §5.1)"),
        );
    }
    out
}
