//! Cryptographic building blocks, all on aws-lc-rs: random tokens, SHA-256, PBKDF2 password hashes,
//! constant-time comparison and RSA signing keys published as JWKs.

use aws_lc_rs::digest;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{KeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use aws_lc_rs::{constant_time, pbkdf2, rand};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use std::num::NonZeroU32;

/// Something the operating system's random source could not deliver, or a key operation failed.
#[derive(Debug, thiserror::Error)]
#[error("cryptographic operation failed: {0}")]
pub struct CryptoError(pub(crate) &'static str);

/// `len` random bytes.
pub fn random_bytes(len: usize) -> Result<Vec<u8>, CryptoError> {
    let mut out = vec![0u8; len];
    rand::fill(&mut out).map_err(|_| CryptoError("random source"))?;
    Ok(out)
}

/// An unguessable token: 32 random bytes, base64url without padding (43 characters).
pub fn random_token() -> Result<String, CryptoError> {
    Ok(b64url(&random_bytes(32)?))
}

/// A random version-4 UUID string, the shape of Cognito's `sub`, `jti` and `event_id`.
pub fn random_uuid() -> Result<String, CryptoError> {
    let mut b = random_bytes(16)?;
    if let (Some(b6), Some(b8)) = (b.get(6).copied(), b.get(8).copied()) {
        b[6] = (b6 & 0x0f) | 0x40;
        b[8] = (b8 & 0x3f) | 0x80;
    }
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// base64url without padding.
pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256.
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    digest::digest(&digest::SHA256, bytes).as_ref().to_vec()
}

/// The PKCE S256 transform: base64url(SHA-256(verifier)) (RFC 7636 §4.2).
pub fn pkce_s256(verifier: &str) -> String {
    b64url(&sha256(verifier.as_bytes()))
}

/// `at_hash`: base64url of the left half of SHA-256(access_token) (OIDC Core §3.1.3.6, RS256).
pub fn at_hash(access_token: &str) -> String {
    let h = sha256(access_token.as_bytes());
    b64url(h.get(..16).unwrap_or(&h))
}

/// Equality that takes the same time wherever the inputs differ.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    constant_time::verify_slices_are_equal(a, b).is_ok()
}

/// A key under which a stored token is looked up: its SHA-256, so that the store holds no live token.
pub fn token_key(token: &str) -> String {
    b64url(&sha256(token.as_bytes()))
}

// 100k iterations of PBKDF2-HMAC-SHA256 (OWASP's 2023 floor is 600k; this is a local emulator whose users are
// test fixtures, and every test start hashes them).
const PBKDF2_ITERATIONS: NonZeroU32 = match NonZeroU32::new(100_000) {
    Some(n) => n,
    None => panic!("iterations must be non-zero"),
};

/// A salted PBKDF2-HMAC-SHA256 password hash. `Debug` never shows it.
#[derive(Clone)]
pub struct PasswordHash {
    salt: Vec<u8>,
    hash: [u8; 32],
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

impl PasswordHash {
    /// Hashes a password with a fresh random salt.
    pub fn new(password: &str) -> Result<Self, CryptoError> {
        let salt = random_bytes(16)?;
        let mut hash = [0u8; 32];
        pbkdf2::derive(
            pbkdf2::PBKDF2_HMAC_SHA256,
            PBKDF2_ITERATIONS,
            &salt,
            password.as_bytes(),
            &mut hash,
        );
        Ok(PasswordHash { salt, hash })
    }

    /// Whether `attempt` is the password; the comparison is constant-time (aws-lc's PBKDF2 verify).
    pub fn verify(&self, attempt: &str) -> bool {
        pbkdf2::verify(
            pbkdf2::PBKDF2_HMAC_SHA256,
            PBKDF2_ITERATIONS,
            &self.salt,
            attempt.as_bytes(),
            &self.hash,
        )
        .is_ok()
    }
}

/// Verifies a password on the blocking pool: PBKDF2 costs tens of milliseconds, which must not stall the
/// request threads.
pub async fn verify_off_thread(hash: PasswordHash, password: String) -> bool {
    tokio::task::spawn_blocking(move || hash.verify(&password))
        .await
        .unwrap_or(false)
}

/// An RSA-2048 signing key with its `kid`.
pub struct SigningKey {
    kid: String,
    pair: RsaKeyPair,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// The public half of an RSA key as it appears in a JWKS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPublicJwk {
    /// Key ID.
    pub kid: String,
    /// Modulus, big-endian without leading zeros.
    pub n: Vec<u8>,
    /// Public exponent, big-endian without leading zeros.
    pub e: Vec<u8>,
}

impl RsaPublicJwk {
    /// The JWK JSON object, Cognito's shape: `{alg, e, kid, kty, n, use}` (cognito-facts §1.7).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "alg": "RS256",
            "e": b64url(&self.e),
            "kid": self.kid,
            "kty": "RSA",
            "n": b64url(&self.n),
            "use": "sig",
        })
    }
}

impl SigningKey {
    /// Generates a fresh RSA-2048 key. `kid_style` decides the look of its key ID.
    pub fn generate(kid_style: KidStyle) -> Result<Self, CryptoError> {
        let pair = RsaKeyPair::generate(KeySize::Rsa2048).map_err(|_| CryptoError("RSA key generation"))?;
        let der = pair.public_key().as_ref().to_vec();
        let kid = match kid_style {
            // Cognito's kids are base64 (with `+`, `/` and `=` padding) of 32 bytes (cognito-facts §1.7).
            KidStyle::CognitoBase64 => STANDARD.encode(sha256(&der)),
            KidStyle::Thumbprint => b64url(sha256(&der).get(..12).unwrap_or_default()),
        };
        Ok(SigningKey { kid, pair })
    }

    /// The key ID.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public JWK.
    pub fn public_jwk(&self) -> RsaPublicJwk {
        let public = self.pair.public_key();
        RsaPublicJwk {
            kid: self.kid.clone(),
            n: public.modulus().big_endian_without_leading_zero().to_vec(),
            e: public.exponent().big_endian_without_leading_zero().to_vec(),
        }
    }

    /// An RS256 signature of `message`.
    pub fn sign_rs256(&self, message: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut sig = vec![0u8; self.pair.public_modulus_len()];
        self.pair
            .sign(&RSA_PKCS1_SHA256, &rand::SystemRandom::new(), message, &mut sig)
            .map_err(|_| CryptoError("RS256 signing"))?;
        Ok(sig)
    }
}

/// How a key ID looks.
#[derive(Clone, Copy, Debug)]
pub enum KidStyle {
    /// Standard base64 with padding, like Cognito's.
    CognitoBase64,
    /// A short base64url thumbprint, like most IdPs'.
    Thumbprint,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            pkce_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn password_hash_accepts_only_the_password() {
        let h = PasswordHash::new("correct horse").unwrap();
        assert!(h.verify("correct horse"));
        assert!(!h.verify("correct hors"));
        assert!(!h.verify(""));
        assert!(!format!("{h:?}").contains("correct"));
    }

    #[test]
    fn uuid_has_version_and_variant() {
        let u = random_uuid().unwrap();
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert!(matches!(u.as_bytes()[19], b'8' | b'9' | b'a' | b'b'), "{u}");
    }

    #[test]
    fn cognito_kids_are_padded_base64() {
        let k = SigningKey::generate(KidStyle::CognitoBase64).unwrap();
        assert_eq!(k.kid().len(), 44);
        assert!(k.kid().ends_with('='));
        let jwk = k.public_jwk();
        assert_eq!(jwk.n.len(), 256);
        assert_eq!(jwk.e, vec![1, 0, 1]);
    }
}
