//! Issue 7, interop: the same SPA, configured for a generic issuer (`dialect: "oidc"`), signs in and out
//! against panva's oidc-provider (a certified OpenID provider, pinned in tools/package.json), started on a
//! free loopback port by the test (`tests/interop/op.mjs`). It proves the client speaks standard OpenID
//! Connect: discovery, PKCE S256, RFC 9207 `iss`, an ID token with no Cognito claims (no `token_use`), an
//! opaque access token, userInfo, and RP-initiated logout.

use cogfed_e2e::steps::{assert_validated_profile, claim};
use cogfed_e2e::{Browser, NodeOp, SpaServer, WAIT, assert_clean, dist_dir};
use serde_json::json;

/// At oidc-provider's development login page: any login and password are accepted.
async fn sign_in_at_the_op(browser: &mut Browser, login: &str) {
    browser.fill("input[name=login]", login).await;
    browser.fill("input[name=password]", "any password").await;
    browser.click("button[type=submit]").await;
    // The consent page of the same interaction.
    browser.wait_for("button[autofocus][type=submit]", WAIT).await;
    browser.click("button[autofocus][type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spa_signs_in_and_out_with_a_plain_openid_provider() {
    let spa = SpaServer::start(&dist_dir()).await;
    let origin = spa.url("");
    let op = NodeOp::start("interop", &origin).await;
    spa.set_settings(
        json!({
            "issuer": op.issuer,
            "client_id": op.client_id,
            "redirect_uri": format!("{origin}/callback"),
            "logout_uri": format!("{origin}/"),
            "scopes": ["openid", "email", "profile"],
            "identity_providers": [],
            "dialect": "oidc",
            "token_storage": "memory",
        })
        .to_string(),
    );
    let mut browser = Browser::start("interop").await;
    browser.goto(&spa.url("/")).await;
    // A plain provider has no local accounts or IdP buttons: one button, to the provider.
    let button = browser.text_of("#sign-in #signin-chooser").await;
    assert!(button.contains(&op.issuer), "{button}");
    assert_eq!(
        browser
            .js("return document.querySelector('#signin-local');")
            .await,
        json!(null)
    );
    browser.click("#signin-chooser").await;

    browser.wait_for("input[name=login]", WAIT).await;
    assert_eq!(browser.url().await.origin().ascii_serialization(), op.issuer);
    sign_in_at_the_op(&mut browser, "alice").await;

    assert_validated_profile(&mut browser).await;
    let id = "#id-token-claims";
    assert_eq!(claim(&mut browser, id, "iss").await, op.issuer);
    assert_eq!(claim(&mut browser, id, "aud").await, op.client_id);
    assert_eq!(claim(&mut browser, id, "sub").await, "alice");
    assert_eq!(claim(&mut browser, "#id-token-header", "alg").await, "RS256");
    assert_eq!(
        browser
            .js("return document.querySelector(\"#id-token-claims tr[data-claim='token_use']\");")
            .await,
        json!(null),
        "a plain provider's ID token has no Cognito claims"
    );
    // The access token is the resource server's business: opaque to the app, not shown as claims.
    let access = browser.text_of("#access-token").await;
    assert!(access.contains("Opaque"), "{access}");
    // userInfo with the access token, its sub checked against the ID token's.
    browser.click("#fetch-userinfo").await;
    assert_eq!(
        claim(&mut browser, "#userinfo-claims", "email").await,
        "alice@example.test"
    );
    assert_clean(&mut browser).await;

    // RP-initiated logout: the provider's end_session_endpoint asks for confirmation, then comes back.
    browser.click("#signout").await;
    browser.wait_for("button[name=logout][value=yes]", WAIT).await;
    assert_eq!(browser.url().await.origin().ascii_serialization(), op.issuer);
    browser.click("button[name=logout][value=yes]").await;
    browser.wait_path("/").await;
    assert_eq!(browser.url().await.origin().ascii_serialization(), origin);
    browser
        .wait_for("#session-badge[data-state='signed-out']", WAIT)
        .await;
    browser.wait_for("#sign-in #signin-chooser", WAIT).await;
    assert_clean(&mut browser).await;

    // The provider's session ended: signing in again asks for the login.
    browser.click("#signin-chooser").await;
    browser.wait_for("input[name=login]", WAIT).await;
    browser.close().await;
    drop(op);
}
