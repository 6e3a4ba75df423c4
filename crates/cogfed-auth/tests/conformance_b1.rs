//! The applicable ("A" and "(A)") OpenID RP conformance cases of security-checklist B1, plus the SPA-relevant
//! FAPI client cases it lists, each a named test. A test OP runs on real loopback HTTP (discovery, JWKS,
//! a token endpoint that enforces PKCE S256, userInfo, revocation) and misbehaves exactly as the
//! conformance suite's OP does for that case; the client runs the real flow against it.

mod common;

use cogfed_auth::callback::CallbackError;
use cogfed_auth::flow::{self, ClientConfig, FlowError, SignInOptions, SignedIn};
use cogfed_auth::jwks::{JwksCache, KeyError};
use cogfed_auth::token::TokenError;
use cogfed_auth::userinfo::UserInfoError;
use cogfed_auth::{BlockingHttpClient, Endpoints, JsonwebtokenVerifier, MemoryTransactionStore, VerifyError};
use common::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How the test OP misbehaves.
#[derive(Clone)]
struct Behaviour {
    id_claims: fn(Value) -> Value,
    id_header: fn(Value) -> Value,
    sign_id_with_other_key: bool,
    hs256_id_token: bool,
    jwks: Vec<Value>,
    userinfo_sub: Option<String>,
    token_type: &'static str,
    expires_in: bool,
    advertise_iss_parameter: bool,
    refresh_id_claims: fn(Value) -> Value,
    rotate_refresh_token: bool,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            id_claims: |c| c,
            id_header: |h| h,
            sign_id_with_other_key: false,
            hs256_id_token: false,
            jwks: vec![jwk(key(), Some(KID))],
            userinfo_sub: None,
            token_type: "Bearer",
            expires_in: true,
            advertise_iss_parameter: false,
            refresh_id_claims: |c| c,
            rotate_refresh_token: false,
        }
    }
}

struct Grant {
    challenge: String,
    nonce: String,
    redirect_uri: String,
}

struct OpState {
    issuer: String,
    behaviour: Behaviour,
    grants: HashMap<String, Grant>,
    issued_access_token: Option<String>,
    next_code: u32,
}

struct TestOp {
    server: LoopbackServer,
    state: Arc<Mutex<OpState>>,
}

const REDIRECT_URI: &str = "http://localhost:8080/callback";
const SUB: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

fn form_value(form: &[(String, String)], name: &str) -> Option<String> {
    form.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

fn oauth_error(error: &str) -> Reply {
    Reply::json(400, json!({ "error": error }).to_string())
}

fn issue_tokens(state: &mut OpState, nonce: Option<&str>, refresh: bool) -> Reply {
    let b = state.behaviour.clone();
    let access = sign(&header(), &with(access_claims(), "iss", json!(state.issuer)));
    let mut claims = with(
        with(id_claims(), "iss", json!(state.issuer)),
        "at_hash",
        json!(cogfed_auth::validate::at_hash(&access)),
    );
    claims = match nonce {
        Some(n) => with(claims, "nonce", json!(n)),
        None => without(claims, "nonce"),
    };
    claims = if refresh {
        (b.refresh_id_claims)(claims)
    } else {
        (b.id_claims)(claims)
    };
    let h = (b.id_header)(header());
    let id_token = if b.hs256_id_token {
        let h = with(h, "alg", json!("HS256"));
        let input = signing_input(&h.to_string(), &claims.to_string());
        format!(
            "{input}.{}",
            cogfed_auth::base64url::encode(&hmac_sha256(b"secret", input.as_bytes()))
        )
    } else if b.sign_id_with_other_key {
        sign_raw_with(other_key(), &h.to_string(), &claims.to_string())
    } else {
        sign_raw(&h.to_string(), &claims.to_string())
    };
    state.issued_access_token = Some(access.clone());
    let mut body = json!({ "access_token": access, "id_token": id_token, "token_type": b.token_type });
    if b.expires_in {
        body["expires_in"] = json!(3600);
    }
    if !refresh || b.rotate_refresh_token {
        body["refresh_token"] = json!(if refresh { "rt-2" } else { "rt-1" });
    }
    Reply::json(200, body.to_string())
}

impl TestOp {
    fn start(behaviour: Behaviour) -> TestOp {
        let state = Arc::new(Mutex::new(OpState {
            issuer: String::new(),
            behaviour,
            grants: HashMap::new(),
            issued_access_token: None,
            next_code: 0,
        }));
        let shared = state.clone();
        let server = LoopbackServer::start(move |req| {
            let mut st = shared.lock().expect("op state");
            let iss = st.issuer.clone();
            match (req.method.as_str(), req.path.as_str()) {
                ("GET", "/.well-known/openid-configuration") => Reply::json(
                    200,
                    json!({
                        "issuer": iss,
                        "authorization_endpoint": format!("{iss}/oauth2/authorize"),
                        "token_endpoint": format!("{iss}/oauth2/token"),
                        "userinfo_endpoint": format!("{iss}/oauth2/userInfo"),
                        "revocation_endpoint": format!("{iss}/oauth2/revoke"),
                        "jwks_uri": format!("{iss}/jwks"),
                        "response_types_supported": ["code"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "authorization_response_iss_parameter_supported": st.behaviour.advertise_iss_parameter,
                    })
                    .to_string(),
                ),
                ("GET", "/jwks") => Reply::json(200, jwks_json(&st.behaviour.jwks)),
                ("POST", "/oauth2/token") => {
                    let form = req.form();
                    if req.header("authorization").is_some() {
                        return oauth_error("invalid_client");
                    }
                    if form_value(&form, "client_id").as_deref() != Some(CLIENT_ID) {
                        return oauth_error("invalid_client");
                    }
                    match form_value(&form, "grant_type").as_deref() {
                        Some("authorization_code") => {
                            let Some(grant) = form_value(&form, "code").and_then(|c| st.grants.remove(&c)) else {
                                return oauth_error("invalid_grant");
                            };
                            if form_value(&form, "redirect_uri").as_deref() != Some(grant.redirect_uri.as_str()) {
                                return Reply::json(400, r#"{"error":"unauthorized_client","error_description":"invalid_redirect"}"#);
                            }
                            // RFC 7636 §4.6, as the conformance OP's ValidateCodeVerifierWithS256 does.
                            let verifier = form_value(&form, "code_verifier").unwrap_or_default();
                            let computed = cogfed_auth::base64url::encode(&Sha256::digest(verifier.as_bytes()));
                            if computed != grant.challenge {
                                return oauth_error("invalid_grant");
                            }
                            issue_tokens(&mut st, Some(&grant.nonce), false)
                        }
                        Some("refresh_token") if form_value(&form, "refresh_token").as_deref() == Some("rt-1") => {
                            issue_tokens(&mut st, None, true)
                        }
                        _ => oauth_error("invalid_grant"),
                    }
                }
                ("GET", "/oauth2/userInfo") => {
                    let expected = st.issued_access_token.as_ref().map(|t| format!("Bearer {t}"));
                    if req.header("authorization").map(str::to_owned) != expected {
                        return Reply { status: 401, headers: vec![("WWW-Authenticate".into(), r#"error="invalid_token""#.into())], body: String::new() };
                    }
                    let sub = st.behaviour.userinfo_sub.clone().unwrap_or_else(|| SUB.into());
                    Reply::json(200, json!({ "sub": sub, "email": "alice@example.com", "email_verified": "true", "username": "alice" }).to_string())
                }
                ("POST", "/oauth2/revoke") => {
                    if form_value(&req.form(), "token").as_deref() == Some("rt-1") {
                        Reply::json(200, "")
                    } else {
                        oauth_error("unsupported_token_type")
                    }
                }
                _ => Reply::json(404, "{}"),
            }
        });
        state.lock().expect("op state").issuer = server.base.clone();
        TestOp { server, state }
    }

    fn issuer(&self) -> String {
        self.server.base.clone()
    }

    /// The browser's trip through /oauth2/authorize: the OP records the request and redirects back.
    fn authorize(&self, url: &str) -> String {
        let query = url.split_once('?').expect("query").1;
        let q: HashMap<String, String> = cogfed_auth::url::parse_query(query)
            .expect("query")
            .into_iter()
            .collect();
        assert_eq!(
            q.get("response_type").map(String::as_str),
            Some("code"),
            "rp-response_type-code"
        );
        assert_eq!(q.get("code_challenge_method").map(String::as_str), Some("S256"));
        assert_eq!(q.get("client_id").map(String::as_str), Some(CLIENT_ID));
        let mut st = self.state.lock().expect("op state");
        st.next_code += 1;
        let code = format!("code-{}", st.next_code);
        st.grants.insert(
            code.clone(),
            Grant {
                challenge: q["code_challenge"].clone(),
                nonce: q["nonce"].clone(),
                redirect_uri: q["redirect_uri"].clone(),
            },
        );
        let mut callback =
            cogfed_auth::url::with_query(&q["redirect_uri"], &[("code", &code), ("state", &q["state"])]);
        if st.behaviour.advertise_iss_parameter {
            callback = cogfed_auth::url::with_query(&callback, &[("iss", &st.issuer)]);
        }
        callback
    }
}

fn client() -> ClientConfig {
    ClientConfig {
        client_id: CLIENT_ID.into(),
        redirect_uri: REDIRECT_URI.into(),
        scopes: vec!["openid".into(), "email".into(), "profile".into()],
    }
}

struct Rp {
    http: BlockingHttpClient,
    endpoints: Endpoints,
    keys: JwksCache<BlockingHttpClient, TestClock>,
    store: MemoryTransactionStore,
    clock: TestClock,
}

impl Rp {
    /// rp-discovery-openid-configuration: everything starts from the issuer's discovery document.
    fn discover(op: &TestOp) -> Rp {
        let http = BlockingHttpClient::new().expect("client");
        let endpoints = block_on(cogfed_auth::endpoints::discover(&http, &op.issuer())).expect("discovery");
        let clock = TestClock::at(NOW);
        let keys = JwksCache::new(http.clone(), clock.clone(), endpoints.jwks_uri.clone());
        Rp {
            http,
            endpoints,
            keys,
            store: MemoryTransactionStore::new(),
            clock,
        }
    }

    fn begin(&mut self) -> String {
        let now = self.clock.0.get();
        block_on(flow::begin_sign_in(
            &self.endpoints,
            &client(),
            &SignInOptions::default(),
            &cogfed_auth::OsRandomness,
            &JsonwebtokenVerifier,
            &mut self.store,
            now,
        ))
        .expect("begin")
        .url
    }

    fn finish(&mut self, callback: &str) -> Result<SignedIn, FlowError> {
        let now = self.clock.0.get();
        block_on(flow::finish_sign_in(
            callback,
            &mut self.store,
            &self.http,
            &mut self.keys,
            &JsonwebtokenVerifier,
            &self.endpoints,
            CLIENT_ID,
            now,
        ))
    }

    fn sign_in(&mut self, op: &TestOp) -> Result<SignedIn, FlowError> {
        let url = self.begin();
        let callback = op.authorize(&url);
        self.finish(&callback)
    }
}

fn sign_in(behaviour: Behaviour) -> Result<SignedIn, FlowError> {
    let op = TestOp::start(behaviour);
    Rp::discover(&op).sign_in(&op)
}

fn rejected_check(behaviour: Behaviour) -> &'static str {
    match sign_in(behaviour) {
        Err(FlowError::IdToken(failure)) => failure.error.check().as_str(),
        other => panic!("expected the ID token to be rejected, got {other:?}"),
    }
}

#[test]
fn b1_rp_response_type_code() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    assert!(url.starts_with(&format!("{}/oauth2/authorize?response_type=code&", op.issuer())));
    let signed_in = rp.finish(&op.authorize(&url)).expect("happy path");
    assert_eq!(signed_in.id_token.jwt.claims.sub.as_deref(), Some(SUB));
    assert!(signed_in.id_token.report.iter().all(|c| c.passed));
    let at_hash = signed_in
        .id_token
        .report
        .iter()
        .find(|c| c.check.as_str() == "at_hash")
        .expect("at_hash");
    assert_eq!(at_hash.detail(), "matches the access token");
    assert_eq!(
        signed_in.tokens.refresh_token,
        Some(cogfed_auth::RefreshToken("rt-1".into()))
    );
    assert_eq!(signed_in.tokens.expires_at, Some(NOW + 3600));
    let token_request = op
        .server
        .recorded()
        .into_iter()
        .find(|r| r.path == "/oauth2/token")
        .expect("token request");
    assert_eq!(
        token_request.header("authorization"),
        None,
        "public client: no Basic header"
    );
}

#[test]
fn b1_rp_id_token_issuer_mismatch() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(c, "iss", json!("https://example.com/other")),
            ..Behaviour::default()
        }),
        "iss"
    );
}

#[test]
fn b1_rp_id_token_sub() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| without(c, "sub"),
            ..Behaviour::default()
        }),
        "sub"
    );
}

#[test]
fn b1_rp_id_token_aud() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(c, "aud", json!("invalid-client")),
            ..Behaviour::default()
        }),
        "aud"
    );
}

#[test]
fn b1_rp_id_token_aud_missing() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| without(c, "aud"),
            ..Behaviour::default()
        }),
        "aud"
    );
}

#[test]
fn b1_rp_id_token_iat() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| without(c, "iat"),
            ..Behaviour::default()
        }),
        "iat"
    );
}

#[test]
fn b1_rp_id_token_kid_absent_single_jwks() {
    let behaviour = Behaviour {
        id_header: |h| without(h, "kid"),
        jwks: vec![jwk(key(), None)],
        ..Behaviour::default()
    };
    assert!(sign_in(behaviour).is_ok());
}

#[test]
fn b1_rp_id_token_kid_absent_multiple_jwks() {
    // Policy: reject (Cognito always sends kid); see cogfed_auth::jwks.
    let behaviour = Behaviour {
        id_header: |h| without(h, "kid"),
        jwks: vec![jwk(key(), None), jwk(other_key(), None)],
        ..Behaviour::default()
    };
    match sign_in(behaviour) {
        Err(FlowError::IdToken(f)) => assert_eq!(f.error, VerifyError::Key(KeyError::KidAbsentAmbiguous(2))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn b1_rp_id_token_sig_rs256() {
    let signed_in = sign_in(Behaviour::default()).expect("valid RS256");
    let sig = signed_in
        .id_token
        .report
        .iter()
        .find(|c| c.check.as_str() == "signature")
        .expect("signature");
    assert!(sig.passed);
}

#[test]
fn b1_rp_id_token_sig_none() {
    assert_eq!(
        rejected_check(Behaviour {
            id_header: |h| with(h, "alg", json!("none")),
            ..Behaviour::default()
        }),
        "alg"
    );
}

#[test]
fn b1_rp_id_token_bad_sig_rs256() {
    assert_eq!(
        rejected_check(Behaviour {
            sign_id_with_other_key: true,
            ..Behaviour::default()
        }),
        "signature"
    );
}

#[test]
fn b1_rp_id_token_bad_sig_hs256() {
    assert_eq!(
        rejected_check(Behaviour {
            hs256_id_token: true,
            ..Behaviour::default()
        }),
        "alg"
    );
}

#[test]
fn b1_rp_id_token_bad_sig_es256() {
    assert_eq!(
        rejected_check(Behaviour {
            id_header: |h| with(h, "alg", json!("ES256")),
            ..Behaviour::default()
        }),
        "alg"
    );
}

#[test]
fn b1_rp_id_token_bad_at_hash() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(c, "at_hash", json!("AAAAAAAAAAAAAAAAAAAAAA")),
            ..Behaviour::default()
        }),
        "at_hash"
    );
}

#[test]
fn b1_rp_id_token_missing_at_hash() {
    // (A): optional in the code flow, so accepted by default and reported as absent...
    let signed_in = sign_in(Behaviour {
        id_claims: |c| without(c, "at_hash"),
        ..Behaviour::default()
    })
    .expect("accepted");
    let line = signed_in
        .id_token
        .report
        .iter()
        .find(|c| c.check.as_str() == "at_hash")
        .expect("at_hash");
    assert_eq!(line.detail(), "absent (optional in the code flow)");
    // ...and rejected when the relying party requires it.
    let mut e = id_expectations();
    e.access_token = Some("at".into());
    e.require_at_hash = true;
    assert_eq!(
        failed_check(verify_id_with(&sign(&header(), &id_claims()), &mut jwks(), &e)),
        "at_hash"
    );
}

#[test]
fn b1_rp_nonce_invalid() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(c, "nonce", json!("not-the-nonce")),
            ..Behaviour::default()
        }),
        "nonce"
    );
}

#[test]
fn b1_rp_nonce_missing() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| without(c, "nonce"),
            ..Behaviour::default()
        }),
        "nonce"
    );
}

#[test]
fn b1_rp_userinfo_bad_sub_claim() {
    let op = TestOp::start(Behaviour {
        userinfo_sub: Some("someone-else".into()),
        ..Behaviour::default()
    });
    let mut rp = Rp::discover(&op);
    let s = rp.sign_in(&op).expect("sign-in");
    let sub = s.id_token.jwt.claims.sub.clone().expect("sub");
    let got = block_on(flow::fetch_userinfo(
        &rp.http,
        &rp.endpoints,
        &s.tokens.access_token,
        &sub,
    ));
    assert!(
        matches!(got, Err(FlowError::UserInfo(UserInfoError::SubMismatch { .. }))),
        "{got:?}"
    );
}

#[test]
fn b1_rp_userinfo_bearer_header() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let s = rp.sign_in(&op).expect("sign-in");
    let sub = s.id_token.jwt.claims.sub.clone().expect("sub");
    block_on(flow::fetch_userinfo(
        &rp.http,
        &rp.endpoints,
        &s.tokens.access_token,
        &sub,
    ))
    .expect("userinfo");
    let request = op
        .server
        .recorded()
        .into_iter()
        .find(|r| r.path == "/oauth2/userInfo")
        .expect("userinfo request");
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {}", s.tokens.access_token).as_str())
    );
    assert_eq!(request.method, "GET");
    assert!(
        request.body.is_empty() && request.query.is_empty(),
        "token only in the header"
    );
}

#[test]
fn b1_rp_scope_userinfo_claims() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    assert!(url.contains("&scope=openid%20email%20profile&"), "{url}");
    let s = rp.finish(&op.authorize(&url)).expect("sign-in");
    let claims = block_on(flow::fetch_userinfo(
        &rp.http,
        &rp.endpoints,
        &s.tokens.access_token,
        SUB,
    ))
    .expect("userinfo");
    assert_eq!(claims.string("email").as_deref(), Some("alice@example.com"));
}

#[test]
fn b1_rp_discovery_openid_configuration() {
    let op = TestOp::start(Behaviour::default());
    let rp = Rp::discover(&op);
    assert_eq!(rp.endpoints.issuer, op.issuer());
    assert_eq!(
        rp.endpoints.token_endpoint,
        format!("{}/oauth2/token", op.issuer())
    );
    assert_eq!(op.server.count("/.well-known/openid-configuration"), 1);
}

#[test]
fn b1_rp_discovery_jwks_uri_keys() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    rp.sign_in(&op).expect("sign-in");
    assert_eq!(op.server.count("/jwks"), 1, "keys come from jwks_uri");
}

#[test]
fn b1_rp_discovery_issuer_not_matching_config() {
    let op = TestOp::start(Behaviour::default());
    let http = BlockingHttpClient::new().expect("client");
    // The document's issuer is the base URL; the RP was configured with a trailing slash variant.
    let doc = block_on(cogfed_auth::HttpClient::send(
        &http,
        cogfed_auth::HttpRequest {
            method: cogfed_auth::HttpMethod::Get,
            url: format!("{}/.well-known/openid-configuration", op.issuer()),
            headers: vec![],
            body: None,
        },
    ))
    .expect("fetch");
    let got = Endpoints::from_discovery(&doc.body, &format!("{}/", op.issuer()));
    assert!(
        matches!(
            got,
            Err(cogfed_auth::endpoints::EndpointError::IssuerMismatch { .. })
        ),
        "{got:?}"
    );
}

#[test]
fn b1_rp_key_rotation_op_sign_key() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    rp.sign_in(&op).expect("first sign-in with the first key");
    // Keys rotated between logins: the new token carries a kid the cache has not seen.
    {
        let mut st = op.state.lock().expect("op state");
        st.behaviour.jwks = vec![jwk(other_key(), Some(OTHER_KID))];
        st.behaviour.sign_id_with_other_key = true;
        st.behaviour.id_header = |h| with(h, "kid", json!(OTHER_KID));
    }
    rp.clock.advance(3600);
    let s = {
        // Tokens are stamped at NOW; verify as of NOW + 3600 would expire them, so move the claims along.
        let mut st = op.state.lock().expect("op state");
        st.behaviour.id_claims = |c| {
            let c = with(c, "iat", json!(NOW + 3600));
            with(c, "exp", json!(NOW + 7200))
        };
        drop(st);
        rp.sign_in(&op)
    };
    s.expect("second sign-in after rotation");
    assert_eq!(op.server.count("/jwks"), 2, "one refetch on the unknown kid");
}

#[test]
fn b1_rp_key_rotation_op_sign_key_native() {
    // Rotated right before signing: the cache fetched seconds ago, and still refetches once.
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    rp.sign_in(&op).expect("first sign-in");
    {
        let mut st = op.state.lock().expect("op state");
        st.behaviour.jwks = vec![jwk(key(), Some(KID)), jwk(other_key(), Some(OTHER_KID))];
        st.behaviour.sign_id_with_other_key = true;
        st.behaviour.id_header = |h| with(h, "kid", json!(OTHER_KID));
    }
    rp.clock.advance(1);
    rp.sign_in(&op).expect("sign-in right after rotation");
    assert_eq!(op.server.count("/jwks"), 2);
}

#[test]
fn b1_rp_init_logout_uses_cognito_parameters() {
    // (A): Cognito /logout is not RP-initiated logout; it needs client_id + logout_uri.
    let url = cogfed_auth::logout::cognito_logout_url(
        "https://d.auth.eu-central-1.amazoncognito.com/logout",
        CLIENT_ID,
        "http://localhost:8080/",
    )
    .expect("url");
    let q = cogfed_auth::url::parse_query(url.split_once('?').expect("query").1).expect("query");
    assert_eq!(
        q,
        vec![
            ("client_id".into(), CLIENT_ID.into()),
            ("logout_uri".into(), "http://localhost:8080/".into())
        ]
    );
}

fn refresh_after_sign_in(behaviour: Behaviour) -> Result<cogfed_auth::TokenSet, FlowError> {
    let op = TestOp::start(behaviour);
    let mut rp = Rp::discover(&op);
    let s = rp.sign_in(&op).expect("sign-in");
    block_on(flow::refresh(
        &rp.http,
        &mut rp.keys,
        &JsonwebtokenVerifier,
        &rp.endpoints,
        CLIENT_ID,
        &s.tokens,
        &s.id_token.jwt.claims,
        NOW,
    ))
    .map(|(tokens, _)| tokens)
}

#[test]
fn b1_refresh_token() {
    // oidcc-client-test-refresh-token: no rotation, so the refresh token is kept (cognito-facts §8.B15).
    let tokens = refresh_after_sign_in(Behaviour::default()).expect("refresh");
    assert_eq!(
        tokens.refresh_token,
        Some(cogfed_auth::RefreshToken("rt-1".into()))
    );
    let rotated = refresh_after_sign_in(Behaviour {
        rotate_refresh_token: true,
        ..Behaviour::default()
    })
    .expect("refresh");
    assert_eq!(
        rotated.refresh_token,
        Some(cogfed_auth::RefreshToken("rt-2".into()))
    );
}

#[test]
fn b1_refresh_token_invalid_issuer() {
    // The refreshed ID token must keep iss; the OP's keys and endpoints are unchanged.
    let got = refresh_after_sign_in(Behaviour {
        refresh_id_claims: |c| with(c, "iss", json!("https://other.example")),
        ..Behaviour::default()
    });
    assert!(matches!(got, Err(FlowError::IdToken(f)) if f.error.check().as_str() == "iss"));
}

#[test]
fn b1_refresh_token_invalid_sub() {
    let got = refresh_after_sign_in(Behaviour {
        refresh_id_claims: |c| with(c, "sub", json!("someone-else")),
        ..Behaviour::default()
    });
    assert!(matches!(got, Err(FlowError::IdToken(f)) if f.error.check().as_str() == "same_user"));
}

#[test]
fn revocation_sends_the_refresh_token_only() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let s = rp.sign_in(&op).expect("sign-in");
    let rt = s.tokens.refresh_token.clone().expect("refresh token");
    block_on(flow::revoke(&rp.http, &rp.endpoints, CLIENT_ID, &rt)).expect("revoked");
    let request = op
        .server
        .recorded()
        .into_iter()
        .find(|r| r.path == "/oauth2/revoke")
        .expect("revoke request");
    assert_eq!(
        request.form(),
        vec![
            ("token".into(), "rt-1".into()),
            ("client_id".into(), CLIENT_ID.into())
        ]
    );
}

// FAPI client cases B1 lists as SPA-relevant.

#[test]
fn fapi_invalid_authorization_response_iss() {
    let op = TestOp::start(Behaviour {
        advertise_iss_parameter: true,
        ..Behaviour::default()
    });
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    let callback = op.authorize(&url).replace("iss=http", "iss=https");
    assert!(matches!(
        rp.finish(&callback),
        Err(FlowError::Callback(CallbackError::IssuerMismatch { .. }))
    ));
    assert_eq!(
        op.server.count("/oauth2/token"),
        0,
        "no further endpoint is called"
    );
}

#[test]
fn fapi_remove_authorization_response_iss() {
    let op = TestOp::start(Behaviour {
        advertise_iss_parameter: true,
        ..Behaviour::default()
    });
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    let callback = op.authorize(&url);
    let without_iss = callback.split("&iss=").next().expect("prefix").to_owned();
    assert_eq!(
        rp.finish(&without_iss).err(),
        Some(FlowError::Callback(CallbackError::MissingIssuer))
    );
    assert_eq!(op.server.count("/oauth2/token"), 0);
    // With the parameter intact, the same OP works.
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    assert!(rp.finish(&op.authorize(&url)).is_ok());
}

#[test]
fn fapi_ensure_authorization_response_with_invalid_state_fails() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    let callback = op.authorize(&url);
    let (before, _) = callback.split_once("&state=").expect("state");
    assert_eq!(
        rp.finish(&format!("{before}&state=forged")).err(),
        Some(FlowError::Callback(CallbackError::UnknownState))
    );
    assert_eq!(op.server.count("/oauth2/token"), 0);
}

#[test]
fn fapi_invalid_missing_state_fails() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    let (before, _) = op
        .authorize(&url)
        .split_once("&state=")
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .expect("state");
    assert_eq!(
        rp.finish(&before).err(),
        Some(FlowError::Callback(CallbackError::MissingState(None)))
    );
}

#[test]
fn fapi_replayed_callback_fails_and_code_is_redeemed_once() {
    let op = TestOp::start(Behaviour::default());
    let mut rp = Rp::discover(&op);
    let url = rp.begin();
    let callback = op.authorize(&url);
    rp.finish(&callback).expect("first");
    assert_eq!(
        rp.finish(&callback).err(),
        Some(FlowError::Callback(CallbackError::Replay))
    );
    assert_eq!(op.server.count("/oauth2/token"), 1);
}

#[test]
fn fapi_invalid_secondary_aud() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(
                with(c, "aud", json!([CLIENT_ID, "https://untrusted.example"])),
                "azp",
                json!(CLIENT_ID)
            ),
            ..Behaviour::default()
        }),
        "aud"
    );
}

#[test]
fn fapi_valid_aud_as_array() {
    assert!(
        sign_in(Behaviour {
            id_claims: |c| with(c, "aud", json!([CLIENT_ID])),
            ..Behaviour::default()
        })
        .is_ok()
    );
}

#[test]
fn fapi_invalid_expired_exp() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(c, "exp", json!(NOW - 3600)),
            ..Behaviour::default()
        }),
        "exp"
    );
}

#[test]
fn fapi_invalid_missing_exp() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| without(c, "exp"),
            ..Behaviour::default()
        }),
        "exp"
    );
}

#[test]
fn fapi_invalid_missing_iss() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| without(c, "iss"),
            ..Behaviour::default()
        }),
        "iss"
    );
}

#[test]
fn fapi_invalid_null_alg() {
    assert_eq!(
        rejected_check(Behaviour {
            id_header: |h| with(h, "alg", json!(null)),
            ..Behaviour::default()
        }),
        "format"
    );
}

#[test]
fn fapi_invalid_alternate_alg() {
    assert_eq!(
        rejected_check(Behaviour {
            id_header: |h| with(h, "alg", json!("PS256")),
            ..Behaviour::default()
        }),
        "alg"
    );
}

#[test]
fn fapi_token_type_case_insensitivity() {
    assert!(
        sign_in(Behaviour {
            token_type: "bEaReR",
            ..Behaviour::default()
        })
        .is_ok()
    );
    assert!(
        matches!(sign_in(Behaviour { token_type: "MAC", ..Behaviour::default() }), Err(FlowError::Token(TokenError::TokenType(t))) if t == "MAC")
    );
}

#[test]
fn fapi_token_endpoint_response_without_expires_in() {
    let s = sign_in(Behaviour {
        expires_in: false,
        ..Behaviour::default()
    })
    .expect("accepted");
    assert_eq!(s.tokens.expires_at, None);
}

#[test]
fn fapi1_iat_is_week_in_past() {
    assert_eq!(
        rejected_check(Behaviour {
            id_claims: |c| with(c, "iat", json!(NOW - 7 * 86_400)),
            ..Behaviour::default()
        }),
        "iat"
    );
}

/// A standard OpenID provider stamps no `token_use` on its ID tokens: a client configured from its discovery
/// document accepts them, while the same token under Cognito expectations is refused (cognito-facts §3.5).
#[test]
fn standard_op_id_token_without_token_use() {
    let op = TestOp::start(Behaviour {
        id_claims: |c| without(c, "token_use"),
        ..Behaviour::default()
    });
    let mut rp = Rp::discover(&op);
    assert!(!rp.endpoints.cognito_tokens, "a loopback issuer is not Cognito");
    rp.sign_in(&op)
        .expect("a standard OP's ID token has no token_use");

    let mut cognito_dialect = Rp::discover(&op);
    cognito_dialect.endpoints.cognito_tokens = true;
    match cognito_dialect.sign_in(&op) {
        Err(FlowError::IdToken(failure)) => assert_eq!(failure.error.check().as_str(), "token_use"),
        other => panic!("Cognito expectations must require token_use, got {other:?}"),
    }
}
