//! `lex fmt` gives the bytes prettier gives: every case in `fmt_reference/cases` is an
//! input and prettier 3's output for it (`prettier --parser json`), written by
//! `fmt_reference/compare.mjs --write-cases`, which compares the whole corpus.

use std::fs;
use std::path::Path;

use lex_compiler::syntax::format::format_json;

#[test]
fn prettier_outputs_are_reproduced_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fmt_reference/cases");
    let mut inputs: Vec<_> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".input.txt"))
            .collect(),
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    inputs.sort();
    assert!(inputs.len() > 100, "only {} cases", inputs.len());
    let mut failures = Vec::new();
    for input in &inputs {
        let name = input.to_string_lossy().replace(".input.txt", "");
        let expected_path = format!("{name}.prettier.txt");
        let (Ok(text), Ok(expected)) = (
            fs::read_to_string(input),
            fs::read_to_string(&expected_path),
        ) else {
            panic!("cannot read the case {name}");
        };
        match format_json(&text) {
            Ok(out) if out == expected => {
                // Idempotent: prettier's own output is left as it is.
                if format_json(&expected).as_deref() != Ok(expected.as_str()) {
                    failures.push(format!("{name}: formatting prettier's output changes it"));
                }
            }
            Ok(out) => {
                let line = out
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                failures.push(format!(
                    "{name}: differs at line {}\n  prettier: {:?}\n  lex fmt:  {:?}",
                    line + 1,
                    expected.lines().nth(line),
                    out.lines().nth(line)
                ));
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
