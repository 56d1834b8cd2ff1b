//! [`Path`]: where in the data a checked value sits (`$.embed.images[0].alt`), kept as a
//! list of stack frames while a validator walks the data, so valid data never builds one;
//! the string is rendered only when an error is recorded.

use std::fmt::Write as _;

/// The position of the value being checked: a linked list of frames on the stack of the
/// walk, each pointing at its parent.
///
/// ```
/// use lex_runtime::constraint::Path;
///
/// let root = Path::Root;
/// let images = root.key("images");
/// let first = images.index(0);
/// assert_eq!(first.key("alt").render(), "$.images[0].alt");
/// assert_eq!(root.key("odd key").render(), r#"$["odd key"]"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The validated value itself (`$`).
    Root,
    /// A map entry (field) of the parent.
    Key(&'a Path<'a>, &'a str),
    /// An array element of the parent.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of entry `key` of this map.
    #[inline]
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of element `index` of this array.
    #[inline]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// `$`, `$.a.b[0]`, `$["odd key"]`.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => out.push('$'),
            Path::Key(parent, key) => {
                parent.write(out);
                if is_plain_key(key) {
                    out.push('.');
                    out.push_str(key);
                } else {
                    // Writing into a String cannot fail.
                    let _ = write!(out, "[{key:?}]");
                }
            }
            Path::Index(parent, index) => {
                parent.write(out);
                let _ = write!(out, "[{index}]");
            }
        }
    }
}

/// Keys printed after a dot; anything else is quoted (the same rule as `DataError::path`).
fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-'))
}
