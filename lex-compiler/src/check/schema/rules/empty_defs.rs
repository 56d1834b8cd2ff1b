//! A document must define something.

use lex_runtime::schema::Document;

use crate::check::schema::rule::{declare_rule, SchemaRule};
use crate::check::schema::{At, Cx};

declare_rule! {
    /// Flags a document whose `defs` is empty (the spec calls such a document invalid).
    EmptyDefs {
        code: "lex::schema::empty-defs",
        severity: Error,
        summary: "a document must have at least one definition",
    }
}

impl SchemaRule for EmptyDefs {
    fn check_document(&self, cx: &mut Cx<'_>, doc: &Document) {
        if doc.defs.is_empty() {
            cx.report(
                &Self::INFO,
                "/defs",
                At::Value,
                "document has no definitions",
                "empty `defs`",
                "add at least one definition, e.g. `main`",
            );
        }
    }
}
