//! Signing keys: JWK parsing, key selection and the rate-limited JWKS cache.
//!
//! **The key decides the algorithm, never the token header** (RFC 8725 §3.1, 8725bis §3.1). The allowlist is
//! [`SigningAlg`]: RS256 only, the one algorithm Cognito uses (cognito-facts §3.1). A header `alg` is only
//! compared, case-sensitively, with the algorithm of the key that was found; `none` in any letter case,
//! HS*/ES*/PS* and anything else are refused before a key is even looked up.
//!
//! A key is usable when: `kty` is `RSA`; `use` is absent or `sig`; `key_ops` is absent or contains
//! `verify`; `alg` is absent or `RS256`; `n` and `e` are canonical base64url, the modulus has no leading
//! zero byte and 2048..=4096 bits, and the exponent is odd and at least 3.
//!
//! Selection: `kid` is an opaque string compared byte for byte. Without `kid` the token is accepted only if
//! the JWKS has exactly one usable key (B1 rp-id_token-kid-absent-single-jwks); with several it is rejected
//! (rp-id_token-kid-absent-multiple-jwks: Cognito always sends `kid`, so trying every key buys nothing and
//! multiplies the verification work an attacker can cause). Two keys with the same `kid` are ambiguous and
//! rejected.

use crate::b64;
use crate::io::{Clock, HttpClient, HttpMethod, HttpRequest};
use crate::json::{JsonError, Object, Value};
use crate::jwt::JoseHeader;
use crate::text::quoted_string;

/// The algorithm allowlist: each variant is an algorithm this client verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningAlg {
    /// RSASSA-PKCS1-v1_5 with SHA-256: Cognito's only algorithm.
    Rs256,
}

impl SigningAlg {
    /// The JOSE name.
    pub fn as_str(self) -> &'static str {
        match self {
            SigningAlg::Rs256 => "RS256",
        }
    }

    /// The allowlisted algorithm with exactly this JOSE name (case-sensitive), if any.
    pub fn from_jose(name: &str) -> Option<SigningAlg> {
        match name {
            "RS256" => Some(SigningAlg::Rs256),
            _ => None,
        }
    }
}

/// Largest JWKS document accepted.
pub const MAX_JWKS_BYTES: usize = 256 * 1024;
/// Most keys accepted in one JWKS (Cognito publishes two; B4 "JWKS with thousands of keys").
pub const MAX_JWKS_KEYS: usize = 100;
/// Smallest RSA modulus accepted.
pub const MIN_RSA_BITS: usize = 2048;
/// Largest RSA modulus accepted: bounds verification cost, and the RustCrypto backend refuses more.
pub const MAX_RSA_BITS: usize = 4096;

/// An RSA public key with validated components (big-endian, no leading zeros).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl RsaPublicKey {
    /// The modulus, big-endian without leading zeros.
    pub fn modulus(&self) -> &[u8] {
        &self.n
    }
    /// The public exponent, big-endian without leading zeros.
    pub fn exponent(&self) -> &[u8] {
        &self.e
    }
    /// The modulus as base64url (the JWK `n`, for WebCrypto `importKey("jwk")`).
    pub fn n_base64url(&self) -> String {
        b64::encode(&self.n)
    }
    /// The exponent as base64url (the JWK `e`).
    pub fn e_base64url(&self) -> String {
        b64::encode(&self.e)
    }
    /// Size of the modulus in bits.
    pub fn modulus_bits(&self) -> usize {
        match self.n.first() {
            Some(top) => self.n.len() * 8 - top.leading_zeros() as usize,
            None => 0,
        }
    }
}

/// A key that passed every suitability check, with the algorithm it decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationKey {
    /// The JWK `kid`.
    pub kid: Option<String>,
    /// The algorithm this key is used with.
    pub alg: SigningAlg,
    /// The RSA public key.
    pub rsa: RsaPublicKey,
}

/// One JWKS entry as published, before suitability checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    /// `kid`.
    pub kid: Option<String>,
    /// `kty`.
    pub kty: Option<String>,
    /// `alg`.
    pub alg: Option<String>,
    /// `use`.
    pub key_use: Option<String>,
    /// `key_ops`.
    pub key_ops: Option<Vec<String>>,
    /// `n` (base64url).
    pub n: Option<String>,
    /// `e` (base64url).
    pub e: Option<String>,
    /// Why the entry is malformed (a member of the wrong type), if it is.
    pub malformed: Option<String>,
}

/// Why no key could be used, or why the header's algorithm was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// `alg` is `none` in some letter case (RFC 8725 §3.1).
    #[error("alg {} (unsecured JWS) is never accepted", crate::text::quoted(.0))]
    AlgNone(String),
    /// `alg` is not on the allowlist (RS256).
    #[error("alg {} is not allowed; only RS256 is accepted (compared case-sensitively)", crate::text::quoted(.0))]
    AlgNotAllowed(String),
    /// The header `alg` differs from the algorithm of the key that was found.
    #[error("header alg {} is inconsistent with the key's algorithm {key}", crate::text::quoted(.header))]
    AlgMismatch {
        /// Header `alg`.
        header: String,
        /// Key algorithm.
        key: &'static str,
    },
    /// No key has this `kid` (after the one refetch allowed, if `refetched`).
    #[error("no signing key has kid {}{}", crate::text::quoted(.kid), if *.refetched { " (after refetching the JWKS once)" } else { " (not refetched: static key set, or an unknown-kid refetch already happened within the rate-limit interval)" })]
    UnknownKid {
        /// The kid.
        kid: String,
        /// Whether a refetch happened for this lookup.
        refetched: bool,
    },
    /// Several keys share the `kid`.
    #[error("{count} keys share kid {}; refusing to guess", crate::text::quoted(.kid))]
    DuplicateKid {
        /// The kid.
        kid: String,
        /// How many.
        count: usize,
    },
    /// No `kid`, and the JWKS has several usable keys.
    #[error("the token has no kid and the JWKS has {0} usable keys; refusing to guess")]
    KidAbsentAmbiguous(usize),
    /// No `kid`, and the JWKS has no usable key.
    #[error("the token has no kid and the JWKS has no usable RS256 key")]
    NoUsableKey,
    /// The key found by `kid` is not usable; the detail says why.
    #[error("key {} is unusable: {reason}", crate::text::quoted(.kid))]
    Unusable {
        /// The kid.
        kid: String,
        /// Why.
        reason: String,
    },
    /// The JWKS could not be fetched.
    #[error("JWKS fetch failed: {0}")]
    Fetch(String),
    /// The JWKS document is malformed.
    #[error("JWKS document is malformed: {0}")]
    Document(String),
    /// The JWKS document is not acceptable JSON.
    #[error("JWKS document is not acceptable JSON: {0}")]
    Json(JsonError),
}

/// A parsed JSON Web Key Set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JwkSet {
    /// The entries, in document order.
    pub keys: Vec<Jwk>,
}

fn jwk_from_object(object: Object) -> Jwk {
    let mut malformed = None;
    let mut string = |name: &str| match object.get(name) {
        None => None,
        Some(value) => {
            let text = value.as_str().map(|s| s.into_owned());
            if text.is_none() {
                malformed.get_or_insert_with(|| [name, " is not a string"].concat());
            }
            text
        }
    };
    let kid = string("kid");
    let kty = string("kty");
    let alg = string("alg");
    let key_use = string("use");
    let n = string("n");
    let e = string("e");
    let key_ops = match object.strings("key_ops") {
        Ok(ops) => ops,
        Err(_) => {
            malformed.get_or_insert_with(|| "key_ops is not an array of strings".into());
            None
        }
    };
    Jwk {
        kid,
        kty,
        alg,
        key_use,
        key_ops,
        n,
        e,
        malformed,
    }
}

impl JwkSet {
    /// Parses a JWKS document (strict JSON, at most [`MAX_JWKS_BYTES`] and [`MAX_JWKS_KEYS`] keys).
    /// Entries of unknown types are kept (and never usable); the set itself must be well-formed.
    pub fn parse(document: &str) -> Result<JwkSet, KeyError> {
        if document.len() > MAX_JWKS_BYTES {
            return Err(KeyError::Document("larger than 262144 bytes".into()));
        }
        let object = crate::json::parse_object(document.as_bytes()).map_err(KeyError::Json)?;
        let Some(Value::Array(entries)) = object.get("keys") else {
            return Err(KeyError::Document("no \"keys\" array".into()));
        };
        let mut keys = Vec::new();
        for (i, entry) in entries.items().enumerate() {
            if i >= MAX_JWKS_KEYS {
                return Err(KeyError::Document("more than 100 keys".into()));
            }
            match entry {
                Value::Object(object) => keys.push(jwk_from_object(object)),
                _ => {
                    return Err(KeyError::Document(
                        ["keys[", &crate::json::decimal(i as u64), "] is not an object"].concat(),
                    ));
                }
            }
        }
        Ok(JwkSet { keys })
    }

    /// Selects the key for a token header (see the module documentation for the rules).
    pub fn select(&self, header: &JoseHeader) -> Result<VerificationKey, KeyError> {
        let header_alg = check_header_alg(&header.alg)?;
        let key = match &header.kid {
            Some(kid) => {
                let matching: Vec<&Jwk> = self
                    .keys
                    .iter()
                    .filter(|k| k.kid.as_deref() == Some(kid.as_str()))
                    .collect();
                match matching.as_slice() {
                    [] => {
                        return Err(KeyError::UnknownKid {
                            kid: kid.clone(),
                            refetched: false,
                        });
                    }
                    [one] => one.to_verification_key().map_err(|reason| KeyError::Unusable {
                        kid: kid.clone(),
                        reason,
                    })?,
                    many => {
                        return Err(KeyError::DuplicateKid {
                            kid: kid.clone(),
                            count: many.len(),
                        });
                    }
                }
            }
            None => {
                let usable: Vec<VerificationKey> = self
                    .keys
                    .iter()
                    .filter_map(|k| k.to_verification_key().ok())
                    .collect();
                match usable.len() {
                    0 => return Err(KeyError::NoUsableKey),
                    1 => usable.into_iter().next().ok_or(KeyError::NoUsableKey)?,
                    n => return Err(KeyError::KidAbsentAmbiguous(n)),
                }
            }
        };
        if key.alg != header_alg {
            return Err(KeyError::AlgMismatch {
                header: header.alg.clone(),
                key: key.alg.as_str(),
            });
        }
        Ok(key)
    }
}

/// The header `alg` check that runs before any key lookup: refuses `none` in every letter case and
/// anything not on the allowlist, comparing case-sensitively.
pub fn check_header_alg(alg: &str) -> Result<SigningAlg, KeyError> {
    if alg.eq_ignore_ascii_case("none") {
        return Err(KeyError::AlgNone(alg.to_owned()));
    }
    SigningAlg::from_jose(alg).ok_or_else(|| KeyError::AlgNotAllowed(alg.to_owned()))
}

impl Jwk {
    /// Checks the entry's suitability and decides its algorithm; the error says which rule failed.
    pub fn to_verification_key(&self) -> Result<VerificationKey, String> {
        // Messages put together without the formatting machinery: this runs on every sign-in.
        if let Some(why) = &self.malformed {
            return Err(why.clone());
        }
        match self.kty.as_deref() {
            Some("RSA") => {}
            Some(other) => {
                return Err([
                    "kty is ",
                    &quoted_string(other),
                    "; only RSA keys are allowed (RS256)",
                ]
                .concat());
            }
            None => return Err("kty is missing".into()),
        }
        if let Some(key_use) = &self.key_use
            && key_use != "sig"
        {
            return Err(["use is ", &quoted_string(key_use), ", not \"sig\""].concat());
        }
        if let Some(ops) = &self.key_ops
            && !ops.iter().any(|op| op == "verify")
        {
            let listed: Vec<String> = ops.iter().map(|op| quoted_string(op)).collect();
            return Err(["key_ops [", &listed.join(", "), "] does not include \"verify\""].concat());
        }
        let alg = match self.alg.as_deref() {
            None => SigningAlg::Rs256,
            Some(name) => SigningAlg::from_jose(name).ok_or_else(|| {
                [
                    "the key's alg ",
                    &quoted_string(name),
                    " is not allowed (RS256 only)",
                ]
                .concat()
            })?,
        };
        let n = self
            .n
            .as_deref()
            .and_then(b64::decode)
            .ok_or("n is missing or not canonical base64url")?;
        let e = self
            .e
            .as_deref()
            .and_then(b64::decode)
            .ok_or("e is missing or not canonical base64url")?;
        if n.first() == Some(&0) || e.first() == Some(&0) {
            return Err("n or e has a leading zero byte".into());
        }
        let rsa = RsaPublicKey { n, e };
        let bits = rsa.modulus_bits();
        if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) {
            return Err([
                "modulus is ",
                &crate::json::decimal(bits as u64),
                " bits; 2048..=4096 required",
            ]
            .concat());
        }
        let exponent_ok = rsa.e.len() <= 4
            && rsa.e.last().is_some_and(|b| b & 1 == 1)
            && !(rsa.e.len() == 1 && rsa.e.first() == Some(&1));
        if !exponent_ok {
            return Err("public exponent must be odd, at least 3 and at most 32 bits".into());
        }
        Ok(VerificationKey {
            kid: self.kid.clone(),
            alg,
            rsa,
        })
    }
}

/// Fetches and parses the JWKS at `jwks_uri`.
pub async fn fetch_jwks(http: &impl HttpClient, jwks_uri: &str) -> Result<JwkSet, KeyError> {
    let request = HttpRequest {
        method: HttpMethod::Get,
        url: jwks_uri.to_owned(),
        headers: vec![("Accept".into(), "application/json".into())],
        body: None,
    };
    let response = http
        .send(request)
        .await
        .map_err(|e| KeyError::Fetch([e.url.as_str(), ": ", &e.reason].concat()))?;
    if response.status != 200 {
        return Err(KeyError::Fetch(
            [
                jwks_uri,
                " answered HTTP ",
                &crate::json::decimal(u64::from(response.status)),
            ]
            .concat(),
        ));
    }
    JwkSet::parse(&response.body)
}

/// Where the verification pipeline gets keys from.
#[allow(async_fn_in_trait)] // wasm futures are not Send; see crate::io.
pub trait KeySource {
    /// The key for a token header, or why there is none.
    async fn key_for(&mut self, header: &JoseHeader) -> Result<VerificationKey, KeyError>;

    /// Gets the keys ready before a token arrives (a JWKS fetched while the code is redeemed), if this source
    /// fetches at all. A failure is kept for the next [`KeySource::key_for`].
    async fn prefetch(&mut self) {}
}

impl KeySource for JwkSet {
    async fn key_for(&mut self, header: &JoseHeader) -> Result<VerificationKey, KeyError> {
        self.select(header)
    }
}

/// Minimum seconds between two unknown-`kid` refetches of one [`JwksCache`] (and between retries of a
/// failed fetch).
pub const DEFAULT_MIN_REFETCH_INTERVAL_SECS: u64 = 60;

/// A JWKS cache keyed by `kid`. It fetches on first use. On an unknown `kid` it refetches **once**, and
/// such refetches happen at most once per `min_refetch_interval_secs`. That keeps key rotation working
/// (B1 rp-key-rotation-op-sign-key, including rotation right after the first fetch) without letting
/// forged `kid`s turn the client into a fetch amplifier (B4 "kid attacks"). A failed fetch is not retried
/// within the interval either.
#[derive(Debug)]
pub struct JwksCache<H, C> {
    http: H,
    clock: C,
    jwks_uri: String,
    keys: Option<JwkSet>,
    last_fetch: Option<u64>,
    /// Why a prefetch failed, until [`KeySource::key_for`] reports it.
    failure: Option<KeyError>,
    last_unknown_kid_refetch: Option<u64>,
    min_refetch_interval_secs: u64,
}

impl<H: HttpClient, C: Clock> JwksCache<H, C> {
    /// An empty cache for `jwks_uri` with the default 60 s refetch interval.
    pub fn new(http: H, clock: C, jwks_uri: impl Into<String>) -> Self {
        JwksCache {
            http,
            clock,
            jwks_uri: jwks_uri.into(),
            keys: None,
            last_fetch: None,
            failure: None,
            last_unknown_kid_refetch: None,
            min_refetch_interval_secs: DEFAULT_MIN_REFETCH_INTERVAL_SECS,
        }
    }

    /// Changes the minimum interval between unknown-`kid` refetches.
    pub fn with_min_refetch_interval(mut self, secs: u64) -> Self {
        self.min_refetch_interval_secs = secs;
        self
    }

    /// The HTTP client (to reuse it for other requests).
    pub fn http(&self) -> &H {
        &self.http
    }

    /// The keys currently cached, if any fetch succeeded.
    pub fn cached(&self) -> Option<&JwkSet> {
        self.keys.as_ref()
    }

    fn within_interval(&self, since: Option<u64>, now: u64) -> bool {
        since.is_some_and(|last| now < last.saturating_add(self.min_refetch_interval_secs))
    }

    async fn fetch(&mut self, now: u64) -> Result<(), KeyError> {
        // The attempt counts even if it fails, so a failing endpoint is not hammered either.
        self.last_fetch = Some(now);
        self.keys = Some(fetch_jwks(&self.http, &self.jwks_uri).await?);
        Ok(())
    }

    fn select(&self, header: &JoseHeader) -> Result<VerificationKey, KeyError> {
        self.keys
            .as_ref()
            .map(|k| k.select(header))
            .unwrap_or(Err(KeyError::NoUsableKey))
    }
}

impl<H: HttpClient, C: Clock> KeySource for JwksCache<H, C> {
    async fn key_for(&mut self, header: &JoseHeader) -> Result<VerificationKey, KeyError> {
        // Refuse a bad alg before any network traffic.
        check_header_alg(&header.alg)?;
        let now = self.clock.now_unix();
        if self.keys.is_none() {
            if self.within_interval(self.last_fetch, now) {
                // A prefetch's failure is reported once, as it happened; after that the rate limit is.
                return Err(self.failure.take().unwrap_or_else(|| {
                    KeyError::Fetch(
                        "the previous JWKS fetch failed; not retrying within the refetch interval".into(),
                    )
                }));
            }
            self.fetch(now).await?;
            return self.select(header).map_err(|e| mark_refetched(e, true));
        }
        let first = self.select(header);
        if !matches!(
            first,
            Err(KeyError::UnknownKid { .. }) | Err(KeyError::NoUsableKey)
        ) {
            return first;
        }
        if self.within_interval(self.last_unknown_kid_refetch, now) {
            return first;
        }
        self.last_unknown_kid_refetch = Some(now);
        self.fetch(now).await?;
        self.select(header).map_err(|e| mark_refetched(e, true))
    }

    async fn prefetch(&mut self) {
        let now = self.clock.now_unix();
        if self.keys.is_none() && !self.within_interval(self.last_fetch, now) {
            self.failure = self.fetch(now).await.err();
        }
    }
}

fn mark_refetched(error: KeyError, refetched: bool) -> KeyError {
    match error {
        KeyError::UnknownKid { kid, .. } => KeyError::UnknownKid { kid, refetched },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rsa_jwk(kid: &str, bits: usize) -> String {
        let mut n = vec![0xC5u8; bits / 8];
        if let Some(last) = n.last_mut() {
            *last = 0x01;
        }
        format!(
            r#"{{"kty":"RSA","kid":"{kid}","use":"sig","alg":"RS256","n":"{}","e":"AQAB"}}"#,
            b64::encode(&n)
        )
    }

    fn header(alg: &str, kid: Option<&str>) -> JoseHeader {
        JoseHeader {
            alg: alg.into(),
            kid: kid.map(Into::into),
            typ: None,
            cty: None,
            crit: None,
            b64: None,
            ignored: vec![],
        }
    }

    #[test]
    fn selects_by_opaque_kid() {
        let set = JwkSet::parse(&format!(
            r#"{{"keys":[{},{}]}}"#,
            rsa_jwk("a+/=", 2048),
            rsa_jwk("../b", 2048)
        ))
        .unwrap();
        assert_eq!(
            set.select(&header("RS256", Some("a+/="))).unwrap().kid.as_deref(),
            Some("a+/=")
        );
        assert_eq!(
            set.select(&header("RS256", Some("../b"))).unwrap().kid.as_deref(),
            Some("../b")
        );
        assert_eq!(
            set.select(&header("RS256", Some("A+/="))),
            Err(KeyError::UnknownKid {
                kid: "A+/=".into(),
                refetched: false
            })
        );
    }

    #[test]
    fn suitability_rules() {
        let reason = |jwk: &str| {
            let set = JwkSet::parse(&format!(r#"{{"keys":[{jwk}]}}"#)).unwrap();
            match set.select(&header("RS256", Some("k"))) {
                Err(KeyError::Unusable { reason, .. }) => reason,
                other => panic!("{other:?}"),
            }
        };
        let good = rsa_jwk("k", 2048);
        assert!(reason(&good.replace("\"use\":\"sig\"", "\"use\":\"enc\"")).contains("use"));
        assert!(reason(&good.replace("\"use\":\"sig\"", "\"key_ops\":[\"encrypt\"]")).contains("key_ops"));
        assert!(reason(&good.replace("RS256", "PS256")).contains("alg"));
        assert!(reason(&good.replace("\"kty\":\"RSA\"", "\"kty\":\"EC\"")).contains("kty"));
        assert!(reason(&rsa_jwk("k", 1024)).contains("1024 bits"));
        assert!(reason(&good.replace("AQAB", "AQAB=")).contains("e is"));
        assert!(reason(&good.replace("AQAB", "AAEAAQ")).contains("leading zero"));
        assert!(reason(&good.replace("AQAB", "AQ")).contains("exponent"));
        assert!(reason(&good.replace("AQAB", "Ag")).contains("exponent"));
        assert!(
            reason(&good.replace("\"kid\":\"k\"", "\"kid\":\"k\",\"key_ops\":\"verify\""))
                .contains("key_ops")
        );
        let ops_ok = good.replace("\"use\":\"sig\"", "\"key_ops\":[\"verify\"]");
        let set = JwkSet::parse(&format!(r#"{{"keys":[{ops_ok}]}}"#)).unwrap();
        assert!(set.select(&header("RS256", Some("k"))).is_ok());
    }

    #[test]
    fn kid_absent_single_vs_multiple_and_duplicates() {
        let one = JwkSet::parse(&format!(
            r#"{{"keys":[{},{{"kty":"EC","kid":"e"}}]}}"#,
            rsa_jwk("k", 2048)
        ))
        .unwrap();
        assert!(one.select(&header("RS256", None)).is_ok());
        let two = JwkSet::parse(&format!(
            r#"{{"keys":[{},{}]}}"#,
            rsa_jwk("k", 2048),
            rsa_jwk("j", 2048)
        ))
        .unwrap();
        assert_eq!(
            two.select(&header("RS256", None)),
            Err(KeyError::KidAbsentAmbiguous(2))
        );
        let dup = JwkSet::parse(&format!(
            r#"{{"keys":[{},{}]}}"#,
            rsa_jwk("k", 2048),
            rsa_jwk("k", 2048)
        ))
        .unwrap();
        assert_eq!(
            dup.select(&header("RS256", Some("k"))),
            Err(KeyError::DuplicateKid {
                kid: "k".into(),
                count: 2
            })
        );
    }

    #[test]
    fn header_alg_is_refused_before_lookup() {
        let set = JwkSet::parse(&format!(r#"{{"keys":[{}]}}"#, rsa_jwk("k", 2048))).unwrap();
        for none in ["none", "None", "NONE", "nOnE"] {
            assert_eq!(
                set.select(&header(none, Some("k"))),
                Err(KeyError::AlgNone(none.into()))
            );
        }
        for other in ["HS256", "ES256", "PS256", "rs256", "RS512", ""] {
            assert_eq!(
                set.select(&header(other, Some("k"))),
                Err(KeyError::AlgNotAllowed(other.into()))
            );
        }
    }

    #[test]
    fn document_limits() {
        assert!(matches!(
            JwkSet::parse(r#"{"keys":{}}"#),
            Err(KeyError::Document(_))
        ));
        assert!(matches!(
            JwkSet::parse(r#"{"keys":[1]}"#),
            Err(KeyError::Document(_))
        ));
        let many = format!(r#"{{"keys":[{}]}}"#, vec!["{}"; MAX_JWKS_KEYS + 1].join(","));
        assert!(matches!(JwkSet::parse(&many), Err(KeyError::Document(_))));
    }
}
