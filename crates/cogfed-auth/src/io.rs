//! The narrow I/O traits the protocol core is written against. The browser crate implements them with
//! `fetch`, `sessionStorage`, `Date.now()` and WebCrypto; tests and the CLI implement them natively.
//!
//! Async methods are plain `async fn` in traits on purpose: their futures are **not** required to be `Send`,
//! because futures built on JavaScript promises in wasm are not. Callers use the traits generically.

use std::fmt;

/// The current time as Unix seconds.
pub trait Clock {
    /// Seconds since the Unix epoch.
    fn now_unix(&self) -> u64;
}

/// The system clock. Native only: `SystemTime::now()` panics on wasm32-unknown-unknown, where the browser
/// crate supplies a clock on `Date.now()`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

#[cfg(not(target_arch = "wasm32"))]
impl Clock for SystemClock {
    fn now_unix(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

/// A fixed clock, for tests and for `cogfed token verify --now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now_unix(&self) -> u64 {
        self.0
    }
}

/// A source of cryptographically secure random bytes.
pub trait Randomness {
    /// Fills `buf` with random bytes, or reports that the CSPRNG is unavailable.
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomnessError>;
}

/// The CSPRNG could not produce bytes. Never fall back to a weaker source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the system random number generator failed: {0}")]
pub struct RandomnessError(pub String);

/// The operating system's CSPRNG through getrandom 0.3 (`crypto.getRandomValues` in the browser via the
/// `wasm_js` backend).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandomness;

impl Randomness for OsRandomness {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomnessError> {
        getrandom::fill(buf).map_err(|e| RandomnessError(e.to_string()))
    }
}

/// HTTP method of an [`HttpRequest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// GET: discovery, JWKS, userInfo.
    Get,
    /// POST: token and revocation endpoints.
    Post,
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        })
    }
}

/// A fully built HTTP request: the protocol functions produce these; an [`HttpClient`] sends them verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// GET or POST.
    pub method: HttpMethod,
    /// Absolute URL.
    pub url: String,
    /// Header name/value pairs, in order.
    pub headers: Vec<(String, String)>,
    /// Body for POST (`application/x-www-form-urlencoded`), `None` for GET.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of the first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP response as the protocol functions need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Header name/value pairs (only `WWW-Authenticate` and `Content-Type` are read).
    pub headers: Vec<(String, String)>,
    /// Body decoded as UTF-8 text.
    pub body: String,
}

impl HttpResponse {
    /// The value of the first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The request never produced a response (network failure, CORS refusal, timeout, non-UTF-8 body...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("HTTP request to {url} failed: {reason}")]
pub struct HttpError {
    /// The URL that was requested.
    pub url: String,
    /// What went wrong, in the transport's words.
    pub reason: String,
}

/// Sends HTTP requests for discovery, JWKS, token, userInfo and revocation.
#[allow(async_fn_in_trait)] // wasm futures are not Send; see the module documentation.
pub trait HttpClient {
    /// Sends `request` and returns the response, whatever its status.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError>;
}
