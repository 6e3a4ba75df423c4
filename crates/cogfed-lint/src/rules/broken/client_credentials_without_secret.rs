use crate::de::items;
use crate::declare_rule;
use crate::rules::client_facts::{SecretState, secret_state};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client that allows `client_credentials` has a client secret (`generate_secret = true`, or a
    /// `client_secret` as describe-user-pool-client shows it).
    ///
    /// # Why it matters
    /// The client credentials grant authenticates the client by its secret, so Cognito refuses the client:
    /// `InvalidOAuthFlowException: client_credentials flow can not be selected if client does not have a
    /// client secret.` `GenerateSecret` cannot be changed later: create a new client with a secret.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "m2m"
    /// allowed_oauth_flows = ["client_credentials"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "m2m"
    /// generate_secret = true
    /// allowed_oauth_flows = ["client_credentials"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (AllowedOAuthFlows, app client types), §8.E37; linter-anchors A6.
    pub static RULE = {
        id: "client-credentials-without-secret",
        group: Broken,
        severity: Error,
        summary: "client_credentials is allowed on a client without a secret",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(cc) = items(&client.allowed_oauth_flows)
            .iter()
            .find(|f| f.as_str() == Some("client_credentials"))
        else {
            continue;
        };
        if secret_state(client) != SecretState::No {
            continue;
        }
        let mut f = Finding::new(
            &cc.loc,
            format!(
                "{} allows `client_credentials` but has no client secret",
                ctx.client_label(index)
            ),
        );
        if let Some(g) = &client.generate_secret {
            f = f.related(&g.loc, "generate_secret is false");
        }
        out.push(
            f.help("create the client with generate_secret = true (it cannot be changed later)")
                .note("Cognito refuses the client: \"client_credentials flow can not be selected if client does not have a client secret.\" (cognito-facts §8.E37)"),
        );
    }
    out
}
