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

    // Roots: additions first (they may pin a DID), then the manifest's.
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
    for (nsid, did) in &roots {
        seen.insert(nsid.clone());
        spawn(&mut tasks, nsid.clone(), did.clone());
    }
    progress(Progress::Queued { total: seen.len() });

    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let mut network_errors = Vec::new();
    let mut conflicts = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let (nsid, result) = match joined {
            Ok(r) => r,
            Err(e) => return Err(InstallError::Io(format!("a resolution task failed: {e}"))),
        };
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

    let new_manifest = Manifest {
        lexicons: roots.keys().cloned().collect(),
        resolutions: entries
            .iter()
            .map(|(nsid, e)| {
                (
                    nsid.clone(),
                    Resolution {
                        uri: e.uri.clone(),
                        cid: e.cid,
                    },
                )
            })
            .collect(),
    };
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
        let text = new_manifest.to_json();
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
    write_all(&writes)?;
    Ok(InstallReport {
        lexicons: entries.iter().map(|(n, e)| (n.clone(), e.source)).collect(),
        written: writes.iter().map(Write::path).collect(),
        manifest: new_manifest,
    })
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

/// One file an install writes: `root/rel`. `root` (the lexicons folder, or the manifest's
/// folder) is taken as given, like any path a user types; under it no link is ever followed.
#[derive(Debug, Clone)]
struct Write {
    root: PathBuf,
    rel: PathBuf,
    text: String,
}

impl Write {
    fn path(&self) -> PathBuf {
        self.root.join(&self.rel)
    }
}

/// Writes every file through a temporary sibling and a rename; on any failure, removes the
/// temporaries, restores the files already replaced and removes folders it created.
fn write_all(writes: &[Write]) -> Result<(), InstallError> {
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut temps: Vec<PathBuf> = Vec::new();
    let result = stage(writes, &mut created_dirs, &mut temps).and_then(|()| commit(writes, &temps));
    if result.is_err() {
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
        for d in created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
    result
}

/// Refuses a path under `root` that goes through a link or a non-folder: a linked folder
/// inside `lexicons/` (`lexicons/app -> /etc`) must not send a fetched file elsewhere.
fn check_target(w: &Write) -> Result<(), InstallError> {
    use crate::output::walk::{find, is_plain, Found};
    let path = w.path();
    if !is_plain(&w.rel) {
        return Err(InstallError::Io(format!(
            "refusing to write {}: not a plain path under {}",
            path.display(),
            w.root.display()
        )));
    }
    let found = find(&w.root, &w.rel)
        .map_err(|e| InstallError::Io(format!("cannot inspect {}: {e}", path.display())))?;
    match found {
        Found::Missing | Found::File => Ok(()),
        Found::Symlink(link) => Err(InstallError::Io(format!(
            "refusing to write {}: {} is a symbolic link (lex never writes through links)",
            path.display(),
            link.display()
        ))),
        Found::NotAFile(at) | Found::NotAFolder(at) => Err(InstallError::Io(format!(
            "cannot write {}: {} is in the way",
            path.display(),
            at.display()
        ))),
    }
}

fn stage(
    writes: &[Write],
    created_dirs: &mut Vec<PathBuf>,
    temps: &mut Vec<PathBuf>,
) -> Result<(), InstallError> {
    for w in writes {
        check_target(w)?;
        let path = w.path();
        // One folder at a time: `create_dir` fails on a link planted since the check,
        // where `create_dir_all` would follow it.
        // The root is the folder the user named (created with its parents, like `--out`).
        if !w.root.as_os_str().is_empty() && !w.root.exists() {
            let mut missing = Vec::new();
            let mut d = Some(w.root.as_path());
            while let Some(p) = d.filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
                missing.push(p.to_path_buf());
                d = p.parent();
            }
            std::fs::create_dir_all(&w.root).map_err(|e| {
                InstallError::Io(format!("cannot create {}: {e}", w.root.display()))
            })?;
            created_dirs.extend(missing.into_iter().rev());
        }
        let mut dir = w.root.clone();
        let parents: Vec<_> = w
            .rel
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .collect();
        for name in parents {
            dir.push(name);
            match std::fs::create_dir(&dir) {
                Ok(()) => created_dirs.push(dir.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(InstallError::Io(format!(
                        "cannot create {}: {e}",
                        dir.display()
                    )))
                }
            }
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let temp = path.with_file_name(format!(".{name}.lex-{}.tmp", std::process::id()));
        // `create_new` never opens an existing path, so a link planted at the temporary
        // name is not followed; a stale temporary from a crash is ours to replace.
        if crate::output::walk::entry(&temp).is_ok_and(|e| e == crate::output::walk::Entry::File) {
            let _ = std::fs::remove_file(&temp);
        }
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut f| std::io::Write::write_all(&mut f, w.text.as_bytes()));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(InstallError::Io(format!(
                "cannot write {}: {e}",
                temp.display()
            )));
        }
        temps.push(temp);
    }
    Ok(())
}

fn commit(writes: &[Write], temps: &[PathBuf]) -> Result<(), InstallError> {
    let mut previous: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for (w, temp) in writes.iter().zip(temps) {
        let path = w.path();
        let old = std::fs::read(&path).ok();
        if let Err(e) = std::fs::rename(temp, &path) {
            // Put back what was already replaced, newest first. Each path was checked to
            // be a regular file (or nothing) reached through real folders.
            for (p, old) in previous.iter().rev() {
                let _ = match old {
                    Some(bytes) => std::fs::write(p, bytes),
                    None => std::fs::remove_file(p),
                };
            }
            return Err(InstallError::Io(format!(
                "cannot replace {}: {e}",
                path.display()
            )));
        }
        previous.push((path, old));
    }
    Ok(())
}

/// The record of a resolved lexicon as file text (for `lex resolve`).
pub fn record_text(record: &Map) -> String {
    render_lexicon(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("lex-write-all-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write(root: &Path, rel: &str, text: &str) -> Write {
        Write {
            root: root.to_path_buf(),
            rel: PathBuf::from(rel),
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_failed_write_restores_the_previous_state() {
        let dir = scratch("rollback");
        let kept = dir.join("kept.json");
        std::fs::write(&kept, "old").unwrap();
        // A folder where a file should go makes the last write fail.
        let blocked = dir.join("blocked.json");
        std::fs::create_dir_all(blocked.join("inner")).unwrap();
        let writes = vec![
            write(&dir, "kept.json", "new"),
            write(&dir, "a/b/fresh.json", "fresh"),
            write(&dir, "blocked.json", "x"),
        ];
        assert!(matches!(write_all(&writes), Err(InstallError::Io(_))));
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
        assert!(!dir.join("a").exists(), "created folders are removed");
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["blocked.json", "kept.json"], "no temporaries left");

        let ok = vec![write(&dir, "kept.json", "new")];
        write_all(&ok).unwrap();
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "new");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_lexicons_folder_is_created_and_removed_on_failure() {
        let dir = scratch("root");
        let root = dir.join("new/lexicons");
        write_all(&[write(&root, "com/example/a.json", "{}")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("com/example/a.json")).unwrap(),
            "{}"
        );
        let other = dir.join("other/lexicons");
        std::fs::create_dir_all(dir.join("blocked.json/inner")).unwrap();
        let failed = write_all(&[
            write(&other, "com/example/a.json", "{}"),
            write(&dir, "blocked.json", "x"),
        ]);
        assert!(failed.is_err());
        assert!(
            !dir.join("other").exists(),
            "folders made for the root are removed"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn links_under_the_lexicons_folder_are_never_written_through() {
        let dir = scratch("links");
        let lexicons = dir.join("lexicons");
        let elsewhere = dir.join("elsewhere");
        std::fs::create_dir_all(&lexicons).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        // A linked folder on the way, a linked file at the target, and a link planted at
        // the temporary name.
        std::os::unix::fs::symlink(&elsewhere, lexicons.join("app")).unwrap();
        std::fs::create_dir_all(lexicons.join("com/example")).unwrap();
        let outside = elsewhere.join("target.json");
        std::fs::write(&outside, "untouched").unwrap();
        std::os::unix::fs::symlink(&outside, lexicons.join("com/example/linked.json")).unwrap();
        std::os::unix::fs::symlink(
            &outside,
            lexicons.join(format!(
                "com/example/.planted.json.lex-{}.tmp",
                std::process::id()
            )),
        )
        .unwrap();

        let through_folder = write_all(&[write(&lexicons, "app/bsky/feed/post.json", "{}")]);
        assert!(
            matches!(&through_folder, Err(InstallError::Io(m)) if m.contains("symbolic link")),
            "{through_folder:?}"
        );
        assert!(
            !elsewhere.join("bsky").exists(),
            "nothing created through the link"
        );
        let through_file = write_all(&[write(&lexicons, "com/example/linked.json", "{}")]);
        assert!(matches!(&through_file, Err(InstallError::Io(m)) if m.contains("symbolic link")));
        let planted = write_all(&[write(&lexicons, "com/example/planted.json", "{}")]);
        assert!(
            planted.is_err(),
            "a link at the temporary name is not opened"
        );
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "untouched");
        let escape = write_all(&[write(&lexicons, "../escape.json", "{}")]);
        assert!(escape.is_err());
        assert!(!dir.join("escape.json").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
