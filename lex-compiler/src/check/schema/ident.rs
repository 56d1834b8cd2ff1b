//! The identifier grammars the schema rules need, delegated to `lex-runtime` so the
//! compiler and the validator agree on every edge case.

use lex_runtime::schema::StringFormat;

/// Whether `s` is a valid NSID.
pub(crate) fn is_nsid(s: &str) -> bool {
    lex_runtime::Nsid::validate(s).is_ok()
}

/// Whether `s` is a valid record key (`any` syntax).
pub(crate) fn is_record_key(s: &str) -> bool {
    lex_runtime::RecordKey::validate(s).is_ok()
}

/// Whether `s` is a valid `language` tag.
pub(crate) fn is_language(s: &str) -> bool {
    lex_runtime::Language::validate(s).is_ok()
}

/// Whether `s` satisfies the string `format`; `None` when the format cannot be checked here.
pub(crate) fn satisfies_format(format: &StringFormat, s: &str) -> Option<bool> {
    match format {
        StringFormat::Cid => Some(lex_runtime::Cid::check_syntax(s).is_ok()),
        StringFormat::Other(_) => None,
        known => lex_runtime::StringFormat::from_lexicon_name(known.name())
            .map(|f| f.validate(s).is_ok()),
    }
}

/// Whether `name` can name a definition (or a reference fragment): non-empty, no `#`
/// (it separates the fragment) and no `.` (it would read as an NSID).
pub(crate) fn is_def_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['#', '.'])
}

/// Whether `s` is a syntactically valid reference: `#name`, `nsid` or `nsid#name`.
pub(crate) fn is_reference(s: &str) -> bool {
    match s.split_once('#') {
        None => is_nsid(s),
        Some(("", fragment)) => is_def_name(fragment),
        Some((nsid, fragment)) => is_nsid(nsid) && is_def_name(fragment),
    }
}
