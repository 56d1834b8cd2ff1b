//! Codegen snapshots: each `fixtures/codegen/<case>/lexicons` folder -> one snapshot of
//! every generated file (path header + source). The `tests` crate compiles the same
//! fixtures; this file pins what they look like. Also: output does not depend on the order
//! files are read in.

use std::path::Path;

fn render(dir: &Path) -> String {
    let mut out = String::new();
    let modules = match lex_compiler::Config::new().generate(&[dir]) {
        Ok(m) => m,
        Err(e) => return format!("error: {e}"),
    };
    for (path, src) in lex_compiler::codegen::rust::files(&modules) {
        out.push_str(&format!("==> {}\n{src}\n", path.display()));
    }
    out
}

#[test]
fn codegen_fixtures() {
    insta::glob!("fixtures/codegen/*/lexicons", |dir| {
        insta::assert_snapshot!(render(dir));
    });
}

#[test]
fn output_does_not_depend_on_file_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen/types/lexicons");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap_or_default();
    let a = [
        ("defs.json", read("defs.json")),
        ("record.json", read("record.json")),
    ];
    let b = [
        ("record.json", read("record.json")),
        ("defs.json", read("defs.json")),
    ];
    let gen = |sources: &[(&str, String)]| {
        let loaded = lex_compiler::load_sources(sources.iter().map(|(n, t)| (*n, t.as_str())));
        lex_compiler::Config::new()
            .generate_catalog(&loaded.catalog)
            .ok()
    };
    assert!(gen(&a).is_some());
    assert_eq!(gen(&a), gen(&b));
}
