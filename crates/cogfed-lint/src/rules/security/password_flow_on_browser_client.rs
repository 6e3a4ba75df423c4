use crate::ctx::BrowserReason;
use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No client a browser uses enables a password flow in `ExplicitAuthFlows`: `ALLOW_USER_PASSWORD_AUTH`,
    /// `ALLOW_ADMIN_USER_PASSWORD_AUTH`, or the legacy `USER_PASSWORD_AUTH` and `ADMIN_NO_SRP_AUTH`. A client
    /// counts as used by a browser when the SPA settings name it, or when it has no secret, allows `code` or
    /// `implicit`, and has web callback URLs.
    ///
    /// # Why it matters
    /// These flows send the plain password to Cognito's API from wherever the client runs. On a public client
    /// anyone can call `InitiateAuth` with its id, so the flow is an open door for credential stuffing and
    /// phishing-friendly custom login forms, and it bypasses the managed login page, federation and its MFA.
    /// The browser should sign in through `/oauth2/authorize` with PKCE (RFC 9700: the resource owner password
    /// credentials grant MUST NOT be used). `ALLOW_USER_SRP_AUTH` and `ALLOW_USER_AUTH` do not send the password.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (ExplicitAuthFlows); linter-anchors A6 ("warn on password flows ... for an SPA");
    /// RFC 9700 §2.4.
    pub static RULE = {
        id: "password-flow-on-browser-client",
        group: Security,
        severity: Warning,
        summary: "a client a browser uses enables a password sign-in flow",
        check: check,
    };
}

const PASSWORD_FLOWS: &[&str] = &[
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(reason) = ctx.browser_reason(index) else {
            continue;
        };
        let why = match reason {
            BrowserReason::SpaSettings => "the SPA uses it",
            BrowserReason::PublicWebClient => "it has no secret and web callback URLs",
        };
        for flow in items(&client.explicit_auth_flows) {
            let Some(v) = flow.as_str().filter(|v| PASSWORD_FLOWS.contains(v)) else {
                continue;
            };
            out.push(
                Finding::new(
                    &flow.loc,
                    format!(
                        "{} enables the password flow `{v}`, and a browser uses it ({why})",
                        ctx.client_label(index)
                    ),
                )
                .help("remove it; sign users in through the managed login page (code + PKCE), or use ALLOW_USER_SRP_AUTH for SDK sign-in")
                .note("RFC 9700 §2.4: the resource owner password credentials grant MUST NOT be used"),
            );
        }
    }
    out
}
