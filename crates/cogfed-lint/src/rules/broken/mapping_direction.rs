use crate::ctx::MappingKey;
use crate::declare_rule;
use crate::rules::support::idp_label;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An identity provider's `attribute_mapping` goes in the API's direction, **pool attribute = IdP claim**.
    /// An entry whose key is not a pool attribute while its value is one (`emailaddress = "email"`,
    /// `"http://schemas.xmlsoap.org/.../emailaddress" = "email"`) is reported as inverted.
    ///
    /// # Why it matters
    /// Cognito reads each key as the user pool attribute to fill and each value as the claim to read. Inverted,
    /// the keys name attributes that do not exist (`AttributeMapping contains invalid mapping`, or at sign-in
    /// `Invalid user attributes: ... Attribute does not exist in the schema`) and nothing the app needs is
    /// filled. One AWS CLI documentation example shows the mapping inverted, which is where it is usually
    /// copied from.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { emailaddress = "email" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { email = "emailaddress" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.1 ("Key = user pool attribute, value = IdP claim name"), §7.2 ("one AWS CLI doc example
    /// shows AttributeMapping inverted"), §8.D29, §8.D30.
    pub static RULE = {
        id: "mapping-direction",
        group: Broken,
        severity: Error,
        summary: "an attribute mapping entry looks inverted (the API direction is pool attribute = IdP claim)",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in ctx.mapping_entries() {
        let (key, Some(claim)) = (e.attribute, e.claim.as_str()) else {
            continue;
        };
        if e.class != MappingKey::Inverted {
            continue;
        }
        out.push(
            Finding::new(
                &e.key.loc,
                format!(
                    "{} maps `{key}` = `{claim}`: `{key}` is not a user pool attribute but `{claim}` is, so the entry looks inverted",
                    idp_label(e.idp)
                ),
            )
            .help(format!("write it as `{claim}` = `{key}`: the key is the pool attribute, the value the IdP's claim"))
            .note("Cognito rejects unknown target attributes: \"AttributeMapping contains invalid mapping\" (cognito-facts §8.D29)"),
        );
    }
    out
}
