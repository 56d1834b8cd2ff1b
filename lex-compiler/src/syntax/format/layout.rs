//! JSON text -> [`Doc`]: prettier's layout rules for JSON (`--parser json`).
//!
//! The text has already been accepted by the strict scanner (`syntax::json`), so this
//! pass only re-reads tokens to keep their original spelling and the layout facts that
//! prettier looks at:
//! - an object whose first key is on a later line than its `{` stays expanded
//!   (prettier's `objectWrap: "preserve"`); otherwise groups break only when too wide;
//! - a blank line after an object member or array item is kept (one at most);
//! - an array of two or more objects (or of arrays), each with more than one entry,
//!   always breaks; an array of two or more numbers breaks as a fill, many per line;
//! - strings and keys are printed as written, numbers through [`print_number`];
//! - a property never breaks after its colon.

use std::borrow::Cow;

use super::doc::Doc;
use super::number::print_number;

/// How objects are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ObjectWrap {
    /// As prettier does: expanded when the input had a line break after `{`.
    Preserve,
    /// Every non-empty object expanded (the fixed layout of generated documents).
    Expand,
}

/// What a value is, as far as its parent array's layout cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Object(usize),
    Array(usize),
    Number,
    Other,
}

/// Builds the document of the whole text: the value, then a final line break. A UTF-8
/// byte-order mark is kept, as prettier keeps it. `None` if the text is not the JSON
/// the scanner accepted (never expected; the caller reports it rather than panicking).
pub(crate) fn build(text: &str, wrap: ObjectWrap) -> Option<Doc<'_>> {
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut reader = Reader {
        src: body,
        pos: 0,
        wrap,
    };
    let (value, _) = reader.value()?;
    reader.skip_ws();
    if reader.pos != body.len() {
        return None;
    }
    let mut parts = Vec::with_capacity(3);
    if bom {
        // Zero width: the mark does not move the column.
        parts.push(Doc::Text(Cow::Borrowed("\u{FEFF}"), 0));
    }
    parts.push(value);
    parts.push(Doc::HardLine);
    Some(Doc::Concat(parts))
}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
    wrap: ObjectWrap,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn token(&self, start: usize) -> Option<&'a str> {
        self.src.get(start..self.pos)
    }

    fn value(&mut self) -> Option<(Doc<'a>, Shape)> {
        self.skip_ws();
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => Some((Doc::text(self.string()?), Shape::Other)),
            b'-' | b'0'..=b'9' => {
                let start = self.pos;
                self.scalar();
                let raw = self.token(start)?;
                Some((Doc::text(print_number(raw)), Shape::Number))
            }
            _ => {
                let start = self.pos;
                self.scalar();
                let raw = self.token(start)?;
                (!raw.is_empty()).then(|| (Doc::text(raw), Shape::Other))
            }
        }
    }

    /// A number or `true`/`false`/`null`: everything up to the next delimiter.
    fn scalar(&mut self) {
        while let Some(b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'+' | b'-' | b'.') = self.peek() {
            self.pos += 1;
        }
    }

    /// A string token as written, quotes and escapes included.
    fn string(&mut self) -> Option<&'a str> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return self.token(start);
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn object(&mut self) -> Option<(Doc<'a>, Shape)> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some((Doc::text("{}"), Shape::Object(0)));
        }
        let expanded = match self.wrap {
            ObjectWrap::Preserve => self.src.get(open..self.pos)?.contains('\n'),
            ObjectWrap::Expand => true,
        };
        let mut inner = vec![Doc::Line];
        let mut count = 0;
        loop {
            self.skip_ws();
            let key = self.string()?;
            self.expect(b':')?;
            let (value, _) = self.value()?;
            let blank = self.next_line_empty();
            count += 1;
            inner.push(Doc::Concat(vec![Doc::text(key), Doc::text(": "), value]));
            self.skip_ws();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    inner.push(Doc::text(","));
                    inner.push(Doc::Line);
                    if blank {
                        inner.push(Doc::HardLine);
                    }
                }
                b'}' => {
                    self.pos += 1;
                    break;
                }
                _ => return None,
            }
        }
        let doc = Doc::Concat(vec![
            Doc::text("{"),
            Doc::Indent(Box::new(Doc::Concat(inner))),
            Doc::Line,
            Doc::text("}"),
        ]);
        Some((Doc::group(doc, expanded), Shape::Object(count)))
    }

    fn array(&mut self) -> Option<(Doc<'a>, Shape)> {
        self.pos += 1;
        self.skip_ws();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some((Doc::text("[]"), Shape::Array(0)));
        }
        let mut items = Vec::new();
        loop {
            let (doc, shape) = self.value()?;
            let blank = self.next_line_empty();
            items.push((doc, shape, blank));
            self.skip_ws();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    break;
                }
                _ => return None,
            }
        }
        let count = items.len();
        let concise = count > 1 && items.iter().all(|(_, shape, _)| *shape == Shape::Number);
        let should_break = count > 1 && all_multi_entry_same_kind(&items);
        let body = if concise {
            Doc::Fill(fill_items(items))
        } else {
            Doc::Concat(joined_items(items))
        };
        let doc = Doc::Concat(vec![
            Doc::text("["),
            Doc::Indent(Box::new(Doc::Concat(vec![Doc::SoftLine, body]))),
            Doc::SoftLine,
            Doc::text("]"),
        ]);
        Some((Doc::group(doc, should_break), Shape::Array(count)))
    }

    /// Whether a blank line follows the value that ends at the cursor (prettier's
    /// `isNextLineEmpty`): skip spaces, tabs and commas, one line break, then spaces and
    /// tabs; another line break there means a blank line.
    fn next_line_empty(&self) -> bool {
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        while let Some(b' ' | b'\t' | b',') = bytes.get(i) {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            Some(b'\n' | b'\r') => i += 1,
            _ => return false,
        }
        while let Some(b' ' | b'\t') = bytes.get(i) {
            i += 1;
        }
        matches!(bytes.get(i), Some(b'\n' | b'\r'))
    }
}

type Item<'a> = (Doc<'a>, Shape, bool);

/// Whether every item is an object, or every item an array, with more than one entry
/// each: such an array is printed one item per line even when it would fit.
fn all_multi_entry_same_kind(items: &[Item<'_>]) -> bool {
    let all_objects = items
        .iter()
        .all(|(_, shape, _)| matches!(shape, Shape::Object(n) if *n > 1));
    let all_arrays = items
        .iter()
        .all(|(_, shape, _)| matches!(shape, Shape::Array(n) if *n > 1));
    all_objects || all_arrays
}

/// Items separated by `,` and a line (plus a soft line where the input had a blank line).
fn joined_items(items: Vec<Item<'_>>) -> Vec<Doc<'_>> {
    let last = items.len().saturating_sub(1);
    let mut parts = Vec::with_capacity(items.len() * 3);
    for (i, (doc, _, blank)) in items.into_iter().enumerate() {
        parts.push(doc);
        if i < last {
            parts.push(Doc::text(","));
            parts.push(Doc::Line);
            if blank {
                parts.push(Doc::SoftLine);
            }
        }
    }
    parts
}

/// Fill parts for an array of numbers: `[n1 ",", line, n2 ",", line, n3]`; a blank line
/// in the input becomes two hard lines.
fn fill_items(items: Vec<Item<'_>>) -> Vec<Doc<'_>> {
    let last = items.len().saturating_sub(1);
    let mut parts = Vec::with_capacity(items.len() * 2);
    for (i, (doc, _, blank)) in items.into_iter().enumerate() {
        if i < last {
            parts.push(Doc::Concat(vec![doc, Doc::text(",")]));
            parts.push(if blank {
                Doc::Concat(vec![Doc::HardLine, Doc::HardLine])
            } else {
                Doc::Line
            });
        } else {
            parts.push(doc);
        }
    }
    parts
}
