//! Field-type schemas (lexicon.md §4): the data shapes, one function each, every field
//! read in the order the model lists it (problems come in that order).

use super::obj::Obj;
use super::Cx;
use crate::schema::model::*;
use crate::schema::tree::JsonTree;

/// `boolean`.
pub(super) fn boolean<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Boolean(Box::new(Boolean {
        description,
        default: o.bool_opt(cx, "default"),
        const_value: o.bool_opt(cx, "const"),
        extra: o.extra(),
    }))
}

/// `integer`.
pub(super) fn integer<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Integer(Box::new(Integer {
        description,
        minimum: o.int_opt(cx, "minimum"),
        maximum: o.int_opt(cx, "maximum"),
        enum_values: o.int_list_opt(cx, "enum"),
        default: o.int_opt(cx, "default"),
        const_value: o.int_opt(cx, "const"),
        extra: o.extra(),
    }))
}

/// `string`.
pub(super) fn string<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::String(Box::new(StringSchema {
        description,
        format: o.str_opt(cx, "format").map(|f| StringFormat::from_name(&f)),
        min_length: o.int_opt(cx, "minLength"),
        max_length: o.int_opt(cx, "maxLength"),
        min_graphemes: o.int_opt(cx, "minGraphemes"),
        max_graphemes: o.int_opt(cx, "maxGraphemes"),
        known_values: o.str_list_opt(cx, "knownValues"),
        enum_values: o.str_list_opt(cx, "enum"),
        default: o.str_opt(cx, "default"),
        const_value: o.str_opt(cx, "const"),
        extra: o.extra(),
    }))
}

/// `bytes`.
pub(super) fn bytes<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Bytes(Box::new(Bytes {
        description,
        min_length: o.int_opt(cx, "minLength"),
        max_length: o.int_opt(cx, "maxLength"),
        extra: o.extra(),
    }))
}

/// `cid-link`.
pub(super) fn cid_link<T: JsonTree + ?Sized>(o: Obj<'_, T>, description: Option<String>) -> Schema {
    Schema::CidLink(Box::new(CidLink {
        description,
        extra: o.extra(),
    }))
}

/// `blob`.
pub(super) fn blob<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Blob(Box::new(Blob {
        description,
        accept: o.str_list_opt(cx, "accept"),
        max_size: o.int_opt(cx, "maxSize"),
        extra: o.extra(),
    }))
}

/// `array` (its `items` are required).
pub(super) fn array<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Array(Box::new(Array {
        description,
        items: o.schema_req(cx, "items"),
        min_length: o.int_opt(cx, "minLength"),
        max_length: o.int_opt(cx, "maxLength"),
        extra: o.extra(),
    }))
}

/// `object`.
pub(super) fn object<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Object(Box::new(Object {
        description,
        properties: o.schema_map_req(cx, "properties"),
        required: o.str_list_opt(cx, "required").unwrap_or_default(),
        nullable: o.str_list_opt(cx, "nullable").unwrap_or_default(),
        extra: o.extra(),
    }))
}

/// `params` (of a query, procedure or subscription).
pub(super) fn params<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Params(Box::new(Params {
        description,
        properties: o.schema_map_req(cx, "properties"),
        required: o.str_list_opt(cx, "required").unwrap_or_default(),
        extra: o.extra(),
    }))
}

/// `token`.
pub(super) fn token<T: JsonTree + ?Sized>(o: Obj<'_, T>, description: Option<String>) -> Schema {
    Schema::Token(Box::new(Token {
        description,
        extra: o.extra(),
    }))
}

/// `ref` (its target is required).
pub(super) fn reference<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Ref(Box::new(Ref {
        description,
        target: o.str_req(cx, "ref"),
        extra: o.extra(),
    }))
}

/// `union` (its `refs` are required).
pub(super) fn union<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    if !o.fields.contains_key("refs") {
        cx.missing(&o.ptr, "refs");
    }
    Schema::Union(Box::new(Union {
        description,
        refs: o.str_list_opt(cx, "refs").unwrap_or_default(),
        closed: o.bool_opt(cx, "closed"),
        extra: o.extra(),
    }))
}

/// `unknown`.
pub(super) fn unknown<T: JsonTree + ?Sized>(o: Obj<'_, T>, description: Option<String>) -> Schema {
    Schema::Unknown(Box::new(Unknown {
        description,
        extra: o.extra(),
    }))
}
