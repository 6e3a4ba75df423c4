use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;

declare_rule! {
    /// # What it checks
    /// No `CallbackURLs` or `LogoutURLs` entry is a placeholder: the bare reserved example domains
    /// (`https://example.com`, CDK's default callback, and `example.org`, `example.net`, their `www.` forms), a
    /// host in a reserved test TLD (`.example`, `.invalid`), a template left unfilled (`<your-domain>`,
    /// `{domain}`, `${DOMAIN}`), or a host named like one (`your-domain.com`, `yourapp.com`, `changeme`,
    /// `placeholder`, `todo`). Subdomains such as `app.example.com` are not reported: documentation uses them
    /// for real-looking URLs.
    ///
    /// # Why it matters
    /// CDK inserts `https://example.com` when a client enables OAuth without callback URLs, and guides ship
    /// templates with `<your-domain>`. Such a URL is never the app's redirect URI, so sign-in fails with
    /// `redirect_mismatch`, and a registered domain you do not own is a place where authorization codes could
    /// be sent.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://example.com"]
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
    /// linter-anchors A3 (CDK's default `https://example.com` callback); RFC 2606 / RFC 6761 (reserved example
    /// and test names); cognito-facts §8.A1.
    pub static RULE = {
        id: "placeholder-callback",
        group: Hygiene,
        severity: Warning,
        summary: "a callback or logout URL is a placeholder (https://example.com, <your-domain>, ...)",
        check: check,
    };
}

/// Hosts that are placeholders as a whole (RFC 2606 second-level names; CDK's default).
const PLACEHOLDER_HOSTS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "www.example.com",
    "www.example.org",
    "www.example.net",
];

/// Host labels that only ever appear in templates.
const PLACEHOLDER_LABELS: &[&str] = &[
    "changeme",
    "change-me",
    "placeholder",
    "replace-me",
    "replaceme",
    "todo",
    "tbd",
    "mydomain",
    "my-domain",
];

/// Reserved top-level names that never resolve publicly (RFC 2606 §2).
const RESERVED_TLDS: &[&str] = &["example", "invalid"];

/// Why `url` looks like a placeholder, or `None`.
fn placeholder_reason(url: &str) -> Option<String> {
    if url.contains('<') || url.contains('>') || url.contains('{') || url.contains('}') {
        return Some("it contains an unfilled template (`<...>`, `{...}` or `${...}`)".to_string());
    }
    let uri = Uri::parse(url);
    let host = uri.host_lower()?;
    let host = host.trim_end_matches('.');
    if PLACEHOLDER_HOSTS.contains(&host) {
        return Some(format!(
            "`{host}` is a reserved example domain (CDK's default callback)"
        ));
    }
    let labels: Vec<&str> = host.split('.').collect();
    if let Some(tld) = labels
        .last()
        .filter(|t| labels.len() > 1 && RESERVED_TLDS.contains(t))
    {
        return Some(format!(
            "`.{tld}` is a reserved top-level name that never resolves"
        ));
    }
    labels
        .iter()
        .find(|l| {
            PLACEHOLDER_LABELS.contains(l)
                || l.starts_with("your-")
                || l.starts_with("your_")
                || is_your_word(l)
        })
        .map(|l| format!("the host label `{l}` is a template placeholder"))
}

/// `yourdomain`, `yourapp`, `yourcompany`, `yoursite`: `your` glued to a generic noun.
fn is_your_word(label: &str) -> bool {
    label.strip_prefix("your").is_some_and(|rest| {
        [
            "domain", "app", "company", "site", "host", "server", "website", "url", "org",
        ]
        .contains(&rest)
    })
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let lists = [
            ("CallbackURLs", &client.callback_urls),
            ("LogoutURLs", &client.logout_urls),
        ];
        for (field, list) in lists {
            for url in items(list) {
                let Some(u) = url.as_str() else { continue };
                let Some(why) = placeholder_reason(u) else {
                    continue;
                };
                out.push(
                    Finding::new(
                        &url.loc,
                        format!(
                            "{field} entry `{u}` of {} is a placeholder: {why}",
                            ctx.client_label(index)
                        ),
                    )
                    .help(
                        "register the app's real URL (the exact value it sends) and remove the placeholder",
                    ),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised_and_real_urls_are_not() {
        for p in [
            "https://example.com",
            "https://EXAMPLE.com/callback",
            "https://www.example.org/",
            "https://app.example/callback",
            "https://<your-domain>/callback",
            "https://{domain}/callback",
            "https://${DOMAIN}/cb",
            "https://your-domain.com/callback",
            "https://yourapp.com/callback",
            "https://changeme.acme.io/cb",
        ] {
            assert!(placeholder_reason(p).is_some(), "{p}");
        }
        for real in [
            "https://app.example.com/callback",
            "http://localhost:5173/callback",
            "https://yourself.dev/cb",
            "myapp://callback",
            "https://authenticate.corp.io/oauth2/callback",
            "https://example.community/cb",
        ] {
            assert!(placeholder_reason(real).is_none(), "{real}");
        }
    }
}
