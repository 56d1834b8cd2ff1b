//! Lexicon -> module: drives the emitters over one document's definitions, then assembles
//! the module tree (`mod.rs` per namespace), formats each file once and adds the header.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use lex_runtime::schema::Schema;
use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::names::Names;
use super::types::Emitter;
use super::{
    docs, newtype, objects, permission_sets, records, strings, xrpc, CodegenError, GENERATED_HEADER,
};
use crate::ir::{Catalog, DocView};

/// A module of the generated tree, as identifiers from the root (`["app", "bsky", "feed",
/// "post"]`; empty for the root module).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ModulePath(pub Vec<String>);

impl ModulePath {
    /// The module identifiers from the root.
    pub fn segments(&self) -> &[String] {
        &self.0
    }

    /// The file holding this module, relative to the output folder: `mod.rs` for the root,
    /// `a/b/mod.rs` when the module has submodules, `a/b.rs` otherwise.
    pub fn file_path(&self, has_children: bool) -> PathBuf {
        let mut path = PathBuf::new();
        let segs: Vec<&str> = self.0.iter().map(|s| s.trim_start_matches("r#")).collect();
        match segs.split_last() {
            None => path.push("mod.rs"),
            Some((last, parents)) => {
                for p in parents {
                    path.push(p);
                }
                if has_children {
                    path.push(last);
                    path.push("mod.rs");
                } else {
                    path.push(format!("{last}.rs"));
                }
            }
        }
        path
    }
}

impl fmt::Display for ModulePath {
    /// `app::bsky::feed::post` (`crate` for the root).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("crate");
        }
        f.write_str(&self.0.join("::"))
    }
}

/// The files of a generated tree: relative path -> source.
pub fn files(modules: &BTreeMap<ModulePath, String>) -> Vec<(PathBuf, &str)> {
    let parents: BTreeSet<&[String]> = modules
        .keys()
        .filter_map(|m| m.0.split_last().map(|(_, p)| p))
        .collect();
    modules
        .iter()
        .map(|(m, src)| (m.file_path(parents.contains(m.0.as_slice())), src.as_str()))
        .collect()
}

/// Emits every definition of one lexicon.
pub(crate) fn emit_lexicon(
    catalog: &Catalog,
    names: &Names,
    rt: &TokenStream,
    doc: DocView<'_>,
) -> TokenStream {
    let nsid = doc.nsid();
    let mut defs: Vec<_> = doc.defs().collect();
    defs.sort_by_key(|d| (d.name() != "main", d.name().to_owned()));
    let mut em = Emitter::new(catalog, names, rt, nsid);
    for def in defs {
        let (schema, Some(name)) = (def.schema(), names.item(def.id())) else {
            continue;
        };
        em.current = Some(def.id());
        let name = name.to_owned();
        let doc = schema.description();
        match schema {
            Schema::Record(r) => records::emit(&mut em, &name, r),
            Schema::Object(o) => {
                objects::emit_struct(&mut em, &name, o, doc, objects::Shape::Object);
            }
            Schema::Query(_) | Schema::Procedure(_) | Schema::Subscription(_) => {
                xrpc::emit(&mut em, &name, schema);
            }
            Schema::Token(_) => strings::token(&mut em, &name, &def.fq().to_string(), doc),
            Schema::PermissionSet(s) if def.name() == "main" => permission_sets::emit(&mut em, s),
            Schema::String(s) => strings::string_def(&mut em, &name, s),
            Schema::Array(_) if names.is_newtype(def.id()) => {
                newtype::emit(&mut em, &name, schema, doc);
            }
            Schema::Boolean(_)
            | Schema::Integer(_)
            | Schema::Bytes(_)
            | Schema::CidLink(_)
            | Schema::Blob(_)
            | Schema::Array(_) => {
                let ty = em.ty(schema, &name, false);
                let name = ident::make(&name);
                let attrs = super::types::doc_attr(doc);
                em.items.push(quote! { #attrs pub type #name = #ty; });
            }
            _ => {}
        }
    }
    let name = docs::code(nsid);
    let description = match doc.description() {
        Some(d) => format!("{name}: {d}"),
        None => name,
    };
    let description = docs::inner_doc_attrs(&description);
    let items = em.items;
    quote! {
        #description
        #(#items)*
    }
}

/// Pass 1 for a catalog: the lexicons to emit (`only` and what it references, or all), the
/// names of everything in them, and the modules of the tree in path order.
pub(crate) fn prepare<'a>(
    catalog: &'a Catalog,
    only: Option<&BTreeSet<String>>,
) -> (Names, Vec<Job<'a>>) {
    let selected = super::names::selection(catalog, only);
    let names = Names::assign(catalog, &selected);
    let mut lexicons: BTreeMap<ModulePath, DocView<'_>> = BTreeMap::new();
    for doc in catalog.lexicons() {
        let nsid = doc.nsid();
        if !selected.contains(nsid) {
            continue;
        }
        if let Some(path) = names.module_of(nsid) {
            lexicons.insert(path.clone(), doc);
        }
    }
    let jobs = plan(&lexicons);
    (names, jobs)
}

/// One file to generate: a module, the lexicon it holds (if any) and its submodules.
pub(crate) struct Job<'a> {
    pub(crate) path: ModulePath,
    lexicon: Option<DocView<'a>>,
    pub(crate) children: Vec<String>,
}

/// Every module of the tree (lexicon modules plus the namespace modules above them), in
/// path order, with its submodules.
pub(crate) fn plan<'a>(lexicons: &BTreeMap<ModulePath, DocView<'a>>) -> Vec<Job<'a>> {
    let mut all: BTreeSet<ModulePath> = BTreeSet::new();
    all.insert(ModulePath::default());
    for path in lexicons.keys() {
        for i in 1..=path.0.len() {
            all.insert(ModulePath(path.0.iter().take(i).cloned().collect()));
        }
    }
    let mut children: BTreeMap<&[String], Vec<String>> = BTreeMap::new();
    for path in &all {
        if let Some((last, parent)) = path.0.split_last() {
            children.entry(parent).or_default().push(last.clone());
        }
    }
    all.iter()
        .map(|path| Job {
            path: path.clone(),
            lexicon: lexicons.get(path).copied(),
            children: children.remove(path.0.as_slice()).unwrap_or_default(),
        })
        .collect()
}

/// One module's own tokens (its lexicon, or a namespace doc), without its submodules: what
/// both the file writer ([`render`]) and the token tree (`tokens.rs`, for `#[lexicon]`) emit.
pub(crate) fn body(
    catalog: &Catalog,
    names: &Names,
    rt: &TokenStream,
    job: &Job<'_>,
) -> TokenStream {
    match job.lexicon {
        Some(doc) => emit_lexicon(catalog, names, rt, doc),
        None => {
            let path = &job.path;
            let doc = if path.0.is_empty() {
                "Generated from lexicons by `lex`.".to_owned()
            } else {
                format!("Namespace {}.", docs::code(&path.0.join(".")))
            };
            docs::inner_doc_attrs(&doc)
        }
    }
}

/// Emits one module (its lexicon, or a namespace doc), declares its submodules, formats it
/// and adds the header.
pub(crate) fn render(
    catalog: &Catalog,
    names: &Names,
    rt: &TokenStream,
    job: &Job<'_>,
) -> Result<String, CodegenError> {
    let path = &job.path;
    let mut tokens = body(catalog, names, rt, job);
    for m in &job.children {
        let m = ident::make(m);
        tokens.extend(quote! { pub mod #m; });
    }
    let file: syn::File = syn::parse2(tokens).map_err(|e| CodegenError {
        message: format!("generated module `{path}` does not parse: {e}"),
    })?;
    let text = prettyplease::unparse(&file);
    let mut out = String::with_capacity(GENERATED_HEADER.len() + 1 + text.len());
    out.push_str(GENERATED_HEADER);
    out.push('\n');
    out.push_str(&text);
    Ok(out)
}
