//! Borrowing views of a [`Catalog`]: what the back ends read.
//!
//! A view is only made by the catalog, from a handle of that catalog, with every lookup
//! already done, so its accessors are plain references: no `Option`, no empty fallback.

use std::fmt;

use lex_runtime::schema::{pointer_push, Document, Schema};
use miette::SourceSpan;

use super::{Catalog, Def, DefId, DefRef, DocId, Edge};
use crate::syntax::ParsedDocument;

/// Read-only view of one document: its NSID, description and definitions.
#[derive(Clone, Copy)]
pub struct DocView<'a> {
    catalog: &'a Catalog,
    id: DocId,
    parsed: &'a ParsedDocument,
}

impl fmt::Debug for DocView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocView({})", self.nsid())
    }
}

impl<'a> DocView<'a> {
    pub(super) fn new(catalog: &'a Catalog, id: DocId, parsed: &'a ParsedDocument) -> Self {
        DocView {
            catalog,
            id,
            parsed,
        }
    }

    /// The handle of this document.
    pub fn id(&self) -> DocId {
        self.id
    }

    /// The NSID (the `id` inside the file).
    pub fn nsid(&self) -> &'a str {
        self.parsed.document.id.as_str()
    }

    /// The document's own `description`.
    pub fn description(&self) -> Option<&'a str> {
        self.parsed.document.description.as_deref()
    }

    /// The schema model of the whole document.
    pub fn document(&self) -> &'a Document {
        &self.parsed.document
    }

    /// The parsed document, with its source and spans (for diagnostics).
    pub fn parsed(&self) -> &'a ParsedDocument {
        self.parsed
    }

    /// The definitions of this document, by name.
    pub fn defs(&self) -> impl Iterator<Item = DefView<'a>> + 'a {
        let catalog = self.catalog;
        let nsid = self.nsid();
        catalog
            .by_ref
            .range(DefRef::new(nsid, "")..)
            .take_while(move |(fq, _)| fq.nsid == nsid)
            .filter_map(move |(_, id)| catalog.def(*id))
    }

    /// The definition `name` of this document (`main` for the primary one).
    pub fn def(&self, name: &str) -> Option<DefView<'a>> {
        self.catalog.lookup(&DefRef::new(self.nsid(), name))
    }
}

/// Read-only view of one definition.
#[derive(Clone, Copy)]
pub struct DefView<'a> {
    catalog: &'a Catalog,
    id: DefId,
    def: &'a Def,
    parsed: &'a ParsedDocument,
    schema: &'a Schema,
}

impl fmt::Debug for DefView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DefView({})", self.fq())
    }
}

impl<'a> DefView<'a> {
    pub(super) fn new(
        catalog: &'a Catalog,
        id: DefId,
        def: &'a Def,
        parsed: &'a ParsedDocument,
        schema: &'a Schema,
    ) -> Self {
        DefView {
            catalog,
            id,
            def,
            parsed,
            schema,
        }
    }

    /// The handle of this definition.
    pub fn id(&self) -> DefId {
        self.id
    }

    /// The fully qualified name.
    pub fn fq(&self) -> &'a DefRef {
        &self.def.fq
    }

    /// The document NSID.
    pub fn nsid(&self) -> &'a str {
        &self.def.fq.nsid
    }

    /// The definition name (`main` for the primary definition).
    pub fn name(&self) -> &'a str {
        &self.def.name
    }

    /// The document this definition belongs to, as a view.
    pub fn doc(&self) -> DocView<'a> {
        DocView::new(self.catalog, self.def.doc, self.parsed)
    }

    /// The parsed document this definition belongs to (source and spans).
    pub fn parsed(&self) -> &'a ParsedDocument {
        self.parsed
    }

    /// The schema model of the document this definition belongs to.
    pub fn document(&self) -> &'a Document {
        &self.parsed.document
    }

    /// The schema of this definition.
    pub fn schema(&self) -> &'a Schema {
        self.schema
    }

    /// The span of the definition's key in its source file.
    pub fn span(&self) -> SourceSpan {
        let pointer = pointer_push(&pointer_push("", "defs"), self.name());
        self.parsed.spans.key(&pointer)
    }

    /// The resolved references leaving this definition.
    pub fn edges(&self) -> impl Iterator<Item = &'a Edge> + 'a {
        self.catalog.edges_from(self.id)
    }
}
