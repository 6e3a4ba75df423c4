//! Small helpers over JavaScript values and timers, and the few browser calls written in JavaScript.

use wasm_bindgen::JsValue;

// Browser calls written in JavaScript rather than through web-sys/js-sys: the Web Locks request, one `fetch`,
// the two WebCrypto calls, describing a thrown value and sleeping. Built from bindings, the same cost the wasm build about 6 KB of code and
// glue (objects assembled member by member with Reflect, RequestInit setters and their enum tables, promise
// and closure plumbing, instanceof checks); here they are one small module that app.js imports. Every
// function is async or returns a promise, so failures arrive as rejections, never as exceptions thrown
// through wasm frames.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export async function cogfed_web_lock(name, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return new Promise((granted, failed) => {
    navigator.locks
      .request(name, { signal: controller.signal }, () => {
        clearTimeout(timer);
        return new Promise((release) => granted(release));
      })
      .catch((error) => {
        clearTimeout(timer);
        failed(controller.signal.aborted ? "timeout" : error);
      });
  });
}

export async function cogfed_fetch(method, url, headerLines, body, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers = new Headers();
  for (const line of headerLines.split("\n")) {
    const colon = line.indexOf(": ");
    if (colon > 0) headers.append(line.slice(0, colon), line.slice(colon + 2));
  }
  let stage = "fetch";
  try {
    const response = await fetch(url, {
      method, headers, body, mode: "cors", credentials: "omit", cache: "no-store", redirect: "error",
      referrerPolicy: "no-referrer", signal: controller.signal,
    });
    stage = "body";
    const text = await response.text();
    let lines = "";
    response.headers.forEach((value, name) => { lines += `${name}: ${value}\n`; });
    return { status: response.status, headers: lines, body: text };
  } catch (error) {
    throw { stage: controller.signal.aborted ? "timeout" : stage, error };
  } finally {
    clearTimeout(timer);
  }
}

export function cogfed_describe(value) {
  if (typeof value === "string") return value;
  try {
    if (value && typeof value.name === "string" && typeof value.message === "string") {
      return `${value.name}: ${value.message}`;
    }
  } catch (_) {}
  return "unknown JavaScript error";
}

export function cogfed_sleep(ms) {
  return new Promise((resolve) => {
    try { setTimeout(resolve, ms); } catch (_) { resolve(); }
  });
}

function subtle() {
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    throw new Error("crypto.subtle is unavailable (WebCrypto needs a secure context: https or localhost)");
  }
  return globalThis.crypto.subtle;
}

export async function cogfed_rs256_import(n, e) {
  return subtle().importKey("jwk", { kty: "RSA", n, e, alg: "RS256", ext: true },
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
}

export function cogfed_rs256_verify(key, signature, data) {
  try {
    return subtle().verify("RSASSA-PKCS1-v1_5", key, signature, data);
  } catch (error) {
    return Promise.reject(error);
  }
}
"#)]
extern "C" {
    /// Requests the Web Lock `name` (`navigator.locks.request` with an abort signal; a timer aborts the wait).
    /// Resolves with the function that releases it once granted (the lock is held until then); rejects with
    /// `"timeout"` when it was not free within `timeout_ms`, or with the browser's error.
    pub(crate) fn cogfed_web_lock(name: &str, timeout_ms: u32) -> js_sys::Promise;

    /// One `fetch` in CORS mode without credentials, `no-store`, `redirect: "error"`, `no-referrer`, aborted
    /// after `timeout_ms`. Headers cross as `name: value` lines (header names and values cannot contain line
    /// breaks). Resolves with `{status, headers, body}` (headers as lines again); rejects with
    /// `{stage, error}`, `stage` being `"fetch"` (no response), `"body"` (reading it failed) or `"timeout"`.
    pub(crate) fn cogfed_fetch(
        method: &str,
        url: &str,
        header_lines: &str,
        body: Option<&str>,
        timeout_ms: u32,
    ) -> js_sys::Promise;

    /// `crypto.subtle.importKey("jwk", {kty: "RSA", n, e, alg: "RS256"}, RSASSA-PKCS1-v1_5 with SHA-256,
    /// not extractable, ["verify"])`.
    pub(crate) fn cogfed_rs256_import(n: &str, e: &str) -> js_sys::Promise;

    /// `crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, data)`, resolving with a boolean. Not an
    /// async function: WebCrypto copies the two byte views (into wasm memory) before this returns.
    pub(crate) fn cogfed_rs256_verify(key: &JsValue, signature: &[u8], data: &[u8]) -> js_sys::Promise;

    /// See [`describe`]; never throws (a hostile getter is caught).
    fn cogfed_describe(value: &JsValue) -> String;

    /// A promise resolved after `ms` milliseconds.
    fn cogfed_sleep(ms: u32) -> js_sys::Promise;
}

/// A member of a JavaScript object (`undefined` when absent or unreadable).
pub fn member(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A readable description of a thrown JavaScript value: `Name: message` for `Error` objects and anything
/// else with a string `name` and `message` (a `DOMException` such as `QuotaExceededError`, which is not an
/// `Error` subclass in every engine), the string itself for strings.
pub fn describe(value: &JsValue) -> String {
    cogfed_describe(value)
}

/// Resolves after `ms` milliseconds (a `setTimeout` promise; at once when there is no timer).
pub async fn sleep_ms(ms: u32) {
    let _ = wasm_bindgen_futures::JsFuture::from(cogfed_sleep(ms)).await;
}

/// `window.location.href`, if there is a window.
pub fn current_href() -> Option<String> {
    web_sys::window().and_then(|w| w.location().href().ok())
}

/// Top-level navigation to `url` (`location.assign`): how the authorize and logout endpoints must be reached
/// (cognito-facts §1.5: `/logout` is a browser navigation, never a fetch).
pub fn navigate(url: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    window.location().assign(url).map_err(|e| describe(&e))
}
