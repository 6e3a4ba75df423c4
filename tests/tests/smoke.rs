//! Smoke test: the optimized release build of the SPA loads in headless Chromium, renders, and logs no
//! console error. It fails if wasm-opt breaks the module (toolchain.md §2.4) or if the app panics on start.

use cogfed_e2e::{Browser, SpaServer, dist_dir};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_spa_renders_without_console_errors() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("smoke").await;
    browser.goto(&server.url("/")).await;

    let app = browser
        .wait_for("main#app[data-ready='true']", Duration::from_secs(30))
        .await;
    let text = app.text().await.expect("reading the app's text");
    let errors = browser.console_errors().await;
    assert!(
        text.contains("Sign in with Cognito"),
        "unexpected page text: {text}"
    );
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await;
}
