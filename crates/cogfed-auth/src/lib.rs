//! # cogfed-auth: the auth client core
//!
//! The protocol of a public SPA client against the Cognito hosted UI (or any OpenID provider): PKCE S256,
//! endpoint derivation and discovery, the authorize URL, callback parsing, token-endpoint requests and
//! responses, strict JWT parsing and validation of ID and access tokens.
//!
//! Everything here is a small pure function over explicit types. HTTP, storage, the clock, randomness and
//! signature verification sit behind narrow traits ([`Clock`], [`Randomness`], [`HttpClient`],
//! [`TransactionStore`], [`SignatureVerifier`], [`KeySource`]), so the core runs and is tested natively and
//! compiles to wasm32 unchanged; `cogfed-leptos` supplies the browser implementations.
//!
//! A sign-in, step by step:
//! 1. [`flow::begin_sign_in`]: state, nonce and PKCE verifier from the CSPRNG, the authorize URL, the
//!    [`PendingTransaction`] stored under its state.
//! 2. [`flow::finish_sign_in`]: [`callback::complete_callback`] (single-use state, expiry, redirect URI,
//!    RFC 9207 `iss`, error or code), the code exchange ([`token::authorization_code_request`]) while the
//!    JWKS is fetched, then [`verify::verify_id_token`] with the transaction's nonce.
//! 3. [`flow::refresh`], [`flow::verify_held`], [`flow::verify_cognito_access_token`],
//!    [`flow::fetch_userinfo`], [`flow::revoke`], [`logout`] URLs.
//!
//! Layers: the protocol modules above know nothing of [`errors`], the catalogue that explains their failures
//! in words (it depends on them, never the reverse), nor of [`report`]'s sentences; a client that does not
//! show either links neither.
//!
//! Security rules and where they are enforced:
//! - PKCE S256 only: [`pkce`]. State single-use: [`transaction`], [`callback`]. Nonce: [`validate`].
//! - Exact issuer comparison: [`endpoints`] (discovery), [`callback`] (RFC 9207), [`validate`] (`iss`).
//! - Algorithm decided by the key, allowlist RS256, `jku`/`x5u`/`jwk`/`x5c` ignored, `crit` refused:
//!   [`jwks`], [`jwt`], [`verify`].
//! - Nothing panics on input: `unwrap`, `expect`, `panic!` and indexing are denied outside tests.

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod authorize;
mod b64;
pub mod callback;
pub mod endpoints;
pub mod errors;
pub mod flow;
pub mod io;
pub mod json;
pub mod jwks;
pub mod jwt;
pub mod logout;
#[cfg(not(target_arch = "wasm32"))]
mod native;
pub mod pkce;
pub mod random;
pub mod report;
pub mod text;
pub mod time;
pub mod token;
pub mod transaction;
pub mod url;
pub mod userinfo;
pub mod validate;
pub mod verify;

pub use authorize::{AuthorizeOptions, AuthorizeRequest, Prompt, build_authorize_url};
pub use callback::{
    AuthorizationCode, AuthorizationError, CallbackError, complete_callback, parse_callback_url,
};
pub use endpoints::{CognitoPool, Endpoints, IssuerForm, PoolDomain, UserPoolId};
pub use errors::{Explanation, ExplanationKey, explain, explain_callback};
#[cfg(not(target_arch = "wasm32"))]
pub use io::SystemClock;
pub use io::{
    Clock, FixedClock, HttpClient, HttpError, HttpMethod, HttpRequest, HttpResponse, OsRandomness, Randomness,
};
pub use jwks::{JwkSet, JwksCache, KeyError, KeySource, SigningAlg, VerificationKey};
pub use jwt::{Claims, JoseHeader, Jwt, JwtError};
#[cfg(all(feature = "native-http", not(target_arch = "wasm32")))]
pub use native::BlockingHttpClient;
#[cfg(not(target_arch = "wasm32"))]
pub use native::JsonwebtokenVerifier;
pub use pkce::{CodeChallenge, CodeVerifier};
pub use report::Detail;
pub use token::{RefreshToken, TokenResponse, TokenSet};
pub use transaction::{MemoryTransactionStore, PendingTransaction, Taken, TransactionStore};
pub use userinfo::UserInfoClaims;
pub use validate::{AccessTokenExpectations, Check, CheckResult, IdTokenExpectations, NonceCheck};
pub use verify::{
    SignatureVerifier, Verified, VerifyError, VerifyFailure, verify_access_token, verify_id_token,
};

/// Base64url helpers for implementers of the traits (e.g. WebCrypto JWK import) and tests.
pub mod base64url {
    pub use crate::b64::{decode, encode};
}
