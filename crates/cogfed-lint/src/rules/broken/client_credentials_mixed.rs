use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client that allows `client_credentials` allows no other OAuth flow (`code`, `implicit`).
    ///
    /// # Why it matters
    /// Cognito refuses the client: `InvalidOAuthFlowException: client_credentials flow can not be selected
    /// along with code flow or implicit flow`. Machine-to-machine access and user sign-in need separate app
    /// clients (the first with a secret, the second, for a browser, without).
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "api"
    /// generate_secret = true
    /// allowed_oauth_flows = ["code", "client_credentials"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "api"
    /// generate_secret = true
    /// allowed_oauth_flows = ["client_credentials"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (AllowedOAuthFlows: "`client_credentials` must be the only flow"), §8.E37;
    /// linter-anchors A4 (AllowedOAuthFlows doc string), A6.
    pub static RULE = {
        id: "client-credentials-mixed",
        group: Broken,
        severity: Error,
        summary: "client_credentials is allowed together with code or implicit",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let flows = items(&client.allowed_oauth_flows);
        let Some(cc) = flows.iter().find(|f| f.as_str() == Some("client_credentials")) else {
            continue;
        };
        let others: Vec<_> = flows
            .iter()
            .filter(|f| matches!(f.as_str(), Some("code" | "implicit")))
            .collect();
        let Some(first) = others.first() else { continue };
        let names: Vec<String> = others
            .iter()
            .filter_map(|f| f.as_str())
            .map(|f| format!("`{f}`"))
            .collect();
        out.push(
            Finding::new(
                &cc.loc,
                format!(
                    "{} allows `client_credentials` together with {}",
                    ctx.client_label(index),
                    names.join(" and ")
                ),
            )
            .related(&first.loc, "a user flow on the same client")
            .help("use one app client (with a secret) for client_credentials and another for user sign-in")
            .note("Cognito refuses the client: \"client_credentials flow can not be selected along with code flow or implicit flow\" (cognito-facts §8.E37)"),
        );
    }
    out
}
