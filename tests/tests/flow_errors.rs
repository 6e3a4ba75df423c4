//! Issue 7: the failures a user meets, each shown with its explanation (summary, why, fix, and the `cogfed
//! lint` rule that finds the cause in a configuration), against Local Cognito reproducing Cognito's answers:
//! an unregistered redirect URI, a refused scope, two upstream IdP misconfigurations, a replayed callback URL
//! and an expired sign-in transaction. After each: nothing left behind (`cogfed_e2e::assert_clean`), and no
//! console error: a handled failure is not one.

use cogfed_e2e::steps::{assert_validated_profile, shown_failure, submit_hosted_ui_form};
use cogfed_e2e::{Flow, SignIn, WAIT, assert_clean, sign_in};
use cogfed_local::Side;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unregistered_redirect_uri_stops_at_cognitos_error_page() {
    let Flow { env, mut browser } = Flow::start_with(
        "error-redirect-mismatch",
        |s| {
            let origin = s["logout_uri"]
                .as_str()
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_string();
            s.insert("redirect_uri".into(), format!("{origin}/not-registered").into());
        },
        "",
    )
    .await;
    // Cognito's error page answers 400, which Chromium logs for the document: that is the provider's page
    // doing what it must, not an error of the app.
    browser.expect_console_error(&format!(
        "{}/error?error=redirect_mismatch&client_id={} - Failed to load resource: the server responded with a status of 400",
        env.local.cognito_base(),
        cogfed_local::DEMO_CLIENT_ID
    ));
    browser.click("#signin-local").await;
    // Cognito never redirects to an unregistered URI: it shows its own error page (cognito-facts §1.1).
    browser.wait_path("/error").await;
    let url = browser.url().await;
    assert_eq!(url.origin().ascii_serialization(), env.local.cognito_base());
    let h1 = browser.text_of("h1").await;
    assert_eq!(h1, "An error was encountered with the requested page.");
    assert_eq!(browser.text_of("#errorMessage").await, "redirect_mismatch");
    let note = browser.text_of("#localNote").await;
    assert!(
        note.contains("Local Cognito note") && note.contains("spa-redirect-uri-not-registered"),
        "{note}"
    );
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 0, "{}", env.log());
    assert_eq!(env.count(Side::Cognito, "GET", "/error"), 1, "{}", env.log());

    // Back in the app: signed out, nothing left behind, and the app says the sign-in did not come back and
    // what usually causes that.
    browser.client.back().await.expect("history back");
    browser.wait_for("#sign-in #signin-local", WAIT).await;
    assert_eq!(browser.url().await.as_str(), env.url("/"));
    let notice = browser.text_of("#signin-unfinished[role=status]").await;
    assert!(
        notice.contains("did not come back") && notice.contains("redirect_mismatch"),
        "{notice}"
    );
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_scope_is_explained_on_the_callback_page() {
    let Flow { env, mut browser } = Flow::start_with(
        "error-invalid-scope",
        |s| {
            s.insert("scopes".into(), serde_json::json!(["openid", "email", "phone"]));
        },
        "",
    )
    .await;
    browser.click("#signin-local").await;
    browser.wait_path("/callback").await;
    let failure = shown_failure(&mut browser).await;
    assert_eq!(failure.operation, "sign-in callback");
    assert_eq!(failure.rule, "scope-not-allowed");
    assert!(failure.summary.to_lowercase().contains("scope"), "{failure:#?}");
    assert!(failure.fix.contains("AllowedOAuthScopes"), "{failure:#?}");
    assert_eq!(
        failure.provider.as_deref(),
        Some("error=invalid_request, error_description=invalid_scope")
    );
    browser
        .wait_for("#callback-status[data-state='error']", WAIT)
        .await;
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 0, "{}", env.log());
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/token"),
        0,
        "{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_answering_userinfo_with_a_signed_jwt_is_explained() {
    // Idura Verify's userinfo_response_strategy = signedJwt (seeds/004): Cognito needs plain JSON.
    let Flow { env, mut browser } = Flow::start_with(
        "error-userinfo-signed-jwt",
        |_| {},
        r#"upstream_idps = [{ userinfo_response_strategy = "signedJwt" }]"#,
    )
    .await;
    sign_in(&mut browser, SignIn::UpstreamDirect).await;
    browser.wait_path("/callback").await;
    let failure = shown_failure(&mut browser).await;
    assert_eq!(failure.rule, "idp-userinfo-not-plain-json");
    assert_eq!(
        failure.provider.as_deref(),
        Some("error=invalid_request, error_description=invalid token_type in idp oauth response")
    );
    assert!(
        !failure.detail.is_empty() && !failure.fix.is_empty(),
        "{failure:#?}"
    );
    assert_eq!(env.count(Side::Upstream, "GET", "/userinfo"), 1, "{}", env.log());
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/token"),
        0,
        "{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_issuer_with_a_trailing_slash_is_explained() {
    // The IdP's issuer ends with "/", the pool's oidc_issuer does not (cognito-facts §5.3): byte comparison.
    let Flow { env, mut browser } = Flow::start_with(
        "error-issuer-slash",
        |_| {},
        r#"upstream_idps = [{ issuer = "http://127.0.0.1:9230/" }]"#,
    )
    .await;
    sign_in(&mut browser, SignIn::UpstreamDirect).await;
    browser.wait_path("/callback").await;
    let failure = shown_failure(&mut browser).await;
    assert_eq!(failure.rule, "idp-issuer-mismatch");
    let expected = format!(
        "error=invalid_request, error_description=Bad id_token issuer {}/",
        env.local.upstream_base()
    );
    assert_eq!(failure.provider.as_deref(), Some(expected.as_str()));
    assert!(failure.detail.contains("trailing slash"), "{failure:#?}");
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_callback_url_is_explained_as_a_replay_and_breaks_nothing() {
    let Flow { env, mut browser } = Flow::start("error-replay").await;
    sign_in(&mut browser, SignIn::LocalUser).await;
    assert_validated_profile(&mut browser).await;
    // The address bar was cleaned, but the document was loaded from the callback URL: that is the URL a
    // bookmark, a shared link or a restored tab would bring back.
    let callback = browser
        .js("return performance.getEntriesByType('navigation')[0].name;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        callback.starts_with(&env.url("/callback?"))
            && callback.contains("code=")
            && callback.contains("state="),
        "the callback URL: {}",
        callback.split('?').next().unwrap_or_default()
    );

    browser.goto(&callback).await;
    let failure = shown_failure(&mut browser).await;
    assert_eq!(failure.operation, "sign-in callback");
    assert!(failure.summary.to_lowercase().contains("already"), "{failure:#?}");
    assert!(failure.technical.contains("replayed state"), "{failure:#?}");
    assert_eq!(failure.provider, None);
    // The code was not sent again.
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/token"),
        1,
        "{}",
        env.log()
    );
    assert_clean(&mut browser).await;

    // Nothing is broken: from the error, a sign-in goes through on the hosted UI session, no password asked.
    browser.click("#auth-error-home").await;
    browser.click("#signin-local").await;
    assert_validated_profile(&mut browser).await;
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 1, "{}", env.log());
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/token"),
        2,
        "{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_sign_in_transaction_is_explained_as_expired() {
    let Flow { env, mut browser } = Flow::start("error-expired-transaction").await;
    browser.click("#signin-local").await;
    browser.wait_path("/login").await;
    let login = browser.url().await.to_string();

    // The user leaves the sign-in page for more than 10 minutes: back-date the stored transaction (this tab's
    // sessionStorage on the app's origin) by 11 minutes.
    browser.goto(&env.url("/")).await;
    browser.wait_for("#sign-in", WAIT).await;
    let changed = browser
        .js("let n = 0; for (const k of Object.keys(sessionStorage)) { if (!k.startsWith('cogfed.tx.')) continue; \
             const tx = JSON.parse(sessionStorage.getItem(k)); tx.created_at -= 660; \
             sessionStorage.setItem(k, JSON.stringify(tx)); n++; } return n;")
        .await;
    assert_eq!(changed, serde_json::json!(1), "one pending transaction");

    browser.goto(&login).await;
    submit_hosted_ui_form(&mut browser).await;
    browser.wait_path("/callback").await;
    let failure = shown_failure(&mut browser).await;
    assert_eq!(failure.operation, "sign-in callback");
    assert!(failure.summary.to_lowercase().contains("expired"), "{failure:#?}");
    assert!(failure.technical.contains("expired"), "{failure:#?}");
    // An expired transaction is refused before its code is redeemed.
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/token"),
        0,
        "{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}
