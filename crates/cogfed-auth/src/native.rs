//! Native implementations of the I/O traits (not compiled for wasm32).

use crate::b64;
use crate::jwks::{SigningAlg, VerificationKey};
use crate::verify::{SignatureVerifier, VerifierError};

/// RS256 verification with `jsonwebtoken` 11 on its RustCrypto backend. The algorithm passed to
/// jsonwebtoken is the key's ([`VerificationKey::alg`]), never the token header's.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonwebtokenVerifier;

impl SignatureVerifier for JsonwebtokenVerifier {
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], VerifierError> {
        use sha2::{Digest, Sha256};
        Ok(Sha256::digest(data).into())
    }

    async fn verify(
        &self,
        key: &VerificationKey,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, VerifierError> {
        let algorithm = match key.alg {
            SigningAlg::Rs256 => jsonwebtoken::Algorithm::RS256,
        };
        let decoding_key =
            jsonwebtoken::DecodingKey::from_rsa_raw_components(key.rsa.modulus(), key.rsa.exponent());
        jsonwebtoken::crypto::verify(&b64::encode(signature), signing_input, &decoding_key, algorithm)
            .map_err(|e| VerifierError(e.to_string()))
    }
}

/// A blocking `reqwest` HTTP client behind the async [`crate::HttpClient`] trait, for the CLI and native
/// tests. It blocks the calling thread; do not use it inside a Tokio runtime.
#[cfg(feature = "native-http")]
#[derive(Debug, Clone)]
pub struct BlockingHttpClient {
    client: reqwest::blocking::Client,
}

#[cfg(feature = "native-http")]
impl BlockingHttpClient {
    /// A client with a 10 s timeout, no redirects (a JWKS or token endpoint never needs one) and at most
    /// 1 MiB per response body.
    pub fn new() -> Result<Self, crate::io::HttpError> {
        reqwest::blocking::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map(|client| BlockingHttpClient { client })
            .map_err(|e| crate::io::HttpError {
                url: String::new(),
                reason: e.to_string(),
            })
    }
}

/// Largest response body [`BlockingHttpClient`] reads.
#[cfg(feature = "native-http")]
pub const MAX_RESPONSE_BYTES: u64 = 1024 * 1024;

#[cfg(feature = "native-http")]
impl crate::io::HttpClient for BlockingHttpClient {
    async fn send(
        &self,
        request: crate::io::HttpRequest,
    ) -> Result<crate::io::HttpResponse, crate::io::HttpError> {
        use std::io::Read as _;
        let fail = |reason: String| crate::io::HttpError {
            url: request.url.clone(),
            reason,
        };
        let mut builder = match request.method {
            crate::io::HttpMethod::Get => self.client.get(&request.url),
            crate::io::HttpMethod::Post => self.client.post(&request.url),
        };
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().map_err(|e| fail(e.to_string()))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str().to_owned(), v.to_owned())))
            .collect();
        let mut bytes = Vec::new();
        response
            .take(MAX_RESPONSE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
        if bytes.len() as u64 > MAX_RESPONSE_BYTES {
            return Err(fail(format!(
                "response body larger than {MAX_RESPONSE_BYTES} bytes"
            )));
        }
        let body = String::from_utf8(bytes).map_err(|_| fail("response body is not UTF-8".into()))?;
        Ok(crate::io::HttpResponse {
            status,
            headers,
            body,
        })
    }
}
