//! AWS CLI JSON: the output of `describe-user-pool`, `describe-user-pool-client`, `describe-identity-provider`,
//! `describe-user-pool-domain`, `describe-resource-server` (cognito-facts §7.1-§7.5), `list-resource-servers` and
//! `list-identity-providers`.
//! Several top-level keys in one file (a hand-merged dump) are accepted.

use crate::de::{DeError, Located, Mode, from_node};
use crate::model::{Domain, Integration};
use crate::node::{Node, join_pointer};
use crate::source::FileId;

/// Reads one AWS CLI JSON document.
pub fn import(file: FileId, node: &Node) -> Result<Integration, DeError> {
    let mut out = Integration::default();
    for (key, value) in node.entries() {
        let pointer = join_pointer("", &key.text);
        match key.text.as_str() {
            "UserPool" => out.user_pool = Some(from_node(value, file, &pointer, Mode::Aws)?),
            "UserPoolClient" => out.clients.push(from_node(value, file, &pointer, Mode::Aws)?),
            "IdentityProvider" => out
                .identity_providers
                .push(from_node(value, file, &pointer, Mode::Aws)?),
            "ResourceServer" => out
                .resource_servers
                .push(from_node(value, file, &pointer, Mode::Aws)?),
            // list-resource-servers: every resource server of the pool.
            "ResourceServers" => {
                out.resource_servers
                    .extend(from_node::<Vec<Located<_>>>(value, file, &pointer, Mode::Aws)?);
                out.listed.resource_servers = true;
            }
            // list-identity-providers: every provider's name and type (no details).
            "Providers" => {
                out.identity_providers.extend(from_node::<Vec<Located<_>>>(
                    value,
                    file,
                    &pointer,
                    Mode::Aws,
                )?);
                out.listed.identity_providers = true;
            }
            // describe-user-pool-domain on an unknown domain prints `{"DomainDescription": {}}` (§7.3).
            "DomainDescription" if !value.entries().is_empty() => {
                out.domains
                    .push(from_node::<Located<Domain>>(value, file, &pointer, Mode::Aws)?);
            }
            _ => {}
        }
    }
    Ok(out)
}
