//! [`Validator`]: a [`SchemaSet`] plus [`Options`]; the entry points for data (records,
//! objects, any definition) as a [`Value`], JSON text or DAG-CBOR bytes.

use crate::schema::RecordKeyType;
use crate::value::{DataError, Value};

use super::node::Node;
use super::options::Options;
use super::schema_set::{DefId, SchemaSet};
use super::walk::Cx;
use crate::constraint::{Path, ValidationError, ValidationErrors};

/// Names a definition of a [`SchemaSet`]: a [`DefId`], or a name (`nsid`, `nsid#main`,
/// `nsid#def`) looked up on each call.
pub trait DefSelector {
    /// The definition, or an error at `$` when the set has no such definition.
    fn select(&self, set: &SchemaSet) -> Result<DefId, ValidationError>;
}

impl DefSelector for DefId {
    fn select(&self, _: &SchemaSet) -> Result<DefId, ValidationError> {
        Ok(*self)
    }
}

impl DefSelector for &str {
    fn select(&self, set: &SchemaSet) -> Result<DefId, ValidationError> {
        set.def(self)
            .ok_or_else(|| ValidationError::new("$", format!("no schema for `{self}` is loaded")))
    }
}

impl DefSelector for String {
    fn select(&self, set: &SchemaSet) -> Result<DefId, ValidationError> {
        self.as_str().select(set)
    }
}

impl DefSelector for &String {
    fn select(&self, set: &SchemaSet) -> Result<DefId, ValidationError> {
        self.as_str().select(set)
    }
}

/// Validates data against the definitions of a [`SchemaSet`]. Cheap to copy; get one with
/// [`SchemaSet::validator`].
///
/// Every method collects all errors (up to [`Options::max_errors`]), each with the path of
/// the offending value.
#[derive(Debug, Clone, Copy)]
pub struct Validator<'s> {
    pub(crate) set: &'s SchemaSet,
    pub(crate) options: Options,
}

impl<'s> Validator<'s> {
    /// A validator with the strict default options.
    pub fn new(set: &'s SchemaSet) -> Validator<'s> {
        Validator {
            set,
            options: Options::default(),
        }
    }

    /// Uses `options` instead of the defaults.
    pub fn options(mut self, options: Options) -> Validator<'s> {
        self.options = options;
        self
    }

    /// The options in use.
    pub fn current_options(&self) -> Options {
        self.options
    }

    /// The schema set.
    pub fn schemas(&self) -> &'s SchemaSet {
        self.set
    }

    /// Validates `value` against the definition `def`, by the definition's kind: a record
    /// (`$type` must equal the record NSID, then the record's object), an object, or any
    /// other data type (string, array, union, ...). XRPC definitions are not data: use
    /// [`Validator::validate_params`], [`Validator::validate_input`],
    /// [`Validator::validate_output`] or [`Validator::validate_message`].
    pub fn validate(&self, def: impl DefSelector, value: &Value) -> Result<(), ValidationErrors> {
        let id = def.select(self.set).map_err(ValidationErrors::single)?;
        let mut cx = Cx::new(self.set, self.options);
        if let Some(node) = self.set.def_node(id) {
            cx.value(node, value, &Path::Root, 0);
        }
        cx.finish()
    }

    /// Validates a record against the record definition its own `$type` names.
    pub fn validate_record(&self, value: &Value) -> Result<(), ValidationErrors> {
        let fail =
            |message: String| Err(ValidationErrors::single(ValidationError::new("$", message)));
        let Value::Map(map) = value else {
            return fail(format!(
                "a record must be an object, found {}",
                crate::constraint::article(value.kind_name())
            ));
        };
        let Some(t) = map.get("$type").and_then(Value::as_str) else {
            return fail("a record must have a string `$type`".into());
        };
        let Some(id) = self.set.def(t) else {
            return fail(format!("no schema for `{t}` is loaded"));
        };
        if !matches!(self.node(id), Some(Node::Record(_))) {
            return fail(format!("`{t}` is not a record type"));
        }
        self.validate(id, value)
    }

    /// Parses JSON text (atproto encoding, JSON record limits) and validates it against
    /// `def`; a parse error is reported as a validation error with its path.
    pub fn validate_json(&self, def: impl DefSelector, text: &str) -> Result<(), ValidationErrors> {
        let value = crate::json::from_str(text).map_err(data_error)?;
        self.validate(def, &value)
    }

    /// Decodes strict DAG-CBOR (record limits) and validates it against `def`.
    pub fn validate_cbor(
        &self,
        def: impl DefSelector,
        bytes: &[u8],
    ) -> Result<(), ValidationErrors> {
        let value = crate::cbor::decode(bytes).map_err(data_error)?;
        self.validate(def, &value)
    }

    /// Checks a record key against the `key` type of a record definition (`tid`, `nsid`,
    /// `any`, `literal:<value>`); any record key must also have the general record-key syntax.
    pub fn check_record_key(
        &self,
        def: impl DefSelector,
        rkey: &str,
    ) -> Result<(), ValidationError> {
        let id = def.select(self.set)?;
        let Some(Node::Record(rule)) = self.node(id) else {
            return Err(ValidationError::new(
                "$",
                format!("`{}` is not a record type", self.set.def_name(id)),
            ));
        };
        let bad = |why: String| {
            Err(ValidationError::new(
                "$",
                format!("record key {rkey:?} {why}"),
            ))
        };
        if let Err(e) = crate::RecordKey::validate(rkey) {
            return bad(format!("is invalid: {e}"));
        }
        match &rule.key {
            RecordKeyType::Tid => {
                crate::Tid::validate(rkey).or_else(|e| bad(format!("is not a TID: {e}")))
            }
            RecordKeyType::Nsid => {
                crate::Nsid::validate(rkey).or_else(|e| bad(format!("is not an NSID: {e}")))
            }
            RecordKeyType::Any => Ok(()),
            RecordKeyType::Literal(literal) if literal == rkey => Ok(()),
            RecordKeyType::Literal(literal) => bad(format!("must be {literal:?}")),
            RecordKeyType::Other(other) => {
                bad(format!("cannot be checked: unknown key type {other:?}"))
            }
        }
    }

    pub(crate) fn node(&self, id: DefId) -> Option<&'s Node> {
        self.set.def_node(id).map(|n| self.set.node(n))
    }
}

/// A decoding error as a validation error at its path.
pub(crate) fn data_error(e: DataError) -> ValidationErrors {
    ValidationErrors::single(ValidationError::new(e.path(), e.kind().to_string()))
}
