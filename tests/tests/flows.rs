//! Issue 7: every demo flow in headless Chromium against Local Cognito (in-process, free ports), as a user
//! does it: sign-in with a local user and through the upstream IdP (directly and through the chooser), the
//! verified claims, refresh with short-lived tokens, sign-out; and the config checker. After each flow:
//! no token in localStorage, no response in the URL, no console error (`cogfed_e2e::assert_clean`).

use cogfed_e2e::steps::{assert_validated_profile, claim, submit_persona_form};
use cogfed_e2e::{Browser, Flow, SignIn, SpaServer, WAIT, assert_clean, check_clean, dist_dir, sign_in};
use cogfed_local::{DEMO_CLIENT_ID, DEMO_LOCAL_USER, DEMO_POOL_ID, Side};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_user_signs_in_with_the_hosted_ui_form_and_sees_validated_claims() {
    let Flow { env, mut browser } = Flow::start("flow-local-user").await;
    sign_in(&mut browser, SignIn::LocalUser).await;

    assert_validated_profile(&mut browser).await;
    // The ID token's claims, as Cognito issues them for a local user (cognito-facts §3.2).
    let id = "#id-token-claims";
    assert_eq!(
        claim(&mut browser, id, "cognito:username").await,
        DEMO_LOCAL_USER.0
    );
    assert_eq!(claim(&mut browser, id, "email").await, "alice@example.com");
    assert_eq!(claim(&mut browser, id, "iss").await, env.local.issuer());
    assert_eq!(claim(&mut browser, id, "aud").await, DEMO_CLIENT_ID);
    assert_eq!(claim(&mut browser, id, "token_use").await, "id");
    assert_eq!(claim(&mut browser, "#id-token-header", "alg").await, "RS256");
    // The access token is verified too (Cognito dialect) and is the access token.
    let access = "#access-token-claims";
    assert_eq!(claim(&mut browser, access, "token_use").await, "access");
    assert_eq!(claim(&mut browser, access, "client_id").await, DEMO_CLIENT_ID);
    assert_eq!(claim(&mut browser, access, "username").await, DEMO_LOCAL_USER.0);
    let subject = browser.text_of("#subject").await;
    assert_eq!(claim(&mut browser, id, "sub").await, subject);
    assert!(browser.text_of("#identities").await.contains("local account"));
    browser
        .wait_for("#groups li[data-group='testers'][data-automatic='false']", WAIT)
        .await;
    assert!(
        browser
            .text_of("#session-badge[data-state='signed-in']")
            .await
            .contains("Alice")
    );
    // The hosted UI was used once: the form, its post, the code redeemed once.
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 1, "{}", env.log());
    assert_eq!(env.count(Side::Cognito, "POST", "/login"), 1, "{}", env.log());
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/token"),
        1,
        "{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_user_signs_in_directly_with_identity_provider_and_no_chooser() {
    let Flow { env, mut browser } = Flow::start("flow-upstream-direct").await;
    browser.click("#signin-idp-Upstream").await;
    // identity_provider=Upstream: straight to the upstream IdP's own form.
    browser.wait_for("#persona-username", WAIT).await;
    assert_eq!(
        browser.url().await.origin().ascii_serialization(),
        env.local.upstream_base()
    );
    submit_persona_form(&mut browser).await;

    assert_validated_profile(&mut browser).await;
    assert!(
        browser
            .text_of("#signed-in-via")
            .await
            .starts_with("Upstream (OIDC)")
    );
    assert_eq!(
        claim(&mut browser, "#id-token-claims", "email").await,
        "bob@upstream.example"
    );
    let identities = browser.text_of("#identities table").await;
    assert!(
        identities.contains("Upstream") && identities.contains("00u-bob-upstream"),
        "{identities}"
    );
    let automatic = format!("#groups li[data-group='{DEMO_POOL_ID}_Upstream'][data-automatic='true']");
    browser.wait_for(&automatic, WAIT).await;
    // No Cognito chooser on the way: Local Cognito never served its sign-in page.
    assert_eq!(
        env.count(Side::Cognito, "GET", "/login"),
        0,
        "the chooser was shown:\n{}",
        env.log()
    );
    assert_eq!(
        env.count(Side::Cognito, "GET", "/oauth2/idpresponse"),
        1,
        "{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_user_signs_in_through_the_cognito_chooser() {
    let Flow { env, mut browser } = Flow::start("flow-upstream-chooser").await;
    browser.click("#signin-chooser").await;
    // Cognito's sign-in page offers the IdP and the local form.
    browser.wait_path("/login").await;
    browser.wait_for("#signInFormUsername", WAIT).await;
    browser.click_button("Sign in with Upstream").await;
    browser.wait_for("#persona-username", WAIT).await;
    submit_persona_form(&mut browser).await;

    assert_validated_profile(&mut browser).await;
    assert!(
        browser
            .text_of("#signed-in-via")
            .await
            .starts_with("Upstream (OIDC)")
    );
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 1, "{}", env.log());
    assert_eq!(
        env.count(Side::Cognito, "GET", "/oauth2/authorize"),
        2,
        "app, then the button:\n{}",
        env.log()
    );
    Flow { env, browser }.finish().await;
}

/// The access token's `jti` and `exp` as the profile shows them.
async fn access_token_stamp(browser: &mut Browser) -> (String, u64) {
    // Both cells in one read: the table is redrawn when a refresh lands, and two reads could straddle it.
    let got = browser
        .js(
            "const cell = (c) => (document.querySelector(`#access-token-claims tr[data-claim='${c}'] td`)\
               ?.innerText ?? '').split('\\n')[0].trim(); return [cell('jti'), cell('exp')];",
        )
        .await;
    let jti = got[0].as_str().unwrap_or_default().to_string();
    let exp = got[1].as_str().unwrap_or_default();
    let exp = exp.parse().unwrap_or_else(|e| panic!("exp {exp:?}: {e}"));
    (jti, exp)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn short_lived_tokens_are_refreshed_without_a_second_sign_in() {
    // 30-second access and ID tokens (seconds units; Cognito's minimum is 5 minutes, Local Cognito honours
    // less): shorter than the app's 60-second refresh leeway, so the refresh comes at half-life.
    let Flow { env, mut browser } = Flow::start_with(
        "flow-refresh",
        |_| {},
        r#"clients = [{ access_token_validity = 30, id_token_validity = 30, token_validity_units = { access_token = "seconds", id_token = "seconds" } }]"#,
    )
    .await;
    sign_in(&mut browser, SignIn::LocalUser).await;
    assert_validated_profile(&mut browser).await;
    let first = access_token_stamp(&mut browser).await;
    let first_id_iat = claim(&mut browser, "#id-token-claims", "iat").await;

    // Bounded wait for the automatic refresh: the profile shows new tokens.
    let deadline = Instant::now() + Duration::from_secs(45);
    let second = loop {
        let now = access_token_stamp(&mut browser).await;
        if now.0 != first.0 {
            break now;
        }
        assert!(
            Instant::now() < deadline,
            "no refresh within 45 s:\n{}",
            env.log()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert!(
        second.1 > first.1,
        "a later expiry: {first:?} then {second:?}; {} token requests",
        env.count(Side::Cognito, "POST", "/oauth2/token")
    );
    assert_ne!(
        claim(&mut browser, "#id-token-claims", "iat").await,
        first_id_iat,
        "a new ID token"
    );
    assert_validated_profile(&mut browser).await;
    assert!(browser.text_of("#session-card").await.contains("last refreshed"));
    // One refresh, not a loop: a token that lives no longer than the leeway must not be refreshed on arrival
    // again and again.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let token_requests = env.count(Side::Cognito, "POST", "/oauth2/token");
    assert!(
        (2..=3).contains(&token_requests),
        "{token_requests} token requests:\n{}",
        env.log()
    );
    // No second sign-in: the hosted UI was visited once, and the browser stayed in the app.
    assert_eq!(
        env.count(Side::Cognito, "GET", "/oauth2/authorize"),
        1,
        "{}",
        env.log()
    );
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 1, "{}", env.log());
    assert_eq!(browser.url().await.path(), "/profile");
    Flow { env, browser }.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_goes_through_cognito_logout_and_ends_the_hosted_ui_session() {
    let Flow { env, mut browser } = Flow::start("flow-sign-out").await;
    sign_in(&mut browser, SignIn::LocalUser).await;
    assert_validated_profile(&mut browser).await;

    browser.click("#signout").await;
    // Cognito's /logout, then back to the app's logout_uri, signed out.
    browser.wait_path("/").await;
    assert_eq!(browser.url().await.as_str(), env.url("/"));
    browser
        .wait_for("#session-badge[data-state='signed-out']", WAIT)
        .await;
    browser.wait_for("#sign-in #signin-local", WAIT).await;
    assert_eq!(
        env.count(Side::Cognito, "POST", "/oauth2/revoke"),
        1,
        "{}",
        env.log()
    );
    assert_eq!(env.count(Side::Cognito, "GET", "/logout"), 1, "{}", env.log());
    let session_storage = browser
        .js("return Object.keys(sessionStorage).filter(k => k.startsWith('cogfed.'));")
        .await;
    assert_eq!(
        session_storage,
        json!([]),
        "sign-out leaves nothing of cogfed's in sessionStorage"
    );
    assert_clean(&mut browser).await;

    // The hosted UI session cookie is gone: signing in again asks for the password.
    browser.click("#signin-local").await;
    browser.wait_path("/login").await;
    browser.wait_for("#signInFormPassword", WAIT).await;
    assert_eq!(env.count(Side::Cognito, "GET", "/login"), 2, "{}", env.log());
    browser.close().await;
    env.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_after_flow_check_fails_on_a_planted_token_a_left_code_and_a_console_error() {
    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("flow-clean-check").await;
    browser.goto(&server.url("/")).await;
    browser.wait_for("main#app[data-ready='true']", WAIT).await;
    assert_eq!(check_clean(&mut browser).await, Ok(()), "a fresh page is clean");

    let jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";
    let refresh = "Zm9vYmFyLXJlZnJlc2gtdG9rZW4tcmFuZG9tLWJ5dGVzLTEy";
    browser
        .js(&format!(
            "localStorage.setItem('app.session', JSON.stringify({{id_token: '{jwt}'}})); \
             localStorage.setItem('rt', '{refresh}'); \
             history.replaceState(null, '', '/?code=planted-code&state=planted-state'); \
             console.error('planted error'); return null;"
        ))
        .await;
    let problems = check_clean(&mut browser)
        .await
        .expect_err("planted traces must be found");
    let all = problems.join("\n");
    assert!(
        all.contains("localStorage[\"app.session\"] value holds a JWT"),
        "{all}"
    );
    assert!(
        all.contains("localStorage[\"rt\"] value holds an opaque token"),
        "{all}"
    );
    assert!(
        all.contains("still holds `code`") && all.contains("still holds `state`"),
        "{all}"
    );
    assert!(all.contains("planted error"), "{all}");
    assert!(
        !all.contains(jwt) && !all.contains(refresh) && !all.contains("planted-code"),
        "{all}"
    );
    assert_eq!(problems.len(), 5, "{all}");
    browser.close().await;
}

/// `(rule, severity, line, column)` of every finding the checker shows.
async fn shown_findings(browser: &Browser) -> BTreeSet<(String, String, u64, u64)> {
    let rows = browser
        .js(
            "return [...document.querySelectorAll(\"[data-testid='finding']\")].map(f => \
             [f.dataset.rule, f.dataset.severity, Number(f.dataset.line), Number(f.dataset.column)]);",
        )
        .await;
    rows.as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().to_string(),
                r[1].as_str().unwrap_or_default().to_string(),
                r[2].as_u64().unwrap_or_default(),
                r[3].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// Puts `name` and `text` into the checker's file slot `i`, as a paste does (an input event each).
async fn paste_file(browser: &mut Browser, i: usize, name: &str, text: &str) {
    browser.wait_for(&format!("#file-text-{i}"), WAIT).await;
    let script = format!(
        "const put = (sel, v) => {{ const e = document.querySelector(sel); e.value = v; \
           e.dispatchEvent(new Event('input', {{ bubbles: true }})); }}; \
         put('#file-name-{i}', {name}); put('#file-text-{i}', {text}); return null;",
        name = json!(name),
        text = json!(text),
    );
    browser.js(&script).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_checker_finds_the_mistakes_of_a_pasted_broken_twin() {
    // examples/pomerium/twin: the Pomerium env file and the Cognito side, with the findings `cogfed lint`
    // gives for them pinned in twin.expected.json.
    let twin = cogfed_e2e::workspace_root().join("examples/pomerium/twin");
    let read = |name: &str| {
        std::fs::read_to_string(twin.join(name)).unwrap_or_else(|e| panic!("reading the twin's {name}: {e}"))
    };
    let expected_doc: Value = serde_json::from_str(
        &std::fs::read_to_string(twin.with_file_name("twin.expected.json")).expect("expected"),
    )
    .expect("twin.expected.json");
    let files = ["pomerium.env", "cognito.json"];
    let expected: BTreeSet<(String, String, u64, u64)> = expected_doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| files.contains(&f["file"].as_str().unwrap_or_default()))
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        expected.len() >= 3,
        "the twin has findings for these files: {expected:?}"
    );

    let server = SpaServer::start(&dist_dir()).await;
    let mut browser = Browser::start("flow-checker").await;
    browser.goto(&server.url("/checker")).await;
    browser
        .wait_for("#lazy-root[data-state='ready'] #checker-summary", WAIT)
        .await;
    paste_file(&mut browser, 0, files[0], &read(files[0])).await;
    browser.click("#add-file").await;
    paste_file(&mut browser, 1, files[1], &read(files[1])).await;

    browser
        .wait_for("#checker-summary[data-state='findings']", WAIT)
        .await;
    let deadline = Instant::now() + WAIT;
    let mut shown = shown_findings(&browser).await;
    while shown != expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        shown = shown_findings(&browser).await;
    }
    assert_eq!(
        shown, expected,
        "the browser's checker agrees with `cogfed lint` on the twin"
    );
    browser
        .wait_for(
            "[data-testid='finding'][data-rule='issuer-format'] [data-testid='rule-doc']",
            WAIT,
        )
        .await;
    assert_clean(&mut browser).await;
    browser.close().await;
}
