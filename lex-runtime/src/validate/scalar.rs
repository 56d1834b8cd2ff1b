//! `boolean`, `integer` and `bytes`: a kind check, then the constraints in spec order
//! (`const`, `enum`, `minimum`, `maximum` / byte lengths). Every broken constraint is
//! reported, not only the first.

use crate::value::Value;

use super::error::Path;
use super::node::{IntegerRule, LengthRange};
use super::walk::Cx;

impl Cx<'_> {
    pub(crate) fn boolean(&mut self, const_value: Option<bool>, value: &Value, path: &Path<'_>) {
        let Value::Bool(b) = value else {
            return self.mismatch(path, "a boolean", value);
        };
        if let Some(c) = const_value.filter(|c| c != b) {
            self.report(path, format!("value must be {c} (const)"));
        }
    }

    pub(crate) fn integer(&mut self, rule: &IntegerRule, value: &Value, path: &Path<'_>) {
        let Value::Integer(i) = *value else {
            return self.mismatch(path, "an integer", value);
        };
        if let Some(c) = rule.const_value.filter(|&c| c != i) {
            self.report(path, format!("value {i} is not {c} (const)"));
        }
        if let Some(allowed) = rule.enum_values.as_deref() {
            if !allowed.contains(&i) {
                self.report(
                    path,
                    format!("value {i} is not one of the allowed values {allowed:?}"),
                );
            }
        }
        if let Some(min) = rule.minimum.filter(|&m| i < m) {
            self.report(path, format!("value {i} is less than the minimum {min}"));
        }
        if let Some(max) = rule.maximum.filter(|&m| i > m) {
            self.report(path, format!("value {i} is greater than the maximum {max}"));
        }
    }

    pub(crate) fn bytes(&mut self, range: &LengthRange, value: &Value, path: &Path<'_>) {
        let Value::Bytes(bytes) = value else {
            return self.mismatch(path, "bytes", value);
        };
        let len = bytes.len() as u64;
        if let Some(min) = range.min.filter(|&m| len < m) {
            self.report(path, format!("{len} bytes, fewer than the minimum {min}"));
        }
        if let Some(max) = range.max.filter(|&m| len > m) {
            self.report(path, format!("{len} bytes, more than the maximum {max}"));
        }
    }
}
