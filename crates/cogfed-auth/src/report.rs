//! What each line of a verification report says: [`Detail`], the data of a check's outcome, and its words.
//!
//! The checks record data (a number of seconds, the `aud` values, the error); the sentence is made only when
//! an app asks for it ([`crate::CheckResult::detail`]), so a client that never shows its report links none
//! of this text or the formatting behind it.

use crate::jwks::SigningAlg;
use crate::text::{quoted, quoted_list};
use crate::validate::ClaimError;
use crate::verify::VerifyError;
use std::fmt;

/// The outcome of one check, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// A fixed sentence.
    Text(&'static str),
    /// A value shown quoted (`sub`, `token_use`, `client_id`).
    Quoted(String),
    /// `iss` equals the expected issuer.
    IssuerEquals(String),
    /// `aud` contains the client id.
    AudienceContains(Vec<String>),
    /// `azp` is the client id.
    IsClientId(String),
    /// `exp`, and the time of the check.
    Expires {
        /// `exp`.
        exp: u64,
        /// Now.
        now: u64,
    },
    /// `nbf` is not in the future.
    NotInFuture(u64),
    /// Seconds since `iat`.
    IssuedAgo(u64),
    /// Seconds since `auth_time`.
    AuthenticatedAgo(u64),
    /// The access token's scopes.
    Scopes(Vec<String>),
    /// The access token's `aud` contains the resource.
    AudienceHasResource {
        /// `aud`.
        aud: Vec<String>,
        /// The resource.
        resource: String,
    },
    /// A compact JWS of this many bytes.
    CompactJws(usize),
    /// The header passed; these key-bearing parameters were present and ignored.
    Header(Vec<&'static str>),
    /// The header's algorithm is on the allowlist.
    AlgAllowed(SigningAlg),
    /// The key found.
    Key {
        /// Its `kid`.
        kid: Option<String>,
        /// Modulus bits.
        bits: usize,
        /// The algorithm it decides.
        alg: SigningAlg,
    },
    /// The signature verified.
    ValidSignature(SigningAlg),
    /// A claim check failed.
    Claim(ClaimError),
    /// A stage before the claims failed.
    Failed(Box<VerifyError>),
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::Text(text) => f.write_str(text),
            Detail::Quoted(value) => write!(f, "{}", quoted(value)),
            Detail::IssuerEquals(iss) => write!(f, "{} equals the expected issuer", quoted(iss)),
            Detail::AudienceContains(aud) => write!(f, "{} contains the client id", quoted_list(aud)),
            Detail::IsClientId(azp) => write!(f, "{} is the client id", quoted(azp)),
            // Unsigned arithmetic: an i128 difference would link i128 formatting.
            Detail::Expires { exp, now } if exp >= now => write!(f, "expires at {exp}, in {} s", exp - now),
            Detail::Expires { exp, now } => {
                write!(f, "expires at {exp}, {} s ago (within the leeway)", now - exp)
            }
            Detail::NotInFuture(nbf) => write!(f, "{nbf} is not in the future"),
            Detail::IssuedAgo(age) => write!(f, "issued {age} s ago"),
            Detail::AuthenticatedAgo(age) => write!(f, "authenticated {age} s ago"),
            Detail::Scopes(scopes) => write!(f, "{}", quoted_list(scopes)),
            Detail::AudienceHasResource { aud, resource } => {
                write!(f, "{} contains {}", quoted_list(aud), quoted(resource))
            }
            Detail::CompactJws(len) => write!(f, "compact JWS, {len} bytes"),
            Detail::Header(ignored) if ignored.is_empty() => f.write_str("no crit, cty or disallowed typ"),
            Detail::Header(ignored) => write!(
                f,
                "no crit, cty or disallowed typ; ignored (never fetched or trusted): {}",
                ignored.join(", ")
            ),
            Detail::AlgAllowed(alg) => write!(f, "{} is allowed", alg.as_str()),
            Detail::Key { kid, bits, alg } => write!(
                f,
                "kid {}: RSA {bits} bits, algorithm {} decided by the key",
                quoted(kid.as_deref().unwrap_or("(none)")),
                alg.as_str()
            ),
            Detail::ValidSignature(alg) => write!(f, "valid {} signature", alg.as_str()),
            Detail::Claim(error) => error.fmt(f),
            Detail::Failed(error) => error.fmt(f),
        }
    }
}
