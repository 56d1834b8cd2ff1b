//! `string` constraints: `const`, `enum`, length in UTF-8 bytes, length in extended
//! grapheme clusters, and `format: cid` (kept as a plain string by generated code).
//!
//! Counting graphemes is the expensive part, so it is skipped whenever the byte length
//! already decides: a string never has more graphemes than bytes, so `len <= maxGraphemes`
//! passes and `len < minGraphemes` fails without counting. When the segmenter does run, it
//! stops one past the largest bound that matters.

use super::checker::Checker;
use super::graphemes;
use super::path::Path;

/// The constraints of a `string` (`None` / `false`: not constrained). Write only the ones a
/// schema sets: `StrRule { max_len: Some(3000), max_graphemes: Some(300), ..StrRule::ANY }`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StrRule<'a> {
    /// `minLength`, in UTF-8 bytes.
    pub min_len: Option<u64>,
    /// `maxLength`, in UTF-8 bytes.
    pub max_len: Option<u64>,
    /// `minGraphemes`, in extended grapheme clusters.
    pub min_graphemes: Option<u64>,
    /// `maxGraphemes`, in extended grapheme clusters.
    pub max_graphemes: Option<u64>,
    /// `const`: the only allowed value.
    pub const_value: Option<&'a str>,
    /// `enum`: the allowed values (`knownValues` is a hint, never a constraint).
    pub enum_values: Option<&'a [&'a str]>,
    /// `format: cid`: the loose CID syntax of Lexicon strings.
    pub cid: bool,
}

impl StrRule<'static> {
    /// No constraint at all, the base of struct update syntax.
    pub const ANY: StrRule<'static> = StrRule {
        min_len: None,
        max_len: None,
        min_graphemes: None,
        max_graphemes: None,
        const_value: None,
        enum_values: None,
        cid: false,
    };
}

impl Checker {
    /// Checks `s` against every constraint of `rule`, in the order the spec lists them,
    /// reporting each one broken.
    #[inline]
    pub fn string(&mut self, s: &str, path: &Path<'_>, rule: &StrRule<'_>) {
        if let Some(c) = rule.const_value {
            self.string_const(s, path, c);
        }
        if let Some(allowed) = rule.enum_values {
            self.string_enum(s, path, allowed);
        }
        self.string_lengths(s, path, rule);
        if rule.cid {
            self.cid_string(s, path);
        }
    }

    /// `const`: `s` must be `c`.
    #[inline]
    pub(crate) fn string_const(&mut self, s: &str, path: &Path<'_>, c: &str) {
        if s != c {
            self.report(path, format!("value {s:?} is not {c:?} (const)"));
        }
    }

    /// `enum`: `s` must be one of `allowed`.
    pub(crate) fn string_enum<S: AsRef<str> + std::fmt::Debug>(
        &mut self,
        s: &str,
        path: &Path<'_>,
        allowed: &[S],
    ) {
        if !allowed.iter().any(|a| a.as_ref() == s) {
            self.report(
                path,
                format!("value {s:?} is not one of the allowed values {allowed:?}"),
            );
        }
    }

    /// The byte and grapheme lengths of `rule` (its other fields are not looked at).
    #[inline]
    pub(crate) fn string_lengths(&mut self, s: &str, path: &Path<'_>, rule: &StrRule<'_>) {
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
        if let Some(m) = min.filter(|&m| len < m) {
            self.report(
                path,
                format!("string has fewer than {m} graphemes (only {len} bytes)"),
            );
        }
        let min_needs_count = min.is_some_and(|m| m > 0 && len >= m);
        if max.is_some_and(|m| len > m) || min_needs_count {
            self.graphemes(s, path, min.filter(|_| min_needs_count), max);
        }
    }

    /// The grapheme bounds, once the byte length could not decide them.
    fn graphemes(&mut self, s: &str, path: &Path<'_>, min: Option<u64>, max: Option<u64>) {
        // One past the largest bound is enough to decide both.
        let cap = max.unwrap_or(0).max(min.unwrap_or(0)).saturating_add(1);
        let count = graphemes::count(s, cap);
        if let Some(m) = min.filter(|&m| count < m) {
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

    /// `format: cid` on a plain string.
    pub(crate) fn cid_string(&mut self, s: &str, path: &Path<'_>) {
        if let Err(e) = crate::Cid::check_syntax(s) {
            self.report(path, format!("invalid CID string: {e}"));
        }
    }
}
