//! Conformance against the official atproto interop vectors.
//!
//! Reads `$LEX_CONFORMANCE_DIR` (default `../shared/conformance`), runs every case of every
//! file of an area, prints one line per failing case and closes each area with
//! `<area>: N passed, M failed`. Each area is one test function, named after the area.

mod cases;
mod crypto;
mod data_model;
mod firehose;
mod lexicon_schemas;
mod mst;
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

/// Signatures (low-S, compact form) and `did:key` of both curves (`crypto/*.json`).
#[test]
fn crypto() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("crypto")) else {
        return;
    };
    let mut area = report::Area::new("crypto");
    crypto::run(&dir, &mut area);
    area.finish();
}

/// MST key heights and shared prefixes (`mst/*`).
#[test]
fn mst() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("mst")) else {
        return;
    };
    let mut area = report::Area::new("mst");
    mst::run(&dir, &mut area);
    area.finish();
}

/// Commit proofs: MST roots, proof blocks and the sync v1.1 inversion (`firehose/*.json`).
#[test]
fn firehose() {
    let Some(root) = lex_tests::require_dir(&lex_tests::conformance_dir()) else {
        return;
    };
    let Some(dir) = lex_tests::require_dir(&root.join("firehose")) else {
        return;
    };
    let mut area = report::Area::new("firehose");
    firehose::run(&dir, &mut area);
    area.finish();
}
