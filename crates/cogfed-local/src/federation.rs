//! Cognito's side of OIDC federation (cognito-facts §1.6, §5.3, §5.4): discover the IdP, redeem its code with
//! `client_secret_post`, verify its ID token, call its userinfo, apply the attribute mapping.
//!
//! Every failure is a [`FederationError`] whose text is what Cognito puts in `error_description`, so an app
//! sees the same redirect it would get from AWS. Texts marked "observed" come from cognito-facts §8 D;
//! the others are Local Cognito's own wording for failures AWS does not document.

use crate::jwt;
use crate::served::{Idp, Pool};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// A federation failure, as the `error_description` Cognito sends to the app.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FederationError(pub String);

fn fail(text: impl Into<String>) -> FederationError {
    FederationError(text.into())
}

/// The IdP endpoints Cognito uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamEndpoints {
    /// Authorization endpoint.
    pub authorize: String,
    /// Token endpoint.
    pub token: String,
    /// Userinfo endpoint (`attributes_url`).
    pub userinfo: String,
    /// JWKS.
    pub jwks: String,
}

/// The HTTP client Cognito uses toward IdPs: no proxies (loopback only), no redirects followed, a timeout,
/// and Cognito's `User-Agent: Amazon/Cognito` (cognito-facts §5.3).
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .user_agent("Amazon/Cognito")
        .build()
        .unwrap_or_default()
}

fn str_field<'a>(doc: &'a Value, key: &str) -> Option<&'a str> {
    doc.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The endpoints for `idp`: the manual ones when all four are set (cognito-facts §5.2), otherwise discovered
/// from `{oidc_issuer}/.well-known/openid-configuration` over HTTP.
pub async fn resolve_endpoints(
    http: &reqwest::Client,
    idp: &Idp,
) -> Result<UpstreamEndpoints, FederationError> {
    let d = |key| idp.detail(key);
    if let (Some(a), Some(t), Some(u), Some(j)) = (
        d("authorize_url"),
        d("token_url"),
        d("attributes_url"),
        d("jwks_uri"),
    ) {
        return Ok(UpstreamEndpoints {
            authorize: a.into(),
            token: t.into(),
            userinfo: u.into(),
            jwks: j.into(),
        });
    }
    let issuer = d("oidc_issuer").ok_or_else(|| fail("oidc_issuer is not configured"))?;
    // Joining strips one trailing slash so that a configured `https://idp/` still finds its discovery document;
    // the *comparison* with the token's `iss` stays exact (see `check_id_token_claims`).
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let doc = get_json(http, &url).await.map_err(|why| {
        fail(format!(
            "{} Error - {why} in calling discovery endpoint",
            idp.name
        ))
    })?;
    let endpoints = UpstreamEndpoints {
        authorize: d("authorize_url")
            .or(str_field(&doc, "authorization_endpoint"))
            .unwrap_or_default()
            .into(),
        token: d("token_url")
            .or(str_field(&doc, "token_endpoint"))
            .unwrap_or_default()
            .into(),
        userinfo: d("attributes_url")
            .or(str_field(&doc, "userinfo_endpoint"))
            .unwrap_or_default()
            .into(),
        jwks: d("jwks_uri")
            .or(str_field(&doc, "jwks_uri"))
            .unwrap_or_default()
            .into(),
    };
    if endpoints.authorize.is_empty() || endpoints.token.is_empty() || endpoints.jwks.is_empty() {
        return Err(fail(format!(
            "{} Error - discovery document of {issuer} lacks endpoints",
            idp.name
        )));
    }
    Ok(endpoints)
}

async fn get_json(http: &reqwest::Client, url: &str) -> Result<Value, String> {
    let resp = http.get(url).send().await.map_err(describe_transport)?;
    let status = resp.status();
    if !status.is_success() {
        return Err(status.as_u16().to_string());
    }
    let bytes = resp.bytes().await.map_err(describe_transport)?;
    serde_json::from_slice(&bytes).map_err(|_| "invalid JSON".to_owned())
}

fn describe_transport(e: reqwest::Error) -> String {
    // cognito-facts §1.1: "Read timed out", "Connection reset" are Cognito's words for these.
    if e.is_timeout() {
        "Read timed out".into()
    } else if e.is_connect() {
        "Connection refused".into()
    } else {
        "Connection reset".into()
    }
}

/// The parts of the IdP's token response Cognito uses.
#[derive(Debug, Clone)]
pub struct UpstreamTokens {
    /// For userinfo.
    pub access_token: String,
    /// The compact ID token, not yet verified.
    pub id_token: String,
}

/// Checks the IdP token response body (cognito-facts §5.3): `token_type` must be Bearer (case-insensitive,
/// RFC 6749 §5.1), else Cognito's "invalid token_type in idp oauth response".
pub fn check_token_response(body: &Value) -> Result<UpstreamTokens, FederationError> {
    let token_type = body.get("token_type").and_then(Value::as_str).unwrap_or_default();
    if !token_type.eq_ignore_ascii_case("bearer") {
        return Err(fail("invalid token_type in idp oauth response"));
    }
    let access_token =
        str_field(body, "access_token").ok_or_else(|| fail("access_token missing in idp oauth response"))?;
    let id_token =
        str_field(body, "id_token").ok_or_else(|| fail("id_token missing in idp oauth response"))?;
    Ok(UpstreamTokens {
        access_token: access_token.into(),
        id_token: id_token.into(),
    })
}

/// Redeems the IdP code with `client_secret_post`, the only method Cognito uses (cognito-facts §5.3).
pub async fn redeem_code(
    http: &reqwest::Client,
    idp: &Idp,
    token_endpoint: &str,
    code: &str,
    redirect_uri: &str,
) -> Result<UpstreamTokens, FederationError> {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", code)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("client_id", idp.detail("client_id").unwrap_or_default())
        .append_pair("client_secret", idp.detail("client_secret").unwrap_or_default())
        .finish();
    let resp = http
        .post(token_endpoint)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                fail("Timeout occurred in calling IdP token endpoint")
            } else {
                fail(describe_transport(e))
            }
        })?;
    let status = resp.status();
    if !status.is_success() {
        // Observed (cognito-facts §8 D25): "<ProviderName> Error - 401 error getting token".
        return Err(fail(format!(
            "{} Error - {} error getting token",
            idp.name,
            status.as_u16()
        )));
    }
    let bytes = resp.bytes().await.map_err(|e| fail(describe_transport(e)))?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|_| fail("invalid idp oauth response"))?;
    check_token_response(&body)
}

/// Fetches the IdP's JWKS; Cognito does so for every IdP token (cognito-facts §5.3).
pub async fn fetch_jwks(
    http: &reqwest::Client,
    url: &str,
) -> Result<Vec<crate::crypto::RsaPublicJwk>, FederationError> {
    let doc = get_json(http, url)
        .await
        .map_err(|_| fail("Timeout in calling jwks uri"))?;
    Ok(jwt::parse_jwks(&doc))
}

/// What the IdP's ID token must satisfy.
#[derive(Debug, Clone)]
pub struct IdTokenExpectations<'a> {
    /// The configured `oidc_issuer`, compared byte for byte.
    pub issuer: &'a str,
    /// The configured `client_id`, which `aud` must be or contain.
    pub client_id: &'a str,
    /// The nonce Cognito sent.
    pub nonce: &'a str,
    /// Unix seconds.
    pub now: u64,
}

/// Verifies the IdP ID token: signature under a JWKS key, then the claims (cognito-facts §5.3, checks 1-6).
pub fn verify_id_token(
    id_token: &str,
    keys: &[crate::crypto::RsaPublicJwk],
    expect: &IdTokenExpectations<'_>,
) -> Result<Map<String, Value>, FederationError> {
    let claims = jwt::parse(id_token)
        .and_then(|t| t.verify(keys))
        .map_err(|e| fail(format!("Invalid id_token: {e}")))?;
    check_id_token_claims(&claims, expect)?;
    Ok(claims)
}

/// The claim checks on an already signature-checked IdP ID token.
pub fn check_id_token_claims(
    claims: &Map<String, Value>,
    expect: &IdTokenExpectations<'_>,
) -> Result<(), FederationError> {
    let iss = claims.get("iss").and_then(Value::as_str).unwrap_or_default();
    if iss != expect.issuer {
        // Observed text (cognito-facts §8 D24); exact comparison, so a trailing slash fails.
        return Err(fail(format!("Bad id_token issuer {iss}")));
    }
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == expect.client_id,
        Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(expect.client_id)),
        _ => false,
    };
    if !aud_ok {
        return Err(fail("Bad id_token audience"));
    }
    match claims.get("exp").and_then(Value::as_u64) {
        Some(exp) if exp > expect.now => {}
        _ => return Err(fail("id_token expired")),
    }
    if claims.get("nonce").and_then(Value::as_str) != Some(expect.nonce) {
        return Err(fail("Bad id_token nonce"));
    }
    if claims
        .get("sub")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(fail("id_token has no sub"));
    }
    Ok(())
}

/// Calls the IdP's userinfo with GET or POST (`attributes_request_method`) and the access token as Bearer.
/// Anything but a JSON object (an `application/jwt` answer, for instance) is Cognito's
/// "invalid token_type in idp oauth response" (seeds/004, Idura's signedJwt strategy).
pub async fn fetch_userinfo(
    http: &reqwest::Client,
    idp: &Idp,
    userinfo_endpoint: &str,
    access_token: &str,
) -> Result<Map<String, Value>, FederationError> {
    let post = idp.detail("attributes_request_method") == Some("POST");
    let req = if post {
        http.post(userinfo_endpoint).body("")
    } else {
        http.get(userinfo_endpoint)
    };
    let resp = req
        .bearer_auth(access_token)
        .send()
        .await
        .map_err(|e| fail(describe_transport(e)))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(fail(format!(
            "{} Error - {} error getting user info",
            idp.name,
            status.as_u16()
        )));
    }
    let bytes = resp.bytes().await.map_err(|e| fail(describe_transport(e)))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(fail("invalid token_type in idp oauth response")),
    }
}

/// A federated user's profile after attribute mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedProfile {
    /// The IdP subject.
    pub idp_sub: String,
    /// Mapped pool attributes (strings).
    pub attributes: BTreeMap<String, String>,
}

/// A claim as a Cognito attribute string: booleans and numbers printed, arrays flattened to `[a,b]`
/// (cognito-facts §5.4), objects as JSON.
fn claim_to_attribute(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(claim_to_attribute).collect();
            Some(format!("[{}]", parts.join(",")))
        }
        Value::Object(_) => Some(v.to_string()),
    }
}

/// Applies `AttributeMapping` (pool attribute <- IdP claim) to the merged ID token and userinfo claims, then
/// checks the pool's username and required attributes (cognito-facts §5.4). `existing` are the attributes
/// the federated profile already has from earlier sign-ins.
pub fn map_attributes(
    idp: &Idp,
    pool: &Pool,
    claims: &Map<String, Value>,
    existing: Option<&BTreeMap<String, String>>,
) -> Result<MappedProfile, FederationError> {
    let idp_sub = claims
        .get("sub")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut attributes = BTreeMap::new();
    for (pool_attr, claim) in idp.attribute_mapping() {
        // `username` is always `{ProviderName}_{sub}` for OIDC and cannot be mapped (cognito-facts §5.4).
        if pool_attr == "username" {
            continue;
        }
        if let Some(value) = claims.get(claim).and_then(claim_to_attribute) {
            attributes.insert(pool_attr.to_owned(), value);
        }
    }
    // A mapped email is unverified unless email_verified is mapped too (cognito-facts §5.4).
    if attributes.contains_key("email") && !attributes.contains_key("email_verified") {
        attributes.insert("email_verified".into(), "false".into());
    }
    let has = |name: &str| attributes.contains_key(name) || existing.is_some_and(|e| e.contains_key(name));
    if pool.username_attributes().any(|a| !has(a)) {
        // Observed (cognito-facts §8 D28).
        return Err(fail("username attribute mapping required"));
    }
    let missing: Vec<&str> = pool
        .required_attributes()
        .filter(|a| *a != "sub" && !has(a))
        .collect();
    if !missing.is_empty() {
        // Observed as "attributes required: [email]" in redirects from real pools.
        return Err(fail(format!("attributes required: [{}]", missing.join(", "))));
    }
    Ok(MappedProfile { idp_sub, attributes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::served::tests::served;

    const IDP: &str = r#"
[[identity_providers]]
provider_name = "Upstream"
provider_type = "OIDC"
attribute_mapping = { email = "email", name = "name", username = "sub", "custom:roles" = "roles" }
"#;

    /// A pool requiring `required`, with `extra` pool fields, and the IdP above.
    fn pool_and_idp(required: &[&str], extra: &str) -> (Pool, Idp) {
        let schema: Vec<String> = required
            .iter()
            .map(|n| format!("{{ name = \"{n}\", required = true, mutable = true }}"))
            .collect();
        let s = served(&format!(
            "version = 1\n[user_pool]\nid = \"us-east-1_X\"\nschema_attributes = [{}]\n{extra}\n{IDP}",
            schema.join(", ")
        ));
        (s.pool.clone(), s.idps[0].clone())
    }

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn token_type_must_be_bearer() {
        let ok = serde_json::json!({"token_type": "bearer", "access_token": "a", "id_token": "i"});
        assert!(check_token_response(&ok).is_ok());
        for bad in [
            serde_json::json!({"access_token": "a", "id_token": "i"}),
            serde_json::json!({"token_type": "DPoP", "access_token": "a", "id_token": "i"}),
        ] {
            assert_eq!(
                check_token_response(&bad).unwrap_err().0,
                "invalid token_type in idp oauth response"
            );
        }
    }

    #[test]
    fn issuer_comparison_is_exact() {
        let expect = IdTokenExpectations {
            issuer: "http://127.0.0.1:9230",
            client_id: "c",
            nonce: "n",
            now: 10,
        };
        let good = claims(
            serde_json::json!({"iss": "http://127.0.0.1:9230", "aud": ["x", "c"], "exp": 11, "nonce": "n", "sub": "s"}),
        );
        assert_eq!(check_id_token_claims(&good, &expect), Ok(()));
        let mut slash = good.clone();
        slash.insert("iss".into(), "http://127.0.0.1:9230/".into());
        assert_eq!(
            check_id_token_claims(&slash, &expect).unwrap_err().0,
            "Bad id_token issuer http://127.0.0.1:9230/"
        );
        let mut aud = good.clone();
        aud.insert("aud".into(), "other".into());
        assert!(check_id_token_claims(&aud, &expect).is_err());
        let mut exp = good.clone();
        exp.insert("exp".into(), 10.into());
        assert_eq!(
            check_id_token_claims(&exp, &expect).unwrap_err().0,
            "id_token expired"
        );
        let mut nonce = good;
        nonce.remove("nonce");
        assert!(check_id_token_claims(&nonce, &expect).is_err());
    }

    #[test]
    fn mapping_flattens_and_defaults_email_verified() {
        let c = claims(serde_json::json!({"sub": "s1", "email": "e@x", "name": "N", "roles": ["a", "b"]}));
        let (pool, idp) = pool_and_idp(&["email"], "");
        let p = map_attributes(&idp, &pool, &c, None).unwrap();
        assert_eq!(p.idp_sub, "s1");
        assert_eq!(p.attributes["custom:roles"], "[a,b]");
        assert_eq!(p.attributes["email_verified"], "false");
        assert!(!p.attributes.contains_key("username"));
    }

    #[test]
    fn missing_required_attribute_is_cognitos_error() {
        let c = claims(serde_json::json!({"sub": "s1", "name": "N"}));
        let (pool, idp) = pool_and_idp(&["email"], "");
        assert_eq!(
            map_attributes(&idp, &pool, &c, None).unwrap_err().0,
            "attributes required: [email]"
        );
        let (by_email, idp) = pool_and_idp(&[], "username_attributes = [\"email\"]");
        assert_eq!(
            map_attributes(&idp, &by_email, &c, None).unwrap_err().0,
            "username attribute mapping required"
        );
        // A value kept from an earlier sign-in satisfies the requirement (attributes are not removed, §5.4).
        let earlier: BTreeMap<String, String> =
            [("email".to_owned(), "old@x".to_owned())].into_iter().collect();
        assert!(map_attributes(&idp, &pool, &c, Some(&earlier)).is_ok());
    }
}
