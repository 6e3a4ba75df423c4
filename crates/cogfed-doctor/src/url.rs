//! URL helpers over `cogfed_lint::uri` (URLs as written, never normalised: the doctor compares them byte for
//! byte, as Cognito and relying parties do).

use cogfed_lint::uri::{Uri, is_loopback_host};

/// `{issuer}/.well-known/openid-configuration`, one trailing slash of the issuer removed first (OpenID Connect
/// Discovery 1.0 §4): the auth client's rule, so the doctor, the demo and the client fetch the same URL.
pub use cogfed_auth::endpoints::discovery_url;

/// Whether `url` is an http(s) URL on a loopback host (`localhost`, `127.0.0.1`, `[::1]`).
pub fn is_loopback(url: &str) -> bool {
    let u = Uri::parse(url);
    u.is_web() && u.host.is_some_and(is_loopback_host)
}

/// Whether `url` is an `https://` URL with a host.
pub fn is_https(url: &str) -> bool {
    let u = Uri::parse(url);
    u.scheme.is_some_and(|s| s.eq_ignore_ascii_case("https")) && u.host.is_some_and(|h| !h.is_empty())
}

/// `scheme://authority` of an absolute URL, as written.
pub fn origin(url: &str) -> Option<String> {
    let u = Uri::parse(url);
    Some(format!("{}://{}", u.scheme?, u.authority?))
}

/// `host[:port]` of an absolute URL, lower-cased (for per-host pacing and progress lines).
pub fn host_port(url: &str) -> Option<String> {
    Uri::parse(url).authority.map(|a| {
        let hostport = a.rsplit_once('@').map_or(a, |(_, h)| h);
        hostport.to_ascii_lowercase()
    })
}

/// The URL without its query and fragment.
pub fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The decoded query parameters of `url`, in order.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    match Uri::parse(url).query {
        Some(q) => form_urlencoded::parse(q.as_bytes()).into_owned().collect(),
        None => Vec::new(),
    }
}

/// The first value of query parameter `name` in `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    query_pairs(url)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// A `Location` header resolved against the URL of the request that produced it (absolute, scheme-relative,
/// absolute-path and relative references).
pub fn resolve(request_url: &str, location: &str) -> String {
    if Uri::parse(location).scheme.is_some() {
        return location.to_owned();
    }
    let Some(base) = origin(request_url) else {
        return location.to_owned();
    };
    if let Some(rest) = location.strip_prefix("//") {
        let scheme = Uri::parse(request_url).scheme.unwrap_or("https");
        return format!("{scheme}://{rest}");
    }
    if location.starts_with('/') {
        return format!("{base}{location}");
    }
    let path = Uri::parse(request_url).path;
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{base}{dir}{location}")
}

/// `base` with `pairs` as its query (form-encoded).
pub fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    format!("{base}?{}", s.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_urls_drop_one_trailing_slash() {
        assert_eq!(
            discovery_url("https://idp.example.com"),
            "https://idp.example.com/.well-known/openid-configuration"
        );
        assert_eq!(
            discovery_url("https://idp.example.com/tenant/"),
            "https://idp.example.com/tenant/.well-known/openid-configuration"
        );
    }

    #[test]
    fn locations_resolve_against_the_request() {
        let req = "https://auth.example.com/oauth2/authorize?client_id=x";
        assert_eq!(resolve(req, "/login?a=1"), "https://auth.example.com/login?a=1");
        assert_eq!(resolve(req, "https://idp/authorize"), "https://idp/authorize");
        assert_eq!(resolve(req, "//idp.example.com/a"), "https://idp.example.com/a");
        assert_eq!(
            resolve(req, "error?x=1"),
            "https://auth.example.com/oauth2/error?x=1"
        );
    }

    #[test]
    fn loopback_and_https() {
        assert!(is_loopback("http://127.0.0.1:9229/x"));
        assert!(is_loopback("http://localhost/x"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("http://127.0.0.1.example.com/"));
        assert!(!is_loopback("ftp://127.0.0.1/"));
        assert!(is_https("HTTPS://idp.example.com"));
        assert!(!is_https("https://"));
        assert!(!is_https("http://idp.example.com"));
        assert_eq!(
            host_port("https://u@Auth.Example.com:8443/x").as_deref(),
            Some("auth.example.com:8443")
        );
    }

    #[test]
    fn queries_round_trip() {
        let url = with_query(
            "https://a/b",
            &[("redirect_uri", "https://app/cb?x=1&y"), ("s", "a b")],
        );
        assert_eq!(
            query_param(&url, "redirect_uri").as_deref(),
            Some("https://app/cb?x=1&y")
        );
        assert_eq!(query_param(&url, "s").as_deref(), Some("a b"));
        assert_eq!(without_query(&url), "https://a/b");
    }
}
