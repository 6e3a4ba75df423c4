//! Claim validation for ID tokens (OIDC Core §3.1.3.7, security-checklist B2 item 16-17) and Cognito access
//! tokens (cognito-facts §3.3, §3.5), as independent named checks.
//!
//! Every check yields a [`CheckResult`] so the SPA's profile page and `cogfed token verify` can show the
//! verdict check by check; the first failure becomes the typed [`ClaimError`].

use crate::b64;
use crate::jwt::Claims;
pub use crate::report::Detail;
use serde::Serialize;

/// The named checks of the verification pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Compact serialisation, base64url, JSON, claim types.
    Format,
    /// Header policy: `crit`, `b64`, `cty`, `typ`, ignored key parameters.
    Header,
    /// Header `alg` on the allowlist.
    Alg,
    /// A usable key was found and decides the algorithm.
    Key,
    /// The signature verifies.
    Signature,
    /// `iss` equals the expected issuer exactly.
    Iss,
    /// `sub` present and non-empty.
    Sub,
    /// `aud` contains the client id, no untrusted extras.
    Aud,
    /// `azp` rules.
    Azp,
    /// `exp` in the future (with leeway).
    Exp,
    /// `nbf` not in the future (with leeway).
    Nbf,
    /// `iat` present, not in the future, not too old.
    Iat,
    /// `auth_time` sane and within `max_age`.
    AuthTime,
    /// `nonce` equals the one sent.
    Nonce,
    /// `at_hash` matches the access token.
    AtHash,
    /// `token_use` is the expected kind.
    TokenUse,
    /// Access token `client_id` equals the client id.
    ClientId,
    /// Access token carries the required scopes.
    Scope,
    /// A refreshed ID token keeps `iss` and `sub`.
    SameUser,
}

impl Check {
    /// The stable identifier shown in reports and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Format => "format",
            Check::Header => "header",
            Check::Alg => "alg",
            Check::Key => "key",
            Check::Signature => "signature",
            Check::Iss => "iss",
            Check::Sub => "sub",
            Check::Aud => "aud",
            Check::Azp => "azp",
            Check::Exp => "exp",
            Check::Nbf => "nbf",
            Check::Iat => "iat",
            Check::AuthTime => "auth_time",
            Check::Nonce => "nonce",
            Check::AtHash => "at_hash",
            Check::TokenUse => "token_use",
            Check::ClientId => "client_id",
            Check::Scope => "scope",
            Check::SameUser => "same_user",
        }
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of the verification report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// Which check.
    pub check: Check,
    /// Whether it passed.
    pub passed: bool,
    /// What was compared, or why it failed: data, put into words by [`CheckResult::detail`] only when asked
    /// (a client that never shows the report links no text for it).
    pub note: Detail,
}

impl CheckResult {
    /// What was compared, or why it failed, in words.
    pub fn detail(&self) -> String {
        self.note.to_string()
    }
}

/// A claim check failed. The variant names the check; the message says what was expected and found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    /// A required claim is absent.
    #[error("required claim {0} is missing")]
    Missing(&'static str),
    /// `iss` differs (byte comparison; no trailing-slash, case or scheme tolerance).
    #[error("iss {} does not equal the expected issuer {} (compared byte for byte)", crate::text::quoted(.found), crate::text::quoted(.expected))]
    IssuerMismatch {
        /// Expected issuer.
        expected: String,
        /// `iss` claim.
        found: String,
    },
    /// `sub` is empty.
    #[error("sub is empty")]
    EmptySubject,
    /// `aud` does not contain the client id.
    #[error("aud {} does not contain the client id {}", crate::text::quoted_list(.found), crate::text::quoted(.client_id))]
    AudienceMismatch {
        /// The client id.
        client_id: String,
        /// The `aud` values.
        found: Vec<String>,
    },
    /// `aud` contains an audience the client does not trust.
    #[error("aud contains the untrusted audience {}", crate::text::quoted(.0))]
    UntrustedAudience(String),
    /// Several audiences but no `azp`.
    #[error("aud has several values but azp is missing (OIDC Core §3.1.3.7 item 4)")]
    AzpRequired,
    /// `azp` is not the client id.
    #[error("azp {} is not the client id {}", crate::text::quoted(.found), crate::text::quoted(.expected))]
    AzpMismatch {
        /// The client id.
        expected: String,
        /// `azp`.
        found: String,
    },
    /// Expired.
    #[error("expired: exp {exp} is not after now {now} (leeway {leeway} s)")]
    Expired {
        /// `exp`.
        exp: u64,
        /// Now.
        now: u64,
        /// Leeway.
        leeway: u64,
    },
    /// `nbf` in the future.
    #[error("not valid yet: nbf {nbf} is after now {now} (leeway {leeway} s)")]
    NotYetValid {
        /// `nbf`.
        nbf: u64,
        /// Now.
        now: u64,
        /// Leeway.
        leeway: u64,
    },
    /// `iat` in the future.
    #[error("iat {iat} is in the future (now {now}, leeway {leeway} s)")]
    IssuedInFuture {
        /// `iat`.
        iat: u64,
        /// Now.
        now: u64,
        /// Leeway.
        leeway: u64,
    },
    /// `iat` too far in the past.
    #[error("iat {iat} is {age} s old, more than the {max_age} s allowed")]
    IssuedTooLongAgo {
        /// `iat`.
        iat: u64,
        /// Age.
        age: u64,
        /// Limit.
        max_age: u64,
    },
    /// `auth_time` in the future.
    #[error("auth_time {auth_time} is in the future (now {now})")]
    AuthTimeInFuture {
        /// `auth_time`.
        auth_time: u64,
        /// Now.
        now: u64,
    },
    /// Authentication older than `max_age`.
    #[error("authentication at {auth_time} is older than max_age {max_age} s")]
    AuthTooOld {
        /// `auth_time`.
        auth_time: u64,
        /// `max_age`.
        max_age: u64,
    },
    /// `nonce` differs from the one sent.
    #[error("nonce {} is not the nonce this client sent", crate::text::quoted(.found))]
    NonceMismatch {
        /// `nonce`.
        found: String,
    },
    /// `at_hash` does not match the access token.
    #[error("at_hash {} does not match the access token (expected {})", crate::text::quoted(.found), crate::text::quoted(.expected))]
    AtHashMismatch {
        /// Computed value.
        expected: String,
        /// Claim value.
        found: String,
    },
    /// Wrong `token_use`.
    #[error("token_use is {}, expected {}", crate::text::quoted(.found), crate::text::quoted(.expected))]
    TokenUse {
        /// Expected kind.
        expected: &'static str,
        /// Claim value.
        found: String,
    },
    /// Access token `client_id` differs.
    #[error("client_id {} is not the expected client id {}", crate::text::quoted(.found), crate::text::quoted(.expected))]
    ClientIdMismatch {
        /// Expected.
        expected: String,
        /// Claim value.
        found: String,
    },
    /// Required scopes missing from the access token.
    #[error("scope lacks {}", crate::text::quoted_list(.0))]
    ScopeMissing(Vec<String>),
    /// A refreshed ID token names a different issuer or subject.
    #[error("refreshed ID token has {claim} {}, but the previous ID token had {}", crate::text::quoted(.found), crate::text::quoted(.expected))]
    UserChanged {
        /// `iss` or `sub`.
        claim: &'static str,
        /// Previous value.
        expected: String,
        /// New value.
        found: String,
    },
}

/// What the ID token's `nonce` must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonceCheck {
    /// Sign-in: the claim must be present and equal this (the transaction's nonce).
    Expect(String),
    /// Refresh: if the claim is present it must equal the original ID token's nonce (OIDC Core §12.2).
    SameAsOriginal(Option<String>),
    /// Not checked (only `cogfed token verify` without `--nonce`); reported as not checked.
    NotChecked,
}

/// `iss` and `sub` of the ID token a refreshed one must match (oidcc-client-test-refresh-token-invalid-*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalIdentity {
    /// Previous `iss`.
    pub iss: String,
    /// Previous `sub`.
    pub sub: String,
}

/// Default clock-skew leeway.
pub const DEFAULT_LEEWAY_SECS: u64 = 60;
/// Default maximum age of `iat` (Cognito ID/access tokens live at most one day, cognito-facts §3.1).
pub const DEFAULT_MAX_IAT_AGE_SECS: u64 = 24 * 60 * 60;

/// What an ID token must satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdTokenExpectations {
    /// The issuer, compared byte for byte.
    pub issuer: String,
    /// The app client id.
    pub client_id: String,
    /// Other audiences the client trusts (normally none).
    pub trusted_audiences: Vec<String>,
    /// The nonce rule.
    pub nonce: NonceCheck,
    /// Now, Unix seconds.
    pub now: u64,
    /// Clock-skew leeway for exp/nbf/iat/auth_time.
    pub leeway_secs: u64,
    /// Maximum age of `iat`.
    pub max_iat_age_secs: u64,
    /// `max_age` requested at sign-in, if any (then `auth_time` is required).
    pub max_auth_age_secs: Option<u64>,
    /// The access token issued with this ID token, for `at_hash`.
    pub access_token: Option<String>,
    /// Require `at_hash` when an access token is given (optional in the code flow, B1).
    pub require_at_hash: bool,
    /// Require `token_use: "id"` (Cognito). For other providers the claim is checked only if present.
    pub require_token_use: bool,
    /// For refreshed ID tokens: the identity they must keep.
    pub original: Option<OriginalIdentity>,
}

impl IdTokenExpectations {
    /// Expectations for the ID token of a sign-in: the given nonce is required, Cognito `token_use`
    /// required, default leeway and `iat` age.
    pub fn for_sign_in(issuer: &str, client_id: &str, nonce: &str, now: u64) -> Self {
        IdTokenExpectations {
            issuer: issuer.to_owned(),
            client_id: client_id.to_owned(),
            trusted_audiences: Vec::new(),
            nonce: NonceCheck::Expect(nonce.to_owned()),
            now,
            leeway_secs: DEFAULT_LEEWAY_SECS,
            max_iat_age_secs: DEFAULT_MAX_IAT_AGE_SECS,
            max_auth_age_secs: None,
            access_token: None,
            require_at_hash: false,
            require_token_use: true,
            original: None,
        }
    }

    /// Expectations for an ID token from a refresh: same issuer and subject as `original`, and its nonce
    /// (if any) repeated if present.
    pub fn for_refresh(issuer: &str, client_id: &str, original: &Claims, now: u64) -> Self {
        IdTokenExpectations {
            nonce: NonceCheck::SameAsOriginal(original.nonce.clone()),
            original: Some(OriginalIdentity {
                iss: original.iss.clone().unwrap_or_default(),
                sub: original.sub.clone().unwrap_or_default(),
            }),
            ..IdTokenExpectations::for_sign_in(issuer, client_id, "", now)
        }
    }
}

/// What a Cognito access token must satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessTokenExpectations {
    /// The issuer, compared byte for byte.
    pub issuer: String,
    /// The app client id (`client_id` claim; there is no `aud` by default).
    pub client_id: String,
    /// Scopes that must all be present.
    pub required_scopes: Vec<String>,
    /// With resource binding: the resource that must be in `aud`.
    pub audience: Option<String>,
    /// Now, Unix seconds.
    pub now: u64,
    /// Clock-skew leeway.
    pub leeway_secs: u64,
    /// Maximum age of `iat`.
    pub max_iat_age_secs: u64,
}

impl AccessTokenExpectations {
    /// Default expectations: no required scopes, no resource binding.
    pub fn new(issuer: &str, client_id: &str, now: u64) -> Self {
        AccessTokenExpectations {
            issuer: issuer.to_owned(),
            client_id: client_id.to_owned(),
            required_scopes: Vec::new(),
            audience: None,
            now,
            leeway_secs: DEFAULT_LEEWAY_SECS,
            max_iat_age_secs: DEFAULT_MAX_IAT_AGE_SECS,
        }
    }
}

type Outcome = (Check, Result<Detail, ClaimError>);

fn check_iss(claims: &Claims, issuer: &str) -> Result<Detail, ClaimError> {
    match &claims.iss {
        None => Err(ClaimError::Missing("iss")),
        Some(iss) if iss == issuer => Ok(Detail::IssuerEquals(iss.clone())),
        Some(iss) => Err(ClaimError::IssuerMismatch {
            expected: issuer.to_owned(),
            found: iss.clone(),
        }),
    }
}

fn check_sub(claims: &Claims) -> Result<Detail, ClaimError> {
    match claims.sub.as_deref() {
        None => Err(ClaimError::Missing("sub")),
        Some("") => Err(ClaimError::EmptySubject),
        Some(sub) => Ok(Detail::Quoted(sub.to_owned())),
    }
}

fn check_exp(claims: &Claims, now: u64, leeway: u64) -> Result<Detail, ClaimError> {
    let exp = claims.exp.ok_or(ClaimError::Missing("exp"))?;
    if now >= exp.saturating_add(leeway) {
        return Err(ClaimError::Expired { exp, now, leeway });
    }
    Ok(Detail::Expires { exp, now })
}

fn check_nbf(claims: &Claims, now: u64, leeway: u64) -> Result<Detail, ClaimError> {
    match claims.nbf {
        None => Ok(Detail::Text("absent")),
        Some(nbf) if nbf > now.saturating_add(leeway) => Err(ClaimError::NotYetValid { nbf, now, leeway }),
        Some(nbf) => Ok(Detail::NotInFuture(nbf)),
    }
}

fn check_iat(claims: &Claims, now: u64, leeway: u64, max_age: u64) -> Result<Detail, ClaimError> {
    let iat = claims.iat.ok_or(ClaimError::Missing("iat"))?;
    if iat > now.saturating_add(leeway) {
        return Err(ClaimError::IssuedInFuture { iat, now, leeway });
    }
    let age = now.saturating_sub(iat);
    if age > max_age.saturating_add(leeway) {
        return Err(ClaimError::IssuedTooLongAgo { iat, age, max_age });
    }
    Ok(Detail::IssuedAgo(age))
}

/// `at_hash` of an access token for RS256: base64url of the left-most half of SHA-256 of its ASCII bytes
/// (OIDC Core §3.2.2.9). Native builds only: the browser hashes with WebCrypto
/// ([`crate::verify::SignatureVerifier::sha256`]) and calls [`at_hash_of_digest`].
#[cfg(not(target_arch = "wasm32"))]
pub fn at_hash(access_token: &str) -> String {
    use sha2::{Digest, Sha256};
    at_hash_of_digest(&Sha256::digest(access_token.as_bytes()).into())
}

/// `at_hash` from the SHA-256 digest of the access token: base64url of its left-most 16 bytes.
pub fn at_hash_of_digest(digest: &[u8; 32]) -> String {
    b64::encode(digest.get(..16).unwrap_or_default())
}

/// The `aud` outcome, and the `azp` outcome when `aud` passed (`azp` is not evaluated otherwise).
fn check_aud(
    claims: &Claims,
    e: &IdTokenExpectations,
) -> (Result<Detail, ClaimError>, Option<Result<Detail, ClaimError>>) {
    let Some(aud) = &claims.aud else {
        return (Err(ClaimError::Missing("aud")), None);
    };
    if !aud.contains(&e.client_id) {
        return (
            Err(ClaimError::AudienceMismatch {
                client_id: e.client_id.clone(),
                found: aud.clone(),
            }),
            None,
        );
    }
    if let Some(untrusted) = aud
        .iter()
        .find(|a| **a != e.client_id && !e.trusted_audiences.contains(a))
    {
        return (Err(ClaimError::UntrustedAudience(untrusted.clone())), None);
    }
    let aud_result = Ok(Detail::AudienceContains(aud.clone()));
    let azp_result = match (&claims.azp, aud.len()) {
        (Some(azp), _) if *azp != e.client_id => Err(ClaimError::AzpMismatch {
            expected: e.client_id.clone(),
            found: azp.clone(),
        }),
        (Some(azp), _) => Ok(Detail::IsClientId(azp.clone())),
        (None, 1) => Ok(Detail::Text("absent (single audience)")),
        (None, _) => Err(ClaimError::AzpRequired),
    };
    (aud_result, Some(azp_result))
}

fn check_auth_time(claims: &Claims, e: &IdTokenExpectations) -> Result<Detail, ClaimError> {
    let Some(auth_time) = claims.auth_time else {
        return match e.max_auth_age_secs {
            Some(_) => Err(ClaimError::Missing("auth_time")),
            None => Ok(Detail::Text("absent")),
        };
    };
    if auth_time > e.now.saturating_add(e.leeway_secs) {
        return Err(ClaimError::AuthTimeInFuture {
            auth_time,
            now: e.now,
        });
    }
    if let Some(max_age) = e.max_auth_age_secs
        && e.now.saturating_sub(auth_time) > max_age.saturating_add(e.leeway_secs)
    {
        return Err(ClaimError::AuthTooOld { auth_time, max_age });
    }
    Ok(Detail::AuthenticatedAgo(e.now.saturating_sub(auth_time)))
}

fn check_nonce(claims: &Claims, rule: &NonceCheck) -> Result<Detail, ClaimError> {
    match (rule, &claims.nonce) {
        (NonceCheck::Expect(_), None) => Err(ClaimError::Missing("nonce")),
        (NonceCheck::Expect(expected), Some(found)) if found != expected => {
            Err(ClaimError::NonceMismatch { found: found.clone() })
        }
        (NonceCheck::Expect(_), Some(_)) => Ok(Detail::Text("equals the nonce sent")),
        (NonceCheck::SameAsOriginal(_), None) => Ok(Detail::Text("absent (refresh)")),
        (NonceCheck::SameAsOriginal(original), Some(found)) if original.as_ref() != Some(found) => {
            Err(ClaimError::NonceMismatch { found: found.clone() })
        }
        (NonceCheck::SameAsOriginal(_), Some(_)) => Ok(Detail::Text("equals the original nonce")),
        (NonceCheck::NotChecked, _) => Ok(Detail::Text("not checked (no expected nonce given)")),
    }
}

/// `expected`: the `at_hash` of `e.access_token` ([`at_hash_of_digest`]), computed by the caller.
fn check_at_hash(
    claims: &Claims,
    e: &IdTokenExpectations,
    expected: Option<&str>,
) -> Result<Detail, ClaimError> {
    match (&e.access_token, &claims.at_hash) {
        (None, _) => Ok(Detail::Text("not checked (no access token at hand)")),
        (Some(_), None) if e.require_at_hash => Err(ClaimError::Missing("at_hash")),
        (Some(_), None) => Ok(Detail::Text("absent (optional in the code flow)")),
        (Some(_), Some(found)) if expected == Some(found.as_str()) => {
            Ok(Detail::Text("matches the access token"))
        }
        (Some(_), Some(found)) => Err(ClaimError::AtHashMismatch {
            expected: expected.unwrap_or_default().to_owned(),
            found: found.clone(),
        }),
    }
}

fn check_token_use(claims: &Claims, expected: &'static str, required: bool) -> Result<Detail, ClaimError> {
    match &claims.token_use {
        None if required => Err(ClaimError::Missing("token_use")),
        None => Ok(Detail::Text("absent (not a Cognito token)")),
        Some(found) if found == expected => Ok(Detail::Quoted(found.clone())),
        Some(found) => Err(ClaimError::TokenUse {
            expected,
            found: found.clone(),
        }),
    }
}

fn check_same_user(
    claims: &Claims,
    original: &Option<OriginalIdentity>,
) -> Option<Result<Detail, ClaimError>> {
    let original = original.as_ref()?;
    let iss = claims.iss.clone().unwrap_or_default();
    let sub = claims.sub.clone().unwrap_or_default();
    Some(if iss != original.iss {
        Err(ClaimError::UserChanged {
            claim: "iss",
            expected: original.iss.clone(),
            found: iss,
        })
    } else if sub != original.sub {
        Err(ClaimError::UserChanged {
            claim: "sub",
            expected: original.sub.clone(),
            found: sub,
        })
    } else {
        Ok(Detail::Text("same iss and sub as the original ID token"))
    })
}

/// Runs every ID token claim check and returns each outcome, in order. `access_token_hash` is the `at_hash`
/// of `e.access_token` ([`at_hash_of_digest`]; natively [`at_hash`]), `None` when there is no access token.
pub fn id_token_checks(
    claims: &Claims,
    e: &IdTokenExpectations,
    access_token_hash: Option<&str>,
) -> Vec<Outcome> {
    let (aud, azp) = check_aud(claims, e);
    let mut out: Vec<Outcome> = vec![
        (Check::Iss, check_iss(claims, &e.issuer)),
        (Check::Sub, check_sub(claims)),
        (Check::Aud, aud),
    ];
    out.extend(azp.map(|azp| (Check::Azp, azp)));
    out.extend([
        (Check::Exp, check_exp(claims, e.now, e.leeway_secs)),
        (Check::Nbf, check_nbf(claims, e.now, e.leeway_secs)),
        (
            Check::Iat,
            check_iat(claims, e.now, e.leeway_secs, e.max_iat_age_secs),
        ),
        (Check::AuthTime, check_auth_time(claims, e)),
        (Check::Nonce, check_nonce(claims, &e.nonce)),
        (Check::AtHash, check_at_hash(claims, e, access_token_hash)),
        (
            Check::TokenUse,
            check_token_use(claims, "id", e.require_token_use),
        ),
    ]);
    if let Some(same) = check_same_user(claims, &e.original) {
        out.push((Check::SameUser, same));
    }
    out
}

/// Runs every Cognito access token claim check and returns each outcome, in order.
pub fn access_token_checks(claims: &Claims, e: &AccessTokenExpectations) -> Vec<Outcome> {
    let client_id = match &claims.client_id {
        None => Err(ClaimError::Missing("client_id")),
        Some(found) if *found != e.client_id => Err(ClaimError::ClientIdMismatch {
            expected: e.client_id.clone(),
            found: found.clone(),
        }),
        Some(found) => Ok(Detail::Quoted(found.clone())),
    };
    let scopes = claims.scopes();
    let missing: Vec<String> = e
        .required_scopes
        .iter()
        .filter(|s| !scopes.contains(&s.as_str()))
        .cloned()
        .collect();
    let scope = if missing.is_empty() {
        Ok(Detail::Scopes(scopes.iter().map(|s| (*s).to_owned()).collect()))
    } else {
        Err(ClaimError::ScopeMissing(missing))
    };
    let aud = match (&e.audience, &claims.aud) {
        (None, _) => Ok(Detail::Text("not checked (no resource binding expected)")),
        (Some(_), None) => Err(ClaimError::Missing("aud")),
        (Some(resource), Some(aud)) if aud.contains(resource) => Ok(Detail::AudienceHasResource {
            aud: aud.clone(),
            resource: resource.clone(),
        }),
        (Some(resource), Some(aud)) => Err(ClaimError::AudienceMismatch {
            client_id: resource.clone(),
            found: aud.clone(),
        }),
    };
    vec![
        (Check::Iss, check_iss(claims, &e.issuer)),
        (Check::Sub, check_sub(claims)),
        (Check::ClientId, client_id),
        (Check::Aud, aud),
        (Check::Exp, check_exp(claims, e.now, e.leeway_secs)),
        (Check::Nbf, check_nbf(claims, e.now, e.leeway_secs)),
        (
            Check::Iat,
            check_iat(claims, e.now, e.leeway_secs, e.max_iat_age_secs),
        ),
        (Check::TokenUse, check_token_use(claims, "access", true)),
        (Check::Scope, scope),
    ]
}

/// Turns check outcomes into report lines plus the first failure.
pub fn summarise(outcomes: Vec<Outcome>) -> (Vec<CheckResult>, Option<ClaimError>) {
    let mut first = None;
    let report = outcomes
        .into_iter()
        .map(|(check, outcome)| match outcome {
            Ok(note) => CheckResult {
                check,
                passed: true,
                note,
            },
            Err(error) => {
                first.get_or_insert_with(|| error.clone());
                CheckResult {
                    check,
                    passed: false,
                    note: Detail::Claim(error),
                }
            }
        })
        .collect();
    (report, first)
}

/// Validates ID token claims; the first failing check is the error. `access_token_hash` as for
/// [`id_token_checks`].
pub fn validate_id_token_claims(
    claims: &Claims,
    e: &IdTokenExpectations,
    access_token_hash: Option<&str>,
) -> Result<(), ClaimError> {
    match summarise(id_token_checks(claims, e, access_token_hash)).1 {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Validates Cognito access token claims; the first failing check is the error.
pub fn validate_access_token_claims(claims: &Claims, e: &AccessTokenExpectations) -> Result<(), ClaimError> {
    match summarise(access_token_checks(claims, e)).1 {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_hash_is_left_half_of_sha256() {
        // OIDC Core A.3 example: access token "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y" -> at_hash "77QmUPtjPfzWtF2AnpK9RQ".
        assert_eq!(
            at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
    }

    #[test]
    fn exp_detail_counts_down_and_admits_the_leeway() {
        let claims = Claims {
            exp: Some(1000),
            ..Claims::default()
        };
        let text = |r: Result<Detail, ClaimError>| r.map(|d| d.to_string());
        assert_eq!(
            text(check_exp(&claims, 400, 60)),
            Ok("expires at 1000, in 600 s".into())
        );
        assert_eq!(
            text(check_exp(&claims, 1030, 60)),
            Ok("expires at 1000, 30 s ago (within the leeway)".into())
        );
        assert_eq!(
            check_exp(&claims, 1060, 60),
            Err(ClaimError::Expired {
                exp: 1000,
                now: 1060,
                leeway: 60
            })
        );
    }
}
