use super::spa_redirect_uri_not_registered::{assumed_client, near_miss, related_list};
use crate::ctx::SpaUriKind;
use crate::declare_rule;
use crate::rules::client_facts::list_has;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The SPA's `logout_uri` (`[spa] logout_uri`) is one of the `LogoutURLs` of the app client the SPA uses,
    /// compared byte for byte. When it is not, the help names the registered URL that nearly matches and how it
    /// differs (trailing slash, letter case, scheme, port), or says that the URL is registered as a callback URL
    /// instead.
    ///
    /// # Why it matters
    /// Cognito's `/logout` redirects only to an exact `LogoutURLs` entry. Otherwise it falls back to the
    /// re-login form of `/logout`, which needs `redirect_uri` and `response_type`, and the user lands on
    /// Cognito's error page: "Required String parameter 'redirect_uri' is not present". The hosted-UI session
    /// cookie is cleared, but the app never gets control back.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// logout_urls = ["https://app.example.com/"]
    ///
    /// [spa]
    /// client_id = "web"
    /// logout_uri = "https://app.example.com"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// logout_urls = ["https://app.example.com/"]
    ///
    /// [spa]
    /// client_id = "web"
    /// logout_uri = "https://app.example.com/"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.5 (`/logout`), §4 (LogoutURLs), §8.C18, §9 (SPA client).
    pub static RULE = {
        id: "spa-logout-uri-not-registered",
        group: Broken,
        severity: Error,
        summary: "the SPA's logout_uri is not exactly one of its client's LogoutURLs",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let Some(u) = ctx.spa_uri(SpaUriKind::Logout) else {
        return Vec::new();
    };
    if !u.complete || u.is_registered() {
        return Vec::new();
    }
    let (uri, label) = (u.uri, ctx.client_label(u.client));
    let mut f = Finding::new(
        &u.value.loc,
        format!("the SPA's logout_uri `{uri}` is not registered in the LogoutURLs of {label}"),
    );
    f = related_list(ctx, &u, f);
    let callbacks = ctx.client(u.client).map(|c| &c.callback_urls);
    f = if let Some((candidate, why)) = near_miss(uri, u.registered.iter().copied()) {
        f.help(format!(
            "registered is `{candidate}`, which differs in {why}; Cognito compares byte for byte"
        ))
    } else if callbacks.is_some_and(|c| list_has(c, uri)) {
        f.help(format!(
            "`{uri}` is registered as a callback URL; logout_uri must be in LogoutURLs: add it there"
        ))
    } else {
        f.help(format!("add `{uri}` to LogoutURLs of {label}"))
    };
    vec![assumed_client(ctx, f).note(
        "Cognito's /logout then shows \"Required String parameter 'redirect_uri' is not present\" (cognito-facts §8.C18)",
    )]
}
