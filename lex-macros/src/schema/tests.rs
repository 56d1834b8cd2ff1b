//! The macro's module body against `lex build`'s files: the expansion, cut back into one
//! file per module and formatted the same way, must equal what `Config::generate` writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lex_compiler::codegen::rust::GENERATED_HEADER;
use quote::quote;
use syn::{AttrStyle, Item};

/// Every module of the expansion, formatted as `lex build` formats its files.
fn expansion_files(dir: &Path) -> BTreeMap<Vec<String>, String> {
    let dir = dir.display().to_string();
    let out = super::expand(
        quote!(path = #dir),
        quote!(
            pub mod lexicons {}
        ),
    );
    let out = out.unwrap_or_else(|e| panic!("expansion failed: {e}"));
    let file: syn::File = syn::parse2(out).unwrap_or_else(|e| panic!("does not parse: {e}"));
    let mut files = BTreeMap::new();
    let root = file.items.into_iter().find_map(|i| match i {
        Item::Mod(m) if m.ident == "lexicons" => Some(m),
        _ => None,
    });
    let Some(root) = root else {
        panic!("no module in the expansion")
    };
    split(Vec::new(), root, &mut files);
    files
}

/// Cuts an inline module into files: submodules become `pub mod x;` and files of their own.
fn split(path: Vec<String>, module: syn::ItemMod, files: &mut BTreeMap<Vec<String>, String>) {
    let (inner, _outer): (Vec<_>, Vec<_>) = module
        .attrs
        .into_iter()
        .partition(|a| matches!(a.style, AttrStyle::Inner(_)));
    let mut items = Vec::new();
    for item in module.content.map(|(_, items)| items).unwrap_or_default() {
        match item {
            Item::Mod(mut m) if m.content.is_some() => {
                let mut sub = path.clone();
                sub.push(m.ident.to_string());
                let declared = syn::ItemMod {
                    attrs: Vec::new(),
                    content: None,
                    semi: Some(Default::default()),
                    ..m.clone()
                };
                m.attrs.retain(|a| matches!(a.style, AttrStyle::Inner(_)));
                split(sub, m, files);
                items.push(Item::Mod(declared));
            }
            other => items.push(other),
        }
    }
    let file = syn::File {
        shebang: None,
        attrs: inner,
        items,
    };
    let text = format!("{GENERATED_HEADER}\n{}", prettyplease::unparse(&file));
    files.insert(path, text);
}

fn assert_same_as_build(dir: &Path) {
    let built = lex_compiler::Config::new()
        .generate(&[dir])
        .unwrap_or_else(|e| panic!("lex build fails: {e}"));
    let expanded = expansion_files(dir);
    let built: BTreeMap<Vec<String>, String> = built
        .into_iter()
        .map(|(path, text)| (path.segments().to_vec(), text))
        .collect();
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        expanded.keys().collect::<Vec<_>>(),
        "the module trees differ"
    );
    for (path, text) in &built {
        assert!(
            expanded.get(path) == Some(text),
            "module {} differs from lex build's file",
            path.join("::")
        );
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn example_lexicons_expand_to_lex_builds_items() {
    assert_same_as_build(&manifest_dir().join("../lexicons"));
}

#[test]
fn the_corpus_expands_to_lex_builds_items() {
    let Some(dir) = lex_testdata::corpus() else {
        return;
    };
    assert_same_as_build(&dir);
}

#[test]
fn errors_name_file_line_column_code_and_help() {
    let json = r##"{"lexicon": 1, "id": "com.example.a",
  "defs": {"main": {"type": "object", "properties": {"x": {"type": "ref", "ref": "#nope"}}}}}"##;
    let out = super::expand(
        quote!(json = #json),
        quote!(
            mod a {}
        ),
    );
    let text = out.map(|t| t.to_string()).unwrap_or_else(|e| e.to_string());
    assert!(text.contains("lex::resolve::unknown-ref"), "{text}");
    assert!(text.contains("json #1:2:"), "{text}");
}
