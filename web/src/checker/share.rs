//! Share links: the checker's files in the URL fragment, `#cfg=` + a one-letter codec + base64url.
//!
//! A fragment never reaches a server (browsers do not send it), so sharing sends nothing anywhere.
//! Codec `z` is `deflate-raw` (the browser's CompressionStream), `p` is plain; both carry the JSON array
//! `[{"name":…,"text":…},…]`. A damaged or hostile link gives an error to show, never a panic, and
//! decompression stops at [`MAX_SHARED_BYTES`].

use cogfed_checker::protocol::InputFile;
use cogfed_leptos::cogfed_auth::base64url;

/// The fragment parameter.
pub const PARAM: &str = "cfg=";

/// The most bytes a shared link may expand to (the linter reads at most 8 MiB; a page of configs is KBs).
pub const MAX_SHARED_BYTES: usize = 1024 * 1024;

/// How the payload is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// `deflate-raw`, then base64url.
    Deflate,
    /// base64url of the JSON.
    Plain,
}

impl Codec {
    fn tag(self) -> char {
        match self {
            Codec::Deflate => 'z',
            Codec::Plain => 'p',
        }
    }
}

/// The JSON of `files`.
pub fn files_json(files: &[InputFile]) -> String {
    serde_json::to_string(files).unwrap_or_else(|_| "[]".into())
}

/// `#cfg=…` for a payload already encoded with `codec`.
pub fn fragment(codec: Codec, payload: &[u8]) -> String {
    format!("#{PARAM}{}{}", codec.tag(), base64url::encode(payload))
}

/// The codec and raw payload of a `#cfg=` fragment (with or without the `#`); `Ok(None)` when the fragment
/// is not a share link.
pub fn parse_fragment(hash: &str) -> Result<Option<(Codec, Vec<u8>)>, String> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let Some(value) = hash.split('&').find_map(|part| part.strip_prefix(PARAM)) else {
        return Ok(None);
    };
    let mut chars = value.chars();
    let codec = match chars.next() {
        Some('z') => Codec::Deflate,
        Some('p') => Codec::Plain,
        _ => return Err("the share link is damaged: unknown encoding (expected #cfg=z… or #cfg=p…)".into()),
    };
    if value.len() > MAX_SHARED_BYTES * 2 {
        return Err("the share link is too long".into());
    }
    let bytes = base64url::decode(chars.as_str())
        .ok_or_else(|| "the share link is damaged: not base64url".to_string())?;
    Ok(Some((codec, bytes)))
}

/// The files in a decoded payload.
pub fn parse_files(json: &[u8]) -> Result<Vec<InputFile>, String> {
    if json.len() > MAX_SHARED_BYTES {
        return Err("the shared content is too large".into());
    }
    serde_json::from_slice(json).map_err(|e| format!("the share link is damaged: {e}"))
}

/// A rule to explain from `#rule=ID` (the link the callback page's error explanation uses).
pub fn rule_from_fragment(hash: &str) -> Option<String> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&')
        .find_map(|part| part.strip_prefix("rule="))
        .filter(|id| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<InputFile> {
        vec![InputFile {
            name: "cogfed.toml".into(),
            text: "version = 1\n# é ✓\n".into(),
        }]
    }

    #[test]
    fn plain_links_round_trip() {
        let json = files_json(&files());
        let link = fragment(Codec::Plain, json.as_bytes());
        assert!(link.starts_with("#cfg=p"), "{link}");
        assert!(
            !link["#cfg=".len()..].contains(['+', '/', '=']),
            "base64url without padding: {link}"
        );
        let (codec, bytes) = parse_fragment(&link).unwrap().unwrap();
        assert_eq!(codec, Codec::Plain);
        assert_eq!(parse_files(&bytes).unwrap(), files());
    }

    #[test]
    fn other_fragments_are_not_share_links_and_damaged_ones_are_errors() {
        assert_eq!(parse_fragment(""), Ok(None));
        assert_eq!(parse_fragment("#rule=uri-wildcard"), Ok(None));
        assert!(parse_fragment("#cfg=").unwrap_err().contains("unknown encoding"));
        assert!(
            parse_fragment("#cfg=q1234")
                .unwrap_err()
                .contains("unknown encoding")
        );
        assert!(parse_fragment("#cfg=p!!!").unwrap_err().contains("base64url"));
        let (_, bytes) = parse_fragment("#cfg=pbm90IGpzb24").unwrap().unwrap();
        assert!(parse_files(&bytes).unwrap_err().contains("damaged"));
    }

    #[test]
    fn rule_links_accept_only_rule_ids() {
        assert_eq!(
            rule_from_fragment("#rule=idp-issuer-mismatch").as_deref(),
            Some("idp-issuer-mismatch")
        );
        assert_eq!(
            rule_from_fragment("#cfg=p&rule=uri-wildcard").as_deref(),
            Some("uri-wildcard")
        );
        assert_eq!(rule_from_fragment("#rule=<script>"), None);
        assert_eq!(rule_from_fragment("#rule="), None);
    }
}
