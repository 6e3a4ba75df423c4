//! A JWKS (an IdP's or the pool's): a key set that parses, every key with a `kid` and no `kid` twice, RSA keys
//! of at least 2048 bits (cognito-facts §5.3 checks 2-3, §8.D27; RFC 7517; RFC 7518 §3.3). The key set is read
//! by `cogfed-auth` (strict JSON, size and key-count limits), which owns how a JWKS is parsed.

use crate::rules::LiveRule;
use cogfed_auth::jwks::{JwkSet, MIN_RSA_BITS};
use cogfed_lint::Finding;
use cogfed_lint::de::Loc;
use std::collections::HashMap;

/// Size in bits of a base64url RSA modulus, `None` when it does not decode.
pub fn modulus_bits(n: &str) -> Option<usize> {
    let bytes = cogfed_auth::base64url::decode(n)?;
    let significant: &[u8] = match bytes.iter().position(|b| *b != 0) {
        Some(i) => &bytes[i..],
        None => &[],
    };
    Some(match significant.first() {
        Some(top) => significant.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    })
}

/// Judges the JWKS `body` of `whose` (`identity provider `X``, `the user pool`), fetched from `url`; findings
/// point at `at`.
pub fn judge_jwks(body: &str, url: &str, whose: &str, at: &Loc) -> Vec<Finding> {
    let invalid = |why: String| {
        LiveRule::JwksInvalid
            .at(at, format!("the JWKS of {whose} {why}"))
            .help("publish the signing keys as a JWK Set: {\"keys\": [{\"kty\": \"RSA\", \"kid\": ..., \"n\": ..., \"e\": ...}]}")
            .note(format!("from {url}"))
    };
    let set = match JwkSet::parse(body) {
        Ok(s) => s,
        Err(e) => return vec![invalid(format!("is not a usable key set: {e}"))],
    };
    if set.keys.is_empty() {
        return vec![invalid("has no keys".into())];
    }
    let mut out = Vec::new();
    let mut kids: HashMap<&str, usize> = HashMap::new();
    for (i, key) in set.keys.iter().enumerate() {
        let name = match &key.kid {
            Some(kid) => format!("key `{kid}`"),
            None => format!("key #{}", i + 1),
        };
        if let Some(why) = &key.malformed {
            out.push(invalid(format!("has a malformed {name}: {why}")));
            continue;
        }
        match key.kid.as_deref() {
            Some(kid) => *kids.entry(kid).or_default() += 1,
            None => out.push(
                LiveRule::JwksKid
                    .at(
                        at,
                        format!("the JWKS of {whose} has a key without `kid` ({name})"),
                    )
                    .help("give every key a kid; tokens name their key by it")
                    .note("Cognito looks the IdP token's kid up at jwks_uri (cognito-facts §5.3, check 2)")
                    .note(format!("from {url}")),
            ),
        }
        match key.kty.as_deref() {
            None => out.push(invalid(format!("has a {name} without `kty`"))),
            Some("RSA") => match (key.n.as_deref(), key.e.as_deref()) {
                (Some(n), Some(e)) => match (modulus_bits(n), cogfed_auth::base64url::decode(e)) {
                    (Some(bits), Some(_)) if bits < MIN_RSA_BITS => out.push(
                        LiveRule::JwksWeakKey
                            .at(
                                at,
                                format!("the JWKS of {whose} has an RSA {name} of {bits} bits, under {MIN_RSA_BITS}"),
                            )
                            .help("rotate to a 2048-bit (or larger) RSA key")
                            .note("RFC 7518 §3.3: a key of 2048 bits or larger MUST be used")
                            .note(format!("from {url}")),
                    ),
                    (Some(_), Some(_)) => {}
                    _ => out.push(invalid(format!("has an RSA {name} whose `n` or `e` is not base64url"))),
                },
                _ => out.push(invalid(format!("has an RSA {name} without `n` or `e`"))),
            },
            Some(_) => {}
        }
    }
    let mut twice: Vec<(&str, usize)> = kids.into_iter().filter(|(_, n)| *n > 1).collect();
    twice.sort();
    for (kid, n) in twice {
        out.push(
            LiveRule::JwksKid
                .at(at, format!("the JWKS of {whose} has {n} keys with kid `{kid}`"))
                .help("give every key its own kid (a rotation publishes the new key under a new kid)")
                .note(format!("from {url}")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(body: &str) -> Vec<&'static str> {
        judge_jwks(body, "https://idp/jwks", "the IdP", &Loc::default())
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    /// A base64url modulus of `bits` bits (top bit set).
    fn modulus(bits: usize) -> String {
        let mut bytes = vec![0xffu8; bits.div_ceil(8)];
        if !bits.is_multiple_of(8) {
            bytes[0] = 0xff >> (8 - bits % 8);
        }
        cogfed_auth::base64url::encode(&bytes)
    }

    #[test]
    fn modulus_sizes() {
        assert_eq!(modulus_bits(&modulus(2048)), Some(2048));
        assert_eq!(modulus_bits(&modulus(1023)), Some(1023));
        // A leading zero byte (a non-canonical but common encoding) does not count.
        let padded = cogfed_auth::base64url::encode(&[&[0u8][..], &[0x80; 256][..]].concat());
        assert_eq!(modulus_bits(&padded), Some(2048));
        assert_eq!(modulus_bits("***"), None);
    }

    #[test]
    fn each_problem_has_its_rule() {
        let good = format!(r#"{{"kty":"RSA","kid":"a","n":"{}","e":"AQAB"}}"#, modulus(2048));
        let ec = r#"{"kty":"EC","kid":"b","crv":"P-256","x":"x","y":"y"}"#;
        assert!(rules(&format!(r#"{{"keys":[{good},{ec}]}}"#)).is_empty());
        assert_eq!(rules(r#"{"keys":[]}"#), ["live-jwks-invalid"]);
        assert_eq!(rules(r#"{"nokeys":1}"#), ["live-jwks-invalid"]);
        assert_eq!(rules("not json"), ["live-jwks-invalid"]);
        let weak = format!(r#"{{"kty":"RSA","kid":"w","n":"{}","e":"AQAB"}}"#, modulus(1024));
        assert_eq!(rules(&format!(r#"{{"keys":[{weak}]}}"#)), ["live-jwks-weak-key"]);
        let nokid = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, modulus(2048));
        assert_eq!(rules(&format!(r#"{{"keys":[{nokid}]}}"#)), ["live-jwks-kid"]);
        assert_eq!(
            rules(&format!(r#"{{"keys":[{good},{good}]}}"#)),
            ["live-jwks-kid"]
        );
        assert_eq!(rules(r#"{"keys":[{"kid":"x"}]}"#), ["live-jwks-invalid"]);
        assert_eq!(
            rules(r#"{"keys":[{"kty":"RSA","kid":"x","e":"AQAB"}]}"#),
            ["live-jwks-invalid"]
        );
        assert_eq!(
            rules(r#"{"keys":[{"kty":"RSA","kid":"x","n":"***","e":"AQAB"}]}"#),
            ["live-jwks-invalid"]
        );
        assert_eq!(rules(r#"{"keys":[{"kty":7,"kid":"x"}]}"#), ["live-jwks-invalid"]);
    }
}
