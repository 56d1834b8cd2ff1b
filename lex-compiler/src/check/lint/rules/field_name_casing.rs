//! `field-name-casing`: a property name that is not lowerCamelCase.

use lex_runtime::schema::pointer_push;

use crate::check::lint::util::{is_identifier, is_lower_camel, properties};
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports object and params property names that are plain identifiers but not
    /// lowerCamelCase (they start with an upper-case letter). Names with other characters
    /// are `field-name-syntax`'s.
    /// ## Why is this bad?
    /// The style guide uses lowerCamelCase for fields, as every official lexicon does;
    /// mixed conventions make generated APIs inconsistent.
    /// ## Example
    /// `"properties": {"CreatedAt": ...}`; instead `"properties": {"createdAt": ...}`.
    pub FieldNameCasing {
        id: "field-name-casing",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for FieldNameCasing {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Some((props, at)) = properties(node) else {
            return;
        };
        for name in props.keys() {
            if !is_identifier(name) || is_lower_camel(name) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push(&at, name),
                format!("field name `{name}` is not lowerCamelCase"),
            )
            .key()
            .label("not lowerCamelCase")
            .help("start field names with a lower-case letter, e.g. `createdAt`");
        }
    }
}
