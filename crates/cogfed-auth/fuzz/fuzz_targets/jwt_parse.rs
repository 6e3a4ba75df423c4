//! Fuzzes strict JWT parsing and everything that runs on a parsed token before and after the signature:
//! header policy, alg allowlist, key selection against a fixed JWKS, and every claim check.
#![no_main]

use cogfed_auth::jwks::check_header_alg;
use cogfed_auth::validate::{AccessTokenExpectations, IdTokenExpectations, access_token_checks, id_token_checks};
use cogfed_auth::verify::{TokenKind, check_header};
use cogfed_auth::{JwkSet, Jwt};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn jwks() -> &'static JwkSet {
    static JWKS: OnceLock<JwkSet> = OnceLock::new();
    JWKS.get_or_init(|| {
        let n = cogfed_auth::base64url::encode(&[0xC5u8; 256]);
        let doc = format!(
            r#"{{"keys":[{{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"{n}","e":"AQAB"}},{{"kty":"EC","kid":"k2","crv":"P-256","x":"AA","y":"AA"}}]}}"#
        );
        JwkSet::parse(&doc).unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        // Bytes that are not text still go through the JSON and JWKS parsers.
        let _ = cogfed_auth::json::parse_object(data);
        return;
    };
    let _ = cogfed_auth::jwt::inspect(text);
    let _ = JwkSet::parse(text);
    let Ok(jwt) = Jwt::parse(text) else { return };
    let _ = check_header(&jwt.header, TokenKind::Id);
    let _ = check_header(&jwt.header, TokenKind::Access);
    let _ = check_header_alg(&jwt.header.alg);
    let _ = jwks().select(&jwt.header);
    let now = 1_767_225_600;
    let mut id = IdTokenExpectations::for_sign_in("https://issuer.example", "client", "nonce", now);
    id.access_token = Some(text.to_owned());
    id.max_auth_age_secs = Some(300);
    let _ = id_token_checks(&jwt.claims, &id, Some("at-hash"));
    let refresh = IdTokenExpectations::for_refresh("https://issuer.example", "client", &jwt.claims, now);
    let _ = id_token_checks(&jwt.claims, &refresh, None);
    let mut access = AccessTokenExpectations::new("https://issuer.example", "client", now);
    access.required_scopes = vec!["openid".into()];
    access.audience = Some("https://api.example".into());
    let _ = access_token_checks(&jwt.claims, &access);
    // Typed and untyped views must agree on the registered claims they both hold.
    if let Some(iss) = jwt.claims.json().get("iss").and_then(|v| v.as_str()) {
        assert_eq!(jwt.claims.iss.as_deref(), Some(&*iss));
    }
    let header = cogfed_auth::json::parse_object(jwt.header_json().as_bytes()).expect("validated");
    if let Some(alg) = header.get("alg").and_then(|v| v.as_str()) {
        assert_eq!(jwt.header.alg, alg);
    }
});
