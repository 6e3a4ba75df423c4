//! The sign-in pages against Local Cognito: the profile's own controls (userInfo, Refresh now, Sign out)
//! work, and the pages render the session's details. (The flows themselves, and every error case, are issue
//! 7's suite: `flows.rs`, `flow_errors.rs`, `interop.rs`.)

use cogfed_e2e::steps::{assert_validated_profile, claim, submit_hosted_ui_form, submit_persona_form};
use cogfed_e2e::{Browser, LocalSpa, WAIT, assert_clean};
use cogfed_local::DEMO_POOL_ID;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profiles_userinfo_refresh_and_sign_out_buttons_work() {
    let env = LocalSpa::start().await;
    let mut browser = Browser::start("signin-local").await;
    browser.goto(&env.url("/")).await;
    browser.click("#signin-local").await;
    submit_hosted_ui_form(&mut browser).await;
    assert_validated_profile(&mut browser).await;
    for check in ["signature", "iss", "aud", "exp", "nonce", "token_use"] {
        browser
            .wait_for(
                &format!("#validation-report [data-check='{check}'][data-passed='true']"),
                WAIT,
            )
            .await;
    }
    let countdown = browser.text_of("#expiry-countdown").await;
    assert!(countdown.contains(':'), "a running countdown: {countdown}");

    browser.click("#fetch-userinfo").await;
    assert_eq!(
        claim(&mut browser, "#userinfo-claims", "email").await,
        "alice@example.com"
    );

    let before = claim(&mut browser, "#access-token-claims", "jti").await;
    browser.click("#refresh-tokens").await;
    let deadline = Instant::now() + WAIT;
    while !browser.text_of("#session-card").await.contains("last refreshed") {
        assert!(Instant::now() < deadline, "no refresh shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_ne!(
        claim(&mut browser, "#access-token-claims", "jti").await,
        before,
        "new tokens"
    );
    assert_validated_profile(&mut browser).await;
    assert_clean(&mut browser).await;

    browser.click("#signout").await;
    browser.wait_path("/").await;
    browser.wait_for("#sign-in #signin-local", WAIT).await;
    browser
        .wait_for("#session-badge[data-state='signed-out']", WAIT)
        .await;
    assert_clean(&mut browser).await;
    browser.close().await;
    env.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_user_shows_identities_and_the_automatic_group() {
    let env = LocalSpa::start().await;
    let mut browser = Browser::start("signin-upstream").await;
    browser.goto(&env.url("/")).await;
    browser.click("#signin-idp-Upstream").await;
    submit_persona_form(&mut browser).await;
    assert_validated_profile(&mut browser).await;
    let identities = browser.text_of("#identities table").await;
    assert!(
        identities.contains("Upstream") && identities.contains("\"true\""),
        "{identities}"
    );
    let auto = format!("#groups [data-group='{DEMO_POOL_ID}_Upstream'][data-automatic='true']");
    browser.wait_for(&auto, WAIT).await;
    assert!(browser.text_of("#signed-in-via").await.starts_with("Upstream"));
    assert_clean(&mut browser).await;
    browser.close().await;
    env.shutdown().await;
}

/// Screenshots of the signed-in pages, for a visual review (not a check):
/// `cargo test -p cogfed-e2e --test pages_signin -- --ignored screenshots`, then see target/e2e-artifacts/screens/.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes screenshots for a human to look at"]
async fn screenshots() {
    let env = LocalSpa::start().await;
    let mut browser = Browser::start("signin-screenshots").await;
    let dir = cogfed_e2e::artifacts_dir().join("screens");
    std::fs::create_dir_all(&dir).expect("screens dir");
    browser.goto(&env.url("/")).await;
    browser.click("#signin-idp-Upstream").await;
    submit_persona_form(&mut browser).await;
    assert_validated_profile(&mut browser).await;
    browser.click("#fetch-userinfo").await;
    browser.wait_for("#userinfo-claims", WAIT).await;
    for (width, height) in [(1280, 2400), (375, 3000)] {
        browser
            .client
            .set_window_size(width, height)
            .await
            .expect("window size");
        browser.js("window.scrollTo(0, 0); return null;").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = browser.client.screenshot().await.expect("screenshot");
        std::fs::write(dir.join(format!("profile-signed-in-{width}.png")), png).expect("write png");
    }
    browser
        .client
        .set_window_size(1280, 900)
        .await
        .expect("window size");
    browser.goto(&env.url("/")).await;
    browser.wait_for("#sign-in, #signed-in", WAIT).await;
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join("home-after-reload-1280.png"), png).expect("write png");
    browser.close().await;
    env.shutdown().await;
}
