//! `validate()` bodies: a [`Check`] per field, rendered into calls of the runtime's
//! `Checker` (one method per kind of constraint, so generated code stays short, and the
//! checks are the ones the dynamic validator runs: `lex_runtime::constraint`). Rules are
//! written with struct update syntax, naming only the limits a schema sets.

use lex_runtime::schema::{Integer, StringFormat, StringSchema};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::StringRep;

/// What to check about one value.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    /// Nothing beyond what deserialization checked.
    None,
    /// `boolean` `const`.
    Bool(bool),
    /// `integer` constraints (the set fields of an `IntRule`).
    Int(TokenStream),
    /// `string` constraints: the set fields of a `StrRule`, and whether the value is read
    /// with `as_str()`.
    Str(TokenStream, bool),
    /// A length (`bytes` when `bytes` is true, else array elements) and an element check.
    Length {
        min: Option<u64>,
        max: Option<u64>,
        bytes: bool,
        item: Box<Check>,
    },
    /// `blob` `accept` / `maxSize`.
    Blob {
        accept: Option<Vec<String>>,
        max_size: Option<i64>,
    },
    /// `unknown`: must be an object.
    Unknown,
    /// A generated type: call its `check`.
    Nested,
}

fn bound(n: Option<i64>) -> Option<u64> {
    n.map(|n| u64::try_from(n).unwrap_or(0))
}

fn opt<T: quote::ToTokens>(v: Option<T>) -> TokenStream {
    match v {
        Some(v) => quote! { ::std::option::Option::Some(#v) },
        None => quote! { ::std::option::Option::None },
    }
}

/// `name: Some(v),` for a set limit, nothing for an unset one.
fn field<T: quote::ToTokens>(name: &str, v: Option<T>) -> TokenStream {
    let name = format_ident!("{name}");
    match v {
        Some(v) => quote! { #name: ::std::option::Option::Some(#v), },
        None => TokenStream::new(),
    }
}

impl Check {
    pub(crate) fn int(i: &Integer) -> Check {
        if i.minimum.is_none()
            && i.maximum.is_none()
            && i.const_value.is_none()
            && i.enum_values.is_none()
        {
            return Check::None;
        }
        let fields = [
            field("minimum", i.minimum),
            field("maximum", i.maximum),
            field("const_value", i.const_value),
            field(
                "enum_values",
                i.enum_values.as_ref().map(|v| quote! { &[#(#v),*] }),
            ),
        ];
        Check::Int(quote! { #(#fields)* })
    }

    pub(crate) fn string(s: &StringSchema, rep: StringRep) -> Check {
        let as_str = match rep {
            StringRep::Closed => return Check::None,
            StringRep::Plain => false,
            StringRep::Known | StringRep::Format(_) => true,
        };
        let cid = s.format == Some(StringFormat::Cid);
        let min_len = bound(s.min_length).filter(|&m| m > 0);
        let max_len = bound(s.max_length);
        let min_g = bound(s.min_graphemes).filter(|&m| m > 0);
        let max_g = bound(s.max_graphemes);
        if !cid
            && min_len.is_none()
            && max_len.is_none()
            && min_g.is_none()
            && max_g.is_none()
            && s.const_value.is_none()
        {
            return Check::None;
        }
        let fields = [
            field("min_len", min_len),
            field("max_len", max_len),
            field("min_graphemes", min_g),
            field("max_graphemes", max_g),
            field("const_value", s.const_value.as_deref()),
        ];
        let cid = if cid {
            quote! { cid: true, }
        } else {
            TokenStream::new()
        };
        Check::Str(quote! { #(#fields)* #cid }, as_str)
    }

    pub(crate) fn length(min: Option<i64>, max: Option<i64>, bytes: bool) -> Check {
        let (min, max) = (bound(min).filter(|&m| m > 0), bound(max));
        if min.is_none() && max.is_none() {
            return Check::None;
        }
        Check::Length {
            min,
            max,
            bytes,
            item: Box::new(Check::None),
        }
    }

    pub(crate) fn array(min: Option<i64>, max: Option<i64>, item: Check) -> Check {
        let (min, max) = (bound(min).filter(|&m| m > 0), bound(max));
        if min.is_none() && max.is_none() && matches!(item, Check::None) {
            return Check::None;
        }
        Check::Length {
            min,
            max,
            bytes: false,
            item: Box::new(item),
        }
    }

    pub(crate) fn is_none(&self) -> bool {
        matches!(self, Check::None)
    }

    /// Statements checking `value` (an expression of type `&T`) at `path` (an expression
    /// of type `&Path`); `depth` keeps nested loop variables distinct.
    pub(crate) fn render(
        &self,
        rt: &TokenStream,
        value: &TokenStream,
        path: &TokenStream,
        depth: usize,
    ) -> TokenStream {
        let p = quote! { #rt::__private };
        match self {
            Check::None => TokenStream::new(),
            Check::Bool(c) => quote! { checker.boolean(*#value, #path, #c); },
            Check::Int(rule) => quote! {
                checker.integer(*#value, #path, &#p::IntRule { #rule ..#p::IntRule::ANY });
            },
            Check::Str(rule, as_str) => {
                let v = if *as_str {
                    quote! { #value.as_str() }
                } else {
                    quote! { #value }
                };
                quote! {
                    checker.string(#v, #path, &#p::StrRule { #rule ..#p::StrRule::ANY });
                }
            }
            Check::Length {
                min,
                max,
                bytes,
                item,
            } => {
                let (method, len) = if *bytes {
                    (quote! { bytes_len }, quote! { #value.0.len() })
                } else {
                    (quote! { array_len }, quote! { #value.len() })
                };
                let length = if min.is_some() || max.is_some() {
                    let (min, max) = (opt(*min), opt(*max));
                    quote! { checker.#method(#len, #path, #min, #max); }
                } else {
                    TokenStream::new()
                };
                let each = if item.is_none() {
                    TokenStream::new()
                } else {
                    let (i, it, ip) = (
                        format_ident!("i{depth}"),
                        format_ident!("item{depth}"),
                        format_ident!("path{depth}"),
                    );
                    let inner = item.render(rt, &quote! { #it }, &quote! { &#ip }, depth + 1);
                    quote! {
                        for (#i, #it) in #value.iter().enumerate() {
                            let #ip = #p::Path::index(#path, #i);
                            #inner
                        }
                    }
                };
                quote! { #length #each }
            }
            Check::Blob { accept, max_size } => {
                let accept = opt(accept.as_ref().map(|a| quote! { &[#(#a),*][..] }));
                let max = opt(*max_size);
                quote! { checker.blob(#value, #path, #accept, #max); }
            }
            Check::Unknown => quote! { checker.unknown(#value, #path); },
            Check::Nested => quote! { #rt::Validate::check(#value, checker, #path); },
        }
    }
}
