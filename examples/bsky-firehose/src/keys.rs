//! Account keys: DID -> the `#atproto` signing key of its DID document, fetched from a PLC
//! directory (`did:plc`) or the DID's host (`did:web`) and cached until told to forget it
//! (an `#identity` event) or a signature fails with it.

use std::collections::HashMap;
use std::sync::Mutex;

use lex_runtime::did_doc::{DidDocument, PublicKey, MAX_DID_DOCUMENT_SIZE};

/// Where keys come from.
#[derive(Debug)]
pub struct KeyCache {
    plc_url: String,
    http: reqwest::Client,
    keys: Mutex<HashMap<String, PublicKey>>,
    fetches: Mutex<u64>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

impl KeyCache {
    /// Resolves `did:plc` DIDs through the PLC directory at `plc_url`.
    pub fn new(plc_url: &str) -> KeyCache {
        KeyCache {
            plc_url: plc_url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            keys: Mutex::new(HashMap::new()),
            fetches: Mutex::new(0),
        }
    }

    /// The cached key of `did`, if any.
    pub fn cached(&self, did: &str) -> Option<PublicKey> {
        lock(&self.keys).get(did).cloned()
    }

    /// Puts a key in the cache (tests, benchmarks, keys known out of band).
    pub fn insert(&self, did: &str, key: PublicKey) {
        lock(&self.keys).insert(did.to_owned(), key);
    }

    /// Drops the cached key of `did`; the next use fetches the DID document again.
    pub fn forget(&self, did: &str) {
        lock(&self.keys).remove(did);
    }

    /// How many DID documents were fetched so far.
    pub fn fetches(&self) -> u64 {
        *lock(&self.fetches)
    }

    /// The key of `did`: cached, or fetched and cached.
    pub async fn key(&self, did: &str) -> Result<PublicKey, String> {
        if let Some(key) = self.cached(did) {
            return Ok(key);
        }
        self.refresh(did).await
    }

    /// Fetches the DID document of `did` again and caches its key.
    pub async fn refresh(&self, did: &str) -> Result<PublicKey, String> {
        *lock(&self.fetches) += 1;
        let url = self.document_url(did)?;
        let mut response = self
            .http
            .get(&url)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        // Read at most the document limit, whatever the server claims its length is.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| format!("{url}: {e}"))? {
            if body.len() + chunk.len() > MAX_DID_DOCUMENT_SIZE {
                return Err(format!("{url}: the DID document is too large"));
            }
            body.extend_from_slice(&chunk);
        }
        let doc = DidDocument::from_json_for(&body, did).map_err(|e| e.to_string())?;
        let key = doc.signing_key().map_err(|e| e.to_string())?;
        self.insert(did, key.clone());
        Ok(key)
    }

    fn document_url(&self, did: &str) -> Result<String, String> {
        if did.starts_with("did:plc:") {
            return Ok(format!("{}/{did}", self.plc_url));
        }
        if let Some(host) = did.strip_prefix("did:web:") {
            // A did:web with a path is not allowed in atproto; `%3A` encodes a port.
            if host.contains(':') {
                return Err(format!("{did}: a did:web with a path is not supported"));
            }
            let host = host.replace("%3A", ":");
            let scheme = if host.starts_with("127.0.0.1:") || host.starts_with("localhost:") {
                "http"
            } else {
                "https"
            };
            return Ok(format!("{scheme}://{host}/.well-known/did.json"));
        }
        Err(format!("{did}: unsupported DID method"))
    }
}
