//! The app-facing endpoints over real loopback HTTP: `/oauth2/token`, `/oauth2/userInfo`, `/oauth2/revoke`,
//! and the shape of the tokens, verified against the served JWKS with jsonwebtoken.

mod common;

use common::*;
use reqwest::{StatusCode, Url};
use std::time::Duration;

fn assert_oauth_error(page: &Page, status: StatusCode, error: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(
        page.header("content-type"),
        Some("application/json;charset=UTF-8")
    );
    assert_eq!(page.header("access-control-allow-origin"), Some("*"));
    assert_eq!(page.json()["error"], error, "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_flow_issues_cognito_shaped_tokens() {
    let h = start().await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let page = redeem(&h, &code, &verifier).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.header("access-control-allow-origin"), Some("*"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let t = page.json();
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 3600);
    let refresh = t["refresh_token"].as_str().unwrap();
    assert!(
        refresh.len() >= 43 && refresh.split('.').count() == 1,
        "opaque refresh token"
    );

    let id_token = t["id_token"].as_str().unwrap();
    let access_token = t["access_token"].as_str().unwrap();
    let id_kid = jsonwebtoken::decode_header(id_token).unwrap().kid.unwrap();
    let access_kid = jsonwebtoken::decode_header(access_token).unwrap().kid.unwrap();
    assert_ne!(
        id_kid, access_kid,
        "ID and access tokens are signed with different keys"
    );

    let id = verify(&h, id_token, Some(CLIENT)).await;
    assert_eq!(id["token_use"], "id");
    assert_eq!(id["aud"], CLIENT);
    assert_eq!(id["cognito:username"], "alice");
    assert_eq!(id["nonce"], "n-1");
    assert_eq!(id["email"], "alice@example.com");
    assert_eq!(id["email_verified"], true, "a boolean in the ID token");
    assert_eq!(id["name"], "Alice Local");
    assert_eq!(id["cognito:groups"], serde_json::json!(["testers"]));
    assert!(id["at_hash"].is_string());
    assert!(id["origin_jti"].is_string() && id["jti"].is_string() && id["event_id"].is_string());
    assert!(id.get("identities").is_none(), "local users have no identities");
    assert_eq!(id["exp"].as_u64().unwrap() - id["iat"].as_u64().unwrap(), 3600);

    let access = verify(&h, access_token, None).await;
    assert_eq!(access["token_use"], "access");
    assert_eq!(access["client_id"], CLIENT);
    assert!(access.get("aud").is_none(), "Cognito access tokens have no aud");
    assert_eq!(access["scope"], "openid email profile");
    assert_eq!(access["username"], "alice");
    assert_eq!(access["version"], 2);
    assert_eq!(access["sub"], id["sub"]);
    assert_eq!(access["origin_jti"], id["origin_jti"]);
    assert_eq!(access["auth_time"], id["auth_time"]);

    // at_hash binds the ID token to this access token (OIDC Core §3.1.3.6).
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, access_token.as_bytes());
    use base64::Engine;
    let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest.as_ref()[..16]);
    assert_eq!(id["at_hash"], expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_are_single_use_and_checked() {
    let h = start().await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    // Wrong verifier: invalid_grant, and the code is gone.
    let wrong = redeem(&h, &code, &"w".repeat(50)).await;
    assert_oauth_error(&wrong, StatusCode::BAD_REQUEST, "invalid_grant");
    assert_oauth_error(
        &redeem(&h, &code, &verifier).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );

    let (code, verifier) = local_code(&h, &b).await;
    assert_eq!(redeem(&h, &code, &verifier).await.status, StatusCode::OK);
    assert_oauth_error(
        &redeem(&h, &code, &verifier).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );

    // redirect_uri must repeat the authorize one.
    let (code, verifier) = local_code(&h, &b).await;
    let page = token_request(
        &h,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:8080/callback/"),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_oauth_error(&page, StatusCode::BAD_REQUEST, "unauthorized_client");
    assert_eq!(page.json()["error_description"], "invalid_redirect");

    // Missing verifier.
    let (code, _) = local_code(&h, &b).await;
    let page = token_request(
        &h,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT),
            ("code", &code),
            ("redirect_uri", CALLBACK),
        ],
    )
    .await;
    assert_oauth_error(&page, StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_expire_after_five_minutes() {
    let h = start().await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    h.clock.advance(Duration::from_secs(301));
    assert_oauth_error(
        &redeem(&h, &code, &verifier).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );
    let (code, verifier) = local_code(&h, &b).await;
    h.clock.advance(Duration::from_secs(290));
    assert_eq!(redeem(&h, &code, &verifier).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_request_errors() {
    let h = start().await;
    let url = Url::parse(&h.url("/oauth2/token")).unwrap();
    let b = Browser::new();
    assert_oauth_error(
        &token_request(&h, &[("client_id", CLIENT)]).await,
        StatusCode::BAD_REQUEST,
        "invalid_request",
    );
    assert_oauth_error(
        &token_request(&h, &[("grant_type", "password"), ("client_id", CLIENT)]).await,
        StatusCode::BAD_REQUEST,
        "unsupported_grant_type",
    );
    assert_oauth_error(
        &token_request(
            &h,
            &[
                ("grant_type", "authorization_code"),
                ("client_id", "nope"),
                ("code", "x"),
            ],
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_client",
    );
    assert_oauth_error(
        &token_request(&h, &[("grant_type", "refresh_token"), ("client_id", CLIENT)]).await,
        StatusCode::BAD_REQUEST,
        "invalid_request",
    );
    assert_oauth_error(
        &token_request(
            &h,
            &[
                ("grant_type", "refresh_token"),
                ("client_id", CLIENT),
                ("refresh_token", "bogus"),
            ],
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );
    assert_oauth_error(
        &token_request(&h, &[("grant_type", "client_credentials"), ("client_id", CLIENT)]).await,
        StatusCode::BAD_REQUEST,
        "unauthorized_client",
    );
    // A public client that sends Basic with an empty secret (cognito-facts §8 B8).
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let resp = http
        .post(url.clone())
        .basic_auth(CLIENT, Some(""))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=authorization_code&code=x&redirect_uri=x")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        resp.json::<serde_json::Value>().await.unwrap()["error"],
        "invalid_client"
    );
    // JSON instead of a form.
    let resp = http
        .post(url.clone())
        .json(&serde_json::json!({"grant_type": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.json::<serde_json::Value>().await.unwrap()["error"],
        "invalid_request"
    );
    // Duplicate parameters.
    let dup = b
        .post_form(
            url,
            &[
                ("grant_type", "refresh_token"),
                ("grant_type", "refresh_token"),
                ("client_id", CLIENT),
            ],
        )
        .await;
    assert_oauth_error(&dup, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_without_rotation_returns_no_refresh_token() {
    // The demo client rotates (like examples/local-demo.toml); this is the client without rotation.
    let h = start_with(r#"clients = [{ refresh_token_rotation = { feature = "DISABLED" } }]"#).await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let first = redeem(&h, &code, &verifier).await.json();
    let refresh = first["refresh_token"].as_str().unwrap();
    h.clock.advance(Duration::from_secs(10));
    for _ in 0..2 {
        let page = token_request(
            &h,
            &[
                ("grant_type", "refresh_token"),
                ("client_id", CLIENT),
                ("refresh_token", refresh),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let t = page.json();
        assert!(
            t.get("refresh_token").is_none(),
            "no rotation, no new refresh token (cognito-facts §1.2)"
        );
        let id = verify(&h, t["id_token"].as_str().unwrap(), Some(CLIENT)).await;
        let old = peek(first["id_token"].as_str().unwrap());
        assert_eq!(id["auth_time"], old["auth_time"], "refresh keeps auth_time");
        assert!(id["iat"].as_u64() > old["iat"].as_u64());
        assert_eq!(id["origin_jti"], old["origin_jti"]);
        assert_ne!(id["jti"], old["jti"]);
        assert!(id.get("nonce").is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_with_rotation_and_grace_period() {
    let h = start_with(
        r#"clients = [{ refresh_token_rotation = { feature = "ENABLED", retry_grace_period_seconds = 30 } }]"#,
    )
    .await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let r0 = redeem(&h, &code, &verifier).await.json()["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let p1 = refresh_grant(&h, &r0).await;
    assert_eq!(p1.status, StatusCode::OK);
    let r1 = p1.json()["refresh_token"]
        .as_str()
        .expect("rotation returns a new refresh token")
        .to_owned();
    assert_ne!(r0, r1);
    // Within the grace period the old token still works.
    h.clock.advance(Duration::from_secs(20));
    assert_eq!(refresh_grant(&h, &r0).await.status, StatusCode::OK);
    // After it, it does not; the new one does.
    h.clock.advance(Duration::from_secs(15));
    assert_oauth_error(
        &refresh_grant(&h, &r0).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );
    let p2 = refresh_grant(&h, &r1).await;
    assert_eq!(p2.status, StatusCode::OK);
    assert!(p2.json()["refresh_token"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotation_without_grace_invalidates_at_once_and_family_lifetime_is_kept() {
    let h = start_with(
        r#"
        [[clients]]
        refresh_token_rotation = { feature = "ENABLED", retry_grace_period_seconds = 0 }
        refresh_token_validity = 2
        token_validity_units = { refresh_token = "hours" }
        "#,
    )
    .await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let r0 = redeem(&h, &code, &verifier).await.json()["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    h.clock.advance(Duration::from_secs(3600));
    let r1 = refresh_grant(&h, &r0).await.json()["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_oauth_error(
        &refresh_grant(&h, &r0).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );
    // The new token keeps the remaining lifetime of the first (2 hours in total), not a fresh 2 hours.
    h.clock.advance(Duration::from_secs(3601));
    assert_oauth_error(
        &refresh_grant(&h, &r1).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn userinfo_answers_strings_by_scope() {
    let h = start().await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let t = redeem(&h, &code, &verifier).await.json();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let resp = http
        .get(h.url("/oauth2/userInfo"))
        .bearer_auth(t["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let info: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        info["email_verified"], "true",
        "a string at userInfo (cognito-facts §1.3)"
    );
    assert_eq!(info["username"], "alice");
    assert_eq!(info["email"], "alice@example.com");
    assert_eq!(info["name"], "Alice Local");
    assert_eq!(info["sub"], peek(t["id_token"].as_str().unwrap())["sub"]);
    // Path is case-sensitive like Cognito's: /oauth2/userinfo does not exist.
    assert_eq!(
        http.get(h.url("/oauth2/userinfo")).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn userinfo_errors() {
    let h = start_with(
        r#"
        [[clients]]
        allowed_oauth_scopes = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]
        access_token_validity = 10
        token_validity_units = { access_token = "minutes" }
        "#,
    )
    .await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let url = h.url("/oauth2/userInfo");
    let resp = http.get(&url).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let www = resp.headers()["www-authenticate"].to_str().unwrap().to_owned();
    assert!(www.contains("error=\"invalid_request\""), "{www}");
    assert!(www.contains("Bad OAuth2 request at UserInfo Endpoint"));

    let resp = http.get(&url).bearer_auth("not-a-token").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        resp.headers()["www-authenticate"],
        "Bearer error=\"invalid_token\", error_description=\"Access token is expired, disabled, or deleted, or the user has globally signed out.\""
    );

    // An ID token is not an access token.
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let t = redeem(&h, &code, &verifier).await.json();
    let resp = http
        .get(&url)
        .bearer_auth(t["id_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);

    // Without openid.
    let (verifier, challenge) = pkce();
    let app = b
        .navigate(&authorize_url(
            &h,
            &challenge,
            &[("scope", "aws.cognito.signin.user.admin"), ("prompt", "none")],
        ))
        .await
        .app();
    let t2 = redeem(&h, &query(&app, "code").unwrap(), &verifier).await.json();
    assert!(t2.get("id_token").is_none(), "no openid, no ID token");
    let resp = http
        .get(&url)
        .bearer_auth(t2["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(
        resp.text()
            .await
            .unwrap()
            .contains("Access token does not contain openid scope")
    );

    // Expired.
    h.clock.advance(Duration::from_secs(601));
    let resp = http
        .get(&url)
        .bearer_auth(t["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoke_ends_the_family() {
    let h = start().await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let t = redeem(&h, &code, &verifier).await.json();
    let refresh = t["refresh_token"].as_str().unwrap();
    let access = t["access_token"].as_str().unwrap();
    let revoke_url = Url::parse(&h.url("/oauth2/revoke")).unwrap();

    let page = b
        .post_form(revoke_url.clone(), &[("token", access), ("client_id", CLIENT)])
        .await;
    assert_oauth_error(&page, StatusCode::BAD_REQUEST, "unsupported_token_type");
    let page = b.post_form(revoke_url.clone(), &[("client_id", CLIENT)]).await;
    assert_oauth_error(&page, StatusCode::BAD_REQUEST, "invalid_request");
    let page = b
        .post_form(revoke_url.clone(), &[("token", refresh), ("client_id", "nope")])
        .await;
    assert_oauth_error(&page, StatusCode::UNAUTHORIZED, "invalid_client");
    let page = b
        .post_form(
            revoke_url.clone(),
            &[("token", "unknown-token"), ("client_id", CLIENT)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "");

    let page = b
        .post_form(revoke_url.clone(), &[("token", refresh), ("client_id", CLIENT)])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("access-control-allow-origin"), Some("*"));
    let again = token_request(
        &h,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT),
            ("refresh_token", refresh),
        ],
    )
    .await;
    assert_oauth_error(&again, StatusCode::BAD_REQUEST, "invalid_grant");
    // Cognito's endpoints reject the family's access tokens (origin_jti), though they still verify offline.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let resp = http
        .get(h.url("/oauth2/userInfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    verify(&h, access, None).await;
    // Revoking twice is fine.
    assert_eq!(
        b.post_form(revoke_url, &[("token", refresh), ("client_id", CLIENT)])
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoke_disabled_is_invalid_request() {
    // Rotation also ties tokens to a family (origin_jti), so it is off too.
    let h = start_with(
        r#"clients = [{ enable_token_revocation = false, refresh_token_rotation = { feature = "DISABLED" } }]"#,
    )
    .await;
    let b = Browser::new();
    let (code, verifier) = local_code(&h, &b).await;
    let t = redeem(&h, &code, &verifier).await.json();
    assert!(
        peek(t["access_token"].as_str().unwrap())
            .get("origin_jti")
            .is_none(),
        "no origin_jti without revocation"
    );
    let page = b
        .post_form(
            Url::parse(&h.url("/oauth2/revoke")).unwrap(),
            &[
                ("token", t["refresh_token"].as_str().unwrap()),
                ("client_id", CLIENT),
            ],
        )
        .await;
    assert_oauth_error(&page, StatusCode::BAD_REQUEST, "invalid_request");
}

/// A resource server with one scope.
const API: &str = r#"
[[resource_servers]]
identifier = "https://api.example.com"
name = "API"
scopes = [{ scope_name = "read", scope_description = "Read" }]
"#;

/// A machine-to-machine client next to the demo's, and the resource server whose scope it gets. (Its secret
/// has no `-`: ClientSecretType is `[\w+]+`, and Local Cognito refuses what AWS's API refuses.)
fn confidential() -> String {
    format!(
        r#"
clients = [{{}}, {{ client_id = "backend", client_secret = "backend_secret_0123456789abcdef", allowed_oauth_flows_user_pool_client = true, allowed_oauth_flows = ["client_credentials"], allowed_oauth_scopes = ["https://api.example.com/read"], callback_urls = ["{CALLBACK}"], supported_identity_providers = ["COGNITO"] }}]
{API}"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_with_basic_or_post() {
    let h = start_with(&confidential()).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let url = h.url("/oauth2/token");
    let basic = http
        .post(&url)
        .basic_auth("backend", Some("backend_secret_0123456789abcdef"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::OK);
    let t: serde_json::Value = basic.json().await.unwrap();
    assert!(t.get("refresh_token").is_none() && t.get("id_token").is_none());
    let claims = verify(&h, t["access_token"].as_str().unwrap(), None).await;
    assert_eq!(claims["scope"], "https://api.example.com/read");
    assert_eq!(claims["client_id"], "backend");

    let post = token_request(
        &h,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "backend"),
            ("client_secret", "backend_secret_0123456789abcdef"),
        ],
    )
    .await;
    assert_eq!(post.status, StatusCode::OK);
    let wrong = token_request(
        &h,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "backend"),
            ("client_secret", "x"),
        ],
    )
    .await;
    assert_oauth_error(&wrong, StatusCode::BAD_REQUEST, "invalid_client");
    let missing = token_request(
        &h,
        &[("grant_type", "client_credentials"), ("client_id", "backend")],
    )
    .await;
    assert_oauth_error(&missing, StatusCode::BAD_REQUEST, "invalid_client");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resource_binding_sets_the_access_token_audience() {
    let h = start_with(&format!(
        r#"clients = [{{ allowed_oauth_scopes = ["openid", "email", "profile", "https://api.example.com/read"] }}]
        {API}"#
    ))
    .await;
    let b = Browser::new();
    local_code(&h, &b).await; // a session, so the next authorize answers at once
    let (verifier, challenge) = pkce();
    let extra = [
        ("resource", "https://api.example.com"),
        ("scope", "openid https://api.example.com/read"),
    ];
    let app = b.navigate(&authorize_url(&h, &challenge, &extra)).await.app();
    let t = redeem(&h, &query(&app, "code").unwrap(), &verifier).await.json();
    let access = verify(&h, t["access_token"].as_str().unwrap(), None).await;
    assert_eq!(access["aud"], "https://api.example.com");
    assert_eq!(access["scope"], "openid https://api.example.com/read");
    // A refresh keeps the audience (cognito-facts §1.1).
    let r = refresh_grant(&h, t["refresh_token"].as_str().unwrap())
        .await
        .json();
    assert_eq!(
        peek(r["access_token"].as_str().unwrap())["aud"],
        "https://api.example.com"
    );
    // Not a resource server, or not URL-shaped: refused.
    for bad in ["https://other.example.com", "api"] {
        let app = b
            .navigate(&authorize_url(&h, &challenge, &[("resource", bad)]))
            .await
            .app();
        assert_eq!(query(&app, "error").as_deref(), Some("invalid_request"), "{bad}");
    }
}

/// A body over the limit (axum's 2 MiB) gets Cognito's JSON error shape (cognito-facts §1.2), not axum's
/// plain-text 413; the personas answer in their JSON shape too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_gets_cognitos_json_error() {
    let h = start().await;
    let pad = "a".repeat(2 * 1024 * 1024 + 1);
    let b = Browser::new();
    for url in [
        h.url("/oauth2/token"),
        h.url("/oauth2/revoke"),
        format!("{}/token", h.local.upstream_base()),
    ] {
        let page = b
            .post_form(
                Url::parse(&url).unwrap(),
                &[
                    ("grant_type", "authorization_code"),
                    ("client_id", CLIENT),
                    ("token", "x"),
                    ("pad", &pad),
                ],
            )
            .await;
        assert_oauth_error(&page, StatusCode::BAD_REQUEST, "invalid_request");
        assert_eq!(
            page.json()["error_description"],
            "request body too large",
            "{url}"
        );
    }
    // The hosted UI's form answers on its own page, as for any malformed sign-in.
    let (_, challenge) = pkce();
    let login = b.navigate(&authorize_url(&h, &challenge, &[])).await.page();
    let csrf = login.input("_csrf");
    let page = b
        .post_form(
            login.post_action(),
            &[("_csrf", &csrf), ("username", "alice"), ("pad", &pad)],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body.contains("The sign-in request was malformed."),
        "{}",
        page.body
    );
}
