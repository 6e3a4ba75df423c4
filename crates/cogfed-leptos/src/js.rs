//! Small helpers over JavaScript values and timers.

use wasm_bindgen::{JsCast, JsValue};

/// A readable description of a thrown JavaScript value: `Name: message` for `Error` objects (a
/// `DOMException` such as `QuotaExceededError` included), the string itself for strings.
pub fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        let name: String = error.name().into();
        let message: String = error.message().into();
        return format!("{name}: {message}");
    }
    if let Some(text) = value.as_string() {
        return text;
    }
    // DOMException is not an Error subclass in every engine: read its fields reflectively.
    let field = |name: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        _ => "unknown JavaScript error".to_owned(),
    }
}

/// Resolves after `ms` milliseconds (a `setTimeout` promise).
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u32) as i32)
        });
        if !matches!(scheduled, Some(Ok(_))) {
            // No timer available: resolve at once rather than never.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
