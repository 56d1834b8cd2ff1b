//! `#[lexicon(...)] mod x {}` -> the module with every item `lex build` writes for the same
//! lexicons, plus file tracking; or `compile_error!`s for what `lex check` reports.
//!
//! Thin on purpose: the arguments become a [`lex_compiler::Config`], lex-compiler loads,
//! checks and emits ([`lex_compiler::Config::generate_tokens`], the code path `lex build`
//! formats into files), and this module only places the tokens and maps errors to spans.

mod args;
mod errors;
mod source;
#[cfg(test)]
mod tests;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{AttrStyle, ItemMod};

use args::Args;
use source::Source;

/// Expands `#[lexicon(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let args = Args::parse(args)?;
    let module: ItemMod = syn::parse2(item)?;
    let Some((_, items)) = &module.content else {
        return Err(syn::Error::new_spanned(
            &module,
            "write `mod name {}`: the generated items go inside the braces",
        ));
    };
    let source = Source::load(&args);
    let track = source.tracking();
    let generated = match source.errors() {
        Some(errors) => errors.into_compile_error(),
        None => generate(&args, &source)?,
    };
    let outer = module
        .attrs
        .iter()
        .filter(|a| matches!(a.style, AttrStyle::Outer));
    let inner = module
        .attrs
        .iter()
        .filter(|a| matches!(a.style, AttrStyle::Inner(_)));
    let (vis, unsafety, mod_token, ident) = (
        &module.vis,
        &module.unsafety,
        &module.mod_token,
        &module.ident,
    );
    Ok(quote! {
        #(#outer)*
        #vis #unsafety #mod_token #ident {
            #(#inner)*
            #generated
            #(#items)*
        }
        #track
    })
}

/// The module tree for the loaded catalog, filtered as the arguments say.
fn generate(args: &Args, source: &Source) -> syn::Result<TokenStream> {
    let mut config = lex_compiler::Config::new();
    for pattern in &args.include {
        config.include(pattern.value());
    }
    for pattern in &args.exclude {
        config.exclude(pattern.value());
    }
    if let Some(runtime) = &args.runtime {
        config.runtime_path(runtime.value());
    }
    config
        .generate_tokens(source.catalog())
        .map_err(|e| match e {
            lex_compiler::Error::NoMatch { pattern } => {
                let at = args.include.iter().find(|p| p.value() == pattern);
                let span = at.map_or_else(Span::call_site, syn::LitStr::span);
                syn::Error::new(span, format!("no lexicon matches `{pattern}`"))
            }
            lex_compiler::Error::Codegen(e) => {
                let span = args
                    .runtime
                    .as_ref()
                    .map_or_else(Span::call_site, |r| r.span());
                syn::Error::new(span, e.to_string())
            }
            other => syn::Error::new(Span::call_site(), other.to_string()),
        })
}
