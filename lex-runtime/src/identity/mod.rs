//! Identity resolution (feature `identity`): handle -> DID (DNS `_atproto` TXT, then
//! `https://<handle>/.well-known/atproto-did`), DID -> document (did:plc from a PLC
//! directory, did:web) -> the PDS endpoint and the `#atproto` signing key.
//!
//! Every request goes through one [`policy`] against server-side request forgery: an
//! endpoint found on the network (a DID document's PDS, a did:web host, a handle's HTTPS
//! host) must be public https; plain http and loopback are allowed only when the caller
//! configured loopback endpoints explicitly (an http loopback PLC URL, or
//! [`Config::allow_insecure_loopback`]), which is what local test networks do.
//!
//! ```no_run
//! # async fn run() -> Result<(), lex_runtime::identity::IdentityError> {
//! use lex_runtime::identity::{Config, Resolver};
//! let resolver = Resolver::new(Config::default())?;
//! let identity = resolver.resolve("alice.example.com").await?;
//! println!("{} is hosted at {}", identity.did, identity.pds);
//! # Ok(())
//! # }
//! ```
//!
//! A [`Resolver`] is also a [`KeyResolver`](crate::server::KeyResolver) for service-auth
//! tokens when the `server` feature is on.

mod cache;
mod config;
mod did;
mod dns;
mod error;
mod handle;
mod http;
pub mod policy;

use crate::did_doc::{DidDocument, PublicKey};
use crate::Did;

pub use config::{Config, DEFAULT_PLC_URL, MAX_RESPONSE_SIZE};
pub use error::{ErrorKind, IdentityError};

use cache::Cache;
use dns::Dns;
use http::Http;
use policy::Policy;

/// What atproto needs from a DID: its document, the PDS hosting the repository, and the
/// key that signs it.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The DID.
    pub did: Did,
    /// The PDS endpoint (`#atproto_pds`), accepted by the policy.
    pub pds: String,
    /// The `#atproto` signing key.
    pub signing_key: PublicKey,
    /// The whole document.
    pub document: DidDocument,
}

/// Resolves handles and DIDs; DID documents are reused for [`Config::cache_for`].
///
/// Build it inside a tokio runtime (the DNS client needs one).
pub struct Resolver {
    config: Config,
    policy: Policy,
    dns: Dns,
    http: Http,
    documents: Cache<DidDocument>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Resolver {
    /// A resolver for `config`; fails when the PLC URL is not an http(s) URL.
    pub fn new(config: Config) -> Result<Resolver, IdentityError> {
        let policy = Policy::new(&config).map_err(IdentityError::input)?;
        let http = Http::new(&config, &policy)?;
        Ok(Resolver {
            dns: Dns::new(&config),
            documents: Cache::new(config.cache_for),
            config,
            policy,
            http,
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The endpoint policy in use.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The HTTP client for endpoints found on the network: no redirects, and every address
    /// a host name resolves to is checked by the policy. Check the URL itself with
    /// [`Policy::check_discovered`] first (an IP literal needs no DNS).
    pub fn discovered_client(&self) -> &reqwest::Client {
        &self.http.discovered
    }

    /// Every TXT value at `name` (each record's chunks joined); empty when there is none.
    /// Only `name` itself is asked, never a parent or search domain.
    pub async fn txt(&self, name: &str) -> Result<Vec<String>, IdentityError> {
        if name.ends_with('.') {
            self.dns.txt(name).await
        } else {
            self.dns.txt(&format!("{name}.")).await
        }
    }

    /// GETs `url`, an endpoint found on the network (checked by the policy first), with
    /// at most [`MAX_RESPONSE_SIZE`] bytes of answer.
    pub async fn get(&self, url: &str, accept: &str) -> Result<Vec<u8>, IdentityError> {
        self.policy
            .check_discovered(url)
            .map_err(IdentityError::resolution)?;
        http::get(&self.http.discovered, url, accept).await
    }

    /// The DID `handle` names (any case).
    pub async fn resolve_handle(&self, handle: &str) -> Result<Did, IdentityError> {
        handle::resolve(&self.dns, &self.http, &self.policy, handle).await
    }

    /// The document of `did` (did:plc or did:web), checked to describe `did`.
    pub async fn did_document(&self, did: &str) -> Result<DidDocument, IdentityError> {
        self.documents
            .get_or_try(did, || {
                did::fetch_document(&self.http, &self.policy, self.config.plc_url(), did)
            })
            .await
    }

    /// The document of `did` fetched afresh (the cached copy dropped): for when the cached
    /// one is suspect, such as a signature that its key does not verify after a rotation.
    pub async fn refresh_did_document(&self, did: &str) -> Result<DidDocument, IdentityError> {
        self.documents.forget(did);
        self.did_document(did).await
    }

    /// The document of `did`, its signing key and its PDS (which the policy must accept).
    pub async fn resolve_did(&self, did: &str) -> Result<Identity, IdentityError> {
        let parsed = Did::new(did)
            .map_err(|e| IdentityError::input(format!("`{did}` is not a DID: {e}")))?;
        let document = self.did_document(did).await?;
        let broken =
            |e: crate::did_doc::DidDocError| IdentityError::resolution(format!("{did}: {e}"));
        let signing_key = document.signing_key().map_err(broken)?;
        let pds = document.pds_endpoint().map_err(broken)?.to_owned();
        self.policy
            .check_discovered(&pds)
            .map_err(|m| IdentityError::resolution(format!("{did}: PDS {m}")))?;
        Ok(Identity {
            did: parsed,
            pds,
            signing_key,
            document,
        })
    }

    /// A handle or a DID -> the identity behind it.
    pub async fn resolve(&self, handle_or_did: &str) -> Result<Identity, IdentityError> {
        if handle_or_did.starts_with("did:") {
            return self.resolve_did(handle_or_did).await;
        }
        let did = self.resolve_handle(handle_or_did).await?;
        self.resolve_did(did.as_str()).await
    }
}

#[cfg(test)]
mod tests;
