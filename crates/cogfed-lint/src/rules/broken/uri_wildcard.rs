use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No `CallbackURLs`, `LogoutURLs` or `DefaultRedirectURI` entry of an app client contains `*`.
    ///
    /// # Why it matters
    /// Cognito compares redirect URIs exactly; there are no wildcards. `https://*.example.com/callback`
    /// matches only that literal string, so every real preview URL fails with `redirect_mismatch`.
    /// Exact matching is also what RFC 9700 §2.1 requires, to stop open redirectors.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://*.preview.example.com/callback"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://pr-42.preview.example.com/callback"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (CallbackURLs: "exact-match only, no wildcards"), §8.A1; RFC 9700 §2.1.
    pub static RULE = {
        id: "uri-wildcard",
        group: Broken,
        severity: Error,
        summary: "a callback/logout URL contains a wildcard `*`",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (client, field, url) in ctx.client_urls() {
        let Some(u) = url.as_str() else { continue };
        if u.contains('*') {
            out.push(
                Finding::new(
                    &url.loc,
                    format!(
                        "{field} entry `{u}` of {} contains `*`, which Cognito matches literally",
                        ctx.client_label(client)
                    ),
                )
                .help("register every exact URL (up to 100 per client)"),
            );
        }
    }
    out
}
