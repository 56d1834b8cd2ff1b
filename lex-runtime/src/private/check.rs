//! What a generated `validate()` calls: [`Checker`] collects [`ValidationError`]s with
//! paths, one method per kind of constraint. The checks and their order follow the dynamic
//! validator (`crate::validate`), so both accept and reject the same data.

use unicode_segmentation::UnicodeSegmentation;

use crate::validate::{ValidationError, ValidationErrors};
use crate::{BlobRef, Value};

/// The position of the checked value, a list of frames on the stack of the walk (valid data
/// never renders one).
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The validated value itself (`$`).
    Root,
    /// A field of the parent.
    Key(&'a Path<'a>, &'static str),
    /// An element of the parent array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of field `key`.
    #[inline]
    pub fn key(&'a self, key: &'static str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of element `index`.
    #[inline]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => out.push('$'),
            Path::Key(parent, key) => {
                parent.write(out);
                let plain = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-'));
                if plain {
                    out.push('.');
                    out.push_str(key);
                } else {
                    out.push_str(&format!("[{key:?}]"));
                }
            }
            Path::Index(parent, index) => {
                parent.write(out);
                out.push_str(&format!("[{index}]"));
            }
        }
    }

    /// `$`, `$.a.b[0]`, `$["odd key"]`.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write(&mut out);
        out
    }
}

/// The constraints of a `string` (lengths in UTF-8 bytes and in grapheme clusters).
#[derive(Debug, Clone, Copy, Default)]
pub struct StrRule {
    /// `minLength`
    pub min_len: Option<u64>,
    /// `maxLength`
    pub max_len: Option<u64>,
    /// `minGraphemes`
    pub min_graphemes: Option<u64>,
    /// `maxGraphemes`
    pub max_graphemes: Option<u64>,
    /// `const`
    pub const_value: Option<&'static str>,
    /// `enum` (closed enums are generated as Rust enums; this serves `const`-like checks)
    pub enum_values: Option<&'static [&'static str]>,
    /// `format: cid` (kept as a `String`, checked here)
    pub cid: bool,
}

/// The constraints of an `integer`.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntRule {
    /// `minimum`
    pub minimum: Option<i64>,
    /// `maximum`
    pub maximum: Option<i64>,
    /// `const`
    pub const_value: Option<i64>,
    /// `enum`
    pub enum_values: Option<&'static [i64]>,
}

/// Collects the errors of one validation.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<ValidationError>,
}

impl Checker {
    /// An empty checker.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// `Ok` when nothing was reported.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors::new(self.errors, false))
        }
    }

    /// Records an error at `path`.
    #[cold]
    pub fn report(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.errors
            .push(ValidationError::new(path.render(), message));
    }

    /// A `string`'s constraints.
    pub fn string(&mut self, s: &str, path: &Path<'_>, rule: &StrRule) {
        if let Some(c) = rule.const_value.filter(|c| *c != s) {
            self.report(path, format!("value {s:?} is not {c:?} (const)"));
        }
        if let Some(allowed) = rule.enum_values.filter(|a| !a.contains(&s)) {
            self.report(
                path,
                format!("value {s:?} is not one of the allowed values {allowed:?}"),
            );
        }
        let len = s.len() as u64;
        if let Some(min) = rule.min_len.filter(|&m| len < m) {
            self.report(
                path,
                format!("string is {len} bytes long, shorter than the minimum {min}"),
            );
        }
        if let Some(max) = rule.max_len.filter(|&m| len > m) {
            self.report(
                path,
                format!("string is {len} bytes long, longer than the maximum {max}"),
            );
        }
        let (min, max) = (rule.min_graphemes, rule.max_graphemes);
        // A string never has more graphemes than bytes: count only when that cannot decide.
        let count_needed = max.is_some_and(|m| len > m) || min.is_some_and(|m| len >= m);
        if let Some(m) = min.filter(|&m| len < m) {
            self.report(
                path,
                format!("string has fewer than {m} graphemes (only {len} bytes)"),
            );
        }
        if count_needed {
            let count = s.graphemes(true).count() as u64;
            if let Some(m) = min.filter(|&m| len >= m && count < m) {
                self.report(
                    path,
                    format!("string has {count} graphemes, fewer than the minimum {m}"),
                );
            }
            if let Some(m) = max.filter(|&m| count > m) {
                self.report(
                    path,
                    format!("string has more than {m} graphemes (the maximum)"),
                );
            }
        }
        if rule.cid {
            if let Err(e) = crate::Cid::check_syntax(s) {
                self.report(path, format!("invalid CID string: {e}"));
            }
        }
    }

    /// An `integer`'s constraints.
    pub fn integer(&mut self, i: i64, path: &Path<'_>, rule: &IntRule) {
        if let Some(c) = rule.const_value.filter(|&c| c != i) {
            self.report(path, format!("value {i} is not {c} (const)"));
        }
        if let Some(allowed) = rule.enum_values.filter(|a| !a.contains(&i)) {
            self.report(
                path,
                format!("value {i} is not one of the allowed values {allowed:?}"),
            );
        }
        if let Some(min) = rule.minimum.filter(|&m| i < m) {
            self.report(path, format!("value {i} is less than the minimum {min}"));
        }
        if let Some(max) = rule.maximum.filter(|&m| i > m) {
            self.report(path, format!("value {i} is greater than the maximum {max}"));
        }
    }

    /// A `boolean`'s `const`.
    pub fn boolean(&mut self, b: bool, path: &Path<'_>, const_value: bool) {
        if b != const_value {
            self.report(path, format!("value must be {const_value} (const)"));
        }
    }

    /// A length (array elements, bytes) against `[min, max]`.
    pub fn length(&mut self, len: usize, path: &Path<'_>, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if let Some(min) = min.filter(|&m| len < m) {
            self.report(path, format!("length {len} is less than the minimum {min}"));
        }
        if let Some(max) = max.filter(|&m| len > m) {
            self.report(
                path,
                format!("length {len} is greater than the maximum {max}"),
            );
        }
    }

    /// A `blob`'s `accept` and `maxSize`; legacy blobs are refused, as the dynamic validator
    /// does by default.
    pub fn blob(
        &mut self,
        blob: &BlobRef,
        path: &Path<'_>,
        accept: Option<&[&str]>,
        max_size: Option<i64>,
    ) {
        if blob.is_legacy() {
            self.report(
                path,
                "legacy blob form `{cid, mimeType}` is not allowed (it has no size)",
            );
            return;
        }
        if let Some(accept) = accept {
            if !accept.iter().any(|a| accept_matches(a, &blob.mime_type)) {
                self.report(
                    path,
                    format!("blob MIME type `{}` is not accepted", blob.mime_type),
                );
            }
        }
        if let Some(max) = max_size.filter(|&m| blob.size > m) {
            self.report(
                path,
                format!("blob is {} bytes, larger than the maximum {max}", blob.size),
            );
        }
    }

    /// An `unknown` value: any object that is not a special data-model object.
    pub fn unknown(&mut self, value: &Value, path: &Path<'_>) {
        if !matches!(value, Value::Map(_)) {
            self.report(
                path,
                format!("expected an object (unknown), found {}", value.kind_name()),
            );
        }
    }
}

/// Whether `mime` matches an `accept` pattern: `*/*`, `type/*` (a non-empty subtype) or an
/// exact type, compared case-insensitively.
fn accept_matches(pattern: &str, mime: &str) -> bool {
    if pattern == "*/*" {
        return true;
    }
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('/') && !prefix.contains('*') && prefix.len() > 1 => mime
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix) && mime.len() > prefix.len()),
        _ => mime.eq_ignore_ascii_case(pattern),
    }
}
