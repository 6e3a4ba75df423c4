use crate::de::{Located, items};
use crate::declare_rule;
use crate::rules::client_facts::{allows_flow, client_users};
use crate::rules::support::missing;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The app client that the SPA or a relying party signs in with allows the authorization code flow:
    /// `code` is in its `AllowedOAuthFlows`. The SPA (cogfed-auth) and every relying party (Pomerium,
    /// FusionAuth, Cloudentity, ...) use `response_type=code`.
    ///
    /// # Why it matters
    /// Cognito refuses an authorization request whose `response_type` the client does not allow:
    /// `error=unauthorized_client` on the redirect, or `/error?error=invalid_request` when the client has no
    /// OAuth flows at all. With only `implicit`, tokens would come back in the URL fragment, which the SPA
    /// does not accept (and should not: RFC 9700).
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["implicit"]
    /// callback_urls = ["https://app.example.com/callback"]
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["code"]
    /// callback_urls = ["https://app.example.com/callback"]
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`response_type`, `unauthorized_client`), §4 (AllowedOAuthFlows), §8.A2, §9 (SPA
    /// client: "AllowedOAuthFlows ⊇ code").
    pub static RULE = {
        id: "code-flow-not-allowed",
        group: Broken,
        severity: Error,
        summary: "the client the SPA or a relying party uses does not allow the code flow",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let users = client_users(ctx);
    let mut out = Vec::new();
    let mut reported = std::collections::HashSet::new();
    for user in &users {
        if !reported.insert(user.client) {
            continue; // one finding per client, naming every user.
        }
        let Some(client) = ctx.client(user.client) else {
            continue;
        };
        let Some(client_loc) = ctx.integration.clients.get(user.client).map(|c| &c.loc) else {
            continue;
        };
        let at = match &client.allowed_oauth_flows {
            Some(list)
                if list.is_unknown() || list.get().is_some_and(|l| l.iter().any(Located::is_unknown)) =>
            {
                continue;
            }
            Some(list) => list.loc.clone(),
            None => missing(client_loc, "allowed_oauth_flows", "AllowedOAuthFlows"),
        };
        if allows_flow(client, "code") {
            continue;
        }
        let who: Vec<&str> = users
            .iter()
            .filter(|u| u.client == user.client)
            .map(|u| u.label.as_str())
            .collect();
        let flows: Vec<String> = items(&client.allowed_oauth_flows)
            .iter()
            .filter_map(Located::as_str)
            .map(|f| format!("`{f}`"))
            .collect();
        let allowed = if flows.is_empty() {
            "no OAuth flow".to_string()
        } else {
            format!("only {}", flows.join(", "))
        };
        out.push(
            Finding::new(
                &at,
                format!(
                    "{} signs in with {}, which allows {allowed}, not `code`",
                    who.join(" and "),
                    ctx.client_label(user.client)
                ),
            )
            .related(user.loc, "the client is named here")
            .help("add `code` to AllowedOAuthFlows (and drop `implicit`)")
            .note("Cognito answers response_type=code with unauthorized_client (cognito-facts §1.1, §8.A2)"),
        );
    }
    out
}
