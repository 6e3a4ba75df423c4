use crate::ctx::{SpaUri, SpaUriKind};
use crate::de::known_str;
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
    let Some(u) = ctx.spa_uri(SpaUriKind::Redirect) else {
        return Vec::new();
    };
    if !u.complete || u.is_registered() {
        return Vec::new();
    }
    let (r, label) = (u.uri, ctx.client_label(u.client));
    let mut f = Finding::new(
        &u.value.loc,
        format!("the SPA's redirect_uri `{r}` is not registered in the CallbackURLs of {label}"),
    );
    f = related_list(ctx, &u, f);
    f = match near_miss(r, u.registered.iter().copied()) {
        Some((candidate, why)) => f.help(format!(
            "registered is `{candidate}`, which differs in {why}; Cognito compares byte for byte"
        )),
        None => f.help(format!("add `{r}` to CallbackURLs of {label}")),
    };
    vec![
        assumed_client(ctx, f)
            .note("Cognito answers with /error?error=redirect_mismatch (cognito-facts §8.A1)"),
    ]
}

/// Points at the client's list (`CallbackURLs` or `LogoutURLs`), or at the client when it has none.
pub(super) fn related_list(ctx: &Ctx, u: &SpaUri, f: Finding) -> Finding {
    let name = match u.kind {
        SpaUriKind::Redirect => "CallbackURLs",
        SpaUriKind::Logout => "LogoutURLs",
    };
    match (u.list, ctx.integration.clients.get(u.client)) {
        (Some(list), _) => f.related(&list.loc, name),
        (None, Some(client)) => f.related(&client.loc, format!("the client has no {name}")),
        (None, None) => f,
    }
}

/// Notes that the SPA names no client, when the only app client was taken as its.
pub(super) fn assumed_client(ctx: &Ctx, f: Finding) -> Finding {
    if ctx.spa().is_some_and(|s| known_str(&s.client_id).is_none()) {
        f.note("the SPA settings name no client_id; the only app client was assumed")
    } else {
        f
    }
}

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
