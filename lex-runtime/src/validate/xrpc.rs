//! XRPC data: query parameters, request and response bodies, subscription messages
//! (spec §8.11).
//!
//! * Parameters are a map of values; [`Validator::params_from_query`] builds that map from
//!   a URL query string, typed by the schema (booleans `true`/`false`, integers, repeated
//!   keys for arrays).
//! * A body with a `schema` must be a map, even when the schema is a `ref` or a `union`; a
//!   body without a schema is not checked.
//! * A subscription message is picked by the frame header's `t` (`#commit`, or a full
//!   `nsid#name`); its payload carries no `$type`.

use crate::value::{Map, Value};

use super::node::{Body, Node, XrpcRule};
use super::validator::{DefSelector, Validator};
use super::walk::Cx;
use crate::constraint::article;
use crate::constraint::{Path, ValidationError, ValidationErrors};

fn fail<T>(message: String) -> Result<T, ValidationErrors> {
    Err(ValidationErrors::single(ValidationError::new("$", message)))
}

impl<'s> Validator<'s> {
    fn xrpc(&self, def: &impl DefSelector) -> Result<&'s XrpcRule, ValidationErrors> {
        let id = def.select(self.set).map_err(ValidationErrors::single)?;
        match self.node(id) {
            Some(Node::Xrpc(rule)) => Ok(rule),
            _ => fail(format!(
                "`{}` is not a query, procedure or subscription",
                self.set.def_name(id)
            )),
        }
    }

    /// Validates the parameters of a query, procedure or subscription. Undeclared
    /// parameters are ignored; a definition without `parameters` accepts any map.
    pub fn validate_params(
        &self,
        def: impl DefSelector,
        params: &Map,
    ) -> Result<(), ValidationErrors> {
        let rule = self.xrpc(&def)?;
        let mut cx = Cx::new(self.set, self.options);
        if let Some(node) = rule.params {
            cx.value_of_map(node, params, &Path::Root, 0);
        }
        cx.finish()
    }

    /// Reads a URL query string (`a=1&tag=x&tag=y`, without the `?`) into a parameter map
    /// typed by the definition's `parameters`: booleans, integers and strings by their
    /// schema, arrays from repeated keys; undeclared keys stay strings. Percent-escapes and
    /// `+` (space) are decoded. Values that do not parse as their type are errors; run
    /// [`Validator::validate_params`] on the result for the constraints.
    pub fn params_from_query(
        &self,
        def: impl DefSelector,
        query: &str,
    ) -> Result<Map, ValidationErrors> {
        let rule = self.xrpc(&def)?;
        let props = match rule.params.map(|n| self.set.node(n)) {
            Some(Node::Params(obj) | Node::Object(obj)) => &obj.properties[..],
            _ => &[],
        };
        let mut map = Map::new();
        let mut errors = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(key), Some(text)) = (percent_decode(raw_key), percent_decode(raw_value))
            else {
                errors.push(ValidationError::new(
                    "$",
                    format!("invalid percent-encoding in {pair:?}"),
                ));
                continue;
            };
            let schema = props
                .iter()
                .find(|p| *p.name == *key)
                .map(|p| self.set.node(p.node));
            let path = Path::Root;
            let path = path.key(&key);
            let (item_schema, is_array) = match schema {
                Some(Node::Array(a)) => (Some(self.set.node(a.items)), true),
                other => (other, false),
            };
            let value = match item_schema {
                Some(Node::Boolean { .. }) => match text.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => {
                        errors.push(ValidationError::new(
                            path.render(),
                            format!("expected `true` or `false`, found {text:?}"),
                        ));
                        continue;
                    }
                },
                Some(Node::Integer(_)) => match text.parse::<i64>() {
                    Ok(i) => Value::Integer(i),
                    Err(_) => {
                        errors.push(ValidationError::new(
                            path.render(),
                            format!("expected an integer, found {text:?}"),
                        ));
                        continue;
                    }
                },
                _ => Value::String(text),
            };
            if is_array {
                match map.get_mut(&key) {
                    Some(Value::Array(items)) => items.push(value),
                    _ => {
                        map.insert(key, Value::Array(vec![value]));
                    }
                }
            } else if !map.contains_key(&key) {
                map.insert(key, value);
            } else {
                errors.push(ValidationError::new(
                    path.render(),
                    "parameter is given more than once",
                ));
            }
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(ValidationErrors::new(errors, false))
        }
    }

    /// Validates a procedure's request body (a decoded JSON body).
    pub fn validate_input(
        &self,
        def: impl DefSelector,
        body: &Value,
    ) -> Result<(), ValidationErrors> {
        let rule = self.xrpc(&def)?;
        match &rule.input {
            Some(input) => self.body(input, body),
            None => fail(format!("`{}` declares no input", rule.nsid)),
        }
    }

    /// Validates a query's or procedure's response body.
    pub fn validate_output(
        &self,
        def: impl DefSelector,
        body: &Value,
    ) -> Result<(), ValidationErrors> {
        let rule = self.xrpc(&def)?;
        match &rule.output {
            Some(output) => self.body(output, body),
            None => fail(format!("`{}` declares no output", rule.nsid)),
        }
    }

    fn body(&self, body: &Body, value: &Value) -> Result<(), ValidationErrors> {
        let Some(schema) = body.schema else {
            return Ok(());
        };
        let Value::Map(map) = value else {
            return fail(format!(
                "a `{}` body must be an object, found {}",
                body.encoding,
                article(value.kind_name())
            ));
        };
        let mut cx = Cx::new(self.set, self.options);
        cx.value_of_map(schema, map, &Path::Root, 0);
        cx.finish()
    }

    /// Validates one subscription message: `t` is the frame header's type (`#commit` for a
    /// definition of the subscription's own lexicon, or `nsid#name`), `payload` the message
    /// map without `$type`. An unknown `t` is accepted by an open message union (clients
    /// skip messages they do not know) and rejected by a closed one.
    pub fn validate_message(
        &self,
        def: impl DefSelector,
        t: &str,
        payload: &Value,
    ) -> Result<(), ValidationErrors> {
        let rule = self.xrpc(&def)?;
        let Some(Node::Union(union)) = rule.message.map(|n| self.set.node(n)) else {
            return fail(format!("`{}` declares no message union", rule.nsid));
        };
        let Value::Map(map) = payload else {
            return fail(format!(
                "a message must be an object, found {}",
                article(payload.kind_name())
            ));
        };
        let full;
        let name = if t.starts_with('#') {
            full = format!("{}{t}", rule.nsid);
            full.as_str()
        } else {
            t
        };
        match union.variant(name) {
            Some(node) => {
                let mut cx = Cx::new(self.set, self.options);
                cx.value_of_map(node, map, &Path::Root, 0);
                cx.finish()
            }
            None if union.closed => fail(format!("`{t}` is not a message type of `{}`", rule.nsid)),
            None => Ok(()),
        }
    }
}

/// Decodes `%XX` escapes and `+`; `None` for a bad escape or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    if !s.bytes().any(|b| b == b'%' || b == b'+') {
        return Some(s.to_owned());
    }
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = (bytes.next()? as char).to_digit(16)?;
                let lo = (bytes.next()? as char).to_digit(16)?;
                out.push(u8::try_from(hi * 16 + lo).ok()?);
            }
            other => out.push(other),
        }
    }
    String::from_utf8(out).ok()
}
