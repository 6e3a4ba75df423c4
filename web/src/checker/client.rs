//! The page's side of the checker worker: starts it on first use (so its ~200 KB of compressed wasm download
//! only when the checker opens), queues the latest request until the worker says it is listening, and keeps
//! only answers to the latest request.

use crate::browser::describe;
use cogfed_checker::protocol::{CheckRequest, CheckResponse, ProtocolError, READY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Trunk's loader shim for the worker bin (`data-type="worker" data-loader-shim`; names are stable because
/// `filehash = false` and workers are never hashed).
pub const WORKER_URL: &str = "/cogfed-checker_loader.js";

/// The worker's state, for the page to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerStatus {
    /// Not started yet.
    Idle,
    /// Downloading and compiling the linter.
    Loading,
    /// Answering.
    Ready,
    /// It could not start, or answered nonsense: why.
    Failed(String),
}

/// The checker worker and its last answer; provided as context by the app, started on first [`check`].
///
/// [`check`]: CheckerService::check
#[derive(Clone, Copy)]
pub struct CheckerService {
    /// The worker's state.
    pub status: RwSignal<WorkerStatus>,
    /// The answer to the latest request.
    pub response: RwSignal<Option<CheckResponse>>,
    inner: StoredValue<Inner, LocalStorage>,
}

#[derive(Default)]
struct Inner {
    worker: Option<web_sys::Worker>,
    ready: bool,
    /// The latest request not sent yet (only the latest matters).
    queued: Option<String>,
    last_seq: u32,
}

impl CheckerService {
    /// A service with no worker yet.
    pub fn new() -> Self {
        CheckerService {
            status: RwSignal::new(WorkerStatus::Idle),
            response: RwSignal::new(None),
            inner: StoredValue::new_local(Inner::default()),
        }
    }

    /// Sends `request`, starting the worker if needed; returns the `seq` assigned to it (its answer's).
    pub fn check(&self, mut request: CheckRequest) -> u32 {
        let seq = self.inner.with_value(|i| i.last_seq.wrapping_add(1));
        request.seq = seq;
        let json = serde_json::to_string(&request).unwrap_or_default();
        self.inner.update_value(|i| {
            i.last_seq = seq;
            i.queued = Some(json);
        });
        if self.inner.with_value(|i| i.worker.is_none()) {
            self.start();
        }
        self.flush();
        seq
    }

    fn start(&self) {
        self.status.set(WorkerStatus::Loading);
        let worker = match web_sys::Worker::new(WORKER_URL) {
            Ok(w) => w,
            Err(e) => {
                self.status.set(WorkerStatus::Failed(format!(
                    "the checker could not start: {}",
                    describe(&e)
                )));
                return;
            }
        };
        let this = *self;
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            this.on_message(ev.data().as_string().unwrap_or_default());
        });
        let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            let why = if ev.message().is_empty() {
                "it failed to load".to_string()
            } else {
                ev.message()
            };
            this.status
                .set(WorkerStatus::Failed(format!("the checker stopped: {why}")));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Both handlers live as long as the worker, which lives as long as the app.
        on_message.forget();
        on_error.forget();
        self.inner.update_value(|i| i.worker = Some(worker));
    }

    fn on_message(&self, data: String) {
        if data == READY {
            self.inner.update_value(|i| i.ready = true);
            self.status.set(WorkerStatus::Ready);
            self.flush();
            return;
        }
        match serde_json::from_str::<CheckResponse>(&data) {
            Ok(response) => {
                if response.seq == self.inner.with_value(|i| i.last_seq) {
                    self.response.set(Some(response));
                }
            }
            Err(e) => {
                let why = serde_json::from_str::<ProtocolError>(&data)
                    .map_or_else(|_| e.to_string(), |p| p.protocol_error);
                self.status.set(WorkerStatus::Failed(format!(
                    "the checker answered something unexpected: {why}"
                )));
            }
        }
    }

    fn flush(&self) {
        let (worker, message) = self
            .inner
            .try_update_value(|i| {
                if !i.ready {
                    return (None, None);
                }
                (i.worker.clone(), i.queued.take())
            })
            .unwrap_or((None, None));
        if let (Some(worker), Some(message)) = (worker, message)
            && let Err(e) = worker.post_message(&JsValue::from_str(&message))
        {
            self.status.set(WorkerStatus::Failed(format!(
                "the checker is unreachable: {}",
                describe(&e)
            )));
        }
    }
}

impl Default for CheckerService {
    fn default() -> Self {
        Self::new()
    }
}
