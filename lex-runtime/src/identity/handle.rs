//! Handle -> DID: the `_atproto.<handle>` TXT record (`did=<DID>`), and when DNS has none,
//! `https://<handle>/.well-known/atproto-did` (an endpoint found on the network, so under
//! the policy), as the identity spec describes.
//!
//! The DID document is not checked to name the handle back (`alsoKnownAs`); callers that
//! show the handle as verified must do that.

use super::http::{get, Http};
use super::policy::Policy;
use super::{Dns, IdentityError};
use crate::{Did, Handle};

/// Resolves `handle` (any case) to the DID it names.
pub(super) async fn resolve(
    dns: &Dns,
    http: &Http,
    policy: &Policy,
    handle: &str,
) -> Result<Did, IdentityError> {
    let handle = handle.to_ascii_lowercase();
    Handle::new(&handle)
        .map_err(|e| IdentityError::input(format!("`{handle}` is not a handle: {e}")))?;
    let from_dns = match dns.txt(&format!("_atproto.{handle}.")).await {
        Ok(values) => values,
        Err(dns_error) => {
            // DNS failing is no proof that the handle has no DID: HTTPS may still answer.
            return well_known(http, policy, &handle)
                .await
                .map_err(|_| dns_error);
        }
    };
    let dids: Vec<&str> = from_dns
        .iter()
        .filter_map(|v| v.strip_prefix("did="))
        .collect();
    match dids.as_slice() {
        [did] => Did::new(did).map_err(|e| {
            IdentityError::resolution(format!(
                "_atproto.{handle}: `did={did}` is not a DID: {e}"
            ))
        }),
        // DNS answered that there is no record; an HTTPS host that cannot be reached
        // either is the usual shape of a handle nobody registered, not a network failure.
        [] => well_known(http, policy, &handle).await.map_err(|e| {
            IdentityError::resolution(format!(
                "handle `{handle}` does not resolve: no `did=` TXT record at _atproto.{handle}, and {e}"
            ))
        }),
        _ => Err(IdentityError::resolution(format!(
            "handle `{handle}` is ambiguous: _atproto.{handle} has {} `did=` TXT records",
            dids.len()
        ))),
    }
}

/// `GET https://<handle>/.well-known/atproto-did`: the DID as the whole body.
async fn well_known(http: &Http, policy: &Policy, handle: &str) -> Result<Did, IdentityError> {
    let url = format!("https://{handle}/.well-known/atproto-did");
    policy
        .check_discovered(&url)
        .map_err(IdentityError::resolution)?;
    let body = get(&http.discovered, &url, "text/plain").await?;
    let text = String::from_utf8_lossy(&body);
    let text = text.trim();
    Did::new(text).map_err(|e| {
        let shown: String = text.chars().take(100).collect();
        IdentityError::resolution(format!("{url} answered `{shown}`, not a DID: {e}"))
    })
}
