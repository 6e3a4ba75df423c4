use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client's `ExplicitAuthFlows` uses either the legacy values (`ADMIN_NO_SRP_AUTH`,
    /// `CUSTOM_AUTH_FLOW_ONLY`, `USER_PASSWORD_AUTH`) or the `ALLOW_*` values, not both.
    ///
    /// # Why it matters
    /// The API rejects a list that mixes the two generations (`InvalidParameterException`), so the client is
    /// not created or updated. The legacy values are the pre-2019 form; each has an `ALLOW_*` equivalent
    /// (`USER_PASSWORD_AUTH` -> `ALLOW_USER_PASSWORD_AUTH`, `ADMIN_NO_SRP_AUTH` ->
    /// `ALLOW_ADMIN_USER_PASSWORD_AUTH`, `CUSTOM_AUTH_FLOW_ONLY` -> `ALLOW_CUSTOM_AUTH`).
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "CUSTOM_AUTH_FLOW_ONLY"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (ExplicitAuthFlows: "Legacy values can't be mixed with `ALLOW_*`"); linter-anchors A4
    /// (doc string), A6.
    pub static RULE = {
        id: "auth-flows-legacy-mixed",
        group: Broken,
        severity: Error,
        summary: "ExplicitAuthFlows mixes legacy values with ALLOW_* values",
        check: check,
    };
}

/// Legacy values and their `ALLOW_*` replacements.
const LEGACY: &[(&str, &str)] = &[
    ("ADMIN_NO_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"),
    ("CUSTOM_AUTH_FLOW_ONLY", "ALLOW_CUSTOM_AUTH"),
    ("USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"),
];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let flows = items(&client.explicit_auth_flows);
        let Some(modern) = flows
            .iter()
            .find(|f| f.as_str().is_some_and(|v| v.starts_with("ALLOW_")))
        else {
            continue;
        };
        for flow in flows {
            let Some(v) = flow.as_str() else { continue };
            let Some((_, replacement)) = LEGACY.iter().find(|(legacy, _)| *legacy == v) else {
                continue;
            };
            out.push(
                Finding::new(
                    &flow.loc,
                    format!(
                        "ExplicitAuthFlows of {} mixes the legacy `{v}` with `ALLOW_*` values",
                        ctx.client_label(index)
                    ),
                )
                .related(&modern.loc, "an ALLOW_* value")
                .help(format!("replace `{v}` with `{replacement}`"))
                .note("the API rejects a list that mixes legacy and ALLOW_* values (cognito-facts §4)"),
            );
        }
    }
    out
}
