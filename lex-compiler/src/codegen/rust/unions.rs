//! Unions -> enums discriminated by `$type`, one boxed variant per member (boxing keeps the
//! enum small and breaks any cycle through the union). Open unions get `Unknown(Map)`,
//! which keeps the whole object (`$type` included); closed unions reject other `$type`s.
//! A known `$type` whose body does not decode is an error, never `Unknown`.

use std::collections::BTreeSet;

use lex_runtime::schema::{Schema, Union};
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::types::{doc_attr, Emitter};
use crate::ir::DefView;

/// Whether a union member becomes a variant: objects and records. A subscription may list
/// other definitions as messages (`lex::resolve::non-object-message`, a warning); they are
/// left out, so their frames arrive as unknown messages.
// TODO: type them (a `bytes` message as a variant holding `Bytes`): stream frames would
// need a non-map body (`Frame::Message` holds a `Map` today) and `__union!` a variant kind
// decoded from the body value instead of the `$type`-tagged map.
pub(crate) fn is_member(target: DefView<'_>) -> bool {
    matches!(target.schema(), Some(Schema::Object(_) | Schema::Record(_)))
}

/// Emits enum `name` for `union`.
pub(crate) fn emit(em: &mut Emitter<'_>, name: &str, union: &Union, _in_array: bool) {
    let rt = em.rt.clone();
    let open = !union.is_closed();
    let mut variant_names = Names::new();
    if open {
        variant_names.reserve("Unknown");
    }
    let mut seen = BTreeSet::new();
    let mut variants = Vec::new();
    for reference in &union.refs {
        let Some(target) = em.resolve(reference).filter(|t| is_member(*t)) else {
            continue;
        };
        let tag = target.fq().to_string();
        if !seen.insert(tag.clone()) {
            continue;
        }
        let last = target.nsid().rsplit('.').next().unwrap_or_default();
        let base = if target.name() == "main" {
            last.to_owned()
        } else if target.nsid() == em.nsid {
            target.name().to_owned()
        } else {
            format!("{last}_{}", target.name())
        };
        let variant = ident::make(&variant_names.claim(&base, Case::Camel));
        let path = em.def_path(target);
        let doc = super::docs::doc_attrs(&super::docs::code(&tag));
        variants.push((variant, path, tag, doc));
    }
    let ident = ident::make(name);
    let doc = doc_attr(union.description.as_deref());
    let decls = variants.iter().map(|(v, path, _, doc)| {
        quote! { #doc #v(::std::boxed::Box<#path>), }
    });
    let unknown_decl = if open {
        quote! {
            /// A member this schema version does not know: the whole object, `$type` included.
            Unknown(#rt::Map),
        }
    } else {
        TokenStream::new()
    };
    em.items.push(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #ident {
            #(#decls)*
            #unknown_decl
        }
    });

    // Serde and `Validate`: the runtime's `__union!` expands the impls from the variant list.
    let listed = variants.iter().map(|(v, _, tag, _)| quote! { #v #tag });
    let kind = if open {
        quote! { open }
    } else {
        let names: Vec<&String> = variants.iter().map(|(_, _, t, _)| t).collect();
        let expected = format!("{names:?}");
        quote! { closed #expected }
    };
    em.items.push(quote! {
        #rt::__union! { #ident, #kind, [#(#listed),*] }
    });
}
