//! The old version a comparison runs against: a folder or file, `git:REV` of the
//! repository in the current directory, the versions a manifest pins, or the versions
//! published now (the last two with the `network` feature, in `baseline_network.rs`).
//!
//! A library type rather than CLI code so that a build script or a test can ask the same
//! question `lex breaking --against` asks:
//!
//! ```no_run
//! use lex_compiler::check::breaking::{self, Baseline};
//! use lex_compiler::check::{breaking::registry, selection::Selection};
//! use lex_compiler::LoadOptions;
//!
//! let paths = ["lexicons"];
//! let options = LoadOptions::default();
//! let new = lex_compiler::load_paths_with(&paths, &options);
//! let old = Baseline::parse("git:origin/main", "lexicons.json".as_ref())
//!     .load(&paths, &new, &options)
//!     .map_err(|e| e.to_string())?;
//! let breaks = breaking::breaking(&old.loaded.catalog, &new.catalog, &Selection::all(registry()));
//! assert!(breaks.findings.is_empty());
//! # Ok::<(), String>(())
//! ```
//!
//! Messages name `--against`, since the CLI prints them as they are.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::load::{LoadOptions, Loaded};

/// Where the old version of the lexicons comes from.
#[derive(Debug, Clone)]
pub enum Baseline {
    /// A folder or file of lexicons.
    Path(PathBuf),
    /// The same paths at a revision (`git:REV`) of the git repository in the current
    /// directory, read without touching the working tree.
    Git(String),
    /// The versions a manifest (`lexicons.json`) pins, fetched from the repositories they
    /// were pinned in and checked against the pinned CIDs.
    #[cfg(feature = "network")]
    Manifest(PathBuf, crate::network::NetworkConfig),
    /// The versions the network serves now; lexicons not published yet count as new.
    #[cfg(feature = "network")]
    Published(crate::network::NetworkConfig),
}

/// A loaded old version.
#[derive(Debug)]
pub struct OldVersion {
    /// The old lexicons, loaded and checked like any others.
    pub loaded: Loaded,
    /// Lexicons of the new version not published yet (`Published` only).
    pub unpublished: Vec<Unpublished>,
}

/// A lexicon with no published version, which therefore counts as new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpublished {
    /// Its NSID.
    pub nsid: String,
    /// Why the network says it is not published.
    pub reason: String,
}

/// Why the old version could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct BaselineError {
    /// A usage error (no such folder, unknown revision, stale pin) or a network failure.
    pub kind: BaselineErrorKind,
    /// What went wrong, as one line.
    pub message: String,
    /// Lexicons found unpublished before the failure (`Published` only).
    pub unpublished: Vec<Unpublished>,
}

/// The kind of a [`BaselineError`] (the CLI's exit codes 2 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineErrorKind {
    /// The baseline named does not exist or cannot be used.
    Usage,
    /// A server could not be reached or answered wrongly.
    Network,
}

impl BaselineError {
    /// A usage error with `message`.
    pub(crate) fn usage(message: impl Into<String>) -> BaselineError {
        BaselineError {
            kind: BaselineErrorKind::Usage,
            message: message.into(),
            unpublished: Vec::new(),
        }
    }
}

impl Baseline {
    /// Reads an `--against` value: `git:REV`, `published`, `manifest` (the manifest at
    /// `manifest`), a file named `lexicons.json` (that manifest), else a folder or file.
    /// The network ones use the default network settings; see [`Baseline::network`].
    pub fn parse(against: &str, manifest: &Path) -> Baseline {
        if let Some(rev) = against.strip_prefix("git:") {
            return Baseline::Git(rev.to_owned());
        }
        #[cfg(feature = "network")]
        {
            let path = Path::new(against);
            let network = crate::network::NetworkConfig::default();
            if against == "published" {
                return Baseline::Published(network);
            }
            if against == "manifest" {
                return Baseline::Manifest(manifest.to_path_buf(), network);
            }
            if path.is_file() && path.file_name().is_some_and(|n| n == "lexicons.json") {
                return Baseline::Manifest(path.to_path_buf(), network);
            }
        }
        #[cfg(not(feature = "network"))]
        let _ = manifest;
        Baseline::Path(PathBuf::from(against))
    }

    /// The same baseline resolving over the network with `config`.
    #[cfg(feature = "network")]
    pub fn network(self, config: crate::network::NetworkConfig) -> Baseline {
        match self {
            Baseline::Manifest(path, _) => Baseline::Manifest(path, config),
            Baseline::Published(_) => Baseline::Published(config),
            other => other,
        }
    }

    /// Loads the old version of the lexicons at `paths`, whose current version is `new`
    /// (`Git` reads the same paths at the revision; `Published` looks up `new`'s NSIDs).
    pub fn load<P: AsRef<Path>>(
        &self,
        paths: &[P],
        new: &Loaded,
        options: &LoadOptions,
    ) -> Result<OldVersion, BaselineError> {
        let loaded = match self {
            Baseline::Git(rev) => load_git(rev, paths, options).map_err(BaselineError::usage)?,
            Baseline::Path(path) => {
                if !path.exists() {
                    return Err(BaselineError::usage(format!(
                        "`--against {}`: no such folder or file (use a folder, `git:REV`, \
                         `manifest` or `published`)",
                        path.display()
                    )));
                }
                crate::load::load_paths_with(&[path], options)
            }
            #[cfg(feature = "network")]
            Baseline::Manifest(manifest, network) => {
                super::baseline_network::load_pinned(network, manifest, options)?
            }
            #[cfg(feature = "network")]
            Baseline::Published(network) => {
                return super::baseline_network::load_published(network, new, options);
            }
        };
        let _ = new;
        Ok(OldVersion {
            loaded,
            unpublished: Vec::new(),
        })
    }
}

/// Reads the lexicon files under `paths` as they were at `rev` (`git ls-tree` lists them,
/// one `git cat-file --batch` reads them all) and loads them from memory, named
/// `git:REV:path`.
fn load_git<P: AsRef<Path>>(
    rev: &str,
    paths: &[P],
    options: &LoadOptions,
) -> Result<Loaded, String> {
    if rev.is_empty() {
        return Err("`--against git:` needs a revision, e.g. `git:origin/main`".to_owned());
    }
    let commit = format!("{rev}^{{commit}}");
    if git(&["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        let shallow =
            git(&["rev-parse", "--is-shallow-repository"]).is_ok_and(|s| s.trim() == "true");
        let hint = if shallow {
            " (this is a shallow clone: run `git fetch --unshallow`, or fetch the revision, e.g. `git fetch origin main`)"
        } else {
            ""
        };
        return Err(format!("unknown git revision `{rev}`{hint}"));
    }
    let prefix = git(&["rev-parse", "--show-prefix"])
        .map_err(|e| format!("`--against git:{rev}` needs a git repository here: {e}"))?;
    let mut specs = Vec::new();
    for p in paths {
        specs.push(repo_relative(prefix.trim(), p.as_ref())?);
    }
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", rev, "--"];
    args.extend(specs.iter().map(String::as_str));
    let files = lexicon_blobs(&git(&args)?);
    let limit = options.lexicon_size_limit();
    let texts = cat_files(files.iter().map(|(object, _)| object.as_str()), limit)?;
    let mut too_large = Vec::new();
    let mut sources = Vec::new();
    for ((_, path), text) in files.iter().zip(texts) {
        let name = format!("git:{rev}:{path}");
        match text {
            Ok(text) => sources.push((name, text)),
            Err(size) => too_large.push(crate::load::too_large(&name, size, limit)),
        }
    }
    let mut loaded = crate::load::load_sources_with(sources, options);
    for d in too_large {
        loaded.diagnostics.push(d);
    }
    Ok(loaded)
}

/// The (object, path) of every lexicon file in a `git ls-tree -r -z` listing.
fn lexicon_blobs(listing: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(mode), Some(kind), Some(object)) = (meta.next(), meta.next(), meta.next()) else {
            continue;
        };
        // A symbolic link is a blob holding its target's path, not JSON; its target, when
        // under the paths, is listed and loaded on its own (once).
        if mode == "120000" {
            continue;
        }
        let hidden = path.split('/').any(|c| c.starts_with('.'));
        let is_lexicon = path.ends_with(".json") && !path.ends_with("lexicons.json");
        if kind == "blob" && is_lexicon && !hidden {
            files.push((object.to_owned(), path.to_owned()));
        }
    }
    files
}

/// `path` (relative to the current directory, which is `prefix` inside the repository)
/// as a path from the repository root.
fn repo_relative(prefix: &str, path: &Path) -> Result<String, String> {
    if path.is_absolute() {
        return Err(format!(
            "{} is an absolute path; with `git:REV` give paths inside the repository",
            path.display()
        ));
    }
    let mut parts: Vec<String> = prefix
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for c in path.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir if parts.pop().is_none() => {
                return Err(format!("{} is outside the repository", path.display()));
            }
            _ => {}
        }
    }
    Ok(parts.join("/"))
}

/// Runs git and returns its stdout; stderr becomes the error.
fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// The contents of the given blobs, in order, through one `git cat-file --batch`.
/// A blob over `limit` bytes is skipped unread and given as `Err(size)`.
fn cat_files<'a>(
    objects: impl Iterator<Item = &'a str>,
    limit: u64,
) -> Result<Vec<Result<String, u64>>, String> {
    let objects: Vec<&str> = objects.collect();
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let request: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let mut stdin = child.stdin.take().ok_or("git cat-file: no stdin")?;
    // Written from a thread so that a large batch cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child.stdout.take().ok_or("git cat-file: no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut texts = Vec::with_capacity(objects.len());
    for object in &objects {
        texts.push(read_blob(&mut reader, object, limit)?);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(texts)
}

/// One blob of a `git cat-file --batch` answer: the header, the body and its newline.
fn read_blob(
    reader: &mut impl BufRead,
    object: &str,
    limit: u64,
) -> Result<Result<String, u64>, String> {
    let mut header = String::new();
    reader
        .read_line(&mut header)
        .map_err(|e| format!("git cat-file: {e}"))?;
    let size: usize = header
        .trim_end()
        .rsplit(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("git cat-file: cannot read {object}: {}", header.trim()))?;
    let len = u64::try_from(size).unwrap_or(u64::MAX);
    if len > limit {
        // Skip the blob (and its newline) without holding it in memory.
        let skipped = std::io::copy(
            &mut reader.by_ref().take(len.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("git cat-file: {e}"))?;
        if skipped != len.saturating_add(1) {
            return Err(format!("git cat-file: {object} ended early"));
        }
        return Ok(Err(len));
    }
    let mut body = vec![0; size];
    reader
        .read_exact(&mut body)
        .map_err(|e| format!("git cat-file: {e}"))?;
    let mut newline = [0u8; 1];
    reader
        .read_exact(&mut newline)
        .map_err(|e| format!("git cat-file: {e}"))?;
    Ok(Ok(String::from_utf8_lossy(&body).into_owned()))
}
