//! # cogfed-checker: the config checker's engine
//!
//! The demo's config-checker page runs `cogfed-lint` in a Web Worker built from this package (the `bin`), so
//! the linter's parsers and rules (most of the checker's bytes) download only when the page opens, and a long
//! lint never blocks typing. [`protocol`] is the JSON the page and the worker exchange; [`run`] is the whole
//! of the worker's logic, a pure function tested natively.
//!
//! Nothing leaves the browser: the worker has no network code. The page's live check ([`live`]) is the one
//! place the page fetches from elsewhere, on request: the issuer's discovery document and JWKS (GET, no
//! credentials), which the worker judges with `cogfed doctor`'s judges.

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

pub mod protocol;

#[cfg(feature = "lint")]
mod engine;
#[cfg(feature = "lint")]
pub mod live;

#[cfg(feature = "lint")]
pub use engine::{handle_message, run};
