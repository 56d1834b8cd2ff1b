//! `integer` constraints: `const`, `enum`, `minimum`, `maximum`, each broken one reported.

use super::checker::Checker;
use super::path::Path;

/// The constraints of an `integer` (`None`: not constrained). Write only the ones a schema
/// sets: `IntRule { minimum: Some(1), ..IntRule::ANY }`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntRule<'a> {
    /// `minimum` (inclusive).
    pub minimum: Option<i64>,
    /// `maximum` (inclusive).
    pub maximum: Option<i64>,
    /// `const`: the only allowed value.
    pub const_value: Option<i64>,
    /// `enum`: the allowed values.
    pub enum_values: Option<&'a [i64]>,
}

impl IntRule<'static> {
    /// No constraint at all, the base of struct update syntax.
    pub const ANY: IntRule<'static> = IntRule {
        minimum: None,
        maximum: None,
        const_value: None,
        enum_values: None,
    };
}

impl Checker {
    /// Checks `i` against every constraint of `rule`, reporting each one broken.
    #[inline]
    pub fn integer(&mut self, i: i64, path: &Path<'_>, rule: &IntRule<'_>) {
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
}
