//! From the linter's integration model (the manifest `cogfed lint` reads, `crates/cogfed-lint`) to a
//! [`LocalConfig`]. Field names are the same on both sides, so this is a field-by-field copy plus
//! Cognito's defaults; errors name the manifest field by its JSON pointer.
//!
//! Where the pieces come from:
//! - pool, clients, identity providers, resource servers: their manifest sections as they are;
//! - local users: `[local].users`;
//! - upstream personas: `[local].upstreams` (users, `omit_claims`), joined by `provider_name` with
//!   `[[upstream_idps]]` (issuer, client, redirect URIs, accepted token endpoint auth methods, userinfo
//!   strategy, token_type) and with the pool's `[[identity_providers]]` (the client secret Cognito sends,
//!   which the persona therefore accepts).

use crate::config::*;
use crate::validate::ConfigError;
use cogfed_lint::de::{Loc, Located, StrMap, items, known, known_str, known_strs};
use cogfed_lint::model::{self, Integration};
use std::collections::BTreeMap;

/// The addresses a manifest is served under: personas' defaults and Cognito's idpresponse URL depend on them.
#[derive(Debug, Clone)]
pub struct ServedUrls {
    /// Cognito side base URL.
    pub cognito_base: String,
    /// Upstream side base URL.
    pub upstream_base: String,
}

/// Ports and issuer base the manifest's `[local]` section asks for (`None` where it is silent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestPorts {
    /// `[local].port`.
    pub cognito: Option<u16>,
    /// The `port` shared by every `[[local.upstreams]]`, when they name one.
    pub upstream: Option<u16>,
    /// `[local].issuer_base`.
    pub issuer_base: Option<String>,
}

fn pointer(loc: &Loc) -> String {
    if loc.pointer.is_empty() {
        "/".into()
    } else {
        loc.pointer.clone()
    }
}

fn err(loc: &Loc, message: impl Into<String>) -> ConfigError {
    ConfigError {
        path: pointer(loc),
        message: message.into(),
    }
}

fn value<T>(l: &Located<T>) -> Result<&T, ConfigError> {
    l.get().ok_or_else(|| {
        err(
            &l.loc,
            "is not known statically (an unresolved reference); Local Cognito needs a value",
        )
    })
}

fn required_str(field: &Option<Located<String>>, parent: &Loc, name: &str) -> Result<String, ConfigError> {
    match field {
        Some(l) => Ok(value(l)?.clone()),
        None => Err(err(&parent.child(name), "is required by Local Cognito")),
    }
}

fn strings(field: &Option<Located<Vec<Located<String>>>>) -> Vec<String> {
    known_strs(field).map(str::to_owned).collect()
}

fn opt_strings(field: &Option<Located<Vec<Located<String>>>>) -> Option<Vec<String>> {
    field.as_ref().map(|_| strings(field))
}

fn str_map(field: &Option<Located<StrMap<String>>>) -> BTreeMap<String, String> {
    match known(field) {
        Some(m) => m
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.as_str()?.to_owned())))
            .collect(),
        None => BTreeMap::new(),
    }
}

fn validity(field: &Option<Located<i64>>) -> Result<Option<u64>, ConfigError> {
    match field {
        None => Ok(None),
        Some(l) => u64::try_from(*value(l)?)
            .map(Some)
            .map_err(|_| err(&l.loc, "must not be negative")),
    }
}

fn unit(field: Option<&Located<String>>, default: ValidityUnit) -> Result<ValidityUnit, ConfigError> {
    match field {
        None => Ok(default),
        Some(l) => ValidityUnit::parse(value(l)?)
            .ok_or_else(|| err(&l.loc, "must be seconds, minutes, hours or days")),
    }
}

/// A JSON attribute value as Cognito stores it: a string.
fn attribute_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn attributes(
    field: &Option<Located<StrMap<serde_json::Value>>>,
) -> serde_json::Map<String, serde_json::Value> {
    match known(field) {
        Some(m) => m
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.get()?.clone())))
            .collect(),
        None => serde_json::Map::new(),
    }
}

/// A manifest file read with the linter's loader (`cogfed_lint::load`), ready to configure Local Cognito.
#[derive(Debug, Clone)]
pub struct LoadedManifest {
    integration: Integration,
}

impl LoadedManifest {
    /// Loads one manifest file (TOML, YAML or JSON) given its display name and text. Errors are the loader's,
    /// one line each with file, line and column.
    pub fn load(name: &str, text: String) -> Result<Self, Vec<String>> {
        cogfed_lint::load(vec![cogfed_lint::SourceFile::new(name, text)])
            .map(|loaded| LoadedManifest {
                integration: loaded.integration,
            })
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    /// Loads several files as one integration, as `cogfed lint` reads a folder: a Terraform configuration
    /// (`.tf`, `.tfvars`, `terraform output -json` for the ids Cognito assigned) with a manifest for what
    /// Terraform does not describe (`[local]` users, the upstream IdP's registration, the SPA). Every file must
    /// be an input that reads; errors are the loader's.
    pub fn load_files(files: Vec<cogfed_lint::SourceFile>) -> Result<Self, Vec<String>> {
        cogfed_lint::load(files)
            .map(|loaded| LoadedManifest {
                integration: loaded.integration,
            })
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    /// The integration model.
    pub fn integration(&self) -> &Integration {
        &self.integration
    }

    /// What `[local]` says about ports and the issuer base.
    pub fn ports(&self) -> ManifestPorts {
        ManifestPorts::from_integration(&self.integration)
    }

    /// The configuration, served under `urls`.
    pub fn config(&self, urls: &ServedUrls) -> Result<LocalConfig, ConfigError> {
        LocalConfig::from_integration(&self.integration, urls)
    }
}

impl ManifestPorts {
    /// Reads `[local]`.
    pub fn from_integration(i: &Integration) -> Self {
        let Some(local) = i.local.as_ref().and_then(Located::get) else {
            return ManifestPorts::default();
        };
        let upstream_ports: Vec<u16> = local
            .upstreams
            .iter()
            .filter_map(|u| u.get().and_then(|u| known(&u.port)).copied())
            .collect();
        let upstream = upstream_ports
            .first()
            .copied()
            .filter(|first| upstream_ports.iter().all(|p| p == first));
        ManifestPorts {
            cognito: known(&local.port).copied(),
            upstream,
            issuer_base: known_str(&local.issuer_base).map(str::to_owned),
        }
    }
}

impl LocalConfig {
    /// The configuration an integration manifest describes, served under `urls`.
    pub fn from_integration(i: &Integration, urls: &ServedUrls) -> Result<LocalConfig, ConfigError> {
        let root = Loc::default();
        let pool = i
            .user_pool
            .as_ref()
            .ok_or_else(|| err(&root.child("user_pool"), "is required by Local Cognito"))?;
        let user_pool = pool_config(value(pool)?, &pool.loc)?;
        let clients = i
            .clients
            .iter()
            .map(|c| client_config(value(c)?, &c.loc))
            .collect::<Result<_, _>>()?;
        let mut identity_providers = i
            .identity_providers
            .iter()
            .map(|p| idp_config(value(p)?, &p.loc))
            .collect::<Result<Vec<_>, _>>()?;
        let resource_servers = i
            .resource_servers
            .iter()
            .map(|r| resource_server(value(r)?, &r.loc))
            .collect::<Result<_, _>>()?;
        let (users, upstream_personas) = match &i.local {
            None => (vec![], vec![]),
            Some(l) => {
                let local = value(l)?;
                let users = local
                    .users
                    .iter()
                    .map(|u| pool_user(value(u)?, &u.loc))
                    .collect::<Result<_, _>>()?;
                let mut personas = vec![];
                for u in &local.upstreams {
                    personas.push(persona(value(u)?, &u.loc, i, &mut identity_providers, urls)?);
                }
                (users, personas)
            }
        };
        Ok(LocalConfig {
            user_pool,
            clients,
            identity_providers,
            resource_servers,
            users,
            upstream_personas,
        })
    }
}

fn pool_config(p: &model::UserPool, at: &Loc) -> Result<UserPoolConfig, ConfigError> {
    let id = required_str(&p.id, at, "id")?;
    let region = known_str(&p.region)
        .map(str::to_owned)
        .unwrap_or_else(|| id.split('_').next().unwrap_or_default().to_owned());
    let schema_attributes = items(&p.schema_attributes)
        .iter()
        .filter_map(Located::get)
        .filter_map(|a| {
            Some(SchemaAttributeConfig {
                name: known_str(&a.name)?.to_owned(),
                required: known(&a.required).copied().unwrap_or(false),
                mutable: known(&a.mutable).copied().unwrap_or(true),
            })
        })
        .collect();
    Ok(UserPoolConfig {
        id,
        region,
        username_attributes: strings(&p.username_attributes),
        schema_attributes,
    })
}

fn client_config(c: &model::AppClient, at: &Loc) -> Result<AppClientConfig, ConfigError> {
    let client_id = required_str(&c.client_id, at, "client_id")?;
    let client_secret = known_str(&c.client_secret).map(Secret::new);
    if client_secret.is_none() && known(&c.generate_secret) == Some(&true) {
        return Err(err(
            &at.child("client_secret"),
            "generate_secret is true: Local Cognito needs the secret's value here",
        ));
    }
    let mut flows = vec![];
    for f in items(&c.allowed_oauth_flows) {
        flows.push(
            OAuthFlow::parse(value(f)?)
                .ok_or_else(|| err(&f.loc, "must be code, implicit or client_credentials"))?,
        );
    }
    let units = known(&c.token_validity_units);
    let defaults = TokenValidityUnits::default();
    let token_validity_units = TokenValidityUnits {
        access_token: unit(units.and_then(|u| u.access_token.as_ref()), defaults.access_token)?,
        id_token: unit(units.and_then(|u| u.id_token.as_ref()), defaults.id_token)?,
        refresh_token: unit(
            units.and_then(|u| u.refresh_token.as_ref()),
            defaults.refresh_token,
        )?,
    };
    let rotation = known(&c.refresh_token_rotation);
    let refresh_token_rotation = RefreshTokenRotation {
        enabled: rotation.and_then(|r| known_str(&r.feature)) == Some("ENABLED"),
        retry_grace_period_seconds: rotation
            .and_then(|r| known(&r.retry_grace_period_seconds))
            .map(|g| u64::try_from(*g).unwrap_or(0))
            .unwrap_or(0),
    };
    Ok(AppClientConfig {
        client_name: known_str(&c.client_name).unwrap_or(&client_id).to_owned(),
        client_id,
        client_secret,
        callback_urls: strings(&c.callback_urls),
        logout_urls: strings(&c.logout_urls),
        default_redirect_uri: known_str(&c.default_redirect_uri).map(str::to_owned),
        allowed_oauth_flows: flows,
        // cognito-facts §4: false unless set (the CLI/SDK default).
        allowed_oauth_flows_user_pool_client: known(&c.allowed_oauth_flows_user_pool_client)
            .copied()
            .unwrap_or(false),
        allowed_oauth_scopes: strings(&c.allowed_oauth_scopes),
        supported_identity_providers: strings(&c.supported_identity_providers),
        access_token_validity: validity(&c.access_token_validity)?,
        id_token_validity: validity(&c.id_token_validity)?,
        refresh_token_validity: validity(&c.refresh_token_validity)?,
        token_validity_units,
        enable_token_revocation: known(&c.enable_token_revocation).copied().unwrap_or(true),
        refresh_token_rotation,
        read_attributes: opt_strings(&c.read_attributes),
        write_attributes: opt_strings(&c.write_attributes),
    })
}

fn idp_config(p: &model::IdentityProvider, at: &Loc) -> Result<IdentityProviderConfig, ConfigError> {
    Ok(IdentityProviderConfig {
        provider_name: required_str(&p.provider_name, at, "provider_name")?,
        provider_type: ProviderType::parse(&required_str(&p.provider_type, at, "provider_type")?),
        provider_details: ProviderDetails(str_map(&p.provider_details)),
        attribute_mapping: str_map(&p.attribute_mapping),
        idp_identifiers: strings(&p.idp_identifiers),
    })
}

fn resource_server(r: &model::ResourceServer, at: &Loc) -> Result<ResourceServerConfig, ConfigError> {
    let identifier = required_str(&r.identifier, at, "identifier")?;
    Ok(ResourceServerConfig {
        name: known_str(&r.name).unwrap_or(&identifier).to_owned(),
        scopes: items(&r.scopes)
            .iter()
            .filter_map(Located::get)
            .filter_map(|s| {
                Some(ResourceServerScopeConfig {
                    scope_name: known_str(&s.scope_name)?.to_owned(),
                    scope_description: known_str(&s.scope_description).unwrap_or_default().to_owned(),
                })
            })
            .collect(),
        identifier,
    })
}

fn pool_user(u: &model::LocalUser, at: &Loc) -> Result<PoolUserConfig, ConfigError> {
    Ok(PoolUserConfig {
        username: required_str(&u.username, at, "username")?,
        password: Secret::new(required_str(&u.password, at, "password")?),
        attributes: attributes(&u.attributes)
            .iter()
            .map(|(k, v)| (k.clone(), attribute_string(v)))
            .collect(),
        groups: strings(&u.groups),
    })
}

fn persona(
    u: &model::LocalUpstream,
    at: &Loc,
    i: &Integration,
    idps: &mut [IdentityProviderConfig],
    urls: &ServedUrls,
) -> Result<UpstreamPersonaConfig, ConfigError> {
    let provider_name = required_str(&u.provider_name, at, "provider_name")?;
    let idp = idps
        .iter_mut()
        .find(|p| p.provider_name == provider_name)
        .ok_or_else(|| {
            err(
                &at.child("provider_name"),
                format!("{provider_name:?} is not one of the pool's identity_providers"),
            )
        })?;
    let registration = i
        .upstream_idps
        .iter()
        .filter_map(Located::get)
        .find(|r| known_str(&r.provider_name) == Some(provider_name.as_str()));
    let reg_str = |f: fn(&model::UpstreamIdp) -> &Option<Located<String>>| {
        registration.and_then(|r| known_str(f(r))).map(str::to_owned)
    };

    // The issuer the persona puts in `iss`: the registration's (byte for byte, trailing slash included), else the
    // one the pool expects, else the upstream base.
    let configured = idp.provider_details.get("oidc_issuer").map(str::to_owned);
    let mut issuer = reg_str(|r| &r.issuer)
        .or_else(|| configured.clone())
        .unwrap_or_else(|| urls.upstream_base.clone());
    let upstream = urls.upstream_base.trim_end_matches('/');
    let served_here = |s: &str| {
        s.strip_prefix(upstream)
            .is_some_and(|r| r.is_empty() || r.starts_with('/'))
    };
    let mut stand_in = false;
    if !served_here(&issuer) {
        // The manifest describes the real IdP: the persona stands in for it under `{upstream}/{ProviderName}`,
        // and the pool is pointed there. A trailing-slash difference between the pool's `oidc_issuer` and the
        // IdP's issuer is kept, so that misconfiguration still shows.
        stand_in = true;
        let local = format!("{upstream}/{provider_name}");
        let slash = |s: &str| if s.ends_with('/') { "/" } else { "" };
        let pool_side = format!("{local}{}", slash(configured.as_deref().unwrap_or(&issuer)));
        issuer = format!("{local}{}", slash(&issuer));
        let d = &mut idp.provider_details.0;
        for manual in ["authorize_url", "token_url", "attributes_url", "jwks_uri"] {
            d.remove(manual);
        }
        d.insert("oidc_issuer".into(), pool_side);
    }
    let client_id = reg_str(|r| &r.client_id)
        .or_else(|| idp.provider_details.get("client_id").map(str::to_owned))
        .unwrap_or_default();
    let idpresponse = format!("{}/oauth2/idpresponse", urls.cognito_base.trim_end_matches('/'));
    let redirect_uris = match registration.map(|r| &r.redirect_uris) {
        // Standing in, the registered Cognito callback (`https://{domain}/oauth2/idpresponse`) becomes Local's;
        // other URIs stay, so a registration that lacks idpresponse still fails.
        Some(list @ Some(_)) if stand_in => strings(list)
            .into_iter()
            .map(|u| {
                if u.ends_with("/oauth2/idpresponse") {
                    idpresponse.clone()
                } else {
                    u
                }
            })
            .collect(),
        Some(list @ Some(_)) => strings(list),
        _ => vec![idpresponse],
    };
    let token_endpoint_auth_methods = match registration.map(|r| &r.token_endpoint_auth_methods) {
        // Methods Local does not implement (private_key_jwt...) are left out: Cognito's post then fails, as on AWS.
        Some(list @ Some(_)) => known_strs(list)
            .filter_map(TokenEndpointAuthMethod::parse)
            .collect(),
        _ => vec![
            TokenEndpointAuthMethod::ClientSecretPost,
            TokenEndpointAuthMethod::ClientSecretBasic,
        ],
    };
    let userinfo_response_strategy = match registration.and_then(|r| r.userinfo_response_strategy.as_ref()) {
        None => UserinfoResponseStrategy::PlainJson,
        Some(l) => match value(l)? {
            model::UserinfoResponseStrategy::PlainJson => UserinfoResponseStrategy::PlainJson,
            // Both are a non-JSON userinfo answer to Cognito.
            model::UserinfoResponseStrategy::SignedJwt
            | model::UserinfoResponseStrategy::SignedAndEncryptedJwt => UserinfoResponseStrategy::SignedJwt,
            model::UserinfoResponseStrategy::FromTokenEndpoint => {
                return Err(err(
                    &l.loc,
                    "fromTokenEndpoint is not served by Local Cognito's personas",
                ));
            }
        },
    };
    // An empty token_type leaves it out of the token response.
    let token_type = match reg_str(|r| &r.token_type) {
        None => Some("Bearer".to_owned()),
        Some(t) if t.is_empty() => None,
        Some(t) => Some(t),
    };
    let mut users = vec![];
    for lu in &u.users {
        let user = value(lu)?;
        let username = required_str(&user.username, &lu.loc, "username")?;
        let claims = attributes(&user.attributes);
        let sub = claims
            .get("sub")
            .map(attribute_string)
            .unwrap_or_else(|| username.clone());
        let mut claims = claims;
        claims.remove("sub");
        // The persona's sign-in form accepts sub, preferred_username or email: keep the username usable.
        claims
            .entry("preferred_username")
            .or_insert_with(|| username.clone().into());
        users.push(PersonaUserConfig {
            sub,
            password: Secret::new(required_str(&user.password, &lu.loc, "password")?),
            claims,
        });
    }
    Ok(UpstreamPersonaConfig {
        client_secret: Secret::new(idp.provider_details.get("client_secret").unwrap_or_default()),
        provider_name,
        issuer,
        client_id,
        redirect_uris,
        token_endpoint_auth_methods,
        userinfo_response_strategy,
        token_type,
        users,
        omit_claims: strings(&u.omit_claims),
    })
}
