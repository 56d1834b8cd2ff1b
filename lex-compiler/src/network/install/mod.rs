//! `lex install`: roots (command line + manifest) -> their closure, resolved (local files
//! when they match the manifest, the network otherwise) -> files and manifest, written
//! atomically and all-or-nothing.
//!
//! Nothing is written until every lexicon of the closure has been resolved and verified.
//! A local file whose CID differs from the manifest (or, without a manifest entry, from the
//! published record) is reported as a conflict and never overwritten unless `--update`
//! asked for the network version.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lex_runtime::schema::Document;
use lex_runtime::{Cid, Map, Nsid};
use tokio::task::JoinSet;

mod write;

use write::{write_all, Write};

use super::{NetworkConfig, ResolveError, Resolver};
use crate::manifest::{
    dependencies, lexicon_path, parse_record_uri, read_local, render_lexicon, Manifest, Resolution,
};

/// What to install and where.
#[derive(Debug, Clone)]
pub struct InstallOptions {
    /// NSIDs or `at://DID/com.atproto.lexicon.schema/NSID` URIs to add as roots.
    pub additions: Vec<String>,
    /// The manifest path (`lexicons.json`).
    pub manifest: PathBuf,
    /// The lexicons folder.
    pub lexicons: PathBuf,
    /// Write the manifest.
    pub save: bool,
    /// Refetch everything from the network, replacing local files.
    pub update: bool,
    /// Resolution settings.
    pub network: NetworkConfig,
}

/// Why an install failed; nothing was written in any case.
#[derive(Debug, Clone, thiserror::Error)]
pub enum InstallError {
    /// Bad arguments or an unreadable manifest.
    #[error("{0}")]
    Usage(String),
    /// One or more lexicons could not be resolved.
    #[error("{}", join(.0))]
    Network(Vec<ResolveError>),
    /// Local files differ from what the manifest or the network says.
    #[error("{}", .0.join("\n"))]
    Conflict(Vec<String>),
    /// Writing failed (the previous state was restored).
    #[error("{0}")]
    Io(String),
}

fn join(errors: &[ResolveError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where one installed lexicon came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The local file matched the manifest.
    Local,
    /// Fetched and verified.
    Network,
}

/// Progress events, for a progress bar.
#[derive(Debug, Clone)]
pub enum Progress<'a> {
    /// A lexicon joined the work list; `total` is the number known so far.
    Queued {
        /// Lexicons known so far.
        total: usize,
    },
    /// A lexicon is done.
    Done {
        /// Its NSID.
        nsid: &'a str,
        /// Where it came from.
        source: Source,
    },
}

/// The outcome of a successful install.
#[derive(Debug, Clone, Default)]
pub struct InstallReport {
    /// Every lexicon of the closure with its source.
    pub lexicons: BTreeMap<String, Source>,
    /// Files written (lexicons, then the manifest).
    pub written: Vec<PathBuf>,
    /// The resulting manifest.
    pub manifest: Manifest,
}

/// One resolved lexicon.
#[derive(Debug, Clone)]
struct Entry {
    uri: String,
    cid: Cid,
    document: Document,
    /// The file text to write, when the file is missing or differs.
    write: Option<String>,
    source: Source,
}

/// Runs an install on a private tokio runtime.
pub fn install(
    options: &InstallOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<InstallReport, InstallError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| InstallError::Io(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(install_async(options, progress))
}

/// A parsed addition: the NSID and, for an AT-URI, the DID it pins.
pub fn parse_addition(text: &str) -> Result<(String, Option<String>), String> {
    if text.starts_with("at://") {
        let (did, nsid) = parse_record_uri(text)?;
        return Ok((nsid, Some(did)));
    }
    Nsid::new(text).map_err(|e| format!("`{text}` is not an NSID: {e}"))?;
    Ok((text.to_owned(), None))
}

/// The install, inside a tokio runtime.
pub async fn install_async(
    options: &InstallOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<InstallReport, InstallError> {
    let manifest = Manifest::read(&options.manifest)
        .map_err(|e| InstallError::Usage(e.to_string()))?
        .unwrap_or_default();
    let roots = roots(options, &manifest)?;
    let entries = resolve_closure(options, manifest, &roots, progress).await?;
    let new_manifest = Manifest {
        lexicons: roots.keys().cloned().collect(),
        resolutions: entries
            .iter()
            .map(|(nsid, e)| {
                let resolution = Resolution {
                    uri: e.uri.clone(),
                    cid: e.cid,
                };
                (nsid.clone(), resolution)
            })
            .collect(),
    };
    let writes = plan_writes(options, &entries, &new_manifest);
    write_all(&writes)?;
    Ok(InstallReport {
        lexicons: entries.iter().map(|(n, e)| (n.clone(), e.source)).collect(),
        written: writes.iter().map(Write::path).collect(),
        manifest: new_manifest,
    })
}

/// The roots: additions first (they may pin a DID), then the manifest's.
fn roots(
    options: &InstallOptions,
    manifest: &Manifest,
) -> Result<BTreeMap<String, Option<String>>, InstallError> {
    let mut roots: BTreeMap<String, Option<String>> = BTreeMap::new();
    for text in &options.additions {
        let (nsid, did) = parse_addition(text).map_err(InstallError::Usage)?;
        if roots.insert(nsid.clone(), did).is_some() {
            return Err(InstallError::Usage(format!("`{nsid}` is given twice")));
        }
    }
    for nsid in &manifest.lexicons {
        roots.entry(nsid.clone()).or_insert(None);
    }
    Ok(roots)
}

/// Resolves the roots and everything they reference, concurrently up to the configured
/// limit; every failure is collected so that one run reports them all.
async fn resolve_closure(
    options: &InstallOptions,
    manifest: Manifest,
    roots: &BTreeMap<String, Option<String>>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<BTreeMap<String, Entry>, InstallError> {
    let resolver = Arc::new(Resolver::new(options.network.clone()).map_err(InstallError::Usage)?);
    let manifest = Arc::new(manifest);
    let semaphore = Arc::new(tokio::sync::Semaphore::new(
        options.network.concurrency.max(1),
    ));
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut tasks: JoinSet<(String, Result<Entry, Failure>)> = JoinSet::new();
    let spawn = |tasks: &mut JoinSet<_>, nsid: String, did: Option<String>| {
        let resolver = resolver.clone();
        let manifest = manifest.clone();
        let semaphore = semaphore.clone();
        let lexicons = options.lexicons.clone();
        let update = options.update;
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await;
            let result = resolve_one(&resolver, &manifest, &lexicons, update, &nsid, did).await;
            (nsid, result)
        });
    };
    for (nsid, did) in roots {
        seen.insert(nsid.clone());
        spawn(&mut tasks, nsid.clone(), did.clone());
    }
    progress(Progress::Queued { total: seen.len() });

    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let mut network_errors = Vec::new();
    let mut conflicts = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let (nsid, result) =
            joined.map_err(|e| InstallError::Io(format!("a resolution task failed: {e}")))?;
        match result {
            Ok(entry) => {
                progress(Progress::Done {
                    nsid: &nsid,
                    source: entry.source,
                });
                for dep in dependencies(&entry.document) {
                    if seen.insert(dep.clone()) {
                        spawn(&mut tasks, dep, None);
                        progress(Progress::Queued { total: seen.len() });
                    }
                }
                entries.insert(nsid, entry);
            }
            Err(Failure::Network(e)) => network_errors.push(e),
            Err(Failure::Conflict(c)) => conflicts.push(c),
        }
    }
    if !network_errors.is_empty() {
        network_errors.sort_by(|a, b| a.nsid.cmp(&b.nsid));
        return Err(InstallError::Network(network_errors));
    }
    if !conflicts.is_empty() {
        conflicts.sort();
        return Err(InstallError::Conflict(conflicts));
    }
    Ok(entries)
}

/// The files to write: lexicons that are missing or differ, then the manifest when it
/// changed and `--save` asked for it.
fn plan_writes(
    options: &InstallOptions,
    entries: &BTreeMap<String, Entry>,
    manifest: &Manifest,
) -> Vec<Write> {
    let mut writes: Vec<Write> = entries
        .iter()
        .filter_map(|(nsid, e)| {
            e.write.as_ref().map(|text| Write {
                root: options.lexicons.clone(),
                rel: lexicon_path(Path::new(""), nsid),
                text: text.clone(),
            })
        })
        .collect();
    if options.save {
        let text = manifest.to_json();
        let current = std::fs::read_to_string(&options.manifest).ok();
        if current.as_deref() != Some(text.as_str()) {
            let root = options
                .manifest
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let rel = options
                .manifest
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_default();
            writes.push(Write { root, rel, text });
        }
    }
    writes
}

enum Failure {
    Network(ResolveError),
    Conflict(String),
}

async fn resolve_one(
    resolver: &Resolver,
    manifest: &Manifest,
    lexicons: &Path,
    update: bool,
    nsid: &str,
    pinned_did: Option<String>,
) -> Result<Entry, Failure> {
    let path = lexicon_path(lexicons, nsid);
    let local = read_local(&path).map_err(|e| Failure::Conflict(e.to_string()))?;
    let pinned = manifest.resolutions.get(nsid);
    // The DID to fetch from: the addition's, else the manifest's, else DNS.
    let did = pinned_did.clone().or_else(|| {
        pinned
            .and_then(|r| parse_record_uri(&r.uri).ok())
            .map(|(did, _)| did)
    });
    if !update {
        if let (Some(local), Some(pin)) = (&local, pinned) {
            // A pin whose URI names another record is not reused: fetching by NSID mends it.
            let same_source = parse_record_uri(&pin.uri).is_ok_and(|(pinned, rkey)| {
                rkey == nsid && pinned_did.as_ref().is_none_or(|d| &pinned == d)
            });
            if same_source {
                if local.document.id != nsid {
                    return Err(Failure::Conflict(format!(
                        "`{nsid}`: {} holds the lexicon `{}`; restore it or run `lex install --update` to replace it",
                        path.display(),
                        local.document.id
                    )));
                }
                if local.cid != pin.cid {
                    return Err(Failure::Conflict(format!(
                        "`{nsid}`: {} was edited (CID {}, the manifest pins {}); restore it or run `lex install --update` to replace it",
                        path.display(),
                        local.cid,
                        pin.cid
                    )));
                }
                return Ok(Entry {
                    uri: pin.uri.clone(),
                    cid: pin.cid,
                    document: local.document.clone(),
                    write: None,
                    source: Source::Local,
                });
            }
        }
    }
    let resolved = match &did {
        Some(did) => resolver.fetch(nsid, did).await,
        None => resolver.resolve(nsid).await,
    }
    .map_err(Failure::Network)?;
    let text = render_lexicon(&resolved.record);
    let write = match &local {
        Some(l) if l.bytes == text.as_bytes() => None,
        Some(l) if !update && l.cid != resolved.cid => {
            return Err(Failure::Conflict(format!(
                "`{nsid}`: {} differs from the published record (CID {} vs {}); run `lex install --update` to replace it",
                path.display(),
                l.cid,
                resolved.cid
            )))
        }
        _ => Some(text),
    };
    Ok(Entry {
        uri: resolved.uri,
        cid: resolved.cid,
        document: resolved.document,
        write,
        source: Source::Network,
    })
}

/// The record of a resolved lexicon as file text (for `lex resolve`).
pub fn record_text(record: &Map) -> String {
    render_lexicon(record)
}
