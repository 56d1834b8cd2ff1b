//! `field-name-syntax`: a property name outside the portable identifier set.

use lex_runtime::schema::pointer_push;

use crate::check::lint::util::{is_identifier, properties};
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports object and params property names that do not match
    /// `^[a-zA-Z][a-zA-Z0-9]{0,255}$`. Names starting with `$` are left to
    /// `dollar-prefixed-field`, empty names to `lexicon-schema`.
    /// ## Why is this bad?
    /// Property names become struct fields and URL query parameters; `-`, `_` and
    /// non-ASCII letters need escaping or renaming in generated code and URLs.
    /// ## Example
    /// `"properties": {"created-at": ...}`; instead `"properties": {"createdAt": ...}`.
    pub FieldNameSyntax {
        id: "field-name-syntax",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for FieldNameSyntax {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Some((props, at)) = properties(node) else {
            return;
        };
        for name in props.keys() {
            if name.is_empty() || name.starts_with('$') || is_identifier(name) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push(&at, name),
                format!("field name `{name}` is not a plain identifier"),
            )
            .key()
            .label("unusual name")
            .help("use ASCII letters and digits, starting with a letter, e.g. `createdAt`");
        }
    }
}
