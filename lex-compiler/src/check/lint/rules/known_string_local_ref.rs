//! `known-string-local-ref`: a token in `knownValues` or `enum` written as `#name`.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports `knownValues` and `enum` entries that start with `#` (a local token
    /// reference such as `#curatelist`).
    /// ## Why is this bad?
    /// The string stored in data is the value as written; token values must be fully
    /// qualified (`nsid#name`) to mean the same thing everywhere. Some tools rewrite
    /// `#x` silently, others store it as is.
    /// ## Example
    /// `"knownValues": ["#curatelist"]`; instead
    /// `"knownValues": ["app.bsky.graph.defs#curatelist"]`.
    pub KnownStringLocalRef {
        id: "known-string-local-ref",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for KnownStringLocalRef {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let nsid = cx.nsid().to_owned();
        for (field, values) in [("knownValues", &s.known_values), ("enum", &s.enum_values)] {
            let Some(values) = values else { continue };
            let at = pointer_push(node.pointer, field);
            for (i, v) in values.iter().enumerate() {
                if let Some(name) = v.strip_prefix('#') {
                    cx.report(
                        &Self::INFO,
                        &pointer_push(&at, &i.to_string()),
                        format!("`{v}` in `{field}` is a local reference"),
                    )
                    .label("local token reference")
                    .help(format!("write it fully qualified: `{nsid}#{name}`"));
                }
            }
        }
    }
}
