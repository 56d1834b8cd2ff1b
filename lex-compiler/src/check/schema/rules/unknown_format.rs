//! String formats must be one of the spec's 11.

use lex_runtime::schema::{pointer_push, Schema, StringFormat};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a string `format` that is not one of the spec's formats.
    UnknownFormat {
        code: "lex::schema::unknown-format",
        severity: Error,
        summary: "string `format` must be one of the formats of the spec",
    }
}

impl SchemaRule for UnknownFormat {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let Some(StringFormat::Other(name)) = &s.format else {
            return;
        };
        let known: Vec<&str> = StringFormat::KNOWN.iter().map(StringFormat::name).collect();
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "format"),
            format!("unknown string format `{name}`"),
        )
        .label("unknown format")
        .help(format!("use one of: {}", known.join(", ")));
    }
}
