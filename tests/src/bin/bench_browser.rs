//! `cogfed-bench-browser`: the browser-driven measurements of `cargo xtask bench`, on the end-to-end harness
//! (headless Debian Chromium over chromedriver, Local Cognito in-process, every server on 127.0.0.1:0).
//!
//! * `latency`: the callback of our SPA and of the oidc-client-ts page, against the same Local Cognito. Each
//!   run signs in fresh (new Chromium profile), lets the bench's static server capture the callback URL
//!   instead of serving the app, then navigates to that URL and reads the Performance API marks the page
//!   made once it was signed in (times are `startTime`, i.e. from the start of that navigation).
//! * `coldload`: a first visit in a fresh profile (nothing cached), from the navigation until the sign-in
//!   button is in the document, for our SPA and for the React + react-oidc-context peer app, alternating.
//! * `checker`: one config edit in the config checker, from the input event to the rendered findings.
//!
//! Raw samples go to `--out` as tab-separated lines (`sample\t{series}\t{ms}`, `info\t{key}\t{value}`);
//! xtask (`xtask/src/bench/`) turns them into the report. Built only with `--features bench`.
//!
//! ```sh
//! COGFED_DIST=$PWD/dist cargo run -p cogfed-e2e --features bench --bin cogfed-bench-browser -- \
//!     latency --runs 20 --warmup 1 --peer target/bench/peers/oidc-client-ts --out target/bench/latency.tsv
//! COGFED_DIST=$PWD/dist cargo run -p cogfed-e2e --features bench --bin cogfed-bench-browser -- \
//!     coldload --runs 10 --peer target/bench/peers/react-oidc-context --out target/bench/coldload.tsv
//! COGFED_DIST=$PWD/dist cargo run -p cogfed-e2e --features bench --bin cogfed-bench-browser -- \
//!     checker --edits 20 --out target/bench/checker.tsv
//! ```

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use cogfed_e2e::local::demo_settings;
use cogfed_e2e::steps::submit_hosted_ui_form;
use cogfed_e2e::{Browser, WAIT, dist_dir, security_headers, with_settings, workspace_root};
use cogfed_local::{DEMO_POOL_ID, LocalConfig, Ports};
use fantoccini::wd::WebDriverCompatibleCommand;
use http::{HeaderName, HeaderValue, header};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The app client Local Cognito registers for the oidc-client-ts page (its own client and redirect URI).
const PEER_CLIENT_ID: &str = "bench_oidc_client_ts";

/// What the static server answers on the redirect URI while it captures: no app, so the code stays unspent.
const CAPTURED_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>captured</title>\
     <link rel=\"icon\" href=\"data:,\"></head><body><p id=\"captured\">callback captured by the bench</p></body></html>";

/// Paths the static server answers with the app's page (the SPA's deep links the bench opens).
const APP_PATHS: [&str; 3] = ["/", "/checker", "/profile"];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("latency") => latency(&args[1..]).await,
        Some("checker") => checker(&args[1..]).await,
        Some("coldload") => coldload(&args[1..]).await,
        _ => Err(
            "usage: cogfed-bench-browser <latency|coldload|checker> [--runs N] [--warmup N] [--edits N] \
                  [--peer DIR] --out FILE"
                .to_string(),
        ),
    };
    if let Err(e) = result {
        eprintln!("cogfed-bench-browser: {e}");
        std::process::exit(1);
    }
}

/// `--name value` from the arguments.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// `--name N`, or `default`; an error names the flag and the value.
fn count(args: &[String], name: &str, default: usize) -> Result<usize, String> {
    match flag(args, name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|e| format!("{name} {v:?}: not a count ({e})")),
    }
}

/// The measurements as `kind\tkey\tvalue` lines.
#[derive(Default)]
struct Report(String);

impl Report {
    fn info(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "info\t{key}\t{}", value.replace(['\t', '\n'], " "));
    }
    fn sample(&mut self, series: &str, ms: f64) {
        let _ = writeln!(self.0, "sample\t{series}\t{ms:.3}");
    }
    fn write(&self, path: &str) -> Result<(), String> {
        std::fs::write(path, &self.0).map_err(|e| format!("writing {path}: {e}"))
    }
}

// ---------------------------------------------------------------------------------------------------------
// The static server: a built app on 127.0.0.1:0 with Trunk.toml's security headers (the CSP among them), like
// `SpaServer`, plus the capture switch on the redirect URI. Both apps are served by this same code, so static
// serving costs the same for both.

/// What the handlers share.
#[derive(Clone)]
struct Pages {
    /// The app's `index.html`, served on [`APP_PATHS`] and on `/callback` when not capturing.
    index: Arc<str>,
    /// While set, `/callback` answers [`CAPTURED_PAGE`].
    capture: Arc<AtomicBool>,
}

/// An HTML page that the browser must fetch again on every navigation (same for both apps).
fn html(body: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body.to_owned(),
    )
        .into_response()
}

async fn app_page(State(pages): State<Pages>) -> Response {
    html(&pages.index)
}

async fn callback_page(State(pages): State<Pages>) -> Response {
    if pages.capture.load(Ordering::SeqCst) {
        html(CAPTURED_PAGE)
    } else {
        html(&pages.index)
    }
}

/// A served app; the server stops when dropped.
struct Site {
    origin: String,
    capture: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Site {
    /// Binds 127.0.0.1:0 and returns the listener and its origin (the apps' settings need it up front).
    async fn bind() -> Result<(tokio::net::TcpListener, String), String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("binding 127.0.0.1:0: {e}"))?;
        let addr = listener.local_addr().map_err(|e| format!("local address: {e}"))?;
        Ok((listener, format!("http://{addr}")))
    }

    /// Serves `dir` with `index` as the app's page; `json` answers `(path, body)` with that JSON.
    fn serve(
        listener: tokio::net::TcpListener,
        origin: String,
        dir: &Path,
        index: String,
        json: Option<(&'static str, String)>,
    ) -> Result<Site, String> {
        let capture = Arc::new(AtomicBool::new(false));
        let pages = Pages {
            index: index.into(),
            capture: capture.clone(),
        };
        let mut app = Router::new().route("/callback", axum::routing::get(callback_page));
        for path in APP_PATHS {
            app = app.route(path, axum::routing::get(app_page));
        }
        if let Some((path, body)) = json {
            app = app.route(
                path,
                axum::routing::get(move || {
                    let body = body.clone();
                    async move { ([(header::CONTENT_TYPE, "application/json")], body) }
                }),
            );
        }
        let mut app = app.with_state(pages).fallback_service(ServeDir::new(dir));
        for (name, value) in security_headers() {
            let name = HeaderName::try_from(name.as_str()).map_err(|e| format!("header {name}: {e}"))?;
            let value = HeaderValue::try_from(value.as_str()).map_err(|e| format!("header {name}: {e}"))?;
            app = app.layer(SetResponseHeaderLayer::overriding(name, value));
        }
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                eprintln!("static server stopped: {e}");
            }
        });
        Ok(Site {
            origin,
            capture,
            task,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------------------
// Chromium through chromedriver's CDP bridge.

/// `POST /session/{id}/goog/cdp/execute`: one Chrome DevTools Protocol command through chromedriver.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"cmd": self.cmd, "params": self.params}).to_string()),
        )
    }
}

/// A script that runs in every new document of `origin` before the page's own scripts: a MutationObserver
/// that makes the Performance API mark `name` the moment an element matching `css` is in the document, for
/// each `(name, css)`. Installed by the harness, so the app under test is not changed to be measured.
fn marks_script(origin: &str, marks: &[(&str, &str)]) -> String {
    format!(
        "(() => {{ if (location.origin !== {origin}) return; \
           const marks = {marks}; const done = new Set(); \
           const check = () => {{ for (const [name, css] of marks) {{ \
               if (!done.has(name) && document.querySelector(css)) {{ done.add(name); performance.mark(name); }} }} \
             if (done.size === marks.length) observer.disconnect(); }}; \
           const observer = new MutationObserver(check); \
           observer.observe(document, {{ subtree: true, childList: true, attributes: true }}); }})();",
        origin = json!(origin),
        marks = json!(marks),
    )
}

/// Chromium's `navigator.userAgent` (the headless build and its version).
async fn user_agent(browser: &Browser) -> String {
    browser
        .js("return navigator.userAgent;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

// ---------------------------------------------------------------------------------------------------------
// Callback latency.

/// One app of the latency comparison.
struct App {
    /// Series prefix in the report.
    key: &'static str,
    site: Site,
    /// What starts the sign-in on the app's home page.
    sign_in: &'static str,
    /// Marks the harness makes (see [`marks_script`]).
    observed: Vec<(&'static str, &'static str)>,
    /// The mark that ends a run (the app's own, or one of `observed`).
    done: &'static str,
    /// Every mark reported.
    reported: Vec<&'static str>,
}

async fn latency(args: &[String]) -> Result<(), String> {
    let runs = count(args, "--runs", 20)?;
    let warmup = count(args, "--warmup", 1)?;
    let out = flag(args, "--out").ok_or("latency needs --out FILE")?;
    let peer_dir =
        PathBuf::from(flag(args, "--peer").ok_or("latency needs --peer DIR (the built peer page)")?);

    // Local Cognito first (its ports name the issuer), then both sites (their origins are the redirect URIs),
    // then Local Cognito's configuration: the demo, plus a client of the peer page's own.
    let bound = cogfed_local::bind(Ports::ephemeral())
        .await
        .map_err(|e| format!("binding Local Cognito: {e}"))?;
    let cognito_base = bound.cognito_base();
    let issuer = format!("{cognito_base}/{DEMO_POOL_ID}");

    let dist = dist_dir();
    let (listener, ours_origin) = Site::bind().await?;
    let settings = Value::Object(demo_settings(&ours_origin, &issuer)).to_string();
    let ours_site = Site::serve(
        listener,
        ours_origin.clone(),
        &dist,
        with_settings(&read(&dist.join("index.html"))?, &settings),
        None,
    )?;

    let (listener, peer_origin) = Site::bind().await?;
    let peer_index = read(&peer_dir.join("index.html"))?
        .replace("{{AUTHORITY}}", &issuer)
        .replace("{{CLIENT_ID}}", PEER_CLIENT_ID);
    let peer_site = Site::serve(listener, peer_origin.clone(), &peer_dir, peer_index, None)?;

    let config = LocalConfig::demo()
        .patched(&format!(
            r#"clients = [{{}}, {{ client_id = "{PEER_CLIENT_ID}", client_name = "oidc-client-ts page, bench", allowed_oauth_flows_user_pool_client = true, allowed_oauth_flows = ["code"], allowed_oauth_scopes = ["openid", "email", "profile"], callback_urls = ["{peer_origin}/callback"], logout_urls = ["{peer_origin}/"], supported_identity_providers = ["COGNITO"] }}]"#
        ))
        .map_err(|e| format!("the bench's Local Cognito configuration: {e}"))?
        .with_spa_origin(&ours_origin);
    let local = bound
        .serve(config)
        .map_err(|e| format!("serving Local Cognito: {e}"))?;

    let apps = [
        App {
            key: "cogfed",
            site: ours_site,
            sign_in: "#signin-local",
            // The session badge turns signed-in once the tokens are verified (the session exists only then);
            // the profile then shows the verified claims (web/README.md's test hooks).
            observed: vec![
                ("cogfed:signed-in", "#session-badge[data-state='signed-in']"),
                ("cogfed:claims-shown", "#id-token-claims tr[data-claim]"),
            ],
            done: "cogfed:claims-shown",
            reported: vec!["cogfed:signed-in", "cogfed:claims-shown"],
        },
        App {
            key: "oidc-client-ts",
            site: peer_site,
            sign_in: "#signin",
            // The page marks `peer:signed-in` itself after signinCallback() resolved and the claims are in the
            // document (bench/peers/oidc-client-ts.js); the same observer as ours, for comparison.
            observed: vec![("observed:claims-shown", "#claims")],
            done: "peer:signed-in",
            reported: vec!["peer:signed-in", "observed:claims-shown"],
        },
    ];

    let mut report = Report::default();
    report.info("runs", &runs.to_string());
    report.info("warmup", &warmup.to_string());
    // Interleaved, so that a slow spell of the machine hits both apps alike.
    for round in 0..warmup + runs {
        let counted = round >= warmup;
        for app in &apps {
            let (got, ua) = one_callback(app, round).await?;
            let line: Vec<String> = got.iter().map(|(k, v)| format!("{k} {v:.0} ms")).collect();
            eprintln!(
                "latency {}{} {:>2}: {}",
                app.key,
                if counted { "" } else { " (warm-up)" },
                round,
                line.join(", ")
            );
            if round == 0 && app.key == "cogfed" {
                report.info("user-agent", &ua);
            }
            if counted {
                for (series, ms) in got {
                    report.sample(&series, ms);
                }
            }
        }
    }
    local.shutdown().await;
    drop(apps);
    report.write(out)
}

/// One run: fresh profile, sign-in at the hosted UI, callback URL captured, then the timed navigation to it.
/// Returns `(series, ms)` for every reported mark and the page's DOMContentLoaded, and the user agent.
async fn one_callback(app: &App, round: usize) -> Result<(Vec<(String, f64)>, String), String> {
    let mut browser = Browser::start(&format!("bench-latency-{}-{round}", app.key)).await;
    browser
        .client
        .issue_cmd(Cdp {
            cmd: "Page.addScriptToEvaluateOnNewDocument",
            params: json!({ "source": marks_script(&app.site.origin, &app.observed) }),
        })
        .await
        .map_err(|e| format!("installing the marks observer through chromedriver's CDP bridge: {e}"))?;

    app.site.capture.store(true, Ordering::SeqCst);
    browser.goto(&app.site.url("/")).await;
    browser.click(app.sign_in).await;
    submit_hosted_ui_form(&mut browser).await;
    browser.wait_for("#captured", WAIT).await;
    let callback = browser.url().await;
    app.site.capture.store(false, Ordering::SeqCst);
    let query: Vec<String> = callback.query_pairs().map(|(k, _)| k.into_owned()).collect();
    if !(callback.as_str().starts_with(&app.site.url("/callback?"))
        && query.iter().any(|k| k == "code")
        && query.iter().any(|k| k == "state"))
    {
        return Err(format!(
            "{}: the captured callback is not a code response: {callback}",
            app.key
        ));
    }

    // The timed navigation, from a blank page (the tab keeps the app's sessionStorage/localStorage: the
    // transaction the sign-in stored).
    browser.goto("about:blank").await;
    browser.goto(callback.as_str()).await;
    let done = format!(
        "performance.getEntriesByName({}, 'mark').length > 0",
        json!(app.done)
    );
    browser
        .wait_until(&done, &format!("{} to be signed in", app.key), WAIT)
        .await;
    let names = json!(app.reported);
    let got = browser
        .js(&format!(
            "const at = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null; \
             const nav = performance.getEntriesByType('navigation')[0]; \
             const fetched = (path) => performance.getEntriesByType('resource') \
               .find((e) => new URL(e.name).pathname.endsWith(path)); \
             const code = performance.getEntriesByType('resource') \
               .filter((e) => /\\.(js|wasm)$/.test(new URL(e.name).pathname)); \
             const jwks = fetched('/.well-known/jwks.json'); \
             const token = fetched('/oauth2/token'); \
             const discovery = fetched('/.well-known/openid-configuration'); \
             return {{ marks: Object.fromEntries({names}.map((n) => [n, at(n)])), type: nav?.type ?? null, \
                       dcl: nav?.domContentLoadedEventEnd ?? null, \
                       codeEnd: code.length ? Math.max(...code.map((e) => e.responseEnd)) : null, \
                       jwksStart: jwks?.startTime ?? null, \
                       discoveryStart: discovery?.startTime ?? null, \
                       tokenStart: token?.startTime ?? null, tokenEnd: token?.responseEnd ?? null }};"
        ))
        .await;
    // The run counts only if the app really finished the sign-in: all checks passed / the claims are alice's.
    match app.key {
        "cogfed" => {
            browser
                .wait_for("#validation-report[data-all-passed='true']", WAIT)
                .await;
        }
        _ => {
            let claims = browser.text_of("#claims").await;
            if !claims.contains("\"cognito:username\": \"alice\"") {
                return Err(format!("{}: the claims shown are not alice's: {claims}", app.key));
            }
        }
    }
    let ua = user_agent(&browser).await;
    browser.close().await;

    if got["type"] != "navigate" {
        return Err(format!(
            "{}: the timed load was a {:?}, not a navigation",
            app.key, got["type"]
        ));
    }
    let mut samples = vec![];
    for name in &app.reported {
        let ms = got["marks"][*name]
            .as_f64()
            .ok_or_else(|| format!("{}: no mark {name}: {got}", app.key))?;
        samples.push((format!("{}/{name}", app.key), ms));
    }
    // Where the time goes: the page's own load (its last JS or wasm file received, DOMContentLoaded), the
    // provider's discovery document and JWKS when the app asks for them, the code exchange (Resource Timing).
    for (field, series) in [
        ("discoveryStart", "discovery-request-start"),
        ("jwksStart", "jwks-request-start"),
    ] {
        if let Some(ms) = got[field].as_f64() {
            samples.push((format!("{}/{series}", app.key), ms));
        }
    }
    for (field, series) in [
        ("codeEnd", "code-fetched"),
        ("dcl", "dom-content-loaded"),
        ("tokenStart", "token-request-start"),
        ("tokenEnd", "token-response-end"),
    ] {
        let ms = got[field]
            .as_f64()
            .ok_or_else(|| format!("{}: no {series} time: {got}", app.key))?;
        samples.push((format!("{}/{series}", app.key), ms));
    }
    Ok((samples, ua))
}

// ---------------------------------------------------------------------------------------------------------
// Cold load.

/// One app of the cold-load comparison: its site and the sign-in button to wait for.
struct ColdApp {
    key: &'static str,
    site: Site,
    button: &'static str,
}

/// A first visit: fresh profile (empty HTTP cache), navigation to `/`, until the first sign-in button is in the
/// document (a MutationObserver installed before any page script makes the mark, for both apps alike).
async fn coldload(args: &[String]) -> Result<(), String> {
    let runs = count(args, "--runs", 10)?;
    let out = flag(args, "--out").ok_or("coldload needs --out FILE")?;
    let peer_dir = PathBuf::from(
        flag(args, "--peer")
            .ok_or("coldload needs --peer DIR (the built React + react-oidc-context page)")?,
    );
    // A real issuer for both apps (neither contacts it before the button shows, but their settings name it).
    let bound = cogfed_local::bind(Ports::ephemeral())
        .await
        .map_err(|e| format!("binding Local Cognito: {e}"))?;
    let issuer = format!("{}/{DEMO_POOL_ID}", bound.cognito_base());
    let dist = dist_dir();
    let (listener, ours_origin) = Site::bind().await?;
    let settings = Value::Object(demo_settings(&ours_origin, &issuer)).to_string();
    let ours = Site::serve(
        listener,
        ours_origin.clone(),
        &dist,
        with_settings(&read(&dist.join("index.html"))?, &settings),
        None,
    )?;
    let (listener, peer_origin) = Site::bind().await?;
    let peer_index = read(&peer_dir.join("index.html"))?
        .replace("{{AUTHORITY}}", &issuer)
        .replace("{{CLIENT_ID}}", PEER_CLIENT_ID);
    let peer = Site::serve(listener, peer_origin, &peer_dir, peer_index, None)?;
    let local = bound
        .serve(LocalConfig::demo().with_spa_origin(&ours_origin))
        .map_err(|e| format!("serving Local Cognito: {e}"))?;
    let apps = [
        ColdApp {
            key: "cogfed",
            site: ours,
            button: "#sign-in button",
        },
        ColdApp {
            key: "react-oidc-context",
            site: peer,
            button: "#signin",
        },
    ];
    let mut report = Report::default();
    report.info("runs", &runs.to_string());
    for round in 0..runs {
        for app in &apps {
            let got = one_cold_load(app, round).await?;
            let line: Vec<String> = got.iter().map(|(k, v)| format!("{k} {v:.0} ms")).collect();
            eprintln!("coldload {} {round:>2}: {}", app.key, line.join(", "));
            for (series, ms) in got {
                report.sample(&series, ms);
            }
        }
    }
    local.shutdown().await;
    drop(apps);
    report.write(out)
}

/// One cold load: `(series, ms)` for the button, the last JS or wasm file received and DOMContentLoaded.
async fn one_cold_load(app: &ColdApp, round: usize) -> Result<Vec<(String, f64)>, String> {
    let mut browser = Browser::start(&format!("bench-coldload-{}-{round}", app.key)).await;
    browser
        .client
        .issue_cmd(Cdp {
            cmd: "Page.addScriptToEvaluateOnNewDocument",
            params: json!({ "source": marks_script(&app.site.origin, &[("cold:button", app.button)]) }),
        })
        .await
        .map_err(|e| format!("installing the marks observer through chromedriver's CDP bridge: {e}"))?;
    browser.goto(&app.site.url("/")).await;
    browser
        .wait_until(
            "performance.getEntriesByName('cold:button', 'mark').length > 0",
            &format!("{}'s sign-in button", app.key),
            WAIT,
        )
        .await;
    let got = browser
        .js("const nav = performance.getEntriesByType('navigation')[0]; \
             const code = performance.getEntriesByType('resource') \
               .filter((e) => /\\.(js|wasm)$/.test(new URL(e.name).pathname)); \
             return { button: performance.getEntriesByName('cold:button', 'mark')[0].startTime, \
                      type: nav?.type ?? null, dcl: nav?.domContentLoadedEventEnd ?? null, \
                      cached: code.some((e) => e.transferSize === 0 && e.decodedBodySize > 0), \
                      codeEnd: code.length ? Math.max(...code.map((e) => e.responseEnd)) : null };")
        .await;
    browser.close().await;
    if got["type"] != "navigate" || got["cached"] != json!(false) {
        return Err(format!("{}: not a cold navigation: {got}", app.key));
    }
    let mut samples = vec![];
    for (field, series) in [
        ("button", "button-visible"),
        ("codeEnd", "code-fetched"),
        ("dcl", "dom-content-loaded"),
    ] {
        let ms = got[field]
            .as_f64()
            .ok_or_else(|| format!("{}: no {series} time: {got}", app.key))?;
        samples.push((format!("{}/{series}", app.key), ms));
    }
    Ok(samples)
}

// ---------------------------------------------------------------------------------------------------------
// The config checker.

/// The checker's editor gets one config edit per measurement: `ok` (no findings) and its twin with one
/// character less (`https` → `http` in the callback URL: the linter's uri-insecure-scheme and
/// spa-redirect-uri-not-registered findings), in turn.
async fn checker(args: &[String]) -> Result<(), String> {
    let edits = count(args, "--edits", 20)?;
    let out = flag(args, "--out").ok_or("checker needs --out FILE")?;
    let ok = read(&workspace_root().join("web/examples/cogfed.toml"))?;
    let insecure = ok.replacen("callback_urls = [\"https://", "callback_urls = [\"http://", 1);
    if insecure == ok {
        return Err("web/examples/cogfed.toml has no `callback_urls = [\"https://` line to edit".into());
    }

    let dist = dist_dir();
    let (listener, origin) = Site::bind().await?;
    let site = Site::serve(listener, origin, &dist, read(&dist.join("index.html"))?, None)?;
    let mut browser = Browser::start("bench-checker").await;
    // When the page hands the config to its linter worker: splits the measured time into the page's own work
    // and the lint round trip + render.
    browser
        .client
        .issue_cmd(Cdp {
            cmd: "Page.addScriptToEvaluateOnNewDocument",
            params: json!({ "source": "(() => { const post = Worker.prototype.postMessage; \
                Worker.prototype.postMessage = function (...args) { \
                  window.__benchLastPost = performance.now(); return post.apply(this, args); }; })();" }),
        })
        .await
        .map_err(|e| format!("installing the worker probe through chromedriver's CDP bridge: {e}"))?;
    browser.goto(&site.url("/checker")).await;
    // Ready, and the linter worker answered the empty editor's check.
    browser
        .wait_for(
            "#lazy-root[data-state='ready'] #checker-summary:not([data-state='loading'])",
            WAIT,
        )
        .await;

    let mut report = Report::default();
    report.info("user-agent", &user_agent(&browser).await);
    report.info("edits", &edits.to_string());
    // The first real config and two edits warm the worker's linter up; they are not counted.
    for (text, want) in [(&ok, "ok"), (&insecure, "findings"), (&ok, "ok")] {
        edit(&browser, text, want).await?;
    }
    for i in 0..edits {
        let (text, want) = if i % 2 == 0 {
            (&insecure, "findings")
        } else {
            (&ok, "ok")
        };
        let (ms, sent) = edit(&browser, text, want).await?;
        eprintln!("checker edit {i:>2} ({want}): {ms:.0} ms, handed to the worker after {sent:.0} ms");
        report.sample("checker/edit", ms);
        report.sample("checker/sent-to-worker", sent);
        report.sample("checker/lint-and-render", ms - sent);
    }
    browser.close().await;
    drop(site);
    report.write(out)
}

/// Puts `text` into the first file of the checker with an input event (what a keystroke or a paste fires)
/// and returns the milliseconds until the findings list shows the result (`#checker-summary[data-state=
/// want]`, seen by a MutationObserver installed before the event), and until the page handed the config to
/// its linter worker (the last `postMessage` before that).
async fn edit(browser: &Browser, text: &str, want: &str) -> Result<(f64, f64), String> {
    let script = "const [text, want, done] = arguments; \
        const field = document.querySelector('#file-text-0'); \
        if (!field) { done({ error: 'no #file-text-0' }); return; } \
        const shown = () => { const s = document.querySelector('#checker-summary'); \
            return s && s.dataset.state === want \
                && (want !== 'findings' || document.querySelectorAll(\"[data-testid='finding']\").length > 0); }; \
        let t0 = 0; \
        const timer = setTimeout(() => { observer.disconnect(); \
            done({ error: 'no ' + want + ' within 10 s: ' + document.querySelector('#checker-summary')?.textContent }); }, 10000); \
        const observer = new MutationObserver(() => { if (shown()) { const t1 = performance.now(); \
            observer.disconnect(); clearTimeout(timer); \
            const sent = window.__benchLastPost ?? -1; \
            done(sent >= t0 ? { ms: t1 - t0, sent: sent - t0 } : { error: 'no postMessage to the worker seen' }); } }); \
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); \
        t0 = performance.now(); \
        field.value = text; \
        field.dispatchEvent(new Event('input', { bubbles: true }));";
    let got = browser
        .client
        .execute_async(script, vec![json!(text), json!(want)])
        .await
        .map_err(|e| format!("checker edit: {e}"))?;
    match (got["ms"].as_f64(), got["sent"].as_f64()) {
        (Some(ms), Some(sent)) => Ok((ms, sent)),
        _ => Err(format!("checker edit: {}", got["error"])),
    }
}
