use crate::de::items;
use crate::declare_rule;
use crate::model::List;
use crate::rules::client_facts::{requested_scopes, rp_label, scope_problem};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every scope the SPA or a relying party requests is a well-formed OAuth scope: printable ASCII without
    /// space, `"` or `\` (ScopeType `[\x21\x23-\x5B\x5D-\x7E]+`), at most 256 characters, and not a
    /// comma-separated list such as `openid,email`. An entry `"openid email"` counts as two scopes, because
    /// clients join the list with spaces. A client's own `AllowedOAuthScopes` are checked by `api-pattern`
    /// and `custom-scope-undefined`.
    ///
    /// # Why it matters
    /// Cognito splits `scope` on spaces only: `openid,email` is one unknown scope, and the authorize request
    /// comes back with `error=invalid_request&error_description=invalid_scope`. Commas are what Pomerium's
    /// `IDP_SCOPES` and many env files use, so one layer too many turns a list into a single string.
    ///
    /// # Example
    /// ```toml
    /// [spa]
    /// scopes = ["openid,email"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [spa]
    /// scopes = ["openid", "email"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`scope`: space-separated; `invalid_scope`), §8.A3; linter-anchors A4 (ScopeType);
    /// RFC 6749 §3.3 (scope-token syntax).
    pub static RULE = {
        id: "scope-syntax",
        group: Broken,
        severity: Error,
        summary: "a requested scope is malformed (comma list, quote, non-ASCII)",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(spa) = ctx.spa() {
        check_list(&spa.scopes, "the SPA", &mut out);
    }
    for (rp, _) in ctx.relying_parties() {
        check_list(&rp.scopes, &rp_label(rp), &mut out);
    }
    out
}

fn check_list(list: &List<String>, who: &str, out: &mut Vec<Finding>) {
    for entry in items(list) {
        let Some(value) = entry.as_str() else { continue };
        for scope in requested_scopes(value) {
            let Some(problem) = scope_problem(scope) else {
                continue;
            };
            let help = if scope.contains(',') {
                let parts: Vec<String> = scope
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("\"{p}\""))
                    .collect();
                format!("list each scope on its own: [{}]", parts.join(", "))
            } else {
                "scopes are printable ASCII without spaces, quotes or backslashes".to_string()
            };
            out.push(
                Finding::new(&entry.loc, format!("{who} requests a malformed scope: {problem}"))
                    .help(help)
                    .note("Cognito answers error=invalid_request&error_description=invalid_scope (cognito-facts §8.A3)"),
            );
        }
    }
}
