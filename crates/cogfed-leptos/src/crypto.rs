//! [`WebCryptoVerifier`]: RS256 signature verification with the browser's WebCrypto, behind cogfed-auth's
//! [`SignatureVerifier`].
//!
//! It also hashes (`crypto.subtle.digest("SHA-256")`) for PKCE's S256 challenge and `at_hash`, so no SHA-256
//! code goes into the wasm either.
//!
//! cogfed-auth has already chosen the key (by `kid`, with the algorithm the key decides, never the token
//! header: RFC 8725 §3.1) and checked the signature length and range; this only runs
//! `crypto.subtle.importKey("jwk", {kty, n, e, alg: "RS256", ext: true}, {name: "RSASSA-PKCS1-v1_5", hash:
//! "SHA-256"}, false, ["verify"])` and `crypto.subtle.verify`. No RSA code goes into the wasm: the RustCrypto
//! route costs about 139 KB brotli (toolchain.md §2.4), this one a few hundred bytes.
//!
//! Imported keys are cached per `kid` (with their `n` and `e`, so a reused `kid` with other key material is
//! re-imported, never verified with the old key).

use crate::js::{cogfed_rs256_import, cogfed_rs256_verify, cogfed_sha256, describe};
use cogfed_auth::jwks::SigningAlg;
use cogfed_auth::verify::VerifierError;
use cogfed_auth::{SignatureVerifier, VerificationKey};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Most imported keys kept (Cognito publishes two per pool).
pub const MAX_CACHED_KEYS: usize = 16;

#[derive(Debug)]
struct CachedKey {
    kid: Option<String>,
    n: Vec<u8>,
    e: Vec<u8>,
    /// The imported `CryptoKey`.
    key: JsValue,
}

/// Verifies signatures with `crypto.subtle`, importing each key once.
#[derive(Debug, Default)]
pub struct WebCryptoVerifier {
    cache: RefCell<Vec<CachedKey>>,
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

    fn cached(&self, key: &VerificationKey) -> Option<JsValue> {
        self.cache
            .borrow()
            .iter()
            .find(|c| c.kid == key.kid && c.n == key.rsa.modulus() && c.e == key.rsa.exponent())
            .map(|c| c.key.clone())
    }

    async fn import(&self, key: &VerificationKey) -> Result<JsValue, VerifierError> {
        let promise = cogfed_rs256_import(&key.rsa.n_base64url(), &key.rsa.e_base64url());
        let imported = JsFuture::from(promise)
            .await
            .map_err(|e| VerifierError(["importKey refused the key: ", &describe(&e)].concat()))?;
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
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], VerifierError> {
        let digest = JsFuture::from(cogfed_sha256(data))
            .await
            .map_err(|e| VerifierError(["digest failed to run: ", &describe(&e)].concat()))?;
        let mut out = [0u8; 32];
        let bytes = js_sys::Uint8Array::new(&digest);
        if bytes.length() != 32 {
            return Err(VerifierError("digest did not return 32 bytes".into()));
        }
        bytes.copy_to(&mut out);
        Ok(out)
    }

    async fn verify(
        &self,
        key: &VerificationKey,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, VerifierError> {
        // The JavaScript side implements the allowlist's one algorithm; a new one must be added there too.
        match key.alg {
            SigningAlg::Rs256 => {}
        }
        let crypto_key = match self.cached(key) {
            Some(cached) => cached,
            None => self.import(key).await?,
        };
        JsFuture::from(cogfed_rs256_verify(&crypto_key, signature, signing_input))
            .await
            .map_err(|e| VerifierError(["verify failed to run: ", &describe(&e)].concat()))?
            .as_bool()
            .ok_or_else(|| VerifierError("verify did not return a boolean".into()))
    }
}
