use crate::ctx::MappingKey;
use crate::declare_rule;
use crate::rules::support::idp_label;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every key of an identity provider's `attribute_mapping` is a user pool attribute: a standard attribute
    /// (`email`, `name`, `preferred_username`, ...), `username` (OIDC and social providers only), or a custom
    /// attribute `custom:x` that the pool's schema defines. Attribute names are case-sensitive (`Email` is not
    /// `email`).
    ///
    /// Entries that look inverted are `mapping-direction`'s, a custom attribute written without its `custom:`
    /// prefix is `mapping-custom-prefix`'s. Custom attributes are only checked when the pool's schema is in the
    /// inputs.
    ///
    /// # Why it matters
    /// CreateIdentityProvider refuses the mapping (`InvalidParameterException: AttributeMapping contains invalid
    /// mapping: [custom:foo]`), or sign-in fails with `Invalid user attributes: username: Attribute does not
    /// exist in the schema`, the classic error of mapping `username` on a SAML provider.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// schema_attributes = [{ name = "email", attribute_data_type = "String", mutable = true }]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { "custom:tenant" = "tid", Email = "email" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// schema_attributes = [{ name = "custom:tenant", attribute_data_type = "String", mutable = true }]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { "custom:tenant" = "tid", email = "email" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.4 ("Mapped `custom:*` targets must exist in the schema"), §8.D29, §8.D30, §9
    /// ("AttributeMapping keys are valid pool attributes"); linter-anchors A6; aws-cli issue 9729.
    pub static RULE = {
        id: "mapping-target-unknown",
        group: Broken,
        severity: Error,
        summary: "an attribute mapping targets an attribute the user pool does not have",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in ctx.mapping_entries() {
        {
            let (k, key) = (e.key, e.attribute);
            let label = idp_label(e.idp);
            let f = match &e.class {
                MappingKey::CustomMissing => Finding::new(
                    &k.loc,
                    format!("{label} maps `{key}`, which the user pool's schema does not define"),
                )
                .help(format!(
                    "add the custom attribute `{}` to the pool's schema, or map an existing attribute",
                    key.trim_start_matches("custom:")
                ))
                .note(format!("Cognito answers \"AttributeMapping contains invalid mapping: [{key}]\" (cognito-facts §8.D29)")),
                MappingKey::Unknown(suggestion) if key == "username" => Finding::new(
                    &k.loc,
                    format!("{label} is a SAML provider and maps `username`, which SAML mappings cannot target"),
                )
                .help(format!("map `{}` instead", suggestion.unwrap_or("preferred_username")))
                .note("sign-in fails with \"Invalid user attributes: username: Attribute does not exist in the schema\" (cognito-facts §8.D30)"),
                MappingKey::Unknown(suggestion) => {
                    let f = Finding::new(&k.loc, format!("{label} maps `{key}`, which is not a user pool attribute"));
                    match suggestion {
                        Some(s) => f.help(format!("did you mean `{s}`? attribute names are case-sensitive")),
                        None => f.help("map a standard attribute (email, name, ...) or a `custom:` attribute of the pool"),
                    }
                    .note("Cognito answers \"AttributeMapping contains invalid mapping\" (cognito-facts §8.D29)")
                }
                _ => continue,
            };
            out.push(f);
        }
    }
    out
}
