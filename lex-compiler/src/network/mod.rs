//! Network resolution (feature `network`): NSID -> DNS `_lexicon` TXT -> DID document -> PDS
//! -> `com.atproto.sync.getRecord` CAR -> a verified lexicon record.
//!
//! Every failure is a [`ResolveError`] naming the [`Step`] and the NSID. What is verified:
//! the CAR's blocks hash to their CIDs, the commit is for the DID and signed by its
//! `#atproto` key, the MST path leads from the commit to the record, the record's `$type`
//! is `com.atproto.lexicon.schema`, it parses as a lexicon and its `id` is the NSID.
//!
//! Identity (handle -> DID, DID -> document -> PDS and signing key) and the SSRF
//! [`policy`] come from [`lex_runtime::identity`], which the server's key resolver and
//! applications share; this module adds what is lexicon-specific: the `_lexicon` TXT
//! record, fetching the schema record from the repository and verifying it. In short,
//! endpoints found on the network (a DID document's PDS, a did:web host) must be public
//! https; plain http and loopback are allowed only when the user configured loopback
//! endpoints explicitly (an http loopback `--plc-url`, or `--allow-insecure-loopback`),
//! which is what the test network does.

pub mod batch;
mod dns;
pub mod install;
pub mod publish;
mod verify;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lex_runtime::identity::{self, Identity};
use lex_runtime::schema::Document;
use lex_runtime::{Cid, Map, Nsid};
use tokio::sync::OnceCell;

use crate::manifest::{record_uri, SCHEMA_COLLECTION};

pub use lex_runtime::identity::policy;
pub use lex_runtime::identity::{DEFAULT_PLC_URL, MAX_RESPONSE_SIZE};

/// Where to resolve and how patiently.
#[derive(Debug, Clone)]
pub struct NetworkConfig {
    /// A DNS server to ask instead of the system's (`--dns-server`).
    pub dns_server: Option<SocketAddr>,
    /// The PLC directory (`--plc-url`); `None` means [`DEFAULT_PLC_URL`].
    pub plc_url: Option<String>,
    /// Allow http and loopback endpoints found on the network (tests only).
    pub allow_insecure_loopback: bool,
    /// Timeout of each request.
    pub timeout: Duration,
    /// Most fetches in flight at once.
    pub concurrency: usize,
}

impl Default for NetworkConfig {
    fn default() -> NetworkConfig {
        NetworkConfig {
            dns_server: None,
            plc_url: None,
            allow_insecure_loopback: false,
            timeout: Duration::from_secs(30),
            concurrency: 16,
        }
    }
}

impl NetworkConfig {
    /// The PLC directory URL in use.
    pub fn plc_url(&self) -> &str {
        self.plc_url.as_deref().unwrap_or(DEFAULT_PLC_URL)
    }

    /// The identity resolution settings these stand for.
    pub fn identity(&self) -> identity::Config {
        identity::Config {
            dns_server: self.dns_server,
            plc_url: self.plc_url.clone(),
            allow_insecure_loopback: self.allow_insecure_loopback,
            timeout: self.timeout,
            ..identity::Config::default()
        }
    }
}

/// The stage of resolution that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Parsing the NSID or AT-URI given.
    Input,
    /// DNS TXT lookup of `_lexicon.<authority>`.
    Dns,
    /// DID document resolution (PLC or did:web).
    Did,
    /// Fetching the record from the PDS.
    Pds,
    /// Checking the CAR, the commit signature, the MST proof and the record.
    Verification,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Step::Input => "input",
            Step::Dns => "DNS",
            Step::Did => "DID",
            Step::Pds => "PDS",
            Step::Verification => "verification",
        })
    }
}

/// A failed resolution: which NSID, at which step, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot resolve `{nsid}` ({step} step): {message}")]
pub struct ResolveError {
    /// The NSID being resolved.
    pub nsid: String,
    /// The step that failed.
    pub step: Step,
    /// What went wrong.
    pub message: String,
}

impl ResolveError {
    fn new(nsid: &str, step: Step, message: impl Into<String>) -> ResolveError {
        ResolveError {
            nsid: nsid.to_owned(),
            step,
            message: message.into(),
        }
    }
}

/// A verified lexicon record and how it was found.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The NSID.
    pub nsid: String,
    /// The authority domain, when the NSID went through DNS.
    pub authority: Option<String>,
    /// The `did=` TXT value, when the NSID went through DNS.
    pub txt: Option<String>,
    /// The repository DID.
    pub did: String,
    /// The PDS endpoint.
    pub pds: String,
    /// `at://DID/com.atproto.lexicon.schema/NSID`.
    pub uri: String,
    /// The record CID.
    pub cid: Cid,
    /// The record (document plus `$type`).
    pub record: Map,
    /// The parsed document.
    pub document: Document,
}

type Shared<T> = Arc<OnceCell<T>>;

/// Resolves lexicons; caches `_lexicon` answers for its lifetime and DID documents as
/// [`identity::Resolver`] does.
pub struct Resolver {
    config: NetworkConfig,
    identity: identity::Resolver,
    authorities: Mutex<HashMap<String, Shared<(String, String)>>>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Resolver {
    /// A resolver for `config`; call from inside a tokio runtime.
    pub fn new(config: NetworkConfig) -> Result<Resolver, String> {
        let identity = identity::Resolver::new(config.identity()).map_err(|e| e.message)?;
        Ok(Resolver {
            config,
            identity,
            authorities: Mutex::default(),
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &NetworkConfig {
        &self.config
    }

    /// The identity resolver underneath (handles, DIDs, the endpoint policy).
    pub fn identity(&self) -> &identity::Resolver {
        &self.identity
    }

    /// Resolves `nsid` through DNS, the DID document and the PDS, and verifies the record.
    pub async fn resolve(&self, nsid: &str) -> Result<Resolved, ResolveError> {
        let parsed =
            Nsid::new(nsid).map_err(|e| ResolveError::new(nsid, Step::Input, e.to_string()))?;
        let authority = parsed.authority_domain();
        let (txt, did) = self.authority_did(nsid, &authority).await?;
        let mut resolved = self.fetch(nsid, &did).await?;
        resolved.authority = Some(authority);
        resolved.txt = Some(txt);
        Ok(resolved)
    }

    /// Fetches and verifies the record for `nsid` from `did`'s repository (no DNS).
    pub async fn fetch(&self, nsid: &str, did: &str) -> Result<Resolved, ResolveError> {
        let identity = self.did_identity(nsid, did).await?;
        let car = self
            .get_record(&identity.pds, did, nsid)
            .await
            .map_err(|m| ResolveError::new(nsid, Step::Pds, m))?;
        let record = verify::verify_record(&car, did, &identity.signing_key, nsid)
            .map_err(|m| ResolveError::new(nsid, Step::Verification, m))?;
        Ok(Resolved {
            nsid: nsid.to_owned(),
            authority: None,
            txt: None,
            did: did.to_owned(),
            pds: identity.pds,
            uri: record_uri(did, nsid),
            cid: record.cid,
            record: record.record,
            document: record.document,
        })
    }

    /// `_lexicon.<authority>` -> (the TXT value, the DID), cached per authority.
    async fn authority_did(
        &self,
        nsid: &str,
        authority: &str,
    ) -> Result<(String, String), ResolveError> {
        let cell = shared(&self.authorities, authority);
        cell.get_or_try_init(|| async {
            dns::lexicon_did(&self.identity, authority)
                .await
                .map_err(|m| ResolveError::new(nsid, Step::Dns, m))
        })
        .await
        .cloned()
        .map_err(|mut e| {
            // A cached failure is re-reported for the NSID that asked.
            e.nsid = nsid.to_owned();
            e
        })
    }

    /// DID -> PDS endpoint + signing key (documents cached by the identity resolver).
    async fn did_identity(&self, nsid: &str, did: &str) -> Result<Identity, ResolveError> {
        self.identity
            .resolve_did(did)
            .await
            .map_err(|e| ResolveError::new(nsid, Step::Did, e.message))
    }

    /// `com.atproto.sync.getRecord` of the lexicon record, as CAR bytes.
    async fn get_record(&self, pds: &str, did: &str, nsid: &str) -> Result<Vec<u8>, String> {
        self.identity.policy().check_discovered(pds)?;
        let mut url = reqwest::Url::parse(pds).map_err(|e| format!("bad PDS URL `{pds}`: {e}"))?;
        url.set_path("/xrpc/com.atproto.sync.getRecord");
        url.query_pairs_mut()
            .clear()
            .append_pair("did", did)
            .append_pair("collection", SCHEMA_COLLECTION)
            .append_pair("rkey", nsid);
        self.identity
            .get(url.as_str(), "application/vnd.ipld.car")
            .await
            .map_err(|e| e.message)
    }
}

/// Resolves one NSID on a private tokio runtime (for callers without one).
pub fn resolve_blocking(config: NetworkConfig, nsid: &str) -> Result<Resolved, ResolveError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            ResolveError::new(
                nsid,
                Step::Input,
                format!("cannot start the async runtime: {e}"),
            )
        })?;
    runtime.block_on(async {
        let resolver =
            Resolver::new(config).map_err(|m| ResolveError::new(nsid, Step::Input, m))?;
        resolver.resolve(nsid).await
    })
}

fn shared<T>(map: &Mutex<HashMap<String, Shared<T>>>, key: &str) -> Shared<T> {
    // A poisoned lock only means another task panicked; the map itself is still usable.
    let mut guard = match map.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    guard.entry(key.to_owned()).or_default().clone()
}
