//! A field's Rust type and attributes -> its lexicon schema. The type decides the lexicon
//! type (and `format` for the runtime's string types); a constraint the type cannot carry
//! is an error at the constraint.

use syn::{GenericArgument, PathArguments, Type};

use super::attrs::FieldAttrs;
use super::json::J;

/// How a field is stored: `Option` makes it optional; `nullable` (with `Option`, or
/// `Option<Option<_>>` when also optional) lets it be `null`.
pub(crate) struct FieldShape {
    pub(crate) required: bool,
    pub(crate) schema: J,
}

/// The schema of a field of type `ty`.
pub(crate) fn field(
    ty: &Type,
    attrs: &FieldAttrs,
    description: Option<String>,
) -> syn::Result<FieldShape> {
    let mut inner = ty;
    let mut required = true;
    if let Some(t) = generic_arg(ty, "Option") {
        inner = t;
        if attrs.nullable {
            // `Option<T>` + nullable = required and nullable; `Option<Option<T>>` = both.
            if let Some(t2) = generic_arg(t, "Option") {
                inner = t2;
                required = false;
            }
        } else {
            required = false;
        }
    } else if attrs.nullable {
        return Err(syn::Error::new_spanned(
            ty,
            "a nullable field is an `Option<T>` (or `Option<Option<T>>` when also optional)",
        ));
    }
    let mut schema = value(inner, attrs)?;
    match (description, &mut schema) {
        (Some(d), J::Obj(members)) => {
            let at = usize::from(matches!(members.first(), Some((k, _)) if k == "type"));
            members.insert(at, ("description".to_owned(), J::Str(d)));
        }
        (Some(d), J::Ref(_, members)) => members.insert(0, ("description".to_owned(), J::Str(d))),
        _ => {}
    }
    Ok(FieldShape { required, schema })
}

/// The lexicon type of a Rust type, with the attribute's constraints.
fn value(ty: &Type, attrs: &FieldAttrs) -> syn::Result<J> {
    if let Some(t) = generic_arg(ty, "Box") {
        return value(t, attrs);
    }
    if let Some(item) = generic_arg(ty, "Vec") {
        let items_attrs = attrs.items.as_deref();
        let default = FieldAttrs::default();
        let items = value(item, items_attrs.unwrap_or(&default))?;
        let mut members = vec![
            ("type".to_owned(), J::str("array")),
            ("items".to_owned(), items),
        ];
        constrain(&mut members, attrs, "array", &["minLength", "maxLength"])?;
        return Ok(J::Obj(members));
    }
    if let Some(span) = attrs.items_span {
        return Err(syn::Error::new(span, "`items(...)` is for `Vec<T>` fields"));
    }
    let Some((kind, format)) = scalar(ty)? else {
        // Another `Lexicon` type: string constraints fit a known-values enum only
        // (lex-compiler then checks the field through its `as_str()`).
        let mut members = Vec::new();
        let allowed = [
            "minLength",
            "maxLength",
            "minGraphemes",
            "maxGraphemes",
            "default",
            "const",
        ];
        constrain(&mut members, attrs, "known-values enum", &allowed)?;
        return Ok(J::Ref(Box::new(ty.clone()), members));
    };
    let mut members = vec![("type".to_owned(), J::str(kind))];
    if let Some(f) = format {
        members.push(("format".to_owned(), J::str(f)));
    }
    if kind == "string" {
        refuse_untyped_strings(attrs)?;
    }
    let allowed: &[&str] = match kind {
        "string" if format.is_some() => &["knownValues", "enum", "const", "default"],
        "string" => &[
            "format",
            "minLength",
            "maxLength",
            "minGraphemes",
            "maxGraphemes",
            "knownValues",
            "enum",
            "const",
            "default",
        ],
        "integer" => &["minimum", "maximum", "enum", "const", "default"],
        "boolean" => &["const", "default"],
        "bytes" => &["minLength", "maxLength"],
        "blob" => &["accept", "maxSize"],
        _ => &[],
    };
    let label = format.map_or_else(|| kind.to_owned(), |f| format!("`{f}` string"));
    constrain(&mut members, attrs, &label, allowed)?;
    Ok(J::Obj(members))
}

/// The lexicon type and string format of a Rust type the runtime provides; `None` for
/// another `Lexicon` type.
fn scalar(ty: &Type) -> syn::Result<Option<(&'static str, Option<&'static str>)>> {
    let last = last_segment(ty);
    let kind = match last.as_deref() {
        Some("String") | Some("str") => ("string", None),
        Some("bool") => ("boolean", None),
        Some("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize") => {
            ("integer", None)
        }
        Some("Datetime") => ("string", Some("datetime")),
        Some("Did") => ("string", Some("did")),
        Some("Handle") => ("string", Some("handle")),
        Some("AtUri") => ("string", Some("at-uri")),
        Some("AtIdentifier") => ("string", Some("at-identifier")),
        Some("Nsid") => ("string", Some("nsid")),
        Some("Cid") => {
            // Generated code keeps `cid` strings as `String`: `Cid` is binary in DAG-CBOR.
            return Err(syn::Error::new_spanned(
                ty,
                "a `format: cid` string is a `String` with `#[lexicon(format = \"cid\")]` \
                 (`Cid` is a link in DAG-CBOR); a `cid-link` is `lex_runtime::CidLink`",
            ));
        }
        Some("Language") => ("string", Some("language")),
        Some("Tid") => ("string", Some("tid")),
        Some("RecordKey") => ("string", Some("record-key")),
        Some("Uri") => ("string", Some("uri")),
        Some("BlobRef") => ("blob", None),
        Some("Bytes") => ("bytes", None),
        Some("CidLink") => ("cid-link", None),
        Some("Value") => ("unknown", None),
        _ => return Ok(None),
    };
    Ok(Some(kind))
}

/// Strings whose check generated code would not do on a `String`: the formats it types
/// (`Did`, ...) and closed enums need their runtime type.
fn refuse_untyped_strings(attrs: &FieldAttrs) -> syn::Result<()> {
    if let Some(c) = attrs.constraints.iter().find(|c| c.key == "enum") {
        // Generated code makes a closed enum of it; a `String` would take any value.
        return Err(syn::Error::new(
            c.span,
            "a closed set of strings is a `#[lexicon(known_values, closed)]` enum field",
        ));
    }
    for c in attrs.constraints.iter().filter(|c| c.key == "format") {
        if let J::Str(f) = &c.value {
            if let Some((_, rust)) = TYPED_FORMATS.iter().find(|(name, _)| name == f) {
                return Err(syn::Error::new(
                    c.span,
                    format!(
                        "a `{f}` string is a `lex_runtime::{rust}` field, not `format = \"{f}\"`"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Appends the attribute's constraints (in lexicon key order); one the type cannot carry
/// is an error at it.
fn constrain(
    members: &mut Vec<(String, J)>,
    attrs: &FieldAttrs,
    kind: &str,
    allowed: &[&str],
) -> syn::Result<()> {
    for c in &attrs.constraints {
        if !allowed.contains(&c.key) {
            let hint = if allowed.is_empty() {
                "none".to_owned()
            } else {
                allowed.join(", ")
            };
            return Err(syn::Error::new(
                c.span,
                format!(
                    "`{}` does not apply to {} {kind} field (it takes: {hint})",
                    c.key,
                    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    }
                ),
            ));
        }
        members.push((c.key.to_owned(), c.value.clone()));
    }
    Ok(())
}

/// `T` of `Name<T>` when `ty`'s last segment is `Name`.
fn generic_arg<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

/// Formats generated code gives a runtime type, with that type.
const TYPED_FORMATS: [(&str, &str); 10] = [
    ("datetime", "Datetime"),
    ("did", "Did"),
    ("handle", "Handle"),
    ("at-uri", "AtUri"),
    ("at-identifier", "AtIdentifier"),
    ("nsid", "Nsid"),
    ("language", "Language"),
    ("tid", "Tid"),
    ("record-key", "RecordKey"),
    ("uri", "Uri"),
];
