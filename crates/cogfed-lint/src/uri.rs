//! A small RFC 3986 URI splitter (no `url` crate: the wasm build pays for every byte, and we need to look at
//! URIs as written, not normalised).

/// The parts of a URI reference, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uri<'a> {
    /// Scheme without `:`, e.g. `https`; `None` for a relative reference.
    pub scheme: Option<&'a str>,
    /// The authority (`user@host:port`) when `//` follows the scheme.
    pub authority: Option<&'a str>,
    /// Host (brackets kept for IPv6, e.g. `[::1]`).
    pub host: Option<&'a str>,
    /// Port text after `:`.
    pub port: Option<&'a str>,
    /// Userinfo before `@`.
    pub userinfo: Option<&'a str>,
    /// Path.
    pub path: &'a str,
    /// Query without `?`.
    pub query: Option<&'a str>,
    /// Fragment without `#`.
    pub fragment: Option<&'a str>,
}

impl<'a> Uri<'a> {
    /// Splits `s` (never fails; a string without a valid scheme is a relative reference).
    pub fn parse(s: &'a str) -> Uri<'a> {
        let (rest, fragment) = match s.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (s, None),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (rest, None),
        };
        let scheme_end = rest.find(':').filter(|&i| {
            let sch = &rest[..i];
            !sch.is_empty()
                && sch.as_bytes()[0].is_ascii_alphabetic()
                && sch
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
                && !rest[..i].contains('/')
        });
        let (scheme, rest) = match scheme_end {
            Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
            None => (None, rest),
        };
        let (authority, path) = match rest.strip_prefix("//") {
            Some(r) => {
                let end = r.find('/').unwrap_or(r.len());
                (Some(&r[..end]), &r[end..])
            }
            None => (None, rest),
        };
        let (userinfo, host, port) = match authority {
            Some(a) => {
                let (userinfo, hostport) = match a.rsplit_once('@') {
                    Some((u, h)) => (Some(u), h),
                    None => (None, a),
                };
                let (host, port) = if hostport.starts_with('[') {
                    match hostport.find(']') {
                        Some(i) => (&hostport[..=i], hostport[i + 1..].strip_prefix(':')),
                        None => (hostport, None),
                    }
                } else {
                    match hostport.rsplit_once(':') {
                        Some((h, p)) => (h, Some(p)),
                        None => (hostport, None),
                    }
                };
                (userinfo, Some(host), port)
            }
            None => (None, None, None),
        };
        Uri {
            scheme,
            authority,
            host,
            port,
            userinfo,
            path,
            query,
            fragment,
        }
    }

    /// Whether the scheme is `http` or `https` (any case).
    pub fn is_web(&self) -> bool {
        self.scheme
            .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
    }

    /// Host in lower case.
    pub fn host_lower(&self) -> Option<String> {
        self.host.map(str::to_ascii_lowercase)
    }
}

/// Loopback hosts Cognito accepts over plain http: `localhost`, `127.0.0.1`, `[::1]` (cognito-facts §4).
pub fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "[::1]"
}

/// The host of a value that may be a bare host (`auth.example.com`) or a URL (`https://auth.example.com/`).
pub fn host_of(value: &str) -> Option<String> {
    let uri = Uri::parse(value);
    match uri.host {
        Some(h) if !h.is_empty() => Some(h.to_ascii_lowercase()),
        _ if uri.scheme.is_none() && !value.is_empty() => Some(
            value
                .split(['/', '?', '#'])
                .next()
                .unwrap_or(value)
                .to_ascii_lowercase(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_written() {
        let u = Uri::parse("https://user@App.example.com:8443/cb/?a=1#frag");
        assert_eq!(u.scheme, Some("https"));
        assert_eq!(u.host, Some("App.example.com"));
        assert_eq!(u.port, Some("8443"));
        assert_eq!(u.userinfo, Some("user"));
        assert_eq!(u.path, "/cb/");
        assert_eq!(u.query, Some("a=1"));
        assert_eq!(u.fragment, Some("frag"));
        let v6 = Uri::parse("http://[::1]:5173/cb");
        assert_eq!(v6.host, Some("[::1]"));
        assert_eq!(v6.port, Some("5173"));
        let custom = Uri::parse("myapp://callback");
        assert_eq!(custom.scheme, Some("myapp"));
        let rel = Uri::parse("/callback");
        assert_eq!(rel.scheme, None);
        let rel2 = Uri::parse("app.example.com/cb");
        assert_eq!(rel2.scheme, None);
        assert_eq!(Uri::parse("com.example.app:/cb").scheme, Some("com.example.app"));
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://X.auth.us-east-1.amazoncognito.com/").as_deref(),
            Some("x.auth.us-east-1.amazoncognito.com")
        );
        assert_eq!(host_of("auth.example.com").as_deref(), Some("auth.example.com"));
        assert!(is_loopback_host("LOCALHOST"));
        assert!(!is_loopback_host("127.0.0.2"));
    }
}
