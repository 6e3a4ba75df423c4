use crate::de::known;
use crate::declare_rule;
use crate::rules::support::idp_label;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No identity provider maps an immutable attribute: one whose schema entry says `mutable = false`, or `sub`,
    /// which Cognito assigns itself.
    ///
    /// # Why it matters
    /// Cognito writes mapped attributes on every federated sign-in. An immutable attribute can be written once,
    /// when the user is created; from the second sign-in on the update is refused ("Attribute cannot be
    /// updated") and the user cannot sign in again. Mutability cannot be changed after the pool is created, so
    /// the fix is to map a different (mutable) attribute.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// schema_attributes = [{ name = "custom:tenant", attribute_data_type = "String", mutable = false }]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { "custom:tenant" = "tid" }
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
    /// cognito-facts §5.4 ("Mapped attributes must be mutable ... effectively allows only the first sign-in"),
    /// §8.D31, §9 ("custom ones ... are mutable"); linter-anchors A4 (attribute mapping rules).
    pub static RULE = {
        id: "mapping-target-immutable",
        group: Broken,
        severity: Error,
        summary: "an attribute mapping targets an immutable attribute, so only the first sign-in works",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in ctx.mapping_entries() {
        if !e.class.is_valid_target() {
            continue;
        }
        let key = e.attribute;
        let declared = ctx.schema.as_ref().and_then(|s| s.get(key));
        let immutable = key == "sub" || declared.is_some_and(|a| known(&a.mutable) == Some(&false));
        if !immutable {
            continue;
        }
        let what = if key == "sub" {
            "which Cognito assigns itself and never lets a mapping write"
        } else {
            "which is immutable: Cognito can set it only once"
        };
        let mut f = Finding::new(&e.key.loc, format!("{} maps `{key}`, {what}", idp_label(e.idp)))
            .help("map a mutable attribute instead (mutability cannot be changed after the pool is created)")
            .note("from the second federated sign-in on Cognito fails with \"Attribute cannot be updated\" (cognito-facts §5.4, §8.D31)");
        if let Some(m) = declared.and_then(|a| a.mutable.as_ref()) {
            f = f.related(&m.loc, "declared immutable here");
        }
        out.push(f);
    }
    out
}
