//! DID -> its document: a did:plc from the PLC directory, a did:web from its host's
//! `/.well-known/did.json` (an endpoint found on the network, so under the policy).

use super::http::{get, Http};
use super::policy::Policy;
use super::IdentityError;
use crate::did_doc::DidDocument;

/// Fetches and parses the document of `did`, checking that it describes `did`.
pub(super) async fn fetch_document(
    http: &Http,
    policy: &Policy,
    plc_url: &str,
    did: &str,
) -> Result<DidDocument, IdentityError> {
    let bytes = fetch(http, policy, plc_url, did).await?;
    DidDocument::from_json_for(&bytes, did)
        .map_err(|e| IdentityError::resolution(format!("{did}: {e}")))
}

async fn fetch(
    http: &Http,
    policy: &Policy,
    plc_url: &str,
    did: &str,
) -> Result<Vec<u8>, IdentityError> {
    let prefix = format!("{did}: ");
    if let Some(id) = did.strip_prefix("did:plc:") {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IdentityError::input(format!(
                "`{did}` is not a valid did:plc"
            )));
        }
        let url = format!("{}/{did}", plc_url.trim_end_matches('/'));
        return get(&http.configured, &url, "application/json")
            .await
            .map_err(|e| e.context(&prefix));
    }
    if let Some(host) = did.strip_prefix("did:web:") {
        // atproto uses hostname-level did:web only; a port is percent-encoded.
        if host.contains(':') {
            return Err(IdentityError::input(format!(
                "`{did}`: did:web with a path is not supported"
            )));
        }
        let host = host.replace("%3A", ":").replace("%3a", ":");
        let scheme = if policy.allows_loopback() && is_loopback_host(&host) {
            "http"
        } else {
            "https"
        };
        let url = format!("{scheme}://{host}/.well-known/did.json");
        policy
            .check_discovered(&url)
            .map_err(|m| IdentityError::resolution(format!("{prefix}{m}")))?;
        return get(&http.discovered, &url, "application/json")
            .await
            .map_err(|e| e.context(&prefix));
    }
    Err(IdentityError::input(format!(
        "`{did}`: only did:plc and did:web are supported"
    )))
}

fn is_loopback_host(host: &str) -> bool {
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
