//! Finding permission sets: first in lexicon folders (`--lexicons`, else `./lexicons`),
//! then on the network the way `lex install` resolves lexicons (DNS, DID document, PDS,
//! verified record), unless `--offline`.
//!
//! Only the set's own lexicon has to load: the folders are loaded best effort, and a
//! broken lexicon elsewhere in them does not stop an expansion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use lex_compiler::ir::permission_set;
use lex_compiler::network::{resolve_blocking, Step};
use lex_compiler::{Catalog, Loaded};
use lex_runtime::schema::Schema;
use lex_runtime::scope::PermissionSet;
use lex_runtime::Nsid;

use super::Failure;
use crate::commands::install::NetworkArgs;
use crate::exit::ExitCode;

/// Where lexicons are read from.
#[derive(Debug, Args)]
pub(crate) struct LexiconArgs {
    /// A folder (or file) of lexicons to look permission sets up in (repeatable); default
    /// `lexicons` when that folder exists.
    #[arg(long = "lexicons", value_name = "DIR")]
    lexicons: Vec<PathBuf>,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// Where permission sets come from: folders, then the network.
#[derive(Debug, Args)]
pub(crate) struct SetArgs {
    #[command(flatten)]
    lexicons: LexiconArgs,
    /// Never resolve a permission set over the network; one missing from the folders is
    /// an error.
    #[arg(long)]
    offline: bool,
    #[command(flatten)]
    network: NetworkArgs,
}

/// Where a set was found.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// A lexicon file.
    File(String),
    /// A verified record.
    Network(String),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::File(path) => write!(f, "from {path}"),
            Origin::Network(uri) => write!(f, "from {uri}"),
        }
    }
}

impl LexiconArgs {
    /// Loads the folders (none when no `--lexicons` is given and `./lexicons` is absent).
    pub(crate) fn load(&self) -> Result<Option<Loaded>, Failure> {
        let paths: Vec<PathBuf> = if self.lexicons.is_empty() {
            let default = Path::new("lexicons");
            if !default.is_dir() {
                return Ok(None);
            }
            vec![default.to_path_buf()]
        } else {
            self.lexicons.clone()
        };
        if let Some(missing) = paths.iter().find(|p| !p.exists()) {
            return Err(Failure::usage(format!(
                "{} does not exist",
                missing.display()
            )));
        }
        let loaded =
            crate::commands::load::load_with_lex_toml(&paths, &self.load).map_err(|code| {
                Failure {
                    code,
                    message: "cannot read lex.toml".to_owned(),
                }
            })?;
        Ok(Some(loaded))
    }
}

/// Every permission set in a catalog, by NSID.
pub(crate) fn sets_in(catalog: &Catalog) -> Vec<(Nsid, PermissionSet, Origin)> {
    catalog
        .documents()
        .filter_map(|doc| {
            let set = permission_set::of_document(&doc.document)?;
            let nsid = Nsid::new(&doc.document.id).ok()?;
            Some((nsid, set, Origin::File(doc.source.name().to_owned())))
        })
        .collect()
}

/// Permission sets by NSID, looked up once each.
pub(crate) struct Sets<'a> {
    args: &'a SetArgs,
    loaded: Option<Loaded>,
    found: BTreeMap<String, (PermissionSet, Origin)>,
}

impl<'a> Sets<'a> {
    /// Loads the folders; the network is only touched when a set is missing from them.
    pub(crate) fn new(args: &'a SetArgs) -> Result<Sets<'a>, Failure> {
        Ok(Sets {
            loaded: args.lexicons.load()?,
            args,
            found: BTreeMap::new(),
        })
    }

    /// The set `nsid`, from the folders or the network.
    pub(crate) fn get(&mut self, nsid: &Nsid) -> Result<&(PermissionSet, Origin), Failure> {
        let key = nsid.as_str().to_owned();
        if !self.found.contains_key(&key) {
            let set = self.find(nsid)?;
            self.found.insert(key.clone(), set);
        }
        self.found
            .get(&key)
            .ok_or_else(|| Failure::usage(format!("permission set `{nsid}` vanished")))
    }

    fn find(&self, nsid: &Nsid) -> Result<(PermissionSet, Origin), Failure> {
        let local = self
            .loaded
            .as_ref()
            .and_then(|l| l.catalog.document(nsid.as_str()));
        if let Some(doc) = local {
            let origin = Origin::File(doc.source.name().to_owned());
            return match permission_set::of_document(&doc.document) {
                Some(set) => Ok((set, origin)),
                None => Err(not_a_set(nsid, doc.document.def("main"), &origin)),
            };
        }
        if self.args.offline {
            let mut message = format!("permission set `{nsid}` is not in the lexicon folders");
            if self.loaded.is_none() {
                message = format!(
                    "permission set `{nsid}` not found: no --lexicons given and no ./lexicons folder"
                );
            }
            if let Some(broken) = self.unloadable() {
                message.push_str(&format!(
                    "\n{broken} lexicon files in the folders did not load (`lex check` says why)"
                ));
            }
            return Err(Failure::usage(message));
        }
        let resolved =
            resolve_blocking(self.args.network.config(), nsid.as_str()).map_err(|e| Failure {
                code: if e.step == Step::Input {
                    ExitCode::Usage
                } else {
                    ExitCode::Network
                },
                message: e.to_string(),
            })?;
        let origin = Origin::Network(resolved.uri.clone());
        match permission_set::of_document(&resolved.document) {
            Some(set) => Ok((set, origin)),
            None => Err(not_a_set(nsid, resolved.document.def("main"), &origin)),
        }
    }

    /// How many files of the folders failed to parse, if any.
    fn unloadable(&self) -> Option<usize> {
        let loaded = self.loaded.as_ref()?;
        let files: std::collections::BTreeSet<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && d.code_str().starts_with("lex::parse::"))
            .filter_map(|d| d.source_name())
            .collect();
        (!files.is_empty()).then_some(files.len())
    }
}

fn not_a_set(nsid: &Nsid, main: Option<&Schema>, origin: &Origin) -> Failure {
    let what = match main {
        Some(schema) => format!("its main definition is a `{}`", schema.type_name()),
        None => "it has no main definition".to_owned(),
    };
    Failure::findings(format!(
        "`{nsid}` ({origin}) is not a permission set: {what}"
    ))
}
