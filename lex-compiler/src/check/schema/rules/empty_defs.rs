//! A document must define something.

use lex_runtime::schema::Document;

use crate::check::schema::rule::{declare_rule, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Warns about a document whose `defs` is empty. The spec calls such a document
    /// invalid, but neither the TypeScript nor the Go implementation checks it, so a
    /// published one loads (and generates an empty module) instead of failing the folder.
    EmptyDefs {
        code: "lex::schema::empty-defs",
        severity: Warning,
        summary: "a document must have at least one definition",
    }
}

impl SchemaRule for EmptyDefs {
    fn check_document(&self, cx: &mut Cx<'_>, doc: &Document) {
        if doc.defs.is_empty() {
            cx.report(&Self::INFO, "/defs", "document has no definitions")
                .label("empty `defs`")
                .help("add at least one definition, e.g. `main`");
        }
    }
}
