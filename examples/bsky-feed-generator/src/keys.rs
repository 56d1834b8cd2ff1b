//! Requesters' signing keys, resolved through a PLC directory: service-auth tokens are
//! signed with the `#atproto` key of the calling account's DID document.
//!
//! Each token resolves the key afresh, so a rotated key takes effect at once; a busy
//! feed generator would cache documents for a few minutes.

use std::time::Duration;

use lex_runtime::did_doc::{DidDocument, PublicKey, MAX_DID_DOCUMENT_SIZE};
use lex_runtime::server::auth::{KeyResolver, ResolveFuture};

/// Timeout of one PLC request.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Finds the signing key of a `did:plc` in a PLC directory.
#[derive(Debug, Clone)]
pub struct PlcKeys {
    http: reqwest::Client,
    plc_url: String,
}

impl PlcKeys {
    /// Asks the PLC directory at `plc_url` (`https://plc.directory`).
    pub fn new(plc_url: &str) -> Result<PlcKeys, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(PlcKeys {
            http,
            plc_url: plc_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The current signing key of `did`.
    pub async fn key(&self, did: &str) -> Result<PublicKey, String> {
        if !is_plc(did) {
            return Err(format!("`{did}` is not a did:plc"));
        }
        let url = format!("{}/{did}", self.plc_url);
        let mut response = self
            .http
            .get(&url)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| format!("{url}: {e}"))? {
            if body.len() + chunk.len() > MAX_DID_DOCUMENT_SIZE {
                return Err(format!("{url}: the document is too large"));
            }
            body.extend_from_slice(&chunk);
        }
        let document = DidDocument::from_json_for(&body, did).map_err(|e| e.to_string())?;
        document.signing_key().map_err(|e| e.to_string())
    }
}

impl KeyResolver for PlcKeys {
    fn resolve<'a>(&'a self, did: &'a str) -> ResolveFuture<'a> {
        Box::pin(self.key(did))
    }
}

/// `did:plc:` and 24 base32 characters; anything else must not reach the URL path.
fn is_plc(did: &str) -> bool {
    did.strip_prefix("did:plc:").is_some_and(|id| {
        id.len() == 24
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::is_plc;

    #[test]
    fn only_plc_identifiers_reach_the_directory() {
        assert!(is_plc("did:plc:ewvi7nxzyoun6zhxrhs64oiz"));
        assert!(!is_plc("did:plc:ewvi7nxzyoun6zhxrhs64oi"));
        assert!(!is_plc("did:plc:../../admin/xxxxxxxxxxxxxx"));
        assert!(!is_plc("did:plc:EWVI7NXZYOUN6ZHXRHS64OIZ"));
        assert!(!is_plc("did:web:example.com"));
    }
}
