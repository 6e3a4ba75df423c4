//! # cogfed-doctor: check a live Cognito <-> OIDC integration from the outside
//!
//! No AWS credentials: everything checked is public. The upstream IdPs' discovery documents and JWKS, the user
//! pool's discovery document and JWKS, and the hosted UI's answer to an unauthenticated
//! `GET /oauth2/authorize` (redirects not followed) for every callback URL, are held against what the
//! integration's files (the model `cogfed lint` reads) and the command line say, and against what Cognito
//! needs (`../shared/reference/cognito-facts.md` §1.1, §1.7, §5.3, §8.D24-D27).
//!
//! Layers, each usable alone:
//! - [`plan`]: which URLs to GET, from the model and [`plan::Overrides`]; pure (`cogfed doctor --offline`).
//! - [`judge`]: small pure functions from a fetched document (or an HTTP answer) to findings. They compile to
//!   wasm32 (build with `default-features = false`), so the demo can judge a discovery document or a JWKS it
//!   fetched itself: build an [`plan::IdpTarget`] with [`plan::IdpTarget::for_issuer`] and call
//!   [`judge::idp::judge_discovery`] and [`judge::jwks::judge_jwks`].
//! - [`http`]: the narrow [`http::Transport`] (one GET, nothing else) and [`http::Manners`], which every request
//!   goes through: GET only, no secret or token ever sent, a timeout per request, a cap per run, a few
//!   requests per second per host, HTTPS except on loopback.
//! - [`run`]: a plan through the manners and the judges; network failures are findings with their URL.
//! - `native` (feature `native`, default): the reqwest transport and the system clock.
//!
//! Findings are `cogfed_lint::Finding`s of group `live`, whose rules (docs, `cogfed explain`) live in
//! `cogfed-lint`'s registry; [`report::report`] turns them into the linter's `Report`, so `cogfed doctor`
//! renders text, JSON and SARIF and exits like `cogfed lint`.

#![warn(missing_docs)]

pub mod http;
pub mod judge;
#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
pub mod native;
pub mod plan;
pub mod report;
pub mod rules;
pub mod run;
pub mod url;

pub use plan::{Overrides, Plan, plan};
pub use rules::LiveRule;
