//! The build.rs API: [`Config`] (a builder of `&mut self` setters) and [`compile`].
//!
//! Three levels, as prost-build has: [`compile`] with defaults; [`Config::compile`] writes
//! the module tree into `out_dir` (default `$OUT_DIR/lexicons`); [`Config::generate`]
//! returns `module path -> source` for callers who write files themselves.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), lex_compiler::Error> {
//!     lex_compiler::Config::new()
//!         .runtime_path("::lex_runtime")
//!         .include("app.bsky.*")
//!         .compile(&["lexicons/"])
//! }
//! // The tree's root is `$OUT_DIR/lexicons/mod.rs`; mount it with
//! // `#[path = "<absolute path>/mod.rs"] mod lexicons;` from an `include!`d file, or
//! // set `out_dir("src/lexicons")` (as `lex build` does) and write `mod lexicons;`.
//! ```
//!
//! `rerun-if-changed`, decided on purpose: [`Config::compile`] prints one
//! `cargo:rerun-if-changed=<path>` per lexicon folder or file it was given (cargo scans a
//! folder recursively), and only when it runs inside a build script. Printing any such
//! line turns off cargo's default "rerun when any file of the package changes", which is
//! what we want: editing Rust sources must not regenerate the lexicon code, and editing
//! a lexicon must. Changes to `build.rs` itself still rerun it (cargo rebuilds the script).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::codegen::rust::{self, CodegenError, ModulePath, Options, GENERATED_HEADER};
use crate::diagnostics::Diagnostics;
use crate::ir::Catalog;

/// What can go wrong in a build.
#[derive(Debug)]
pub enum Error {
    /// The lexicons did not load (parse, schema or reference errors): no code is emitted.
    Load(Diagnostics),
    /// The backend failed (a bug, or a runtime path that is not a Rust path).
    Codegen(CodegenError),
    /// Reading or writing a file failed.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// No output folder: neither [`Config::out_dir`] nor `$OUT_DIR` is set.
    NoOutDir,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(d) => {
                write!(f, "the lexicons do not load ({} errors)", d.error_count())?;
                for e in d.iter().filter(|d| d.is_error()) {
                    let at = e.source_name().unwrap_or("");
                    write!(f, "\n  {at}: {} [{}]", e.message(), e.code_str())?;
                }
                Ok(())
            }
            Error::Codegen(e) => write!(f, "code generation failed: {e}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::NoOutDir => f.write_str("no output folder (set `out_dir` or run from build.rs)"),
        }
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Generation settings.
#[derive(Debug, Clone)]
pub struct Config {
    runtime_path: String,
    out_dir: Option<PathBuf>,
    include: Vec<String>,
    exclude: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// Whether `nsid` matches a pattern: `*`, a prefix ending in `.*` (`app.bsky.*`), or an
/// exact NSID.
pub fn nsid_matches(pattern: &str, nsid: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.strip_suffix('*') {
        Some(prefix) => nsid.starts_with(prefix),
        None => nsid == pattern,
    }
}

impl Config {
    /// Defaults: runtime `::lex_runtime`, every lexicon, output in `$OUT_DIR/lexicons`.
    pub fn new() -> Config {
        Config {
            runtime_path: "::lex_runtime".to_owned(),
            out_dir: None,
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }

    /// The path generated code uses to reach the runtime crate (when it is renamed or
    /// re-exported).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// The folder [`Config::compile`] writes the module tree into (its root is `mod.rs`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Emits only lexicons matching one of these patterns (`app.bsky.*`, an NSID); the
    /// lexicons they reference are emitted too, so the output always compiles.
    pub fn include(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.include.push(pattern.into());
        self
    }

    /// Skips lexicons matching this pattern, unless an emitted lexicon references them.
    pub fn exclude(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.exclude.push(pattern.into());
        self
    }

    /// Loads and checks the lexicons under `paths`; any error diagnostic fails the load.
    pub fn load<P: AsRef<Path>>(&self, paths: &[P]) -> Result<Catalog> {
        let loaded = crate::load_paths(paths);
        if loaded.diagnostics.has_errors() {
            return Err(Error::Load(loaded.diagnostics));
        }
        Ok(loaded.catalog)
    }

    /// The generated modules for the lexicons under `paths`.
    pub fn generate<P: AsRef<Path>>(&self, paths: &[P]) -> Result<BTreeMap<ModulePath, String>> {
        self.generate_catalog(&self.load(paths)?)
    }

    /// The generated modules for an already loaded catalog.
    pub fn generate_catalog(&self, catalog: &Catalog) -> Result<BTreeMap<ModulePath, String>> {
        let filtered = !self.include.is_empty() || !self.exclude.is_empty();
        let only = filtered.then(|| {
            catalog
                .documents()
                .map(|d| d.document.id.as_str())
                .filter(|id| {
                    (self.include.is_empty() || self.include.iter().any(|p| nsid_matches(p, id)))
                        && !self.exclude.iter().any(|p| nsid_matches(p, id))
                })
                .map(str::to_owned)
                .collect::<BTreeSet<String>>()
        });
        let options = Options {
            runtime_path: self.runtime_path.clone(),
            only,
        };
        rust::generate(catalog, &options).map_err(Error::Codegen)
    }

    /// Generates and writes the module tree (see [`write_tree`]). From a build script it
    /// prints `cargo:rerun-if-changed` for each input path (see the crate docs).
    pub fn compile<P: AsRef<Path>>(&self, paths: &[P]) -> Result<()> {
        let out = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(|d| PathBuf::from(d).join("lexicons"))
                .ok_or(Error::NoOutDir)?,
        };
        if std::env::var_os("CARGO_MANIFEST_DIR").is_some() && std::env::var_os("OUT_DIR").is_some()
        {
            for p in paths {
                println!("cargo:rerun-if-changed={}", p.as_ref().display());
            }
        }
        let modules = self.generate(paths)?;
        write_tree(&out, &modules)?;
        Ok(())
    }
}

/// [`Config::compile`] with the defaults.
pub fn compile<P: AsRef<Path>>(paths: &[P]) -> Result<()> {
    Config::new().compile(paths)
}

/// What [`write_tree`] changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or different.
    pub written: Vec<PathBuf>,
    /// Generated files of an earlier build that are no longer produced, deleted.
    pub removed: Vec<PathBuf>,
}

/// The differences between `modules` and the files under `out` (files to write, stale
/// generated files to delete), without changing anything.
pub fn diff_tree(out: &Path, modules: &BTreeMap<ModulePath, String>) -> WriteReport {
    let mut report = WriteReport::default();
    let files = rust::files(modules);
    let wanted: BTreeSet<PathBuf> = files.iter().map(|(p, _)| out.join(p)).collect();
    for (rel, src) in &files {
        let path = out.join(rel);
        if std::fs::read(&path).ok().as_deref() != Some(src.as_bytes()) {
            report.written.push(path);
        }
    }
    let mut existing = Vec::new();
    collect_rs(out, &mut existing);
    for path in existing {
        if !wanted.contains(&path) && is_generated(&path) {
            report.removed.push(path);
        }
    }
    report
}

/// Writes the module tree under `out` (each file through a temporary file and a rename, and
/// only when its content changed) and deletes stale files of an earlier build (only files
/// starting with the `// @generated by lex` header).
pub fn write_tree(out: &Path, modules: &BTreeMap<ModulePath, String>) -> Result<WriteReport> {
    let report = diff_tree(out, modules);
    let files = rust::files(modules);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let to_write: BTreeSet<&Path> = report.written.iter().map(PathBuf::as_path).collect();
    for (rel, src) in &files {
        let path = out.join(rel);
        if !to_write.contains(path.as_path()) {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let tmp = path.with_extension("rs.lex-tmp");
        std::fs::write(&tmp, src).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
    }
    for path in &report.removed {
        std::fs::remove_file(path).map_err(io(path))?;
        // Remove folders left empty (ignore failures: they may hold other files).
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == out || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(report)
}

fn is_generated(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; GENERATED_HEADER.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == GENERATED_HEADER.as_bytes()
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
