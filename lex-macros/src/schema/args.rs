//! The arguments of `#[lexicon(...)]` -> [`Args`]: where the lexicons come from (folders
//! and files, or inline documents) and the [`lex_compiler::Config`] settings `lex build`
//! takes as flags (`include`, `exclude`, the runtime path).

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Expr, ExprArray, Lit, LitStr};

/// Parsed arguments, each value with its literal (errors are spanned on it).
#[derive(Default)]
pub(crate) struct Args {
    /// `path = "lexicons"` (repeatable): files or folders relative to `CARGO_MANIFEST_DIR`.
    pub(crate) paths: Vec<LitStr>,
    /// `json = r#"{...}"#` (repeatable): inline lexicon documents.
    pub(crate) json: Vec<LitStr>,
    /// `include = ["app.bsky.feed.*"]`: NSID patterns, as `lex build --include`.
    pub(crate) include: Vec<LitStr>,
    /// `exclude = [...]`: NSID patterns, as `lex build --exclude`.
    pub(crate) exclude: Vec<LitStr>,
    /// `crate = "::my::lex_runtime"`: the path generated code uses for the runtime.
    pub(crate) runtime: Option<LitStr>,
}

impl Args {
    /// Parses the attribute's tokens; an unknown key or a wrong value is an error at it.
    pub(crate) fn parse(tokens: TokenStream) -> syn::Result<Args> {
        let mut args = Args::default();
        let parser = syn::meta::parser(|meta| args.entry(&meta));
        parser.parse2(tokens)?;
        if args.paths.is_empty() && args.json.is_empty() {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                "no lexicons: give `path = \"lexicons\"` or `json = r#\"{...}\"#`",
            ));
        }
        if let (Some(path), Some(_)) = (args.paths.first(), args.json.first()) {
            return Err(syn::Error::new(
                path.span(),
                "give either `path` or `json`, not both (inline documents are for \
                 self-contained schemas)",
            ));
        }
        Ok(args)
    }

    fn entry(&mut self, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
        let key = meta.path.get_ident().map(ToString::to_string);
        match key.as_deref() {
            Some("path") => self.paths.push(meta.value()?.parse()?),
            Some("json") => self.json.push(meta.value()?.parse()?),
            Some("include") => self.include.extend(string_list(meta)?),
            Some("exclude") => self.exclude.extend(string_list(meta)?),
            Some("crate") => self.runtime = Some(meta.value()?.parse()?),
            _ => {
                return Err(meta.error(
                    "unknown argument; expected `path`, `json`, `include`, `exclude` or `crate`",
                ))
            }
        }
        Ok(())
    }
}

/// `["a", "b"]` or a single `"a"`.
fn string_list(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<LitStr>> {
    let value = meta.value()?;
    if value.peek(LitStr) {
        return Ok(vec![value.parse()?]);
    }
    let array: ExprArray = value.parse()?;
    array
        .elems
        .into_iter()
        .map(|e| match e {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) => Ok(s),
            other => Err(syn::Error::new_spanned(
                other,
                "expected a string literal (an NSID pattern)",
            )),
        })
        .collect()
}
