//! The verification pipeline: parse → header policy → alg allowlist → key (decides the algorithm) →
//! signature (through [`SignatureVerifier`]) → claims. Returns the verified token with a per-check report,
//! or the typed error of the first failing stage with the report so far.
//!
//! Claim checks run only after the signature verified: the claims of an unverified token are never
//! evaluated or shown as "passed".

use crate::jwks::{KeyError, KeySource, VerificationKey, check_header_alg};
use crate::jwt::{JoseHeader, Jwt, JwtError};
use crate::report::Detail;
use crate::validate::{
    AccessTokenExpectations, Check, CheckResult, ClaimError, IdTokenExpectations, access_token_checks,
    at_hash_of_digest, id_token_checks, summarise,
};

/// The cryptography the client needs: RS256 signature verification with a selected key, and SHA-256 (PKCE's
/// S256 challenge, `at_hash`). The browser implements this with WebCrypto (`importKey("jwk", {kty, n, e,
/// alg:"RS256"})` + `verify("RSASSA-PKCS1-v1_5")`, `digest("SHA-256")`), so no RSA or hash code goes into
/// the wasm; natively [`crate::JsonwebtokenVerifier`] does.
#[allow(async_fn_in_trait)] // wasm futures are not Send; see crate::io.
pub trait SignatureVerifier {
    /// SHA-256 of `data`.
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], VerifierError>;

    /// `Ok(true)` when `signature` is valid for `signing_input` under `key` with `key.alg`; `Ok(false)` when
    /// it is not; `Err` when verification could not run at all.
    async fn verify(
        &self,
        key: &VerificationKey,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, VerifierError>;
}

/// The verifier could not run (crypto unavailable, key import refused).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("signature verifier failed: {0}")]
pub struct VerifierError(pub String);

/// Which kind of token is being verified (RFC 8725 §3.12: mutually exclusive validation rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An OIDC ID token.
    Id,
    /// A Cognito access token.
    Access,
}

/// A header that breaks this client's policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// `crit` is an empty list (RFC 7515 §4.1.11).
    #[error("crit must not be empty")]
    CritEmpty,
    /// `crit` names a header parameter defined by JWS/JWA itself (RFC 7515 §4.1.11).
    #[error("crit lists the standard header parameter {}, which is not allowed", crate::text::quoted(.0))]
    CritStandard(String),
    /// `crit` names an extension this client does not implement.
    #[error("crit requires the extension {}, which this client does not implement", crate::text::quoted(.0))]
    CritUnsupported(String),
    /// `b64:false` (unencoded payload, RFC 7797) is not supported.
    #[error("b64:false (unencoded payload) is not supported")]
    B64Unsupported,
    /// `cty` present: nested or non-JWT content (RFC 8725 §3.11).
    #[error("cty {}: nested or non-JWT content is not accepted", crate::text::quoted(.0))]
    ContentType(String),
    /// `typ` not allowed for this kind of token (RFC 8725 §3.11; RFC 9068 `at+jwt`).
    #[error("typ {} is not allowed for an {kind} token", crate::text::quoted(.found))]
    Typ {
        /// `typ`.
        found: String,
        /// `ID` or `access`.
        kind: &'static str,
    },
}

/// Header parameter names defined by RFC 7515/7516 that must never appear in `crit`.
const STANDARD_HEADER_NAMES: [&str; 15] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip", "epk",
    "iv",
];

/// Checks the header policy for a token kind (the report lists the ignored key-bearing parameters).
pub fn check_header(header: &JoseHeader, kind: TokenKind) -> Result<(), HeaderError> {
    if let Some(crit) = &header.crit {
        let first = crit.first().ok_or(HeaderError::CritEmpty)?;
        if let Some(standard) = crit
            .iter()
            .find(|name| STANDARD_HEADER_NAMES.contains(&name.as_str()))
        {
            return Err(HeaderError::CritStandard(standard.clone()));
        }
        // No extension is implemented, so any remaining name is unsupported.
        return Err(HeaderError::CritUnsupported(first.clone()));
    }
    if header.b64 == Some(false) {
        return Err(HeaderError::B64Unsupported);
    }
    if let Some(cty) = &header.cty {
        return Err(HeaderError::ContentType(cty.clone()));
    }
    if let Some(typ) = &header.typ {
        let t = typ.to_ascii_lowercase();
        let t = t.strip_prefix("application/").unwrap_or(&t);
        let allowed = match kind {
            TokenKind::Id => t == "jwt",
            TokenKind::Access => t == "jwt" || t == "at+jwt",
        };
        if !allowed {
            let kind = if kind == TokenKind::Id { "ID" } else { "access" };
            return Err(HeaderError::Typ {
                found: typ.clone(),
                kind,
            });
        }
    }
    Ok(())
}

/// Why a signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// An RSA signature must be exactly as long as the modulus (RFC 8017 §8.2.2 step 1).
    #[error("signature is {found} bytes; the key's modulus needs exactly {expected}")]
    Length {
        /// Modulus length in bytes.
        expected: usize,
        /// Signature length.
        found: usize,
    },
    /// The signature value is not less than the modulus (RFC 8017 §5.2.2).
    #[error("signature value is not less than the modulus")]
    OutOfRange,
    /// The signature does not verify.
    #[error("signature does not verify with key {}", crate::text::quoted(.0.as_deref().unwrap_or("(no kid)")))]
    Invalid(Option<String>),
    /// The verifier could not run.
    #[error(transparent)]
    Verifier(#[from] VerifierError),
}

/// Why a token failed verification; [`VerifyError::check`] names the failing check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// Not a well-formed JWT.
    #[error("{0}")]
    Format(#[from] JwtError),
    /// Header policy.
    #[error("{0}")]
    Header(#[from] HeaderError),
    /// Algorithm or key.
    #[error("{0}")]
    Key(#[from] KeyError),
    /// Signature.
    #[error("{0}")]
    Signature(#[from] SignatureError),
    /// A claim check.
    #[error("{1}")]
    Claim(Check, ClaimError),
}

impl VerifyError {
    /// The check that failed.
    pub fn check(&self) -> Check {
        match self {
            VerifyError::Format(_) => Check::Format,
            VerifyError::Header(_) => Check::Header,
            VerifyError::Key(KeyError::AlgNone(_) | KeyError::AlgNotAllowed(_)) => Check::Alg,
            VerifyError::Key(_) => Check::Key,
            VerifyError::Signature(_) => Check::Signature,
            VerifyError::Claim(check, _) => *check,
        }
    }
}

/// A verified token and the report of every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The token; its claims are now trustworthy.
    pub jwt: Jwt,
    /// Every check, passed.
    pub report: Vec<CheckResult>,
}

/// A rejected token: the first failure and the report up to (and, for claims, including all) checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} check failed: {error}", error.check())]
pub struct VerifyFailure {
    /// The first failure.
    pub error: VerifyError,
    /// The checks that ran.
    pub report: Vec<CheckResult>,
}

/// The report so far. Its methods are not generic, so each exists once in a build, whatever the stage.
struct Report(Vec<CheckResult>);

impl Report {
    fn pass(&mut self, check: Check, note: Detail) {
        self.0.push(CheckResult {
            check,
            passed: true,
            note,
        });
    }

    /// Records the failed stage and ends the verification with it.
    #[inline(never)]
    fn fail(&mut self, check: Check, error: VerifyError) -> VerifyFailure {
        self.0.push(CheckResult {
            check,
            passed: false,
            note: Detail::Failed(Box::new(error.clone())),
        });
        VerifyFailure {
            error,
            report: std::mem::take(&mut self.0),
        }
    }
}

/// Verifies a signature with a selected key after the RSA size and range checks.
pub async fn verify_signature(
    verifier: &impl SignatureVerifier,
    key: &VerificationKey,
    signing_input: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let modulus = key.rsa.modulus();
    if signature.len() != modulus.len() {
        return Err(SignatureError::Length {
            expected: modulus.len(),
            found: signature.len(),
        });
    }
    // Equal lengths: lexicographic byte order is numeric order.
    if signature >= modulus {
        return Err(SignatureError::OutOfRange);
    }
    if verifier.verify(key, signing_input, signature).await? {
        Ok(())
    } else {
        Err(SignatureError::Invalid(key.kid.clone()))
    }
}

/// The stages before any key is looked up: compact JWS, header policy, algorithm allowlist.
#[inline(never)]
fn parse_stages(token: &str, kind: TokenKind, report: &mut Report) -> Result<Jwt, VerifyFailure> {
    let jwt = Jwt::parse(token).map_err(|e| report.fail(Check::Format, e.into()))?;
    report.pass(Check::Format, Detail::CompactJws(token.len()));
    check_header(&jwt.header, kind).map_err(|e| report.fail(Check::Header, e.into()))?;
    report.pass(Check::Header, Detail::Header(jwt.header.ignored.clone()));
    let alg = check_header_alg(&jwt.header.alg).map_err(|e| report.fail(Check::Alg, e.into()))?;
    report.pass(Check::Alg, Detail::AlgAllowed(alg));
    Ok(jwt)
}

/// Runs every stage up to and including the signature.
async fn verify_jws(
    token: &str,
    kind: TokenKind,
    keys: &mut impl KeySource,
    verifier: &impl SignatureVerifier,
    report: &mut Report,
) -> Result<Jwt, VerifyFailure> {
    let jwt = parse_stages(token, kind, report)?;
    let key = keys
        .key_for(&jwt.header)
        .await
        .map_err(|e| report.fail(Check::Key, e.into()))?;
    report.pass(
        Check::Key,
        Detail::Key {
            kid: key.kid.clone(),
            bits: key.rsa.modulus_bits(),
            alg: key.alg,
        },
    );
    verify_signature(verifier, &key, jwt.signing_input(), jwt.signature())
        .await
        .map_err(|e| report.fail(Check::Signature, e.into()))?;
    report.pass(Check::Signature, Detail::ValidSignature(key.alg));
    Ok(jwt)
}

fn finish_claims(
    jwt: Jwt,
    mut report: Report,
    outcomes: Vec<(Check, Result<Detail, ClaimError>)>,
) -> Result<Verified, VerifyFailure> {
    let failed_check = outcomes.iter().find(|(_, r)| r.is_err()).map(|(check, _)| *check);
    let (lines, first) = summarise(outcomes);
    report.0.extend(lines);
    match (first, failed_check) {
        (Some(error), Some(check)) => Err(VerifyFailure {
            error: VerifyError::Claim(check, error),
            report: report.0,
        }),
        _ => Ok(Verified {
            jwt,
            report: report.0,
        }),
    }
}

/// Verifies an ID token: signature with a key from `keys`, then every ID token claim check.
pub async fn verify_id_token(
    token: &str,
    keys: &mut impl KeySource,
    verifier: &impl SignatureVerifier,
    expectations: &IdTokenExpectations,
) -> Result<Verified, VerifyFailure> {
    let mut report = Report(Vec::new());
    let jwt = verify_jws(token, TokenKind::Id, keys, verifier, &mut report).await?;
    // `at_hash` needs SHA-256 of the access token: only when there is both a token and a claim to compare.
    let hash = match (&expectations.access_token, &jwt.claims.at_hash) {
        (Some(access_token), Some(_)) => {
            let digest = verifier
                .sha256(access_token.as_bytes())
                .await
                .map_err(|e| report.fail(Check::AtHash, SignatureError::from(e).into()))?;
            Some(at_hash_of_digest(&digest))
        }
        _ => None,
    };
    let outcomes = id_token_checks(&jwt.claims, expectations, hash.as_deref());
    finish_claims(jwt, report, outcomes)
}

/// Verifies a Cognito access token: signature, then every access token claim check.
pub async fn verify_access_token(
    token: &str,
    keys: &mut impl KeySource,
    verifier: &impl SignatureVerifier,
    expectations: &AccessTokenExpectations,
) -> Result<Verified, VerifyFailure> {
    let mut report = Report(Vec::new());
    let jwt = verify_jws(token, TokenKind::Access, keys, verifier, &mut report).await?;
    let outcomes = access_token_checks(&jwt.claims, expectations);
    finish_claims(jwt, report, outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(f: impl FnOnce(&mut JoseHeader)) -> JoseHeader {
        let mut h = JoseHeader {
            alg: "RS256".into(),
            kid: None,
            typ: None,
            cty: None,
            crit: None,
            b64: None,
            ignored: vec![],
        };
        f(&mut h);
        h
    }

    #[test]
    fn crit_rules() {
        assert_eq!(
            check_header(&header(|h| h.crit = Some(vec![])), TokenKind::Id),
            Err(HeaderError::CritEmpty)
        );
        assert_eq!(
            check_header(&header(|h| h.crit = Some(vec!["alg".into()])), TokenKind::Id),
            Err(HeaderError::CritStandard("alg".into()))
        );
        assert_eq!(
            check_header(&header(|h| h.crit = Some(vec!["exp".into()])), TokenKind::Id),
            Err(HeaderError::CritUnsupported("exp".into()))
        );
        assert_eq!(
            check_header(
                &header(|h| {
                    h.crit = Some(vec!["b64".into()]);
                    h.b64 = Some(false)
                }),
                TokenKind::Id
            ),
            Err(HeaderError::CritUnsupported("b64".into()))
        );
        assert_eq!(
            check_header(&header(|h| h.b64 = Some(false)), TokenKind::Id),
            Err(HeaderError::B64Unsupported)
        );
    }

    #[test]
    fn typ_and_cty_rules() {
        assert!(check_header(&header(|h| h.typ = Some("JWT".into())), TokenKind::Id).is_ok());
        assert!(check_header(&header(|h| h.typ = Some("at+jwt".into())), TokenKind::Access).is_ok());
        assert!(matches!(
            check_header(&header(|h| h.typ = Some("at+jwt".into())), TokenKind::Id),
            Err(HeaderError::Typ { .. })
        ));
        assert!(matches!(
            check_header(
                &header(|h| h.typ = Some("application/logout+jwt".into())),
                TokenKind::Id
            ),
            Err(HeaderError::Typ { .. })
        ));
        assert_eq!(
            check_header(&header(|h| h.cty = Some("JWT".into())), TokenKind::Id),
            Err(HeaderError::ContentType("JWT".into()))
        );
    }
}
