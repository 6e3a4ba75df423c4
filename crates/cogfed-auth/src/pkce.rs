//! PKCE (RFC 7636) with the S256 method only: `plain` exposes the verifier and Cognito does not support it
//! (cognito-facts §1.1; RFC 9700 §2.1.1).

use crate::b64;
use crate::io::{Randomness, RandomnessError};

/// The only challenge method this client sends.
pub const CODE_CHALLENGE_METHOD: &str = "S256";

/// A PKCE code verifier: 43–128 characters of `[A-Za-z0-9-._~]` (RFC 7636 §4.1). Serialises as its text;
/// deserialising re-checks the syntax.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CodeVerifier(String);

impl TryFrom<String> for CodeVerifier {
    type Error = VerifierError;
    fn try_from(text: String) -> Result<Self, VerifierError> {
        CodeVerifier::parse(&text)
    }
}

impl From<CodeVerifier> for String {
    fn from(verifier: CodeVerifier) -> String {
        verifier.0
    }
}

impl std::fmt::Debug for CodeVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeVerifier(..)")
    }
}

/// A verifier string broke the RFC 7636 §4.1 syntax.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifierError {
    /// Length outside 43..=128.
    #[error("code_verifier must be 43-128 characters, found {0}")]
    Length(usize),
    /// A character outside `[A-Za-z0-9-._~]`.
    #[error("code_verifier contains {}, outside [A-Za-z0-9-._~]", crate::text::QuotedChar(*.0))]
    Character(char),
}

impl CodeVerifier {
    /// A fresh verifier from 32 CSPRNG octets, base64url-encoded (RFC 7636 §4.1 and §7.1).
    pub fn generate(rng: &impl Randomness) -> Result<Self, RandomnessError> {
        let mut octets = [0u8; 32];
        rng.fill(&mut octets)?;
        Ok(Self::from_octets(&octets))
    }

    /// The verifier for given octets (base64url of the octets). Used by [`CodeVerifier::generate`] and the
    /// RFC 7636 Appendix B vector.
    pub fn from_octets(octets: &[u8; 32]) -> Self {
        CodeVerifier(b64::encode(octets))
    }

    /// Accepts an existing verifier string (for example one restored from storage) after checking its syntax.
    pub fn parse(text: &str) -> Result<Self, VerifierError> {
        if !(43..=128).contains(&text.len()) {
            return Err(VerifierError::Length(text.len()));
        }
        if let Some(c) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "-._~".contains(*c)))
        {
            return Err(VerifierError::Character(c));
        }
        Ok(CodeVerifier(text.to_owned()))
    }

    /// The verifier text sent as `code_verifier` to the token endpoint.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The S256 challenge: `BASE64URL(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2). Native builds only: the
    /// browser hashes with WebCrypto ([`crate::SignatureVerifier::sha256`] of [`CodeVerifier::as_str`]) and
    /// calls [`CodeChallenge::from_digest`], as [`crate::flow::begin_sign_in`] does.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn challenge(&self) -> CodeChallenge {
        use sha2::{Digest, Sha256};
        CodeChallenge::from_digest(&Sha256::digest(self.0.as_bytes()).into())
    }
}

/// An S256 code challenge, sent with `code_challenge_method=S256`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeChallenge(String);

impl CodeChallenge {
    /// The S256 challenge of a verifier from the SHA-256 digest of its text.
    pub fn from_digest(digest: &[u8; 32]) -> Self {
        CodeChallenge(b64::encode(digest))
    }

    /// The challenge text sent as `code_challenge`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::OsRandomness;
    use sha2::{Digest, Sha256};

    /// RFC 7636 Appendix B (security-checklist B3).
    #[test]
    fn rfc7636_appendix_b_vector() {
        let octets = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
            214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = CodeVerifier::from_octets(&octets);
        assert_eq!(verifier.as_str(), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(
            verifier.challenge().as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let digest = Sha256::digest(verifier.as_str().as_bytes());
        assert_eq!(
            digest.as_slice(),
            &[
                19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109,
                241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195
            ]
        );
    }

    #[test]
    fn generated_verifiers_are_43_chars_and_fresh() {
        let a = CodeVerifier::generate(&OsRandomness).unwrap();
        let b = CodeVerifier::generate(&OsRandomness).unwrap();
        assert_eq!(a.as_str().len(), 43);
        assert!(CodeVerifier::parse(a.as_str()).is_ok());
        assert_ne!(a, b);
        assert_ne!(a.challenge(), b.challenge());
    }

    #[test]
    fn parse_enforces_rfc7636_syntax() {
        assert_eq!(CodeVerifier::parse("short"), Err(VerifierError::Length(5)));
        assert_eq!(
            CodeVerifier::parse(&"a".repeat(129)),
            Err(VerifierError::Length(129))
        );
        assert_eq!(
            CodeVerifier::parse(&format!("{}+", "a".repeat(42))),
            Err(VerifierError::Character('+'))
        );
        assert!(CodeVerifier::parse(&"a-._~".repeat(10)).is_ok());
    }
}
