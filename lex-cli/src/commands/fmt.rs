//! `lex fmt`: lay lexicon JSON out as prettier does (`--parser json`, width 80), so
//! lexicons formatted by either tool stay byte-identical.
//!
//! Folders are walked without following symbolic links: a link inside a given folder (to
//! a file or a folder) is skipped and named on stderr, so formatting never writes outside
//! the given paths. Each file is rewritten atomically: a temporary file beside it, then a
//! rename over it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use lex_compiler::syntax::format::format_json;

use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex fmt` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Formatting follows prettier's JSON rules (`prettier --parser json`, print width 80): \
an object stays expanded when its first key is on a later line than its `{`, anything \
else fits on one line when it can, one blank line between entries is kept. Keys, order, \
values and string escapes never change. `lex fmt` on prettier's output changes nothing, \
and the reverse.

Exit codes: 0 formatted (or, with --check, nothing to change), 1 with --check when a file \
would change, 2 when a path is missing or a file is not valid JSON.")]
pub(crate) struct FmtArgs {
    /// Lexicon files or folders (searched recursively for `*.json`, hidden entries and
    /// `lexicons.json` skipped, links never followed); `-` formats stdin to stdout.
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// Change nothing: list the files that are not formatted and exit 1 if there are any.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// The manifest `lex install` writes: its own layout, not a lexicon.
const MANIFEST: &str = "lexicons.json";

/// Runs `lex fmt`.
pub(crate) fn run(args: FmtArgs) -> ExitCode {
    let config = match super::lint::load_config(None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let limit = args
        .load
        .options(config.max_lexicon_size)
        .lexicon_size_limit();
    let mut run = Run {
        check: args.check,
        limit,
        failed: false,
        changed: 0,
        unchanged: 0,
        wrote_stdout: false,
    };
    for path in &args.paths {
        if path.as_os_str() == "-" {
            run.stdin();
        } else {
            run.path(path);
        }
    }
    let verb = if run.check {
        "would be reformatted"
    } else {
        "reformatted"
    };
    if !run.wrote_stdout && (run.changed + run.unchanged > 0 || !run.failed) {
        outln!(
            "{} {verb}, {} already formatted",
            files(run.changed),
            files(run.unchanged)
        );
    }
    if run.failed {
        ExitCode::Usage
    } else if run.check && run.changed > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}

struct Run {
    check: bool,
    limit: u64,
    failed: bool,
    changed: usize,
    unchanged: usize,
    /// Stdin was formatted to stdout: the text is the output, no summary line after it.
    wrote_stdout: bool,
}

impl Run {
    fn error(&mut self, message: std::fmt::Arguments<'_>) {
        errln!("error: {message}");
        self.failed = true;
    }

    /// A path named on the command line: a file is formatted whatever its name; a folder
    /// is walked. A named link is followed (the user chose it), but nothing inside is.
    fn path(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.dir(path),
            Ok(meta) if meta.is_file() => self.file(path),
            Ok(_) => self.error(format_args!("{}: not a file or folder", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.error(format_args!("{} does not exist", path.display()));
            }
            Err(e) => self.error(format_args!("{}: {e}", path.display())),
        }
    }

    /// Walks a folder in name order; links are skipped, never followed.
    fn dir(&mut self, dir: &Path) {
        let mut entries: Vec<(PathBuf, fs::FileType)> = match fs::read_dir(dir) {
            Ok(items) => items
                .filter_map(Result::ok)
                .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
                .collect(),
            Err(e) => {
                self.error(format_args!("cannot read {}: {e}", dir.display()));
                return;
            }
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if kind.is_symlink() {
                errln!("skipped {}: a symbolic link (not followed)", path.display());
            } else if kind.is_dir() {
                self.dir(&path);
            } else if kind.is_file() && name.ends_with(".json") && name != MANIFEST {
                self.file(&path);
            }
        }
    }

    fn file(&mut self, path: &Path) {
        let text = match read_capped(path, self.limit) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    self.error(format_args!(
                        "{}: not valid UTF-8 (byte {at})",
                        path.display()
                    ));
                    return;
                }
            },
            Err(message) => {
                self.error(format_args!("cannot read {}: {message}", path.display()));
                return;
            }
        };
        let formatted = match format_json(&text) {
            Ok(f) => f,
            Err(e) => {
                self.error(format_args!("{}:{e}", path.display()));
                return;
            }
        };
        if formatted == text {
            self.unchanged += 1;
            return;
        }
        self.changed += 1;
        if self.check {
            outln!("{}", path.display());
            return;
        }
        match write_atomic(path, formatted.as_bytes()) {
            Ok(()) => outln!("formatted {}", path.display()),
            Err(e) => {
                self.changed -= 1;
                self.error(format_args!("cannot write {}: {e}", path.display()));
            }
        }
    }

    /// `lex fmt -`: stdin to stdout (with `--check`, only the verdict).
    fn stdin(&mut self) {
        let mut bytes = Vec::new();
        let read = io::stdin()
            .lock()
            .take(self.limit.saturating_add(1))
            .read_to_end(&mut bytes);
        if let Err(e) = read {
            self.error(format_args!("cannot read stdin: {e}"));
            return;
        }
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > self.limit {
            let limit = self.limit;
            self.error(format_args!(
                "stdin: over the {limit}-byte lexicon size limit"
            ));
            return;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            self.error(format_args!("stdin: not valid UTF-8"));
            return;
        };
        match format_json(&text) {
            Ok(formatted) if self.check => {
                if formatted == text {
                    self.unchanged += 1;
                } else {
                    self.changed += 1;
                    outln!("-");
                }
            }
            Ok(formatted) => {
                let _ = crate::output::stdout().write_all(formatted.as_bytes());
                self.wrote_stdout = true;
            }
            Err(e) => self.error(format_args!("stdin:{e}")),
        }
    }
}

/// Reads at most `limit` bytes (a file that grows while read is still capped).
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if meta.len() > limit {
        return Err(format!(
            "{} bytes is over the {limit}-byte lexicon size limit",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(format!("over the {limit}-byte lexicon size limit"));
    }
    Ok(bytes)
}

/// Replaces `path` with `bytes`: a new temporary file beside it (never an existing one,
/// never through a link), then a rename over the original, which is never a link either.
/// The original's permissions carry over.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if !meta.file_type().is_file() {
        return Err(io::Error::other("no longer a regular file"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.lex-fmt-{}-{attempt}", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::set_permissions(&tmp, meta.permissions()))
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}
