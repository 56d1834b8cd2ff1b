//! The rollback journal: staged files moved into place, every change recorded so that a
//! failure part way puts the previous output back exactly.
//!
//! Input: the output folder, file contents, relative paths to place or remove. Output:
//! the changed folder, or (after [`Journal::rollback`]) the folder as it was. Everything
//! the journal keeps lives in one staging folder `OUT/.lex-tmp-<pid>-<time>-<n>/`: staged
//! files placed one by one (`n<k>`, flat), staged trees for top-level folders the output
//! does not have yet (`t<k>/...`, each moved in with one rename: a first build is a few
//! renames, not one per file; their paths are longer than the output's by the staging
//! folder's name, about 40 bytes), and backups of what was replaced or removed (`o<k>`).
//! Renames within one folder tree stay on one file system, so each step is atomic.
//! Folders are created and checked one component at a time with `lstat`: a link or a file
//! on the way stops the step instead of being followed.
//!
//! The journal lives in memory: after a crash (power loss, `kill -9`) the next build
//! removes the leftover staging folder and writes everything again, which finishes the
//! interrupted build rather than restoring the one before it (the old index stays in
//! place until the very last step, so the next build still knows what it owns).

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::walk::{self, Entry, Found};
use crate::config::{Error, Result};

/// The name prefix of staging folders; entries with it in the output folder are ours.
pub(crate) const STAGING_PREFIX: &str = ".lex-tmp-";

/// A new file written into the staging folder, ready to be placed.
#[derive(Debug)]
pub(crate) struct Staged(PathBuf);

/// A folder built in the staging folder for a top-level folder `out` does not have yet:
/// its files are staged at their places in it, and one rename puts all of them in place
/// (instead of a folder creation per folder and a rename per file).
#[derive(Debug)]
pub(crate) struct StagedTree {
    staged: PathBuf,
    name: PathBuf,
    /// Folders made inside it so far.
    dirs: HashSet<PathBuf>,
}

/// One change made to the output folder, and so one thing to undo.
#[derive(Debug)]
enum Undo {
    /// A staged file now at this path: remove it.
    Placed(PathBuf),
    /// A staged tree now at `target`: move it back into the staging folder (removed
    /// with it).
    PlacedTree { target: PathBuf, staged: PathBuf },
    /// The file that was at `target` is at `backup`: move it back.
    MovedAway { target: PathBuf, backup: PathBuf },
    /// A folder the build created: remove it (it is empty again by then).
    CreatedDir(PathBuf),
    /// A folder left empty by a removal and removed: create it again.
    RemovedDir {
        dir: PathBuf,
        permissions: fs::Permissions,
    },
}

/// The staging folder and the changes made so far.
#[derive(Debug)]
pub(crate) struct Journal {
    out: PathBuf,
    staging: PathBuf,
    undo: Vec<Undo>,
    names: usize,
    steps: usize,
    /// Fails the step with this number (1-based): how the tests reach every rollback path.
    fail_at: Option<usize>,
    /// Neither committed nor rolled back yet; dropping an open journal rolls back.
    open: bool,
    /// Folders under `out` already found real (or made) by this journal: a tree of a few
    /// hundred files in a few dozen folders is checked once per folder, not per file.
    checked_dirs: HashSet<PathBuf>,
}

/// A step of the rollback that failed: the path and the cause.
pub(crate) type RollbackFailure = (PathBuf, io::Error);

impl Journal {
    /// Creates a fresh staging folder in `out` (which must exist).
    pub(crate) fn open(out: &Path, fail_at: Option<usize>) -> Result<Journal> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let time = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let mut last = None;
        for _ in 0..16 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!("{STAGING_PREFIX}{}-{time:x}-{n}", std::process::id());
            let staging = out.join(name);
            // `create_dir` fails on anything already there, a planted link included.
            match fs::create_dir(&staging) {
                Ok(()) => {
                    return Ok(Journal {
                        out: out.to_path_buf(),
                        staging,
                        undo: Vec::new(),
                        names: 0,
                        steps: 0,
                        fail_at,
                        open: true,
                        checked_dirs: HashSet::new(),
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some((staging, e)),
                Err(source) => {
                    return Err(Error::Io {
                        path: staging,
                        source,
                    })
                }
            }
        }
        let (path, source) =
            last.unwrap_or_else(|| (out.to_path_buf(), io::Error::other("no name")));
        Err(Error::Io { path, source })
    }

    /// The staging folder.
    pub(crate) fn staging(&self) -> &Path {
        &self.staging
    }

    /// A flat slot in the staging folder for one file to place on its own.
    pub(crate) fn flat_slot(&mut self) -> PathBuf {
        self.fresh_name('n')
    }

    /// A new, empty folder in the staging folder, to become `out/<name>` in one rename
    /// ([`Journal::place_tree`]) when `out` has nothing by that name.
    pub(crate) fn tree(&mut self, name: &Path) -> Result<StagedTree> {
        let staged = self.fresh_name('t');
        self.step(&staged)?;
        fs::create_dir(&staged).map_err(io_at(&staged))?;
        Ok(StagedTree {
            staged,
            name: name.to_path_buf(),
            dirs: HashSet::new(),
        })
    }

    /// The slot of `rest` (a plain relative path) inside a staged tree; its folders are
    /// made there as needed (inside the staging folder, so nothing to undo).
    pub(crate) fn tree_slot(&mut self, tree: &mut StagedTree, rest: &Path) -> Result<PathBuf> {
        let mut dir = tree.staged.clone();
        if let Some(parent) = rest.parent() {
            for name in parent.components() {
                dir.push(name);
                if tree.dirs.insert(dir.clone()) {
                    self.step(&dir)?;
                    fs::create_dir(&dir).map_err(io_at(&dir))?;
                }
            }
        }
        Ok(tree.staged.join(rest))
    }

    /// Writes each file into its staging slot, spread over the cores: staged files live
    /// only in the staging folder, so their order does not matter and a failure leaves
    /// nothing to undo outside it.
    pub(crate) fn stage_all(&mut self, files: Vec<(PathBuf, &[u8])>) -> Result<Vec<Staged>> {
        for (path, _) in &files {
            self.step(path)?;
        }
        let written = crate::par::map(&files, |(path, content)| {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .and_then(|mut f| f.write_all(content))
                .map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })
        })
        .map_err(|_| Error::Io {
            path: self.staging.clone(),
            source: io::Error::other("a staging thread panicked"),
        })?;
        written.into_iter().collect::<Result<()>>()?;
        Ok(files.into_iter().map(|(path, _)| Staged(path)).collect())
    }

    /// Moves a staged tree to `out/<name>`, which must still be missing.
    pub(crate) fn place_tree(&mut self, tree: StagedTree) -> Result<()> {
        let target = self.out.join(&tree.name);
        match walk::entry(&target).map_err(io_at(&target))? {
            Entry::Missing => {}
            Entry::Symlink => return Err(Error::Symlink { path: target }),
            Entry::Dir | Entry::File | Entry::Other => {
                return Err(Error::NotAFolder { path: target })
            }
        }
        self.step(&target)?;
        fs::rename(&tree.staged, &target).map_err(io_at(&target))?;
        self.undo.push(Undo::PlacedTree {
            target: target.clone(),
            staged: tree.staged,
        });
        self.checked_dirs.insert(target);
        Ok(())
    }

    /// Moves a staged file to `out/rel`, creating missing folders and backing up the file
    /// it replaces. A link or a non-folder on the way, or a non-file at the target, fails.
    pub(crate) fn place(&mut self, staged: Staged, rel: &Path) -> Result<()> {
        let target = self.out.join(rel);
        if let Some(parent) = rel.parent() {
            self.make_folders(parent)?;
        }
        match walk::entry(&target).map_err(io_at(&target))? {
            Entry::Missing => {}
            Entry::File => self.move_away(&target)?,
            Entry::Symlink => return Err(Error::Symlink { path: target }),
            Entry::Dir | Entry::Other => return Err(Error::NotAFile { path: target }),
        }
        self.step(&target)?;
        fs::rename(&staged.0, &target).map_err(io_at(&target))?;
        self.undo.push(Undo::Placed(target));
        Ok(())
    }

    /// Removes the regular file `out/rel` (moved into the staging folder until the
    /// journal is committed), then the folders this leaves empty, up to `out`.
    pub(crate) fn remove(&mut self, rel: &Path) -> Result<()> {
        let target = self.out.join(rel);
        match walk::find(&self.out, rel).map_err(io_at(&target))? {
            Found::File => {}
            Found::Missing => return Ok(()),
            Found::Symlink(path) => return Err(Error::Symlink { path }),
            Found::NotAFile(path) => return Err(Error::NotAFile { path }),
            Found::NotAFolder(path) => return Err(Error::NotAFolder { path }),
        }
        self.move_away(&target)?;
        let mut dir = target.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == self.out || !d.starts_with(&self.out) || !is_empty_folder(&d) {
                break;
            }
            let Ok(meta) = fs::symlink_metadata(&d) else {
                break;
            };
            // Best effort, as before the journal: a folder that cannot go stays.
            if fs::remove_dir(&d).is_err() {
                break;
            }
            self.checked_dirs.remove(&d);
            self.undo.push(Undo::RemovedDir {
                dir: d.clone(),
                permissions: meta.permissions(),
            });
            dir = d.parent().map(Path::to_path_buf);
        }
        Ok(())
    }

    /// Keeps every change and removes the staging folder (with the backups). A staging
    /// folder that cannot be removed is returned: the output is complete, and the next
    /// build cleans it.
    pub(crate) fn commit(mut self) -> Option<RollbackFailure> {
        self.open = false;
        self.undo.clear();
        fs::remove_dir_all(&self.staging)
            .err()
            .map(|e| (self.staging.clone(), e))
    }

    /// Undoes every change in reverse order and removes the staging folder. Failures are
    /// returned (the rollback goes on past them); the staging folder is kept then, since
    /// it may hold the only copy of a backed-up file.
    pub(crate) fn rollback(mut self) -> Vec<RollbackFailure> {
        self.undo_all()
    }

    fn undo_all(&mut self) -> Vec<RollbackFailure> {
        self.open = false;
        let mut failures = Vec::new();
        while let Some(change) = self.undo.pop() {
            let (path, result) = match change {
                Undo::Placed(path) => {
                    let r = fs::remove_file(&path);
                    (path, r)
                }
                Undo::PlacedTree { target, staged } => {
                    let r = fs::rename(&target, &staged);
                    (target, r)
                }
                Undo::MovedAway { target, backup } => {
                    let r = fs::rename(&backup, &target);
                    (target, r)
                }
                Undo::CreatedDir(dir) => {
                    let r = fs::remove_dir(&dir);
                    (dir, r)
                }
                Undo::RemovedDir { dir, permissions } => {
                    let r =
                        fs::create_dir(&dir).and_then(|()| fs::set_permissions(&dir, permissions));
                    (dir, r)
                }
            };
            if let Err(e) = result {
                failures.push((path, e));
            }
        }
        if failures.is_empty() {
            if let Err(e) = fs::remove_dir_all(&self.staging) {
                failures.push((self.staging.clone(), e));
            }
        }
        failures
    }

    /// Creates the missing folders of `out/rel_dir`, refusing links and non-folders.
    fn make_folders(&mut self, rel_dir: &Path) -> Result<()> {
        let mut dir = self.out.clone();
        for name in rel_dir.components() {
            dir.push(name);
            if self.checked_dirs.contains(&dir) {
                continue;
            }
            match walk::entry(&dir).map_err(io_at(&dir))? {
                Entry::Dir => {}
                Entry::Missing => {
                    self.step(&dir)?;
                    fs::create_dir(&dir).map_err(io_at(&dir))?;
                    self.undo.push(Undo::CreatedDir(dir.clone()));
                }
                Entry::Symlink => return Err(Error::Symlink { path: dir }),
                Entry::File | Entry::Other => return Err(Error::NotAFolder { path: dir }),
            }
            self.checked_dirs.insert(dir.clone());
        }
        Ok(())
    }

    /// Moves the file at `target` into the staging folder.
    fn move_away(&mut self, target: &Path) -> Result<()> {
        let backup = self.fresh_name('o');
        self.step(target)?;
        fs::rename(target, &backup).map_err(io_at(target))?;
        self.undo.push(Undo::MovedAway {
            target: target.to_path_buf(),
            backup,
        });
        Ok(())
    }

    fn fresh_name(&mut self, kind: char) -> PathBuf {
        self.names += 1;
        self.staging.join(format!("{kind}{}", self.names))
    }

    /// Counts a change to the file system; fails the one the tests asked for.
    fn step(&mut self, path: &Path) -> Result<()> {
        self.steps += 1;
        if self.fail_at == Some(self.steps) {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: io::Error::other("injected failure"),
            });
        }
        Ok(())
    }
}

impl Drop for Journal {
    /// A journal dropped open (a panic between steps) rolls back rather than leave a
    /// half-written tree.
    fn drop(&mut self) {
        if self.open {
            let _ = self.undo_all();
        }
    }
}

fn is_empty_folder(dir: &Path) -> bool {
    walk::entry(dir).ok() == Some(Entry::Dir)
        && fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
