//! The sign-in pages against Local Cognito: home's buttons start the flows, the callback finishes them and
//! goes to the profile, which shows the verified tokens, the report, identities, groups and userInfo; Refresh
//! and Sign out work. (The full list of flows and error cases is issue 7's suite; these prove the pages carry
//! them.)

use cogfed_e2e::{Browser, SpaServer, dist_dir};
use cogfed_local::{
    DEMO_CLIENT_ID, DEMO_LOCAL_USER, DEMO_POOL_ID, DEMO_UPSTREAM_USER, DemoUrls, LocalConfig, Ports,
    RunningLocal,
};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

/// Local Cognito's demo on free ports, and the SPA configured for it (its settings served as cogfed.json).
async fn start() -> (RunningLocal, SpaServer) {
    let bound = cogfed_local::bind(Ports::ephemeral())
        .await
        .expect("binding Local Cognito");
    let (cognito_base, upstream_base) = (bound.cognito_base(), bound.upstream_base());
    let issuer = format!("{cognito_base}/{DEMO_POOL_ID}");
    let mut origin = String::new();
    let spa = SpaServer::start_with_settings(&dist_dir(), |o| {
        origin = o.to_string();
        Some(
            json!({
                "issuer": issuer,
                "client_id": DEMO_CLIENT_ID,
                "redirect_uri": format!("{o}/callback"),
                "logout_uri": format!("{o}/"),
                "scopes": ["openid", "email", "profile"],
                "identity_providers": ["Upstream"],
                "dialect": "cognito",
            })
            .to_string(),
        )
    })
    .await;
    let local = bound
        .serve(LocalConfig::demo(&DemoUrls {
            cognito_base,
            upstream_base,
            spa_origin: origin,
        }))
        .expect("serving Local Cognito");
    (local, spa)
}

async fn js(browser: &Browser, script: &str) -> Value {
    browser
        .client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("executing `{script}`: {e}"))
}

async fn click(browser: &mut Browser, css: &str) {
    browser
        .wait_for(css, WAIT)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

async fn fill(browser: &mut Browser, css: &str, text: &str) {
    browser
        .wait_for(css, WAIT)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
}

async fn text_of(browser: &mut Browser, css: &str) -> String {
    browser
        .wait_for(css, WAIT)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("text of {css}: {e}"))
}

/// What every flow must leave behind (issue 7): no token in localStorage, no code or state in the URL, no
/// console error.
async fn assert_clean(browser: &mut Browser) {
    let url = browser.client.current_url().await.expect("url").to_string();
    assert!(
        !url.contains("code=") && !url.contains("state="),
        "the URL keeps the response: {url}"
    );
    let local = js(browser, "return JSON.stringify(Object.assign({}, localStorage));").await;
    let local = local.as_str().unwrap_or_default();
    assert!(!local.contains("eyJ"), "a token in localStorage: {local}");
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// Waits until the page is on `path`, failing early on console errors.
async fn wait_path(browser: &mut Browser, path: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let url = browser.client.current_url().await.expect("url");
        if url.path() == path {
            return;
        }
        let errors = browser.console_errors().await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_user_signs_in_sees_the_verified_profile_refreshes_and_signs_out() {
    let (local, spa) = start().await;
    let mut browser = Browser::start("signin-local").await;
    browser.goto(&spa.url("/")).await;
    click(&mut browser, "#signin-local").await;

    // Local Cognito's hosted UI (its own page: no CSP of ours, no wasm).
    fill(&mut browser, "#signInFormUsername", DEMO_LOCAL_USER.0).await;
    fill(&mut browser, "#signInFormPassword", DEMO_LOCAL_USER.1).await;
    click(&mut browser, "#signInSubmitButton").await;

    // Back on /callback, then on to the profile.
    wait_path(&mut browser, "/profile").await;
    browser
        .wait_for("#validation-report[data-all-passed='true']", WAIT)
        .await;
    for check in ["signature", "iss", "aud", "exp", "nonce", "token_use"] {
        let row = format!(
            "#id-token [data-check='{check}'], #validation-report [data-check='{check}'][data-passed='true']"
        );
        browser.wait_for(&row, WAIT).await;
    }
    let username = text_of(
        &mut browser,
        "#id-token-claims [data-claim='cognito:username'] td",
    )
    .await;
    assert_eq!(username, DEMO_LOCAL_USER.0);
    let alg = text_of(&mut browser, "#id-token-header [data-claim='alg'] td").await;
    assert_eq!(alg, "RS256");
    browser
        .wait_for("#access-token-claims [data-claim='token_use']", WAIT)
        .await;
    let countdown = text_of(&mut browser, "#expiry-countdown").await;
    assert!(countdown.contains(':'), "a running countdown: {countdown}");
    assert!(
        text_of(&mut browser, "#identities")
            .await
            .contains("local account")
    );
    assert_clean(&mut browser).await;

    click(&mut browser, "#fetch-userinfo").await;
    let email = text_of(&mut browser, "#userinfo-claims [data-claim='email'] td").await;
    assert_eq!(email, "alice@example.com");

    click(&mut browser, "#refresh-tokens").await;
    browser.wait_for("#session-card .muted:not(:empty)", WAIT).await;
    let deadline = Instant::now() + WAIT;
    while !text_of(&mut browser, "#session-card")
        .await
        .contains("last refreshed")
    {
        assert!(Instant::now() < deadline, "no refresh shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .wait_for("#validation-report[data-all-passed='true']", WAIT)
        .await;
    assert_clean(&mut browser).await;

    click(&mut browser, "#signout").await;
    wait_path(&mut browser, "/").await;
    browser.wait_for("#sign-in #signin-local", WAIT).await;
    browser
        .wait_for("#session-badge[data-state='signed-out']", WAIT)
        .await;
    assert_clean(&mut browser).await;
    browser.close().await;
    local.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_user_shows_identities_and_the_automatic_group() {
    let (local, spa) = start().await;
    let mut browser = Browser::start("signin-upstream").await;
    browser.goto(&spa.url("/")).await;
    click(&mut browser, "#signin-idp-Upstream").await;
    // Straight to the upstream IdP's own form: no Cognito chooser.
    let user = browser.wait_for("#persona-username", WAIT).await;
    user.clear().await.expect("clear");
    user.send_keys(DEMO_UPSTREAM_USER.0).await.expect("type");
    fill(&mut browser, "#persona-password", DEMO_UPSTREAM_USER.1).await;
    click(&mut browser, "#persona-submit").await;

    wait_path(&mut browser, "/profile").await;
    browser
        .wait_for("#validation-report[data-all-passed='true']", WAIT)
        .await;
    let identities = text_of(&mut browser, "#identities table").await;
    assert!(
        identities.contains("Upstream") && identities.contains("\"true\""),
        "{identities}"
    );
    let auto = format!("#groups [data-group='{DEMO_POOL_ID}_Upstream'][data-automatic='true']");
    browser.wait_for(&auto, WAIT).await;
    assert!(
        text_of(&mut browser, "#signed-in-via")
            .await
            .starts_with("Upstream")
    );
    assert_clean(&mut browser).await;
    browser.close().await;
    local.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_scope_is_explained_on_the_callback_page() {
    let bound = cogfed_local::bind(Ports::ephemeral())
        .await
        .expect("binding Local Cognito");
    let (cognito_base, upstream_base) = (bound.cognito_base(), bound.upstream_base());
    let issuer = format!("{cognito_base}/{DEMO_POOL_ID}");
    let mut origin = String::new();
    let spa = SpaServer::start_with_settings(&dist_dir(), |o| {
        origin = o.to_string();
        let settings = json!({
            "issuer": issuer, "client_id": DEMO_CLIENT_ID, "redirect_uri": format!("{o}/callback"),
            "logout_uri": format!("{o}/"), "scopes": ["openid", "email", "phone"], "dialect": "cognito",
        });
        Some(settings.to_string())
    })
    .await;
    let local = bound
        .serve(LocalConfig::demo(&DemoUrls {
            cognito_base,
            upstream_base,
            spa_origin: origin,
        }))
        .expect("serving Local Cognito");
    let mut browser = Browser::start("signin-invalid-scope").await;
    browser.goto(&spa.url("/")).await;
    click(&mut browser, "#signin-local").await;
    wait_path(&mut browser, "/callback").await;
    let error = browser.wait_for("#auth-error[data-rule]", WAIT).await;
    let rule = error.attr("data-rule").await.expect("attr").unwrap_or_default();
    assert!(!rule.is_empty(), "the explanation names a lint rule");
    let summary = text_of(&mut browser, "#auth-error-summary").await;
    assert!(summary.to_lowercase().contains("scope"), "{summary}");
    assert!(
        text_of(&mut browser, "#auth-error-fix")
            .await
            .contains("AllowedOAuthScopes")
    );
    let href = js(
        &browser,
        "return document.querySelector('#auth-error-rule').getAttribute('href');",
    )
    .await;
    assert_eq!(href, json!(format!("/checker#rule={rule}")));
    assert_clean(&mut browser).await;
    browser.close().await;
    local.shutdown().await;
}

/// Screenshots of the signed-in pages, for a visual review (not a check):
/// `cargo test -p cogfed-e2e --test pages_signin -- --ignored screenshots`, then see target/e2e-artifacts/screens/.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes screenshots for a human to look at"]
async fn screenshots() {
    let (local, spa) = start().await;
    let mut browser = Browser::start("signin-screenshots").await;
    let dir = cogfed_e2e::artifacts_dir().join("screens");
    std::fs::create_dir_all(&dir).expect("screens dir");
    browser.goto(&spa.url("/")).await;
    click(&mut browser, "#signin-idp-Upstream").await;
    let user = browser.wait_for("#persona-username", WAIT).await;
    user.clear().await.expect("clear");
    user.send_keys(DEMO_UPSTREAM_USER.0).await.expect("type");
    fill(&mut browser, "#persona-password", DEMO_UPSTREAM_USER.1).await;
    click(&mut browser, "#persona-submit").await;
    wait_path(&mut browser, "/profile").await;
    browser
        .wait_for("#validation-report[data-all-passed='true']", WAIT)
        .await;
    click(&mut browser, "#fetch-userinfo").await;
    browser.wait_for("#userinfo-claims", WAIT).await;
    for (width, height) in [(1280, 2400), (375, 3000)] {
        browser
            .client
            .set_window_size(width, height)
            .await
            .expect("window size");
        js(&browser, "window.scrollTo(0, 0); return null;").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = browser.client.screenshot().await.expect("screenshot");
        std::fs::write(dir.join(format!("profile-signed-in-{width}.png")), png).expect("write png");
    }
    browser
        .client
        .set_window_size(1280, 900)
        .await
        .expect("window size");
    browser.goto(&spa.url("/")).await;
    browser.wait_for("#sign-in, #signed-in", WAIT).await;
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join("home-after-reload-1280.png"), png).expect("write png");
    browser.close().await;
    local.shutdown().await;
}
