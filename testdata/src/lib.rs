//! Where the shared test data is: the `shared` folder beside the repository (the lexicon
//! corpus, the conformance vectors, the benchmark data), or `$LEX_SHARED_DIR`. Every test
//! and benchmark that reads it finds it here, so they all skip the same way on a user's
//! fresh clone without it (a message, then nothing) and fail the same way under
//! `CI=true`, where a skip would hide a missing check.
//!
//! No dependencies, so that any crate of the workspace (the runtime included) can take it
//! as a dev-dependency.

use std::path::{Path, PathBuf};

/// The repository root, found from the crate under test upwards: `CARGO_MANIFEST_DIR` as
/// cargo sets it when it runs a test or benchmark (so a target folder shared between
/// checkouts still reads the checkout being tested), else this crate's own folder.
pub fn repo_root() -> PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let mut dir: &Path = &start;
    loop {
        if dir.join("Cargo.lock").is_file() {
            return dir.to_path_buf();
        }
        match dir.parent() {
            Some(parent) => dir = parent,
            None => return start,
        }
    }
}

/// `$LEX_SHARED_DIR`, else `shared` beside the repository.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("LEX_SHARED_DIR").map_or_else(|| repo_root().join("../shared"), PathBuf::from)
}

/// Whether this is CI (`CI=true` or `CI=1`): missing data is then a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `path` when it exists. Otherwise a test should skip: this prints why and returns
/// `None`, except in CI, where it panics (the test fails).
pub fn require(path: PathBuf) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    assert!(!in_ci(), "{} is missing (CI=true)", path.display());
    eprintln!(
        "skipping: {} is missing (set LEX_SHARED_DIR to the shared folder)",
        path.display()
    );
    None
}

/// `rel` inside the shared folder, through [`require`].
pub fn shared(rel: &str) -> Option<PathBuf> {
    require(shared_dir().join(rel))
}

/// The official lexicon corpus (`corpus/atproto`), through [`require`].
pub fn corpus() -> Option<PathBuf> {
    shared("corpus/atproto")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_holds_the_workspace_lock_file() {
        let root = repo_root();
        assert!(root.join("Cargo.lock").is_file(), "{}", root.display());
        assert!(
            root.join("testdata/Cargo.toml").is_file(),
            "{}",
            root.display()
        );
    }

    #[test]
    fn a_missing_path_is_none_outside_ci_and_a_failure_in_it() {
        let missing = repo_root().join("no such folder");
        if in_ci() {
            assert!(std::panic::catch_unwind(|| require(missing)).is_err());
        } else {
            assert_eq!(require(missing), None);
        }
        assert_eq!(require(repo_root()), Some(repo_root()));
    }
}
