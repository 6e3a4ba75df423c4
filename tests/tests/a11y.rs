//! axe-core on every page of the demo, in the states a user sees: signed out, signed in (the profile's cards
//! and validation report), an explained failure, a sign-in that did not come back, the settings form with a
//! refused value, the config checker with findings. Serious or critical violations fail (`a11y.rs` of the
//! harness).

use cogfed_e2e::a11y::{assert_accessible, serious, violations};
use cogfed_e2e::local::demo_settings;
use cogfed_e2e::steps::{assert_validated_profile, submit_hosted_ui_form};
use cogfed_e2e::{Browser, LocalSpa, SpaServer, WAIT, dist_dir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_signed_out_page_has_no_serious_accessibility_violation() {
    // The demo's settings with this server's origin, so /callback is the redirect URI (no provider is asked:
    // nothing here gets that far).
    let server = SpaServer::start_with_settings(&dist_dir(), |origin| {
        let issuer = "http://127.0.0.1:9/us-east-1_LocalDemo";
        Some(serde_json::Value::Object(demo_settings(origin, issuer)).to_string())
    })
    .await;
    let mut browser = Browser::start("a11y-signed-out").await;
    for (path, ready) in [
        ("/", "#sign-in #signin-local"),
        ("/profile", "#profile-signed-out"),
        ("/callback", "#callback-status[data-state='signed-out']"),
        ("/settings", "#lazy-root[data-state='ready'] #settings-form"),
        ("/no-such-page", "#not-found-page"),
    ] {
        browser.goto(&server.url(path)).await;
        browser.wait_for(ready, WAIT).await;
        assert_accessible(&browser, path).await;
    }
    // The settings form with a refused value: the field's error and its description.
    browser.goto(&server.url("/settings")).await;
    let issuer = browser
        .wait_for("#lazy-root[data-state='ready'] #settings-issuer", WAIT)
        .await;
    issuer.clear().await.expect("clear");
    issuer.send_keys("ftp://example.com/pool").await.expect("type");
    browser.click("#settings-save").await;
    browser.wait_for("#settings-issuer-error", WAIT).await;
    assert_accessible(&browser, "/settings with a refused value").await;
    // A sign-in that never came back (a pending transaction of this tab, as Cognito's error page leaves it).
    browser.goto(&server.url("/")).await;
    browser.wait_for("#sign-in #signin-local", WAIT).await;
    browser
        .js(
            "sessionStorage.setItem('cogfed.tx.pending', JSON.stringify({state: 'pending', nonce: 'n', \
             code_verifier: 'a'.repeat(43), redirect_uri: location.origin + '/callback', return_to: null, \
             created_at: Math.floor(Date.now() / 1000), issuer: 'http://127.0.0.1:9229/us-east-1_LocalDemo', \
             require_iss_parameter: false})); return null;",
        )
        .await;
    browser.goto(&server.url("/")).await;
    browser.wait_for("#signin-unfinished", WAIT).await;
    assert_accessible(&browser, "/ after a sign-in that did not come back").await;
    // An explained failure: a callback this tab never started.
    browser
        .goto(&server.url("/callback?code=stolen&state=forged"))
        .await;
    browser.wait_for("#auth-error[data-explained='true']", WAIT).await;
    assert_accessible(&browser, "/callback with a forged state (explained failure)").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signed_in_pages_have_no_serious_accessibility_violation() {
    let env = LocalSpa::start().await;
    let mut browser = Browser::start("a11y-signed-in").await;
    browser.goto(&env.url("/")).await;
    browser.click("#signin-local").await;
    submit_hosted_ui_form(&mut browser).await;
    assert_validated_profile(&mut browser).await;
    // The profile: validation report (PASS badges), claims, success notices.
    assert_accessible(&browser, "/profile signed in").await;
    browser.click("#nav-home").await;
    browser.wait_for("#signed-in", WAIT).await;
    assert_accessible(&browser, "/ signed in").await;
    browser.close().await;
    env.shutdown().await;
}

/// The config checker, empty and with findings (a finding's excerpt scrolls sideways, so it takes focus): every
/// violation is printed, a serious or critical one fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_checker_has_no_serious_accessibility_violation() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("a11y-checker").await;
    browser.goto(&server.url("/checker")).await;
    browser
        .wait_for("#lazy-root[data-state='ready'] #checker-summary", WAIT)
        .await;
    let empty = violations(&browser).await;
    browser.click("#example-aws-cli-broken").await;
    browser
        .wait_for("[data-testid='finding'][data-rule='scope-requires-openid']", WAIT)
        .await;
    let with_findings = violations(&browser).await;
    for (state, found) in [("empty", &empty), ("with findings", &with_findings)] {
        for v in found.iter() {
            eprintln!(
                "checker ({state}): {} ({}): {}\n    {}",
                v.rule,
                v.impact,
                v.help,
                v.nodes.join("\n    ")
            );
        }
    }
    let bad: Vec<String> = serious(&empty)
        .into_iter()
        .chain(serious(&with_findings))
        .flat_map(|v| {
            v.nodes
                .iter()
                .map(|node| format!("{} ({}): {} — {node}", v.rule, v.impact, v.help))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(bad.is_empty(), "/checker: {}", bad.join("\n"));
    browser.close().await;
}
