//! Test support for the browser tests: RSA keys and JWT signing with WebCrypto, a fake OpenID provider
//! behind `window.fetch`, URL and storage helpers. Everything runs in the real headless Chromium.

#![allow(dead_code)]

use cogfed_leptos::{Auth, AuthState};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const ISSUER: &str = "https://op.test/us-east-1_Test";
pub const OP: &str = "https://op.test";
pub const API: &str = "https://api.test";

#[wasm_bindgen(inline_js = r#"
export function install_fetch(handler) {
  if (!globalThis.__cogfedRealFetch) { globalThis.__cogfedRealFetch = globalThis.fetch; }
  globalThis.fetch = async function (input, init) {
    const request = new Request(input, init);
    const body = (request.method === "GET" || request.method === "HEAD") ? "" : await request.text();
    const answer = handler(request.url, request.method, body, request.headers.get("authorization") || "");
    const status = answer[0];
    return new Response(status === 204 ? null : answer[1], { status, headers: { "content-type": "application/json" } });
  };
}
export function restore_fetch() {
  if (globalThis.__cogfedRealFetch) { globalThis.fetch = globalThis.__cogfedRealFetch; }
}
"#)]
extern "C" {
    fn install_fetch(handler: &Closure<dyn FnMut(String, String, String, String) -> js_sys::Array>);
    pub fn restore_fetch();
}

pub fn win() -> web_sys::Window {
    web_sys::window().unwrap()
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        win()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

pub fn b64(bytes: &[u8]) -> String {
    cogfed_auth::base64url::encode(bytes)
}

pub fn object(members: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (name, value) in members {
        js_sys::Reflect::set(&object, &JsValue::from_str(name), value).unwrap();
    }
    object
}

fn subtle() -> web_sys::SubtleCrypto {
    win().crypto().unwrap().subtle()
}

/// An RSA key pair made by WebCrypto, with its public JWK.
pub struct TestKey {
    pub kid: String,
    pub private: web_sys::CryptoKey,
    pub jwk: Value,
}

pub async fn generate_key(kid: &str) -> TestKey {
    let algorithm = object(&[
        ("name", "RSASSA-PKCS1-v1_5".into()),
        ("modulusLength", 2048.into()),
        (
            "publicExponent",
            js_sys::Uint8Array::from(&[1u8, 0, 1][..]).into(),
        ),
        ("hash", "SHA-256".into()),
    ]);
    let usages = js_sys::Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle()
            .generate_key_with_object(&algorithm, true, &usages)
            .unwrap(),
    )
    .await
    .unwrap();
    let get = |name: &str| -> web_sys::CryptoKey {
        js_sys::Reflect::get(&pair, &name.into())
            .unwrap()
            .unchecked_into()
    };
    let exported = JsFuture::from(subtle().export_key("jwk", &get("publicKey")).unwrap())
        .await
        .unwrap();
    let text: String = js_sys::JSON::stringify(&exported).unwrap().into();
    let full: Value = serde_json::from_str(&text).unwrap();
    let jwk = json!({"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", "n": full["n"], "e": full["e"]});
    TestKey {
        kid: kid.to_owned(),
        private: get("privateKey"),
        jwk,
    }
}

/// Signs `claims` as a compact RS256 JWS with `key` (header `{"alg":"RS256","kid":...}`).
pub async fn sign(key: &TestKey, claims: &Value) -> String {
    sign_with_header(key, &json!({"alg": "RS256", "kid": key.kid}), claims).await
}

pub async fn sign_with_header(key: &TestKey, header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let algorithm = object(&[("name", "RSASSA-PKCS1-v1_5".into())]);
    let signature = JsFuture::from(
        subtle()
            .sign_with_object_and_u8_array(&algorithm, &key.private, input.as_bytes())
            .unwrap(),
    )
    .await
    .unwrap();
    let bytes = js_sys::Uint8Array::new(&signature).to_vec();
    format!("{input}.{}", b64(&bytes))
}

pub fn now() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// One request the fake provider received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub url: String,
    pub method: String,
    pub body: String,
    pub authorization: String,
}

impl Recorded {
    pub fn form(&self) -> Vec<(String, String)> {
        cogfed_auth::url::parse_query(&self.body).unwrap()
    }
    pub fn param(&self, name: &str) -> Option<String> {
        self.form().into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

#[derive(Default)]
pub struct OpState {
    pub discovery: String,
    pub jwks: String,
    pub token: VecDeque<(u16, String)>,
    pub userinfo: VecDeque<(u16, String)>,
    pub api: VecDeque<u16>,
    pub requests: Vec<Recorded>,
}

/// A fake OpenID provider (Cognito-shaped) answering `window.fetch`.
pub struct FakeOp {
    pub state: Rc<RefCell<OpState>>,
    pub id_key: TestKey,
    pub access_key: TestKey,
    _handler: Closure<dyn FnMut(String, String, String, String) -> js_sys::Array>,
}

impl FakeOp {
    pub async fn install() -> FakeOp {
        // Cognito signs ID and access tokens with different keys (cognito-facts §1.7).
        let id_key = generate_key("id-key+/=").await;
        let access_key = generate_key("access-key").await;
        let state = Rc::new(RefCell::new(OpState {
            discovery: json!({
                "issuer": ISSUER,
                "authorization_endpoint": format!("{OP}/oauth2/authorize"),
                "token_endpoint": format!("{OP}/oauth2/token"),
                "userinfo_endpoint": format!("{OP}/oauth2/userInfo"),
                "revocation_endpoint": format!("{OP}/oauth2/revoke"),
                "end_session_endpoint": format!("{OP}/logout"),
                "jwks_uri": format!("{ISSUER}/.well-known/jwks.json"),
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
            })
            .to_string(),
            jwks: json!({"keys": [id_key.jwk, access_key.jwk]}).to_string(),
            ..OpState::default()
        }));
        let shared = state.clone();
        let handler = Closure::<dyn FnMut(String, String, String, String) -> js_sys::Array>::new(
            move |url: String, method: String, body: String, authorization: String| {
                let mut op = shared.borrow_mut();
                op.requests.push(Recorded {
                    url: url.clone(),
                    method,
                    body,
                    authorization,
                });
                let (status, text) = if url == format!("{ISSUER}/.well-known/openid-configuration") {
                    (200, op.discovery.clone())
                } else if url == format!("{ISSUER}/.well-known/jwks.json") {
                    (200, op.jwks.clone())
                } else if url == format!("{OP}/oauth2/token") {
                    op.token
                        .pop_front()
                        .unwrap_or((500, r#"{"error":"no scripted response"}"#.into()))
                } else if url == format!("{OP}/oauth2/userInfo") {
                    op.userinfo.pop_front().unwrap_or((500, "{}".into()))
                } else if url == format!("{OP}/oauth2/revoke") {
                    (200, String::new())
                } else if url.starts_with(API) {
                    (op.api.pop_front().unwrap_or(500), "{}".into())
                } else {
                    (404, "{}".into())
                };
                js_sys::Array::of2(&JsValue::from(status), &JsValue::from_str(&text))
            },
        );
        install_fetch(&handler);
        FakeOp {
            state,
            id_key,
            access_key,
            _handler: handler,
        }
    }

    pub fn requests_to(&self, url: &str) -> Vec<Recorded> {
        self.state
            .borrow()
            .requests
            .iter()
            .filter(|r| r.url == url)
            .cloned()
            .collect()
    }

    pub fn token_requests(&self) -> Vec<Recorded> {
        self.requests_to(&format!("{OP}/oauth2/token"))
    }

    pub fn push_token(&self, status: u16, body: Value) {
        self.state
            .borrow_mut()
            .token
            .push_back((status, body.to_string()));
    }

    /// A Cognito-shaped ID token and access token for `client_id`.
    pub async fn tokens(&self, client_id: &str, nonce: Option<&str>, tag: &str) -> (String, String) {
        let now = now();
        let access_claims = json!({
            "sub": "user-1", "iss": ISSUER, "client_id": client_id, "token_use": "access",
            "scope": "openid email profile", "exp": now + 3600, "iat": now, "auth_time": now,
            "jti": format!("jti-{tag}"), "username": "alice", "version": 2,
        });
        let access = sign(&self.access_key, &access_claims).await;
        let mut id_claims = json!({
            "sub": "user-1", "aud": client_id, "iss": ISSUER, "token_use": "id",
            "exp": now + 3600, "iat": now, "auth_time": now, "email": "alice@example.com",
            "cognito:username": "alice", "cognito:groups": ["admins"],
            "at_hash": sha256_at_hash(&access).await,
        });
        if let Some(nonce) = nonce {
            id_claims["nonce"] = json!(nonce);
        }
        let id = sign(&self.id_key, &id_claims).await;
        (id, access)
    }
}

/// SHA-256 with WebCrypto (the browser build has no SHA-256 of its own).
pub async fn sha256(data: &str) -> [u8; 32] {
    use cogfed_auth::SignatureVerifier;
    cogfed_leptos::WebCryptoVerifier::new()
        .sha256(data.as_bytes())
        .await
        .unwrap()
}

/// The `at_hash` of an access token (OIDC Core §3.2.2.9), hashed with WebCrypto.
pub async fn sha256_at_hash(access_token: &str) -> String {
    cogfed_auth::validate::at_hash_of_digest(&sha256(access_token).await)
}

impl Drop for FakeOp {
    fn drop(&mut self) {
        restore_fetch();
    }
}

/// Replaces the test page's URL (same origin) without navigating.
pub fn set_url(path: &str) {
    win()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
}

pub fn location_path() -> String {
    let location = win().location();
    format!(
        "{}{}{}",
        location.pathname().unwrap(),
        location.search().unwrap(),
        location.hash().unwrap()
    )
}

pub fn origin() -> String {
    win().location().origin().unwrap()
}

pub fn session_storage() -> web_sys::Storage {
    win().session_storage().unwrap().unwrap()
}

pub fn local_storage() -> web_sys::Storage {
    win().local_storage().unwrap().unwrap()
}

/// Every key and value in a Web Storage area.
pub fn entries(storage: &web_sys::Storage) -> Vec<(String, String)> {
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .map(|k| {
            let v = storage.get_item(&k).unwrap().unwrap_or_default();
            (k, v)
        })
        .collect()
}

/// Removes this crate's keys from both storage areas.
pub fn clear_storage() {
    for storage in [session_storage(), local_storage()] {
        for (key, _) in entries(&storage) {
            if key.starts_with("cogfed.") {
                storage.remove_item(&key).unwrap();
            }
        }
    }
}

/// Waits (bounded: 5 s) until the state satisfies `done`.
pub async fn wait_for(auth: Auth, done: impl Fn(&AuthState) -> bool) -> AuthState {
    for _ in 0..250 {
        let state = auth.state_untracked();
        if done(&state) {
            return state;
        }
        sleep(20).await;
    }
    panic!("state did not settle: {:?}", auth.state_untracked());
}

/// The query parameter `name` of an absolute URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    cogfed_auth::url::parse_query(query)
        .unwrap()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}
