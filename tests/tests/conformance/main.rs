//! Conformance against the official atproto interop vectors.
//!
//! Reads `$LEX_CONFORMANCE_DIR` (default `../shared/conformance`), runs every case of every
//! file of an area, prints one line per failing case and closes each area with
//! `<area>: N passed, M failed`. Each area is one test function, named after the area.

mod data_model;
mod lexicon_schemas;
mod record_data;
mod report;
mod syntax;

/// Identifier and string-format syntax (`syntax/*.txt`).
#[test]
fn syntax() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("syntax")) else {
        return;
    };
    let mut area = report::Area::new("syntax");
    syntax::run(&dir, &mut area);
    area.finish();
}

/// JSON ⇄ DAG-CBOR ⇄ CID (`data-model/*.json`).
#[test]
fn data_model() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("data-model")) else {
        return;
    };
    let mut area = report::Area::new("data_model");
    data_model::run(&dir, &mut area);
    area.finish();
}

/// Lexicon documents through parse + schema checks (`lexicon/lexicon-*.json`, `catalog/`).
#[test]
fn lexicon_schemas() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("lexicon")) else {
        return;
    };
    let mut area = report::Area::new("lexicon_schemas");
    lexicon_schemas::run(&dir, &mut area);
    area.finish();
}

/// Record data against the catalog schemas (`lexicon/record-data-*.json`, `catalog/`).
#[test]
fn record_data() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("lexicon")) else {
        return;
    };
    let mut area = report::Area::new("record_data");
    record_data::run(&dir, &mut area);
    area.finish();
}
