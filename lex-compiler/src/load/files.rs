//! Reading lexicon files: walking folders (each real folder and file once, hidden entries,
//! the install manifest and special files skipped) and reading each file under a size cap.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The manifest `lex install` writes; it sits beside lexicons and is not one.
const MANIFEST: &str = "lexicons.json";

/// Every lexicon file under `paths` (files or folders, walked recursively in name order),
/// sorted, each real file once under the first path that reaches it. A missing path is a
/// diagnostic.
pub(super) fn collect(paths: &[PathBuf], diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut walked = HashSet::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, &mut walked, &mut files, diagnostics);
        } else if let Ok(meta) = std::fs::metadata(path) {
            // Named on the command line: read even when it is not a regular file
            // (`<(curl ...)`); the bounded reader still caps it.
            files.push((path.clone(), file_key(path, &meta)));
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
    files
        .into_iter()
        .filter_map(|(path, key)| match key {
            Some(key) if !seen.insert(key) => None,
            _ => Some(path),
        })
        .collect()
}

pub(super) fn over_limit(size: u64, limit: u64) -> String {
    format!("{size} bytes is over the {limit}-byte lexicon size limit")
}

/// Reads at most `limit` bytes of `path`: the size on record is checked before reading,
/// and the read itself stops one byte past the limit, so a file that grows meanwhile (or
/// a device such as `/dev/zero`) is capped too.
pub(super) fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
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
fn file_key(_path: &Path, meta: &Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// What makes two paths the same file: the canonical path elsewhere.
#[cfg(not(unix))]
fn file_key(path: &Path, _meta: &Metadata) -> Option<FileKey> {
    std::fs::canonicalize(path).ok()
}
fn collect_dir(
    dir: &Path,
    walked: &mut HashSet<FileKey>,
    files: &mut Vec<(PathBuf, Option<FileKey>)>,
    out: &mut Diagnostics,
) {
    // A folder reached again through a link (`ln -s . self`, `ln -s .. up`) is skipped:
    // without this a loop walks forever and two self-links walk 2^depth times.
    match std::fs::metadata(dir)
        .ok()
        .and_then(|meta| file_key(dir, &meta))
    {
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
        // One `stat` per entry, links followed: it decides folder or file and gives the
        // file's identity. A FIFO, socket or device is skipped (opening a FIFO would
        // block, and nobody keeps lexicons in devices); a dangling link is kept, and
        // reading it reports the error.
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => collect_dir(&path, walked, files, out),
            Ok(meta) if !meta.is_file() => {}
            meta => {
                if name.ends_with(".json") && name != MANIFEST {
                    let key = meta.ok().and_then(|meta| file_key(&path, &meta));
                    files.push((path, key));
                }
            }
        }
    }
}

/// Device and inode.
#[cfg(unix)]
type FileKey = (u64, u64);
/// The canonical path.
#[cfg(not(unix))]
type FileKey = PathBuf;
