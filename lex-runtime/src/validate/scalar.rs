//! `boolean`, `integer` and `bytes`: a kind check, then the constraints through the shared
//! checks of `crate::constraint` (`const`, `enum`, `minimum`, `maximum` / byte lengths).
//! Every broken constraint is reported, not only the first.

use crate::constraint::{IntRule, Path};
use crate::value::Value;

use super::node::{IntegerRule, LengthRange};
use super::walk::Cx;

impl Cx<'_> {
    pub(crate) fn boolean(&mut self, const_value: Option<bool>, value: &Value, path: &Path<'_>) {
        let Value::Bool(b) = *value else {
            return self.mismatch(path, "a boolean", value);
        };
        if let Some(c) = const_value {
            self.checker.boolean(b, path, c);
        }
    }

    pub(crate) fn integer(&mut self, rule: &IntegerRule, value: &Value, path: &Path<'_>) {
        let Value::Integer(i) = *value else {
            return self.mismatch(path, "an integer", value);
        };
        let rule = IntRule {
            minimum: rule.minimum,
            maximum: rule.maximum,
            const_value: rule.const_value,
            enum_values: rule.enum_values.as_deref(),
        };
        self.checker.integer(i, path, &rule);
    }

    pub(crate) fn bytes(&mut self, range: &LengthRange, value: &Value, path: &Path<'_>) {
        let Value::Bytes(bytes) = value else {
            return self.mismatch(path, "bytes", value);
        };
        self.checker
            .bytes_len(bytes.len(), path, range.min, range.max);
    }
}
