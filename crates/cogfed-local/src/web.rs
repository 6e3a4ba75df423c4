//! HTTP plumbing shared by both sides: parameter parsing, Cognito's error shapes, redirects, cookies, CORS and
//! client authentication headers. Nothing here panics on request data.

use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Response as HttpResponse, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::collections::BTreeMap;

/// Query or form parameters. A parameter sent twice is an error (RFC 6749 §3.1), and an empty value counts as
/// absent (same section).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(BTreeMap<String, String>);

/// A parameter appeared more than once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parameter {0:?} appears more than once")]
pub struct DuplicateParam(pub String);

impl Params {
    /// Parses `application/x-www-form-urlencoded` bytes (a query string or a form body).
    pub fn parse(input: &[u8]) -> Result<Self, DuplicateParam> {
        let mut map = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(input) {
            if map.insert(k.to_string(), v.into_owned()).is_some() {
                return Err(DuplicateParam(k.into_owned()));
            }
        }
        Ok(Params(map))
    }

    /// Parses an optional raw query string.
    pub fn from_query(query: Option<&str>) -> Result<Self, DuplicateParam> {
        Self::parse(query.unwrap_or_default().as_bytes())
    }

    /// The value of `name`, `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// Sets a parameter.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_owned(), value.into());
    }

    /// Removes a parameter.
    pub fn remove(&mut self, name: &str) {
        self.0.remove(name);
    }

    /// The parameters, re-encoded as a query string.
    pub fn to_query(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.0 {
            s.append_pair(k, v);
        }
        s.finish()
    }

    /// All parameters in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Appends parameters to a URL that may already carry a query.
pub fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    let q = s.finish();
    if q.is_empty() {
        base.to_owned()
    } else if base.contains('?') {
        format!("{base}&{q}")
    } else {
        format!("{base}?{q}")
    }
}

/// Appends parameters as a fragment (implicit grant, cognito-facts §1.1).
pub fn with_fragment(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    format!("{base}#{}", s.finish())
}

fn builder(status: StatusCode) -> axum::http::response::Builder {
    HttpResponse::builder().status(status)
}

fn finish(b: axum::http::response::Builder, body: impl Into<axum::body::Body>) -> Response {
    // A builder only fails on invalid header values, which we never construct from request data unchecked.
    b.body(body.into())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// `application/json;charset=UTF-8`, Cognito's exact content type for token endpoint answers (cognito-facts §1.2).
pub const COGNITO_JSON: &str = "application/json;charset=UTF-8";

/// A JSON answer with `Cache-Control: no-store` and `Access-Control-Allow-Origin: *`.
pub fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    let b = builder(status)
        .header(header::CONTENT_TYPE, COGNITO_JSON)
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::PRAGMA, "no-cache")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    finish(b, value.to_string())
}

/// Cognito's OAuth error body `{"error": ...}` (+ `error_description`) (cognito-facts §1.2).
pub fn oauth_error(status: StatusCode, error: &str, description: Option<&str>) -> Response {
    let mut body = serde_json::json!({ "error": error });
    if let Some(d) = description {
        body["error_description"] = d.into();
    }
    json(status, &body)
}

/// A request body as a handler receives it: the bytes, or why they could not be read (larger than axum's
/// limit, 2 MiB, or cut off). Handlers answer the failure in their endpoint's own error shape, not with axum's
/// plain-text 413.
pub type Body = Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>;

/// Cognito's JSON error for a body that could not be read, e.g. an oversized one: `400 invalid_request`, the
/// only shape Cognito documents for its token and revoke errors (cognito-facts §1.2, §1.4; what size AWS
/// accepts is not documented).
pub fn unreadable_body(rejection: &axum::extract::rejection::BytesRejection) -> Response {
    let what = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        "request body too large"
    } else {
        "request body could not be read"
    };
    oauth_error(StatusCode::BAD_REQUEST, "invalid_request", Some(what))
}

/// A 302 redirect.
pub fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => finish(
            builder(StatusCode::FOUND)
                .header(header::LOCATION, v)
                .header(header::CACHE_CONTROL, "no-store"),
            "",
        ),
        Err(_) => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            Some("redirect target is not a valid header"),
        ),
    }
}

/// Adds a `Set-Cookie` header to a response.
pub fn set_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// An HTML page with the hosted UI's protective headers: no framing (cognito-facts §2.3), no caching, a CSP
/// that allows only inline styles. No `form-action`: browsers apply it to the redirects that follow a form
/// submission, and sign-in must redirect to the app and to the IdP.
pub fn html(status: StatusCode, body: String) -> Response {
    let b = builder(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::X_FRAME_OPTIONS, "DENY")
        .header(HeaderName::from_static("x-content-type-options"), "nosniff")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        );
    finish(b, body)
}

/// The answer to a CORS preflight on the endpoints that send `Access-Control-Allow-Origin: *`.
pub fn cors_preflight(headers: &HeaderMap) -> Response {
    let requested = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ',' | ' ' | '_'))
        })
        .unwrap_or("authorization, content-type")
        .to_owned();
    let b = builder(StatusCode::NO_CONTENT)
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(header::ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
        .header(header::ACCESS_CONTROL_ALLOW_HEADERS, requested)
        .header(header::ACCESS_CONTROL_MAX_AGE, "600");
    finish(b, "")
}

/// A plain text answer.
pub fn text(status: StatusCode, content_type: &str, body: String) -> Response {
    let b = builder(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store");
    finish(b, body)
}

/// The value of cookie `name`, if the request sent it once or more (the first wins).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Credentials from `Authorization: Basic`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasicAuth {
    /// No `Authorization: Basic` header.
    Absent,
    /// A header that is not valid base64 of `id:secret` in UTF-8.
    Malformed,
    /// The decoded client ID and secret (the secret may be empty).
    Present {
        /// Client ID.
        client_id: String,
        /// Client secret.
        secret: String,
    },
}

/// Reads `Authorization: Basic base64(client_id:client_secret)`.
pub fn basic_auth(headers: &HeaderMap) -> BasicAuth {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return BasicAuth::Absent;
    };
    let Some((scheme, encoded)) = value.trim().split_once(' ') else {
        return BasicAuth::Absent;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return BasicAuth::Absent;
    }
    let Ok(decoded) = STANDARD.decode(encoded.trim()) else {
        return BasicAuth::Malformed;
    };
    let Ok(decoded) = String::from_utf8(decoded) else {
        return BasicAuth::Malformed;
    };
    match decoded.split_once(':') {
        Some((id, secret)) => BasicAuth::Present {
            client_id: id.to_owned(),
            secret: secret.to_owned(),
        },
        None => BasicAuth::Malformed,
    }
}

/// The token of `Authorization: Bearer <token>`.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// Whether the request body is declared as a form.
pub fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_reject_duplicates_and_treat_empty_as_absent() {
        assert_eq!(Params::parse(b"a=1&a=2"), Err(DuplicateParam("a".into())));
        let p = Params::parse(b"a=&b=x+y&c=%2F").unwrap();
        assert_eq!(p.get("a"), None);
        assert_eq!(p.get("b"), Some("x y"));
        assert_eq!(p.get("c"), Some("/"));
    }

    #[test]
    fn query_is_appended_to_existing_query() {
        assert_eq!(
            with_query("http://a/cb", &[("code", "x y")]),
            "http://a/cb?code=x+y"
        );
        assert_eq!(
            with_query("http://a/cb?k=1", &[("code", "c")]),
            "http://a/cb?k=1&code=c"
        );
    }

    #[test]
    fn basic_auth_forms() {
        let mut h = HeaderMap::new();
        assert_eq!(basic_auth(&h), BasicAuth::Absent);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic Y2xpZW50Og=="),
        );
        assert_eq!(
            basic_auth(&h),
            BasicAuth::Present {
                client_id: "client".into(),
                secret: String::new()
            }
        );
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert_eq!(basic_auth(&h), BasicAuth::Malformed);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(basic_auth(&h), BasicAuth::Absent);
        assert_eq!(bearer(&h).as_deref(), Some("abc"));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cognito=abc; XSRF-TOKEN=t"),
        );
        assert_eq!(cookie(&h, "cognito").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "XSRF-TOKEN").as_deref(), Some("t"));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
