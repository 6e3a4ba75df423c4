//! Shared test support: real RSA keys (generated once per test binary), hand-built tokens, a real loopback
//! HTTP server, and a controllable clock.
#![allow(dead_code)]

use cogfed_auth::base64url::encode as b64;
use cogfed_auth::{Clock, JsonwebtokenVerifier, JwkSet, KeySource, Verified, VerifyFailure};
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

pub const ISS: &str = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE";
pub const CLIENT_ID: &str = "7lhdbv12q1ud9rgg7g779u8va7";
pub const NONCE: &str = "n-0S6_WzA2Mj";
/// A fixed "now": 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600;
/// Cognito-style kid (base64 with + / =).
pub const KID: &str = "P6J03gNxCArOBHsJNvBfW9xZsLjG9kJ0DU8lx4ZMz0Q=";
pub const OTHER_KID: &str = "rotated+key/2=";

/// The OP's signing key, generated once per test binary.
pub fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).expect("RSA key generation"))
}

/// A second key: the attacker's, or the OP's key after rotation.
pub fn other_key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).expect("RSA key generation"))
}

pub fn jwk(key: &RsaPrivateKey, kid: Option<&str>) -> Value {
    let mut jwk = json!({
        "kty": "RSA", "alg": "RS256", "use": "sig",
        "n": b64(&key.n().to_bytes_be()), "e": b64(&key.e().to_bytes_be()),
    });
    if let (Some(kid), Some(map)) = (kid, jwk.as_object_mut()) {
        map.insert("kid".into(), json!(kid));
    }
    jwk
}

pub fn jwks_json(keys: &[Value]) -> String {
    json!({ "keys": keys }).to_string()
}

/// The JWKS with the OP's key under [`KID`].
pub fn jwks() -> JwkSet {
    JwkSet::parse(&jwks_json(&[jwk(key(), Some(KID))])).expect("test JWKS")
}

pub fn rs256_sign(key: &RsaPrivateKey, signing_input: &[u8]) -> Vec<u8> {
    key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(signing_input))
        .expect("RSA signing")
}

/// HMAC-SHA256, by the RFC 2104 construction (for algorithm-confusion tokens).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::digest([ipad.as_slice(), message].concat());
    Sha256::digest([opad.as_slice(), inner.as_slice()].concat()).to_vec()
}

/// `b64(header).b64(payload)`, from raw JSON text (so duplicates and odd JSON survive).
pub fn signing_input(header: &str, payload: &str) -> String {
    format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()))
}

/// A token from raw header and payload text, signed RS256 with `key`.
pub fn sign_raw_with(key: &RsaPrivateKey, header: &str, payload: &str) -> String {
    let input = signing_input(header, payload);
    let sig = rs256_sign(key, input.as_bytes());
    format!("{input}.{}", b64(&sig))
}

pub fn sign_raw(header: &str, payload: &str) -> String {
    sign_raw_with(key(), header, payload)
}

/// A token from JSON values, signed RS256 with the OP key.
pub fn sign(header: &Value, claims: &Value) -> String {
    sign_raw(&header.to_string(), &claims.to_string())
}

pub fn header() -> Value {
    json!({ "kid": KID, "alg": "RS256" })
}

/// The claims of a valid Cognito ID token at [`NOW`].
pub fn id_claims() -> Value {
    json!({
        "sub": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        "aud": CLIENT_ID,
        "cognito:groups": ["admin"],
        "email_verified": true,
        "iss": ISS,
        "cognito:username": "alice",
        "nonce": NONCE,
        "origin_jti": "o-1",
        "token_use": "id",
        "auth_time": NOW - 30,
        "exp": NOW + 3600,
        "iat": NOW - 30,
        "jti": "j-1",
        "email": "alice@example.com"
    })
}

/// The claims of a valid Cognito access token at [`NOW`].
pub fn access_claims() -> Value {
    json!({
        "sub": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        "iss": ISS,
        "version": 2,
        "client_id": CLIENT_ID,
        "origin_jti": "o-1",
        "token_use": "access",
        "scope": "openid email profile",
        "auth_time": NOW - 30,
        "exp": NOW + 3600,
        "iat": NOW - 30,
        "jti": "j-2",
        "username": "alice"
    })
}

/// `claims` with `name` set to `value` (or removed when `value` is null... use [`without`] for that).
pub fn with(mut claims: Value, name: &str, value: Value) -> Value {
    claims.as_object_mut().expect("object").insert(name.into(), value);
    claims
}

pub fn without(mut claims: Value, name: &str) -> Value {
    claims.as_object_mut().expect("object").remove(name);
    claims
}

pub fn id_expectations() -> cogfed_auth::IdTokenExpectations {
    cogfed_auth::IdTokenExpectations::for_sign_in(ISS, CLIENT_ID, NONCE, NOW)
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    futures::executor::block_on(f)
}

/// Verifies an ID token against a key source with the native verifier.
pub fn verify_id_with(
    token: &str,
    keys: &mut impl KeySource,
    expectations: &cogfed_auth::IdTokenExpectations,
) -> Result<Verified, VerifyFailure> {
    block_on(cogfed_auth::verify_id_token(
        token,
        keys,
        &JsonwebtokenVerifier,
        expectations,
    ))
}

/// Verifies an ID token against the standard JWKS and expectations.
pub fn verify_id(token: &str) -> Result<Verified, VerifyFailure> {
    verify_id_with(token, &mut jwks(), &id_expectations())
}

/// The name of the failing check, for assertions.
pub fn failed_check(result: Result<Verified, VerifyFailure>) -> &'static str {
    match result {
        Ok(v) => panic!("expected rejection, got a verified token: {:?}", v.jwt.claims),
        Err(f) => f.error.check().as_str(),
    }
}

/// A clock the test can move.
#[derive(Clone)]
pub struct TestClock(pub Rc<Cell<u64>>);

impl TestClock {
    pub fn at(now: u64) -> Self {
        TestClock(Rc::new(Cell::new(now)))
    }
    pub fn advance(&self, secs: u64) {
        self.0.set(self.0.get() + secs);
    }
}

impl Clock for TestClock {
    fn now_unix(&self) -> u64 {
        self.0.get()
    }
}

/// One request the loopback server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn form(&self) -> Vec<(String, String)> {
        cogfed_auth::url::parse_query(&self.body).expect("form body")
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
        }
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A real HTTP/1.1 server on 127.0.0.1, port 0, one connection at a time, `Connection: close`.
pub struct LoopbackServer {
    pub base: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl LoopbackServer {
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> LoopbackServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (r, s) = (requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            // Bounded by the stop flag: Drop sets it and wakes accept() with one connection.
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    serve(stream, &*handler, &r);
                }
            }
        });
        LoopbackServer {
            base,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.recorded().iter().filter(|r| r.path == path).count()
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<Recorded>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    // Read until the end of the headers, at most 64 KiB.
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > 65_536 {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
        .min(1 << 20);
    while buf.len() < header_end + length {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body = String::from_utf8_lossy(&buf[header_end..(header_end + length).min(buf.len())]).to_string();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (target.clone(), String::new()),
    };
    let recorded = Recorded {
        method,
        path,
        query,
        headers,
        body,
    };
    let reply = handler(&recorded);
    requests.lock().expect("lock").push(recorded);
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (n, v) in &reply.headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&reply.body);
    let _ = stream.write_all(out.as_bytes());
}

/// Replaces the last character of a base64url segment so it decodes to the same bytes in a lenient
/// decoder (only unused bits change): a non-canonical encoding.
pub fn non_canonical(segment: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assert!(matches!(segment.len() % 4, 2 | 3), "segment has no unused bits");
    let last = *segment.as_bytes().last().expect("non-empty");
    let index = ALPHABET.iter().position(|c| *c == last).expect("base64url");
    let mut out = segment[..segment.len() - 1].to_owned();
    out.push(ALPHABET[index ^ 1] as char);
    out
}
