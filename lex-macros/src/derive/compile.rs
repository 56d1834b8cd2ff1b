//! The derived definition through lex-compiler: checked as a lexicon (its diagnostics are
//! compile errors, spanned on the field they point into), then generated; the generated
//! `__object!` field list and `Record` impl are kept, renamed to the user's type and
//! fields.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::punctuated::Punctuated;
use syn::{Item, ItemMod, Token};

use super::attrs::{Kind, TypeAttrs};
use super::json::{quote_str, J, PLACEHOLDER};
use super::Field;

/// The serde, `Validate` and `Record` impls for the user's type.
pub(crate) fn impls(
    attrs: &TypeAttrs,
    def: &J,
    ident: &syn::Ident,
    fields: &[Field],
    declared: &Punctuated<syn::Field, Token![,]>,
    has_extra: bool,
) -> syn::Result<TokenStream> {
    let id = attrs.id.value();
    let (nsid, name) = id.split_once('#').unwrap_or((&id, "main"));
    let mut refs = Vec::new();
    let mut text = format!(
        "{{\"lexicon\":1,\"id\":{},\"defs\":{{{}:",
        quote_str(nsid),
        quote_str(name)
    );
    def.text(&mut refs, &mut text);
    for i in 0..refs.len() {
        text.push_str(&format!(
            ",\"{PLACEHOLDER}{i}\":{{\"type\":\"object\",\"properties\":{{}}}}"
        ));
    }
    text.push_str("}}");
    let loaded = lex_compiler::load_sources([("derive", text.as_str())]);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| {
        let span = d
            .json_pointer()
            .and_then(|p| field_of(p, fields, declared))
            .unwrap_or_else(|| attrs.id.span());
        let mut message = format!("{}: {}", d.code_str(), d.message());
        if let Some(help) = miette::Diagnostic::help(d) {
            message.push_str(&format!("\n  = help: {help}"));
        }
        syn::Error::new(span, message)
    });
    if let Some(e) = errors.reduce(|mut a, b| {
        a.combine(b);
        a
    }) {
        return Err(e);
    }
    let tokens = lex_compiler::Config::new()
        .generate_tokens(&loaded.catalog)
        .map_err(|e| syn::Error::new(attrs.id.span(), e.to_string()))?;
    let file: syn::File = syn::parse2(quote!(mod root { #tokens }))?;
    let module = leaf(&file.items).ok_or_else(|| {
        syn::Error::new(attrs.id.span(), "lex-compiler generated no module (a bug)")
    })?;
    if attrs.kind.is_method() {
        // Parameters (absent when the method has none), then the method's trait impls.
        let mut out = extract(module, attrs.kind, ident, fields, has_extra).unwrap_or_default();
        out.extend(super::methods::impls(module, attrs, ident));
        return Ok(out);
    }
    extract(module, attrs.kind, ident, fields, has_extra).ok_or_else(|| {
        syn::Error::new(
            attrs.id.span(),
            "lex-compiler generated no `__object!` (a bug)",
        )
    })
}

/// The span of the field a diagnostic's JSON pointer points into.
fn field_of(
    pointer: &str,
    fields: &[Field],
    declared: &Punctuated<syn::Field, Token![,]>,
) -> Option<proc_macro2::Span> {
    let rest = pointer.split("/properties/").nth(1)?;
    let key = rest.split('/').next()?;
    let field = fields.iter().find(|f| f.key == key)?;
    let decl = declared
        .iter()
        .find(|d| d.ident.as_ref() == Some(&field.ident))?;
    Some(syn::spanned::Spanned::span(&decl.ty))
}

/// The innermost module holding items other than modules (the lexicon's).
fn leaf(items: &[Item]) -> Option<&[Item]> {
    let mut found = None;
    for item in items {
        if let Item::Mod(ItemMod {
            content: Some((_, inner)),
            ..
        }) = item
        {
            if inner.iter().any(|i| !matches!(i, Item::Mod(_))) && found.is_none() {
                found = Some(inner.as_slice());
            }
            if let Some(deeper) = leaf(inner) {
                return Some(deeper);
            }
        }
    }
    found
}

/// The first struct's `__object!` (and `Record` impl for records), renamed; without an
/// `extra` field, a `record`/`object` shape becomes `record_closed`/`object_closed`
/// (unknown fields are dropped).
fn extract(
    items: &[Item],
    kind: Kind,
    ident: &syn::Ident,
    fields: &[Field],
    has_extra: bool,
) -> Option<TokenStream> {
    let name = items.iter().find_map(|i| match i {
        // A query's parameters are its `Params` struct; otherwise the definition's struct
        // comes first (`main` first, helper types after).
        Item::Struct(s) if !kind.is_method() || s.ident == "Params" => Some(s.ident.clone()),
        _ => None,
    })?;
    let mut out = TokenStream::new();
    for item in items {
        match item {
            Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "__object") =>
            {
                let mut tokens = m.mac.tokens.clone().into_iter();
                match tokens.next() {
                    Some(TokenTree::Ident(first)) if first == name => {}
                    _ => continue,
                }
                // After the type: `, shape ..., |..| [fields]`.
                let rest: TokenStream = tokens
                    .enumerate()
                    .map(|(i, t)| match t {
                        TokenTree::Ident(shape) if i == 1 => {
                            TokenTree::Ident(closed_shape(shape, has_extra))
                        }
                        t => rename_fields(t, fields),
                    })
                    .collect();
                let path = &m.mac.path;
                out.extend(quote! { #path! { #ident #rest } });
            }
            Item::Impl(i) if kind == Kind::Record && i.trait_.is_some() => {
                let is_self = matches!(&*i.self_ty, syn::Type::Path(p) if p.path.is_ident(&name));
                if is_self {
                    let mut i = i.clone();
                    i.self_ty = Box::new(syn::parse_quote!(#ident));
                    out.extend(i.into_token_stream());
                }
            }
            _ => {}
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The `__object!` shape for a type with or without an `extra` field.
fn closed_shape(shape: proc_macro2::Ident, has_extra: bool) -> proc_macro2::Ident {
    if has_extra || (shape != "record" && shape != "object") {
        return shape;
    }
    proc_macro2::Ident::new(&format!("{shape}_closed"), shape.span())
}

/// In the field list (`[kind "key" field {check}, ...]`), each generated field name becomes
/// the user's field for that key.
fn rename_fields(tree: TokenTree, fields: &[Field]) -> TokenTree {
    let TokenTree::Group(g) = tree else {
        return tree;
    };
    if g.delimiter() != proc_macro2::Delimiter::Bracket {
        return TokenTree::Group(g);
    }
    let mut out = Vec::new();
    let mut key: Option<String> = None;
    for t in g.stream() {
        match &t {
            TokenTree::Literal(lit) => {
                key = syn::parse2::<syn::LitStr>(lit.to_token_stream())
                    .ok()
                    .map(|s| s.value());
                out.push(t);
            }
            TokenTree::Ident(_) if key.is_some() => {
                let user = key
                    .take()
                    .and_then(|k| fields.iter().find(|f| f.key == k))
                    .map(|f| TokenTree::Ident(f.ident.clone()));
                out.push(user.unwrap_or(t));
            }
            _ => out.push(t),
        }
    }
    let mut group = Group::new(g.delimiter(), out.into_iter().collect());
    group.set_span(g.span());
    TokenTree::Group(group)
}
