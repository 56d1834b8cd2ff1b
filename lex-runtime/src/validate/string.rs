//! `string`: the kind, then `const`, `enum`, lengths in UTF-8 bytes and in extended
//! grapheme clusters through the shared checks of `crate::constraint`, then `format`
//! through the runtime's scanners.

use crate::constraint::Path;
use crate::value::Value;

use super::node::{Format, StringRule};
use super::walk::Cx;

impl Cx<'_> {
    pub(crate) fn string(&mut self, rule: &StringRule, value: &Value, path: &Path<'_>) {
        let Value::String(s) = value else {
            return self.mismatch(path, "a string", value);
        };
        let s = s.as_str();
        if let Some(c) = rule.const_value.as_deref() {
            self.checker.string_const(s, path, c);
        }
        if let Some(allowed) = rule.enum_values.as_deref() {
            self.checker.string_enum(s, path, allowed);
        }
        self.checker.string_lengths(s, path, &rule.lengths);
        if let Some(format) = &rule.format {
            self.format(format, s, path);
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
            Format::Cid => self.checker.cid_string(s, path),
            Format::Unknown => {}
        }
    }
}
