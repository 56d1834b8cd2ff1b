//! Account keys: DID -> the `#atproto` signing key of its DID document, resolved by
//! [`lex_runtime::identity::Resolver`] (PLC directory for `did:plc`, the host for
//! `did:web`, with its size limits and SSRF policy) and kept until told to forget it (an
//! `#identity` event) or a signature fails with it.

use std::collections::HashMap;
use std::sync::Mutex;

use lex_runtime::did_doc::PublicKey;
use lex_runtime::identity::{Config, Resolver};

/// Where keys come from.
#[derive(Debug)]
pub struct KeyCache {
    resolver: Resolver,
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
    /// Resolves `did:plc` DIDs through the PLC directory at `plc_url`. The resolver's
    /// policy takes an http directory on loopback for a local test network and then allows
    /// http and loopback endpoints (such as a `did:web` host) too; otherwise only https to
    /// public addresses.
    pub fn new(plc_url: &str) -> Result<KeyCache, String> {
        let resolver = Resolver::new(Config {
            plc_url: Some(plc_url.trim_end_matches('/').to_owned()),
            ..Config::default()
        })
        .map_err(|e| e.to_string())?;
        Ok(KeyCache::with_resolver(resolver))
    }

    /// Resolves keys with `resolver` (its own configuration and policy).
    pub fn with_resolver(resolver: Resolver) -> KeyCache {
        KeyCache {
            resolver,
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
        let doc = self
            .resolver
            .refresh_did_document(did)
            .await
            .map_err(|e| e.to_string())?;
        let key = doc.signing_key().map_err(|e| format!("{did}: {e}"))?;
        self.insert(did, key.clone());
        Ok(key)
    }
}
