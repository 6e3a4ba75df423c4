use crate::ctx::MappingKey;
use crate::declare_rule;
use crate::rules::support::idp_label;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An `attribute_mapping` key that names a custom attribute carries the exact prefix `custom:`: it is not
    /// written bare (`tenant` when the schema has `custom:tenant`) and not with another letter case
    /// (`Custom:tenant`).
    ///
    /// # Why it matters
    /// Custom attributes exist only under their `custom:` name. Without the prefix Cognito sees an unknown
    /// attribute and refuses the mapping (`AttributeMapping contains invalid mapping`), so the provider cannot
    /// be created, or the attribute is never filled.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// schema_attributes = [{ name = "custom:tenant", attribute_data_type = "String", mutable = true }]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { tenant = "tid" }
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
    /// attribute_mapping = { "custom:tenant" = "tid" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.4 ("Mapped `custom:*` targets must exist in the schema"), §7.4 ("Custom attribute names in
    /// the schema carry the `custom:` prefix"), §8.D29; linter-anchors A6.
    pub static RULE = {
        id: "mapping-custom-prefix",
        group: Broken,
        severity: Error,
        summary: "a custom attribute is mapped without its exact custom: prefix",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in ctx.mapping_entries() {
        let MappingKey::NeedsPrefix(fixed) = &e.class else {
            continue;
        };
        let key = e.attribute;
        out.push(
            Finding::new(
                &e.key.loc,
                format!(
                    "{} maps `{key}`; the custom attribute is named `{fixed}`",
                    idp_label(e.idp)
                ),
            )
            .help(format!("write the key as `{fixed}`"))
            .note("custom attributes exist only under their `custom:` name (cognito-facts §5.4)"),
        );
    }
    out
}
