//! Every lexicon of the official corpus (`$LEX_SHARED_DIR/corpus/atproto`, default
//! `<repo>/../shared`) parses and passes the schema checks without errors.

use std::path::{Path, PathBuf};

use lex_compiler::check::schema::check_document;
use lex_compiler::syntax::parse_document_bytes;

fn corpus_dir() -> Option<PathBuf> {
    lex_testdata::corpus()
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            json_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

#[test]
fn corpus_parses_and_checks_clean() -> std::io::Result<()> {
    let Some(dir) = corpus_dir() else {
        return Ok(());
    };
    let mut files = Vec::new();
    json_files(&dir, &mut files)?;
    files.sort();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path)?;
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let parsed = parse_document_bytes(&name, &bytes);
        let mut findings = parsed.diagnostics;
        if let Some(doc) = &parsed.document {
            findings.extend(check_document(doc));
        }
        for d in findings {
            let line = format!("{name}: {}: {}", d.code_str(), d.message());
            if d.is_error() {
                errors.push(line);
            } else {
                warnings.push(line);
            }
        }
    }
    for w in &warnings {
        println!("warning: {w}");
    }
    println!(
        "corpus: {} files, {} errors, {} warnings",
        files.len(),
        errors.len(),
        warnings.len()
    );
    assert!(
        files.len() >= 400,
        "expected the 402-file corpus, found {}",
        files.len()
    );
    assert!(errors.is_empty(), "corpus errors:\n{}", errors.join("\n"));
    Ok(())
}
