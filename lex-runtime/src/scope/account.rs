//! `account` scopes: [`AccountScope`] (PDS hosting settings: email, repository import).

use std::fmt;

use super::error::ScopeError;
use super::syntax::{write_scope, Params};

/// What an `account` scope is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccountAttr {
    /// `email`: the address and whether it is confirmed.
    Email,
    /// `repo`: the whole repository (`manage` allows importing a CAR, e.g. to migrate).
    Repo,
}

impl AccountAttr {
    /// The attribute as written in scopes.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountAttr::Email => "email",
            AccountAttr::Repo => "repo",
        }
    }

    /// Parses `email` or `repo`.
    pub fn parse(s: &str) -> Option<AccountAttr> {
        [AccountAttr::Email, AccountAttr::Repo]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// What an app may do with an [`AccountAttr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccountAction {
    /// `read` (the default).
    Read,
    /// `manage`: change it; includes `read`.
    Manage,
}

impl AccountAction {
    /// The action as written in scopes.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountAction::Read => "read",
            AccountAction::Manage => "manage",
        }
    }

    /// Parses `read` or `manage`.
    pub fn parse(s: &str) -> Option<AccountAction> {
        [AccountAction::Read, AccountAction::Manage]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// `account:<attr>[?action=manage]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountScope {
    /// The attribute.
    pub attr: AccountAttr,
    /// The action.
    pub action: AccountAction,
}

impl AccountScope {
    /// Whether the scope covers `action` on `attr` (`manage` covers `read`).
    pub fn allows(&self, attr: AccountAttr, action: AccountAction) -> bool {
        self.attr == attr && (self.action == AccountAction::Manage || self.action == action)
    }

    pub(crate) fn from_params(mut p: Params<'_>) -> Result<AccountScope, ScopeError> {
        p.only(&["attr", "action"])?;
        let attr = p.required_single("attr")?;
        let attr = AccountAttr::parse(&attr).ok_or_else(|| {
            let reason = if attr == "status" {
                "the spec defines `email` and `repo` (the reference also takes `status`)"
            } else {
                "expected `email` or `repo`"
            };
            p.bad_value("attr", &attr, reason)
        })?;
        // The spec makes `action` a single string; the reference lets it repeat.
        let action = match p.single("action")? {
            None => AccountAction::Read,
            Some(a) => AccountAction::parse(&a)
                .ok_or_else(|| p.bad_value("action", &a, "expected `read` or `manage`"))?,
        };
        Ok(AccountScope { attr, action })
    }
}

impl fmt::Display for AccountScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = match self.action {
            AccountAction::Read => &[][..],
            AccountAction::Manage => &[("action", "manage")][..],
        };
        write_scope(f, "account", "attr", &[self.attr.as_str()], action)
    }
}
