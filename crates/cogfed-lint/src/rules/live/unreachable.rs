//! Rule `live-unreachable` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// A GET the doctor made failed before an HTTP answer came back: the host name does not resolve, the
    /// connection is refused or reset, the TLS handshake fails (an expired, self-signed or mismatched certificate),
    /// the server does not answer within the timeout, or the answer is larger than the doctor reads. The finding
    /// names the URL and the error.
    ///
    /// # Why it matters
    /// Cognito reaches the IdP's discovery document, token endpoint, userInfo and JWKS from AWS's network with a
    /// strict certificate check; when it cannot, the federation fails with `Timeout occurred in calling IdP token
    /// endpoint`, `Timeout in calling jwks uri`, `Connection reset` or `Read timed out`. A relying party that cannot
    /// reach the pool's discovery document cannot sign anyone in.
    ///
    /// # Example
    /// ```text
    /// error[live-unreachable]: the discovery document of identity provider `Corp` could not be fetched from
    /// `https://idp.example.com/.well-known/openid-configuration`: TLS error: invalid peer certificate: Expired
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Renew the certificate (a public root CA, the full chain), fix DNS, or open port 443 to the internet.
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 (non-expired certificate with a valid public root-CA chain; HTTPS on ports 80/443),
    /// §8.D26, §8.D27.
    pub static RULE = {
        id: "live-unreachable",
        group: Live,
        severity: Error,
        summary: "a live endpoint could not be reached: DNS, connection, TLS certificate, timeout or size",
        check: Live,
    };
}
