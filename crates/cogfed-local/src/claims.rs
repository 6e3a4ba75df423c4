//! Claim sets of Cognito's tokens and userInfo answer (cognito-facts §1.3, §3.2, §3.3), as pure functions.

use crate::served::Client;
use crate::state::{Grant, UserRecord};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Attributes released by the `profile` scope (cognito-facts §1.3).
const PROFILE_ATTRIBUTES: [&str; 15] = [
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
    "address",
];
const EMAIL_ATTRIBUTES: [&str; 2] = ["email", "email_verified"];
const PHONE_ATTRIBUTES: [&str; 2] = ["phone_number", "phone_number_verified"];

/// Claims that are never user attributes in a token, whatever the directory holds.
const NOT_ATTRIBUTES: [&str; 2] = ["sub", "identities"];

/// The user attributes a grant may see: readable by the client (`read_attributes`, cognito-facts §4) and
/// released by the scopes (cognito-facts §1.3). `openid` alone releases every readable attribute.
pub fn visible_attributes<'a>(
    user: &'a UserRecord,
    scopes: &[String],
    client: &Client,
) -> BTreeMap<&'a str, &'a str> {
    let has = |s: &str| scopes.iter().any(|x| x == s);
    let readable = client.read_attributes();
    let narrowed = has("profile") || has("email") || has("phone");
    user.attributes
        .iter()
        .filter(|(name, _)| !NOT_ATTRIBUTES.contains(&name.as_str()))
        .filter(|(name, _)| readable.as_ref().is_none_or(|r| r.contains(&name.as_str())))
        .filter(|(name, _)| {
            let name = name.as_str();
            !narrowed
                || (has("profile") && (PROFILE_ATTRIBUTES.contains(&name) || name.starts_with("custom:")))
                || (has("email") && EMAIL_ATTRIBUTES.contains(&name))
                || (has("phone") && PHONE_ATTRIBUTES.contains(&name))
        })
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// An attribute as a JWT claim: the verified flags are booleans and `updated_at` a number in tokens, every
/// other attribute (custom ones included) stays a string (cognito-facts §3.2).
fn token_value(name: &str, value: &str) -> Value {
    match name {
        "email_verified" | "phone_number_verified" => Value::Bool(value == "true"),
        "updated_at" => value
            .parse::<u64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(value)),
        _ => Value::from(value),
    }
}

/// Values every Cognito token shares.
#[derive(Debug, Clone)]
pub struct TokenStamp<'a> {
    /// `iss`.
    pub issuer: &'a str,
    /// `iat`.
    pub now: u64,
    /// `exp` - `iat`, seconds.
    pub ttl: u64,
    /// `jti`.
    pub jti: &'a str,
    /// `origin_jti`, present when revocation or rotation is on (cognito-facts §3.1).
    pub origin_jti: Option<&'a str>,
    /// `event_id`.
    pub event_id: &'a str,
}

fn common(stamp: &TokenStamp<'_>, user: &UserRecord, grant: &Grant, token_use: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("sub".into(), user.sub.clone().into());
    m.insert("iss".into(), stamp.issuer.into());
    m.insert("token_use".into(), token_use.into());
    m.insert("auth_time".into(), grant.auth_time.into());
    m.insert("iat".into(), stamp.now.into());
    m.insert("exp".into(), (stamp.now + stamp.ttl).into());
    m.insert("jti".into(), stamp.jti.into());
    m.insert("event_id".into(), stamp.event_id.into());
    if let Some(o) = stamp.origin_jti {
        m.insert("origin_jti".into(), o.into());
    }
    if !user.groups.is_empty() {
        // Always an array, even with one group (cognito-facts §3.2).
        m.insert("cognito:groups".into(), user.groups.clone().into());
    }
    m
}

/// Access token claims (cognito-facts §3.3): `client_id`, no `aud` unless a resource was bound, `scope`
/// space-separated, `username`, `version: 2`.
pub fn access_token_claims(stamp: &TokenStamp<'_>, user: &UserRecord, grant: &Grant) -> Map<String, Value> {
    let mut m = common(stamp, user, grant, "access");
    m.insert("client_id".into(), grant.client_id.clone().into());
    m.insert("scope".into(), grant.scopes.join(" ").into());
    m.insert("username".into(), user.username.clone().into());
    m.insert("version".into(), 2.into());
    if let Some(r) = &grant.resource {
        m.insert("aud".into(), r.clone().into());
    }
    m
}

/// ID token claims (cognito-facts §3.2): `aud` = client ID, `cognito:username`, `at_hash` when issued with an
/// access token, `nonce` when given, `identities` for federated users, and the visible attributes.
pub fn id_token_claims(
    stamp: &TokenStamp<'_>,
    user: &UserRecord,
    grant: &Grant,
    client: &Client,
    at_hash: Option<&str>,
    nonce: Option<&str>,
) -> Map<String, Value> {
    let mut m = common(stamp, user, grant, "id");
    m.insert("aud".into(), grant.client_id.clone().into());
    m.insert("cognito:username".into(), user.username.clone().into());
    if let Some(h) = at_hash {
        m.insert("at_hash".into(), h.into());
    }
    if let Some(n) = nonce {
        m.insert("nonce".into(), n.into());
    }
    if let Some(identity) = &user.identity {
        m.insert("identities".into(), Value::Array(vec![identity.to_json()]));
    }
    for (name, value) in visible_attributes(user, &grant.scopes, client) {
        m.insert(name.into(), token_value(name, value));
    }
    m
}

/// The userInfo answer (cognito-facts §1.3): `sub`, `username`, the visible attributes, every value a string
/// (`email_verified: "true"`), `identities` as a JSON string.
pub fn userinfo_claims(user: &UserRecord, scopes: &[String], client: &Client) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("sub".into(), user.sub.clone().into());
    for (name, value) in visible_attributes(user, scopes, client) {
        m.insert(name.into(), value.into());
    }
    if let Some(identity) = &user.identity {
        m.insert(
            "identities".into(),
            Value::Array(vec![identity.to_json()]).to_string().into(),
        );
    }
    m.insert("username".into(), user.username.clone().into());
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::FederatedIdentity;

    /// Client `spa` with `fields`.
    fn client(fields: &str) -> Client {
        crate::served::tests::served(&format!(
            "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_id = \"spa\"\n{fields}\n"
        ))
        .clients[0]
            .clone()
    }

    fn user() -> UserRecord {
        UserRecord {
            username: "Upstream_00u1".into(),
            sub: "c0ffee00-0000-4000-8000-000000000001".into(),
            password: None,
            attributes: [
                ("email", "b@example.com"),
                ("email_verified", "true"),
                ("name", "B"),
                ("phone_number", "+15550100"),
                ("custom:tenant", "t1"),
            ]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
            groups: vec!["us-east-1_X_Upstream".into()],
            identity: Some(FederatedIdentity {
                user_id: "00u1".into(),
                provider_name: "Upstream".into(),
                provider_type: "OIDC".into(),
                date_created: 1_700_000_000_123,
            }),
        }
    }

    fn grant(scopes: &[&str]) -> Grant {
        Grant {
            client_id: "spa".into(),
            username: "Upstream_00u1".into(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            auth_time: 1000,
            nonce: None,
            resource: None,
        }
    }

    fn stamp() -> TokenStamp<'static> {
        TokenStamp {
            issuer: "http://i/p",
            now: 2000,
            ttl: 3600,
            jti: "j",
            origin_jti: Some("o"),
            event_id: "e",
        }
    }

    #[test]
    fn access_token_has_client_id_and_no_aud() {
        let c = access_token_claims(&stamp(), &user(), &grant(&["openid", "email"]));
        assert_eq!(c["client_id"], "spa");
        assert!(c.get("aud").is_none());
        assert_eq!(c["scope"], "openid email");
        assert_eq!(c["token_use"], "access");
        assert_eq!(c["version"], 2);
        assert_eq!(c["username"], "Upstream_00u1");
        assert_eq!(c["cognito:groups"], serde_json::json!(["us-east-1_X_Upstream"]));
        assert_eq!(c["exp"], 5600);
        assert!(c.get("email").is_none());
    }

    #[test]
    fn id_token_types_and_scope_filter() {
        let c = id_token_claims(
            &stamp(),
            &user(),
            &grant(&["openid", "email"]),
            &client(""),
            Some("h"),
            Some("n"),
        );
        assert_eq!(c["aud"], "spa");
        assert_eq!(c["email_verified"], true);
        assert_eq!(c["email"], "b@example.com");
        assert!(c.get("name").is_none(), "profile not requested");
        assert!(c.get("phone_number").is_none());
        assert_eq!(c["identities"][0]["primary"], "true");
        assert_eq!(c["identities"][0]["dateCreated"], "1700000000123");
        assert_eq!(c["identities"][0]["issuer"], Value::Null);
        assert_eq!(c["nonce"], "n");
        assert_eq!(c["at_hash"], "h");
        assert_eq!(c["cognito:username"], "Upstream_00u1");
        assert_eq!(c["auth_time"], 1000);
    }

    #[test]
    fn openid_alone_releases_every_readable_attribute() {
        let all = id_token_claims(&stamp(), &user(), &grant(&["openid"]), &client(""), None, None);
        assert_eq!(all["custom:tenant"], "t1");
        assert_eq!(all["phone_number"], "+15550100");
        let email_only = client("read_attributes = [\"email\"]");
        let some = id_token_claims(&stamp(), &user(), &grant(&["openid"]), &email_only, None, None);
        assert!(some.get("phone_number").is_none());
        assert!(some.get("email_verified").is_none());
        assert_eq!(some["email"], "b@example.com");
    }

    #[test]
    fn userinfo_values_are_strings() {
        let c = userinfo_claims(&user(), &["openid".into(), "email".into()], &client(""));
        assert_eq!(c["email_verified"], "true");
        assert_eq!(c["username"], "Upstream_00u1");
        assert!(c["identities"].is_string());
        assert_eq!(c["sub"], "c0ffee00-0000-4000-8000-000000000001");
    }
}
