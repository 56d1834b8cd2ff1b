//! [`SchemaMap`]: schemas by name (a document's `defs`, an object's `properties`).

use std::fmt;

use super::model::Schema;

/// Schemas by name, iterated in name order, with the `BTreeMap` methods readers use.
///
/// A vector sorted by name rather than a `BTreeMap`: most maps hold one to a few entries,
/// and a B-tree allocates a node of eleven slots for the first one (2.9 KB for a
/// one-property object before `Schema` was boxed; issue 10 item 18). The model is built
/// once and then read, so lookups by binary search cost nothing that matters.
#[derive(Clone, PartialEq, Default)]
pub struct SchemaMap {
    /// Sorted by name, names unique.
    entries: Vec<(String, Schema)>,
}

/// The iterator of [`SchemaMap::iter`]: (name, schema) in name order.
#[derive(Debug, Clone)]
pub struct SchemaMapIter<'a>(std::slice::Iter<'a, (String, Schema)>);

impl<'a> Iterator for SchemaMapIter<'a> {
    type Item = (&'a String, &'a Schema);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for SchemaMapIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for SchemaMapIter<'_> {}

impl std::iter::FusedIterator for SchemaMapIter<'_> {}

impl SchemaMap {
    /// An empty map (allocates nothing).
    pub const fn new() -> SchemaMap {
        SchemaMap {
            entries: Vec::new(),
        }
    }

    /// Builds a map from entries in any order; for a repeated name the first entry wins
    /// (the converter keeps the first of duplicate keys, as the span table does).
    pub(crate) fn from_first_wins(mut entries: Vec<(String, Schema)>) -> SchemaMap {
        // Stable, so the first of equal names stays first and `dedup_by` keeps it.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, earlier| later.0 == earlier.0);
        entries.shrink_to_fit();
        SchemaMap { entries }
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// The schema named `name`.
    pub fn get(&self, name: &str) -> Option<&Schema> {
        let i = self.position(name).ok()?;
        self.entries.get(i).map(|(_, v)| v)
    }

    /// The stored name and schema for `name`.
    pub fn get_key_value(&self, name: &str) -> Option<(&String, &Schema)> {
        let i = self.position(name).ok()?;
        self.entries.get(i).map(|(k, v)| (k, v))
    }

    /// Whether a schema is named `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// Adds or replaces the schema named `name`, returning the replaced one.
    pub fn insert(&mut self, name: String, schema: Schema) -> Option<Schema> {
        match self.position(&name) {
            Ok(i) => self
                .entries
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, schema)),
            Err(i) => {
                self.entries.insert(i, (name, schema));
                None
            }
        }
    }

    /// The number of schemas.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every (name, schema), in name order.
    pub fn iter(&self) -> SchemaMapIter<'_> {
        SchemaMapIter(self.entries.iter())
    }

    /// Every name, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Every schema, in name order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Schema> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The first (name, schema) in name order.
    pub fn first_key_value(&self) -> Option<(&String, &Schema)> {
        self.entries.first().map(|(k, v)| (k, v))
    }
}

impl fmt::Debug for SchemaMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The same text as the `BTreeMap` this replaced, so debug snapshots do not move.
        f.debug_map().entries(self.iter()).finish()
    }
}

impl FromIterator<(String, Schema)> for SchemaMap {
    /// As `BTreeMap::from_iter`: for a repeated name the last entry wins.
    fn from_iter<I: IntoIterator<Item = (String, Schema)>>(iter: I) -> SchemaMap {
        let mut entries: Vec<(String, Schema)> = iter.into_iter().collect();
        entries.reverse();
        SchemaMap::from_first_wins(entries)
    }
}

impl<const N: usize> From<[(String, Schema); N]> for SchemaMap {
    fn from(entries: [(String, Schema); N]) -> SchemaMap {
        entries.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a SchemaMap {
    type Item = (&'a String, &'a Schema);
    type IntoIter = SchemaMapIter<'a>;

    fn into_iter(self) -> SchemaMapIter<'a> {
        self.iter()
    }
}

impl IntoIterator for SchemaMap {
    type Item = (String, Schema);
    type IntoIter = std::vec::IntoIter<(String, Schema)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Document;

    #[test]
    fn converted_maps_hold_no_slack() {
        // A lexicon of many one-property objects is the worst case of issue 10 item 18:
        // every map must cost its entries and nothing more.
        let defs: Vec<String> = (0..100)
            .map(|i| {
                format!(
                    r#""d{i}": {{"type": "object", "properties": {{"v": {{"type": "string"}}}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"lexicon": 1, "id": "com.example.many", "defs": {{{}}}}}"#,
            defs.join(",")
        );
        let doc = Document::from_json_str(&text).expect("loads");
        assert_eq!(doc.defs.entries.capacity(), 100);
        for schema in doc.defs.values() {
            let Schema::Object(o) = schema else {
                panic!("not an object: {schema:?}")
            };
            assert_eq!(o.properties.entries.capacity(), 1);
        }
    }
}
