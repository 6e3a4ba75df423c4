use super::catalogue::fields;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// Every enumerated field holds one of its allowed values, with the exact spelling and case:
    /// `AllowedOAuthFlows` (`code`, `implicit`, `client_credentials`), `ExplicitAuthFlows`, token validity
    /// units, `PreventUserExistenceErrors`, `RefreshTokenRotation.Feature`, `ProviderType`, TLS security
    /// policies, username and alias attributes, user pool tier, issuer type, and so on.
    ///
    /// # Why it matters
    /// The API rejects unknown values (`Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint`);
    /// `token` is a classic: the flow is called `implicit` in Cognito.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["token"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["code"]
    /// ```
    ///
    /// # Source
    /// linter-anchors A4 (botocore service model); cognito-facts §4, §8.E40.
    pub static RULE = {
        id: "api-enum",
        group: Shape,
        severity: Error,
        summary: "a value is not one of the values its AWS API enum allows",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, value, shape) in fields(ctx).strings {
        let Some(v) = value.as_str() else { continue };
        if shape.values.is_empty() || shape.values.contains(&v) {
            continue;
        }
        let mut f = Finding::new(&value.loc, format!("{field} `{v}` is not a valid {}", shape.name));
        let exact_case = shape.values.iter().find(|a| a.eq_ignore_ascii_case(v));
        f = match exact_case
            .copied()
            .or_else(|| suggest(v, shape.values.iter().copied()))
        {
            Some(s) => f.help(format!("did you mean `{s}`?")),
            None => f.help(format!("allowed values: {}", shape.values.join(", "))),
        };
        if v == "token" && shape.name == "OAuthFlowType" {
            f = f.note("the implicit grant is called `implicit` in Cognito, and a browser client should use `code` with PKCE");
        }
        out.push(f);
    }
    out
}
