//! The build index, `.lex-build.json`: which files a build wrote, with their sha256.
//!
//! Input: the generated files (or the index file on disk). Output: the index's bytes
//! (or the set of paths an earlier build owns). The index is what makes removal safe: a
//! build removes a stale file only if the previous build's index lists it, so a
//! generated tree that merely sits under `--out` (another crate's, another build's) is
//! never ours to delete. It is deterministic (sorted paths, `/` separators, no times or
//! versions of `lex`), so it is checked in with the output and compared by `--check`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The index's file name in the output folder.
pub(crate) const INDEX_FILE: &str = ".lex-build.json";

/// The index format this version writes and reads.
const FORMAT: u32 = 1;

/// A bigger index is not one we wrote (the atproto corpus needs 54 KB).
const MAX_INDEX_BYTES: u64 = 16 << 20;

#[derive(Serialize, Deserialize)]
struct IndexFile {
    /// Always `lex`: says which tool owns the folder to someone opening the file.
    generator: String,
    /// [`FORMAT`].
    format: u32,
    /// Relative path (`/`-separated) -> `sha256:<hex>` of the content.
    files: BTreeMap<String, String>,
}

/// The index of a generated tree, rendered: pretty JSON ending in a newline.
pub(crate) fn render<'a>(files: impl IntoIterator<Item = (&'a Path, &'a [u8])>) -> Vec<u8> {
    let index = IndexFile {
        generator: "lex".to_owned(),
        format: FORMAT,
        files: files
            .into_iter()
            .map(|(rel, content)| (slash_path(rel), hash(content)))
            .collect(),
    };
    // Serializing strings and integers cannot fail.
    let mut text = serde_json::to_vec_pretty(&index).unwrap_or_default();
    text.push(b'\n');
    text
}

/// An index read from disk: its bytes (compared by `--check`) and the files it lists.
pub(crate) struct OldIndex {
    /// The file's content.
    pub(crate) bytes: Vec<u8>,
    /// The listed files, as relative paths of plain names.
    pub(crate) files: BTreeSet<PathBuf>,
}

/// Why an index on disk cannot be used (the caller names the file).
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Reading failed.
    Io(io::Error),
    /// The content is not an index this version understands.
    Invalid(String),
}

/// Parses the index at `path`, which the caller has seen to be a regular file.
pub(crate) fn read(path: &Path) -> Result<OldIndex, ReadError> {
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_INDEX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_INDEX_BYTES {
        return Err(ReadError::Invalid(format!(
            "larger than {} MiB",
            MAX_INDEX_BYTES >> 20
        )));
    }
    let files = parse(&bytes).map_err(ReadError::Invalid)?;
    Ok(OldIndex { bytes, files })
}

/// The files an index lists; every path must be a relative path of plain names ending in
/// `.rs`, because a checked-in index is input like any other (a pull request could list
/// `../../src/main.rs`).
fn parse(bytes: &[u8]) -> Result<BTreeSet<PathBuf>, String> {
    let index: IndexFile =
        serde_json::from_slice(bytes).map_err(|e| format!("not a lex build index: {e}"))?;
    if index.generator != "lex" {
        return Err(format!("written by `{}`, not lex", index.generator));
    }
    if index.format != FORMAT {
        return Err(format!(
            "index format {} (this lex reads format {FORMAT})",
            index.format
        ));
    }
    index
        .files
        .keys()
        .map(|key| {
            let names: Vec<&str> = key.split('/').collect();
            let plain = names.iter().all(|n| {
                !n.is_empty() && *n != "." && *n != ".." && !n.contains(['\\', '\0', ':'])
            });
            if plain && key.ends_with(".rs") {
                Ok(names.iter().collect::<PathBuf>())
            } else {
                Err(format!("`{key}` is not a generated file inside the folder"))
            }
        })
        .collect()
}

/// `a/b/c.rs` whatever the platform's separator.
fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `sha256:<lowercase hex>`.
fn hash(content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_is_sorted_and_hashes_content() {
        let a = render([
            (Path::new("mod.rs"), &b"root"[..]),
            (Path::new("com/mod.rs"), &b""[..]),
        ]);
        let b = render([
            (Path::new("com/mod.rs"), &b""[..]),
            (Path::new("mod.rs"), &b"root"[..]),
        ]);
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert!(text.ends_with("}\n"));
        assert!(text.contains(
            "\"com/mod.rs\": \"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""
        ));
        assert!(text.find("com/mod.rs") < text.find("\"mod.rs\""));
        let files = parse(text.as_bytes()).unwrap();
        assert_eq!(
            files.into_iter().collect::<Vec<_>>(),
            vec![PathBuf::from("com/mod.rs"), PathBuf::from("mod.rs")]
        );
    }

    #[test]
    fn hostile_paths_are_refused() {
        for key in [
            "../x.rs",
            "/etc/x.rs",
            "a//b.rs",
            "a/./b.rs",
            "a\\..\\b.rs",
            "C:x.rs",
            "a/b.txt",
            "",
        ] {
            let text = format!(
                r#"{{"generator": "lex", "format": 1, "files": {{"{}": ""}}}}"#,
                key.replace('\\', "\\\\")
            );
            assert!(parse(text.as_bytes()).is_err(), "{key}");
        }
        assert!(parse(br#"{"generator": "lex", "format": 2, "files": {}}"#).is_err());
        assert!(parse(br#"{"generator": "x", "format": 1, "files": {}}"#).is_err());
        assert!(parse(b"[]").is_err());
    }
}
