//! Lexicon JSON text -> a spanned JSON tree ([`Node`]), strict RFC 8259.
//!
//! Hand-written rather than taken from a crate because we need all of: the exact byte
//! span of every key and value, duplicate keys reported (with both spans) instead of
//! silently merged, a hard nesting limit so hostile input cannot overflow the stack, and
//! numbers kept as written (so a huge integer is reported, not rounded). `serde_json`
//! gives no spans; `jsonc-parser` gives spans but neither duplicate-key errors nor a
//! documented depth bound. The grammar is small enough that owning it is cheaper.

use lex_runtime::schema::{JsonNumber, JsonTree, JsonView};

/// Deepest nesting of arrays/objects accepted (the same bound as `serde_json`).
pub(crate) const MAX_DEPTH: usize = 128;

/// A byte range `start..end` in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn to_source_span(self) -> miette::SourceSpan {
        (self.start, self.end.saturating_sub(self.start)).into()
    }
}

/// One JSON value with its span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    /// The number's text as written, and its value when it is an `i64` integer.
    Number {
        text: String,
        int: Option<i64>,
    },
    String(String),
    Array(Vec<Node>),
    /// Members in source order; a duplicate key is reported and left out.
    Object(Vec<Member>),
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub(crate) key: String,
    pub(crate) key_span: Span,
    pub(crate) value: Node,
}

/// A problem found by the scanner.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JsonError {
    /// Kebab-case id (the diagnostic code is `lex::parse::<id>`).
    pub(crate) id: &'static str,
    pub(crate) message: String,
    pub(crate) label: &'static str,
    pub(crate) span: Span,
    /// For duplicate keys: where the key was first seen.
    pub(crate) first: Option<Span>,
}

/// Parses `text`. A syntax error stops the scan (nothing after it can be trusted); duplicate
/// keys do not, so every one of them is reported.
pub(crate) fn parse(text: &str) -> (Option<Node>, Vec<JsonError>) {
    let mut p = Parser {
        src: text.as_bytes(),
        pos: 0,
        errors: Vec::new(),
    };
    // A UTF-8 byte-order mark is tolerated: editors on some platforms write one.
    if p.src.starts_with(&[0xEF, 0xBB, 0xBF]) {
        p.pos = 3;
    }
    let result = p.value(0).and_then(|node| {
        p.skip_ws();
        if p.pos < p.src.len() {
            Err(p.error_here(
                "trailing-content",
                "unexpected content after the JSON value",
                "not part of the document",
            ))
        } else {
            Ok(node)
        }
    });
    match result {
        Ok(node) => (Some(node), p.errors),
        Err(e) => {
            p.errors.push(e);
            (None, p.errors)
        }
    }
}

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    errors: Vec<JsonError>,
}

type Res<T> = Result<T, JsonError>;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// The span of the character at the cursor (empty at end of input).
    fn here(&self) -> Span {
        let len = match self.peek() {
            None => 0,
            Some(b) if b < 0x80 => 1,
            Some(_) => {
                let rest = self.src.get(self.pos..).unwrap_or_default();
                let s = std::str::from_utf8(rest)
                    .ok()
                    .and_then(|s| s.chars().next());
                s.map_or(1, char::len_utf8)
            }
        };
        Span {
            start: self.pos,
            end: self.pos + len,
        }
    }

    fn error_at(
        &self,
        span: Span,
        id: &'static str,
        message: impl Into<String>,
        label: &'static str,
    ) -> JsonError {
        JsonError {
            id,
            message: message.into(),
            label,
            span,
            first: None,
        }
    }

    fn error_here(
        &self,
        id: &'static str,
        message: impl Into<String>,
        label: &'static str,
    ) -> JsonError {
        self.error_at(self.here(), id, message, label)
    }

    fn unexpected(&self, expected: &str) -> JsonError {
        match self.peek() {
            None => self.error_here(
                "unexpected-end",
                format!("unexpected end of input, expected {expected}"),
                "input ends here",
            ),
            Some(_) => {
                let span = self.here();
                let found =
                    std::str::from_utf8(self.src.get(span.start..span.end).unwrap_or_default())
                        .unwrap_or("?");
                self.error_at(
                    span,
                    "unexpected-character",
                    format!("unexpected `{}`, expected {expected}", found.escape_debug()),
                    "unexpected character",
                )
            }
        }
    }

    fn value(&mut self, depth: usize) -> Res<Node> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node {
                    span: Span {
                        start,
                        end: self.pos,
                    },
                    kind: Kind::String(s),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Kind::Bool(true)),
            Some(b'f') => self.literal("false", Kind::Bool(false)),
            Some(b'n') => self.literal("null", Kind::Null),
            _ => Err(self.unexpected("a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Res<Node> {
        let start = self.pos;
        let end = start + word.len();
        if self.src.get(start..end) == Some(word.as_bytes()) {
            self.pos = end;
            Ok(Node {
                span: Span { start, end },
                kind,
            })
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn enter(&self, depth: usize) -> Res<usize> {
        if depth >= MAX_DEPTH {
            Err(self.error_here(
                "too-deep",
                format!("nesting deeper than {MAX_DEPTH} levels"),
                "too deeply nested",
            ))
        } else {
            Ok(depth + 1)
        }
    }

    fn array(&mut self, depth: usize) -> Res<Node> {
        let depth = self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node {
                span: Span {
                    start,
                    end: self.pos,
                },
                kind: Kind::Array(items),
            });
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    // The tree lives until the model and spans are built: growth slack
                    // would be most of its size (most containers hold a few values).
                    items.shrink_to_fit();
                    return Ok(Node {
                        span: Span {
                            start,
                            end: self.pos,
                        },
                        kind: Kind::Array(items),
                    });
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Res<Node> {
        let depth = self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        // Key -> index in `members`: a linear scan per key would make a hostile object with
        // many keys quadratic.
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node {
                span: Span {
                    start,
                    end: self.pos,
                },
                kind: Kind::Object(members),
            });
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a string key"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:`"));
            }
            self.pos += 1;
            let value = self.value(depth)?;
            match seen.get(&key).and_then(|&i| members.get(i)) {
                Some(first) => self.errors.push(JsonError {
                    id: "duplicate-key",
                    message: format!("duplicate key `{}`", key.escape_debug()),
                    label: "duplicate key",
                    span: key_span,
                    first: Some(first.key_span),
                }),
                None => {
                    seen.insert(key.clone(), members.len());
                    members.push(Member {
                        key,
                        key_span,
                        value,
                    });
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    members.shrink_to_fit();
                    return Ok(Node {
                        span: Span {
                            start,
                            end: self.pos,
                        },
                        kind: Kind::Object(members),
                    });
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn string(&mut self) -> Res<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The input is a `&str` and the run stops only at ASCII bytes, so it is UTF-8.
            out.push_str(
                std::str::from_utf8(self.src.get(run_start..self.pos).unwrap_or_default())
                    .unwrap_or_default(),
            );
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        Span {
                            start: open,
                            end: self.pos,
                        },
                        "unterminated-string",
                        "unterminated string",
                        "string starts here",
                    ));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(_) => {
                    return Err(self.error_here(
                        "control-character",
                        "unescaped control character in string",
                        "escape this character",
                    ))
                }
            }
        }
    }

    fn escape(&mut self) -> Res<char> {
        let start = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4(start)?;
                if (0xD800..0xDC00).contains(&hi) {
                    if self.src.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.bad_escape(start, "unpaired surrogate in `\\u` escape"));
                    }
                    self.pos += 2;
                    let lo = self.hex4(start)?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.bad_escape(start, "unpaired surrogate in `\\u` escape"));
                    }
                    let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return char::from_u32(code)
                        .ok_or_else(|| self.bad_escape(start, "invalid `\\u` escape"));
                }
                return char::from_u32(hi)
                    .ok_or_else(|| self.bad_escape(start, "unpaired surrogate in `\\u` escape"));
            }
            _ => return Err(self.bad_escape(start, "invalid escape sequence")),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self, escape_start: usize) -> Res<u32> {
        let digits = self
            .src
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.bad_escape(escape_start, "incomplete `\\u` escape"))?;
        let mut v = 0u32;
        for &d in digits {
            let n = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.bad_escape(escape_start, "invalid `\\u` escape"))?;
            v = v * 16 + n;
        }
        self.pos += 4;
        Ok(v)
    }

    fn bad_escape(&self, start: usize, message: &str) -> JsonError {
        let end = (self.pos + 1).min(self.src.len()).max(start + 1);
        self.error_at(
            Span { start, end },
            "invalid-escape",
            message,
            "invalid escape",
        )
    }

    fn number(&mut self) -> Res<Node> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integral = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit"));
            }
            self.digits();
        }
        let text = std::str::from_utf8(self.src.get(start..self.pos).unwrap_or_default())
            .unwrap_or_default()
            .to_owned();
        let int = if integral {
            text.parse::<i64>().ok()
        } else {
            None
        };
        Ok(Node {
            span: Span {
                start,
                end: self.pos,
            },
            kind: Kind::Number { text, int },
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

impl JsonTree for Node {
    fn view(&self) -> JsonView<'_, Self> {
        match &self.kind {
            Kind::Null => JsonView::Null,
            Kind::Bool(b) => JsonView::Bool(*b),
            Kind::Number { int, .. } => {
                JsonView::Number(int.map_or(JsonNumber::Other, JsonNumber::Integer))
            }
            Kind::String(s) => JsonView::String(s),
            Kind::Array(items) => JsonView::Array(items.iter().collect()),
            Kind::Object(members) => {
                JsonView::Object(members.iter().map(|m| (m.key.as_str(), &m.value)).collect())
            }
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match &self.kind {
            Kind::Null => serde_json::Value::Null,
            Kind::Bool(b) => serde_json::Value::Bool(*b),
            Kind::Number { text, int } => match int {
                Some(i) => serde_json::Value::from(*i),
                None => text
                    .parse::<u64>()
                    .ok()
                    .map(serde_json::Number::from)
                    .or_else(|| {
                        text.parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                    })
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
            },
            Kind::String(s) => serde_json::Value::String(s.clone()),
            Kind::Array(items) => {
                serde_json::Value::Array(items.iter().map(JsonTree::to_json).collect())
            }
            Kind::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        parse(text).1.into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn spans_cover_keys_and_values() {
        let (node, errors) = parse(r#" {"a": [1, "x"], "b": null} "#);
        assert!(errors.is_empty());
        let Some(Node {
            span,
            kind: Kind::Object(members),
        }) = node
        else {
            panic!("not an object")
        };
        assert_eq!(span, Span { start: 1, end: 27 });
        assert_eq!(members.len(), 2);
        assert_eq!(
            members.first().map(|m| m.key_span),
            Some(Span { start: 2, end: 5 })
        );
        assert_eq!(
            members.first().map(|m| m.value.span),
            Some(Span { start: 7, end: 15 })
        );
    }

    #[test]
    fn containers_hold_no_growth_slack() {
        // The tree lives while the model and spans are built (issue 10 item 18).
        fn check(node: &Node) {
            match &node.kind {
                Kind::Array(items) => {
                    assert_eq!(items.capacity(), items.len());
                    items.iter().for_each(check);
                }
                Kind::Object(members) => {
                    assert_eq!(members.capacity(), members.len());
                    members.iter().for_each(|m| check(&m.value));
                }
                _ => {}
            }
        }
        let (node, errors) = parse(r#"{"a": {"b": [1, 2, 3, {"c": []}], "d": {}}, "e": [[]]}"#);
        assert!(errors.is_empty());
        check(&node.expect("parses"));
    }

    #[test]
    fn strings_and_escapes() {
        let (node, errors) = parse(r#""a\n\u00e9\ud83d\ude00\/""#);
        assert!(errors.is_empty());
        assert_eq!(node.map(|n| n.kind), Some(Kind::String("a\né😀/".into())));
        assert_eq!(ids(r#""\ud800""#), ["invalid-escape"]);
        assert_eq!(ids(r#""\x""#), ["invalid-escape"]);
        assert_eq!(ids("\"a\u{1}\""), ["control-character"]);
        assert_eq!(ids(r#""abc"#), ["unterminated-string"]);
        assert_eq!(ids(r#""\u12"#), ["invalid-escape"]);
    }

    #[test]
    fn numbers() {
        let (node, _) = parse("-12");
        assert_eq!(
            node.map(|n| n.kind),
            Some(Kind::Number {
                text: "-12".into(),
                int: Some(-12)
            })
        );
        let (node, _) = parse("123456789012345678901234567890");
        assert!(matches!(
            node.map(|n| n.kind),
            Some(Kind::Number { int: None, .. })
        ));
        for bad in ["01", "1.", "-", ".5", "1e", "+1"] {
            assert!(!ids(bad).is_empty(), "{bad} accepted");
        }
    }

    #[test]
    fn rejects_bad_structure() {
        assert_eq!(ids(r#"{"a": 1,}"#), ["unexpected-character"]);
        assert_eq!(ids("[1 2]"), ["unexpected-character"]);
        assert_eq!(ids("{} x"), ["trailing-content"]);
        assert_eq!(ids(""), ["unexpected-end"]);
        assert_eq!(ids("[1,"), ["unexpected-end"]);
        assert_eq!(ids("nul"), ["unexpected-character"]);
        assert_eq!(
            ids(r#"{"a": 1, "a": 2, "a": 3}"#),
            ["duplicate-key", "duplicate-key"]
        );
    }

    #[test]
    fn bounds_depth() {
        let deep = "[".repeat(100_000);
        assert_eq!(ids(&deep), ["too-deep"]);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(ids(&ok).is_empty());
    }
}
