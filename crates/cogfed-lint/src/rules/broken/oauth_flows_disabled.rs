use crate::de::{Located, items};
use crate::declare_rule;
use crate::rules::client_facts::client_users;
use crate::rules::support::missing;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client with OAuth settings (allowed OAuth flows or scopes, callback or logout URLs), or one that the SPA
    /// or a relying party signs in with, has `AllowedOAuthFlowsUserPoolClient = true`. Absent counts as false,
    /// the default of the API, the CLI, CloudFormation and Terraform.
    ///
    /// # Why it matters
    /// The flag switches the client's OAuth 2.0 features on: while it is false, Cognito ignores the flows,
    /// scopes and URLs (or refuses to store them), `/oauth2/authorize` redirects to
    /// `/error?error=invalid_request` or answers `unauthorized_client`, and only SDK sign-in (`InitiateAuth`)
    /// works. CDK sets it for you; raw CloudFormation, Terraform and the CLI do not.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["code"]
    /// allowed_oauth_scopes = ["openid"]
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows_user_pool_client = true
    /// allowed_oauth_flows = ["code"]
    /// allowed_oauth_scopes = ["openid"]
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (AllowedOAuthFlowsUserPoolClient: "Must be true ... Defaults to false"), §8.A2, §9;
    /// linter-anchors A4 (doc string), A6.
    pub static RULE = {
        id: "oauth-flows-disabled",
        group: Broken,
        severity: Error,
        summary: "AllowedOAuthFlowsUserPoolClient is not true on a client that uses OAuth",
        check: check,
    };
}

fn non_empty(list: &Option<Located<Vec<Located<String>>>>) -> bool {
    !items(list).is_empty()
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let users = client_users(ctx);
    let mut out = Vec::new();
    for &(index, client, client_loc) in ctx.clients() {
        let at = match &client.allowed_oauth_flows_user_pool_client {
            Some(flag) => match flag.get() {
                Some(true) | None => continue,
                Some(false) => flag.loc.clone(),
            },
            None => missing(
                client_loc,
                "allowed_oauth_flows_user_pool_client",
                "AllowedOAuthFlowsUserPoolClient",
            ),
        };
        let settings: Vec<&str> = [
            ("AllowedOAuthFlows", non_empty(&client.allowed_oauth_flows)),
            ("AllowedOAuthScopes", non_empty(&client.allowed_oauth_scopes)),
            ("CallbackURLs", non_empty(&client.callback_urls)),
            ("LogoutURLs", non_empty(&client.logout_urls)),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect();
        let user = users.iter().find(|u| u.client == index);
        let why = match (settings.is_empty(), user) {
            (false, _) => format!("it sets {}", settings.join(", ")),
            (true, Some(u)) => format!("{} signs in with it", u.label),
            (true, None) => continue,
        };
        let state = if client.allowed_oauth_flows_user_pool_client.is_some() {
            "false"
        } else {
            "not set (false by default)"
        };
        let mut f = Finding::new(
            &at,
            format!(
                "AllowedOAuthFlowsUserPoolClient of {} is {state}, but {why}",
                ctx.client_label(index)
            ),
        )
        .help("set allowed_oauth_flows_user_pool_client = true (CloudFormation/API: AllowedOAuthFlowsUserPoolClient: true)")
        .note("while it is false only SDK sign-in works; /oauth2/authorize fails with invalid_request or unauthorized_client (cognito-facts §8.A2)");
        if let Some(u) = user {
            f = f.related(u.loc, format!("{} uses this client", u.label));
        }
        out.push(f);
    }
    out
}
