//! A folder of broken lexicons loaded as one set (`fixtures/broken/`): every problem,
//! from parse through schema checks to reference resolution, gives one diagnostic at the
//! right line and column. The snapshot holds the rendered output.

use miette::{GraphicalReportHandler, GraphicalTheme};

#[test]
fn broken_folder() {
    // Relative to the crate, so file names in the snapshot do not depend on the checkout.
    let loaded = lex_compiler::load_paths(&["tests/fixtures/broken"]);
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let mut out = String::new();
    for d in loaded.diagnostics.iter() {
        if let Err(e) = handler.render_report(&mut out, d) {
            out.push_str(&format!("<render failed: {e}>\n"));
        }
    }
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code_str()).collect();
    assert!(codes.contains(&"lex::resolve::unknown-ref"), "{codes:?}");
    assert!(codes.contains(&"lex::resolve::duplicate-id"), "{codes:?}");
    insta::assert_snapshot!(out);
}
