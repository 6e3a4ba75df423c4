//! Full-string matchers for the AWS API patterns of linter-anchors A4, hand-written (no `regex` crate in the
//! wasm build). Each returns `Err(index)` of the first character that cannot match, or `Err(len)` when the
//! string is too short for the pattern's structure.
//!
//! Unicode classes are approximated with the standard library, documented here:
//! - `\w` = alphanumeric (Unicode Alphabetic + Numeric) or `_` or a connector punctuation (Pc). Combining
//!   marks that are not Alphabetic are not matched (the `regex` crate's Unicode `\w` would match them).
//! - `\s` = Unicode White_Space (`char::is_whitespace`), the same set as `regex`'s `\s`.
//! - `[\p{L}\p{M}\p{S}\p{N}\p{P}]` ("visible") = not White_Space (which covers all of `\p{Z}`), not a
//!   control (Cc), not a format character (Cf, listed below from Unicode 15) and not private use (Co).
//!   Unassigned code points (Cn) are accepted; a general-category table would cost tens of KB of wasm.

/// Connector punctuation (Unicode category Pc).
fn is_connector(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'
            ..='\u{FE4F}' | '\u{FF3F}'
    )
}

/// `\w`.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_connector(c)
}

/// Format characters (Unicode category Cf).
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}' | '\u{0890}'..='\u{0891}' | '\u{08E2}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// Private use (Co).
fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// `[\p{L}\p{M}\p{S}\p{N}\p{P}]`: a visible character.
pub fn is_visible(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_format(c) && !is_private_use(c)
}

/// `\p{Z}` (separators), all of which are White_Space.
fn is_separator(c: char) -> bool {
    c.is_whitespace() && !c.is_control()
}

/// Every char satisfies `ok` (a `[class]+` pattern).
fn all(s: &str, ok: impl Fn(char) -> bool) -> Result<(), usize> {
    if s.is_empty() {
        return Err(0);
    }
    match s.chars().position(|c| !ok(c)) {
        Some(i) => Err(i),
        None => Ok(()),
    }
}

/// The patterns of linter-anchors A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// UserPoolIdType `[\w-]+_[0-9a-zA-Z]+`
    UserPoolId,
    /// ClientIdType / ClientSecretType `[\w+]+`
    WordPlus,
    /// ClientNameType / UserPoolNameType / ResourceServerNameType `[\w\s+=,.@-]+`
    Name,
    /// RedirectUrlType `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`
    RedirectUrl,
    /// ScopeType / ResourceServerIdentifierType `[\x21\x23-\x5B\x5D-\x7E]+`
    Scope,
    /// ResourceServerScopeNameType `[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+`
    ScopeName,
    /// ProviderNameType (Describe, SupportedIdentityProviders) `[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+`
    ProviderNameV1,
    /// ProviderNameTypeV2 (CreateIdentityProvider) `[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+`
    ProviderNameV2,
    /// IdpIdentifierType `[\w\s+=.@-]+`
    IdpIdentifier,
    /// ArnType
    Arn,
}

impl Pattern {
    /// The pattern as AWS publishes it.
    pub fn source(self) -> &'static str {
        match self {
            Pattern::UserPoolId => r"[\w-]+_[0-9a-zA-Z]+",
            Pattern::WordPlus => r"[\w+]+",
            Pattern::Name => r"[\w\s+=,.@-]+",
            Pattern::RedirectUrl => r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
            Pattern::Scope => r"[\x21\x23-\x5B\x5D-\x7E]+",
            Pattern::ScopeName => r"[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+",
            Pattern::ProviderNameV1 => r"[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+",
            Pattern::ProviderNameV2 => r"[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+",
            Pattern::IdpIdentifier => r"[\w\s+=.@-]+",
            Pattern::Arn => {
                r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?"
            }
        }
    }

    /// Full-string match; `Err(i)`: the first character index that breaks it.
    pub fn check(self, s: &str) -> Result<(), usize> {
        match self {
            Pattern::UserPoolId => user_pool_id(s),
            Pattern::WordPlus => all(s, |c| is_word(c) || c == '+'),
            Pattern::Name => all(s, |c| is_word(c) || c.is_whitespace() || "+=,.@-".contains(c)),
            Pattern::RedirectUrl => all(s, is_visible),
            Pattern::Scope => all(s, |c| matches!(c, '\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E')),
            Pattern::ScopeName => all(
                s,
                |c| matches!(c, '\x21' | '\x23'..='\x2E' | '\x30'..='\x5B' | '\x5D'..='\x7E'),
            ),
            Pattern::ProviderNameV1 => all(s, |c| is_visible(c) || is_separator(c)),
            Pattern::ProviderNameV2 => provider_name_v2(s),
            Pattern::IdpIdentifier => all(s, |c| is_word(c) || c.is_whitespace() || "+=.@-".contains(c)),
            Pattern::Arn => arn(s),
        }
    }
}

/// `[\w-]+_[0-9a-zA-Z]+`: the suffix cannot hold `_`, so the split is at the last `_`.
fn user_pool_id(s: &str) -> Result<(), usize> {
    let Some(us) = s.rfind('_') else {
        return Err(s.chars().count());
    };
    let prefix = &s[..us];
    let suffix = &s[us + 1..];
    if prefix.is_empty() {
        return Err(0);
    }
    if let Some(i) = prefix.chars().position(|c| !(is_word(c) || c == '-')) {
        return Err(i);
    }
    let base = prefix.chars().count() + 1;
    if suffix.is_empty() {
        return Err(base);
    }
    match suffix.chars().position(|c| !c.is_ascii_alphanumeric()) {
        Some(i) => Err(base + i),
        None => Ok(()),
    }
}

/// `[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+`: at least 3 characters.
fn provider_name_v2(s: &str) -> Result<(), usize> {
    let chars: Vec<char> = s.chars().collect();
    let not_us_sep = |c: char| c != '_' && !is_separator(c);
    for (i, &c) in chars.iter().enumerate() {
        let ok = if i == 1 { is_visible(c) } else { not_us_sep(c) };
        if !ok {
            return Err(i);
        }
    }
    if chars.len() < 3 { Err(chars.len()) } else { Ok(()) }
}

/// ArnType; `:` is not in the segment class, so splitting on `:` is exact.
fn arn(s: &str) -> Result<(), usize> {
    let seg = |c: char| is_word(c) || "+=/,.@-".contains(c);
    let parts: Vec<&str> = s.split(':').collect();
    let mut offset = 0;
    let fail = |offset: usize, part: &str, allow_empty: bool, ok: &dyn Fn(char) -> bool| -> Option<usize> {
        if part.is_empty() && !allow_empty {
            return Some(offset);
        }
        part.chars().position(|c| !ok(c)).map(|i| offset + i)
    };
    if parts.len() < 6 || parts.len() > 8 || parts[0] != "arn" {
        return Err(if parts[0] != "arn" { 0 } else { s.chars().count() });
    }
    for (i, part) in parts.iter().enumerate() {
        let bad = match i {
            0 => None,
            3 => fail(offset, part, true, &seg),
            4 => fail(offset, part, false, &|c: char| c.is_ascii_digit()),
            _ => fail(offset, part, false, &seg),
        };
        if let Some(at) = bad {
            return Err(at);
        }
        offset += part.chars().count() + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_full_match() {
        assert_eq!(Pattern::UserPoolId.check("us-east-1_ExAmPlE12"), Ok(()));
        assert_eq!(Pattern::UserPoolId.check("us_east_1_abc"), Ok(()));
        assert_eq!(Pattern::UserPoolId.check("us-east-1_"), Err(10));
        assert_eq!(Pattern::UserPoolId.check("us-east-1-abc"), Err(13));
        assert_eq!(Pattern::UserPoolId.check("us east-1_abc"), Err(2));
        assert_eq!(Pattern::Name.check("My web app (prod)"), Err(11));
        assert_eq!(Pattern::Name.check("web-app_1 prod@x.y"), Ok(()));
        assert_eq!(Pattern::Scope.check("api/read"), Ok(()));
        assert_eq!(Pattern::Scope.check("api read"), Err(3));
        assert_eq!(Pattern::Scope.check("a\"b"), Err(1));
        assert_eq!(Pattern::ScopeName.check("read/all"), Err(4));
        assert_eq!(
            Pattern::RedirectUrl.check("https://app.example.com/cb?x=é"),
            Ok(())
        );
        assert_eq!(Pattern::RedirectUrl.check("https://app/cb "), Err(14));
        assert_eq!(Pattern::RedirectUrl.check("https://app/\u{200B}"), Err(12));
        assert_eq!(Pattern::ProviderNameV2.check("CorpOIDC"), Ok(()));
        assert_eq!(Pattern::ProviderNameV2.check("My Okta"), Err(2));
        assert_eq!(Pattern::ProviderNameV2.check("Corp_OIDC"), Err(4));
        assert_eq!(
            Pattern::ProviderNameV2.check("a_b"),
            Ok(()),
            "an underscore is allowed as the 2nd character"
        );
        assert_eq!(Pattern::ProviderNameV2.check("ab"), Err(2));
        assert_eq!(Pattern::ProviderNameV1.check("My Okta"), Ok(()));
        assert_eq!(Pattern::IdpIdentifier.check("example.com"), Ok(()));
        assert_eq!(Pattern::IdpIdentifier.check("a/b"), Err(1));
        assert_eq!(Pattern::WordPlus.check("7lhdbv12q1ud9rgg7g779u8va7"), Ok(()));
        assert_eq!(Pattern::WordPlus.check("abc-def"), Err(3));
        assert_eq!(
            Pattern::Arn.check("arn:aws:acm:us-east-1:111122223333:certificate/a1b2-c3"),
            Ok(())
        );
        assert_eq!(Pattern::Arn.check("arn:aws:iam::111122223333:role/x"), Ok(()));
        assert_eq!(
            Pattern::Arn.check("arn:aws:acm:us-east-1:12ab:certificate/x"),
            Err(24)
        );
        assert!(Pattern::Arn.check("not-an-arn").is_err());
        assert!(Pattern::Name.check("").is_err());
    }
}
