//! JwksCache behaviour over real loopback HTTP with a controllable clock.

mod common;

use cogfed_auth::jwks::{JwksCache, KeyError};
use cogfed_auth::{BlockingHttpClient, VerifyError};
use common::*;
use serde_json::json;
use std::sync::{Arc, Mutex};

fn cache_for(server: &LoopbackServer, clock: &TestClock) -> JwksCache<BlockingHttpClient, TestClock> {
    JwksCache::new(
        BlockingHttpClient::new().expect("client"),
        clock.clone(),
        server.url("/jwks"),
    )
}

#[test]
fn keys_are_fetched_once_and_reused() {
    let body = jwks_json(&[jwk(key(), Some(KID))]);
    let server = LoopbackServer::start(move |_| Reply::json(200, body.clone()));
    let clock = TestClock::at(NOW);
    let mut cache = cache_for(&server, &clock);
    for _ in 0..5 {
        verify_id_with(&sign(&header(), &id_claims()), &mut cache, &id_expectations()).expect("valid");
    }
    assert_eq!(server.count("/jwks"), 1);
}

#[test]
fn a_failed_fetch_is_not_retried_within_the_interval() {
    let status = Arc::new(Mutex::new(500u16));
    let (s, body) = (status.clone(), jwks_json(&[jwk(key(), Some(KID))]));
    let server = LoopbackServer::start(move |_| Reply::json(*s.lock().expect("status"), body.clone()));
    let clock = TestClock::at(NOW);
    let mut cache = cache_for(&server, &clock);
    let token = sign(&header(), &id_claims());
    let failure = verify_id_with(&token, &mut cache, &id_expectations()).expect_err("JWKS down");
    assert!(matches!(failure.error, VerifyError::Key(KeyError::Fetch(m)) if m.contains("HTTP 500")));
    *status.lock().expect("status") = 200;
    let failure = verify_id_with(&token, &mut cache, &id_expectations()).expect_err("within the interval");
    assert!(matches!(failure.error, VerifyError::Key(KeyError::Fetch(m)) if m.contains("not retrying")));
    assert_eq!(server.count("/jwks"), 1);
    clock.advance(60);
    verify_id_with(&token, &mut cache, &id_expectations()).expect("retried after the interval");
    assert_eq!(server.count("/jwks"), 2);
}

#[test]
fn a_refused_alg_causes_no_network_traffic() {
    let server = LoopbackServer::start(|_| Reply::json(200, r#"{"keys":[]}"#));
    let clock = TestClock::at(NOW);
    let mut cache = cache_for(&server, &clock);
    for alg in ["none", "HS256", "ES256"] {
        let token = sign(&with(header(), "alg", json!(alg)), &id_claims());
        assert_eq!(
            failed_check(verify_id_with(&token, &mut cache, &id_expectations())),
            "alg"
        );
    }
    assert_eq!(server.recorded().len(), 0);
}

#[test]
fn kid_absent_uses_the_single_key_and_refetches_when_there_is_none() {
    let body = Arc::new(Mutex::new(jwks_json(&[])));
    let b = body.clone();
    let server = LoopbackServer::start(move |_| Reply::json(200, b.lock().expect("body").clone()));
    let clock = TestClock::at(NOW);
    let mut cache = cache_for(&server, &clock);
    let token = sign(&without(header(), "kid"), &id_claims());
    assert!(matches!(
        verify_id_with(&token, &mut cache, &id_expectations())
            .expect_err("no keys")
            .error,
        VerifyError::Key(KeyError::NoUsableKey)
    ));
    *body.lock().expect("body") = jwks_json(&[jwk(key(), None)]);
    verify_id_with(&token, &mut cache, &id_expectations()).expect("refetched and found the single key");
    assert_eq!(server.count("/jwks"), 2);
}
