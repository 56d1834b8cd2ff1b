//! Generates Rust from lexicons into `OUT_DIR` for the compile and round-trip tests: the
//! codegen fixtures of lex-compiler, the project's own `lexicons/`, the conformance catalog
//! and the whole corpus (`$LEX_SHARED_DIR`, default `../shared`). A missing shared folder
//! generates an empty module (the tests then print a skip), except with `CI=true`, where it
//! fails the build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    // The same lookup as every test's (`lex-testdata`, a build-dependency here).
    let root = lex_testdata::repo_root();
    let shared = lex_testdata::shared_dir();
    let ci = lex_testdata::in_ci();
    println!("cargo:rerun-if-env-changed=LEX_SHARED_DIR");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo::rustc-check-cfg=cfg(lex_corpus)");

    let mut index = String::new();
    let fixtures = root.join("lex-compiler/tests/fixtures/codegen");
    println!("cargo:rerun-if-changed={}", fixtures.display());
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    cases.sort();
    let mut fixture_mods = String::new();
    for case in cases.iter().filter(|c| c.join("lexicons").is_dir()) {
        let name = case
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("case")
            .replace('-', "_");
        let dir = out.join("fixtures").join(&name);
        generate(&[case.join("lexicons")], &dir);
        let _ = writeln!(
            fixture_mods,
            "#[path = {:?}] pub mod {name};",
            dir.join("mod.rs").display().to_string()
        );
    }
    let _ = writeln!(
        index,
        "/// The codegen fixtures of lex-compiler.\npub mod fixtures {{\n{fixture_mods}}}"
    );

    let project = root.join("lexicons");
    println!("cargo:rerun-if-changed={}", project.display());
    module(
        &mut index,
        "project",
        "The project's own lexicons.",
        &[project],
        &out,
    );

    let catalog = shared.join("conformance/lexicon/catalog");
    let corpus = shared.join("corpus/atproto");
    if corpus.is_dir() && catalog.is_dir() {
        println!("cargo:rerun-if-changed={}", corpus.display());
        println!("cargo:rerun-if-changed={}", catalog.display());
        println!("cargo:rustc-cfg=lex_corpus");
        module(
            &mut index,
            "conformance",
            "The interop record catalog.",
            &[catalog.join("record.json")],
            &out,
        );
        module(&mut index, "corpus", "The atproto corpus.", &[corpus], &out);
    } else if ci {
        panic!(
            "CI=true but the shared corpus is missing at {} (set LEX_SHARED_DIR)",
            shared.display()
        );
    }
    if let Err(e) = std::fs::write(out.join("generated.rs"), index) {
        panic!("cannot write generated.rs: {e}");
    }
}

fn module(index: &mut String, name: &str, doc: &str, paths: &[PathBuf], out: &Path) {
    let dir = out.join(name);
    generate(paths, &dir);
    let _ = writeln!(
        index,
        "/// {doc}\n#[path = {:?}] pub mod {name};",
        dir.join("mod.rs").display().to_string()
    );
}

fn generate(paths: &[PathBuf], dir: &Path) {
    let mut config = lex_compiler::Config::new();
    config.out_dir(dir);
    let modules = match config.generate(paths) {
        Ok(m) => m,
        Err(e) => panic!("generating {}: {e}", dir.display()),
    };
    if let Err(e) = lex_compiler::write_tree(dir, &modules) {
        panic!("writing {}: {e}", dir.display());
    }
}
