//! Facts derived once from an [`Integration`] that many rules need, with hash indexes so every rule stays
//! linear in the size of the input (the benchmark lints 1,000 clients x 100 callback URLs).

use crate::de::{Loc, Located, Resolved, items, known, known_str};
use crate::model::{
    AppClient, IdentityProvider, Integration, List, RelyingParty, SchemaAttribute, SpaSettings, UpstreamIdp,
    UserPool,
};
use crate::uri::{Uri, host_of};
use std::collections::{HashMap, HashSet};

/// Standard user pool attributes (OIDC standard claims plus Cognito's own), cognito-facts §3.2, §7.4.
pub const STANDARD_ATTRIBUTES: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "identities",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "sub",
    "updated_at",
    "website",
    "zoneinfo",
];

/// Scopes Cognito defines itself (cognito-facts §4 AllowedOAuthScopes).
pub const RESERVED_SCOPES: &[&str] = &[
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

/// Provider names that need no identity provider resource (cognito-facts §4 SupportedIdentityProviders).
pub const BUILTIN_PROVIDERS: &[&str] = &["COGNITO"];

/// A domain of the pool, as the hostname browsers use.
#[derive(Debug, Clone)]
pub struct PoolDomain {
    /// Lower-case hostname (`myapp.auth.us-east-1.amazoncognito.com`, or the custom FQDN).
    pub host: String,
    /// Whether it is a custom domain.
    pub custom: bool,
    /// Where it is configured.
    pub loc: Loc,
}

/// Why a client counts as one a browser uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserReason {
    /// The SPA settings name it.
    SpaSettings,
    /// No secret, a front-channel OAuth flow and web callback URLs.
    PublicWebClient,
}

/// An identity provider whose upstream registration is among the inputs, with both issuers known: the one
/// Cognito is given (`provider_details.oidc_issuer`) and the one the IdP's tokens carry (its discovery
/// `issuer`). The join the issuer rules share.
#[derive(Debug, Clone, Copy)]
pub struct IdpIssuerPair<'a> {
    /// The provider's name.
    pub provider_name: &'a str,
    /// `oidc_issuer` as configured in the pool.
    pub configured: &'a Located<String>,
    /// The upstream registration's `issuer`.
    pub actual: &'a Located<String>,
}

impl<'a> IdpIssuerPair<'a> {
    /// The configured issuer's text.
    pub fn configured_str(&self) -> &'a str {
        self.configured.as_str().unwrap_or_default()
    }

    /// The IdP's issuer's text.
    pub fn actual_str(&self) -> &'a str {
        self.actual.as_str().unwrap_or_default()
    }
}

/// What an `AttributeMapping` key is (cognito-facts §5.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingKey {
    /// `username` on an OIDC or social provider (the `sub` link).
    Username,
    /// A standard attribute (`email`, `name`, ...).
    Standard,
    /// `custom:x` present in the schema (or the schema is not known).
    Custom,
    /// `custom:x` absent from a known schema.
    CustomMissing,
    /// Written without the `custom:` prefix, or with a wrongly cased one; the corrected key.
    NeedsPrefix(String),
    /// Looks inverted: the key is an IdP claim and the value a pool attribute.
    Inverted,
    /// Anything else; a suggestion when one is close.
    Unknown(Option<&'static str>),
}

impl MappingKey {
    /// Whether the key is a valid mapping target (so rules about writability and mutability apply to it).
    pub fn is_valid_target(&self) -> bool {
        matches!(self, MappingKey::Standard | MappingKey::Custom)
    }
}

/// One `AttributeMapping` entry of an identity provider, its key classified against the pool schema once per
/// run: the join the mapping rules share.
#[derive(Debug, Clone)]
pub struct MappingEntry<'a> {
    /// The provider.
    pub idp: &'a IdentityProvider,
    /// The pool attribute, as written (the key).
    pub key: &'a Located<String>,
    /// The key's text.
    pub attribute: &'a str,
    /// The IdP claim (the value).
    pub claim: &'a Located<String>,
    /// What the key is.
    pub class: MappingKey,
}

/// Which URI of the SPA settings, and so which list of its app client must register it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpaUriKind {
    /// `redirect_uri`, registered in `CallbackURLs`.
    Redirect,
    /// `logout_uri`, registered in `LogoutURLs`.
    Logout,
}

/// A URI the SPA sends, joined with the list of its app client that must hold it byte for byte.
#[derive(Debug, Clone)]
pub struct SpaUri<'a> {
    /// Which one.
    pub kind: SpaUriKind,
    /// The SPA's value.
    pub value: &'a Located<String>,
    /// Its text.
    pub uri: &'a str,
    /// The client (index into `integration.clients`).
    pub client: usize,
    /// The client's list (`CallbackURLs` or `LogoutURLs`), when set.
    pub list: &'a List<String>,
    /// The known entries of the list.
    pub registered: Vec<&'a str>,
    /// Whether the list is known entry by entry, so "not registered" can be decided.
    pub complete: bool,
}

impl SpaUri<'_> {
    /// Whether the list holds the URI exactly.
    pub fn is_registered(&self) -> bool {
        self.registered.contains(&self.uri)
    }
}

/// Derived facts; built once per lint run.
pub struct Ctx<'a> {
    /// The model.
    pub integration: &'a Integration,
    /// The pool, when known.
    pub pool: Option<&'a UserPool>,
    /// Where the pool is configured.
    pub pool_loc: Option<&'a Loc>,
    /// The pool id, when known.
    pub pool_id: Option<&'a str>,
    /// The Region: the pool's `region`, else the part of the pool id before `_`.
    pub region: Option<String>,
    /// The issuer Cognito puts in tokens (cognito-facts §2.4), when the pool id is known.
    pub expected_issuer: Option<String>,
    /// Every domain of the pool, deduplicated by host.
    pub domains: Vec<PoolDomain>,
    /// Whether some domain could not be resolved to a host (a CloudFormation `!Ref`, or a prefix without a
    /// known Region), so "not a domain of the pool" cannot be decided.
    pub domains_incomplete: bool,
    /// Known app clients: (index into `integration.clients`, client).
    clients: Vec<(usize, &'a AppClient, &'a Loc)>,
    by_client_id: HashMap<&'a str, usize>,
    by_client_name: HashMap<&'a str, Vec<usize>>,
    /// The client the SPA settings use (index into `integration.clients`).
    pub spa_client: Option<usize>,
    browser: HashMap<usize, BrowserReason>,
    /// Known provider names of the pool's identity providers.
    pub provider_names: HashSet<&'a str>,
    /// Whether some identity provider's name is unknown, or the inputs may not hold every provider of the pool
    /// (so "does not exist" cannot be decided).
    pub provider_names_incomplete: bool,
    /// Every `{identifier}/{scope_name}` defined by a resource server.
    pub custom_scopes: HashSet<String>,
    /// The identifiers of the resource servers read (each lists all its scopes).
    pub resource_server_ids: HashSet<&'a str>,
    /// Whether some resource server identifier or scope is unknown.
    pub custom_scopes_incomplete: bool,
    /// Whether the inputs hold every resource server of the pool (a template or manifest defines the pool, or
    /// `list-resource-servers` output), so a scope of no known server is undefined (issue 12).
    pub resource_servers_complete: bool,
    /// Whether the inputs hold every identity provider of the pool (as for resource servers).
    pub identity_providers_complete: bool,
    upstream_by_provider: HashMap<&'a str, &'a Located<UpstreamIdp>>,
    /// The pool's schema attributes by name, when the pool and its schema are known.
    pub schema: Option<HashMap<&'a str, &'a SchemaAttribute>>,
    /// Whether the schema is complete enough to say "this custom attribute does not exist": the pool gives its
    /// `schema_attributes` and every entry's name is known (a pool described without them says nothing).
    pub schema_complete: bool,
    idp_issuers: Vec<IdpIssuerPair<'a>>,
    mapping: Vec<MappingEntry<'a>>,
}

impl<'a> Ctx<'a> {
    /// Derives the facts.
    pub fn new(integration: &'a Integration) -> Self {
        let pool_located = integration.user_pool.as_ref();
        let pool = pool_located.and_then(Located::get);
        let pool_id = pool.and_then(|p| known_str(&p.id));
        let region = pool
            .and_then(|p| known_str(&p.region))
            .map(str::to_string)
            .or_else(|| {
                pool_id
                    .and_then(|id| id.split_once('_'))
                    .map(|(r, _)| r.to_string())
                    .filter(|r| !r.is_empty())
            });
        let updated = pool
            .and_then(|p| known(&p.issuer_configuration))
            .and_then(|ic| known_str(&ic.r#type))
            .is_some_and(|t| t == "UPDATED");
        let expected_issuer = match (pool_id, &region) {
            (Some(id), Some(r)) => Some(if updated {
                format!("https://issuer-cognito-idp.{r}.amazonaws.com/{id}")
            } else {
                format!("https://cognito-idp.{r}.amazonaws.com/{id}")
            }),
            _ => None,
        };

        let mut ctx = Ctx {
            integration,
            pool,
            pool_loc: pool_located.map(|l| &l.loc),
            pool_id,
            region,
            expected_issuer,
            domains: Vec::new(),
            domains_incomplete: false,
            clients: Vec::new(),
            by_client_id: HashMap::new(),
            by_client_name: HashMap::new(),
            spa_client: None,
            browser: HashMap::new(),
            provider_names: HashSet::new(),
            provider_names_incomplete: false,
            custom_scopes: HashSet::new(),
            resource_server_ids: HashSet::new(),
            custom_scopes_incomplete: false,
            resource_servers_complete: false,
            identity_providers_complete: false,
            upstream_by_provider: HashMap::new(),
            schema: None,
            schema_complete: false,
            idp_issuers: Vec::new(),
            mapping: Vec::new(),
        };
        let listed = pool.map_or(integration.listed, |p| p.listed.or(integration.listed));
        ctx.resource_servers_complete = listed.resource_servers;
        ctx.identity_providers_complete = listed.identity_providers;
        ctx.index_domains();
        ctx.index_clients();
        ctx.index_providers();
        ctx.index_scopes();
        ctx.index_schema();
        ctx.index_mapping();
        ctx
    }

    fn index_schema(&mut self) {
        let attrs = self
            .pool
            .and_then(|p| p.schema_attributes.as_ref())
            .and_then(Located::get);
        self.schema_complete = attrs.is_some_and(|v| {
            v.iter()
                .all(|a| a.get().is_some_and(|a| known_str(&a.name).is_some()))
        });
        self.schema = attrs.and_then(|attrs| {
            let mut out = HashMap::with_capacity(attrs.len());
            for a in attrs {
                let attr = a.get()?;
                out.insert(known_str(&attr.name)?, attr);
            }
            Some(out)
        });
    }

    fn index_mapping(&mut self) {
        let integration = self.integration;
        for idp in integration.identity_providers.iter().filter_map(Located::get) {
            let Some(map) = known(&idp.attribute_mapping) else {
                continue;
            };
            let ptype = known_str(&idp.provider_type);
            for (key, claim) in map.iter() {
                let Some(attribute) = key.as_str() else { continue };
                let class = classify_mapping_key(
                    attribute,
                    claim.as_str(),
                    ptype,
                    self.schema.as_ref(),
                    self.schema_complete,
                );
                self.mapping.push(MappingEntry {
                    idp,
                    key,
                    attribute,
                    claim,
                    class,
                });
            }
        }
    }

    /// Every `AttributeMapping` entry whose key is known, in input order, classified against the schema.
    pub fn mapping_entries(&self) -> &[MappingEntry<'a>] {
        &self.mapping
    }

    /// Every identity provider whose `oidc_issuer` and upstream registration `issuer` are both known.
    pub fn idp_issuer_pairs(&self) -> &[IdpIssuerPair<'a>] {
        &self.idp_issuers
    }

    /// The SPA's `redirect_uri` or `logout_uri` with its client's list, when the SPA settings, their client
    /// and the URI are all known.
    pub fn spa_uri(&self, kind: SpaUriKind) -> Option<SpaUri<'a>> {
        let spa = self.spa()?;
        let client_index = self.spa_client?;
        let client = self.client(client_index)?;
        let (value, list) = match kind {
            SpaUriKind::Redirect => (spa.redirect_uri.as_ref()?, &client.callback_urls),
            SpaUriKind::Logout => (spa.logout_uri.as_ref()?, &client.logout_urls),
        };
        let uri = value.as_str()?;
        let complete = match list {
            Some(l) => l.get().is_some_and(|v| v.iter().all(|i| !i.is_unknown())),
            None => true,
        };
        Some(SpaUri {
            kind,
            value,
            uri,
            client: client_index,
            list,
            registered: items(list).iter().filter_map(Located::as_str).collect(),
            complete,
        })
    }

    /// The pool attributes every identity provider must map: required schema attributes (except `sub`, which
    /// Cognito assigns) and the username attributes (cognito-facts §5.4), each with where it is declared.
    pub fn required_attributes(&self) -> Vec<(&'a str, &'a Loc)> {
        let mut out: Vec<(&str, &Loc)> = Vec::new();
        let Some(pool) = self.pool else { return out };
        for a in items(&pool.schema_attributes) {
            let Some(attr) = a.get() else { continue };
            let Some(name) = known_str(&attr.name) else {
                continue;
            };
            if name == "sub" || known(&attr.required) != Some(&true) {
                continue;
            }
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, &a.loc));
            }
        }
        for u in items(&pool.username_attributes) {
            if let Some(name) = u.as_str()
                && !out.iter().any(|(n, _)| *n == name)
            {
                out.push((name, &u.loc));
            }
        }
        out
    }

    fn add_domain(&mut self, value: &Located<String>, custom_hint: bool) {
        let Some(v) = value.as_str() else {
            self.domains_incomplete = true;
            return;
        };
        let is_fqdn = v.contains('.') || custom_hint;
        let host = if is_fqdn {
            host_of(v)
        } else {
            self.region
                .as_ref()
                .map(|r| format!("{}.auth.{r}.amazoncognito.com", v.to_ascii_lowercase()))
        };
        match host {
            Some(host) if !self.domains.iter().any(|d| d.host == host) => self.domains.push(PoolDomain {
                host,
                custom: is_fqdn,
                loc: value.loc.clone(),
            }),
            Some(_) => {}
            None => self.domains_incomplete = true,
        }
    }

    fn index_domains(&mut self) {
        if let Some(pool) = self.pool {
            if let Some(d) = &pool.domain {
                self.add_domain(d, false);
            }
            if let Some(d) = &pool.custom_domain {
                self.add_domain(d, true);
            }
        }
        for d in &self.integration.domains {
            match d.get().and_then(|d| d.domain.as_ref()) {
                Some(value) => self.add_domain(value, false),
                None => self.domains_incomplete = true,
            }
        }
    }

    fn index_clients(&mut self) {
        for (i, c) in self.integration.clients.iter().enumerate() {
            let Some(client) = c.get() else { continue };
            self.clients.push((i, client, &c.loc));
            if let Some(id) = known_str(&client.client_id) {
                self.by_client_id.insert(id, i);
            }
            if let Some(name) = known_str(&client.client_name) {
                self.by_client_name.entry(name).or_default().push(i);
            }
        }
        self.spa_client = self
            .spa()
            .and_then(|s| known_str(&s.client_id))
            .and_then(|id| self.client_by_id_or_name(id));
        if self.spa_client.is_none()
            && self.spa().is_some()
            && self.clients.len() == 1
            && self.spa().is_some_and(|s| s.client_id.is_none())
        {
            self.spa_client = self.clients.first().map(|(i, _, _)| *i);
        }
        if let Some(i) = self.spa_client {
            self.browser.insert(i, BrowserReason::SpaSettings);
        }
        let rp_clients: HashSet<usize> = self
            .integration
            .relying_parties
            .iter()
            .filter_map(|rp| rp.get().and_then(|rp| known_str(&rp.client_id)))
            .filter_map(|id| self.client_by_id_or_name(id))
            .collect();
        for &(i, client, _) in &self.clients {
            if self.browser.contains_key(&i) || rp_clients.contains(&i) {
                continue;
            }
            if looks_like_public_web_client(client) {
                self.browser.insert(i, BrowserReason::PublicWebClient);
            }
        }
    }

    fn index_providers(&mut self) {
        for idp in &self.integration.identity_providers {
            match idp.get().map(|p| known_str(&p.provider_name)) {
                Some(Some(name)) => {
                    self.provider_names.insert(name);
                }
                _ => self.provider_names_incomplete = true,
            }
        }
        if !self.identity_providers_complete {
            self.provider_names_incomplete = true;
        }
        for up in &self.integration.upstream_idps {
            if let Some(name) = up.get().and_then(|u| known_str(&u.provider_name)) {
                self.upstream_by_provider.entry(name).or_insert(up);
            }
        }
        for idp in self
            .integration
            .identity_providers
            .iter()
            .filter_map(Located::get)
        {
            let Some(provider_name) = known_str(&idp.provider_name) else {
                continue;
            };
            let Some(configured) = known(&idp.provider_details).and_then(|d| d.get("oidc_issuer")) else {
                continue;
            };
            let actual = self
                .upstream_by_provider
                .get(provider_name)
                .and_then(|up| up.get())
                .and_then(|up| up.issuer.as_ref());
            if let Some(actual) = actual
                && configured.as_str().is_some()
                && actual.as_str().is_some()
            {
                self.idp_issuers.push(IdpIssuerPair {
                    provider_name,
                    configured,
                    actual,
                });
            }
        }
    }

    fn index_scopes(&mut self) {
        for rs in &self.integration.resource_servers {
            let Some(rs) = rs.get() else {
                self.custom_scopes_incomplete = true;
                continue;
            };
            let Some(identifier) = known_str(&rs.identifier) else {
                self.custom_scopes_incomplete = true;
                continue;
            };
            self.resource_server_ids.insert(identifier);
            if matches!(rs.scopes.as_ref().map(|s| &s.value), Some(Resolved::Unknown(_))) {
                self.custom_scopes_incomplete = true;
            }
            for scope in items(&rs.scopes) {
                match scope.get().and_then(|s| known_str(&s.scope_name)) {
                    Some(name) => {
                        self.custom_scopes.insert(format!("{identifier}/{name}"));
                    }
                    None => self.custom_scopes_incomplete = true,
                }
            }
        }
    }

    /// The SPA settings, when given and known.
    pub fn spa(&self) -> Option<&'a SpaSettings> {
        self.integration.spa.as_ref().and_then(Located::get)
    }

    /// Known app clients: (index, client, location of the client).
    pub fn clients(&self) -> &[(usize, &'a AppClient, &'a Loc)] {
        &self.clients
    }

    /// The client at `index` of `integration.clients`, when known.
    pub fn client(&self, index: usize) -> Option<&'a AppClient> {
        self.integration.clients.get(index).and_then(Located::get)
    }

    /// A client by client id, else by client name (when the name is unique).
    pub fn client_by_id_or_name(&self, id_or_name: &str) -> Option<usize> {
        if let Some(i) = self.by_client_id.get(id_or_name) {
            return Some(*i);
        }
        match self.by_client_name.get(id_or_name).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        }
    }

    /// Why client `index` is used by a browser, if it is: named by the SPA settings, or a public client with
    /// a front-channel flow and web callback URLs that no relying party uses.
    pub fn browser_reason(&self, index: usize) -> Option<BrowserReason> {
        self.browser.get(&index).copied()
    }

    /// Whether the users of client `index` sign in at the managed login page in a browser: it allows a
    /// front-channel flow (`code` or `implicit`) and has a web callback URL, whatever its secret (a server-side
    /// web app with a secret is driven by a browser too; issue 12).
    pub fn hosted_ui_sign_in(&self, index: usize) -> bool {
        self.client(index).is_some_and(|c| {
            items(&c.allowed_oauth_flows)
                .iter()
                .any(|f| matches!(f.as_str(), Some("code" | "implicit")))
                && items(&c.callback_urls)
                    .iter()
                    .filter_map(Located::as_str)
                    .any(|u| Uri::parse(u).is_web())
        })
    }

    /// Known relying parties.
    pub fn relying_parties(&self) -> impl Iterator<Item = (&'a RelyingParty, &'a Loc)> {
        self.integration
            .relying_parties
            .iter()
            .filter_map(|rp| rp.get().map(|r| (r, &rp.loc)))
    }

    /// Known identity providers.
    pub fn identity_providers(&self) -> impl Iterator<Item = (&'a IdentityProvider, &'a Loc)> {
        self.integration
            .identity_providers
            .iter()
            .filter_map(|p| p.get().map(|x| (x, &p.loc)))
    }

    /// The upstream registration serving provider `name`.
    pub fn upstream_for(&self, name: &str) -> Option<&'a Located<UpstreamIdp>> {
        self.upstream_by_provider.get(name).copied()
    }

    /// Whether `host` is one of the pool's domains or any `*.amazoncognito.com` host.
    pub fn is_hosted_ui_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        host.ends_with(".amazoncognito.com") || self.domains.iter().any(|d| d.host == host)
    }

    /// Every redirect-type URL of every known client: (client index, API field name, value).
    pub fn client_urls(&self) -> impl Iterator<Item = (usize, &'static str, &'a Located<String>)> + '_ {
        self.clients.iter().flat_map(|&(i, c, _)| {
            items(&c.callback_urls)
                .iter()
                .map(move |u| (i, "CallbackURLs", u))
                .chain(items(&c.logout_urls).iter().map(move |u| (i, "LogoutURLs", u)))
                .chain(
                    c.default_redirect_uri
                        .iter()
                        .map(move |u| (i, "DefaultRedirectURI", u)),
                )
        })
    }

    /// A name for client `index` in messages: `client "web" (7lhdbv12...)`.
    pub fn client_label(&self, index: usize) -> String {
        match self.client(index) {
            Some(c) => match (known_str(&c.client_name), known_str(&c.client_id)) {
                (Some(n), _) => format!("app client `{n}`"),
                (None, Some(id)) => format!("app client `{id}`"),
                (None, None) => format!("app client #{}", index + 1),
            },
            None => format!("app client #{}", index + 1),
        }
    }
}

/// Classifies `key` (mapped from claim `value`) for provider type `ptype` against the pool schema.
pub fn classify_mapping_key(
    key: &str,
    value: Option<&str>,
    ptype: Option<&str>,
    schema: Option<&HashMap<&str, &SchemaAttribute>>,
    schema_complete: bool,
) -> MappingKey {
    if key == "username" {
        // SAML has no `username` target: "Invalid user attributes: username: Attribute does not exist in
        // the schema" (cognito-facts §8.D30).
        return if ptype == Some("SAML") {
            MappingKey::Unknown(Some("preferred_username"))
        } else {
            MappingKey::Username
        };
    }
    if STANDARD_ATTRIBUTES.contains(&key) {
        return MappingKey::Standard;
    }
    if let Some(name) = key.strip_prefix("custom:") {
        let exists = schema.is_some_and(|s| s.contains_key(key));
        return if exists || (!schema_complete && !name.is_empty()) {
            MappingKey::Custom
        } else {
            MappingKey::CustomMissing
        };
    }
    if let Some(prefix) = key.get(..7)
        && prefix.eq_ignore_ascii_case("custom:")
    {
        return MappingKey::NeedsPrefix(format!("custom:{}", key.get(7..).unwrap_or("")));
    }
    let prefixed = format!("custom:{key}");
    if schema.is_some_and(|s| s.contains_key(prefixed.as_str())) {
        return MappingKey::NeedsPrefix(prefixed);
    }
    let case_typo = STANDARD_ATTRIBUTES
        .iter()
        .find(|a| a.eq_ignore_ascii_case(key))
        .copied();
    if case_typo.is_none()
        && value
            .is_some_and(|v| STANDARD_ATTRIBUTES.contains(&v) || v.starts_with("custom:") || v == "username")
    {
        return MappingKey::Inverted;
    }
    MappingKey::Unknown(case_typo.or_else(|| crate::util::suggest(key, STANDARD_ATTRIBUTES.iter().copied())))
}

/// No secret, `code` or `implicit` allowed, and at least one http(s) callback URL that is not loopback-only:
/// the shape of a browser (SPA) client.
fn looks_like_public_web_client(c: &AppClient) -> bool {
    let no_secret = known(&c.generate_secret) != Some(&true)
        && c.client_secret.is_none()
        && !c.generate_secret.as_ref().is_some_and(Located::is_unknown);
    let front_channel = items(&c.allowed_oauth_flows)
        .iter()
        .any(|f| matches!(f.as_str(), Some("code" | "implicit")));
    let web_callback = items(&c.callback_urls)
        .iter()
        .filter_map(Located::as_str)
        .any(|u| Uri::parse(u).is_web());
    no_secret && front_channel && web_callback
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::load;
    use crate::source::SourceFile;

    fn ctx_of(toml: &str) -> Integration {
        load(vec![SourceFile::new("m.toml", toml)]).unwrap().integration
    }

    #[test]
    fn derives_issuer_domains_and_clients() {
        let i = ctx_of(
            "version = 1\n[user_pool]\nid = \"eu-west-1_AbC\"\ndomain = \"myapp\"\ncustom_domain = \"Auth.Example.com\"\n\
             [[clients]]\nclient_id = \"abc\"\nclient_name = \"web\"\nallowed_oauth_flows = [\"code\"]\ncallback_urls = [\"https://app/cb\"]\n\
             [[clients]]\nclient_name = \"m2m\"\ngenerate_secret = true\nallowed_oauth_flows = [\"client_credentials\"]\n\
             [[resource_servers]]\nidentifier = \"https://api\"\nscopes = [{scope_name = \"read\"}]\n\
             [spa]\nclient_id = \"web\"\n",
        );
        let ctx = Ctx::new(&i);
        assert_eq!(
            ctx.expected_issuer.as_deref(),
            Some("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC")
        );
        let hosts: Vec<_> = ctx.domains.iter().map(|d| d.host.as_str()).collect();
        assert_eq!(
            hosts,
            ["myapp.auth.eu-west-1.amazoncognito.com", "auth.example.com"]
        );
        assert_eq!(ctx.spa_client, Some(0));
        assert_eq!(ctx.browser_reason(0), Some(BrowserReason::SpaSettings));
        assert_eq!(ctx.browser_reason(1), None);
        assert!(ctx.custom_scopes.contains("https://api/read"));
        assert!(ctx.is_hosted_ui_host("AUTH.example.com"));
    }
}
