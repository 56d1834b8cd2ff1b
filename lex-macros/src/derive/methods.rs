//! A query, procedure or subscription derived on its parameters struct: the generated
//! `Method` and `Query`/`Procedure`/`Subscription` impls, moved onto the user's type, and
//! the generated `Error` enum of its declared errors, renamed `<Type>Error`.
//!
//! The generated impls name the module's own items (`Params`, `Error`, `Output`,
//! `Message`); here `Params` is the user's type (or the runtime's `NoParams` when it has no
//! fields), `Input`/`Output`/`Message` are the types of the attribute (`input = T`,
//! `output = T`, `message = T`), and a subscription's message types are its union's.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::{ImplItem, Item, Type};

use super::attrs::TypeAttrs;

/// The trait impls and error enum for the method `ident`.
pub(crate) fn impls(items: &[Item], attrs: &TypeAttrs, ident: &syn::Ident) -> TokenStream {
    let error = format_ident!("{}Error", ident);
    let has_params = items
        .iter()
        .any(|i| matches!(i, Item::Struct(s) if s.ident == "Params"));
    let mut out = TokenStream::new();
    for item in items {
        match item {
            Item::Impl(i) if is_method_trait(i) => {
                let mut i = i.clone();
                i.self_ty = Box::new(syn::parse_quote!(#ident));
                for member in &mut i.items {
                    match member {
                        ImplItem::Type(t) => {
                            let replacement: Option<Type> = match t.ident.to_string().as_str() {
                                "Params" if has_params => Some(syn::parse_quote!(#ident)),
                                "Error" if is_local(&t.ty, "Error") => {
                                    Some(syn::parse_quote!(#error))
                                }
                                "Output" => attrs.output.clone(),
                                "Input" => attrs.input.clone(),
                                "Message" => attrs.message.clone(),
                                _ => None,
                            };
                            if let Some(ty) = replacement {
                                t.ty = ty;
                            }
                        }
                        // The member types of the user's union, not the placeholder's.
                        ImplItem::Const(c) if c.ident == "MESSAGE_TYPES" => {
                            if let Some(message) = &attrs.message {
                                c.expr = syn::parse_quote!(
                                    <#message as ::lex_runtime::__private::UnionMembers>::TYPES
                                );
                            }
                        }
                        _ => {}
                    }
                }
                out.extend(i.into_token_stream());
            }
            Item::Enum(e) if e.ident == "Error" => {
                let mut e = e.clone();
                e.ident = error.clone();
                out.extend(e.into_token_stream());
            }
            Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "__error_enum") =>
            {
                let mut tokens = m.mac.tokens.clone().into_iter();
                tokens.next();
                let rest: TokenStream = tokens.collect();
                let path = &m.mac.path;
                out.extend(quote! { #path! { #error #rest } });
            }
            _ => {}
        }
    }
    out
}

/// `impl Method/Query/Procedure/Subscription for <the method struct>`.
fn is_method_trait(i: &syn::ItemImpl) -> bool {
    i.trait_.as_ref().is_some_and(|(_, path, _)| {
        path.segments.last().is_some_and(|s| {
            ["Method", "Query", "Procedure", "Subscription"]
                .iter()
                .any(|t| s.ident == t)
        })
    })
}

/// Whether `ty` is the module's own item `name` (not a runtime type).
fn is_local(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident(name))
}
