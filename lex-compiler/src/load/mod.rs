//! The load pipeline, one driver for every caller (the CLI, the build.rs [`Config`](crate::Config),
//! `#[lex_macros::lexicon]`, the `--against` baselines): read -> parse ([`crate::syntax`]) ->
//! schema checks ([`crate::check::schema`]) -> resolve ([`crate::resolve`]).
//!
//! [`load`] takes any mix of [`Input`]s: files and folders (walked by `files.rs`) and
//! in-memory documents. [`load_paths`] and [`load_sources`] (and their `_with` forms)
//! are the same driver for one kind of input.

mod files;

use std::path::{Path, PathBuf};

use crate::check::schema::check_document;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Catalog;
use crate::syntax::{parse_document, parse_document_bytes, Parsed, ParsedDocument};

/// The outcome of loading: the catalog (best effort when there are errors) and every
/// diagnostic of every stage so far.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Every definition that loaded, references resolved.
    pub catalog: Catalog,
    /// Parse, schema and resolve findings, by file then position.
    pub diagnostics: Diagnostics,
}

/// Codes of the findings about the inputs themselves (a path that does not exist, a file
/// that cannot be read or is over the size cap), not about lexicons: callers report them
/// as usage errors.
pub const INPUT_ERRORS: [&str; 2] = [
    "lex::resolve::missing-path",
    "lex::resolve::unreadable-file",
];

impl Loaded {
    /// The findings about the inputs themselves (see [`INPUT_ERRORS`]).
    pub fn input_errors(&self) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.diagnostics
            .iter()
            .filter(|d| INPUT_ERRORS.contains(&d.code_str()))
    }

    /// Whether an input was missing or unreadable.
    pub fn has_input_errors(&self) -> bool {
        self.input_errors().next().is_some()
    }

    /// The catalog when nothing is an error (warnings are dropped), else every diagnostic:
    /// what code generation needs.
    pub fn into_catalog(self) -> Result<Catalog, Diagnostics> {
        if self.diagnostics.has_errors() {
            Err(self.diagnostics)
        } else {
            Ok(self.catalog)
        }
    }
}

/// The largest lexicon file read by default: 4 MiB, ten times the largest published one.
pub const DEFAULT_MAX_LEXICON_SIZE: u64 = 4 * 1024 * 1024;

/// How lexicons are read: limits that keep a hostile file from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    max_lexicon_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_lexicon_size: DEFAULT_MAX_LEXICON_SIZE,
        }
    }
}

impl LoadOptions {
    /// The defaults: files up to [`DEFAULT_MAX_LEXICON_SIZE`].
    pub fn new() -> Self {
        LoadOptions::default()
    }

    /// Refuses lexicon files (and in-memory sources) larger than `bytes`.
    pub fn max_lexicon_size(mut self, bytes: u64) -> Self {
        self.max_lexicon_size = bytes;
        self
    }

    /// The size cap in bytes.
    pub fn lexicon_size_limit(&self) -> u64 {
        self.max_lexicon_size
    }
}

/// Where lexicons come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A lexicon file, or a folder searched recursively for `*.json` (see [`load_paths_with`]).
    Path(PathBuf),
    /// A document in memory: its name (a path or URL, used in diagnostics) and JSON text.
    Text {
        /// The name diagnostics use.
        name: String,
        /// The JSON text.
        text: String,
    },
}

impl Input {
    /// An in-memory document named `name`.
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input::Text {
            name: name.into(),
            text: text.into(),
        }
    }
}

impl From<PathBuf> for Input {
    fn from(path: PathBuf) -> Input {
        Input::Path(path)
    }
}

impl From<&Path> for Input {
    fn from(path: &Path) -> Input {
        Input::Path(path.to_path_buf())
    }
}

impl From<&PathBuf> for Input {
    fn from(path: &PathBuf) -> Input {
        Input::Path(path.clone())
    }
}

/// The load pipeline: reads every input (files in name order, then in-memory documents in
/// the order given), parses and schema-checks each document, resolves the set, and returns
/// the catalog with every diagnostic sorted by file and position.
pub fn load<I: Into<Input>>(inputs: impl IntoIterator<Item = I>, options: &LoadOptions) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let mut paths = Vec::new();
    let mut texts = Vec::new();
    for input in inputs {
        match input.into() {
            Input::Path(path) => paths.push(path),
            Input::Text { name, text } => texts.push((name, text)),
        }
    }
    let mut docs = Vec::new();
    let files = files::collect(&paths, &mut diagnostics);
    let read = |file: &PathBuf| read_and_check(file, options.max_lexicon_size);
    // Files are independent until resolve: read, parse and check them on every core. A
    // worker's panic (a bug) is met again on this thread, as without workers.
    let checked =
        crate::par::map(&files, read).unwrap_or_else(|_| files.iter().map(read).collect());
    for (doc, found) in checked {
        diagnostics.extend(found);
        docs.extend(doc);
    }
    for (name, text) in texts {
        let len = u64::try_from(text.len()).unwrap_or(u64::MAX);
        if len > options.max_lexicon_size {
            diagnostics.push(too_large(&name, len, options.max_lexicon_size));
            continue;
        }
        docs.extend(check(parse_document(&name, &text), &mut diagnostics));
    }
    let (catalog, resolve) = crate::resolve::resolve(docs);
    diagnostics.extend(resolve);
    diagnostics.sort_by_file_and_position();
    Loaded {
        catalog,
        diagnostics,
    }
}

/// The parsed document, if any, with its parse and schema findings filed in `out`.
fn check(parsed: Parsed, out: &mut Diagnostics) -> Option<ParsedDocument> {
    out.extend(parsed.diagnostics);
    let doc = parsed.document?;
    out.extend(check_document(&doc));
    Some(doc)
}

/// One lexicon file read (under the size cap), parsed and checked on its own.
fn read_and_check(file: &Path, max_size: u64) -> (Option<ParsedDocument>, Diagnostics) {
    let name = file.display().to_string();
    let mut diagnostics = Diagnostics::new();
    let doc = match files::read_capped(file, max_size) {
        Ok(bytes) => check(parse_document_bytes(&name, &bytes), &mut diagnostics),
        Err(message) => {
            diagnostics.push(Diagnostic::error(
                "lex::resolve::unreadable-file",
                format!("cannot read {name}: {message}"),
            ));
            None
        }
    };
    (doc, diagnostics)
}

/// Loads every `*.json` file under `paths` (files or folders, walked recursively in name
/// order; hidden entries skipped), checks each document and resolves the set.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Loaded {
    load_paths_with(paths, &LoadOptions::default())
}

/// [`load_paths`] with explicit [`LoadOptions`].
///
/// Symbolic links are followed, but each real folder is walked once and each real file
/// (same device and inode) is loaded once, under the first path that reaches it in name
/// order, so link loops (`ln -s . lexicons/self`) end instead of growing exponentially.
pub fn load_paths_with<P: AsRef<Path>>(paths: &[P], options: &LoadOptions) -> Loaded {
    load(paths.iter().map(|p| p.as_ref()), options)
}

/// Loads in-memory documents given as `(name, JSON text)` pairs.
pub fn load_sources<N: AsRef<str>, T: AsRef<str>>(
    sources: impl IntoIterator<Item = (N, T)>,
) -> Loaded {
    load_sources_with(sources, &LoadOptions::default())
}

/// [`load_sources`] with explicit [`LoadOptions`]: a text over the size cap is refused.
pub fn load_sources_with<N: AsRef<str>, T: AsRef<str>>(
    sources: impl IntoIterator<Item = (N, T)>,
    options: &LoadOptions,
) -> Loaded {
    let inputs = sources
        .into_iter()
        .map(|(name, text)| Input::text(name.as_ref(), text.as_ref()));
    load(inputs, options)
}

/// The diagnostic for a lexicon over the size cap (`size` may be a lower bound).
pub fn too_large(name: &str, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::error(
        "lex::resolve::unreadable-file",
        format!("cannot read {name}: {}", files::over_limit(size, limit)),
    )
    .help("raise the cap with `--max-lexicon-size` or `max-lexicon-size` in lex.toml")
}
