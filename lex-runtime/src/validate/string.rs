//! `string`: kind, `const`, `enum`, length in UTF-8 bytes, length in extended grapheme
//! clusters (UAX #29), then `format` through the runtime's scanners.
//!
//! Counting graphemes is the expensive part, so it is skipped whenever the byte length
//! already decides: a string never has more graphemes than bytes, so `len <= maxGraphemes`
//! passes and `len < minGraphemes` fails without counting. ASCII text has one grapheme per
//! byte except `\r\n`, which is one cluster, so it is counted without the segmenter. When
//! the segmenter does run, it stops one past the largest bound that matters.

use unicode_segmentation::UnicodeSegmentation;

use crate::value::Value;

use super::error::Path;
use super::node::{Format, LengthRange, StringRule};
use super::walk::Cx;

impl Cx<'_> {
    pub(crate) fn string(&mut self, rule: &StringRule, value: &Value, path: &Path<'_>) {
        let Value::String(s) = value else {
            return self.mismatch(path, "a string", value);
        };
        let s = s.as_str();
        if let Some(c) = rule.const_value.as_deref() {
            if s != c {
                self.report(path, format!("value {s:?} is not {c:?} (const)"));
            }
        }
        if let Some(allowed) = rule.enum_values.as_deref() {
            if !allowed.iter().any(|a| &**a == s) {
                self.report(
                    path,
                    format!("value {s:?} is not one of the allowed values {allowed:?}"),
                );
            }
        }
        let len = s.len() as u64;
        if let Some(min) = rule.bytes.min.filter(|&m| len < m) {
            self.report(
                path,
                format!("string is {len} bytes long, shorter than the minimum {min}"),
            );
        }
        if let Some(max) = rule.bytes.max.filter(|&m| len > m) {
            self.report(
                path,
                format!("string is {len} bytes long, longer than the maximum {max}"),
            );
        }
        if !rule.graphemes.is_unbounded() {
            self.graphemes(rule, s, path);
        }
        if let Some(format) = &rule.format {
            self.format(format, s, path);
        }
    }

    fn graphemes(&mut self, rule: &StringRule, s: &str, path: &Path<'_>) {
        let len = s.len() as u64;
        let LengthRange { min, max } = rule.graphemes;
        let max_needs_count = max.is_some_and(|m| len > m);
        let min_needs_count = min.is_some_and(|m| len >= m);
        if let Some(m) = min.filter(|&m| len < m) {
            // Fewer bytes than the minimum: certainly fewer graphemes.
            self.report(
                path,
                format!("string has fewer than {m} graphemes (only {len} bytes)"),
            );
        }
        if !max_needs_count && !min_needs_count {
            return;
        }
        // Count one past the largest bound, which is enough to decide both.
        let cap = max.unwrap_or(0).max(min.unwrap_or(0)).saturating_add(1);
        let count = count_graphemes(s, cap);
        if let Some(m) = min.filter(|&m| min_needs_count && count < m) {
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

    fn format(&mut self, format: &Format, s: &str, path: &Path<'_>) {
        match format {
            Format::Syntax(f) => {
                if let Err(e) = f.validate(s) {
                    let lenient_ok = *f == crate::StringFormat::Datetime
                        && self.options.lenient_datetimes
                        && crate::Datetime::parse_lenient(s).is_ok();
                    if !lenient_ok {
                        self.report(path, e.to_string());
                    }
                }
            }
            Format::Cid => {
                if let Err(e) = crate::Cid::check_syntax(s) {
                    self.report(path, format!("invalid CID string: {e}"));
                }
            }
            Format::Unknown => {}
        }
    }
}

/// Extended grapheme clusters in `s`, counting at most `cap`.
fn count_graphemes(s: &str, cap: u64) -> u64 {
    if s.is_ascii() {
        // Every ASCII byte is its own cluster except CR LF, which is one.
        let crlf = s.as_bytes().windows(2).filter(|w| w == b"\r\n").count();
        return (s.len() - crlf) as u64;
    }
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    s.graphemes(true).take(cap).count() as u64
}

#[cfg(test)]
mod tests {
    use super::count_graphemes;

    #[test]
    fn grapheme_counts() {
        assert_eq!(count_graphemes("abc", 100), 3);
        assert_eq!(count_graphemes("a\r\nb", 100), 3);
        assert_eq!(count_graphemes("a\n\rb", 100), 4);
        assert_eq!(count_graphemes("🇩🇪🏳️‍🌈", 100), 2);
        assert_eq!(count_graphemes("e\u{301}x", 100), 2);
        assert_eq!(count_graphemes("ééééé", 3), 3);
    }
}
