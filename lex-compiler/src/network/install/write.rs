//! Writing an install's files: all or nothing, never through a link.

use std::path::{Path, PathBuf};

use super::InstallError;

/// One file an install writes: `root/rel`. `root` (the lexicons folder, or the manifest's
/// folder) is taken as given, like any path a user types; under it no link is ever followed.
#[derive(Debug, Clone)]
pub(super) struct Write {
    pub(super) root: PathBuf,
    pub(super) rel: PathBuf,
    pub(super) text: String,
}

impl Write {
    pub(super) fn path(&self) -> PathBuf {
        self.root.join(&self.rel)
    }
}

/// Writes every file through a temporary sibling and a rename; on any failure, removes the
/// temporaries, restores the files already replaced and removes folders it created.
pub(super) fn write_all(writes: &[Write]) -> Result<(), InstallError> {
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
