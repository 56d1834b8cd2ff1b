//! [`Catalog`] -> the whole generated module tree as one [`TokenStream`] (inline
//! `pub mod x { ... }` where `lex build` writes `pub mod x;` and a file), unformatted.
//!
//! This is what `#[lex_macros::lexicon]` expands to. Each module's tokens come from the
//! same [`module::body`] the file writer formats, so the two outputs hold the same items;
//! skipping prettyplease (and threads: compiler-side token streams live on one thread)
//! keeps a proc-macro expansion of the whole corpus cheap.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::module::{self, Job};
use super::names::Names;
use super::{ident, CodegenError, Options};
use crate::ir::Catalog;

/// The generated tree for `catalog` as tokens: the root module's inner doc attribute and
/// items, then every submodule inline. Put it inside a `mod` item (`mod lexicons { ... }`);
/// the items are those [`generate`](super::generate) writes into `mod.rs` and the files
/// below it.
pub fn generate_tokens(catalog: &Catalog, options: &Options) -> Result<TokenStream, CodegenError> {
    let rt: TokenStream = options.runtime_path.parse().map_err(|_| CodegenError {
        message: format!("`{}` is not a Rust path", options.runtime_path),
    })?;
    let (names, jobs) = module::prepare(catalog, options.only.as_ref());
    let by_path: BTreeMap<&[String], &Job<'_>> =
        jobs.iter().map(|j| (j.path.segments(), j)).collect();
    let tree = Tree {
        catalog,
        names: &names,
        rt: &rt,
        by_path: &by_path,
    };
    Ok(tree.module(&[]))
}

/// What building one module's tokens needs.
struct Tree<'a, 'j> {
    catalog: &'a Catalog,
    names: &'a Names,
    rt: &'a TokenStream,
    by_path: &'a BTreeMap<&'j [String], &'j Job<'j>>,
}

impl Tree<'_, '_> {
    /// A module's body and its submodules, recursively (depth = NSID segments).
    fn module(&self, path: &[String]) -> TokenStream {
        let Some(job) = self.by_path.get(path) else {
            return TokenStream::new();
        };
        let mut tokens = module::body(self.catalog, self.names, self.rt, job);
        for child in &job.children {
            let mut sub = path.to_vec();
            sub.push(child.clone());
            let inner = self.module(&sub);
            let name = ident::make(child);
            tokens.extend(quote! { pub mod #name { #inner } });
        }
        tokens
    }
}
