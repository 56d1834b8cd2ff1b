//! [`Map`]: string-keyed entries kept in DAG-CBOR canonical key order (shorter keys first,
//! then bytewise), so iteration, JSON output and CBOR output are deterministic and the CBOR
//! encoder never has to sort. Lookups are a binary search: records are small.

use std::cmp::Ordering;

use super::Value;

/// DAG-CBOR canonical order of two keys: length first, then bytewise.
#[inline]
pub(crate) fn key_order(a: &str, b: &str) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

/// A map with string keys, in canonical key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty map.
    pub fn new() -> Map {
        Map {
            entries: Vec::new(),
        }
    }

    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> Map {
        Map {
            entries: Vec::with_capacity(n),
        }
    }

    /// Wraps entries already in strictly increasing canonical order (decoders check it).
    pub(crate) fn from_sorted(entries: Vec<(String, Value)>) -> Map {
        debug_assert!(entries
            .windows(2)
            .all(|w| key_order(&w[0].0, &w[1].0) == Ordering::Less));
        Map { entries }
    }

    /// Sorts entries into canonical order; returns the first duplicated key on failure.
    pub(crate) fn from_unsorted(mut entries: Vec<(String, Value)>) -> Result<Map, String> {
        let sorted = entries
            .windows(2)
            .all(|w| key_order(&w[0].0, &w[1].0) == Ordering::Less);
        if !sorted {
            entries.sort_unstable_by(|a, b| key_order(&a.0, &b.0));
            if let Some(w) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(w[0].0.clone());
            }
        }
        Ok(Map { entries })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| key_order(k, key))
    }

    /// The value stored under `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self.find(key) {
            Ok(i) => self.entries.get(i).map(|(_, v)| v),
            Err(_) => None,
        }
    }

    /// The value stored under `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self.find(key) {
            Ok(i) => self.entries.get_mut(i).map(|(_, v)| v),
            Err(_) => None,
        }
    }

    /// True when `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => self
                .entries
                .get_mut(i)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// Entries in canonical order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> + '_ {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Keys in canonical order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    /// Values in canonical key order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> + '_ {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The entries as a slice, in canonical order.
    pub fn as_slice(&self) -> &[(String, Value)] {
        &self.entries
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a str, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a str, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// Later entries replace earlier ones with the same key.
impl<K: Into<String>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Map {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_small() {
        // Links and blobs are boxed so that every array slot and map entry stays small.
        assert!(std::mem::size_of::<Value>() <= 32);
    }

    #[test]
    fn canonical_order_and_lookup() {
        let map: Map = [
            ("bb", Value::Null),
            ("a", Value::Bool(true)),
            ("ab", Value::Integer(1)),
        ]
        .into_iter()
        .collect();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "ab", "bb"]);
        assert_eq!(map.get("ab"), Some(&Value::Integer(1)));
        assert_eq!(map.get("zz"), None);
    }
}
