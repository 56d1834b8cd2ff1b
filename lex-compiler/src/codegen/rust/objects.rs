//! Objects (and record bodies, XRPC parameters and bodies) -> a struct with one field per
//! property, unknown fields kept in `extra`, explicit serde impls written against the
//! runtime's helpers (no `#[serde(flatten)]`: it buffers through serde's private content
//! type, which loses the DAG-CBOR link path and is slow), a `new()` taking exactly the
//! required fields, and a `Validate` impl.
//!
//! Field types: required `T`; optional `Option<T>` (omitted when `None`); required and
//! nullable `Option<T>` (`None` is written as `null`); optional and nullable
//! `Option<Option<T>>` (absent / `null` / value).

use lex_runtime::schema::{Object, Schema};
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::types::{doc_attr, string_rep, Emitter, StringRep};
use super::validate::Check;

/// What kind of struct is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape<'s> {
    /// A plain object: unknown fields kept, `$type` among them when present.
    Object,
    /// A record body: `$type` must be the NSID, and is always written.
    Record(&'s str),
    /// XRPC parameters: no unknown fields (undeclared parameters are ignored).
    Params,
}

struct Field {
    key: String,
    name: proc_macro2::Ident,
    ty: TokenStream,
    required: bool,
    nullable: bool,
    check: Check,
    doc: TokenStream,
    default: bool,
}

/// Whether `T::default()` exists for a required field of this schema.
fn has_default(em: &Emitter<'_>, schema: &Schema) -> bool {
    match schema {
        Schema::Boolean(_) | Schema::Integer(_) | Schema::Bytes(_) | Schema::Array(_) => true,
        Schema::String(s) => matches!(string_rep(s), StringRep::Plain),
        Schema::Ref(r) => match em.resolve(&r.target).map(|d| d.schema()) {
            Some(t @ (Schema::Boolean(_) | Schema::Integer(_) | Schema::Bytes(_))) => {
                has_default(em, t)
            }
            Some(Schema::String(s)) => matches!(string_rep(s), StringRep::Plain),
            Some(Schema::Array(_)) => true,
            _ => false,
        },
        _ => false,
    }
}

/// Emits the struct `name` for `object` (properties of a `params` come in as an object).
pub(crate) fn emit_struct(
    em: &mut Emitter<'_>,
    name: &str,
    object: &Object,
    description: Option<&str>,
    shape: Shape<'_>,
) {
    let rt = em.rt.clone();
    let p = quote! { #rt::__private };
    let mut field_names = Names::new();
    if shape != Shape::Params {
        field_names.reserve("extra");
    }
    let mut fields: Vec<Field> = Vec::new();
    for (key, schema) in &object.properties {
        let required = object.required.iter().any(|r| r == key);
        let nullable = object.nullable.iter().any(|n| n == key);
        let hint = format!("{name}{}", ident::ident_text(key, Case::Camel));
        let base = em.ty(schema, hint.trim_start_matches("r#"), false);
        let ty = match (required, nullable) {
            (true, false) => base.clone(),
            (true, true) | (false, false) => quote! { ::std::option::Option<#base> },
            (false, true) => {
                quote! { ::std::option::Option<::std::option::Option<#base>> }
            }
        };
        let default = !required || nullable || has_default(em, schema);
        fields.push(Field {
            key: key.clone(),
            name: ident::make(&field_names.claim(key, Case::Snake)),
            ty,
            required,
            nullable,
            check: em.check(schema),
            doc: doc_attr(schema.description()),
            default,
        });
    }
    let ident = ident::make(name);
    let doc = doc_attr(description);

    // The struct.
    let decls = fields.iter().map(|f| {
        let (doc, name, ty) = (&f.doc, &f.name, &f.ty);
        quote! { #doc pub #name: #ty, }
    });
    let (extra_decl, extra_init) = if shape == Shape::Params {
        (TokenStream::new(), TokenStream::new())
    } else {
        (
            quote! {
                /// Fields this schema version does not declare, kept so data round-trips.
                pub extra: #rt::Map,
            },
            quote! { extra: #rt::Map::new(), },
        )
    };
    let derive_default = if fields.iter().all(|f| f.default) {
        quote! { Default, }
    } else {
        TokenStream::new()
    };
    em.items.push(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #ident {
            #(#decls)*
            #extra_decl
        }
    });

    // `new`: exactly the required fields, so code keeps compiling when a later schema
    // version adds (necessarily optional) fields.
    let req: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let params = req.iter().map(|f| {
        let (name, ty) = (&f.name, &f.ty);
        quote! { #name: #ty }
    });
    let inits = fields.iter().map(|f| {
        let name = &f.name;
        if f.required {
            quote! { #name, }
        } else {
            quote! { #name: ::std::option::Option::None, }
        }
    });
    em.items.push(quote! {
        impl #ident {
            /// A value with the required fields set and every optional field absent.
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#params),*) -> Self {
                #ident { #(#inits)* #extra_init }
            }
        }
    });

    // Serde: the runtime's `__object!` expands the impls from the field lists (writing
    // them out here made them half of the generated code, and of its formatting time).
    // Serialization goes in canonical key order, merged with unknown fields by the runtime.
    let mut ordered: Vec<&Field> = fields.iter().collect();
    ordered.sort_by(|a, b| {
        a.key
            .len()
            .cmp(&b.key.len())
            .then_with(|| a.key.as_bytes().cmp(b.key.as_bytes()))
    });
    let writes = ordered.iter().map(|f| {
        let (key, name) = (&f.key, &f.name);
        let how = if f.required {
            quote! { field }
        } else {
            quote! { opt }
        };
        quote! { #how #key #name }
    });
    // Split so the expansion needs no per-field helper call for optional fields.
    let required = fields.iter().filter(|f| f.required).map(|f| {
        let (key, name) = (&f.key, &f.name);
        quote! { #key #name }
    });
    let optional = fields.iter().filter(|f| !f.required).map(|f| {
        let (key, name) = (&f.key, &f.name);
        quote! { #key #name }
    });
    let kind = match shape {
        Shape::Record(nsid) => quote! { record #nsid },
        Shape::Object => quote! { object },
        Shape::Params => quote! { params },
    };
    let expecting = format!("an object ({name})");
    em.items.push(quote! {
        #rt::__object! {
            #ident, #expecting, #kind,
            ser [#(#writes),*],
            required [#(#required),*],
            optional [#(#optional),*]
        }
    });

    // Validate.
    let checks: Vec<TokenStream> = fields
        .iter()
        .filter(|f| !f.check.is_none())
        .map(|f| {
            let (key, name) = (&f.key, &f.name);
            match (f.required, f.nullable) {
                (true, false) => {
                    let inner = f.check.render(&rt, &quote! { v }, &quote! { &p }, 0);
                    quote! { { let p = path.key(#key); let v = &self.#name; #inner } }
                }
                (false, true) => {
                    let inner = f.check.render(&rt, &quote! { v }, &quote! { &p }, 0);
                    quote! {
                        if let ::std::option::Option::Some(::std::option::Option::Some(v)) = &self.#name {
                            let p = path.key(#key);
                            #inner
                        }
                    }
                }
                _ => {
                    let inner = f.check.render(&rt, &quote! { v }, &quote! { &p }, 0);
                    quote! {
                        if let ::std::option::Option::Some(v) = &self.#name {
                            let p = path.key(#key);
                            #inner
                        }
                    }
                }
            }
        })
        .collect();
    let sig = if checks.is_empty() {
        quote! { _checker: &mut #p::Checker, _path: &#p::Path<'_> }
    } else {
        quote! { checker: &mut #p::Checker, path: &#p::Path<'_> }
    };
    em.items.push(quote! {
        impl #rt::Validate for #ident {
            fn check(&self, #sig) {
                #(#checks)*
            }
        }
    });
}
