//! The `lexicon_schemas` area: lexicon documents through the compiler's parse and schema
//! check stages. `lexicon-valid.json` cases and every `catalog/*.json` schema must come out
//! without errors (warnings are fine); every `lexicon-invalid.json` case needs at least one
//! error.

use std::path::Path;

use lex_compiler::check::schema::check_document;
use lex_compiler::syntax::parse_document;
use lex_compiler::Diagnostics;

use crate::report::Area;

/// Runs `lexicon-valid.json`, `lexicon-invalid.json` and `catalog/*.json` of `dir`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    run_cases(&dir.join("lexicon-valid.json"), true, area);
    run_cases(&dir.join("lexicon-invalid.json"), false, area);
    let catalog = dir.join("catalog");
    let mut files: Vec<_> = match std::fs::read_dir(&catalog) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => return area.case(&catalog, "<folder>", Err(format!("cannot list: {e}"))),
    };
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "json"))
    {
        let outcome = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| expect_valid(&diagnose(&file.display().to_string(), &text)));
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        area.case(file, &name, outcome);
    }
}

fn run_cases(file: &Path, valid: bool, area: &mut Area) {
    let cases: Vec<serde_json::Value> = match std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(cases) => cases,
        Err(e) => return area.case(file, "<file>", Err(format!("cannot load: {e}"))),
    };
    for (i, case) in cases.iter().enumerate() {
        let name = case
            .get("name")
            .and_then(|n| n.as_str())
            .map_or_else(|| format!("#{i}"), str::to_owned);
        let Some(lexicon) = case.get("lexicon") else {
            area.case(file, &name, Err("case has no `lexicon`".to_owned()));
            continue;
        };
        // The cases are embedded JSON values; the compiler reads text, so print them back.
        let outcome = serde_json::to_string_pretty(lexicon)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                let found = diagnose(&name, &text);
                if valid {
                    expect_valid(&found)
                } else if found.has_errors() {
                    Ok(())
                } else {
                    Err("accepted an invalid lexicon".to_owned())
                }
            });
        area.case(file, &name, outcome);
    }
}

fn diagnose(name: &str, text: &str) -> Diagnostics {
    let parsed = parse_document(name, text);
    let mut found = parsed.diagnostics;
    if let Some(doc) = &parsed.document {
        found.extend(check_document(doc));
    }
    found
}

fn expect_valid(found: &Diagnostics) -> Result<(), String> {
    let errors: Vec<String> = found
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} ({})", d.message(), d.code_str()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("rejected a valid lexicon: {}", errors.join("; ")))
    }
}
