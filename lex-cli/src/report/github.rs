//! GitHub Actions workflow commands (`::error file=...,line=...::message`), one per
//! finding, so a workflow run annotates the lines concerned.

use lex_compiler::check::rule::{Finding, Level};

/// One GitHub Actions workflow command for a finding.
pub(super) fn line(f: &Finding) -> String {
    let command = match f.level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "notice",
    };
    let mut props = Vec::new();
    if let Some(at) = super::location(&f.diagnostic) {
        if let Some(file) = at.file {
            props.push(format!("file={}", escape_property(artifact_path(&file))));
        }
        props.push(format!("line={}", at.line));
        props.push(format!("col={}", at.column));
    }
    props.push(format!("title={}", escape_property(f.rule)));
    format!(
        "::{command} {}::{}",
        props.join(","),
        escape_data(f.diagnostic.message())
    )
}

/// The repository path of a file name: old versions read from git are named
/// `git:REV:path`, and annotations must point at `path`.
pub(super) fn artifact_path(file: &str) -> &str {
    file.strip_prefix("git:")
        .and_then(|rest| rest.split_once(':'))
        .map_or(file, |(_, path)| path)
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
