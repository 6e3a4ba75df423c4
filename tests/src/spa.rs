//! The SPA under test: its release build (`dist/`) and a static server with SPA fallback that sends the
//! security headers of `Trunk.toml`'s `[serve.headers]` (the CSP among them), as `trunk serve` does, with the
//! demo's settings of the test in the page.

use axum::Router;
use axum::response::IntoResponse;
use http::{HeaderName, HeaderValue};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The headers every response of the static site carries: `[serve.headers]` of the workspace's `Trunk.toml`,
/// in file order. Panics (naming the file) when the table is missing or not strings: the tests depend on it.
pub fn security_headers() -> Vec<(String, String)> {
    let path = crate::workspace_root().join("Trunk.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let doc: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = doc
        .get("serve")
        .and_then(|s| s.get("headers"))
        .and_then(|h| h.as_table())
        .unwrap_or_else(|| panic!("{} has no [serve.headers] table", path.display()));
    headers
        .iter()
        .map(|(k, v)| {
            let v = v
                .as_str()
                .unwrap_or_else(|| panic!("{}: [serve.headers] {k} is not a string", path.display()));
            (k.clone(), v.to_string())
        })
        .collect()
}

/// The value of header `name` (case-insensitive) in [`security_headers`].
pub fn security_header(name: &str) -> Option<String> {
    security_headers()
        .into_iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// The release build of the SPA. `cargo xtask test` builds it first and passes `COGFED_DIST`; a test run on
/// its own builds it with `trunk build --release` (the optimized wasm, so a broken optimizer is caught).
pub fn dist_dir() -> PathBuf {
    static BUILT: Mutex<Option<PathBuf>> = Mutex::new(None);
    let mut built = BUILT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(dir) = built.as_ref() {
        return dir.clone();
    }
    let dir = match std::env::var_os("COGFED_DIST") {
        Some(d) => PathBuf::from(d),
        None => {
            let root = crate::workspace_root();
            let mut path = vec![root.join("tools/node_modules/.bin")];
            path.extend(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            ));
            let status = std::process::Command::new("trunk")
                .args(["build", "--release", "--skip-version-check"])
                .current_dir(&root)
                .env("PATH", std::env::join_paths(path).expect("PATH"))
                .status()
                .expect("running trunk (install it with `cargo xtask setup`)");
            assert!(status.success(), "trunk build --release failed");
            root.join("dist")
        }
    };
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: build the SPA with `cargo xtask test` or `trunk build --release`",
        dir.display()
    );
    *built = Some(dir.clone());
    dir
}

/// The opening tag of the demo's settings block in `index.html` (web/src/settings.rs reads it).
pub const SETTINGS_BLOCK: &str = r#"<script type="application/json" id="cogfed-settings">"#;

/// `index_html` with `json` as the contents of its settings block (`</` escaped, so the JSON cannot end the
/// element). Panics when the page has no such block: the tests depend on it.
pub fn with_settings(index_html: &str, json: &str) -> String {
    let start = index_html
        .find(SETTINGS_BLOCK)
        .unwrap_or_else(|| panic!("index.html has no {SETTINGS_BLOCK}"))
        + SETTINGS_BLOCK.len();
    let end = start
        + index_html[start..]
            .find("</script>")
            .expect("the settings block ends");
    format!(
        "{}{}{}",
        &index_html[..start],
        json.replace("</", "<\\/"),
        &index_html[end..]
    )
}

/// Serves a built SPA on 127.0.0.1 (free port) until dropped. Unknown paths get index.html, as a static
/// host configured for an SPA does, so deep links like /callback load the app.
pub struct SpaServer {
    /// Where it listens (127.0.0.1, a free port).
    pub addr: SocketAddr,
    settings: Arc<RwLock<Option<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl SpaServer {
    /// Serves `dist` with the security headers of `Trunk.toml`.
    pub async fn start(dist: &Path) -> SpaServer {
        SpaServer::start_with_settings(dist, |_| None).await
    }

    /// Serves `dist`; `settings` gets the server's origin (`http://127.0.0.1:{port}`) and may return the JSON
    /// of the demo's settings to put in the page instead of the built ones (the `cogfed-settings` block of
    /// `index.html`, [`with_settings`]): how a test points the SPA at a Local Cognito or OpenID provider on a
    /// free port, with the redirect URI on this server.
    pub async fn start_with_settings(
        dist: &Path,
        settings: impl FnOnce(&str) -> Option<String>,
    ) -> SpaServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let slot = Arc::new(RwLock::new(settings(&format!("http://{addr}"))));
        let served = slot.clone();
        let index_path = dist.join("index.html");
        let index = move || {
            let json = served.read().unwrap_or_else(|p| p.into_inner()).clone();
            let path = index_path.clone();
            async move {
                let Ok(html) = tokio::fs::read_to_string(&path).await else {
                    return http::StatusCode::NOT_FOUND.into_response();
                };
                let html = match json {
                    Some(json) => with_settings(&html, &json),
                    None => html,
                };
                ([(http::header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
            }
        };
        let app = Router::new()
            .route("/", axum::routing::get(index.clone()))
            .route("/index.html", axum::routing::get(index.clone()));
        let mut app = app.fallback_service(ServeDir::new(dist).fallback(axum::routing::get(index)));
        for (name, value) in security_headers() {
            let name =
                HeaderName::try_from(name.as_str()).unwrap_or_else(|e| panic!("header name {name}: {e}"));
            let value =
                HeaderValue::try_from(value.as_str()).unwrap_or_else(|e| panic!("header {name}: {e}"));
            app = app.layer(SetResponseHeaderLayer::overriding(name, value));
        }
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serving the SPA");
        });
        SpaServer {
            addr,
            settings: slot,
            task,
        }
    }

    /// From now on the page carries `json` as its settings: for a provider that can only start once it knows
    /// the SPA's origin (its redirect URI), such as the interop test's OpenID provider.
    pub fn set_settings(&self, json: String) {
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = Some(json);
    }

    /// `http://127.0.0.1:{port}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for SpaServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
