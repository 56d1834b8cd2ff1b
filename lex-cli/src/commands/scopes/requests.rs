//! `--method`, `--collection`, `--blob` and `--aud`: what an app does, shared by `lex
//! scopes for` (which scopes to ask for) and `lex scopes check` (is it allowed).

use std::collections::BTreeMap;

use clap::Args;
use lex_runtime::scope::{
    Audience, BlobScope, NsidList, RepoAction, RepoActions, RepoScope, Request, RpcScope, Scope,
    ServiceRef,
};
use lex_runtime::Nsid;

use super::Failure;

/// What the app does.
#[derive(Debug, Args)]
pub(crate) struct RequestArgs {
    /// An XRPC method the app calls on the `--aud` service (repeatable).
    #[arg(long = "method", value_name = "NSID")]
    methods: Vec<String>,
    /// A collection the app writes records of, with the actions it needs (all three when
    /// none are named; repeatable).
    #[arg(long = "collection", value_name = "NSID[:create,update,delete]")]
    collections: Vec<String>,
    /// A MIME type the app uploads blobs of, e.g. `image/png` (repeatable).
    #[arg(long = "blob", value_name = "MIME")]
    blobs: Vec<String>,
    /// The service the methods are called on: a DID service reference such as
    /// `did:web:api.bsky.app#bsky_appview` (`%23` for `#` works too).
    #[arg(long, value_name = "DIDREF")]
    pub(crate) aud: Option<String>,
}

/// The requests, checked.
pub(crate) struct Requests {
    methods: Vec<Nsid>,
    /// The audience of the methods (`None` only when there are none).
    aud: Option<Audience>,
    /// Collections in order of first mention, with the union of their actions.
    collections: Vec<(Nsid, RepoActions)>,
    blobs: Vec<String>,
}

/// One request with the words to describe it.
pub(crate) struct Described<'a> {
    pub(crate) request: Request<'a>,
    pub(crate) text: String,
}

/// `--aud`'s value decoded: `%23` (the scope-string spelling) read as `#`.
pub(crate) fn decode_aud(aud: &str) -> String {
    if aud.contains('#') {
        aud.to_owned()
    } else {
        aud.replacen("%23", "#", 1)
    }
}

/// `--aud` as a DID service reference (what `include:` and `inheritAud` take).
pub(crate) fn service_ref(aud: &str) -> Result<ServiceRef, Failure> {
    let decoded = decode_aud(aud);
    ServiceRef::parse(&decoded).map_err(|reason| {
        Failure::usage(format!(
            "--aud `{aud}` is not a DID service reference: {reason} \
             (example: did:web:api.bsky.app#bsky_appview)"
        ))
    })
}

impl RequestArgs {
    /// Checks every value; `--method` without `--aud`, or no request at all, is a usage
    /// error.
    pub(crate) fn parse(&self) -> Result<Requests, Failure> {
        if self.methods.is_empty() && self.collections.is_empty() && self.blobs.is_empty() {
            return Err(Failure::usage(
                "name at least one request: --method NSID, --collection NSID or --blob MIME",
            ));
        }
        let methods = self
            .methods
            .iter()
            .map(|m| nsid("--method", m))
            .collect::<Result<Vec<_>, _>>()?;
        let aud = match (&self.aud, methods.is_empty()) {
            (None, false) => {
                return Err(Failure::usage(
                    "--method needs --aud: an rpc scope names the service the method is \
                     called on (e.g. --aud did:web:api.bsky.app#bsky_appview)",
                ))
            }
            (None, true) => None,
            (Some(a), _) => Some(Audience::parse(&decode_aud(a)).map_err(|reason| {
                Failure::usage(format!(
                    "--aud `{a}` is neither `*` nor a DID service reference: {reason}"
                ))
            })?),
        };
        let mut collections: Vec<(Nsid, RepoActions)> = Vec::new();
        for c in &self.collections {
            let (name, actions) = collection(c)?;
            match collections.iter_mut().find(|(n, _)| *n == name) {
                Some((_, have)) => {
                    *have = RepoActions::of(have.iter().chain(actions.iter())).unwrap_or(*have);
                }
                None => collections.push((name, actions)),
            }
        }
        for b in &self.blobs {
            BlobScope::new(&[b]).map_err(|reason| {
                Failure::usage(format!("--blob `{b}` is not a MIME type: {reason}"))
            })?;
        }
        Ok(Requests {
            methods,
            aud,
            collections,
            blobs: self.blobs.clone(),
        })
    }
}

fn nsid(flag: &str, value: &str) -> Result<Nsid, Failure> {
    Nsid::new(value).map_err(|e| Failure::usage(format!("{flag} `{value}`: {}", e.reason())))
}

/// `NSID[:create,update,delete]`.
fn collection(value: &str) -> Result<(Nsid, RepoActions), Failure> {
    let (name, actions) = match value.split_once(':') {
        Some((name, actions)) => (name, Some(actions)),
        None => (value, None),
    };
    let name = nsid("--collection", name)?;
    let Some(actions) = actions else {
        return Ok((name, RepoActions::ALL));
    };
    let mut parsed = Vec::new();
    for a in actions.split(',') {
        parsed.push(RepoAction::parse(a).ok_or_else(|| {
            Failure::usage(format!(
                "--collection `{value}`: unknown action `{a}` (expected create, update or delete)"
            ))
        })?);
    }
    let actions = RepoActions::of(parsed)
        .ok_or_else(|| Failure::usage(format!("--collection `{value}`: no action after `:`")))?;
    Ok((name, actions))
}

impl Requests {
    /// The audience of `--aud`, decoded (`*` or a service reference).
    pub(crate) fn aud(&self) -> Option<&Audience> {
        self.aud.as_ref()
    }

    /// Every single request: each method, each action on each collection, each blob type.
    pub(crate) fn each(&self) -> Vec<Described<'_>> {
        let mut out = Vec::new();
        if let Some(aud) = &self.aud {
            for m in &self.methods {
                out.push(Described {
                    request: Request::rpc(m.as_str(), aud.as_str()),
                    text: format!("call {m} on {}", aud.as_str()),
                });
            }
        }
        for (c, actions) in &self.collections {
            for a in actions.iter() {
                out.push(Described {
                    request: Request::repo(c.as_str(), a),
                    text: format!("{a} {c} records"),
                });
            }
        }
        for b in &self.blobs {
            out.push(Described {
                request: Request::blob(b),
                text: format!("upload {b} blobs"),
            });
        }
        out
    }

    /// The least-privilege scopes: one `rpc` scope per method, one `repo` scope per
    /// collection with exactly its actions, one `blob` scope for every MIME type.
    pub(crate) fn scopes(&self) -> Vec<Scope> {
        let mut out = Vec::new();
        if let Some(aud) = &self.aud {
            for m in &self.methods {
                let lxm = NsidList::only([m.clone()]);
                if let Some(s) = lxm.and_then(|l| RpcScope::new(l, aud.clone())) {
                    out.push(Scope::Rpc(s));
                }
            }
        }
        for (c, actions) in &self.collections {
            if let Some(list) = NsidList::only([c.clone()]) {
                out.push(Scope::Repo(RepoScope::new(list, *actions)));
            }
        }
        if let Ok(blob) = BlobScope::new(&self.blobs) {
            out.push(Scope::Blob(blob));
        }
        out
    }

    /// The actions requested on each collection.
    pub(crate) fn actions_by_collection(&self) -> BTreeMap<&str, RepoActions> {
        self.collections
            .iter()
            .map(|(c, a)| (c.as_str(), *a))
            .collect()
    }

    /// The methods requested.
    pub(crate) fn methods(&self) -> impl Iterator<Item = &str> + '_ {
        self.methods.iter().map(Nsid::as_str)
    }
}
