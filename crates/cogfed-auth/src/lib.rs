//! # cogfed-auth: the auth client core
//!
//! The protocol of a public SPA client against the Cognito hosted UI (or any OpenID provider): PKCE S256,
//! endpoint derivation and discovery, the authorize URL, callback parsing, token-endpoint requests and
//! responses, strict JWT parsing and validation of ID and access tokens.
//!
//! Everything here is a small pure function over explicit types. HTTP, storage, the clock, randomness and
//! signature verification sit behind narrow traits, so the core runs and is tested natively and compiles to
//! wasm32 unchanged; `cogfed-leptos` supplies the browser implementations.
