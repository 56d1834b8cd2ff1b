//! `#[derive(Lexicon)]` on an enum: a union (`#[lexicon(union)]`, one variant per member
//! type, `Unknown(Map)` when open) or a known-values string (`#[lexicon(known_values)]`,
//! unit variants, `Other(String)` when open; `closed` makes it an `enum` string).
//!
//! Neither is a definition of its own in a lexicon: a field of such a type carries the
//! inline schema ([`lexicon_field`]). Their serde and `Validate` impls are those generated
//! unions and string enums have: the runtime's `__string_enum!` for strings; for unions
//! the same runtime helpers `__union!` uses, with each member's `$type` taken from its
//! type's `Lexicon::ID` (not known to the macro).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields, LitStr, Type};

/// What the enum's `#[lexicon(...)]` says.
struct EnumAttrs {
    union: bool,
    closed: bool,
}

fn parse_attrs(input: &DeriveInput) -> syn::Result<EnumAttrs> {
    let (mut union, mut known, mut closed) = (false, false, false);
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("lexicon")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("union") {
                union = true;
            } else if meta.path.is_ident("known_values") {
                known = true;
            } else if meta.path.is_ident("closed") {
                closed = true;
            } else {
                return Err(meta.error("expected `union`, `known_values` or `closed`"));
            }
            Ok(())
        })?;
    }
    if union == known {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "an enum is `#[lexicon(union)]` or `#[lexicon(known_values)]`",
        ));
    }
    Ok(EnumAttrs { union, closed })
}

/// Expands the derive for an enum.
pub(crate) fn expand(input: &DeriveInput, data: &DataEnum) -> syn::Result<TokenStream> {
    let attrs = parse_attrs(input)?;
    if attrs.union {
        union(input, data, attrs.closed)
    } else {
        strings(input, data, attrs.closed)
    }
}

/// One member of a union: variant, member type, whether it is boxed.
struct Member<'a> {
    variant: &'a syn::Ident,
    ty: &'a Type,
    boxed: bool,
}

/// The members of a union enum, and whether it has an `Unknown` variant.
fn members(data: &DataEnum) -> syn::Result<(Vec<Member<'_>>, bool)> {
    let mut members = Vec::new();
    let mut unknown = false;
    for v in &data.variants {
        let Fields::Unnamed(fields) = &v.fields else {
            return Err(syn::Error::new_spanned(
                v,
                "a union variant holds one type: `Link(Box<Link>)`",
            ));
        };
        let Some(field) = fields.unnamed.first().filter(|_| fields.unnamed.len() == 1) else {
            return Err(syn::Error::new_spanned(v, "a union variant holds one type"));
        };
        if v.ident == "Unknown" {
            unknown = true;
            continue;
        }
        let (ty, boxed) = match boxed_type(&field.ty) {
            Some(inner) => (inner, true),
            None => (&field.ty, false),
        };
        members.push(Member {
            variant: &v.ident,
            ty,
            boxed,
        });
    }
    Ok((members, unknown))
}

fn union(input: &DeriveInput, data: &DataEnum, closed: bool) -> syn::Result<TokenStream> {
    let ident = &input.ident;
    let (members, unknown) = members(data)?;
    if closed == unknown {
        let message = if closed {
            "a closed union has no `Unknown` variant"
        } else {
            "an open union needs an `Unknown(lex_runtime::Map)` variant (use \
             `#[lexicon(union, closed)]` for a closed one)"
        };
        return Err(syn::Error::new_spanned(ident, message));
    }
    let rt = quote!(::lex_runtime);
    let tys: Vec<&Type> = members.iter().map(|m| m.ty).collect();
    let variants: Vec<&syn::Ident> = members.iter().map(|m| m.variant).collect();
    let wrap: Vec<TokenStream> = members
        .iter()
        .map(|m| {
            let v = m.variant;
            if m.boxed {
                quote!(Self::#v(::std::boxed::Box::new(v)))
            } else {
                quote!(Self::#v(v))
            }
        })
        .collect();
    let unknown_ser = (!closed).then(|| {
        quote!(Self::Unknown(map) => #rt::__private::ObjectSer::begin(serializer, ::core::option::Option::None, map)?.end(),)
    });
    let unknown_check = (!closed).then(|| quote!(Self::Unknown(_) => {}));
    let fallback = if closed {
        quote! {
            let expected: ::std::vec::Vec<&str> = ::std::vec![#(<#tys as #rt::Lexicon>::ID),*];
            ::core::result::Result::Err(<D::Error as #rt::__private::serde::de::Error>::custom(
                ::core::format_args!(
                    "`{}` is not a type of this closed union (expected one of {})",
                    type_name,
                    expected.join(", "),
                ),
            ))
        }
    } else {
        quote!(::core::result::Result::Ok(Self::Unknown(map)))
    };
    let lexicon = union_lexicon(ident, &tys, closed);
    Ok(quote! {
        #lexicon
        impl #rt::__private::UnionMembers for #ident {
            const TYPES: &'static [&'static str] = &[#(<#tys as #rt::Lexicon>::ID),*];
        }
        impl #rt::__private::serde::Serialize for #ident {
            fn serialize<S: #rt::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(v) => #rt::__private::SerializeObject::serialize_object(
                        ::core::borrow::Borrow::<#tys>::borrow(v),
                        serializer,
                        ::core::option::Option::Some(<#tys as #rt::Lexicon>::ID),
                    ),)*
                    #unknown_ser
                }
            }
        }
        impl<'de> #rt::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let (type_name, map) = #rt::__private::into_union_map(deserializer)?;
                #(
                    if type_name == <#tys as #rt::Lexicon>::ID {
                        return #rt::__private::union_variant::<#tys, D::Error>(map).map(|v| #wrap);
                    }
                )*
                #fallback
            }
        }
        impl #rt::Validate for #ident {
            fn check(&self, checker: &mut #rt::__private::Checker, path: &#rt::__private::Path<'_>) {
                match self {
                    #(Self::#variants(v) => #rt::Validate::check(
                        ::core::borrow::Borrow::<#tys>::borrow(v),
                        checker,
                        path,
                    ),)*
                    #unknown_check
                }
            }
        }
    })
}

/// The `Lexicon` impl of a union: its schema is the `union` field listing each member.
fn union_lexicon(ident: &syn::Ident, tys: &[&Type], closed: bool) -> TokenStream {
    let rt = quote!(::lex_runtime);
    let closed_json = closed
        .then(|| quote!((::std::string::String::from("closed"), #rt::lexicon::Json::Bool(true)),));
    quote! {
        impl #rt::Lexicon for #ident {
            /// A union is not a definition: fields carry its schema inline.
            const ID: &'static str = "";
            fn lexicon_def(defs: &mut #rt::lexicon::Defs) -> #rt::lexicon::Json {
                <Self as #rt::Lexicon>::lexicon_field(defs)
            }
            fn lexicon_field(defs: &mut #rt::lexicon::Defs) -> #rt::lexicon::Json {
                #rt::lexicon::Json::Object(::std::vec![
                    (::std::string::String::from("type"), #rt::lexicon::Json::from("union")),
                    (::std::string::String::from("refs"), #rt::lexicon::Json::Array(::std::vec![
                        #(#rt::lexicon::Json::Str(defs.reference::<#tys>())),*
                    ])),
                    #closed_json
                ])
            }
        }
    }
}

fn strings(input: &DeriveInput, data: &DataEnum, closed: bool) -> syn::Result<TokenStream> {
    let ident = &input.ident;
    let mut variants = Vec::new();
    let mut values = Vec::new();
    let mut other = false;
    for v in &data.variants {
        match &v.fields {
            Fields::Unit => {}
            Fields::Unnamed(_) if v.ident == "Other" => {
                other = true;
                continue;
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    v,
                    "a known-values enum has unit variants (and `Other(String)` when open)",
                ))
            }
        }
        let mut value = None;
        for attr in v.attrs.iter().filter(|a| a.path().is_ident("lexicon")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("value") {
                    value = Some(meta.value()?.parse::<LitStr>()?.value());
                    Ok(())
                } else {
                    Err(meta.error("expected `value = \"...\"`"))
                }
            })?;
        }
        variants.push(&v.ident);
        values.push(value.unwrap_or_else(|| lower_first(&v.ident.to_string())));
    }
    if closed == other {
        let message = if closed {
            "a closed string enum has no `Other` variant"
        } else {
            "an open known-values enum needs an `Other(String)` variant (use \
             `#[lexicon(known_values, closed)]` for an `enum` string)"
        };
        return Err(syn::Error::new_spanned(ident, message));
    }
    let rt = quote!(::lex_runtime);
    let shape = if closed { quote!(closed) } else { quote!(open) };
    let key = if closed { "enum" } else { "knownValues" };
    Ok(quote! {
        #rt::__string_enum! { #ident, #shape, [#(#variants #values),*] }
        impl #rt::Validate for #ident {
            /// Constraints on the string sit on the field that holds it.
            fn check(&self, _: &mut #rt::__private::Checker, _: &#rt::__private::Path<'_>) {}
        }
        impl #rt::Lexicon for #ident {
            /// A known-values string is not a definition: fields carry its schema inline.
            const ID: &'static str = "";
            fn lexicon_def(defs: &mut #rt::lexicon::Defs) -> #rt::lexicon::Json {
                <Self as #rt::Lexicon>::lexicon_field(defs)
            }
            fn lexicon_field(_: &mut #rt::lexicon::Defs) -> #rt::lexicon::Json {
                #rt::lexicon::Json::Object(::std::vec![
                    (::std::string::String::from("type"), #rt::lexicon::Json::from("string")),
                    (::std::string::String::from(#key), #rt::lexicon::Json::Array(::std::vec![
                        #(#rt::lexicon::Json::from(#values)),*
                    ])),
                ])
            }
        }
    })
}

/// `T` of `Box<T>`.
fn boxed_type(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != "Box" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// `Following` -> `following`, `AllowAll` -> `allowAll`.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
