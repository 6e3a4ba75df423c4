use super::spa_redirect_uri_not_registered::near_miss;
use crate::de::{Located, items, known_str};
use crate::declare_rule;
use crate::rules::client_facts::{list_complete, list_has};
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
    let (Some(spa), Some(index)) = (ctx.spa(), ctx.spa_client) else {
        return Vec::new();
    };
    let Some(client) = ctx.client(index) else {
        return Vec::new();
    };
    let Some(logout) = spa.logout_uri.as_ref() else {
        return Vec::new();
    };
    let Some(uri) = logout.as_str() else {
        return Vec::new();
    };
    if !list_complete(&client.logout_urls) || list_has(&client.logout_urls, uri) {
        return Vec::new();
    }
    let label = ctx.client_label(index);
    let mut f = Finding::new(
        &logout.loc,
        format!("the SPA's logout_uri `{uri}` is not registered in the LogoutURLs of {label}"),
    );
    match &client.logout_urls {
        Some(list) => f = f.related(&list.loc, "LogoutURLs"),
        None => {
            if let Some(c) = ctx.integration.clients.get(index) {
                f = f.related(&c.loc, "the client has no LogoutURLs");
            }
        }
    }
    let registered = items(&client.logout_urls).iter().filter_map(Located::as_str);
    f = if let Some((candidate, why)) = near_miss(uri, registered) {
        f.help(format!(
            "registered is `{candidate}`, which differs in {why}; Cognito compares byte for byte"
        ))
    } else if list_has(&client.callback_urls, uri) {
        f.help(format!(
            "`{uri}` is registered as a callback URL; logout_uri must be in LogoutURLs: add it there"
        ))
    } else {
        f.help(format!("add `{uri}` to LogoutURLs of {label}"))
    };
    if known_str(&spa.client_id).is_none() {
        f = f.note("the SPA settings name no client_id; the only app client was assumed");
    }
    vec![f.note(
        "Cognito's /logout then shows \"Required String parameter 'redirect_uri' is not present\" (cognito-facts §8.C18)",
    )]
}
