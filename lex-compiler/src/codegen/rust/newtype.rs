//! Named arrays that reach themselves -> newtypes. A named array is emitted as a type
//! alias (`pub type Tags = Vec<Tag>`), and an alias cannot refer to itself: `list` with
//! `items: ref #list` would be `type List = Vec<List>` (rustc E0391). Such cycles run only
//! through aliases, and the only aliases that refer to other definitions are arrays (whose
//! items, through nested arrays, end in a `ref`); objects, records and union enums are
//! nominal and break any cycle. So each named array whose items chain returns to itself
//! becomes `pub struct List(pub Vec<List>)`, with serde and `Validate` written against the
//! inner vector. Arrays outside such a cycle stay aliases.

use std::collections::{BTreeMap, BTreeSet};

use lex_runtime::schema::Schema;
use quote::quote;

use super::ident;
use super::types::{doc_attr, Emitter};
use crate::ir::{Catalog, DefId, DefView};

/// The definition a named array's items end in, through nested arrays, if it is a `ref`.
fn alias_target(catalog: &Catalog, def: DefView<'_>) -> Option<DefId> {
    let Schema::Array(a) = def.schema() else {
        return None;
    };
    let mut items = a.items.as_ref();
    while let Schema::Array(inner) = items {
        items = inner.items.as_ref();
    }
    match items {
        Schema::Ref(r) => catalog.resolve_ref(def.nsid(), &r.target).map(|t| t.id()),
        _ => None,
    }
}

/// The named arrays (among the lexicons in `selected`) that lie on a cycle of aliases.
pub(crate) fn recursive_arrays(catalog: &Catalog, selected: &BTreeSet<String>) -> BTreeSet<DefId> {
    // Each array has at most one alias target, so the alias graph is a functional graph:
    // walking from each definition either ends or enters a cycle.
    let next: BTreeMap<DefId, DefId> = catalog
        .defs()
        .filter(|d| selected.contains(d.nsid()))
        .filter_map(|d| alias_target(catalog, d).map(|t| (d.id(), t)))
        .collect();
    let mut on_cycle = BTreeSet::new();
    let mut done: BTreeSet<DefId> = BTreeSet::new();
    for &start in next.keys() {
        let mut path: Vec<DefId> = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at {
            if done.contains(&id) {
                break;
            }
            if let Some(pos) = path.iter().position(|p| *p == id) {
                on_cycle.extend(path.iter().skip(pos).copied());
                break;
            }
            path.push(id);
            at = next.get(&id).copied();
        }
        done.extend(path);
    }
    on_cycle
}

/// Emits `pub struct Name(pub Vec<...>)` for the recursive named array `schema`.
pub(crate) fn emit(em: &mut Emitter<'_>, name: &str, schema: &Schema, description: Option<&str>) {
    let rt = em.rt.clone();
    let p = quote! { #rt::__private };
    let serde = quote! { #p::serde };
    let slot = em.reserve();
    let inner = em.ty(schema, name, false);
    let check = em.check(schema);
    let ident = ident::make(name);
    let doc = doc_attr(description);
    let validate = if check.is_none() {
        quote! { fn check(&self, _checker: &mut #p::Checker, _path: &#p::Path<'_>) {} }
    } else {
        let body = check.render(&rt, &quote! { v }, &quote! { path }, 0);
        quote! {
            fn check(&self, checker: &mut #p::Checker, path: &#p::Path<'_>) {
                let v = &self.0;
                #body
            }
        }
    };
    em.fill(
        slot,
        quote! {
            #doc
            ///
            /// A newtype rather than an alias: the array contains itself.
            #[derive(Debug, Clone, PartialEq, Default)]
            pub struct #ident(pub #inner);
            impl #serde::Serialize for #ident {
                fn serialize<S: #serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    #serde::Serialize::serialize(&self.0, serializer)
                }
            }
            impl<'de> #serde::Deserialize<'de> for #ident {
                fn deserialize<D: #serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    <#inner as #serde::Deserialize<'de>>::deserialize(deserializer).map(#ident)
                }
            }
            impl #rt::Validate for #ident {
                #validate
            }
        },
    );
}
