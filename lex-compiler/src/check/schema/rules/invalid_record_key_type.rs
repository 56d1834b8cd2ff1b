//! Record `key`: `tid`, `nsid`, `any` or `literal:<record key>`.

use lex_runtime::schema::{pointer_push, RecordKeyType, Schema};

use crate::check::schema::ident::is_record_key;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a record `key` that is not `tid`, `nsid`, `any` or `literal:<value>` with a
    /// valid record key as the value.
    InvalidRecordKeyType {
        code: "lex::schema::invalid-record-key-type",
        severity: Error,
        summary: "record `key` must be `tid`, `nsid`, `any` or `literal:<record key>`",
    }
}

impl SchemaRule for InvalidRecordKeyType {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::Record(r) = node.schema else {
            return;
        };
        let message = match &r.key {
            RecordKeyType::Tid | RecordKeyType::Nsid | RecordKeyType::Any => return,
            RecordKeyType::Literal(value) if is_record_key(value) => return,
            RecordKeyType::Literal(value) => format!("`{value}` is not a valid record key"),
            RecordKeyType::Other(other) => format!("unknown record key type `{other}`"),
        };
        cx.report(&Self::INFO, &pointer_push(node.pointer, "key"), message)
            .label("invalid key type")
            .help("use `tid`, `nsid`, `any` or `literal:<key>` (e.g. `literal:self`)");
    }
}
