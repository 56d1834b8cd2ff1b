//! Reading lexicons from the file system (or from memory) into a checked catalog: parse
//! every file, run the schema checks, resolve.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::check::schema::check_document;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Catalog;
use crate::syntax::{parse_document, parse_document_bytes, ParsedDocument};

/// The outcome of loading: the catalog (best effort when there are errors) and every
/// diagnostic of every stage so far.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Every definition that loaded, references resolved.
    pub catalog: Catalog,
    /// Parse, schema and resolve findings, by file then position.
    pub diagnostics: Diagnostics,
}

/// The manifest `lex install` writes; it sits beside lexicons and is not one.
const MANIFEST: &str = "lexicons.json";

/// The largest lexicon file read by default: 4 MiB, ten times the largest published one.
pub const DEFAULT_MAX_LEXICON_SIZE: u64 = 4 * 1024 * 1024;

/// How lexicons are read: limits that keep a hostile file from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    max_lexicon_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_lexicon_size: DEFAULT_MAX_LEXICON_SIZE,
        }
    }
}

impl LoadOptions {
    /// The defaults: files up to [`DEFAULT_MAX_LEXICON_SIZE`].
    pub fn new() -> Self {
        LoadOptions::default()
    }

    /// Refuses lexicon files (and in-memory sources) larger than `bytes`.
    pub fn max_lexicon_size(mut self, bytes: u64) -> Self {
        self.max_lexicon_size = bytes;
        self
    }

    /// The size cap in bytes.
    pub fn lexicon_size_limit(&self) -> u64 {
        self.max_lexicon_size
    }
}

/// Loads every `*.json` file under `paths` (files or folders, walked recursively in name
/// order; hidden entries skipped), checks each document and resolves the set.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Loaded {
    load_paths_with(paths, &LoadOptions::default())
}

/// [`load_paths`] with explicit [`LoadOptions`].
///
/// Symbolic links are followed, but each real folder is walked once and each real file
/// (same device and inode) is loaded once, under the first path that reaches it in name
/// order, so link loops (`ln -s . lexicons/self`) end instead of growing exponentially.
pub fn load_paths_with<P: AsRef<Path>>(paths: &[P], options: &LoadOptions) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::new();
    let mut walked = HashSet::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            collect_dir(path, &mut walked, &mut files, &mut diagnostics);
        } else if path.exists() {
            // Named on the command line: read even when it is not a regular file
            // (`<(curl ...)`); the bounded reader still caps it.
            files.push(path.to_path_buf());
        } else {
            diagnostics.push(Diagnostic::error(
                "lex::resolve::missing-path",
                format!("{} does not exist", path.display()),
            ));
        }
    }
    files.sort();
    files.dedup();
    let mut seen = HashSet::new();
    files.retain(|f| file_key(f).is_none_or(|key| seen.insert(key)));
    let mut docs = Vec::with_capacity(files.len());
    for file in files {
        let name = file.display().to_string();
        match read_capped(&file, options.max_lexicon_size) {
            Ok(bytes) => add(
                parse_document_bytes(&name, &bytes),
                &mut docs,
                &mut diagnostics,
            ),
            Err(message) => diagnostics.push(Diagnostic::error(
                "lex::resolve::unreadable-file",
                format!("cannot read {name}: {message}"),
            )),
        }
    }
    finish(docs, diagnostics)
}

/// Loads in-memory documents given as `(name, JSON text)` pairs.
pub fn load_sources<N: AsRef<str>, T: AsRef<str>>(
    sources: impl IntoIterator<Item = (N, T)>,
) -> Loaded {
    load_sources_with(sources, &LoadOptions::default())
}

/// [`load_sources`] with explicit [`LoadOptions`]: a text over the size cap is refused.
pub fn load_sources_with<N: AsRef<str>, T: AsRef<str>>(
    sources: impl IntoIterator<Item = (N, T)>,
    options: &LoadOptions,
) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let mut docs = Vec::new();
    for (name, text) in sources {
        let (name, text) = (name.as_ref(), text.as_ref());
        let len = u64::try_from(text.len()).unwrap_or(u64::MAX);
        if len > options.max_lexicon_size {
            diagnostics.push(too_large(name, len, options.max_lexicon_size));
            continue;
        }
        add(parse_document(name, text), &mut docs, &mut diagnostics);
    }
    finish(docs, diagnostics)
}

/// The diagnostic for a lexicon over the size cap (`size` may be a lower bound).
pub fn too_large(name: &str, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::error(
        "lex::resolve::unreadable-file",
        format!("cannot read {name}: {}", over_limit(size, limit)),
    )
    .help("raise the cap with `--max-lexicon-size` or `max-lexicon-size` in lex.toml")
}

fn over_limit(size: u64, limit: u64) -> String {
    format!("{size} bytes is over the {limit}-byte lexicon size limit")
}

/// Reads at most `limit` bytes of `path`: the size on record is checked before reading,
/// and the read itself stops one byte past the limit, so a file that grows meanwhile (or
/// a device such as `/dev/zero`) is capped too.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("is a folder".to_owned());
    }
    if meta.is_file() && meta.len() > limit {
        return Err(over_limit(meta.len(), limit));
    }
    let expected = if meta.is_file() { meta.len() } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(over_limit(read, limit));
    }
    Ok(bytes)
}

/// What makes two paths the same file: device and inode where the platform has them.
#[cfg(unix)]
fn file_key(path: &Path) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.dev(), meta.ino()))
}

/// What makes two paths the same file: the canonical path elsewhere.
#[cfg(not(unix))]
fn file_key(path: &Path) -> Option<FileKey> {
    std::fs::canonicalize(path).ok()
}
fn add(parsed: crate::syntax::Parsed, docs: &mut Vec<ParsedDocument>, out: &mut Diagnostics) {
    out.extend(parsed.diagnostics);
    if let Some(doc) = parsed.document {
        out.extend(check_document(&doc));
        docs.push(doc);
    }
}

fn finish(docs: Vec<ParsedDocument>, mut diagnostics: Diagnostics) -> Loaded {
    let (catalog, resolve) = super::resolve(docs);
    diagnostics.extend(resolve);
    diagnostics.sort_by_file_and_position();
    Loaded {
        catalog,
        diagnostics,
    }
}

fn collect_dir(
    dir: &Path,
    walked: &mut HashSet<FileKey>,
    files: &mut Vec<PathBuf>,
    out: &mut Diagnostics,
) {
    // A folder reached again through a link (`ln -s . self`, `ln -s .. up`) is skipped:
    // without this a loop walks forever and two self-links walk 2^depth times.
    match file_key(dir) {
        Some(key) if !walked.insert(key) => return,
        _ => {}
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Diagnostic::error(
                "lex::resolve::unreadable-file",
                format!("cannot read folder {}: {e}", dir.display()),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_dir(&path, walked, files, out);
        } else if name.ends_with(".json") && name != MANIFEST && !is_special(&path) {
            files.push(path);
        }
    }
}

/// A FIFO, socket or device found while walking a folder: opening a FIFO would block,
/// and nobody keeps lexicons in devices. A dangling link is not special; reading it
/// reports the error.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Device and inode.
#[cfg(unix)]
type FileKey = (u64, u64);
/// The canonical path.
#[cfg(not(unix))]
type FileKey = PathBuf;
