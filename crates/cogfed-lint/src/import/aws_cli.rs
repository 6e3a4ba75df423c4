//! AWS CLI JSON: the output of `describe-user-pool`, `describe-user-pool-client`, `describe-identity-provider`,
//! `describe-user-pool-domain`, `describe-resource-server` (cognito-facts §7.1-§7.5), `list-resource-servers` and
//! `list-identity-providers`.
//! Several top-level keys in one file (a hand-merged dump) are accepted.

use crate::de::{DeError, Located, Mode, from_node_recovering};
use crate::model::{Domain, Integration};
use crate::node::{Node, join_pointer};
use crate::source::FileId;

/// Reads one AWS CLI JSON document.
pub fn import(file: FileId, node: &Node, errors: &mut Vec<DeError>) -> Result<Integration, DeError> {
    let mut out = Integration::default();
    for (key, value) in node.entries() {
        let pointer = join_pointer("", &key.text);
        match key.text.as_str() {
            "UserPool" => {
                out.user_pool = Some(from_node_recovering(value, file, &pointer, Mode::Aws, errors)?)
            }
            "UserPoolClient" => {
                out.clients
                    .push(from_node_recovering(value, file, &pointer, Mode::Aws, errors)?)
            }
            "IdentityProvider" => {
                out.identity_providers
                    .push(from_node_recovering(value, file, &pointer, Mode::Aws, errors)?)
            }
            "ResourceServer" => {
                out.resource_servers
                    .push(from_node_recovering(value, file, &pointer, Mode::Aws, errors)?)
            }
            // list-resource-servers: every resource server of the pool.
            "ResourceServers" => {
                out.resource_servers
                    .extend(from_node_recovering::<Vec<Located<_>>>(
                        value,
                        file,
                        &pointer,
                        Mode::Aws,
                        errors,
                    )?);
                out.listed.resource_servers = true;
            }
            // list-identity-providers: every provider's name and type (no details).
            "Providers" => {
                out.identity_providers
                    .extend(from_node_recovering::<Vec<Located<_>>>(
                        value,
                        file,
                        &pointer,
                        Mode::Aws,
                        errors,
                    )?);
                out.listed.identity_providers = true;
            }
            // describe-user-pool-domain on an unknown domain prints `{"DomainDescription": {}}` (§7.3).
            "DomainDescription" if !value.entries().is_empty() => {
                out.domains.push(from_node_recovering::<Located<Domain>>(
                    value,
                    file,
                    &pointer,
                    Mode::Aws,
                    errors,
                )?);
            }
            _ => {}
        }
    }
    Ok(out)
}
