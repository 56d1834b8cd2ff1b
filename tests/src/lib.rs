//! Shared helpers for the integration tests: where the shared fixtures live, and how a
//! test behaves when they are missing (skip on a developer's fresh clone, fail in CI).

use std::path::{Path, PathBuf};

/// The `shared/` folder beside the repository (`$LEX_SHARED_DIR` overrides it).
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("LEX_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("..").join("shared"),
    }
}

/// The repository root (the workspace that holds this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The conformance vectors (`$LEX_CONFORMANCE_DIR`, default `../shared/conformance`).
pub fn conformance_dir() -> PathBuf {
    match std::env::var_os("LEX_CONFORMANCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => shared_dir().join("conformance"),
    }
}

/// The official lexicon corpus (`$LEX_CORPUS_DIR`, default `../shared/corpus/atproto`).
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("LEX_CORPUS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => shared_dir().join("corpus").join("atproto"),
    }
}

/// Returns `Some(dir)` when `dir` exists. When it does not, a test should skip: this prints
/// why and returns `None`, except under `CI=true`, where a missing folder is a failure.
pub fn require_dir(dir: &Path) -> Option<PathBuf> {
    if dir.is_dir() {
        return Some(dir.to_path_buf());
    }
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !in_ci,
        "required fixture folder {} is missing (CI=true, so this fails instead of skipping)",
        dir.display()
    );
    eprintln!(
        "skipping: fixture folder {} is missing (set LEX_SHARED_DIR to point at shared/)",
        dir.display()
    );
    None
}
