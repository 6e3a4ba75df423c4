//! The config checker page: paste or drop configs, see `cogfed lint`'s findings as you type.
//!
//! This UI is part of the tools module (the `cogfed-tools` bin, which [`crate::lazy`] imports when
//! `/checker` opens), and the linter runs in a Web Worker ([`client`]) started on first use: together they
//! are most of the demo's bytes, and a visitor who never opens the checker never downloads them.
//! The page keeps the files, lints on every edit (the latest edit only while a check is running: a check takes
//! a few milliseconds, so there is no typing debounce), names pasted text for what the linter recognised it
//! as, renders findings with their lines marked ([`annotate`]) and writes the files into the URL fragment
//! ([`share`]), the only place the state lives. Nothing is sent anywhere.

pub mod annotate;
pub mod client;
pub mod live;
pub mod share;

use crate::browser::{describe, fetch_text, inflate};
use annotate::{Block, excerpt, inline_code, markdown, utf16_offset};
use client::{CheckerService, WorkerStatus};
use cogfed_checker::protocol::{
    CheckRequest, CheckResponse, FindingView, InputFile, LiveDocuments, Place, RuleDoc,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use share::{Codec, files_json, fragment, parse_files, parse_fragment, rule_from_fragment};
use wasm_bindgen::JsCast;

/// An example config and its broken twin, served from `/examples/` (copied by Trunk from `web/examples/`).
struct Example {
    /// Stable id for the buttons (`example-{key}`, `example-{key}-broken`).
    key: &'static str,
    label: &'static str,
    good: &'static str,
    broken: &'static str,
}

const EXAMPLES: [Example; 6] = [
    Example {
        key: "manifest",
        label: "cogfed manifest",
        good: "cogfed.toml",
        broken: "cogfed-broken.toml",
    },
    Example {
        key: "aws-cli",
        label: "AWS CLI client",
        good: "describe-user-pool-client.json",
        broken: "describe-user-pool-client-broken.json",
    },
    Example {
        key: "cloudformation",
        label: "CloudFormation",
        good: "template.yaml",
        broken: "template-broken.yaml",
    },
    Example {
        key: "terraform",
        label: "Terraform",
        good: "main.tf",
        broken: "main-broken.tf",
    },
    Example {
        key: "pomerium",
        label: "Pomerium",
        good: "pomerium.yaml",
        broken: "pomerium-broken.yaml",
    },
    Example {
        key: "fusionauth",
        label: "FusionAuth identity provider",
        good: "fusionauth-idp.json",
        broken: "fusionauth-idp-broken.json",
    },
];

/// One editable file. `id` is the DOM suffix of its inputs (`file-name-{id}`, `file-text-{id}`), restarting
/// at 0 when all files are replaced; `key` is never reused, so the list re-renders a replaced file.
/// `auto_name`: nobody chose the name (a new or pasted file), so the page names it for what the linter
/// recognised (`template.yaml`); a name typed, opened from disk or loaded stays.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    id: u32,
    name: RwSignal<String>,
    text: RwSignal<String>,
    auto_name: RwSignal<bool>,
}

/// A new, unnamed file: its content decides how it is read and what it is called.
fn unnamed() -> InputFile {
    InputFile {
        name: String::new(),
        text: String::new(),
    }
}

/// The files being edited.
#[derive(Clone, Copy)]
struct Files {
    slots: RwSignal<Vec<Slot>>,
    next_id: StoredValue<u32>,
    next_key: StoredValue<u64>,
}

impl Files {
    fn new() -> Self {
        let files = Files {
            slots: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            next_key: StoredValue::new(0),
        };
        files.replace(vec![unnamed()]);
        files
    }

    fn slot(&self, file: InputFile) -> Slot {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        Slot {
            key,
            id,
            auto_name: RwSignal::new(file.name.is_empty()),
            name: RwSignal::new(file.name),
            text: RwSignal::new(file.text),
        }
    }

    /// Names each unnamed file for what it was recognised as (`template.yaml`), keeping names unique.
    fn name_recognised(&self, shown: &Shown) {
        for r in &shown.response.recognised {
            let Some((slot_id, _)) = shown.file(r.file) else {
                continue;
            };
            let Some(slot) = self
                .slots
                .with_untracked(|s| s.iter().find(|s| s.id == *slot_id).copied())
            else {
                continue;
            };
            if !slot.auto_name.get_untracked() || r.name.is_empty() {
                continue;
            }
            let taken: Vec<String> = self.slots.with_untracked(|s| {
                s.iter()
                    .filter(|o| o.id != slot.id)
                    .map(|o| o.name.get_untracked())
                    .collect()
            });
            let name = unique_name(&r.name, &taken);
            if slot.name.get_untracked() != name {
                slot.name.set(name);
            }
        }
    }

    /// Replaces every file (ids restart at 0, so the first editor is always `file-text-0`).
    fn replace(&self, files: Vec<InputFile>) {
        self.next_id.set_value(0);
        let slots: Vec<Slot> = files.into_iter().map(|f| self.slot(f)).collect();
        self.slots.set(slots);
    }

    /// Adds a file, filling the only editor instead when it is still empty.
    fn add(&self, file: InputFile) {
        let lone_empty = self
            .slots
            .with_untracked(|s| s.len() == 1 && s.iter().all(|s| s.text.get_untracked().is_empty()));
        if lone_empty {
            self.replace(vec![file]);
        } else {
            let slot = self.slot(file);
            self.slots.update(|s| s.push(slot));
        }
    }

    fn remove(&self, id: u32) {
        self.slots.update(|s| s.retain(|slot| slot.id != id));
        if self.slots.with_untracked(Vec::is_empty) {
            self.replace(vec![unnamed()]);
        }
    }

    /// The non-empty files with their slot ids, tracked.
    fn snapshot(&self) -> Vec<(u32, InputFile)> {
        self.slots
            .get()
            .iter()
            .map(|s| {
                (
                    s.id,
                    InputFile {
                        name: s.name.get(),
                        text: s.text.get(),
                    },
                )
            })
            .filter(|(_, f)| !f.text.trim().is_empty())
            .collect()
    }
}

/// `template.yaml`, or `template-2.yaml` when another file has that name.
fn unique_name(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_string();
    }
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| {
            if ext.is_empty() {
                format!("{stem}-{n}")
            } else {
                format!("{stem}-{n}.{ext}")
            }
        })
        .find(|candidate| !taken.iter().any(|t| t == candidate))
        .unwrap_or_else(|| name.to_string())
}

/// The files of a check (with their slot ids), the rules to explain and the live documents to judge.
type Check = (Vec<(u32, InputFile)>, Vec<String>, Option<LiveDocuments>);

/// The request in flight, to pair with its answer, and the latest edit made meanwhile (sent when the answer
/// comes: edits that arrive during a check coalesce into one).
#[derive(Debug, Clone, Default)]
struct Sent {
    seq: u32,
    files: Vec<(u32, InputFile)>,
    in_flight: bool,
    queued: Option<Check>,
}

/// A response with the files it is about.
#[derive(Debug, Clone)]
struct Shown {
    files: Vec<(u32, InputFile)>,
    response: CheckResponse,
}

impl Shown {
    /// The slot id and file of request index `i`.
    fn file(&self, i: u32) -> Option<&(u32, InputFile)> {
        self.files.get(i as usize)
    }

    fn doc(&self, rule: &str) -> Option<&RuleDoc> {
        self.response.rules.iter().find(|d| d.id == rule)
    }
}

/// The body of `/checker` (the host page renders the heading while this module loads).
#[component]
pub fn CheckerPage() -> impl IntoView {
    let service = use_context::<CheckerService>().unwrap_or_default();
    let files = Files::new();
    let explain = RwSignal::new(Vec::<String>::new());
    let notice = RwSignal::new(None::<String>);
    let share_link = RwSignal::new(String::new());
    let sent = StoredValue::new(Sent::default());
    let picker = NodeRef::<leptos::html::Input>::new();
    let shown = RwSignal::new(None::<Shown>);
    let live = RwSignal::new(None::<LiveDocuments>);

    // Start from the fragment (a shared set of files, and/or a rule to explain), and follow it when it is
    // changed by hand or by a link (our own `replaceState` does not fire `hashchange`).
    load_fragment(files, explain, notice);
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        load_fragment(files, explain, notice)
    });
    on_cleanup(move || on_hash.remove());

    // Lint on every edit: now when idle, else once the running check answers (with the latest edit only);
    // write the state into the fragment.
    let send = move |snapshot: Vec<(u32, InputFile)>, explain: Vec<String>, live: Option<LiveDocuments>| {
        let request = CheckRequest {
            seq: 0,
            files: snapshot.iter().map(|(_, f)| f.clone()).collect(),
            explain: explain.clone(),
            live,
        };
        let seq = service.check(request);
        sent.set_value(Sent {
            seq,
            files: snapshot.clone(),
            in_flight: true,
            queued: None,
        });
        spawn_local(update_fragment(snapshot, explain, share_link));
    };
    Effect::new(move |_| {
        let snapshot = files.snapshot();
        let explain = explain.get();
        let live = live.get();
        if sent.with_value(|s| s.in_flight) {
            sent.update_value(|s| s.queued = Some((snapshot, explain, live)));
        } else {
            send(snapshot, explain, live);
        }
    });
    Effect::new(move |_| {
        let Some(response) = service.response.get() else {
            return;
        };
        let current = sent.get_value();
        if response.seq != current.seq {
            return;
        }
        let answered = Shown {
            files: current.files,
            response,
        };
        files.name_recognised(&answered);
        shown.set(Some(answered));
        match current.queued {
            Some((snapshot, explain, live)) => send(snapshot, explain, live),
            None => sent.update_value(|s| s.in_flight = false),
        }
    });
    // A worker that failed never answers: later edits must not wait for it.
    Effect::new(move |_| {
        if matches!(service.status.get(), WorkerStatus::Failed(_)) {
            sent.update_value(|s| s.in_flight = false);
        }
    });

    let load_example = move |file: &'static str| {
        spawn_local(async move {
            match fetch_text(&format!("/examples/{file}")).await {
                Ok(text) => {
                    notice.set(None);
                    files.replace(vec![InputFile {
                        name: file.into(),
                        text,
                    }]);
                }
                Err(e) => notice.set(Some(format!("could not load the example: {e}"))),
            }
        })
    };

    view! {
        <div class="checker-body" id="checker-page">
            <section class="card examples" aria-labelledby="examples-title">
                <h2 id="examples-title">"Examples"</h2>
                <ul class="example-list">
                    {EXAMPLES
                        .iter()
                        .map(|ex| {
                            view! {
                                <li>
                                    <span class="example-label">{ex.label}</span>
                                    <button type="button" class="secondary small" id=format!("example-{}", ex.key)
                                        on:click=move |_| load_example(ex.good)>"Example"</button>
                                    <button type="button" class="secondary small" id=format!("example-{}-broken", ex.key)
                                        on:click=move |_| load_example(ex.broken)>"Broken twin"</button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            {move || notice.get().map(|n| view! { <p class="notice warn" role="alert" id="checker-notice">{n}</p> })}
            <div class="checker-grid">
                <section class="editors" aria-label="Files" id="checker-files">
                    <For each=move || files.slots.get() key=|s| s.key
                        children=move |file| view! { <FileEditor file files shown notice /> } />
                    <div class="row">
                        <button type="button" class="secondary" id="add-file"
                            on:click=move |_| files.add(unnamed())>
                            "Add a file"
                        </button>
                        <button type="button" class="secondary" id="open-files-button"
                            on:click=move |_| { if let Some(input) = picker.get_untracked() { input.click(); } }>
                            "Open files…"
                        </button>
                        <input type="file" id="open-files" class="visually-hidden" multiple tabindex="-1" aria-hidden="true"
                            node_ref=picker
                            on:change=move |ev| {
                                let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
                                if let Some(list) = input.as_ref().and_then(|i| i.files()) {
                                    read_files(list, files, notice);
                                }
                            } />
                        <button type="button" class="ghost" id="clear-files"
                            on:click=move |_| files.replace(vec![unnamed()])>
                            "Clear"
                        </button>
                    </div>
                    <ShareBox link=share_link />
                </section>
                <section class="results" aria-labelledby="results-title" id="checker-results">
                    <h2 id="results-title">"Findings"</h2>
                    // A persistent live region: screen readers hear the summary after each check, not the list.
                    <p class="visually-hidden" aria-live="polite" aria-atomic="true">
                        {move || shown.with(|s| s.as_ref().map(|s| summary_of(s).1))}
                    </p>
                    <Results service shown />
                </section>
            </div>
            <live::LiveCheck live report=Signal::derive(move || shown.with(|s| s.as_ref().and_then(|s| s.response.live.clone()))) />
        </div>
    }
}

/// Loads the files and the rule to explain from the current URL fragment.
fn load_fragment(files: Files, explain: RwSignal<Vec<String>>, notice: RwSignal<Option<String>>) {
    let hash = window().location().hash().unwrap_or_default();
    let rule: Vec<String> = rule_from_fragment(&hash).into_iter().collect();
    if explain.get_untracked() != rule {
        explain.set(rule);
    }
    match parse_fragment(&hash) {
        Ok(Some((codec, bytes))) => spawn_local(async move {
            let json = match codec {
                Codec::Plain => Ok(bytes),
                Codec::Deflate => inflate(&bytes, share::MAX_SHARED_BYTES).await,
            };
            match json.and_then(|j| parse_files(&j)) {
                Ok(shared) if !shared.is_empty() => {
                    notice.set(None);
                    files.replace(shared);
                }
                Ok(_) => {}
                Err(e) => notice.set(Some(e)),
            }
        }),
        Ok(None) => {}
        Err(e) => notice.set(Some(e)),
    }
}

/// Writes `#cfg=…` (and `&rule=…`) with `replaceState`, and the share link, if still on the checker.
async fn update_fragment(files: Vec<(u32, InputFile)>, explain: Vec<String>, share_link: RwSignal<String>) {
    let files: Vec<InputFile> = files.into_iter().map(|(_, f)| f).collect();
    let mut hash = String::new();
    if !files.is_empty() {
        let json = files_json(&files);
        hash = match crate::browser::deflate(json.as_bytes()).await {
            Some(z) => fragment(Codec::Deflate, &z),
            None => fragment(Codec::Plain, json.as_bytes()),
        };
    }
    if let Some(rule) = explain.first() {
        hash.push(if hash.is_empty() { '#' } else { '&' });
        hash.push_str("rule=");
        hash.push_str(rule);
    }
    let location = window().location();
    if location.pathname().ok().as_deref() != Some("/checker") {
        return;
    }
    if let Ok(history) = window().history() {
        let target = if hash.is_empty() {
            "/checker".to_string()
        } else {
            format!("/checker{hash}")
        };
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
    }
    share_link.set(if hash.is_empty() {
        String::new()
    } else {
        format!("{}/checker{hash}", location.origin().unwrap_or_default())
    });
}

/// Reads dropped or opened files into editors.
fn read_files(list: web_sys::FileList, files: Files, notice: RwSignal<Option<String>>) {
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        spawn_local(async move {
            let name = file.name();
            if file.size() > 8.0 * 1024.0 * 1024.0 {
                notice.set(Some(format!("{name} is larger than 8 MiB, the linter's limit")));
                return;
            }
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => files.add(InputFile {
                    name,
                    text: text.as_string().unwrap_or_default(),
                }),
                Err(e) => notice.set(Some(format!("could not read {name}: {}", describe(&e)))),
            }
        });
    }
}

/// One file: its name, what it was recognised as, its text.
#[component]
fn FileEditor(
    file: Slot,
    files: Files,
    shown: RwSignal<Option<Shown>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let slot = file;
    let id = slot.id;
    let index_in_last = move || {
        shown.with(|s| {
            s.as_ref()
                .and_then(|s| s.files.iter().position(|(sid, _)| *sid == id))
                .map(|i| i as u32)
        })
    };
    let recognised = move || {
        let i = index_in_last()?;
        shown.with(|s| {
            let s = s.as_ref()?;
            let names: Vec<String> = s
                .response
                .recognised
                .iter()
                .filter(|r| r.file == i)
                .map(|r| r.format.clone())
                .collect();
            if !names.is_empty() {
                return Some(names.join(" + "));
            }
            // Not an input: say so, the reason is in the results.
            s.response
                .skipped
                .iter()
                .any(|k| k.file == i)
                .then(|| "not read: not a format cogfed reads".to_string())
        })
    };
    let counts = move || {
        let i = index_in_last()?;
        shown.with(|s| {
            let s = s.as_ref()?;
            let n = s.response.findings.iter().filter(|f| f.at.file == i).count();
            (n > 0).then(|| format!("{n} {}", if n == 1 { "problem" } else { "problems" }))
        })
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        if let Some(list) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .filter(|l| l.length() > 0)
        {
            ev.prevent_default();
            read_files(list, files, notice);
        }
    };
    view! {
        <div class="card file" data-testid="checker-file">
            <div class="file-head">
                <label class="field inline">
                    <span>"File name"</span>
                    <input type="text" id=format!("file-name-{id}") class="file-name" spellcheck="false" autocomplete="off"
                        placeholder="named by its content"
                        prop:value=move || slot.name.get()
                        on:input=move |ev| {
                            slot.auto_name.set(false);
                            slot.name.set(event_target_value(&ev));
                        } />
                </label>
                {move || recognised().map(|r| view! { <span class="chip" data-testid="recognised">{r}</span> })}
                {move || counts().map(|c| view! { <span class="chip bad">{c}</span> })}
                <button type="button" class="ghost" aria-label=move || format!("Remove {}", display_name(&slot.name.get()))
                    on:click=move |_| files.remove(id)>"Remove"</button>
            </div>
            <label class="visually-hidden" for=format!("file-text-{id}")>{move || format!("Contents of {}", display_name(&slot.name.get()))}</label>
            <textarea id=format!("file-text-{id}") class="file-text" rows="14" spellcheck="false" autocomplete="off"
                autocapitalize="off" wrap="off" placeholder="Paste a config here, or drop a file"
                prop:value=move || slot.text.get()
                on:input=move |ev| slot.text.set(event_target_value(&ev))
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=on_drop></textarea>
        </div>
    }
}

/// A file's name for labels: an unnamed file is "the new file".
fn display_name(name: &str) -> String {
    if name.is_empty() {
        "the new file".to_string()
    } else {
        name.to_string()
    }
}

/// The share link, with a copy button.
#[component]
fn ShareBox(link: RwSignal<String>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = link.get_untracked();
        let clipboard = window().navigator().clipboard();
        spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                .await
                .is_ok();
            copied.set(ok);
        });
    };
    view! {
        <div class="share" class:hidden=move || link.with(String::is_empty)>
            <label class="field">
                <span>"Share link (the files travel in the fragment; nothing is uploaded)"</span>
                <input type="text" id="share-link" readonly prop:value=move || link.get() on:focus=|ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            </label>
            <button type="button" class="secondary" id="copy-share-link" on:click=copy>
                {move || if copied.get() { "Copied" } else { "Copy link" }}
            </button>
        </div>
    }
}

/// The worker's state, then the findings.
#[component]
fn Results(service: CheckerService, shown: RwSignal<Option<Shown>>) -> impl IntoView {
    move || {
        if let WorkerStatus::Failed(why) = service.status.get() {
            return view! { <p class="notice error" id="checker-summary" data-state="failed" role="alert">{why}</p> }.into_any();
        }
        let Some(s) = shown.get() else {
            return view! {
                <p class="muted" id="checker-summary" data-state="loading">
                    {if service.status.get() == WorkerStatus::Ready { "Checking…" } else { "Loading the linter (first visit only)…" }}
                </p>
            }
            .into_any();
        };
        let r = &s.response;
        let summary = summary_of(&s);
        // What each file was read as, before the findings (and why a file was not read).
        let read_as = s
            .files
            .iter()
            .enumerate()
            .map(|(i, (_, f))| {
                let i = i as u32;
                let formats: Vec<String> =
                    r.recognised.iter().filter(|x| x.file == i).map(|x| x.format.clone()).collect();
                let what = if !formats.is_empty() {
                    format!("read as {}", formats.join(" + "))
                } else if let Some(k) = r.skipped.iter().find(|k| k.file == i) {
                    format!("not read: {}", k.reason)
                } else {
                    "could not be read".to_string()
                };
                view! { <li data-testid="read-as"><code>{display_name(&f.name)}</code>{format!(": {what}")}</li> }
            })
            .collect_view();
        let findings = r
            .findings
            .iter()
            .map(|f| view! { <FindingCard f=f.clone() shown=s.clone() /> })
            .collect_view();
        let explained: Vec<RuleDoc> = r
            .rules
            .iter()
            .filter(|d| r.findings.iter().all(|f| f.rule != d.id))
            .cloned()
            .collect();
        let unknown = r.unknown_rules.clone();
        view! {
            <p id="checker-summary" data-state=summary.0 class=format!("summary {}", summary.0)>{summary.1}</p>
            {unknown.into_iter().map(|id| view! { <p class="notice warn">{format!("There is no rule `{id}`.")}</p> }).collect_view()}
            {explained.into_iter().map(|d| view! { <section class="card rule-doc-card"><RuleDocView doc=d open=true /></section> }).collect_view()}
            <ul class="read-as" aria-label="Files read">{read_as}</ul>
            <ul class="findings">{findings}</ul>
        }
        .into_any()
    }
}

/// The one-line outcome of a check, and its `data-state` test hook.
fn summary_of(s: &Shown) -> (&'static str, String) {
    let r = &s.response;
    let unreadable = r.findings.iter().filter(|f| f.rule == "input-error").count();
    let others = r.findings.len() - unreadable;
    if unreadable > 0 {
        let rest = if others > 0 {
            format!("; {} in the rest", plural(others, "finding"))
        } else {
            String::new()
        };
        (
            "input-error",
            format!("{} cannot be read{rest}", plural(unreadable, "input")),
        )
    } else if s.files.is_empty() {
        ("empty", "Paste a config or load an example.".to_string())
    } else if r.findings.is_empty() {
        ("ok", format!("No findings in {}.", plural(s.files.len(), "file")))
    } else {
        let errors = r.findings.iter().filter(|f| f.severity == "error").count();
        let warnings = r.findings.iter().filter(|f| f.severity == "warning").count();
        let infos = r.findings.len() - errors - warnings;
        let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "note")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| plural(n, what))
            .collect();
        ("findings", parts.join(", "))
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// One finding: what, where (with the lines marked), how to fix, and the rule's manual.
#[component]
fn FindingCard(f: FindingView, shown: Shown) -> impl IntoView {
    let file = shown.file(f.at.file).cloned();
    let name = file.as_ref().map(|(_, f)| f.name.clone()).unwrap_or_default();
    let where_ = format!("{name}:{}:{}", f.at.start.line, f.at.start.column);
    let doc = shown.doc(&f.rule).cloned();
    let related = f
        .related
        .iter()
        .map(|r| {
            let rname = shown
                .file(r.at.file)
                .map(|(_, f)| f.name.clone())
                .unwrap_or_default();
            view! { <li>{format!("{}: {rname}:{}:{}", r.label, r.at.start.line, r.at.start.column)}</li> }
        })
        .collect_view();
    let excerpt_view = file.map(|(slot_id, file)| {
        view! {
            <Excerpt text=file.text.clone() place=f.at.clone() name=file.name.clone() />
            <ShowInEditor slot_id text=file.text place=f.at.clone() />
        }
    });
    view! {
        <li class=format!("finding sev-{}", f.severity) data-testid="finding" data-rule=f.rule.clone()
            data-severity=f.severity.clone() data-line=f.at.start.line.to_string() data-column=f.at.start.column.to_string()>
            <p class="finding-head">
                <span class=format!("badge {}", f.severity)>{f.severity.clone()}</span>
                <code class="rule-id">{f.rule.clone()}</code>
                <span class="where">{where_}</span>
            </p>
            <p class="message">{f.message.clone()}</p>
            {excerpt_view}
            {f.help.clone().map(|h| view! { <p class="help"><strong>"Fix: "</strong><Inline text=h /></p> })}
            {(!f.notes.is_empty()).then(|| view! { <ul class="notes">{f.notes.iter().map(|n| view! { <li><Inline text=n.clone() /></li> }).collect_view()}</ul> })}
            {(!f.related.is_empty()).then(|| view! { <ul class="related">{related}</ul> })}
            {doc.map(|d| view! { <RuleDocView doc=d open=false /> })}
        </li>
    }
}

/// The lines around a place, numbered, with the span marked.
#[component]
fn Excerpt(text: String, place: Place, name: String) -> impl IntoView {
    let lines = excerpt(&text, place.start, place.end, 2);
    let label = match (lines.first(), lines.last()) {
        (Some(a), Some(b)) => format!("{name}, lines {} to {}", a.number, b.number),
        _ => name,
    };
    let rows = lines
        .into_iter()
        .map(|line| {
            let marked = line.mark.is_some();
            let (before, inside, after) = line.split();
            let point = marked && inside.is_empty();
            view! {
                <span class="line" class:marked=marked><span class="ln" aria-hidden="true">{line.number}</span>
                    <span class="code">{before}{marked.then(|| view! { <mark class:point=point>{inside}</mark> })}{after}</span>
                </span>
            }
        })
        .collect_view();
    // A region that can take focus: the excerpt scrolls sideways, and keyboard users must be able to scroll it
    // (axe-core's scrollable-region-focusable).
    view! { <pre class="excerpt" tabindex="0" role="region" aria-label=label>{rows}</pre> }
}

/// Focuses the file's editor with the finding's span selected.
#[component]
fn ShowInEditor(slot_id: u32, text: String, place: Place) -> impl IntoView {
    let on_click = move |_| {
        let Some(el) = document().get_element_by_id(&format!("file-text-{slot_id}")) else {
            return;
        };
        let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
            return;
        };
        let start = utf16_offset(&text, place.start);
        let end = utf16_offset(&text, place.end).max(start);
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
    };
    view! { <button type="button" class="link" on:click=on_click>"Show in editor"</button> }
}

/// A rule's manual (`cogfed explain RULE`).
#[component]
pub fn RuleDocView(
    /// The rule's documentation, from the worker.
    doc: RuleDoc,
    /// Whether the disclosure starts open.
    open: bool,
) -> impl IntoView {
    let blocks = markdown(&doc.doc)
        .into_iter()
        .map(|b| match b {
            Block::Heading(t) => view! { <h4>{t}</h4> }.into_any(),
            Block::Paragraph(t) => view! { <p><Inline text=t /></p> }.into_any(),
            Block::List(items) => view! { <ul>{items.into_iter().map(|i| view! { <li><Inline text=i /></li> }).collect_view()}</ul> }.into_any(),
            Block::Code(lang, code) => view! { <pre class="code-block" data-lang=lang>{code}</pre> }.into_any(),
        })
        .collect_view();
    view! {
        <details class="rule-doc" data-testid="rule-doc" data-rule=doc.id.clone() open=open>
            <summary><code>{doc.id.clone()}</code>{format!(" · {} · {}", doc.group, doc.summary)}</summary>
            {blocks}
            <p class="muted">"Same text as " <code>{format!("cogfed explain {}", doc.id)}</code> "."</p>
        </details>
    }
}

/// Text with `code` spans.
#[component]
pub(crate) fn Inline(text: String) -> impl IntoView {
    inline_code(&text)
        .into_iter()
        .map(|(code, t)| {
            if code {
                view! { <code>{t}</code> }.into_any()
            } else {
                t.into_any()
            }
        })
        .collect_view()
}
