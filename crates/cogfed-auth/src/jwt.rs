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
//!   ([`JoseHeader`], [`Claims`]) are read from the same validated text that [`Claims::json`] returns, so
//!   typed and untyped views always agree.
//!
//! Known claims must have their registered types; a wrong type is an error naming the claim. NumericDate
//! claims must be non-negative integers no later than year 9999: RFC 7519 allows fractions, but Cognito
//! never sends them and B4 lists floats, strings and negatives as hostile. The claims the checks need are
//! fields of [`Claims`]; the ones an app shows (groups, identities, custom attributes…) are type-checked when
//! the token is parsed and read from its JSON when asked for ([`Claims::cognito_groups`]…), so a client that
//! never shows them carries no code for them.

use crate::b64;
use crate::json::{JsonError, Object, Value, parse_object};

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
    /// What it is ([`Value::describe`]).
    pub found: String,
}

fn type_error(name: &str, expected: &'static str, value: Value) -> TypeError {
    TypeError {
        name: name.to_owned(),
        expected,
        found: value.describe(),
    }
}

const STRING: &str = "a string";
const STRINGS: &str = "an array of strings";
const DATE: &str = "a NumericDate (a non-negative integer of seconds, at most year 9999)";
const DATE_TYPE: &str = "a NumericDate (a JSON number, not a string)";
const AUDIENCE: &str = "a string or a non-empty array of strings";

fn string(name: &str, value: Value) -> Result<String, TypeError> {
    value
        .as_str()
        .map(|s| s.into_owned())
        .ok_or_else(|| type_error(name, STRING, value))
}

fn strings(name: &str, value: Value) -> Result<Vec<String>, TypeError> {
    match value {
        Value::Array(items) => items
            .items()
            .map(|item| string_item(name, STRINGS, item))
            .collect(),
        other => Err(type_error(name, STRINGS, other)),
    }
}

fn string_item(name: &str, expected: &'static str, item: Value) -> Result<String, TypeError> {
    item.as_str()
        .map(|s| s.into_owned())
        .ok_or_else(|| type_error(name, expected, item))
}

fn numeric_date(name: &str, value: Value) -> Result<u64, TypeError> {
    match value {
        Value::Number(_) => value
            .as_u64()
            .filter(|v| *v <= MAX_NUMERIC_DATE)
            .ok_or_else(|| type_error(name, DATE, value)),
        other => Err(type_error(name, DATE_TYPE, other)),
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
    /// Types the registered parameters of a header object.
    pub fn from_object(object: Object) -> Result<JoseHeader, TypeError> {
        let mut header = JoseHeader {
            alg: String::new(),
            kid: None,
            typ: None,
            cty: None,
            crit: None,
            b64: None,
            ignored: Vec::new(),
        };
        let mut alg = None;
        for (name, value) in object.members() {
            match &*name {
                "alg" => alg = Some(string("alg", value)?),
                "kid" => header.kid = Some(string("kid", value)?),
                "typ" => header.typ = Some(string("typ", value)?),
                "cty" => header.cty = Some(string("cty", value)?),
                "crit" => header.crit = Some(strings("crit", value)?),
                "b64" => match value {
                    Value::Bool(b) => header.b64 = Some(b),
                    other => return Err(type_error("b64", "a boolean", other)),
                },
                _ => {}
            }
        }
        header.ignored = IGNORED_HEADER_PARAMETERS
            .into_iter()
            .filter(|name| object.get(name).is_some())
            .collect();
        header.alg = alg.ok_or_else(|| TypeError {
            name: "alg".into(),
            expected: "present",
            found: "nothing".into(),
        })?;
        Ok(header)
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
    fn from_value(value: Value) -> Result<Identity, TypeError> {
        let Value::Object(object) = value else {
            return Err(type_error("identities", "an array of objects", value));
        };
        let field = |name: &str| -> Result<Option<String>, TypeError> {
            match object.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.value().into_owned())),
                Some(other) => Err(type_error(&["identities[].", name].concat(), STRING, other)),
            }
        };
        let primary = match field("primary")?.as_deref() {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(_) => {
                return Err(type_error(
                    "identities[].primary",
                    "the string \"true\" or \"false\"",
                    object.get("primary").unwrap_or(Value::Null),
                ));
            }
        };
        let date_created_ms = match object.get("dateCreated") {
            None | Some(Value::Null) => None,
            Some(value @ Value::String(s)) => {
                let text = s.value();
                Some(
                    text.parse::<u64>()
                        .ok()
                        .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
                        .ok_or_else(|| {
                            type_error("identities[].dateCreated", "a string of Unix milliseconds", value)
                        })?,
                )
            }
            Some(other) => return Err(type_error("identities[].dateCreated", STRING, other)),
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

mod claims;
pub use claims::Claims;

/// A structurally valid JWS: the typed header and claims, their JSON, and what signature verification
/// needs. Nothing about it has been verified yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwt {
    /// The typed header.
    pub header: JoseHeader,
    /// The typed claims (and their JSON, [`Claims::json`]).
    pub claims: Claims,
    header_json: String,
    /// The token as received; the signing input is its first two segments.
    token: String,
    signing_input_len: usize,
    signature: Vec<u8>,
}

/// A token decoded for display only (`cogfed token decode`): the JSON texts, plus the typed views or the
/// reason they could not be built. An empty signature is allowed here so unsecured tokens can be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The header's JSON text (validated).
    pub header_json: String,
    /// The claims' JSON text (validated).
    pub claims_json: String,
    /// The typed header, or why not.
    pub header: Result<JoseHeader, TypeError>,
    /// The typed claims, or why not.
    pub claims: Result<Claims, TypeError>,
    /// Length of the decoded signature in bytes.
    pub signature_len: usize,
}

/// The segments of a token, decoded: header and payload as validated JSON text.
struct Parts {
    header: String,
    payload: String,
    signing_input_len: usize,
    signature: Vec<u8>,
}

fn split(token: &str, allow_empty_signature: bool) -> Result<Parts, JwtError> {
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
    let count = token.bytes().filter(|b| *b == b'.').count() + 1;
    let mut segments = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), 3) =
        (segments.next(), segments.next(), segments.next(), count)
    else {
        return Err(JwtError::SegmentCount(count));
    };
    for (text, segment) in [(header_b64, Segment::Header), (payload_b64, Segment::Payload)] {
        if text.is_empty() {
            return Err(JwtError::EmptySegment(segment));
        }
    }
    if signature_b64.is_empty() && !allow_empty_signature {
        return Err(JwtError::EmptySegment(Segment::Signature));
    }
    let json = |text: &str, segment| -> Result<String, JwtError> {
        let bytes = b64::decode(text).ok_or(JwtError::Base64(segment))?;
        parse_object(&bytes).map_err(|source| JwtError::Json { segment, source })?;
        // Validated UTF-8 by parse_object.
        String::from_utf8(bytes).map_err(|_| JwtError::Base64(segment))
    };
    let header = json(header_b64, Segment::Header)?;
    let payload = json(payload_b64, Segment::Payload)?;
    let signature = b64::decode(signature_b64).ok_or(JwtError::Base64(Segment::Signature))?;
    Ok(Parts {
        header,
        payload,
        signing_input_len: header_b64.len() + 1 + payload_b64.len(),
        signature,
    })
}

/// The object of JSON text this module has validated already.
fn object(text: &str) -> Object<'_> {
    parse_object(text.as_bytes()).unwrap_or_else(|_| crate::json::empty_object())
}

impl Jwt {
    /// Parses a compact JWS strictly (see the module documentation).
    pub fn parse(token: &str) -> Result<Jwt, JwtError> {
        let parts = split(token, false)?;
        let header = JoseHeader::from_object(object(&parts.header)).map_err(JwtError::Header)?;
        let claims = Claims::from_json(parts.payload).map_err(JwtError::Claim)?;
        Ok(Jwt {
            header,
            claims,
            header_json: parts.header,
            token: token.to_owned(),
            signing_input_len: parts.signing_input_len,
            signature: parts.signature,
        })
    }

    /// The JWS signing input: `BASE64URL(header) || '.' || BASE64URL(payload)` as received.
    pub fn signing_input(&self) -> &[u8] {
        self.token
            .as_bytes()
            .get(..self.signing_input_len)
            .unwrap_or_default()
    }

    /// The decoded signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The header's JSON text, exactly as decoded (validated).
    pub fn header_json(&self) -> &str {
        &self.header_json
    }

    /// The token as received.
    pub fn as_str(&self) -> &str {
        &self.token
    }
}

/// Decodes a token for display without verifying anything. Same strictness as [`Jwt::parse`] except that
/// an empty signature is allowed and type errors are reported instead of failing.
pub fn inspect(token: &str) -> Result<Inspection, JwtError> {
    let parts = split(token, true)?;
    Ok(Inspection {
        header: JoseHeader::from_object(object(&parts.header)),
        claims: Claims::from_json(parts.payload.clone()),
        signature_len: parts.signature.len(),
        header_json: parts.header,
        claims_json: parts.payload,
    })
}

#[cfg(test)]
mod tests;
