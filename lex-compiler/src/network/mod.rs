//! Network resolution (feature `network`): NSID -> DNS `_lexicon` TXT -> DID document -> PDS
//! -> `com.atproto.sync.getRecord` CAR -> a verified lexicon record.
//!
//! Every failure is a [`ResolveError`] naming the [`Step`] and the NSID. What is verified:
//! the CAR's blocks hash to their CIDs, the commit is for the DID and signed by its
//! `#atproto` key, the MST path leads from the commit to the record, the record's `$type`
//! is `com.atproto.lexicon.schema`, it parses as a lexicon and its `id` is the NSID.
//!
//! Endpoints and SSRF: see [`policy`]. In short, endpoints found on the network (a DID
//! document's PDS, a did:web host) must be public https; plain http and loopback are allowed
//! only when the user configured loopback endpoints explicitly (an http loopback
//! `--plc-url`, or `--allow-insecure-loopback`), which is what the test network does.

pub mod batch;
mod dns;
mod http;
pub mod install;
pub mod policy;
pub mod publish;
mod verify;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lex_runtime::did_doc::{DidDocument, PublicKey};
use lex_runtime::schema::Document;
use lex_runtime::{Cid, Map, Nsid};
use tokio::sync::OnceCell;

use crate::manifest::{record_uri, SCHEMA_COLLECTION};

/// The public PLC directory.
pub const DEFAULT_PLC_URL: &str = "https://plc.directory";

/// Largest response read from any server: 1 MiB + 10 KiB, as the TypeScript resolver.
pub const MAX_RESPONSE_SIZE: usize = (1 << 20) + 10 * 1024;

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

/// The part of a DID document resolution needs.
#[derive(Debug, Clone)]
struct Identity {
    pds: String,
    key: PublicKey,
}

type Shared<T> = Arc<OnceCell<T>>;

/// Resolves lexicons; caches DNS answers and DID documents for its lifetime.
pub struct Resolver {
    config: NetworkConfig,
    policy: policy::Policy,
    dns: dns::Dns,
    http: http::Http,
    authorities: Mutex<HashMap<String, Shared<(String, String)>>>,
    identities: Mutex<HashMap<String, Shared<Identity>>>,
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
        let policy = policy::Policy::new(&config)?;
        let dns = dns::Dns::new(&config)?;
        let http = http::Http::new(&config, &policy)?;
        Ok(Resolver {
            config,
            policy,
            dns,
            http,
            authorities: Mutex::default(),
            identities: Mutex::default(),
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &NetworkConfig {
        &self.config
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
        let identity = self.identity(nsid, did).await?;
        let car = self
            .http
            .get_record(&self.policy, &identity.pds, did, SCHEMA_COLLECTION, nsid)
            .await
            .map_err(|m| ResolveError::new(nsid, Step::Pds, m))?;
        let record = verify::verify_record(&car, did, &identity.key, nsid)
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
            self.dns
                .lexicon_did(authority)
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

    /// DID -> PDS endpoint + signing key, cached per DID.
    async fn identity(&self, nsid: &str, did: &str) -> Result<Identity, ResolveError> {
        let cell = shared(&self.identities, did);
        cell.get_or_try_init(|| async {
            let bytes = self
                .http
                .did_document(&self.policy, self.config.plc_url(), did)
                .await
                .map_err(|m| ResolveError::new(nsid, Step::Did, m))?;
            let doc = DidDocument::from_json_for(&bytes, did)
                .map_err(|e| ResolveError::new(nsid, Step::Did, format!("{did}: {e}")))?;
            let key = doc
                .signing_key()
                .map_err(|e| ResolveError::new(nsid, Step::Did, format!("{did}: {e}")))?;
            let pds = doc
                .pds_endpoint()
                .map_err(|e| ResolveError::new(nsid, Step::Did, format!("{did}: {e}")))?
                .to_owned();
            self.policy
                .check_discovered(&pds)
                .map_err(|m| ResolveError::new(nsid, Step::Did, format!("{did}: PDS {m}")))?;
            Ok(Identity { pds, key })
        })
        .await
        .cloned()
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
