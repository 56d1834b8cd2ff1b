//! HTTP fetches with a size cap, timeouts, no redirects and the endpoint policy.

use std::sync::Arc;

use super::policy::{Policy, PublicResolver};
use super::{NetworkConfig, MAX_RESPONSE_SIZE};

/// Two clients: one for the configured PLC directory (used as given), one for endpoints
/// found on the network (every address checked by the policy).
pub(super) struct Http {
    configured: reqwest::Client,
    discovered: reqwest::Client,
}

impl Http {
    pub(super) fn new(config: &NetworkConfig, policy: &Policy) -> Result<Http, String> {
        let base = || {
            reqwest::Client::builder()
                .user_agent(concat!("lex/", env!("CARGO_PKG_VERSION")))
                .timeout(config.timeout)
                .connect_timeout(config.timeout)
                // A redirect could lead anywhere, past every check below.
                .redirect(reqwest::redirect::Policy::none())
        };
        let configured = base().build().map_err(|e| e.to_string())?;
        let discovered = base()
            .dns_resolver(Arc::new(PublicResolver {
                policy: policy.clone(),
            }))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Http {
            configured,
            discovered,
        })
    }

    /// The DID document of a did:plc (from the PLC directory) or did:web.
    pub(super) async fn did_document(
        &self,
        policy: &Policy,
        plc_url: &str,
        did: &str,
    ) -> Result<Vec<u8>, String> {
        if let Some(id) = did.strip_prefix("did:plc:") {
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(format!("`{did}` is not a valid did:plc"));
            }
            let url = format!("{}/{did}", plc_url.trim_end_matches('/'));
            return get(&self.configured, &url, "application/json")
                .await
                .map_err(|e| format!("{did}: {e}"));
        }
        if let Some(host) = did.strip_prefix("did:web:") {
            // atproto uses hostname-level did:web only; a port is percent-encoded.
            if host.contains(':') {
                return Err(format!("`{did}`: did:web with a path is not supported"));
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
                .map_err(|m| format!("{did}: {m}"))?;
            return get(&self.discovered, &url, "application/json")
                .await
                .map_err(|e| format!("{did}: {e}"));
        }
        Err(format!("`{did}`: only did:plc and did:web are supported"))
    }

    /// `com.atproto.sync.getRecord` as CAR bytes.
    pub(super) async fn get_record(
        &self,
        policy: &Policy,
        pds: &str,
        did: &str,
        collection: &str,
        rkey: &str,
    ) -> Result<Vec<u8>, String> {
        policy.check_discovered(pds)?;
        let mut url = reqwest::Url::parse(pds).map_err(|e| format!("bad PDS URL `{pds}`: {e}"))?;
        url.set_path("/xrpc/com.atproto.sync.getRecord");
        url.query_pairs_mut()
            .clear()
            .append_pair("did", did)
            .append_pair("collection", collection)
            .append_pair("rkey", rkey);
        get(&self.discovered, url.as_str(), "application/vnd.ipld.car").await
    }
}

fn is_loopback_host(host: &str) -> bool {
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// GET `url`, at most [`MAX_RESPONSE_SIZE`] bytes, 2xx only.
async fn get(client: &reqwest::Client, url: &str, accept: &str) -> Result<Vec<u8>, String> {
    let mut response = client
        .get(url)
        .header(reqwest::header::ACCEPT, accept)
        .send()
        .await
        .map_err(|e| describe(url, &e))?;
    let status = response.status();
    if !status.is_success() {
        let mut detail = String::new();
        if let Ok(Some(chunk)) = response.chunk().await {
            // An XRPC error body names the error; a short excerpt is enough.
            let text = String::from_utf8_lossy(&chunk);
            detail = format!(": {}", text.chars().take(200).collect::<String>());
        }
        return Err(format!("GET {url} returned HTTP {status}{detail}"));
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_SIZE as u64)
    {
        return Err(format!(
            "GET {url}: response is larger than {MAX_RESPONSE_SIZE} bytes"
        ));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| describe(url, &e))? {
        if body.len() + chunk.len() > MAX_RESPONSE_SIZE {
            return Err(format!(
                "GET {url}: response is larger than {MAX_RESPONSE_SIZE} bytes"
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// reqwest's message plus its causes ("error sending request" alone says little).
fn describe(url: &str, e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return format!("GET {url} timed out");
    }
    let mut message = format!("GET {url} failed");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
