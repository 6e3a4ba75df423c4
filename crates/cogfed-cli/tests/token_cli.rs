//! `cogfed token decode|verify` run as the real binary, against real JWKS files and a real loopback HTTP
//! server, with tokens signed in the test by an RSA key made here. Flags and exit codes are a public
//! interface: 0 valid, 1 invalid, 2 usage.

use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

const ISS: &str = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE";
const CLIENT: &str = "7lhdbv12q1ud9rgg7g779u8va7";
const KID: &str = "P6J03gNxCArOBHsJNvBfW9xZsLjG9kJ0DU8lx4ZMz0Q=";
const NOW: u64 = 1_767_225_600;

fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).expect("RSA key"))
}

fn b64(bytes: &[u8]) -> String {
    cogfed_auth::base64url::encode(bytes)
}

fn jwks_text() -> String {
    json!({ "keys": [{ "kty": "RSA", "alg": "RS256", "use": "sig", "kid": KID, "n": b64(&key().n().to_bytes_be()), "e": b64(&key().e().to_bytes_be()) }] })
        .to_string()
}

fn sign(header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let sig = key()
        .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(input.as_bytes()))
        .expect("sign");
    format!("{input}.{}", b64(&sig))
}

fn id_claims() -> Value {
    json!({ "sub": "u-1", "aud": CLIENT, "iss": ISS, "token_use": "id", "nonce": "N1", "auth_time": NOW - 10, "iat": NOW - 10, "exp": NOW + 3600, "cognito:username": "alice" })
}

fn access_claims() -> Value {
    json!({ "sub": "u-1", "client_id": CLIENT, "iss": ISS, "token_use": "access", "scope": "openid email", "iat": NOW - 10, "exp": NOW + 3600, "version": 2, "username": "alice" })
}

fn id_token() -> String {
    sign(&json!({ "kid": KID, "alg": "RS256" }), &id_claims())
}

fn with(mut v: Value, name: &str, value: Value) -> Value {
    v[name] = value;
    v
}

struct Jwks {
    _dir: tempfile::TempDir,
    path: String,
}

fn jwks_file(content: &str) -> Jwks {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("jwks.json");
    std::fs::write(&path, content).expect("write jwks");
    Jwks {
        path: path.to_string_lossy().into_owned(),
        _dir: dir,
    }
}

fn cogfed(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cogfed"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cogfed");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("cogfed output")
}

fn verify(jwks: &str, extra: &[&str], token: &str) -> Output {
    let now = NOW.to_string();
    let mut args = vec![
        "token",
        "verify",
        "--jwks",
        jwks,
        "--issuer",
        ISS,
        "--client-id",
        CLIENT,
        "--now",
        &now,
    ];
    args.extend_from_slice(extra);
    args.push(token);
    cogfed(&args, None)
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A one-route HTTP server on 127.0.0.1:0 serving `body`, counting requests. Stops when dropped.
struct JwksServer {
    url: String,
    hits: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    addr: String,
}

impl JwksServer {
    fn start(status: u16, body: String) -> JwksServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let (hits, stop) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
        let (h, s) = (hits.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut buf = [0u8; 8192];
                let mut seen = Vec::new();
                // Read the request head (bounded).
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") && seen.len() < 65_536 {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                h.fetch_add(1, Ordering::SeqCst);
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        JwksServer {
            url: format!("http://{addr}/.well-known/jwks.json"),
            hits,
            stop,
            addr,
        }
    }
}

impl Drop for JwksServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.addr);
    }
}

// decode

#[test]
fn token_decode_prints_header_and_claims_with_a_warning() {
    let o = cogfed(&["token", "decode", &id_token()], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\"kid\": \"P6J03gNxCArOBHsJNvBfW9xZsLjG9kJ0DU8lx4ZMz0Q=\""),
        "{out}"
    );
    assert!(out.contains("\"cognito:username\": \"alice\""), "{out}");
    assert!(
        out.contains("exp       1767229200 = 2026-01-01T01:00:00Z"),
        "{out}"
    );
    assert!(stderr(&o).contains("Nothing was verified"), "{}", stderr(&o));
}

#[test]
fn token_decode_reads_stdin() {
    let o = cogfed(&["token", "decode", "-"], Some(&format!("{}\n", id_token())));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("\"token_use\": \"id\""));
}

#[test]
fn token_decode_shows_unsecured_tokens_but_says_so() {
    let none = format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(br#"{"exp":"soon"}"#));
    let o = cogfed(&["token", "decode", &none], None);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Signature: 0 bytes (not verified)"));
    assert!(
        stdout(&o).contains("note: claim \"exp\" must be a NumericDate"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn token_decode_of_garbage_exits_1_and_says_where() {
    let o = cogfed(&["token", "decode", "abc.def"], None);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("3 segments"), "{}", stderr(&o));
}

// verify: valid

#[test]
fn token_verify_valid_id_token_from_a_jwks_file_exits_0() {
    let jwks = jwks_file(&jwks_text());
    let o = verify(&jwks.path, &["--token-use", "id", "--nonce", "N1"], &id_token());
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("VALID id token"), "{out}");
    assert!(out.contains("ok   signature  valid RS256 signature"), "{out}");
    assert!(out.contains("ok   nonce      equals the nonce sent"), "{out}");
}

#[test]
fn token_verify_fetches_the_jwks_from_a_loopback_url() {
    let server = JwksServer::start(200, jwks_text());
    let o = verify(&server.url, &["--token-use", "id"], &id_token());
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
    assert!(stdout(&o).contains("note: no --nonce given"), "{}", stdout(&o));
}

#[test]
fn token_verify_reads_the_token_from_stdin() {
    let jwks = jwks_file(&jwks_text());
    let now = NOW.to_string();
    let args = [
        "token",
        "verify",
        "--jwks",
        &jwks.path,
        "--issuer",
        ISS,
        "--client-id",
        CLIENT,
        "--token-use",
        "id",
        "--now",
        &now,
        "-",
    ];
    let o = cogfed(&args, Some(&format!("{}\n", id_token())));
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn token_verify_access_token_exits_0() {
    let jwks = jwks_file(&jwks_text());
    let token = sign(&json!({ "kid": KID, "alg": "RS256" }), &access_claims());
    let o = verify(&jwks.path, &["--token-use", "access"], &token);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("ok   client_id"), "{}", stdout(&o));
}

#[test]
fn token_verify_checks_at_hash_with_access_token() {
    let jwks = jwks_file(&jwks_text());
    let at = "the-access-token";
    let token = sign(
        &json!({ "kid": KID, "alg": "RS256" }),
        &with(id_claims(), "at_hash", json!(cogfed_auth::validate::at_hash(at))),
    );
    assert_eq!(
        code(&verify(
            &jwks.path,
            &["--token-use", "id", "--access-token", at],
            &token
        )),
        0
    );
    let o = verify(
        &jwks.path,
        &["--token-use", "id", "--access-token", "another"],
        &token,
    );
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("at_hash check failed"), "{}", stdout(&o));
}

// verify: invalid (exit 1, with the reason)

#[test]
fn token_verify_wrong_issuer_exits_1_with_the_reason() {
    let jwks = jwks_file(&jwks_text());
    let token = sign(
        &json!({ "kid": KID, "alg": "RS256" }),
        &with(id_claims(), "iss", json!(format!("{ISS}/"))),
    );
    let o = verify(&jwks.path, &["--token-use", "id"], &token);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).starts_with("INVALID id token: iss check failed"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("compared byte for byte"));
}

#[test]
fn token_verify_expiry_honours_now_and_leeway() {
    let jwks = jwks_file(&jwks_text());
    let later = (NOW + 3600 + 120).to_string();
    let args = |leeway: &'static str| {
        let mut a = vec![
            "token",
            "verify",
            "--jwks",
            jwks.path.as_str(),
            "--issuer",
            ISS,
            "--client-id",
            CLIENT,
            "--token-use",
            "id",
        ];
        a.extend(["--now", later.as_str(), "--leeway", leeway]);
        a
    };
    let token = id_token();
    let mut expired = args("60");
    expired.push(&token);
    let o = cogfed(&expired, None);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("exp check failed"), "{}", stdout(&o));
    let mut lenient = args("300");
    lenient.push(&token);
    assert_eq!(code(&cogfed(&lenient, None)), 0);
}

#[test]
fn token_verify_wrong_nonce_exits_1() {
    let jwks = jwks_file(&jwks_text());
    let o = verify(
        &jwks.path,
        &["--token-use", "id", "--nonce", "other"],
        &id_token(),
    );
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("nonce check failed"));
}

#[test]
fn token_verify_id_token_as_access_token_exits_1() {
    let jwks = jwks_file(&jwks_text());
    let o = verify(
        &jwks.path,
        &["--token-use", "access"],
        &sign(
            &json!({ "kid": KID, "alg": "RS256" }),
            &with(id_claims(), "client_id", json!(CLIENT)),
        ),
    );
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("token_use check failed"), "{}", stdout(&o));
}

#[test]
fn token_verify_alg_none_exits_1() {
    let jwks = jwks_file(&jwks_text());
    let input = format!(
        "{}.{}",
        b64(format!(r#"{{"kid":"{KID}","alg":"none"}}"#).as_bytes()),
        b64(id_claims().to_string().as_bytes())
    );
    let o = verify(&jwks.path, &["--token-use", "id"], &format!("{input}.AAAA"));
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("alg check failed"), "{}", stdout(&o));
}

#[test]
fn token_verify_signature_by_another_key_exits_1() {
    let other = RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).expect("key");
    let jwks = jwks_file(
        &json!({ "keys": [{ "kty": "RSA", "kid": KID, "n": b64(&other.n().to_bytes_be()), "e": "AQAB" }] })
            .to_string(),
    );
    let o = verify(&jwks.path, &["--token-use", "id"], &id_token());
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("signature check failed"), "{}", stdout(&o));
}

#[test]
fn token_verify_json_output_lists_each_check() {
    let jwks = jwks_file(&jwks_text());
    let token = sign(
        &json!({ "kid": KID, "alg": "RS256" }),
        &with(id_claims(), "aud", json!("someone-else")),
    );
    let o = verify(&jwks.path, &["--token-use", "id", "--format", "json"], &token);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(v["valid"], json!(false));
    assert_eq!(v["error"]["check"], json!("aud"));
    let checks: Vec<&str> = v["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["check"].as_str().expect("name"))
        .collect();
    assert_eq!(
        checks,
        [
            "format",
            "header",
            "alg",
            "key",
            "signature",
            "iss",
            "sub",
            "aud",
            "exp",
            "nbf",
            "iat",
            "auth_time",
            "nonce",
            "at_hash",
            "token_use"
        ]
    );
    let ok = verify(
        &jwks.path,
        &["--token-use", "id", "--format", "json"],
        &id_token(),
    );
    let v: Value = serde_json::from_slice(&ok.stdout).expect("JSON output");
    assert_eq!(
        (v["valid"].clone(), v["claims"]["sub"].clone()),
        (json!(true), json!("u-1"))
    );
}

// usage errors (exit 2)

#[test]
fn token_verify_missing_flag_exits_2() {
    let jwks = jwks_file(&jwks_text());
    let o = cogfed(
        &[
            "token",
            "verify",
            "--jwks",
            &jwks.path,
            "--client-id",
            CLIENT,
            "--token-use",
            "id",
            &id_token(),
        ],
        None,
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--issuer"), "{}", stderr(&o));
}

#[test]
fn token_verify_bad_token_use_exits_2() {
    let jwks = jwks_file(&jwks_text());
    assert_eq!(
        code(&verify(&jwks.path, &["--token-use", "refresh"], &id_token())),
        2
    );
}

#[test]
fn token_verify_nonce_with_access_token_use_exits_2() {
    let jwks = jwks_file(&jwks_text());
    assert_eq!(
        code(&verify(
            &jwks.path,
            &["--token-use", "access", "--nonce", "N1"],
            &id_token()
        )),
        2
    );
}

#[test]
fn token_verify_unreadable_jwks_file_exits_2() {
    let o = verify("/nonexistent/jwks.json", &["--token-use", "id"], &id_token());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot read the file"), "{}", stderr(&o));
}

#[test]
fn token_verify_malformed_jwks_exits_2() {
    let jwks = jwks_file(r#"{"keys": "nope"}"#);
    let o = verify(&jwks.path, &["--token-use", "id"], &id_token());
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("JWKS document is malformed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn token_verify_unreachable_jwks_url_exits_2() {
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let o = verify(
        &format!("http://127.0.0.1:{port}/jwks"),
        &["--token-use", "id"],
        &id_token(),
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("JWKS fetch failed"), "{}", stderr(&o));
}

#[test]
fn token_verify_jwks_url_error_status_exits_2() {
    let server = JwksServer::start(500, "{}".into());
    let o = verify(&server.url, &["--token-use", "id"], &id_token());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("HTTP 500"), "{}", stderr(&o));
}

#[test]
fn token_verify_refuses_plain_http_to_a_remote_jwks() {
    let o = verify(
        "http://jwks.example.com/keys",
        &["--token-use", "id"],
        &id_token(),
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("refusing plain http"), "{}", stderr(&o));
}
