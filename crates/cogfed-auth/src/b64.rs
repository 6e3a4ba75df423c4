//! Strict base64url (RFC 4648 §5) without padding, as JOSE and PKCE use it (RFC 7515 §2).
//!
//! The engine rejects `=` padding, the standard alphabet's `+` and `/`, whitespace and non-canonical trailing
//! bits (security-checklist B4 "Serialization"), so one token has exactly one encoding.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Encodes bytes as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes strict base64url without padding; `None` when the text is not canonical base64url.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_padding_standard_alphabet_whitespace_and_noncanonical_bits() {
        assert_eq!(decode("YQ"), Some(b"a".to_vec()));
        assert_eq!(decode("YQ=="), None, "padding");
        assert_eq!(decode("+/8"), None, "standard alphabet");
        assert_eq!(decode("Y Q"), None, "whitespace");
        // "YR" decodes to 'a' with non-zero trailing bits: non-canonical.
        assert_eq!(decode("YR"), None, "non-canonical trailing bits");
        assert_eq!(decode("Y"), None, "impossible length");
    }
}
