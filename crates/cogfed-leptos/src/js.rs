//! Small helpers over JavaScript values, and the few browser calls written in JavaScript.

use wasm_bindgen::JsValue;

// Browser calls written in JavaScript rather than through web-sys/js-sys: one `fetch`, the WebCrypto calls
// (import a key, verify, SHA-256), describing a thrown value. Built from bindings, the same cost the wasm
// build about 6 KB of code and glue (objects assembled member by member with Reflect, RequestInit setters and
// their enum tables, promise and closure plumbing, instanceof checks); here they are one small module that
// app.js imports. Every function is async or returns a promise, so failures arrive as rejections, never as
// exceptions thrown through wasm frames. (The cross-tab lock's calls are in `lock.rs`, linked only with the
// `session-storage` feature.)
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
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

export function cogfed_sha256(data) {
  try {
    return subtle().digest("SHA-256", data).then((digest) => new Uint8Array(digest));
  } catch (error) {
    return Promise.reject(error);
  }
}
"#)]
extern "C" {
    /// `fetch(url, {method, headers, body, mode: "cors", credentials: "omit", cache: "no-store",
    /// redirect: "error", referrerPolicy: "no-referrer"})` aborted after `timeout_ms`. `header_lines` is
    /// `name: value` lines. Resolves with `{status, headers, body}` (`headers` as `name: value` lines); rejects
    /// with `{stage, error}` (`stage`: `fetch`, `body` or `timeout`).
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

    /// `crypto.subtle.digest("SHA-256", data)`, resolving with the 32 bytes as a `Uint8Array` (the bytes are
    /// copied before this returns, as for `verify`).
    pub(crate) fn cogfed_sha256(data: &[u8]) -> js_sys::Promise;

    /// See [`describe`]; never throws (a hostile getter is caught).
    fn cogfed_describe(value: &JsValue) -> String;
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

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(what: &str, why: &str);
}

/// `console.warn(what, why)`: a failure that must not stop what the user asked for (the address bar could
/// not be cleaned, a revocation failed before sign-out).
pub fn warn(what: &str, why: &str) {
    console_warn(what, why);
}
