//! Unions -> enums discriminated by `$type`, one boxed variant per member (boxing keeps the
//! enum small and breaks any cycle through the union). Open unions get `Unknown(Map)`,
//! which keeps the whole object (`$type` included); closed unions reject other `$type`s.
//! A known `$type` whose body does not decode is an error, never `Unknown`.

use std::collections::BTreeSet;

use lex_runtime::schema::Union;
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::types::{doc_attr, Emitter};

/// Emits enum `name` for `union`.
pub(crate) fn emit(em: &mut Emitter<'_>, name: &str, union: &Union, _in_array: bool) {
    let rt = em.rt.clone();
    let p = quote! { #rt::__private };
    let serde = quote! { #p::serde };
    let open = !union.is_closed();
    let mut variant_names = Names::new();
    if open {
        variant_names.reserve("Unknown");
    }
    let mut seen = BTreeSet::new();
    let mut variants = Vec::new();
    for reference in &union.refs {
        let Some(target) = em.resolve(reference) else {
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
        let doc = format!(" `{tag}`");
        variants.push((variant, path, tag, doc));
    }
    let ident = ident::make(name);
    let doc = doc_attr(union.description.as_deref());
    let decls = variants.iter().map(|(v, path, _, doc)| {
        quote! { #[doc = #doc] #v(::std::boxed::Box<#path>), }
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

    let ser_arms = variants.iter().map(|(v, _, tag, _)| {
        quote! {
            Self::#v(v) => #p::SerializeObject::serialize_object(&**v, serializer, ::std::option::Option::Some(#tag)),
        }
    });
    let de_arms = variants.iter().map(|(v, _, tag, _)| {
        quote! { #tag => #p::union_variant(map).map(|v| Self::#v(::std::boxed::Box::new(v))), }
    });
    let check_arms = variants.iter().map(|(v, _, _, _)| {
        quote! { Self::#v(v) => #rt::Validate::check(&**v, checker, path), }
    });
    let (ser_unknown, de_other, check_unknown) = if open {
        (
            quote! { Self::Unknown(map) => #p::ObjectSer::begin(serializer, ::std::option::Option::None, map)?.end(), },
            quote! { _ => ::std::result::Result::Ok(Self::Unknown(map)), },
            quote! { Self::Unknown(_) => {} },
        )
    } else {
        let names: Vec<&String> = variants.iter().map(|(_, _, t, _)| t).collect();
        let expected = format!("{names:?}");
        (
            TokenStream::new(),
            quote! {
                other => ::std::result::Result::Err(#serde::de::Error::custom(::std::format_args!(
                    "`{}` is not a type of this closed union (expected one of {})", other, #expected
                ))),
            },
            TokenStream::new(),
        )
    };
    let type_var = if variants.is_empty() && open {
        quote! { _type }
    } else {
        quote! { type_name }
    };
    let scrutinee = if variants.is_empty() && open {
        quote! { () }
    } else {
        quote! { type_name.as_str() }
    };
    em.items.push(quote! {
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                    #ser_unknown
                }
            }
        }
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let (#type_var, map) = #p::into_union_map(deserializer)?;
                match #scrutinee {
                    #(#de_arms)*
                    #de_other
                }
            }
        }
        impl #rt::Validate for #ident {
            fn check(&self, checker: &mut #p::Checker, path: &#p::Path<'_>) {
                let _ = (&checker, &path);
                match self {
                    #(#check_arms)*
                    #check_unknown
                }
            }
        }
    });
}
