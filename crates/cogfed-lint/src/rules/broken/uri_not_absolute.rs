use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;

declare_rule! {
    /// # What it checks
    /// Every `CallbackURLs`, `LogoutURLs` and `DefaultRedirectURI` entry of an app client is an absolute URI:
    /// it has a scheme (`https:`, `http:` for loopback, or an app scheme such as `myapp:`), and a web URL has a
    /// host (`https://app.example.com/...`).
    ///
    /// # Why it matters
    /// Cognito requires absolute redirect URIs and compares them byte for byte with the `redirect_uri` of the
    /// request; a relative path such as `/callback` can never match what a browser sends, so sign-in ends on
    /// Cognito's `redirect_mismatch` error page.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["/callback"]
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
    /// cognito-facts §4 (CallbackURLs: "absolute"), §8.A1; linter-anchors A4 (CallbackURLs documentation);
    /// RFC 6749 §3.1.2.
    pub static RULE = {
        id: "uri-not-absolute",
        group: Broken,
        severity: Error,
        summary: "a callback/logout URL is not an absolute URI",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (client, field, url) in ctx.client_urls() {
        let Some(u) = url.as_str() else { continue };
        let uri = Uri::parse(u);
        let problem = match uri.scheme {
            None => Some("has no scheme"),
            Some(_) if uri.is_web() && uri.host.is_none_or(str::is_empty) => Some("has no host"),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            out.push(
                Finding::new(
                    &url.loc,
                    format!(
                        "{field} entry `{u}` of {} {problem}: it is not an absolute URI",
                        ctx.client_label(client)
                    ),
                )
                .help("write the full URL the browser is sent to, e.g. `https://app.example.com/callback`"),
            );
        }
    }
    out
}
