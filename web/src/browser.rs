//! The few browser calls the pages make themselves (the auth flow's I/O lives in `cogfed-leptos`): a
//! same-origin GET, sessionStorage, and the Compression Streams API for share links. Errors are strings for
//! the page to show.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The text of a same-origin file beside the app (the checker's `examples/…`), or why not.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    match get(url).await {
        Ok((status, body)) if (200..300).contains(&status) => Ok(body),
        Ok((status, _)) => Err(format!("{url}: HTTP {status}")),
        Err(e) => Err(format!("{url}: {}", describe(&e))),
    }
}

/// A GET of another origin's document for the checker's live check: the status and body as read, or what
/// the browser said when it gave nothing to read (no CORS headers, unreachable: a page cannot tell which).
pub async fn fetch_other_origin(url: &str) -> cogfed_checker::protocol::Fetched {
    use cogfed_checker::protocol::Fetched;
    match get(url).await {
        Ok((status, body)) => Fetched::Answer {
            url: url.to_string(),
            status,
            body,
        },
        Err(e) => Fetched::Blocked {
            url: url.to_string(),
            why: describe(&e),
        },
    }
}

/// GET `url` without credentials (no cookie or authorization header ever goes with it): the status and the
/// body as text.
async fn get(url: &str) -> Result<(u16, String), JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str_and_init(url, &init)).await?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| JsValue::from_str("not an HTTP response"))?;
    let body = JsFuture::from(response.text()?).await?;
    Ok((response.status(), body.as_string().unwrap_or_default()))
}

/// The tab's sessionStorage, when the browser allows it.
fn session_storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().session_storage().ok().flatten()
}

/// Reads `key` from sessionStorage.
pub fn session_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// Writes `key` to sessionStorage.
pub fn session_set(key: &str, value: &str) -> Result<(), String> {
    let storage = session_storage().ok_or("sessionStorage is not available in this browser")?;
    storage
        .set_item(key, value)
        .map_err(|e| format!("sessionStorage refused the value: {}", describe(&e)))
}

/// Removes `key` from sessionStorage.
pub fn session_remove(key: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Focuses the first element matching `selector` after the next render (for moving focus to a new page's
/// heading, or to the first invalid field).
pub fn focus_first(selector: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        if let Ok(Some(el)) = leptos::prelude::document().query_selector(selector)
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    });
}

/// The trimmed value of the form field with id `id` (an input or a select), when it exists and is not empty.
/// Read when needed instead of bound to a signal: static fields cost no view code.
pub fn field_value(id: &str) -> Option<String> {
    let field = leptos::prelude::document().get_element_by_id(id)?;
    let value = js_sys::Reflect::get(&field, &JsValue::from_str("value"))
        .ok()?
        .as_string()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A JS exception's message.
pub fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

#[wasm_bindgen]
extern "C" {
    // The Compression Streams API (Chrome 80, Firefox 113, Safari 16.4). web-sys has it only behind
    // `--cfg web_sys_unstable_apis`, which would rebuild every crate; two constructors are all we need.
    #[wasm_bindgen(js_name = CompressionStream)]
    type JsCompressionStream;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<JsCompressionStream, JsValue>;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type JsDecompressionStream;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<JsDecompressionStream, JsValue>;
}

/// Runs `bytes` through a (de)compression transform, reading at most `limit` output bytes.
async fn transform(bytes: &[u8], stream: JsValue, limit: usize) -> Result<Vec<u8>, String> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|e| describe(&e))?;
    let pair: web_sys::ReadableWritablePair = stream.unchecked_into();
    let reader: web_sys::ReadableStreamDefaultReader =
        blob.stream().pipe_through(&pair).get_reader().unchecked_into();
    let mut out = Vec::new();
    // Bounded: every round reads at least one byte or ends; `limit` caps the total.
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("the data is damaged: {}", describe(&e)))?;
        let chunk: Object = chunk.unchecked_into();
        if Reflect::get(&chunk, &"done".into())
            .map(|d| d.is_truthy())
            .unwrap_or(true)
        {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(|e| describe(&e))?
            .unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(format!("the content is larger than {} KiB", limit / 1024));
        }
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        if let Some(dest) = out.get_mut(start..) {
            value.copy_to(dest);
        }
    }
    Ok(out)
}

/// `deflate-raw` compression, or `None` when the browser lacks the API.
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let stream = JsCompressionStream::new("deflate-raw").ok()?;
    transform(bytes, stream.into(), usize::MAX).await.ok()
}

/// `deflate-raw` decompression of at most `limit` bytes.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let stream = JsDecompressionStream::new("deflate-raw")
        .map_err(|_| "this browser cannot decompress share links (no DecompressionStream)".to_string())?;
    transform(bytes, stream.into(), limit).await
}
