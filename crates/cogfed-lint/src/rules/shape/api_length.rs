use super::catalogue::fields;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every string field with length bounds in the AWS API model is within them, counted in characters:
    /// client names 1-128, client secrets 24-64, callback and logout URLs 1-1024, scopes 1-256, provider
    /// names 1-32, IdP identifiers 1-40, attribute mapping keys 1-32, domain prefixes 1-63, and so on.
    ///
    /// # Why it matters
    /// The API rejects values outside the bounds (`Member must have length less than or equal to ...`).
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorporateDirectoryOpenIDConnectProvider"
    /// provider_type = "OIDC"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorpOIDC"
    /// provider_type = "OIDC"
    /// ```
    ///
    /// # Source
    /// linter-anchors A4 (botocore service model); cognito-facts §2.5, §4, §5.1, §6.
    pub static RULE = {
        id: "api-length",
        group: Shape,
        severity: Error,
        summary: "a value is shorter or longer than its AWS API shape allows",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, value, shape) in fields(ctx).strings {
        let Some(v) = value.as_str() else { continue };
        if !shape.values.is_empty() {
            continue; // enums: api-enum.
        }
        let len = v.chars().count();
        if len < shape.min || len > shape.max {
            let bound = if len < shape.min {
                format!("at least {}", shape.min)
            } else {
                format!("at most {}", shape.max)
            };
            out.push(Finding::new(
                &value.loc,
                format!("{field} is {len} characters long; {} allows {bound}", shape.name),
            ));
        }
    }
    out
}
