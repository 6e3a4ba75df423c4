//! Tokens issued by Local Cognito (`cogfed-local`) pass `cogfed token verify` against its JWKS URL, and fail
//! it when the expectations are wrong. Local Cognito runs in-process on ephemeral loopback ports; the sign-in is
//! driven over real HTTP; the CLI is the real binary.

use cogfed_local::{DEMO_LOCAL_USER, LocalConfig, Ports, RunningLocal, bind};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, Url};
use serde_json::Value;
use std::process::Command;

// Shaped like AWS's (ClientIdType and ClientSecretType are `[\w+]+`): Local Cognito refuses what AWS refuses.
const CLIENT: &str = "cli_test";
const SECRET: &str = "cli_test_secret_0123456789abcdef";
const CALLBACK: &str = "http://127.0.0.1:8080/callback";

async fn start() -> RunningLocal {
    let bound = bind(Ports::ephemeral()).await.expect("bind");
    // The demo plus a confidential client: its code flow needs no PKCE, so this test needs no hashing of its own.
    let config = LocalConfig::demo()
        .patched(&format!(
            r#"clients = [{{}}, {{ client_id = "{CLIENT}", client_secret = "{SECRET}", allowed_oauth_flows_user_pool_client = true, allowed_oauth_flows = ["code"], allowed_oauth_scopes = ["openid", "email", "profile"], callback_urls = ["{CALLBACK}"], supported_identity_providers = ["COGNITO"] }}]"#
        ))
        .expect("a TOML patch");
    bound.serve(config).expect("serve")
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = String::new();
    for (k, v) in pairs {
        if !s.is_empty() {
            s.push('&');
        }
        s.push_str(k);
        s.push('=');
        for b in v.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                s.push(char::from(b));
            } else {
                s.push_str(&format!("%{b:02X}"));
            }
        }
    }
    s
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let i = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in {text}"))
        + start.len();
    let j = text[i..].find(end).expect("end marker") + i;
    &text[i..j]
}

/// Signs alice in through the hosted UI and redeems the code: (id_token, access_token).
async fn tokens(local: &RunningLocal) -> (String, String) {
    let http = Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let authorize = format!(
        "{}?{}",
        local.endpoint("/oauth2/authorize"),
        form(&[
            ("client_id", CLIENT),
            ("redirect_uri", CALLBACK),
            ("response_type", "code"),
            ("scope", "openid email profile"),
            ("nonce", "cli-nonce"),
            ("state", "s"),
        ])
    );
    let first = http.get(&authorize).send().await.unwrap();
    let login_url = Url::parse(local.cognito_base())
        .unwrap()
        .join(first.headers()[LOCATION].to_str().unwrap())
        .unwrap();
    let page = http.get(login_url.clone()).send().await.unwrap();
    let xsrf = page.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = page.text().await.unwrap();
    let csrf = between(&html, "name=\"_csrf\" value=\"", "\"").to_owned();
    let action = between(&html, "method=\"post\" action=\"", "\"").replace("&amp;", "&");
    let signed_in = http
        .post(login_url.join(&action).unwrap())
        .header(COOKIE, xsrf)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("_csrf", &csrf),
            ("username", DEMO_LOCAL_USER.0),
            ("password", DEMO_LOCAL_USER.1),
        ]))
        .send()
        .await
        .unwrap();
    let app = Url::parse(signed_in.headers()[LOCATION].to_str().unwrap()).unwrap();
    let code = app
        .query_pairs()
        .find(|(k, _)| k == "code")
        .expect("code")
        .1
        .into_owned();
    let answer: Value = http
        .post(local.endpoint("/oauth2/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT),
            ("client_secret", SECRET),
            ("code", &code),
            ("redirect_uri", CALLBACK),
        ]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        answer["id_token"].as_str().unwrap().to_owned(),
        answer["access_token"].as_str().unwrap().to_owned(),
    )
}

/// Runs `cogfed token verify` off the async threads (Local Cognito answers its JWKS request meanwhile).
async fn cogfed_verify(args: Vec<String>) -> (i32, String) {
    tokio::task::spawn_blocking(move || {
        let out = Command::new(env!("CARGO_BIN_EXE_cogfed"))
            .arg("token")
            .arg("verify")
            .args(&args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    })
    .await
    .unwrap()
}

fn args(local: &RunningLocal, client_id: &str, token_use: &str, extra: &[&str], token: &str) -> Vec<String> {
    let mut v: Vec<String> = vec![
        "--jwks".into(),
        local.jwks_url(),
        "--issuer".into(),
        local.issuer().into(),
        "--client-id".into(),
        client_id.into(),
        "--token-use".into(),
        token_use.into(),
    ];
    v.extend(extra.iter().map(|s| (*s).to_owned()));
    v.push(token.into());
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_cognito_tokens_pass_cogfed_token_verify() {
    let local = start().await;
    let (id, access) = tokens(&local).await;

    let (code, out) = cogfed_verify(args(
        &local,
        CLIENT,
        "id",
        &["--nonce", "cli-nonce", "--access-token", &access],
        &id,
    ))
    .await;
    assert_eq!(code, 0, "ID token must verify: {out}");
    let (code, out) = cogfed_verify(args(&local, CLIENT, "access", &[], &access)).await;
    assert_eq!(code, 0, "access token must verify: {out}");

    // And the CLI is not a rubber stamp: wrong expectations fail with exit code 1.
    let (code, out) = cogfed_verify(args(&local, "someone-else", "id", &[], &id)).await;
    assert_eq!(code, 1, "wrong audience: {out}");
    let (code, out) = cogfed_verify(args(&local, CLIENT, "access", &[], &id)).await;
    assert_eq!(code, 1, "an ID token is not an access token: {out}");
    let (code, out) = cogfed_verify(args(&local, CLIENT, "id", &["--nonce", "other"], &id)).await;
    assert_eq!(code, 1, "wrong nonce: {out}");
    local.shutdown().await;
}
