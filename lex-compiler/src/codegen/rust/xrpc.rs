//! Queries, procedures and subscriptions -> a marker type implementing
//! `lex_runtime::xrpc::{Method, Query | Procedure | Subscription}`, with `Params`, `Input`,
//! `Output`, `Error` and `Message` items in the lexicon's module.

use lex_runtime::schema::{Body, ErrorDef, Object, Schema, Subscription};
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::objects::{self, Shape};
use super::types::{doc_attr, Emitter};
use super::unions;

pub(crate) fn emit(em: &mut Emitter<'_>, name: &str, schema: &Schema) {
    let rt = em.rt.clone();
    let xrpc = quote! { #rt::xrpc };
    let (parameters, errors) = match schema {
        Schema::Query(q) => (q.parameters.as_deref(), &q.errors),
        Schema::Procedure(p) => (p.parameters.as_deref(), &p.errors),
        Schema::Subscription(s) => (s.parameters.as_deref(), &s.errors),
        _ => return,
    };
    // The method's marker type first, then its parts.
    let slot = em.reserve();
    let params = params(em, parameters);
    let error = error_enum(em, errors);
    let ident = ident::make(name);
    let nsid = em.nsid;
    let doc = doc_attr(schema.description());
    let kind = match schema {
        Schema::Query(q) => {
            let (output, enc) = body(em, q.output.as_ref(), "Output");
            quote! {
                impl #xrpc::Query for #ident {
                    type Output = #output;
                    const OUTPUT_ENCODING: ::std::option::Option<&'static str> = #enc;
                }
            }
        }
        Schema::Procedure(p) => {
            let (input, in_enc) = body(em, p.input.as_ref(), "Input");
            let (output, out_enc) = body(em, p.output.as_ref(), "Output");
            quote! {
                impl #xrpc::Procedure for #ident {
                    type Input = #input;
                    type Output = #output;
                    const INPUT_ENCODING: ::std::option::Option<&'static str> = #in_enc;
                    const OUTPUT_ENCODING: ::std::option::Option<&'static str> = #out_enc;
                }
            }
        }
        Schema::Subscription(s) => subscription(em, &ident, s),
        _ => TokenStream::new(),
    };
    em.fill(
        slot,
        quote! {
            #doc
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
            pub struct #ident;
            impl #xrpc::Method for #ident {
                const NSID: &'static str = #nsid;
                type Params = #params;
                type Error = #error;
            }
            #kind
        },
    );
}

/// The `Params` struct of a method, or the runtime's `NoParams`.
fn params(em: &mut Emitter<'_>, parameters: Option<&Schema>) -> TokenStream {
    let Some(Schema::Params(p)) = parameters else {
        let rt = em.rt;
        return quote! { #rt::xrpc::NoParams };
    };
    let object = Object {
        description: p.description.clone(),
        properties: p.properties.clone(),
        required: p.required.clone(),
        nullable: Vec::new(),
        extra: Default::default(),
    };
    objects::emit_struct(
        em,
        "Params",
        &object,
        Some("The URL query parameters."),
        Shape::Params,
    );
    quote! { Params }
}

/// The `Subscription` impl, emitting the `Message` union.
fn subscription(em: &mut Emitter<'_>, ident: &proc_macro2::Ident, s: &Subscription) -> TokenStream {
    let rt = em.rt.clone();
    let (message, types, values) = match s.message.as_ref().and_then(|m| m.schema.as_deref()) {
        Some(Schema::Union(u)) => {
            // The frame header `t` names a member; stream readers need the list.
            let types = unions::emit_message(em, u);
            (quote! { Message }, types.all, types.values)
        }
        _ => (quote! { #rt::Value }, Vec::new(), false),
    };
    // Members that are not objects are read and written by the union itself.
    let values = if values {
        quote! {
            const VALUE_TYPES: &'static [&'static str] =
                <Message as #rt::__private::ValueMembers>::TYPES;
            fn message_from_value(
                ty: &str,
                body: #rt::Value,
            ) -> ::std::result::Result<Message, ::std::string::String> {
                #rt::__private::ValueMembers::from_value(ty, body)
            }
            fn message_value(
                message: &Message,
            ) -> ::std::option::Option<
                ::std::result::Result<(&'static str, #rt::Value), ::std::string::String>,
            > {
                #rt::__private::ValueMembers::to_value(message)
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        impl #rt::xrpc::Subscription for #ident {
            type Message = #message;
            const MESSAGE_TYPES: &'static [&'static str] = &[#(#types),*];
            #values
        }
    }
}

/// The Rust type of a body, and its encoding.
fn body(em: &mut Emitter<'_>, body: Option<&Body>, part: &str) -> (TokenStream, TokenStream) {
    let rt = em.rt.clone();
    let Some(body) = body else {
        return (quote! { () }, quote! { ::std::option::Option::None });
    };
    let enc = &body.encoding;
    let enc_tokens = quote! { ::std::option::Option::Some(#enc) };
    let part_ident = ident::make(part);
    let doc = doc_attr(body.description.as_deref());
    let ty = match body.schema.as_deref() {
        Some(Schema::Object(o)) => {
            let d = body.description.as_deref().or(o.description.as_deref());
            objects::emit_struct(em, part, o, d, Shape::Object);
            quote! { #part_ident }
        }
        Some(schema @ Schema::Ref(_)) => {
            let target = em.ty(schema, part, false);
            em.items
                .push(quote! { #doc pub type #part_ident = #target; });
            quote! { #part_ident }
        }
        Some(Schema::Union(u)) => {
            unions::emit(em, part, u, false);
            quote! { #part_ident }
        }
        _ if enc == "application/json" => quote! { #rt::Value },
        _ => quote! { #rt::xrpc::RawBody },
    };
    (ty, enc_tokens)
}

/// The `Error` enum of a method (declared names plus `Other`), or the runtime's generic one;
/// the runtime's `__error_enum!` expands its impls from the variant list.
fn error_enum(em: &mut Emitter<'_>, errors: &[ErrorDef]) -> TokenStream {
    let rt = em.rt.clone();
    if errors.is_empty() {
        return quote! { #rt::xrpc::GenericError };
    }
    let mut names = Names::new();
    names.reserve("Other");
    let mut seen = std::collections::BTreeSet::new();
    let variants: Vec<(proc_macro2::Ident, &str, TokenStream)> = errors
        .iter()
        .filter(|e| seen.insert(e.name.clone()))
        .map(|e| {
            let doc = doc_attr(Some(
                e.description
                    .as_deref()
                    .unwrap_or(&super::docs::code(&e.name)),
            ));
            (
                ident::make(&names.claim(&e.name, Case::Camel)),
                e.name.as_str(),
                doc,
            )
        })
        .collect();
    let decls = variants.iter().map(|(v, _, doc)| {
        quote! { #doc #v(::std::option::Option<::std::string::String>), }
    });
    let listed = variants.iter().map(|(v, n, _)| quote! { #v #n });
    em.items.push(quote! {
        /// The errors this method declares, and any other a server sends.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Error {
            #(#decls)*
            /// An error name this schema version does not declare.
            Other {
                /// The `error` name.
                name: ::std::string::String,
                /// The `message`.
                message: ::std::option::Option<::std::string::String>,
            },
        }
        #rt::__error_enum! { Error, [#(#listed),*] }
    });
    quote! { Error }
}
