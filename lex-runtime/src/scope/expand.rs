//! `include:` expansion (spec section 7): a [`PermissionSet`], its NSID and the include's
//! audience -> the scopes the set grants, or for each permission why it was skipped.

use std::fmt;

use super::audience::ServiceRef;
use super::error::ScopeErrorKind;
use super::include::IncludeScope;
use super::nsid_list::NsidList;
use super::permission::{Permission, PermissionSet, Strs};
use super::repo::RepoScope;
use super::rpc::RpcScope;
use super::syntax::Params;
use super::Scope;
use crate::Nsid;

/// What became of one permission of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Its position in `permissions`.
    pub index: usize,
    /// The scope it grants, or why it grants nothing.
    pub granted: Result<Scope, Skip>,
}

/// Why a permission of a set grants nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Skip {
    /// Sets only grant `repo` and `rpc` (step 3a).
    UnsupportedResource(String),
    /// A key that is not a parameter of any permission this crate knows; it could narrow
    /// the permission, so none of it is granted.
    UnknownParameter(String),
    /// A parameter of another resource (`lxm` on `repo`, ...).
    ForeignParameter(String),
    /// A key whose JSON value has the wrong shape (a string where a list belongs, ...).
    Malformed(String),
    /// An empty list.
    Empty(&'static str),
    /// `rpc` with an `aud` other than `*`: sets may not name a service (step 3b).
    FixedAudience(String),
    /// `inheritAud: true`, but the include names no audience (step 3d).
    NoAudienceToInherit,
    /// `inheritAud: true`, but the include's audience is not a DID service reference.
    BadIncludeAudience(String),
    /// `inheritAud: true` together with `aud` (step 3d).
    InheritAudWithAud,
    /// The parameters do not make a valid scope (step 3d).
    Invalid(ScopeErrorKind),
    /// A collection or method outside the set's namespace, or `*` (section 6).
    OutsideNamespace(String),
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::UnsupportedResource(r) if r.is_empty() => f.write_str("no `resource`"),
            Skip::UnsupportedResource(r) => {
                write!(f, "resource `{r}` is not granted through permission sets")
            }
            Skip::UnknownParameter(k) => write!(f, "unknown parameter `{k}`"),
            Skip::ForeignParameter(k) => write!(f, "`{k}` is not a parameter of this resource"),
            Skip::Malformed(k) => write!(f, "`{k}` has the wrong JSON type"),
            Skip::Empty(k) => write!(f, "`{k}` is empty"),
            Skip::FixedAudience(a) => {
                write!(f, "`aud` is `{a}`; sets may only use `*` or `inheritAud`")
            }
            Skip::NoAudienceToInherit => f.write_str("`inheritAud` but the include has no `aud`"),
            Skip::BadIncludeAudience(a) => {
                write!(
                    f,
                    "`inheritAud` but the include's `aud` `{a}` is not a DID service reference"
                )
            }
            Skip::InheritAudWithAud => f.write_str("both `inheritAud` and `aud`"),
            Skip::Invalid(kind) => write!(f, "{kind}"),
            Skip::OutsideNamespace(n) => {
                write!(f, "`{n}` is outside the set's namespace")
            }
        }
    }
}

/// The scopes `include:<nsid>[?aud=<aud>]` grants, one per granted permission, in the
/// set's order. `aud` is a decoded DID service reference (`did:web:x#svc`).
pub fn expand(set: &PermissionSet, nsid: &Nsid, aud: Option<&str>) -> Vec<Scope> {
    expand_explained(set, nsid, aud)
        .into_iter()
        .filter_map(|o| o.granted.ok())
        .collect()
}

/// Like [`expand`], with the fate of every permission.
pub fn expand_explained(set: &PermissionSet, nsid: &Nsid, aud: Option<&str>) -> Vec<Outcome> {
    set.permissions
        .iter()
        .enumerate()
        .map(|(index, p)| Outcome {
            index,
            granted: grant(p, nsid, aud),
        })
        .collect()
}

impl IncludeScope {
    /// The scopes this include grants from `set` (which must be the set it names).
    pub fn expand(&self, set: &PermissionSet) -> Vec<Scope> {
        expand(set, &self.nsid, self.aud.as_ref().map(ServiceRef::as_str))
    }
}

fn grant(p: &Permission, set_nsid: &Nsid, include_aud: Option<&str>) -> Result<Scope, Skip> {
    let resource = p.resource.as_ref();
    if resource != "repo" && resource != "rpc" {
        return Err(Skip::UnsupportedResource(resource.to_owned()));
    }
    if let Some(k) = p.malformed.iter().next() {
        return Err(Skip::Malformed(k.to_owned()));
    }
    if let Some(k) = p.unknown.iter().next() {
        return Err(Skip::UnknownParameter(k.to_owned()));
    }
    let scope = if resource == "repo" {
        Scope::Repo(repo(p)?)
    } else {
        Scope::Rpc(rpc(p, include_aud)?)
    };
    let names = match &scope {
        Scope::Repo(r) => r.collection(),
        Scope::Rpc(r) => r.lxm(),
        _ => return Ok(scope),
    };
    match names {
        NsidList::All => return Err(Skip::OutsideNamespace("*".to_owned())),
        NsidList::Only(list) => {
            if let Some(outside) = list.iter().find(|n| !under_authority(set_nsid, n)) {
                return Err(Skip::OutsideNamespace(outside.to_string()));
            }
        }
    }
    Ok(scope)
}

fn repo(p: &Permission) -> Result<RepoScope, Skip> {
    for (name, present) in [
        ("lxm", p.lxm.is_some()),
        ("aud", p.aud.is_some()),
        ("inheritAud", p.inherit_aud.is_some()),
    ] {
        if present {
            return Err(Skip::ForeignParameter(name.to_owned()));
        }
    }
    let mut named = Vec::new();
    push_list(&mut named, "collection", p.collection.as_ref())?;
    push_list(&mut named, "action", p.action.as_ref())?;
    RepoScope::from_params(Params::new("", "repo", "collection", None, named))
        .map_err(|e| Skip::Invalid(e.kind().clone()))
}

fn rpc(p: &Permission, include_aud: Option<&str>) -> Result<RpcScope, Skip> {
    for (name, present) in [
        ("collection", p.collection.is_some()),
        ("action", p.action.is_some()),
    ] {
        if present {
            return Err(Skip::ForeignParameter(name.to_owned()));
        }
    }
    let aud = match (p.aud.as_deref(), p.inherit_aud) {
        (Some(a), _) if a != "*" => return Err(Skip::FixedAudience(a.to_owned())),
        (Some(_), Some(true)) => return Err(Skip::InheritAudWithAud),
        (None, Some(true)) => match include_aud {
            None => return Err(Skip::NoAudienceToInherit),
            // Checked here: an include audience of `*` must not turn into `aud=*`.
            Some(a) if ServiceRef::parse(a).is_err() => {
                return Err(Skip::BadIncludeAudience(a.to_owned()))
            }
            Some(a) => Some(a),
        },
        // `inheritAud: false` (or absent) leaves the permission's own `aud`, if any.
        (aud, _) => aud,
    };
    let mut named = Vec::new();
    push_list(&mut named, "lxm", p.lxm.as_ref())?;
    if let Some(a) = aud {
        named.push(("aud".to_owned(), a.to_owned()));
    }
    RpcScope::from_params(Params::new("", "rpc", "lxm", None, named))
        .map_err(|e| Skip::Invalid(e.kind().clone()))
}

fn push_list(
    named: &mut Vec<(String, String)>,
    name: &'static str,
    values: Option<&Strs>,
) -> Result<(), Skip> {
    if let Some(values) = values {
        if values.is_empty() {
            return Err(Skip::Empty(name));
        }
        named.extend(values.iter().map(|v| (name.to_owned(), v.to_owned())));
    }
    Ok(())
}

/// Section 6: `nsid` lies in the set's group (its NSID minus the last segment) or below.
/// Authorities are domain names, so the comparison ignores ASCII case.
fn under_authority(set: &Nsid, nsid: &Nsid) -> bool {
    let set = set.as_str();
    let Some(dot) = set.rfind('.') else {
        return false;
    };
    let group = set.get(..=dot).unwrap_or(set);
    let nsid = nsid.as_str();
    nsid.len() > group.len()
        && nsid
            .get(..group.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(group))
}
