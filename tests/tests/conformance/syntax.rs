//! The `syntax` area: every `syntax/*.txt` file of the interop vectors, one string per line,
//! against the string-format parsers of `lex_runtime`.
//!
//! File names are `<kind>_syntax_valid.txt`, `<kind>_syntax_invalid.txt` and
//! `<kind>_parse_invalid.txt`. Our parsers are strict, so `parse_invalid` strings must be
//! rejected too. A file whose name or kind we do not know counts as a failing case, so a
//! new upstream file cannot be skipped silently.

use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;

use lex_runtime::{
    AtIdentifier, AtUri, Datetime, Did, Handle, Language, Nsid, RecordKey, StringFormat,
    SyntaxError, Tid, Uri,
};

use crate::report::Area;

/// Runs every file of `dir` (the `syntax/` folder) into `area`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            area.case(dir, "<folder>", Err(format!("cannot list: {e}")));
            return;
        }
    };
    files.sort();
    for file in files {
        if file.extension().is_some_and(|x| x == "txt") {
            run_file(&file, area);
        }
    }
}

#[derive(Clone, Copy)]
enum Expect {
    Valid,
    Invalid,
}

fn run_file(file: &Path, area: &mut Area) {
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = [
        ("_syntax_valid", Expect::Valid),
        ("_syntax_invalid", Expect::Invalid),
        ("_parse_invalid", Expect::Invalid),
    ]
    .into_iter()
    .find_map(|(suffix, expect)| {
        name.strip_suffix(suffix)
            .map(|kind| (kind.to_owned(), expect))
    });
    let Some((kind, expect)) = parsed else {
        area.case(file, "<file name>", Err("unknown file name pattern".into()));
        return;
    };
    let text = match std::fs::read(file).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => return area.case(file, "<file>", Err(format!("not UTF-8: {e}"))),
        Err(e) => return area.case(file, "<file>", Err(format!("cannot read: {e}"))),
    };
    // Lines are taken byte for byte: no trimming, only `\n` separates them.
    for line in text.split('\n') {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let outcome = match (parse(&kind, line), expect) {
            (None, _) => Err(format!("unknown kind `{kind}`")),
            (Some(Ok(())), Expect::Valid) | (Some(Err(_)), Expect::Invalid) => Ok(()),
            (Some(Err(why)), Expect::Valid) => Err(format!("rejected: {why}")),
            (Some(Ok(())), Expect::Invalid) => Err("accepted, but must be rejected".into()),
        };
        area.case(file, line, outcome);
    }
}

/// `None` for an unknown kind; otherwise whether our strict parser accepts `s`.
fn parse(kind: &str, s: &str) -> Option<Result<(), String>> {
    Some(match kind {
        "atidentifier" => typed::<AtIdentifier>(StringFormat::AtIdentifier, s),
        "aturi" => typed::<AtUri>(StringFormat::AtUri, s),
        "datetime" => typed::<Datetime>(StringFormat::Datetime, s).and_then(|()| lenient_keeps(s)),
        "did" => typed::<Did>(StringFormat::Did, s),
        "handle" => typed::<Handle>(StringFormat::Handle, s),
        "language" => typed::<Language>(StringFormat::Language, s),
        "nsid" => typed::<Nsid>(StringFormat::Nsid, s),
        "recordkey" => typed::<RecordKey>(StringFormat::RecordKey, s),
        "tid" => typed::<Tid>(StringFormat::Tid, s),
        "uri" => typed::<Uri>(StringFormat::Uri, s),
        // The loose lexicon `format: cid` check (any multibase); links decode strictly.
        "cid" => lex_runtime::Cid::check_syntax(s).map_err(|e| e.to_string()),
        _ => return None,
    })
}

/// Parses `s` as `T`, and checks that the non-allocating `validate` agrees and that the
/// value displays as the input.
fn typed<T>(format: StringFormat, s: &str) -> Result<(), String>
where
    T: FromStr<Err = SyntaxError> + Display,
{
    let parsed = s.parse::<T>();
    let validated = format.validate(s);
    match (parsed, validated) {
        (Ok(value), Ok(())) if value.to_string() == s => Ok(()),
        (Ok(value), Ok(())) => Err(format!(
            "round trip changed it to {value:?}",
            value = value.to_string()
        )),
        (Err(e), Err(_)) => Err(e.to_string()),
        (Ok(_), Err(e)) | (Err(e), Ok(())) => Err(format!("parse and validate disagree: {e}")),
    }
}

/// A strictly valid datetime must come out of the lenient parser unchanged.
fn lenient_keeps(s: &str) -> Result<(), String> {
    match Datetime::parse_lenient(s) {
        Ok(d) if d.as_str() == s => Ok(()),
        Ok(d) => Err(format!("lenient parse rewrote it to {:?}", d.as_str())),
        Err(e) => Err(format!("lenient parse rejected it: {e}")),
    }
}
