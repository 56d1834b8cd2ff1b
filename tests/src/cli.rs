//! Running the `lex` binary from the integration tests: where cargo built it, scratch
//! folders, a command aimed at a test network, and checks on its output that print the
//! whole run when they fail.

// Test scaffolding: an I/O failure here is a failed test, reported where it happened.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::testnet::TestNet;

/// A scratch folder below the system's temporary folder, removed on drop.
#[derive(Debug)]
pub struct Scratch(PathBuf);

impl Scratch {
    /// A new, empty folder whose name starts with `lex-{label}-`.
    pub fn new(label: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("lex-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `lex` binary of this workspace build, when present. When it is not, a test should
/// skip: this prints why and returns `None`, except under `CI=true`, where it fails.
pub fn lex_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe
        .parent()?
        .parent()?
        .join(format!("lex{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        return Some(bin);
    }
    assert!(
        !lex_testdata::in_ci(),
        "{} is not built (CI=true, so this fails instead of skipping; run `cargo build -p lex-cli`)",
        bin.display()
    );
    eprintln!(
        "skipping: {} is not built (run `cargo build -p lex-cli`)",
        bin.display()
    );
    None
}

/// `lex ARGS` in `cwd`, resolving through `net`'s DNS server and PLC directory (and not
/// through whatever the environment names).
pub fn lex_on(bin: &Path, net: &TestNet, cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .arg("--dns-server")
        .arg(net.dns_server().to_string())
        .arg("--plc-url")
        .arg(net.plc_url())
        .current_dir(cwd)
        .env_remove("LEX_DNS_SERVER")
        .env_remove("LEX_PLC_URL");
    cmd
}

/// Runs [`lex_on`] to completion.
pub fn run_on(bin: &Path, net: &TestNet, cwd: &Path, args: &[&str]) -> Output {
    lex_on(bin, net, cwd, args).output().unwrap()
}

/// A run's standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A run's standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The whole run (exit code, stdout, stderr), for failure messages.
pub fn show(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    )
}

/// Fails unless the run exited with `code`.
#[track_caller]
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "{}", show(out));
}

/// Fails unless the run's stdout holds `needle`.
#[track_caller]
pub fn assert_stdout_has(out: &Output, needle: &str) {
    assert!(stdout(out).contains(needle), "{needle:?}: {}", show(out));
}

/// Fails unless the run's stderr holds `needle`.
#[track_caller]
pub fn assert_stderr_has(out: &Output, needle: &str) {
    assert!(stderr(out).contains(needle), "{needle:?}: {}", show(out));
}
