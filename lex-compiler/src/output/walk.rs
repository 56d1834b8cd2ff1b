//! Looking at paths under the output folder without ever following a symbolic link.
//!
//! Input: the output folder and a relative path made of plain names. Output: what is
//! physically there ([`Found`]). Every component is examined with `lstat`, so a link
//! inside the output folder (`out/shared -> ../othercrate/src/gen`, `out/l -> .`) is
//! seen as a link and never entered: no walk can leave the folder or loop.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// What one directory entry is, without following it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// Nothing at that path.
    Missing,
    /// A regular file.
    File,
    /// A real folder.
    Dir,
    /// A symbolic link (wherever it points).
    Symlink,
    /// A socket, a device, a fifo.
    Other,
}

/// The kind of `path` itself (a final link is not followed).
pub(crate) fn entry(path: &Path) -> io::Result<Entry> {
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            let kind = meta.file_type();
            Ok(if kind.is_symlink() {
                Entry::Symlink
            } else if kind.is_file() {
                Entry::File
            } else if kind.is_dir() {
                Entry::Dir
            } else {
                Entry::Other
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Entry::Missing),
        Err(e) => Err(e),
    }
}

/// Where a relative path under the output folder leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing there, or a folder on the way is missing.
    Missing,
    /// A regular file reached through real folders only.
    File,
    /// A symbolic link at the path or at a folder on the way (the link's path).
    Symlink(PathBuf),
    /// Something other than a regular file at the path itself.
    NotAFile(PathBuf),
    /// A file (or other non-folder) where a folder on the way should be.
    NotAFolder(PathBuf),
}

/// Looks at `out/rel` one component at a time, stopping at the first link or non-folder.
/// `rel` must be made of plain names ([`is_plain`]).
pub(crate) fn find(out: &Path, rel: &Path) -> io::Result<Found> {
    let names: Vec<_> = rel.components().collect();
    let mut path = out.to_path_buf();
    for (i, name) in names.iter().enumerate() {
        path.push(name);
        let last = i + 1 == names.len();
        match entry(&path)? {
            Entry::Missing => return Ok(Found::Missing),
            Entry::Symlink => return Ok(Found::Symlink(path)),
            Entry::Dir if !last => {}
            Entry::File if last => return Ok(Found::File),
            Entry::Dir | Entry::Other if last => return Ok(Found::NotAFile(path)),
            Entry::File | Entry::Other | Entry::Dir => return Ok(Found::NotAFolder(path)),
        }
    }
    Ok(Found::Missing)
}

/// Whether `rel` is a non-empty relative path of plain names (no root, `.`, `..` or
/// prefix), so joining it to the output folder stays inside it.
pub(crate) fn is_plain(rel: &Path) -> bool {
    rel.components().next().is_some() && rel.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Removes what an interrupted build left under `out`: every entry whose name starts with
/// `prefix`, folders with their content. Links are removed themselves, never followed
/// (`remove_dir_all` does not follow links inside either). Returns the removed paths.
pub(crate) fn clean_staging(out: &Path, prefix: &str) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    let entries = match fs::read_dir(out) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(removed),
        Err(e) => return Err(e),
    };
    for item in entries {
        let item = item?;
        if !item.file_name().to_string_lossy().starts_with(prefix) {
            continue;
        }
        let path = item.path();
        if item.file_type()?.is_dir() {
            fs::remove_dir_all(&path)?;
        } else {
            fs::remove_file(&path)?;
        }
        removed.push(path);
    }
    removed.sort();
    Ok(removed)
}

/// Whether the folder holds anything besides entries starting with `ignore`.
pub(crate) fn has_content(dir: &Path, ignore: &str) -> io::Result<bool> {
    for item in fs::read_dir(dir)? {
        if !item?.file_name().to_string_lossy().starts_with(ignore) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;

    #[test]
    fn find_stops_at_links_and_files_in_the_way() {
        let dir = TestDir::new("walk-find");
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("a/b")).unwrap();
        fs::write(out.join("a/b/c.rs"), "x").unwrap();
        fs::write(out.join("a/f"), "x").unwrap();
        std::os::unix::fs::symlink(".", out.join("l")).unwrap();
        assert_eq!(find(&out, Path::new("a/b/c.rs")).unwrap(), Found::File);
        assert_eq!(find(&out, Path::new("a/b/d.rs")).unwrap(), Found::Missing);
        assert_eq!(find(&out, Path::new("a/x/d.rs")).unwrap(), Found::Missing);
        assert_eq!(
            find(&out, Path::new("l/a/b/c.rs")).unwrap(),
            Found::Symlink(out.join("l"))
        );
        assert_eq!(
            find(&out, Path::new("a/f/c.rs")).unwrap(),
            Found::NotAFolder(out.join("a/f"))
        );
        assert_eq!(
            find(&out, Path::new("a/b")).unwrap(),
            Found::NotAFile(out.join("a/b"))
        );
    }

    #[test]
    fn plain_paths_only() {
        assert!(is_plain(Path::new("a/b.rs")));
        assert!(!is_plain(Path::new("")));
        assert!(!is_plain(Path::new("../a.rs")));
        assert!(!is_plain(Path::new("a/../../b.rs")));
        assert!(!is_plain(Path::new("/etc/passwd")));
        assert!(!is_plain(Path::new("./a.rs")));
    }

    #[test]
    fn staging_cleanup_removes_links_without_following_them() {
        let dir = TestDir::new("walk-clean");
        let out = dir.path().join("out");
        let victim = dir.path().join("victim");
        fs::create_dir_all(out.join(".lex-tmp-1/n")).unwrap();
        fs::write(out.join(".lex-tmp-1/n/0"), "x").unwrap();
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("keep.rs"), "keep").unwrap();
        std::os::unix::fs::symlink(&victim, out.join(".lex-tmp-2")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join(".lex-tmp-1/n/link")).unwrap();
        fs::write(out.join("mod.rs"), "keep").unwrap();
        let removed = clean_staging(&out, ".lex-tmp-").unwrap();
        assert_eq!(
            removed,
            vec![out.join(".lex-tmp-1"), out.join(".lex-tmp-2")]
        );
        assert_eq!(fs::read(victim.join("keep.rs")).unwrap(), b"keep");
        assert_eq!(fs::read(out.join("mod.rs")).unwrap(), b"keep");
        assert!(!has_content(&victim, "keep").unwrap());
    }
}
