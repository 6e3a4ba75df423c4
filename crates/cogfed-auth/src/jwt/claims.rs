//! [`Claims`]: the claims the checks read as fields, every known claim type-checked, the rest of the payload
//! kept as its JSON text and read on demand.

use super::{AUDIENCE, Identity, TypeError, numeric_date, string, string_item, strings, type_error};
use crate::json::{Object, Value};

/// The claims of a token. The ones the validation checks read are fields; the ones an app shows are methods
/// that read the payload's JSON ([`Claims::json`]), type-checked already when the token was parsed.
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
    /// Cognito `token_use`: `id` or `access`.
    pub token_use: Option<String>,
    /// Cognito access tokens: the app client id (there is no `aud` by default).
    pub client_id: Option<String>,
    /// Access tokens: space-separated scopes.
    pub scope: Option<String>,
    /// The payload's JSON text, as decoded from the token ([`Claims::from_json`] validated it); empty for claims
    /// built by hand. Read it through [`Claims::json`] and the accessors.
    pub json: String,
}

/// Claims whose values are strings, type-checked on parse and read on demand.
const STRING_CLAIMS: [&str; 6] = [
    "jti",
    "acr",
    "origin_jti",
    "event_id",
    "username",
    "cognito:username",
];

impl Claims {
    /// Types the known claims of a payload's JSON text (validated by [`crate::json::parse_object`]); keeps the
    /// text for [`Claims::json`].
    pub fn from_json(json: String) -> Result<Claims, TypeError> {
        let mut claims = Claims::default();
        for (name, value) in super::object(&json).members() {
            let name = &*name;
            match name {
                "iss" => claims.iss = Some(string(name, value)?),
                "sub" => claims.sub = Some(string(name, value)?),
                "nonce" => claims.nonce = Some(string(name, value)?),
                "azp" => claims.azp = Some(string(name, value)?),
                "at_hash" => claims.at_hash = Some(string(name, value)?),
                "token_use" => claims.token_use = Some(string(name, value)?),
                "client_id" => claims.client_id = Some(string(name, value)?),
                "scope" => claims.scope = Some(string(name, value)?),
                "exp" => claims.exp = Some(numeric_date(name, value)?),
                "nbf" => claims.nbf = Some(numeric_date(name, value)?),
                "iat" => claims.iat = Some(numeric_date(name, value)?),
                "auth_time" => claims.auth_time = Some(numeric_date(name, value)?),
                "aud" => {
                    claims.aud = Some(match value {
                        Value::String(s) => vec![s.value().into_owned()],
                        Value::Array(items) if items.items().next().is_some() => items
                            .items()
                            .map(|item| string_item(name, AUDIENCE, item))
                            .collect::<Result<_, _>>()?,
                        other => return Err(type_error(name, AUDIENCE, other)),
                    })
                }
                "amr" | "cognito:groups" => {
                    strings(name, value)?;
                }
                "identities" => match value {
                    Value::Array(items) => {
                        for item in items.items() {
                            Identity::from_value(item)?;
                        }
                    }
                    other => return Err(type_error(name, "an array of objects", other)),
                },
                "version" => {
                    value
                        .as_u64()
                        .ok_or_else(|| type_error(name, "a non-negative integer", value))?;
                }
                _ if STRING_CLAIMS.contains(&name) => {
                    string(name, value)?;
                }
                _ if name.starts_with("custom:") && !matches!(value, Value::String(_)) => {
                    return Err(type_error(
                        name,
                        "a string (Cognito custom attributes are strings)",
                        value,
                    ));
                }
                _ => {}
            }
        }
        claims.json = json;
        Ok(claims)
    }

    /// The payload as a JSON object (every claim, known or not). Empty for claims built by hand.
    pub fn json(&self) -> Object<'_> {
        super::object(if self.json.is_empty() { "{}" } else { &self.json })
    }

    /// The payload's JSON text, as decoded from the token.
    pub fn json_text(&self) -> &str {
        &self.json
    }

    /// The string value of claim `name`, if it is a string.
    pub fn string(&self, name: &str) -> Option<String> {
        self.json()
            .get(name)
            .and_then(Value::as_str)
            .map(|s| s.into_owned())
    }

    fn strings(&self, name: &str) -> Option<Vec<String>> {
        match self.json().get(name)? {
            Value::Array(items) => items
                .items()
                .map(|item| item.as_str().map(|s| s.into_owned()))
                .collect(),
            _ => None,
        }
    }

    /// The scopes of an access token's `scope` claim.
    pub fn scopes(&self) -> Vec<&str> {
        self.scope
            .as_deref()
            .map(|s| s.split(' ').filter(|x| !x.is_empty()).collect())
            .unwrap_or_default()
    }

    /// `jti`.
    pub fn jti(&self) -> Option<String> {
        self.string("jti")
    }

    /// `acr`.
    pub fn acr(&self) -> Option<String> {
        self.string("acr")
    }

    /// `amr`.
    pub fn amr(&self) -> Option<Vec<String>> {
        self.strings("amr")
    }

    /// Revocation id shared by every token of one refresh token (`origin_jti`).
    pub fn origin_jti(&self) -> Option<String> {
        self.string("origin_jti")
    }

    /// `event_id`.
    pub fn event_id(&self) -> Option<String> {
        self.string("event_id")
    }

    /// Access tokens: the username (`username`).
    pub fn username(&self) -> Option<String> {
        self.string("username")
    }

    /// ID tokens: `cognito:username`.
    pub fn cognito_username(&self) -> Option<String> {
        self.string("cognito:username")
    }

    /// `cognito:groups`, always an array.
    pub fn cognito_groups(&self) -> Option<Vec<String>> {
        self.strings("cognito:groups")
    }

    /// `identities` of federated users.
    pub fn identities(&self) -> Option<Vec<Identity>> {
        match self.json().get("identities")? {
            Value::Array(items) => items
                .items()
                .map(|item| Identity::from_value(item).ok())
                .collect(),
            _ => None,
        }
    }

    /// Access tokens: `version` (2 today).
    pub fn version(&self) -> Option<u64> {
        self.json().get("version").and_then(Value::as_u64)
    }

    /// `custom:*` attributes, always strings, in the order of the payload.
    pub fn custom(&self) -> Vec<(String, String)> {
        self.json()
            .members()
            .filter(|(name, _)| name.starts_with("custom:"))
            .filter_map(|(name, value)| Some((name.into_owned(), value.as_str()?.into_owned())))
            .collect()
    }
}
