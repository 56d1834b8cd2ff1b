//! What a permission set grants, as single grants (one collection and action, or one
//! method and audience), so that two versions can be compared grant by grant. Shared by
//! `permission-set-narrowed` and `permission-set-widened`.
//!
//! Both versions go through the runtime's own expansion (`lex_runtime::scope::expand`),
//! once without an audience and once with a stand-in for the include's `aud`, so the
//! comparison sees exactly what an authorization server would grant, `inheritAud`
//! included.

use std::collections::BTreeMap;
use std::fmt;

use lex_runtime::scope::{expand_explained, NsidList, PermissionSet, RepoAction, Scope};
use lex_runtime::Nsid;

use crate::ir::permission_set;
use crate::syntax::ParsedDocument;

/// The stand-in for the audience an app names in `include:<set>?aud=...`.
const INCLUDE_AUD: &str = "did:web:service.invalid#include_aud";

/// One thing a set grants.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Grant {
    /// Write records of a collection with one action.
    Repo {
        /// The collection.
        collection: String,
        /// `create`, `update` or `delete`.
        action: &'static str,
    },
    /// Call a method on `*` (any service) or on the include's audience.
    Rpc {
        /// The method.
        lxm: String,
        /// True for the include's `aud` (`inheritAud`), false for `*`.
        inherited: bool,
    },
}

impl fmt::Display for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Grant::Repo { collection, action } => {
                write!(f, "`repo:{collection}?action={action}`")
            }
            Grant::Rpc {
                lxm,
                inherited: false,
            } => write!(f, "`rpc:{lxm}?aud=*`"),
            Grant::Rpc {
                lxm,
                inherited: true,
            } => write!(f, "`rpc:{lxm}` on the include's `aud` (`inheritAud`)"),
        }
    }
}

/// Every grant of the set with the index of the first permission that grants it.
pub(crate) type Grants = BTreeMap<Grant, usize>;

/// The permission set `doc` declares as its `main` definition, if any.
pub(crate) fn set_of(doc: &ParsedDocument) -> Option<(Nsid, PermissionSet)> {
    let set = permission_set::of_document(&doc.document)?;
    let nsid = Nsid::new(&doc.document.id).ok()?;
    Some((nsid, set))
}

/// What `set` grants, with and without an audience.
pub(crate) fn grants(nsid: &Nsid, set: &PermissionSet) -> Grants {
    let mut out = Grants::new();
    for aud in [None, Some(INCLUDE_AUD)] {
        for outcome in expand_explained(set, nsid, aud) {
            let Ok(scope) = outcome.granted else { continue };
            for grant in split(&scope) {
                out.entry(grant).or_insert(outcome.index);
            }
        }
    }
    out
}

/// One scope of an expansion as single grants.
fn split(scope: &Scope) -> Vec<Grant> {
    let names =
        |list: &NsidList| -> Vec<String> { list.values().into_iter().map(str::to_owned).collect() };
    match scope {
        Scope::Repo(r) => names(r.collection())
            .into_iter()
            .flat_map(|collection| {
                r.action().iter().map(move |a| Grant::Repo {
                    collection: collection.clone(),
                    action: a.as_str(),
                })
            })
            .collect(),
        Scope::Rpc(r) => {
            let inherited = r.aud().as_str() == INCLUDE_AUD;
            names(r.lxm())
                .into_iter()
                .map(|lxm| Grant::Rpc { lxm, inherited })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `grants` as a sentence fragment naming normalized scopes, the actions of one
/// collection together: "`repo:a`, `repo:b?action=create` and 3 more".
pub(crate) fn list<'a>(grants: impl Iterator<Item = &'a Grant>) -> String {
    let mut repo: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut all: Vec<String> = Vec::new();
    for g in grants {
        match g {
            Grant::Repo { collection, action } => {
                repo.entry(collection.as_str()).or_default().push(action);
            }
            rpc => all.push(rpc.to_string()),
        }
    }
    let mut repo_texts: Vec<String> = repo
        .into_iter()
        .map(|(collection, actions)| {
            let ordered: Vec<&str> = RepoAction::ALL
                .iter()
                .map(|a| a.as_str())
                .filter(|a| actions.contains(a))
                .collect();
            if ordered.len() == RepoAction::ALL.len() {
                format!("`repo:{collection}`")
            } else {
                let query: Vec<String> = ordered.iter().map(|a| format!("action={a}")).collect();
                format!("`repo:{collection}?{}`", query.join("&"))
            }
        })
        .collect();
    repo_texts.append(&mut all);
    match repo_texts.len() {
        0 => "nothing".to_owned(),
        n if n <= 4 => repo_texts.join(", "),
        n => format!(
            "{} and {} more",
            repo_texts
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            n - 3
        ),
    }
}
