//! Test harness: Local Cognito on ephemeral loopback ports, a cookie-keeping "browser" that follows redirects
//! by hand (bounded), PKCE helpers and JWKS verification with jsonwebtoken.
#![allow(dead_code)] // each test binary uses a different part

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cogfed_local::{
    AdvanceableClock, DemoUrls, IdentityProviderConfig, LocalConfig, Ports, ProviderDetails, ProviderType,
    RunningLocal, TokenEndpointAuthMethod, UpstreamPersonaConfig, UserinfoResponseStrategy, bind,
};
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

/// Demo config plus whatever `adjust` changes; `adjust` gets the upstream base URL.
pub async fn start_with(adjust: impl FnOnce(&mut LocalConfig, &str, &str)) -> Harness {
    let bound = bind(Ports::ephemeral()).await.expect("bind");
    let cognito = bound.cognito_base();
    let upstream = bound.upstream_base();
    let mut config = LocalConfig::demo(&DemoUrls {
        cognito_base: cognito.clone(),
        upstream_base: upstream.clone(),
        spa_origin: SPA.into(),
    });
    adjust(&mut config, &cognito, &upstream);
    let clock = Arc::new(AdvanceableClock::new());
    let local = bound.serve_with_clock(config, clock.clone()).expect("serve");
    Harness { local, clock }
}

pub async fn start() -> Harness {
    start_with(|_, _, _| {}).await
}

/// Adds an OIDC IdP named `name` to the pool and the demo client, played by a persona under `path` whose
/// behaviour `misbehave` adjusts. `oidc_issuer` is what the pool is configured with (normally the persona's
/// issuer).
pub fn add_idp(
    config: &mut LocalConfig,
    cognito: &str,
    upstream: &str,
    name: &str,
    path: &str,
    misbehave: impl FnOnce(&mut UpstreamPersonaConfig, &mut IdentityProviderConfig),
) {
    let issuer = format!("{upstream}{path}");
    let mut persona = config.upstream_personas[0].clone();
    persona.provider_name = name.into();
    persona.issuer = issuer.clone();
    persona.redirect_uris = vec![format!("{cognito}/oauth2/idpresponse")];
    let mut idp = IdentityProviderConfig {
        provider_name: name.into(),
        provider_type: ProviderType::Oidc,
        provider_details: ProviderDetails::from([
            ("client_id", "cognito-local"),
            ("client_secret", "upstream-client-secret"),
            ("authorize_scopes", "openid email profile"),
            ("attributes_request_method", "GET"),
            ("oidc_issuer", issuer.trim_end_matches('/')),
        ]),
        attribute_mapping: config.identity_providers[0].attribute_mapping.clone(),
        idp_identifiers: vec![],
    };
    misbehave(&mut persona, &mut idp);
    config.upstream_personas.push(persona);
    config.identity_providers.push(idp);
    config.clients[0].supported_identity_providers.push(name.into());
}

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

/// A persona that misbehaves in one way, for `add_idp`.
pub fn signed_jwt_userinfo(p: &mut UpstreamPersonaConfig, _: &mut IdentityProviderConfig) {
    p.userinfo_response_strategy = UserinfoResponseStrategy::SignedJwt;
}
pub fn basic_only(p: &mut UpstreamPersonaConfig, _: &mut IdentityProviderConfig) {
    p.token_endpoint_auth_methods = vec![TokenEndpointAuthMethod::ClientSecretBasic];
}
pub fn no_email(p: &mut UpstreamPersonaConfig, _: &mut IdentityProviderConfig) {
    p.omit_claims = vec!["email".into()];
}
pub fn no_token_type(p: &mut UpstreamPersonaConfig, _: &mut IdentityProviderConfig) {
    p.token_type = None;
}
pub fn wrong_secret(_: &mut UpstreamPersonaConfig, idp: &mut IdentityProviderConfig) {
    idp.provider_details
        .0
        .insert("client_secret".into(), "not-the-secret".into());
}
