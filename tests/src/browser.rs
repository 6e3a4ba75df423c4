//! Headless Debian Chromium driven through chromedriver with fantoccini.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The flags that keep Chromium quiet on a machine with no outside network (toolchain.md §1.4, §9).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--window-size=1200,900",
];

/// A chromedriver process on a free loopback port; killed on drop.
struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    fn start() -> Chromedriver {
        let port = crate::free_port();
        let child = Command::new("/usr/bin/chromedriver")
            .args([
                format!("--port={port}"),
                "--allowed-ips=127.0.0.1".into(),
                "--log-level=WARNING".into(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting /usr/bin/chromedriver (install it with `cargo xtask setup`)");
        Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    async fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let http = reqwest::Client::new();
        loop {
            if let Ok(resp) = http.get(format!("{}/status", self.url)).send().await
                && resp.status().is_success()
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not come up on {}",
                self.url
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `POST /session/{id}/se/log {"type":"browser"}`: chromedriver's console log, with `goog:loggingPrefs`.
#[derive(Debug)]
struct GetBrowserLog;

impl WebDriverCompatibleCommand for GetBrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({"type": "browser"}).to_string()))
    }
}

/// One console message.
#[derive(Debug, Clone)]
pub struct ConsoleEntry {
    /// `SEVERE`, `WARNING`, `INFO`, ...
    pub level: String,
    /// The text, usually prefixed with the URL of the script or resource.
    pub message: String,
}

/// A headless Chromium session with a fresh profile, its chromedriver and its console log.
///
/// If the test panics while the session is alive (a failed assertion or a timeout), dropping it saves a
/// screenshot and the console log under `target/e2e-artifacts/{name}.*`. Tests must use the multi-threaded
/// tokio runtime for that (`#[tokio::test(flavor = "multi_thread")]`).
pub struct Browser {
    pub client: Client,
    name: String,
    console: Vec<ConsoleEntry>,
    expected_errors: Vec<String>,
    closed: bool,
    _driver: Chromedriver,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium; `name` names the failure artifacts.
    pub async fn start(name: &str) -> Browser {
        let driver = Chromedriver::start();
        driver.wait_ready().await;
        let profile = tempfile::Builder::new()
            .prefix("cogfed-chromium-")
            .tempdir()
            .expect("temp profile dir");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(caps) = caps else { unreachable!() };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("starting a Chromium session through chromedriver");
        Browser {
            client,
            name: name.to_string(),
            console: vec![],
            expected_errors: vec![],
            closed: false,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Navigates to `url` and waits for the load.
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("navigating to {url}: {e}"));
    }

    /// Waits up to `timeout` for an element matching `css`. Fails early, naming them, if the page logs a
    /// console error meanwhile (a wasm start-up failure would otherwise look like a plain timeout).
    pub async fn wait_for(&mut self, css: &str, timeout: Duration) -> fantoccini::elements::Element {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                return el;
            }
            let errors = self.console_errors().await;
            assert!(
                errors.is_empty(),
                "console errors while waiting for `{css}`: {errors:#?}"
            );
            assert!(Instant::now() < deadline, "waited {timeout:?} for `{css}`");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Console messages since the last call are appended to the session's log; returns the whole log.
    pub async fn console(&mut self) -> &[ConsoleEntry] {
        if let Ok(Value::Array(entries)) = self.client.issue_cmd(GetBrowserLog).await {
            for e in entries {
                self.console.push(ConsoleEntry {
                    level: e["level"].as_str().unwrap_or_default().to_string(),
                    message: e["message"].as_str().unwrap_or_default().to_string(),
                });
            }
        }
        &self.console
    }

    /// Console errors (level SEVERE) so far, except those declared with [`Browser::expect_console_error`].
    pub async fn console_errors(&mut self) -> Vec<ConsoleEntry> {
        let expected = self.expected_errors.clone();
        self.console()
            .await
            .iter()
            .filter(|e| e.level == "SEVERE")
            .filter(|e| !expected.iter().any(|x| e.message.contains(x.as_str())))
            .cloned()
            .collect()
    }

    /// Declares a console error the test provokes on purpose and that is not the app's: an entry containing
    /// `text` no longer counts in [`Browser::console_errors`]. Keep `text` specific (a URL and a status).
    pub fn expect_console_error(&mut self, text: &str) {
        self.expected_errors.push(text.to_string());
    }

    /// Saves a screenshot, the page source and the console log under target/e2e-artifacts/{name}.*
    pub async fn save_artifacts(&mut self) {
        let name = self.name.clone();
        let dir = crate::artifacts_dir();
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
        let log: Vec<String> = self
            .console()
            .await
            .iter()
            .map(|e| format!("{} {}", e.level, e.message))
            .collect();
        let _ = std::fs::write(dir.join(format!("{name}.console.log")), log.join("\n"));
        if let Ok(html) = self.client.source().await {
            let _ = std::fs::write(dir.join(format!("{name}.html")), html);
        }
        if let Ok(url) = self.client.current_url().await {
            let _ = std::fs::write(dir.join(format!("{name}.url")), url.as_str());
        }
        eprintln!("e2e artifacts saved in {}/{name}.*", dir.display());
    }

    /// Ends the session cleanly (no artifacts).
    pub async fn close(mut self) {
        self.closed = true;
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if std::thread::panicking()
            && !self.closed
            && let Ok(handle) = tokio::runtime::Handle::try_current()
        {
            tokio::task::block_in_place(|| {
                handle.block_on(async {
                    let _ = tokio::time::timeout(Duration::from_secs(10), self.save_artifacts()).await;
                })
            });
        }
    }
}
