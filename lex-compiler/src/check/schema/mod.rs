//! Schema validity: one parsed document in, `lex::schema::*` findings out.
//!
//! Everything the lexicon spec marks invalid is an error; a few things the spec says
//! consumers ignore (permissions outside the set's namespace, types this version does not
//! know) are warnings. Style is not checked here (that is the lint stage). Each rule lives
//! in `rules/<id>.rs`; `registry.rs` lists them. A walker visits every schema node once,
//! tagging it with its `Place` so placement rules know the position.

mod ident;
mod registry;
pub(crate) mod rule;
mod rules;

#[cfg(test)]
mod tests;

use lex_runtime::schema::{pointer_push, Document, Schema};

use crate::check::report::{Emit, Report, Reporter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::syntax::ParsedDocument;
pub use rule::RuleInfo;
use rule::{Node, Place};

/// Metadata of every schema rule, in registry order.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    registry::RULES.iter().map(|r| r.info())
}

/// Runs every schema rule over `doc` and returns all findings, in source order.
pub fn check_document(doc: &ParsedDocument) -> Diagnostics {
    let mut cx = Cx {
        doc,
        out: Diagnostics::new(),
    };
    let document = &doc.document;
    for rule in registry::RULES {
        rule.check_document(&mut cx, document);
    }
    walk_document(document, &mut |node| {
        for rule in registry::RULES {
            rule.check_node(&mut cx, node);
        }
    });
    let mut out = cx.out;
    out.sort_by_position();
    out
}

/// The rules' view of the run: where to report, and the document's spans.
pub(crate) struct Cx<'a> {
    doc: &'a ParsedDocument,
    out: Diagnostics,
}

impl Cx<'_> {
    /// The document NSID as written.
    pub(crate) fn document_id(&self) -> &str {
        &self.doc.document.id
    }

    /// Starts a report of `rule` at `pointer` (see [`crate::check::report`]).
    pub(crate) fn report<'c, 'a>(
        &'c mut self,
        rule: &'static RuleInfo,
        pointer: &'a str,
        message: impl Into<String>,
    ) -> Reporter<'c, 'a, Self> {
        Reporter::new(self, rule, pointer, message)
    }
}

impl Emit for Cx<'_> {
    type Info = RuleInfo;

    /// Files a finding, unless the parse stage already reported a problem at the same
    /// place (one problem, one diagnostic).
    fn emit(&mut self, rule: &'static RuleInfo, mut report: Report<'_>) {
        if self.doc.was_reported(report.pointer) {
            return;
        }
        let message = std::mem::take(&mut report.message);
        let d = match rule.severity {
            miette::Severity::Error => Diagnostic::error(rule.code, message),
            _ => Diagnostic::warning(rule.code, message),
        };
        self.out.push(report.decorate(d, self.doc));
    }
}

/// Visits every schema node of `doc`, parents before children.
pub(crate) fn walk_document(doc: &Document, visit: &mut dyn FnMut(&Node<'_>)) {
    let defs = pointer_push("", "defs");
    for (name, schema) in &doc.defs {
        walk(
            schema,
            &pointer_push(&defs, name),
            Place::Def { name },
            visit,
        );
    }
}

fn walk(schema: &Schema, pointer: &str, place: Place<'_>, visit: &mut dyn FnMut(&Node<'_>)) {
    visit(&Node {
        schema,
        pointer,
        place,
    });
    let child = |key: &str| pointer_push(pointer, key);
    match schema {
        Schema::Array(a) => {
            let items_place = if place == Place::ParamsProperty {
                Place::ParamsArrayItems
            } else {
                Place::ArrayItems
            };
            walk(&a.items, &child("items"), items_place, visit);
        }
        Schema::Object(o) => {
            let props = child("properties");
            for (name, p) in &o.properties {
                walk(p, &pointer_push(&props, name), Place::Property, visit);
            }
        }
        Schema::Params(p) => {
            let props = child("properties");
            for (name, p) in &p.properties {
                walk(p, &pointer_push(&props, name), Place::ParamsProperty, visit);
            }
        }
        Schema::Record(r) => walk(&r.record, &child("record"), Place::RecordBody, visit),
        Schema::Query(q) => {
            if let Some(p) = &q.parameters {
                walk(p, &child("parameters"), Place::Parameters, visit);
            }
            walk_body(q.output.as_ref(), &child("output"), visit);
        }
        Schema::Procedure(q) => {
            if let Some(p) = &q.parameters {
                walk(p, &child("parameters"), Place::Parameters, visit);
            }
            walk_body(q.input.as_ref(), &child("input"), visit);
            walk_body(q.output.as_ref(), &child("output"), visit);
        }
        Schema::Subscription(s) => {
            if let Some(p) = &s.parameters {
                walk(p, &child("parameters"), Place::Parameters, visit);
            }
            if let Some(schema) = s.message.as_ref().and_then(|m| m.schema.as_ref()) {
                let at = pointer_push(&child("message"), "schema");
                walk(schema, &at, Place::MessageSchema, visit);
            }
        }
        Schema::PermissionSet(set) => {
            let perms = child("permissions");
            for (i, p) in set.permissions.iter().enumerate() {
                walk(
                    p,
                    &pointer_push(&perms, &i.to_string()),
                    Place::PermissionEntry,
                    visit,
                );
            }
        }
        _ => {}
    }
}

fn walk_body(
    body: Option<&lex_runtime::schema::Body>,
    pointer: &str,
    visit: &mut dyn FnMut(&Node<'_>),
) {
    if let Some(schema) = body.and_then(|b| b.schema.as_ref()) {
        walk(
            schema,
            &pointer_push(pointer, "schema"),
            Place::BodySchema,
            visit,
        );
    }
}
