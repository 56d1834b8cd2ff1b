//! The structure of JSON: values, arrays and objects (duplicate keys reported with both
//! spans, nesting bounded by [`MAX_DEPTH`]), and the error helpers the scanner shares.

use super::{JsonError, Kind, Member, Node, Span, MAX_DEPTH};

/// The scanner: a cursor over the text, and the problems that did not stop it.
pub(super) struct Parser<'a> {
    pub(super) src: &'a [u8],
    pub(super) pos: usize,
    pub(super) errors: Vec<JsonError>,
}

pub(super) type Res<T> = Result<T, JsonError>;

impl<'a> Parser<'a> {
    /// A scanner at the start of `text`.
    pub(super) fn new(text: &'a str) -> Parser<'a> {
        Parser {
            src: text.as_bytes(),
            pos: 0,
            errors: Vec::new(),
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    pub(super) fn skip_ws(&mut self) {
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

    pub(super) fn error_at(
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

    pub(super) fn error_here(
        &self,
        id: &'static str,
        message: impl Into<String>,
        label: &'static str,
    ) -> JsonError {
        self.error_at(self.here(), id, message, label)
    }

    pub(super) fn unexpected(&self, expected: &str) -> JsonError {
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

    pub(super) fn value(&mut self, depth: usize) -> Res<Node> {
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
}
