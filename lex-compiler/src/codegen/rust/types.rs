//! Field types: a lexicon schema in some position -> the Rust type that holds its data,
//! emitting helper types (inline objects, unions, string enums) on the way; and the
//! [`Check`] a generated `validate()` runs for it.

use lex_runtime::schema::{Schema, StringFormat, StringSchema};
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case};
use super::names::Names;
use super::validate::Check;
use super::{objects, strings, unions};
use crate::ir::{Catalog, DefId, DefView};

/// State while emitting one lexicon.
pub(crate) struct Emitter<'a> {
    pub(crate) catalog: &'a Catalog,
    pub(crate) names: &'a Names,
    /// The runtime crate path.
    pub(crate) rt: &'a TokenStream,
    /// The lexicon being emitted.
    pub(crate) nsid: &'a str,
    /// The lexicon's item namespace (helper types claim names here).
    pub(crate) space: ident::Names,
    /// Items emitted so far.
    pub(crate) items: Vec<TokenStream>,
    /// The definition being emitted (references from it may need a `Box`).
    pub(crate) current: Option<DefId>,
}

/// A place in [`Emitter::items`] reserved by [`Emitter::reserve`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot(usize);

/// How a `string` schema is held.
pub(crate) enum StringRep {
    /// `String`.
    Plain,
    /// A runtime newtype for a `format` (`Did`, `Datetime`, ...).
    Format(&'static str),
    /// A generated enum for `knownValues` (with `Other(String)`).
    Known,
    /// A generated closed enum for `enum`.
    Closed,
}

pub(crate) fn string_rep(s: &StringSchema) -> StringRep {
    let format = match &s.format {
        Some(StringFormat::AtIdentifier) => Some("AtIdentifier"),
        Some(StringFormat::AtUri) => Some("AtUri"),
        Some(StringFormat::Datetime) => Some("Datetime"),
        Some(StringFormat::Did) => Some("Did"),
        Some(StringFormat::Handle) => Some("Handle"),
        Some(StringFormat::Nsid) => Some("Nsid"),
        Some(StringFormat::Tid) => Some("Tid"),
        Some(StringFormat::RecordKey) => Some("RecordKey"),
        Some(StringFormat::Uri) => Some("Uri"),
        Some(StringFormat::Language) => Some("Language"),
        // `cid` strings stay `String` (the runtime's `Cid` is binary in DAG-CBOR); the
        // syntax is checked by `validate()`.
        Some(StringFormat::Cid) | Some(StringFormat::Other(_)) | None => None,
    };
    if let Some(f) = format {
        StringRep::Format(f)
    } else if s.enum_values.as_ref().is_some_and(|v| !v.is_empty()) {
        StringRep::Closed
    } else if s.known_values.as_ref().is_some_and(|v| !v.is_empty()) {
        StringRep::Known
    } else {
        StringRep::Plain
    }
}

/// Doc attributes for a description, made safe by [`docs`](super::docs) (never raw text
/// in the output).
pub(crate) fn doc_attr(description: Option<&str>) -> TokenStream {
    match description {
        Some(d) => super::docs::doc_attrs(d),
        None => TokenStream::new(),
    }
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(
        catalog: &'a Catalog,
        names: &'a Names,
        rt: &'a TokenStream,
        nsid: &'a str,
    ) -> Emitter<'a> {
        Emitter {
            catalog,
            names,
            rt,
            nsid,
            space: names.space(nsid),
            items: Vec::new(),
            current: None,
        }
    }

    /// Reserves the place of an item whose fields may emit helper types first, so the
    /// item comes before its helpers in the module (the main type first).
    pub(crate) fn reserve(&mut self) -> Slot {
        self.items.push(TokenStream::new());
        Slot(self.items.len() - 1)
    }

    /// Adds `tokens` at a reserved place.
    pub(crate) fn fill(&mut self, slot: Slot, tokens: TokenStream) {
        if let Some(item) = self.items.get_mut(slot.0) {
            item.extend(tokens);
        }
    }

    /// Claims a helper type name in this lexicon's module.
    pub(crate) fn claim(&mut self, base: &str) -> String {
        self.space.claim(base, Case::Camel)
    }

    /// The definition a reference string (written in this lexicon) points at.
    pub(crate) fn resolve(&self, reference: &str) -> Option<DefView<'a>> {
        self.catalog.resolve_ref(self.nsid, reference)
    }

    /// The path of a definition's item as seen from this lexicon's module.
    pub(crate) fn def_path(&self, def: DefView<'_>) -> TokenStream {
        let Some(item) = self.names.item(def.id()) else {
            return quote! { () };
        };
        let item = ident::make(item);
        let (Some(here), Some(there)) = (
            self.names.module_of(self.nsid),
            self.names.module_of(def.nsid()),
        ) else {
            return quote! { #item };
        };
        let common = here
            .0
            .iter()
            .zip(&there.0)
            .take_while(|(a, b)| a == b)
            .count();
        let supers = (common..here.0.len()).map(|_| quote! { super:: });
        let rest = there.0.iter().skip(common).map(|s| {
            let s = ident::make(s);
            quote! { #s:: }
        });
        quote! { #(#supers)* #(#rest)* #item }
    }

    /// Whether a reference from the current definition to `target` must be boxed.
    pub(crate) fn boxed(&self, target: DefView<'_>, in_array: bool) -> bool {
        !in_array
            && self
                .current
                .is_some_and(|from| self.catalog.needs_box(from, target.id()))
    }

    /// The Rust type for `schema`; helper types are named from `hint` (UpperCamel).
    pub(crate) fn ty(&mut self, schema: &Schema, hint: &str, in_array: bool) -> TokenStream {
        let rt = self.rt;
        match schema {
            Schema::Boolean(_) => quote! { bool },
            Schema::Integer(_) => quote! { i64 },
            Schema::String(s) => match string_rep(s) {
                StringRep::Plain => quote! { ::std::string::String },
                StringRep::Format(f) => {
                    let f = ident::make(f);
                    quote! { #rt::#f }
                }
                StringRep::Known | StringRep::Closed => {
                    let name = self.claim(hint);
                    strings::string_enum(self, &name, s, None);
                    let name = ident::make(&name);
                    quote! { #name }
                }
            },
            Schema::Bytes(_) => quote! { #rt::Bytes },
            Schema::CidLink(_) => quote! { #rt::CidLink },
            Schema::Blob(_) => quote! { #rt::BlobRef },
            Schema::Unknown(_) => quote! { #rt::Value },
            Schema::Array(a) => {
                let item = self.ty(&a.items, &format!("{hint}Item"), true);
                quote! { ::std::vec::Vec<#item> }
            }
            Schema::Object(o) => {
                let name = self.claim(hint);
                objects::emit_struct(
                    self,
                    &name,
                    o,
                    o.description.as_deref(),
                    objects::Shape::Object,
                );
                let name = ident::make(&name);
                quote! { #name }
            }
            Schema::Ref(r) => match self.resolve(&r.target) {
                Some(target) => {
                    let path = self.def_path(target);
                    if self.boxed(target, in_array) {
                        quote! { ::std::boxed::Box<#path> }
                    } else {
                        path
                    }
                }
                None => quote! { #rt::Value },
            },
            Schema::Union(u) => {
                let name = self.claim(hint);
                unions::emit(self, &name, u, in_array);
                let name = ident::make(&name);
                quote! { #name }
            }
            _ => quote! { #rt::Value },
        }
    }

    /// What `validate()` checks for a value of `schema` (no side effects).
    pub(crate) fn check(&self, schema: &Schema) -> Check {
        self.check_at(schema, 0)
    }

    fn check_at(&self, schema: &Schema, depth: u32) -> Check {
        if depth > 8 {
            return Check::None;
        }
        match schema {
            Schema::Boolean(b) => b.const_value.map_or(Check::None, Check::Bool),
            Schema::Integer(i) => Check::int(i),
            Schema::String(s) => Check::string(s, string_rep(s)),
            Schema::Bytes(b) => Check::length(b.min_length, b.max_length, true),
            Schema::Blob(b) => Check::Blob {
                accept: b.accept.clone(),
                max_size: b.max_size,
            },
            Schema::Unknown(_) => Check::Unknown,
            Schema::Array(a) => {
                let item = self.check_at(&a.items, depth + 1);
                Check::array(a.min_length, a.max_length, item)
            }
            Schema::Object(_) | Schema::Union(_) => Check::Nested,
            Schema::Ref(r) => match self.resolve(&r.target).map(|t| (t, t.schema())) {
                Some((_, Schema::Object(_) | Schema::Record(_))) => Check::Nested,
                Some((t, _)) if self.names.is_newtype(t.id()) => Check::Nested,
                Some((_, target)) => self.check_at(target, depth + 1),
                None => Check::None,
            },
            _ => Check::None,
        }
    }
}
