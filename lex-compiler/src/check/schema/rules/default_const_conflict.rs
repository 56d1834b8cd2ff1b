//! `default` and `const` together.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a schema with both `default` and `const`: a constant needs no default.
    DefaultConstConflict {
        code: "lex::schema::default-const-conflict",
        severity: Error,
        summary: "`default` and `const` are mutually exclusive",
    }
}

impl SchemaRule for DefaultConstConflict {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let both = match node.schema {
            Schema::Boolean(s) => s.default.is_some() && s.const_value.is_some(),
            Schema::Integer(s) => s.default.is_some() && s.const_value.is_some(),
            Schema::String(s) => s.default.is_some() && s.const_value.is_some(),
            _ => false,
        };
        if both {
            cx.report(
                &Self::INFO,
                &pointer_push(node.pointer, "default"),
                "`default` and `const` cannot both be set",
            )
            .key()
            .label("default next to a const")
            .help("remove `default`; the value is fixed by `const`");
        }
    }
}
