use crate::de::items;
use crate::declare_rule;
use crate::rules::client_facts::rotation_feature;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client with refresh token rotation on (`refresh_token_rotation.feature = "ENABLED"`) does not also
    /// list `ALLOW_REFRESH_TOKEN_AUTH` in `ExplicitAuthFlows`.
    ///
    /// # Why it matters
    /// With rotation on, Cognito refuses the `REFRESH_TOKEN_AUTH` flow of `InitiateAuth`/`AdminInitiateAuth`;
    /// refreshes must go to `/oauth2/token` (`grant_type=refresh_token`) or `GetTokensFromRefreshToken`. An
    /// explicit `ALLOW_REFRESH_TOKEN_AUTH` suggests code (an Amplify or SDK refresh) that will fail once
    /// rotation is on. Drop the flow and move that code to one of the two paths.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    /// refresh_token_rotation = { feature = "ENABLED", retry_grace_period_seconds = 10 }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// explicit_auth_flows = ["ALLOW_USER_SRP_AUTH"]
    /// refresh_token_rotation = { feature = "ENABLED", retry_grace_period_seconds = 10 }
    /// ```
    ///
    /// # Source
    /// cognito-facts §3.4 ("`REFRESH_TOKEN_AUTH`: not allowed when rotation is enabled"), §8.B17, §9.
    pub static RULE = {
        id: "refresh-auth-with-rotation",
        group: Hygiene,
        severity: Warning,
        summary: "ALLOW_REFRESH_TOKEN_AUTH is listed while refresh token rotation is on",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(feature) = rotation_feature(client) else {
            continue;
        };
        if feature.as_str() != Some("ENABLED") {
            continue;
        }
        for flow in items(&client.explicit_auth_flows) {
            if flow.as_str() != Some("ALLOW_REFRESH_TOKEN_AUTH") {
                continue;
            }
            out.push(
                Finding::new(
                    &flow.loc,
                    format!(
                        "{} lists ALLOW_REFRESH_TOKEN_AUTH, but refresh token rotation is on",
                        ctx.client_label(index)
                    ),
                )
                .related(&feature.loc, "rotation is enabled here")
                .help("remove ALLOW_REFRESH_TOKEN_AUTH and refresh through /oauth2/token or GetTokensFromRefreshToken")
                .note("Cognito refuses REFRESH_TOKEN_AUTH while rotation is enabled (cognito-facts §3.4, §8.B17)"),
            );
        }
    }
    out
}
