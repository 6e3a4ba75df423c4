use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No `CallbackURLs`, `LogoutURLs` or `DefaultRedirectURI` entry of an app client contains a `#fragment`.
    ///
    /// # Why it matters
    /// Redirect URIs must not have a fragment (RFC 6749 §3.1.2): the authorization response is appended to
    /// the URI and browsers never send fragments to servers. Cognito's API documentation says the URL "can't
    /// include a fragment component"; hash-router SPAs must use a path such as `/callback` instead.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/#/callback"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (CallbackURLs: "no fragment"); linter-anchors A4; RFC 6749 §3.1.2.
    pub static RULE = {
        id: "uri-has-fragment",
        group: Broken,
        severity: Error,
        summary: "a callback/logout URL has a #fragment",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (client, field, url) in ctx.client_urls() {
        let Some(u) = url.as_str() else { continue };
        if let Some(i) = u.find('#') {
            out.push(
                Finding::new(
                    &url.loc,
                    format!(
                        "{field} entry `{u}` of {} has a fragment (`{}`)",
                        ctx.client_label(client),
                        &u[i..]
                    ),
                )
                .help(format!(
                    "register `{}` and route inside the app after the callback",
                    &u[..i]
                )),
            );
        }
    }
    out
}
