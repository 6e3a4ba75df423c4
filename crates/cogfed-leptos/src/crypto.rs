//! [`WebCryptoVerifier`]: RS256 signature verification with the browser's WebCrypto, behind cogfed-auth's
//! [`SignatureVerifier`].
//!
//! cogfed-auth has already chosen the key (by `kid`, with the algorithm the key decides, never the token
//! header: RFC 8725 §3.1) and checked the signature length and range; this only runs
//! `crypto.subtle.importKey("jwk", {kty, n, e, alg: "RS256", ext: true}, {name: "RSASSA-PKCS1-v1_5", hash:
//! "SHA-256"}, false, ["verify"])` and `crypto.subtle.verify`. No RSA code goes into the wasm: the RustCrypto
//! route costs about 139 KB brotli (toolchain.md §2.4), this one a few hundred bytes.
//!
//! Imported keys are cached per `kid` (with their `n` and `e`, so a reused `kid` with other key material is
//! re-imported, never verified with the old key).

use crate::js::describe;
use cogfed_auth::jwks::SigningAlg;
use cogfed_auth::verify::VerifierError;
use cogfed_auth::{SignatureVerifier, VerificationKey};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Most imported keys kept (Cognito publishes two per pool).
pub const MAX_CACHED_KEYS: usize = 16;

#[derive(Debug)]
struct CachedKey {
    kid: Option<String>,
    n: Vec<u8>,
    e: Vec<u8>,
    key: web_sys::CryptoKey,
}

/// Verifies signatures with `crypto.subtle`, importing each key once.
#[derive(Debug, Default)]
pub struct WebCryptoVerifier {
    cache: RefCell<Vec<CachedKey>>,
}

/// The WebCrypto parameters of an allowlisted algorithm: (`importKey` algorithm name, hash, JWK `alg`).
fn webcrypto_params(alg: SigningAlg) -> (&'static str, &'static str, &'static str) {
    match alg {
        SigningAlg::Rs256 => ("RSASSA-PKCS1-v1_5", "SHA-256", "RS256"),
    }
}

fn object(members: &[(&str, JsValue)]) -> Result<js_sys::Object, VerifierError> {
    let object = js_sys::Object::new();
    for (name, value) in members {
        js_sys::Reflect::set(&object, &JsValue::from_str(name), value)
            .map_err(|e| VerifierError(describe(&e)))?;
    }
    Ok(object)
}

fn subtle() -> Result<web_sys::SubtleCrypto, VerifierError> {
    let window = web_sys::window().ok_or_else(|| VerifierError("no window".into()))?;
    let crypto = window
        .crypto()
        .map_err(|e| VerifierError(format!("window.crypto is unavailable: {}", describe(&e))))?;
    Ok(crypto.subtle())
}

impl WebCryptoVerifier {
    /// A verifier with an empty key cache.
    pub fn new() -> Self {
        WebCryptoVerifier::default()
    }

    /// How many imported keys are cached.
    pub fn cached_keys(&self) -> usize {
        self.cache.borrow().len()
    }

    fn cached(&self, key: &VerificationKey) -> Option<web_sys::CryptoKey> {
        self.cache
            .borrow()
            .iter()
            .find(|c| c.kid == key.kid && c.n == key.rsa.modulus() && c.e == key.rsa.exponent())
            .map(|c| c.key.clone())
    }

    async fn import(&self, key: &VerificationKey) -> Result<web_sys::CryptoKey, VerifierError> {
        let (name, hash, jwk_alg) = webcrypto_params(key.alg);
        let jwk = object(&[
            ("kty", "RSA".into()),
            ("n", key.rsa.n_base64url().into()),
            ("e", key.rsa.e_base64url().into()),
            ("alg", jwk_alg.into()),
            ("ext", true.into()),
        ])?;
        let algorithm = object(&[("name", name.into()), ("hash", hash.into())])?;
        let usages = js_sys::Array::of1(&"verify".into());
        let promise = subtle()?
            .import_key_with_object("jwk", &jwk, &algorithm, false, &usages)
            .map_err(|e| VerifierError(format!("importKey: {}", describe(&e))))?;
        let imported = JsFuture::from(promise)
            .await
            .map_err(|e| VerifierError(format!("importKey refused the key: {}", describe(&e))))?
            .dyn_into::<web_sys::CryptoKey>()
            .map_err(|_| VerifierError("importKey did not return a CryptoKey".into()))?;
        let mut cache = self.cache.borrow_mut();
        cache.retain(|c| c.kid != key.kid);
        if cache.len() >= MAX_CACHED_KEYS {
            cache.remove(0);
        }
        cache.push(CachedKey {
            kid: key.kid.clone(),
            n: key.rsa.modulus().to_vec(),
            e: key.rsa.exponent().to_vec(),
            key: imported.clone(),
        });
        Ok(imported)
    }
}

impl SignatureVerifier for WebCryptoVerifier {
    async fn verify(
        &self,
        key: &VerificationKey,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, VerifierError> {
        let crypto_key = match self.cached(key) {
            Some(cached) => cached,
            None => self.import(key).await?,
        };
        let (name, _, _) = webcrypto_params(key.alg);
        let algorithm = object(&[("name", name.into())])?;
        // WebCrypto copies both byte views synchronously when verify() is called.
        let promise = subtle()?
            .verify_with_object_and_u8_array_and_u8_array(&algorithm, &crypto_key, signature, signing_input)
            .map_err(|e| VerifierError(format!("verify: {}", describe(&e))))?;
        JsFuture::from(promise)
            .await
            .map_err(|e| VerifierError(format!("verify failed to run: {}", describe(&e))))?
            .as_bool()
            .ok_or_else(|| VerifierError("verify did not return a boolean".into()))
    }
}
