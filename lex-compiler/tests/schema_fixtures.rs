//! Broken lexicons in `fixtures/schema/*.json`, each rendered through miette (unicode, no
//! colour, width 80) into one snapshot: one diagnostic per problem, at the right place.

use lex_compiler::check::schema::check_document;
use lex_compiler::syntax::parse_document;
use miette::{GraphicalReportHandler, GraphicalTheme};

fn render(path: &std::path::Path) -> String {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return format!("cannot read {}: {e}", path.display()),
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let parsed = parse_document(&name, &text);
    let mut all = parsed.diagnostics;
    if let Some(doc) = &parsed.document {
        all.extend(check_document(doc));
    }
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let mut out = String::new();
    for d in all.iter() {
        if let Err(e) = handler.render_report(&mut out, d) {
            out.push_str(&format!("<render failed: {e}>\n"));
        }
    }
    out
}

#[test]
fn schema_fixtures() {
    insta::glob!("fixtures/schema/*.json", |path| {
        insta::assert_snapshot!(render(path));
    });
}
