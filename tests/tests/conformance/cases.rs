//! Reading fixture folders for the `crypto`, `mst` and `firehose` areas: a folder -> its
//! files by name, a JSON file -> its cases, a case -> typed fields with readable errors.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::report::Area;

/// The files of `dir` in name order, each with its file name; listing errors fail the area.
pub(crate) fn files(dir: &Path, area: &mut Area) -> Vec<(String, PathBuf)> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            area.case(dir, "<folder>", Err(format!("cannot list: {e}")));
            return Vec::new();
        }
    };
    files.sort();
    files
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, p)
        })
        .collect()
}

/// The top-level array of a JSON fixture file.
pub(crate) fn json_cases(file: &Path) -> Result<Vec<Json>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("not a JSON array: {e}"))
}

/// The string member `key` of `case`.
pub(crate) fn text<'c>(case: &'c Json, key: &str) -> Result<&'c str, String> {
    case.get(key)
        .and_then(Json::as_str)
        .ok_or_else(|| format!("case has no string `{key}`"))
}

/// The string-array member `key` of `case`.
pub(crate) fn texts<'c>(case: &'c Json, key: &str) -> Result<Vec<&'c str>, String> {
    case.get(key)
        .and_then(Json::as_array)
        .and_then(|items| items.iter().map(Json::as_str).collect())
        .ok_or_else(|| format!("case has no string list `{key}`"))
}

/// A label for failure lines: the case's `key` member, else its index.
pub(crate) fn label(case: &Json, key: &str, index: usize) -> String {
    case.get(key)
        .and_then(Json::as_str)
        .map_or_else(|| format!("#{index}"), str::to_owned)
}
