//! RFC 7636 Appendix B and RFC 7515 Appendix A vectors (security-checklist B3), from
//! `tests/data/jose-test-vectors.json` (a copy of ../shared/reference/data/jose-test-vectors.json).

mod common;

use cogfed_auth::jwks::SigningAlg;
use cogfed_auth::verify::verify_signature;
use cogfed_auth::{CodeVerifier, JsonwebtokenVerifier, JwkSet, Jwt, KeyError, VerifyError};
use common::*;
use serde_json::Value;

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jose-test-vectors.json"
    ))
    .expect("read vectors");
    serde_json::from_str(&text).expect("vectors JSON")
}

fn vector(name: &str) -> (String, Value) {
    let v = &vectors()[name];
    (
        v["compact"].as_str().expect("compact").to_owned(),
        v["verify_key_jwk"].clone(),
    )
}

fn jwks_of(jwk: Value) -> JwkSet {
    JwkSet::parse(&jwks_json(&[jwk])).expect("JWKS")
}

/// Verifies at the signature stage only: the RFC payloads are not Cognito ID tokens.
fn expectations_for_joe() -> cogfed_auth::IdTokenExpectations {
    let mut e = cogfed_auth::IdTokenExpectations::for_sign_in("joe", CLIENT_ID, NONCE, 1_300_819_000);
    e.nonce = cogfed_auth::NonceCheck::NotChecked;
    e
}

#[test]
fn rfc7636_appendix_b_pkce_s256() {
    let octets = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
        214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    let verifier = CodeVerifier::from_octets(&octets);
    assert_eq!(verifier.as_str(), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assert_eq!(
        verifier.challenge().as_str(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn rfc7515_a2_rs256_verifies_with_the_native_verifier() {
    let (token, jwk) = vector("RFC7515-A.2-RS256");
    let jwt = Jwt::parse(&token).expect("A.2 parses");
    let mut keys = jwks_of(jwk);
    // The key has no kid and is the only one: rp-id_token-kid-absent-single-jwks.
    let key = keys.select(&jwt.header).expect("key selected");
    assert_eq!(key.alg, SigningAlg::Rs256);
    block_on(verify_signature(
        &JsonwebtokenVerifier,
        &key,
        jwt.signing_input(),
        jwt.signature(),
    ))
    .expect("A.2 signature");

    // Through the whole pipeline: signature passes; the 2011 exp then fails unless the clock is 2011.
    let failure = verify_id_with(&token, &mut keys, &expectations_for_joe()).expect_err("not an ID token");
    let signature = failure
        .report
        .iter()
        .find(|c| c.check.as_str() == "signature")
        .expect("signature ran");
    assert!(signature.passed, "{:?}", failure.report);
    assert!(
        failure
            .report
            .iter()
            .any(|c| c.check.as_str() == "iss" && c.passed),
        "iss \"joe\" matched"
    );
}

#[test]
fn rfc7515_a2_with_one_flipped_signature_bit_fails() {
    let (token, jwk) = vector("RFC7515-A.2-RS256");
    let mut jwt_parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut sig = cogfed_auth::base64url::decode(&jwt_parts[2]).expect("sig");
    sig[100] ^= 0x01;
    jwt_parts[2] = cogfed_auth::base64url::encode(&sig);
    let failure = verify_id_with(&jwt_parts.join("."), &mut jwks_of(jwk), &expectations_for_joe())
        .expect_err("bad sig");
    assert_eq!(failure.error.check().as_str(), "signature");
}

#[test]
fn rfc7515_a1_hs256_rejected_under_rs256_allowlist() {
    let (token, _) = vector("RFC7515-A.1-HS256");
    // Even with an RSA key available (the A.2 key), the HMAC token never reaches a key.
    let (_, rsa_jwk) = vector("RFC7515-A.2-RS256");
    let failure = verify_id_with(&token, &mut jwks_of(rsa_jwk), &expectations_for_joe()).expect_err("HS256");
    assert_eq!(
        failure.error,
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
}

#[test]
fn rfc7515_a3_es256_rejected_under_rs256_allowlist() {
    let (token, ec_jwk) = vector("RFC7515-A.3-ES256");
    let failure = verify_id_with(&token, &mut jwks_of(ec_jwk), &expectations_for_joe()).expect_err("ES256");
    assert_eq!(
        failure.error,
        VerifyError::Key(KeyError::AlgNotAllowed("ES256".into()))
    );
}

#[test]
fn rfc7515_a5_unsecured_jws_rejected() {
    let token = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
    let (_, rsa_jwk) = vector("RFC7515-A.2-RS256");
    let failure =
        verify_id_with(token, &mut jwks_of(rsa_jwk.clone()), &expectations_for_joe()).expect_err("none");
    assert_eq!(
        failure.error.check().as_str(),
        "format",
        "empty signature segment"
    );
    // With a signature appended, the alg check names it.
    let with_sig = format!("{token}AAAA");
    let failure =
        verify_id_with(&with_sig, &mut jwks_of(rsa_jwk), &expectations_for_joe()).expect_err("none");
    assert_eq!(failure.error, VerifyError::Key(KeyError::AlgNone("none".into())));
}

#[test]
fn rfc7520_4_1_rs256_signature_verifies_with_the_native_verifier() {
    // The cookbook payload is prose, not JSON, so this exercises the verifier alone.
    let (token, jwk) = vector("RFC7520-4_1-RS256");
    let (input, sig) = token.rsplit_once('.').expect("3 parts");
    let key = jwks_of(jwk).keys[0].to_verification_key().expect("usable");
    let sig = cogfed_auth::base64url::decode(sig).expect("sig");
    block_on(verify_signature(
        &JsonwebtokenVerifier,
        &key,
        input.as_bytes(),
        &sig,
    ))
    .expect("7520 §4.1");
    let mut tampered = input.as_bytes().to_vec();
    tampered[10] ^= 1;
    assert!(block_on(verify_signature(&JsonwebtokenVerifier, &key, &tampered, &sig)).is_err());
}

#[test]
fn rfc7520_4_4_hs256_rejected_even_with_its_own_oct_key_in_the_jwks() {
    let (token, oct_jwk) = vector("RFC7520-4_4-HS256");
    let header = cogfed_auth::jwt::JoseHeader {
        alg: "HS256".into(),
        kid: Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037".into()),
        typ: None,
        cty: None,
        crit: None,
        b64: None,
        ignored: vec![],
    };
    assert!(token.starts_with("eyJhbGciOiJIUzI1NiIs"));
    assert_eq!(
        jwks_of(oct_jwk).select(&header),
        Err(KeyError::AlgNotAllowed("HS256".into()))
    );
}
