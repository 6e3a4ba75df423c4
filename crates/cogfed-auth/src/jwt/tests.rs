use super::*;

fn token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64::encode(header.as_bytes()),
        b64::encode(payload.as_bytes()),
        b64::encode(b"sig")
    )
}

#[test]
fn parses_cognito_id_token_claims() {
    let payload = r#"{"sub":"aaaa-bbbb","cognito:groups":["eu-central-1_2kcGMqneE_SignInWithApple","admin"],
        "iss":"https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE","cognito:username":"SignInWithApple_0003",
        "origin_jti":"o","aud":"client","identities":[{"userId":"0003","providerName":"SignInWithApple","providerType":"SignInWithApple",
        "issuer":null,"primary":"true","dateCreated":"1642699117273"}],"token_use":"id","auth_time":1642699117,
        "exp":1642702717,"iat":1642699117,"jti":"j","event_id":"e","custom:tier":"gold","amr":["pwd"],"acr":"urn:cognito:loa:4"}"#;
    let jwt = Jwt::parse(&token(
        r#"{"kid":"P6J03gNxCArOBHsJNvBfW9xZsLjG9kJ0DU8lx4ZMz0Q=","alg":"RS256"}"#,
        payload,
    ))
    .unwrap();
    assert_eq!(
        jwt.header.kid.as_deref(),
        Some("P6J03gNxCArOBHsJNvBfW9xZsLjG9kJ0DU8lx4ZMz0Q=")
    );
    let c = &jwt.claims;
    assert_eq!(c.aud, Some(vec!["client".to_owned()]));
    assert_eq!(c.cognito_groups().map(|g| g.len()), Some(2));
    assert_eq!(c.cognito_username().as_deref(), Some("SignInWithApple_0003"));
    let identities = c.identities().unwrap();
    let id = identities.first().unwrap();
    assert_eq!(
        (id.primary, id.date_created_ms, id.issuer.as_deref()),
        (Some(true), Some(1_642_699_117_273), None)
    );
    assert_eq!(c.custom(), [("custom:tier".to_owned(), "gold".to_owned())]);
    assert_eq!(c.amr(), Some(vec!["pwd".to_owned()]));
    assert_eq!(c.acr().as_deref(), Some("urn:cognito:loa:4"));
    assert_eq!(
        c.json().get("origin_jti").and_then(|v| v.as_str()).as_deref(),
        Some("o")
    );
    assert_eq!(jwt.signature(), b"sig");
    assert!(jwt.signing_input().starts_with(b"eyJ"));
    assert_eq!(
        jwt.signing_input(),
        jwt.as_str().rsplit_once('.').unwrap().0.as_bytes()
    );
}

#[test]
fn parses_cognito_access_token_claims() {
    let payload = r#"{"sub":"s","iss":"i","version":2,"client_id":"c","token_use":"access","scope":"openid  profile api/read","username":"u","exp":2,"iat":1}"#;
    let c = Jwt::parse(&token(r#"{"alg":"RS256","kid":"k"}"#, payload))
        .unwrap()
        .claims;
    assert_eq!(c.version(), Some(2));
    assert_eq!(c.scopes(), ["openid", "profile", "api/read"]);
    assert_eq!(c.aud, None);
    assert_eq!(c.username().as_deref(), Some("u"));
}

#[test]
fn typed_errors_name_the_member() {
    let h = r#"{"alg":"RS256"}"#;
    let err = |payload: &str| match Jwt::parse(&token(h, payload)) {
        Err(JwtError::Claim(e)) => e.name,
        other => panic!("{other:?}"),
    };
    assert_eq!(err(r#"{"exp":"1300819380"}"#), "exp");
    assert_eq!(err(r#"{"exp":1.5}"#), "exp");
    assert_eq!(err(r#"{"exp":-1}"#), "exp");
    assert_eq!(err(r#"{"exp":99999999999999999999}"#), "exp");
    assert_eq!(err(r#"{"iat":253402300800}"#), "iat");
    assert_eq!(err(r#"{"aud":5}"#), "aud");
    assert_eq!(err(r#"{"aud":[]}"#), "aud");
    assert_eq!(err(r#"{"aud":["a",1]}"#), "aud");
    assert_eq!(err(r#"{"sub":7}"#), "sub");
    assert_eq!(err(r#"{"cognito:groups":"admin"}"#), "cognito:groups");
    assert_eq!(err(r#"{"jti":1}"#), "jti");
    assert_eq!(err(r#"{"version":"2"}"#), "version");
    assert_eq!(
        err(r#"{"identities":[{"primary":true}]}"#),
        "identities[].primary"
    );
    assert_eq!(
        err(r#"{"identities":[{"dateCreated":1642699117273}]}"#),
        "identities[].dateCreated"
    );
    assert_eq!(
        err(r#"{"identities":[{"dateCreated":"+1"}]}"#),
        "identities[].dateCreated"
    );
    assert_eq!(err(r#"{"identities":[1]}"#), "identities");
    assert_eq!(err(r#"{"custom:n":1}"#), "custom:n");
    let found = |payload: &str| match Jwt::parse(&token(h, payload)) {
        Err(JwtError::Claim(e)) => e.found,
        other => panic!("{other:?}"),
    };
    assert_eq!(found(r#"{"sub":7}"#), "the number 7");
    assert_eq!(found(r#"{"exp":-1}"#), "the negative number -1");
    assert_eq!(found(r#"{"exp":1.5}"#), "a fractional number");
    let herr = |header: &str| match Jwt::parse(&token(header, "{}")) {
        Err(JwtError::Header(e)) => e.name,
        other => panic!("{other:?}"),
    };
    assert_eq!(herr("{}"), "alg");
    assert_eq!(herr(r#"{"alg":null}"#), "alg");
    assert_eq!(herr(r#"{"alg":"RS256","kid":1}"#), "kid");
    assert_eq!(herr(r#"{"alg":"RS256","crit":"b64"}"#), "crit");
}

#[test]
fn structural_errors() {
    assert_eq!(Jwt::parse(""), Err(JwtError::Empty));
    assert_eq!(Jwt::parse("a.b"), Err(JwtError::SegmentCount(2)));
    assert_eq!(Jwt::parse("a.b.c.d.e"), Err(JwtError::SegmentCount(5)));
    assert!(JwtError::SegmentCount(5).to_string().contains("JWE"));
    assert_eq!(Jwt::parse(".b.c"), Err(JwtError::EmptySegment(Segment::Header)));
    assert_eq!(
        Jwt::parse(" a.b.c"),
        Err(JwtError::BadCharacter { found: ' ', at: 0 })
    );
    let big = "a".repeat(MAX_TOKEN_BYTES + 1);
    assert_eq!(
        Jwt::parse(&big),
        Err(JwtError::TooLong {
            len: MAX_TOKEN_BYTES + 1,
            max: MAX_TOKEN_BYTES
        })
    );
}

#[test]
fn inspection_tolerates_empty_signature_and_type_errors() {
    let t = format!(
        "{}.{}.",
        b64::encode(br#"{"alg":"none"}"#),
        b64::encode(br#"{"exp":"soon"}"#)
    );
    assert_eq!(Jwt::parse(&t), Err(JwtError::EmptySegment(Segment::Signature)));
    let i = inspect(&t).unwrap();
    assert_eq!(i.signature_len, 0);
    assert!(i.header.is_ok());
    assert!(i.claims.is_err());
    assert_eq!(i.claims_json, r#"{"exp":"soon"}"#);
}

#[test]
fn ignored_key_headers_are_listed() {
    let h =
        r#"{"alg":"RS256","jku":"https://evil/jwks","jwk":{"kty":"RSA"},"x5u":"https://evil","x5c":["AA"]}"#;
    let jwt = Jwt::parse(&token(h, "{}")).unwrap();
    assert_eq!(jwt.header.ignored, ["jku", "x5u", "jwk", "x5c"]);
    assert_eq!(jwt.header_json(), h);
}
