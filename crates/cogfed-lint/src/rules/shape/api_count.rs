use super::catalogue::fields;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Lists stay within the sizes the AWS API allows: at most 100 callback URLs and 100 logout URLs per
    /// client, 50 allowed OAuth scopes, 3 OAuth flows, 50 IdP identifiers per identity provider and 100 scopes
    /// per resource server.
    ///
    /// # Why it matters
    /// Longer lists are rejected (`Member must have length less than or equal to 100`), so the deployment fails
    /// exactly when a growing list of preview environments crosses the limit.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["code", "implicit", "code", "implicit"]
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
    /// linter-anchors A4 (CallbackURLsListType, ScopeListType, OAuthFlowsType, IdpIdentifiersListType,
    /// ResourceServerScopeListType); cognito-facts §4 (quotas), §6.
    pub static RULE = {
        id: "api-count",
        group: Shape,
        severity: Error,
        summary: "a list has more (or fewer) items than its AWS API shape allows",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, loc, len, shape) in fields(ctx).lists {
        let len = len as i64;
        if len > shape.max {
            out.push(Finding::new(
                loc,
                format!(
                    "{field} has {len} items; {} allows at most {}",
                    shape.name, shape.max
                ),
            ));
        } else if len < shape.min {
            out.push(Finding::new(
                loc,
                format!(
                    "{field} has {len} items; {} needs at least {}",
                    shape.name, shape.min
                ),
            ));
        }
    }
    out
}
