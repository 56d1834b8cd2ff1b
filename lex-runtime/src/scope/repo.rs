//! `repo` scopes: [`RepoScope`] (collections and actions) and [`RepoAction`]/[`RepoActions`].

use std::fmt;

use super::error::ScopeError;
use super::nsid_list::NsidList;
use super::syntax::{write_scope, Params};

/// A write to a repository record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RepoAction {
    /// `create`.
    Create,
    /// `update`.
    Update,
    /// `delete`.
    Delete,
}

impl RepoAction {
    /// The three actions in the order scope strings list them.
    pub const ALL: [RepoAction; 3] = [RepoAction::Create, RepoAction::Update, RepoAction::Delete];

    /// The action as written in scopes.
    pub fn as_str(self) -> &'static str {
        match self {
            RepoAction::Create => "create",
            RepoAction::Update => "update",
            RepoAction::Delete => "delete",
        }
    }

    /// Parses `create`, `update` or `delete` (case-sensitive).
    pub fn parse(s: &str) -> Option<RepoAction> {
        RepoAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    fn bit(self) -> u8 {
        match self {
            RepoAction::Create => 1,
            RepoAction::Update => 2,
            RepoAction::Delete => 4,
        }
    }
}

impl fmt::Display for RepoAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A non-empty set of [`RepoAction`]s.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RepoActions(u8);

impl RepoActions {
    /// All three (the default when a scope names none).
    pub const ALL: RepoActions = RepoActions(7);

    /// The set of the given actions; `None` when empty.
    pub fn of(actions: impl IntoIterator<Item = RepoAction>) -> Option<RepoActions> {
        let bits = actions.into_iter().fold(0, |acc, a| acc | a.bit());
        (bits != 0).then_some(RepoActions(bits))
    }

    /// Whether `action` is in the set.
    pub fn contains(self, action: RepoAction) -> bool {
        self.0 & action.bit() != 0
    }

    /// The actions in `create`, `update`, `delete` order.
    pub fn iter(self) -> impl Iterator<Item = RepoAction> {
        RepoAction::ALL
            .into_iter()
            .filter(move |a| self.contains(*a))
    }
}

impl fmt::Debug for RepoActions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// `repo:<collection>[?action=...]`: create, update or delete records of some collections.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoScope {
    collection: NsidList,
    action: RepoActions,
}

impl RepoScope {
    /// A scope for these collections and actions.
    pub fn new(collection: NsidList, action: RepoActions) -> RepoScope {
        RepoScope { collection, action }
    }

    /// The collections.
    pub fn collection(&self) -> &NsidList {
        &self.collection
    }

    /// The actions.
    pub fn action(&self) -> RepoActions {
        self.action
    }

    /// Whether the scope lets the app do `action` on a record of `collection`.
    pub fn allows(&self, collection: &str, action: RepoAction) -> bool {
        self.action.contains(action) && self.collection.contains(collection)
    }

    pub(crate) fn from_params(mut p: Params<'_>) -> Result<RepoScope, ScopeError> {
        p.only(&["collection", "action"])?;
        let collection = p.required_multi("collection")?;
        let collection = NsidList::parse(&p, "collection", collection)?;
        let action = match p.multi("action")? {
            None => RepoActions::ALL,
            Some(values) => {
                let mut parsed = Vec::with_capacity(values.len());
                for v in values {
                    let a = RepoAction::parse(&v).ok_or_else(|| {
                        p.bad_value("action", &v, "expected `create`, `update` or `delete`")
                    })?;
                    parsed.push(a);
                }
                RepoActions::of(parsed).unwrap_or(RepoActions::ALL)
            }
        };
        Ok(RepoScope { collection, action })
    }
}

impl fmt::Display for RepoScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let actions: Vec<(&str, &str)> = if self.action == RepoActions::ALL {
            Vec::new()
        } else {
            self.action.iter().map(|a| ("action", a.as_str())).collect()
        };
        write_scope(f, "repo", "collection", &self.collection.values(), &actions)
    }
}
