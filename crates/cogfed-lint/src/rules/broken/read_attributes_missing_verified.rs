use crate::de::items;
use crate::declare_rule;
use crate::rules::client_facts::{list_complete, list_has};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client with its own `ReadAttributes` list can read the verification flag of every scope it allows:
    /// `email_verified` when `email` is in `AllowedOAuthScopes`, `phone_number_verified` when `phone` is.
    /// Without a `ReadAttributes` list the client reads all standard attributes and both flags, so nothing is
    /// reported.
    ///
    /// # Why it matters
    /// Cognito must be able to put every attribute of a granted scope into the tokens. When the client cannot
    /// read one, the code exchange fails with `invalid_grant` although the code, verifier and redirect URI are
    /// right, which makes it one of the hardest failures to diagnose. Describe output omits
    /// `ReadAttributes` when the default applies; a list copied from the console often lacks the flags.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "email"]
    /// read_attributes = ["email", "name"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "email"]
    /// read_attributes = ["email", "email_verified", "name"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.2 (`invalid_grant`: "the client can't read every attribute a requested scope needs"),
    /// §4 (ReadAttributes), §8.B10, §9.
    pub static RULE = {
        id: "read-attributes-missing-verified",
        group: Broken,
        severity: Error,
        summary: "ReadAttributes lacks email_verified/phone_number_verified that an allowed scope needs",
        check: check,
    };
}

/// (scope, the verification flag its claims include).
const VERIFIED_FLAGS: &[(&str, &str)] = &[("email", "email_verified"), ("phone", "phone_number_verified")];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(read) = &client.read_attributes else {
            continue; // the default reads every standard attribute and both flags.
        };
        if !list_complete(&client.read_attributes) {
            continue;
        }
        for &(scope, flag) in VERIFIED_FLAGS {
            let Some(allowed) = items(&client.allowed_oauth_scopes)
                .iter()
                .find(|s| s.as_str() == Some(scope))
            else {
                continue;
            };
            if list_has(&client.read_attributes, flag) {
                continue;
            }
            out.push(
                Finding::new(
                    &read.loc,
                    format!(
                        "{} allows the `{scope}` scope but its ReadAttributes lack `{flag}`",
                        ctx.client_label(index)
                    ),
                )
                .related(&allowed.loc, format!("`{scope}` is allowed here"))
                .help(format!(
                    "add `{flag}` to ReadAttributes, or remove the `{scope}` scope"
                ))
                .note("the token request then fails with invalid_grant (cognito-facts §1.2, §8.B10)"),
            );
        }
    }
    out
}
