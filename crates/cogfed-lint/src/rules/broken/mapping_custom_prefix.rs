use crate::declare_rule;
use crate::rules::support::{
    MappingKey, classify_mapping_key, idp_label, mapping, provider_type, schema, schema_complete,
};
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
    let schema = schema(ctx);
    let complete = schema_complete(ctx);
    for (idp, _) in ctx.identity_providers() {
        let Some(map) = mapping(idp) else { continue };
        for (k, v) in map.iter() {
            let Some(key) = k.as_str() else { continue };
            let MappingKey::NeedsPrefix(fixed) =
                classify_mapping_key(key, v.as_str(), provider_type(idp), schema.as_ref(), complete)
            else {
                continue;
            };
            out.push(
                Finding::new(
                    &k.loc,
                    format!(
                        "{} maps `{key}`; the custom attribute is named `{fixed}`",
                        idp_label(idp)
                    ),
                )
                .help(format!("write the key as `{fixed}`"))
                .note("custom attributes exist only under their `custom:` name (cognito-facts §5.4)"),
            );
        }
    }
    out
}
