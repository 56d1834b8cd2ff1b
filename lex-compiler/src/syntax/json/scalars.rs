//! The scalars of JSON: strings (escapes and surrogate pairs decoded, control characters
//! refused) and numbers (kept as written, with their `i64` value when they have one).

use super::parser::{Parser, Res};
use super::{JsonError, Kind, Node, Span};

impl Parser<'_> {
    pub(super) fn string(&mut self) -> Res<String> {
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

    pub(super) fn number(&mut self) -> Res<Node> {
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
