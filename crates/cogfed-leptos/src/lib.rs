//! # cogfed-leptos: Leptos bindings for the cogfed auth client
//!
//! The browser shell around `cogfed-auth`: an `AuthProvider` component that puts an auth handle in context,
//! `use_auth()` to read it, and the browser implementations of the core's I/O traits (fetch, sessionStorage,
//! WebCrypto signature verification, the History API and a cross-tab lock).
