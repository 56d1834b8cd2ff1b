//! `reserved-word-name`: a field or definition named like a built-in of common languages.

use lex_runtime::schema::{pointer_push, Document};

use crate::check::lint::util::properties;
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

/// Names that clash with built-in members or keywords of the languages lexicons are most
/// often generated for (JavaScript objects, arrays and classes; Rust and TypeScript).
const RESERVED: &[&str] = &[
    "__proto__",
    "constructor",
    "default",
    "hasOwnProperty",
    "isPrototypeOf",
    "length",
    "prototype",
    "toJSON",
    "toString",
    "valueOf",
];

declare_lint_rule! {
    /// ## What it does
    /// Reports fields and definitions named `default`, `length`, `constructor`,
    /// `prototype`, `toString`, `valueOf`, `toJSON`, `hasOwnProperty`, `isPrototypeOf` or
    /// `__proto__`.
    /// ## Why is this bad?
    /// The style guide asks to avoid names that clash with common language words: in
    /// JavaScript these shadow built-in members of every object or array, and `default`
    /// is a keyword that generated code must mangle.
    /// ## Example
    /// `"properties": {"length": {"type": "integer"}}`; instead `"durationSeconds"`.
    pub ReservedWordName {
        id: "reserved-word-name",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for ReservedWordName {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        for name in doc.defs.keys().filter(|n| RESERVED.contains(&n.as_str())) {
            report(cx, &pointer_push("/defs", name), "definition", name);
        }
    }

    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Some((props, at)) = properties(node) else {
            return;
        };
        for name in props.keys().filter(|n| RESERVED.contains(&n.as_str())) {
            report(cx, &pointer_push(&at, name), "field", name);
        }
    }
}

fn report(cx: &mut LintCx<'_>, pointer: &str, what: &str, name: &str) {
    cx.report(
        &ReservedWordName::INFO,
        pointer,
        format!("{what} name `{name}` clashes with a common language built-in"),
    )
    .key()
    .label("reserved word")
    .help("choose a more specific name");
}
