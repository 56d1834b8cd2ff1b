//! `endpoint-output-undefined`: a query or procedure without an `output`.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a query or procedure that declares no `output`.
    /// ## Why is this bad?
    /// Without an output the response body is unspecified, and the endpoint can never
    /// return anything later without a breaking change in generated clients. The style
    /// guide asks for an output on every endpoint: `application/json` with an empty
    /// object schema when there is nothing to say yet.
    /// ## Example
    /// `"main": {"type": "procedure", "input": {...}}`; instead add
    /// `"output": {"encoding": "application/json", "schema": {"type": "object", "properties": {}}}`.
    pub EndpointOutputUndefined {
        id: "endpoint-output-undefined",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for EndpointOutputUndefined {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let kind = match doc.defs.get("main") {
            Some(Schema::Query(q)) if q.output.is_none() => "query",
            Some(Schema::Procedure(p)) if p.output.is_none() => "procedure",
            _ => return,
        };
        cx.report(&Self::INFO, "/defs/main", format!("the {kind} `{}` declares no output", doc.id)).key().label("no output").help("add an `output` (an empty JSON object is fine: `{\"encoding\": \"application/json\", \"schema\": {\"type\": \"object\", \"properties\": {}}}`)");
    }
}
