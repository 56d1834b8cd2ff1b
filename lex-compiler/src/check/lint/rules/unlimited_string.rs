//! `unlimited-string`: a string with no length limit and no format.

use lex_runtime::schema::Schema;

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::{Level, Status};
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `string` that sets neither `format`, `maxLength`, `maxGraphemes`,
    /// `enum` nor `const`: nothing bounds its size.
    /// ## Why is this bad?
    /// Unbounded strings let one record carry megabytes that every appview indexing it
    /// has to store; the style guide asks for a `maxLength` on every record string
    /// without a format. Level: `warn` in record data (records and the objects they
    /// reach); `info` in parameters, bodies and views, where the server bounds what it
    /// accepts and returns (cursors, ids, search queries are rarely given a limit; the
    /// official lexicons have hundreds).
    /// ## Example
    /// `{"type": "string"}`; instead `{"type": "string", "maxLength": 3000, "maxGraphemes": 300}`.
    pub UnlimitedString {
        id: "unlimited-string",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnlimitedString {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        if s.format.is_some()
            || s.max_length.is_some()
            || s.max_graphemes.is_some()
            || s.enum_values.is_some()
            || s.const_value.is_some()
        {
            return;
        }
        let level = if cx.in_record_data(node.pointer) {
            Self::INFO.level
        } else {
            Level::Info
        };
        cx.report(&Self::INFO, node.pointer, "string has no length limit")
            .key()
            .label("unbounded string")
            .help("add `maxLength` (bytes), with `maxGraphemes` for user-visible text")
            .level(level);
    }
}
