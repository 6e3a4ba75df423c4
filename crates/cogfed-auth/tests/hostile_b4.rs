//! Every hostile-token case of security-checklist B4, one named test each. Each token differs from a valid
//! one (`baseline_token_verifies`) in exactly one respect, signed for real with an RSA key made here.

mod common;

use cogfed_auth::jwks::{JwksCache, KeyError};
use cogfed_auth::jwt::{JwtError, MAX_TOKEN_BYTES, Segment};
use cogfed_auth::verify::{HeaderError, SignatureError};
use cogfed_auth::{JwkSet, VerifyError};
use common::*;
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};

fn error_of(token: &str) -> VerifyError {
    verify_id(token).expect_err("must be rejected").error
}

fn with_header(name: &str, value: Value) -> Value {
    with(header(), name, value)
}

/// A token with the given header whose signature is a real RS256 signature by the OP key.
fn token_with_header(h: &Value) -> String {
    sign(h, &id_claims())
}

#[test]
fn baseline_token_verifies() {
    let verified = verify_id(&sign(&header(), &id_claims())).expect("baseline must verify");
    assert!(verified.report.iter().all(|c| c.passed));
    let checks: Vec<&str> = verified.report.iter().map(|c| c.check.as_str()).collect();
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
            "azp",
            "exp",
            "nbf",
            "iat",
            "auth_time",
            "nonce",
            "at_hash",
            "token_use"
        ]
    );
}

// ---------------------------------------------------------------------------------------------------
// Header and algorithm

#[test]
fn b4_alg_none_lowercase_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("alg", json!("none")))),
        VerifyError::Key(KeyError::AlgNone("none".into()))
    );
}

#[test]
fn b4_alg_none_capitalised_variants_rejected() {
    for variant in ["None", "NONE", "nOnE"] {
        assert_eq!(
            error_of(&token_with_header(&with_header("alg", json!(variant)))),
            VerifyError::Key(KeyError::AlgNone(variant.into())),
            "{variant}"
        );
    }
}

#[test]
fn b4_alg_none_with_empty_signature_rejected() {
    let input = signing_input(
        &with_header("alg", json!("none")).to_string(),
        &id_claims().to_string(),
    );
    assert_eq!(
        error_of(&format!("{input}.")),
        VerifyError::Format(JwtError::EmptySegment(Segment::Signature))
    );
}

#[test]
fn b4_alg_missing_rejected() {
    let h = json!({ "kid": KID });
    assert!(
        matches!(error_of(&token_with_header(&h)), VerifyError::Format(JwtError::Header(e)) if e.name == "alg")
    );
}

#[test]
fn b4_alg_non_string_rejected() {
    for alg in [json!(256), json!(null), json!(["RS256"]), json!({"RS256": true})] {
        assert!(
            matches!(error_of(&token_with_header(&with_header("alg", alg))), VerifyError::Format(JwtError::Header(e)) if e.name == "alg")
        );
    }
}

#[test]
fn b4_alg_empty_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("alg", json!("")))),
        VerifyError::Key(KeyError::AlgNotAllowed(String::new()))
    );
}

#[test]
fn b4_alg_unknown_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("alg", json!("RS257")))),
        VerifyError::Key(KeyError::AlgNotAllowed("RS257".into()))
    );
}

#[test]
fn b4_alg_is_compared_case_sensitively() {
    assert_eq!(
        error_of(&token_with_header(&with_header("alg", json!("rs256")))),
        VerifyError::Key(KeyError::AlgNotAllowed("rs256".into()))
    );
}

#[test]
fn b4_alg_not_in_allowlist_rejected() {
    for alg in ["RS384", "RS512", "PS256", "ES256", "HS256", "EdDSA"] {
        assert_eq!(
            error_of(&token_with_header(&with_header("alg", json!(alg)))),
            VerifyError::Key(KeyError::AlgNotAllowed(alg.into())),
            "{alg}"
        );
    }
}

/// CVE-2015-9235: HS256 with the RSA public key as the HMAC secret, in every form an attacker could guess.
fn hmac_token(secret: &[u8]) -> String {
    let h = with_header("alg", json!("HS256"));
    let input = signing_input(&h.to_string(), &id_claims().to_string());
    format!(
        "{input}.{}",
        cogfed_auth::base64url::encode(&hmac_sha256(secret, input.as_bytes()))
    )
}

#[test]
fn b4_alg_confusion_hs256_keyed_with_rsa_public_key_pem() {
    let pem = key()
        .to_public_key()
        .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
        .expect("pem");
    assert_eq!(
        error_of(&hmac_token(pem.as_bytes())),
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
    let pkcs1 = key()
        .to_public_key()
        .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
        .expect("pem");
    assert_eq!(
        error_of(&hmac_token(pkcs1.as_bytes())),
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
}

#[test]
fn b4_alg_confusion_hs256_keyed_with_rsa_public_key_der() {
    let der = key().to_public_key().to_public_key_der().expect("der");
    assert_eq!(
        error_of(&hmac_token(der.as_bytes())),
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
}

#[test]
fn b4_alg_confusion_hs256_keyed_with_jwk_n() {
    assert_eq!(
        error_of(&hmac_token(&key().n().to_bytes_be())),
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
    let n_text = cogfed_auth::base64url::encode(&key().n().to_bytes_be());
    assert_eq!(
        error_of(&hmac_token(n_text.as_bytes())),
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
}

#[test]
fn b4_alg_confusion_hs256_keyed_with_ec_public_key_bytes() {
    // Wycheproof tcId 31: the P-256 public key of RFC 7515 A.3 as HMAC key, against a JWKS holding that EC key.
    let x = cogfed_auth::base64url::decode("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU").expect("x");
    let y = cogfed_auth::base64url::decode("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0").expect("y");
    let point = [vec![4u8], x, y].concat();
    let ec_jwks = JwkSet::parse(r#"{"keys":[{"kty":"EC","crv":"P-256","kid":"P6J03gNxCArOBHsJNvBfW9xZsLjG9kJ0DU8lx4ZMz0Q=","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#).expect("jwks");
    let failure =
        verify_id_with(&hmac_token(&point), &mut ec_jwks.clone(), &id_expectations()).expect_err("confusion");
    assert_eq!(
        failure.error,
        VerifyError::Key(KeyError::AlgNotAllowed("HS256".into()))
    );
}

#[test]
fn b4_cross_family_es256_header_with_rsa_key_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("alg", json!("ES256")))),
        VerifyError::Key(KeyError::AlgNotAllowed("ES256".into()))
    );
}

#[test]
fn b4_cross_family_ps256_header_with_rs256_key_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("alg", json!("PS256")))),
        VerifyError::Key(KeyError::AlgNotAllowed("PS256".into()))
    );
}

#[test]
fn b4_jwk_alg_differs_from_rs256_key_unusable() {
    let mut jwk = jwk(key(), Some(KID));
    jwk["alg"] = json!("PS256");
    let failure = verify_id_with(
        &sign(&header(), &id_claims()),
        &mut JwkSet::parse(&jwks_json(&[jwk])).expect("jwks"),
        &id_expectations(),
    )
    .expect_err("key alg");
    assert!(
        matches!(failure.error, VerifyError::Key(KeyError::Unusable { reason, .. }) if reason.contains("PS256"))
    );
}

#[test]
fn b4_jwk_use_enc_rejected() {
    let mut jwk = jwk(key(), Some(KID));
    jwk["use"] = json!("enc");
    let failure = verify_id_with(
        &sign(&header(), &id_claims()),
        &mut JwkSet::parse(&jwks_json(&[jwk])).expect("jwks"),
        &id_expectations(),
    )
    .expect_err("use enc");
    assert!(
        matches!(failure.error, VerifyError::Key(KeyError::Unusable { reason, .. }) if reason.contains("use"))
    );
}

#[test]
fn b4_jwk_key_ops_without_verify_rejected() {
    let mut jwk = jwk(key(), Some(KID));
    jwk["key_ops"] = json!(["sign", "encrypt"]);
    let failure = verify_id_with(
        &sign(&header(), &id_claims()),
        &mut JwkSet::parse(&jwks_json(&[jwk])).expect("jwks"),
        &id_expectations(),
    )
    .expect_err("key_ops");
    assert!(
        matches!(failure.error, VerifyError::Key(KeyError::Unusable { reason, .. }) if reason.contains("key_ops"))
    );
}

// kid attacks

#[test]
fn b4_kid_unknown_triggers_one_rate_limited_refetch_then_reject() {
    let jwks_body = jwks_json(&[jwk(key(), Some(KID))]);
    let server = LoopbackServer::start(move |_| Reply::json(200, jwks_body.clone()));
    let clock = TestClock::at(NOW);
    let http = cogfed_auth::BlockingHttpClient::new().expect("client");
    let mut cache = JwksCache::new(http, clock.clone(), server.url("/jwks"));
    let forged = sign(&with_header("kid", json!("forged-1")), &id_claims());
    // Cold cache: one fetch. Unknown kid right after: one refetch allowed.
    assert_eq!(
        failed_check(verify_id_with(&forged, &mut cache, &id_expectations())),
        "key"
    );
    assert_eq!(server.count("/jwks"), 1);
    assert_eq!(
        failed_check(verify_id_with(&forged, &mut cache, &id_expectations())),
        "key"
    );
    assert_eq!(server.count("/jwks"), 2);
    // A flood of unknown kids within the interval causes no further fetches.
    for i in 0..20 {
        let t = sign(&with_header("kid", json!(format!("forged-{i}"))), &id_claims());
        let failure = verify_id_with(&t, &mut cache, &id_expectations()).expect_err("unknown kid");
        assert!(matches!(
            failure.error,
            VerifyError::Key(KeyError::UnknownKid { refetched: false, .. })
        ));
    }
    assert_eq!(server.count("/jwks"), 2);
    clock.advance(60);
    assert_eq!(
        failed_check(verify_id_with(&forged, &mut cache, &id_expectations())),
        "key"
    );
    assert_eq!(server.count("/jwks"), 3);
}

#[test]
fn b4_kid_with_path_traversal_is_an_opaque_string() {
    let odd = "../../../../etc/passwd";
    assert!(matches!(
        error_of(&token_with_header(&with_header("kid", json!(odd)))),
        VerifyError::Key(KeyError::UnknownKid { .. })
    ));
    // Published under exactly that kid, it is just a name.
    let mut keys = JwkSet::parse(&jwks_json(&[jwk(key(), Some(odd))])).expect("jwks");
    assert!(
        verify_id_with(
            &token_with_header(&with_header("kid", json!(odd))),
            &mut keys,
            &id_expectations()
        )
        .is_ok()
    );
}

#[test]
fn b4_kid_with_sql_and_ldap_metacharacters_is_opaque() {
    for kid in ["' OR '1'='1", "*)(uid=*))(|(uid=*", "kid\"; DROP TABLE keys;--"] {
        assert!(
            matches!(
                error_of(&token_with_header(&with_header("kid", json!(kid)))),
                VerifyError::Key(KeyError::UnknownKid { .. })
            ),
            "{kid}"
        );
    }
}

#[test]
fn b4_kid_with_nul_does_not_match_its_prefix() {
    let kid = format!("{KID}\u{0}suffix");
    assert!(matches!(
        error_of(&token_with_header(&with_header("kid", json!(kid)))),
        VerifyError::Key(KeyError::UnknownKid { .. })
    ));
}

#[test]
fn b4_kid_very_long_rejected_without_harm() {
    let kid = "k".repeat(20_000);
    assert!(matches!(
        error_of(&token_with_header(&with_header("kid", json!(kid)))),
        VerifyError::Key(KeyError::UnknownKid { .. })
    ));
}

#[test]
fn b4_kid_non_string_rejected() {
    for kid in [json!(1), json!(["a"]), json!({}), json!(true)] {
        assert!(
            matches!(error_of(&token_with_header(&with_header("kid", kid))), VerifyError::Format(JwtError::Header(e)) if e.name == "kid")
        );
    }
}

#[test]
fn b4_kid_duplicated_across_keys_rejected() {
    let mut keys =
        JwkSet::parse(&jwks_json(&[jwk(other_key(), Some(KID)), jwk(key(), Some(KID))])).expect("jwks");
    let failure =
        verify_id_with(&sign(&header(), &id_claims()), &mut keys, &id_expectations()).expect_err("dup kid");
    assert_eq!(
        failure.error,
        VerifyError::Key(KeyError::DuplicateKid {
            kid: KID.into(),
            count: 2
        })
    );
}

// Key-bearing headers are ignored. A token signed by the attacker, who names his own key in the header:

fn attacker_token(extra_header: (&str, Value)) -> String {
    let h = with_header(extra_header.0, extra_header.1);
    sign_raw_with(other_key(), &h.to_string(), &id_claims().to_string())
}

#[test]
fn b4_embedded_jwk_header_is_ignored() {
    // CVE-2018-0114 / Wycheproof tcId 32.
    let token = attacker_token(("jwk", jwk(other_key(), Some(KID))));
    let failure = verify_id(&token).expect_err("attacker key must not be used");
    // Invalid, or OutOfRange when the attacker's signature value happens to exceed the OP's modulus.
    assert!(
        matches!(
            failure.error,
            VerifyError::Signature(SignatureError::Invalid(_) | SignatureError::OutOfRange)
        ),
        "{:?}",
        failure.error
    );
    let header_line = failure
        .report
        .iter()
        .find(|c| c.check.as_str() == "header")
        .expect("header check");
    assert!(
        header_line.detail().contains("ignored") && header_line.detail().contains("jwk"),
        "{}",
        header_line.detail()
    );
}

#[test]
fn b4_jku_header_is_ignored_and_never_fetched() {
    let attacker_jwks = jwks_json(&[jwk(other_key(), Some(KID))]);
    let attacker = LoopbackServer::start(move |_| Reply::json(200, attacker_jwks.clone()));
    let op_jwks = jwks_json(&[jwk(key(), Some(KID))]);
    let op = LoopbackServer::start(move |_| Reply::json(200, op_jwks.clone()));
    let token = attacker_token(("jku", json!(attacker.url("/jwks.json"))));
    let http = cogfed_auth::BlockingHttpClient::new().expect("client");
    let mut cache = JwksCache::new(http, TestClock::at(NOW), op.url("/jwks"));
    let failure = verify_id_with(&token, &mut cache, &id_expectations()).expect_err("jku");
    assert_eq!(failure.error.check().as_str(), "signature");
    assert_eq!(attacker.recorded().len(), 0, "the jku URL must never be fetched");
    assert_eq!(op.count("/jwks"), 1);
}

#[test]
fn b4_x5u_header_is_ignored_and_never_fetched() {
    let attacker = LoopbackServer::start(|_| Reply::json(200, "-----BEGIN CERTIFICATE-----"));
    let token = attacker_token(("x5u", json!(attacker.url("/cert.pem"))));
    assert_eq!(failed_check(verify_id(&token)), "signature");
    assert_eq!(attacker.recorded().len(), 0);
}

#[test]
fn b4_x5c_header_is_ignored() {
    let der = other_key().to_public_key().to_public_key_der().expect("der");
    let token = attacker_token(("x5c", json!([cogfed_auth::base64url::encode(der.as_bytes())])));
    assert_eq!(failed_check(verify_id(&token)), "signature");
    // And on a token the OP signed, the ignored header changes nothing.
    assert!(verify_id(&token_with_header(&with_header("x5c", json!(["AAAA"])))).is_ok());
}

// crit, b64

#[test]
fn b4_crit_unknown_extension_rejected() {
    let h = with(
        with_header("crit", json!(["http://example.com/ext"])),
        "http://example.com/ext",
        json!(true),
    );
    assert_eq!(
        error_of(&token_with_header(&h)),
        VerifyError::Header(HeaderError::CritUnsupported("http://example.com/ext".into()))
    );
}

#[test]
fn b4_crit_empty_list_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("crit", json!([])))),
        VerifyError::Header(HeaderError::CritEmpty)
    );
}

#[test]
fn b4_crit_with_standard_header_name_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("crit", json!(["alg"])))),
        VerifyError::Header(HeaderError::CritStandard("alg".into()))
    );
}

#[test]
fn b4_b64_false_without_crit_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("b64", json!(false)))),
        VerifyError::Header(HeaderError::B64Unsupported)
    );
}

#[test]
fn b4_b64_false_with_crit_rejected() {
    let h = with(with_header("b64", json!(false)), "crit", json!(["b64"]));
    assert_eq!(
        error_of(&token_with_header(&h)),
        VerifyError::Header(HeaderError::CritUnsupported("b64".into()))
    );
}

// typ / cty

#[test]
fn b4_cty_jwt_nested_rejected() {
    assert_eq!(
        error_of(&token_with_header(&with_header("cty", json!("JWT")))),
        VerifyError::Header(HeaderError::ContentType("JWT".into()))
    );
}

#[test]
fn b4_jwe_five_segments_rejected() {
    // Cognito's refresh token shape: a 5-part JWE.
    let jwe = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d";
    assert_eq!(error_of(jwe), VerifyError::Format(JwtError::SegmentCount(5)));
}

#[test]
fn b4_typ_at_jwt_offered_as_id_token_rejected() {
    assert!(matches!(
        error_of(&token_with_header(&with_header("typ", json!("at+jwt")))),
        VerifyError::Header(HeaderError::Typ { .. })
    ));
}

// ---------------------------------------------------------------------------------------------------
// Serialization

fn valid() -> String {
    sign(&header(), &id_claims())
}

fn segments() -> Vec<String> {
    valid().split('.').map(str::to_owned).collect()
}

#[test]
fn b4_two_segments_rejected() {
    let s = segments();
    assert_eq!(
        error_of(&format!("{}.{}", s[0], s[1])),
        VerifyError::Format(JwtError::SegmentCount(2))
    );
}

#[test]
fn b4_four_segments_rejected() {
    assert_eq!(
        error_of(&format!("{}.", valid())),
        VerifyError::Format(JwtError::SegmentCount(4))
    );
}

#[test]
fn b4_extra_dot_rejected() {
    let s = segments();
    assert_eq!(
        error_of(&format!("{}..{}.{}", s[0], s[1], s[2])),
        VerifyError::Format(JwtError::SegmentCount(4))
    );
}

#[test]
fn b4_empty_header_rejected() {
    let s = segments();
    assert_eq!(
        error_of(&format!(".{}.{}", s[1], s[2])),
        VerifyError::Format(JwtError::EmptySegment(Segment::Header))
    );
}

#[test]
fn b4_empty_payload_rejected() {
    let s = segments();
    assert_eq!(
        error_of(&format!("{}..{}", s[0], s[2])),
        VerifyError::Format(JwtError::EmptySegment(Segment::Payload))
    );
}

#[test]
fn b4_empty_signature_rejected() {
    let s = segments();
    assert_eq!(
        error_of(&format!("{}.{}.", s[0], s[1])),
        VerifyError::Format(JwtError::EmptySegment(Segment::Signature))
    );
}

#[test]
fn b4_json_serialization_rejected() {
    let s = segments();
    let json_form = json!({ "payload": s[1], "protected": s[0], "signature": s[2] }).to_string();
    assert!(matches!(
        error_of(&json_form),
        VerifyError::Format(JwtError::BadCharacter { found: '{', at: 0 })
    ));
}

#[test]
fn b4_base64_padding_rejected() {
    let s = segments();
    assert!(matches!(
        error_of(&format!("{}.{}.{}==", s[0], s[1], s[2])),
        VerifyError::Format(JwtError::BadCharacter { found: '=', .. })
    ));
}

#[test]
fn b4_base64_standard_alphabet_rejected() {
    let s = segments();
    let std_sig = s[2].replace('-', "+").replace('_', "/");
    assert_ne!(
        std_sig, s[2],
        "signature contains - or _ (RSA signatures almost always do)"
    );
    assert!(matches!(
        error_of(&format!("{}.{}.{}", s[0], s[1], std_sig)),
        VerifyError::Format(JwtError::BadCharacter { .. })
    ));
}

#[test]
fn b4_base64_whitespace_and_newlines_rejected() {
    let s = segments();
    for ws in [" ", "\n", "\r\n", "\t"] {
        let t = format!("{}.{}{ws}.{}", s[0], s[1], s[2]);
        assert!(
            matches!(error_of(&t), VerifyError::Format(JwtError::BadCharacter { .. })),
            "{ws:?}"
        );
    }
    assert!(matches!(
        error_of(&format!("{}\n", valid())),
        VerifyError::Format(JwtError::BadCharacter { .. })
    ));
}

#[test]
fn b4_base64_noncanonical_trailing_bits_rejected() {
    let s = segments();
    // A 256-byte RSA signature is 342 characters: the last one carries 4 unused bits.
    let t = format!("{}.{}.{}", s[0], s[1], non_canonical(&s[2]));
    assert_eq!(
        error_of(&t),
        VerifyError::Format(JwtError::Base64(Segment::Signature))
    );
}

#[test]
fn b4_base64_invalid_character_rejected() {
    let s = segments();
    // Wycheproof tcIds 372/373 insert '?', which lenient decoders skip; here it is refused.
    let t = format!("{}.{}?.{}", s[0], s[1], s[2]);
    assert_eq!(
        error_of(&t),
        VerifyError::Format(JwtError::BadCharacter {
            found: '?',
            at: s[0].len() + 1 + s[1].len()
        })
    );
}

#[test]
fn b4_base64_impossible_length_rejected() {
    let s = segments();
    let t = format!("{}.{}A.{}", s[0], &s[1][..s[1].len() - (s[1].len() % 4)], s[2]);
    assert!(matches!(
        error_of(&t),
        VerifyError::Format(JwtError::Base64(Segment::Payload)) | VerifyError::Format(JwtError::Json { .. })
    ));
}

fn token_with_raw_payload(payload: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        cogfed_auth::base64url::encode(header().to_string().as_bytes()),
        cogfed_auth::base64url::encode(payload)
    );
    format!(
        "{input}.{}",
        cogfed_auth::base64url::encode(&rs256_sign(key(), input.as_bytes()))
    )
}

fn json_error_of(payload: &[u8]) -> cogfed_auth::json::JsonError {
    match error_of(&token_with_raw_payload(payload)) {
        VerifyError::Format(JwtError::Json {
            segment: Segment::Payload,
            source,
        }) => source,
        other => panic!("{other:?}"),
    }
}

#[test]
fn b4_non_utf8_payload_rejected() {
    let mut p = id_claims().to_string().into_bytes();
    p.insert(1, 0xff);
    assert!(matches!(
        json_error_of(&p),
        cogfed_auth::json::JsonError::NotUtf8(1)
    ));
}

#[test]
fn b4_utf16_payload_rejected() {
    let utf16: Vec<u8> = id_claims()
        .to_string()
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert!(matches!(
        json_error_of(&utf16),
        cogfed_auth::json::JsonError::Syntax(_)
    ));
}

#[test]
fn b4_utf32_payload_rejected() {
    let utf32: Vec<u8> = id_claims()
        .to_string()
        .chars()
        .flat_map(|c| (c as u32).to_be_bytes())
        .collect();
    assert!(matches!(
        json_error_of(&utf32),
        cogfed_auth::json::JsonError::Syntax(_)
    ));
}

#[test]
fn b4_byte_order_mark_rejected() {
    let p = [b"\xEF\xBB\xBF".as_slice(), id_claims().to_string().as_bytes()].concat();
    assert_eq!(json_error_of(&p), cogfed_auth::json::JsonError::ByteOrderMark);
}

#[test]
fn b4_lone_surrogate_rejected() {
    let p = id_claims().to_string().replace("\"alice\"", r#""\ud800alice""#);
    assert!(matches!(
        json_error_of(p.as_bytes()),
        cogfed_auth::json::JsonError::Syntax(_)
    ));
}

#[test]
fn b4_invalid_json_rejected() {
    assert!(matches!(
        json_error_of(br#"{"sub":"a",}"#),
        cogfed_auth::json::JsonError::Syntax(_)
    ));
    assert!(matches!(
        json_error_of(b"[]"),
        cogfed_auth::json::JsonError::NotAnObject
    ));
}

#[test]
fn b4_trailing_garbage_rejected() {
    let p = format!("{} {{}}", id_claims());
    assert!(matches!(
        json_error_of(p.as_bytes()),
        cogfed_auth::json::JsonError::Syntax(_)
    ));
}

#[test]
fn b4_deep_nesting_rejected() {
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let p = id_claims()
        .to_string()
        .replacen('{', &format!("{{\"x\":{deep},"), 1);
    assert_eq!(json_error_of(p.as_bytes()), cogfed_auth::json::JsonError::TooDeep);
}

#[test]
fn b4_duplicate_alg_in_header_rejected() {
    let raw = format!(r#"{{"kid":"{KID}","alg":"RS256","alg":"none"}}"#);
    let t = sign_raw(&raw, &id_claims().to_string());
    assert!(
        matches!(error_of(&t), VerifyError::Format(JwtError::Json { segment: Segment::Header, source: cogfed_auth::json::JsonError::DuplicateMember(m) }) if m == "alg")
    );
}

#[test]
fn b4_duplicate_iss_in_claims_rejected() {
    let p = id_claims()
        .to_string()
        .replacen('{', r#"{"iss":"https://evil.example","#, 1);
    assert_eq!(
        json_error_of(p.as_bytes()),
        cogfed_auth::json::JsonError::DuplicateMember("iss".into())
    );
}

#[test]
fn b4_oversized_token_rejected() {
    let big = with(id_claims(), "padding", json!("x".repeat(MAX_TOKEN_BYTES)));
    assert!(matches!(
        error_of(&sign(&header(), &big)),
        VerifyError::Format(JwtError::TooLong { .. })
    ));
}

#[test]
fn b4_huge_exp_digit_string_rejected() {
    let p = id_claims().to_string().replace(
        &format!("\"exp\":{}", NOW + 3600),
        &format!("\"exp\":{}", "9".repeat(5000)),
    );
    // Beyond f64 range the JSON parser itself refuses the number.
    assert!(matches!(
        error_of(&token_with_raw_payload(p.as_bytes())),
        VerifyError::Format(JwtError::Json { segment: Segment::Payload, source: cogfed_auth::json::JsonError::Syntax(m) }) if m.contains("out of range")
    ));
    let p = id_claims().to_string().replace(
        &format!("\"exp\":{}", NOW + 3600),
        &format!("\"exp\":{}", "9".repeat(300)),
    );
    assert!(
        matches!(error_of(&token_with_raw_payload(p.as_bytes())), VerifyError::Format(JwtError::Claim(e)) if e.name == "exp")
    );
}

#[test]
fn b4_very_many_aud_entries_rejected() {
    let mut aud: Vec<String> = (0..2000).map(|i| format!("aud-{i}")).collect();
    aud.push(CLIENT_ID.into());
    let t = sign(
        &header(),
        &with(with(id_claims(), "aud", json!(aud)), "azp", json!(CLIENT_ID)),
    );
    assert!(
        matches!(error_of(&t), VerifyError::Claim(_, cogfed_auth::validate::ClaimError::UntrustedAudience(a)) if a == "aud-0")
    );
}

#[test]
fn b4_jwks_with_thousands_of_keys_rejected() {
    let keys: Vec<Value> = (0..2000)
        .map(|i| json!({"kty":"RSA","kid":format!("k{i}"),"n":"AQAB","e":"AQAB"}))
        .collect();
    assert!(matches!(
        JwkSet::parse(&jwks_json(&keys)),
        Err(KeyError::Document(_))
    ));
}

// ---------------------------------------------------------------------------------------------------
// Signatures

fn with_signature(sig: &[u8]) -> String {
    let s = segments();
    format!("{}.{}.{}", s[0], s[1], cogfed_auth::base64url::encode(sig))
}

fn real_signature() -> Vec<u8> {
    cogfed_auth::base64url::decode(&segments()[2]).expect("sig")
}

#[test]
fn b4_bad_signature_rejected() {
    let mut sig = real_signature();
    sig[128] ^= 0x01; // the top byte is untouched, so the value stays below n
    assert_eq!(
        error_of(&with_signature(&sig)),
        VerifyError::Signature(SignatureError::Invalid(Some(KID.into())))
    );
}

#[test]
fn b4_signature_over_other_payload_rejected() {
    let other = sign(&header(), &with(id_claims(), "sub", json!("mallory")));
    let (_, other_sig) = other.rsplit_once('.').expect("3 parts");
    let s = segments();
    assert_eq!(
        error_of(&format!("{}.{}.{other_sig}", s[0], s[1])),
        VerifyError::Signature(SignatureError::Invalid(Some(KID.into())))
    );
}

#[test]
fn b4_truncated_signature_rejected() {
    let sig = real_signature();
    assert_eq!(
        error_of(&with_signature(&sig[..255])),
        VerifyError::Signature(SignatureError::Length {
            expected: 256,
            found: 255
        })
    );
}

#[test]
fn b4_extended_signature_rejected() {
    let sig = [real_signature(), vec![0]].concat();
    assert_eq!(
        error_of(&with_signature(&sig)),
        VerifyError::Signature(SignatureError::Length {
            expected: 256,
            found: 257
        })
    );
    let sig = [vec![0], real_signature()].concat();
    assert_eq!(
        error_of(&with_signature(&sig)),
        VerifyError::Signature(SignatureError::Length {
            expected: 256,
            found: 257
        })
    );
}

#[test]
fn b4_rsa_signature_value_zero_rejected() {
    assert_eq!(
        error_of(&with_signature(&[0u8; 256])),
        VerifyError::Signature(SignatureError::Invalid(Some(KID.into())))
    );
}

#[test]
fn b4_rsa_signature_value_one_rejected() {
    let mut one = [0u8; 256];
    one[255] = 1;
    assert_eq!(
        error_of(&with_signature(&one)),
        VerifyError::Signature(SignatureError::Invalid(Some(KID.into())))
    );
}

#[test]
fn b4_rsa_signature_value_n_minus_one_rejected() {
    let n_minus_1 = (key().n() - 1u32).to_bytes_be();
    assert_eq!(
        error_of(&with_signature(&n_minus_1)),
        VerifyError::Signature(SignatureError::Invalid(Some(KID.into())))
    );
}

#[test]
fn b4_rsa_signature_value_n_rejected() {
    assert_eq!(
        error_of(&with_signature(&key().n().to_bytes_be())),
        VerifyError::Signature(SignatureError::OutOfRange)
    );
}

#[test]
fn b4_rsa_signature_not_reduced_rejected() {
    // s + n has the same length when it does not overflow 2048 bits: the unreduced twin of a valid signature.
    let s = rsa::BigUint::from_bytes_be(&real_signature());
    let unreduced = (s + key().n()).to_bytes_be();
    if unreduced.len() == 256 {
        assert_eq!(
            error_of(&with_signature(&unreduced)),
            VerifyError::Signature(SignatureError::OutOfRange)
        );
    } else {
        assert!(matches!(
            error_of(&with_signature(&unreduced)),
            VerifyError::Signature(SignatureError::Length { .. })
        ));
    }
    let all_ones = [0xffu8; 256];
    assert_eq!(
        error_of(&with_signature(&all_ones)),
        VerifyError::Signature(SignatureError::OutOfRange)
    );
}

#[test]
fn b4_rsa_modulus_below_2048_bits_rejected() {
    let small = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 1024).expect("1024-bit key");
    let t = sign_raw_with(&small, &header().to_string(), &id_claims().to_string());
    let mut keys = JwkSet::parse(&jwks_json(&[jwk(&small, Some(KID))])).expect("jwks");
    let failure = verify_id_with(&t, &mut keys, &id_expectations()).expect_err("1024 bits");
    assert!(
        matches!(failure.error, VerifyError::Key(KeyError::Unusable { reason, .. }) if reason.contains("1024 bits"))
    );
}

#[test]
fn b4_es256_special_case_signatures_rejected_by_the_allowlist() {
    // Wycheproof SpecialCaseEs256 / CVE-2022-21449 shapes: never reach an ECDSA verifier.
    let h = with_header("alg", json!("ES256"));
    let input = signing_input(&h.to_string(), &id_claims().to_string());
    let cases: Vec<Vec<u8>> = vec![
        vec![0; 64],
        vec![0; 65],
        vec![0; 72],
        [vec![0; 31], vec![1], vec![0; 31], vec![1]].concat(),
        vec![0xff; 64],
    ];
    for sig in cases {
        let t = format!("{input}.{}", cogfed_auth::base64url::encode(&sig));
        assert_eq!(
            error_of(&t),
            VerifyError::Key(KeyError::AlgNotAllowed("ES256".into()))
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// Claims

fn claim_error(claims: Value) -> (String, cogfed_auth::validate::ClaimError) {
    match error_of(&sign(&header(), &claims)) {
        VerifyError::Claim(check, e) => (check.as_str().to_owned(), e),
        other => panic!("expected a claim failure, got {other:?}"),
    }
}

fn claim_type_error(claims: Value) -> String {
    match error_of(&sign(&header(), &claims)) {
        VerifyError::Format(JwtError::Claim(e)) => e.name,
        other => panic!("expected a claim type error, got {other:?}"),
    }
}

#[test]
fn b4_exp_missing_rejected() {
    assert_eq!(claim_error(without(id_claims(), "exp")).0, "exp");
}

#[test]
fn b4_exp_past_rejected() {
    assert_eq!(claim_error(with(id_claims(), "exp", json!(NOW - 61))).0, "exp");
    // Within the 60 s leeway it is still accepted.
    assert!(verify_id(&sign(&header(), &with(id_claims(), "exp", json!(NOW - 59)))).is_ok());
}

#[test]
fn b4_exp_string_rejected() {
    assert_eq!(
        claim_type_error(with(id_claims(), "exp", json!((NOW + 3600).to_string()))),
        "exp"
    );
}

#[test]
fn b4_exp_float_rejected() {
    assert_eq!(
        claim_type_error(with(id_claims(), "exp", json!((NOW + 3600) as f64 + 0.5))),
        "exp"
    );
}

#[test]
fn b4_exp_negative_rejected() {
    assert_eq!(claim_type_error(with(id_claims(), "exp", json!(-1))), "exp");
}

#[test]
fn b4_exp_out_of_i64_range_rejected() {
    let p = id_claims()
        .to_string()
        .replace(&format!("\"exp\":{}", NOW + 3600), "\"exp\":18446744073709551616");
    assert!(
        matches!(error_of(&token_with_raw_payload(p.as_bytes())), VerifyError::Format(JwtError::Claim(e)) if e.name == "exp")
    );
    assert_eq!(claim_type_error(with(id_claims(), "exp", json!(u64::MAX))), "exp");
}

#[test]
fn b4_nbf_in_the_future_beyond_leeway_rejected() {
    assert_eq!(claim_error(with(id_claims(), "nbf", json!(NOW + 61))).0, "nbf");
    assert!(verify_id(&sign(&header(), &with(id_claims(), "nbf", json!(NOW + 60)))).is_ok());
}

#[test]
fn b4_iat_in_the_future_beyond_leeway_rejected() {
    assert_eq!(claim_error(with(id_claims(), "iat", json!(NOW + 61))).0, "iat");
}

#[test]
fn b4_iat_far_in_the_past_rejected() {
    // fapi1-advanced-final-client-test-iat-is-week-in-past.
    assert_eq!(
        claim_error(with(id_claims(), "iat", json!(NOW - 7 * 86_400))).0,
        "iat"
    );
}

#[test]
fn b4_iss_mismatch_rejected() {
    assert_eq!(
        claim_error(with(
            id_claims(),
            "iss",
            json!("https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_other")
        ))
        .0,
        "iss"
    );
}

#[test]
fn b4_iss_trailing_slash_variant_rejected() {
    assert_eq!(
        claim_error(with(id_claims(), "iss", json!(format!("{ISS}/")))).0,
        "iss"
    );
}

#[test]
fn b4_iss_case_variant_rejected() {
    assert_eq!(
        claim_error(with(
            id_claims(),
            "iss",
            json!(ISS.replace("cognito-idp", "Cognito-IDP"))
        ))
        .0,
        "iss"
    );
}

#[test]
fn b4_iss_http_scheme_rejected() {
    assert_eq!(
        claim_error(with(id_claims(), "iss", json!(ISS.replace("https", "http")))).0,
        "iss"
    );
}

#[test]
fn b4_iss_unicode_lookalike_rejected() {
    // Cyrillic 'о' (U+043E) for Latin 'o'.
    assert_eq!(
        claim_error(with(id_claims(), "iss", json!(ISS.replace("cognito", "cоgnito")))).0,
        "iss"
    );
}

#[test]
fn b4_aud_missing_rejected() {
    assert_eq!(claim_error(without(id_claims(), "aud")).0, "aud");
}

#[test]
fn b4_aud_wrong_rejected() {
    assert_eq!(
        claim_error(with(id_claims(), "aud", json!("another-client"))).0,
        "aud"
    );
}

#[test]
fn b4_aud_number_rejected() {
    assert_eq!(claim_type_error(with(id_claims(), "aud", json!(7))), "aud");
}

#[test]
fn b4_aud_extra_untrusted_audience_with_azp_rejected() {
    let c = with(
        with(id_claims(), "aud", json!([CLIENT_ID, "https://evil.example"])),
        "azp",
        json!(CLIENT_ID),
    );
    assert_eq!(claim_error(c).0, "aud");
}

#[test]
fn b4_aud_extra_untrusted_audience_without_azp_rejected() {
    assert_eq!(
        claim_error(with(
            id_claims(),
            "aud",
            json!([CLIENT_ID, "https://evil.example"])
        ))
        .0,
        "aud"
    );
}

#[test]
fn b4_azp_not_client_id_rejected() {
    assert_eq!(
        claim_error(with(id_claims(), "azp", json!("another-client"))).0,
        "azp"
    );
}

#[test]
fn b4_sub_missing_rejected() {
    assert_eq!(claim_error(without(id_claims(), "sub")).0, "sub");
}

#[test]
fn b4_sub_empty_rejected() {
    assert_eq!(
        claim_error(with(id_claims(), "sub", json!(""))),
        ("sub".into(), cogfed_auth::validate::ClaimError::EmptySubject)
    );
}

#[test]
fn b4_sub_non_string_rejected() {
    assert_eq!(claim_type_error(with(id_claims(), "sub", json!(42))), "sub");
}

#[test]
fn b4_nonce_missing_rejected() {
    assert_eq!(
        claim_error(without(id_claims(), "nonce")),
        (
            "nonce".into(),
            cogfed_auth::validate::ClaimError::Missing("nonce")
        )
    );
}

#[test]
fn b4_nonce_mismatched_rejected() {
    assert_eq!(claim_error(with(id_claims(), "nonce", json!("other"))).0, "nonce");
}

#[test]
fn b4_at_hash_wrong_rejected() {
    let mut e = id_expectations();
    e.access_token = Some("the-access-token".into());
    let c = with(
        id_claims(),
        "at_hash",
        json!(cogfed_auth::validate::at_hash("another-access-token")),
    );
    assert_eq!(
        failed_check(verify_id_with(&sign(&header(), &c), &mut jwks(), &e)),
        "at_hash"
    );
}

#[test]
fn b4_at_hash_with_wrong_hash_size_rejected() {
    use sha2::{Digest, Sha512};
    let mut e = id_expectations();
    e.access_token = Some("the-access-token".into());
    let sha512_half = cogfed_auth::base64url::encode(&Sha512::digest(b"the-access-token")[..32]);
    let c = with(id_claims(), "at_hash", json!(sha512_half));
    assert_eq!(
        failed_check(verify_id_with(&sign(&header(), &c), &mut jwks(), &e)),
        "at_hash"
    );
    let right = with(
        id_claims(),
        "at_hash",
        json!(cogfed_auth::validate::at_hash("the-access-token")),
    );
    assert!(verify_id_with(&sign(&header(), &right), &mut jwks(), &e).is_ok());
}

#[test]
fn b4_token_use_swapped_access_token_offered_as_id_token_rejected() {
    let access_as_id = with(access_claims(), "aud", json!(CLIENT_ID));
    let access_as_id = with(access_as_id, "nonce", json!(NONCE));
    assert_eq!(claim_error(access_as_id).0, "token_use");
}

#[test]
fn b4_id_token_offered_as_access_token_rejected() {
    let e = cogfed_auth::AccessTokenExpectations::new(ISS, CLIENT_ID, NOW);
    let t = sign(&header(), &with(id_claims(), "client_id", json!(CLIENT_ID)));
    let failure = block_on(cogfed_auth::verify_access_token(
        &t,
        &mut jwks(),
        &cogfed_auth::JsonwebtokenVerifier,
        &e,
    ))
    .expect_err("id as access");
    assert_eq!(failure.error.check().as_str(), "token_use");
}

#[test]
fn b4_access_token_client_id_mismatch_rejected() {
    let e = cogfed_auth::AccessTokenExpectations::new(ISS, CLIENT_ID, NOW);
    let t = sign(
        &header(),
        &with(access_claims(), "client_id", json!("other-client")),
    );
    let failure = block_on(cogfed_auth::verify_access_token(
        &t,
        &mut jwks(),
        &cogfed_auth::JsonwebtokenVerifier,
        &e,
    ))
    .expect_err("client_id");
    assert_eq!(failure.error.check().as_str(), "client_id");
    let ok = block_on(cogfed_auth::verify_access_token(
        &sign(&header(), &access_claims()),
        &mut jwks(),
        &cogfed_auth::JsonwebtokenVerifier,
        &e,
    ));
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn b4_access_token_missing_required_scope_rejected() {
    let mut e = cogfed_auth::AccessTokenExpectations::new(ISS, CLIENT_ID, NOW);
    e.required_scopes = vec!["openid".into(), "api.example.com/write".into()];
    let failure = block_on(cogfed_auth::verify_access_token(
        &sign(&header(), &access_claims()),
        &mut jwks(),
        &cogfed_auth::JsonwebtokenVerifier,
        &e,
    ))
    .expect_err("scope");
    assert_eq!(failure.error.check().as_str(), "scope");
}
