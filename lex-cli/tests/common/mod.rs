//! Helpers the CLI tests share: scratch folders and running the `lex` binary.
//!
//! Each test file is its own crate and includes this module with `mod common;`, so a
//! helper one file does not call is dead code there; hence the `allow`. Helpers panic
//! with a message on a broken environment (no temp dir, binary missing): that is a test
//! failure, not something to handle.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh folder under the system temp dir, removed when dropped.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    /// A new empty folder whose name contains `tag` (unique per process and call).
    pub(crate) fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("lex-test-{tag}-{}-{n}-{nanos}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        TempDir(dir)
    }

    /// The path of `rel` inside the folder.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    /// Writes `text` to `rel` (creating folders on the way) and returns its path.
    pub(crate) fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&path, text) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh scratch folder `<target tmp>/<suite>/<test>` (kept after the run, for
/// inspection).
pub(crate) fn scratch_dir(suite: &str, test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(suite)
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    dir
}

/// The workspace root (the example lexicons and test data live there).
pub(crate) fn repo() -> PathBuf {
    lex_testdata::repo_root()
}

/// `<shared>/<rel>` (the whole shared folder for `""`) when it exists; otherwise `None`
/// with a message, or a failure in CI (see `lex_testdata`).
pub(crate) fn shared_path(rel: &str) -> Option<PathBuf> {
    if rel.is_empty() {
        lex_testdata::require(lex_testdata::shared_dir())
    } else {
        lex_testdata::shared(rel)
    }
}

/// A sparse file of `len` zero bytes at `path` (costs no disk): input too large to read.
pub(crate) fn sparse_file(path: &Path, len: u64) {
    let file = match std::fs::File::create(path) {
        Ok(file) => file,
        Err(e) => panic!("cannot create {}: {e}", path.display()),
    };
    if let Err(e) = file.set_len(len) {
        panic!("cannot size {}: {e}", path.display());
    }
}

/// Runs `lex args` in `dir` with no standard input; colour off.
pub(crate) fn lex(dir: &Path, args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run lex: {e}"),
    }
}

/// Runs `lex args` in `dir` with `stdin` as standard input; colour off.
pub(crate) fn lex_with_input(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = match Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!("cannot run lex: {e}"),
    };
    // Written from another thread: lex streams, so it prints while it reads, and a full
    // stdout pipe would otherwise wait for this write forever.
    let input = child.stdin.take();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(mut input) = input {
            // lex may stop reading early (an oversized record, a command that does not
            // read standard input); that is fine.
            let _ = input.write_all(&stdin);
        }
    });
    let out = match child.wait_with_output() {
        Ok(out) => out,
        Err(e) => panic!("cannot wait for lex: {e}"),
    };
    let _ = writer.join();
    out
}

/// Output bytes as text (lossy).
pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code, stdout and stderr of a run, for assertion messages.
pub(crate) fn show(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    )
}

/// Fails unless the run exited with `code`, showing the whole run.
#[track_caller]
pub(crate) fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "{}", show(out));
}
