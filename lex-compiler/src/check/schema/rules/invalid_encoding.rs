//! Body `encoding`: one MIME type (or glob), no parameters or lists.

use lex_runtime::schema::{pointer_push, Body, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a body `encoding` that is not a single MIME type `type/subtype`: empty, a
    /// comma-separated list, with parameters (`;`) or with spaces. Globs such as `*/*` and
    /// `image/*` are allowed.
    InvalidEncoding {
        code: "lex::schema::invalid-encoding",
        severity: Error,
        summary: "body `encoding` must be a single MIME type",
    }
}

/// Whether `encoding` is one MIME type or glob.
pub(crate) fn is_encoding(encoding: &str) -> bool {
    let Some((kind, subtype)) = encoding.split_once('/') else {
        return false;
    };
    let bad = |c: char| c == ',' || c == ';' || c == '/' || c.is_whitespace() || c.is_control();
    !kind.is_empty() && !subtype.is_empty() && !kind.contains(bad) && !subtype.contains(bad)
}

impl SchemaRule for InvalidEncoding {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let bodies: [(&str, Option<&Body>); 2] = match node.schema {
            Schema::Query(q) => [("output", q.output.as_ref()), ("input", None)],
            Schema::Procedure(p) => [("input", p.input.as_ref()), ("output", p.output.as_ref())],
            _ => return,
        };
        for (field, body) in bodies {
            let Some(body) = body else { continue };
            if !is_encoding(&body.encoding) {
                cx.report(
                    &Self::INFO,
                    &pointer_push(&pointer_push(node.pointer, field), "encoding"),
                    format!("`{}` is not a single MIME type", body.encoding),
                )
                .label("invalid encoding")
                .help("use one MIME type without parameters, e.g. `application/json` or `*/*`");
            }
        }
    }
}
