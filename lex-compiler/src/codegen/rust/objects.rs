//! Objects (and record bodies, XRPC parameters and bodies) -> a struct with one field per
//! property, unknown fields kept in `extra`, a `new()` taking exactly the required fields,
//! and one `__object!` invocation whose field list the runtime expands into the serde
//! impls and the `Validate` impl (no `#[serde(flatten)]`: it buffers through serde's
//! private content type, which loses the DAG-CBOR link path and is slow).
//!
//! Field types: required `T`; optional `Option<T>` (omitted when `None`); required and
//! nullable `Option<T>` (`None` is written as `null`); optional and nullable
//! `Option<Option<T>>` (absent / `null` / value).

use lex_runtime::schema::{Object, Schema};
use proc_macro2::TokenStream;
use quote::quote;

use super::ident::{self, Case, Names};
use super::types::{doc_attr, string_rep, Emitter, Slot, StringRep};
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

/// How a field is held; the names are the runtime's `__private::kind` modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Required: `T`.
    Req,
    /// Optional: `Option<T>`, omitted when `None`.
    Opt,
    /// Required and nullable: `Option<T>`, `None` written as `null`.
    Null,
    /// Optional and nullable: `Option<Option<T>>`.
    OptNull,
}

impl Kind {
    fn of(required: bool, nullable: bool) -> Kind {
        match (required, nullable) {
            (true, false) => Kind::Req,
            (false, false) => Kind::Opt,
            (true, true) => Kind::Null,
            (false, true) => Kind::OptNull,
        }
    }

    fn tokens(self) -> TokenStream {
        match self {
            Kind::Req => quote! { req },
            Kind::Opt => quote! { opt },
            Kind::Null => quote! { null },
            Kind::OptNull => quote! { opt_null },
        }
    }
}

struct Field {
    key: String,
    name: proc_macro2::Ident,
    ty: TokenStream,
    kind: Kind,
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

/// Emits the struct `name` for `object` (properties of a `params` come in as an object),
/// ahead of the helper types its fields need; returns its place, for impls that belong
/// next to it.
pub(crate) fn emit_struct(
    em: &mut Emitter<'_>,
    name: &str,
    object: &Object,
    description: Option<&str>,
    shape: Shape<'_>,
) -> Slot {
    let slot = em.reserve();
    let fields = fields(em, name, object, shape);
    let ident = ident::make(name);
    let mut out = declaration(em, &ident, &fields, description, shape);
    out.extend(constructor(em, &ident, &fields, object, shape));
    out.extend(impls(em, &ident, &fields, shape));
    em.fill(slot, out);
    slot
}

/// The fields in property order, emitting the helper types their types need.
fn fields(em: &mut Emitter<'_>, name: &str, object: &Object, shape: Shape<'_>) -> Vec<Field> {
    let mut field_names = Names::new();
    if shape != Shape::Params {
        field_names.reserve("extra");
    }
    let mut fields = Vec::new();
    for (key, schema) in &object.properties {
        let required = object.required.iter().any(|r| r == key);
        let nullable = object.nullable.iter().any(|n| n == key);
        let hint = format!("{name}{}", ident::ident_text(key, Case::Camel));
        let base = em.ty(schema, hint.trim_start_matches("r#"), false);
        let kind = Kind::of(required, nullable);
        let ty = match kind {
            Kind::Req => base,
            Kind::Opt | Kind::Null => quote! { ::std::option::Option<#base> },
            Kind::OptNull => quote! { ::std::option::Option<::std::option::Option<#base>> },
        };
        fields.push(Field {
            key: key.clone(),
            name: ident::make(&field_names.claim(key, Case::Snake)),
            ty,
            kind,
            check: em.check(schema),
            doc: doc_attr(schema.description()),
            default: kind != Kind::Req || has_default(em, schema),
        });
    }
    fields
}

/// The struct itself.
fn declaration(
    em: &Emitter<'_>,
    ident: &proc_macro2::Ident,
    fields: &[Field],
    description: Option<&str>,
    shape: Shape<'_>,
) -> TokenStream {
    let rt = em.rt;
    let doc = doc_attr(description);
    let decls = fields.iter().map(|f| {
        let (doc, name, ty) = (&f.doc, &f.name, &f.ty);
        quote! { #doc pub #name: #ty, }
    });
    let extra = if shape == Shape::Params {
        TokenStream::new()
    } else {
        quote! {
            /// Fields this schema version does not declare, kept so data round-trips.
            pub extra: #rt::Map,
        }
    };
    let derive_default = if fields.iter().all(|f| f.default) {
        quote! { Default, }
    } else {
        TokenStream::new()
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #ident {
            #(#decls)*
            #extra
        }
    }
}

/// More parameters than this and clippy's `too_many_arguments` fires.
const CLIPPY_MAX_ARGS: usize = 7;

/// `new`: exactly the required fields, in the order the lexicon's `required` lists them,
/// so code keeps compiling when a later schema version adds (necessarily optional) fields.
fn constructor(
    em: &Emitter<'_>,
    ident: &proc_macro2::Ident,
    fields: &[Field],
    object: &Object,
    shape: Shape<'_>,
) -> TokenStream {
    let rt = em.rt;
    let mut required: Vec<&Field> = Vec::new();
    for key in &object.required {
        let field = fields.iter().find(|f| &f.key == key);
        if let Some(f) = field.filter(|f| !required.iter().any(|r| r.key == f.key)) {
            required.push(f);
        }
    }
    let params = required.iter().map(|f| {
        let (name, ty) = (&f.name, &f.ty);
        quote! { #name: #ty }
    });
    let inits = fields.iter().map(|f| {
        let name = &f.name;
        match f.kind {
            Kind::Req | Kind::Null => quote! { #name, },
            Kind::Opt | Kind::OptNull => quote! { #name: ::std::option::Option::None, },
        }
    });
    let extra = if shape == Shape::Params {
        TokenStream::new()
    } else {
        quote! { extra: #rt::Map::new(), }
    };
    let allow = if required.len() > CLIPPY_MAX_ARGS {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    };
    quote! {
        impl #ident {
            /// A value with the required fields set and every optional field absent.
            #allow
            #[inline]
            pub fn new(#(#params),*) -> Self {
                #ident { #(#inits)* #extra }
            }
        }
    }
}

/// Serde and `Validate`: the runtime's `__object!` expands them from one field list, in
/// canonical key order (the order fields are written and checked in).
fn impls(
    em: &Emitter<'_>,
    ident: &proc_macro2::Ident,
    fields: &[Field],
    shape: Shape<'_>,
) -> TokenStream {
    let rt = em.rt;
    let mut ordered: Vec<&Field> = fields.iter().collect();
    ordered.sort_by(|a, b| {
        a.key
            .len()
            .cmp(&b.key.len())
            .then_with(|| a.key.as_bytes().cmp(b.key.as_bytes()))
    });
    let listed = ordered.iter().map(|f| {
        let (kind, key, name) = (f.kind.tokens(), &f.key, &f.name);
        let check = if f.check.is_none() {
            TokenStream::new()
        } else {
            let body = f.check.render(rt, &quote! { v }, &quote! { &p }, 0);
            quote! { { #body } }
        };
        quote! { #kind #key #name #check }
    });
    let shape = match shape {
        Shape::Record(nsid) => quote! { record #nsid },
        Shape::Object => quote! { object },
        Shape::Params => quote! { params },
    };
    quote! {
        #rt::__object! { #ident, #shape, |v, checker, p| [#(#listed),*] }
    }
}
