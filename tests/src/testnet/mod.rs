//! The loopback test network: a DNS server (UDP + TCP), a PLC directory and a PDS on
//! 127.0.0.1, serving lexicons from folders as signed `com.atproto.lexicon.schema` records,
//! with faults to inject for tests.
//!
//! Each NSID authority gets a synthetic did:plc (or the network's did:web, when configured) and its own signing key (secp256k1 and
//! P-256 alternate), a `_lexicon.<authority>` TXT record, a DID document pointing at the
//! PDS, and a repository (MST + signed v3 commit) holding its lexicons. `getRecord` answers
//! with a CAR of the commit, the MST path and the record.
//!
//! ```no_run
//! use lex_tests::testnet::{TestNet, TestNetConfig};
//! let net = TestNet::start(TestNetConfig::new(["lexicons"]))?;
//! println!("{}", net.info_json());
//! # Ok::<(), String>(())
//! ```

mod accounts;
mod dns;
mod firehose;
mod http;
mod pds;
mod pds_write;
mod repo;
mod synthetic;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lex_runtime::did_doc::{DidDocument, KeyType};
use lex_runtime::Cid;

pub use repo::did_for;
pub use synthetic::synthetic_lexicons;

/// A fault to inject, naming the NSID it affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The commit served with this record is signed by a different key.
    BadSignature(String),
    /// The record's `id` differs from its record key.
    IdMismatch(String),
    /// The NSID's authority has two `did=` TXT records.
    TwoDids(String),
    /// The NSID's authority has no TXT record.
    MissingTxt(String),
    /// The proof's MST (under a correctly signed commit) does not contain the record.
    WrongMstProof(String),
    /// The PDS answers every write of this account (a handle) with an error.
    RefuseWrites(String),
    /// The PDS waits this long before answering for the record.
    Slow {
        /// The NSID.
        nsid: String,
        /// The delay.
        delay: Duration,
    },
}

/// What to serve.
#[derive(Debug, Clone, Default)]
pub struct TestNetConfig {
    /// Folders (or files) of lexicon JSON.
    pub lexicon_dirs: Vec<PathBuf>,
    /// Faults to inject.
    pub faults: Vec<Fault>,
    /// Authorities published from a did:web (`did:web:127.0.0.1%3A<PLC port>`, its document
    /// served by the PLC server) instead of a did:plc.
    pub did_web: Vec<String>,
    /// Accounts on the PDS: (handle, password).
    pub accounts: Vec<(String, String)>,
    /// `_lexicon.DOMAIN` TXT records pointing at an account: (domain, handle).
    pub lexicon_authorities: Vec<(String, String)>,
    /// Signing-key curves chosen for accounts: (handle, curve); others alternate,
    /// secp256k1 first.
    pub account_key_types: Vec<(String, KeyType)>,
}

impl TestNetConfig {
    /// Serves the lexicons under `dirs`, without faults.
    pub fn new<P: Into<PathBuf>>(dirs: impl IntoIterator<Item = P>) -> TestNetConfig {
        TestNetConfig {
            lexicon_dirs: dirs.into_iter().map(Into::into).collect(),
            faults: Vec::new(),
            did_web: Vec::new(),
            accounts: Vec::new(),
            lexicon_authorities: Vec::new(),
            account_key_types: Vec::new(),
        }
    }

    /// Adds an account as [`TestNetConfig::account`] does, whose signing key is on `curve`.
    pub fn account_with_key(self, handle: &str, password: &str, curve: KeyType) -> TestNetConfig {
        let mut config = self.account(handle, password);
        config.account_key_types.push((handle.to_owned(), curve));
        config
    }

    /// Adds a `did:plc` account with this handle and password on the PDS, resolvable
    /// through a `_atproto.HANDLE` TXT record.
    pub fn account(mut self, handle: &str, password: &str) -> TestNetConfig {
        self.accounts.push((handle.to_owned(), password.to_owned()));
        self
    }

    /// Sets `_lexicon.DOMAIN` TXT to the DID of the account `handle`.
    pub fn lexicon_authority(mut self, domain: &str, handle: &str) -> TestNetConfig {
        self.lexicon_authorities
            .push((domain.to_owned(), handle.to_owned()));
        self
    }

    /// Publishes `authority` (e.g. `feed.bsky.app`) from the network's did:web.
    pub fn did_web(mut self, authority: &str) -> TestNetConfig {
        self.did_web.push(authority.to_owned());
        self
    }

    /// Adds a fault.
    pub fn fault(mut self, fault: Fault) -> TestNetConfig {
        self.faults.push(fault);
        self
    }
}

/// A running test network; stops when dropped.
pub struct TestNet {
    runtime: Option<tokio::runtime::Runtime>,
    dns_server: SocketAddr,
    plc_url: String,
    pds_url: String,
    net: Arc<repo::Network>,
}

impl std::fmt::Debug for TestNet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.info_json())
    }
}

impl TestNet {
    /// Starts the servers on loopback ports and returns once they accept connections.
    pub fn start(config: TestNetConfig) -> Result<TestNet, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the runtime: {e}"))?;
        let (dns_server, plc_url, pds_url, net) = runtime.block_on(async {
            let plc = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            let pds = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            let (udp, tcp) = dns::bind().await.map_err(|e| e.to_string())?;
            let plc_url = format!("http://{}", plc.local_addr().map_err(|e| e.to_string())?);
            let pds_url = format!("http://{}", pds.local_addr().map_err(|e| e.to_string())?);
            let dns_server = udp.local_addr().map_err(|e| e.to_string())?;
            let plc_port = plc.local_addr().map_err(|e| e.to_string())?.port();
            let web_did = format!("did:web:127.0.0.1%3A{plc_port}");
            let (net, zone) = repo::build(&config, &web_did, &pds_url)?;
            let net = Arc::new(net);
            dns::serve(udp, tcp, Arc::new(zone));
            http::serve_plc(plc, net.clone());
            http::serve_pds(pds, net.clone());
            Ok::<_, String>((dns_server, plc_url, pds_url, net))
        })?;
        Ok(TestNet {
            runtime: Some(runtime),
            dns_server,
            plc_url,
            pds_url,
            net,
        })
    }

    /// The DNS server (UDP and TCP).
    pub fn dns_server(&self) -> SocketAddr {
        self.dns_server
    }

    /// The PLC directory URL.
    pub fn plc_url(&self) -> &str {
        &self.plc_url
    }

    /// The PDS URL.
    pub fn pds_url(&self) -> &str {
        &self.pds_url
    }

    /// The record CID the PDS holds for each NSID.
    pub fn record_cids(&self) -> &BTreeMap<String, Cid> {
        &self.net.cids
    }

    /// The DID publishing `nsid`.
    pub fn did_of(&self, nsid: &str) -> Option<&str> {
        self.net.dids.get(nsid).map(String::as_str)
    }

    /// The DID of the account with this handle.
    pub fn account_did(&self, handle: &str) -> Option<&str> {
        self.net.account(handle).map(|a| a.did.as_str())
    }

    /// The firehose (`com.atproto.sync.subscribeRepos`) URL.
    pub fn firehose_url(&self) -> String {
        let rest = self.pds_url.trim_start_matches("http://");
        format!("ws://{rest}/xrpc/com.atproto.sync.subscribeRepos")
    }

    /// The signing-key curve of the account with this handle.
    pub fn account_key_type(&self, handle: &str) -> Option<KeyType> {
        let account = self.net.account(handle)?;
        Some(account.key().public_key().key_type())
    }

    /// Rotates the account's signing key: its DID document on the PLC lists the new key,
    /// later commits are signed with it, and the firehose says so with an `#identity`.
    pub fn rotate_key(&self, handle: &str) -> Result<(), String> {
        let account = self
            .net
            .account(handle)
            .ok_or_else(|| format!("no account {handle}"))?;
        let n = self.net.firehose.len();
        let key = account.rotate_key(n)?;
        let doc = DidDocument::new(&account.did, &key.public_key(), &self.net.pds_url);
        self.net.did_docs.insert(account.did.clone(), doc.to_json());
        self.net.firehose.identity(&account.did, &account.handle);
        Ok(())
    }

    /// Sequences an `#account` event: `active`, and the `status` of an inactive account
    /// (`deactivated`, `takendown`, ...).
    pub fn account_status(
        &self,
        handle: &str,
        active: bool,
        status: Option<&str>,
    ) -> Result<(), String> {
        let account = self
            .net
            .account(handle)
            .ok_or_else(|| format!("no account {handle}"))?;
        self.net.firehose.account(&account.did, active, status);
        Ok(())
    }

    /// Sequences a `#sync` of the account's current commit (what a PDS sends after a
    /// repository import or to recover a broken chain).
    pub fn announce_sync(&self, handle: &str) -> Result<(), String> {
        let account = self
            .net
            .account(handle)
            .ok_or_else(|| format!("no account {handle}"))?;
        let repo = account.repo();
        self.net
            .firehose
            .sync(&account.did, &repo.rev, &repo.commit);
        Ok(())
    }

    /// `{"dns_server": "127.0.0.1:PORT", "plc_url": "http://127.0.0.1:PORT", "pds_url":
    /// ..., "accounts": [{"handle": ..., "did": ...}]}`.
    pub fn info_json(&self) -> String {
        let accounts: Vec<serde_json::Value> = self
            .net
            .accounts
            .iter()
            .map(|a| serde_json::json!({"handle": a.handle, "did": a.did}))
            .collect();
        let info = serde_json::json!({
            "dns_server": self.dns_server.to_string(),
            "plc_url": self.plc_url,
            "pds_url": self.pds_url,
            "accounts": accounts,
        });
        info.to_string()
    }

    /// Resolution settings pointing at this network.
    pub fn network_config(&self) -> lex_compiler::network::NetworkConfig {
        lex_compiler::network::NetworkConfig {
            dns_server: Some(self.dns_server),
            plc_url: Some(self.plc_url.clone()),
            timeout: Duration::from_secs(10),
            ..lex_compiler::network::NetworkConfig::default()
        }
    }
}

impl Drop for TestNet {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}
