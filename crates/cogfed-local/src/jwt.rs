//! Compact JWS: RS256 signing, parsing and verification against a JWKS.
//!
//! Verification follows the project rules: the key is chosen by `kid` from a JWKS the verifier fetched itself,
//! the algorithm is the one the key allows (RSA key => RS256 only), never what the header claims, and the
//! `jku`, `x5u` and `jwk` headers are ignored (security-checklist B4).

use crate::crypto::{CryptoError, RsaPublicJwk, SigningKey, b64url};
use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

/// Why a token was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// Not three base64url segments of JSON objects.
    #[error("malformed JWT: {0}")]
    Malformed(&'static str),
    /// The header has no `kid`.
    #[error("JWT header has no kid")]
    MissingKid,
    /// No key in the JWKS has the header's `kid`.
    #[error("no key with kid {0:?} in the JWKS")]
    UnknownKid(String),
    /// The header's `alg` is not the one the key allows.
    #[error("algorithm {0:?} is not allowed for this RSA key (RS256 only)")]
    AlgorithmNotAllowed(String),
    /// The signature does not verify.
    #[error("signature does not verify")]
    BadSignature,
}

/// A parsed, not yet verified, compact JWS.
#[derive(Debug, Clone)]
pub struct UnverifiedJwt {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The payload claims.
    pub claims: Map<String, Value>,
    signing_input: String,
    signature: Vec<u8>,
}

/// Signs `claims` with RS256 under `key`. The header is Cognito's `{"kid", "alg"}`, plus `typ` when given.
pub fn sign(key: &SigningKey, typ: Option<&str>, claims: &Map<String, Value>) -> Result<String, CryptoError> {
    let mut header = Map::new();
    header.insert("kid".into(), key.kid().into());
    header.insert("alg".into(), "RS256".into());
    if let Some(typ) = typ {
        header.insert("typ".into(), typ.into());
    }
    let header = serde_json::to_vec(&Value::Object(header)).map_err(|_| CryptoError("JSON encoding"))?;
    let payload =
        serde_json::to_vec(&Value::Object(claims.clone())).map_err(|_| CryptoError("JSON encoding"))?;
    let signing_input = format!("{}.{}", b64url(&header), b64url(&payload));
    let sig = key.sign_rs256(signing_input.as_bytes())?;
    Ok(format!("{signing_input}.{}", b64url(&sig)))
}

fn decode_segment(segment: &str, what: &'static str) -> Result<Vec<u8>, JwtError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| JwtError::Malformed(what))
}

fn decode_object(segment: &str, what: &'static str) -> Result<Map<String, Value>, JwtError> {
    match serde_json::from_slice::<Value>(&decode_segment(segment, what)?) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(JwtError::Malformed(what)),
    }
}

/// Splits and decodes a compact JWS without checking the signature.
pub fn parse(token: &str) -> Result<UnverifiedJwt, JwtError> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(JwtError::Malformed(
            "a JWS has exactly three dot-separated segments",
        ));
    };
    Ok(UnverifiedJwt {
        header: decode_object(h, "header is not base64url JSON")?,
        claims: decode_object(p, "payload is not base64url JSON")?,
        signing_input: format!("{h}.{p}"),
        signature: decode_segment(s, "signature is not base64url")?,
    })
}

impl UnverifiedJwt {
    /// Verifies the signature with the JWKS key named by `kid`; RSA keys allow RS256 only.
    pub fn verify(self, keys: &[RsaPublicJwk]) -> Result<Map<String, Value>, JwtError> {
        let kid = self
            .header
            .get("kid")
            .and_then(Value::as_str)
            .ok_or(JwtError::MissingKid)?;
        let key = keys
            .iter()
            .find(|k| k.kid == kid)
            .ok_or_else(|| JwtError::UnknownKid(kid.to_owned()))?;
        // The key decides the algorithm; the header must agree, it cannot choose.
        match self.header.get("alg").and_then(Value::as_str) {
            Some("RS256") => {}
            other => {
                return Err(JwtError::AlgorithmNotAllowed(
                    other.unwrap_or("<none>").to_owned(),
                ));
            }
        }
        let public = RsaPublicKeyComponents {
            n: key.n.as_slice(),
            e: key.e.as_slice(),
        };
        public
            .verify(
                &RSA_PKCS1_2048_8192_SHA256,
                self.signing_input.as_bytes(),
                &self.signature,
            )
            .map_err(|_| JwtError::BadSignature)?;
        Ok(self.claims)
    }
}

/// The RSA signature keys of a JWKS document. Keys of other types, keys marked for encryption and keys
/// whose `alg` is not RS256 are skipped, so they can never be selected.
pub fn parse_jwks(doc: &Value) -> Vec<RsaPublicJwk> {
    let Some(keys) = doc.get("keys").and_then(Value::as_array) else {
        return vec![];
    };
    keys.iter()
        .filter_map(|k| {
            let kty = k.get("kty").and_then(Value::as_str)?;
            let usable = kty == "RSA"
                && k.get("use").and_then(Value::as_str).is_none_or(|u| u == "sig")
                && k.get("alg").and_then(Value::as_str).is_none_or(|a| a == "RS256");
            if !usable {
                return None;
            }
            let kid = k.get("kid").and_then(Value::as_str)?.to_owned();
            let n = strip_leading_zeros(URL_SAFE_NO_PAD.decode(k.get("n").and_then(Value::as_str)?).ok()?);
            let e = strip_leading_zeros(URL_SAFE_NO_PAD.decode(k.get("e").and_then(Value::as_str)?).ok()?);
            if n.is_empty() || e.is_empty() {
                return None;
            }
            Some(RsaPublicJwk { kid, n, e })
        })
        .collect()
}

fn strip_leading_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    bytes.drain(..zeros);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KidStyle;

    fn claims() -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("sub".into(), "u1".into());
        m
    }

    #[test]
    fn signed_token_verifies_with_its_key_only() {
        let a = SigningKey::generate(KidStyle::Thumbprint).unwrap();
        let b = SigningKey::generate(KidStyle::Thumbprint).unwrap();
        let token = sign(&a, Some("JWT"), &claims()).unwrap();
        let verified = parse(&token).unwrap().verify(&[a.public_jwk()]).unwrap();
        assert_eq!(verified.get("sub").and_then(Value::as_str), Some("u1"));
        // b's key under a's kid: the signature must not verify.
        let mut forged = b.public_jwk();
        forged.kid = a.kid().to_owned();
        assert_eq!(
            parse(&token).unwrap().verify(&[forged]).unwrap_err(),
            JwtError::BadSignature
        );
        assert!(matches!(
            parse(&token).unwrap().verify(&[b.public_jwk()]),
            Err(JwtError::UnknownKid(_))
        ));
    }

    #[test]
    fn header_cannot_choose_the_algorithm() {
        let a = SigningKey::generate(KidStyle::Thumbprint).unwrap();
        let token = sign(&a, None, &claims()).unwrap();
        let mut parts: Vec<&str> = token.split('.').collect();
        let header = b64url(format!(r#"{{"kid":"{}","alg":"HS256"}}"#, a.kid()).as_bytes());
        parts[0] = &header;
        let tampered = parts.join(".");
        assert_eq!(
            parse(&tampered).unwrap().verify(&[a.public_jwk()]).unwrap_err(),
            JwtError::AlgorithmNotAllowed("HS256".into())
        );
        let none = b64url(format!(r#"{{"kid":"{}","alg":"none"}}"#, a.kid()).as_bytes());
        let unsigned = format!("{none}.{}.", parts[1]);
        assert!(parse(&unsigned).unwrap().verify(&[a.public_jwk()]).is_err());
    }

    #[test]
    fn malformed_tokens_are_rejected_without_panicking() {
        for bad in [
            "",
            "a",
            "a.b",
            "a.b.c.d",
            "!!.e30.",
            "e30.!!.",
            "W10.e30.",
            "e30.e30.%%",
        ] {
            assert!(matches!(parse(bad), Err(JwtError::Malformed(_))), "{bad}");
        }
    }

    #[test]
    fn jwks_parsing_keeps_only_rs256_signature_keys() {
        let a = SigningKey::generate(KidStyle::Thumbprint).unwrap();
        let mut enc = a.public_jwk().to_json();
        enc["use"] = "enc".into();
        enc["kid"] = "enc".into();
        let doc = serde_json::json!({"keys": [
            a.public_jwk().to_json(),
            enc,
            {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"},
            {"kty": "RSA", "kid": "nokeys"},
            {"kty": "RSA", "kid": "ps", "alg": "PS256", "n": "AQAB", "e": "AQAB"},
        ]});
        let keys = parse_jwks(&doc);
        assert_eq!(keys, vec![a.public_jwk()]);
        assert!(parse_jwks(&serde_json::json!({"keys": "x"})).is_empty());
    }
}
