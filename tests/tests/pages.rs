//! Every page of the demo in headless Chromium, served with the CSP of Trunk.toml: each renders without a
//! console error (a CSP violation is one), the CSP is really enforced, the config checker finds the mistake
//! in a pasted config, and settings live in sessionStorage only.

use cogfed_e2e::{Browser, SpaServer, WAIT, dist_dir};
use fantoccini::Locator;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_without_console_errors_or_csp_violations() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-render").await;
    let pages = [
        ("/", "#home-page", "Sign in"),
        ("/profile", "#profile-page", "Profile"),
        (
            "/settings",
            "#lazy-root[data-state='ready'] #settings-form",
            "Settings",
        ),
        (
            "/checker",
            "#lazy-root[data-state='ready'] #checker-summary",
            "Config checker",
        ),
        ("/no-such-page", "#not-found-page", "Page not found"),
    ];
    for (path, ready, heading) in pages {
        browser.goto(&server.url(path)).await;
        browser.wait_for(ready, WAIT).await;
        let h1 = browser.text_of("main h1").await;
        assert!(h1.contains(heading), "{path}: heading {h1:?}");
        let errors = browser.console_errors().await;
        assert!(errors.is_empty(), "{path}: console errors: {errors:#?}");
    }
    // In-app navigation through the top bar: no reload, the heading takes focus, the document title follows.
    browser
        .client
        .find(Locator::Css("#nav-settings"))
        .await
        .expect("nav link")
        .click()
        .await
        .expect("click");
    browser.wait_for("#settings-page", WAIT).await;
    browser
        .wait_until(
            "document.activeElement && document.activeElement.tagName === 'H1'",
            "focus on h1",
            WAIT,
        )
        .await;
    assert_eq!(browser.client.title().await.expect("title"), "Settings · cogfed");
    let current = browser
        .js("return document.querySelector('#nav-settings').getAttribute('aria-current');")
        .await;
    assert_eq!(current, json!("page"));
    browser.client.back().await.expect("back");
    browser.wait_for("#not-found-page", WAIT).await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fast_switch_between_lazy_pages_instantiates_their_module_once() {
    // /checker and /settings share the tools module. Opening one and at once the other starts the second
    // load while the first is in flight: two instances would mean two fetches of its wasm and two Leptos
    // runtimes. It holds because wasm-bindgen's `init` keeps its first call's promise (web/src/lazy.rs relies
    // on it); this guards against a wasm-bindgen or loader change losing that.
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-fast-switch").await;
    browser.goto(&server.url("/")).await;
    browser.wait_for("#home-page", WAIT).await;
    // Hold the tools module's wasm back for half a second (wasm-bindgen's init fetches it with the global
    // fetch), counting the fetches, so that the second page opens while the first load is in flight.
    browser
        .js(
            "window.toolsWasmFetches = 0; const fetch0 = window.fetch.bind(window); \
         window.fetch = (url, options) => { \
           if (String(url).endsWith('/cogfed-tools_bg.wasm')) { \
             window.toolsWasmFetches += 1; \
             return new Promise((done) => setTimeout(done, 500)).then(() => fetch0(url, options)); \
           } \
           return fetch0(url, options); }; \
         document.querySelector('#nav-checker').click();",
        )
        .await;
    browser
        .wait_until("window.toolsWasmFetches === 1", "the checker's module load", WAIT)
        .await;
    browser
        .js("document.querySelector('#nav-settings').click();")
        .await;
    browser
        .wait_for("#lazy-root[data-state='ready'] #settings-form", WAIT)
        .await;
    let fetches = browser.js("return window.toolsWasmFetches;").await;
    assert_eq!(
        fetches,
        json!(1),
        "the tools module's wasm was fetched {fetches} times"
    );
    // The module still works after the switch: back to the checker, which mounts from the same instance.
    browser.client.back().await.expect("back");
    browser
        .wait_for("#lazy-root[data-state='ready'] #checker-summary", WAIT)
        .await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csp_is_enforced_an_injected_inline_script_does_not_run() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-csp").await;
    browser.goto(&server.url("/")).await;
    browser.wait_for("#home-page", WAIT).await;
    browser
        .js(
            "const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true;'; \
         document.head.appendChild(s); return null;",
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        browser.js("return window.__inlineRan === true;").await,
        json!(false),
        "the inline script ran"
    );
    let errors = browser.console_errors().await;
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("Content Security Policy")),
        "expected the browser to report the blocked script: {errors:#?}"
    );
    browser.close().await;
}

const BROKEN_MANIFEST: &str =
    "version = 1\n[[clients]]\nclient_name = \"web\"\ncallback_urls = [\"https://app.example.com/#/cb\"]\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_checker_shows_a_finding_for_a_pasted_broken_config() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-checker").await;
    browser.goto(&server.url("/checker")).await;
    let editor = browser.wait_for("#file-text-0", WAIT).await;
    editor
        .send_keys(BROKEN_MANIFEST)
        .await
        .expect("typing into the editor");

    let finding = browser
        .wait_for("[data-testid='finding'][data-rule='uri-has-fragment']", WAIT)
        .await;
    assert_eq!(
        finding.attr("data-line").await.expect("attr").as_deref(),
        Some("4")
    );
    assert_eq!(
        finding.attr("data-severity").await.expect("attr").as_deref(),
        Some("error")
    );
    let marked = browser
        .text_of("[data-rule='uri-has-fragment'] .excerpt .line.marked mark")
        .await;
    assert_eq!(
        marked, "\"https://app.example.com/#/cb\"",
        "the offending value is marked"
    );
    let doc = browser
        .text_of("[data-rule='uri-has-fragment'] [data-testid='rule-doc'] summary")
        .await;
    assert!(doc.contains("uri-has-fragment"), "{doc}");
    let summary = browser.text_of("#checker-summary[data-state='findings']").await;
    assert!(summary.contains("error"), "{summary}");
    // The page starts with an unnamed file: the content decides how it is read, and names it (issue 12).
    browser
        .wait_until(
            "document.querySelector('#file-name-0').value === 'cogfed.toml'",
            "the file named for what it was recognised as",
            WAIT,
        )
        .await;
    let read_as = browser.text_of("[data-testid='read-as']").await;
    assert!(read_as.contains("read as cogfed manifest"), "{read_as}");

    // The state is in the fragment only: reloading the URL (a share link) restores the file and its finding.
    browser
        .wait_until("location.hash.startsWith('#cfg=')", "the share fragment", WAIT)
        .await;
    let url = browser.client.current_url().await.expect("url").to_string();
    assert!(!url.contains('?'), "nothing in the query: {url}");
    browser.goto("about:blank").await;
    browser.goto(&url).await;
    browser
        .wait_for("[data-testid='finding'][data-rule='uri-has-fragment']", WAIT)
        .await;
    let restored = browser
        .js("return document.querySelector('#file-text-0').value;")
        .await;
    assert_eq!(restored, json!(BROKEN_MANIFEST));

    // Fixing the value clears the finding, live.
    browser
        .js(
            "const t = document.querySelector('#file-text-0'); t.value = t.value.replace('#/cb', 'cb'); \
         t.dispatchEvent(new Event('input', { bubbles: true })); return null;",
        )
        .await;
    browser
        .wait_until(
            "!document.querySelector(\"[data-testid='finding'][data-rule='uri-has-fragment']\")",
            "the fix",
            WAIT,
        )
        .await;

    // An example's broken twin, loaded from /examples/, has findings; the example itself does not have them
    // (cogfed-checker's unit tests pin that every example lints clean).
    browser
        .client
        .find(Locator::Css("#example-aws-cli-broken"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    browser
        .wait_for("[data-testid='finding'][data-rule='scope-requires-openid']", WAIT)
        .await;
    browser
        .client
        .find(Locator::Css("#example-aws-cli"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    browser
        .wait_until(
            "document.querySelector('#file-name-0').value === 'describe-user-pool-client.json' && \
         document.querySelector('#checker-summary') && \
         !document.querySelector(\"[data-testid='finding'][data-rule='scope-requires-openid']\")",
            "the good example's findings",
            WAIT,
        )
        .await;

    // A CloudFormation template pasted into a new file is read as one and named `template.yaml`, whatever the
    // page called the file before; a file that is not an input is said to be skipped, not an error.
    browser.click_button("Clear").await;
    browser
        .js(&format!(
            "const t = document.querySelector('#file-text-0'); t.value = {}; \
             t.dispatchEvent(new Event('input', {{ bubbles: true }})); return null;",
            json!(PASTED_TEMPLATE)
        ))
        .await;
    browser
        .wait_for("[data-testid='finding'][data-rule='uri-has-fragment']", WAIT)
        .await;
    browser
        .wait_until(
            "document.querySelector('#file-name-0').value === 'template.yaml'",
            "the pasted template named template.yaml",
            WAIT,
        )
        .await;
    let read_as = browser.text_of("[data-testid='read-as']").await;
    assert!(read_as.contains("read as CloudFormation template"), "{read_as}");
    browser.click_button("Add a file").await;
    browser
        .js(
            "const t = document.querySelector('#file-text-1'); t.value = '{\"name\": \"app\", \"version\": \"1.0.0\"}'; \
             t.dispatchEvent(new Event('input', { bubbles: true })); return null;",
        )
        .await;
    browser
        .wait_until(
            "[...document.querySelectorAll(\"[data-testid='read-as']\")].some(e => e.textContent.includes('not a format cogfed reads'))",
            "the package.json said to be skipped",
            WAIT,
        )
        .await;
    let summary = browser.text_of("#checker-summary").await;
    assert!(!summary.contains("cannot be read"), "{summary}");

    // Terraform pasted into a new file (issue 15): read as a configuration, named `main.tf`, the finding on the
    // argument's line.
    browser.click_button("Clear").await;
    browser
        .js(&format!(
            "const t = document.querySelector('#file-text-0'); t.value = {}; \
             t.dispatchEvent(new Event('input', {{ bubbles: true }})); return null;",
            json!(PASTED_TF)
        ))
        .await;
    let finding = browser
        .wait_for("[data-testid='finding'][data-rule='uri-has-fragment']", WAIT)
        .await;
    assert_eq!(
        finding.attr("data-line").await.expect("attr").as_deref(),
        Some("9")
    );
    browser
        .wait_until(
            "document.querySelector('#file-name-0').value === 'main.tf'",
            "the pasted configuration named main.tf",
            WAIT,
        )
        .await;
    let read_as = browser.text_of("[data-testid='read-as']").await;
    assert!(read_as.contains("read as Terraform configuration"), "{read_as}");
    let marked = browser
        .text_of("[data-rule='uri-has-fragment'] .excerpt .line.marked mark")
        .await;
    assert_eq!(
        marked, "\"https://app.example.com/#/cb\"",
        "the offending value is marked"
    );
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await;
}

const PASTED_TF: &str = "# pasted from infra/cognito.tf\nresource \"aws_cognito_user_pool\" \"main\" {\n  name = \"shop\"\n}\n\nresource \"aws_cognito_user_pool_client\" \"spa\" {\n  name                                 = \"spa\"\n  user_pool_id                         = aws_cognito_user_pool.main.id\n  callback_urls                        = [\"https://app.example.com/#/cb\"]\n  allowed_oauth_flows                  = [\"code\"]\n  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_scopes                 = [\"openid\"]\n}\n";

const PASTED_TEMPLATE: &str = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-east-1_ExAmPlE12\n      AllowedOAuthFlowsUserPoolClient: true\n      AllowedOAuthFlows: [code]\n      AllowedOAuthScopes: [openid]\n      CallbackURLs: [\n        'https://app.example.com/#/cb'\n      ]\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_checker_reads_opened_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pomerium.yaml");
    std::fs::write(&path, "idp_provider: oidc\nidp_provider_url: https://shop.auth.eu-west-1.amazoncognito.com/\nidp_client_id: c\nidp_scopes: openid,email\n")
        .expect("writing the config");
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-checker-open").await;
    browser.goto(&server.url("/checker")).await;
    browser.wait_for("#checker-summary", WAIT).await;
    let input = browser
        .client
        .find(Locator::Css("#open-files"))
        .await
        .expect("the file input");
    input
        .send_keys(&path.display().to_string())
        .await
        .expect("choosing the file");
    browser
        .wait_for(
            "[data-testid='finding'][data-rule='issuer-is-hosted-ui-domain']",
            WAIT,
        )
        .await;
    let name = browser
        .js("return document.querySelector('#file-name-0').value;")
        .await;
    assert_eq!(name, json!("pomerium.yaml"));
    let recognised = browser.text_of("[data-testid='recognised']").await;
    assert!(recognised.contains("Pomerium"), "{recognised}");
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_link_explains_the_rule() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-rule-link").await;
    browser
        .goto(&server.url("/checker#rule=idp-issuer-mismatch"))
        .await;
    let doc = browser
        .wait_for(
            "[data-testid='rule-doc'][data-rule='idp-issuer-mismatch'][open]",
            WAIT,
        )
        .await;
    let text = doc.text().await.expect("text");
    assert!(
        text.contains("Why it matters") && text.contains("Bad id_token issuer"),
        "{text}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_persist_in_session_storage_only() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-settings").await;
    browser.goto(&server.url("/settings")).await;
    browser
        .wait_for("#settings-source[data-source='file']", WAIT)
        .await;
    let client_id = browser
        .js("return document.querySelector('#settings-client-id').value;")
        .await;
    assert_eq!(
        client_id,
        json!("cogfed_demo_spa"),
        "the form starts from the page's settings"
    );

    // A malformed value is refused with a message at the field.
    let issuer = browser.wait_for("#settings-issuer", WAIT).await;
    issuer.clear().await.expect("clear");
    issuer.send_keys("ftp://example.com/pool").await.expect("type");
    browser
        .client
        .find(Locator::Css("#settings-save"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    let error = browser.text_of("#settings-issuer-error").await;
    assert!(error.contains("https://"), "{error}");
    assert_eq!(
        browser.js("return sessionStorage.length;").await,
        json!(0),
        "nothing saved"
    );

    // A good value is saved in sessionStorage, and nowhere else.
    issuer.clear().await.expect("clear");
    issuer
        .send_keys("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123")
        .await
        .expect("type");
    let id = browser.wait_for("#settings-client-id", WAIT).await;
    id.clear().await.expect("clear");
    id.send_keys("my_other_client").await.expect("type");
    browser
        .client
        .find(Locator::Css("#settings-save"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    browser
        .wait_for("#settings-source[data-source='session']", WAIT)
        .await;
    // The status line (a live region) says what happened, and stays: the page is not redrawn under it.
    browser
        .wait_until(
            "(document.querySelector('#settings-status[role=status]') || {}).textContent?.includes('Saved for this tab')",
            "the saved status",
            WAIT,
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let status = browser.text_of("#settings-status").await;
    assert!(status.contains("Saved for this tab"), "{status:?}");
    let stored = browser
        .js("return sessionStorage.getItem('cogfed.demo.settings');")
        .await;
    let stored: Value = serde_json::from_str(stored.as_str().expect("a stored string")).expect("stored JSON");
    assert_eq!(stored["client_id"], json!("my_other_client"));
    assert_eq!(
        browser.js("return localStorage.length;").await,
        json!(0),
        "localStorage stays empty"
    );
    assert!(
        !browser
            .js("return document.cookie;")
            .await
            .as_str()
            .unwrap_or("")
            .contains("my_other_client")
    );

    // The app (another wasm module) follows at once: Home signs in with the saved client.
    browser
        .client
        .find(Locator::Css("#nav-home"))
        .await
        .expect("nav")
        .click()
        .await
        .expect("click");
    browser
        .wait_until(
            "(document.querySelector('#sign-in-target') || {}).textContent?.includes('my_other_client')",
            "the app to use the saved settings",
            WAIT,
        )
        .await;
    browser
        .client
        .find(Locator::Css("#nav-settings"))
        .await
        .expect("nav")
        .click()
        .await
        .expect("click");
    browser
        .wait_for("#settings-source[data-source='session']", WAIT)
        .await;

    // A reload keeps them (same tab)...
    browser.client.refresh().await.expect("reload");
    browser
        .wait_for("#settings-source[data-source='session']", WAIT)
        .await;
    browser
        .wait_until(
            "document.querySelector('#settings-client-id').value === 'my_other_client'",
            "the saved value",
            WAIT,
        )
        .await;

    // ...a new tab does not (sessionStorage is per tab).
    let tab = browser.client.new_window(true).await.expect("new tab");
    browser.client.switch_to_window(tab.handle).await.expect("switch");
    browser.goto(&server.url("/settings")).await;
    browser
        .wait_for("#settings-source[data-source='file']", WAIT)
        .await;
    browser
        .wait_until(
            "document.querySelector('#settings-client-id').value === 'cogfed_demo_spa'",
            "the file value",
            WAIT,
        )
        .await;

    // Reset forgets the override.
    let first = browser
        .client
        .windows()
        .await
        .expect("windows")
        .into_iter()
        .next()
        .expect("first tab");
    browser.client.switch_to_window(first).await.expect("switch back");
    browser
        .client
        .find(Locator::Css("#settings-reset"))
        .await
        .expect("reset")
        .click()
        .await
        .expect("click");
    browser
        .wait_for("#settings-source[data-source='file']", WAIT)
        .await;
    let status = browser.text_of("#settings-status").await;
    assert!(status.contains("Back to the settings in the page"), "{status:?}");
    assert_eq!(
        browser
            .js("return sessionStorage.getItem('cogfed.demo.settings');")
            .await,
        Value::Null
    );
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_fit_a_phone_screen() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("pages-phone").await;
    browser
        .client
        .set_window_size(375, 800)
        .await
        .expect("window size");
    for (path, ready) in [
        ("/", "#home-page"),
        ("/settings", "#settings-form"),
        ("/checker", "#checker-summary"),
    ] {
        browser.goto(&server.url(path)).await;
        browser.wait_for(ready, WAIT).await;
        if path == "/checker" {
            // With findings: their excerpts scroll inside their own box, not the page.
            browser
                .client
                .find(Locator::Css("#example-manifest-broken"))
                .await
                .expect("button")
                .click()
                .await
                .expect("click");
            browser.wait_for("[data-testid='finding'] .excerpt", WAIT).await;
        }
        let overflow = browser
            .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            .await;
        if overflow.as_i64().unwrap_or(1) > 0 {
            let culprits = browser.js("const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]\
                 .filter(e => e.getBoundingClientRect().right > w + 1 && e.parentElement.getBoundingClientRect().right <= w + 1)\
                 .slice(0, 8)\
                 .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
            )
            .await;
            panic!("{path} scrolls sideways at 375 px by {overflow} px; too wide: {culprits}");
        }
    }
    browser.close().await;
}

/// Screenshots of every page at desktop and phone width, for a visual review (not a check):
/// `cargo test -p cogfed-e2e --test pages -- --ignored screenshots`, then look in target/e2e-artifacts/screens/.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes screenshots for a human to look at"]
async fn screenshots() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("screenshots").await;
    let dir = cogfed_e2e::artifacts_dir().join("screens");
    std::fs::create_dir_all(&dir).expect("screens dir");
    for (width, height) in [(1280, 900), (375, 800)] {
        browser
            .client
            .set_window_size(width, height)
            .await
            .expect("window size");
        for (name, path, ready) in [
            ("home", "/", "#home-page"),
            ("profile", "/profile", "#profile-page"),
            ("settings", "/settings", "#settings-form"),
            ("checker", "/checker", "#checker-summary"),
            ("checker-broken", "/checker", "#checker-summary"),
            (
                "rule",
                "/checker#rule=idp-issuer-mismatch",
                "[data-testid='rule-doc']",
            ),
        ] {
            browser.goto(&server.url(path)).await;
            browser.wait_for(ready, WAIT).await;
            if name == "checker-broken" {
                browser
                    .client
                    .find(Locator::Css("#example-manifest-broken"))
                    .await
                    .expect("button")
                    .click()
                    .await
                    .expect("click");
                browser.wait_for("[data-testid='finding']", WAIT).await;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            let png = browser.client.screenshot().await.expect("screenshot");
            std::fs::write(dir.join(format!("{name}-{width}.png")), png).expect("write png");
        }
    }
    browser.close().await;
}

/// The checker's live discovery check (issue 16, item 7) against Local Cognito: the configured issuer is
/// checked as found; an issuer typed with a trailing slash is the seed's "Bad id_token issuer" cause, found from
/// the provider's own document; a server the page cannot read gets the notice naming `cogfed doctor`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checker_checks_an_issuer_live_and_says_when_the_browser_cannot() {
    let demo = cogfed_e2e::LocalSpa::start().await;
    let mut browser = Browser::start("pages-live-check").await;
    browser.goto(&demo.url("/checker")).await;
    // The field is labelled "Issuer", and starts with the demo's configured issuer.
    browser.wait_for("#live-issuer", WAIT).await;
    let label = browser
        .js("return document.querySelector('label[for=live-issuer]').textContent")
        .await;
    assert_eq!(label.as_str(), Some("Issuer"));
    let shown = browser
        .js("return document.querySelector('#live-issuer').value")
        .await;
    assert_eq!(shown.as_str(), Some(demo.local.issuer()));

    browser.click_button("Check discovery").await;
    let summary = browser.text_of("#live-summary").await;
    assert_eq!(
        summary,
        "No findings: the provider serves what Cognito needs of it."
    );
    let read = browser.text_of(".live-read").await;
    assert!(
        read.contains(&demo.local.discovery_url()) && read.contains(&demo.local.jwks_url()),
        "{read}"
    );

    // The upstream persona's issuer with a trailing slash: its discovery document names it without.
    let typed = format!("{}/", demo.local.upstream_base());
    browser.fill("#live-issuer", &typed).await;
    browser.click_button("Check discovery").await;
    let finding = browser
        .wait_for(
            "[data-testid='live-finding'][data-rule='live-idp-issuer-mismatch']",
            WAIT,
        )
        .await;
    let text = finding.text().await.expect("text");
    assert!(text.contains("trailing slash"), "{text}");
    cogfed_e2e::a11y::assert_accessible(&browser, "/checker with a live finding").await;
    // For a person to look at (target/e2e-artifacts/screens/).
    browser
        .js("document.querySelector('#live-check').scrollIntoView(); return true")
        .await;
    let dir = cogfed_e2e::artifacts_dir().join("screens");
    std::fs::create_dir_all(&dir).expect("screens dir");
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join("checker-live-check.png"), png).expect("write png");

    // A port nothing listens on (bound, then released): the browser reads nothing, and the page says what can.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let unreachable = format!("http://127.0.0.1:{closed}");
    // Chromium logs the refused connection; the page handles it.
    browser.expect_console_error(&format!("{unreachable}/.well-known/openid-configuration"));
    browser.fill("#live-issuer", &unreachable).await;
    browser.click_button("Check discovery").await;
    let blocked = browser.text_of("#live-blocked").await;
    assert!(
        blocked.contains(&format!("cogfed doctor --issuer {unreachable}")),
        "{blocked}"
    );
    browser.close().await;
    demo.shutdown().await;
}
