//! # cogfed-local: Local Cognito
//!
//! A Cognito-compatible hosted UI and OpenID provider that serves one integration manifest on loopback,
//! together with an upstream OIDC identity provider persona, so demos and browser tests need no AWS account.
//! Paths, parameters, status codes and error bodies follow `cognito-facts.md` §1.
