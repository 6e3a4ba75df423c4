//! The doctor's HTTP: a narrow [`Transport`] (one unauthenticated GET, redirects not followed) and [`Manners`],
//! which every request goes through and which enforces issue 16's manners:
//!
//! - **GET only, nothing secret sent**: the transport has no method, header or body parameter; a URL with
//!   credentials (`user:pass@`) or a query parameter that carries a secret or a token is refused
//!   ([`refusal`]); the authorize probe's PKCE challenge has no verifier anywhere.
//! - **HTTPS required except on loopback** (cognito-facts §5.3: Cognito talks HTTPS only to an IdP; loopback
//!   http is the test setup of Local Cognito and oidc-provider): a refused URL is never connected to.
//! - **A timeout per request, a body cap, a cap per run** ([`MannersConfig`]).
//! - **At most a few requests per second per host**: requests to one `host:port` are spaced by
//!   `min_interval` (the [`Clock`] sleeps).
//! - **Redirects are not followed**: the authorize probe reads Cognito's `Location`; a discovery document must
//!   be at its URL.

use std::collections::HashMap;
use std::time::Duration;

/// An HTTP answer as far as the doctor reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// The `Location` header, as sent.
    pub location: Option<String>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The body, at most the cap the request was made with.
    pub body: Vec<u8>,
}

/// What kind of network failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The host name did not resolve.
    Dns,
    /// The connection was refused, reset or could not be made.
    Connect,
    /// The TLS handshake failed (certificate expired, untrusted, wrong name; or not TLS at all).
    Tls,
    /// No answer within the timeout.
    Timeout,
    /// The body is larger than the cap.
    TooLarge,
    /// Anything else (a malformed answer).
    Other,
}

impl FailureKind {
    /// A short name for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Dns => "DNS",
            FailureKind::Connect => "connection",
            FailureKind::Tls => "TLS",
            FailureKind::Timeout => "timeout",
            FailureKind::TooLarge => "too large",
            FailureKind::Other => "HTTP",
        }
    }
}

/// A network failure: kind and the error chain as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The kind.
    pub kind: FailureKind,
    /// The detail (the client's error chain).
    pub detail: String,
}

/// One unauthenticated GET, redirects not followed. Implementations send no cookies, no credentials and no
/// headers beyond `Accept` and `User-Agent`.
pub trait Transport {
    /// GETs `url`, waiting at most `timeout` and reading at most `max_body` bytes of the body (a longer body is
    /// [`FailureKind::TooLarge`]).
    fn get(&mut self, url: &str, timeout: Duration, max_body: usize) -> Result<Response, Failure>;
}

/// Monotonic time and sleeping, so pacing is testable without waiting.
pub trait Clock {
    /// Time since an arbitrary fixed start.
    fn now(&self) -> Duration;
    /// Blocks for `d`.
    fn sleep(&mut self, d: Duration);
}

/// The limits of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MannersConfig {
    /// Timeout of each request.
    pub timeout: Duration,
    /// Most requests in one run.
    pub max_requests: usize,
    /// Least time between two requests to the same `host:port`.
    pub min_interval: Duration,
    /// Largest body read.
    pub max_body: usize,
}

impl Default for MannersConfig {
    /// 10 s per request, 100 requests per run, 4 requests per second per host, 1 MiB bodies.
    fn default() -> Self {
        MannersConfig {
            timeout: Duration::from_secs(10),
            max_requests: 100,
            min_interval: Duration::from_millis(250),
            max_body: 1024 * 1024,
        }
    }
}

/// Query parameters that carry a secret or a token: a URL with one is never requested.
pub const SECRET_PARAMS: &[&str] = &[
    "client_secret",
    "code",
    "code_verifier",
    "access_token",
    "id_token",
    "refresh_token",
    "token",
    "password",
    "client_assertion",
];

/// Why `url` must not be requested, or `None` when it may be.
pub fn refusal(url: &str) -> Option<String> {
    let u = cogfed_lint::uri::Uri::parse(url);
    if !u.is_web() || u.host.is_none_or(str::is_empty) {
        return Some("not an absolute http(s) URL".into());
    }
    if u.userinfo.is_some() {
        return Some("it carries credentials (user:password@)".into());
    }
    if !crate::url::is_https(url) && !crate::url::is_loopback(url) {
        return Some(
            "plain http to a host that is not loopback: HTTPS is required (Cognito talks to an IdP over HTTPS only)"
                .into(),
        );
    }
    if let Some((name, _)) = crate::url::query_pairs(url)
        .into_iter()
        .find(|(k, _)| SECRET_PARAMS.contains(&k.as_str()))
    {
        return Some(format!(
            "its query has `{name}`: the doctor never sends a secret or a token"
        ));
    }
    None
}

/// Why a request was not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The manners refuse the URL; nothing was sent.
    Refused(String),
    /// The run's request cap is reached; nothing was sent.
    Budget {
        /// Requests made so far.
        made: usize,
    },
    /// The request failed on the network.
    Network(Failure),
}

/// Observes requests (a progress line per host on a terminal).
pub trait Progress {
    /// A request to `host` for `url` ended with `outcome` (`200`, `302`, `timeout`...).
    fn request(&mut self, host: &str, url: &str, outcome: &str);
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn request(&mut self, _: &str, _: &str, _: &str) {}
}

/// Every request of a run goes through here.
pub struct Manners<'a, T: Transport, C: Clock> {
    transport: T,
    clock: C,
    config: MannersConfig,
    progress: &'a mut dyn Progress,
    made: usize,
    last_by_host: HashMap<String, Duration>,
}

impl<'a, T: Transport, C: Clock> Manners<'a, T, C> {
    /// Manners over `transport`.
    pub fn new(transport: T, clock: C, config: MannersConfig, progress: &'a mut dyn Progress) -> Self {
        Manners {
            transport,
            clock,
            config,
            progress,
            made: 0,
            last_by_host: HashMap::new(),
        }
    }

    /// Requests made so far.
    pub fn made(&self) -> usize {
        self.made
    }

    /// GETs `url` if the manners allow it.
    pub fn get(&mut self, url: &str) -> Result<Response, FetchError> {
        if let Some(why) = refusal(url) {
            return Err(FetchError::Refused(why));
        }
        if self.made >= self.config.max_requests {
            return Err(FetchError::Budget { made: self.made });
        }
        let host = crate::url::host_port(url).unwrap_or_default();
        if let Some(last) = self.last_by_host.get(&host) {
            let next = *last + self.config.min_interval;
            let now = self.clock.now();
            if next > now {
                self.clock.sleep(next - now);
            }
        }
        self.made += 1;
        let answer = self.transport.get(url, self.config.timeout, self.config.max_body);
        self.last_by_host.insert(host.clone(), self.clock.now());
        let outcome = match &answer {
            Ok(r) => r.status.to_string(),
            Err(f) => f.kind.as_str().to_owned(),
        };
        self.progress.request(&host, url, &outcome);
        answer.map_err(FetchError::Network)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A transport that records URLs and answers 200 `{}`.
    #[derive(Clone, Default)]
    struct Recorder(Rc<RefCell<Vec<String>>>);

    impl Transport for Recorder {
        fn get(&mut self, url: &str, _: Duration, _: usize) -> Result<Response, Failure> {
            self.0.borrow_mut().push(url.to_owned());
            Ok(Response {
                status: 200,
                location: None,
                content_type: None,
                body: b"{}".to_vec(),
            })
        }
    }

    /// A clock that only moves when slept on (and by 1 ms per request, the time a request takes).
    #[derive(Clone, Default)]
    struct FakeClock {
        now: Rc<RefCell<Duration>>,
        slept: Rc<RefCell<Vec<Duration>>>,
    }

    impl Clock for FakeClock {
        fn now(&self) -> Duration {
            *self.now.borrow()
        }
        fn sleep(&mut self, d: Duration) {
            *self.now.borrow_mut() += d;
            self.slept.borrow_mut().push(d);
        }
    }

    #[test]
    fn refusals() {
        for ok in [
            "https://idp.example.com/.well-known/openid-configuration",
            "http://127.0.0.1:9229/x",
            "http://localhost/x?code_challenge=abc&state=s",
        ] {
            assert_eq!(refusal(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("http://idp.example.com/x", "HTTPS is required"),
            ("https://user:pw@idp.example.com/x", "credentials"),
            ("https://idp.example.com/x?client_secret=s", "`client_secret`"),
            ("https://idp.example.com/x?code=abc", "`code`"),
            ("https://idp.example.com/x?access_token=abc", "`access_token`"),
            ("ftp://idp.example.com/x", "not an absolute http(s) URL"),
            ("/relative", "not an absolute http(s) URL"),
        ] {
            let got = refusal(bad).unwrap_or_default();
            assert!(got.contains(why), "{bad}: {got}");
        }
    }

    #[test]
    fn refused_urls_and_the_cap_send_nothing() {
        let rec = Recorder::default();
        let mut silent = Silent;
        let config = MannersConfig {
            max_requests: 2,
            ..MannersConfig::default()
        };
        let mut m = Manners::new(rec.clone(), FakeClock::default(), config, &mut silent);
        assert!(matches!(
            m.get("http://idp.example.com/.well-known/openid-configuration"),
            Err(FetchError::Refused(_))
        ));
        assert!(m.get("https://a.example/1").is_ok());
        assert!(m.get("https://b.example/2").is_ok());
        assert_eq!(m.get("https://c.example/3"), Err(FetchError::Budget { made: 2 }));
        assert_eq!(*rec.0.borrow(), ["https://a.example/1", "https://b.example/2"]);
    }

    #[test]
    fn requests_to_one_host_are_paced_and_other_hosts_are_not() {
        let clock = FakeClock::default();
        let mut silent = Silent;
        let config = MannersConfig {
            min_interval: Duration::from_millis(250),
            ..MannersConfig::default()
        };
        let mut m = Manners::new(Recorder::default(), clock.clone(), config, &mut silent);
        for url in [
            "https://a.example/1",
            "https://b.example/1",
            "https://a.example/2",
            "https://a.example:8443/1",
            "https://a.example/3",
        ] {
            assert!(m.get(url).is_ok());
        }
        // a.example/2 waits its 250 ms; a.example:8443 is another host; a.example/3 waits again.
        assert_eq!(
            *clock.slept.borrow(),
            [Duration::from_millis(250), Duration::from_millis(250)]
        );
        assert_eq!(m.made(), 5);
    }
}
