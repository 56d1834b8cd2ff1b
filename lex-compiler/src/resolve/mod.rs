//! Stage 2, resolve: parsed documents -> [`Catalog`]. Reading files and
//! running the stages in order is the load pipeline's job ([`crate::load()`]).
//!
//! Documents are keyed by the `id` inside each file, never by path; two files with one id
//! is an error naming both. Every `ref` and union member is resolved (`#x`, `nsid`,
//! `nsid#x`); what does not resolve is reported at the reference string with a "did you
//! mean". Checks that need more than one definition (a `ref` to a token, a union member
//! that is not an object or record) happen here, because only here both ends are known.

mod suggest;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use lex_runtime::schema::{pointer_push, Schema, SchemaKind};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Catalog, Def, DefId, DefRef, DocId, Edge, EdgeKind};
use crate::syntax::{walk_document, ParsedDocument, Place};

/// Builds the catalog of `docs` and reports every reference problem.
pub fn resolve(mut docs: Vec<ParsedDocument>) -> (Catalog, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    // Sorting by (id, file name) makes the catalog independent of the order files were
    // read in; among duplicates the first file by name wins.
    docs.sort_by(|a, b| {
        (a.document.id.as_str(), a.source.name()).cmp(&(b.document.id.as_str(), b.source.name()))
    });
    let mut kept: Vec<ParsedDocument> = Vec::with_capacity(docs.len());
    for doc in docs {
        match kept.last() {
            Some(first) if first.document.id == doc.document.id => {
                diagnostics.push(duplicate_id(first, &doc));
            }
            _ => kept.push(doc),
        }
    }

    let mut catalog = Catalog::default();
    for (i, doc) in kept.iter().enumerate() {
        let doc_id = DocId(i as u32);
        catalog.by_nsid.insert(doc.document.id.clone(), doc_id);
        for name in doc.document.defs.keys() {
            let fq = DefRef::new(doc.document.id.clone(), name.clone());
            let id = DefId(catalog.defs.len() as u32);
            catalog.by_ref.insert(fq.clone(), id);
            catalog.defs.push(Def {
                doc: doc_id,
                name: name.clone(),
                fq,
            });
        }
    }

    catalog.docs = kept;
    let mut edges = Vec::new();
    for doc in &catalog.docs {
        resolve_document(&catalog, doc, &mut edges, &mut diagnostics);
    }
    catalog.graph = crate::ir::graph_build(catalog.defs.len(), edges);
    (catalog, diagnostics)
}

/// Resolves the references of one document, pushing edges and diagnostics.
fn resolve_document(
    catalog: &Catalog,
    doc: &ParsedDocument,
    edges: &mut Vec<Edge>,
    out: &mut Diagnostics,
) {
    let base = doc.document.id.as_str();
    let mut current: Option<DefId> = None;
    let mut found = Vec::new();
    walk_document(&doc.document, &mut |node| {
        if let Place::Def { name } = node.place {
            current = catalog.by_ref.get(&DefRef::new(base, name)).copied();
        }
        let Some(from) = current else { return };
        let in_array = matches!(node.place, Place::ArrayItems | Place::ParamsArrayItems);
        match node.schema {
            Schema::Ref(r) => found.push(Found {
                from,
                target: r.target.clone(),
                pointer: pointer_push(node.pointer, "ref"),
                kind: EdgeKind::Ref,
                in_array,
                message: false,
            }),
            Schema::Union(u) => {
                let message = matches!(node.place, Place::MessageSchema);
                let refs = pointer_push(node.pointer, "refs");
                for (i, target) in u.refs.iter().enumerate() {
                    found.push(Found {
                        from,
                        target: target.clone(),
                        pointer: pointer_push(&refs, &i.to_string()),
                        kind: EdgeKind::Union,
                        in_array,
                        message,
                    });
                }
            }
            _ => {}
        }
    });
    for f in found {
        // A reference string that does not even parse was reported by the schema checks.
        let Some(fq) = DefRef::parse(base, &f.target) else {
            continue;
        };
        let Some(target) = catalog.lookup(&fq) else {
            out.push(unknown_ref(catalog, doc, &f, &fq));
            continue;
        };
        if let Some(d) = target_problem(doc, &f, target.schema()) {
            let warning = !d.is_error();
            out.push(d);
            if !warning {
                continue;
            }
        }
        edges.push(Edge {
            from: f.from,
            to: target.id(),
            kind: f.kind,
            in_array: f.in_array,
            pointer: f.pointer,
        });
    }
}

/// One reference string found in a document.
struct Found {
    from: DefId,
    target: String,
    pointer: String,
    kind: EdgeKind,
    in_array: bool,
    /// A member of a subscription's message union (the frame header names its type, so
    /// it need not be an object).
    message: bool,
}

fn located(doc: &ParsedDocument, d: Diagnostic, pointer: &str, label: &str) -> Diagnostic {
    d.label(doc.spans.value(pointer), label)
        .pointer(pointer)
        .source(doc.source.clone())
}

fn duplicate_id(first: &ParsedDocument, second: &ParsedDocument) -> Diagnostic {
    let d = Diagnostic::error(
        "lex::resolve::duplicate-id",
        format!(
            "lexicon `{}` is defined twice: in {} and in {}",
            second.document.id,
            first.source.name(),
            second.source.name()
        ),
    )
    .help(format!(
        "keep one of the two files; {} is the one in use",
        first.source.name()
    ));
    located(second, d, "/id", "second definition of this id")
}

fn unknown_ref(catalog: &Catalog, doc: &ParsedDocument, f: &Found, fq: &DefRef) -> Diagnostic {
    let message = if catalog.document(&fq.nsid).is_some() {
        format!(
            "unknown reference `{}`: `{}` has no definition `{}`",
            f.target, fq.nsid, fq.name
        )
    } else {
        format!(
            "unknown reference `{}`: no lexicon `{}` is loaded",
            f.target, fq.nsid
        )
    };
    let d = Diagnostic::error("lex::resolve::unknown-ref", message);
    let help = match suggest::closest(catalog, doc, &f.target, fq) {
        Some(s) => format!("did you mean `{s}`?"),
        None if catalog.document(&fq.nsid).is_none() => {
            format!(
                "add `{}` to the lexicon folders (or `lex install {}`)",
                fq.nsid, fq.nsid
            )
        }
        None => "check the spelling of the definition name".to_owned(),
    };
    located(doc, d.help(help), &f.pointer, "no definition with this id")
}

/// A reference that resolves to something it may not point at.
fn target_problem(doc: &ParsedDocument, f: &Found, target: &Schema) -> Option<Diagnostic> {
    let kind = target.kind()?;
    let (code, message, help) = match f.kind {
        EdgeKind::Ref if kind == SchemaKind::Token => (
            "lex::resolve::ref-to-token",
            format!(
                "`{}` is a token, and a `ref` cannot point at a token",
                f.target
            ),
            "use the token as a string value (in `knownValues`), not as a `ref`",
        ),
        EdgeKind::Ref if kind.is_primary() && kind != SchemaKind::Record => (
            "lex::resolve::invalid-ref-target",
            format!(
                "`{}` is a {}, which a `ref` cannot point at",
                f.target,
                kind.name()
            ),
            "a `ref` may point at a record, an object or a field-type definition",
        ),
        EdgeKind::Union
            if f.message
                && !kind.is_primary()
                && kind != SchemaKind::Token
                && !matches!(kind, SchemaKind::Object | SchemaKind::Record) =>
        {
            let d = Diagnostic::warning(
                "lex::resolve::non-object-message",
                format!(
                    "message type `{}` is a `{}` definition, not an object",
                    f.target,
                    kind.name()
                ),
            )
            .help(
                "the frame header names the type, so streams can carry it (generated code \
                 gives it a `Message` variant holding the bare value), but the spec asks for \
                 objects",
            );
            return Some(located(doc, d, &f.pointer, "not an object"));
        }
        EdgeKind::Union if !matches!(kind, SchemaKind::Object | SchemaKind::Record) => (
            "lex::resolve::invalid-union-member",
            format!(
                "union member `{}` is a {}, not an object or record",
                f.target,
                kind.name()
            ),
            "union members must be object or record definitions",
        ),
        _ => return None,
    };
    let d = Diagnostic::error(code, message).help(help);
    Some(located(
        doc,
        d,
        &f.pointer,
        "reference to an unsuitable definition",
    ))
}

/// Every definition name of `catalog`, for suggestions.
pub(crate) fn all_refs(catalog: &Catalog) -> BTreeMap<String, DefId> {
    catalog
        .by_ref
        .iter()
        .map(|(fq, id)| (fq.to_string(), *id))
        .collect()
}
