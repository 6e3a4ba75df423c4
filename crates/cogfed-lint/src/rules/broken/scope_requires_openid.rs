use crate::de::{Loc, Located, items};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Wherever scopes are listed (a client's `AllowedOAuthScopes`, the SPA's and relying parties' requested
    /// scopes), `email`, `profile` and `phone` appear only together with `openid`.
    ///
    /// # Why it matters
    /// Cognito grants `email`, `phone` and `profile` only with `openid`, and returns an ID token only when
    /// `openid` is requested. A request for `email profile` alone fails with `invalid_scope`
    /// (observed as `error=invalid_request&error_description=invalid_scope`).
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["email", "profile"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "email", "profile"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1, §4 (AllowedOAuthScopes), §8.A3, §9; linter-anchors A4 (AllowedOAuthScopes values).
    pub static RULE = {
        id: "scope-requires-openid",
        group: Broken,
        severity: Error,
        summary: "email/profile/phone scopes without openid",
        check: check,
    };
}

const NEEDS_OPENID: &[&str] = &["email", "profile", "phone"];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        check_list(
            &client.allowed_oauth_scopes,
            &format!("AllowedOAuthScopes of {}", ctx.client_label(index)),
            &mut out,
        );
    }
    if let Some(spa) = ctx.spa() {
        check_list(&spa.scopes, "the SPA's requested scopes", &mut out);
    }
    for (rp, _) in ctx.relying_parties() {
        let name = rp
            .name
            .as_ref()
            .and_then(Located::as_str)
            .unwrap_or("relying party");
        check_list(&rp.scopes, &format!("the scopes {name} requests"), &mut out);
    }
    out
}

fn check_list(list: &Option<Located<Vec<Located<String>>>>, what: &str, out: &mut Vec<Finding>) {
    let scopes = items(list);
    if scopes.iter().any(Located::is_unknown) || scopes.iter().any(|s| s.as_str() == Some("openid")) {
        return;
    }
    let offending: Vec<(&str, &Loc)> = scopes
        .iter()
        .filter_map(|s| {
            s.as_str()
                .filter(|v| NEEDS_OPENID.contains(v))
                .map(|v| (v, &s.loc))
        })
        .collect();
    let Some((first, loc)) = offending.first() else {
        return;
    };
    let names: Vec<String> = offending.iter().map(|(v, _)| format!("`{v}`")).collect();
    out.push(
        Finding::new(
            loc,
            format!("{what} include {} but not `openid`", names.join(", ")),
        )
        .help(format!("add `openid` next to `{first}`"))
        .note("Cognito grants email/phone/profile only with openid and answers invalid_scope otherwise"),
    );
}
