//! Pass 1: which lexicons are emitted, the module of each, and the item name of each
//! definition, decided before anything is emitted so references can be written in any
//! order. Names are claimed in catalog order (NSID, then `main` first, then by name).

use std::collections::{BTreeMap, BTreeSet};

use lex_runtime::schema::Schema;

use super::ident::{self, Case};
use super::module::ModulePath;
use crate::ir::{Catalog, DefId, DefView};

/// The NSIDs to emit: `only` and everything it references, or every loaded lexicon.
pub(crate) fn selection(catalog: &Catalog, only: Option<&BTreeSet<String>>) -> BTreeSet<String> {
    let all = || catalog.lexicons().map(|d| d.nsid().to_owned()).collect();
    let Some(only) = only else { return all() };
    let mut selected: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = only.iter().cloned().collect();
    while let Some(nsid) = todo.pop() {
        if !selected.insert(nsid.clone()) {
            continue;
        }
        for def in catalog.defs().filter(|d| d.nsid() == nsid) {
            for edge in def.edges() {
                if let Some(target) = catalog.def(edge.to) {
                    if !selected.contains(target.nsid()) {
                        todo.push(target.nsid().to_owned());
                    }
                }
            }
        }
    }
    selected
}

/// Whether a definition is an XRPC method (its module reserves `Params`, `Input`, ...).
fn is_method(schema: Option<&Schema>) -> bool {
    matches!(
        schema,
        Some(Schema::Query(_) | Schema::Procedure(_) | Schema::Subscription(_))
    )
}

/// The names of every emitted module and definition.
#[derive(Debug, Default)]
pub(crate) struct Names {
    modules: BTreeMap<String, ModulePath>,
    items: BTreeMap<DefId, String>,
    /// Each module's item namespace after pass 1 (emitters claim helper types from it).
    spaces: BTreeMap<String, ident::Names>,
    /// Named arrays emitted as newtypes because they contain themselves.
    newtypes: BTreeSet<DefId>,
}

/// Names the runtime's `__object!`, `__union!` and `__string_enum!` expansions use
/// unqualified inside a generated module (generic parameters `S`, `D`, `A`): an item with
/// one of these names would be shadowed inside its own impls. `Visitor` was the local
/// visitor type of `__object!`; it stays reserved so generated names do not change.
const RUNTIME_NAMES: [&str; 4] = ["A", "D", "S", "Visitor"];

/// Item names an XRPC module uses for the method's parts.
pub(crate) const METHOD_PARTS: [&str; 5] = ["Params", "Input", "Output", "Error", "Message"];

impl Names {
    pub(crate) fn assign(catalog: &Catalog, selected: &BTreeSet<String>) -> Names {
        let mut names = Names {
            newtypes: super::newtype::recursive_arrays(catalog, selected),
            ..Names::default()
        };
        // Module segments: one namespace per parent module.
        let mut children: BTreeMap<Vec<String>, (ident::Names, BTreeMap<String, String>)> =
            BTreeMap::new();
        for nsid in selected {
            let mut path: Vec<String> = Vec::new();
            let mut raw: Vec<String> = Vec::new();
            for seg in nsid.split('.') {
                let (space, known) = children.entry(raw.clone()).or_default();
                let name = known
                    .entry(seg.to_owned())
                    .or_insert_with(|| space.claim_module(seg))
                    .clone();
                path.push(name);
                raw.push(seg.to_owned());
            }
            names.modules.insert(nsid.clone(), ModulePath(path));
        }
        let mut by_doc: BTreeMap<&str, Vec<DefView<'_>>> = BTreeMap::new();
        for def in catalog.defs() {
            if selected.contains(def.nsid()) {
                by_doc.entry(def.nsid()).or_default().push(def);
            }
        }
        for (nsid, mut defs) in by_doc {
            defs.sort_by_key(|d| (d.name() != "main", d.name().to_owned()));
            let mut space = ident::Names::new();
            for reserved in RUNTIME_NAMES {
                space.reserve(reserved);
            }
            if defs
                .iter()
                .any(|d| d.name() == "main" && is_method(Some(d.schema())))
            {
                for part in METHOD_PARTS {
                    space.reserve(part);
                }
            }
            if defs
                .iter()
                .any(|d| d.name() == "main" && matches!(d.schema(), Schema::PermissionSet(_)))
            {
                space.reserve(super::permission_sets::SCOPE_ITEM);
            }
            let last = nsid.rsplit('.').next().unwrap_or(nsid);
            for def in defs {
                let base = if def.name() == "main" {
                    last
                } else {
                    def.name()
                };
                let case = match def.schema() {
                    Schema::Token(_) => Case::Shouty,
                    _ => Case::Camel,
                };
                names.items.insert(def.id(), space.claim(base, case));
            }
            names.spaces.insert(nsid.to_owned(), space);
        }
        names
    }

    /// The module of lexicon `nsid`, if emitted.
    pub(crate) fn module_of(&self, nsid: &str) -> Option<&ModulePath> {
        self.modules.get(nsid)
    }

    /// Whether a named array is emitted as a newtype (it lies on a cycle of aliases).
    pub(crate) fn is_newtype(&self, id: DefId) -> bool {
        self.newtypes.contains(&id)
    }

    /// The item name of a definition.
    pub(crate) fn item(&self, id: DefId) -> Option<&str> {
        self.items.get(&id).map(String::as_str)
    }

    /// A copy of the item namespace of lexicon `nsid`, for claiming helper type names.
    pub(crate) fn space(&self, nsid: &str) -> ident::Names {
        self.spaces.get(nsid).cloned().unwrap_or_default()
    }
}
