//! Any bytes -> up to four lexicon documents (split at NUL bytes) -> catalog -> Rust. Never
//! a panic anywhere; when the documents load without errors, generation succeeds, every
//! file parses with syn, and no two modules share a file (even case-insensitively).
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let texts: Vec<String> = data
        .split(|b| *b == 0)
        .take(4)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect();
    let names: Vec<String> = (0..texts.len()).map(|i| format!("{i}.json")).collect();
    let loaded = lex_compiler::load_sources(
        names
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str)),
    );
    let clean = !loaded.diagnostics.has_errors();
    let generated = lex_compiler::Config::new().generate_catalog(&loaded.catalog);
    let modules = match generated {
        Ok(modules) => modules,
        Err(e) => {
            assert!(
                !clean,
                "a catalog that loads without errors must generate: {e}"
            );
            return;
        }
    };
    let mut seen = BTreeSet::new();
    for (path, src) in lex_compiler::codegen::rust::files(&modules) {
        let folded = path.to_string_lossy().to_lowercase();
        assert!(seen.insert(folded), "two modules in {}", path.display());
        if let Err(e) = syn::parse_file(src) {
            panic!("{} does not parse: {e}\n{src}", path.display());
        }
    }
});
