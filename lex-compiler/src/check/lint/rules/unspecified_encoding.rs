//! `unspecified-encoding`: an XRPC body without a MIME type.

use lex_runtime::schema::{pointer_push, Body, Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports an `input` or `output` body whose `encoding` is missing or empty.
    /// ## Why is this bad?
    /// The encoding is the HTTP `Content-Type` of the body; without it clients and servers
    /// cannot agree on what is sent, and codegen cannot pick a body type.
    /// ## Example
    /// `"output": {"schema": {...}}`; instead
    /// `"output": {"encoding": "application/json", "schema": {...}}`.
    pub UnspecifiedEncoding {
        id: "unspecified-encoding",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnspecifiedEncoding {
    /// A missing `encoding` is a parse finding; it is filed here rather than under
    /// `lexicon-schema`.
    fn claims(&self, d: &Diagnostic) -> bool {
        d.id() == "missing-field" && d.json_pointer().is_some_and(|p| p.ends_with("/encoding"))
    }

    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let (input, output) = match doc.defs.get("main") {
            Some(Schema::Query(q)) => (None, q.output.as_ref()),
            Some(Schema::Procedure(p)) => (p.input.as_ref(), p.output.as_ref()),
            _ => return,
        };
        for (name, body) in [("input", input), ("output", output)] {
            let Some(body) = body else { continue };
            check(cx, name, body);
        }
    }
}

fn check(cx: &mut LintCx<'_>, name: &str, body: &Body) {
    // A missing field was claimed from the parse stage; this is the empty string.
    if !body.encoding.trim().is_empty() {
        return;
    }
    let pointer = pointer_push(&pointer_push("/defs/main", name), "encoding");
    if !cx.has_value(&pointer) {
        return;
    }
    cx.report(
        &UnspecifiedEncoding::INFO,
        &pointer,
        format!("`{name}` has an empty `encoding`"),
    )
    .label("empty MIME type")
    .help("name the body's MIME type, usually `application/json`");
}
