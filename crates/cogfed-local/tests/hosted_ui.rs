//! The browser-facing endpoints over real loopback HTTP: `/oauth2/authorize`, `/login`, `/error`, `/logout`,
//! the session cookie, the issuer path, CORS, the request log and shutdown.

mod common;

use cogfed_local::{DEMO_LOCAL_USER, LocalEvent, Side};
use common::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discovery_is_shaped_like_cognitos() {
    let h = start().await;
    let page = Browser::new().get(&h.local.discovery_url()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("access-control-allow-origin"), Some("*"));
    let doc = page.json();
    let base = h.local.cognito_base();
    assert_eq!(doc["issuer"], h.local.issuer());
    assert_eq!(h.local.issuer(), format!("{base}/us-east-1_LocalDemo"));
    assert_eq!(doc["authorization_endpoint"], format!("{base}/oauth2/authorize"));
    assert_eq!(doc["token_endpoint"], format!("{base}/oauth2/token"));
    assert_eq!(doc["userinfo_endpoint"], format!("{base}/oauth2/userInfo"));
    assert_eq!(doc["revocation_endpoint"], format!("{base}/oauth2/revoke"));
    assert_eq!(doc["end_session_endpoint"], format!("{base}/logout"));
    assert_eq!(doc["jwks_uri"], h.local.jwks_url());
    assert_eq!(
        doc["id_token_signing_alg_values_supported"],
        serde_json::json!(["RS256"])
    );
    assert_eq!(
        doc["token_endpoint_auth_methods_supported"],
        serde_json::json!(["client_secret_basic", "client_secret_post"])
    );
    // cognito-facts §1.7: the real document has no PKCE metadata.
    assert!(doc.get("code_challenge_methods_supported").is_none());
    // Not on the domain root, and not under another pool.
    assert_eq!(
        Browser::new()
            .get(&h.url("/.well-known/openid-configuration"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        Browser::new()
            .get(&h.url("/us-east-1_Other/.well-known/jwks.json"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jwks_has_two_rsa_keys_with_cognito_style_kids() {
    let h = start().await;
    let page = Browser::new().get(&h.local.jwks_url()).await;
    assert_eq!(page.header("access-control-allow-origin"), Some("*"));
    let doc = page.json();
    let keys = doc["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    for k in keys {
        assert_eq!(k["kty"], "RSA");
        assert_eq!(k["alg"], "RS256");
        assert_eq!(k["use"], "sig");
        assert_eq!(k["e"], "AQAB");
        let kid = k["kid"].as_str().unwrap();
        assert_eq!(kid.len(), 44, "{kid}");
        assert!(kid.ends_with('='), "{kid}");
    }
    assert_ne!(keys[0]["kid"], keys[1]["kid"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorize_sends_to_an_accessible_login_form() {
    let h = start().await;
    let (_, challenge) = pkce();
    let b = Browser::new();
    let first = b
        .get(&authorize_url(&h, &challenge, &[("login_hint", "alice")]))
        .await;
    assert_eq!(first.status, StatusCode::FOUND);
    let to = first.location().unwrap();
    assert_eq!(to.path(), "/login");
    assert_eq!(
        query(&to, "nonce").as_deref(),
        Some("n-1"),
        "every authorize parameter travels to /login"
    );
    let page = b.follow(first).await.page();
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert!(
        page.body
            .contains("<label for=\"signInFormUsername\">Username</label>")
    );
    assert!(
        page.body
            .contains("<label for=\"signInFormPassword\">Password</label>")
    );
    assert!(page.body.contains(">Sign in</button>"));
    assert!(
        page.body.contains("Sign in with Upstream"),
        "one button per federated IdP"
    );
    assert_eq!(
        page.input("username"),
        "alice",
        "login_hint pre-fills the username"
    );
    assert!(!page.input("_csrf").is_empty());
    assert_eq!(b.cookie("XSRF-TOKEN").unwrap(), page.input("_csrf"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_shows_the_form_again_and_unknown_users_look_the_same() {
    let h = start().await;
    let (_, challenge) = pkce();
    let b = Browser::new();
    let login = b.navigate(&authorize_url(&h, &challenge, &[])).await.page();
    let again = b.sign_in(&login, "alice", "wrong").await.page();
    assert!(again.body.contains("Incorrect username or password."));
    assert!(again.body.contains("role=\"alert\""));
    assert_eq!(again.input("username"), "alice");
    let unknown = b.sign_in(&again, "mallory", "wrong").await.page();
    assert!(unknown.body.contains("Incorrect username or password."));
    assert!(b.cookie("cognito").is_none(), "no session after failures");
    // And the right password still works from the re-rendered form.
    let app = b.sign_in(&unknown, "ALICE", DEMO_LOCAL_USER.1).await.app();
    assert!(query(&app, "code").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_without_a_matching_csrf_token_is_refused() {
    let h = start().await;
    let (_, challenge) = pkce();
    let b = Browser::new();
    let login = b.navigate(&authorize_url(&h, &challenge, &[])).await.page();
    let forged = b
        .post_form(
            login.post_action(),
            &[
                ("_csrf", "forged"),
                ("username", "alice"),
                ("password", DEMO_LOCAL_USER.1),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(b.cookie("cognito").is_none());
    // A token is single-use: replaying the first form's token fails too.
    let csrf = login.input("_csrf");
    let _ = b
        .post_form(
            login.post_action(),
            &[("_csrf", &csrf), ("username", "alice"), ("password", "x")],
        )
        .await;
    let replay = b
        .post_form(
            login.post_action(),
            &[
                ("_csrf", &csrf),
                ("username", "alice"),
                ("password", DEMO_LOCAL_USER.1),
            ],
        )
        .await;
    assert_eq!(replay.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_client_or_unregistered_redirect_uri_shows_cognitos_error_page() {
    let h = start().await;
    let (_, challenge) = pkce();
    let b = Browser::new();
    for extra in [
        ("client_id", "no-such-client"),
        ("redirect_uri", "http://127.0.0.1:8080/callback/"),
        ("redirect_uri", "http://127.0.0.1:8080/CALLBACK"),
        ("redirect_uri", "http://evil.example/callback"),
    ] {
        let first = b.get(&authorize_url(&h, &challenge, &[extra])).await;
        assert_eq!(first.status, StatusCode::FOUND, "{extra:?}");
        let to = first.location().unwrap();
        assert_eq!(to.path(), "/error", "{extra:?}: never redirected to the app");
        assert_eq!(query(&to, "error").as_deref(), Some("redirect_mismatch"));
        assert!(query(&to, "client_id").is_some());
        let page = b.follow(first).await.page();
        assert!(
            page.body
                .contains("An error was encountered with the requested page.")
        );
        assert!(page.body.contains("redirect_mismatch"));
        // Local Cognito's own note, marked as such, names the lint rule.
        assert!(page.body.contains("Local Cognito note"));
        assert!(page.body.contains("spa-redirect-uri-not-registered"));
    }
    // /login checks the same way.
    let login = b
        .get(
            &authorize_url(&h, &challenge, &[("redirect_uri", "http://evil.example/")])
                .replace("/oauth2/authorize", "/login"),
        )
        .await;
    assert_eq!(login.location().unwrap().path(), "/error");
    // The error page shows only known codes.
    let page = b
        .get(&h.url("/error?error=%3Cscript%3Ealert(1)%3C/script%3E"))
        .await;
    assert!(!page.body.contains("<script>"));
    assert!(page.body.contains("invalid_request"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_errors_go_back_to_the_app_with_state() {
    let h = start().await;
    let (_, challenge) = pkce();
    let b = Browser::new();
    // (extra authorize parameters, expected error, expected error_description)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
    let cases: &[Case] = &[
        (
            &[("scope", "openid phone")],
            "invalid_request",
            Some("invalid_scope"),
        ),
        (&[("scope", "email")], "invalid_request", Some("invalid_scope")),
        (&[("code_challenge_method", "plain")], "invalid_request", None),
        (&[("code_challenge_method", "")], "invalid_request", None),
        (
            &[("code_challenge", ""), ("code_challenge_method", "")],
            "invalid_request",
            None,
        ),
        (&[("response_type", "")], "invalid_request", None),
        (&[("response_type", "token")], "unauthorized_client", None),
        (
            &[("response_type", "code id_token")],
            "unsupported_response_type",
            None,
        ),
        (&[("prompt", "none")], "login_required", None),
    ];
    for (extra, error, description) in cases {
        let app = b.navigate(&authorize_url(&h, &challenge, extra)).await.app();
        assert_eq!(
            query(&app, "error").as_deref(),
            Some(*error),
            "{extra:?} -> {app}"
        );
        assert_eq!(query(&app, "state").as_deref(), Some("st-1"), "{extra:?}");
        if let Some(d) = description {
            assert_eq!(query(&app, "error_description").as_deref(), Some(*d), "{extra:?}");
        }
        assert!(query(&app, "code").is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsupported_identity_provider_is_not_available() {
    let h = start_with(r#"clients = [{ supported_identity_providers = ["COGNITO"] }]"#).await;
    let (_, challenge) = pkce();
    let b = Browser::new();
    for extra in [
        ("identity_provider", "Upstream"),
        ("identity_provider", "upstream"),
        ("idp_identifier", "nowhere.example"),
    ] {
        let page = b.navigate(&authorize_url(&h, &challenge, &[extra])).await.page();
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(
            page.body
                .contains("Login option is not available. Please try another one"),
            "{extra:?}"
        );
    }
    // The login page offers no button for it either.
    let login = b.navigate(&authorize_url(&h, &challenge, &[])).await.page();
    assert!(!login.body.contains("Sign in with Upstream"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_gives_sso_and_prompt_controls_it() {
    let h = start().await;
    let b = Browser::new();
    let (code, _) = local_code(&h, &b).await;
    assert!(!code.is_empty());
    let cookie = b.cookie("cognito").expect("session cookie");
    assert!(cookie.len() >= 43);

    // Signed in: authorize answers with a code straight away, and prompt=none too.
    let (_, challenge) = pkce();
    let sso = b.navigate(&authorize_url(&h, &challenge, &[])).await.app();
    assert!(query(&sso, "code").is_some());
    let silent = b
        .navigate(&authorize_url(&h, &challenge, &[("prompt", "none")]))
        .await
        .app();
    assert!(query(&silent, "code").is_some());
    // prompt=login asks again.
    let page = b
        .navigate(&authorize_url(&h, &challenge, &[("prompt", "login")]))
        .await
        .page();
    assert!(page.body.contains("signInFormPassword"));
    // A local session does not satisfy a request for the federated IdP with prompt=none (cognito-facts §8 A5).
    let other = b
        .navigate(&authorize_url(
            &h,
            &challenge,
            &[("prompt", "none"), ("identity_provider", "Upstream")],
        ))
        .await
        .app();
    assert_eq!(query(&other, "error").as_deref(), Some("login_required"));

    // The session lasts one hour, not more.
    h.clock.advance(std::time::Duration::from_secs(3601));
    let expired = b
        .navigate(&authorize_url(&h, &challenge, &[("prompt", "none")]))
        .await
        .app();
    assert_eq!(query(&expired, "error").as_deref(), Some("login_required"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_with_logout_uri_clears_the_session() {
    let h = start().await;
    let b = Browser::new();
    local_code(&h, &b).await;
    assert!(b.cookie("cognito").is_some());
    let page = b
        .get(&format!(
            "{}?client_id={CLIENT}&logout_uri=http%3A%2F%2F127.0.0.1%3A8080%2F",
            h.url("/logout")
        ))
        .await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.location().unwrap().as_str(), LOGOUT);
    assert!(b.cookie("cognito").is_none(), "cookie cleared");
    let (_, challenge) = pkce();
    let again = b
        .navigate(&authorize_url(&h, &challenge, &[("prompt", "none")]))
        .await
        .app();
    assert_eq!(
        query(&again, "error").as_deref(),
        Some("login_required"),
        "session ended server-side too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_relogin_and_mismatches() {
    let h = start().await;
    let b = Browser::new();
    local_code(&h, &b).await;
    let (_, challenge) = pkce();
    let logout = h.url("/logout");
    // (b) re-login form.
    let relogin = b
        .get(&format!(
            "{logout}?client_id={CLIENT}&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&response_type=code&state=s2\
             &code_challenge={challenge}&code_challenge_method=S256"
        ))
        .await;
    let to = relogin.location().unwrap();
    assert_eq!(to.path(), "/login");
    assert_eq!(query(&to, "state").as_deref(), Some("s2"));
    assert!(b.cookie("cognito").is_none());
    let form = b.follow(relogin).await.page();
    assert!(form.body.contains("signInFormPassword"));

    // A logout_uri that is not registered exactly falls back and complains about redirect_uri.
    for bad in [
        "http%3A%2F%2F127.0.0.1%3A8080",
        "http%3A%2F%2F127.0.0.1%3A8080%2Fother",
    ] {
        let page = b
            .get(&format!("{logout}?client_id={CLIENT}&logout_uri={bad}"))
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(
            page.body
                .contains("Required String parameter &#39;redirect_uri&#39; is not present"),
            "{}",
            page.body
        );
    }
    // No client_id.
    let page = b
        .get(&format!("{logout}?logout_uri=http%3A%2F%2F127.0.0.1%3A8080%2F"))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    // logout is a browser navigation: POST is not a thing (cognito-facts §8 C23).
    let post = b
        .post_form(reqwest::Url::parse(&logout).unwrap(), &[("client_id", CLIENT)])
        .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_preflight_and_headers_on_app_endpoints() {
    let h = start().await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    for path in ["/oauth2/token", "/oauth2/userInfo", "/oauth2/revoke"] {
        let resp = http
            .request(reqwest::Method::OPTIONS, h.url(path))
            .header("origin", SPA)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type, authorization")
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{path}: {}", resp.status());
        let hv = |n: &str| {
            resp.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(hv("access-control-allow-origin").as_deref(), Some("*"), "{path}");
        assert!(hv("access-control-allow-methods").unwrap().contains("POST"));
        assert!(
            hv("access-control-allow-headers")
                .unwrap()
                .contains("authorization")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_log_has_paths_without_queries_or_secrets() {
    let h = start().await;
    let mut events = h.local.events();
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let tokens = redeem(&h, &code, &verifier).await.json();
    let mut records = vec![];
    // Bounded: only what is already queued.
    while let Ok(e) = events.try_recv() {
        records.push(e);
    }
    let lines: Vec<String> = records
        .iter()
        .filter_map(|e| match e {
            LocalEvent::Request(r) => Some(r.to_string()),
            LocalEvent::Warning { .. } => None,
        })
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("GET /oauth2/authorize 302")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("POST /login 302")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("POST /oauth2/token 200")),
        "{lines:?}"
    );
    let all = lines.join("\n");
    for secret in [
        code.as_str(),
        verifier.as_str(),
        DEMO_LOCAL_USER.1,
        tokens["access_token"].as_str().unwrap(),
        tokens["refresh_token"].as_str().unwrap(),
        "st-1",
        "?",
    ] {
        assert!(!all.contains(secret), "log leaks {secret:?}: {all}");
    }
    assert!(
        records
            .iter()
            .all(|e| matches!(e, LocalEvent::Request(r) if r.side == Side::Cognito))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_closes_both_ports() {
    let h = start().await;
    let cognito = h.local.cognito_base().to_owned();
    let upstream = h.local.upstream_base().to_owned();
    assert_eq!(
        Browser::new().get(&h.local.jwks_url()).await.status,
        StatusCode::OK
    );
    h.local.shutdown().await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    assert!(
        http.get(&cognito).send().await.is_err(),
        "cognito side still answers"
    );
    assert!(
        http.get(&upstream).send().await.is_err(),
        "upstream side still answers"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_range_validity_is_honoured_with_a_warning() {
    let h = start_with(
        r#"clients = [{ access_token_validity = 30, token_validity_units = { access_token = "seconds" } }]"#,
    )
    .await;
    // The warning is the linter's finding (token-validity-range, group broken): reported, then served.
    assert_eq!(h.local.warnings().len(), 1, "{:?}", h.local.warnings());
    let w = &h.local.warnings()[0];
    assert!(
        w.contains("[token-validity-range]") && w.contains("AccessTokenValidity") && w.contains("30 seconds"),
        "{w}"
    );
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let tokens = redeem(&h, &code, &verifier).await.json();
    assert_eq!(tokens["expires_in"], 30);
    let claims = peek(tokens["access_token"].as_str().unwrap());
    assert_eq!(
        claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
        30
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn implicit_flow_when_the_client_allows_it() {
    let h = start_with(r#"clients = [{ allowed_oauth_flows = ["code", "implicit"] }]"#).await;
    let b = Browser::new();
    let login = b
        .navigate(&authorize_url(
            &h,
            "",
            &[
                ("response_type", "token"),
                ("code_challenge", ""),
                ("code_challenge_method", ""),
            ],
        ))
        .await
        .page();
    let app = b.sign_in(&login, "alice", DEMO_LOCAL_USER.1).await.app();
    assert!(
        app.query().is_none(),
        "tokens travel in the fragment, not the query: {app}"
    );
    let fragment: std::collections::HashMap<String, String> =
        form_urlencoded::parse(app.fragment().unwrap().as_bytes())
            .into_owned()
            .collect();
    assert_eq!(fragment["token_type"], "Bearer");
    assert_eq!(fragment["state"], "st-1");
    assert!(!fragment.contains_key("refresh_token"));
    let id = verify(&h, &fragment["id_token"], Some(CLIENT)).await;
    assert_eq!(id["nonce"], "n-1");
    verify(&h, &fragment["access_token"], None).await;
}
