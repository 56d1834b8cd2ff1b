//! Reading lexicons from the file system (or from memory) into a checked catalog: parse
//! every file, run the schema checks, resolve.

use std::path::{Path, PathBuf};

use crate::check::schema::check_document;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Catalog;
use crate::syntax::{parse_document, parse_document_bytes, ParsedDocument};

/// The outcome of loading: the catalog (best effort when there are errors) and every
/// diagnostic of every stage so far.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Every definition that loaded, references resolved.
    pub catalog: Catalog,
    /// Parse, schema and resolve findings, by file then position.
    pub diagnostics: Diagnostics,
}

/// The manifest `lex install` writes; it sits beside lexicons and is not one.
const MANIFEST: &str = "lexicons.json";

/// Loads every `*.json` file under `paths` (files or folders, walked recursively in name
/// order; hidden entries skipped), checks each document and resolves the set.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            collect_dir(path, &mut files, &mut diagnostics);
        } else if path.is_file() {
            files.push(path.to_path_buf());
        } else {
            diagnostics.push(Diagnostic::error(
                "lex::resolve::missing-path",
                format!("{} does not exist", path.display()),
            ));
        }
    }
    files.sort();
    files.dedup();
    let mut docs = Vec::with_capacity(files.len());
    for file in files {
        let name = file.display().to_string();
        match std::fs::read(&file) {
            Ok(bytes) => add(
                parse_document_bytes(&name, &bytes),
                &mut docs,
                &mut diagnostics,
            ),
            Err(e) => diagnostics.push(Diagnostic::error(
                "lex::resolve::unreadable-file",
                format!("cannot read {name}: {e}"),
            )),
        }
    }
    finish(docs, diagnostics)
}

/// Loads in-memory documents given as `(name, JSON text)` pairs.
pub fn load_sources<N: AsRef<str>, T: AsRef<str>>(
    sources: impl IntoIterator<Item = (N, T)>,
) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let mut docs = Vec::new();
    for (name, text) in sources {
        add(
            parse_document(name.as_ref(), text.as_ref()),
            &mut docs,
            &mut diagnostics,
        );
    }
    finish(docs, diagnostics)
}

fn add(parsed: crate::syntax::Parsed, docs: &mut Vec<ParsedDocument>, out: &mut Diagnostics) {
    out.extend(parsed.diagnostics);
    if let Some(doc) = parsed.document {
        out.extend(check_document(&doc));
        docs.push(doc);
    }
}

fn finish(docs: Vec<ParsedDocument>, mut diagnostics: Diagnostics) -> Loaded {
    let (catalog, resolve) = super::resolve(docs);
    diagnostics.extend(resolve);
    diagnostics.sort_by_file_and_position();
    Loaded {
        catalog,
        diagnostics,
    }
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, out: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Diagnostic::error(
                "lex::resolve::unreadable-file",
                format!("cannot read folder {}: {e}", dir.display()),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_dir(&path, files, out);
        } else if name.ends_with(".json") && name != MANIFEST {
            files.push(path);
        }
    }
}
