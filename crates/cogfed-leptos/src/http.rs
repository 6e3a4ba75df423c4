//! [`FetchHttpClient`]: the cogfed-auth [`HttpClient`] on the browser's `fetch`, and [`BrowserClock`].
//!
//! Neither gloo-net nor the web-sys request builders: the client needs one request shape and reads status,
//! headers and text, which is a few lines of inline JavaScript (`cogfed_fetch` below) and the least glue.
//!
//! Every request is CORS mode without credentials (Cognito's token, userInfo and revocation endpoints answer
//! `Access-Control-Allow-Origin: *`, cognito-facts §1.0, and never need cookies), `no-store` (token responses
//! must not be cached), `no-referrer` (the SPA's URL is nobody's business, security-checklist B2 item 9) and
//! refuses redirects, like the native client. A timeout aborts requests that hang.

use crate::js::{cogfed_fetch, describe, member};
use cogfed_auth::{Clock, HttpClient, HttpError, HttpMethod, HttpRequest, HttpResponse};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Largest response body accepted (a JWKS or discovery document is a few KB).
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;
/// Default request timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// Sends cogfed-auth requests with `window.fetch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchHttpClient {
    /// Milliseconds before a request is aborted.
    pub timeout_ms: u32,
}

impl Default for FetchHttpClient {
    fn default() -> Self {
        FetchHttpClient {
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// The current time from `Date.now()` (`SystemTime::now()` panics on wasm32-unknown-unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_unix(&self) -> u64 {
        let ms = js_sys::Date::now();
        if ms.is_finite() && ms > 0.0 {
            (ms / 1000.0) as u64
        } else {
            0
        }
    }
}

impl FetchHttpClient {
    /// Sends an already built browser request and returns the browser response.
    pub async fn fetch(&self, request: &web_sys::Request) -> Result<web_sys::Response, String> {
        let window = web_sys::window().ok_or("no window (not running in a browser page)")?;
        let response = JsFuture::from(window.fetch_with_request(request))
            .await
            .map_err(|e| describe(&e))?;
        response
            .dyn_into::<web_sys::Response>()
            .map_err(|_| "fetch did not produce a Response".to_owned())
    }
}

impl HttpClient for FetchHttpClient {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let fail = |reason: String| HttpError {
            url: request.url.clone(),
            reason,
        };
        let method = match request.method {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        };
        let header_lines: String = request
            .headers
            .iter()
            .map(|(name, value)| [name.as_str(), ": ", value, "\n"].concat())
            .collect();
        let sent = cogfed_fetch(
            method,
            &request.url,
            &header_lines,
            request.body.as_deref(),
            self.timeout_ms,
        );
        let response = match JsFuture::from(sent).await {
            Ok(response) => response,
            Err(rejection) => {
                let error = describe(&member(&rejection, "error"));
                return Err(fail(match member(&rejection, "stage").as_string().as_deref() {
                    Some("timeout") => {
                        let ms = cogfed_auth::json::decimal(u64::from(self.timeout_ms));
                        ["no response within ", &ms, " ms"].concat()
                    }
                    // The browser hides the cause of network and CORS failures from the page on purpose.
                    Some("fetch") => [
                        &error,
                        " (network error, or the endpoint does not allow this origin via CORS)",
                    ]
                    .concat(),
                    _ => error,
                }));
            }
        };
        let status = member(&response, "status")
            .as_f64()
            .filter(|s| (0.0..=999.0).contains(s))
            .ok_or_else(|| fail("the response has no status".into()))? as u16;
        let body = member(&response, "body")
            .as_string()
            .ok_or_else(|| fail("the response body is not text".into()))?;
        if body.len() > MAX_RESPONSE_BYTES {
            return Err(fail("response body larger than 1 MiB".into()));
        }
        let headers = member(&response, "headers")
            .as_string()
            .unwrap_or_default()
            // Char patterns only: a `str` pattern would link the two-way string search.
            .split('\n')
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| {
                (
                    name.to_owned(),
                    value.strip_prefix(' ').unwrap_or(value).to_owned(),
                )
            })
            .collect();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}
