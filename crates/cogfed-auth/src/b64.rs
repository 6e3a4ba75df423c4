//! Strict base64url (RFC 4648 §5) without padding, as JOSE and PKCE use it (RFC 7515 §2).
//!
//! The decoder rejects `=` padding, the standard alphabet's `+` and `/`, whitespace, impossible lengths and
//! non-canonical trailing bits (security-checklist B4 "Serialization"), so one token has exactly one encoding.
//!
//! Hand-written rather than the `base64` crate: its engine and its panic paths cost the wasm build about 5 KB,
//! this is a few hundred bytes; a test compares both on random input.

/// The base64url symbol for a 6-bit value.
fn symbol(value: u32) -> char {
    let byte = match value & 63 {
        v @ 0..=25 => b'A' + v as u8,
        v @ 26..=51 => b'a' + (v - 26) as u8,
        v @ 52..=61 => b'0' + (v - 52) as u8,
        62 => b'-',
        _ => b'_',
    };
    char::from(byte)
}

/// The 6-bit value of a base64url symbol.
fn value(symbol: u8) -> Option<u32> {
    let v = match symbol {
        b'A'..=b'Z' => symbol - b'A',
        b'a'..=b'z' => symbol - b'a' + 26,
        b'0'..=b'9' => symbol - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Encodes bytes as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .chain([0, 0].iter())
            .take(3)
            .fold(0u32, |group, byte| (group << 8) | u32::from(*byte));
        // n bytes give n + 1 symbols.
        for index in 0..=chunk.len() {
            out.push(symbol(group >> (18 - 6 * index as u32)));
        }
    }
    out
}

/// Decodes strict base64url without padding; `None` when the text is not canonical base64url.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let symbols = text.as_bytes();
    if symbols.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(symbols.len() / 4 * 3 + 2);
    for chunk in symbols.chunks(4) {
        let mut group = 0u32;
        for symbol in chunk {
            group = (group << 6) | value(*symbol)?;
        }
        // Align to 24 bits; 2, 3 or 4 symbols carry 1, 2 or 3 bytes.
        group <<= 6 * (4 - chunk.len() as u32);
        let carried = chunk.len() - 1;
        // The bits below the carried bytes must be zero: otherwise two texts would decode the same.
        let unused = (1u32 << (8 * (3 - carried))) - 1;
        if group & unused != 0 {
            return None;
        }
        out.extend(group.to_be_bytes().iter().skip(1).take(carried));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use proptest::prelude::*;

    #[test]
    fn rejects_padding_standard_alphabet_whitespace_and_noncanonical_bits() {
        assert_eq!(decode("YQ"), Some(b"a".to_vec()));
        assert_eq!(decode("YQ=="), None, "padding");
        assert_eq!(decode("+/8"), None, "standard alphabet");
        assert_eq!(decode("Y Q"), None, "whitespace");
        // "YR" decodes to 'a' with non-zero trailing bits: non-canonical.
        assert_eq!(decode("YR"), None, "non-canonical trailing bits");
        assert_eq!(decode("YWJ"), None, "non-canonical trailing bits after two bytes");
        assert_eq!(decode("Y"), None, "impossible length");
        assert_eq!(decode("é"), None, "non-ASCII");
        assert_eq!(decode(""), Some(Vec::new()));
    }

    #[test]
    fn rfc_4648_vectors_in_the_url_alphabet() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded), Some(plain.as_bytes().to_vec()));
        }
        assert_eq!(encode(&[0xfb, 0xff, 0xbf]), "-_-_");
    }

    proptest! {
        #[test]
        fn agrees_with_the_base64_crate(bytes in prop::collection::vec(any::<u8>(), 0..64), text in "[A-Za-z0-9_=+/ -]{0,12}") {
            prop_assert_eq!(encode(&bytes), URL_SAFE_NO_PAD.encode(&bytes));
            prop_assert_eq!(decode(&encode(&bytes)), Some(bytes));
            prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok());
        }
    }
}
