//! What a test does on a page: run a script, click, type, read, and wait (every wait bounded, and cut short
//! by a console error so that a broken page fails with its reason rather than with a timeout).

use crate::Browser;
use fantoccini::Locator;
use serde_json::Value;
use std::time::{Duration, Instant};

/// How long a step waits for the page by default: generous, since two browsers may share two cores.
pub const WAIT: Duration = Duration::from_secs(30);

impl Browser {
    /// Runs `script` (a function body: `return …;`) in the page and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("executing `{script}`: {e}"))
    }

    /// The address bar.
    pub async fn url(&self) -> url::Url {
        self.client.current_url().await.expect("reading the current URL")
    }

    /// Waits for `css`, then clicks it.
    pub async fn click(&mut self, css: &str) {
        self.wait_for(css, WAIT)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Clicks the first `<button>` whose text is exactly `text` (the hosted UI's IdP buttons have no id).
    pub async fn click_button(&mut self, text: &str) {
        let xpath = format!("//button[normalize-space()='{text}']");
        let deadline = Instant::now() + WAIT;
        let button = loop {
            if let Ok(button) = self.client.find(Locator::XPath(&xpath)).await {
                break button;
            }
            assert!(Instant::now() < deadline, "no button {text:?} after {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        button
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking the button {text:?}: {e}"));
    }

    /// Waits for `css`, clears it and types `text`.
    pub async fn fill(&mut self, css: &str, text: &str) {
        let field = self.wait_for(css, WAIT).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clearing {css}: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Waits for `css` and returns its rendered text.
    pub async fn text_of(&mut self, css: &str) -> String {
        self.wait_for(css, WAIT)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of {css}: {e}"))
    }

    /// Waits for `css` and returns its attribute `name`.
    pub async fn attr_of(&mut self, css: &str, name: &str) -> Option<String> {
        self.wait_for(css, WAIT)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("attribute {name} of {css}: {e}"))
    }

    /// Waits until the JavaScript expression `expression` is truthy.
    pub async fn wait_until(&mut self, expression: &str, what: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            if self.js(&format!("return !!({expression});")).await == Value::Bool(true) {
                return;
            }
            let errors = self.console_errors().await;
            assert!(
                errors.is_empty(),
                "console errors while waiting for {what}: {errors:#?}"
            );
            assert!(Instant::now() < deadline, "waited {timeout:?} for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the address bar shows `path` (any origin).
    pub async fn wait_path(&mut self, path: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let url = self.url().await;
            if url.path() == path {
                return;
            }
            let errors = self.console_errors().await;
            assert!(
                errors.is_empty(),
                "console errors while waiting for {path}: {errors:#?}"
            );
            assert!(
                Instant::now() < deadline,
                "still on {url} after {WAIT:?}, expected {path}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
