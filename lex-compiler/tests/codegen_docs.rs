//! Descriptions from untrusted lexicons never become doctests, and never trip rustdoc's
//! lints. The fixture `fixtures/codegen/hostile-docs` holds code fences (backtick and
//! tilde, `rust`, `should_panic`), indented code (spaces and tabs, inside lists, quotes
//! and footnotes), fences hidden after HTML blocks, `*/`, attributes, `<script>`, links,
//! bare URLs, unbalanced backticks, `\r` and bidirectional controls, every code block
//! calling `std::process::exit` or `panic!`. Its generated doc comments are copied onto
//! dummy items of a scratch crate, one item per comment as in the generated files, and
//! handed to the real rustdoc: `rustdoc --test` must find no test at all, and
//! `rustdoc -D warnings` must document it cleanly. A control crate with one fence proves
//! the harness sees doctests when there are some.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen/hostile-docs/lexicons")
}

fn generated() -> Vec<(PathBuf, String)> {
    let modules = match lex_compiler::Config::new().generate(&[fixture()]) {
        Ok(m) => m,
        Err(e) => panic!("the fixture must generate: {e}"),
    };
    lex_compiler::codegen::rust::files(&modules)
        .into_iter()
        .map(|(p, s)| (p, s.to_owned()))
        .collect()
}

/// The doc comments of `src` as a crate: each run of `//!` lines becomes a module's inner
/// docs, each run of `///` lines the docs of a unit struct.
fn doc_crate(src: &str, out: &mut String, n: &mut usize) {
    let mut run: Vec<&str> = Vec::new();
    let mut inner = false;
    let mut flush = |run: &mut Vec<&str>, inner: bool, out: &mut String| {
        if run.is_empty() {
            return;
        }
        *n += 1;
        if inner {
            out.push_str(&format!("pub mod m{n} {{\n"));
            for l in run.iter() {
                out.push_str(l);
                out.push('\n');
            }
            out.push_str("}\n");
        } else {
            for l in run.iter() {
                out.push_str(l);
                out.push('\n');
            }
            out.push_str(&format!("pub struct S{n};\n"));
        }
        run.clear();
    };
    for line in src.lines() {
        let t = line.trim_start();
        let kind = if t.starts_with("//!") {
            Some(true)
        } else if t.starts_with("///") {
            Some(false)
        } else {
            None
        };
        match kind {
            Some(k) if k == inner || run.is_empty() => {
                inner = k;
                run.push(t);
            }
            Some(k) => {
                flush(&mut run, inner, out);
                inner = k;
                run.push(t);
            }
            None => flush(&mut run, inner, out),
        }
    }
    flush(&mut run, inner, out);
}

fn rustdoc() -> Command {
    Command::new(std::env::var_os("RUSTDOC").unwrap_or_else(|| "rustdoc".into()))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lex-codegen-docs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    dir
}

/// Runs `rustdoc --test` on `src`; returns its stdout.
fn doctest(name: &str, src: &str) -> String {
    let dir = scratch(name);
    let file = dir.join("lib.rs");
    if let Err(e) = std::fs::write(&file, src) {
        panic!("cannot write {}: {e}", file.display());
    }
    let out = rustdoc()
        .args(["--test", "--edition", "2021", "--crate-name", "hostile"])
        .arg(&file)
        .current_dir(&dir)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run rustdoc: {e}"),
    };
    let _ = std::fs::remove_dir_all(&dir);
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn hostile_crate() -> String {
    let mut src = String::from("#![allow(missing_docs)]\n");
    let mut n = 0;
    for (path, text) in generated() {
        assert!(
            !text.contains("#[doc") && !text.contains("/**") && !text.contains("/*!"),
            "{} has a doc comment that is not a `///` line",
            path.display()
        );
        doc_crate(&text, &mut src, &mut n);
    }
    assert!(n > 20, "the fixture's docs were not found ({n} items)");
    src
}

#[test]
fn hostile_descriptions_are_no_doctests() {
    let src = hostile_crate();
    // The hostile text did arrive (as text).
    assert!(src.contains("std::process::exit(3);"));
    assert!(src.contains("std::process::exit(24);"));
    let report = doctest("hostile", &src);
    assert!(
        report.contains("running 0 tests"),
        "rustdoc found doctests in generated docs:\n{report}\n--- crate ---\n{src}"
    );
}

#[test]
fn the_harness_sees_a_doctest() {
    let src = "/// ```\n/// assert_eq!(1, 1);\n/// ```\npub struct S;\n\
               /// a\n///\n///     assert_eq!(2, 2);\npub struct T;\n";
    let report = doctest("control", src);
    assert!(report.contains("running 2 tests"), "{report}");
}

#[test]
fn hostile_descriptions_document_without_warnings() {
    let src = hostile_crate();
    let dir = scratch("doc");
    let file = dir.join("lib.rs");
    if let Err(e) = std::fs::write(&file, &src) {
        panic!("cannot write {}: {e}", file.display());
    }
    let out = rustdoc()
        .args([
            "-D",
            "warnings",
            "--edition",
            "2021",
            "--crate-name",
            "hostile",
            "-o",
        ])
        .arg(dir.join("doc"))
        .arg(&file)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run rustdoc: {e}"),
    };
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "rustdoc -D warnings failed:\n{}\n--- crate ---\n{src}",
        String::from_utf8_lossy(&out.stderr)
    );
}
