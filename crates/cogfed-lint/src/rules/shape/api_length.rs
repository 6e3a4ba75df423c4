use super::catalogue::fields;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every string field with length bounds in the AWS API model is within them, counted in characters:
    /// client names 1-128, client secrets 24-64, callback and logout URLs 1-1024, scopes 1-256, names in
    /// SupportedIdentityProviders 1-32, IdP identifiers 1-40, attribute mapping keys 1-32, domain prefixes
    /// 1-63, and so on. An identity provider's own name is checked by `provider-name-pattern`.
    ///
    /// # Why it matters
    /// The API rejects values outside the bounds (`Member must have length less than or equal to ...`).
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// client_secret = "tooshort"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// client_secret = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4"
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
