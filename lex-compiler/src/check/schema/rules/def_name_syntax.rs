//! Definition names: non-empty, no `#`, no `.`.

use lex_runtime::schema::{pointer_push, Document};

use crate::check::schema::ident::is_def_name;
use crate::check::schema::rule::{declare_rule, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a definition name that is empty or contains `#` or `.`: such a name cannot be
    /// written in a reference (`nsid#name`) without ambiguity.
    DefNameSyntax {
        code: "lex::schema::def-name-syntax",
        severity: Error,
        summary: "definition names must be non-empty and contain no `#` or `.`",
    }
}

impl SchemaRule for DefNameSyntax {
    fn check_document(&self, cx: &mut Cx<'_>, doc: &Document) {
        for name in doc.defs.keys() {
            if !is_def_name(name) {
                let pointer = pointer_push(&pointer_push("", "defs"), name);
                cx.report(
                    &Self::INFO,
                    &pointer,
                    format!("invalid definition name `{name}`"),
                )
                .key()
                .label("invalid name")
                .help("use a non-empty name without `#` or `.`, e.g. `replyRef`");
            }
        }
    }
}
