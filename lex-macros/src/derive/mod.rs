//! `#[derive(Lexicon)]` on a struct -> `lex_runtime::Lexicon` (its definition, for
//! `lexicon_json()`) and what generated types implement (serde in the atproto JSON form,
//! `Validate`, `Record`).
//!
//! Thin like `#[lexicon]`: the struct becomes a lexicon definition, lex-compiler checks
//! it (its diagnostics are the derive's errors) and generates code for it, and the derive
//! keeps the generated `__object!` field list and `Record` impl, renamed to the user's
//! type and fields. So a derived type serializes and validates exactly as the generated
//! one does. Types a field refers to are unknown at compile time; lex-compiler sees a
//! placeholder object for each (refs are checked through their own `Validate`).

mod attrs;
mod compile;
mod enums;
mod json;
mod methods;
mod schema;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use attrs::{description, FieldAttrs, Kind, TypeAttrs};
use json::J;

/// One field of the struct, as the definition and the rewrite need it.
pub(crate) struct Field {
    pub(crate) ident: syn::Ident,
    pub(crate) key: String,
}

/// Expands the derive.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => &named.named,
            Fields::Unit => return token(&input),
            _ => {
                return Err(syn::Error::new_spanned(
                    &input.ident,
                    "derive(Lexicon) needs a struct with named fields",
                ))
            }
        },
        Data::Enum(e) => return enums::expand(&input, e),
        Data::Union(_) => {
            return Err(syn::Error::new_spanned(
                &input.ident,
                "derive(Lexicon) is for structs and enums",
            ))
        }
    };
    let attrs = TypeAttrs::parse(&input.attrs, input.ident.span())?;
    let mut properties = Vec::new();
    let (mut required, mut nullable) = (Vec::new(), Vec::new());
    let mut listed = Vec::new();
    let mut has_extra = false;
    let mut errors: Option<syn::Error> = None;
    for f in fields {
        let Some(ident) = &f.ident else { continue };
        if ident == "extra" {
            has_extra = true;
            continue;
        }
        // Every field's errors are reported, not only the first one's.
        let parsed = FieldAttrs::parse(&f.attrs)
            .and_then(|fa| schema::field(&f.ty, &fa, description(&f.attrs)).map(|s| (fa, s)));
        let (fa, shape) = match parsed {
            Ok(ok) => ok,
            Err(e) => {
                match &mut errors {
                    Some(all) => all.combine(e),
                    None => errors = Some(e),
                }
                continue;
            }
        };
        let key = fa.rename.clone().unwrap_or_else(|| camel(ident));
        if shape.required {
            required.push(J::Str(key.clone()));
        }
        if fa.nullable {
            nullable.push(J::Str(key.clone()));
        }
        properties.push((key.clone(), shape.schema));
        listed.push(Field {
            ident: ident.clone(),
            key,
        });
    }
    if let Some(e) = errors {
        return Err(e);
    }
    let def = definition(
        &attrs,
        description(&input.attrs),
        properties,
        required,
        nullable,
    );
    let ident = &input.ident;
    let impls = compile::impls(&attrs, &def, ident, &listed, fields, has_extra)?;
    let id = attrs.id.value();
    let body = def.tokens();
    let document = attrs.document_description.as_ref().map(|d| {
        quote!(const DOCUMENT_DESCRIPTION: ::std::option::Option<&'static str> = ::std::option::Option::Some(#d);)
    });
    Ok(quote! {
        impl ::lex_runtime::Lexicon for #ident {
            const ID: &'static str = #id;
            #document
            fn lexicon_def(defs: &mut ::lex_runtime::lexicon::Defs) -> ::lex_runtime::lexicon::Json {
                let _ = &defs;
                #body
            }
        }
        #impls
    })
}

/// The definition: an object, a record around one, or a query/procedure/subscription with
/// the struct as its parameters.
fn definition(
    attrs: &TypeAttrs,
    description: Option<String>,
    properties: Vec<(String, J)>,
    required: Vec<J>,
    nullable: Vec<J>,
) -> J {
    let shape = if attrs.kind.is_method() {
        "params"
    } else {
        "object"
    };
    let mut object = vec![("type".to_owned(), J::str(shape))];
    let own_description = attrs.kind == Kind::Object;
    if let (true, Some(d)) = (own_description, &description) {
        object.push(("description".to_owned(), J::Str(d.clone())));
    }
    if !required.is_empty() {
        object.push(("required".to_owned(), J::Arr(required)));
    }
    if !nullable.is_empty() {
        object.push(("nullable".to_owned(), J::Arr(nullable)));
    }
    object.push(("properties".to_owned(), J::Obj(properties)));
    let has_fields = object
        .last()
        .is_some_and(|(_, p)| matches!(p, J::Obj(m) if !m.is_empty()));
    let object = J::Obj(object);
    let head = |kind: &str| {
        let mut m = vec![("type".to_owned(), J::str(kind))];
        if let Some(d) = &description {
            m.push(("description".to_owned(), J::Str(d.clone())));
        }
        m
    };
    match attrs.kind {
        Kind::Object => object,
        Kind::Record => {
            let mut m = head("record");
            let key = attrs
                .key
                .as_ref()
                .map_or_else(|| "tid".to_owned(), |k| k.value());
            m.push(("key".to_owned(), J::Str(key)));
            m.push(("record".to_owned(), object));
            J::Obj(m)
        }
        Kind::Query | Kind::Procedure | Kind::Subscription => {
            let kind = match attrs.kind {
                Kind::Query => "query",
                Kind::Procedure => "procedure",
                _ => "subscription",
            };
            let mut m = head(kind);
            if has_fields {
                m.push(("parameters".to_owned(), object));
            }
            let input = body(&attrs.input, attrs.input_inline, &attrs.input_encoding);
            m.extend(input.map(|b| ("input".to_owned(), b)));
            let output = body(&attrs.output, attrs.output_inline, &attrs.output_encoding);
            m.extend(output.map(|b| ("output".to_owned(), b)));
            if let Some(message) = &attrs.message {
                let schema = J::Union(Box::new(message.clone()));
                m.push((
                    "message".to_owned(),
                    J::Obj(vec![("schema".to_owned(), schema)]),
                ));
            }
            if !attrs.errors.is_empty() {
                let errors = attrs
                    .errors
                    .iter()
                    .map(|(name, description)| {
                        let mut e = vec![("name".to_owned(), J::Str(name.value()))];
                        if let Some(d) = description {
                            e.push(("description".to_owned(), J::Str(d.value())));
                        }
                        J::Obj(e)
                    })
                    .collect();
                m.push(("errors".to_owned(), J::Arr(errors)));
            }
            J::Obj(m)
        }
    }
}

/// A method's input or output: JSON with the type's schema (a `ref`, or its object
/// inline), or only an encoding (a raw body); `None` when there is neither.
fn body(ty: &Option<syn::Type>, inline: bool, encoding: &Option<syn::LitStr>) -> Option<J> {
    let schema = match ty {
        Some(ty) if inline => Some(J::Inline(Box::new(ty.clone()))),
        Some(ty) => Some(J::Ref(Box::new(ty.clone()), Vec::new())),
        None if encoding.is_some() => None,
        None => return None,
    };
    let encoding = encoding
        .as_ref()
        .map_or_else(|| "application/json".to_owned(), syn::LitStr::value);
    let mut body = vec![("encoding".to_owned(), J::Str(encoding))];
    body.extend(schema.map(|s| ("schema".to_owned(), s)));
    Some(J::Obj(body))
}

/// `created_at` -> `createdAt` (the wire name of a field).
fn camel(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    let name = name.trim_start_matches("r#");
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A unit struct is a token: `#[lexicon(id = "com.example.defs#public")] struct Public;`.
fn token(input: &DeriveInput) -> syn::Result<TokenStream> {
    let attrs = TypeAttrs::parse(&input.attrs, input.ident.span())?;
    let mut def = vec![("type".to_owned(), J::str("token"))];
    if let Some(d) = description(&input.attrs) {
        def.push(("description".to_owned(), J::Str(d)));
    }
    let body = J::Obj(def).tokens();
    let (ident, id) = (&input.ident, attrs.id.value());
    Ok(quote! {
        impl ::lex_runtime::Lexicon for #ident {
            const ID: &'static str = #id;
            fn lexicon_def(defs: &mut ::lex_runtime::lexicon::Defs) -> ::lex_runtime::lexicon::Json {
                let _ = &defs;
                #body
            }
        }
    })
}
