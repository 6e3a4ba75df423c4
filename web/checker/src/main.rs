//! The checker Web Worker: answers each message (a JSON `CheckRequest`) with a JSON `CheckResponse`.
//!
//! Trunk builds this bin with `data-type="worker"`; its loader shim (`cogfed-checker_loader.js`) runs
//! `importScripts` + `wasm_bindgen(...)`, which instantiates the module and runs `main`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use cogfed_checker::handle_message;
    use cogfed_checker::protocol::READY;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Installs the message handler, then tells the page it is listening.
    pub fn start() -> Result<(), JsValue> {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let answer = match event.data().as_string() {
                Some(json) => handle_message(&json),
                None => r#"{"protocol_error":"expected a JSON string"}"#.to_string(),
            };
            // A failed post means the page is gone: nothing left to tell.
            let _ = reply_to.post_message(&JsValue::from_str(&answer));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        scope.post_message(&JsValue::from_str(READY))
    }
}

fn main() {
    // A failure here (not in a worker) is thrown to the page, whose `Worker.onerror` reports it.
    #[cfg(target_arch = "wasm32")]
    if let Err(e) = worker::start() {
        wasm_bindgen::throw_val(e);
    }
}
