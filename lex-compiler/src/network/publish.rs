//! Publishing: a handle (or DID) -> its DID document -> the PDS; a password session
//! (`com.atproto.server.createSession`); what the account's repository publishes now
//! (fetched and verified like `lex install` does); and one
//! `com.atproto.repo.applyWrites` commit for every `com.atproto.lexicon.schema` record.
//!
//! The write is guarded by `swapCommit`: the published versions are read at or after the
//! repository's latest commit, and the PDS applies the batch only if that commit is still
//! the latest. That guards every update by the version it was compared with (a concurrent
//! publish makes the write fail instead of being overwritten), and `applyWrites` itself is
//! all or nothing, so a publish is never partial.
//!
//! The PDS is an endpoint found on the network: the same SSRF [`policy`](super::policy)
//! as resolution applies to it.

use lex_runtime::identity::{ErrorKind, IdentityError};
use lex_runtime::{Cid, Map};

use super::{NetworkConfig, ResolveError, Resolved, Resolver, Step, MAX_RESPONSE_SIZE};
use crate::manifest::SCHEMA_COLLECTION;

/// Why publishing (or looking up the publishing account) failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishError {
    /// The handle or DID does not lead to a usable account (no `_atproto` record, a
    /// broken DID document).
    #[error("{0}")]
    Identity(String),
    /// The PDS refused the credentials.
    #[error("{0}")]
    Auth(String),
    /// The PDS refused the request (an XRPC 4xx error such as `InvalidSwap`).
    #[error("{0}")]
    Refused(String),
    /// A server could not be reached or failed (timeouts, 5xx).
    #[error("{0}")]
    Network(String),
}

/// The publishing account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The handle, when the account was named by one.
    pub handle: Option<String>,
    /// The account's DID.
    pub did: String,
    /// Its PDS endpoint (from the DID document).
    pub pds: String,
}

/// A logged-in session on the account's PDS.
#[derive(Debug, Clone)]
pub struct Session {
    /// The account.
    pub account: Account,
    access: String,
    refresh: String,
}

/// One record write of a publish.
#[derive(Debug, Clone)]
pub enum Write {
    /// A schema not published before.
    Create {
        /// The NSID (the record key).
        nsid: String,
        /// The record: the document plus `$type`.
        record: Map,
    },
    /// A new version of a published schema.
    Update {
        /// The NSID.
        nsid: String,
        /// The record.
        record: Map,
    },
    /// Removing a published schema.
    Delete {
        /// The NSID.
        nsid: String,
    },
}

/// A committed write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The new commit's CID.
    pub commit: String,
    /// Its revision.
    pub rev: String,
}

/// Blocking access to everything publishing needs, on a private tokio runtime.
pub struct Client {
    runtime: tokio::runtime::Runtime,
    resolver: Resolver,
    http: reqwest::Client,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("resolver", &self.resolver)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`.
    pub fn new(config: NetworkConfig) -> Result<Client, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let resolver = {
            let _guard = runtime.enter();
            Resolver::new(config.clone())?
        };
        // The client for discovered endpoints never follows a redirect (one could lead
        // past the policy, and would resend the password).
        let http = resolver.identity().discovered_client().clone();
        Ok(Client {
            runtime,
            resolver,
            http,
        })
    }

    /// The resolution settings in use.
    pub fn config(&self) -> &NetworkConfig {
        self.resolver.config()
    }

    /// Looks the account up: a handle through its `_atproto.HANDLE` TXT record, then
    /// the DID document for the PDS.
    pub fn account(
        &self,
        handle: Option<&str>,
        did: Option<&str>,
    ) -> Result<Account, PublishError> {
        self.runtime.block_on(async {
            let did = match (handle, did) {
                (_, Some(did)) => {
                    lex_runtime::Did::new(did).map_err(|e| {
                        PublishError::Identity(format!("`{did}` is not a DID: {e}"))
                    })?;
                    did.to_owned()
                }
                (Some(handle), None) => self.handle_did(handle).await?,
                (None, None) => {
                    return Err(PublishError::Identity(
                        "no account given (use --handle or --did)".to_owned(),
                    ))
                }
            };
            let identity = self
                .resolver
                .identity()
                .resolve_did(&did)
                .await
                .map_err(|e| publish_error(&format!("cannot resolve {did}: "), e))?;
            Ok(Account {
                handle: handle.map(str::to_ascii_lowercase),
                did,
                pds: identity.pds,
            })
        })
    }

    async fn handle_did(&self, handle: &str) -> Result<String, PublishError> {
        let did = self
            .resolver
            .identity()
            .resolve_handle(handle)
            .await
            .map_err(|e| publish_error("", e))?;
        Ok(did.as_str().to_owned())
    }

    /// Every TXT value at `_lexicon.AUTHORITY` today (empty when there is none).
    pub fn lexicon_txt(&self, authority: &str) -> Result<Vec<String>, String> {
        self.runtime
            .block_on(
                self.resolver
                    .identity()
                    .txt(&format!("_lexicon.{authority}")),
            )
            .map_err(|e| e.message)
    }

    /// The version of each NSID that `did`'s repository holds, verified; `None` when it
    /// holds none.
    pub fn published_in(
        &self,
        did: &str,
        nsids: &[String],
    ) -> Vec<Result<Option<Resolved>, ResolveError>> {
        self.runtime.block_on(async {
            let mut out = Vec::with_capacity(nsids.len());
            for nsid in nsids {
                out.push(match self.resolver.fetch(nsid, did).await {
                    Ok(r) => Ok(Some(r)),
                    Err(e) if not_found(&e) => Ok(None),
                    Err(e) => Err(e),
                });
            }
            out
        })
    }

    /// Resolves `nsid` through DNS from scratch (no cached answers), as an installer
    /// would after the publish.
    pub fn resolve_fresh(&self, nsid: &str) -> Result<Resolved, ResolveError> {
        self.runtime.block_on(async {
            let resolver = Resolver::new(self.resolver.config().clone())
                .map_err(|m| ResolveError::new(nsid, Step::Input, m))?;
            resolver.resolve(nsid).await
        })
    }

    /// Logs in with a password (`com.atproto.server.createSession`).
    pub fn login(&self, account: &Account, password: &str) -> Result<Session, PublishError> {
        let identifier = account.handle.as_deref().unwrap_or(&account.did);
        let body = serde_json::json!({"identifier": identifier, "password": password});
        let reply = self.runtime.block_on(self.xrpc(
            account,
            "com.atproto.server.createSession",
            None,
            Some(&body),
        ));
        let reply = reply.map_err(|e| match e {
            PublishError::Refused(m) | PublishError::Auth(m) => PublishError::Auth(format!(
                "login as {identifier} failed: {m} (check the password)"
            )),
            other => other,
        })?;
        let field = |name: &str| {
            reply
                .get(name)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| {
                    PublishError::Network(format!("createSession answer has no `{name}`"))
                })
        };
        let did = field("did")?;
        if did != account.did {
            return Err(PublishError::Identity(format!(
                "{identifier} resolves to {} but the PDS logged in {did}",
                account.did
            )));
        }
        Ok(Session {
            account: account.clone(),
            access: field("accessJwt")?,
            refresh: field("refreshJwt")?,
        })
    }

    /// The CID of the repository's latest commit (`com.atproto.sync.getLatestCommit`).
    pub fn latest_commit(&self, account: &Account) -> Result<Cid, PublishError> {
        self.runtime.block_on(async {
            let path = format!(
                "com.atproto.sync.getLatestCommit?did={}",
                account.did.replace('%', "%25")
            );
            let reply = self.xrpc(account, &path, None, None).await?;
            reply
                .get("cid")
                .and_then(serde_json::Value::as_str)
                .and_then(|c| c.parse::<Cid>().ok())
                .ok_or_else(|| PublishError::Network("getLatestCommit answer has no CID".into()))
        })
    }

    /// Applies every write in one commit, only if the repository is still at
    /// `swap_commit`. An expired access token is refreshed once.
    pub fn apply_writes(
        &self,
        session: &mut Session,
        writes: &[Write],
        swap_commit: Option<Cid>,
    ) -> Result<Committed, PublishError> {
        let writes: Vec<serde_json::Value> = writes.iter().map(write_json).collect();
        let mut body = serde_json::json!({"repo": session.account.did, "writes": writes});
        if let (Some(cid), Some(map)) = (swap_commit, body.as_object_mut()) {
            map.insert("swapCommit".into(), cid.to_string().into());
        }
        self.runtime.block_on(async {
            let path = "com.atproto.repo.applyWrites";
            let first = self
                .xrpc(&session.account, path, Some(&session.access), Some(&body))
                .await;
            let reply = match first {
                Err(PublishError::Auth(m)) if m.contains("ExpiredToken") => {
                    self.refresh(session).await?;
                    self.xrpc(&session.account, path, Some(&session.access), Some(&body))
                        .await?
                }
                other => other?,
            };
            let commit = reply.get("commit");
            let text = |name: &str| {
                commit
                    .and_then(|c| c.get(name))
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            Ok(Committed {
                commit: text("cid"),
                rev: text("rev"),
            })
        })
    }

    async fn refresh(&self, session: &mut Session) -> Result<(), PublishError> {
        let reply = self
            .xrpc(
                &session.account,
                "com.atproto.server.refreshSession",
                Some(&session.refresh.clone()),
                Some(&serde_json::json!({})),
            )
            .await?;
        let get = |name: &str| {
            reply
                .get(name)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| PublishError::Auth(format!("refreshSession answer has no `{name}`")))
        };
        session.access = get("accessJwt")?;
        session.refresh = get("refreshJwt")?;
        Ok(())
    }

    /// One XRPC call to the account's PDS: a procedure when `body` is given, else a query.
    async fn xrpc(
        &self,
        account: &Account,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> Result<serde_json::Value, PublishError> {
        self.resolver
            .identity()
            .policy()
            .check_discovered(&account.pds)
            .map_err(|m| PublishError::Identity(format!("PDS of {}: {m}", account.did)))?;
        let url = format!("{}/xrpc/{path}", account.pds.trim_end_matches('/'));
        let method = path.split('?').next().unwrap_or(path);
        let mut request = match body {
            Some(body) => self
                .http
                .post(&url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string()),
            None => self.http.get(&url),
        };
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let network = |e: reqwest::Error| {
            let mut message = if e.is_timeout() {
                format!("{method} at {} timed out", account.pds)
            } else {
                format!("{method} at {} failed", account.pds)
            };
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            PublishError::Network(message)
        };
        let mut response = request.send().await.map_err(network)?;
        let status = response.status();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            if bytes.len() + chunk.len() > MAX_RESPONSE_SIZE {
                return Err(PublishError::Network(format!(
                    "{method}: answer larger than {MAX_RESPONSE_SIZE} bytes"
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        if status.is_success() {
            return Ok(json);
        }
        let name = json.get("error").and_then(|v| v.as_str()).unwrap_or("");
        let detail = json.get("message").and_then(|v| v.as_str()).unwrap_or("");
        let message = format!(
            "{method} at {} answered HTTP {}{}{}",
            account.pds,
            status.as_u16(),
            if name.is_empty() {
                String::new()
            } else {
                format!(" {name}")
            },
            if detail.is_empty() {
                String::new()
            } else {
                format!(": {detail}")
            },
        );
        Err(if status.as_u16() == 401 || name == "ExpiredToken" {
            PublishError::Auth(message)
        } else if status.is_client_error() {
            PublishError::Refused(message)
        } else {
            PublishError::Network(message)
        })
    }
}

/// An identity failure as a publish error: network trouble (exit 3) or an account that
/// does not resolve.
fn publish_error(prefix: &str, e: IdentityError) -> PublishError {
    let message = format!("{prefix}{}", e.message);
    match e.kind {
        ErrorKind::Network => PublishError::Network(message),
        ErrorKind::Input | ErrorKind::Resolution => PublishError::Identity(message),
    }
}

fn write_json(write: &Write) -> serde_json::Value {
    let (kind, nsid, record) = match write {
        Write::Create { nsid, record } => ("create", nsid, Some(record)),
        Write::Update { nsid, record } => ("update", nsid, Some(record)),
        Write::Delete { nsid } => ("delete", nsid, None),
    };
    let mut json = serde_json::json!({
        "$type": format!("com.atproto.repo.applyWrites#{kind}"),
        "collection": SCHEMA_COLLECTION,
        "rkey": nsid,
    });
    if let (Some(record), Some(map)) = (record, json.as_object_mut()) {
        let text = lex_runtime::json::to_string(&lex_runtime::Value::Map(record.clone()));
        map.insert(
            "value".into(),
            serde_json::from_str(&text).unwrap_or_default(),
        );
    }
    json
}

/// Whether a failed fetch means "the repository holds no such record": the PDS answers
/// `RecordNotFound`, the XRPC error name the sync API defines for it.
pub fn not_found(e: &ResolveError) -> bool {
    e.step == Step::Pds && e.message.contains("RecordNotFound")
}

/// The record to publish for a lexicon document: the document plus `$type`, and its CID.
pub fn schema_record(document_json: &str) -> Result<(Map, Cid), String> {
    let mut record =
        lex_runtime::json::record_from_str(document_json).map_err(|e| e.to_string())?;
    record.insert(
        "$type",
        lex_runtime::Value::String(SCHEMA_COLLECTION.to_owned()),
    );
    let cid = lex_runtime::cbor::cid_of(&lex_runtime::Value::Map(record.clone()));
    Ok((record, cid))
}
