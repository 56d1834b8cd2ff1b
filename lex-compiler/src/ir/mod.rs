//! The seam between the front end and the back ends: [`Catalog`], every definition of
//! every loaded lexicon with its references resolved.
//!
//! Handles, not references: definitions are addressed by [`DefId`], documents by
//! [`DocId`]; read access goes through borrowing views ([`DocView`], [`DefView`]), and the
//! back ends read the catalog only through them. Spans stay with the
//! parsed documents (a side table), so two equal definitions compare equal. Order is
//! deterministic everywhere: documents by NSID, definitions by (NSID, name).

pub mod export;
mod graph;
pub mod permission_set;
mod record_data;

use std::collections::BTreeMap;
use std::fmt;

use lex_runtime::schema::{Document, Schema};
use miette::SourceSpan;

use crate::syntax::ParsedDocument;
pub use graph::{Edge, EdgeKind};

/// Handle of a definition in a [`Catalog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DefId(pub(crate) u32);

/// Handle of a document in a [`Catalog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub(crate) u32);

impl DefId {
    /// The position of this definition in [`Catalog::defs`] order.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl DocId {
    /// The position of this document in [`Catalog::documents`] order.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A fully qualified definition name: the document NSID and the def name (`main` for the
/// bare NSID).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DefRef {
    /// The document NSID.
    pub nsid: String,
    /// The definition name within the document.
    pub name: String,
}

impl DefRef {
    /// A reference to `name` in document `nsid`.
    pub fn new(nsid: impl Into<String>, name: impl Into<String>) -> Self {
        DefRef {
            nsid: nsid.into(),
            name: name.into(),
        }
    }

    /// Parses a reference string as written in document `base`: `#name`, `nsid`, or
    /// `nsid#name` (`nsid#main` is the same as `nsid`). `None` when it has more than one
    /// `#`, an empty name or a malformed NSID (the schema checks report those).
    pub fn parse(base: &str, reference: &str) -> Option<DefRef> {
        let (nsid, name) = match reference.split_once('#') {
            Some((nsid, name)) => (if nsid.is_empty() { base } else { nsid }, name),
            None => (reference, "main"),
        };
        if name.is_empty() || name.contains('#') || lex_runtime::Nsid::validate(nsid).is_err() {
            return None;
        }
        Some(DefRef::new(nsid, name))
    }
}

impl fmt::Display for DefRef {
    /// `nsid` for `main`, `nsid#name` otherwise: the form data uses in `$type`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name == "main" {
            f.write_str(&self.nsid)
        } else {
            write!(f, "{}#{}", self.nsid, self.name)
        }
    }
}

/// One definition: where it lives. Its schema is read through the owning document.
#[derive(Debug, Clone)]
pub(crate) struct Def {
    pub(crate) doc: DocId,
    pub(crate) name: String,
    pub(crate) fq: DefRef,
}

/// Every definition from every loaded lexicon, references resolved.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub(crate) docs: Vec<ParsedDocument>,
    pub(crate) by_nsid: BTreeMap<String, DocId>,
    pub(crate) defs: Vec<Def>,
    pub(crate) by_ref: BTreeMap<DefRef, DefId>,
    pub(crate) graph: graph::RefGraph,
}

impl Catalog {
    /// The number of documents.
    pub fn document_count(&self) -> usize {
        self.docs.len()
    }

    /// The number of definitions.
    pub fn def_count(&self) -> usize {
        self.defs.len()
    }

    /// Every parsed document (with its source and spans, for front-end stages), by NSID.
    pub fn documents(&self) -> impl ExactSizeIterator<Item = &ParsedDocument> + '_ {
        self.docs.iter()
    }

    /// Every document as a view (what back ends read), by NSID.
    pub fn lexicons(&self) -> impl ExactSizeIterator<Item = DocView<'_>> + '_ {
        self.docs
            .iter()
            .enumerate()
            .map(move |(i, parsed)| DocView {
                catalog: self,
                id: DocId(i as u32),
                parsed,
            })
    }

    /// The document `nsid` as a view, if loaded.
    pub fn lexicon(&self, nsid: &str) -> Option<DocView<'_>> {
        let id = *self.by_nsid.get(nsid)?;
        let parsed = self.docs.get(id.index())?;
        Some(DocView {
            catalog: self,
            id,
            parsed,
        })
    }

    /// The document `nsid`, if loaded.
    pub fn document(&self, nsid: &str) -> Option<&ParsedDocument> {
        self.by_nsid
            .get(nsid)
            .and_then(|id| self.docs.get(id.index()))
    }

    /// Every definition, by (NSID, name).
    pub fn defs(&self) -> impl ExactSizeIterator<Item = DefView<'_>> + '_ {
        (0..self.defs.len()).map(move |i| DefView {
            catalog: self,
            id: DefId(i as u32),
        })
    }

    /// The definition `id`, if it belongs to this catalog.
    pub fn def(&self, id: DefId) -> Option<DefView<'_>> {
        (id.index() < self.defs.len()).then_some(DefView { catalog: self, id })
    }

    /// The definition a fully qualified name points at.
    pub fn lookup(&self, fq: &DefRef) -> Option<DefView<'_>> {
        self.by_ref.get(fq).and_then(|id| self.def(*id))
    }

    /// Resolves a reference string written in document `base` (`#x`, `nsid`, `nsid#x`).
    pub fn resolve_ref(&self, base: &str, reference: &str) -> Option<DefView<'_>> {
        DefRef::parse(base, reference).and_then(|fq| self.lookup(&fq))
    }

    /// The resolved references leaving `id`, in source order.
    pub fn edges_from(&self, id: DefId) -> impl Iterator<Item = &Edge> + '_ {
        self.graph.edges_from(id)
    }

    /// Whether a reference from `from` to `to` closes a cycle (both in one strongly
    /// connected component, or a self reference): a generated type must box it.
    pub fn needs_box(&self, from: DefId, to: DefId) -> bool {
        self.graph.same_cycle(from, to)
    }

    /// The strongly connected components with a cycle, each sorted, in a stable order.
    pub fn cycles(&self) -> &[Vec<DefId>] {
        self.graph.cycles()
    }
}

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
}

impl fmt::Debug for DefView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DefView({})", self.fq())
    }
}

impl<'a> DefView<'a> {
    fn def(&self) -> Option<&'a Def> {
        self.catalog.defs.get(self.id.index())
    }

    /// The handle of this definition.
    pub fn id(&self) -> DefId {
        self.id
    }

    /// The fully qualified name.
    pub fn fq(&self) -> &'a DefRef {
        static EMPTY: DefRef = DefRef {
            nsid: String::new(),
            name: String::new(),
        };
        self.def().map_or(&EMPTY, |d| &d.fq)
    }

    /// The document NSID.
    pub fn nsid(&self) -> &'a str {
        &self.fq().nsid
    }

    /// The definition name (`main` for the primary definition).
    pub fn name(&self) -> &'a str {
        self.def().map_or("", |d| d.name.as_str())
    }

    /// The parsed document this definition belongs to.
    pub fn parsed(&self) -> Option<&'a ParsedDocument> {
        self.def()
            .and_then(|d| self.catalog.docs.get(d.doc.index()))
    }

    /// The document this definition belongs to.
    pub fn document(&self) -> Option<&'a Document> {
        self.parsed().map(|p| &p.document)
    }

    /// The schema of this definition.
    pub fn schema(&self) -> Option<&'a Schema> {
        self.document().and_then(|d| d.defs.get(self.name()))
    }

    /// The span of the definition's key in its source file.
    pub fn span(&self) -> Option<SourceSpan> {
        let pointer = lex_runtime::schema::pointer_push(
            &lex_runtime::schema::pointer_push("", "defs"),
            self.name(),
        );
        self.parsed().map(|p| p.spans.key(&pointer))
    }

    /// The resolved references leaving this definition.
    pub fn edges(&self) -> impl Iterator<Item = &'a Edge> + 'a {
        self.catalog.edges_from(self.id)
    }
}

/// Builds the reference graph (used by the resolve stage).
pub(crate) fn graph_build(def_count: usize, edges: Vec<Edge>) -> graph::RefGraph {
    graph::RefGraph::build(def_count, edges)
}
