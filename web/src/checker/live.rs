//! "Check an OpenID provider live" on the checker page (issue 16, item 7): the page fetches the issuer's
//! discovery document and the JWKS it names (GET, no credentials), the checker worker judges them with
//! `cogfed doctor`'s judges (`cogfed_checker::live`), and this section shows what the doctor would say. A server
//! that does not let the page read it (no CORS headers) gets a notice naming the command that can.

use super::Inline;
use crate::browser::fetch_other_origin;
use crate::state::SettingsState;
use cogfed_checker::protocol::{Fetched, LiveDocuments, LiveReport};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The section: an issuer (the demo's configured one to start with), a button, the report.
#[component]
pub fn LiveCheck(
    /// The documents last fetched; the page sends them with every check.
    live: RwSignal<Option<LiveDocuments>>,
    /// The worker's judgement of them, from the latest answer.
    report: Signal<Option<LiveReport>>,
) -> impl IntoView {
    let configured = use_context::<SettingsState>()
        .and_then(|s| s.current.get_untracked())
        .map(|s| s.issuer)
        .unwrap_or_default();
    let issuer = RwSignal::new(configured);
    let fetching = RwSignal::new(false);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = issuer.get_untracked().trim().to_string();
        if typed.is_empty() || fetching.get_untracked() {
            return;
        }
        fetching.set(true);
        spawn_local(async move {
            let documents = fetch_documents(typed).await;
            fetching.set(false);
            live.set(Some(documents));
        });
    };
    view! {
        <section class="card live-check" aria-labelledby="live-title" id="live-check">
            <h2 id="live-title">"Check an OpenID provider live"</h2>
            <p class="muted">
                "Reads the issuer's discovery document and key set from this browser (GET, no credentials) and checks \
                 them as " <code>"cogfed doctor"</code> " does: the issuer byte for byte, the endpoints, what Cognito \
                 needs of an identity provider, the keys."
            </p>
            <form class="row live-form" on:submit=check>
                <label for="live-issuer">"Issuer"</label>
                <input id="live-issuer" type="url" required spellcheck="false" autocomplete="off"
                    prop:value=move || issuer.get()
                    on:input=move |ev| issuer.set(event_target_value(&ev)) />
                <button type="submit" id="live-check-button" disabled=move || fetching.get()>
                    {move || if fetching.get() { "Checking…" } else { "Check discovery" }}
                </button>
            </form>
            <LiveResult live report fetching />
        </section>
    }
}

/// The report of the documents last fetched (the worker answers with every check; an older answer or one about
/// another issuer is not shown).
#[component]
fn LiveResult(
    live: RwSignal<Option<LiveDocuments>>,
    report: Signal<Option<LiveReport>>,
    fetching: RwSignal<bool>,
) -> impl IntoView {
    move || {
        let asked = live.with(|l| l.as_ref().map(|l| l.issuer.clone()))?;
        let r = report.get().filter(|r| r.issuer == asked && !fetching.get())?;
        let read = r
            .read
            .iter()
            .map(|u| view! { <li><code>{u.clone()}</code></li> })
            .collect_view();
        let summary = match (r.findings.len(), &r.blocked) {
            (0, None) => "No findings: the provider serves what Cognito needs of it.".to_string(),
            (0, Some(_)) => "Not checked from the browser.".to_string(),
            (1, _) => "1 finding".to_string(),
            (n, _) => format!("{n} findings"),
        };
        let findings = r
            .findings
            .iter()
            .map(|f| {
                let notes = f.notes.iter().map(|n| view! { <li><Inline text=n.clone() /></li> }).collect_view();
                view! {
                    <li class=format!("finding {}", f.severity) data-testid="live-finding" data-rule=f.rule.clone()>
                        <p class="finding-head">
                            <span class=format!("badge {}", f.severity)>{f.severity.clone()}</span>
                            " " <a href=format!("#rule={}", f.rule)><code>{f.rule.clone()}</code></a>
                        </p>
                        <p class="message"><Inline text=f.message.clone() /></p>
                        {f.help.clone().map(|h| view! { <p class="help"><strong>"Fix: "</strong><Inline text=h /></p> })}
                        <ul class="notes">{notes}</ul>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <p id="live-summary" role="status">{summary}</p>
            {r.blocked.clone().map(|b| view! { <p class="notice warn" id="live-blocked">{b}</p> })}
            {(!r.read.is_empty()).then(|| view! { <p class="muted">"Read:"</p><ul class="live-read">{read}</ul> })}
            <ul class="findings live-findings">{findings}</ul>
        })
    }
}

/// The member of a discovery document the page needs to fetch the key set.
#[derive(serde::Deserialize)]
struct JwksUri {
    jwks_uri: Option<String>,
}

/// The discovery document, then the JWKS it names (only when the document was read and names one).
async fn fetch_documents(issuer: String) -> LiveDocuments {
    // The auth client's rule for the URL (one trailing slash removed), as the doctor and the client use it.
    let url = cogfed_leptos::cogfed_auth::endpoints::discovery_url(&issuer);
    let discovery = fetch_other_origin(&url).await;
    let jwks_uri = match &discovery {
        // A typed read of the one member needed (the worker judges the whole document): no JSON tree here.
        Fetched::Answer {
            status: 200, body, ..
        } => serde_json::from_str::<JwksUri>(body)
            .ok()
            .and_then(|d| d.jwks_uri),
        _ => None,
    };
    let jwks = match jwks_uri {
        Some(u) => Some(fetch_other_origin(&u).await),
        None => None,
    };
    LiveDocuments {
        issuer,
        discovery,
        jwks,
    }
}
