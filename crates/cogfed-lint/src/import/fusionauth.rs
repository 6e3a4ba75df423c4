//! A FusionAuth OpenID Connect identity provider as its API returns it (seed guide "Cognito -> FusionAuth"):
//! `{"identityProvider": {"type": "OpenIDConnect", "oauth2": {"issuer", "client_id", "client_secret",
//! "clientAuthenticationMethod", "scope", "authorization_endpoint", ...}}}`.

use super::build;
use crate::de::{DeError, Loc, Located};
use crate::model::{Integration, RelyingParty, RelyingPartyKind};
use crate::node::{Node, join_pointer};
use crate::source::{FileId, Span};

fn provider(node: &Node) -> Option<(&str, &Node)> {
    let (pointer, idp) = match node.get("identityProvider") {
        Some(idp) => ("/identityProvider", idp),
        None => ("", node),
    };
    (idp.get("type").and_then(Node::as_str) == Some("OpenIDConnect") && idp.get("oauth2").is_some())
        .then_some((pointer, idp))
}

/// Whether `node` is a FusionAuth OpenID Connect identity provider.
pub fn is_fusionauth(node: &Node) -> bool {
    provider(node).is_some()
}

/// Reads the identity provider as a relying party of Cognito.
pub fn import(file: FileId, text: &str, node: &Node) -> Result<Integration, DeError> {
    let Some((base, idp)) = provider(node) else {
        return Ok(Integration::default());
    };
    let oauth_pointer = join_pointer(base, "oauth2");
    let oauth = idp.get("oauth2").unwrap_or(idp);
    let field = |key: &str| build::field(file, &oauth_pointer, oauth, key);
    let root = Loc::new(file, base, Span::point(idp.span.start));
    let has_client_secret = Some(match oauth.entry("client_secret") {
        Some((_, v)) => Located::known(
            Loc::new(file, join_pointer(&oauth_pointer, "client_secret"), v.span),
            v.as_str().is_none_or(|s| !s.is_empty()),
        ),
        None => Located::known(
            Loc::new(file, oauth_pointer.clone(), Span::point(oauth.span.start)),
            false,
        ),
    });
    let scopes = oauth.get("scope").map(|v| {
        let pointer = join_pointer(&oauth_pointer, "scope");
        Located::known(
            Loc::new(file, pointer.clone(), v.span),
            build::split(file, text, &pointer, v, ' '),
        )
    });
    let authorization_endpoint = field("authorization_endpoint");
    let issuer = field("issuer");
    let discover = issuer.is_some() && authorization_endpoint.is_none();
    let rp = RelyingParty {
        name: build::field(file, base, idp, "name")
            .or_else(|| Some(Located::known(root.clone(), "fusionauth".into()))),
        kind: Some(Located::known(root.clone(), RelyingPartyKind::Fusionauth)),
        issuer,
        client_id: field("client_id"),
        has_client_secret,
        client_auth_method: field("clientAuthenticationMethod"),
        callback_url: None,
        scopes,
        discover_endpoints: Some(Located::known(root.clone(), discover)),
        pkce: None,
        authorization_endpoint,
        token_endpoint: field("token_endpoint"),
        userinfo_endpoint: field("userinfo_endpoint"),
    };
    Ok(Integration {
        relying_parties: vec![Located::known(root, rp)],
        ..Integration::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::de::{items, known, known_str};
    use crate::parse::parse_json;

    #[test]
    fn reads_the_api_shape() {
        let text = r#"{"identityProvider": {"type": "OpenIDConnect", "name": "Cognito", "oauth2": {
            "client_id": "abc", "client_secret": "s", "clientAuthenticationMethod": "client_secret_basic",
            "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X", "scope": "openid email"}}}"#;
        let root = parse_json(text).unwrap();
        assert!(is_fusionauth(&root));
        let i = import(FileId(0), text, &root).unwrap();
        let rp = i.relying_parties[0].get().unwrap();
        assert_eq!(known_str(&rp.client_auth_method), Some("client_secret_basic"));
        assert_eq!(known(&rp.discover_endpoints), Some(&true));
        let scopes = items(&rp.scopes);
        assert_eq!(scopes[1].as_str(), Some("email"));
        assert_eq!(&text[scopes[1].loc.span.start..scopes[1].loc.span.end], "email");
        assert_eq!(
            rp.client_id.as_ref().unwrap().loc.pointer,
            "/identityProvider/oauth2/client_id"
        );
    }
}
