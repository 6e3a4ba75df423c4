use crate::de::{Located, items};
use crate::declare_rule;
use crate::rules::client_facts::{client_users, list_complete, requested_scopes, scope_problem};
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// Every scope the SPA or a relying party requests is in the `AllowedOAuthScopes` of the app client it
    /// signs in with (exact, case-sensitive). Malformed scopes are left to `scope-syntax`.
    ///
    /// # Why it matters
    /// Cognito does not drop a scope the client is not allowed: the authorize request fails and the browser
    /// comes back with `error=invalid_request&error_description=invalid_scope` (older documentation said such
    /// scopes are ignored; observed behaviour says otherwise). A client with no allowed scopes refuses every
    /// scoped request.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "email"]
    ///
    /// [spa]
    /// client_id = "web"
    /// scopes = ["openid", "email", "profile"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "email", "profile"]
    ///
    /// [spa]
    /// client_id = "web"
    /// scopes = ["openid", "email", "profile"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`scope`: "treat an unallowed scope as an error"), §6 (behaviour), §8.A3, §9 (SPA
    /// client: "Every requested scope is in AllowedOAuthScopes").
    pub static RULE = {
        id: "scope-not-allowed",
        group: Broken,
        severity: Error,
        summary: "a requested scope is not in the client's AllowedOAuthScopes",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for user in client_users(ctx) {
        let Some(client) = ctx.client(user.client) else {
            continue;
        };
        if !list_complete(&client.allowed_oauth_scopes) {
            continue;
        }
        let allowed: Vec<&str> = items(&client.allowed_oauth_scopes)
            .iter()
            .filter_map(Located::as_str)
            .collect();
        let label = ctx.client_label(user.client);
        for entry in items(user.scopes) {
            let Some(value) = entry.as_str() else { continue };
            for scope in requested_scopes(value) {
                if allowed.contains(&scope) || scope_problem(scope).is_some() {
                    continue;
                }
                let mut f = Finding::new(
                    &entry.loc,
                    format!(
                        "{} requests scope `{scope}`, which {label} does not allow",
                        user.label
                    ),
                );
                f = match &client.allowed_oauth_scopes {
                    Some(list) => f.related(&list.loc, "AllowedOAuthScopes"),
                    None => match ctx.integration.clients.get(user.client) {
                        Some(c) => f.related(&c.loc, "the client allows no scopes"),
                        None => f,
                    },
                };
                let same_case = allowed.iter().find(|a| a.eq_ignore_ascii_case(scope));
                f = match same_case
                    .copied()
                    .or_else(|| suggest(scope, allowed.iter().copied()))
                {
                    Some(a) => f.help(format!(
                        "did you mean `{a}`? otherwise add `{scope}` to AllowedOAuthScopes of {label}"
                    )),
                    None => f.help(format!(
                        "add `{scope}` to AllowedOAuthScopes of {label}, or stop requesting it"
                    )),
                };
                out.push(f.note(
                    "Cognito answers error=invalid_request&error_description=invalid_scope (cognito-facts §8.A3)",
                ));
            }
        }
    }
    out
}
