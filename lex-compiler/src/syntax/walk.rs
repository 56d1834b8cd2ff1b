//! The document walker: every schema node of a document, parents before children, each
//! tagged with its [`Place`] (which decides the types allowed there, lexicon.md §3).
//!
//! Part of the syntax stage because it is a question about the document's shape alone:
//! the schema checks run their rules on each node, and resolve collects the references.

use lex_runtime::schema::{pointer_push, Body, Document, Schema};

/// Where a schema node sits, which decides the types allowed there (lexicon.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    /// An entry of `defs`.
    Def { name: &'a str },
    /// A property of an `object`.
    Property,
    /// The `items` of an array outside `params`.
    ArrayItems,
    /// A property of `params`.
    ParamsProperty,
    /// The `items` of an array that is a `params` property.
    ParamsArrayItems,
    /// `record.record`.
    RecordBody,
    /// `parameters` of a query, procedure or subscription.
    Parameters,
    /// `schema` of an `input` / `output` body.
    BodySchema,
    /// `message.schema` of a subscription.
    MessageSchema,
    /// An entry of `permission-set.permissions`.
    PermissionEntry,
}

/// One schema node as the walker hands it to rules.
pub(crate) struct Node<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) pointer: &'a str,
    pub(crate) place: Place<'a>,
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

fn walk_body(body: Option<&Body>, pointer: &str, visit: &mut dyn FnMut(&Node<'_>)) {
    if let Some(schema) = body.and_then(|b| b.schema.as_ref()) {
        walk(
            schema,
            &pointer_push(pointer, "schema"),
            Place::BodySchema,
            visit,
        );
    }
}
