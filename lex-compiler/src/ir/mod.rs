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
mod view;

use std::collections::BTreeMap;
use std::fmt;

use crate::syntax::ParsedDocument;
pub use graph::{Edge, EdgeKind};
pub use view::{DefView, DocView};

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
            .map(move |(i, parsed)| DocView::new(self, DocId(i as u32), parsed))
    }

    /// The document `nsid` as a view, if loaded.
    pub fn lexicon(&self, nsid: &str) -> Option<DocView<'_>> {
        let id = *self.by_nsid.get(nsid)?;
        let parsed = self.docs.get(id.index())?;
        Some(DocView::new(self, id, parsed))
    }

    /// The document `nsid`, if loaded.
    pub fn document(&self, nsid: &str) -> Option<&ParsedDocument> {
        self.by_nsid
            .get(nsid)
            .and_then(|id| self.docs.get(id.index()))
    }

    /// Every definition, by (NSID, name).
    pub fn defs(&self) -> impl Iterator<Item = DefView<'_>> + '_ {
        (0..self.defs.len()).filter_map(move |i| self.def(DefId(i as u32)))
    }

    /// The definition `id`, if it belongs to this catalog.
    pub fn def(&self, id: DefId) -> Option<DefView<'_>> {
        // The resolve stage made one `Def` per schema of each document, so for an id of
        // this catalog every lookup below succeeds; an id from another catalog may not.
        let def = self.defs.get(id.index())?;
        let parsed = self.docs.get(def.doc.index())?;
        let schema = parsed.document.defs.get(def.name.as_str())?;
        Some(DefView::new(self, id, def, parsed, schema))
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

/// Builds the reference graph (used by the resolve stage).
pub(crate) fn graph_build(def_count: usize, edges: Vec<Edge>) -> graph::RefGraph {
    graph::RefGraph::build(def_count, edges)
}
