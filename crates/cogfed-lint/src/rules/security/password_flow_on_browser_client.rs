use crate::ctx::BrowserReason;
use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No client a browser uses enables a password flow in `ExplicitAuthFlows`: `ALLOW_USER_PASSWORD_AUTH`,
    /// `ALLOW_ADMIN_USER_PASSWORD_AUTH`, or the legacy `USER_PASSWORD_AUTH` and `ADMIN_NO_SRP_AUTH`. A client
    /// counts as used by a browser when the SPA settings name it, or when it allows `code` or `implicit` and
    /// has a web (http or https) callback URL: its users sign in at the managed login page in a browser,
    /// whatever the client's secret. A secret says where the app's server runs, not how its users sign in: a
    /// server-side web app with a secret sends its users to the same login page (issue 12). A client with only
    /// API flows and no callback URLs (a back end, a script) is not judged.
    ///
    /// # Why it matters
    /// These flows send the plain password to Cognito's API from wherever the client runs. On a public client
    /// anyone can call `InitiateAuth` with its id, so the flow is an open door for credential stuffing and
    /// phishing-friendly custom login forms, and it bypasses the managed login page, federation and its MFA.
    /// The browser should sign in through `/oauth2/authorize` with PKCE (RFC 9700: the resource owner password
    /// credentials grant MUST NOT be used). `ALLOW_USER_SRP_AUTH` and `ALLOW_USER_AUTH` do not send the password.
    /// On a client whose users sign in at the managed login page, a password flow beside it is a second door
    /// that skips that page's protections (federation, managed login MFA, threat protection), open to whoever
    /// holds the client id and, for a confidential client, its secret.
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
        summary: "a client whose users sign in in a browser enables a password sign-in flow",
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
        let why = match ctx.browser_reason(index) {
            Some(BrowserReason::SpaSettings) => "the SPA uses it",
            Some(BrowserReason::PublicWebClient) => "it has no secret and web callback URLs",
            None if ctx.hosted_ui_sign_in(index) => {
                "its users sign in at the managed login page (code or implicit flow with web callback URLs)"
            }
            None => continue,
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
