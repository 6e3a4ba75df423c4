//! Facts and small pure helpers shared by the issuer, identity-provider, attribute-mapping and domain rules
//! (several groups use them, so they live outside any one rule file).

use crate::ctx::Ctx;
use crate::de::{Loc, Located, StrMap, known, known_str};
use crate::model::{IdentityProvider, UpstreamIdp};
use crate::uri::{Uri, is_loopback_host};

/// Regions whose service model lists `cognito-idp` (cognito-facts §2.5), plus the China Regions, which the
/// endpoints file does not list (UNCONFIRMED there) but where user pools are offered: a linter must not call
/// a real pool id invalid.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eusc-de-east-1",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

/// Whether `region` is a Region where Cognito user pools exist.
pub fn is_known_region(region: &str) -> bool {
    REGIONS.contains(&region)
}

/// Why a pool id does not have the shape `{region}_{suffix}` (cognito-facts §9:
/// `^[a-z]{2,4}(-[a-z]+)+-\d_[0-9A-Za-z]+$`), or `None` when it has it. The Region itself is not checked here.
pub fn pool_id_shape_problem(id: &str) -> Option<&'static str> {
    let Some((region, suffix)) = id.split_once('_') else {
        return Some("it has no `_` between the Region and the suffix");
    };
    if suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Some("the part after `_` must be letters and digits only");
    }
    if !region_has_shape(region) {
        return Some("the part before `_` is not a Region name such as `us-east-1`");
    }
    None
}

/// `[a-z]{2,4}(-[a-z]+)+-\d`.
fn region_has_shape(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    parts.len() >= 3
        && (2..=4).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && last.len() == 1
        && last.bytes().all(|b| b.is_ascii_digit())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The DNS suffix of AWS service hosts in `region`'s partition (China: `amazonaws.com.cn`, European Sovereign
/// Cloud: `amazonaws.eu`; cognito-facts §2.5; the China form is UNCONFIRMED for Cognito's issuer).
pub fn dns_suffix(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else if region.starts_with("eusc-") {
        "amazonaws.eu"
    } else {
        "amazonaws.com"
    }
}

/// A placeholder left in a value copied from a guide: `<REGION>`, `${AWS-REGION}`, `{userPoolId}`.
pub fn placeholder(value: &str) -> Option<&str> {
    let start = value.find(['<', '{'])?;
    let rest = value.get(start..)?;
    let end = rest.find(['>', '}'])?;
    rest.get(..=end)
        .map(|p| {
            // `${X}` reads better with its dollar.
            match value.get(..start) {
                Some(before) if before.ends_with('$') => value.get(start - 1..=start + end).unwrap_or(p),
                _ => p,
            }
        })
        .filter(|p| p.len() > 2)
}

/// Whether `value` is an http(s) URL on a loopback host in an integration served by Local Cognito
/// (`[local]`): only Local Cognito can call such an IdP, and the SPA talks to Local Cognito's loopback
/// issuer, so plain http there is the intended test setup, not a mistake.
pub fn is_local_stand_in(ctx: &Ctx, value: &str) -> bool {
    ctx.integration.local.is_some() && Uri::parse(value).host.is_some_and(is_loopback_host)
}

/// The name of a member in the style of the file the parent came from: AWS CLI JSON and CloudFormation
/// pointers start with a capitalised token (`/IdentityProvider`, `/Resources`), manifest pointers do not.
pub fn member_name(parent: &Loc, manifest: &'static str, aws: &'static str) -> &'static str {
    let aws_style = parent
        .pointer
        .strip_prefix('/')
        .and_then(|p| p.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase());
    if aws_style { aws } else { manifest }
}

/// The location of a missing member `manifest`/`aws` of the value at `parent`.
pub fn missing(parent: &Loc, manifest: &'static str, aws: &'static str) -> Loc {
    parent.child(member_name(parent, manifest, aws))
}

/// Whether the identity provider came from `describe-identity-provider` output, where Cognito itself adds
/// read-only keys such as `attributes_url_add_attributes`, or from a Terraform state (`terraform show -json`
/// of a state: `/values/root_module/...`), which holds what the provider read back from Cognito.
pub fn is_describe_output(idp_loc: &Loc) -> bool {
    idp_loc.pointer.starts_with("/IdentityProvider") || idp_loc.pointer.starts_with("/values/root_module/")
}

/// The identity provider type, when known (`OIDC`, `SAML`, `Google`, ...).
pub fn provider_type(idp: &IdentityProvider) -> Option<&str> {
    known_str(&idp.provider_type)
}

/// Whether the provider is an OIDC IdP, or gives no `provider_type` at all (the manifest's common case is
/// OIDC); a type that is unknown (a CloudFormation intrinsic) is not assumed to be OIDC.
pub fn is_oidc(idp: &IdentityProvider) -> bool {
    match provider_type(idp) {
        Some(t) => t == "OIDC",
        None => idp.provider_type.is_none(),
    }
}

/// The provider details map, when known.
pub fn details(idp: &IdentityProvider) -> Option<&StrMap<String>> {
    known(&idp.provider_details)
}

/// The attribute mapping, when known.
pub fn mapping(idp: &IdentityProvider) -> Option<&StrMap<String>> {
    known(&idp.attribute_mapping)
}

/// A name for an identity provider in messages.
pub fn idp_label(idp: &IdentityProvider) -> String {
    match known_str(&idp.provider_name) {
        Some(n) => format!("identity provider `{n}`"),
        None => "an identity provider".to_string(),
    }
}

/// Which `ProviderDetails` keys a provider type takes (cognito-facts §5.2; APIRef CreateIdentityProvider).
#[derive(Debug, Clone, Copy)]
pub struct DetailKeys {
    /// Keys the API needs.
    pub required: &'static [&'static str],
    /// Keys one of which the API needs (SAML metadata).
    pub one_of: &'static [&'static str],
    /// Other keys a user may send.
    pub optional: &'static [&'static str],
    /// Keys Cognito sets itself and returns from Describe; sending them causes IaC drift or errors.
    pub read_only: &'static [&'static str],
}

/// OIDC manual endpoints (cognito-facts §5.2).
pub const OIDC_MANUAL_ENDPOINTS: &[&str] = &["authorize_url", "token_url", "attributes_url", "jwks_uri"];

const OIDC_KEYS: DetailKeys = DetailKeys {
    // cognito-facts §5.2, §9 ("ProviderDetails has client_id, client_secret, authorize_scopes ... and
    // attributes_request_method"); oidc_issuer vs manual endpoints is rule idp-manual-endpoints-incomplete.
    required: &[
        "client_id",
        "client_secret",
        "authorize_scopes",
        "attributes_request_method",
    ],
    one_of: &[],
    optional: &[
        "oidc_issuer",
        "authorize_url",
        "token_url",
        "attributes_url",
        "jwks_uri",
    ],
    read_only: &["attributes_url_add_attributes"],
};

/// What Cognito adds to social providers and returns from Describe (cognito-facts §5.2, §7.7: the source of
/// Terraform's perpetual diff on `provider_details`).
pub const SOCIAL_READ_ONLY: &[&str] = &[
    "attributes_url",
    "attributes_url_add_attributes",
    "authorize_url",
    "oidc_issuer",
    "token_request_method",
    "token_url",
];

const GOOGLE_KEYS: DetailKeys = DetailKeys {
    required: &["client_id", "client_secret", "authorize_scopes"],
    one_of: &[],
    optional: &[],
    read_only: SOCIAL_READ_ONLY,
};

const FACEBOOK_KEYS: DetailKeys = DetailKeys {
    required: &["client_id", "client_secret", "authorize_scopes"],
    one_of: &[],
    optional: &["api_version"],
    read_only: SOCIAL_READ_ONLY,
};

const APPLE_KEYS: DetailKeys = DetailKeys {
    required: &[
        "client_id",
        "team_id",
        "key_id",
        "private_key",
        "authorize_scopes",
    ],
    one_of: &[],
    optional: &[],
    read_only: SOCIAL_READ_ONLY,
};

const SAML_KEYS: DetailKeys = DetailKeys {
    required: &[],
    one_of: &["MetadataFile", "MetadataURL"],
    optional: &[
        "IDPSignout",
        "IDPInit",
        "EncryptedResponses",
        "RequestSigningAlgorithm",
    ],
    read_only: &[
        "ActiveEncryptionCertificate",
        "SLORedirectBindingURI",
        "SSORedirectBindingURI",
    ],
};

/// The keys of provider type `t` (`None` for an unknown type).
pub fn detail_keys(t: &str) -> Option<DetailKeys> {
    match t {
        "OIDC" => Some(OIDC_KEYS),
        "Google" | "LoginWithAmazon" => Some(GOOGLE_KEYS),
        "Facebook" => Some(FACEBOOK_KEYS),
        "SignInWithApple" => Some(APPLE_KEYS),
        "SAML" => Some(SAML_KEYS),
        _ => None,
    }
}

/// Splits `authorize_scopes` into scope tokens, accepting the separators people wrongly use (`,`, `;`, `+`)
/// so that a comma-separated list is reported once, as a separator problem, not also as "openid missing".
pub fn scope_tokens(scopes: &str) -> impl Iterator<Item = &str> {
    scopes
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '+'))
        .filter(|s| !s.is_empty())
}

/// Normalises an enum-like word from a product's console (`Authorization Code`, `client-secret-post`) to the
/// snake_case protocol name.
pub fn normalise_word(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The known string items of a list that is known as a whole and has no unknown item.
pub fn complete_strs(list: &Option<Located<Vec<Located<String>>>>) -> Option<Vec<&str>> {
    let items = list.as_ref()?.get()?;
    items.iter().map(Located::as_str).collect()
}

/// Known upstream registrations with a name for messages: (registration, its location, label).
pub fn upstreams<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = (&'a UpstreamIdp, &'a Loc, String)> + 'a {
    ctx.integration.upstream_idps.iter().filter_map(|u| {
        let up = u.get()?;
        let label = match known_str(&up.provider_name) {
            Some(n) => format!("the upstream IdP of `{n}`"),
            None => "an upstream IdP".to_string(),
        };
        Some((up, &u.loc, label))
    })
}

/// A parsed Cognito issuer `https://{cognito-idp|issuer-cognito-idp}.{region}.{suffix}/{poolId}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CognitoIssuer<'a> {
    /// The `issuer-cognito-idp` (UPDATED) form.
    pub updated: bool,
    /// The Region in the host.
    pub region: &'a str,
    /// The DNS suffix in the host.
    pub suffix: &'a str,
}

/// Splits a lower-case host of the shape `[issuer-]cognito-idp.{region}.{suffix}`.
pub fn cognito_issuer_host(host: &str) -> Option<CognitoIssuer<'_>> {
    let (updated, rest) = match host.strip_prefix("issuer-cognito-idp.") {
        Some(r) => (true, r),
        None => (false, host.strip_prefix("cognito-idp.")?),
    };
    let (region, suffix) = rest.split_once('.')?;
    suffix.starts_with("amazonaws.").then_some(CognitoIssuer {
        updated,
        region,
        suffix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctx::{MappingKey, classify_mapping_key};

    #[test]
    fn member_names_follow_the_file_style() {
        let manifest = Loc::new(crate::source::FileId(0), "/clients/0", Default::default());
        let cfn = Loc::new(
            crate::source::FileId(0),
            "/Resources/Web/Properties",
            Default::default(),
        );
        assert_eq!(
            missing(&manifest, "callback_urls", "CallbackURLs").pointer,
            "/clients/0/callback_urls"
        );
        assert_eq!(
            missing(&cfn, "callback_urls", "CallbackURLs").pointer,
            "/Resources/Web/Properties/CallbackURLs"
        );
    }

    #[test]
    fn pool_id_shapes() {
        assert_eq!(pool_id_shape_problem("us-east-1_ExAmPlE12"), None);
        assert_eq!(pool_id_shape_problem("eusc-de-east-1_Abc"), None);
        assert_eq!(pool_id_shape_problem("us-gov-west-1_Abc"), None);
        assert!(pool_id_shape_problem("useast1_Abc").is_some());
        assert!(pool_id_shape_problem("us-east-1-Abc").is_some());
        assert!(pool_id_shape_problem("us-east-1_").is_some());
        assert!(pool_id_shape_problem("US-EAST-1_abc").is_some());
        assert!(pool_id_shape_problem("us-east-x_abc").is_some());
        assert!(is_known_region("eu-central-1"));
        assert!(!is_known_region("us-east-7"));
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder("https://cognito-idp.<REGION>.amazonaws.com/x"),
            Some("<REGION>")
        );
        assert_eq!(
            placeholder("https://cognito-idp.${AWS-REGION}.amazonaws.com"),
            Some("${AWS-REGION}")
        );
        assert_eq!(placeholder("https://x/{userPoolId}"), Some("{userPoolId}"));
        assert_eq!(placeholder("https://x/{}"), None);
        assert_eq!(
            placeholder("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X"),
            None
        );
    }

    #[test]
    fn issuer_hosts() {
        let i = cognito_issuer_host("cognito-idp.us-east-1.amazonaws.com").unwrap();
        assert_eq!(
            (i.updated, i.region, i.suffix),
            (false, "us-east-1", "amazonaws.com")
        );
        let u = cognito_issuer_host("issuer-cognito-idp.eu-west-1.amazonaws.com").unwrap();
        assert!(u.updated);
        assert_eq!(
            cognito_issuer_host("cognito-idp-fips.us-east-1.amazonaws.com"),
            None
        );
        assert_eq!(cognito_issuer_host("cognito-idp.us-east-1.example.com"), None);
    }

    #[test]
    fn mapping_keys() {
        let none = None;
        assert_eq!(
            classify_mapping_key("username", Some("sub"), Some("OIDC"), none, false),
            MappingKey::Username
        );
        assert_eq!(
            classify_mapping_key("username", Some("x"), Some("SAML"), none, false),
            MappingKey::Unknown(Some("preferred_username"))
        );
        assert_eq!(
            classify_mapping_key("email", Some("mail"), None, none, false),
            MappingKey::Standard
        );
        assert_eq!(
            classify_mapping_key("emailaddress", Some("email"), None, none, false),
            MappingKey::Inverted
        );
        assert_eq!(
            classify_mapping_key("Email", Some("email"), None, none, false),
            MappingKey::Unknown(Some("email"))
        );
        assert_eq!(
            classify_mapping_key("custom:x", Some("x"), None, none, false),
            MappingKey::Custom
        );
        assert_eq!(
            classify_mapping_key("custom:x", Some("x"), None, none, true),
            MappingKey::CustomMissing
        );
        assert_eq!(
            classify_mapping_key("Custom:x", Some("x"), None, none, true),
            MappingKey::NeedsPrefix("custom:x".into())
        );
        assert_eq!(
            classify_mapping_key("frobnicate", Some("x"), None, none, true),
            MappingKey::Unknown(None)
        );
    }

    #[test]
    fn scope_splitting_and_words() {
        assert_eq!(
            scope_tokens("openid,email  profile").collect::<Vec<_>>(),
            ["openid", "email", "profile"]
        );
        assert_eq!(normalise_word("Client Secret Post"), "client_secret_post");
    }
}
