//! `#[lexicon(...)]` on a derived type and on its fields -> what the definition says.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr};

use super::json::J;

/// What kind of definition a type is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Record,
    Query,
    Procedure,
    Subscription,
}

impl Kind {
    /// An XRPC method, derived on its parameters struct.
    pub(crate) fn is_method(self) -> bool {
        matches!(self, Kind::Query | Kind::Procedure | Kind::Subscription)
    }
}

/// The type's `#[lexicon(...)]`.
pub(crate) struct TypeAttrs {
    pub(crate) id: LitStr,
    pub(crate) kind: Kind,
    pub(crate) key: Option<LitStr>,
    pub(crate) output: Option<syn::Type>,
    pub(crate) input: Option<syn::Type>,
    /// `message = T`: a subscription's message union, a `#[lexicon(union)]` enum.
    pub(crate) message: Option<syn::Type>,
    /// `output_object = T` / `input_object = T`: the body is `T`'s object, inline.
    pub(crate) output_inline: bool,
    pub(crate) input_inline: bool,
    /// `input_encoding = "*/*"` / `output_encoding = "..."`: the body's MIME type; alone
    /// (without `input`/`output`) a raw body, `lex_runtime::xrpc::RawBody`.
    pub(crate) input_encoding: Option<LitStr>,
    pub(crate) output_encoding: Option<LitStr>,
    /// `errors = ["Name", ("Name", "description")]`: the declared errors.
    pub(crate) errors: Vec<(LitStr, Option<LitStr>)>,
    /// `document_description = "..."`: the document's top-level description.
    pub(crate) document_description: Option<LitStr>,
}

impl TypeAttrs {
    pub(crate) fn parse(attrs: &[Attribute], span: Span) -> syn::Result<TypeAttrs> {
        let (mut id, mut kind, mut key) = (None, Kind::Object, None);
        let (mut output, mut input, mut errors) = (None, None, Vec::new());
        let mut message = None;
        let (mut input_encoding, mut output_encoding) = (None, None);
        let (mut output_inline, mut input_inline) = (false, false);
        let mut document_description = None;
        for attr in attrs.iter().filter(|a| a.path().is_ident("lexicon")) {
            attr.parse_nested_meta(|meta| {
                let name = meta.path.get_ident().map(ToString::to_string);
                match name.as_deref() {
                    Some("id") => id = Some(meta.value()?.parse::<LitStr>()?),
                    Some("record") => kind = Kind::Record,
                    Some("object") => kind = Kind::Object,
                    Some("query") => kind = Kind::Query,
                    Some("procedure") => kind = Kind::Procedure,
                    Some("subscription") => kind = Kind::Subscription,
                    Some("message") => message = Some(meta.value()?.parse()?),
                    Some("input_encoding") => input_encoding = Some(meta.value()?.parse()?),
                    Some("output_encoding") => output_encoding = Some(meta.value()?.parse()?),
                    Some("key") => key = Some(meta.value()?.parse::<LitStr>()?),
                    Some("output") => output = Some(meta.value()?.parse()?),
                    Some("input") => input = Some(meta.value()?.parse()?),
                    Some("document_description") => {
                        document_description = Some(meta.value()?.parse::<LitStr>()?);
                    }
                    Some("output_object") => {
                        output = Some(meta.value()?.parse()?);
                        output_inline = true;
                    }
                    Some("input_object") => {
                        input = Some(meta.value()?.parse()?);
                        input_inline = true;
                    }
                    Some("errors") => {
                        for e in list(&meta)? {
                            errors.push(error_entry(&e)?);
                        }
                    }
                    _ => {
                        return Err(meta.error(
                            "unknown argument; expected `id`, `record`, `object`, `query`, \
                             `procedure`, `subscription`, `key`, `input`, `output`, `input_object`, \
                             `output_object`, `input_encoding`, `output_encoding`, `message`, \
                             `errors` or `document_description`",
                        ))
                    }
                }
                Ok(())
            })?;
        }
        let id = id.ok_or_else(|| {
            syn::Error::new(span, "missing `#[lexicon(id = \"com.example.name\")]`")
        })?;
        if kind == Kind::Record && key.is_none() {
            key = Some(LitStr::new("tid", id.span()));
        }
        let attrs = TypeAttrs {
            id,
            kind,
            key,
            output,
            input,
            message,
            output_inline,
            input_inline,
            input_encoding,
            output_encoding,
            errors,
            document_description,
        };
        attrs.check(span)?;
        Ok(attrs)
    }

    /// Method attributes only where the kind of definition has them.
    fn check(&self, span: Span) -> syn::Result<()> {
        let error = |message: &str| Err(syn::Error::new(span, message));
        let bodies = self.input.is_some()
            || self.output.is_some()
            || self.input_encoding.is_some()
            || self.output_encoding.is_some();
        if self.message.is_some() && self.kind != Kind::Subscription {
            return error("`message` is for a `subscription`");
        }
        if self.kind == Kind::Subscription && bodies {
            return error(
                "a subscription has no `input` or `output`; its frames are the `message` union",
            );
        }
        if !self.kind.is_method() && (bodies || !self.errors.is_empty()) {
            return error(
                "`input`, `output`, their encodings and `errors` are for XRPC methods \
                 (`query`, `procedure`, `subscription`)",
            );
        }
        if self.kind == Kind::Query && (self.input.is_some() || self.input_encoding.is_some()) {
            return error("a query has no `input`; its parameters are the struct's fields");
        }
        for (ty, encoding) in [
            (&self.input, &self.input_encoding),
            (&self.output, &self.output_encoding),
        ] {
            if let (Some(_), Some(e)) = (ty, encoding) {
                if e.value() != "application/json" {
                    return Err(syn::Error::new(
                        e.span(),
                        "a typed body is `application/json`; for another encoding leave out \
                         the type (the body is then a `lex_runtime::xrpc::RawBody`)",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// One constraint from a field attribute: the lexicon key, its value, where it was written.
pub(crate) struct Constraint {
    pub(crate) key: &'static str,
    pub(crate) value: J,
    pub(crate) span: Span,
}

/// A field's `#[lexicon(...)]`.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) rename: Option<String>,
    pub(crate) nullable: bool,
    pub(crate) constraints: Vec<Constraint>,
    /// `items(...)`: constraints of an array's items.
    pub(crate) items: Option<Box<FieldAttrs>>,
    pub(crate) items_span: Option<Span>,
}

impl FieldAttrs {
    pub(crate) fn parse(attrs: &[Attribute]) -> syn::Result<FieldAttrs> {
        let mut out = FieldAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("lexicon")) {
            attr.parse_nested_meta(|meta| out.entry(&meta))?;
        }
        Ok(out)
    }

    fn entry(&mut self, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
        let name = meta
            .path
            .get_ident()
            .map(|i| i.to_string().trim_start_matches("r#").to_owned());
        let span = meta
            .path
            .get_ident()
            .map_or_else(Span::call_site, |i| i.span());
        let key = match name.as_deref() {
            Some("rename") => {
                self.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                return Ok(());
            }
            Some("nullable") => {
                self.nullable = true;
                return Ok(());
            }
            Some("items") => {
                let mut items = FieldAttrs::default();
                meta.parse_nested_meta(|m| items.entry(&m))?;
                self.items = Some(Box::new(items));
                self.items_span = Some(span);
                return Ok(());
            }
            Some(n) => CONSTRAINTS
                .iter()
                .find(|(rust, _)| *rust == n)
                .map(|(_, k)| *k),
            None => None,
        };
        let Some(key) = key else {
            return Err(meta.error(format!(
                "unknown constraint; expected one of {}, `rename`, `nullable` or `items(...)`",
                CONSTRAINTS
                    .iter()
                    .map(|(r, _)| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        let value = match key {
            "knownValues" | "enum" | "accept" => {
                J::Arr(list(meta)?.iter().map(scalar).collect::<syn::Result<_>>()?)
            }
            _ => scalar(&meta.value()?.parse::<Expr>()?)?,
        };
        self.constraints.push(Constraint { key, value, span });
        Ok(())
    }
}

/// Attribute name -> lexicon key, in the order keys are written in a definition.
pub(crate) const CONSTRAINTS: [(&str, &str); 14] = [
    ("format", "format"),
    ("min_length", "minLength"),
    ("max_length", "maxLength"),
    ("min_graphemes", "minGraphemes"),
    ("max_graphemes", "maxGraphemes"),
    ("minimum", "minimum"),
    ("maximum", "maximum"),
    ("known_values", "knownValues"),
    ("enum", "enum"),
    ("const", "const"),
    ("default", "default"),
    ("accept", "accept"),
    ("max_size", "maxSize"),
    ("closed", "closed"),
];

/// The elements of `[a, b]`.
fn list(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<Expr>> {
    let array: syn::ExprArray = meta.value()?.parse()?;
    Ok(array.elems.into_iter().collect())
}

/// An `errors` entry: `"Name"`, or `("Name", "description")`.
fn error_entry(e: &Expr) -> syn::Result<(LitStr, Option<LitStr>)> {
    match e {
        Expr::Tuple(t) if t.elems.len() == 2 => {
            let mut parts = t.elems.iter();
            match (parts.next(), parts.next()) {
                (Some(name), Some(description)) => {
                    Ok((lit_str(name)?, Some(lit_str(description)?)))
                }
                _ => Err(syn::Error::new_spanned(
                    t,
                    "expected (\"Name\", \"description\")",
                )),
            }
        }
        Expr::Tuple(t) => Err(syn::Error::new_spanned(
            t,
            "expected (\"Name\", \"description\")",
        )),
        other => Ok((lit_str(other)?, None)),
    }
}

fn lit_str(e: &Expr) -> syn::Result<LitStr> {
    match e {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Ok(s.clone()),
        other => Err(syn::Error::new_spanned(other, "expected a string literal")),
    }
}

/// A string, integer or boolean literal (a negative integer too).
fn scalar(e: &Expr) -> syn::Result<J> {
    match e {
        Expr::Lit(ExprLit { lit, .. }) => match lit {
            Lit::Str(s) => Ok(J::Str(s.value())),
            Lit::Int(i) => Ok(J::Int(i.base10_parse()?)),
            Lit::Bool(b) => Ok(J::Bool(b.value)),
            other => Err(syn::Error::new_spanned(
                other,
                "expected a string, integer or boolean",
            )),
        },
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match scalar(expr)? {
            J::Int(i) => Ok(J::Int(-i)),
            _ => Err(syn::Error::new_spanned(e, "expected an integer")),
        },
        other => Err(syn::Error::new_spanned(
            other,
            "expected a string, integer or boolean literal",
        )),
    }
}

/// The doc comment as a description (lines joined, one leading space trimmed).
pub(crate) fn description(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|l| l.strip_prefix(' ').unwrap_or(&l).trim_end().to_owned())
        .collect();
    let text = lines.join(" ").trim().to_owned();
    (!text.is_empty()).then_some(text)
}
