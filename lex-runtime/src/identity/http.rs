//! HTTP GETs with a size cap, timeouts, no redirects and the endpoint policy.

use std::sync::Arc;

use super::policy::{Policy, PublicResolver};
use super::{Config, IdentityError, MAX_RESPONSE_SIZE};

/// Two clients: one for the configured PLC directory (used as given), one for endpoints
/// found on the network (every address checked by the policy).
pub(super) struct Http {
    pub(super) configured: reqwest::Client,
    pub(super) discovered: reqwest::Client,
}

impl Http {
    pub(super) fn new(config: &Config, policy: &Policy) -> Result<Http, IdentityError> {
        let base = || {
            reqwest::Client::builder()
                .user_agent(config.user_agent.as_str())
                .timeout(config.timeout)
                .connect_timeout(config.timeout)
                // A redirect could lead anywhere, past every check of the policy.
                .redirect(reqwest::redirect::Policy::none())
        };
        let build = |b: reqwest::ClientBuilder| {
            b.build()
                .map_err(|e| IdentityError::input(format!("cannot set up HTTP: {e}")))
        };
        Ok(Http {
            configured: build(base())?,
            discovered: build(base().dns_resolver(Arc::new(PublicResolver::new(policy.clone()))))?,
        })
    }
}

/// GET `url`, at most [`MAX_RESPONSE_SIZE`] bytes, 2xx only.
pub(super) async fn get(
    client: &reqwest::Client,
    url: &str,
    accept: &str,
) -> Result<Vec<u8>, IdentityError> {
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
        let message = format!("GET {url} returned HTTP {status}{detail}");
        return Err(if status.is_server_error() {
            IdentityError::network(message)
        } else {
            IdentityError::resolution(message)
        });
    }
    let too_large = || {
        IdentityError::resolution(format!(
            "GET {url}: response is larger than {MAX_RESPONSE_SIZE} bytes"
        ))
    };
    if response
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_SIZE as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| describe(url, &e))? {
        if body.len() + chunk.len() > MAX_RESPONSE_SIZE {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// reqwest's message plus its causes ("error sending request" alone says little).
fn describe(url: &str, e: &reqwest::Error) -> IdentityError {
    if e.is_timeout() {
        return IdentityError::network(format!("GET {url} timed out"));
    }
    let mut message = format!("GET {url} failed");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    IdentityError::network(message)
}
