//! Reference strings: `#name`, `nsid` or `nsid#name`.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::ident::is_reference;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a `ref` or union `refs` entry that is not `#name`, `nsid` or `nsid#name`
    /// (at most one `#`, a valid NSID, a non-empty name without `.`).
    InvalidRef {
        code: "lex::schema::invalid-ref",
        severity: Error,
        summary: "references must be `#name`, `nsid` or `nsid#name`",
    }
}

impl SchemaRule for InvalidRef {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let refs: Vec<(String, &str)> = match node.schema {
            Schema::Ref(r) => vec![(pointer_push(node.pointer, "ref"), r.target.as_str())],
            Schema::Union(u) => {
                let at = pointer_push(node.pointer, "refs");
                u.refs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (pointer_push(&at, &i.to_string()), r.as_str()))
                    .collect()
            }
            _ => return,
        };
        for (pointer, target) in refs {
            if !is_reference(target) {
                cx.report(&Self::INFO, &pointer, format!("malformed reference `{target}`")).label("malformed reference").help("write `#name` for a local definition, `nsid` for a main definition, or `nsid#name`");
            }
        }
    }
}
