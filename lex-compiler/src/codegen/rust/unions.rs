//! Unions -> enums discriminated by `$type`, one boxed variant per member (boxing keeps the
//! enum small and breaks any cycle through the union). Open unions get `Unknown(Map)`,
//! which keeps the whole object (`$type` included); closed unions reject other `$type`s.
//! A known `$type` whose body does not decode is an error, never `Unknown`.
//!
//! A subscription's `Message` union may also list definitions that are not objects
//! (`lex::resolve::non-object-message`, a warning): on an event stream the frame header's
//! `t` names the type, so the body can be the bare value. Every such definition the resolve
//! stage accepts (`boolean`, `integer`, `string`, `bytes`, `cid-link`, `blob`, `array`) has
//! a generated type, so each becomes a *value* variant holding that type, boxed like the
//! others, listed after `values` in `__union!` with the checks of its constraints.

use std::collections::BTreeSet;

use lex_runtime::schema::{Ref, Schema, Union};
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::types::{doc_attr, Emitter};
use crate::ir::DefView;

/// How a member is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carried {
    /// An object or record: a map tagged with `$type`.
    Object,
    /// Anything else a message union may list: the bare value (only a frame header names it).
    Value,
}

/// How `target` is carried in a union, if it becomes a variant at all.
fn carried(target: DefView<'_>, message: bool) -> Option<Carried> {
    match target.schema() {
        Schema::Object(_) | Schema::Record(_) => Some(Carried::Object),
        Schema::Boolean(_)
        | Schema::Integer(_)
        | Schema::String(_)
        | Schema::Bytes(_)
        | Schema::CidLink(_)
        | Schema::Blob(_)
        | Schema::Array(_)
            if message =>
        {
            Some(Carried::Value)
        }
        _ => None,
    }
}

/// The `$type`s a subscription's `Message` union declares.
pub(crate) struct MessageTypes {
    /// Every member, in the order listed.
    pub(crate) all: Vec<String>,
    /// Whether any member is carried as a bare value.
    pub(crate) values: bool,
}

/// Emits enum `Message` for a subscription's message union.
pub(crate) fn emit_message(em: &mut Emitter<'_>, union: &Union) -> MessageTypes {
    let variants = emit_enum(em, "Message", union, true);
    MessageTypes {
        all: variants.iter().map(|v| v.tag.clone()).collect(),
        values: variants.iter().any(|v| v.carried == Carried::Value),
    }
}

/// Emits enum `name` for `union`.
pub(crate) fn emit(em: &mut Emitter<'_>, name: &str, union: &Union, _in_array: bool) {
    emit_enum(em, name, union, false);
}

struct Variant {
    ident: proc_macro2::Ident,
    path: TokenStream,
    tag: String,
    doc: TokenStream,
    carried: Carried,
    /// For a value member: what `validate()` checks (the same as a `ref` to it would).
    check: TokenStream,
}

fn emit_enum(em: &mut Emitter<'_>, name: &str, union: &Union, message: bool) -> Vec<Variant> {
    let rt = em.rt.clone();
    let open = !union.is_closed();
    let mut variant_names = Names::new();
    if open {
        variant_names.reserve("Unknown");
    }
    let mut seen = BTreeSet::new();
    let mut variants = Vec::new();
    for reference in &union.refs {
        let Some((target, how)) = em
            .resolve(reference)
            .and_then(|t| Some((t, carried(t, message)?)))
        else {
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
        let check = match how {
            Carried::Object => TokenStream::new(),
            Carried::Value => value_check(em, reference),
        };
        variants.push(Variant {
            ident: variant,
            path,
            tag,
            doc,
            carried: how,
            check,
        });
    }
    let ident = ident::make(name);
    let doc = doc_attr(union.description.as_deref());
    let decls = variants.iter().map(|v| {
        let (doc, ident, path) = (&v.doc, &v.ident, &v.path);
        quote! { #doc #ident(::std::boxed::Box<#path>), }
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
    let (objects, values): (Vec<&Variant>, Vec<&Variant>) =
        variants.iter().partition(|v| v.carried == Carried::Object);
    let listed = objects.iter().map(|v| {
        let (ident, tag) = (&v.ident, &v.tag);
        quote! { #ident #tag }
    });
    let kind = if open {
        quote! { open }
    } else {
        let names: Vec<&String> = variants.iter().map(|v| &v.tag).collect();
        let expected = format!("{names:?}");
        quote! { closed #expected }
    };
    let values = if values.is_empty() {
        TokenStream::new()
    } else {
        let listed = values.iter().map(|v| {
            let (ident, tag, check) = (&v.ident, &v.tag, &v.check);
            quote! { #ident #tag #check }
        });
        quote! { , values[#(#listed),*] }
    };
    em.items.push(quote! {
        #rt::__union! { #ident, #kind, [#(#listed),*] #values }
    });
    variants
}

/// `|value, checker, path| { ... }`: the checks of a value member's constraints, as a `ref`
/// to its definition gets them.
fn value_check(em: &Emitter<'_>, reference: &str) -> TokenStream {
    let as_ref = Schema::Ref(Box::new(Ref {
        description: None,
        target: reference.to_owned(),
        extra: Default::default(),
    }));
    let check = em.check(&as_ref);
    if check.is_none() {
        return quote! { |_value, _checker, _path| {} };
    }
    let body = check.render(em.rt, &quote! { value }, &quote! { path }, 0);
    quote! { |value, checker, path| { #body } }
}
