//! `record-handle-field`: a record field that stores a handle instead of a DID.

use lex_runtime::schema::{pointer_push, Schema, StringFormat};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a string field with format `handle` or `at-identifier` in record data: a
    /// record, or an object a record reaches through refs.
    /// ## Why is this bad?
    /// Handles change; DIDs do not. A record that stores a handle points at whoever holds
    /// that handle later. The style guide says records reference accounts by DID
    /// (`format: did`) and resolve handles only for display. (Outside records, in
    /// parameters and views, handles are fine.)
    /// ## Example
    /// `"subject": {"type": "string", "format": "handle"}` in a record; instead
    /// `"subject": {"type": "string", "format": "did"}`.
    pub RecordHandleField {
        id: "record-handle-field",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for RecordHandleField {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let name = match &s.format {
            Some(StringFormat::Handle) => "handle",
            Some(StringFormat::AtIdentifier) => "at-identifier",
            _ => return,
        };
        if !cx.in_record_data(node.pointer) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "format"),
            format!("record field with format `{name}` can hold a handle"),
        )
        .label("handle in record data")
        .help("store the account's DID (`format: did`); handles can change hands");
    }
}
