//! The derive's model of a definition: JSON with keys in writing order, where a reference
//! to another Rust type stays a type until it is written out, as text for lex-compiler
//! (a placeholder definition) or as code that asks the runtime for the type's id.

use proc_macro2::TokenStream;
use quote::quote;

/// A schema value; [`J::Ref`] is a field typed with another `Lexicon` type: its schema
/// (a `ref`, or the inline schema of a union or known-values string) comes from the type at
/// run time, with `members` (description, string constraints) added.
#[derive(Clone)]
pub(crate) enum J {
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    Ref(Box<syn::Type>, Vec<(String, J)>),
    /// Another type's object definition written inline (a method's `output_object`).
    Inline(Box<syn::Type>),
    /// A subscription's message schema: the union another type (a `#[lexicon(union)]`
    /// enum) stands for, inline.
    Union(Box<syn::Type>),
}

impl J {
    pub(crate) fn str(s: &str) -> J {
        J::Str(s.to_owned())
    }

    /// JSON text; each reference becomes `#<placeholder><n>` and its type is pushed on
    /// `refs` (lex-compiler gets a placeholder definition for each).
    pub(crate) fn text(&self, refs: &mut Vec<syn::Type>, out: &mut String) {
        match self {
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => out.push_str(&n.to_string()),
            J::Str(s) => out.push_str(&quote_str(s)),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.text(refs, out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&quote_str(k));
                    out.push(':');
                    v.text(refs, out);
                }
                out.push('}');
            }
            // lex-compiler sees an empty object; the body type is the user's own.
            J::Inline(_) => out.push_str("{\"type\":\"object\",\"properties\":{}}"),
            // lex-compiler sees a union of one placeholder; the message type is the user's.
            J::Union(ty) => {
                out.push_str(&format!(
                    "{{\"type\":\"union\",\"refs\":[\"#{PLACEHOLDER}{}\"]}}",
                    refs.len()
                ));
                refs.push((**ty).clone());
            }
            J::Ref(ty, members) => {
                // String constraints mean a known-values string enum (its `as_str()` is what
                // generated checks call); otherwise a placeholder object checked by its own
                // `Validate`.
                let stringy = members.iter().any(|(k, _)| k != "description");
                let mut node = if stringy {
                    vec![
                        ("type".to_owned(), J::str("string")),
                        ("knownValues".to_owned(), J::Arr(vec![J::str(PLACEHOLDER)])),
                    ]
                } else {
                    let target = format!("#{}{}", PLACEHOLDER, refs.len());
                    refs.push((**ty).clone());
                    vec![
                        ("type".to_owned(), J::str("ref")),
                        ("ref".to_owned(), J::Str(target)),
                    ]
                };
                node.extend(members.iter().cloned());
                J::Obj(node).text(refs, out);
            }
        }
    }

    /// Code building the runtime `Json` value (references through `defs.reference`).
    pub(crate) fn tokens(&self) -> TokenStream {
        let json = quote!(::lex_runtime::lexicon::Json);
        match self {
            J::Bool(b) => quote!(#json::Bool(#b)),
            J::Int(n) => quote!(#json::Int(#n)),
            J::Str(s) => quote!(#json::Str(::std::string::String::from(#s))),
            J::Arr(items) => {
                let items = items.iter().map(J::tokens);
                quote!(#json::Array(::std::vec![#(#items),*]))
            }
            J::Obj(members) => {
                let members = members.iter().map(|(k, v)| {
                    let v = v.tokens();
                    quote!((::std::string::String::from(#k), #v))
                });
                quote!(#json::Object(::std::vec![#(#members),*]))
            }
            J::Inline(ty) => quote!(<#ty as ::lex_runtime::Lexicon>::lexicon_def(defs)),
            J::Union(ty) => quote!(<#ty as ::lex_runtime::Lexicon>::lexicon_field(defs)),
            J::Ref(ty, members) => {
                let members = members.iter().map(|(k, v)| {
                    let v = v.tokens();
                    quote!((::std::string::String::from(#k), #v))
                });
                quote!(::lex_runtime::lexicon::field(
                    <#ty as ::lex_runtime::Lexicon>::lexicon_field(defs),
                    ::std::vec![#(#members),*],
                ))
            }
        }
    }
}

/// Names of the placeholder definitions referenced types get in the compile-time document;
/// they sort after any real name, so the definition is the first struct generated.
pub(crate) const PLACEHOLDER: &str = "zzzzLexMacroRef";

/// A JSON string literal.
pub(crate) fn quote_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
