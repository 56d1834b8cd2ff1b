//! The `record_data` area: `lexicon/record-data-{valid,invalid}.json` against the schemas of
//! `lexicon/catalog/*.json`, through `lex_runtime::validate`.
//!
//! Each case's `data` is atproto JSON; its `$type` names the schema. A valid case must
//! parse, validate, and its `rkey` must fit the record's key type. An invalid case must fail
//! at any of these steps (the data model rejects some shapes, such as a malformed blob,
//! before the schema is consulted).

use std::path::Path;

use lex_runtime::schema::Document;
use lex_runtime::validate::SchemaSet;
use lex_runtime::Value;

use crate::report::Area;

/// Runs both record-data files of `dir` (the `lexicon/` folder) into `area`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    let catalog = dir.join("catalog");
    let set = match load_catalog(&catalog) {
        Ok(set) => set,
        Err(why) => return area.case(&catalog, "<catalog>", Err(why)),
    };
    for (file, expect_valid) in [
        ("record-data-valid.json", true),
        ("record-data-invalid.json", false),
    ] {
        run_file(&set, &dir.join(file), expect_valid, area);
    }
}

fn load_catalog(dir: &Path) -> Result<SchemaSet, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        docs.push(
            Document::from_json_str(&text).map_err(|e| format!("{}: {e:?}", file.display()))?,
        );
    }
    // Lenient: the catalog's procedure refers to `app.bsky.*` schemas that are not part of
    // it; data reaching such a reference would fail, and no record does.
    Ok(SchemaSet::from_documents_lenient(docs))
}

fn run_file(set: &SchemaSet, file: &Path, expect_valid: bool, area: &mut Area) {
    let cases = match std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str::<Vec<serde_json::Value>>(&t).map_err(|e| e.to_string()))
    {
        Ok(cases) => cases,
        Err(e) => return area.case(file, "<file>", Err(format!("cannot read: {e}"))),
    };
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("<unnamed>");
        let outcome = match (check(set, case), expect_valid) {
            (Ok(()), true) | (Err(_), false) => Ok(()),
            (Err(why), true) => Err(format!("valid data rejected: {why}")),
            (Ok(()), false) => Err("invalid data accepted".to_owned()),
        };
        area.case(file, name, outcome);
    }
}

/// Parses, validates and checks the record key of one case.
fn check(set: &SchemaSet, case: &serde_json::Value) -> Result<(), String> {
    let text = serde_json::to_string(&case["data"]).map_err(|e| e.to_string())?;
    let value: Value =
        lex_runtime::json::from_str(&text).map_err(|e| format!("data model: {e}"))?;
    let validator = set.validator();
    validator
        .validate_record(&value)
        .map_err(|e| e.to_string())?;
    if let (Some(rkey), Some(t)) = (case["rkey"].as_str(), value.type_name()) {
        validator
            .check_record_key(t, rkey)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
