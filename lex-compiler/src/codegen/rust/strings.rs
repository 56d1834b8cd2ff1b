//! Strings with value sets and tokens: `knownValues` -> an enum with `Other(String)` (open:
//! any string is accepted and kept), `enum` -> a closed enum (serde rejects other values),
//! tokens -> `&str` constants with the token's full name.

use lex_runtime::schema::StringSchema;
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::types::{doc_attr, string_rep, Emitter, StringRep};

/// A token: `pub const NAME: &str = "nsid#name";`.
pub(crate) fn token(em: &mut Emitter<'_>, name: &str, full: &str, description: Option<&str>) {
    let ident = ident::make(name);
    let doc = match description {
        Some(d) => doc_attr(Some(&format!("{}: {d}", super::docs::code(full)))),
        None => doc_attr(Some(&super::docs::code(full))),
    };
    em.items
        .push(quote! { #doc pub const #ident: &str = #full; });
}

/// A named `string` definition: an enum for value sets, a type alias otherwise.
pub(crate) fn string_def(em: &mut Emitter<'_>, name: &str, s: &StringSchema) {
    match string_rep(s) {
        StringRep::Known | StringRep::Closed => string_enum(em, name, s, s.description.as_deref()),
        _ => {
            let ty = em.ty(
                &lex_runtime::schema::Schema::String(Box::new(s.clone())),
                name,
                false,
            );
            let ident = ident::make(name);
            let doc = doc_attr(s.description.as_deref());
            em.items.push(quote! { #doc pub type #ident = #ty; });
        }
    }
}

/// The variant name base of a value: the part after `#` of a token reference, the last
/// segment of an NSID-like value, else the value itself.
fn variant_base(value: &str) -> &str {
    if let Some((_, name)) = value.rsplit_once('#') {
        return name;
    }
    if value.contains('.') && !value.contains(char::is_whitespace) {
        return value.rsplit('.').next().unwrap_or(value);
    }
    value
}

/// Emits the enum `name` for a `string` with `knownValues` or `enum`; the runtime's
/// `__string_enum!` expands `as_str` and the serde impls from the variant list.
pub(crate) fn string_enum(
    em: &mut Emitter<'_>,
    name: &str,
    s: &StringSchema,
    description: Option<&str>,
) {
    let rt = em.rt;
    let closed = matches!(string_rep(s), StringRep::Closed);
    let values: Vec<String> = {
        let mut v = if closed {
            s.enum_values.clone().unwrap_or_default()
        } else {
            s.known_values.clone().unwrap_or_default()
        };
        let mut seen = std::collections::BTreeSet::new();
        v.retain(|x| seen.insert(x.clone()));
        v
    };
    let mut names = Names::new();
    if !closed {
        names.reserve("Other");
    }
    let variants: Vec<(proc_macro2::Ident, &String)> = values
        .iter()
        .map(|v| (ident::make(&names.claim(variant_base(v), Case::Camel)), v))
        .collect();
    let ident = ident::make(name);
    let doc = doc_attr(description);
    let decls = variants.iter().map(|(v, value)| {
        let d = doc_attr(Some(&super::docs::code(value)));
        quote! { #d #v, }
    });
    let listed = variants.iter().map(|(v, value)| quote! { #v #value });
    let (other, derives, kind) = if closed {
        (TokenStream::new(), quote! { Copy, }, quote! { closed })
    } else {
        (
            quote! {
                /// A value not listed in this schema version.
                Other(::std::string::String),
            },
            TokenStream::new(),
            quote! { open },
        )
    };
    let tokens = quote! {
        #doc
        #[derive(Debug, Clone, #derives PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#decls)*
            #other
        }
        #rt::__string_enum! { #ident, #kind, [#(#listed),*] }
    };
    em.items.push(tokens);
}
