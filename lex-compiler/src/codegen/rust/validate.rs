//! `validate()` bodies: a [`Check`] per field, rendered into calls of the runtime's
//! `Checker` (one method per kind of constraint, so generated code stays short and the
//! logic lives next to the dynamic validator's).

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
    /// `integer` constraints (tokens of an `IntRule`).
    Int(TokenStream),
    /// `string` constraints: rule tokens, and whether the value is read with `as_str()`.
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

impl Check {
    pub(crate) fn int(i: &Integer) -> Check {
        if i.minimum.is_none()
            && i.maximum.is_none()
            && i.const_value.is_none()
            && i.enum_values.is_none()
        {
            return Check::None;
        }
        let (min, max, c) = (opt(i.minimum), opt(i.maximum), opt(i.const_value));
        let e = opt(i.enum_values.as_ref().map(|v| quote! { &[#(#v),*] }));
        Check::Int(quote! { minimum: #min, maximum: #max, const_value: #c, enum_values: #e })
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
        let (a, b, c, d) = (opt(min_len), opt(max_len), opt(min_g), opt(max_g));
        let k = opt(s.const_value.as_deref());
        Check::Str(
            quote! {
                min_len: #a, max_len: #b, min_graphemes: #c, max_graphemes: #d,
                const_value: #k, enum_values: ::std::option::Option::None, cid: #cid
            },
            as_str,
        )
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
                checker.integer(*#value, #path, &#p::IntRule { #rule });
            },
            Check::Str(rule, as_str) => {
                let v = if *as_str {
                    quote! { #value.as_str() }
                } else {
                    quote! { #value }
                };
                quote! { checker.string(#v, #path, &#p::StrRule { #rule }); }
            }
            Check::Length {
                min,
                max,
                bytes,
                item,
            } => {
                let len = if *bytes {
                    quote! { #value.0.len() }
                } else {
                    quote! { #value.len() }
                };
                let length = if min.is_some() || max.is_some() {
                    let (min, max) = (opt(*min), opt(*max));
                    quote! { checker.length(#len, #path, #min, #max); }
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
