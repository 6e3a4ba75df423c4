//! Federation through the upstream persona over real loopback HTTP, driven without a browser: the persona's
//! sign-in form, Cognito's `/oauth2/idpresponse`, the Cognito code, refresh, revoke, logout; and each upstream
//! misbehaviour yielding Cognito's error text.

mod common;

use cogfed_local::DEMO_UPSTREAM_USER;
use common::*;
use reqwest::{StatusCode, Url};

/// Starts at `/oauth2/authorize` with `extra`, signs bob in at the persona and returns where the app is sent.
async fn federate(h: &Harness, b: &Browser, challenge: &str, extra: &[(&str, &str)]) -> Url {
    let persona_page = b.navigate(&authorize_url(h, challenge, extra)).await.page();
    assert!(
        persona_page.url.as_str().starts_with(h.local.upstream_base()),
        "at the persona: {}",
        persona_page.url
    );
    assert!(
        persona_page
            .body
            .contains("<label for=\"persona-username\">Username</label>")
    );
    b.persona_sign_in(&persona_page, "bob", DEMO_UPSTREAM_USER.1)
        .await
        .app()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_federated_code_flow() {
    let h = start().await;
    let b = Browser::new();
    let (verifier, challenge) = pkce();

    // authorize -> persona authorize: Cognito's client, its idpresponse URL, its own state and nonce.
    let first = b
        .get(&authorize_url(
            &h,
            &challenge,
            &[("identity_provider", "Upstream"), ("login_hint", "bob")],
        ))
        .await;
    assert_eq!(first.status, StatusCode::FOUND);
    let upstream = first.location().unwrap();
    assert!(
        upstream
            .as_str()
            .starts_with(&format!("{}/authorize", h.local.upstream_base())),
        "{upstream}"
    );
    assert_eq!(query(&upstream, "client_id").as_deref(), Some("cognito-local"));
    assert_eq!(
        query(&upstream, "redirect_uri"),
        Some(h.url("/oauth2/idpresponse"))
    );
    assert_eq!(query(&upstream, "scope").as_deref(), Some("openid email profile"));
    assert_eq!(
        query(&upstream, "login_hint").as_deref(),
        Some("bob"),
        "login_hint is forwarded to OIDC IdPs"
    );
    assert_ne!(
        query(&upstream, "state").as_deref(),
        Some("st-1"),
        "Cognito keeps the app's state to itself"
    );
    assert_eq!(
        query(&upstream, "nonce").as_deref(),
        Some("n-1"),
        "the app's nonce is forwarded"
    );

    let persona_page = b.follow(first).await.page();
    assert_eq!(persona_page.input("username"), "bob");
    // Wrong password at the persona: its form again.
    let again = b.persona_sign_in(&persona_page, "bob", "nope").await.page();
    assert!(again.body.contains("Wrong username or password."));
    let app = b.persona_sign_in(&again, "bob", DEMO_UPSTREAM_USER.1).await.app();
    assert_eq!(query(&app, "state").as_deref(), Some("st-1"));
    let code = query(&app, "code").unwrap_or_else(|| panic!("no code: {app}"));

    let t = redeem(&h, &code, &verifier).await.json();
    let id = verify(&h, t["id_token"].as_str().unwrap(), Some(CLIENT)).await;
    assert_eq!(id["cognito:username"], "Upstream_00u-bob-upstream");
    assert_eq!(id["email"], "bob@upstream.example");
    assert_eq!(id["email_verified"], true);
    assert_eq!(id["name"], "Bob Upstream");
    assert_eq!(id["nonce"], "n-1");
    assert_eq!(
        id["cognito:groups"],
        serde_json::json!(["us-east-1_LocalDemo_Upstream"])
    );
    let identity = &id["identities"][0];
    assert_eq!(identity["userId"], "00u-bob-upstream");
    assert_eq!(identity["providerName"], "Upstream");
    assert_eq!(identity["providerType"], "OIDC");
    assert_eq!(identity["primary"], "true");
    assert!(
        identity["dateCreated"].as_str().unwrap().parse::<u128>().is_ok(),
        "dateCreated is a string of millis"
    );
    assert_ne!(id["sub"], "00u-bob-upstream", "Cognito's own sub, not the IdP's");
    let access = verify(&h, t["access_token"].as_str().unwrap(), None).await;
    assert_eq!(access["username"], "Upstream_00u-bob-upstream");

    // userInfo.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let info: serde_json::Value = http
        .get(h.url("/oauth2/userInfo"))
        .bearer_auth(t["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["username"], "Upstream_00u-bob-upstream");
    assert_eq!(info["email_verified"], "true");

    // Refresh is Cognito's own business (the IdP is not contacted): same Cognito user comes back.
    let refresh = t["refresh_token"].as_str().unwrap();
    let r = token_request(
        &h,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT),
            ("refresh_token", refresh),
        ],
    )
    .await
    .json();
    assert_eq!(peek(r["id_token"].as_str().unwrap())["sub"], id["sub"]);

    // Second sign-in: same Cognito user (same sub), SSO through the Cognito session.
    let (_, c2) = pkce();
    let sso = b
        .navigate(&authorize_url(
            &h,
            &c2,
            &[("identity_provider", "Upstream"), ("prompt", "none")],
        ))
        .await
        .app();
    assert!(query(&sso, "code").is_some(), "{sso}");

    // Revoke, then logout.
    let revoke = b
        .post_form(
            Url::parse(&h.url("/oauth2/revoke")).unwrap(),
            &[("token", refresh), ("client_id", CLIENT)],
        )
        .await;
    assert_eq!(revoke.status, StatusCode::OK);
    let again = token_request(
        &h,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT),
            ("refresh_token", refresh),
        ],
    )
    .await;
    assert_eq!(again.json()["error"], "invalid_grant");
    let out = b
        .get(&format!(
            "{}?client_id={CLIENT}&logout_uri=http%3A%2F%2F127.0.0.1%3A8080%2F",
            h.url("/logout")
        ))
        .await;
    assert_eq!(out.location().unwrap().as_str(), LOGOUT);
    assert!(b.cookie("cognito").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn federation_through_the_login_button_and_idp_identifier() {
    let h = start().await;
    let b = Browser::new();
    let (verifier, challenge) = pkce();
    let login = b.navigate(&authorize_url(&h, &challenge, &[])).await.page();
    // The button is a GET form to /oauth2/authorize carrying every parameter plus identity_provider.
    let at = login
        .body
        .find("action=\"/oauth2/authorize\"")
        .expect("an IdP button");
    let form_html = &login.body[at..login.body[at..].find("</form>").unwrap() + at];
    let mut pairs = vec![];
    let mut rest = form_html;
    while let Some(i) = rest.find("name=\"") {
        let r = &rest[i + 6..];
        let name = &r[..r.find('"').unwrap()];
        let v = r.find("value=\"").unwrap() + 7;
        let value = &r[v..v + r[v..].find('"').unwrap()];
        pairs.push((name.to_owned(), value.replace("&amp;", "&")));
        rest = &r[v..];
    }
    assert!(
        pairs
            .iter()
            .any(|(k, v)| k == "identity_provider" && v == "Upstream"),
        "{pairs:?}"
    );
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let persona = b
        .navigate(&format!("{}?{}", h.url("/oauth2/authorize"), form(&refs)))
        .await
        .page();
    let app = b
        .persona_sign_in(&persona, "bob@upstream.example", DEMO_UPSTREAM_USER.1)
        .await
        .app();
    assert_eq!(
        redeem(&h, &query(&app, "code").unwrap(), &verifier).await.status,
        StatusCode::OK
    );

    // idp_identifier selects the same IdP.
    let b2 = Browser::new();
    let (v2, c2) = pkce();
    let app = federate(&h, &b2, &c2, &[("idp_identifier", "upstream.example")]).await;
    assert_eq!(
        redeem(&h, &query(&app, "code").unwrap(), &v2).await.status,
        StatusCode::OK
    );
}

async fn federation_error(h: &Harness, idp: &str) -> (Url, String) {
    let b = Browser::new();
    let (_, challenge) = pkce();
    let app = federate(h, &b, &challenge, &[("identity_provider", idp)]).await;
    assert_eq!(query(&app, "error").as_deref(), Some("invalid_request"), "{app}");
    assert_eq!(query(&app, "state").as_deref(), Some("st-1"));
    assert!(query(&app, "code").is_none());
    assert!(
        b.cookie("cognito").is_none(),
        "no session after a failed federation"
    );
    let d = query(&app, "error_description").unwrap();
    (app, d)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_misbehaviours_yield_cognitos_errors() {
    let h = start_with(&with_idps(&[
        idp("Idura", "/idura").registration(SIGNED_JWT_USERINFO),
        idp("SlashIdp", "/slash/"),
        idp("BasicOnly", "/basic").registration(BASIC_ONLY),
        idp("NoEmail", "/noemail").persona(NO_EMAIL),
        idp("NoType", "/notype").registration(NO_TOKEN_TYPE),
        idp("WrongSecret", "/secret").persona(WRONG_SECRET),
    ]))
    .await;
    let up = h.local.upstream_base().to_owned();
    let (_, d) = federation_error(&h, "Idura").await;
    assert_eq!(d, "invalid token_type in idp oauth response");
    let (app, d) = federation_error(&h, "SlashIdp").await;
    assert_eq!(d, format!("Bad id_token issuer {up}/slash/"));
    assert!(
        app.as_str().contains("error_description=Bad+id_token+issuer+"),
        "form-encoded like Cognito: {app}"
    );
    let (_, d) = federation_error(&h, "BasicOnly").await;
    assert_eq!(d, "BasicOnly Error - 401 error getting token");
    let (_, d) = federation_error(&h, "NoEmail").await;
    assert_eq!(d, "attributes required: [email]");
    let (_, d) = federation_error(&h, "NoType").await;
    assert_eq!(d, "invalid token_type in idp oauth response");
    let (_, d) = federation_error(&h, "WrongSecret").await;
    assert_eq!(d, "WrongSecret Error - 401 error getting token");

    // The healthy IdP still works next to them.
    let b = Browser::new();
    let (v, c) = pkce();
    let app = federate(&h, &b, &c, &[("identity_provider", "Upstream")]).await;
    assert_eq!(
        redeem(&h, &query(&app, "code").unwrap(), &v).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_username_attribute_mapping() {
    let h = start_with(
        r#"
        user_pool = { username_attributes = ["email"] }
        local = { upstreams = [{ omit_claims = ["email"] }] }
        "#,
    )
    .await;
    let (_, d) = federation_error(&h, "Upstream").await;
    assert_eq!(d, "username attribute mapping required");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_userinfo_and_manual_endpoints() {
    let h = start_with(
        r#"
        [[identity_providers]]
        provider_details = { attributes_request_method = "POST", authorize_url = "http://127.0.0.1:9230/authorize", token_url = "http://127.0.0.1:9230/token", attributes_url = "http://127.0.0.1:9230/userinfo", jwks_uri = "http://127.0.0.1:9230/jwks" }
        "#,
    )
    .await;
    let b = Browser::new();
    let (v, c) = pkce();
    let app = federate(&h, &b, &c, &[("identity_provider", "Upstream")]).await;
    assert_eq!(
        redeem(&h, &query(&app, "code").unwrap(), &v).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_idp_and_replayed_idpresponse() {
    let h = start_with(&with_idps(&[
        idp("Gone", "/gone").oidc_issuer("http://127.0.0.1:9/nowhere")
    ]))
    .await;
    let b = Browser::new();
    let (_, challenge) = pkce();
    let app = b
        .navigate(&authorize_url(&h, &challenge, &[("identity_provider", "Gone")]))
        .await
        .app();
    assert_eq!(query(&app, "error").as_deref(), Some("invalid_request"));
    assert!(
        query(&app, "error_description")
            .unwrap()
            .starts_with("Gone Error - "),
        "{app}"
    );

    // An idpresponse with an unknown state has no app to go back to: Cognito's error page.
    let page = b.get(&h.url("/oauth2/idpresponse?code=x&state=forged")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("An error was encountered"));

    // The IdP's own error is passed on with its name.
    let first = b
        .get(&authorize_url(
            &h,
            &challenge,
            &[("identity_provider", "Upstream")],
        ))
        .await;
    let state = query(&first.location().unwrap(), "state").unwrap();
    let denied = b
        .get(&format!(
            "{}?error=access_denied&error_description=user+cancelled&state={state}",
            h.url("/oauth2/idpresponse")
        ))
        .await;
    let to = denied.location().unwrap();
    assert_eq!(
        query(&to, "error_description").as_deref(),
        Some("Upstream Error - access_denied user cancelled")
    );
    // A state is single-use.
    let replay = b
        .get(&format!("{}?code=x&state={state}", h.url("/oauth2/idpresponse")))
        .await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persona_serves_discovery_and_refuses_bad_clients() {
    let h = start().await;
    let b = Browser::new();
    let up = h.local.upstream_base();
    let doc = b
        .get(&format!("{up}/.well-known/openid-configuration"))
        .await
        .json();
    assert_eq!(doc["issuer"], up);
    assert_eq!(doc["token_endpoint"], format!("{up}/token"));
    let jwks = b.get(&format!("{up}/jwks")).await.json();
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 1);
    // Unknown client / unregistered redirect: an error page, no redirect.
    let page = b
        .get(&format!(
            "{up}/authorize?client_id=x&redirect_uri=http%3A%2F%2Fevil%2F&response_type=code&scope=openid"
        ))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = b
        .get(&format!("{up}/authorize?client_id=cognito-local&redirect_uri=http%3A%2F%2Fevil%2F&response_type=code&scope=openid"))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.location().is_none());
    // Token endpoint without credentials.
    let page = b
        .post_form(
            Url::parse(&format!("{up}/token")).unwrap(),
            &[("grant_type", "authorization_code"), ("code", "x")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert_eq!(page.json()["error"], "invalid_client");
    // Userinfo without a token.
    assert_eq!(
        b.get(&format!("{up}/userinfo")).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        b.get(&format!("{up}/nothing-here")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A federated sign-in whose app sends no nonce: Cognito sends the IdP a nonce of its own, checks it in the
/// IdP's ID token, and puts it in its own ID token (cognito-facts §1.1, §3.2).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_app_nonce_cognito_generates_and_checks_its_own() {
    let h = start_with(&with_idps(&[
        idp("NoNonce", "/nononce").persona(r#"omit_claims = ["nonce"]"#)
    ]))
    .await;
    let no_nonce = |idp| [("identity_provider", idp), ("nonce", "")];
    let b = Browser::new();
    let (verifier, challenge) = pkce();
    let first = b.get(&authorize_url(&h, &challenge, &no_nonce("Upstream"))).await;
    let upstream = first.location().unwrap();
    let sent = query(&upstream, "nonce").expect("Cognito sends the IdP a nonce");
    assert!(sent.len() >= 16, "a random value: {sent:?}");
    let (_, other) = pkce();
    let again = Browser::new()
        .get(&authorize_url(&h, &other, &no_nonce("Upstream")))
        .await;
    assert_ne!(
        query(&again.location().unwrap(), "nonce"),
        Some(sent.clone()),
        "one per sign-in"
    );

    let persona_page = b.follow(first).await.page();
    let app = b
        .persona_sign_in(&persona_page, "bob", DEMO_UPSTREAM_USER.1)
        .await
        .app();
    let code = query(&app, "code").unwrap_or_else(|| panic!("no code: {app}"));
    let t = redeem(&h, &code, &verifier).await.json();
    let id = verify(&h, t["id_token"].as_str().unwrap(), Some(CLIENT)).await;
    assert_eq!(id["nonce"], sent.as_str(), "the nonce Cognito generated");

    // Checked: an IdP whose ID token leaves it out is refused.
    let b = Browser::new();
    let (_, challenge) = pkce();
    let app = federate(&h, &b, &challenge, &no_nonce("NoNonce")).await;
    assert_eq!(query(&app, "error").as_deref(), Some("invalid_request"), "{app}");
    assert_eq!(
        query(&app, "error_description").as_deref(),
        Some("Bad id_token nonce")
    );
    assert!(query(&app, "code").is_none());
}
