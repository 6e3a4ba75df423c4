//! Test harness: Local Cognito on ephemeral loopback ports, a cookie-keeping "browser" that follows redirects
//! by hand (bounded), PKCE helpers and JWKS verification with jsonwebtoken.
//!
//! Configurations are the demo manifest (`examples/local-demo.toml`) plus a TOML patch, the way a user writes
//! them: `start_with(r#"clients = [{ access_token_validity = 30 }]"#)`. URLs on the manifest's ports (Cognito
//! `127.0.0.1:9229`, personas `127.0.0.1:9230`) follow the ports actually bound.
#![allow(dead_code)] // each test binary uses a different part

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cogfed_local::{AdvanceableClock, LocalConfig, Ports, RunningLocal, bind};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::header::{COOKIE, HeaderMap, LOCATION, SET_COOKIE};
use reqwest::{StatusCode, Url};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// The SPA origin in test configurations. Nothing listens there: the browser stops at the first redirect to it.
pub const SPA: &str = "http://127.0.0.1:8080";
pub const CALLBACK: &str = "http://127.0.0.1:8080/callback";
pub const LOGOUT: &str = "http://127.0.0.1:8080/";
pub const CLIENT: &str = "cogfed_demo_spa";

/// A running Local Cognito with the clock the test controls.
pub struct Harness {
    pub local: RunningLocal,
    pub clock: Arc<AdvanceableClock>,
}

impl Harness {
    pub fn url(&self, path: &str) -> String {
        self.local.endpoint(path)
    }
}

/// Serves `config` on ephemeral ports with a clock the test controls.
pub async fn serve(config: LocalConfig) -> Harness {
    let bound = bind(Ports::ephemeral()).await.expect("bind");
    let clock = Arc::new(AdvanceableClock::new());
    let local = bound
        .serve_with_clock(config, clock.clone())
        .unwrap_or_else(|e| panic!("serve:\n{e}"));
    Harness { local, clock }
}

/// The demo manifest with `patch` merged in (`LocalConfig::patched`: tables by key, arrays of tables by index).
pub async fn start_with(patch: &str) -> Harness {
    serve(
        LocalConfig::demo()
            .patched(patch)
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .await
}

pub async fn start() -> Harness {
    start_with("").await
}

/// An OIDC IdP added to the demo pool and client, played by a persona under `path` on the upstream port: a
/// copy of the demo's `Upstream` (same client, secret, mapping and user bob) with its own misbehaviour.
pub struct ExtraIdp {
    name: &'static str,
    path: &'static str,
    registration: String,
    persona: String,
    oidc_issuer: Option<&'static str>,
}

pub fn idp(name: &'static str, path: &'static str) -> ExtraIdp {
    ExtraIdp {
        name,
        path,
        registration: String::new(),
        persona: String::new(),
        oidc_issuer: None,
    }
}

impl ExtraIdp {
    /// More fields of the IdP's registration of Cognito (`[[upstream_idps]]`).
    pub fn registration(mut self, fields: &str) -> Self {
        self.registration = format!(", {fields}");
        self
    }
    /// More fields of the persona (`[[local.upstreams]]`).
    pub fn persona(mut self, fields: &str) -> Self {
        self.persona = format!(", {fields}");
        self
    }
    /// The `oidc_issuer` the pool is configured with (default: the persona's issuer without trailing slash).
    pub fn oidc_issuer(mut self, url: &'static str) -> Self {
        self.oidc_issuer = Some(url);
        self
    }
}

const BOB: &str = r#"{ username = "bob", password = "Bob-Passw0rd!", attributes = { sub = "00u-bob-upstream", email = "bob@upstream.example", email_verified = true, name = "Bob Upstream", preferred_username = "bob" } }"#;

/// The patch that adds `idps` after the demo's own IdP.
pub fn with_idps(idps: &[ExtraIdp]) -> String {
    let (mut pool, mut registrations, mut personas) = (
        vec!["{}".to_owned()],
        vec!["{}".to_owned()],
        vec!["{}".to_owned()],
    );
    let mut supported = vec!["\"COGNITO\"".to_owned(), "\"Upstream\"".to_owned()];
    for i in idps {
        let (name, issuer) = (i.name, format!("http://127.0.0.1:9230{}", i.path));
        let oidc_issuer = i
            .oidc_issuer
            .map(str::to_owned)
            .unwrap_or_else(|| issuer.trim_end_matches('/').to_owned());
        pool.push(format!(
            r#"{{ provider_name = "{name}", provider_type = "OIDC", attribute_mapping = {{ email = "email", email_verified = "email_verified", name = "name" }}, provider_details = {{ client_id = "cognito-local", client_secret = "upstream-client-secret", authorize_scopes = "openid email profile", attributes_request_method = "GET", oidc_issuer = "{oidc_issuer}" }} }}"#
        ));
        registrations.push(format!(
            r#"{{ provider_name = "{name}", issuer = "{issuer}", client_id = "cognito-local", redirect_uris = ["http://127.0.0.1:9229/oauth2/idpresponse"]{} }}"#,
            i.registration
        ));
        personas.push(format!(
            r#"{{ provider_name = "{name}", users = [{BOB}]{} }}"#,
            i.persona
        ));
        supported.push(format!("\"{name}\""));
    }
    format!(
        "identity_providers = [{}]\nupstream_idps = [{}]\nclients = [{{ supported_identity_providers = [{}] }}]\nlocal = {{ upstreams = [{}] }}\n",
        pool.join(", "),
        registrations.join(", "),
        supported.join(", "),
        personas.join(", ")
    )
}

/// Misbehaviours of a persona, for `with_idps`: fields of its registration...
pub const SIGNED_JWT_USERINFO: &str = r#"userinfo_response_strategy = "signedJwt""#;
pub const BASIC_ONLY: &str = r#"token_endpoint_auth_methods = ["client_secret_basic"]"#;
pub const NO_TOKEN_TYPE: &str = r#"token_type = """#;
/// ...and of the persona itself.
pub const NO_EMAIL: &str = r#"omit_claims = ["email"]"#;
pub const WRONG_SECRET: &str = r#"client_secret = "not-the-secret""#;

/// One HTTP answer, read fully.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub url: Url,
}

impl Page {
    pub fn location(&self) -> Option<Url> {
        let loc = self.headers.get(LOCATION)?.to_str().ok()?;
        self.url.join(loc).ok()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The `value` of the `<input name=...>` in this page.
    pub fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\"");
        let at = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("no input {name} in {}", self.body));
        let rest = &self.body[at..];
        let v = rest.find("value=\"").expect("input has a value") + 7;
        let end = rest[v..].find('"').expect("value ends");
        rest[v..v + end].replace("&amp;", "&")
    }
    /// The action of the first `<form method="post">`.
    pub fn post_action(&self) -> Url {
        let marker = "method=\"post\" action=\"";
        let at = self.body.find(marker).expect("a post form") + marker.len();
        let end = self.body[at..].find('"').expect("action ends");
        self.url
            .join(&self.body[at..at + end].replace("&amp;", "&"))
            .expect("action URL")
    }
}

/// A cookie-keeping client that never follows redirects by itself.
pub struct Browser {
    http: reqwest::Client,
    cookies: Mutex<BTreeMap<String, String>>,
}

impl Default for Browser {
    fn default() -> Self {
        Self::new()
    }
}

impl Browser {
    pub fn new() -> Self {
        Browser {
            http: reqwest::Client::builder()
                .no_proxy()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&self, headers: &HeaderMap) {
        let mut jar = self.cookies.lock().unwrap();
        for sc in headers.get_all(SET_COOKIE) {
            let sc = sc.to_str().unwrap();
            let first = sc.split(';').next().unwrap();
            let (k, v) = first.split_once('=').unwrap();
            if v.is_empty() || sc.contains("Max-Age=0") {
                jar.remove(k);
            } else {
                jar.insert(k.into(), v.into());
            }
        }
    }

    async fn read(&self, url: Url, resp: reqwest::Response) -> Page {
        let status = resp.status();
        let headers = resp.headers().clone();
        self.keep_cookies(&headers);
        let body = resp.text().await.expect("body");
        Page {
            status,
            headers,
            body,
            url,
        }
    }

    pub async fn get(&self, url: &str) -> Page {
        let url = Url::parse(url).expect("url");
        let resp = self
            .http
            .get(url.clone())
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .expect("GET");
        self.read(url, resp).await
    }

    pub async fn post_form(&self, url: Url, pairs: &[(&str, &str)]) -> Page {
        let body = form(pairs);
        let resp = self
            .http
            .post(url.clone())
            .header(COOKIE, self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        self.read(url, resp).await
    }

    /// Follows redirects from `page` until one points at the SPA (returned, not fetched) or a page answers
    /// without a redirect. At most 10 hops.
    pub async fn follow(&self, mut page: Page) -> Outcome {
        for _ in 0..10 {
            let Some(next) = page.location() else {
                return Outcome::Page(page);
            };
            if next.as_str().starts_with(SPA) {
                return Outcome::App(next);
            }
            page = self.get(next.as_str()).await;
        }
        panic!("more than 10 redirects");
    }

    pub async fn navigate(&self, url: &str) -> Outcome {
        let first = self.get(url).await;
        self.follow(first).await
    }

    /// Submits the hosted UI form on `page` with these credentials.
    pub async fn sign_in(&self, page: &Page, username: &str, password: &str) -> Outcome {
        let csrf = page.input("_csrf");
        let answer = self
            .post_form(
                page.post_action(),
                &[("_csrf", &csrf), ("username", username), ("password", password)],
            )
            .await;
        self.follow(answer).await
    }

    /// Submits the persona's form on `page`.
    pub async fn persona_sign_in(&self, page: &Page, username: &str, password: &str) -> Outcome {
        let txn = page.input("transaction");
        let csrf = page.input("csrf");
        let answer = self
            .post_form(
                page.post_action(),
                &[
                    ("transaction", &txn),
                    ("csrf", &csrf),
                    ("username", username),
                    ("password", password),
                ],
            )
            .await;
        self.follow(answer).await
    }
}

/// Where a navigation ended.
#[derive(Debug)]
pub enum Outcome {
    /// A redirect to the app (not fetched).
    App(Url),
    /// A page that did not redirect.
    Page(Page),
}

impl Outcome {
    pub fn app(self) -> Url {
        match self {
            Outcome::App(u) => u,
            Outcome::Page(p) => panic!(
                "expected a redirect to the app, got {} at {}: {}",
                p.status, p.url, p.body
            ),
        }
    }
    pub fn page(self) -> Page {
        match self {
            Outcome::Page(p) => p,
            Outcome::App(u) => panic!("expected a page, got a redirect to the app: {u}"),
        }
    }
}

pub fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// A PKCE pair: (verifier, S256 challenge).
pub fn pkce() -> (String, String) {
    let verifier = format!("{}{}", "v".repeat(20), rand_suffix());
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    let challenge = URL_SAFE_NO_PAD.encode(digest.as_ref());
    (verifier, challenge)
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let n = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    format!("{n:032}")
}

/// `/oauth2/authorize?...` for the demo client with PKCE, plus `extra` (an empty value removes a parameter).
pub fn authorize_url(h: &Harness, challenge: &str, extra: &[(&str, &str)]) -> String {
    let mut params: BTreeMap<&str, &str> = [
        ("client_id", CLIENT),
        ("redirect_uri", CALLBACK),
        ("response_type", "code"),
        ("scope", "openid email profile"),
        ("state", "st-1"),
        ("nonce", "n-1"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]
    .into_iter()
    .collect();
    for (k, v) in extra {
        if v.is_empty() {
            params.remove(k);
        } else {
            params.insert(k, v);
        }
    }
    let pairs: Vec<(&str, &str)> = params.into_iter().collect();
    format!("{}?{}", h.url("/oauth2/authorize"), form(&pairs))
}

/// Signs alice in through the hosted UI (or reuses the browser's session); returns the code and verifier.
pub async fn local_code(h: &Harness, browser: &Browser) -> (String, String) {
    let (verifier, challenge) = pkce();
    // With a live session (an earlier sign-in by this browser) Cognito answers with a code at once.
    let app = match browser.navigate(&authorize_url(h, &challenge, &[])).await {
        Outcome::App(app) => app,
        Outcome::Page(login) => browser
            .sign_in(&login, "alice", cogfed_local::DEMO_LOCAL_USER.1)
            .await
            .app(),
    };
    assert_eq!(query(&app, "state").as_deref(), Some("st-1"));
    (query(&app, "code").expect("code"), verifier)
}

/// POSTs a form to the token endpoint (public client).
pub async fn token_request(h: &Harness, pairs: &[(&str, &str)]) -> Page {
    Browser::new()
        .post_form(Url::parse(&h.url("/oauth2/token")).unwrap(), pairs)
        .await
}

pub async fn redeem(h: &Harness, code: &str, verifier: &str) -> Page {
    token_request(
        h,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT),
            ("code", code),
            ("redirect_uri", CALLBACK),
            ("code_verifier", verifier),
        ],
    )
    .await
}

/// A refresh_token grant for the demo client.
pub async fn refresh_grant(h: &Harness, refresh_token: &str) -> Page {
    token_request(
        h,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT),
            ("refresh_token", refresh_token),
        ],
    )
    .await
}

/// The JWKS the harness serves, fetched over HTTP.
pub async fn jwks(h: &Harness) -> JwkSet {
    let page = Browser::new().get(&h.local.jwks_url()).await;
    serde_json::from_str(&page.body).expect("JWKS")
}

/// Verifies a Cognito token against the served JWKS with jsonwebtoken; `audience` for ID tokens.
pub async fn verify(h: &Harness, token: &str, audience: Option<&str>) -> Value {
    let set = jwks(h).await;
    let header = jsonwebtoken::decode_header(token).expect("header");
    let kid = header.kid.expect("kid");
    let jwk = set.find(&kid).unwrap_or_else(|| panic!("kid {kid} not in JWKS"));
    let key = DecodingKey::from_jwk(jwk).expect("key");
    let mut v = Validation::new(Algorithm::RS256);
    v.set_issuer(&[h.local.issuer()]);
    match audience {
        Some(a) => v.set_audience(&[a]),
        None => v.validate_aud = false,
    }
    v.leeway = 0;
    jsonwebtoken::decode::<Value>(token, &key, &v)
        .expect("token verifies")
        .claims
}

/// The claims of a JWT, unverified.
pub fn peek(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("b64")).expect("json")
}
