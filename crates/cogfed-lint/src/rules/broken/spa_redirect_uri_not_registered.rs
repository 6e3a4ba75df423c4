use crate::de::{Located, items, known_str};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;
use crate::util::edit_distance;

declare_rule! {
    /// # What it checks
    /// The SPA's `redirect_uri` (`[spa] redirect_uri`) is one of the `CallbackURLs` of the app client the SPA
    /// uses, compared byte for byte. When it is not, the help names the registered URL that nearly matches and
    /// how it differs (trailing slash, letter case, scheme, port).
    ///
    /// # Why it matters
    /// Cognito accepts only an exact match; anything else ends on Cognito's `/error?error=redirect_mismatch`
    /// page before the user sees a login form. A trailing slash or a capital letter is the usual cause.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback"]
    ///
    /// [spa]
    /// client_id = "web"
    /// redirect_uri = "https://app.example.com/callback/"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback"]
    ///
    /// [spa]
    /// client_id = "web"
    /// redirect_uri = "https://app.example.com/callback"
    /// ```
    ///
    /// # Source
    /// cognito-facts §8.A1 (`redirect_mismatch`), §4 (CallbackURLs), §9 (SPA client); RFC 9700 §2.1.
    pub static RULE = {
        id: "spa-redirect-uri-not-registered",
        group: Broken,
        severity: Error,
        summary: "the SPA's redirect_uri is not exactly one of its client's CallbackURLs",
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
    let Some(redirect) = spa.redirect_uri.as_ref() else {
        return Vec::new();
    };
    let Some(r) = redirect.as_str() else {
        return Vec::new();
    };
    if client.callback_urls.as_ref().is_some_and(Located::is_unknown)
        || items(&client.callback_urls).iter().any(Located::is_unknown)
    {
        return Vec::new();
    }
    let callbacks = items(&client.callback_urls);
    if callbacks.iter().any(|u| u.as_str() == Some(r)) {
        return Vec::new();
    }
    let label = ctx.client_label(index);
    let mut f = Finding::new(
        &redirect.loc,
        format!("the SPA's redirect_uri `{r}` is not registered in the CallbackURLs of {label}"),
    );
    if let Some(list) = &client.callback_urls {
        f = f.related(&list.loc, "CallbackURLs");
    } else if let Some(loc) = ctx.integration.clients.get(index).map(|c| &c.loc) {
        f = f.related(loc, "the client has no CallbackURLs");
    }
    f = match near_miss(r, callbacks.iter().filter_map(Located::as_str)) {
        Some((candidate, why)) => f.help(format!(
            "registered is `{candidate}`, which differs in {why}; Cognito compares byte for byte"
        )),
        None => f.help(format!("add `{r}` to CallbackURLs of {label}")),
    };
    if known_str(&spa.client_id).is_none() {
        f = f.note("the SPA settings name no client_id; the only app client was assumed");
    }
    vec![f.note("Cognito answers with /error?error=redirect_mismatch (cognito-facts §8.A1)")]
}

/// The registered URL that nearly matches `target`, and what differs.
pub(super) fn near_miss<'c>(
    target: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<(&'c str, &'static str)> {
    let mut best: Option<(usize, &'c str, &'static str)> = None;
    for c in candidates {
        let why = classify(target, c);
        let rank = match why {
            Some("a trailing slash") => 0,
            Some("letter case") => 1,
            Some("the scheme") => 2,
            Some("the port") => 3,
            Some(_) => 4,
            None => continue,
        };
        if best.is_none_or(|(r, _, _)| rank < r) {
            best = why.map(|w| (rank, c, w));
        }
    }
    best.map(|(_, c, w)| (c, w))
}

fn classify(a: &str, b: &str) -> Option<&'static str> {
    if a.trim_end_matches('/') == b.trim_end_matches('/') {
        return Some("a trailing slash");
    }
    if a.eq_ignore_ascii_case(b) {
        return Some("letter case");
    }
    let (ua, ub) = (Uri::parse(a), Uri::parse(b));
    if ua.scheme != ub.scheme && ua.authority == ub.authority && ua.path == ub.path && ua.query == ub.query {
        return Some("the scheme");
    }
    if ua.scheme == ub.scheme
        && ua.host == ub.host
        && ua.port != ub.port
        && ua.path == ub.path
        && ua.query == ub.query
    {
        return Some("the port");
    }
    let limit = (a.len() / 10).max(2);
    (a.len().abs_diff(b.len()) <= limit && edit_distance(a, b) <= limit).then_some("a few characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_classified() {
        let regs = [
            "https://app.example.com/callback",
            "http://localhost:5173/callback",
        ];
        assert_eq!(
            near_miss("https://app.example.com/callback/", regs.into_iter()),
            Some((regs[0], "a trailing slash"))
        );
        assert_eq!(
            near_miss("https://App.example.com/callback", regs.into_iter()),
            Some((regs[0], "letter case"))
        );
        assert_eq!(
            near_miss("http://app.example.com/callback", regs.into_iter()),
            Some((regs[0], "the scheme"))
        );
        assert_eq!(
            near_miss("http://localhost:3000/callback", regs.into_iter()),
            Some((regs[1], "the port"))
        );
        assert_eq!(
            near_miss("https://app.example.com/calback", regs.into_iter()),
            Some((regs[0], "a few characters"))
        );
        assert_eq!(near_miss("https://other.example.org/x", regs.into_iter()), None);
    }
}
