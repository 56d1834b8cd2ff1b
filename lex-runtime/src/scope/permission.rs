//! [`PermissionSet`] and [`Permission`]: a `permission-set` lexicon's `main` definition as
//! plain data, read from a [`Value`] or written as constants by generated code.
//!
//! Reading never fails on a permission: a key this module does not know, or a known key
//! holding the wrong JSON shape, is recorded, and [`super::expand`] skips that permission
//! (spec section 3: never grant a partially understood permission).

use std::borrow::Cow;
use std::fmt;

use crate::{Map, Value};

/// A list of strings that generated code can write as a constant (`Strs::Static(&[..])`)
/// and a reader can fill at run time (`Strs::Owned`).
#[derive(Clone)]
pub enum Strs {
    /// Borrowed for the program's lifetime.
    Static(&'static [&'static str]),
    /// Owned.
    Owned(Vec<String>),
}

impl Strs {
    /// No strings.
    pub const EMPTY: Strs = Strs::Static(&[]);

    /// The strings in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        let (stat, owned): (&[&str], &[String]) = match self {
            Strs::Static(s) => (s, &[]),
            Strs::Owned(v) => (&[], v),
        };
        // One concrete iterator type for both arms; one side is always empty.
        StrsIter {
            stat: stat.iter(),
            owned: owned.iter(),
        }
    }

    /// The number of strings.
    pub fn len(&self) -> usize {
        self.iter().len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

struct StrsIter<'a> {
    stat: std::slice::Iter<'a, &'static str>,
    owned: std::slice::Iter<'a, String>,
}

impl<'a> Iterator for StrsIter<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        match self.stat.next() {
            Some(s) => Some(s),
            None => self.owned.next().map(String::as_str),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.stat.len() + self.owned.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for StrsIter<'_> {}

impl PartialEq for Strs {
    fn eq(&self, other: &Strs) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Strs {}

impl fmt::Debug for Strs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<String>> for Strs {
    fn from(v: Vec<String>) -> Strs {
        Strs::Owned(v)
    }
}

/// One entry of a permission set's `permissions`, as written (nothing checked but JSON
/// shapes). `None` means the key is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permission {
    /// `resource` (empty when absent or not a string).
    pub resource: Cow<'static, str>,
    /// `collection` (`repo`).
    pub collection: Option<Strs>,
    /// `action` (`repo`).
    pub action: Option<Strs>,
    /// `lxm` (`rpc`).
    pub lxm: Option<Strs>,
    /// `aud` (`rpc`).
    pub aud: Option<Cow<'static, str>>,
    /// `inheritAud` (`rpc`).
    pub inherit_aud: Option<bool>,
    /// Keys that are none of the above nor `type`, `resource` or `description`.
    pub unknown: Strs,
    /// Keys above (or `type`) whose value has the wrong JSON shape.
    pub malformed: Strs,
}

impl Permission {
    /// A permission of `resource` with no parameters; fill the fields from there.
    pub fn new(resource: impl Into<Cow<'static, str>>) -> Permission {
        Permission {
            resource: resource.into(),
            collection: None,
            action: None,
            lxm: None,
            aud: None,
            inherit_aud: None,
            unknown: Strs::EMPTY,
            malformed: Strs::EMPTY,
        }
    }

    /// Reads a permission object (`{"type": "permission", "resource": ..., ...}`).
    pub fn from_map(map: &Map) -> Permission {
        let mut p = Permission::new("");
        let mut unknown = Vec::new();
        let mut malformed = Vec::new();
        for (key, value) in map.iter() {
            let ok = match key {
                "type" => value.as_str() == Some("permission"),
                "resource" => value
                    .as_str()
                    .map(|r| p.resource = r.to_owned().into())
                    .is_some(),
                // Lexicon's documentation field: describes, cannot narrow (module docs).
                "description" => value.as_str().is_some(),
                "collection" => strings(value).map(|v| p.collection = Some(v)).is_some(),
                "action" => strings(value).map(|v| p.action = Some(v)).is_some(),
                "lxm" => strings(value).map(|v| p.lxm = Some(v)).is_some(),
                "aud" => value
                    .as_str()
                    .map(|a| p.aud = Some(a.to_owned().into()))
                    .is_some(),
                "inheritAud" => value.as_bool().map(|b| p.inherit_aud = Some(b)).is_some(),
                _ => {
                    unknown.push(key.to_owned());
                    true
                }
            };
            if !ok {
                malformed.push(key.to_owned());
            }
        }
        if !map.contains_key("type") {
            malformed.push("type".to_owned());
        }
        p.unknown = Strs::Owned(unknown);
        p.malformed = Strs::Owned(malformed);
        p
    }
}

fn strings(value: &Value) -> Option<Strs> {
    let items = value.as_array()?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(item.as_str()?.to_owned());
    }
    Some(Strs::Owned(out))
}

/// A permission set: what an `include:<nsid>` scope stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionSet {
    /// `title`: the short name a consent screen shows.
    pub title: Option<Cow<'static, str>>,
    /// `detail`: the paragraph a consent screen shows.
    pub detail: Option<Cow<'static, str>>,
    /// `permissions`, in order.
    pub permissions: Cow<'static, [Permission]>,
}

/// Why a value is not a permission set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PermissionSetError {
    /// The lexicon has no `defs.main` object.
    NoMain,
    /// `main` is not of type `permission-set`.
    NotAPermissionSet,
    /// `permissions` is absent or not an array.
    NoPermissions,
}

impl fmt::Display for PermissionSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PermissionSetError::NoMain => "the lexicon has no `main` definition",
            PermissionSetError::NotAPermissionSet => "`main` is not a `permission-set`",
            PermissionSetError::NoPermissions => "`permissions` is missing or not an array",
        })
    }
}

impl std::error::Error for PermissionSetError {}

impl PermissionSet {
    /// Reads the `main` definition of a lexicon document.
    pub fn from_lexicon(doc: &Value) -> Result<PermissionSet, PermissionSetError> {
        let main = doc
            .get("defs")
            .and_then(|d| d.get("main"))
            .and_then(Value::as_map)
            .ok_or(PermissionSetError::NoMain)?;
        PermissionSet::from_def(main)
    }

    /// Reads a `permission-set` definition object.
    pub fn from_def(def: &Map) -> Result<PermissionSet, PermissionSetError> {
        if def.get("type").and_then(Value::as_str) != Some("permission-set") {
            return Err(PermissionSetError::NotAPermissionSet);
        }
        let items = def
            .get("permissions")
            .and_then(Value::as_array)
            .ok_or(PermissionSetError::NoPermissions)?;
        let permissions = items
            .iter()
            .map(|item| match item.as_map() {
                Some(map) => Permission::from_map(map),
                None => Permission {
                    malformed: Strs::Static(&["type"]),
                    ..Permission::new("")
                },
            })
            .collect::<Vec<_>>();
        let text = |key: &str| {
            def.get(key)
                .and_then(Value::as_str)
                .map(|s| Cow::Owned(s.to_owned()))
        };
        Ok(PermissionSet {
            title: text("title"),
            detail: text("detail"),
            permissions: Cow::Owned(permissions),
        })
    }
}
