//! The native [`Transport`] (reqwest's blocking client with rustls and the webpki roots: the TLS stack
//! cogfed-auth's `native-http` already builds) and the system [`Clock`].

use crate::http::{Clock, Failure, FailureKind, Response, Transport};
use std::io::Read;
use std::time::{Duration, Instant};

/// Sent with every request.
pub const USER_AGENT: &str = concat!("cogfed-doctor/", env!("CARGO_PKG_VERSION"));

/// reqwest, blocking: no redirects followed, no cookies, no proxy credentials, only `Accept` and `User-Agent`.
pub struct ReqwestTransport {
    client: reqwest::blocking::Client,
}

impl ReqwestTransport {
    /// A client that follows no redirect.
    pub fn new() -> Result<Self, String> {
        reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(USER_AGENT)
            .build()
            .map(|client| ReqwestTransport { client })
            .map_err(|e| format!("cannot build the HTTP client: {e}"))
    }
}

/// The error and its sources, joined.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

fn failure(e: &reqwest::Error) -> Failure {
    // reqwest's own message repeats the URL, which the finding already names: keep the causes.
    let detail = match std::error::Error::source(e) {
        Some(source) => chain(source),
        None => chain(e),
    };
    let lower = detail.to_ascii_lowercase();
    let kind = if e.is_timeout() || lower.contains("timed out") {
        FailureKind::Timeout
    } else if lower.contains("dns error") || lower.contains("failed to lookup address") {
        FailureKind::Dns
    } else if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("invalidcontenttype")
        || lower.contains("corrupt message")
    {
        FailureKind::Tls
    } else if e.is_connect() {
        FailureKind::Connect
    } else {
        FailureKind::Other
    };
    Failure { kind, detail }
}

impl Transport for ReqwestTransport {
    fn get(&mut self, url: &str, timeout: Duration, max_body: usize) -> Result<Response, Failure> {
        let resp = self
            .client
            .get(url)
            .header(
                reqwest::header::ACCEPT,
                "application/json, text/html;q=0.5, */*;q=0.1",
            )
            .timeout(timeout)
            .send()
            .map_err(|e| failure(&e))?;
        let header = |name: reqwest::header::HeaderName| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let status = resp.status().as_u16();
        let location = header(reqwest::header::LOCATION);
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let mut body = Vec::new();
        resp.take(max_body as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                let detail = chain(&e);
                let kind = if detail.to_ascii_lowercase().contains("timed out") {
                    FailureKind::Timeout
                } else {
                    FailureKind::Other
                };
                Failure { kind, detail }
            })?;
        if body.len() > max_body {
            return Err(Failure {
                kind: FailureKind::TooLarge,
                detail: format!("the body is larger than {max_body} bytes"),
            });
        }
        Ok(Response {
            status,
            location,
            content_type,
            body,
        })
    }
}

/// Real time.
pub struct SystemClock {
    start: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock {
            start: Instant::now(),
        }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }

    fn sleep(&mut self, d: Duration) {
        std::thread::sleep(d);
    }
}
