//! The span side table: JSON pointer -> byte spans of the key and the value.
//!
//! Built once per document and read by every later stage, so its size is paid per JSON
//! value: one fixed-size entry per value in a flat vector, and the member names in one
//! string, instead of a map from each value's full pointer (which cost about 1.2 KB per
//! definition in allocations; issue 10 item 18). A lookup walks the pointer from the root,
//! one array index or binary search per reference token.

use std::borrow::Cow;

use miette::SourceSpan;

use super::json::{Kind, Node};

/// Where one JSON value sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key's span (with quotes), for object members.
    pub key: Option<SourceSpan>,
    /// The value's span.
    pub value: SourceSpan,
}

/// Byte spans of every value of a document, by RFC 6901 JSON pointer (`""` is the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanMap {
    /// The root first; the children of each array or object form one contiguous run,
    /// array items in order and object members sorted by name.
    entries: Vec<Entry>,
    /// Member names (decoded) in entry order: entry `i`'s name ends at its `name_end` and
    /// starts where entry `i - 1`'s ends (entries that are not members add nothing).
    names: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    value: SourceSpan,
    /// The key's span; meaningful only for members.
    key: SourceSpan,
    name_end: u32,
    first_child: u32,
    child_count: u32,
    member: bool,
}

impl SpanMap {
    pub(crate) fn build(root: &Node) -> SpanMap {
        let mut map = SpanMap::default();
        map.entries.push(Entry {
            value: root.span.to_source_span(),
            key: root.span.to_source_span(),
            name_end: 0,
            first_child: 0,
            child_count: 0,
            member: false,
        });
        // An explicit stack: the tree is depth-bounded, but this costs nothing and keeps
        // span building independent of that bound.
        let mut stack = vec![(0usize, root)];
        while let Some((at, node)) = stack.pop() {
            let first = map.entries.len();
            match &node.kind {
                Kind::Array(items) => {
                    for item in items {
                        stack.push((map.entries.len(), item));
                        if !map.push(None, item) {
                            break;
                        }
                    }
                }
                Kind::Object(members) => {
                    // The scanner drops duplicate keys, so names are unique.
                    let mut sorted: Vec<_> = members.iter().collect();
                    sorted.sort_unstable_by(|a, b| a.key.cmp(&b.key));
                    for m in sorted {
                        stack.push((map.entries.len(), &m.value));
                        if !map.push(Some((&m.key, m.key_span.to_source_span())), &m.value) {
                            break;
                        }
                    }
                }
                _ => continue,
            }
            let (Ok(first), Ok(count)) = (
                u32::try_from(first),
                u32::try_from(map.entries.len() - first),
            ) else {
                break;
            };
            if let Some(entry) = map.entries.get_mut(at) {
                entry.first_child = first;
                entry.child_count = count;
            }
        }
        map.entries.shrink_to_fit();
        map.names.shrink_to_fit();
        map
    }

    /// Appends the entry of `node`; false when indexes no longer fit in `u32` (more than
    /// 4 Gi values or 4 GiB of names, far past what fits in memory as a model), after
    /// which the rest of the document resolves to its nearest recorded ancestor.
    fn push(&mut self, member: Option<(&str, SourceSpan)>, node: &Node) -> bool {
        if u32::try_from(self.entries.len()).is_err() {
            return false;
        }
        let value = node.span.to_source_span();
        if let Some((name, _)) = member {
            self.names.push_str(name);
        }
        let Ok(name_end) = u32::try_from(self.names.len()) else {
            return false;
        };
        self.entries.push(Entry {
            value,
            key: member.map_or(value, |(_, key)| key),
            name_end,
            first_child: 0,
            child_count: 0,
            member: member.is_some(),
        });
        true
    }

    /// The spans at exactly `pointer`.
    pub fn get(&self, pointer: &str) -> Option<NodeSpan> {
        match self.walk(pointer)? {
            (entry, None) => Some(NodeSpan {
                key: entry.member.then_some(entry.key),
                value: entry.value,
            }),
            (_, Some(_)) => None,
        }
    }

    /// The value span at `pointer`, or of its nearest existing ancestor.
    pub fn value(&self, pointer: &str) -> SourceSpan {
        self.walk(pointer)
            .map_or_else(|| (0, 0).into(), |(entry, _)| entry.value)
    }

    /// The key span at `pointer` (the value span for array items and the root).
    pub fn key(&self, pointer: &str) -> SourceSpan {
        match self.walk(pointer) {
            Some((entry, None)) if entry.member => entry.key,
            Some((entry, _)) => entry.value,
            None => (0, 0).into(),
        }
    }

    /// Where to point for a field that is absent: the key of the nearest existing
    /// ancestor, or its opening brace (a whole multi-line object would be a poor label).
    pub fn missing_at(&self, pointer: &str) -> SourceSpan {
        match self.walk(pointer) {
            Some((entry, None)) => entry.value,
            Some((entry, Some(_))) if entry.member => entry.key,
            Some((entry, Some(_))) => (entry.value.offset(), 1).into(),
            None => (0, 0).into(),
        }
    }

    /// The entry at `pointer`, or at its nearest existing ancestor with the part of the
    /// pointer that did not resolve; `None` when not even the root matches (a non-empty
    /// pointer must start with `/`).
    fn walk<'p>(&self, pointer: &'p str) -> Option<(&Entry, Option<&'p str>)> {
        let mut at = 0;
        let mut unresolved = pointer.strip_prefix('/');
        if unresolved.is_none() && !pointer.is_empty() {
            return None;
        }
        while let Some(rest) = unresolved {
            let (token, next) = match rest.split_once('/') {
                Some((token, next)) => (token, Some(next)),
                None => (rest, None),
            };
            match self.child(at, token) {
                Some(child) => at = child,
                None => break,
            }
            unresolved = next;
        }
        Some((self.entries.get(at)?, unresolved))
    }

    /// The index of the child of entry `parent` named by one reference token (as
    /// `pointer_push` writes it).
    fn child(&self, parent: usize, token: &str) -> Option<usize> {
        let parent = self.entries.get(parent)?;
        let first = parent.first_child as usize;
        let end = first.saturating_add(parent.child_count as usize);
        if !self.entries.get(first)?.member {
            // Array items: the index as `usize::to_string` spells it (no sign, no leading
            // zero), so exactly one pointer names each item.
            if token.is_empty()
                || (token.len() > 1 && token.starts_with('0'))
                || !token.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let i = first.checked_add(token.parse::<usize>().ok()?)?;
            return (i < end).then_some(i);
        }
        let name = unescape(token)?;
        let (mut lo, mut hi) = (first, end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.name(mid).cmp(&*name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The member name of entry `i` (empty for array items and the root).
    fn name(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .and_then(|prev| self.entries.get(prev))
            .map_or(0, |prev| prev.name_end as usize);
        let end = self.entries.get(i).map_or(0, |e| e.name_end as usize);
        self.names.get(start..end).unwrap_or_default()
    }
}

/// A reference token back to the member name (`~1` is `/`, `~0` is `~`); `None` for a
/// token `pointer_push` cannot have written (any other `~`).
fn unescape(token: &str) -> Option<Cow<'_, str>> {
    if !token.contains('~') {
        return Some(Cow::Borrowed(token));
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        match c {
            '~' => match chars.next()? {
                '0' => out.push('~'),
                '1' => out.push('/'),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use lex_runtime::schema::pointer_push;

    use super::*;
    use crate::syntax::json;

    /// The table this one replaced: every value's full pointer in a map, with the lookup
    /// rules written the obvious way. Both must answer every question alike.
    struct Reference(BTreeMap<String, NodeSpan>);

    impl Reference {
        fn build(node: &Node, pointer: String, key: Option<SourceSpan>, out: &mut Self) {
            match &node.kind {
                Kind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        Self::build(item, pointer_push(&pointer, &i.to_string()), None, out);
                    }
                }
                Kind::Object(members) => {
                    for m in members {
                        let key = Some(m.key_span.to_source_span());
                        Self::build(&m.value, pointer_push(&pointer, &m.key), key, out);
                    }
                }
                _ => {}
            }
            let value = node.span.to_source_span();
            out.0.insert(pointer, NodeSpan { key, value });
        }

        fn nearest(&self, pointer: &str) -> Option<&NodeSpan> {
            let mut p = pointer;
            loop {
                if let Some(s) = self.0.get(p) {
                    return Some(s);
                }
                p = p.get(..p.rfind('/')?)?;
            }
        }

        fn value(&self, pointer: &str) -> SourceSpan {
            self.nearest(pointer).map_or((0, 0).into(), |s| s.value)
        }

        fn key(&self, pointer: &str) -> SourceSpan {
            match self.0.get(pointer) {
                Some(NodeSpan { key: Some(key), .. }) => *key,
                _ => self.value(pointer),
            }
        }

        fn missing_at(&self, pointer: &str) -> SourceSpan {
            if let Some(s) = self.0.get(pointer) {
                return s.value;
            }
            match self.nearest(pointer) {
                Some(NodeSpan { key: Some(key), .. }) => *key,
                Some(s) => (s.value.offset(), 1).into(),
                None => (0, 0).into(),
            }
        }
    }

    fn assert_same_answers(text: &str) {
        let (Some(root), _) = json::parse(text) else {
            panic!("not JSON: {text}")
        };
        let map = SpanMap::build(&root);
        let mut reference = Reference(BTreeMap::new());
        Reference::build(&root, String::new(), None, &mut reference);
        let mut pointers: Vec<String> = Vec::new();
        for p in reference.0.keys() {
            // Each value, and pointers just past it that name nothing.
            for suffix in [
                "", "/", "/0", "/00", "/01", "/x", "/~", "/~2", "/~1", "/a/b",
            ] {
                pointers.push(format!("{p}{suffix}"));
            }
        }
        pointers
            .extend(["x", "x/defs", "~0", "/-1", "/+1", "/18446744073709551616"].map(String::from));
        for p in &pointers {
            assert_eq!(
                map.get(p),
                reference.0.get(p).copied(),
                "get {p:?} in {text}"
            );
            assert_eq!(map.value(p), reference.value(p), "value {p:?} in {text}");
            assert_eq!(map.key(p), reference.key(p), "key {p:?} in {text}");
            assert_eq!(
                map.missing_at(p),
                reference.missing_at(p),
                "missing_at {p:?}"
            );
        }
    }

    #[test]
    fn answers_as_a_map_of_full_pointers_did() {
        assert_same_answers("1");
        assert_same_answers("[]");
        assert_same_answers("{}");
        assert_same_answers(r#"{"": {"": [1]}, "0": [[], {}, [2, [3]]], "00": 4}"#);
        assert_same_answers(r#"{"a/b": {"~": 1, "~1": 2, "/": 3}, "a": {"b": 4}, "x": null}"#);
        assert_same_answers(r#"{"é": 1, "e": 2, "\u00e9\"": 3, "z": [0,1,2,3,4,5,6,7,8,9,10,11]}"#);
        // A duplicate key is left out by the scanner; the first one keeps its spans.
        assert_same_answers(r#"{"b": 1, "a": {"c": 2}, "b": [3]}"#);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../lexicons");
        let mut stack = vec![std::path::PathBuf::from(dir)];
        let mut files = 0;
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                let entries = std::fs::read_dir(&path).expect("lexicons folder");
                stack.extend(entries.map(|e| e.expect("folder entry").path()));
            } else if path.extension().is_some_and(|e| e == "json") {
                assert_same_answers(&std::fs::read_to_string(&path).expect("lexicon"));
                files += 1;
            }
        }
        assert!(files > 0, "no lexicons under {dir}");
    }

    #[test]
    fn one_entry_per_value() {
        let (Some(root), _) = json::parse(r#"{"defs": {"a": {"type": "string"}}, "b": [1, 2]}"#)
        else {
            panic!("not JSON")
        };
        let map = SpanMap::build(&root);
        // The root, defs, a, type, b, 1, 2; names stored once each, without pointers.
        assert_eq!(map.entries.len(), 7);
        assert_eq!(map.names, "bdefsatype");
    }
}
