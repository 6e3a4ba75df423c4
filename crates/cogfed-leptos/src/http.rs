//! [`FetchHttpClient`]: the cogfed-auth [`HttpClient`] on the browser's `fetch`, and [`BrowserClock`].
//!
//! Raw `web-sys` rather than gloo-net: the client needs one request shape and reads status, headers and text,
//! which is a few imports; a wrapper crate would add its own error and builder layers to the wasm.
//!
//! Every request is CORS mode without credentials (Cognito's token, userInfo and revocation endpoints answer
//! `Access-Control-Allow-Origin: *`, cognito-facts §1.0, and never need cookies), `no-store` (token responses
//! must not be cached), `no-referrer` (the SPA's URL is nobody's business, security-checklist B2 item 9) and
//! refuses redirects, like the native client. A timeout aborts requests that hang.

use crate::js::describe;
use cogfed_auth::{Clock, HttpClient, HttpError, HttpMethod, HttpRequest, HttpResponse};
use wasm_bindgen::{JsCast, JsValue};
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

/// Builds the `web_sys::Request` for a cogfed-auth request (CORS, no credentials, no cache, no referrer, no
/// redirects).
pub fn build_request(
    request: &HttpRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<web_sys::Request, JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method(match request.method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
    });
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_redirect(web_sys::RequestRedirect::Error);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    let headers = web_sys::Headers::new()?;
    for (name, value) in &request.headers {
        headers.append(name, value)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(signal);
    web_sys::Request::new_with_str_and_init(&request.url, &init)
}

/// Header name/value pairs of a response (only the CORS-exposed ones are visible to the page).
fn response_headers(response: &web_sys::Response) -> Vec<(String, String)> {
    let Ok(Some(iterator)) = js_sys::try_iter(&response.headers()) else {
        return Vec::new();
    };
    iterator
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair = entry.dyn_into::<js_sys::Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// Aborts the controller after `ms` unless dropped first; dropping clears the timer and frees the closure.
struct Timeout {
    handle: Option<i32>,
    _abort: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Timeout {
    fn start(controller: &web_sys::AbortController, ms: u32) -> Timeout {
        let controller = controller.clone();
        let abort = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Timeout {
            handle,
            _abort: abort,
        }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
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
        let controller = web_sys::AbortController::new().map_err(|e| fail(describe(&e)))?;
        let _timeout = Timeout::start(&controller, self.timeout_ms);
        let browser_request =
            build_request(&request, Some(&controller.signal())).map_err(|e| fail(describe(&e)))?;
        let response = self.fetch(&browser_request).await.map_err(|reason| {
            if controller.signal().aborted() {
                fail(format!("no response within {} ms", self.timeout_ms))
            } else {
                // The browser hides the cause of network and CORS failures from the page on purpose.
                fail(format!(
                    "{reason} (network error, or the endpoint does not allow this origin via CORS)"
                ))
            }
        })?;
        let status = response.status();
        let headers = response_headers(&response);
        let text_promise = response.text().map_err(|e| fail(describe(&e)))?;
        let body = JsFuture::from(text_promise)
            .await
            .map_err(|e| fail(describe(&e)))?
            .as_string()
            .ok_or_else(|| fail("the response body is not text".into()))?;
        if body.len() > MAX_RESPONSE_BYTES {
            return Err(fail(format!(
                "response body larger than {MAX_RESPONSE_BYTES} bytes"
            )));
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}
