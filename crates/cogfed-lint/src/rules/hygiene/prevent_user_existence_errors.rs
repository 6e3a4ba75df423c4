use crate::de::items;
use crate::declare_rule;
use crate::rules::client_facts::{list_complete, list_has};
use crate::rules::support::missing;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Clients where users sign in set `prevent_user_existence_errors = "ENABLED"`. Absent means `LEGACY`, the
    /// API default. Clients that only do `client_credentials`, and clients whose `SupportedIdentityProviders`
    /// leave out `COGNITO` (federation only), are not reported.
    ///
    /// # Why it matters
    /// With `LEGACY`, sign-in, password reset and confirmation answer `UserNotFoundException` for unknown
    /// users and `NotAuthorizedException` for wrong passwords, so anyone with the client id can find out which
    /// addresses have accounts. `ENABLED` returns the same generic error for both. The console enables it for
    /// new clients; CloudFormation, Terraform and the CLI do not.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// prevent_user_existence_errors = "LEGACY"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// prevent_user_existence_errors = "ENABLED"
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (PreventUserExistenceErrors: API default `LEGACY`); linter-anchors A4
    /// (PreventUserExistenceErrorTypes), A6.
    pub static RULE = {
        id: "prevent-user-existence-errors",
        group: Hygiene,
        severity: Warning,
        summary: "PreventUserExistenceErrors is not ENABLED on a client where users sign in",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, client_loc) in ctx.clients() {
        let flows = items(&client.allowed_oauth_flows);
        let machine_only =
            !flows.is_empty() && flows.iter().all(|f| f.as_str() == Some("client_credentials"));
        let federation_only = client.supported_identity_providers.is_some()
            && list_complete(&client.supported_identity_providers)
            && !list_has(&client.supported_identity_providers, "COGNITO");
        if machine_only || federation_only {
            continue;
        }
        let at = match &client.prevent_user_existence_errors {
            None => missing(
                client_loc,
                "prevent_user_existence_errors",
                "PreventUserExistenceErrors",
            ),
            Some(v) => match v.as_str() {
                Some("LEGACY") => v.loc.clone(),
                _ => continue, // ENABLED, unknown, or an invalid value (api-enum).
            },
        };
        let state = if client.prevent_user_existence_errors.is_some() {
            "LEGACY"
        } else {
            "not set (LEGACY by default)"
        };
        out.push(
            Finding::new(
                &at,
                format!(
                    "PreventUserExistenceErrors of {} is {state}: sign-in errors tell whether a user exists",
                    ctx.client_label(index)
                ),
            )
            .help("set prevent_user_existence_errors = \"ENABLED\""),
        );
    }
    out
}
