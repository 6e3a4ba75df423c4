use super::catalogue::fields;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every string field with a pattern in the AWS API model (user pool id, client id and name, client
    /// secret, callback and logout URLs, scopes, names in SupportedIdentityProviders, IdP identifiers, resource
    /// server identifiers and scope names, certificate ARNs) matches that pattern over the whole string. An
    /// identity provider's own name is checked by `provider-name-pattern`.
    ///
    /// # Why it matters
    /// The API rejects the value (`InvalidParameterException: ... failed to satisfy constraint: Member must
    /// satisfy regular expression pattern`), so a deployment fails. The published patterns are unanchored,
    /// but AWS matches them against the whole value (a provider name `My Okta` is rejected by
    /// ProviderNameTypeV2), so this rule does too.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "Web app (prod)"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "Web app - prod"
    /// ```
    ///
    /// # Source
    /// linter-anchors A4 (botocore service model `cognito-idp` 2016-04-18); cognito-facts §2.5, §4, §5.1, §6.
    pub static RULE = {
        id: "api-pattern",
        group: Shape,
        severity: Error,
        summary: "a value does not match its AWS API pattern (full match)",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, value, shape) in fields(ctx).strings {
        let (Some(pattern), Some(v)) = (shape.pattern, value.as_str()) else {
            continue;
        };
        if v.is_empty() {
            continue; // api-length reports empty values.
        }
        if let Err(at) = pattern.check(v) {
            let detail = match v.chars().nth(at) {
                Some(c) => format!("character {:?} at position {} is not allowed", c, at + 1),
                None => "the value is too short for the pattern".to_string(),
            };
            out.push(
                Finding::new(
                    &value.loc,
                    format!(
                        "{field} `{v}` does not match {} `{}`",
                        shape.name,
                        pattern.source()
                    ),
                )
                .help(detail)
                .note("AWS matches the pattern against the whole value and rejects the request otherwise"),
            );
        }
    }
    out
}
