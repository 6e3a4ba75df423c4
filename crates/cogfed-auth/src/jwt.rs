//! Strict JWS compact parsing (RFC 7515 §7.1, RFC 7519 §7.2) and the typed header and claims.
//!
//! Rules, each from security-checklist B4 "Serialization":
//! - at most [`MAX_TOKEN_BYTES`] (64 KiB) in total;
//! - only `[A-Za-z0-9-_.]` (8725bis "Check JWT Format Type"), so whitespace, padding and the standard
//!   base64 alphabet are refused with the offending character and its position;
//! - exactly three segments, none empty (five segments is reported as a JWE);
//! - canonical base64url without padding ([`crate::base64url`]);
//! - header and payload are UTF-8 JSON objects without a BOM, nested at most [`crate::json::MAX_DEPTH`]
//!   deep, **with duplicate member names rejected** (see [`crate::json`] for the policy). The typed views
//!   ([`JoseHeader`], [`Claims`]) are built from the same maps, so typed and untyped views always agree.
//!
//! Known claims must have their registered types; a wrong type is an error naming the claim. NumericDate
//! claims must be non-negative integers no later than year 9999: RFC 7519 allows fractions, but Cognito
//! never sends them and B4 lists floats, strings and negatives as hostile.

use crate::b64;
use crate::json::{JsonError, parse_object};
use crate::text::quoted;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Largest token accepted, in bytes.
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;

/// Latest NumericDate accepted: 9999-12-31T23:59:59Z.
pub const MAX_NUMERIC_DATE: u64 = 253_402_300_799;

/// The three parts of a compact JWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The protected header (first segment).
    Header,
    /// The payload (second segment).
    Payload,
    /// The signature (third segment).
    Signature,
}

impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// Why a token is not a well-formed JWT. Each variant says what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// The token is empty (after trimming nothing: whitespace is not trimmed).
    #[error("token is empty")]
    Empty,
    /// Longer than [`MAX_TOKEN_BYTES`].
    #[error("token is {len} bytes, more than the {max} allowed")]
    TooLong {
        /// Length of the input.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A character outside `[A-Za-z0-9-_.]`.
    #[error("character {} at byte {at} is not allowed in a compact JWT (only A-Z a-z 0-9 - _ .)", crate::text::QuotedChar(*.found))]
    BadCharacter {
        /// The character.
        found: char,
        /// Byte offset.
        at: usize,
    },
    /// Not exactly three segments.
    #[error("a compact JWS has 3 segments separated by '.', this has {0}{hint}", hint = if *.0 == 5 { " (a JWE? encrypted tokens are not accepted)" } else { "" })]
    SegmentCount(usize),
    /// A segment is empty.
    #[error("the {0} segment is empty")]
    EmptySegment(Segment),
    /// A segment is not canonical unpadded base64url.
    #[error("the {0} segment is not canonical base64url without padding")]
    Base64(Segment),
    /// The header or payload is not an acceptable JSON object.
    #[error("the {segment} is not acceptable JSON: {source}")]
    Json {
        /// Which segment.
        segment: Segment,
        /// Why.
        source: JsonError,
    },
    /// A registered header parameter has the wrong type or is missing.
    #[error("header: {0}")]
    Header(TypeError),
    /// A known claim has the wrong type.
    #[error("claims: {0}")]
    Claim(TypeError),
}

/// A member of a JSON object does not have the type its specification gives it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} must be {expected}, found {found}", crate::text::quoted(.name))]
pub struct TypeError {
    /// Member name.
    pub name: String,
    /// What it must be.
    pub expected: &'static str,
    /// What it is.
    pub found: String,
}

fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        // Integers only: `Number`'s own Display links serde_json's float formatter and its tables (2 KB of
        // brotli in the browser build) for a message that only needs to say the number is not a whole one.
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => format!("the number {u}"),
            (None, Some(i)) => format!("the negative number {i}"),
            _ => "a fractional number".into(),
        },
        Value::String(s) => format!("the string {}", quoted(&truncate(s))),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn truncate(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s.to_owned(),
    }
}

fn type_error(name: &str, expected: &'static str, value: &Value) -> TypeError {
    TypeError {
        name: name.to_owned(),
        expected,
        found: json_type(value),
    }
}

fn get_string(map: &Map<String, Value>, name: &str) -> Result<Option<String>, TypeError> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(type_error(name, "a string", other)),
    }
}

fn get_numeric_date(map: &Map<String, Value>, name: &str) -> Result<Option<u64>, TypeError> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v <= MAX_NUMERIC_DATE => Ok(Some(v)),
            _ => Err(type_error(
                name,
                "a NumericDate (a non-negative integer of seconds, at most year 9999)",
                &Value::Number(n.clone()),
            )),
        },
        Some(other) => Err(type_error(
            name,
            "a NumericDate (a JSON number, not a string)",
            other,
        )),
    }
}

fn get_string_array(map: &Map<String, Value>, name: &str) -> Result<Option<Vec<String>>, TypeError> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(type_error(name, "an array of strings", other)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(other) => Err(type_error(name, "an array of strings", other)),
    }
}

/// The JOSE header, typed. Parameters this client refuses to act on (`jku`, `x5u`, `jwk`, `x5c`, `x5t`,
/// `x5t#S256`) are **ignored entirely**: never fetched, never trusted, only listed in [`JoseHeader::ignored`]
/// so the report can say so (RFC 8725 §3.10; CVE-2018-0114).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoseHeader {
    /// `alg` exactly as sent (compared case-sensitively).
    pub alg: String,
    /// `kid`, an opaque string (Cognito kids contain `+ / =`).
    pub kid: Option<String>,
    /// `typ`.
    pub typ: Option<String>,
    /// `cty`.
    pub cty: Option<String>,
    /// `crit`, when present.
    pub crit: Option<Vec<String>>,
    /// `b64` (RFC 7797), when present.
    pub b64: Option<bool>,
    /// Names of key-bearing header parameters that were present and ignored.
    pub ignored: Vec<&'static str>,
}

/// Header parameters that carry or point to keys. Present or not, they have no effect.
pub const IGNORED_HEADER_PARAMETERS: [&str; 6] = ["jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256"];

impl JoseHeader {
    /// Types the registered parameters of a header map.
    pub fn from_map(map: &Map<String, Value>) -> Result<JoseHeader, TypeError> {
        let alg = match map.get("alg") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => return Err(type_error("alg", "a string", other)),
            None => {
                return Err(TypeError {
                    name: "alg".into(),
                    expected: "present",
                    found: "nothing".into(),
                });
            }
        };
        let b64 = match map.get("b64") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => return Err(type_error("b64", "a boolean", other)),
        };
        Ok(JoseHeader {
            alg,
            kid: get_string(map, "kid")?,
            typ: get_string(map, "typ")?,
            cty: get_string(map, "cty")?,
            crit: get_string_array(map, "crit")?,
            b64,
            ignored: IGNORED_HEADER_PARAMETERS
                .into_iter()
                .filter(|name| map.contains_key(*name))
                .collect(),
        })
    }
}

/// One entry of Cognito's `identities` claim (cognito-facts §3.2). All fields are strings on the wire:
/// `primary` is `"true"`/`"false"`, `dateCreated` is Unix milliseconds as a string, `issuer` may be null.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `userId`: the subject at the IdP.
    pub user_id: Option<String>,
    /// `providerName`.
    pub provider_name: Option<String>,
    /// `providerType`: `OIDC`, `SAML`, `Google`, ...
    pub provider_type: Option<String>,
    /// `issuer` (null for OIDC, the SAML issuer for SAML).
    pub issuer: Option<String>,
    /// `primary`, from the string `"true"`/`"false"`.
    pub primary: Option<bool>,
    /// `dateCreated` in Unix milliseconds, from a digit string.
    pub date_created_ms: Option<u64>,
}

impl Identity {
    fn from_value(value: &Value) -> Result<Identity, TypeError> {
        let Value::Object(map) = value else {
            return Err(type_error("identities", "an array of objects", value));
        };
        let field = |name: &str| -> Result<Option<String>, TypeError> {
            match map.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(type_error(&format!("identities[].{name}"), "a string", other)),
            }
        };
        let primary = match field("primary")?.as_deref() {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(other) => {
                return Err(TypeError {
                    name: "identities[].primary".into(),
                    expected: "the string \"true\" or \"false\"",
                    found: quoted(other).to_string(),
                });
            }
        };
        let date_created_ms = match field("dateCreated")? {
            None => None,
            Some(s) => Some(
                s.parse::<u64>()
                    .ok()
                    .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| TypeError {
                        name: "identities[].dateCreated".into(),
                        expected: "a string of Unix milliseconds",
                        found: quoted(&truncate(&s)).to_string(),
                    })?,
            ),
        };
        Ok(Identity {
            user_id: field("userId")?,
            provider_name: field("providerName")?,
            provider_type: field("providerType")?,
            issuer: field("issuer")?,
            primary,
            date_created_ms,
        })
    }
}

/// The claims this client knows, typed; everything else stays in [`Jwt::claims_json`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claims {
    /// `iss`.
    pub iss: Option<String>,
    /// `sub`.
    pub sub: Option<String>,
    /// `aud`, a single string normalised to a one-element list.
    pub aud: Option<Vec<String>>,
    /// `exp`.
    pub exp: Option<u64>,
    /// `nbf`.
    pub nbf: Option<u64>,
    /// `iat`.
    pub iat: Option<u64>,
    /// `auth_time` (kept across refreshes by Cognito).
    pub auth_time: Option<u64>,
    /// `nonce`.
    pub nonce: Option<String>,
    /// `azp`.
    pub azp: Option<String>,
    /// `at_hash`.
    pub at_hash: Option<String>,
    /// `jti`.
    pub jti: Option<String>,
    /// `acr`.
    pub acr: Option<String>,
    /// `amr`.
    pub amr: Option<Vec<String>>,
    /// Cognito `token_use`: `id` or `access`.
    pub token_use: Option<String>,
    /// Cognito access tokens: the app client id (there is no `aud` by default).
    pub client_id: Option<String>,
    /// Access tokens: space-separated scopes.
    pub scope: Option<String>,
    /// Revocation id shared by every token of one refresh token.
    pub origin_jti: Option<String>,
    /// `event_id`.
    pub event_id: Option<String>,
    /// Access tokens: the username.
    pub username: Option<String>,
    /// ID tokens: `cognito:username`.
    pub cognito_username: Option<String>,
    /// `cognito:groups`, always an array.
    pub cognito_groups: Option<Vec<String>>,
    /// `identities` of federated users.
    pub identities: Option<Vec<Identity>>,
    /// Access tokens: `version` (2 today).
    pub version: Option<u64>,
    /// `custom:*` attributes, always strings.
    pub custom: BTreeMap<String, String>,
}

/// Where a registered claim of a given JSON type goes in [`Claims`].
enum Slot<'a> {
    Text(&'a mut Option<String>),
    Date(&'a mut Option<u64>),
    Texts(&'a mut Option<Vec<String>>),
}

impl Claims {
    /// Types the known claims of a claims map.
    pub fn from_map(map: &Map<String, Value>) -> Result<Claims, TypeError> {
        let aud = match map.get("aud") {
            None => None,
            Some(Value::String(s)) => Some(vec![s.clone()]),
            Some(Value::Array(items)) if !items.is_empty() => Some(
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s.clone()),
                        other => Err(type_error(
                            "aud",
                            "a string or a non-empty array of strings",
                            other,
                        )),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Some(other) => {
                return Err(type_error(
                    "aud",
                    "a string or a non-empty array of strings",
                    other,
                ));
            }
        };
        let identities = match map.get("identities") {
            None => None,
            Some(Value::Array(items)) => {
                Some(items.iter().map(Identity::from_value).collect::<Result<_, _>>()?)
            }
            Some(other) => return Err(type_error("identities", "an array of objects", other)),
        };
        let version = match map.get("version") {
            None => None,
            Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64(),
            Some(other) => return Err(type_error("version", "a non-negative integer", other)),
        };
        let mut custom = BTreeMap::new();
        for (name, value) in map.iter().filter(|(name, _)| name.starts_with("custom:")) {
            match value {
                Value::String(s) => {
                    custom.insert(name.clone(), s.clone());
                }
                other => {
                    return Err(type_error(
                        name,
                        "a string (Cognito custom attributes are strings)",
                        other,
                    ));
                }
            }
        }
        // Typed one member at a time into a default value: with a struct literal of `?`s every error path would
        // drop all the fields typed before it, which costs the wasm build kilobytes of drop code.
        let mut claims = Claims {
            aud,
            identities,
            version,
            custom,
            ..Claims::default()
        };
        // In the order the members were always checked, so the first wrong one is the one reported.
        for (name, slot) in [
            ("iss", Slot::Text(&mut claims.iss)),
            ("sub", Slot::Text(&mut claims.sub)),
            ("exp", Slot::Date(&mut claims.exp)),
            ("nbf", Slot::Date(&mut claims.nbf)),
            ("iat", Slot::Date(&mut claims.iat)),
            ("auth_time", Slot::Date(&mut claims.auth_time)),
            ("nonce", Slot::Text(&mut claims.nonce)),
            ("azp", Slot::Text(&mut claims.azp)),
            ("at_hash", Slot::Text(&mut claims.at_hash)),
            ("jti", Slot::Text(&mut claims.jti)),
            ("acr", Slot::Text(&mut claims.acr)),
            ("amr", Slot::Texts(&mut claims.amr)),
            ("token_use", Slot::Text(&mut claims.token_use)),
            ("client_id", Slot::Text(&mut claims.client_id)),
            ("scope", Slot::Text(&mut claims.scope)),
            ("origin_jti", Slot::Text(&mut claims.origin_jti)),
            ("event_id", Slot::Text(&mut claims.event_id)),
            ("username", Slot::Text(&mut claims.username)),
            ("cognito:username", Slot::Text(&mut claims.cognito_username)),
            ("cognito:groups", Slot::Texts(&mut claims.cognito_groups)),
        ] {
            match slot {
                Slot::Text(slot) => *slot = get_string(map, name)?,
                Slot::Date(slot) => *slot = get_numeric_date(map, name)?,
                Slot::Texts(slot) => *slot = get_string_array(map, name)?,
            }
        }
        Ok(claims)
    }

    /// The scopes of an access token's `scope` claim.
    pub fn scopes(&self) -> Vec<&str> {
        self.scope
            .as_deref()
            .map(|s| s.split(' ').filter(|x| !x.is_empty()).collect())
            .unwrap_or_default()
    }
}

/// A structurally valid JWS: typed and untyped views plus what signature verification needs.
/// Nothing about it has been verified yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwt {
    /// The typed header.
    pub header: JoseHeader,
    /// The typed claims.
    pub claims: Claims,
    /// The header as JSON.
    pub header_json: Map<String, Value>,
    /// The claims as JSON.
    pub claims_json: Map<String, Value>,
    signing_input: String,
    signature: Vec<u8>,
}

/// A token decoded for display only (`cogfed token decode`): the JSON views, plus the typed views or the
/// reason they could not be built. An empty signature is allowed here so unsecured tokens can be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The header as JSON.
    pub header_json: Map<String, Value>,
    /// The claims as JSON.
    pub claims_json: Map<String, Value>,
    /// The typed header, or why not.
    pub header: Result<JoseHeader, TypeError>,
    /// The typed claims, or why not.
    pub claims: Result<Claims, TypeError>,
    /// Length of the decoded signature in bytes.
    pub signature_len: usize,
}

struct Parts<'a> {
    header_b64: &'a str,
    payload_b64: &'a str,
    signature: Vec<u8>,
    header_json: Map<String, Value>,
    claims_json: Map<String, Value>,
}

fn split(token: &str, allow_empty_signature: bool) -> Result<Parts<'_>, JwtError> {
    if token.is_empty() {
        return Err(JwtError::Empty);
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(JwtError::TooLong {
            len: token.len(),
            max: MAX_TOKEN_BYTES,
        });
    }
    if let Some((at, found)) = token
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(JwtError::BadCharacter { found, at });
    }
    let segments: Vec<&str> = token.split('.').collect();
    let [header_b64, payload_b64, signature_b64] = segments.as_slice() else {
        return Err(JwtError::SegmentCount(segments.len()));
    };
    for (text, segment) in [(header_b64, Segment::Header), (payload_b64, Segment::Payload)] {
        if text.is_empty() {
            return Err(JwtError::EmptySegment(segment));
        }
    }
    if signature_b64.is_empty() && !allow_empty_signature {
        return Err(JwtError::EmptySegment(Segment::Signature));
    }
    let decode = |text: &str, segment| b64::decode(text).ok_or(JwtError::Base64(segment));
    let header_bytes = decode(header_b64, Segment::Header)?;
    let payload_bytes = decode(payload_b64, Segment::Payload)?;
    let signature = decode(signature_b64, Segment::Signature)?;
    let header_json = parse_object(&header_bytes).map_err(|source| JwtError::Json {
        segment: Segment::Header,
        source,
    })?;
    let claims_json = parse_object(&payload_bytes).map_err(|source| JwtError::Json {
        segment: Segment::Payload,
        source,
    })?;
    Ok(Parts {
        header_b64,
        payload_b64,
        signature,
        header_json,
        claims_json,
    })
}

impl Jwt {
    /// Parses a compact JWS strictly (see the module documentation).
    pub fn parse(token: &str) -> Result<Jwt, JwtError> {
        let parts = split(token, false)?;
        let header = JoseHeader::from_map(&parts.header_json).map_err(JwtError::Header)?;
        let claims = Claims::from_map(&parts.claims_json).map_err(JwtError::Claim)?;
        Ok(Jwt {
            header,
            claims,
            signing_input: format!("{}.{}", parts.header_b64, parts.payload_b64),
            signature: parts.signature,
            header_json: parts.header_json,
            claims_json: parts.claims_json,
        })
    }

    /// The JWS signing input: `BASE64URL(header) || '.' || BASE64URL(payload)` as received.
    pub fn signing_input(&self) -> &[u8] {
        self.signing_input.as_bytes()
    }

    /// The decoded signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }
}

/// Decodes a token for display without verifying anything. Same strictness as [`Jwt::parse`] except that
/// an empty signature is allowed and type errors are reported instead of failing.
pub fn inspect(token: &str) -> Result<Inspection, JwtError> {
    let parts = split(token, true)?;
    Ok(Inspection {
        header: JoseHeader::from_map(&parts.header_json),
        claims: Claims::from_map(&parts.claims_json),
        signature_len: parts.signature.len(),
        header_json: parts.header_json,
        claims_json: parts.claims_json,
    })
}

#[cfg(test)]
mod tests {
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
        assert_eq!(c.cognito_groups.as_ref().map(Vec::len), Some(2));
        assert_eq!(c.cognito_username.as_deref(), Some("SignInWithApple_0003"));
        let id = c.identities.as_ref().and_then(|v| v.first()).unwrap();
        assert_eq!(
            (id.primary, id.date_created_ms, id.issuer.as_deref()),
            (Some(true), Some(1_642_699_117_273), None)
        );
        assert_eq!(c.custom.get("custom:tier").map(String::as_str), Some("gold"));
        assert_eq!(c.amr, Some(vec!["pwd".to_owned()]));
        assert_eq!(jwt.signature(), b"sig");
        assert!(jwt.signing_input().starts_with(b"eyJ"));
    }

    #[test]
    fn parses_cognito_access_token_claims() {
        let payload = r#"{"sub":"s","iss":"i","version":2,"client_id":"c","token_use":"access","scope":"openid  profile api/read","username":"u","exp":2,"iat":1}"#;
        let c = Jwt::parse(&token(r#"{"alg":"RS256","kid":"k"}"#, payload))
            .unwrap()
            .claims;
        assert_eq!(c.version, Some(2));
        assert_eq!(c.scopes(), ["openid", "profile", "api/read"]);
        assert_eq!(c.aud, None);
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
    }

    #[test]
    fn ignored_key_headers_are_listed() {
        let h = r#"{"alg":"RS256","jku":"https://evil/jwks","jwk":{"kty":"RSA"},"x5u":"https://evil","x5c":["AA"]}"#;
        let jwt = Jwt::parse(&token(h, "{}")).unwrap();
        assert_eq!(jwt.header.ignored, ["jku", "x5u", "jwk", "x5c"]);
    }
}
