//! The resource-independent layer of scope strings: `&str` -> resource, decoded positional
//! value and decoded `name=value` pairs ([`split`]), a reader that resource parsers take
//! their parameters from ([`Params`]), and the writer their `Display` impls share.

use std::fmt;

use super::error::{ScopeError, ScopeErrorKind};
use super::percent::{self, Part};

/// A scope string cut at its first `:` and `?` (spec section 2.2), values decoded.
pub(crate) struct Syntax<'a> {
    pub(crate) resource: &'a str,
    pub(crate) positional: Option<String>,
    pub(crate) named: Vec<(String, String)>,
}

/// Cuts `scope` into resource, positional value and parameters.
pub(crate) fn split(scope: &str) -> Result<Syntax<'_>, ScopeError> {
    if scope.is_empty() {
        return Err(ScopeError::new(scope, ScopeErrorKind::Empty));
    }
    if let Some(offset) = scope.bytes().position(|b| !(b'!'..=b'~').contains(&b)) {
        return Err(ScopeError::new(
            scope,
            ScopeErrorKind::InvalidCharacter { offset },
        ));
    }
    let query_at = scope.find('?');
    let colon_at = scope.find(':');
    // A `:` after the `?` belongs to a parameter value, not to the resource.
    let colon_at = colon_at.filter(|c| query_at.is_none_or(|q| *c < q));
    let resource_end = colon_at.or(query_at).unwrap_or(scope.len());
    let resource = scope.get(..resource_end).unwrap_or_default();
    let positional = match colon_at {
        Some(c) => {
            let raw = scope.get(c + 1..query_at.unwrap_or(scope.len()));
            let raw = raw.unwrap_or_default();
            let decoded = percent::decode(raw, Part::Positional).ok_or_else(|| {
                ScopeError::new(
                    scope,
                    ScopeErrorKind::BadPercentEncoding {
                        param: "positional value".to_owned(),
                    },
                )
            })?;
            Some(decoded)
        }
        None => None,
    };
    let mut named = Vec::new();
    if let Some(q) = query_at {
        let query = scope.get(q + 1..).unwrap_or_default();
        // Empty pieces (`a=1&&b=2`, a trailing `&`) carry nothing, as in a form decoder.
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = percent::decode(name, Part::Query);
            let name = name.ok_or_else(|| bad_escape(scope, pair))?;
            let value = percent::decode(value, Part::Query);
            let value = value.ok_or_else(|| bad_escape(scope, &name))?;
            named.push((name, value));
        }
    }
    Ok(Syntax {
        resource,
        positional,
        named,
    })
}

fn bad_escape(scope: &str, param: &str) -> ScopeError {
    ScopeError::new(
        scope,
        ScopeErrorKind::BadPercentEncoding {
            param: param.to_owned(),
        },
    )
}

/// The parameters of one scope (from a string or a permission-set entry), taken one name
/// at a time by a resource parser.
pub(crate) struct Params<'s> {
    scope: &'s str,
    resource: &'static str,
    positional_name: &'static str,
    positional: Option<String>,
    named: Vec<(String, String)>,
}

impl<'s> Params<'s> {
    /// `scope` is only used to label errors.
    pub(crate) fn new(
        scope: &'s str,
        resource: &'static str,
        positional_name: &'static str,
        positional: Option<String>,
        named: Vec<(String, String)>,
    ) -> Params<'s> {
        Params {
            scope,
            resource,
            positional_name,
            positional,
            named,
        }
    }

    pub(crate) fn error(&self, kind: ScopeErrorKind) -> ScopeError {
        ScopeError::new(self.scope, kind)
    }

    /// Fails on the first parameter name not in `known` (the reference rejects the scope
    /// rather than ignore a parameter that might narrow it).
    pub(crate) fn only(&self, known: &[&'static str]) -> Result<(), ScopeError> {
        match self
            .named
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            Some((name, _)) => Err(self.error(ScopeErrorKind::UnknownParameter {
                resource: self.resource,
                name: name.clone(),
            })),
            None => Ok(()),
        }
    }

    /// Every value of `name` (positional or repeated named), or `None` when absent.
    pub(crate) fn multi(&mut self, name: &'static str) -> Result<Option<Vec<String>>, ScopeError> {
        let named = self.take(name);
        if name == self.positional_name {
            if let Some(p) = self.positional.take() {
                if !named.is_empty() {
                    return Err(self.error(ScopeErrorKind::PositionalAndNamed(name)));
                }
                return Ok(Some(vec![p]));
            }
        }
        Ok((!named.is_empty()).then_some(named))
    }

    /// The one value of `name`, or `None` when absent.
    pub(crate) fn single(&mut self, name: &'static str) -> Result<Option<String>, ScopeError> {
        let mut values = self.multi(name)?.unwrap_or_default();
        if values.len() > 1 {
            return Err(self.error(ScopeErrorKind::Repeated(name)));
        }
        Ok(values.pop())
    }

    /// Like [`Params::multi`], but absence is an error.
    pub(crate) fn required_multi(&mut self, name: &'static str) -> Result<Vec<String>, ScopeError> {
        self.multi(name)?
            .ok_or_else(|| self.error(ScopeErrorKind::Missing(name)))
    }

    /// Like [`Params::single`], but absence is an error.
    pub(crate) fn required_single(&mut self, name: &'static str) -> Result<String, ScopeError> {
        self.single(name)?
            .ok_or_else(|| self.error(ScopeErrorKind::Missing(name)))
    }

    fn take(&mut self, name: &str) -> Vec<String> {
        let mut taken = Vec::new();
        self.named.retain(|(n, v)| {
            if n == name {
                taken.push(v.clone());
                false
            } else {
                true
            }
        });
        taken
    }

    pub(crate) fn bad_value(
        &self,
        param: &'static str,
        value: &str,
        reason: &'static str,
    ) -> ScopeError {
        self.error(ScopeErrorKind::BadValue {
            param,
            value: value.to_owned(),
            reason,
        })
    }
}

/// Writes the normalized form: `resource[:positional][?name=value&...]`. The positional
/// parameter's values go positionally when there is exactly one, else as named pairs
/// ahead of the other parameters (the reference's order: positional name first).
pub(crate) fn write_scope(
    f: &mut fmt::Formatter<'_>,
    resource: &str,
    positional_name: &str,
    positional_values: &[&str],
    other: &[(&str, &str)],
) -> fmt::Result {
    let mut out = String::from(resource);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    match positional_values {
        [one] => {
            out.push(':');
            percent::encode_into(&mut out, one, Part::Positional);
        }
        many => pairs.extend(many.iter().map(|v| (positional_name, *v))),
    }
    pairs.extend_from_slice(other);
    for (i, (name, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        percent::encode_into(&mut out, name, Part::Query);
        out.push('=');
        percent::encode_into(&mut out, value, Part::Query);
    }
    f.write_str(&out)
}
